//! The bad-input corpus (`tests/bad-inputs/`) through `duplicata evaluate FILE --json`: exit 2,
//! the error's code and field on stdout, a French message free of the JSON parser's English, and
//! nothing written but the error.

#[path = "../../tests/bad-inputs/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;

#[test]
fn every_bad_input_gets_its_code_and_field() {
    let cases = corpus::cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs"));
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case.name();
        let o = Command::new(env!("CARGO_BIN_EXE_duplicata"))
            .args([
                "evaluate".as_ref(),
                case.file.as_os_str(),
                "--json".as_ref(),
            ])
            .output()
            .expect("run duplicata");
        let expected = match case.code.as_str() {
            "not-utf8" | "nul-byte" => "request.invalid_json",
            code => code,
        };
        if o.status.code() != Some(2) {
            wrong.push(format!("{name}: exit {:?}", o.status.code()));
        }
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&o.stdout) else {
            wrong.push(format!("{name}: stdout is not one JSON document"));
            continue;
        };
        let e = &v["error"];
        let (code, field) = (e["code"].as_str(), e["field"].as_str());
        // The command line names its input "input" for bytes that are not UTF-8.
        let field_ok =
            case.field_matches(field) || (case.code == "not-utf8" && field == Some("input"));
        if code != Some(expected) || !field_ok {
            wrong.push(format!(
                "{name}: got {code:?} {field:?}, expected {expected} {:?}",
                case.field
            ));
        }
        let fr = e["message_fr"].as_str().unwrap_or_default();
        if let Some(p) = corpus::french_problem(fr, e["message_en"].as_str().unwrap_or_default()) {
            wrong.push(format!("{name}: {p}"));
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
