//! The typed calls: plain C structs in and out, amounts in integer cents. The fee call allocates
//! nothing on success; it is meant for callers that evaluate millions of rows.

use std::ffi::c_char;

use chrono::NaiveDate;
use duplicata_core::{
    Category, Confidence, Department, Energy, FeeBreakdown, FeeLine, FeeQuery, LineCode, Money,
    Plate, PlateSystem, parse_plate,
};

use crate::boundary::{Failure, run};
use crate::engine::{c_str, duplicata_engine, engine_ref};
use crate::error::duplicata_error;
use crate::status::duplicata_status;

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

pub(crate) fn read_date(d: duplicata_date, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::from_ymd_opt(d.year, d.month, d.day)
        .ok_or_else(|| Failure::invalid_date(field, d.year, d.month, d.day))
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
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct duplicata_fee_query {
    /// Day of the request: the rules in force that day apply.
    pub date: duplicata_date,
    /// The holder's department (`"33"`, `"2A"`, `"971"`); NULL if unknown (it is needed only while
    /// the regional tax is due, until 2020).
    pub department: *const c_char,
    /// The registration number, in any usual typing (`"ab123cd"`, `"123 AB 45"`). Required.
    pub plate: *const c_char,
    pub category: duplicata_category,
    pub energy: duplicata_energy,
    /// A change of address is asked at the same time.
    pub change_of_address: bool,
    /// The certificate was lost or destroyed in a natural disaster.
    pub natural_disaster: bool,
}

/// One amount of a fee breakdown.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_amount {
    /// The amount in euro cents (4776 is 47.76 EUR); 0 when `known` is false.
    pub cents: i64,
    /// False when the amount cannot be known (a documented gap of the parameters).
    pub known: bool,
    pub confidence: duplicata_confidence,
}

/// The fees of a carte-grise duplicata: the lines Y1 to Y5 of the certificate and the total.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_fees {
    /// Taxe régionale.
    pub y1: duplicata_amount,
    /// Never due on a duplicata (always 0).
    pub y2: duplicata_amount,
    /// Never due on a duplicata (always 0).
    pub y3: duplicata_amount,
    /// Taxe de gestion (until 2020) or taxe fixe (from 2021).
    pub y4: duplicata_amount,
    /// Redevance d'acheminement.
    pub y5: duplicata_amount,
    /// Y1 + ... + Y5; unknown when a line is unknown. Its confidence is the lowest of the lines.
    pub total: duplicata_amount,
    pub regime: duplicata_regime,
    /// The system of the registration number that was read.
    pub plate_system: duplicata_plate_system,
    /// The FNI number is converted to a new SIV number.
    pub conversion: bool,
    /// A change of address asked at the same time: only the highest event is charged.
    pub highest_event_only: bool,
}

fn amount(value: Option<Money>, confidence: Confidence) -> duplicata_amount {
    duplicata_amount {
        cents: value.map_or(0, Money::cents),
        known: value.is_some(),
        confidence: confidence.into(),
    }
}

fn line(l: &FeeLine) -> duplicata_amount {
    amount(l.amount, l.confidence)
}

impl duplicata_fees {
    fn new(f: &FeeBreakdown, plate_system: PlateSystem) -> Self {
        duplicata_fees {
            y1: line(f.line(LineCode::Y1)),
            y2: line(f.line(LineCode::Y2)),
            y3: line(f.line(LineCode::Y3)),
            y4: line(f.line(LineCode::Y4)),
            y5: line(f.line(LineCode::Y5)),
            total: amount(f.total, f.confidence),
            regime: match f.regime {
                duplicata_core::params::Regime::Cgi => duplicata_regime::Cgi,
                duplicata_core::params::Regime::TaxeFixe2021 => duplicata_regime::TaxeFixe_2021,
                duplicata_core::params::Regime::Cibs => duplicata_regime::Cibs,
            },
            plate_system: plate_system.into(),
            conversion: f.conversion,
            highest_event_only: f.highest_event_meta.is_some(),
        }
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

/// The query with every field checked. The enum and bool fields are read as plain integers: a C
/// caller may store any value there, and an out-of-range value must give a status, not undefined
/// behaviour.
///
/// # Safety
/// `q` is not NULL and points to a readable `duplicata_fee_query` whose strings are NULL or
/// NUL-terminated.
unsafe fn read_query(q: *const duplicata_fee_query) -> Result<(FeeQuery, PlateSystem), Failure> {
    // SAFETY: `q` is readable (caller's guarantee); every field is read as a type for which any bit
    // pattern is valid.
    let (date, department, plate, category_raw, energy_raw, change_of_address, natural_disaster) = unsafe {
        (
            (&raw const (*q).date).read(),
            (&raw const (*q).department).read(),
            (&raw const (*q).plate).read(),
            (&raw const (*q).category).cast::<u32>().read(),
            (&raw const (*q).energy).cast::<u32>().read(),
            (&raw const (*q).change_of_address).cast::<u8>().read() != 0,
            (&raw const (*q).natural_disaster).cast::<u8>().read() != 0,
        )
    };
    let date = read_date(date, "date")?;
    // SAFETY: NULL or NUL-terminated (caller's guarantee).
    let plate = parse_plate(unsafe { c_str(plate, "vehicle.plate") }?)
        .map_err(|e| Failure::from(e).in_field("vehicle.plate"))?;
    let department = if department.is_null() {
        None
    } else {
        // SAFETY: NUL-terminated (caller's guarantee).
        let code = unsafe { c_str(department, "holder.department") }?;
        Some(Department::parse(code).map_err(|e| Failure::from(e).in_field("holder.department"))?)
    };
    let query = FeeQuery {
        date,
        department,
        plate: plate.system,
        category: category(category_raw)?,
        energy: energy(energy_raw)?,
        change_of_address,
        natural_disaster,
    };
    Ok((query, plate.system))
}

/// The fees of a carte-grise duplicata, written to `*out`: Y1 to Y5 and the total in integer cents,
/// with their confidence. Allocates nothing on success. The same amounts as the `fees` of
/// `duplicata_engine_evaluate_json` for the same request; unlike it, this call does not check the
/// rest of a request (eligibility, documents, consistency of the plate with the category).
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
        // SAFETY: `query` is not NULL and readable (caller's guarantee).
        let (query, system) = unsafe { read_query(query) }?;
        // Converted inside the closure: the core's breakdown (a few hundred bytes) is not moved.
        let fees =
            engine.with_engine(|e| e.fees(&query).map(|f| duplicata_fees::new(&f, system)))?;
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { out.write(fees) };
        Ok(())
    })
}

/// A registration number that was read.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_plate {
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

impl From<&Plate> for duplicata_plate {
    fn from(p: &Plate) -> Self {
        duplicata_plate {
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
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { out.write(duplicata_plate::from(&plate)) };
        Ok(())
    })
}

/// The regional rate per CV of a department on a day.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct duplicata_rate {
    /// Euro cents per CV, every component included; 0 when `known` is false.
    pub per_cv_cents: i64,
    /// False for a documented gap: no source gives the rate for that period.
    pub known: bool,
    pub confidence: duplicata_confidence,
    /// First day of the period of this rate.
    pub period_from: duplicata_date,
    /// Last day of the period; meaningful only when `has_period_to` is true (open-ended otherwise).
    pub period_to: duplicata_date,
    pub has_period_to: bool,
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
        let department = Department::parse(unsafe { c_str(department, "department") }?)?;
        let date = read_date(date, "date")?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let rate = engine.with_engine(|engine| {
            engine
                .rate_period(department, date)
                .map(|answer| duplicata_rate {
                    per_cv_cents: answer.per_cv().map_or(0, Money::cents),
                    known: answer.per_cv().is_some(),
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
                    has_period_to: answer.to().is_some(),
                })
        })?;
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { out.write(rate) };
        Ok(())
    })
}
