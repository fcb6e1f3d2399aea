//! Runs every procedure case of `tests/cases/procedures/`: a request, then events one by one, each
//! with the state or the error expected. A refused event must leave the state unchanged.

use std::path::{Path, PathBuf};

use duplicata_core::procedure::{Event, ProcedureState};
use duplicata_core::{Engine, Request};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/procedures")
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
        let request: Request = serde_json::from_value(case["request"].clone()).expect("request");
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
            continue;
        }
        let mut state: ProcedureState = engine.procedure_start(&request).expect("start");
        let machine = serde_json::to_value(state.machine).expect("machine");
        if machine != case["start"]["machine"] {
            failures.push(format!(
                "{name}: machine {machine} (expected {})",
                case["start"]["machine"]
            ));
            continue;
        }
        for (i, step) in case["events"]
            .as_array()
            .expect("events")
            .iter()
            .enumerate()
        {
            let event: Event = serde_json::from_value(step["apply"].clone())
                .unwrap_or_else(|e| panic!("{name} event {i}: {e}"));
            let before = state.clone();
            match (
                engine.procedure_apply(&state, &event),
                step.get("expect_error"),
            ) {
                (Ok(next), None) => {
                    let got = serde_json::to_value(&next).expect("state json");
                    for (k, want) in step["expect"].as_object().into_iter().flatten() {
                        let have = if k == "allowed_events" {
                            serde_json::json!(next.allowed_events())
                        } else {
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
                    assert!(!e.message_fr().is_empty() && !e.message_en().is_empty());
                    assert_eq!(
                        state, before,
                        "{name} event {i}: a refused event changed the state"
                    );
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
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
