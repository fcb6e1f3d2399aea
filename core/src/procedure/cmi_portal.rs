//! The CMI portal machine (Imprimerie Nationale guide, seed 000): terms, choice, title, address,
//! payment, summary and attestation.

use chrono::Months;

use super::{Event, PaymentMeans, ProcedureState, Step::*, invalid, not_allowed};
use crate::cmi::{self, CmiRequest};
use crate::contract::request::ProcedureKind;
use crate::error::Error;
use crate::error::{ErrorCode, ErrorKind};
use crate::explain::notes::Note;
use crate::params::ParameterSet;

pub(super) fn apply(
    params: &ParameterSet,
    state: &ProcedureState,
    event: &Event,
    next: &mut ProcedureState,
) -> Result<(), Error> {
    let req = &state.request;
    match (state.step, event) {
        (Start, Event::AcceptTerms) => next.step = TermsAccepted,
        (TermsAccepted, Event::Choose { kind }) => {
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
            ChoosingTitle,
            Event::SubmitTitle {
                title_number,
                other_title_numbers,
                revocation_motive,
                sworn_statement,
            },
        ) => {
            let duplicata = next.request.procedure == ProcedureKind::CmiDuplicata;
            let cmi_req = next.request.cmi.get_or_insert_with(CmiRequest::default);
            // The same checks as the decision's (cmi::title_page) for each title of the order:
            // the first problem refuses the page.
            for number in std::iter::once(title_number).chain(other_title_numbers) {
                let title = cmi_req.titles.iter().find(|t| &t.number == number);
                let problems = cmi::title_page(&cmi::TitlePage {
                    number_given: true,
                    title,
                    duplicata,
                    motive_given: revocation_motive.is_some(),
                    sworn: *sworn_statement,
                    former_card: false,
                    date: req.date,
                });
                if let Some(note) = problems.first() {
                    return Err(refused(note));
                }
            }
            cmi_req.title_number = Some(title_number.clone());
            cmi_req.other_title_numbers.clone_from(other_title_numbers);
            cmi_req.revocation_motive = *revocation_motive;
            cmi_req.sworn_statement = true;
            cmi_req.terms_accepted = true;
            next.step = if duplicata {
                Confirming
            } else {
                CheckingAddress
            };
        }
        (Confirming, Event::Confirm) => next.step = CheckingAddress,
        (Confirming, Event::Cancel) => next.step = ChoosingTitle,
        (CheckingAddress, Event::ConfirmAddress { address }) => {
            cmi::check_address(address)?;
            next.request
                .cmi
                .get_or_insert_with(CmiRequest::default)
                .delivery_address = Some(address.clone());
            next.step = ReadyToPay;
        }
        (ReadyToPay, Event::Back) => next.step = CheckingAddress,
        (ReadyToPay, Event::Pay { .. }) => {
            next.payment_means = Some(PaymentMeans::BankCard);
            next.payment_recorded = true;
            next.end_products = vec!["payment_receipt".into()];
            next.step = Paid;
        }
        (Paid, Event::Continue) => {
            next.end_products.push("summary".into());
            next.step = Summary;
        }
        (Summary, Event::DownloadAttestation { date }) => {
            let day = date.unwrap_or(req.date);
            let months = params
                .scalars
                .cmi_attestation_months
                .at(req.date)
                .and_then(|p| p.value);
            let limit = months.and_then(|m| req.date.checked_add_months(Months::new(m)));
            super::check_event_date(req.date, day, limit, "l'attestation", "the attestation")?;
            // No duration is guessed: an unknown validity leaves the end date unknown.
            next.attestation_valid_until =
                months.and_then(|m| day.checked_add_months(Months::new(m)));
            next.end_products.push("attestation".into());
            next.step = Completed;
        }
        _ => return Err(not_allowed(state, event)),
    }
    Ok(())
}

/// The portal's refusal of the title page, with the message the decision gives for the same check.
fn refused(note: &Note) -> Error {
    let field = ErrorCode::parse(note.code).and_then(ErrorCode::field);
    Error::new(
        ErrorKind::EventNotAllowed,
        note.code,
        field,
        note.message_fr,
        note.message_en,
    )
}
