//! Any text as a JSON request: `Engine::evaluate_json` answers a decision or an error, never panics,
//! and both print as JSON that reads back.
#![no_main]

use std::sync::LazyLock;

use duplicata_core::Engine;
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::embedded().expect("embedded parameters"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ENGINE.evaluate_json(text) {
        Ok(d) => {
            let json = d.to_json();
            let v: serde_json::Value = serde_json::from_str(&json).expect("decision is JSON");
            assert!(v.is_object(), "decision is an object: {json}");
            let pretty = d.to_json_pretty();
            let p: serde_json::Value = serde_json::from_str(&pretty).expect("pretty is JSON");
            assert_eq!(v, p, "compact and pretty decisions agree");
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(!e.message_fr().is_empty() && !e.message_en().is_empty());
            let v: serde_json::Value = serde_json::from_str(&e.to_json()).expect("error is JSON");
            assert_eq!(v["error"]["code"], e.code());
        }
    }
});
