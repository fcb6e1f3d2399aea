//! Every code the core can give has a case or a test that expects it: each error code of the
//! registry, each reason a request is not eligible, each remedy and condition, each reason a total
//! is unknown, each warning, and each rule id of the trace.
//!
//! "Expects" means: the code is a value under an `expect` (or `expect_error`) of a case of
//! `tests/cases/` (procedures included), the code column of a `tests/bad-inputs/*/expected.tsv`, or
//! a quoted literal of the test file named for it below (the parameter-file problems, which need a
//! broken parameter file, and the codes only a surface gives).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use duplicata_core::ErrorCode;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
    {
        if e.is_dir() {
            files(&e, ext, out);
        } else if e.extension().is_some_and(|x| x == ext) {
            out.push(e);
        }
    }
}

fn strings(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The strings under every `expect`, `expect_error` and `error` (of a procedure's `start`) of a
/// JSON case.
fn expectations(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if k == "expect" || k == "expect_error" || k == "error" {
                    strings(x, out);
                } else {
                    expectations(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| expectations(x, out)),
        _ => {}
    }
}

/// Every code the corpora expect.
fn expected_by_the_corpora() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cases = Vec::new();
    files(&root().join("tests/cases"), "json", &mut cases);
    assert!(cases.len() > 200, "{} cases", cases.len());
    for f in &cases {
        let text = std::fs::read_to_string(f).expect("case");
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        expectations(&v, &mut out);
    }
    for tsv in [
        "tests/bad-inputs/hand/expected.tsv",
        "tests/bad-inputs/generated/expected.tsv",
    ] {
        for line in read(tsv)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            match line.split('\t').nth(1).expect("code column") {
                // Bytes text cannot carry: the C ABI's codes (tests/bad-inputs/README.md).
                "nul-byte" => {
                    out.extend(["ffi.embedded_nul".into(), "request.invalid_json".into()])
                }
                "not-utf8" => {
                    out.extend(["ffi.embedded_nul".into(), "request.invalid_json".into()])
                }
                code => {
                    out.insert(code.to_owned());
                }
            }
        }
    }
    out
}

/// Codes no corpus file can expect, and the test file that expects each (as a quoted literal).
/// Every `params.` code is expected by `core/tests/param_problems.rs`.
const ELSEWHERE: &[(&str, &str)] = &[
    ("ffi.invalid_utf8", "tests/c/test_bad_inputs.c"),
    ("ffi.invalid_argument", "tests/c/test_bad_inputs.c"),
    ("ffi.invalid_size", "tests/c/test_bad_inputs.c"),
    ("ffi.null_argument", "tests/c/test_bad_inputs.c"),
    ("ffi.unknown_name", "tests/c/test_names.c"),
    ("internal.panic", "web/test/module.test.mjs"),
    ("io.read", "tests/c/test_bad_inputs.c"),
    ("request.too_large", "cli/tests/hostile.rs"),
    ("request.invalid_arrow", "tests/python/test_batch.py"),
];

/// Codes raised only on a fault of the program itself, which no input reaches: why, for each.
const NO_INPUT_REACHES: &[(&str, &str)] = &[
    (
        "internal.arrow",
        "an Arrow batch the Python module fails to build from decisions it computed",
    ),
    (
        "internal.output",
        "an output buffer the command line or the C ABI fails to write",
    ),
    (
        "internal.serialize",
        "a decision serde_json fails to write (every field is a string, number or list)",
    ),
];

/// Refusals behind a switch the embedded parameter file never takes: the test that loads the
/// other value and expects each.
const REASONS_ELSEWHERE: &[(&str, &str)] = &[(
    "applicant.professional_never",
    "core/tests/param_switches.rs",
)];

/// Field paths of a decision that `docs/errors.md` quotes beside the codes.
const FIELD_PATHS: [&str; 5] = [
    "eligibility.eligible",
    "eligibility.remedies",
    "fees.bounds",
    "fees.status",
    "fees.unknown_reason",
];

/// Codes listed by a section of `docs/errors.md`: the quoted codes of its text and tables.
fn documented(section: &str) -> BTreeSet<String> {
    let text = read("docs/errors.md");
    let body = text
        .split(&format!("## {section}"))
        .nth(1)
        .unwrap_or_else(|| panic!("docs/errors.md has no section {section}"));
    let body = body.split("\n## ").next().expect("section");
    body.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('.')
                && !FIELD_PATHS.contains(s)
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._".contains(&b))
        })
        .map(str::to_owned)
        .collect()
}

/// The codes of the `note!` entries of a source file whose constant starts with `prefix`
/// (`NOT_` reasons, `FIX_` remedies, `COND_` conditions of `carte_grise/eligibility.rs`).
fn notes(path: &str, prefix: &str) -> BTreeSet<String> {
    let text = read(path);
    text.split("note!(")
        .skip(1)
        .filter_map(|n| {
            let mut parts = n.splitn(3, ',');
            let name = parts.next()?.trim();
            let code = parts.next()?.trim().trim_matches('"');
            name.starts_with(prefix).then(|| code.to_owned())
        })
        .collect()
}

/// The rule ids of the trace: the first argument of every `TraceEntry::new` of the core, and the
/// rule ids the fee explanations pick (`carte_grise/fees/explain.rs`).
fn trace_rules() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut sources = Vec::new();
    files(&root().join("core/src"), "rs", &mut sources);
    for f in sources {
        let text = std::fs::read_to_string(&f).expect("source");
        for call in text.split("TraceEntry::new(").skip(1) {
            let arg = call.trim_start();
            if let Some(lit) = arg.strip_prefix('"') {
                out.insert(lit.split('"').next().expect("literal").to_owned());
            }
        }
    }
    let explain = read("core/src/carte_grise/fees/explain.rs");
    out.extend(
        explain
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| s.starts_with("fees.") && !s.contains(' '))
            .map(str::to_owned),
    );
    out
}

fn missing<'a>(
    codes: impl IntoIterator<Item = &'a String>,
    expected: &BTreeSet<String>,
) -> Vec<String> {
    codes
        .into_iter()
        .filter(|c| !expected.contains(*c))
        .cloned()
        .collect()
}

fn quoted(text: &str, code: &str) -> bool {
    text.contains(&format!("\"{code}\"")) || text.contains(&format!("'{code}'"))
}

#[test]
fn every_error_code_of_the_registry_is_expected() {
    let expected = expected_by_the_corpora();
    let elsewhere: BTreeMap<&str, &str> = ELSEWHERE.iter().copied().collect();
    let no_input: BTreeMap<&str, &str> = NO_INPUT_REACHES.iter().copied().collect();
    let param_tests = read("core/tests/param_problems.rs");
    let mut untested = Vec::new();
    for code in ErrorCode::ALL.iter().map(|c| c.code()) {
        let by_a_test = if code.starts_with("params.") {
            quoted(&param_tests, code)
        } else if let Some(file) = elsewhere.get(code) {
            quoted(&read(file), code)
        } else {
            false
        };
        if !(expected.contains(code) || by_a_test || no_input.contains_key(code)) {
            untested.push(code);
        }
    }
    assert!(
        untested.is_empty(),
        "error codes no case or test expects: {untested:?}"
    );
    // The two lists only hold what the corpora cannot expect, and only registered codes.
    for (code, _) in ELSEWHERE.iter().chain(NO_INPUT_REACHES) {
        assert!(ErrorCode::parse(code).is_some(), "{code} is not registered");
        assert!(
            !expected.contains(*code),
            "{code} has a corpus case: take it out of the list"
        );
    }
}

#[test]
fn every_reason_remedy_and_condition_is_expected() {
    let expected = expected_by_the_corpora();
    let reasons = documented("Reasons a request is not eligible");
    assert!(reasons.len() > 20, "{reasons:?}");
    // The refusals of the rules are all documented.
    let refusals = notes("core/src/carte_grise/eligibility.rs", "NOT_");
    let undocumented: Vec<_> = refusals.difference(&reasons).collect();
    assert!(
        undocumented.is_empty(),
        "reasons not in docs/errors.md: {undocumented:?}"
    );
    let mut expected = expected;
    for (code, file) in REASONS_ELSEWHERE {
        assert!(quoted(&read(file), code), "{file} does not expect {code}");
        expected.insert((*code).to_owned());
    }
    let unexpected = missing(&reasons, &expected);
    assert!(
        unexpected.is_empty(),
        "reasons no case expects: {unexpected:?}"
    );
    let remedies = notes("core/src/carte_grise/eligibility.rs", "FIX_");
    let conditions = notes("core/src/carte_grise/eligibility.rs", "COND_");
    assert!(remedies.len() > 10 && conditions.len() > 5);
    let unexpected = missing(remedies.iter().chain(&conditions), &expected);
    assert!(
        unexpected.is_empty(),
        "remedies or conditions no case expects: {unexpected:?}"
    );
}

#[test]
fn every_unknown_reason_and_warning_is_expected() {
    let expected = expected_by_the_corpora();
    let codes = documented("Why a total is unknown, and warnings");
    for want in [
        "fees.y1.unknown_rate",
        "sources.later_only",
        "parameters.after_review",
    ] {
        assert!(
            codes.contains(want),
            "{want} not read from docs/errors.md: {codes:?}"
        );
    }
    let unexpected = missing(&codes, &expected);
    assert!(
        unexpected.is_empty(),
        "codes no case expects: {unexpected:?}"
    );
}

#[test]
fn every_rule_of_the_trace_is_expected() {
    let expected = expected_by_the_corpora();
    let rules = trace_rules();
    for want in ["plate.system", "fees.y1.regional_rate", "cmi.fee"] {
        assert!(
            rules.contains(want),
            "{want} not read from the sources: {rules:?}"
        );
    }
    let unexpected = missing(&rules, &expected);
    assert!(
        unexpected.is_empty(),
        "trace rules no case expects (trace_rules): {unexpected:?}"
    );
}

#[test]
fn the_scans_can_fail() {
    // A code nobody expects is reported; the readers find what they should.
    let expected = expected_by_the_corpora();
    assert!(!expected.contains("plate.no_such_code"));
    assert_eq!(
        missing(&["plate.no_such_code".to_owned()], &expected),
        ["plate.no_such_code"]
    );
    assert!(expected.contains("applicant.lessee_without_leasing"));
    assert!(
        notes("core/src/carte_grise/eligibility.rs", "NOT_")
            .contains("applicant.professional_never")
    );
    assert!(quoted("x \"params.gap\" y", "params.gap") && !quoted("params.gaps", "params.gap"));
}
