//! Evaluates a JSON request read from a file (or standard input) and prints the decision.
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let engine = duplicata_core::Engine::embedded()?;
    match engine.evaluate_json(&text) {
        Ok(decision) => println!("{}", decision.to_json_pretty()),
        Err(e) => println!("{}", e.to_json()),
    }
    Ok(())
}
