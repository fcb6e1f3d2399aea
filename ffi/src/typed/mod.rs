//! The typed calls: plain C structs in and out, amounts in integer cents. The fee call allocates
//! nothing on success; it is meant for callers that evaluate millions of rows. Every struct the
//! caller allocates starts with its `size` (see [`crate::sized`]).

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

mod plate_rate;

pub use plate_rate::{
    duplicata_engine_rate, duplicata_parse_plate, duplicata_plate, duplicata_rate,
};

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

fn amount(value: Option<Money>, confidence: Confidence) -> duplicata_amount {
    duplicata_amount {
        cents: value.map_or(0, Money::cents),
        known: u8::from(value.is_some()),
        confidence: confidence.into(),
    }
}

/// The C texts of a line that has one explanation: its code, labels and explanation, made once
/// per line and explanation (a few dozen in all) and never freed (the process-wide cache the
/// header describes). A line's texts are then found with one load and two comparisons, and
/// copied as one block.
struct LineTexts {
    /// The explanation these texts were made for ([`text::key`] of the core's French and English
    /// texts).
    fr_key: usize,
    en_key: usize,
    /// `code`, `label_fr`, `label_en`, `explanation_fr`, `explanation_en`, in the order of
    /// `duplicata_fee_line`.
    c: [*const c_char; 5],
}

// SAFETY: the pointers are to static C strings that are never written nor freed.
unsafe impl Send for LineTexts {}
// SAFETY: as above; a record never changes once made.
unsafe impl Sync for LineTexts {}

/// The texts of line `code` explained by `(fr, en)`. Inlined: the usual case is one load of the
/// line's last record and two comparisons.
#[inline(always)]
fn line_texts(code: LineCode, fr: &'static str, en: &'static str) -> &'static LineTexts {
    /// The last record of each line (a line's rule rarely changes in a batch).
    static LAST: [AtomicPtr<LineTexts>; DUPLICATA_FEE_LINES] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; DUPLICATA_FEE_LINES];
    let slot = &LAST[code as usize];
    // SAFETY: NULL or a record leaked by `make_line_texts` (static, never freed); the release
    // store that published it is paired with this acquire load.
    if let Some(t) = unsafe { slot.load(Ordering::Acquire).as_ref() } {
        if t.fr_key == text::key(fr) && t.en_key == text::key(en) {
            return t;
        }
    }
    let t = make_line_texts(code, fr, en);
    slot.store(std::ptr::from_ref(t).cast_mut(), Ordering::Release);
    t
}

#[cold]
fn make_line_texts(code: LineCode, fr: &'static str, en: &'static str) -> &'static LineTexts {
    /// Every record ever made, each made once per line and explanation.
    static ALL: Mutex<Vec<(LineCode, &'static LineTexts)>> = Mutex::new(Vec::new());
    let (fr_key, en_key) = (text::key(fr), text::key(en));
    let mut all = ALL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, t)) = all
        .iter()
        .find(|(c, t)| *c == code && t.fr_key == fr_key && t.en_key == en_key)
    {
        return t;
    }
    let (label_fr, label_en) = text::pair(code.label_fr(), code.label_en());
    let (explanation_fr, explanation_en) = text::pair(fr, en);
    let t: &'static LineTexts = Box::leak(Box::new(LineTexts {
        fr_key,
        en_key,
        c: [
            text::one(code.as_str()),
            label_fr,
            label_en,
            explanation_fr,
            explanation_en,
        ],
    }));
    all.push((code, t));
    t
}

// `write_line` copies `LineTexts::c` over the first five fields of a line in one block.
const _: () = assert!(
    std::mem::offset_of!(duplicata_fee_line, code) == 0
        && std::mem::offset_of!(duplicata_fee_line, explanation_en)
            == 4 * size_of::<*const c_char>()
);

impl From<LineStatus> for duplicata_line_status {
    fn from(s: LineStatus) -> Self {
        match s {
            LineStatus::Due => duplicata_line_status::Due,
            LineStatus::NotDue => duplicata_line_status::NotDue,
            LineStatus::Unknown => duplicata_line_status::Unknown,
        }
    }
}

/// Why a line is unknown: the code and texts of the unknown value. Y1 is unknown when the regional
/// rate or the region's clean-vehicle share is; Y4 follows Y1 under the CGI (art. 1628-0 bis II),
/// so an unknown Y4 has Y1's cause.
fn unknown_reason(f: &FeeBreakdown, l: &FeeLine) -> [*const c_char; 3] {
    let y1 = f.line(LineCode::Y1);
    let cause = [l, y1].into_iter().find_map(|line| match line.rule {
        LineRule::UnknownRate { .. } => Some(("fees.y1.unknown_rate", line)),
        LineRule::UnknownExemption { .. } => Some(("fees.y1.unknown_exemption", line)),
        _ => None,
    });
    match cause {
        Some((code, line)) => {
            let (fr, en) = line.explanation();
            let (fr, en) = text::pair(fr, en);
            [text::one(code), fr, en]
        }
        // A line unknown for a cause the core adds later: its own explanation says why.
        None => {
            let (fr, en) = l.explanation();
            let (fr, en) = text::pair(fr, en);
            [text::one("fees.unknown"), fr, en]
        }
    }
}

/// Writes one line to `dst`, field by field. Written in place rather than built and returned:
/// copying an 88-byte struct back from the stack right after its fields were stored one by one
/// stalls on store forwarding.
///
/// # Safety
/// `dst` is writable for one `duplicata_fee_line`.
#[inline(always)]
unsafe fn write_line(dst: *mut duplicata_fee_line, f: &FeeBreakdown, l: &FeeLine) {
    let (fr, en) = l.explanation();
    let texts = line_texts(l.code, fr, en);
    // The status as the decision gives it (`fees.lines[].status`), worked out by the core.
    let status = l.status();
    let reason = if status == LineStatus::Unknown {
        unknown_reason(f, l)
    } else {
        [std::ptr::null(); 3]
    };
    // SAFETY: `dst` is writable (caller's guarantee); fields written through raw pointers. The
    // first five pointers are consecutive in `duplicata_fee_line` (`repr(C)`), in the order of
    // `LineTexts::c`: one copy of the record.
    unsafe {
        (&raw mut (*dst).code)
            .cast::<[*const c_char; 5]>()
            .write(texts.c);
        (&raw mut (*dst).unknown_reason).write(reason[0]);
        (&raw mut (*dst).unknown_reason_fr).write(reason[1]);
        (&raw mut (*dst).unknown_reason_en).write(reason[2]);
        (&raw mut (*dst).cents).write(l.amount.map_or(0, Money::cents));
        (&raw mut (*dst).status).write(status.into());
        (&raw mut (*dst).confidence).write(l.confidence.into());
        (&raw mut (*dst).known).write(u8::from(l.amount.is_some()));
    }
}

impl duplicata_fees {
    fn new(f: &FeeBreakdown, regime: duplicata_regime, plate_system: PlateSystem) -> Self {
        duplicata_fees {
            size: size_of::<duplicata_fees>(),
            lines: std::array::from_fn(|i| {
                let mut line = std::mem::MaybeUninit::<duplicata_fee_line>::zeroed();
                // SAFETY: a local struct, writable; zeroed first, so its padding is defined.
                unsafe {
                    write_line(line.as_mut_ptr(), f, &f.lines[i]);
                    line.assume_init()
                }
            }),
            total: amount(f.total, f.confidence),
            regime,
            plate_system: plate_system.into(),
            conversion: u8::from(f.conversion),
            highest_event_only: u8::from(f.highest_event_meta.is_some()),
        }
    }

    /// Writes the fees of `f` to the caller's struct, `n` bytes (from `out_size`). The whole
    /// struct (the usual case) is written field by field in place: the struct is about 500 bytes,
    /// and building it aside then copying it costs a fifth of the call.
    ///
    /// # Safety
    /// `out` is not NULL and writable for `n` bytes.
    unsafe fn write(
        out: *mut duplicata_fees,
        n: usize,
        f: &FeeBreakdown,
        plate_system: PlateSystem,
    ) -> Result<(), Failure> {
        let regime = crate::names::regime(f.regime.as_str())
            .ok_or_else(|| Failure::internal("a regime unknown to the C interface"))?;
        if n != size_of::<duplicata_fees>() {
            // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
            unsafe { write_out(out, duplicata_fees::new(f, regime, plate_system), n) };
            return Ok(());
        }
        // SAFETY: the whole struct is writable (caller's guarantee); each field is written once
        // through a raw pointer, no reference to uninitialised memory is made.
        unsafe {
            (&raw mut (*out).size).write(n);
            let lines = (&raw mut (*out).lines).cast::<duplicata_fee_line>();
            for (i, l) in f.lines.iter().enumerate() {
                write_line(lines.add(i), f, l);
            }
            (&raw mut (*out).total).write(amount(f.total, f.confidence));
            (&raw mut (*out).regime).write(regime);
            (&raw mut (*out).plate_system).write(plate_system.into());
            (&raw mut (*out).conversion).write(u8::from(f.conversion));
            (&raw mut (*out).highest_event_only).write(u8::from(f.highest_event_meta.is_some()));
        }
        Ok(())
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
