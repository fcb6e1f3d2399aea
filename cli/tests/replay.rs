//! `duplicata params diff`, `params history` and `evaluate --as-known-on` as an operator uses them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn path(p: &str) -> String {
    root().join(p).to_str().expect("path").to_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duplicata"))
        .args(args)
        .output()
        .expect("run duplicata")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

const PREVIOUS: &str = "tests/fixtures/params-0.1.0.toml";
const REFERENCE: &str = "core/params/duplicata.toml";

#[test]
fn diff_lists_the_corrections_with_their_sources() {
    let o = run(&[
        "params",
        "diff",
        &path(PREVIOUS),
        &path(REFERENCE),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
    let v = json(&o);
    let changes = v["changes"].as_array().expect("changes");
    assert!(!changes.is_empty());
    let paca = changes
        .iter()
        .find(|c| {
            c["zone"] == "PAC"
                && c["series"] == "rates"
                && c["kind"] == "added"
                && c["from"] == "2025-01-01"
        })
        .expect("PACA's 59 € from 2025-01-01");
    assert_eq!(paca["to"], "2025-01-31");
    assert_eq!(paca["new"]["value"], "59.00");
    assert!(
        paca["new"]["source"]
            .as_str()
            .is_some_and(|s| s.contains("VARACTU-2024"))
    );
    assert_eq!(v["old"]["name"], "duplicata-reference");
    // The same file as known before the research pass: the same list of changes.
    let o = run(&[
        "params",
        "diff",
        &path(REFERENCE),
        &path(REFERENCE),
        "--old-as-known-on",
        "2026-11-30",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(
        json(&o)["changes"].as_array().map(Vec::len),
        Some(changes.len())
    );
    // The text form counts them and marks each one.
    let o = run(&["params", "diff", &path(PREVIOUS), &path(REFERENCE)]);
    let text = stdout(&o);
    assert!(
        text.contains(&format!("{} différence(s)", changes.len())),
        "{text}"
    );
    assert!(text.contains("zone PAC · rates"), "{text}");
    assert!(text.contains("+ 2025-01-01..2025-01-31"), "{text}");
    // A file against itself: nothing.
    let o = run(&[
        "params",
        "diff",
        &path(REFERENCE),
        &path(REFERENCE),
        "--json",
    ]);
    assert_eq!(json(&o)["changes"], Value::Array(Vec::new()));
}

#[test]
fn history_shows_a_corrected_rate_and_its_replacement() {
    let o = run(&["params", "history", "PAC"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains(" × 2025-02-01..2025-12-31"), "{text}");
    assert!(text.contains("corrigé le 2026-12-01"), "{text}");
    let o = run(&["params", "history", "PAC", "--json"]);
    let v = json(&o);
    assert_eq!(v["known_since"], "2026-11-22");
    assert!(v["entries"].as_array().is_some_and(|e| {
        e.iter()
            .any(|e| e["from"] == "2025-01-01" && e["known_from"] == "2026-12-01")
    }));
    let o = run(&["params", "history", "NOWHERE", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "zone");
}

#[test]
fn evaluate_as_known_on_replays_and_says_so() {
    let request = path("examples/requests/nouvelle-aquitaine-2019.json");
    let text = std::fs::read_to_string(&request).expect("request");
    let midi = text
        .replace("\"2019-06-01\"", "\"2016-09-15\"")
        .replace("\"33\"", "\"31\"");
    assert_ne!(midi, text);
    let dir = std::env::temp_dir().join(format!("duplicata-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("midi.json");
    std::fs::write(&file, midi).expect("write");
    let f = file.to_str().expect("path");
    let now = json(&run(&["evaluate", f, "--json"]));
    let then = json(&run(&[
        "evaluate",
        f,
        "--json",
        "--as-known-on",
        "2026-11-30",
    ]));
    assert_eq!(now["fees"]["total"], "50.76");
    assert_eq!(then["fees"]["total"], "40.76");
    assert_eq!(then["parameters"]["as_known_on"], "2026-11-30");
    assert!(now["parameters"].get("as_known_on").is_none());
    let summary = stdout(&run(&["evaluate", f, "--as-known-on", "2026-11-30"]));
    assert!(
        summary.contains("tels que connus le 2026-11-30"),
        "{summary}"
    );
    let o = run(&["evaluate", f, "--json", "--as-known-on", "2026-11-31"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "as_known_on");
    let o = run(&["evaluate", f, "--json", "--as-known-on", "2020-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["code"], "request.date_out_of_range");
    let rate = json(&run(&[
        "rate",
        "13",
        "2025-01-15",
        "--json",
        "--as-known-on",
        "2026-11-30",
    ]));
    assert_eq!(rate["rate"], "51.20");
}
