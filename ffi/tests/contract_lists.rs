//! The enum lists of `include/duplicata.h` are the core's: every enumerator of the category,
//! energy, reason, applicant and regime enums, lowercased without its prefix, is the core's serde
//! name of the value with the same number, and each list has as many values as the contract's
//! JSON schema (which the core's own tests keep equal to its enums).
#![expect(unsafe_code, reason = "calls the C ABI")]

use std::ffi::{CStr, CString, c_char};

use duplicata::names::{
    duplicata_applicant_from_str, duplicata_category_from_str, duplicata_energy_from_str,
    duplicata_reason_from_str, duplicata_regime_name,
};
use duplicata::status::duplicata_status;
use duplicata_core::{Applicant, Category, Energy, Reason};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `(name, value)` of the enumerators `PREFIX_NAME = value` of the header.
fn header_list(prefix: &str) -> Vec<(String, u32)> {
    let header = std::fs::read_to_string(root().join("include/duplicata.h")).expect("header");
    header
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_end_matches(',');
            let (name, value) = l.split_once(" = ")?;
            let rest = name.strip_prefix(prefix)?;
            Some((rest.to_ascii_lowercase(), value.parse().ok()?))
        })
        .collect()
}

fn schema_list(file: &str, pointer: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("docs/schema").join(file)).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    schema
        .pointer(pointer)
        .and_then(serde_json::Value::as_array)
        .unwrap_or_else(|| panic!("{pointer} in {file}"))
        .iter()
        .map(|v| v.as_str().expect("a name").to_owned())
        .collect()
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("a name")
}

/// Checks one list: header name = core serde name, header value = the library's value.
fn check<T: serde::de::DeserializeOwned + serde::Serialize>(
    prefix: &str,
    schema: Vec<String>,
    from_str: unsafe extern "C" fn(
        *const c_char,
        *mut u32,
        *mut *mut duplicata::error::duplicata_error,
    ) -> duplicata_status,
) {
    let list = header_list(prefix);
    assert!(!list.is_empty(), "no {prefix}* in the header");
    let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names, schema,
        "{prefix}*: the header's list is not the contract's"
    );
    for (i, (name, value)) in list.iter().enumerate() {
        assert_eq!(*value as usize, i, "{prefix}{name}: values follow the list");
        let core: T = serde_json::from_value(serde_json::Value::String(name.clone()))
            .unwrap_or_else(|_| panic!("{prefix}{name}: not a name of the core"));
        assert_eq!(&serde_name(&core), name);
        let c = CString::new(name.as_str()).expect("no NUL");
        let mut out = u32::MAX;
        // SAFETY: valid string and output.
        let status = unsafe { from_str(c.as_ptr(), &mut out, std::ptr::null_mut()) };
        assert_eq!(status, duplicata_status::Ok, "{name}");
        assert_eq!(
            out, *value,
            "{name}: the library's value differs from the header's"
        );
    }
}

// The C enums are `repr(u32)`: the helpers are called through their integer form.
macro_rules! as_u32 {
    ($f:path, $t:ty) => {{
        unsafe extern "C" fn f(
            n: *const c_char,
            out: *mut u32,
            err: *mut *mut duplicata::error::duplicata_error,
        ) -> duplicata_status {
            // SAFETY: `$t` is `repr(u32)`: same size and alignment as `u32`, and the library
            // writes only valid values.
            unsafe { $f(n, out.cast::<$t>(), err) }
        }
        f
    }};
}

#[test]
fn the_headers_lists_are_the_cores() {
    use duplicata::names::{duplicata_applicant, duplicata_reason};
    use duplicata::typed::{duplicata_category, duplicata_energy};
    let req = "request.schema.json";
    check::<Category>(
        "DUPLICATA_CATEGORY_",
        schema_list(req, "/properties/vehicle/properties/category/enum"),
        as_u32!(duplicata_category_from_str, duplicata_category),
    );
    check::<Energy>(
        "DUPLICATA_ENERGY_",
        schema_list(req, "/properties/vehicle/properties/energy/enum"),
        as_u32!(duplicata_energy_from_str, duplicata_energy),
    );
    check::<Reason>(
        "DUPLICATA_REASON_",
        schema_list(req, "/properties/reason/enum"),
        as_u32!(duplicata_reason_from_str, duplicata_reason),
    );
    check::<Applicant>(
        "DUPLICATA_APPLICANT_",
        schema_list(req, "/properties/applicant/enum"),
        as_u32!(duplicata_applicant_from_str, duplicata_applicant),
    );
    // Regimes: no reader (they come out of the engine only); names against the decision schema
    // and the core's `Regime::as_str` as the fee breakdown gives it.
    let regimes = header_list("DUPLICATA_REGIME_");
    let schema = schema_list("decision.schema.json", "/$defs/fees/properties/regime/enum");
    let names: Vec<&str> = regimes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, schema);
    for (name, value) in &regimes {
        // SAFETY: a static string or NULL.
        let c = unsafe { CStr::from_ptr(duplicata_regime_name(*value)) };
        assert_eq!(c.to_str(), Ok(name.as_str()));
    }
    let engine = duplicata_core::Engine::embedded().expect("engine");
    let mut seen = Vec::new();
    for (year, plate) in [
        (2019, "AB-123-CD"),
        (2021, "AB-123-CD"),
        (2023, "AB-123-CD"),
    ] {
        let (q, _) = duplicata_core::FeeQuery::from_fields(
            chrono::NaiveDate::from_ymd_opt(year, 6, 1).expect("date"),
            Some("33"),
            plate,
            Category::Car,
            Energy::Petrol,
        )
        .expect("query");
        seen.push(engine.fees(&q).expect("fees").regime.as_str().to_owned());
    }
    assert_eq!(
        seen, schema,
        "one year of each regime, in the header's order"
    );
}
