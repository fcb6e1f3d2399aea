//! The bad-input corpus (`tests/bad-inputs/`, its README says the format): every hostile request
//! gets its error code and field, with a French message free of the JSON parser's English.

#[path = "../../tests/bad-inputs/corpus.rs"]
mod corpus;

use std::path::Path;

use duplicata_core::Engine;

#[test]
fn every_bad_input_gets_its_code_and_field() {
    let engine = Engine::embedded().expect("engine");
    let cases = corpus::cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs"));
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case.name();
        let bytes = std::fs::read(&case.file).expect("case file");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            // Text surfaces cannot be given these bytes; the byte surfaces (CLI, C) check them.
            assert_eq!(case.code, "not-utf8", "{name}");
            continue;
        };
        let expected = match case.code.as_str() {
            "nul-byte" => "request.invalid_json",
            code => code,
        };
        assert_ne!(expected, "not-utf8", "{name} is UTF-8");
        match engine.evaluate_json(text) {
            Ok(d) => wrong.push(format!("{name}: accepted (date {})", d.date)),
            Err(e) => {
                if e.code() != expected || !case.field_matches(e.field()) {
                    wrong.push(format!(
                        "{name}: got {} {:?}, expected {expected} {:?} ({})",
                        e.code(),
                        e.field(),
                        case.field,
                        e.message_en()
                    ));
                }
                if let Some(p) = corpus::french_problem(e.message_fr(), e.message_en()) {
                    wrong.push(format!("{name}: {p}"));
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
