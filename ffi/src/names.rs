//! The contract's names of the enums (`"car"`, `"moped_le_50"`, `"co_holder"`...), as the JSON
//! requests and decisions spell them, both ways: `duplicata_*_from_str` reads a name with the
//! core's own reader (its serde names), `duplicata_*_name` gives the static name of a value.
//! Every conversion from the core's enums is an exhaustive `match`, so a value added to the core
//! does not compile here until it is added to the C enum; `ffi/tests/contract_lists.rs` checks
//! the header's lists against the core's names and the JSON schemas.

use std::ffi::{CStr, c_char};

use duplicata_core::{Applicant, Category, Energy, Reason};

use crate::boundary::{Failure, catch_or, run};
use crate::engine::c_str;
use crate::error::duplicata_error;
use crate::status::duplicata_status;
use crate::typed::{duplicata_category, duplicata_energy, duplicata_regime};

/// Why a duplicata is needed (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_reason {
    /// `"loss"`: perte.
    Loss = 0,
    /// `"theft"`: vol.
    Theft = 1,
    /// `"damage"`: détérioration.
    Damage = 2,
}

/// Who files the request (values are part of the ABI and never change).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum duplicata_applicant {
    /// `"holder"`: the holder (titulaire).
    Holder = 0,
    /// `"co_holder"`: a co-holder (cotitulaire).
    CoHolder = 1,
    /// `"mandate_holder"`: someone with the holder's mandate.
    MandateHolder = 2,
    /// `"legal_guardian"`: the legal representative of a minor or protected holder.
    LegalGuardian = 3,
    /// `"lessee"`: the lessee of a leased vehicle.
    Lessee = 4,
    /// `"heir"`: an heir of a deceased holder.
    Heir = 5,
    /// `"professional"`: a professional of the automobile trade.
    Professional = 6,
}

impl From<Category> for duplicata_category {
    fn from(c: Category) -> Self {
        match c {
            Category::Car => duplicata_category::Car,
            Category::Utility => duplicata_category::Utility,
            Category::Motorhome => duplicata_category::Motorhome,
            Category::Motorcycle => duplicata_category::Motorcycle,
            Category::MotorcycleLe125 => duplicata_category::MotorcycleLe_125,
            Category::MopedLe50 => duplicata_category::MopedLe_50,
            Category::Other => duplicata_category::Other,
        }
    }
}

impl From<Energy> for duplicata_energy {
    fn from(e: Energy) -> Self {
        match e {
            Energy::Petrol => duplicata_energy::Petrol,
            Energy::Diesel => duplicata_energy::Diesel,
            Energy::Electric => duplicata_energy::Electric,
            Energy::Hydrogen => duplicata_energy::Hydrogen,
            Energy::Hybrid => duplicata_energy::Hybrid,
            Energy::Lpg => duplicata_energy::Lpg,
            Energy::Cng => duplicata_energy::Cng,
            Energy::E85 => duplicata_energy::E85,
            Energy::Other => duplicata_energy::Other,
        }
    }
}

impl From<Reason> for duplicata_reason {
    fn from(r: Reason) -> Self {
        match r {
            Reason::Loss => duplicata_reason::Loss,
            Reason::Theft => duplicata_reason::Theft,
            Reason::Damage => duplicata_reason::Damage,
        }
    }
}

impl From<Applicant> for duplicata_applicant {
    fn from(a: Applicant) -> Self {
        match a {
            Applicant::Holder => duplicata_applicant::Holder,
            Applicant::CoHolder => duplicata_applicant::CoHolder,
            Applicant::MandateHolder => duplicata_applicant::MandateHolder,
            Applicant::LegalGuardian => duplicata_applicant::LegalGuardian,
            Applicant::Lessee => duplicata_applicant::Lessee,
            Applicant::Heir => duplicata_applicant::Heir,
            Applicant::Professional => duplicata_applicant::Professional,
        }
    }
}

/// The names, indexed by the C value (checked against the core's serde names by the tests).
pub(crate) const CATEGORY_NAMES: [&CStr; 7] = [
    c"car",
    c"utility",
    c"motorhome",
    c"motorcycle",
    c"motorcycle_le_125",
    c"moped_le_50",
    c"other",
];
pub(crate) const ENERGY_NAMES: [&CStr; 9] = [
    c"petrol",
    c"diesel",
    c"electric",
    c"hydrogen",
    c"hybrid",
    c"lpg",
    c"cng",
    c"e85",
    c"other",
];
pub(crate) const REASON_NAMES: [&CStr; 3] = [c"loss", c"theft", c"damage"];
pub(crate) const APPLICANT_NAMES: [&CStr; 7] = [
    c"holder",
    c"co_holder",
    c"mandate_holder",
    c"legal_guardian",
    c"lessee",
    c"heir",
    c"professional",
];
pub(crate) const REGIME_NAMES: [&CStr; 3] = [c"cgi", c"taxe_fixe_2021", c"cibs"];
pub(crate) const LINE_STATUS_NAMES: [&CStr; 3] = [c"due", c"not_due", c"unknown"];

fn name_of(names: &[&'static CStr], value: u32) -> *const c_char {
    usize::try_from(value)
        .ok()
        .and_then(|i| names.get(i))
        .map_or(std::ptr::null(), |n| n.as_ptr())
}

fn expected(names: &[&CStr]) -> String {
    names
        .iter()
        .map(|n| n.to_string_lossy())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `name` with the core's reader for `T` (its serde names, exactly: no case folding).
fn core_value<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// Reads a name and writes its C value to a non-NULL `out`.
///
/// # Safety
/// `name` is NULL or NUL-terminated; `out` is NULL or writable.
unsafe fn from_str<T, C: Copy>(
    name: *const c_char,
    out: *mut C,
    field: &str,
    names: &[&CStr],
    convert: impl FnOnce(T) -> C,
) -> Result<(), Failure>
where
    T: serde::de::DeserializeOwned,
{
    // SAFETY: guaranteed by the caller.
    let text = unsafe { c_str(name, "name") }?;
    if out.is_null() {
        return Err(Failure::null("out"));
    }
    let value = core_value::<T>(text)
        .map(convert)
        .ok_or_else(|| Failure::unknown_name(field, text, &expected(names)))?;
    // SAFETY: `out` is not NULL and writable (caller's guarantee).
    unsafe { out.write(value) };
    Ok(())
}

/// Reads a vehicle category by its contract name (`"car"`, `"utility"`, `"motorhome"`,
/// `"motorcycle"`, `"motorcycle_le_125"`, `"moped_le_50"`, `"other"`; exact spelling) and writes
/// it to `*out`. Any other name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (code `ffi.unknown_name`,
/// field `vehicle.category`, the expected names in the message).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_category_from_str(
    name: *const c_char,
    out: *mut duplicata_category,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    // SAFETY: guaranteed by the caller.
    run(err, || unsafe {
        from_str::<Category, duplicata_category>(
            name,
            out,
            "vehicle.category",
            &CATEGORY_NAMES,
            duplicata_category::from,
        )
    })
}

/// The contract name of a `duplicata_category` (static, never freed); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_category_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&CATEGORY_NAMES, value))
}

/// Reads an energy by its contract name (`"petrol"`, `"diesel"`, `"electric"`, `"hydrogen"`,
/// `"hybrid"`, `"lpg"`, `"cng"`, `"e85"`, `"other"`) and writes it to `*out`. Any other name gives
/// `DUPLICATA_STATUS_UNKNOWN_NAME` (field `vehicle.energy`).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_energy_from_str(
    name: *const c_char,
    out: *mut duplicata_energy,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    // SAFETY: guaranteed by the caller.
    run(err, || unsafe {
        from_str::<Energy, duplicata_energy>(
            name,
            out,
            "vehicle.energy",
            &ENERGY_NAMES,
            duplicata_energy::from,
        )
    })
}

/// The contract name of a `duplicata_energy` (static, never freed); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_energy_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&ENERGY_NAMES, value))
}

/// Reads a reason by its contract name (`"loss"`, `"theft"`, `"damage"`) and writes it to `*out`.
/// Any other name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (field `reason`).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_reason_from_str(
    name: *const c_char,
    out: *mut duplicata_reason,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    // SAFETY: guaranteed by the caller.
    run(err, || unsafe {
        from_str::<Reason, duplicata_reason>(
            name,
            out,
            "reason",
            &REASON_NAMES,
            duplicata_reason::from,
        )
    })
}

/// The contract name of a `duplicata_reason` (static, never freed); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_reason_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&REASON_NAMES, value))
}

/// Reads an applicant by its contract name (`"holder"`, `"co_holder"`, `"mandate_holder"`,
/// `"legal_guardian"`, `"lessee"`, `"heir"`, `"professional"`) and writes it to `*out`. Any other
/// name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (field `applicant`).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_applicant_from_str(
    name: *const c_char,
    out: *mut duplicata_applicant,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    // SAFETY: guaranteed by the caller.
    run(err, || unsafe {
        from_str::<Applicant, duplicata_applicant>(
            name,
            out,
            "applicant",
            &APPLICANT_NAMES,
            duplicata_applicant::from,
        )
    })
}

/// The contract name of a `duplicata_applicant` (static, never freed); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_applicant_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&APPLICANT_NAMES, value))
}

/// The contract name of a `duplicata_regime` (`"cgi"`, `"taxe_fixe_2021"`, `"cibs"`, as the
/// decision's `fees.regime`; static); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_regime_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&REGIME_NAMES, value))
}

/// The contract name of a `duplicata_line_status` (`"due"`, `"not_due"`, `"unknown"`, as the
/// decision's `fees.lines[].status`; static); NULL for a value out of the list.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_line_status_name(value: u32) -> *const c_char {
    catch_or(std::ptr::null(), || name_of(&LINE_STATUS_NAMES, value))
}

/// The C regime of the core's regime name (the core's `Regime::as_str`).
pub(crate) fn regime(name: &str) -> Option<duplicata_regime> {
    Some(match name {
        "cgi" => duplicata_regime::Cgi,
        "taxe_fixe_2021" => duplicata_regime::TaxeFixe_2021,
        "cibs" => duplicata_regime::Cibs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name<T: serde::Serialize>(v: T) -> String {
        match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => s,
            other => panic!("not a name: {other:?}"),
        }
    }

    #[test]
    fn every_name_is_the_cores_serde_name_of_the_same_value() {
        for (i, n) in CATEGORY_NAMES.iter().enumerate() {
            let core: Category = core_value(n.to_str().expect("UTF-8")).expect("a core name");
            assert_eq!(duplicata_category::from(core) as usize, i, "{n:?}");
            assert_eq!(serde_name(core), n.to_str().expect("UTF-8"));
        }
        for (i, n) in ENERGY_NAMES.iter().enumerate() {
            let core: Energy = core_value(n.to_str().expect("UTF-8")).expect("a core name");
            assert_eq!(duplicata_energy::from(core) as usize, i, "{n:?}");
            assert_eq!(serde_name(core), n.to_str().expect("UTF-8"));
        }
        for (i, n) in REASON_NAMES.iter().enumerate() {
            let core: Reason = core_value(n.to_str().expect("UTF-8")).expect("a core name");
            assert_eq!(duplicata_reason::from(core) as usize, i, "{n:?}");
            assert_eq!(serde_name(core), n.to_str().expect("UTF-8"));
        }
        for (i, n) in APPLICANT_NAMES.iter().enumerate() {
            let core: Applicant = core_value(n.to_str().expect("UTF-8")).expect("a core name");
            assert_eq!(duplicata_applicant::from(core) as usize, i, "{n:?}");
            assert_eq!(core.as_str(), n.to_str().expect("UTF-8"));
        }
        for (i, n) in REGIME_NAMES.iter().enumerate() {
            assert_eq!(
                regime(n.to_str().expect("UTF-8")).map(|r| r as usize),
                Some(i)
            );
        }
        assert_eq!(
            LINE_STATUS_NAMES.len(),
            crate::typed::duplicata_line_status::Unknown as usize + 1
        );
    }

    #[test]
    fn names_are_exact() {
        for wrong in ["Car", " car", "voiture", "", "car\u{0}"] {
            assert!(core_value::<Category>(wrong).is_none(), "{wrong:?}");
        }
        assert!(name_of(&CATEGORY_NAMES, 7).is_null());
        assert!(name_of(&CATEGORY_NAMES, u32::MAX).is_null());
    }
}
