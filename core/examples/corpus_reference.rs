//! The reference answers: what the core itself answers for every case of the conformance corpus.
//! Every surface (C, Python, WebAssembly) compares its own output with these bytes; only the core's
//! conformance test (`core/tests/conformance.rs`) interprets a case's `expect`.
//!
//! usage: corpus_reference CASES_DIR REQUEST_DIR EXPECTED_DIR
//!
//! Writes each case's `request` as compact JSON to `REQUEST_DIR/NAME.json` and the core's answer
//! (`Decision::to_json`, or `Error::to_json` for a refused request) to `EXPECTED_DIR/NAME.json`.
//! A surface runs the same request files and compares its answers byte for byte.

use std::path::{Path, PathBuf};

use duplicata_core::Engine;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, cases, requests, expected] = args.as_slice() else {
        return Err("usage: corpus_reference CASES_DIR REQUEST_DIR EXPECTED_DIR".into());
    };
    let engine = Engine::embedded()?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in &paths {
        let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
        let request = serde_json::to_string(&case["request"])?;
        let answer = match engine.evaluate_json(&request) {
            Ok(decision) => decision.to_json(),
            Err(e) => e.to_json(),
        };
        let name = path.file_name().ok_or("case without a name")?;
        std::fs::write(Path::new(requests).join(name), &request)?;
        std::fs::write(Path::new(expected).join(name), answer)?;
    }
    println!("{} cases", paths.len());
    Ok(())
}
