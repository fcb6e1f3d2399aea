//! The prefecture carte-grise machine (2009-04-15 to 2017-11-05; interieur.gouv.fr 2011-03-03):
//! loss declared and duplicata asked at once, at a counter or by post.

use chrono::{Months, NaiveDate};

use super::{
    Event, FilingChannel, PaymentMeans, ProcedureState, Step::*, check_event_date, invalid,
    not_allowed,
};
use crate::contract::request::Reason;
use crate::error::Error;
use crate::params::ParameterSet;

/// The last day a receipt dated `from` allows driving (declaration months of the parameters; no
/// duration is guessed).
fn valid_until(params: &ParameterSet, from: NaiveDate) -> Option<NaiveDate> {
    params
        .scalars
        .declaration_months
        .at(from)
        .and_then(|p| p.value)
        .and_then(|m| from.checked_add_months(Months::new(m)))
}

pub(super) fn apply(
    params: &ParameterSet,
    state: &ProcedureState,
    event: &Event,
    next: &mut ProcedureState,
) -> Result<(), Error> {
    let req = &state.request;
    match (state.step, event) {
        (Start, Event::DeclareAndRequest { channel }) => {
            next.channel = Some(*channel);
            // A theft is declared at the police or gendarmerie, whose receipt allows driving for a
            // month at once, even when the file then goes by post (seed 003: "peut circuler durant
            // un mois ... grâce à sa déclaration de perte ou de vol").
            let police_receipt = req.reason == Some(Reason::Theft);
            match channel {
                // At the counter both parts come back at once: part 1 allows driving for a month.
                FilingChannel::Counter => {
                    next.may_drive = true;
                    next.declaration_valid_until = valid_until(params, req.date);
                    next.step = AwaitingPayment;
                }
                // By post the payment goes with the file; only part 1 comes back, later.
                FilingChannel::Post => {
                    next.payment_means = Some(PaymentMeans::Cheque);
                    if police_receipt {
                        next.may_drive = true;
                        next.declaration_valid_until = valid_until(params, req.date);
                    }
                    next.step = AwaitingReceipt;
                }
            }
        }
        (AwaitingPayment, Event::Pay { means }) => {
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
        (AwaitingReceipt, Event::ReceiveReceipt { date }) => {
            let day = date.unwrap_or(req.date);
            check_event_date(req.date, day, None, "le récépissé", "the receipt")?;
            if req.reason != Some(Reason::Theft) {
                next.declaration_valid_until = valid_until(params, day);
            }
            next.may_drive = true;
            next.payment_recorded = true;
            next.end_products = vec!["declaration_receipt_part_1".into()];
            next.step = Registered;
        }
        (Registered, Event::ReceiveDuplicata) => {
            next.end_products.push("duplicata".into());
            next.step = Completed;
        }
        _ => return Err(not_allowed(state, event)),
    }
    Ok(())
}
