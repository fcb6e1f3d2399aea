//! Plain values the rules work on: exact money and confidence, departments, registration numbers.

pub mod department;
pub mod money;
pub mod plate;
