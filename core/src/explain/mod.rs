//! What explains a decision: the trace of rules applied, coded notes in both languages, and the
//! sources they cite.

pub mod era;
pub(crate) mod notes;
pub(crate) mod trace;
