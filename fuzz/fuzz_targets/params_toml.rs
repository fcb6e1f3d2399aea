//! Any text as a parameter file: `ParameterSet::from_toml` loads it or lists its problems (each with
//! a `params.*` code), never panics; a set it loads gives an engine that answers a request.
#![no_main]

use duplicata_core::{Engine, ParameterSet};
use libfuzzer_sys::fuzz_target;

const REQUEST: &str = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss","holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ParameterSet::from_toml(text) {
        Ok(p) => {
            let engine = Engine::new(p);
            let _ = engine.evaluate_json(REQUEST);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            for p in e.problems() {
                assert!(p.code.starts_with("params."), "{}", p.code);
            }
            let _ = e.to_json();
        }
    }
});
