//! Any text as a registration number: `parse_plate` reads it or refuses it with a `plate.*` code,
//! never panics, and what it reads it reads again the same from its normalized form.
#![no_main]

use duplicata_core::parse_plate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_plate(text) {
        Ok(p) => {
            let again = parse_plate(p.normalized()).expect("the normalized form reads again");
            assert_eq!(again.normalized(), p.normalized());
            assert_eq!(again.system, p.system);
            assert!(
                p.normalized().len() <= 15,
                "fits the C struct: {}",
                p.normalized()
            );
        }
        Err(e) => assert!(e.code().starts_with("plate."), "{}", e.code()),
    }
});
