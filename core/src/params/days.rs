//! Classes of days: between two consecutive boundaries (the first day of a period of a dated
//! series, the day after its end), every series has the same period in force. The table is made
//! once, when the parameters are loaded; the fee path finds the class of its date in a few steps
//! (the class of the year's 1 January, then the few boundaries of that year) and reads the period
//! of each series by its index, instead of scanning every series.
//! Only where to look is precomputed: the rules read the periods themselves, and a period that does
//! not include the date (an index made stale by an edit of the series) falls back to the scan.

use chrono::{Datelike, NaiveDate};

use super::keys::{InForce, Scalars};

/// The classes of days of a parameter set's dated series.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Days {
    /// The first day of each class but the first, in date order.
    starts: Vec<NaiveDate>,
    /// `classes[0]` before `starts[0]`, `classes[i]` from `starts[i - 1]` to the day before
    /// `starts[i]` (or on).
    classes: Vec<InForce>,
    /// The year of `starts[0]`.
    first_year: i32,
    /// For each year from `first_year` to the year of the last start: the class of its 1 January.
    /// A date's class is found from there in a few steps (a year has few boundaries), cheaper
    /// than a binary search over every start.
    year_class: Vec<u16>,
}

impl Days {
    /// The classes of days of `scalars`.
    pub(crate) fn new(scalars: &Scalars) -> Days {
        let mut starts: Vec<NaiveDate> = Vec::new();
        for (_, from, to) in scalars.spans() {
            starts.push(from);
            starts.extend(to.succ_opt());
        }
        starts.sort_unstable();
        starts.dedup();
        let classes = std::iter::once(NaiveDate::MIN)
            .chain(starts.iter().copied())
            .map(|day| scalars.in_force(day))
            .collect();
        let first_year = starts.first().map_or(0, Datelike::year);
        let last_year = starts.last().map_or(0, Datelike::year);
        let year_class = (first_year..=last_year)
            .map(|y| {
                let jan1 = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN);
                u16::try_from(starts.partition_point(|s| *s <= jan1)).unwrap_or(0)
            })
            .collect();
        Days {
            starts,
            classes,
            first_year,
            year_class,
        }
    }

    /// The first day of each class but the first, in date order.
    pub(crate) fn starts(&self) -> &[NaiveDate] {
        &self.starts
    }

    /// The index of the period of every series in force on `date`.
    #[inline(always)]
    pub(crate) fn at(&self, date: NaiveDate) -> &InForce {
        // Before the first year: class 0 (before every start); after the last, from its class.
        let mut class = usize::try_from(date.year() - self.first_year).map_or(0, |year| {
            self.year_class
                .get(year)
                .or(self.year_class.last())
                .map_or(0, |&c| usize::from(c))
        });
        while self.starts.get(class).is_some_and(|start| *start <= date) {
            class += 1;
        }
        &self.classes[class]
    }
}

#[cfg(test)]
mod tests {
    use crate::params::ParameterSet;
    use chrono::NaiveDate;

    /// Every day of the file, and the days around it: the period found through the class of days
    /// is the one the scan finds, for every series.
    #[test]
    fn the_class_of_a_day_gives_the_periods_the_scan_finds() {
        let p = ParameterSet::embedded().expect("embedded");
        let first = p.starts.pred_opt().expect("a day before");
        let mut day = NaiveDate::MIN;
        let mut checked = 0;
        let end = NaiveDate::from_ymd_opt(2040, 1, 1).expect("date");
        while day <= end {
            assert_eq!(*p.days.at(day), p.scalars.in_force(day), "{day}");
            let s = &p.scalars;
            let i = p.days.at(day);
            assert_eq!(
                s.y4_amount.at_index(i.y4_amount, day).map(|q| q.meta),
                s.y4_amount.at(day).map(|q| q.meta),
                "{day}"
            );
            checked += 1;
            day = if day < first {
                first
            } else {
                day.succ_opt().expect("next day")
            };
        }
        assert!(checked > 10_000);
    }
}
