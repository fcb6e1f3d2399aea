//! `Engine::fees` in a loop, for counting its instructions under Valgrind (never run by the
//! tests). A count does not move with the machine's load: run N and N + 100 000 calls and take
//! the difference per call, so the engine's creation drops out.
//!
//! ```sh
//! cargo bench -p duplicata-core --bench fees_instructions --no-run
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/fees_instructions-* 2019-06-01 20000
//! ```
//!
//! The query is the criterion benchmark's: an SIV petrol car of department 33, on the date given
//! (`2019-06-01`, the regional rate; `2023-06-01`, the taxe fixe).

use std::hint::black_box;

use chrono::NaiveDate;
use duplicata_core::{Category, Department, Energy, Engine, FeeQuery, PlateSystem};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let date: NaiveDate = args
        .next()
        .unwrap_or_else(|| "2019-06-01".to_owned())
        .parse()
        .expect("a date, YYYY-MM-DD");
    let calls: u64 = args
        .next()
        .map_or(100_000, |n| n.parse().expect("a number of calls"));
    let engine = Engine::embedded().expect("engine");
    let query = FeeQuery {
        date,
        department: Some(Department::parse("33").expect("33")),
        plate: PlateSystem::Siv,
        category: Category::Car,
        energy: Energy::Petrol,
        change_of_address: false,
        natural_disaster: false,
    };
    let mut cents = 0i64;
    for _ in 0..calls {
        // Read through a reference, as a caller does (`match e.fees(&q) { Ok(f) => … }`): no copy
        // of the answer is counted.
        let fees = engine.fees(black_box(&query));
        match black_box(&fees) {
            Ok(f) => cents += f.total.map_or(0, |m| m.cents()),
            Err(e) => panic!("{e}"),
        }
    }
    println!("{cents}");
}
