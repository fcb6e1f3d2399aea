//! What the parameter file knew on a past day, and the history of a zone's values.
//!
//! A file that says `known_from` / `known_until` (see `load/known.rs`) is loaded once per span of
//! days with the same knowledge: the view of each earlier span is a whole, checked parameter set,
//! built once when the file is read and shared (`Arc`) by every request replayed in it. A request
//! without `as_known_on` never looks at them.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::load::{Loader, known_days};
use super::{ParameterSet, Period, Rate, Series};
use crate::error::{Error, ErrorKind, Problem};
use crate::model::money::{Confidence, Share};

/// The earlier views of a parameter set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Knowledge {
    /// The first day the file knows anything (its `published` date by default); `None` when the
    /// file has no date at all (then it is taken as always known).
    since: Option<NaiveDate>,
    /// `(first day, first day after)` of each earlier span and the parameters known in it.
    earlier: Vec<(NaiveDate, NaiveDate, Arc<ParameterSet>)>,
}

/// Reads a file and each of its earlier views; every problem of any view is reported once.
pub(super) fn load(text: &str) -> Result<ParameterSet, Error> {
    // The file is read once; each day of knowledge is loaded from what was read.
    let Some((days, raw)) = known_days(text) else {
        return Loader::new(text).load().map(|mut p| {
            p.knowledge.since = p.published;
            p
        });
    };
    let current = Loader::new(text).parsed(&raw).load();
    let mut problems: Vec<Problem> = match &current {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    };
    let mut earlier = Vec::new();
    for w in days.windows(2) {
        let (day, next) = (w[0], w[1]);
        match Loader::new(text).known_on(day).parsed(&raw).load() {
            Ok(view) => earlier.push((day, next, Arc::new(view))),
            Err(e) => {
                for p in e.problems() {
                    if problems.iter().any(|q| same_problem(q, p)) {
                        continue;
                    }
                    let mut p = p.clone();
                    p.message_fr = format!("connu le {day} : {}", p.message_fr);
                    p.message_en = format!("as known on {day}: {}", p.message_en);
                    problems.push(p);
                }
            }
        }
    }
    match current {
        Ok(mut p) if problems.is_empty() => {
            p.knowledge = Knowledge {
                since: days.first().copied(),
                earlier,
            };
            Ok(p)
        }
        _ => {
            let n = problems.len();
            Err(Error::new(
                ErrorKind::InvalidParameters,
                "params.invalid",
                None,
                format!("fichier de paramètres rejeté : {n} problème(s)"),
                format!("parameter file rejected: {n} problem(s)"),
            )
            .with_problems(problems))
        }
    }
}

/// The same problem, whatever view found it (the prefix of an earlier view aside).
fn same_problem(a: &Problem, b: &Problem) -> bool {
    a.code == b.code
        && a.line == b.line
        && a.column == b.column
        && a.message_en.ends_with(&b.message_en)
}

impl ParameterSet {
    /// The first day the file records what was known (its `published` date unless an entry says
    /// an earlier `known_from`); `None` when the file has no date.
    #[must_use]
    pub fn known_since(&self) -> Option<NaiveDate> {
        self.knowledge.since
    }

    /// The days on which the file's knowledge changed (the first day of each earlier view and of
    /// the current one), in order.
    #[must_use]
    pub fn knowledge_days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.knowledge.earlier.iter().map(|e| e.0).collect();
        days.extend(self.knowledge.earlier.last().map(|e| e.1));
        days
    }

    /// The parameters as they were known on `day`: only the values known that day, with the
    /// same sources, the same checks and the same fingerprint (the file's).
    ///
    /// # Errors
    ///
    /// `request.date_out_of_range` (field `as_known_on`) for a day before [`known_since`](Self::known_since).
    pub fn as_known_on(&self, day: NaiveDate) -> Result<&ParameterSet, Error> {
        Ok(self.view_on(day)?.map_or(self, |v| &**v))
    }

    /// The earlier view in force on `day`, or `None` when it is the current one.
    pub(crate) fn view_on(&self, day: NaiveDate) -> Result<Option<&Arc<ParameterSet>>, Error> {
        if let Some(since) = self.knowledge.since {
            if day < since {
                return Err(Error::new(
                    ErrorKind::DateOutOfRange,
                    "request.date_out_of_range",
                    Some("as_known_on"),
                    format!(
                        "le fichier de paramètres ne dit ce qui était connu qu'à partir du {since}"
                    ),
                    format!("the parameter file records what was known only from {since}"),
                ));
            }
        }
        Ok(self
            .knowledge
            .earlier
            .iter()
            .find(|(from, until, _)| *from <= day && day < *until)
            .map(|(_, _, v)| v))
    }

    /// Every value a zone's rates and clean-vehicle shares have had in the file, corrected ones
    /// included, in the order of their periods; `None` for a zone the file never had.
    #[must_use]
    pub fn history(&self, zone: &str) -> Option<Vec<HistoryEntry>> {
        let mut views: Vec<(NaiveDate, Option<NaiveDate>, &ParameterSet)> = self
            .knowledge
            .earlier
            .iter()
            .map(|(from, until, v)| (*from, Some(*until), &**v))
            .collect();
        let now_from = self
            .knowledge
            .earlier
            .last()
            .map(|e| e.1)
            .or(self.knowledge.since)
            .unwrap_or(NaiveDate::MIN);
        views.push((now_from, None, self));
        let mut out: Vec<HistoryEntry> = Vec::new();
        let mut found = false;
        for (from, until, view) in views {
            let Some(z) = view.zone(zone) else { continue };
            found = true;
            let rates = entries(view, "rates", &z.rates, |r: &Rate| r.per_cv.to_string());
            let shares = entries(view, "clean_exemption", &z.clean_exemption, |s: &Share| {
                s.to_string()
            });
            for mut e in rates.into_iter().chain(shares) {
                if let Some(seen) = out.iter_mut().find(|o| o.same_value(&e)) {
                    seen.known_until = until;
                } else {
                    e.known_from = (from != NaiveDate::MIN).then_some(from);
                    e.known_until = until;
                    out.push(e);
                }
            }
        }
        if !found {
            return None;
        }
        out.sort_by(|a, b| {
            (a.series != "rates", a.from, a.known_from).cmp(&(
                b.series != "rates",
                b.from,
                b.known_from,
            ))
        });
        Some(out)
    }
}

/// One value of a zone as the file has held it, with the days it was known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// `rates` (€ per CV) or `clean_exemption` (share of Y1 exempted).
    pub series: &'static str,
    /// First day of the period.
    pub from: NaiveDate,
    /// `None` for a period without end.
    pub to: Option<NaiveDate>,
    /// The value as text (`"59.00"`, `"0.5"`), `None` for a gap.
    pub value: Option<String>,
    /// For a gap: why no value is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// How sure the value is, as graded in the file.
    pub confidence: Confidence,
    /// Source ids as written in the file.
    pub source: String,
    /// The file's note on the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// First day the file knew it (`None`: always).
    pub known_from: Option<NaiveDate>,
    /// First day it was no longer known (corrected), `None` while it still is.
    pub known_until: Option<NaiveDate>,
    /// Line of the entry in the parameter file.
    pub line: u32,
}

impl HistoryEntry {
    fn same_value(&self, o: &HistoryEntry) -> bool {
        self.series == o.series
            && self.from == o.from
            && self.to == o.to
            && self.value == o.value
            && self.unknown == o.unknown
            && self.line == o.line
    }

    /// The last day the entry was known, for display (`known_until` is exclusive).
    #[must_use]
    pub fn last_known_day(&self) -> Option<NaiveDate> {
        self.known_until
            .and_then(|d| d.checked_sub_days(Days::new(1)))
    }
}

fn entries<T>(
    p: &ParameterSet,
    series: &'static str,
    s: &Series<T>,
    text: impl Fn(&T) -> String,
) -> Vec<HistoryEntry> {
    s.periods
        .iter()
        .map(|per: &Period<T>| {
            let m = p.meta(per.meta);
            HistoryEntry {
                series,
                from: per.from,
                to: (!per.is_open()).then_some(per.to),
                value: per.value.as_ref().map(&text),
                unknown: per.unknown.clone(),
                confidence: m.confidence,
                source: m.source.clone(),
                note: m.note.clone(),
                known_from: None,
                known_until: None,
                line: m.line,
            }
        })
        .collect()
}
