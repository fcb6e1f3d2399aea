//! The operations of the module on JSON text, independent of JavaScript (tested natively).

use chrono::NaiveDate;
use duplicata_core::{
    Category, Confidence, Department, Energy, Engine, Error, ErrorKind, FeeQuery, PlateSystem,
    from_json, parse_plate,
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
    date: NaiveDate,
    #[serde(default)]
    department: Option<String>,
    /// A registration number, read to know its system (or give `plate_system`).
    #[serde(default)]
    plate: Option<String>,
    #[serde(default)]
    plate_system: Option<PlateSystem>,
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
    regime: duplicata_core::params::Regime,
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
    Error::new(
        e.kind(),
        e.code(),
        Some(&path),
        e.message_fr(),
        e.message_en(),
    )
}

/// The fees only (the engine's fast path), from a JSON fee query.
pub fn fees(query: &str) -> Result<String, Error> {
    let input: FeeInput = from_json(query)?;
    let plate = match (&input.plate, input.plate_system) {
        (Some(p), None) => parse_plate(p).map_err(|e| in_field(e, "plate"))?.system,
        (None, Some(s)) => s,
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "request.inconsistent",
                Some("plate_system"),
                "donner « plate » ou « plate_system », pas les deux",
                "give 'plate' or 'plate_system', not both",
            ));
        }
        (None, None) => {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "request.missing_field",
                Some("plate"),
                "champ obligatoire manquant : « plate » (ou « plate_system »)",
                "missing required field 'plate' (or 'plate_system')",
            ));
        }
    };
    let department = match &input.department {
        Some(d) => Some(Department::parse(d).map_err(|e| in_field(e, "department"))?),
        None => None,
    };
    let query = FeeQuery {
        date: input.date,
        department,
        plate,
        category: input.category,
        energy: input.energy,
        change_of_address: input.change_of_address,
        natural_disaster: input.natural_disaster,
    };
    let f = engine()?.fees(&query)?;
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

fn invalid_date(field: &str, text: &str) -> Error {
    let shown: String = text.chars().take(40).collect();
    Error::new(
        ErrorKind::InvalidRequest,
        "request.invalid_date",
        Some(field),
        format!("date invalide pour « {field} » (« {shown} ») : format AAAA-MM-JJ attendu"),
        format!("invalid date for '{field}' ('{shown}'): YYYY-MM-DD expected"),
    )
}

/// The regional rate per CV in force for a department on a date (`YYYY-MM-DD`).
pub fn rate(department: &str, date: &str) -> Result<String, Error> {
    let d = Department::parse(department).map_err(|e| in_field(e, "department"))?;
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| invalid_date("date", date))?;
    to_json(&engine()?.rate(d, day)?)
}

/// Reads a registration number: its system, canonical form and (FNI) department.
pub fn plate(input: &str) -> Result<String, Error> {
    let p = parse_plate(input)
        .map_err(|e| Error::new(e.kind(), e.code(), None, e.message_fr(), e.message_en()))?;
    to_json(&p)
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    grade: &'a str,
    title: &'a str,
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
            &fees(r#"{"date":"2015-09-28","department":"13","plate_system":"fni","category":"car","energy":"petrol"}"#)
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
