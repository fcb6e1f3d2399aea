//! Keeps `docs/schema/*.schema.json` in sync with the code: every request of the corpus, every
//! decision and every error the engine produces validates against the published schemas, a fully
//! populated request too, and the schemas' enums are exactly what the engine accepts.
//!
//! The validator below implements the JSON Schema keywords the schemas use ($ref to $defs, type,
//! properties, required, additionalProperties, items, enum, const, oneOf, minItems, maxItems,
//! minimum, maximum, pattern for the patterns listed); an unsupported keyword fails the test.

use std::path::{Path, PathBuf};

use duplicata_core::Engine;
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("docs/schema/{name}.schema.json")))
        .expect("schema");
    serde_json::from_str(&text).expect("schema JSON")
}

struct Validator<'a> {
    root: &'a Value,
}

const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "$defs",
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "oneOf",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "pattern",
    "format",
    "default",
];

impl Validator<'_> {
    fn check(&self, s: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
        let Some(s) = s.as_object() else { return };
        for k in s.keys() {
            assert!(
                KNOWN.contains(&k.as_str()),
                "unsupported keyword {k} at {path}"
            );
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            return self.check(&self.root["$defs"][name], v, path, errors);
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(x) => vec![x.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let ok = types.iter().any(|t| match *t {
                "object" => v.is_object(),
                "array" => v.is_array(),
                "string" => v.is_string(),
                "boolean" => v.is_boolean(),
                "integer" => v.is_i64() || v.is_u64(),
                "null" => v.is_null(),
                other => panic!("type {other}"),
            });
            if !ok {
                errors.push(format!("{path}: {v} is not of type {t}"));
                return;
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                errors.push(format!("{path}: {v} not in {e:?}"));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                errors.push(format!("{path}: {v} != const {c}"));
            }
        }
        if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
            let matching = alts
                .iter()
                .filter(|a| {
                    let mut e = Vec::new();
                    self.check(a, v, path, &mut e);
                    e.is_empty()
                })
                .count();
            if matching != 1 {
                errors.push(format!(
                    "{path}: {v} matches {matching} alternatives of oneOf"
                ));
            }
        }
        if let (Some(p), Some(text)) = (s.get("pattern").and_then(Value::as_str), v.as_str()) {
            let ok = match p {
                "^-?[0-9]+\\.[0-9]{2}$" => {
                    let t = text.strip_prefix('-').unwrap_or(text);
                    t.split_once('.').is_some_and(|(a, b)| {
                        !a.is_empty()
                            && a.bytes().all(|c| c.is_ascii_digit())
                            && b.len() == 2
                            && b.bytes().all(|c| c.is_ascii_digit())
                    })
                }
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
                    text.parse::<chrono::NaiveDate>().is_ok() && text.len() == 10
                }
                "^sha256:[0-9a-f]{64}$" => text
                    .strip_prefix("sha256:")
                    .is_some_and(|h| h.len() == 64 && h.bytes().all(|c| c.is_ascii_hexdigit())),
                other => panic!("unsupported pattern {other}"),
            };
            if !ok {
                errors.push(format!("{path}: {text:?} does not match {p}"));
            }
        }
        if let Some(o) = v.as_object() {
            let props = s.get("properties").and_then(Value::as_object);
            for req in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let req = req.as_str().expect("required name");
                if !o.contains_key(req) {
                    errors.push(format!("{path}: missing required {req}"));
                }
            }
            for (k, val) in o {
                let sub = format!("{path}.{k}");
                match props.and_then(|p| p.get(k)) {
                    Some(ps) => self.check(ps, val, &sub, errors),
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            errors.push(format!("{sub}: not declared in the schema"))
                        }
                        Some(extra @ Value::Object(_)) => self.check(extra, val, &sub, errors),
                        _ => {}
                    },
                }
            }
        }
        if let Some(a) = v.as_array() {
            if let Some(n) = s.get("minItems").and_then(Value::as_u64) {
                if (a.len() as u64) < n {
                    errors.push(format!("{path}: fewer than {n} items"));
                }
            }
            if let Some(n) = s.get("maxItems").and_then(Value::as_u64) {
                if (a.len() as u64) > n {
                    errors.push(format!("{path}: more than {n} items"));
                }
            }
            if let Some(items) = s.get("items") {
                for (i, item) in a.iter().enumerate() {
                    self.check(items, item, &format!("{path}[{i}]"), errors);
                }
            }
        }
        if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_i64), v.as_i64()) {
            if n < min {
                errors.push(format!("{path}: {n} < {min}"));
            }
        }
        if let (Some(max), Some(n)) = (s.get("maximum").and_then(Value::as_i64), v.as_i64()) {
            if n > max {
                errors.push(format!("{path}: {n} > {max}"));
            }
        }
    }

    fn validate(&self, v: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(self.root, v, "$", &mut errors);
        errors
    }
}

fn corpus() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/cases")).expect("cases") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "json") {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            out.push((path.display().to_string(), case));
        }
    }
    out
}

#[test]
fn corpus_requests_decisions_and_errors_match_the_schemas() {
    let (req_s, dec_s, err_s) = (schema("request"), schema("decision"), schema("error"));
    let (req_v, dec_v, err_v) = (
        Validator { root: &req_s },
        Validator { root: &dec_s },
        Validator { root: &err_s },
    );
    let engine = Engine::embedded().expect("engine");
    let mut failures = Vec::new();
    let (mut decisions, mut errors) = (0, 0);
    for (name, case) in corpus() {
        let request = serde_json::to_string(&case["request"]).expect("request");
        match engine.evaluate_json(&request) {
            Ok(d) => {
                decisions += 1;
                for e in req_v.validate(&case["request"]) {
                    failures.push(format!("{name}: request {e}"));
                }
                let v: Value = serde_json::from_str(&d.to_json()).expect("decision");
                for e in dec_v.validate(&v) {
                    failures.push(format!("{name}: decision {e}"));
                }
            }
            Err(err) => {
                errors += 1;
                let v: Value = serde_json::from_str(&err.to_json()).expect("error");
                for e in err_v.validate(&v) {
                    failures.push(format!("{name}: error {e}"));
                }
            }
        }
    }
    assert!(
        decisions > 50 && errors > 20,
        "{decisions} decisions, {errors} errors"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_fully_populated_request_matches_the_schema() {
    let s = schema("request");
    let full = json!({
        "procedure": "carte_grise_duplicata", "date": "2019-06-01", "reason": "theft", "applicant": "mandate_holder",
        "holder": {"kind": "company", "department": "33", "minor": false, "deceased": false},
        "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol", "fiscal_power": 6, "first_registration": "2015-01-01", "stolen": false},
        "theft": {"declared": true, "abroad": true, "declared_in_france": true, "recorded_in_siv": false},
        "mandate": {"signed": true, "holder_id": true}, "heirs": {"proof_of_inheritance": false, "mandate_from_all_heirs": false},
        "change_of_address": true, "natural_disaster": false,
        "cmi": {"terms_accepted": true, "titles": [{"number": "X", "mention": "stationnement", "status": "valid", "valid_until": "2030-01-01", "later_duplicata_requested": false}],
                "title_number": "X", "revocation_motive": "loss", "sworn_statement": true, "former_card": false,
                "delivery_address": {"name": "A", "line1": "B", "line2": "", "line3": "", "line4": "", "postal_code": "33000", "city": "C", "country": "France"}}
    });
    // The engine reads it (so the schema describes nothing the engine refuses) ...
    let parsed: duplicata_core::Request =
        duplicata_core::from_json(&full.to_string()).expect("engine accepts it");
    // ... and what the engine writes back of it is described by the schema.
    let v = Validator { root: &s };
    assert_eq!(v.validate(&full), Vec::<String>::new());
    assert_eq!(
        v.validate(&serde_json::to_value(&parsed).expect("value")),
        Vec::<String>::new()
    );
    // The validator itself rejects what it must.
    let mut bad = full.clone();
    bad["vehicle"]["colour"] = json!("red");
    bad["date"] = json!("2019-02-30");
    assert_eq!(v.validate(&bad).len(), 2);
}

#[test]
fn schema_enums_are_exactly_what_the_engine_accepts() {
    let s = schema("request");
    let enums = [
        ("/properties/procedure/enum", "procedure"),
        ("/properties/reason/enum", "reason"),
        ("/properties/applicant/enum", "applicant"),
        ("/properties/vehicle/properties/category/enum", "category"),
        ("/properties/vehicle/properties/energy/enum", "energy"),
    ];
    let base = json!({"procedure": "carte_grise_duplicata", "date": "2019-06-01", "reason": "loss",
        "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}});
    for (pointer, field) in enums {
        let values = s.pointer(pointer).and_then(Value::as_array).expect(pointer);
        let set = |r: &mut Value, x: Value| match field {
            "category" | "energy" => r["vehicle"][field] = x,
            _ => r[field] = x,
        };
        for x in values {
            let mut r = base.clone();
            set(&mut r, x.clone());
            assert!(
                duplicata_core::from_json::<duplicata_core::Request>(&r.to_string()).is_ok(),
                "{field} {x}"
            );
        }
        let mut r = base.clone();
        set(&mut r, json!("not_a_value"));
        let e = duplicata_core::from_json::<duplicata_core::Request>(&r.to_string())
            .expect_err("refused");
        // The engine's own list of accepted values is the schema's.
        let expected = e.message_en().split("(expected").nth(1).unwrap_or_default();
        let listed = expected.matches('\'').count() / 2;
        assert_eq!(listed, values.len(), "{field}: {}", e.message_en());
    }
}
