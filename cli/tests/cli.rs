//! The command line as an operator uses it: outputs, exit statuses, files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{Days, NaiveDate};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_duplicata"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run duplicata")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duplicata-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn car(date: &str, dept: &str, plate: &str, category: &str) -> String {
    format!(
        r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss","holder":{{"department":"{dept}"}},"vehicle":{{"plate":"{plate}","category":"{category}","energy":"petrol"}}}}"#
    )
}

#[test]
fn nouvelle_aquitaine_2019_prints_47_76_as_41_4_2_76() {
    let o = run(&[
        "evaluate",
        root()
            .join("examples/requests/nouvelle-aquitaine-2019.json")
            .to_str()
            .expect("path"),
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("47.76 € = 41 + 4 + 2.76"), "{text}");
    assert!(text.contains("Taxe régionale"), "{text}");
    assert!(text.contains("Demande recevable"), "{text}");
}

#[test]
fn any_siv_car_in_2023_costs_13_76_and_a_moped_in_2019_nothing() {
    for dept in ["33", "75", "2A", "971"] {
        let o = run_stdin(
            &["evaluate", "-"],
            &car("2023-05-02", dept, "AB-123-CD", "car"),
        );
        assert!(
            stdout(&o).contains("13.76 € = 11 + 2.76"),
            "{dept}: {}",
            stdout(&o)
        );
    }
    let o = run_stdin(
        &["evaluate", "-"],
        &car("2019-05-02", "33", "AB-123-CD", "moped_le_50"),
    );
    assert!(stdout(&o).contains("Coût : 0.00 €"), "{}", stdout(&o));
}

#[test]
fn json_output_and_exit_statuses() {
    let o = run_stdin(
        &["evaluate", "-", "--json"],
        &car("2019-06-01", "33", "AB-123-CD", "car"),
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["fees"]["total"], "47.76");
    // Not eligible is still a decision: exit 0.
    let stolen = car("2019-06-01", "33", "AB-123-CD", "car")
        .replace(r#""energy":"petrol""#, r#""energy":"petrol","stolen":true"#);
    let o = run_stdin(&["evaluate", "-", "--json"], &stolen);
    assert_eq!(o.status.code(), Some(0));
    // Invalid input: exit 2 and the error JSON on stdout.
    let o = run_stdin(
        &["evaluate", "-", "--json"],
        &car("2019-06-01", "33", "AI-123-CD", "car"),
    );
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("error json");
    assert_eq!(v["error"]["code"], "plate.forbidden_letter");
    assert_eq!(v["error"]["field"], "vehicle.plate");
    // Not JSON at all: exit 2 too.
    assert_eq!(
        run_stdin(&["evaluate", "-"], "{not json").status.code(),
        Some(2)
    );
    // A missing file is not invalid input: exit 1.
    assert_eq!(
        run(&["evaluate", "/nonexistent/request.json"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn jsonl_streams_one_answer_per_line_and_keeps_going() {
    let input = [
        car("2019-06-01", "33", "AB-123-CD", "car"),
        String::new(),
        car("2019-06-01", "33", "AI-123-CD", "car"),
        car("2023-06-01", "75", "AB-123-CD", "car"),
    ]
    .join("\n");
    let o = run_stdin(&["evaluate", "-", "--jsonl"], &input);
    assert_eq!(o.status.code(), Some(2), "one invalid line");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 4, "one record per input line");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["decision"]["fees"]["total"], "47.76");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["skipped"], "blank");
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(lines[2]["error"]["code"], "plate.forbidden_letter");
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[3]["decision"]["fees"]["total"], "13.76");
}

#[test]
fn rate_answers_every_department_every_date_or_says_unknown() {
    let mut date = NaiveDate::from_ymd_opt(2009, 4, 15).expect("date");
    let today = chrono::Utc::now().date_naive();
    let depts = duplicata_departments();
    let mut i = 0usize;
    while date <= today {
        // Every department is checked, one per date, cycling, plus two fixed ones each time.
        for dept in [depts[i % depts.len()].as_str(), "33", "2B"] {
            let o = run(&["rate", dept, &date.to_string(), "--json"]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{dept} {date}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            match v["status"].as_str() {
                Some("known") => assert!(v["rate"].is_string(), "{v}"),
                Some("unknown") => {
                    assert!(v["rate"].is_null());
                    assert!(v["unknown_reason"].is_string(), "a gap is documented: {v}");
                }
                other => panic!("{dept} {date}: status {other:?}"),
            }
        }
        i += 1;
        date = date + Days::new(29);
    }
    assert!(i > depts.len(), "each department was asked at least once");
}

fn duplicata_departments() -> Vec<String> {
    duplicata_core::DEPARTMENT_CODES
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

#[test]
fn rate_text_shows_components_and_gaps() {
    let o = run(&["rate", "75", "2026-06-01"]);
    let t = stdout(&o);
    assert!(t.contains("68.95 € par cheval fiscal"), "{t}");
    assert!(
        t.contains("majoration Île-de-France Mobilités : 14.00 €"),
        "{t}"
    );
    let o = run(&["rate", "33", "2012-06-01"]);
    let t = stdout(&o);
    assert!(
        t.contains("inconnu") && t.contains("29.00") && t.contains("36.00"),
        "{t}"
    );
    assert_eq!(run(&["rate", "20", "2019-01-01"]).status.code(), Some(2));
    assert_eq!(run(&["rate", "33", "2008-01-01"]).status.code(), Some(2));
}

#[test]
fn params_check_names_both_overlapping_periods() {
    let text = std::fs::read_to_string(root().join("core/params/duplicata.toml")).expect("params");
    let broken = text.replace(
        "{ from = 2023-01-01, to = 2024-12-31, per_cv = \"45\"",
        "{ from = 2022-06-01, to = 2024-12-31, per_cv = \"45\"",
    );
    assert_ne!(text, broken);
    let path = tmp("overlap.toml");
    std::fs::write(&path, broken).expect("write");
    let o = run(&["params", "check", path.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    let t = stdout(&o);
    assert!(t.contains("params.overlap"), "{t}");
    assert!(
        t.contains("2017-01-01..2022-12-31") && t.contains("2022-06-01..2024-12-31"),
        "{t}"
    );
    assert!(t.contains("zone[") && t.contains("NAQ"), "{t}");
    let o = run(&[
        "params",
        "check",
        root()
            .join("core/params/duplicata.toml")
            .to_str()
            .expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn another_parameter_file_changes_the_answer_without_rebuilding() {
    let text = std::fs::read_to_string(root().join("core/params/duplicata.toml")).expect("params");
    let changed = text.replace(
        "{ from = 2017-01-01, to = 2022-12-31, per_cv = \"41\"",
        "{ from = 2017-01-01, to = 2022-12-31, per_cv = \"50\"",
    );
    let path = tmp("what-if.toml");
    std::fs::write(&path, changed).expect("write");
    let o = run_stdin(
        &[
            "--params",
            path.to_str().expect("path"),
            "evaluate",
            "-",
            "--json",
        ],
        &car("2019-06-01", "33", "AB-123-CD", "car"),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["fees"]["total"], "56.76");
}

#[test]
fn seed_001_story_runs_one_event_per_call_from_a_saved_state() {
    let state = tmp("theft-state.json");
    let request = root().join("examples/requests/theft-2019-julien-paul.json");
    let o = run(&[
        "procedure",
        "start",
        request.to_str().expect("path"),
        "--state",
        state.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let apply = |event: &str| {
        run(&[
            "procedure",
            "apply",
            "--state",
            state.to_str().expect("path"),
            event,
        ])
    };
    for e in [
        r#"{"event":"sign_in"}"#,
        r#"{"event":"enter_request"}"#,
        r#"{"event":"send_declaration"}"#,
    ] {
        assert!(apply(e).status.success(), "{e}");
    }
    // Paying before the review ends is refused, the allowed events listed, the state kept.
    let before = std::fs::read_to_string(&state).expect("state");
    let o = apply(r#"{"event":"pay"}"#);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("error json");
    assert_eq!(v["error"]["code"], "procedure.event_not_allowed");
    assert_eq!(
        v["error"]["allowed_events"],
        serde_json::json!(["reviewer_reject", "reviewer_accept"])
    );
    assert_eq!(std::fs::read_to_string(&state).expect("state"), before);
    for e in [
        r#"{"event":"reviewer_reject","message":"déclaration illisible"}"#,
        r#"{"event":"answer","message":"nouvelle copie lisible jointe"}"#,
        r#"{"event":"reviewer_accept"}"#,
        r#"{"event":"pay"}"#,
        r#"{"event":"record_payment","date":"2019-03-20","file_number":"FR-2019-0001"}"#,
    ] {
        let o = apply(e);
        assert!(o.status.success(), "{e}: {}", stdout(&o));
    }
    let o = run(&[
        "procedure",
        "next",
        "--state",
        state.to_str().expect("path"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["step"], "completed");
    assert_eq!(v["allowed_events"], serde_json::json!([]));
    assert_eq!(v["file_number"], "FR-2019-0001");
    assert_eq!(v["cpi_valid_until"], "2019-04-20");
    assert_eq!(
        v["end_products"],
        serde_json::json!(["file_number", "acknowledgement", "cpi"])
    );
}

#[test]
fn plate_command_reads_every_form() {
    assert_eq!(
        stdout(&run(&["plate", "ab123cd"])).trim(),
        "AB-123-CD (siv)"
    );
    assert_eq!(stdout(&run(&["plate", "12 a 2b"])).trim(), "12 A 2B (fni)");
    let o = run(&["plate", "SS-123-AB", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("plate.forbidden_series"));
}

#[test]
fn summary_shows_conditions_and_the_second_exemplaire_title() {
    let o = run_stdin(
        &["evaluate", "-"],
        r#"{"procedure":"carte_grise_duplicata","date":"2022-03-12","reason":"loss","applicant":"mandate_holder","holder":{"department":"33","kind":"leasing_company"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#,
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Recevable sous conditions"), "{text}");
    assert!(
        text.contains("[leasing_mandate]") && text.contains("[holder_kbis]"),
        "{text}"
    );
    let o = run_stdin(
        &["evaluate", "-"],
        r#"{"procedure":"cmi_second_exemplaire","date":"2021-05-01","cmi":{"terms_accepted":true,"sworn_statement":true,"title_number":"CMI-1","titles":[{"number":"CMI-1","mention":"stationnement","status":"valid"}]}}"#,
    );
    let text = stdout(&o);
    assert!(text.starts_with("Demande de second exemplaire"), "{text}");
    assert!(!text.contains("sera révoquée"), "{text}");
}

/// The summary names the other reading of a §11 default and what it would cost, in both
/// languages, and brackets an unknown total.
#[test]
fn summary_shows_other_readings_and_bounds() {
    let fni = car("2023-02-01", "45", "123 AB 45", "car");
    let fr = stdout(&run_stdin(&["evaluate", "-"], &fni));
    assert!(
        fr.contains("selon une autre lecture des textes : 2,76 €"),
        "{fr}"
    );
    assert!(fr.contains("Coût : 13.76 €"), "{fr}");
    let en = stdout(&run_stdin(&["evaluate", "-", "--lang", "en"], &fni));
    assert!(
        en.contains("on another reading of the texts : 2.76 €"),
        "{en}"
    );
    let settled = stdout(&run_stdin(
        &["evaluate", "-"],
        &car("2019-06-01", "33", "AB-123-CD", "car"),
    ));
    assert!(!settled.contains("autre lecture"), "{settled}");
    let gap = stdout(&run_stdin(
        &["evaluate", "-"],
        &car("2012-06-01", "33", "AB-123-CD", "car"),
    ));
    assert!(
        gap.contains("35,50 € – 42,50 € [fees.y1.unknown_rate]"),
        "{gap}"
    );
}
