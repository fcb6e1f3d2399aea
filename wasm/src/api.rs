//! The operations of the module on JSON text, independent of JavaScript (tested natively).

use chrono::NaiveDate;
use duplicata_core::{
    Category, Confidence, Department, Energy, Engine, Error, ErrorKind, FeeQuery, from_json,
    parse_plate,
};
use serde::{Deserialize, Serialize};

/// The engine over the embedded parameters (parsed once, on first use).
pub fn engine() -> Result<Engine, Error> {
    Engine::embedded()
}

/// Evaluates a JSON request; the decision as JSON text (the contract of `Decision::to_json`).
pub fn evaluate(request: &str) -> Result<String, Error> {
    Ok(engine()?.evaluate_json(request)?.to_json())
}

/// The input of [`fees`]: what the fees depend on, as the request's JSON names it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeInput {
    #[serde(deserialize_with = "duplicata_core::strict_date")]
    date: NaiveDate,
    #[serde(default)]
    department: Option<String>,
    /// The registration number: read, and checked against the category, as `evaluate` does.
    plate: String,
    category: Category,
    energy: Energy,
    #[serde(default)]
    change_of_address: bool,
    #[serde(default)]
    natural_disaster: bool,
}

#[derive(Serialize)]
struct FeeLineOut {
    code: &'static str,
    label_fr: &'static str,
    label_en: &'static str,
    amount: Option<duplicata_core::Money>,
    status: &'static str,
    confidence: Confidence,
}

#[derive(Serialize)]
struct FeesOut {
    date: NaiveDate,
    status: &'static str,
    total: Option<duplicata_core::Money>,
    currency: &'static str,
    confidence: Confidence,
    regime: duplicata_core::Regime,
    highest_event_only: bool,
    conversion: bool,
    lines: Vec<FeeLineOut>,
}

/// Re-labels an error of a part of the input with the field it came from.
fn in_field(e: Error, field: &str) -> Error {
    let path = match e.field() {
        Some(inner) if !inner.is_empty() => format!("{field}.{inner}"),
        _ => field.to_owned(),
    };
    renamed(e, Some(&path))
}

/// The error with another field path (same kind, code and messages).
fn renamed(e: Error, field: Option<&str>) -> Error {
    Error::new(e.kind(), e.code(), field, e.message_fr(), e.message_en())
}

/// An error of the request's fields named by the fee query's (`vehicle.plate` → `plate`).
fn query_field(e: Error) -> Error {
    let field = e.field().map(|f| {
        f.strip_prefix("vehicle.")
            .or_else(|| f.strip_prefix("holder."))
            .unwrap_or(f)
            .to_owned()
    });
    renamed(e, field.as_deref())
}

/// The fees only (the engine's fast path), from a JSON fee query. The fields are checked by
/// `FeeQuery::from_fields`, as `evaluate` checks them (same codes and messages); an error names the
/// query's own field (`plate`, `department`, `category`) rather than the request's
/// (`vehicle.plate`, `holder.department`, `vehicle.category`).
pub fn fees(query: &str) -> Result<String, Error> {
    let input: FeeInput = from_json(query)?;
    let (mut query, _plate) = FeeQuery::from_fields(
        input.date,
        input.department.as_deref(),
        &input.plate,
        input.category,
        input.energy,
    )
    .map_err(query_field)?;
    query.change_of_address = input.change_of_address;
    query.natural_disaster = input.natural_disaster;
    let f = engine()?.fees(&query).map_err(query_field)?;
    let lines = f
        .lines
        .iter()
        .map(|l| FeeLineOut {
            code: l.code.as_str(),
            label_fr: l.code.label_fr(),
            label_en: l.code.label_en(),
            amount: l.amount,
            status: match l.amount {
                None => "unknown",
                Some(a) if a == duplicata_core::Money::ZERO => "not_due",
                Some(_) => "due",
            },
            confidence: l.confidence,
        })
        .collect();
    let out = FeesOut {
        date: f.date,
        status: if f.total.is_some() {
            "known"
        } else {
            "unknown"
        },
        total: f.total,
        currency: "EUR",
        confidence: f.confidence,
        regime: f.regime,
        highest_event_only: f.highest_event_meta.is_some(),
        conversion: f.conversion,
        lines,
    };
    to_json(&out)
}

/// The regional rate per CV in force for a department on a date (`YYYY-MM-DD`).
pub fn rate(department: &str, date: &str) -> Result<String, Error> {
    let d = Department::parse(department).map_err(|e| in_field(e, "department"))?;
    let day = duplicata_core::parse_date(date, "date")?;
    to_json(&engine()?.rate(d, day)?)
}

/// Reads a registration number: its system, canonical form and (FNI) department.
pub fn plate(input: &str) -> Result<String, Error> {
    let p = parse_plate(input).map_err(|e| renamed(e, None))?;
    to_json(&p)
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    grade: &'a str,
    title: &'a str,
    title_fr: Option<&'a str>,
    date: Option<NaiveDate>,
    url: Option<&'a str>,
    kind: Option<&'a str>,
}

#[derive(Serialize)]
struct Info<'a> {
    version: &'static str,
    parameters: ParamsOut<'a>,
    departments: Vec<&'static str>,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Serialize)]
struct ParamsOut<'a> {
    name: &'a str,
    description: Option<&'a str>,
    published: Option<NaiveDate>,
    starts: NaiveDate,
    siv_start: NaiveDate,
    fingerprint: &'a str,
}

/// The engine's version, parameter set, department codes and cited sources.
pub fn info() -> Result<String, Error> {
    let engine = engine()?;
    let p = engine.params();
    to_json(&Info {
        version: duplicata_core::VERSION,
        parameters: ParamsOut {
            name: &p.name,
            description: p.description.as_deref(),
            published: p.published,
            starts: p.starts,
            siv_start: p.dates.siv_start.date,
            fingerprint: &p.fingerprint,
        },
        departments: Department::all().map(Department::code).collect(),
        sources: p
            .sources
            .iter()
            .map(|s| SourceOut {
                id: &s.id,
                grade: &s.grade,
                title: &s.title,
                title_fr: s.title_fr.as_deref(),
                date: s.date,
                url: s.url.as_deref(),
                kind: s.kind.as_deref(),
            })
            .collect(),
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| internal("internal.serialize", &e.to_string()))
}

/// An internal error (a bug of the engine), reported rather than crashing the page.
pub fn internal(code: &'static str, detail: &str) -> Error {
    Error::new(
        ErrorKind::Internal,
        code,
        None,
        format!("erreur interne du moteur : {detail}"),
        format!("internal engine error: {detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    #[test]
    fn evaluates_a_request_with_exact_amounts() {
        let d = json(
            &evaluate(
                r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss",
                "holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#,
            )
            .expect("decision"),
        );
        assert_eq!(d["fees"]["total"], "47.76");
        assert_eq!(d["fees"]["lines"][0]["code"], "Y1");
        assert_eq!(d["fees"]["lines"][0]["amount"], "41.00");
    }

    #[test]
    fn fees_match_the_decision() {
        let f = json(
            &fees(r#"{"date":"2019-06-01","department":"33","plate":"ab123cd","category":"car","energy":"petrol"}"#)
                .expect("fees"),
        );
        assert_eq!(f["total"], "47.76");
        assert_eq!(f["lines"][4]["amount"], "2.76");
        assert_eq!(f["conversion"], false);
        let fni = json(
            &fees(r#"{"date":"2015-09-28","department":"13","plate":"123 AF 13","category":"car","energy":"petrol"}"#)
                .expect("fees"),
        );
        assert_eq!(fni["total"], "2.76");
        assert_eq!(fni["conversion"], true);
    }

    #[test]
    fn fee_errors_name_the_field() {
        let e = fees(r#"{"date":"2019-06-01","department":"33","plate":"AI-123-CD","category":"car","energy":"petrol"}"#)
            .expect_err("forbidden letter");
        assert_eq!(
            (e.code(), e.field()),
            ("plate.forbidden_letter", Some("plate"))
        );
        let e = fees(r#"{"date":"2019-06-01","department":"99","plate":"AB-123-CD","category":"car","energy":"petrol"}"#)
            .expect_err("bad department");
        assert_eq!(
            (e.code(), e.field()),
            ("department.unknown", Some("department"))
        );
        let e = fees(r#"{"date":"2019-06-01","category":"car","energy":"petrol"}"#)
            .expect_err("no plate");
        assert_eq!(
            (e.code(), e.field()),
            ("request.missing_field", Some("plate"))
        );
        let e = fees(r#"{"date":"2019-06-01","plate":"AB-123-CD","category":"car","energy":"petrol","cv":4}"#)
            .expect_err("unknown field");
        assert_eq!(e.code(), "request.unknown_field");
    }

    #[test]
    fn fee_queries_are_checked_as_evaluate_checks_them() {
        // A cyclomoteur number with a car category: the same error as evaluate, on the query's field.
        let request = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss",
            "holder":{"department":"33"},"vehicle":{"plate":"A 11 A","category":"car","energy":"petrol"}}"#;
        let full = evaluate(request).expect_err("moped number, car category");
        let fast = fees(r#"{"date":"2019-06-01","department":"33","plate":"A 11 A","category":"car","energy":"petrol"}"#)
            .expect_err("moped number, car category");
        assert_eq!(full.code(), "request.inconsistent");
        assert_eq!(
            (fast.code(), fast.message_fr(), fast.message_en()),
            (full.code(), full.message_fr(), full.message_en())
        );
        assert_eq!(
            (full.field(), fast.field()),
            (Some("vehicle.category"), Some("category"))
        );
        // plate_system is no longer a way around the number's checks.
        let e = fees(
            r#"{"date":"2019-06-01","plate_system":"moped","category":"car","energy":"petrol"}"#,
        )
        .expect_err("plate_system");
        assert_eq!(e.code(), "request.unknown_field");
    }

    /// The serde name of each value of a core enum: the matches are exhaustive, so a value added to
    /// the core fails to compile here until the lists below (and the files they are checked
    /// against) have it.
    fn names<T: Serialize>(values: &[T]) -> Vec<String> {
        values
            .iter()
            .map(|v| {
                serde_json::to_value(v)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
            .collect()
    }

    fn core_lists() -> Vec<(&'static str, Vec<String>)> {
        use duplicata_core::Regime;
        use duplicata_core::{Applicant, Reason};
        let category = |c: Category| match c {
            Category::Car
            | Category::Utility
            | Category::Motorhome
            | Category::Motorcycle
            | Category::MotorcycleLe125
            | Category::MopedLe50
            | Category::Other => c,
        };
        let energy = |e: Energy| match e {
            Energy::Petrol
            | Energy::Diesel
            | Energy::Electric
            | Energy::Hydrogen
            | Energy::Hybrid
            | Energy::Lpg
            | Energy::Cng
            | Energy::E85
            | Energy::Other => e,
        };
        let reason = |r: Reason| match r {
            Reason::Loss | Reason::Theft | Reason::Damage => r,
        };
        let regime = |r: Regime| match r {
            Regime::Cgi | Regime::TaxeFixe2021 | Regime::Cibs => r,
        };
        let applicant = |a: Applicant| match a {
            Applicant::Holder
            | Applicant::CoHolder
            | Applicant::MandateHolder
            | Applicant::LegalGuardian
            | Applicant::Lessee
            | Applicant::Heir
            | Applicant::Professional => a,
        };
        use Category as C;
        use Energy as E;
        vec![
            (
                "Category",
                names(
                    &[
                        C::Car,
                        C::Utility,
                        C::Motorhome,
                        C::Motorcycle,
                        C::MotorcycleLe125,
                        C::MopedLe50,
                        C::Other,
                    ]
                    .map(category),
                ),
            ),
            (
                "Energy",
                names(
                    &[
                        E::Petrol,
                        E::Diesel,
                        E::Electric,
                        E::Hydrogen,
                        E::Hybrid,
                        E::Lpg,
                        E::Cng,
                        E::E85,
                        E::Other,
                    ]
                    .map(energy),
                ),
            ),
            (
                "Reason",
                names(&[Reason::Loss, Reason::Theft, Reason::Damage].map(reason)),
            ),
            (
                "Regime",
                names(&[Regime::Cgi, Regime::TaxeFixe2021, Regime::Cibs].map(regime)),
            ),
            (
                "Applicant",
                names(
                    &[
                        Applicant::Holder,
                        Applicant::CoHolder,
                        Applicant::MandateHolder,
                        Applicant::LegalGuardian,
                        Applicant::Lessee,
                        Applicant::Heir,
                        Applicant::Professional,
                    ]
                    .map(applicant),
                ),
            ),
        ]
    }

    /// The quoted strings between `start` and the next `end` of `text`.
    fn quoted_after(text: &str, start: &str, end: &str, quote: char) -> Vec<String> {
        let Some(from) = text.find(start) else {
            return Vec::new();
        };
        let body = &text[from + start.len()..];
        let body = &body[..body.find(end).unwrap_or(body.len())];
        body.split(quote)
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_lists_of_the_typescript_types_and_the_page_are_the_cores() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let dts = std::fs::read_to_string(format!("{root}/wasm/types/contract.d.ts"))
            .expect("contract.d.ts");
        let labels =
            std::fs::read_to_string(format!("{root}/web/src/labels.js")).expect("labels.js");
        for (name, core) in core_lists() {
            assert_eq!(
                core.len(),
                core.iter().filter(|n| !n.is_empty()).count(),
                "{name}"
            );
            let ts = quoted_after(&dts, &format!("export type {name} ="), ";", '"');
            assert_eq!(ts, core, "wasm/types/contract.d.ts: {name}");
            // web/src/labels.js: `export const CATEGORY_FR = { car: "…", "motorcycle_le_125": "…" };`
            let constant = format!("export const {}_FR = {{", name.to_uppercase());
            let Some(from) = labels.find(&constant) else {
                panic!("web/src/labels.js has no {constant}");
            };
            let body = &labels[from + constant.len()..];
            let body = &body[..body.find("};").expect("end of the object")];
            let keys: Vec<String> = body
                .lines()
                .filter_map(|l| {
                    l.trim()
                        .split_once(':')
                        .map(|(k, _)| k.trim().trim_matches('"').to_owned())
                })
                .filter(|k| !k.is_empty() && !k.starts_with("//"))
                .collect();
            assert_eq!(keys, core, "web/src/labels.js: {name}");
        }
    }

    #[test]
    fn rate_and_plate() {
        let r = json(&rate("33", "2019-06-01").expect("rate"));
        assert_eq!(r["rate"], "41.00");
        assert_eq!(r["status"], "known");
        let e = rate("33", "2019-13-01").expect_err("bad date");
        assert_eq!(
            (e.code(), e.field()),
            ("request.invalid_date", Some("date"))
        );
        let e = rate("20", "2019-06-01").expect_err("bad department");
        assert_eq!(
            (e.code(), e.field()),
            ("department.unknown", Some("department"))
        );
        let p = json(&plate("123 af13").expect("plate"));
        assert_eq!(
            (p["system"].as_str(), p["normalized"].as_str()),
            (Some("fni"), Some("123 AF 13"))
        );
        let e = plate("AI-123-CD").expect_err("forbidden letter");
        assert_eq!(e.code(), "plate.forbidden_letter");
        assert!(e.message_fr().contains("« I »"));
    }

    #[test]
    fn info_lists_departments_and_sources() {
        let i = json(&info().expect("info"));
        assert_eq!(i["departments"].as_array().map(Vec::len), Some(101));
        assert!(
            i["sources"]
                .as_array()
                .is_some_and(|s| s.iter().any(|s| s["id"] == "SP-F19211-2019"))
        );
        assert!(
            i["parameters"]["fingerprint"]
                .as_str()
                .is_some_and(|f| f.starts_with("sha256:"))
        );
    }
}
