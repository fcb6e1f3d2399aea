//! `duplicata params coverage` as an operator uses it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn reference() -> PathBuf {
    root().join("core/params/duplicata.toml")
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

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duplicata-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn the_reference_file_lists_its_aquitaine_gap_with_its_reason() {
    let path = reference();
    let o = run(&["params", "coverage", path.to_str().expect("path"), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(v["from"], "2009-04-15");
    assert_eq!(v["to"], "2026-12-31");
    assert_eq!(v["gaps_without_reason"], 0);
    let gaps = v["gaps"].as_array().expect("gaps");
    let aquitaine = gaps
        .iter()
        .find(|g| g["zone"] == "AQUITAINE" && g["unknown"] == "rate" && g["from"] == "2011-01-01")
        .expect("the Aquitaine gap");
    assert_eq!(aquitaine["to"], "2014-12-31");
    assert_eq!(aquitaine["days"], 1461);
    assert_eq!(aquitaine["reason"], "no value found for 2011-2014");
    assert!(gaps.iter().all(|g| g["reason"].is_string()));
    // The total is the sum of the zones; the days without a rate are the rate gaps' days.
    let days = |z: &Value| z["total"]["days"].as_u64().expect("days");
    let zones = v["zones"].as_array().expect("zones");
    let total = v["total"]["days"].as_u64().expect("total");
    assert_eq!(zones.iter().map(days).sum::<u64>(), total);
    let rate_gap_days: u64 = gaps
        .iter()
        .filter(|g| g["unknown"] == "rate")
        .map(|g| g["days"].as_u64().expect("days"))
        .sum();
    let known = v["total"]["rate_known"].as_u64().expect("known");
    assert_eq!(known + rate_gap_days, total);
    // Without FILE, the embedded reference parameters: the same figures.
    let embedded = json(&run(&["params", "coverage", "--json"]));
    assert_eq!(embedded["total"], v["total"]);
}

#[test]
fn a_window_counts_only_its_days() {
    let o = run(&[
        "params",
        "coverage",
        "--json",
        "--from",
        "2012-01-01",
        "--to",
        "2012-12-31",
    ]);
    let v = json(&o);
    let zones = v["zones"].as_array().expect("zones");
    let aquitaine = zones
        .iter()
        .find(|z| z["zone"] == "AQUITAINE")
        .expect("AQUITAINE");
    assert_eq!(aquitaine["total"]["days"], 366);
    assert_eq!(aquitaine["total"]["rate_known"], 0);
    assert_eq!(aquitaine["total"]["rate_percent"], "0.00");
    // Zones that did not exist in 2012 count no day.
    let naq = zones.iter().find(|z| z["zone"] == "NAQ").expect("NAQ");
    assert_eq!(naq["total"]["days"], 0);
    assert_eq!(v["years"].as_array().expect("years").len(), 1);
}

#[test]
fn the_text_shows_the_total_and_each_gap() {
    let o = run(&["params", "coverage"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert!(t.contains("Jours-zones couverts"), "{t}");
    assert!(
        t.contains("AQUITAINE")
            && t.contains("2011-01-01 → 2014-12-31")
            && t.contains("no value found for 2011-2014"),
        "{t}"
    );
}

#[test]
fn a_gap_without_a_reason_fails() {
    let text = std::fs::read_to_string(reference()).expect("params");
    let blank = text.replace(
        "unknown = \"no value found for 2011-2014\"",
        "unknown = \" \"",
    );
    assert_ne!(text, blank);
    let path = tmp("blank-reason.toml");
    std::fs::write(&path, blank).expect("write");
    let o = run(&["params", "coverage", path.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("SANS RAISON"), "{}", stdout(&o));
    let o = run(&["params", "coverage", path.to_str().expect("path"), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(json(&o)["gaps_without_reason"].as_u64() > Some(0));
}

#[test]
fn bad_input_exits_with_2() {
    let path = tmp("broken.toml");
    std::fs::write(&path, "[parameter_set]\nname = \n").expect("write");
    let o = run(&["params", "coverage", path.to_str().expect("path"), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["code"], "params.invalid");
    let o = run(&["params", "coverage", "--from", "2012-13-01"]);
    assert_eq!(o.status.code(), Some(2));
}
