//! The events of the procedures, as plain data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FilingChannel, PaymentMeans};
use crate::cmi::{DeliveryAddress, RevocationMotive};
use crate::contract::request::ProcedureKind;

/// An event, as plain data: `{"event": "reviewer_reject", "message": "pièce illisible"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    // carte_grise_online
    /// Sign in to the applicant's space (online).
    SignIn,
    /// Tick the legal conditions (online).
    AcceptConditions,
    /// Enter the request (online).
    EnterRequest,
    /// Send the theft declaration to the CERT (online, theft not yet in the SIV).
    SendDeclaration,
    /// The CERT rejects the declaration (online).
    ReviewerReject {
        /// The reviewer's message, kept in the state.
        message: String,
    },
    /// The applicant answers a rejection and sends the declaration again (online).
    Answer {
        /// The applicant's message, kept in the state.
        message: String,
    },
    /// The CERT accepts the declaration (online).
    ReviewerAccept,
    /// Pay the fee (online, prefecture and CMI portal).
    Pay {
        /// How: required at the prefecture, bank card only online.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        means: Option<PaymentMeans>,
    },
    /// The payment is recorded (online): the file number and the CPI follow.
    RecordPayment {
        /// The file number the service assigned (a deterministic one when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file_number: Option<String>,
        /// The day of the payment (the request's date when absent), within the CPI validity.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
    // carte_grise_prefecture
    /// Declare the loss or theft and ask for the duplicata at once (prefecture).
    DeclareAndRequest {
        /// At the counter or by post.
        channel: FilingChannel,
    },
    /// Part 1 of the declaration receipt comes back by post (prefecture).
    ReceiveReceipt {
        /// The date on the returned receipt (by post): the volet allows driving from it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
    /// The duplicata is received (prefecture).
    ReceiveDuplicata,
    // cmi_portal
    /// Accept the terms (CGUD) of the portal (CMI portal).
    AcceptTerms,
    /// Choose a duplicata or a second exemplaire (CMI portal).
    Choose {
        /// The procedure chosen (`cmi_duplicata` or `cmi_second_exemplaire`).
        kind: ProcedureKind,
    },
    /// Give the title to replace (CMI portal).
    SubmitTitle {
        /// Number of the title selected.
        title_number: String,
        /// Further titles of the same order, each checked as the first.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        other_title_numbers: Vec<String>,
        /// Duplicata only: why the initial title is revoked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        revocation_motive: Option<RevocationMotive>,
        /// The sworn statement is ticked.
        #[serde(default)]
        sworn_statement: bool,
    },
    /// Confirm the title shown (CMI portal).
    Confirm,
    /// Cancel and choose the title again (CMI portal).
    Cancel,
    /// Confirm the delivery address (CMI portal).
    ConfirmAddress {
        /// The address the card is sent to (checked as in the decision).
        address: DeliveryAddress,
    },
    /// Go back from payment to the address (CMI portal).
    Back,
    /// Go on from payment to the summary (CMI portal).
    Continue,
    /// Download the attestation (CMI portal).
    DownloadAttestation {
        /// The day of the download (the request's date when absent): the attestation's validity runs from it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
}

impl Event {
    /// The event's name as written in JSON.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Event::SignIn => "sign_in",
            Event::AcceptConditions => "accept_conditions",
            Event::EnterRequest => "enter_request",
            Event::SendDeclaration => "send_declaration",
            Event::ReviewerReject { .. } => "reviewer_reject",
            Event::Answer { .. } => "answer",
            Event::ReviewerAccept => "reviewer_accept",
            Event::Pay { .. } => "pay",
            Event::RecordPayment { .. } => "record_payment",
            Event::DeclareAndRequest { .. } => "declare_and_request",
            Event::ReceiveReceipt { .. } => "receive_receipt",
            Event::ReceiveDuplicata => "receive_duplicata",
            Event::AcceptTerms => "accept_terms",
            Event::Choose { .. } => "choose",
            Event::SubmitTitle { .. } => "submit_title",
            Event::Confirm => "confirm",
            Event::Cancel => "cancel",
            Event::ConfirmAddress { .. } => "confirm_address",
            Event::Back => "back",
            Event::Continue => "continue",
            Event::DownloadAttestation { .. } => "download_attestation",
        }
    }
}
