//! Any text as a date: the command line's strict reader (exactly YYYY-MM-DD, a real day) accepts
//! exactly the dates that print back as the same text; the engine answers a request or a rate on
//! that text or date without panicking.
#![no_main]

use std::sync::LazyLock;

use duplicata_core::{Department, Engine};
use libfuzzer_sys::fuzz_target;

#[path = "../../cli/src/date.rs"]
#[allow(dead_code, unreachable_pub)]
mod date;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::embedded().expect("embedded parameters"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match date::parse_date(text, "date") {
        Ok(d) => {
            assert_eq!(d.format("%Y-%m-%d").to_string(), text, "strict round trip");
            for dept in ["33", "75", "2A", "976"] {
                let dept = Department::parse(dept).expect("department");
                let _ = ENGINE.rate(dept, d);
            }
        }
        Err(e) => {
            assert_eq!(e.code(), "request.invalid_date");
            assert_eq!(e.field(), Some("date"));
            assert!(!e.message_fr().contains('\n'), "one line");
        }
    }
    // The same text as the date of a request (the core's reader).
    let quoted = serde_json::to_string(text).expect("string");
    let request = format!(
        r#"{{"procedure":"carte_grise_duplicata","date":{quoted},"reason":"loss","holder":{{"department":"33"}},"vehicle":{{"plate":"AB-123-CD","category":"car","energy":"petrol"}}}}"#
    );
    if let Ok(d) = ENGINE.evaluate_json(&request) {
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).expect("decision is JSON");
        assert!(v["date"].is_string());
    }
});
