//! The plain parts of a decision that rule modules fill in: eligibility, validity items, the
//! procedure's channel and steps, the CMI outcome.

use serde::Serialize;

pub use crate::carte_grise::eras::Period;
use crate::contract::request::{Applicant, CmiTitle};
use crate::explain::notes::Note;
use crate::model::money::{Confidence, Money};

/// A duration attached to a validity rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Month,
    Year,
}

/// A validity or timing rule that applies to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ValidityItem {
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    pub source: &'static str,
    /// The period in which the item applies, and the source that dates it.
    pub period: Period,
}

/// How the request is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Prefecture or sous-préfecture counter of the holder's choice, or by post (until 2017-11-05).
    Prefecture,
    /// ANTS online service only (from 2017-11-06).
    Online,
}

/// One step of the procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
}

/// The procedure that applies on the request's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcedureInfo {
    pub kind: &'static str,
    pub channel: Channel,
    /// The request is held until the CERT has reviewed the theft declaration (seed guide of ANTS).
    pub held_for_review: bool,
    pub payment_means: &'static [&'static str],
    pub steps: &'static [Step],
    pub end_products: &'static [Step],
    pub source: &'static str,
}

/// The answer on eligibility.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligibility {
    pub eligible: bool,
    pub applicant: Applicant,
    pub confidence: Confidence,
    /// Why the request is not eligible (empty when it is).
    pub reasons: Vec<&'static Note>,
    /// What would make it eligible.
    pub remedies: Vec<&'static Note>,
    /// Who may file a request for this certificate.
    pub who_may_apply: Vec<&'static Note>,
    /// Facts the request does not state and on which the answer depends: the request is eligible
    /// provided each holds (each also listed in the documents).
    pub conditions: Vec<&'static Note>,
}

/// What the CMI request leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CmiOutcome {
    /// The titles the portal lists for this request.
    pub listed_titles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<CmiTitle>,
    pub effects: Vec<&'static Note>,
    /// The fee, if known.
    pub fee: Option<Money>,
    pub fee_confidence: Confidence,
    pub fee_source: String,
}

contract_names!(DurationUnit { Month => "month", Year => "year" });
contract_names!(Channel { Prefecture => "prefecture", Online => "online" });
