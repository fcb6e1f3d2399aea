//! Dated sources and the last review: how far the sources of a value can be trusted for the date
//! asked. One rule for every subject (fees here; eligibility, documents and validity may call the
//! same functions with the metadata of the values they use).
//!
//! - **Later source.** A value whose cited sources are all dated after the day asked rests on later
//!   sources only ("source postérieure"): its confidence is at most medium.
//! - **After the last review.** For a day after `[parameter_set] reviewed`, a later deliberation
//!   may have changed the values: the confidence is at most medium, and low more than one year
//!   after the review (the limits are computed once, when the parameters are loaded).

use chrono::NaiveDate;

use crate::explain::notes::Note;
use crate::model::money::Confidence;
use crate::params::{MetaId, ParameterSet};

/// Whether every source cited by the value of `meta` is dated after `date` (the value rests on
/// later sources only). A value citing an undated source is never counted as later.
#[must_use]
pub fn only_later_sources(params: &ParameterSet, meta: MetaId, date: NaiveDate) -> bool {
    // An undated source is recorded as `NaiveDate::MIN`: no day is before it.
    params
        .sources_from
        .get(meta as usize)
        .is_some_and(|first| date < *first)
}

/// Whether every source of a comma-separated list of source ids is dated after `date` (the same
/// rule as [`only_later_sources`] for a list written in code). Unknown or undated ids count as
/// not later.
#[must_use]
pub fn ids_only_later(params: &ParameterSet, ids: &str, date: NaiveDate) -> bool {
    let mut any = false;
    for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match params.source(id).and_then(|s| s.date) {
            Some(d) if d > date => any = true,
            _ => return false,
        }
    }
    any
}

/// How long after the last review `date` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAge {
    /// On or before the last review (or no review date recorded).
    Reviewed,
    /// After the review, within one year of it.
    After,
    /// More than one year after the review.
    LongAfter,
}

/// Where `date` stands against the last review of the parameters.
#[must_use]
pub fn review_age(params: &ParameterSet, date: NaiveDate) -> ReviewAge {
    match params.review_limits {
        Some((_, long)) if date >= long => ReviewAge::LongAfter,
        Some((after, _)) if date >= after => ReviewAge::After,
        _ => ReviewAge::Reviewed,
    }
}

/// The highest confidence the review date allows for `date`.
#[must_use]
pub fn review_cap(params: &ParameterSet, date: NaiveDate) -> Confidence {
    match review_age(params, date) {
        ReviewAge::Reviewed => Confidence::High,
        ReviewAge::After => Confidence::Medium,
        ReviewAge::LongAfter => Confidence::Low,
    }
}

/// The confidence of a value of `meta` used for `date`: its own, at most medium when its sources
/// are all later, and within the cap of the last review.
#[must_use]
pub fn dated_confidence(params: &ParameterSet, meta: MetaId, date: NaiveDate) -> Confidence {
    let own = params.meta(meta).confidence;
    let era = if only_later_sources(params, meta, date) {
        own.min(Confidence::Medium)
    } else {
        own
    };
    era.min(review_cap(params, date))
}

/// The warning of a value resting on later sources only.
pub const LATER_SOURCE: Note = Note {
    code: "sources.later_only",
    message_fr: "source postérieure : les seules sources de cette valeur sont postérieures à la date de la demande",
    message_en: "later source: the only sources of this value are later than the request's date",
    source: "",
};

/// The warning of a date after the last review of the parameters.
pub const AFTER_REVIEW: Note = Note {
    code: "parameters.after_review",
    message_fr: "date postérieure à la dernière revue des paramètres : une délibération ultérieure peut modifier ces montants",
    message_en: "date after the last review of the parameters: a later deliberation may change these amounts",
    source: "",
};

/// The warning of a date more than one year after the last review of the parameters.
pub const LONG_AFTER_REVIEW: Note = Note {
    code: "parameters.long_after_review",
    message_fr: "date postérieure de plus d'un an à la dernière revue des paramètres : une délibération ultérieure peut modifier ces montants",
    message_en: "date more than one year after the last review of the parameters: a later deliberation may change these amounts",
    source: "",
};

/// The warning of the review for `date`, if any.
#[must_use]
pub fn review_warning(params: &ParameterSet, date: NaiveDate) -> Option<&'static Note> {
    match review_age(params, date) {
        ReviewAge::Reviewed => None,
        ReviewAge::After => Some(&AFTER_REVIEW),
        ReviewAge::LongAfter => Some(&LONG_AFTER_REVIEW),
    }
}
