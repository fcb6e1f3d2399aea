//! `Engine::evaluate` in a loop, for counting its instructions under Valgrind (never run by the
//! tests). A count does not move with the machine's load: run N and N + 10 000 calls and take
//! the difference per call, so the engine's creation drops out.
//!
//! ```sh
//! cargo bench -p duplicata-core --bench evaluate_instructions --no-run
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/evaluate_instructions-* 20000
//! ```
//!
//! The request is the criterion benchmark's "evaluate (typed request)": the duplicate of a lost
//! carte grise of an SIV petrol car of department 33, on 2019-06-01.

use std::hint::black_box;

use duplicata_core::{Category, Energy, Engine, Reason, Request};

fn main() {
    let calls: u64 = std::env::args()
        .skip(1)
        .find(|a| a != "--bench")
        .map_or(10_000, |n| n.parse().expect("a number of calls"));
    let engine = Engine::embedded().expect("engine");
    let request = Request::carte_grise(
        "2019-06-01".parse().expect("date"),
        Reason::Loss,
        "33",
        "AB-123-CD",
        Category::Car,
        Energy::Petrol,
    );
    let mut entries = 0usize;
    for _ in 0..calls {
        let decision = engine.evaluate(black_box(&request));
        match black_box(&decision) {
            Ok(d) => entries += d.trace.len(),
            Err(e) => panic!("{e}"),
        }
    }
    println!("{entries}");
}
