//! Coded messages in both languages, each with its source.

use serde::Serialize;

/// A coded message in both languages, with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Note {
    pub code: &'static str,
    pub message_fr: &'static str,
    pub message_en: &'static str,
    pub source: &'static str,
}
