//! The procedures as pure state machines. The host stores the [`ProcedureState`] (plain JSON); the
//! engine says which events may happen next ([`ProcedureState::allowed_events`]) and applies one
//! ([`apply`]), returning a new state. An event that is not allowed is an error that leaves the
//! state as it was and lists the allowed events.
//!
//! Three machines, chosen from the request's date and procedure:
//! - `carte_grise_online` (from 2017-11-06; ANTS guide "Téléprocédure : demande de duplicata"):
//!   conditions, request, for a theft not yet recorded in the SIV the CERT review loop (declaration
//!   sent, rejected with a message, answered and sent again, accepted), payment, which only counts
//!   once recorded, then the file number, the acknowledgement and the CPI (1 month, France only).
//! - `carte_grise_prefecture` (2009-04-15 to 2017-11-05; interieur.gouv.fr 2011-03-03): loss declared
//!   and duplicata asked at the same time, at a counter or by post (only part 1 of the declaration
//!   comes back by post, and the applicant may drive only once it has), payment means of the time.
//! - `cmi_portal` (Imprimerie Nationale CMI portal guide): terms, choice, title, confirmation,
//!   address, payment, summary, attestation (3 months).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contract::request::{ProcedureKind, Request};
use crate::error::{Error, ErrorKind};
use crate::params::ParameterSet;

mod cmi_portal;
mod event;
mod online;
mod prefecture;

pub use event::Event;

/// Which machine a state belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Machine {
    /// The ANTS online service (from 2017-11-06).
    CarteGriseOnline,
    /// The prefecture counter or the post (2009-04-15 to 2017-11-05).
    CarteGrisePrefecture,
    /// The Imprimerie Nationale CMI portal.
    CmiPortal,
}

/// Where a procedure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    // carte_grise_online
    /// Not started yet (every machine).
    Start,
    /// Online: signed in to the applicant's space; the request comes next.
    SignedIn,
    /// Online: the request is entered; the legal conditions are to be ticked.
    RequestEntered,
    /// A state saved before the seed's order was followed (conditions ticked first).
    ConditionsAccepted,
    /// Online: a theft not yet recorded in the SIV; the declaration is to be sent to the CERT.
    AwaitingDeclaration,
    /// Online: the CERT is reviewing the theft declaration.
    UnderReview,
    /// Online: the CERT rejected the declaration with a message; the applicant answers.
    DeclarationRejected,
    /// Online and CMI portal: the request may be paid.
    ReadyToPay,
    /// Online: paid, waiting for the payment to be recorded.
    PaymentPending,
    /// Done (every machine): no event is allowed any more.
    Completed,
    // carte_grise_prefecture
    /// Prefecture: declared and asked at the counter; the fee is to be paid.
    AwaitingPayment,
    /// Prefecture: sent by post; part 1 of the declaration receipt is to come back.
    AwaitingReceipt,
    /// Prefecture: paid and registered; the duplicata is to be received.
    Registered,
    // cmi_portal
    /// CMI portal: the terms (CGUD) are accepted; the duplicata or second exemplaire is to be chosen.
    TermsAccepted,
    /// CMI portal: the title number (and motive, sworn statement) is to be given.
    ChoosingTitle,
    /// CMI portal: the title is to be confirmed or the choice cancelled.
    Confirming,
    /// CMI portal: the delivery address is to be checked.
    CheckingAddress,
    /// CMI portal: paid; the summary comes next.
    Paid,
    /// CMI portal: the summary is shown; the attestation is to be downloaded.
    Summary,
}

/// A counter or a postal application (prefecture era).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingChannel {
    /// At a prefecture or sous-préfecture counter.
    Counter,
    /// By post to the prefecture.
    Post,
}

/// Payment means of the prefecture era (interieur.gouv.fr 2011-03-03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMeans {
    /// Cash (espèces).
    Cash,
    /// Cheque (chèque).
    Cheque,
    /// Bank card (carte bancaire), the only means online.
    BankCard,
}

/// A message of the review loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewMessage {
    /// `reviewer` (the CERT) or `applicant`.
    pub from: String,
    /// The message as written.
    pub text: String,
}

/// The state of a procedure: everything needed to resume it in another process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureState {
    /// Which machine the state belongs to.
    pub machine: Machine,
    /// Where the procedure stands.
    pub step: Step,
    /// The request the procedure was started from.
    pub request: Request,
    /// The events applied so far, by name.
    #[serde(default)]
    pub history: Vec<String>,
    /// The review loop's messages (CERT and applicant).
    #[serde(default)]
    pub messages: Vec<ReviewMessage>,
    /// How many times the theft declaration was sent.
    #[serde(default)]
    pub declarations_sent: u32,
    /// Prefecture: how the request was filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<FilingChannel>,
    /// How the fee was paid, once paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_means: Option<PaymentMeans>,
    /// The payment counts only once recorded.
    #[serde(default)]
    pub payment_recorded: bool,
    /// The file number, once the online payment is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_number: Option<String>,
    /// The applicant may drive (CPI, or part 1 of the declaration receipt).
    #[serde(default)]
    pub may_drive: bool,
    /// Last day of validity of the CPI (valid in France only from 2019-12-19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpi_valid_until: Option<NaiveDate>,
    /// Last day on which the declaration receipt (volet n° 1, or the police receipt of a theft)
    /// allows driving (prefecture era).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration_valid_until: Option<NaiveDate>,
    /// CMI portal: last day of validity of the attestation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_valid_until: Option<NaiveDate>,
    /// The codes of the steps done so far: the steps `evaluate` lists for the same request, in
    /// their order.
    #[serde(default)]
    pub steps_done: Vec<String>,
    /// What the applicant holds at the end.
    #[serde(default)]
    pub end_products: Vec<String>,
}

impl ProcedureState {
    /// The events allowed in this state.
    #[must_use]
    pub fn allowed_events(&self) -> Vec<&'static str> {
        use Machine::*;
        use Step::*;
        match (self.machine, self.step) {
            // Seed 001: sign in, enter the request, then tick the conditions before validating.
            (CarteGriseOnline, Start) => vec!["sign_in"],
            (CarteGriseOnline, SignedIn | ConditionsAccepted) => vec!["enter_request"],
            (CarteGriseOnline, RequestEntered) => vec!["accept_conditions"],
            (CarteGriseOnline, AwaitingDeclaration) => vec!["send_declaration"],
            (CarteGriseOnline, UnderReview) => vec!["reviewer_reject", "reviewer_accept"],
            (CarteGriseOnline, DeclarationRejected) => vec!["answer"],
            (CarteGriseOnline, ReadyToPay) => vec!["pay"],
            (CarteGriseOnline, PaymentPending) => vec!["record_payment"],
            (CarteGrisePrefecture, Start) => vec!["declare_and_request"],
            (CarteGrisePrefecture, AwaitingPayment) => vec!["pay"],
            (CarteGrisePrefecture, AwaitingReceipt) => vec!["receive_receipt"],
            (CarteGrisePrefecture, Registered) => vec!["receive_duplicata"],
            (CmiPortal, Start) => vec!["accept_terms"],
            (CmiPortal, TermsAccepted) => vec!["choose"],
            (CmiPortal, ChoosingTitle) => vec!["submit_title"],
            (CmiPortal, Confirming) => vec!["confirm", "cancel"],
            (CmiPortal, CheckingAddress) => vec!["confirm_address"],
            (CmiPortal, ReadyToPay) => vec!["pay", "back"],
            (CmiPortal, Paid) => vec!["continue"],
            (CmiPortal, Summary) => vec!["download_attestation"],
            _ => Vec::new(),
        }
    }

    /// The state as JSON text.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Starts the procedure that applies to the request on its date.
///
/// # Errors
///
/// `request.date_out_of_range`, or `request.missing_field` (`reason`, `cmi`) for a request no
/// procedure can start from.
pub(crate) fn start(params: &ParameterSet, request: &Request) -> Result<ProcedureState, Error> {
    if request.date < params.dates.siv_start.date {
        return Err(crate::carte_grise::fees::out_of_range(
            request.date,
            params.dates.siv_start.date,
        ));
    }
    let machine = match request.procedure {
        ProcedureKind::CarteGriseDuplicata => {
            if request.reason.is_none() {
                return Err(Error::missing_field("reason"));
            }
            if request.date >= params.dates.online_only_start.date {
                Machine::CarteGriseOnline
            } else {
                Machine::CarteGrisePrefecture
            }
        }
        ProcedureKind::CmiDuplicata | ProcedureKind::CmiSecondExemplaire => {
            if request.cmi.is_none() {
                return Err(Error::missing_field("cmi"));
            }
            Machine::CmiPortal
        }
    };
    Ok(ProcedureState {
        machine,
        step: Step::Start,
        request: request.clone(),
        history: Vec::new(),
        messages: Vec::new(),
        declarations_sent: 0,
        channel: None,
        payment_means: None,
        payment_recorded: false,
        file_number: None,
        may_drive: false,
        cpi_valid_until: None,
        declaration_valid_until: None,
        attestation_valid_until: None,
        steps_done: Vec::new(),
        end_products: Vec::new(),
    })
}

fn not_allowed(state: &ProcedureState, event: &Event) -> Error {
    let allowed = state.allowed_events();
    let list = if allowed.is_empty() {
        "aucun (procédure terminée)".to_owned()
    } else {
        allowed.join(", ")
    };
    let list_en = if allowed.is_empty() {
        "none (procedure completed)".to_owned()
    } else {
        allowed.join(", ")
    };
    Error::new(
        ErrorKind::EventNotAllowed,
        "procedure.event_not_allowed",
        Some("event"),
        format!(
            "événement « {} » impossible à l'étape « {} » ; possibles : {list}",
            event.name(),
            step_name(state.step)
        ),
        format!(
            "event '{}' is not allowed at step '{}'; allowed: {list_en}",
            event.name(),
            step_name(state.step)
        ),
    )
    .with_allowed_events(allowed.into_iter().map(str::to_owned).collect())
}

fn step_name(step: Step) -> String {
    serde_json::to_value(step)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn invalid(code: &'static str, field: &str, fr: &str, en: &str) -> Error {
    Error::new(ErrorKind::EventNotAllowed, code, Some(field), fr, en)
}

/// Applies an event and returns the new state; the given state is never changed.
///
/// # Errors
///
/// `procedure.event_not_allowed` (with the allowed events) or another `procedure.*` / `cmi.*` code
/// when the event's data are refused; the given state is unchanged.
pub(crate) fn apply(
    params: &ParameterSet,
    state: &ProcedureState,
    event: &Event,
) -> Result<ProcedureState, Error> {
    if !state.allowed_events().contains(&event.name()) {
        return Err(not_allowed(state, event));
    }
    let mut next = state.clone();
    match state.machine {
        Machine::CarteGriseOnline => online::apply(params, state, event, &mut next)?,
        Machine::CarteGrisePrefecture => prefecture::apply(params, state, event, &mut next)?,
        Machine::CmiPortal => cmi_portal::apply(params, state, event, &mut next)?,
    }
    steps_of(state, event, &mut next.steps_done);
    next.history.push(event.name().to_owned());
    Ok(next)
}

/// The steps of `evaluate`'s procedure (their codes) that an event completes. The machines and
/// `evaluate` share the step lists of `carte_grise::channel` and `cmi`; a test runs every corpus
/// request through both and compares.
fn steps_of(state: &ProcedureState, event: &Event, done: &mut Vec<String>) {
    use Machine::*;
    let add: &[&str] = match (state.machine, event) {
        (CarteGriseOnline, Event::SignIn) => &["sign_in"],
        (CarteGriseOnline, Event::EnterRequest) => &["start_request"],
        (CarteGriseOnline, Event::AcceptConditions) => &["accept_conditions", "review_summary"],
        (CarteGriseOnline, Event::SendDeclaration) => &["send_declaration"],
        (CarteGriseOnline, Event::ReviewerAccept) => &["cert_review", "resume_from_basket"],
        (CarteGriseOnline | CarteGrisePrefecture | CmiPortal, Event::Pay { .. }) => &["pay"],
        (CarteGriseOnline, Event::RecordPayment { .. }) => &["download"],
        (CarteGrisePrefecture, Event::DeclareAndRequest { channel }) => match channel {
            FilingChannel::Counter => &["declare", "file"],
            // By post the payment goes with the file.
            FilingChannel::Post => &["declare", "file", "pay"],
        },
        (CarteGrisePrefecture, Event::ReceiveDuplicata) => &["receive"],
        (CmiPortal, Event::AcceptTerms) => &["accept_terms"],
        (CmiPortal, Event::Choose { .. }) => &["choose_request"],
        (CmiPortal, Event::SubmitTitle { .. }) => &["select_title"],
        (CmiPortal, Event::Confirm) => &["confirm"],
        (CmiPortal, Event::ConfirmAddress { .. }) => &["check_address"],
        (CmiPortal, Event::DownloadAttestation { .. }) => &["attestation"],
        (CmiPortal, Event::Cancel) => {
            // Back to the title page: the title is chosen again.
            if let Some(i) = done.iter().position(|c| c == "select_title") {
                done.truncate(i);
            }
            &[]
        }
        (CmiPortal, Event::Back) => {
            if done.last().is_some_and(|c| c == "check_address") {
                done.pop();
            }
            &[]
        }
        _ => &[],
    };
    // A declaration sent again after a rejection is the same step.
    for code in add {
        if !done.iter().any(|c| c == code) {
            done.push((*code).to_owned());
        }
    }
}

/// Checks a date carried by an event: not before the request, not after `until` (the validity
/// that follows the request, when known).
fn check_event_date(
    request: NaiveDate,
    date: NaiveDate,
    until: Option<NaiveDate>,
    what_fr: &str,
    what_en: &str,
) -> Result<(), Error> {
    if date < request {
        return Err(Error::new(
            ErrorKind::EventNotAllowed,
            "procedure.event_date_out_of_range",
            Some("date"),
            format!("{what_fr} ({date}) ne peut pas précéder la demande ({request})"),
            format!("{what_en} ({date}) cannot precede the request ({request})"),
        ));
    }
    if let Some(limit) = until.filter(|l| date > *l) {
        return Err(Error::new(
            ErrorKind::EventNotAllowed,
            "procedure.event_date_out_of_range",
            Some("date"),
            format!(
                "{what_fr} ({date}) est postérieure à la fin de validité qui suit la demande ({limit})"
            ),
            format!(
                "{what_en} ({date}) is later than the validity that follows the request ({limit})"
            ),
        ));
    }
    Ok(())
}

contract_names!(Machine {
    CarteGriseOnline => "carte_grise_online",
    CarteGrisePrefecture => "carte_grise_prefecture",
    CmiPortal => "cmi_portal",
});
contract_names!(FilingChannel { Counter => "counter", Post => "post" });
contract_names!(PaymentMeans { Cash => "cash", Cheque => "cheque", BankCard => "bank_card" });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::request::{Category, Energy, Reason, Theft};

    fn params() -> ParameterSet {
        ParameterSet::embedded().expect("embedded")
    }

    fn theft_request(date: &str) -> Request {
        let mut r = Request::carte_grise(
            date.parse().expect("date"),
            Reason::Theft,
            "33",
            "AB-123-CD",
            Category::Car,
            Energy::Petrol,
        );
        r.theft = Some(Theft {
            declared: true,
            ..Theft::default()
        });
        r
    }

    fn ev(json: &str) -> Event {
        serde_json::from_str(json).expect("event")
    }

    #[test]
    fn seed_001_review_loop_runs_to_the_cpi() {
        let p = params();
        let mut s = start(&p, &theft_request("2019-03-12")).expect("start");
        assert_eq!(s.machine, Machine::CarteGriseOnline);
        for e in [
            r#"{"event":"sign_in"}"#,
            r#"{"event":"enter_request"}"#,
            r#"{"event":"send_declaration"}"#,
            r#"{"event":"reviewer_reject","message":"pièce jointe illisible"}"#,
            r#"{"event":"answer","message":"nouvelle copie lisible"}"#,
            r#"{"event":"reviewer_accept"}"#,
            r#"{"event":"pay"}"#,
        ] {
            s = apply(&p, &s, &ev(e)).unwrap_or_else(|err| panic!("{e}: {err}"));
        }
        assert_eq!(s.step, Step::PaymentPending);
        assert!(!s.payment_recorded, "the payment counts only once recorded");
        s = apply(
            &p,
            &s,
            &ev(r#"{"event":"record_payment","date":"2019-03-20"}"#),
        )
        .expect("record");
        assert_eq!(s.step, Step::Completed);
        assert_eq!(s.declarations_sent, 2);
        assert_eq!(s.messages.len(), 2);
        assert_eq!(s.cpi_valid_until, Some("2019-04-20".parse().expect("date")));
        assert_eq!(
            s.end_products,
            vec!["file_number", "acknowledgement", "cpi"]
        );
        assert!(
            s.file_number
                .as_deref()
                .is_some_and(|n| n.starts_with("DUP-20190320-"))
        );
        // A saved state resumes in another process.
        let again: ProcedureState = serde_json::from_str(&s.to_json()).expect("round trip");
        assert_eq!(again, s);
    }

    #[test]
    fn payment_before_review_is_refused_and_state_unchanged() {
        let p = params();
        let mut s = start(&p, &theft_request("2019-03-12")).expect("start");
        for e in [
            r#"{"event":"sign_in"}"#,
            r#"{"event":"enter_request"}"#,
            r#"{"event":"send_declaration"}"#,
        ] {
            s = apply(&p, &s, &ev(e)).expect("event");
        }
        let before = s.clone();
        let err = apply(&p, &s, &ev(r#"{"event":"pay"}"#)).expect_err("pay during review");
        assert_eq!(err.code(), "procedure.event_not_allowed");
        assert_eq!(err.allowed_events(), ["reviewer_reject", "reviewer_accept"]);
        assert_eq!(s, before);
    }

    #[test]
    fn theft_recorded_in_siv_skips_the_review() {
        let p = params();
        let mut r = theft_request("2022-01-10");
        r.theft = Some(Theft {
            declared: true,
            recorded_in_siv: true,
            ..Theft::default()
        });
        let mut s = start(&p, &r).expect("start");
        s = apply(&p, &s, &ev(r#"{"event":"sign_in"}"#)).expect("sign in");
        s = apply(&p, &s, &ev(r#"{"event":"enter_request"}"#)).expect("request");
        s = apply(&p, &s, &ev(r#"{"event":"accept_conditions"}"#)).expect("conditions");
        assert_eq!(s.step, Step::ReadyToPay);
    }

    #[test]
    fn prefecture_by_post_allows_driving_only_once_part_1_is_back() {
        let p = params();
        let mut r = theft_request("2011-05-02");
        r.reason = Some(Reason::Loss);
        let mut s = start(&p, &r).expect("start");
        assert_eq!(s.machine, Machine::CarteGrisePrefecture);
        s = apply(
            &p,
            &s,
            &ev(r#"{"event":"declare_and_request","channel":"post"}"#),
        )
        .expect("post");
        assert!(!s.may_drive);
        assert_eq!(s.allowed_events(), ["receive_receipt"]);
        s = apply(&p, &s, &ev(r#"{"event":"receive_receipt"}"#)).expect("receipt");
        assert!(s.may_drive);
        s = apply(&p, &s, &ev(r#"{"event":"receive_duplicata"}"#)).expect("duplicata");
        assert_eq!(s.step, Step::Completed);
    }

    #[test]
    fn prefecture_counter_takes_the_means_of_the_time() {
        let p = params();
        let mut r = theft_request("2011-05-02");
        r.reason = Some(Reason::Loss);
        let mut s = start(&p, &r).expect("start");
        s = apply(
            &p,
            &s,
            &ev(r#"{"event":"declare_and_request","channel":"counter"}"#),
        )
        .expect("counter");
        assert!(
            s.may_drive,
            "part 1 of the receipt is handed over at the counter"
        );
        let e = apply(&p, &s, &ev(r#"{"event":"pay"}"#)).expect_err("no means");
        assert_eq!(e.code(), "procedure.payment_means_missing");
        s = apply(&p, &s, &ev(r#"{"event":"pay","means":"cheque"}"#)).expect("cheque");
        assert_eq!(s.payment_means, Some(PaymentMeans::Cheque));
    }

    #[test]
    fn online_refuses_cash() {
        let p = params();
        let mut r = theft_request("2022-01-10");
        r.reason = Some(Reason::Loss);
        let mut s = start(&p, &r).expect("start");
        s = apply(&p, &s, &ev(r#"{"event":"sign_in"}"#)).expect("sign in");
        s = apply(&p, &s, &ev(r#"{"event":"enter_request"}"#)).expect("request");
        s = apply(&p, &s, &ev(r#"{"event":"accept_conditions"}"#)).expect("conditions");
        let e = apply(&p, &s, &ev(r#"{"event":"pay","means":"cash"}"#)).expect_err("cash online");
        assert_eq!(e.code(), "procedure.payment_means_not_accepted");
    }
}
