//! The plain parts of a decision that rule modules fill in: eligibility, validity items, the
//! procedure's channel and steps, the CMI outcome.

use serde::Serialize;

pub(crate) use crate::carte_grise::eras::Period;
use crate::contract::request::{Applicant, CmiTitle};
use crate::explain::notes::Note;
use crate::model::money::{Confidence, Money};

/// A duration attached to a validity rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Duration {
    /// How many units.
    pub amount: u32,
    /// The unit of `amount`.
    pub unit: DurationUnit,
}

/// The unit of a [`Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// A validity or timing rule that applies to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ValidityItem {
    /// Stable code of the rule (as in the JSON contract).
    pub code: &'static str,
    /// The rule in French.
    pub label_fr: &'static str,
    /// The rule in English.
    pub label_en: &'static str,
    /// The duration the rule sets, if it sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    /// The text the rule comes from (article, fiche, date).
    pub source: &'static str,
    /// The period in which the item applies, and the source that dates it (shared, not copied).
    pub period: &'static Period,
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
    /// Stable code of the step.
    pub code: &'static str,
    /// The step in French.
    pub label_fr: &'static str,
    /// The step in English.
    pub label_en: &'static str,
}

/// The procedure that applies on the request's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcedureInfo {
    /// Name of the procedure that applies (`carte_grise_duplicata_online`, `…_prefecture`, `cmi_portal`).
    pub kind: &'static str,
    /// How the request is filed on that date.
    pub channel: Channel,
    /// The request is held until the CERT has reviewed the theft declaration (seed guide of ANTS).
    pub held_for_review: bool,
    /// Accepted means of payment, by contract name.
    pub payment_means: &'static [&'static str],
    /// The steps of the procedure, in order.
    pub steps: &'static [Step],
    /// What the applicant receives (file number, receipt, provisional certificate, duplicata…).
    pub end_products: &'static [Step],
    /// The text the procedure comes from.
    pub source: &'static str,
}

/// The answer on eligibility.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligibility {
    /// The request may be filed by this applicant on this date.
    pub eligible: bool,
    /// Who files the request, as the request states it.
    pub applicant: Applicant,
    /// How sure the answer is (the lowest confidence of the rules and values used).
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
    /// The title the request concerns, if one was selected and found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<CmiTitle>,
    /// What the request does to the titles (revocation of the initial title, new card…).
    pub effects: Vec<&'static Note>,
    /// The fee, if known.
    pub fee: Option<Money>,
    /// How sure the fee is.
    pub fee_confidence: Confidence,
    /// The source of the fee (or why it is not known).
    pub fee_source: String,
}

contract_names!(DurationUnit { Month => "month", Year => "year" });
contract_names!(Channel { Prefecture => "prefecture", Online => "online" });
