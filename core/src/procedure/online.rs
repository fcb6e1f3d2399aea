//! The online carte-grise machine (from 2017-11-06; ANTS guide "Téléprocédure : demande de
//! duplicata"): conditions, request, the CERT review loop for a theft not yet recorded in the SIV,
//! payment, then the file number, the acknowledgement and the CPI.

use chrono::{Months, NaiveDate};

use super::{
    Event, PaymentMeans, ProcedureState, ReviewMessage, Step::*, check_event_date, invalid,
    not_allowed,
};
use crate::carte_grise::channel;
use crate::error::Error;
use crate::params::ParameterSet;

pub(super) fn apply(
    params: &ParameterSet,
    state: &ProcedureState,
    event: &Event,
    next: &mut ProcedureState,
) -> Result<(), Error> {
    let req = &state.request;
    match (state.step, event) {
        // Seed 001: "Mon Espace" (signed in), "Je refais ma carte grise" (motive, person, special
        // case, number), then the legal conditions ticked "avant de valider la demande", the
        // summary, the payment. A theft not yet in the SIV is held before the conditions.
        (Start, Event::SignIn) => next.step = SignedIn,
        (SignedIn, Event::EnterRequest) => {
            next.step = if channel::held_for_review(params, req) {
                AwaitingDeclaration
            } else {
                RequestEntered
            };
        }
        (RequestEntered, Event::AcceptConditions) => next.step = ReadyToPay,
        // A state saved with the conditions already ticked.
        (ConditionsAccepted, Event::EnterRequest) => {
            next.step = if channel::held_for_review(params, req) {
                AwaitingDeclaration
            } else {
                ReadyToPay
            };
        }
        (AwaitingDeclaration, Event::SendDeclaration) => {
            next.declarations_sent += 1;
            next.step = UnderReview;
        }
        (UnderReview, Event::ReviewerReject { message }) => {
            next.messages.push(ReviewMessage {
                from: "reviewer".into(),
                text: message.clone(),
            });
            next.step = DeclarationRejected;
        }
        (DeclarationRejected, Event::Answer { message }) => {
            // "Rédiger une réponse et envoyer de nouveau un document ... puis cliquer sur Envoyer".
            next.messages.push(ReviewMessage {
                from: "applicant".into(),
                text: message.clone(),
            });
            next.declarations_sent += 1;
            next.step = UnderReview;
        }
        (UnderReview, Event::ReviewerAccept) => next.step = ReadyToPay,
        (ReadyToPay, Event::Pay { means }) => {
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
        (PaymentPending, Event::RecordPayment { file_number, date }) => {
            let day = date.unwrap_or(req.date);
            let months = params.scalars.cpi_months.at(req.date).and_then(|p| p.value);
            // A payment cannot precede the request, nor come after the CPI validity following it.
            let limit = months.and_then(|m| req.date.checked_add_months(Months::new(m)));
            check_event_date(req.date, day, limit, "le paiement", "the payment")?;
            next.payment_recorded = true;
            next.file_number = Some(
                file_number
                    .clone()
                    .unwrap_or_else(|| default_file_number(state, day)),
            );
            // No duration is guessed: an unknown CPI duration leaves the end date unknown.
            next.cpi_valid_until = months.and_then(|m| day.checked_add_months(Months::new(m)));
            next.may_drive = true;
            next.end_products = vec!["file_number".into(), "acknowledgement".into(), "cpi".into()];
            next.step = Completed;
        }
        _ => return Err(not_allowed(state, event)),
    }
    Ok(())
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
