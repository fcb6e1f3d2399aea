//! The prefecture carte-grise machine (2009-04-15 to 2017-11-05; interieur.gouv.fr 2011-03-03):
//! loss declared and duplicata asked at once, at a counter or by post.

use super::{Event, FilingChannel, PaymentMeans, ProcedureState, Step::*, invalid, not_allowed};
use crate::error::Error;

pub(super) fn apply(
    state: &ProcedureState,
    event: &Event,
    next: &mut ProcedureState,
) -> Result<(), Error> {
    let _req = &state.request;
    match (state.step, event) {
        (Start, Event::DeclareAndRequest { channel }) => {
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
        (AwaitingReceipt, Event::ReceiveReceipt) => {
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
