//! The memo of a thread: each distinct [`DateClasses::key`] of the rows is computed once by the
//! core, and each distinct result row (its amounts, texts, zone and region) is kept once, so a row
//! of the batch is written from a small index.
//!
//! The key is split in two: its date part (class of days, zone, rate and exemption periods: a few
//! thousand values) found in a small hash table, and found once per day and department: each day
//! seen gets the date parts of every department, and days with the same ones share a day class
//! (a few hundred), so a row's date part is two small direct lookups; and its vehicle part (plate system, category,
//! energy, flags: its low 16 bits, a few hundred values) found in a direct table; one column of
//! result rows per vehicle part, indexed by date part, holds the result row's index. The tables
//! stay small enough for the processor's caches where one hash table of every key would not, and
//! the columns of the frequent vehicles (a car on petrol or diesel) are the ones that stay cached.
//!
//! [`DateClasses::key`]: duplicata_core::DateClasses::key

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use duplicata_core::{DateClasses, Department, Engine, FeeQuery, LineCode, ParameterSet};

/// The result of one row: amounts in cents (`NULL` when unknown) or an error code, and the zone
/// and region of the row (indexes in the parameter set, `NO_AREA` for none or for an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Row {
    pub(super) y1: i64,
    pub(super) y4: i64,
    pub(super) y5: i64,
    pub(super) total: i64,
    /// The bounds of an unknown total, in cents (`NULL` when the total is known or unbounded).
    pub(super) low: i64,
    pub(super) high: i64,
    pub(super) error: Option<&'static str>,
    pub(super) confidence: Option<&'static str>,
    pub(super) status: &'static str,
    /// The stable code of why the total is unknown (`FeeBreakdown::unknown_reason`).
    pub(super) unknown_reason: Option<&'static str>,
    pub(super) zone: i16,
    pub(super) region: i16,
}

/// An unknown amount.
pub(super) const NULL: i64 = i64::MIN;
/// No zone or region.
pub(super) const NO_AREA: i16 = -1;
const NO_KEY: u64 = u64::MAX;

impl Row {
    /// The row of a bad request: its error code, no amount, no zone.
    pub(super) fn error(code: &'static str) -> Row {
        Row {
            y1: NULL,
            y4: NULL,
            y5: NULL,
            total: NULL,
            low: NULL,
            high: NULL,
            error: Some(code),
            confidence: None,
            status: "error",
            unknown_reason: None,
            zone: NO_AREA,
            region: NO_AREA,
        }
    }
}

/// The memo of a thread, for the parameter set whose fingerprint it carries (see the module).
#[derive(Debug)]
pub(super) struct Memo {
    pub(super) fingerprint: String,
    /// Open addressing, linear probing: (date part, its dense index).
    dates: Vec<(u64, u32)>,
    bits: u32,
    date_count: usize,
    /// Dense index of each vehicle part, `NO_VEHICLE` when not seen yet.
    vehicles: Vec<u16>,
    vehicle_count: usize,
    /// `results[vehicle index][date index]`: the row's index + 1, 0 when not computed (a row
    /// whose index does not fit is computed again each time); a column grows when a date part
    /// beyond its end is met.
    results: Vec<Vec<u16>>,
    /// The distinct rows, in the order they were first seen.
    pub(super) rows: Vec<Row>,
    row_ids: HashMap<Row, u32>,
    /// The first day of `day_class`, from the common era.
    first_day: i32,
    /// For each day of the classes' span: its day class + 1, 0 when not seen yet.
    day_class: Vec<u16>,
    /// `day_dates[day class * SLOTS + department slot]`: the date part's dense index.
    day_dates: Vec<u32>,
    day_class_ids: HashMap<Vec<u32>, u16>,
}

/// The department slots of a day class: one per department, then the row without one.
const SLOTS: usize = Department::COUNT + 1;

/// Vehicle parts of a memo; a batch with more distinct ones computes the others row by row.
const VEHICLES: usize = 512;
const NO_VEHICLE: u16 = u16::MAX;
/// A memo with more date parts than this is emptied before the next batch.
pub(super) const MEMO_MAX_DATES: usize = 1 << 16;

impl Memo {
    pub(super) fn new(fingerprint: &str, classes: &DateClasses) -> Self {
        let bits = 10;
        let span = usize::try_from(classes.last_day() - classes.first_day() + 1).unwrap_or(0);
        Memo {
            fingerprint: fingerprint.to_owned(),
            dates: vec![(NO_KEY, 0); 1 << bits],
            bits,
            date_count: 0,
            vehicles: vec![NO_VEHICLE; 1 << 16],
            vehicle_count: 0,
            results: Vec::new(),
            rows: Vec::new(),
            row_ids: HashMap::new(),
            first_day: classes.first_day(),
            // Day classes are numbered in 16 bits: a longer span is read without them.
            day_class: vec![
                0;
                if span < usize::from(u16::MAX) {
                    span
                } else {
                    0
                }
            ],
            day_dates: Vec::new(),
            day_class_ids: HashMap::new(),
        }
    }

    /// The dense index of the date part of a day and department.
    #[inline]
    pub(super) fn date_of(
        &mut self,
        classes: &DateClasses,
        day: i32,
        department: Option<Department>,
    ) -> usize {
        let slot = department.map_or(Department::COUNT, Department::index);
        let Some(i) = usize::try_from(day - self.first_day)
            .ok()
            .filter(|&i| i < self.day_class.len())
        else {
            return self.date_index(classes.date_part(day, department));
        };
        let class = match self.day_class[i] {
            0 => self.new_day(classes, day, i),
            c => usize::from(c - 1),
        };
        self.day_dates[class * SLOTS + slot] as usize
    }

    /// The day class of a day not seen yet: the date parts of every department on that day.
    #[cold]
    fn new_day(&mut self, classes: &DateClasses, day: i32, i: usize) -> usize {
        let departments = Department::all().map(Some).chain([None]);
        let parts: Vec<u32> = departments
            .map(|d| {
                let id = self.date_index(classes.date_part(day, d));
                u32::try_from(id).unwrap_or(u32::MAX)
            })
            .collect();
        let class = match self.day_class_ids.get(&parts) {
            Some(&c) => c,
            None => {
                let c = u16::try_from(self.day_class_ids.len()).unwrap_or(u16::MAX - 1);
                self.day_dates.extend_from_slice(&parts);
                self.day_class_ids.insert(parts, c);
                c
            }
        };
        self.day_class[i] = class + 1;
        usize::from(class)
    }

    pub(super) fn date_count(&self) -> usize {
        self.date_count
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    /// The dense index of a date part, added when new.
    #[inline]
    fn date_index(&mut self, part: u64) -> usize {
        let mask = self.dates.len() - 1;
        let mut h = self.slot(part);
        loop {
            let (k, id) = self.dates[h];
            if k == part {
                return id as usize;
            }
            if k == NO_KEY {
                break;
            }
            h = (h + 1) & mask;
        }
        let id = self.date_count;
        self.date_count += 1;
        self.dates[h] = (part, u32::try_from(id).unwrap_or(u32::MAX));
        if self.date_count * 2 > self.dates.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        self.bits += 1;
        let old = std::mem::replace(&mut self.dates, vec![(NO_KEY, 0); 1 << self.bits]);
        let mask = self.dates.len() - 1;
        for (k, id) in old.into_iter().filter(|s| s.0 != NO_KEY) {
            let mut h = self.slot(k);
            while self.dates[h].0 != NO_KEY {
                h = (h + 1) & mask;
            }
            self.dates[h] = (k, id);
        }
    }

    /// The index of the row of a date part (its dense index) and a vehicle part (16 bits),
    /// computed on its first sight.
    #[inline]
    pub(super) fn get_or(
        &mut self,
        date: usize,
        vehicle: u64,
        compute: impl FnOnce() -> Row,
    ) -> u32 {
        let part = (vehicle & 0xFFFF) as usize;
        let mut vehicle = self.vehicles[part];
        if vehicle == NO_VEHICLE {
            if self.vehicle_count == VEHICLES {
                return self.intern(compute());
            }
            vehicle = self.vehicle_count as u16;
            self.vehicles[part] = vehicle;
            self.vehicle_count += 1;
            self.results.push(Vec::new());
        }
        let column = &mut self.results[usize::from(vehicle)];
        match column.get(date) {
            Some(&id) if id != 0 => u32::from(id) - 1,
            _ => {
                let id = self.intern(compute());
                let column = &mut self.results[usize::from(vehicle)];
                if column.len() <= date {
                    column.resize(self.date_count.max(date + 1), 0);
                }
                if let Ok(stored) = u16::try_from(id + 1) {
                    column[date] = stored;
                }
                id
            }
        }
    }

    /// The index of a row, added when new.
    pub(super) fn intern(&mut self, r: Row) -> u32 {
        if let Some(&id) = self.row_ids.get(&r) {
            return id;
        }
        let id = u32::try_from(self.rows.len()).unwrap_or(u32::MAX - 1);
        self.rows.push(r);
        self.row_ids.insert(r, id);
        id
    }
}

thread_local! {
    pub(super) static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

fn index_of<T>(all: &[T], one: Option<&T>) -> i16 {
    one.and_then(|x| all.iter().position(|y| std::ptr::eq(x, y)))
        .and_then(|i| i16::try_from(i).ok())
        .unwrap_or(NO_AREA)
}

/// The zone and region of a query's department on its date (equal memo keys have equal zones:
/// the key carries the zone, and region changes are boundaries of its classes of days).
fn areas(p: &ParameterSet, department: Option<Department>, date: NaiveDate) -> (i16, i16) {
    department.map_or((NO_AREA, NO_AREA), |d| {
        (
            index_of(&p.zones, p.zone_at(d, date)),
            index_of(&p.regions, p.region_at(d, date)),
        )
    })
}

/// The row of one query, computed by the core.
pub(super) fn compute(engine: &Engine, q: &FeeQuery) -> Row {
    match engine.fees(q) {
        Ok(f) => {
            let cents = |code: LineCode| f.line(code).amount.map_or(NULL, |m| m.cents());
            let (zone, region) = areas(engine.params(), q.department, q.date);
            Row {
                y1: cents(LineCode::Y1),
                y4: cents(LineCode::Y4),
                y5: cents(LineCode::Y5),
                total: f.total.map_or(NULL, |m| m.cents()),
                low: f.bounds.map_or(NULL, |b| b.low.cents()),
                high: f.bounds.map_or(NULL, |b| b.high.cents()),
                error: None,
                confidence: Some(f.confidence.as_str()),
                status: f.status(),
                unknown_reason: f.unknown_reason.map(|r| r.code()),
                zone,
                region,
            }
        }
        Err(e) => Row::error(e.code()),
    }
}
