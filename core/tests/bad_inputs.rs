//! The bad-input corpus (`tests/bad-inputs/`, its README says the format): every hostile request
//! gets its error code and field, with a French message free of the JSON parser's English.

use std::path::{Path, PathBuf};

use duplicata_core::Engine;

/// Words of serde_json's English messages that must not reach a French message.
const ENGLISH: &[&str] = &[
    "EOF",
    "while parsing",
    "expected",
    "invalid type",
    "invalid value",
    "unknown field",
    "missing field",
    "unknown variant",
    " at line ",
    "column",
    "trailing",
    "escape",
    "number out",
    "recursion",
    "integer",
    "string",
    "boolean",
    "sequence",
];

struct Case {
    file: PathBuf,
    code: String,
    /// `None` for no field; `Some("*")` for any (where a parser stopped).
    field: Option<String>,
}

fn corpus() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs");
    let mut out = Vec::new();
    for part in ["generated", "hand"] {
        let tsv = std::fs::read_to_string(root.join(part).join("expected.tsv")).expect("tsv");
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{line}");
            out.push(Case {
                file: root.join(cols[0]),
                code: cols[1].to_owned(),
                field: (cols[2] != "-").then(|| cols[2].to_owned()),
            });
        }
    }
    out
}

#[test]
fn every_bad_input_gets_its_code_and_field() {
    let engine = Engine::embedded().expect("engine");
    let cases = corpus();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let bytes = std::fs::read(&case.file).expect("case file");
        let name = case.file.file_name().unwrap_or_default().to_string_lossy();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            // Text surfaces cannot be given these bytes; the byte surfaces (CLI, C) check them.
            assert_eq!(case.code, "not-utf8", "{name}");
            continue;
        };
        let expected = if case.code == "nul-byte" {
            "request.invalid_json"
        } else {
            case.code.as_str()
        };
        assert_ne!(expected, "not-utf8", "{name} is UTF-8");
        match engine.evaluate_json(text) {
            Ok(d) => wrong.push(format!("{name}: accepted (date {})", d.date)),
            Err(e) => {
                let field_ok = case.field.as_deref() == Some("*")
                    || e.field().map(str::to_owned) == case.field;
                if e.code() != expected || !field_ok {
                    wrong.push(format!(
                        "{name}: got {} {:?}, expected {expected} {:?} ({})",
                        e.code(),
                        e.field(),
                        case.field,
                        e.message_en()
                    ));
                }
                let fr = e.message_fr();
                if let Some(w) = ENGLISH.iter().find(|w| fr.contains(*w)) {
                    wrong.push(format!("{name}: French message with '{w}': {fr}"));
                }
                if fr.is_empty() || e.message_en().is_empty() || fr.contains('\n') {
                    wrong.push(format!("{name}: messages empty or over one line"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
