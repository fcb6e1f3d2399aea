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

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::cmi::{self, CmiRequest, DeliveryAddress, Mention, RevocationMotive};
use crate::error::{Error, ErrorKind};
use crate::params::ParameterSet;
use crate::request::{ProcedureKind, Reason, Request};

/// Which machine a state belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Machine {
    CarteGriseOnline,
    CarteGrisePrefecture,
    CmiPortal,
}

/// Where a procedure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    // carte_grise_online
    Start,
    ConditionsAccepted,
    AwaitingDeclaration,
    UnderReview,
    DeclarationRejected,
    ReadyToPay,
    PaymentPending,
    Completed,
    // carte_grise_prefecture
    AwaitingPayment,
    AwaitingReceipt,
    Registered,
    // cmi_portal
    TermsAccepted,
    ChoosingTitle,
    Confirming,
    CheckingAddress,
    Paid,
    Summary,
}

/// A counter or a postal application (prefecture era).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingChannel {
    Counter,
    Post,
}

/// Payment means of the prefecture era (interieur.gouv.fr 2011-03-03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMeans {
    Cash,
    Cheque,
    BankCard,
}

/// A message of the review loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewMessage {
    /// `reviewer` (the CERT) or `applicant`.
    pub from: String,
    pub text: String,
}

/// An event, as plain data: `{"event": "reviewer_reject", "message": "pièce illisible"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    // carte_grise_online
    AcceptConditions,
    EnterRequest,
    SendDeclaration,
    ReviewerReject {
        message: String,
    },
    Answer {
        message: String,
    },
    ReviewerAccept,
    Pay {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        means: Option<PaymentMeans>,
    },
    RecordPayment {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
    // carte_grise_prefecture
    DeclareAndRequest {
        channel: FilingChannel,
    },
    ReceiveReceipt,
    ReceiveDuplicata,
    // cmi_portal
    AcceptTerms,
    Choose {
        kind: ProcedureKind,
    },
    SubmitTitle {
        title_number: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        revocation_motive: Option<RevocationMotive>,
        #[serde(default)]
        sworn_statement: bool,
    },
    Confirm,
    Cancel,
    ConfirmAddress {
        address: DeliveryAddress,
    },
    Back,
    Continue,
    DownloadAttestation {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
}

impl Event {
    /// The event's name as written in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Event::AcceptConditions => "accept_conditions",
            Event::EnterRequest => "enter_request",
            Event::SendDeclaration => "send_declaration",
            Event::ReviewerReject { .. } => "reviewer_reject",
            Event::Answer { .. } => "answer",
            Event::ReviewerAccept => "reviewer_accept",
            Event::Pay { .. } => "pay",
            Event::RecordPayment { .. } => "record_payment",
            Event::DeclareAndRequest { .. } => "declare_and_request",
            Event::ReceiveReceipt => "receive_receipt",
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

/// The state of a procedure: everything needed to resume it in another process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureState {
    pub machine: Machine,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<FilingChannel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_means: Option<PaymentMeans>,
    /// The payment counts only once recorded.
    #[serde(default)]
    pub payment_recorded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_number: Option<String>,
    /// The applicant may drive (CPI, or part 1 of the declaration receipt).
    #[serde(default)]
    pub may_drive: bool,
    /// Last day of validity of the CPI (valid in France only from 2019-12-19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpi_valid_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_valid_until: Option<NaiveDate>,
    /// What the applicant holds at the end.
    #[serde(default)]
    pub end_products: Vec<String>,
}

impl ProcedureState {
    /// The events allowed in this state.
    pub fn allowed_events(&self) -> Vec<&'static str> {
        use Machine::*;
        use Step::*;
        match (self.machine, self.step) {
            (CarteGriseOnline, Start) => vec!["accept_conditions"],
            (CarteGriseOnline, ConditionsAccepted) => vec!["enter_request"],
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
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Starts the procedure that applies to the request on its date.
pub fn start(params: &ParameterSet, request: &Request) -> Result<ProcedureState, Error> {
    if request.date < params.dates.siv_start.date {
        return Err(crate::fees::out_of_range(
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
        attestation_valid_until: None,
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
pub fn apply(
    params: &ParameterSet,
    state: &ProcedureState,
    event: &Event,
) -> Result<ProcedureState, Error> {
    use Machine::*;
    use Step::*;
    if !state.allowed_events().contains(&event.name()) {
        return Err(not_allowed(state, event));
    }
    let mut next = state.clone();
    let req = &state.request;
    match (state.machine, state.step, event) {
        // --- online carte grise (seed 001)
        (CarteGriseOnline, Start, Event::AcceptConditions) => next.step = ConditionsAccepted,
        (CarteGriseOnline, ConditionsAccepted, Event::EnterRequest) => {
            let held =
                req.reason == Some(Reason::Theft) && !req.theft.is_some_and(|t| t.recorded_in_siv);
            next.step = if held {
                AwaitingDeclaration
            } else {
                ReadyToPay
            };
        }
        (CarteGriseOnline, AwaitingDeclaration, Event::SendDeclaration) => {
            next.declarations_sent += 1;
            next.step = UnderReview;
        }
        (CarteGriseOnline, UnderReview, Event::ReviewerReject { message }) => {
            next.messages.push(ReviewMessage {
                from: "reviewer".into(),
                text: message.clone(),
            });
            next.step = DeclarationRejected;
        }
        (CarteGriseOnline, DeclarationRejected, Event::Answer { message }) => {
            // "Rédiger une réponse et envoyer de nouveau un document ... puis cliquer sur Envoyer".
            next.messages.push(ReviewMessage {
                from: "applicant".into(),
                text: message.clone(),
            });
            next.declarations_sent += 1;
            next.step = UnderReview;
        }
        (CarteGriseOnline, UnderReview, Event::ReviewerAccept) => next.step = ReadyToPay,
        (CarteGriseOnline, ReadyToPay, Event::Pay { means }) => {
            if matches!(means, Some(PaymentMeans::Cash | PaymentMeans::Cheque)) {
                return Err(invalid(
                    "procedure.payment_means_not_accepted",
                    "means",
                    "en ligne, le paiement se fait uniquement par carte bancaire",
                    "online, payment is by bank card only",
                ));
            }
            next.payment_means = Some(PaymentMeans::BankCard);
            next.step = PaymentPending;
        }
        (CarteGriseOnline, PaymentPending, Event::RecordPayment { file_number, date }) => {
            let day = date.unwrap_or(req.date);
            let months = params
                .scalars
                .cpi_months
                .at(day)
                .and_then(|p| p.value)
                .unwrap_or(1);
            next.payment_recorded = true;
            next.file_number = Some(
                file_number
                    .clone()
                    .unwrap_or_else(|| default_file_number(state, day)),
            );
            next.cpi_valid_until = day.checked_add_months(Months::new(months));
            next.may_drive = true;
            next.end_products = vec!["file_number".into(), "acknowledgement".into(), "cpi".into()];
            next.step = Completed;
        }
        // --- prefecture (seed 004, 2011)
        (CarteGrisePrefecture, Start, Event::DeclareAndRequest { channel }) => {
            next.channel = Some(*channel);
            match channel {
                // At the counter both parts come back at once: part 1 allows driving for a month.
                FilingChannel::Counter => {
                    next.may_drive = true;
                    next.step = AwaitingPayment;
                }
                // By post the payment goes with the file; only part 1 comes back, later.
                FilingChannel::Post => {
                    next.payment_means = Some(PaymentMeans::Cheque);
                    next.step = AwaitingReceipt;
                }
            }
        }
        (CarteGrisePrefecture, AwaitingPayment, Event::Pay { means }) => {
            next.payment_means = Some(means.ok_or_else(|| {
                invalid(
                    "procedure.payment_means_missing",
                    "means",
                    "préciser le moyen de paiement : espèces, chèque ou carte bancaire",
                    "give the means of payment: cash, cheque or bank card",
                )
            })?);
            next.payment_recorded = true;
            next.end_products = vec!["declaration_receipt".into()];
            next.step = Registered;
        }
        (CarteGrisePrefecture, AwaitingReceipt, Event::ReceiveReceipt) => {
            next.may_drive = true;
            next.payment_recorded = true;
            next.end_products = vec!["declaration_receipt_part_1".into()];
            next.step = Registered;
        }
        (CarteGrisePrefecture, Registered, Event::ReceiveDuplicata) => {
            next.end_products.push("duplicata".into());
            next.step = Completed;
        }
        // --- CMI portal (seed 000)
        (CmiPortal, Start, Event::AcceptTerms) => next.step = TermsAccepted,
        (CmiPortal, TermsAccepted, Event::Choose { kind }) => {
            if *kind == ProcedureKind::CarteGriseDuplicata {
                return Err(invalid(
                    "procedure.invalid_choice",
                    "kind",
                    "choisir cmi_duplicata ou cmi_second_exemplaire",
                    "choose cmi_duplicata or cmi_second_exemplaire",
                ));
            }
            next.request.procedure = *kind;
            next.step = ChoosingTitle;
        }
        (
            CmiPortal,
            ChoosingTitle,
            Event::SubmitTitle {
                title_number,
                revocation_motive,
                sworn_statement,
            },
        ) => {
            let duplicata = next.request.procedure == ProcedureKind::CmiDuplicata;
            let cmi_req = next.request.cmi.get_or_insert_with(CmiRequest::default);
            let title = cmi_req.titles.iter().find(|t| &t.number == title_number);
            let Some(title) = title.filter(|t| cmi::listed(t, req.date)) else {
                return Err(invalid(
                    "cmi.title_not_listed",
                    "title_number",
                    "ce titre ne peut pas faire l'objet de la demande",
                    "this title cannot be requested",
                ));
            };
            if !duplicata && title.mention != Mention::Stationnement {
                return Err(invalid(
                    "cmi.second_exemplaire_requires_stationnement",
                    "title_number",
                    "une commande de second exemplaire ne concerne que les cartes CMI portant la mention « stationnement »",
                    "a second exemplaire can only be ordered for a CMI card bearing the mention 'stationnement'",
                ));
            }
            if duplicata && revocation_motive.is_none() {
                return Err(invalid(
                    "cmi.revocation_motive_missing",
                    "revocation_motive",
                    "Veuillez sélectionner un motif de révocation",
                    "please select a revocation motive",
                ));
            }
            if !sworn_statement {
                return Err(invalid(
                    "cmi.sworn_statement_missing",
                    "sworn_statement",
                    "Veuillez cocher la case « Je déclare sur l'honneur que les informations fournies ci-dessus sont exactes »",
                    "please tick the sworn statement box",
                ));
            }
            cmi_req.title_number = Some(title_number.clone());
            cmi_req.revocation_motive = *revocation_motive;
            cmi_req.sworn_statement = true;
            cmi_req.terms_accepted = true;
            next.step = if duplicata {
                Confirming
            } else {
                CheckingAddress
            };
        }
        (CmiPortal, Confirming, Event::Confirm) => next.step = CheckingAddress,
        (CmiPortal, Confirming, Event::Cancel) => next.step = ChoosingTitle,
        (CmiPortal, CheckingAddress, Event::ConfirmAddress { address }) => {
            cmi::check_address(address)?;
            next.request
                .cmi
                .get_or_insert_with(CmiRequest::default)
                .delivery_address = Some(address.clone());
            next.step = ReadyToPay;
        }
        (CmiPortal, ReadyToPay, Event::Back) => next.step = CheckingAddress,
        (CmiPortal, ReadyToPay, Event::Pay { .. }) => {
            next.payment_means = Some(PaymentMeans::BankCard);
            next.payment_recorded = true;
            next.end_products = vec!["payment_receipt".into()];
            next.step = Paid;
        }
        (CmiPortal, Paid, Event::Continue) => {
            next.end_products.push("summary".into());
            next.step = Summary;
        }
        (CmiPortal, Summary, Event::DownloadAttestation { date }) => {
            let day = date.unwrap_or(req.date);
            let months = params
                .scalars
                .cmi_attestation_months
                .at(day)
                .and_then(|p| p.value)
                .unwrap_or(3);
            next.attestation_valid_until = day.checked_add_months(Months::new(months));
            next.end_products.push("attestation".into());
            next.step = Completed;
        }
        _ => return Err(not_allowed(state, event)),
    }
    next.history.push(event.name().to_owned());
    Ok(next)
}

/// A deterministic file number when the host does not give the one the service assigned.
fn default_file_number(state: &ProcedureState, day: NaiveDate) -> String {
    let plate = state
        .request
        .vehicle
        .as_ref()
        .map_or("", |v| v.plate.as_str());
    let mut h: u32 = 0x811c_9dc5;
    for b in plate.bytes().chain(day.to_string().bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("DUP-{}-{:08X}", day.format("%Y%m%d"), h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Category, Energy, Theft};

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
            r#"{"event":"accept_conditions"}"#,
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
            r#"{"event":"accept_conditions"}"#,
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
        s = apply(&p, &s, &ev(r#"{"event":"accept_conditions"}"#)).expect("conditions");
        s = apply(&p, &s, &ev(r#"{"event":"enter_request"}"#)).expect("request");
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
        s = apply(&p, &s, &ev(r#"{"event":"accept_conditions"}"#)).expect("conditions");
        s = apply(&p, &s, &ev(r#"{"event":"enter_request"}"#)).expect("request");
        let e = apply(&p, &s, &ev(r#"{"event":"pay","means":"cash"}"#)).expect_err("cash online");
        assert_eq!(e.code(), "procedure.payment_means_not_accepted");
    }
}
