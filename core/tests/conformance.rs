//! Runs every case of `tests/cases/` through the core (rules of `tests/cases/README.md`). This is
//! the only reader of a case's `expect`: the other surfaces compare their answers byte for byte with
//! the core's (`core/examples/corpus_reference.rs`). A case file whose `expect` has an unknown key,
//! a value of the wrong type, or an `error` with other keys is rejected before any comparison.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use duplicata_core::Engine;
use serde_json::Value;

#[path = "conformance/case_file.rs"]
mod case_file;

use case_file::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases_dir() -> PathBuf {
    root().join("tests/cases")
}

fn decision_schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/schema/decision.schema.json"))
        .expect("decision schema");
    serde_json::from_str(&text).expect("decision schema JSON")
}

/// Checks `expect` (already free of case-file problems) against a decision (or an error); returns
/// every mismatch.
fn check(expect: &Value, outcome: Result<Value, Value>) -> Vec<String> {
    let mut bad = Vec::new();
    let exp = expect.as_object().expect("expect is an object");
    let decision = match (&outcome, exp.get("error")) {
        (Err(err), Some(want)) => {
            if err["code"] != want["code"] {
                bad.push(format!(
                    "error code {} != expected {}",
                    err["code"], want["code"]
                ));
            }
            if let Some(field) = want.get("field") {
                if &err["field"] != field {
                    bad.push(format!(
                        "error field {} != expected {}",
                        err["field"], field
                    ));
                }
            }
            return bad;
        }
        (Err(err), None) => return vec![format!("unexpected error {err}")],
        (Ok(_), Some(want)) => return vec![format!("expected error {want}, got a decision")],
        (Ok(d), None) => d,
    };
    // Every condition of an eligible answer is also in the documents (issue 10, point 8).
    let docs = codes(&decision["documents"]);
    for c in codes(&decision["eligibility"]["conditions"]) {
        if decision["procedure"]["kind"] != "cmi_portal" && !docs.contains(&c) {
            bad.push(format!("condition {c} is not in the documents {docs:?}"));
        }
    }
    for (key, want) in exp {
        match key.as_str() {
            "fees" => {
                let fees = &decision["fees"];
                for (k, w) in want.as_object().expect("fees object") {
                    match k.as_str() {
                        "total" | "status" | "confidence" | "regime" | "highest_event_only"
                        | "unknown_reason" | "bounds" => {
                            if &fees[k] != w {
                                bad.push(format!("fees.{k} = {} (expected {w})", fees[k]));
                            }
                        }
                        "lines" | "line_confidence" => {
                            let field = if k == "lines" { "amount" } else { "confidence" };
                            for (code, wl) in w.as_object().expect("lines object") {
                                let line = fees["lines"]
                                    .as_array()
                                    .and_then(|ls| ls.iter().find(|l| l["code"] == code.as_str()));
                                match line {
                                    Some(l) if &l[field] == wl => {}
                                    Some(l) => bad.push(format!(
                                        "fees {code}.{field} = {} (expected {wl})",
                                        l[field]
                                    )),
                                    None => bad.push(format!("fees line {code} missing")),
                                }
                            }
                        }
                        other => bad.push(format!("unknown expect key fees.{other}")),
                    }
                }
            }
            "eligibility" => {
                let el = &decision["eligibility"];
                for (k, w) in want.as_object().expect("eligibility object") {
                    match k.as_str() {
                        "eligible" | "confidence" => {
                            if &el[k] != w {
                                bad.push(format!("eligibility.{k} = {} (expected {w})", el[k]));
                            }
                        }
                        "reasons" => {
                            if codes(&el["reasons"]) != strings(w) {
                                bad.push(format!(
                                    "eligibility.reasons = {:?} (expected {w})",
                                    codes(&el["reasons"])
                                ));
                            }
                        }
                        "conditions" => {
                            if codes(&el["conditions"]) != strings(w) {
                                bad.push(format!(
                                    "eligibility.conditions = {:?} (expected {w})",
                                    codes(&el["conditions"])
                                ));
                            }
                        }
                        "remedies_include" => {
                            let have = codes(&el["remedies"]);
                            for c in strings(w) {
                                if !have.contains(&c) {
                                    bad.push(format!("remedy {c} missing from {have:?}"));
                                }
                            }
                        }
                        other => bad.push(format!("unknown expect key eligibility.{other}")),
                    }
                }
            }
            "plate" | "procedure" => {
                for (k, w) in want.as_object().expect("object") {
                    if &decision[key][k] != w {
                        bad.push(format!("{key}.{k} = {} (expected {w})", decision[key][k]));
                    }
                }
            }
            "documents" | "validity" => {
                let have = codes(&decision[key]);
                for (k, w) in want.as_object().expect("object") {
                    match k.as_str() {
                        "include" => {
                            for c in strings(w) {
                                if !have.contains(&c) {
                                    bad.push(format!("{key}: {c} missing from {have:?}"));
                                }
                            }
                        }
                        "exclude" => {
                            for c in strings(w) {
                                if have.contains(&c) {
                                    bad.push(format!("{key}: {c} present"));
                                }
                            }
                        }
                        "durations" if key == "validity" => {
                            for (code, dur) in w.as_object().expect("durations") {
                                let item = decision[key]
                                    .as_array()
                                    .and_then(|a| a.iter().find(|i| i["code"] == code.as_str()));
                                if item.map(|i| &i["duration"]) != Some(dur) {
                                    bad.push(format!(
                                        "validity {code} duration {:?} (expected {dur})",
                                        item.map(|i| &i["duration"])
                                    ));
                                }
                            }
                        }
                        other => bad.push(format!("unknown expect key {key}.{other}")),
                    }
                }
            }
            "cmi" => {
                let cmi = &decision["cmi"];
                for (k, w) in want.as_object().expect("cmi object") {
                    match k.as_str() {
                        "listed_titles" | "fee" => {
                            if &cmi[k] != w {
                                bad.push(format!("cmi.{k} = {} (expected {w})", cmi[k]));
                            }
                        }
                        "effects" => {
                            if codes(&cmi["effects"]) != strings(w) {
                                bad.push(format!(
                                    "cmi.effects = {:?} (expected {w})",
                                    codes(&cmi["effects"])
                                ));
                            }
                        }
                        other => bad.push(format!("unknown expect key cmi.{other}")),
                    }
                }
            }
            "alternatives" => {
                // Exactly these alternatives, by id, each with its total.
                let have: BTreeMap<String, serde_json::Value> = decision["alternatives"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| {
                                Some((x["id"].as_str()?.to_owned(), x["total"].clone()))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let want: BTreeMap<String, serde_json::Value> = want
                    .as_object()
                    .expect("alternatives object")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if have != want {
                    bad.push(format!("alternatives = {have:?} (expected {want:?})"));
                }
            }
            "warnings" => {
                // Exactly these warning codes, in any order.
                let have: BTreeSet<String> = decision["warnings"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|w| w["code"].as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let want = strings(want);
                if have != want {
                    bad.push(format!("warnings = {have:?} (expected {want:?})"));
                }
            }
            "trace_rules" => {
                let have: BTreeSet<String> = decision["trace"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|e| e["rule"].as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                for r in strings(want) {
                    if !have.contains(&r) {
                        bad.push(format!("trace rule {r} missing"));
                    }
                }
            }
            other => bad.push(format!("unknown expect key {other}")),
        }
    }
    bad
}

/// The case file's own problems, then (when it has none) every mismatch of the engine's answer.
fn run_case(engine: &Engine, schema: &Value, case: &Value) -> Vec<String> {
    let Some(obj) = case.as_object() else {
        return vec!["case file: not an object".to_owned()];
    };
    let mut bad: Vec<String> = ["name", "description", "source", "request", "expect"]
        .iter()
        .filter(|k| !obj.contains_key(**k))
        .map(|k| format!("case file: missing {k}"))
        .collect();
    for (k, v) in obj {
        match k.as_str() {
            "name" | "description" | "source" if v.as_str().is_none_or(|s| s.trim().is_empty()) => {
                bad.push(format!("case file: {k} must be a non-empty string"));
            }
            "name" | "description" | "source" | "request" | "expect" => {}
            other => bad.push(format!("case file: unknown key {other}")),
        }
    }
    // A value that is the engine's default names the other reading it excludes: the case checks
    // it with `alternatives`, or the source says what the other reading would give.
    let source = case["source"].as_str().unwrap_or_default();
    if (source.contains("engine default") || source.contains("§11"))
        && case["expect"].get("alternatives").is_none()
        && !source.contains("other reading")
    {
        bad.push(
            "case file: an engine default without the other reading (no `alternatives`, no \"other reading\" in source)"
                .to_owned(),
        );
    }
    bad.extend(
        case_file_problems(&case["expect"], schema)
            .into_iter()
            .map(|p| format!("case file: {p}")),
    );
    if !bad.is_empty() {
        return bad;
    }
    let request = serde_json::to_string(&case["request"]).expect("request");
    if let Ok(d) = engine.evaluate_json(&request) {
        // The fast writer and the Serialize implementation give the same bytes.
        assert_eq!(d.to_json(), serde_json::to_string(&d).expect("serialize"));
    }
    let outcome = engine
        .evaluate_json(&request)
        .map(|d| serde_json::from_str::<Value>(&d.to_json()).expect("decision JSON"))
        .map_err(|e| serde_json::to_value(&e).expect("error JSON"));
    check(&case["expect"], outcome)
}

#[test]
fn every_case_holds() {
    let engine = Engine::embedded().expect("embedded parameters");
    let schema = decision_schema();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 60, "the corpus has {} cases", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("case file");
        let case: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let bad = run_case(&engine, &schema, &case);
        if !bad.is_empty() {
            failures.push(format!(
                "{}:\n    {}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                bad.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_checker_catches_mismatches() {
    // A checker that cannot fail proves nothing: feed it wrong expectations.
    let decision: Value = serde_json::json!({
        "fees": {"total": "47.76", "lines": [{"code": "Y1", "amount": "41.00", "confidence": "high"}]},
        "eligibility": {"eligible": true, "reasons": [], "remedies": []},
        "documents": [{"code": "identity_proof"}],
        "trace": [{"rule": "fees.regime"}]
    });
    let wrong = serde_json::json!({
        "fees": {"total": "13.76", "lines": {"Y1": "0.00"}},
        "eligibility": {"eligible": false},
        "documents": {"include": ["kbis"], "exclude": ["identity_proof"]},
        "trace_rules": ["fees.rounding"],
        "typo": true
    });
    assert_eq!(check(&wrong, Ok(decision)).len(), 7);
}

/// A small case around `expect`, with a request the engine accepts.
fn case_with(expect: Value) -> Value {
    serde_json::json!({
        "name": "malformed",
        "description": "a malformed case",
        "source": "service-public F1726 (2022-09-23)",
        "request": {
            "procedure": "carte_grise_duplicata", "date": "2022-03-12", "reason": "loss",
            "holder": {"department": "33"},
            "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}
        },
        "expect": expect
    })
}

#[test]
fn a_malformed_case_is_rejected() {
    let engine = Engine::embedded().expect("embedded parameters");
    let schema = decision_schema();
    // Each of these would otherwise check nothing, or compare with a value of another type.
    let malformed = [
        (
            serde_json::json!({"documents": {"include": "kbis"}}),
            "documents.include",
        ),
        (
            serde_json::json!({"documents": {"exclude": [1]}}),
            "documents.exclude",
        ),
        (
            serde_json::json!({"validity": {"include": {"cpi": true}}}),
            "validity.include",
        ),
        (serde_json::json!({"fees": {"total": 13.76}}), "fees.total"),
        (serde_json::json!({"fees": {"total": "13.8"}}), "fees.total"),
        (serde_json::json!({"fees": {"lines": ["Y4"]}}), "fees.lines"),
        (
            serde_json::json!({"fees": {"lines": {"Y4": 11}}}),
            "fees.lines",
        ),
        (
            serde_json::json!({"fees": {"line_confidence": {"Y4": null}}}),
            "fees.line_confidence",
        ),
        (
            serde_json::json!({"fees": {"bounds": {"low": "1.00"}}}),
            "fees.bounds",
        ),
        (
            serde_json::json!({"fees": {"highest_event_only": "false"}}),
            "fees.highest_event_only",
        ),
        (
            serde_json::json!({"fees": {"totl": "13.76"}}),
            "unknown expect key fees.totl",
        ),
        (serde_json::json!({"fees": "13.76"}), "fees is string"),
        (
            serde_json::json!({"eligibility": {"eligible": "true"}}),
            "eligibility.eligible",
        ),
        (
            serde_json::json!({"eligibility": {"reasons": "x"}}),
            "eligibility.reasons",
        ),
        (
            serde_json::json!({"eligibility": {"remedies": []}}),
            "unknown expect key eligibility.remedies",
        ),
        (
            serde_json::json!({"plate": {"sytem": "siv"}}),
            "unknown expect key plate.sytem",
        ),
        (
            serde_json::json!({"plate": {"system": "sivv"}}),
            "plate.system",
        ),
        (
            serde_json::json!({"plate": {"conversion": "no"}}),
            "plate.conversion",
        ),
        (
            serde_json::json!({"procedure": {"channel": 1}}),
            "procedure.channel",
        ),
        (
            serde_json::json!({"procedure": {"step": []}}),
            "unknown expect key procedure.step",
        ),
        (
            serde_json::json!({"cmi": {"effects": "cmi.initial_card_revoked"}}),
            "cmi.effects",
        ),
        (serde_json::json!({"cmi": {"fee": 9}}), "cmi.fee"),
        (serde_json::json!({"alternatives": ["x"]}), "alternatives"),
        (
            serde_json::json!({"alternatives": {"x": 2.76}}),
            "alternatives",
        ),
        (
            serde_json::json!({"warnings": "fees.low_confidence"}),
            "warnings",
        ),
        (
            serde_json::json!({"trace_rules": {"fees.regime": true}}),
            "trace_rules",
        ),
        (
            serde_json::json!({"validity": {"durations": {"cpi": {"amount": "1", "unit": "month"}}}}),
            "validity.durations",
        ),
        (
            serde_json::json!({"error": {"field": "date"}}),
            "error without a code",
        ),
        (
            serde_json::json!({"error": {"code": "request.invalid_date", "messge": "x"}}),
            "unknown expect key error.messge",
        ),
        (
            serde_json::json!({"error": {"code": "request.invalid_date"}, "fees": {"total": "13.76"}}),
            "a refused request has no decision",
        ),
        (serde_json::json!({"typo": true}), "unknown expect key typo"),
        (serde_json::json!([]), "expect is array"),
    ];
    for (expect, why) in malformed {
        let bad = run_case(&engine, &schema, &case_with(expect.clone()));
        assert!(
            bad.iter()
                .any(|b| b.starts_with("case file: ") && b.contains(why)),
            "{expect} not rejected for {why}: {bad:?}"
        );
    }
    // The same small case, well formed, holds: the rejections above are of the case file alone.
    let good = case_with(serde_json::json!({
        "fees": {"total": "13.76", "lines": {"Y1": "0.00", "Y4": "11.00", "Y5": "2.76"}},
        "documents": {"include": ["identity_proof"], "exclude": ["kbis"]},
        "plate": {"system": "siv", "conversion": false}
    }));
    assert_eq!(run_case(&engine, &schema, &good), Vec::<String>::new());
    // A case without a source, or with an unknown top-level key, is an error of the file too.
    let mut unsourced = good.clone();
    unsourced["source"] = Value::String(String::new());
    assert!(
        run_case(&engine, &schema, &unsourced)
            .iter()
            .any(|b| b.contains("source"))
    );
    let mut unmarked = good.clone();
    unmarked["source"] = Value::String("engine default".to_owned());
    assert!(
        run_case(&engine, &schema, &unmarked)
            .iter()
            .any(|b| b.contains("other reading"))
    );
    let mut extra = good;
    extra["expected"] = serde_json::json!({});
    assert!(
        run_case(&engine, &schema, &extra)
            .iter()
            .any(|b| b.contains("unknown key expected"))
    );
}
