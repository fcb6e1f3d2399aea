//! Eras: the period in which a document, validity item, step or message applies, and the source
//! that dates it. Each table of this subject carries a [`Period`] per item, and the engine keeps the
//! items whose period covers the request's date ([`Period::covers`]).
//!
//! The rule for a date no source covers is written once, here ([`Coverage`]): an item whose
//! subject is known but whose dated text is missing on that date (a form of unknown version, a
//! rule read only in a later fiche) is kept with low confidence and says so; an item a later text
//! introduced is left out before its first dated source.

use serde::Serialize;

/// The period in which an item applies (both bounds included) and the source of that period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day (`YYYY-MM-DD`), or `null` when the item is as old as the file's span.
    pub from: Option<&'static str>,
    /// Last day (`YYYY-MM-DD`), or `null` when the item is still in force.
    pub until: Option<&'static str>,
    /// The text that dates the period.
    pub source: &'static str,
    /// `from` and `until` as day numbers ([`parse`], when the period is built; no bound: the
    /// least or greatest number): what [`Period::coverage`] compares.
    #[serde(skip)]
    days: (i64, i64),
}

/// How the sources cover a date for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// A source of that era says it.
    Covered,
    /// The only source is later than the date: a rule is kept with low confidence and says so
    /// ("source postérieure"); a document or validity item is left out (a table gives the
    /// unversioned form where the subject itself is known).
    LaterSource,
    /// The item ended before the date: left out.
    Ended,
}

/// The whole span of the file (every item of a table without a dated start or end).
pub(crate) const ALWAYS: Period = Period::new(
    None,
    None,
    "code de la route R322-10 (every version since 2009)",
);

impl Period {
    /// The period from `from` to `until` (ISO days, inclusive; `None`: no bound), dated by `source`.
    #[must_use]
    pub const fn new(
        from: Option<&'static str>,
        until: Option<&'static str>,
        source: &'static str,
    ) -> Self {
        let first = match from {
            Some(f) => parse(f),
            None => i64::MIN,
        };
        let last = match until {
            Some(u) => parse(u),
            None => i64::MAX,
        };
        Period {
            from,
            until,
            source,
            days: (first, last),
        }
    }

    /// How the period covers `date`: the one rule for a date no source of its era covers.
    #[must_use]
    pub fn coverage(&self, date: chrono::NaiveDate) -> Coverage {
        let day = day_number(date);
        if day < self.days.0 {
            Coverage::LaterSource
        } else if self.days.1 < day {
            Coverage::Ended
        } else {
            Coverage::Covered
        }
    }

    /// Whether the period covers `date` (a document or validity item is kept only then).
    #[must_use]
    pub fn covers(&self, date: chrono::NaiveDate) -> bool {
        self.coverage(date) == Coverage::Covered
    }
}

/// Keeps the items of `table` whose period covers `date`, in table order.
pub(crate) fn select<T: Copy>(
    table: &'static [(T, Period)],
    date: chrono::NaiveDate,
) -> impl Iterator<Item = &'static T> {
    table
        .iter()
        .filter(move |(_, p)| p.covers(date))
        .map(|(t, _)| t)
}

/// The first item of `table` whose period covers `date`.
pub(crate) fn pick<T: Copy>(
    table: &'static [(T, Period)],
    date: chrono::NaiveDate,
) -> Option<&'static T> {
    select(table, date).next()
}

/// The day as one ordered number, `year * 1000 + day of the year` (the tables' literals are read
/// alike by [`parse`]): the date's own fields, without chrono's month and day decoding.
fn day_number(date: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.year()) * 1000 + i64::from(date.ordinal())
}

/// Reads a `YYYY-MM-DD` literal of the tables as [`day_number`] does a date (checked by the tests
/// of this file; a malformed field reads as 0). Run once per period, when it is built.
const fn parse(s: &str) -> i64 {
    /// Days before the first of each month in a common year.
    const BEFORE_MONTH: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let b = s.as_bytes();
    let (year, month, day) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let before = if month >= 1 && month <= 12 {
        BEFORE_MONTH[(month - 1) as usize] + (leap && month > 2) as i64
    } else {
        0
    };
    year * 1000 + before + day
}

/// The decimal number of `len` digits at `at` in `b` (0 if one is not a digit).
const fn digits(b: &[u8], at: usize, len: usize) -> i64 {
    let mut n = 0;
    let mut i = at;
    while i < at + len {
        if i >= b.len() || !b[i].is_ascii_digit() {
            return 0;
        }
        n = n * 10 + (b[i] - b'0') as i64;
        i += 1;
    }
    n
}

// The eras of the carte-grise tables (documents, validity), each with the text that dates it.

/// Prefecture era: from the SIV to the last day of the counters.
pub(crate) const PREFECTURE_ERA: Period = Period::new(
    None,
    Some("2017-11-05"),
    "interieur.gouv.fr 2011-03-03 (seed 004); service-public F1726 (2015-01-06)",
);
/// Online era: the counters closed on 2017-11-06 (PPNG).
pub(crate) const ONLINE_ERA: Period = Period::new(
    Some("2017-11-06"),
    None,
    "plan préfectures nouvelle génération: counters closed 2017-11-06",
);
/// Third parties, mandates and minors' documents: the fiche of 2019-12-19.
pub(crate) const MANDATE_ERA: Period = Period::new(
    Some("2019-12-19"),
    None,
    "service-public F1726, version of 2019-12-19",
);
pub(crate) const FROM_F31853: Period = Period::new(
    Some("2019-12-19"),
    None,
    "service-public F31853 (2019-12-19); seed 003 (about 2017-2020, 'Un kbis de moins de 2 ans')",
);
/// cerfa 13750*03: seed 004 (2011-03-03), service-public F1726 (2015-01-06), solution-occasion 2013.
pub(crate) const CERFA_13750_03: Period = Period::new(
    Some("2011-01-01"),
    Some("2015-12-31"),
    "interieur.gouv.fr 2011-03-03 (seed 004); solution-occasion 2013; service-public F1726 (2015-01-06)",
);
/// cerfa 13750*05: seed 003 (about 2017-2019).
pub(crate) const CERFA_13750_05: Period = Period::new(
    Some("2017-01-01"),
    Some("2017-11-05"),
    "seed 003 (about 2017-2020: 'CERFA 13750*05')",
);
/// cerfa 13753*02: seed 004 (2011), service-public F1726 (2015-01-06).
pub(crate) const CERFA_13753_02: Period = Period::new(
    Some("2011-01-01"),
    Some("2015-12-31"),
    "interieur.gouv.fr 2011-03-03 (seed 004); service-public F1726 (2015-01-06)",
);
/// cerfa 13753*04: service-public R1417 (2020).
pub(crate) const CERFA_13753_04: Period = Period::new(
    Some("2020-01-01"),
    None,
    "service-public R1417 (2020-05-07)",
);
/// The accepted proofs of address of service-public F1028 (2020-10-13).
pub(crate) const FROM_F1028: Period = Period::new(
    Some("2020-10-13"),
    None,
    "service-public F1028 (2020-10-13)",
);
/// The proof of address at the counter: the fiche of 2015 (seed 004, 2011, has none).
pub(crate) const ADDRESS_2015: Period = Period::new(
    Some("2015-01-06"),
    None,
    "service-public F1726 (2015-01-06); absent from interieur.gouv.fr 2011-03-03 (seed 004)",
);
/// France Services houses (labelled from 2020; MSAP before).
pub(crate) const FROM_FRANCE_SERVICES: Period = Period::new(
    Some("2020-01-01"),
    None,
    "service-public F1726 (2022-09-23); France Services labelled from 2020",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn bounds_are_included() {
        let p = Period::new(Some("2020-01-21"), Some("2022-12-31"), "x");
        assert!(!p.covers(d("2020-01-20")));
        assert!(p.covers(d("2020-01-21")));
        assert!(p.covers(d("2022-12-31")));
        assert!(!p.covers(d("2023-01-01")));
        assert!(ALWAYS.covers(d("2009-04-15")));
        assert_eq!(p.coverage(d("2012-01-01")), Coverage::LaterSource);
        assert_eq!(p.coverage(d("2023-01-01")), Coverage::Ended);
    }

    #[test]
    fn literals_are_read_as_days() {
        for day in [
            "2009-04-15",
            "2017-11-06",
            "2020-02-29",
            "2020-03-01",
            "2021-03-01",
            "2000-12-31",
            "2100-03-01",
        ] {
            assert_eq!(parse(day), day_number(d(day)), "{day}");
        }
        // Every literal of the tables is a day.
        for p in [
            PREFECTURE_ERA,
            ONLINE_ERA,
            MANDATE_ERA,
            FROM_F31853,
            CERFA_13750_03,
            CERFA_13750_05,
            CERFA_13753_02,
            CERFA_13753_04,
            FROM_F1028,
            ADDRESS_2015,
            FROM_FRANCE_SERVICES,
        ] {
            for s in p.from.into_iter().chain(p.until) {
                assert_eq!(parse(s), day_number(d(s)), "{s}");
            }
        }
    }
}
