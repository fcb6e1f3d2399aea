//! Runs every case of `tests/cases/` through the core (rules of `tests/cases/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use duplicata_core::Engine;
use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

fn codes(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks `expect` against a decision (or an error); returns every mismatch.
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

#[test]
fn every_case_holds() {
    let engine = Engine::embedded().expect("embedded parameters");
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
        for k in ["name", "description", "source", "request", "expect"] {
            assert!(case.get(k).is_some(), "{}: missing {k}", path.display());
        }
        let request = serde_json::to_string(&case["request"]).expect("request");
        if let Ok(d) = engine.evaluate_json(&request) {
            // The fast writer and the Serialize implementation give the same bytes.
            assert_eq!(
                d.to_json(),
                serde_json::to_string(&d).expect("serialize"),
                "{}",
                path.display()
            );
        }
        let outcome = engine
            .evaluate_json(&request)
            .map(|d| serde_json::from_str::<Value>(&d.to_json()).expect("decision JSON"))
            .map_err(|e| serde_json::to_value(&e).expect("error JSON"));
        let bad = check(&case["expect"], outcome);
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
