//! The typed calls that read a registration number and give a regional rate.

use super::*;

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
