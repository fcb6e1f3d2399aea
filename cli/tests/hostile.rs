//! Hostile input and hostile outputs: endless inputs under a memory limit (`ulimit -v`) and a time
//! limit (`timeout`), standard output closed (`| head`) or full (`/dev/full`) for every
//! subcommand, JSONL that keeps its place, strict dates on the command line.
//!
//! The command under test is the one cargo built; `DUPLICATA_CLI=/path/to/duplicata` runs the same
//! tests against another build.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Virtual memory allowed to the command in the memory-limited runs (KiB): far below what reading
/// the endless inputs whole would need, well above what a bounded read needs.
const MEMORY_KIB: u32 = 262_144;

const REQUEST: &str = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss","holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#;

fn bin() -> OsString {
    std::env::var_os("DUPLICATA_CLI").unwrap_or_else(|| env!("CARGO_BIN_EXE_duplicata").into())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duplicata-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Runs a shell script with `$DUPLICATA` set to the command, under the memory limit.
fn limited(script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && {script}"))
        .env("DUPLICATA", bin())
        .env("REQUEST", REQUEST)
        .stdin(Stdio::null())
        .output()
        .expect("run sh")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: stdout {:?} stderr {:?}",
            text(&o.stdout),
            text(&o.stderr)
        )
    })
}

/// The error of a `--json` run: exit 2, `request.too_large` for `field`.
fn assert_too_large(o: &Output, field: &str) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout {:?} stderr {:?}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let v = json(o);
    assert_eq!(v["error"]["code"], "request.too_large", "{v}");
    assert_eq!(v["error"]["field"], field, "{v}");
    assert!(
        v["error"]["message_fr"]
            .as_str()
            .is_some_and(|m| m.contains("octets")),
        "{v}"
    );
    assert!(
        v["error"]["message_en"]
            .as_str()
            .is_some_and(|m| m.contains("bytes")),
        "{v}"
    );
}

/// A request file and a started procedure state, for the subcommands that need them.
fn request_and_state(name: &str) -> (PathBuf, PathBuf) {
    let request = tmp(&format!("{name}-request.json"));
    std::fs::write(&request, REQUEST).expect("write request");
    let state = tmp(&format!("{name}-state.json"));
    let o = Command::new(bin())
        .args([
            "procedure",
            "start",
            path(&request),
            "--state",
            path(&state),
        ])
        .output()
        .expect("start");
    assert!(o.status.success(), "{}", text(&o.stderr));
    (request, state)
}

#[test]
fn evaluate_dev_zero_stops_at_the_limit() {
    let o = limited(r#"exec timeout -s KILL 60 "$DUPLICATA" evaluate /dev/zero --json"#);
    assert_too_large(&o, "input");
}

#[test]
fn evaluate_yes_on_stdin_stops_at_the_limit() {
    let o = limited(r#"yes | timeout -s KILL 60 "$DUPLICATA" evaluate - --json"#);
    assert_too_large(&o, "input");
    // Without --json: the same error, told on stderr in both languages.
    let o = limited(r#"yes | timeout -s KILL 60 "$DUPLICATA" evaluate -"#);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("[request.too_large] (input)") && err.contains("error: 'input' is too large"),
        "{err}"
    );
}

#[test]
fn params_check_dev_zero_stops_at_the_limit() {
    let o = limited(r#"exec timeout -s KILL 60 "$DUPLICATA" params check /dev/zero --json"#);
    assert_too_large(&o, "file");
    let o = limited(
        r#"exec timeout -s KILL 60 "$DUPLICATA" --params /dev/zero rate 33 2019-06-01 --json"#,
    );
    assert_too_large(&o, "params");
}

#[test]
fn procedure_inputs_stop_at_the_limit() {
    let (_, state) = request_and_state("zero");
    let before = std::fs::read_to_string(&state).expect("state");
    let o = limited(&format!(
        r#"exec timeout -s KILL 60 "$DUPLICATA" procedure apply --state {} @/dev/zero"#,
        path(&state)
    ));
    assert_too_large(&o, "event");
    assert_eq!(
        std::fs::read_to_string(&state).expect("state"),
        before,
        "state kept"
    );
    let o = limited(&format!(
        r#"exec timeout -s KILL 60 "$DUPLICATA" procedure start /dev/zero --state {}"#,
        path(&tmp("zero-never.json"))
    ));
    assert_too_large(&o, "request");
    let o = limited(r#"exec timeout -s KILL 60 "$DUPLICATA" procedure next --state /dev/zero"#);
    assert_too_large(&o, "state");
}

#[test]
fn jsonl_endless_line_is_told_at_once_in_bounded_memory() {
    // /dev/zero is one line that never ends: its record comes out at once, and the command runs
    // on (dropping the line) in bounded memory until the time limit stops it.
    let o = limited(r#"exec timeout -s KILL 3 "$DUPLICATA" evaluate /dev/zero --jsonl"#);
    assert_eq!(
        o.status.code(),
        None,
        "killed by the time limit, not aborted: {}",
        text(&o.stderr)
    );
    assert!(
        !text(&o.stderr).contains("memory allocation"),
        "{}",
        text(&o.stderr)
    );
    let first: serde_json::Value =
        serde_json::from_str(text(&o.stdout).lines().next().expect("a record")).expect("json");
    assert_eq!(first["line"], 1);
    assert_eq!(first["error"]["code"], "request.too_large");
    assert_eq!(first["error"]["field"], "input");
}

#[test]
fn jsonl_overlong_line_is_skipped_and_the_run_goes_on() {
    // 300 MB on one line, then a request: over the memory limit if read whole.
    let o = limited(
        r#"{ printf '%s\n' "$REQUEST"; head -c 300000000 /dev/zero; printf '\n%s\n' "$REQUEST"; } | timeout -s KILL 120 "$DUPLICATA" evaluate - --jsonl"#,
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let records: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(records.len(), 3, "{records:?}");
    assert_eq!(records[0]["line"], 1);
    assert_eq!(records[0]["decision"]["fees"]["total"], "47.76");
    assert_eq!(records[1]["line"], 2);
    assert_eq!(records[1]["error"]["code"], "request.too_large");
    assert_eq!(records[2]["line"], 3);
    assert_eq!(records[2]["decision"]["fees"]["total"], "47.76");
}

#[test]
fn jsonl_keeps_its_place_through_blank_lines_and_invalid_utf8() {
    // A request with one byte that is not UTF-8 inside its plate, and a line of bytes that are not.
    let mut bad_plate = REQUEST.as_bytes().to_vec();
    let at = REQUEST.find("123").expect("plate digits");
    bad_plate[at] = 0xff;
    let lines: [&[u8]; 7] = [
        REQUEST.as_bytes(),
        b"",
        b"   \t",
        &bad_plate,
        b"\xff\xfe not text \xc3",
        b"{not json",
        REQUEST.as_bytes(),
    ];
    let input = lines.join(&b'\n');
    let file = tmp("places.jsonl");
    std::fs::write(&file, &input).expect("write");
    let o = Command::new(bin())
        .args(["evaluate", path(&file), "--jsonl"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let records: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(records.len(), 7, "one record per input line: {records:#?}");
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["line"], i + 1, "{r}");
    }
    assert_eq!(records[0]["decision"]["fees"]["total"], "47.76");
    assert_eq!(records[1]["skipped"], "blank");
    assert_eq!(records[2]["skipped"], "blank");
    for i in [3, 4] {
        assert_eq!(
            records[i]["error"]["code"], "request.invalid_json",
            "{}",
            records[i]
        );
        assert!(
            records[i]["error"]["message_en"]
                .as_str()
                .is_some_and(|m| m.contains("UTF-8")),
            "{}",
            records[i]
        );
    }
    assert_eq!(records[5]["error"]["code"], "request.invalid_json");
    assert_eq!(
        records[6]["decision"]["fees"]["total"], "47.76",
        "the run went on"
    );
}

#[test]
fn jsonl_blank_lines_keep_their_place_in_a_long_stream() {
    let o = limited(
        r#"yes '' | head -n 100000 | timeout -s KILL 120 "$DUPLICATA" evaluate - --jsonl | tail -n 1"#,
    );
    let last: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        last,
        serde_json::json!({"line": 100000, "skipped": "blank"})
    );
}

#[test]
fn jsonl_draws_no_progress_bar_when_stderr_is_not_a_terminal() {
    let file = tmp("quiet.jsonl");
    std::fs::write(&file, format!("{REQUEST}\n").repeat(2000)).expect("write");
    let o = Command::new(bin())
        .args(["evaluate", path(&file), "--jsonl"])
        .output()
        .expect("run");
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).lines().count(), 2000);
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

#[test]
fn jsonl_draws_a_progress_bar_on_a_terminal_for_a_long_run() {
    // `script` gives the command a terminal; the run lasts well over the one-second delay.
    let file = tmp("long.jsonl");
    std::fs::write(&file, format!("{REQUEST}\n").repeat(100_000)).expect("write");
    let o = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "'{}' evaluate '{}' --jsonl >/dev/null",
            bin().to_str().expect("path"),
            path(&file)
        ))
        .arg("/dev/null")
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux)");
    let screen = text(&o.stdout);
    assert!(
        screen.contains("] ") && screen.contains(" %"),
        "a bar with a percentage: {screen:?}"
    );
    assert!(
        screen.contains("100000 lignes / lines : 0 invalides / invalid, 0 vides / blank"),
        "{screen:?}"
    );
}

/// Every subcommand, with the files it needs, for the output tests.
fn every_subcommand(name: &str) -> Vec<Vec<String>> {
    let (request, state) = request_and_state(name);
    let (r, s) = (path(&request).to_owned(), path(&state).to_owned());
    let jsonl = tmp(&format!("{name}.jsonl"));
    std::fs::write(&jsonl, format!("{REQUEST}\n").repeat(500)).expect("write");
    let params = path(&root().join("core/params/duplicata.toml")).to_owned();
    let next_state = tmp(&format!("{name}-next.json"));
    [
        vec!["evaluate", &r],
        vec!["evaluate", &r, "--json"],
        vec!["evaluate", path(&jsonl), "--jsonl"],
        vec!["evaluate", "/nonexistent.json", "--json"],
        vec!["rate", "33", "2019-06-01"],
        vec!["rate", "33", "2019-06-01", "--json"],
        vec!["rate", "33", "2019-6-1", "--json"],
        vec!["plate", "ab123cd"],
        vec!["plate", "ab123cd", "--json"],
        vec!["plate", "SS-123-AB", "--json"],
        vec!["params", "check", &params],
        vec!["params", "check", &params, "--json"],
        vec!["procedure", "start", &r, "--state", path(&next_state)],
        vec!["procedure", "next", "--state", &s],
        vec!["procedure", "apply", "--state", &s, r#"{"event":"pay"}"#],
        vec!["--help"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_owned).collect())
    .collect()
}

fn assert_clean_failure(args: &[String], o: &Output, what: &str) {
    let err = text(&o.stderr);
    if args.iter().any(|a| a == "/nonexistent.json") {
        // Nothing is written on stdout: the unreadable file is the one failure, on one line.
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        return;
    }
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(
        err.lines().count(),
        1,
        "one line on stderr, {args:?}: {err}"
    );
    assert!(err.contains(what), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

#[test]
fn a_closed_pipe_ends_every_subcommand_cleanly() {
    for args in every_subcommand("pipe") {
        // The command starts writing only after the pipe's reading end is closed.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"sleep 0.3; exec "$0" "$@""#)
            .arg(bin())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_clean_failure(&args, &o, "Broken pipe");
    }
}

#[test]
fn a_full_disk_ends_every_subcommand_cleanly() {
    for args in every_subcommand("full") {
        let o = Command::new(bin())
            .args(&args)
            .stdout(
                File::options()
                    .write(true)
                    .open("/dev/full")
                    .expect("/dev/full"),
            )
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        assert_clean_failure(&args, &o, "No space left on device");
    }
}

#[test]
fn command_line_dates_are_read_strictly() {
    for bad in [
        "+2019-06-01",
        "2019-6-1",
        " 2019-06-01",
        "2019-06-01 ",
        "+0002019-06-01",
        "+99999-12-31",
        "2019-02-30",
        "20190601",
        "2019-06-01T00:00:00",
    ] {
        let o = Command::new(bin())
            .args(["rate", "33", bad, "--json"])
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", text(&o.stdout));
        let v = json(&o);
        assert_eq!(v["error"]["code"], "request.invalid_date", "{bad}: {v}");
        assert_eq!(v["error"]["field"], "date", "{bad}: {v}");
    }
    let o = Command::new(bin())
        .args(["rate", "33", "2019-06-01", "--json"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["rate"], "41.00", "{}", text(&o.stdout));
}

#[test]
fn a_parameter_file_that_is_not_utf8_names_its_line_and_column() {
    let text_ok =
        std::fs::read_to_string(root().join("core/params/duplicata.toml")).expect("params");
    let mut bytes = text_ok.into_bytes();
    // Line 3, column 2 (after one character) gets a byte that is not UTF-8.
    let line3 = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("line 3");
    bytes.insert(line3 + 1, 0xff);
    let file = tmp("latin1.toml");
    std::fs::write(&file, bytes).expect("write");
    let o = Command::new(bin())
        .args(["params", "check", path(&file), "--json"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let v = json(&o);
    assert_eq!(v["error"]["code"], "params.invalid", "{v}");
    assert!(
        v["error"]["message_en"]
            .as_str()
            .is_some_and(|m| m.contains("line 3, column 2")),
        "{v}"
    );
}

#[test]
fn the_record_of_a_missing_event_file_is_one_line() {
    let (_, state) = request_and_state("missing-event");
    let o = Command::new(bin())
        .args([
            "procedure",
            "apply",
            "--state",
            path(&state),
            "@/nonexistent/event.json",
        ])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr).lines().count(), 1, "{}", text(&o.stderr));
}
