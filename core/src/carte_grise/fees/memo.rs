//! Exact memoisation of fee results for batches.
//!
//! The fees of a query depend on its date only through the parameter set: which period of each
//! dated value is in force, which zone a department belongs to, and the key dates. Between two
//! consecutive "boundaries" (the first day of a period, the day after its end, a key date) every
//! date gives the same fees, and within such a class of days a department matters only through its
//! tariff zone, and a zone through the periods of its own rate and exemption share in force. So
//! `(class, zone, rate period, exemption period, plate system, category, energy, change of
//! address, natural disaster)` determines the result, and a batch computes each such key once.
//!
//! Every dated series comes from the one table of series (`params/keys.rs`, `Scalars::spans`), and
//! the key dates are listed by exhaustive destructuring: a key date added to `KeyDates` does not
//! compile here until it is counted as a boundary.

use crate::carte_grise::fees::FeeQuery;
use crate::contract::request::{Category, Energy};
use crate::model::department::Department;
use crate::model::plate::PlateSystem;
use crate::params::{KeyDate, KeyDates, OPEN_END, ParameterSet, Series};
use chrono::{Datelike, NaiveDate};

/// A department without a zone at the class's dates, and a query without a department.
const NO_ZONE: u8 = 0xFE;
const NO_DEPARTMENT: u8 = 0xFF;

/// Inclusive ranges of days from the common era.
type DayRanges = Vec<(i32, i32)>;

/// The classes of days of a parameter set and the zone of every department in each class.
#[derive(Debug)]
pub struct DateClasses {
    /// For each zone: the periods of its rates and of its exemption share, as (from, to) days.
    zone_periods: Vec<(DayRanges, DayRanges)>,
    /// `zone_days[zone * span + day - first_day]`: the indexes of the zone's rate and exemption
    /// periods in force that day (`rate << 8 | exemption`), for the days of `class_of_day`.
    zone_days: Vec<u16>,
    /// First day covered by `class_of_day` (days from the common era).
    first_day: i32,
    /// Class of each day from `first_day` on; days before are class 0, days after the last class.
    class_of_day: Vec<u16>,
    last_class: u16,
    /// `zones[class * Department::COUNT + department]`.
    zones: Vec<u8>,
}

fn add_range(out: &mut Vec<NaiveDate>, from: NaiveDate, to: NaiveDate) {
    out.push(from);
    if to != OPEN_END {
        if let Some(next) = to.succ_opt() {
            out.push(next);
        }
    }
}

/// Every day on which some dated value of `p` may change.
fn boundaries(p: &ParameterSet) -> Vec<NaiveDate> {
    let mut out = vec![p.starts];
    // Every series of the table (params/keys.rs): a series added there is counted here.
    for (_, from, to) in p.scalars.spans() {
        add_range(&mut out, from, to);
    }
    let KeyDates {
        siv_start,
        fni_conversion_start,
        moped_siv_format_start,
        online_only_start,
        co_holder_and_mandate_start,
        cpi_france_only_start,
        cmi_start,
        cmi_former_cards_valid_until,
    } = &p.dates;
    let key_dates: [&KeyDate; 8] = [
        siv_start,
        fni_conversion_start,
        moped_siv_format_start,
        online_only_start,
        co_holder_and_mandate_start,
        cpi_france_only_start,
        cmi_start,
        cmi_former_cards_valid_until,
    ];
    for k in key_dates {
        // A key date may be the first day of a rule or the last day of one.
        add_range(&mut out, k.date, k.date);
    }
    for r in &p.regions {
        add_range(&mut out, r.from, r.to);
    }
    // The confidence of a value changes on the date of its first source (explain/era.rs) and
    // the day after the last review, and again one year later.
    for m in &p.meta {
        if let Some(d) = m.sources_from.filter(|d| *d > p.starts) {
            out.push(d);
        }
    }
    if let Some(r) = p.reviewed {
        out.extend(r.succ_opt());
        out.extend(
            r.checked_add_months(chrono::Months::new(12))
                .and_then(|d| d.succ_opt()),
        );
    }
    // A zone's own rates and exemption shares are not boundaries of every zone: the key carries
    // the index of the zone's period in force instead (see `DateClasses::key`).
    for z in &p.zones {
        add_range(&mut out, z.from, z.to);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn periods_of<T>(s: &Series<T>) -> DayRanges {
    s.periods
        .iter()
        .map(|p| (p.from.num_days_from_ce(), p.to.num_days_from_ce()))
        .collect()
}

/// Index of the period containing `day`, `0xFF` for none.
#[inline]
fn period_index(periods: &[(i32, i32)], day: i32) -> u64 {
    periods
        .iter()
        .rposition(|&(from, to)| from <= day && day <= to)
        .and_then(|i| u8::try_from(i).ok())
        .map_or(0xFF, u64::from)
}

impl DateClasses {
    /// The classes of days of `p` and the zone of every department in each class.
    #[must_use]
    pub fn new(p: &ParameterSet) -> Self {
        let bounds = boundaries(p);
        let days: Vec<i32> = bounds.iter().map(Datelike::num_days_from_ce).collect();
        let first_day = days.first().copied().unwrap_or(0);
        let last_day = days.last().copied().unwrap_or(0);
        let span = usize::try_from(last_day - first_day).unwrap_or(0) + 1;
        // Class k (1-based) runs from boundary k-1 to the day before boundary k; class 0 is before
        // the first boundary.
        let mut class_of_day = Vec::with_capacity(span);
        let mut class: u16 = 0;
        let mut next = 0;
        for d in first_day..=last_day {
            while next < days.len() && days[next] <= d {
                class += 1;
                next += 1;
            }
            class_of_day.push(class);
        }
        let last_class = class;
        // One representative day per class gives the zone of every department in that class.
        let mut zones = Vec::with_capacity((usize::from(last_class) + 1) * Department::COUNT);
        for c in 0..=last_class {
            let day = if c == 0 {
                bounds.first().and_then(|d| d.pred_opt())
            } else {
                bounds.get(usize::from(c) - 1).copied()
            };
            for d in Department::all() {
                let zone = day
                    .and_then(|day| p.zone_at(d, day))
                    .and_then(|z| p.zones.iter().position(|x| std::ptr::eq(x, z)))
                    .and_then(|i| u8::try_from(i).ok())
                    .filter(|&i| i < NO_ZONE)
                    .unwrap_or(NO_ZONE);
                zones.push(zone);
            }
        }
        let zone_periods: Vec<(DayRanges, DayRanges)> = p
            .zones
            .iter()
            .map(|z| (periods_of(&z.rates), periods_of(&z.clean_exemption)))
            .collect();
        let zone_days = zone_periods
            .iter()
            .flat_map(|(rates, exemptions)| {
                (first_day..first_day + class_of_day.len() as i32).map(|d| {
                    // Both indexes are below 0xFF or 0xFF itself (`period_index`).
                    ((period_index(rates, d) as u16) << 8) | period_index(exemptions, d) as u16
                })
            })
            .collect();
        DateClasses {
            zone_periods,
            zone_days,
            first_day,
            class_of_day,
            last_class,
            zones,
        }
    }

    #[inline]
    fn class(&self, day: i32) -> u16 {
        if day < self.first_day {
            return 0;
        }
        usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.class_of_day.get(i).copied())
            .unwrap_or(self.last_class)
    }

    /// The memo key of a query: equal keys have equal fees.
    #[must_use]
    #[inline]
    pub fn key(&self, q: &FeeQuery) -> u64 {
        self.key_of(&KeyFields::of(q))
    }

    /// [`DateClasses::key`] of a query given by its fields, the date as days from the common era
    /// (`NaiveDate::num_days_from_ce`): a batch reads its dates as day numbers and builds the
    /// query only for a key it has not seen. The key is [`DateClasses::date_part`] in its high
    /// bits and [`DateClasses::vehicle_part`] in its low 16 bits.
    #[must_use]
    #[inline]
    pub fn key_of(&self, q: &KeyFields) -> u64 {
        (self.date_part(q.day, q.department) << 16) | Self::vehicle_part(q)
    }

    /// The part of the key that depends on the day and the department: the class of the day, the
    /// department's zone in it and the indexes of that zone's rate and exemption periods in force
    /// (48 bits). A batch may find it once per day and department.
    #[must_use]
    #[inline]
    pub fn date_part(&self, day: i32, department: Option<Department>) -> u64 {
        let class = self.class(day);
        let zone = department.map_or(NO_DEPARTMENT, |d| {
            self.zones
                .get(usize::from(class) * Department::COUNT + d.index())
                .copied()
                .unwrap_or(NO_ZONE)
        });
        let (rate, exemption) = match self.zone_periods.get(usize::from(zone)) {
            Some((rates, exemptions)) => {
                let in_span = usize::try_from(day - self.first_day)
                    .ok()
                    .filter(|&i| i < self.class_of_day.len());
                match in_span.and_then(|i| {
                    self.zone_days
                        .get(usize::from(zone) * self.class_of_day.len() + i)
                }) {
                    Some(&p) => (u64::from(p >> 8), u64::from(p & 0xFF)),
                    None => (period_index(rates, day), period_index(exemptions, day)),
                }
            }
            None => (0xFF, 0xFF),
        };
        (u64::from(class) << 24) | (u64::from(zone) << 16) | (rate << 8) | exemption
    }

    /// The part of the key that depends on the vehicle and the flags (16 bits): plate system,
    /// category, energy, natural disaster, change of address.
    #[must_use]
    #[inline]
    pub fn vehicle_part(q: &KeyFields) -> u64 {
        ((q.plate as u64) << 10)
            | ((q.category as u64) << 6)
            | ((q.energy as u64) << 2)
            | (u64::from(q.natural_disaster) << 1)
            | u64::from(q.change_of_address)
    }

    /// The first day of the span of days the classes cover in detail (days from the common era);
    /// before it every day is in one class, and so after [`DateClasses::last_day`].
    #[must_use]
    pub fn first_day(&self) -> i32 {
        self.first_day
    }

    /// The last day of the span of days the classes cover in detail.
    #[must_use]
    pub fn last_day(&self) -> i32 {
        self.first_day + self.class_of_day.len() as i32 - 1
    }
}

/// The fields of a [`FeeQuery`] that make its memo key, the date as a day number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFields {
    /// The day of the request, in days from the common era (0001-01-01 is day 1).
    pub day: i32,
    /// The holder's department.
    pub department: Option<Department>,
    /// The numbering system of the registration number.
    pub plate: PlateSystem,
    /// The vehicle's category.
    pub category: Category,
    /// The vehicle's energy.
    pub energy: Energy,
    /// A change of address is asked at the same time.
    pub change_of_address: bool,
    /// The card was lost or destroyed in a natural disaster.
    pub natural_disaster: bool,
}

impl KeyFields {
    /// The key fields of a query.
    #[must_use]
    #[inline]
    pub fn of(q: &FeeQuery) -> KeyFields {
        KeyFields {
            day: q.date.num_days_from_ce(),
            department: q.department,
            plate: q.plate,
            category: q.category,
            energy: q.energy,
            change_of_address: q.change_of_address,
            natural_disaster: q.natural_disaster,
        }
    }

    /// The query of these fields. A day outside the calendar gives `NaiveDate::MIN`, a date the
    /// engine refuses (`request.date_out_of_range`), never a panic.
    #[must_use]
    #[inline]
    pub fn query(&self) -> FeeQuery {
        FeeQuery {
            date: NaiveDate::from_num_days_from_ce_opt(self.day).unwrap_or(NaiveDate::MIN),
            department: self.department,
            plate: self.plate,
            category: self.category,
            energy: self.energy,
            change_of_address: self.change_of_address,
            natural_disaster: self.natural_disaster,
        }
    }
}
