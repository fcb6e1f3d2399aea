//! How much of the calendar the parameter set covers: for each rate zone and each year, the days
//! whose regional rate and clean-vehicle share are known, and every gap with the reason the file
//! gives for it (`unknown = "…"`).
//!
//! A zone-day is one day of one rate zone while the zone exists; a department-day weighs it by the
//! zone's number of departments. Shares are exact integer ratios, written as percentages truncated
//! to two decimals (never rounded up to 100.00 while a day is missing).

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::params::{OPEN_END, ParameterSet, Period, Series, Zone};

/// Days counted, and how many of them have each value known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Days counted.
    pub days: u64,
    /// Days whose regional rate per CV is known.
    pub rate_known: u64,
    /// Days whose clean-vehicle exemption share is known.
    pub clean_known: u64,
    /// Days with both the rate and the clean-vehicle share known.
    pub both_known: u64,
}

impl Tally {
    fn add(&mut self, other: Tally, weight: u64) {
        self.days += other.days * weight;
        self.rate_known += other.rate_known * weight;
        self.clean_known += other.clean_known * weight;
        self.both_known += other.both_known * weight;
    }
}

/// `part / whole` as a percentage truncated to two decimals, e.g. `"88.61"`; `"-"` when `whole` is 0.
#[must_use]
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    let hundredths = u128::from(part) * 10_000 / u128::from(whole);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

impl Serialize for Tally {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Tally", 7)?;
        st.serialize_field("days", &self.days)?;
        st.serialize_field("rate_known", &self.rate_known)?;
        st.serialize_field("clean_known", &self.clean_known)?;
        st.serialize_field("both_known", &self.both_known)?;
        st.serialize_field("rate_percent", &percent(self.rate_known, self.days))?;
        st.serialize_field("clean_percent", &percent(self.clean_known, self.days))?;
        st.serialize_field("both_percent", &percent(self.both_known, self.days))?;
        st.end()
    }
}

/// One year of one zone (only years in which the zone exists inside the window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearTally {
    /// The calendar year.
    pub year: i32,
    /// The zone's days of that year.
    #[serde(flatten)]
    pub tally: Tally,
}

/// One rate zone over the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoneCoverage {
    /// Stable code of the zone.
    pub zone: String,
    /// Name of the zone.
    pub name: String,
    /// How many departments the zone has (the weight of its department-days).
    pub departments: u64,
    /// The zone's days over the whole window.
    pub total: Tally,
    /// The zone's days year by year.
    pub years: Vec<YearTally>,
}

/// What a gap leaves unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unknown {
    /// The regional rate per CV.
    Rate,
    /// The regional clean-vehicle exemption share.
    CleanExemption,
}

impl Unknown {
    /// The contract name (`rate` or `clean_exemption`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Unknown::Rate => "rate",
            Unknown::CleanExemption => "clean_exemption",
        }
    }
}

/// A period of a zone with no known value, clipped to the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// Stable code of the zone.
    pub zone: String,
    /// First day of the gap.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// How many days the gap lasts.
    pub days: u64,
    /// Which value the gap leaves unknown.
    pub unknown: Unknown,
    /// The `unknown = "…"` text of the file; `None` when it is blank.
    pub reason: Option<String>,
    /// Source ids the file gives for the period.
    pub source: String,
    /// 1-based line of the period in the parameter file.
    pub line: u32,
}

/// The coverage of a parameter set between two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// First day of the window.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// Zone-days.
    pub total: Tally,
    /// The same days weighed by each zone's number of departments.
    pub department_days: Tally,
    /// Zone-days per year, all zones together.
    pub years: Vec<YearTally>,
    /// Each zone, in file order.
    pub zones: Vec<ZoneCoverage>,
    /// Every gap in the window, zone by zone, in date order.
    pub gaps: Vec<Gap>,
}

impl Coverage {
    /// From the opening of the SIV (`dates.siv_start`) to the end of the data: 31 December of the
    /// year the set was published, or else of the last dated change of a zone.
    #[must_use]
    pub fn of(params: &ParameterSet) -> Coverage {
        Coverage::between(params, params.dates.siv_start.date, end_of_data(params))
    }

    /// Between `from` and `to`, both inclusive (empty when `to < from`).
    #[must_use]
    pub fn between(params: &ParameterSet, from: NaiveDate, to: NaiveDate) -> Coverage {
        let mut total = Tally::default();
        let mut department_days = Tally::default();
        let mut by_year: Vec<YearTally> = Vec::new();
        let mut zones = Vec::with_capacity(params.zones.len());
        let mut gaps = Vec::new();
        for zone in &params.zones {
            let start = from.max(zone.from);
            let end = to.min(zone.to);
            let years = zone_years(zone, start, end);
            let mut zone_total = Tally::default();
            for y in &years {
                zone_total.add(y.tally, 1);
                match by_year.iter_mut().find(|t| t.year == y.year) {
                    Some(t) => t.tally.add(y.tally, 1),
                    None => by_year.push(y.clone()),
                }
            }
            let departments = zone.departments.len() as u64;
            total.add(zone_total, 1);
            department_days.add(zone_total, departments);
            collect_gaps(
                params,
                zone,
                &zone.rates,
                Unknown::Rate,
                start,
                end,
                &mut gaps,
            );
            collect_gaps(
                params,
                zone,
                &zone.clean_exemption,
                Unknown::CleanExemption,
                start,
                end,
                &mut gaps,
            );
            zones.push(ZoneCoverage {
                zone: zone.code.clone(),
                name: zone.name.clone(),
                departments,
                total: zone_total,
                years,
            });
        }
        by_year.sort_by_key(|t| t.year);
        Coverage {
            from,
            to,
            total,
            department_days,
            years: by_year,
            zones,
            gaps,
        }
    }

    /// The gaps whose `unknown` text is blank: each is a defect of the file.
    pub fn gaps_without_reason(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|g| g.reason.is_none())
    }
}

/// 31 December of the year of `published`, or else of the last dated change of any zone.
#[must_use]
pub fn end_of_data(params: &ParameterSet) -> NaiveDate {
    let year = params.published.map_or_else(
        || {
            params
                .zones
                .iter()
                .flat_map(|z| {
                    let rates = z.rates.periods.iter().map(|p| (p.from, p.to));
                    let clean = z.clean_exemption.periods.iter().map(|p| (p.from, p.to));
                    rates
                        .chain(clean)
                        .flat_map(|(f, t)| [f, t])
                        .chain([z.from, z.to])
                })
                .filter(|d| *d != OPEN_END)
                .max()
                .map_or(params.starts.year(), |d| d.year())
        },
        |d| d.year(),
    );
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(OPEN_END)
}

fn next_day(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(1))
}

/// Days of `[start, end]` per year, and which have a known rate and share.
fn zone_years(zone: &Zone, start: NaiveDate, end: NaiveDate) -> Vec<YearTally> {
    let mut years: Vec<YearTally> = Vec::new();
    let (mut r, mut c) = (0, 0);
    let mut day = start;
    while day <= end {
        // Both series tile the zone's life in order: walk them with a cursor each.
        while zone.rates.periods.get(r).is_some_and(|p| p.to < day) {
            r += 1;
        }
        while zone
            .clean_exemption
            .periods
            .get(c)
            .is_some_and(|p| p.to < day)
        {
            c += 1;
        }
        let rate = known_on(zone.rates.periods.get(r), day);
        let clean = known_on(zone.clean_exemption.periods.get(c), day);
        let year = day.year();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearTally {
                year,
                tally: Tally::default(),
            });
        }
        if let Some(y) = years.last_mut() {
            y.tally.days += 1;
            y.tally.rate_known += u64::from(rate);
            y.tally.clean_known += u64::from(clean);
            y.tally.both_known += u64::from(rate && clean);
        }
        match next_day(day) {
            Some(next) => day = next,
            None => break,
        }
    }
    years
}

fn known_on<T>(p: Option<&Period<T>>, day: NaiveDate) -> bool {
    p.is_some_and(|p| p.contains(day) && p.value.is_some())
}

fn collect_gaps<T>(
    params: &ParameterSet,
    zone: &Zone,
    series: &Series<T>,
    unknown: Unknown,
    start: NaiveDate,
    end: NaiveDate,
    out: &mut Vec<Gap>,
) {
    for p in series.periods.iter().filter(|p| p.value.is_none()) {
        let (from, to) = (p.from.max(start), p.to.min(end));
        if to < from {
            continue;
        }
        let meta = params.meta(p.meta);
        out.push(Gap {
            zone: zone.code.clone(),
            from,
            to,
            days: u64::try_from((to - from).num_days() + 1).unwrap_or(0),
            unknown,
            reason: p
                .unknown
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
            source: meta.source.clone(),
            line: meta.line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::department::Department;
    use crate::params::DEFAULT_PARAMETERS;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// The embedded file's header, sources, dates and series, with one region and two zones:
    /// NORTH (every department but 976) and ISLAND (976).
    fn tiny(island_reason: &str) -> ParameterSet {
        let head = DEFAULT_PARAMETERS
            .split("\n[[region]]")
            .next()
            .expect("head");
        let list = |ds: &[&str]| {
            ds.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let all: Vec<&str> = Department::all().map(Department::code).collect();
        let north: Vec<&str> = all.iter().copied().filter(|c| *c != "976").collect();
        let text = format!(
            r#"{head}
[[region]]
code = "ALL"
insee = "00"
name = "All"
departments = [{all}]
source = "INSEE-COG"

[[zone]]
code = "NORTH"
name = "North"
region = "ALL"
departments = [{north}]
source = "S15"
rates = [
  {{ from = 2009-01-01, to = 2020-03-10, per_cv = "40", confidence = "high", source = "S15" }},
  {{ from = 2020-03-11, to = 2020-03-20, unknown = "no value for ten days", source = "S15" }},
  {{ from = 2020-03-21, per_cv = "41", confidence = "high", source = "S15" }},
]
clean_exemption = [
  {{ from = 2009-01-01, to = 2020-12-31, share = "1", confidence = "high", source = "S15" }},
  {{ from = 2021-01-01, unknown = "no share after 2020", source = "S15" }},
]

[[zone]]
code = "ISLAND"
name = "Island"
region = "ALL"
departments = ["976"]
source = "S15"
rates = [
  {{ from = 2009-01-01, to = 2020-06-30, per_cv = "30", confidence = "high", source = "S15" }},
  {{ from = 2020-07-01, unknown = "{island_reason}", source = "S15" }},
]
clean_exemption = [
  {{ from = 2009-01-01, share = "0", confidence = "high", source = "S15" }},
]
"#,
            all = list(&all),
            north = list(&north),
        );
        ParameterSet::from_toml(&text).unwrap_or_else(|e| panic!("{e}: {:?}", e.problems()))
    }

    fn tally(days: u64, rate_known: u64, clean_known: u64, both_known: u64) -> Tally {
        Tally {
            days,
            rate_known,
            clean_known,
            both_known,
        }
    }

    #[test]
    fn figures_match_a_hand_count() {
        // 2020-03-01..2020-12-31 is 306 days (31+30+31+30+31+31+30+31+30+31), then 10 days of 2021.
        let c = Coverage::between(&tiny("not yet voted"), d("2020-03-01"), d("2021-01-10"));
        let north = &c.zones[0];
        assert_eq!(north.zone, "NORTH");
        // 10 days without a rate in March 2020; no share at all in 2021.
        assert_eq!(
            north.years[0],
            YearTally {
                year: 2020,
                tally: tally(306, 296, 306, 296)
            }
        );
        assert_eq!(
            north.years[1],
            YearTally {
                year: 2021,
                tally: tally(10, 10, 0, 0)
            }
        );
        let island = &c.zones[1];
        // A rate known for March to June 2020: 31+30+31+30 = 122 days.
        assert_eq!(island.years[0].tally, tally(306, 122, 306, 122));
        assert_eq!(island.years[1].tally, tally(10, 0, 10, 0));
        assert_eq!(c.total, tally(632, 428, 622, 418));
        assert_eq!(c.years[0].tally, tally(612, 418, 612, 418));
        assert_eq!(c.years[1].tally, tally(20, 10, 10, 0));
        let n = (Department::COUNT - 1) as u64;
        assert_eq!(
            c.department_days,
            tally(316 * n + 316, 306 * n + 122, 306 * n + 316, 296 * n + 122)
        );
        assert_eq!(percent(c.total.rate_known, c.total.days), "67.72");
        assert_eq!(percent(c.total.both_known, c.total.days), "66.13");

        let gaps: Vec<String> = c
            .gaps
            .iter()
            .map(|g| {
                let reason = g.reason.as_deref().unwrap_or("-");
                let what = g.unknown.as_str();
                format!("{} {what} {}..{} {} {reason}", g.zone, g.from, g.to, g.days)
            })
            .collect();
        assert_eq!(
            gaps,
            [
                "NORTH rate 2020-03-11..2020-03-20 10 no value for ten days",
                // Clipped to the window's last day.
                "NORTH clean_exemption 2021-01-01..2021-01-10 10 no share after 2020",
                // 184 days from July to December, and 10 in 2021.
                "ISLAND rate 2020-07-01..2021-01-10 194 not yet voted",
            ]
        );
        assert_eq!(c.gaps_without_reason().count(), 0);
    }

    #[test]
    fn a_blank_reason_is_reported() {
        let c = Coverage::between(&tiny("  "), d("2020-01-01"), d("2020-12-31"));
        let blank: Vec<&str> = c.gaps_without_reason().map(|g| g.zone.as_str()).collect();
        assert_eq!(blank, ["ISLAND"]);
    }

    #[test]
    fn an_empty_window_counts_nothing() {
        let c = Coverage::between(&tiny("x"), d("2020-01-02"), d("2020-01-01"));
        assert_eq!(c.total, Tally::default());
        assert!(c.gaps.is_empty() && c.years.is_empty());
    }

    #[test]
    fn percentages_are_truncated_never_rounded_up() {
        assert_eq!(percent(9_999, 10_000), "99.99");
        assert_eq!(percent(99_999, 100_000), "99.99");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(3, 3), "100.00");
        assert_eq!(percent(0, 0), "-");
    }

    #[test]
    fn the_reference_file_has_known_gaps_each_with_a_reason() {
        let p = ParameterSet::embedded().expect("embedded");
        let c = Coverage::of(&p);
        assert_eq!(c.from, d("2009-04-15"));
        assert_eq!(c.to, d("2026-12-31"));
        // Aquitaine has no rate from 2011 to 2014 (S10, S15).
        let aquitaine = c
            .gaps
            .iter()
            .find(|g| {
                g.zone == "AQUITAINE" && g.unknown == Unknown::Rate && g.from == d("2011-01-01")
            })
            .expect("the Aquitaine gap");
        assert_eq!(aquitaine.to, d("2014-12-31"));
        assert_eq!(aquitaine.days, 1461);
        assert_eq!(
            aquitaine.reason.as_deref(),
            Some("no value found for 2011-2014")
        );
        let zone = c
            .zones
            .iter()
            .find(|z| z.zone == "AQUITAINE")
            .expect("zone");
        let y2012 = zone.years.iter().find(|y| y.year == 2012).expect("2012");
        assert_eq!(y2012.tally.days, 366);
        assert_eq!(y2012.tally.rate_known, 0);
        // The zone ends in 2016; 2009 starts with the SIV.
        assert_eq!(zone.years.last().map(|y| y.year), Some(2016));
        assert_eq!(zone.years[0].tally.days, 261);
        // Every remaining gap names why.
        let blank: Vec<&Gap> = c.gaps_without_reason().collect();
        assert!(blank.is_empty(), "{blank:?}");
        // The totals are the sums of the zones, and of the years.
        let days: u64 = c.zones.iter().map(|z| z.total.days).sum();
        let by_year: u64 = c.years.iter().map(|y| y.tally.rate_known).sum();
        assert_eq!(days, c.total.days);
        assert_eq!(by_year, c.total.rate_known);
        // Gap days are exactly the days without a rate, and without a share.
        let gap_days = |u: Unknown| -> u64 {
            c.gaps
                .iter()
                .filter(|g| g.unknown == u)
                .map(|g| g.days)
                .sum()
        };
        assert_eq!(gap_days(Unknown::Rate), c.total.days - c.total.rate_known);
        assert_eq!(
            gap_days(Unknown::CleanExemption),
            c.total.days - c.total.clean_known
        );
    }
}
