//! Plain values the rules work on: exact money and confidence, departments, registration numbers.

pub(crate) mod department;
pub(crate) mod money;
pub(crate) mod plate;
