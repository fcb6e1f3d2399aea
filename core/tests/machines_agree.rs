//! The machines and `evaluate` agree: every request of the corpus (`tests/cases/`) that a
//! procedure can start from is run through its machine along the seed's order, and the steps the
//! machine completes are exactly the steps `evaluate` lists for the same request, in that order.

use std::path::{Path, PathBuf};

use duplicata_core::{Engine, Request};
use duplicata_core::{Event, ProcedureState};
use serde_json::{Value, json};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

/// The next event of the seed's order for a state (the first allowed event, with its data).
fn next_event(state: &ProcedureState, post: bool) -> Option<Event> {
    let req = &state.request;
    let name = *state.allowed_events().first()?;
    let date = req.date.to_string();
    let cmi = req.cmi.as_ref();
    let title = cmi.and_then(|c| {
        c.title_number
            .clone()
            .or_else(|| c.titles.first().map(|t| t.number.clone()))
    });
    let address = cmi
        .and_then(|c| c.delivery_address.clone())
        .map(|a| serde_json::to_value(a).expect("address"))
        .unwrap_or_else(|| {
            json!({"name": "M. Martin", "line1": "1 rue de la Paix", "postal_code": "33000",
                   "city": "Bordeaux", "country": "France"})
        });
    let v = match name {
        "declare_and_request" => {
            json!({"event": name, "channel": if post { "post" } else { "counter" }})
        }
        "pay" => json!({"event": name, "means": "bank_card"}),
        "record_payment" | "receive_receipt" | "download_attestation" => {
            json!({"event": name, "date": date})
        }
        "choose" => json!({"event": name, "kind": req.procedure}),
        "submit_title" => json!({"event": name, "title_number": title?,
                                 "revocation_motive": "loss", "sworn_statement": true}),
        "confirm_address" => json!({"event": name, "address": address}),
        "reviewer_accept" | "reviewer_reject" => json!({"event": "reviewer_accept"}),
        _ => json!({"event": name}),
    };
    Some(serde_json::from_value(v).expect("event"))
}

#[test]
fn every_corpus_request_runs_the_steps_evaluate_lists() {
    let engine = Engine::embedded().expect("engine");
    let mut runs = 0;
    let mut failures = Vec::new();
    for path in cases() {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let Ok(request) = serde_json::from_value::<Request>(case["request"].clone()) else {
            continue;
        };
        let Ok(decision) = engine.evaluate(&request) else {
            continue;
        };
        let Ok(start) = engine.procedure_start(&request) else {
            assert!(
                !decision.eligibility.eligible,
                "{}: start refused an eligible request",
                path.display()
            );
            continue;
        };
        let listed: Vec<String> = decision
            .procedure
            .map(|p| p.steps.iter().map(|s| s.code.to_owned()).collect())
            .unwrap_or_default();
        for post in [false, true] {
            let mut state = start.clone();
            let mut stuck = false;
            for _ in 0..32 {
                let Some(event) = next_event(&state, post) else {
                    break;
                };
                match engine.procedure_apply(&state, &event) {
                    Ok(next) => state = next,
                    Err(e) => {
                        failures.push(format!("{}: {} refused: {e}", path.display(), event.name()));
                        stuck = true;
                        break;
                    }
                }
            }
            if stuck {
                continue;
            }
            runs += 1;
            if state.steps_done != listed {
                failures.push(format!(
                    "{} ({}): machine {:?} != evaluate {:?}",
                    path.file_name().unwrap_or_default().to_string_lossy(),
                    if post { "post" } else { "counter" },
                    state.steps_done,
                    listed
                ));
            }
        }
    }
    assert!(runs > 100, "only {runs} runs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
