//! Coded messages in both languages, each with its source.

use serde::Serialize;

/// A coded message in both languages, with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Stable code of the message (`sources.later_only`, …).
    pub code: &'static str,
    /// The message in French.
    pub message_fr: &'static str,
    /// The message in English.
    pub message_en: &'static str,
    /// The text the message rests on (empty when it rests on the parameters).
    pub source: &'static str,
}
