//! Runs every procedure case of `tests/cases/procedures/`: a request, then events one by one, each
//! with the state or the error expected. A refused event must leave the state unchanged. A key the
//! state does not have, a value of the wrong type or an unknown key of the case file is an error of
//! the case file, never a comparison with `null`.

use std::path::{Path, PathBuf};

use duplicata_core::{Engine, Request};
use duplicata_core::{Event, ProcedureState};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/procedures")
}

/// The JSON type a key of a step's `expect` must have: every field of `ProcedureState`, and
/// `allowed_events`. An optional field (`null` when absent) is "string or null".
const STATE_KEYS: &[(&str, &str)] = &[
    ("machine", "string"),
    ("step", "string"),
    ("request", "object"),
    ("history", "array"),
    ("messages", "array"),
    ("declarations_sent", "integer"),
    ("channel", "string or null"),
    ("payment_means", "string or null"),
    ("payment_recorded", "boolean"),
    ("file_number", "string or null"),
    ("may_drive", "boolean"),
    ("cpi_valid_until", "string or null"),
    ("declaration_valid_until", "string or null"),
    ("attestation_valid_until", "string or null"),
    ("steps_done", "array"),
    ("end_products", "array"),
    ("allowed_events", "array"),
];

fn has_type(v: &Value, ty: &str) -> bool {
    match ty {
        "string" => v.is_string(),
        "string or null" => v.is_string() || v.is_null(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "integer" => v.is_u64(),
        "boolean" => v.is_boolean(),
        _ => false,
    }
}

/// The keys of `obj` outside `allowed`, each as a problem of the case file.
fn unknown_keys(obj: &Value, allowed: &[&str], at: &str) -> Vec<String> {
    match obj.as_object() {
        Some(o) => o
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .map(|k| format!("case file: unknown key {at}{k}"))
            .collect(),
        None => vec![format!("case file: {at} is not an object")],
    }
}

/// The problems of a procedure case file itself, before anything is run.
fn case_file_problems(case: &Value) -> Vec<String> {
    let mut bad = unknown_keys(
        case,
        &[
            "name",
            "description",
            "source",
            "request",
            "start",
            "events",
        ],
        "",
    );
    for k in ["name", "description", "source"] {
        if case[k].as_str().is_none_or(|s| s.trim().is_empty()) {
            bad.push(format!("case file: {k} must be a non-empty string"));
        }
    }
    bad.extend(unknown_keys(
        &case["start"],
        &["machine", "error"],
        "start.",
    ));
    if let Some(err) = case["start"].get("error") {
        bad.extend(unknown_keys(err, &["code"], "start.error."));
        if !err["code"].is_string() || case["start"].get("machine").is_some() {
            bad.push("case file: start.error needs a code, and no machine".to_owned());
        }
        if case
            .get("events")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
        {
            bad.push("case file: a refused start has no events".to_owned());
        }
        return bad;
    }
    if !case["start"]["machine"].is_string() {
        bad.push("case file: start.machine must be a string".to_owned());
    }
    let Some(events) = case["events"].as_array() else {
        bad.push("case file: events must be a list".to_owned());
        return bad;
    };
    for (i, step) in events.iter().enumerate() {
        let at = format!("events[{i}].");
        bad.extend(unknown_keys(
            step,
            &["apply", "expect", "expect_error"],
            &at,
        ));
        if step.get("expect").is_some() == step.get("expect_error").is_some() {
            bad.push(format!(
                "case file: {at} needs exactly one of expect, expect_error"
            ));
        }
        if let Some(want) = step.get("expect") {
            match want.as_object() {
                Some(o) => {
                    for (k, v) in o {
                        match STATE_KEYS.iter().find(|(name, _)| name == k) {
                            Some((_, ty)) if has_type(v, ty) => {}
                            Some((_, ty)) => {
                                bad.push(format!("case file: {at}expect.{k}: {v} is not {ty}"))
                            }
                            None => bad.push(format!("case file: unknown key {at}expect.{k}")),
                        }
                    }
                }
                None => bad.push(format!("case file: {at}expect is not an object")),
            }
        }
        if let Some(want) = step.get("expect_error") {
            bad.extend(unknown_keys(
                want,
                &["code", "allowed_events"],
                &format!("{at}expect_error."),
            ));
            if !want["code"].is_string() {
                bad.push(format!("case file: {at}expect_error.code must be a string"));
            }
            if want
                .get("allowed_events")
                .is_some_and(|a| !has_type(a, "array"))
            {
                bad.push(format!(
                    "case file: {at}expect_error.allowed_events must be a list"
                ));
            }
        }
    }
    bad
}

/// Every problem of one procedure case: of the file, then of the engine's answers.
fn run_case(engine: &Engine, name: &str, case: &Value) -> Vec<String> {
    let problems = case_file_problems(case);
    if !problems.is_empty() {
        return problems
            .into_iter()
            .map(|p| format!("{name}: {p}"))
            .collect();
    }
    let mut failures = Vec::new();
    let request: Request = match serde_json::from_value(case["request"].clone()) {
        Ok(r) => r,
        Err(e) => return vec![format!("{name}: case file: request: {e}")],
    };
    // A request `evaluate` refuses cannot start: `start.error` names the same error.
    if let Some(want) = case["start"].get("error") {
        match engine.procedure_start(&request) {
            Err(e) if e.code() == want["code"] => {}
            Err(e) => failures.push(format!(
                "{name}: start error {} (expected {want})",
                e.code()
            )),
            Ok(_) => failures.push(format!("{name}: started (expected error {want})")),
        }
        return failures;
    }
    let mut state: ProcedureState = match engine.procedure_start(&request) {
        Ok(s) => s,
        Err(e) => return vec![format!("{name}: start refused: {e}")],
    };
    let machine = serde_json::to_value(state.machine).expect("machine");
    if machine != case["start"]["machine"] {
        return vec![format!(
            "{name}: machine {machine} (expected {})",
            case["start"]["machine"]
        )];
    }
    for (i, step) in case["events"].as_array().into_iter().flatten().enumerate() {
        let event: Event = match serde_json::from_value(step["apply"].clone()) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{name} event {i}: case file: apply: {e}"));
                break;
            }
        };
        let before = state.clone();
        match (
            engine.procedure_apply(&state, &event),
            step.get("expect_error"),
        ) {
            (Ok(next), None) => {
                let got = serde_json::to_value(&next).expect("state json");
                // The list of keys above covers every key the state has.
                for k in got.as_object().into_iter().flatten().map(|(k, _)| k) {
                    assert!(
                        STATE_KEYS.iter().any(|(s, _)| s == k),
                        "STATE_KEYS lacks the state's key {k}"
                    );
                }
                for (k, want) in step["expect"].as_object().into_iter().flatten() {
                    let have = if k == "allowed_events" {
                        serde_json::json!(next.allowed_events())
                    } else {
                        // A known optional field the state leaves out is null.
                        got.get(k).cloned().unwrap_or(Value::Null)
                    };
                    if &have != want {
                        failures.push(format!(
                            "{name} event {i} ({}): {k} = {have} (expected {want})",
                            event.name()
                        ));
                    }
                }
                state = next;
            }
            (Err(e), Some(want)) => {
                if e.code() != want["code"] {
                    failures.push(format!(
                        "{name} event {i}: error {} (expected {})",
                        e.code(),
                        want["code"]
                    ));
                }
                if let Some(allowed) = want.get("allowed_events") {
                    if &serde_json::json!(e.allowed_events()) != allowed {
                        failures.push(format!(
                            "{name} event {i}: allowed {:?} (expected {allowed})",
                            e.allowed_events()
                        ));
                    }
                }
                if e.message_fr().is_empty() || e.message_en().is_empty() {
                    failures.push(format!("{name} event {i}: an error without its messages"));
                }
                if state != before {
                    failures.push(format!(
                        "{name} event {i}: a refused event changed the state"
                    ));
                }
            }
            (Ok(next), Some(want)) => failures.push(format!(
                "{name} event {i}: expected error {want}, got step {:?}",
                next.step
            )),
            (Err(e), None) => failures.push(format!(
                "{name} event {i} ({}): unexpected error {e}",
                event.name()
            )),
        }
    }
    failures
}

#[test]
fn every_procedure_case_holds() {
    let engine = Engine::embedded().expect("engine");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "{} procedure cases", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
        failures.extend(run_case(&engine, &name, &case));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small procedure case whose first event has `step` as its expectation.
fn case_with(step: Value) -> Value {
    serde_json::json!({
        "name": "malformed",
        "description": "a malformed procedure case",
        "source": "ANTS guide 'Téléprocédure : demande de duplicata' (seed 001)",
        "request": {
            "procedure": "carte_grise_duplicata", "date": "2022-03-01", "reason": "loss",
            "holder": {"department": "33"},
            "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"}
        },
        "start": {"machine": "carte_grise_online"},
        "events": [step]
    })
}

#[test]
fn a_malformed_procedure_case_is_rejected() {
    let engine = Engine::embedded().expect("engine");
    let sign_in = serde_json::json!({"event": "sign_in"});
    let malformed = [
        // An unknown key used to be compared with null, so `"stpe": null` passed.
        (
            serde_json::json!({"apply": sign_in, "expect": {"stpe": null}}),
            "unknown key events[0].expect.stpe",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect": {"may_drive": "false"}}),
            "expect.may_drive",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect": {"allowed_events": "enter_request"}}),
            "expect.allowed_events",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect": {"declarations_sent": "0"}}),
            "expect.declarations_sent",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect": []}),
            "expect is not an object",
        ),
        (
            serde_json::json!({"apply": sign_in}),
            "exactly one of expect",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect": {}, "expect_error": {"code": "x"}}),
            "exactly one of expect",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect_error": {"cod": "x"}}),
            "expect_error.cod",
        ),
        (
            serde_json::json!({"apply": sign_in, "expect_error": {"code": "x", "allowed_events": "pay"}}),
            "allowed_events must be a list",
        ),
        (
            serde_json::json!({"apply": sign_in, "expected": {}}),
            "unknown key events[0].expected",
        ),
    ];
    for (step, why) in malformed {
        let bad = run_case(&engine, "malformed", &case_with(step.clone()));
        assert!(
            bad.iter()
                .any(|b| b.contains("case file: ") && b.contains(why)),
            "{step} not rejected for {why}: {bad:?}"
        );
    }
    // The well-formed step holds; a wrong value of a known key is a failure, not a file error.
    let good =
        serde_json::json!({"apply": sign_in, "expect": {"step": "signed_in", "file_number": null}});
    assert_eq!(
        run_case(&engine, "good", &case_with(good)),
        Vec::<String>::new()
    );
    let wrong = serde_json::json!({"apply": sign_in, "expect": {"step": "paid"}});
    let bad = run_case(&engine, "wrong", &case_with(wrong));
    assert!(
        bad.len() == 1 && bad[0].contains("step = \"signed_in\""),
        "{bad:?}"
    );
    let mut refused = case_with(serde_json::json!({"apply": sign_in, "expect": {}}));
    refused["start"] =
        serde_json::json!({"error": {"code": "request.invalid_date"}, "machine": "x"});
    assert!(
        run_case(&engine, "refused", &refused)
            .iter()
            .any(|b| b.contains("no machine"))
    );
}
