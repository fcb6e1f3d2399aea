//! Property tests: no input, however malformed, makes the engine panic, and the results keep their
//! invariants over random dates, departments, vehicles and registration numbers.

use chrono::{Days, NaiveDate};
use duplicata_core::department::DEPARTMENT_CODES;
use duplicata_core::{Department, Engine, FeeQuery, LineCode, Money, parse_plate};
use proptest::prelude::*;

fn engine() -> Engine {
    Engine::embedded().expect("engine")
}

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2009, 4, 15).expect("date") + Days::new(u64::from(offset))
}

const CATEGORIES: [&str; 7] = [
    "car",
    "utility",
    "motorhome",
    "motorcycle",
    "motorcycle_le_125",
    "moped_le_50",
    "other",
];
const ENERGIES: [&str; 9] = [
    "petrol", "diesel", "electric", "hydrogen", "hybrid", "lpg", "cng", "e85", "other",
];
const PLATES: [&str; 6] = [
    "AB-123-CD",
    "ab123cd",
    "123 AB 45",
    "1234 ABC 75",
    "W-123-AB",
    "ZZ 999 Z",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plate_parsing_never_panics_and_is_idempotent(s in "\\PC{0,40}") {
        if let Ok(p) = parse_plate(&s) {
            let again = parse_plate(p.normalized()).expect("a normalised number reads again");
            prop_assert_eq!(again, p);
        }
    }

    #[test]
    fn plate_like_input_never_panics(s in "[A-Za-z0-9 -]{0,14}") {
        let _ = parse_plate(&s);
    }

    #[test]
    fn json_requests_never_panic(s in "\\PC{0,200}") {
        let _ = engine().evaluate_json(&s);
    }

    #[test]
    fn requests_keep_their_invariants(
        offset in 0u32..6800,
        dept in 0usize..DEPARTMENT_CODES.len(),
        cat in 0usize..CATEGORIES.len(),
        energy in 0usize..ENERGIES.len(),
        plate in 0usize..PLATES.len(),
        address in any::<bool>(),
    ) {
        let date = day(offset);
        let category = if PLATES[plate] == "ZZ 999 Z" { "moped_le_50" } else { CATEGORIES[cat] };
        let request = format!(
            r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss","change_of_address":{address},
                "holder":{{"department":"{}"}},"vehicle":{{"plate":"{}","category":"{category}","energy":"{}"}}}}"#,
            DEPARTMENT_CODES[dept], PLATES[plate], ENERGIES[energy]
        );
        let e = engine();
        let d = e.evaluate_json(&request).expect("a well-formed request is decided");
        let fees = d.fees.expect("fees");
        // The total is the sum of the lines, or unknown when a line is.
        let sum = fees.lines.iter().try_fold(Money::ZERO, |acc, l| l.amount.map(|a| acc + a));
        prop_assert_eq!(fees.total, sum);
        // Y1 and Y4 are whole euros; Y2 and Y3 are never due on a duplicata.
        for l in &fees.lines {
            if let Some(a) = l.amount {
                prop_assert!(a >= Money::ZERO);
                if matches!(l.code, LineCode::Y1 | LineCode::Y4) {
                    prop_assert_eq!(a.cents() % 100, 0);
                }
            }
        }
        prop_assert_eq!(fees.line(LineCode::Y2).amount, Some(Money::ZERO));
        prop_assert_eq!(fees.line(LineCode::Y3).amount, Some(Money::ZERO));
        // From 2022 a duplicata pays no regional tax anywhere.
        if date >= NaiveDate::from_ymd_opt(2022, 1, 1).expect("date") {
            prop_assert_eq!(fees.line(LineCode::Y1).amount, Some(Money::ZERO));
        }
        // The fast path gives the same fees as the full evaluation.
        let plate_system = parse_plate(PLATES[plate]).expect("plate").system;
        let q = FeeQuery {
            date,
            department: Some(Department::parse(DEPARTMENT_CODES[dept]).expect("dept")),
            plate: plate_system,
            category: serde_json::from_value(serde_json::json!(category)).expect("category"),
            energy: serde_json::from_value(serde_json::json!(ENERGIES[energy])).expect("energy"),
            change_of_address: address,
            natural_disaster: false,
        };
        prop_assert_eq!(e.fees(&q).expect("fees"), fees);
        // The rate lookup answers for every department and day.
        let rate = e.rate(q.department.expect("dept"), date).expect("rate");
        prop_assert!(rate.status == "known" || rate.unknown_reason.is_some());
    }
}
