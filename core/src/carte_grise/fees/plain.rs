//! The fees of a plain query, worked out once per stretch of days when the engine is built.
//!
//! Under a regime whose Y1 and Y4 do not depend on the vehicle or the department
//! ([`super::regime::RegimeRules::plain`]: the taxe fixe of 2021, the CIBS from 2022), the fees of
//! a *plain* query (no FNI number, no cyclomoteur, no natural disaster, no change of address) are
//! the same for every query on a given day, and they change only on a day where something they
//! rest on changes: a period of a dated series (the classes of days, `params/days.rs`), the last
//! review (its two limits, `explain::era`), or the date of a value's earliest source (the dated
//! cap). Between two such days the answer is the same: [`compute`] is run once on the first day
//! of each stretch, and [`PlainFees::get`] finds the stretch of a date in a few comparisons and
//! returns its answer, so the fee path of those years is a table lookup.
//!
//! Any other query, and any day whose answer [`compute`] refuses (a gap, a date before the SIV),
//! takes [`compute`] itself: the table only ever holds answers [`compute`] gave, and the tests
//! check it gives back, for every day and many queries, what [`compute`] answers
//! (`plain_fees_are_the_answers_of_compute`).

use chrono::NaiveDate;

use super::{FeeBreakdown, FeeQuery, compute, regime};
use crate::contract::request::{Category, Energy};
use crate::model::plate::PlateSystem;
use crate::params::{ParameterSet, Series};

/// The precomputed answers of plain queries, by stretch of days.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PlainFees {
    /// The first day of each stretch, in date order (`starts[0]` is the first day with an
    /// answer; empty when no day has one).
    pub(super) starts: Vec<NaiveDate>,
    /// The answer of a plain query from `starts[i]` to the day before `starts[i + 1]` (or on),
    /// with its date to be set; `None` when that stretch takes the general path.
    answers: Vec<Option<FeeBreakdown>>,
}

impl PlainFees {
    /// The table of `params` (a few [`compute`] calls, one per stretch of days).
    pub(crate) fn new(params: &ParameterSet) -> PlainFees {
        let mut days: Vec<NaiveDate> = params.days.starts().to_vec();
        days.extend(params.review_limits.iter().flat_map(|&(a, b)| [a, b]));
        days.extend(
            params
                .sources_from
                .iter()
                .copied()
                .filter(|d| *d != NaiveDate::MIN),
        );
        days.push(params.dates.siv_start.date);
        days.push(params.starts);
        days.retain(|d| *d >= params.dates.siv_start.date);
        days.sort_unstable();
        days.dedup();

        let mut table = PlainFees::default();
        for day in days {
            let answer = plain_regime(&params.scalars.regime, day)
                .then(|| compute(params, &sample(day)).ok())
                .flatten()
                .map(|f| FeeBreakdown {
                    date: NaiveDate::MIN,
                    ..f
                });
            // Equal answers on consecutive stretches make one stretch (none before the first).
            if table.answers.last() == Some(&answer)
                || (table.starts.is_empty() && answer.is_none())
            {
                continue;
            }
            table.starts.push(day);
            table.answers.push(answer);
        }
        table
    }

    /// The first day with an answer (`NaiveDate::MAX` when none): before it, every query takes
    /// the general path, after one comparison.
    pub(crate) fn from(&self) -> NaiveDate {
        self.starts.first().copied().unwrap_or(NaiveDate::MAX)
    }

    /// The answer of `q` if it is a plain query on a day of the table.
    #[inline(always)]
    pub(crate) fn get(&self, q: &FeeQuery) -> Option<FeeBreakdown> {
        if q.plate == PlateSystem::Fni
            || q.category == Category::MopedLe50
            || q.natural_disaster
            || q.change_of_address
        {
            return None;
        }
        // The last stretch starting on or before the date.
        let i = self
            .starts
            .partition_point(|s| *s <= q.date)
            .checked_sub(1)?;
        let answer = self.answers.get(i)?.as_ref()?;
        Some(FeeBreakdown {
            date: q.date,
            ..*answer
        })
    }
}

/// Whether the regime in force on `day` is one whose fees of a plain query depend on the date
/// alone.
fn plain_regime(series: &Series<crate::params::Regime>, day: NaiveDate) -> bool {
    series
        .at(day)
        .and_then(|p| p.value)
        .is_some_and(|r| regime::rules(r).plain)
}

/// A plain query on `day` (what the table's answers are computed for). It has no department: a
/// regime whose rules read the department refuses it, and its days get no answer.
fn sample(day: NaiveDate) -> FeeQuery {
    FeeQuery {
        date: day,
        department: None,
        plate: PlateSystem::Siv,
        category: Category::Car,
        energy: Energy::Petrol,
        change_of_address: false,
        natural_disaster: false,
    }
}
