//! The typed calls: plain C structs in and out, amounts in integer cents. The fee call allocates
//! nothing on success; it is meant for callers that evaluate millions of rows. Every struct the
//! caller allocates starts with its `size` (see [`crate::sized`]).
//!
//! Every struct and function of the ABI is declared in this file: the ABI check (`ffi/abi-check.py`)
//! compares the debug info's names, which include the Rust module. `lines.rs` holds helpers only.

use std::ffi::c_char;
use std::mem::size_of;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use duplicata_core::LineRule;
use duplicata_core::{
    Category, Confidence, Energy, FeeBreakdown, FeeLine, FeeQuery, LineCode, LineStatus, Money,
    Plate, PlateSystem, parse_plate,
};

use crate::boundary::{Failure, run};
use crate::duplicata_bool;
use crate::engine::{c_str, duplicata_engine, engine_ref};
use crate::error::duplicata_error;
use crate::sized::{Versioned, out_size, read_in, write_out};
use crate::status::duplicata_status;
use crate::text;

mod lines;

/// A calendar day.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_date {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl From<NaiveDate> for duplicata_date {
    fn from(d: NaiveDate) -> Self {
        use chrono::Datelike;
        duplicata_date {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// A real day within the core's accepted period (`duplicata_core::date_in_range`, 1900-01-01 to
/// 2099-12-31), as every surface reads dates.
#[inline]
pub(crate) fn read_date(d: duplicata_date, field: &str) -> Result<NaiveDate, Failure> {
    match NaiveDate::from_ymd_opt(d.year, d.month, d.day) {
        Some(day) if duplicata_core::date_in_range(day) => Ok(day),
        _ => Err(invalid_date(field, d)),
    }
}

/// The error of a date that is not a day or is out of range, kept out of line: building it in
/// `read_date` made the common path save and restore six registers.
#[cold]
#[inline(never)]
fn invalid_date(field: &str, d: duplicata_date) -> Failure {
    Failure::invalid_date(field, d.year, d.month, d.day)
}

/// The vehicle's category (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_category {
    /// Passenger car (VP).
    Car = 0,
    /// Light utility vehicle (CTTE).
    Utility = 1,
    /// Motor caravan.
    Motorhome = 2,
    /// Motorcycle over 125 cm3.
    Motorcycle = 3,
    /// Vélomoteur or motorcycle up to 125 cm3.
    MotorcycleLe_125 = 4,
    /// Two- or three-wheel cyclomoteur up to 50 cm3.
    MopedLe_50 = 5,
    Other = 6,
}

/// The vehicle's energy, field P.3 (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_energy {
    Petrol = 0,
    Diesel = 1,
    Electric = 2,
    Hydrogen = 3,
    Hybrid = 4,
    Lpg = 5,
    Cng = 6,
    E85 = 7,
    Other = 8,
}

/// How far a value can be trusted (values are part of the ABI and ordered: low < medium < high).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_confidence {
    Low = 0,
    Medium = 1,
    High = 2,
}

impl From<Confidence> for duplicata_confidence {
    fn from(c: Confidence) -> Self {
        match c {
            Confidence::Low => duplicata_confidence::Low,
            Confidence::Medium => duplicata_confidence::Medium,
            Confidence::High => duplicata_confidence::High,
        }
    }
}

/// The legal regime of the fees (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_regime {
    /// 2009 to 2020: taxe régionale and taxe de gestion of the CGI.
    Cgi = 0,
    /// 2021: taxe fixe of 11 EUR.
    TaxeFixe_2021 = 1,
    /// 2022 onwards: code des impositions sur les biens et services.
    Cibs = 2,
}

/// The numbering system of a registration number (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_plate_system {
    /// SIV, `AB-123-CD`, number for life.
    Siv = 0,
    /// Former FNI, `123 AB 45`: a duplicata converts it to SIV.
    Fni = 1,
    /// Cyclomoteur number issued before 2015-07-01, `A 11 A`.
    Moped = 2,
    /// Provisional `WW` number.
    Ww = 3,
    /// Garage `W` number.
    W = 4,
}

impl From<PlateSystem> for duplicata_plate_system {
    fn from(s: PlateSystem) -> Self {
        match s {
            PlateSystem::Siv => duplicata_plate_system::Siv,
            PlateSystem::Fni => duplicata_plate_system::Fni,
            PlateSystem::Moped => duplicata_plate_system::Moped,
            PlateSystem::Ww => duplicata_plate_system::Ww,
            PlateSystem::W => duplicata_plate_system::W,
        }
    }
}

/// What the fee of a carte-grise duplicata depends on. The strings are borrowed for the call only.
/// Prepare it with `DUPLICATA_INIT(query)` (zeroes it and sets `size`), then set the fields.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct duplicata_fee_query {
    /// `sizeof(duplicata_fee_query)` as the caller's header declares it (`DUPLICATA_INIT`).
    pub size: usize,
    /// Day of the request: the rules in force that day apply.
    pub date: duplicata_date,
    /// The holder's department (`"33"`, `"2A"`, `"971"`); NULL if unknown (it is needed only while
    /// the regional tax is due, until 2020).
    pub department: *const c_char,
    /// The registration number, in any usual typing (`"ab123cd"`, `"123 AB 45"`). Required.
    pub plate: *const c_char,
    pub category: duplicata_category,
    pub energy: duplicata_energy,
    /// Non-zero: a change of address is asked at the same time.
    pub change_of_address: duplicata_bool,
    /// Non-zero: the certificate was lost or destroyed in a natural disaster.
    pub natural_disaster: duplicata_bool,
}

impl Versioned for duplicata_fee_query {
    const MIN_SIZE: usize = 56;
    const NAME: &'static str = "duplicata_fee_query";
    fn set_size(&mut self, size: usize) {
        self.size = size;
    }
}

/// One amount of a fee breakdown.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_amount {
    /// The amount in euro cents (4776 is 47.76 EUR); 0 when `known` is 0.
    pub cents: i64,
    /// 0 when the amount cannot be known (a documented gap of the parameters).
    pub known: duplicata_bool,
    pub confidence: duplicata_confidence,
}

/// The status of a fee line, as the decision's `fees.lines[].status` (values are part of the ABI
/// and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_line_status {
    /// `"due"`: a positive amount.
    Due = 0,
    /// `"not_due"`: 0.
    NotDue = 1,
    /// `"unknown"`: the amount cannot be known; `unknown_reason` says why.
    Unknown = 2,
}

/// The number of fee lines (Y1 to Y5, in this order in `duplicata_fees.lines`).
pub const DUPLICATA_FEE_LINES: usize = 5;

/// One line Y1 to Y5 of the certificate. Every string is static (valid for the whole life of the
/// process, never freed) and NUL-terminated, UTF-8, the same texts as the decision's
/// `fees.lines`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_fee_line {
    /// `"Y1"` to `"Y5"`: the field of the certificate.
    pub code: *const c_char,
    /// The field's label, `"Taxe régionale"` / `"Regional tax"`.
    pub label_fr: *const c_char,
    pub label_en: *const c_char,
    /// Why the line has its amount: the rule applied.
    pub explanation_fr: *const c_char,
    pub explanation_en: *const c_char,
    /// When `status` is `DUPLICATA_LINE_STATUS_UNKNOWN`: a stable code of the cause
    /// (`"fees.y1.unknown_rate"`, `"fees.y1.unknown_exemption"`) and its text; NULL otherwise.
    pub unknown_reason: *const c_char,
    pub unknown_reason_fr: *const c_char,
    pub unknown_reason_en: *const c_char,
    /// The amount in euro cents; 0 when unknown.
    pub cents: i64,
    pub status: duplicata_line_status,
    pub confidence: duplicata_confidence,
    /// 0 when the amount cannot be known (`status` is then `DUPLICATA_LINE_STATUS_UNKNOWN`).
    pub known: duplicata_bool,
}

/// The fees of a carte-grise duplicata: the lines Y1 to Y5 of the certificate and the total.
/// Set `size` before the call (`DUPLICATA_INIT(fees)`); on success it holds the bytes written.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_fees {
    /// `sizeof(duplicata_fees)` as the caller's header declares it; on success, the bytes written.
    pub size: usize,
    /// Y1 taxe régionale, Y2 and Y3 (never due on a duplicata), Y4 taxe de gestion (until 2020)
    /// or taxe fixe (from 2021), Y5 redevance d'acheminement.
    pub lines: [duplicata_fee_line; DUPLICATA_FEE_LINES],
    /// Y1 + ... + Y5; unknown when a line is unknown. Its confidence is the lowest of the lines.
    pub total: duplicata_amount,
    pub regime: duplicata_regime,
    /// The system of the registration number that was read.
    pub plate_system: duplicata_plate_system,
    /// Non-zero: the FNI number is converted to a new SIV number.
    pub conversion: duplicata_bool,
    /// Non-zero: a change of address asked at the same time, only the highest event is charged.
    pub highest_event_only: duplicata_bool,
}

impl Versioned for duplicata_fees {
    const MIN_SIZE: usize = 480;
    const NAME: &'static str = "duplicata_fees";
    fn set_size(&mut self, size: usize) {
        self.size = size;
    }
}

fn category(raw: u32) -> Result<Category, Failure> {
    Ok(match raw {
        0 => Category::Car,
        1 => Category::Utility,
        2 => Category::Motorhome,
        3 => Category::Motorcycle,
        4 => Category::MotorcycleLe125,
        5 => Category::MopedLe50,
        6 => Category::Other,
        _ => {
            return Err(Failure::invalid_argument(
                "vehicle.category",
                raw,
                "a duplicata_category, 0 to 6",
            ));
        }
    })
}

fn energy(raw: u32) -> Result<Energy, Failure> {
    Ok(match raw {
        0 => Energy::Petrol,
        1 => Energy::Diesel,
        2 => Energy::Electric,
        3 => Energy::Hydrogen,
        4 => Energy::Hybrid,
        5 => Energy::Lpg,
        6 => Energy::Cng,
        7 => Energy::E85,
        8 => Energy::Other,
        _ => {
            return Err(Failure::invalid_argument(
                "vehicle.energy",
                raw,
                "a duplicata_energy, 0 to 8",
            ));
        }
    })
}

/// The query with every field checked, as `duplicata_core::FeeQuery::from_fields` checks a
/// request's fields for `evaluate` (through `FeeQuery::check_fields`, which makes the same checks
/// without building the number; a cyclomoteur number with another category is refused the
/// same way). The enum and flag fields are read as plain integers from a raw copy: a C caller may
/// store any value there, and an out-of-range value must give a status, not undefined behaviour.
///
/// # Safety
/// `q` is not NULL and points to a readable `duplicata_fee_query` (of its declared `size`) whose
/// strings are NULL or NUL-terminated.
unsafe fn read_query(q: *const duplicata_fee_query) -> Result<(FeeQuery, PlateSystem), Failure> {
    // SAFETY: readable for its declared size (caller's guarantee).
    let input = unsafe { read_in(q, "query") }?;
    let q = input.as_ptr();
    // SAFETY: the caller's struct, or a copy of it zeroed past its size: readable, initialised;
    // every field is read as a type for which any bit pattern is valid.
    let (date, department, plate, category_raw, energy_raw, change_of_address, natural_disaster) = unsafe {
        (
            (&raw const (*q).date).read(),
            (&raw const (*q).department).read(),
            (&raw const (*q).plate).read(),
            (&raw const (*q).category).cast::<u32>().read(),
            (&raw const (*q).energy).cast::<u32>().read(),
            (&raw const (*q).change_of_address).read() != 0,
            (&raw const (*q).natural_disaster).read() != 0,
        )
    };
    let date = read_date(date, "date")?;
    // SAFETY: NULL or NUL-terminated (caller's guarantee).
    let plate = unsafe { c_str(plate, "vehicle.plate") }?;
    let department = if department.is_null() {
        None
    } else {
        // SAFETY: NUL-terminated (caller's guarantee).
        Some(unsafe { c_str(department, "holder.department") }?)
    };
    let category = category(category_raw)?;
    let energy = energy(energy_raw)?;
    // The number is checked, not built: only its system is used (`query.plate`).
    let query = FeeQuery::check_fields(date, department, plate, category, energy)?
        .with_events(change_of_address, natural_disaster);
    Ok((query, query.plate))
}

/// The fees of a carte-grise duplicata, written to `*out`: Y1 to Y5 with their amount in integer
/// cents, status, confidence, label, explanation and, when unknown, the reason, then the total.
/// Allocates nothing on success; every string is static. The same amounts, statuses and texts as
/// the `fees` of `duplicata_engine_evaluate_json` for the same request, and the fields it reads are
/// checked the same way (a cyclomoteur number with a car category gives
/// `DUPLICATA_STATUS_INVALID_REQUEST`, code `request.inconsistent`, field `vehicle.category`); it
/// does not check the rest of a request (eligibility, documents). `query->size` and `out->size`
/// must be set (`DUPLICATA_INIT`).
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet; `query` is NULL or
/// points to a readable `duplicata_fee_query` whose strings are NULL or NUL-terminated; `out` and
/// `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_fees(
    engine: *const duplicata_engine,
    query: *const duplicata_fee_query,
    out: *mut duplicata_fees,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let engine = unsafe { engine_ref(engine) }?;
        if query.is_null() {
            return Err(Failure::null("query"));
        }
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: `out` is not NULL and points to a struct with its size (caller's guarantee).
        let n = unsafe { out_size(out, "out") }?;
        // SAFETY: `query` is not NULL and readable (caller's guarantee).
        let (query, system) = unsafe { read_query(query) }?;
        // Converted and written inside the closure: neither the core's breakdown nor the C struct
        // (a few hundred bytes each) is moved through a `Result`.
        // The breakdown is read where the core returned it (`ref`): moving it out of the
        // `Result` copied it once more.
        engine.with_engine(|e| match e.fees(&query) {
            // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
            Ok(ref f) => unsafe { duplicata_fees::write(out, n, f, system) },
            Err(error) => Err(Failure::from(error)),
        })
    })
}

/// A registration number that was read. Set `size` before the call (`DUPLICATA_INIT(plate)`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_plate {
    /// `sizeof(duplicata_plate)` as the caller's header declares it; on success, the bytes written.
    pub size: usize,
    pub system: duplicata_plate_system,
    /// The canonical form, NUL-terminated: `AB-123-CD`, `123 AB 45`, `A 11 A`, `1234 W 75`.
    pub normalized: [c_char; 16],
    /// For a number of the former FNI (and FNI-era W and WW numbers): its department code,
    /// NUL-terminated; an empty string otherwise.
    pub department: [c_char; 4],
}

fn fixed<const N: usize>(s: &str) -> [c_char; N] {
    let mut buf = [0 as c_char; N];
    for (slot, &b) in buf.iter_mut().zip(s.as_bytes().iter().take(N - 1)) {
        *slot = b as c_char;
    }
    buf
}

impl Versioned for duplicata_plate {
    const MIN_SIZE: usize = 32;
    const NAME: &'static str = "duplicata_plate";
    fn set_size(&mut self, size: usize) {
        self.size = size;
    }
}

impl From<&Plate> for duplicata_plate {
    fn from(p: &Plate) -> Self {
        duplicata_plate {
            size: size_of::<duplicata_plate>(),
            system: p.system.into(),
            normalized: fixed(p.normalized()),
            department: fixed(p.department().unwrap_or("")),
        }
    }
}

/// Reads a registration number in any usual typing (case, spaces and hyphens are free) and writes
/// it to `*out`. Allocates nothing on success. An unreadable number gives
/// `DUPLICATA_STATUS_INVALID_PLATE` and a `plate.*` code.
///
/// # Safety
/// `input` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_parse_plate(
    input: *const c_char,
    out: *mut duplicata_plate,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let plate = parse_plate(unsafe { c_str(input, "plate") }?)?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: `out` is not NULL and points to a struct with its size (caller's guarantee).
        let n = unsafe { out_size(out, "out") }?;
        // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
        unsafe { write_out(out, duplicata_plate::from(&plate), n) };
        Ok(())
    })
}

/// The regional rate per CV of a department on a day. Set `size` before the call
/// (`DUPLICATA_INIT(rate)`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_rate {
    /// `sizeof(duplicata_rate)` as the caller's header declares it; on success, the bytes written.
    pub size: usize,
    /// Euro cents per CV, every component included; 0 when `known` is 0.
    pub per_cv_cents: i64,
    /// 0 for a documented gap: no source gives the rate for that period.
    pub known: duplicata_bool,
    pub confidence: duplicata_confidence,
    /// First day of the period of this rate.
    pub period_from: duplicata_date,
    /// Last day of the period; meaningful only when `has_period_to` is non-zero (open-ended
    /// otherwise).
    pub period_to: duplicata_date,
    pub has_period_to: duplicata_bool,
}

impl Versioned for duplicata_rate {
    const MIN_SIZE: usize = 56;
    const NAME: &'static str = "duplicata_rate";
    fn set_size(&mut self, size: usize) {
        self.size = size;
    }
}

/// The regional rate per CV in force for `department` on `date`, written to `*out`. For the region,
/// zone, sources and the known values around a gap, see `duplicata_engine_rate_json`.
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet; `department` is NULL or
/// a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_rate(
    engine: *const duplicata_engine,
    department: *const c_char,
    date: duplicata_date,
    out: *mut duplicata_rate,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let engine = unsafe { engine_ref(engine) }?;
        // SAFETY: guaranteed by the caller.
        let department =
            duplicata_core::Department::parse(unsafe { c_str(department, "department") }?)?;
        let date = read_date(date, "date")?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: `out` is not NULL and points to a struct with its size (caller's guarantee).
        let n = unsafe { out_size(out, "out") }?;
        let rate = engine.with_engine(|engine| {
            engine
                .rate_period(department, date)
                .map(|answer| duplicata_rate {
                    size: size_of::<duplicata_rate>(),
                    per_cv_cents: answer.per_cv().map_or(0, Money::cents),
                    known: u8::from(answer.per_cv().is_some()),
                    confidence: answer.confidence.into(),
                    period_from: answer.period.from.into(),
                    period_to: answer.to().map_or(
                        duplicata_date {
                            year: 0,
                            month: 0,
                            day: 0,
                        },
                        Into::into,
                    ),
                    has_period_to: u8::from(answer.to().is_some()),
                })
        })?;
        // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
        unsafe { write_out(out, rate, n) };
        Ok(())
    })
}

/// The first published layouts (0.1.0): their sizes are the `MIN_SIZE`s, which never change.
#[cfg(test)]
mod layout {
    use std::mem::offset_of;

    use super::*;

    #[test]
    fn first_layouts_are_the_published_ones() {
        assert_eq!(
            size_of::<duplicata_fee_query>(),
            duplicata_fee_query::MIN_SIZE
        );
        assert_eq!(size_of::<duplicata_fees>(), duplicata_fees::MIN_SIZE);
        assert_eq!(size_of::<duplicata_plate>(), duplicata_plate::MIN_SIZE);
        assert_eq!(size_of::<duplicata_rate>(), duplicata_rate::MIN_SIZE);
        assert_eq!(offset_of!(duplicata_fee_query, size), 0);
        assert_eq!(offset_of!(duplicata_fees, size), 0);
        assert_eq!(offset_of!(duplicata_plate, size), 0);
        assert_eq!(offset_of!(duplicata_rate, size), 0);
        assert_eq!(size_of::<duplicata_fee_line>(), 88);
    }
}
