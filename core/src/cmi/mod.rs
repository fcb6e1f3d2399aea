//! Duplicata and second exemplaire of the carte mobilité inclusion (CMI), as the Imprimerie
//! Nationale portal applies them (guide "Comment faire une commande de duplicata de CMI ou de second
//! exemplaire de CMI-stationnement ?"; service-public F34049, 2019-03-07).

use chrono::NaiveDate;

use crate::contract::outcome::{
    Channel, CmiOutcome, Duration, DurationUnit, Eligibility, ProcedureInfo, Step, ValidityItem,
};
pub(crate) use crate::contract::request::{
    CmiRequest, CmiTitle, DeliveryAddress, Mention, RevocationMotive, TitleStatus,
};
use crate::contract::request::{ProcedureKind, Request};
use crate::error::Error;
use crate::explain::notes::Note;
use crate::explain::trace::{SourceRef, TraceEntry, TraceValue};
use crate::model::money::Confidence;
use crate::params::ParameterSet;

/// The reasons the portal's own pages resolve (terms, title, motive, sworn statement): a
/// procedure may start without them.
pub(crate) const COLLECTED_BY_THE_PORTAL: &[&str] = &[
    "cmi.terms_not_accepted",
    "cmi.title_not_selected",
    "cmi.revocation_motive_missing",
    "cmi.sworn_statement_missing",
    "cmi.delivery_address_missing",
];

/// Field limits of the delivery address (seed guide of the CMI portal).
pub(crate) const NAME_AND_LINES_MAX: usize = 38;
/// Field limit of the delivery address's city (seed guide of the CMI portal).
pub(crate) const CITY_MAX: usize = 32;

macro_rules! note {
    ($name:ident, $code:literal, $fr:literal, $en:literal) => {
        const $name: Note = Note {
            code: $code,
            message_fr: $fr,
            message_en: $en,
            source: GUIDE,
        };
    };
}

const GUIDE: &str = "Imprimerie Nationale, guide of the CMI portal (duplicata / second exemplaire)";
/// The portal exists since the CMI (2017-01-01, décret n° 2016-1849).
const GUIDE_PERIOD: crate::carte_grise::eras::Period = crate::carte_grise::eras::Period::new(
    Some("2017-01-01"),
    None,
    "décret n° 2016-1849 du 23 décembre 2016; Imprimerie Nationale CMI portal guide",
);
/// Former cards stay valid from the CMI (2017-01-01) to 2026-12-31 (décret n° 2016-1849).
const FORMER_CARDS_PERIOD: crate::carte_grise::eras::Period = crate::carte_grise::eras::Period::new(
    Some("2017-01-01"),
    Some("2026-12-31"),
    "décret n° 2016-1849 du 23 décembre 2016",
);

note!(
    TERMS,
    "cmi.terms_not_accepted",
    "Vous devez accepter les Conditions Générales d'Utilisation et de Délivrance pour poursuivre",
    "You must accept the general terms of use and delivery to continue"
);
note!(
    NO_TITLE,
    "cmi.title_not_selected",
    "Veuillez sélectionner le titre concerné par la demande",
    "Please select the title the request concerns"
);
note!(
    TITLE_NOT_LISTED,
    "cmi.title_not_listed",
    "Ce titre ne peut pas faire l'objet de la demande : seuls les titres valides, ou révoqués sans demande de duplicata ultérieure pour la même mention, sont proposés",
    "This title cannot be requested: only valid titles, or revoked titles with no later duplicata request for the same mention, are offered"
);
note!(
    NO_MOTIVE,
    "cmi.revocation_motive_missing",
    "Veuillez sélectionner un motif de révocation",
    "Please select a revocation motive"
);
note!(
    NO_SWORN,
    "cmi.sworn_statement_missing",
    "Veuillez cocher la case « Je déclare sur l'honneur que les informations fournies ci-dessus sont exactes »",
    "Please tick the box 'I declare on my honour that the information above is accurate'"
);
note!(
    NOT_STATIONNEMENT,
    "cmi.second_exemplaire_requires_stationnement",
    "Une commande de second exemplaire ne concerne que les cartes CMI portant la mention « stationnement »",
    "A second exemplaire can only be ordered for a CMI card bearing the mention 'stationnement'"
);
note!(
    NO_ADDRESS,
    "cmi.delivery_address_missing",
    "Veuillez vérifier ou saisir l'adresse de livraison",
    "Please check or enter the delivery address"
);
note!(
    EFFECT_REVOKED,
    "cmi.initial_card_revoked",
    "Une fois la demande de duplicata validée, la carte initiale est révoquée et ne pourra plus être utilisée",
    "Once the duplicata request is validated, the initial card is revoked and can no longer be used"
);
note!(
    EFFECT_SAME_RIGHTS,
    "cmi.same_rights_and_end_date",
    "Le duplicata ouvre les mêmes droits et a la même durée que le titre qu'il remplace",
    "The duplicata gives the same rights and has the same end date as the title it replaces"
);
note!(
    EFFECT_NOT_REVOKED,
    "cmi.initial_card_kept",
    "La carte initiale n'est pas révoquée lors de la commande du second exemplaire",
    "The initial card is not revoked when a second exemplaire is ordered"
);
note!(
    EFFECT_NEW_NUMBER,
    "cmi.same_data_new_number",
    "Les données de la carte initiale sont reprises à l'identique, sauf le numéro de carte, unique pour chaque carte fabriquée",
    "The initial card's data are copied unchanged, except the card number, unique to each card made"
);

const FORMER_CARD: Note = Note {
    code: "cmi.former_card",
    message_fr: "Une ancienne carte (invalidité, priorité ou stationnement d'avant 2017) perdue, volée ou détruite n'a pas de duplicata : demander une CMI à la MDPH (ou au département)",
    message_en: "A former card (invalidité, priorité or stationnement issued before 2017) that was lost, stolen or destroyed has no duplicata: ask the MDPH (or the département) for a CMI",
    source: "service-public F34049 (2019-03-07)",
};
const BEFORE_CMI: Note = Note {
    code: "cmi.before_cmi",
    message_fr: "La carte mobilité inclusion n'existe qu'à partir du 1er janvier 2017",
    message_en: "The carte mobilité inclusion exists only from 1 January 2017",
    source: "décret n° 2016-1849 du 23 décembre 2016",
};
const FIX_MDPH: Note = Note {
    code: "ask_mdph",
    message_fr: "demander une carte mobilité inclusion à la MDPH",
    message_en: "ask the MDPH for a carte mobilité inclusion",
    source: "service-public F34049 (2019-03-07)",
};

/// Whether the portal lists `title` for a request on `date`: valid titles, or revoked ones with no
/// later duplicata request for the same mention; never expired ones.
#[must_use]
pub(crate) fn listed(title: &CmiTitle, date: NaiveDate) -> bool {
    let expired =
        title.status == TitleStatus::Expired || title.valid_until.is_some_and(|end| end < date);
    !expired
        && match title.status {
            TitleStatus::Valid => true,
            TitleStatus::Revoked => !title.later_duplicata_requested,
            TitleStatus::Expired => false,
        }
}

/// What the portal's title page is given (seed guide of the CMI portal).
pub(crate) struct TitlePage<'a> {
    /// A title number was given.
    pub number_given: bool,
    /// The title of that number among the holder's titles, if any.
    pub title: Option<&'a CmiTitle>,
    /// A duplicata (not a second exemplaire).
    pub duplicata: bool,
    /// A revocation motive was chosen.
    pub motive_given: bool,
    /// The sworn statement is ticked.
    pub sworn: bool,
    /// The card to replace is a former paper card (its own path, at the MDPH).
    pub former_card: bool,
    /// The request's date.
    pub date: NaiveDate,
}

/// The checks of the title page, in the portal's order: a title is chosen and listed, a second
/// exemplaire is for a `stationnement` card, a duplicata has its revocation motive, the sworn
/// statement is ticked. The decision lists every problem; the procedure refuses the first.
pub(crate) fn title_page(p: &TitlePage<'_>) -> Vec<&'static Note> {
    let mut out = Vec::new();
    match (p.number_given, p.title) {
        (false, _) if !p.former_card => out.push(&NO_TITLE),
        (true, None) => out.push(&TITLE_NOT_LISTED),
        (true, Some(t)) if !listed(t, p.date) => out.push(&TITLE_NOT_LISTED),
        _ => {}
    }
    if !p.duplicata && p.title.is_some_and(|t| t.mention != Mention::Stationnement) {
        out.push(&NOT_STATIONNEMENT);
    }
    if p.duplicata && !p.motive_given && !p.former_card {
        out.push(&NO_MOTIVE);
    }
    if !p.sworn && !p.former_card {
        out.push(&NO_SWORN);
    }
    out
}

/// Checks the delivery address: limits of 38 characters (name, lines 1–4, country) and 32 (city),
/// postal code required and valid in France, optional abroad. Nothing is ever truncated.
///
/// # Errors
///
/// `cmi.address.too_long`, `cmi.address.missing_field`, `cmi.address.postal_code_required` or
/// `cmi.address.postal_code_invalid`, naming the field of `cmi.delivery_address`.
pub(crate) fn check_address(a: &DeliveryAddress) -> Result<(), Error> {
    let fields: [(&str, &str, &str, &str, usize); 7] = [
        ("name", "Nom", "Name", &a.name, NAME_AND_LINES_MAX),
        (
            "line1",
            "Ligne d'adresse 1",
            "Address line 1",
            &a.line1,
            NAME_AND_LINES_MAX,
        ),
        (
            "line2",
            "Ligne d'adresse 2",
            "Address line 2",
            &a.line2,
            NAME_AND_LINES_MAX,
        ),
        (
            "line3",
            "Ligne d'adresse 3",
            "Address line 3",
            &a.line3,
            NAME_AND_LINES_MAX,
        ),
        (
            "line4",
            "Ligne d'adresse 4",
            "Address line 4",
            &a.line4,
            NAME_AND_LINES_MAX,
        ),
        ("city", "Ville", "City", &a.city, CITY_MAX),
        ("country", "Pays", "Country", &a.country, NAME_AND_LINES_MAX),
    ];
    for (key, fr, en, value, max) in fields {
        let field = format!("cmi.delivery_address.{key}");
        let len = value.chars().count();
        if len > max {
            return Err(Error::invalid_request(
                "cmi.address.too_long",
                &field,
                format!("Le champ « {fr} » est limité à {max} caractères ({len} saisis)"),
                format!("the field '{en}' is limited to {max} characters ({len} entered)"),
            ));
        }
        if matches!(key, "name" | "line1" | "city" | "country") && value.trim().is_empty() {
            return Err(Error::invalid_request(
                "cmi.address.missing_field",
                &field,
                format!("Le champ « {fr} » est obligatoire"),
                format!("the field '{en}' is required"),
            ));
        }
    }
    let in_france = is_france(&a.country);
    match a.postal_code.as_deref().map(str::trim) {
        None | Some("") if in_france => Err(Error::invalid_request(
            "cmi.address.postal_code_required",
            "cmi.delivery_address.postal_code",
            "Le code postal est obligatoire pour une adresse de livraison en France",
            "the postal code is required for a delivery address in France",
        )),
        Some(code) if in_france && !valid_french_postal_code(code) => Err(Error::invalid_request(
            "cmi.address.postal_code_invalid",
            "cmi.delivery_address.postal_code",
            format!("« {code} » n'est pas un code postal français (5 chiffres)"),
            format!("'{code}' is not a French postal code (5 digits)"),
        )),
        Some(code) if code.chars().count() > NAME_AND_LINES_MAX => Err(Error::invalid_request(
            "cmi.address.too_long",
            "cmi.delivery_address.postal_code",
            format!("Le champ « Code postal » est limité à {NAME_AND_LINES_MAX} caractères"),
            format!("the field 'Postal code' is limited to {NAME_AND_LINES_MAX} characters"),
        )),
        _ => Ok(()),
    }
}

fn is_france(country: &str) -> bool {
    let c = country.trim().to_uppercase();
    matches!(c.as_str(), "FRANCE" | "FR" | "FRA")
}

/// Five digits, from a department prefix (01–95, 97, 98; Corsica's 20).
fn valid_french_postal_code(code: &str) -> bool {
    code.len() == 5
        && code.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            code.get(..2).and_then(|p| p.parse::<u8>().ok()),
            Some(1..=95 | 97 | 98)
        )
}

const STEPS: &[Step] = &[
    Step {
        code: "accept_terms",
        label_fr: "Accepter les Conditions Générales d'Utilisation et de Délivrance",
        label_en: "Accept the general terms of use and delivery",
    },
    Step {
        code: "choose_request",
        label_fr: "Choisir duplicata ou second exemplaire de CMI-stationnement",
        label_en: "Choose a duplicata or a second exemplaire of the CMI-stationnement",
    },
    Step {
        code: "select_title",
        label_fr: "Sélectionner le titre, le motif de révocation (duplicata) et cocher la déclaration sur l'honneur",
        label_en: "Select the title, the revocation motive (duplicata) and tick the sworn statement",
    },
    Step {
        code: "confirm",
        label_fr: "Confirmer : la carte initiale sera révoquée et ne pourra plus être utilisée",
        label_en: "Confirm: the initial card will be revoked and can no longer be used",
    },
    Step {
        code: "check_address",
        label_fr: "Vérifier ou corriger l'adresse de livraison",
        label_en: "Check or correct the delivery address",
    },
    Step {
        code: "pay",
        label_fr: "Payer par carte bancaire et imprimer le reçu",
        label_en: "Pay by bank card and print the receipt",
    },
    Step {
        code: "attestation",
        label_fr: "Télécharger l'attestation de demande",
        label_en: "Download the attestation of request",
    },
];

const END: &[Step] = &[
    Step {
        code: "payment_receipt",
        label_fr: "Reçu de paiement",
        label_en: "Payment receipt",
    },
    Step {
        code: "summary",
        label_fr: "Récapitulatif de votre (vos) demande(s)",
        label_en: "Summary of your request(s)",
    },
    Step {
        code: "attestation",
        label_fr: "Attestation de demande",
        label_en: "Attestation of request",
    },
];

/// The second exemplaire: "la démarche reste identique à une commande de duplicata CMI", with
/// its nuances: CMI-stationnement only, no revocation motive, the initial card not revoked.
const STEPS_SECOND: &[Step] = &[
    STEPS[0],
    STEPS[1],
    Step {
        code: "select_title",
        label_fr: "Sélectionner la CMI-stationnement et cocher la déclaration sur l'honneur (la carte initiale n'est pas révoquée ; le second exemplaire reprend ses données, sauf le numéro de carte)",
        label_en: "Select the CMI-stationnement and tick the sworn statement (the initial card is not revoked; the second exemplaire repeats its data, except the card number)",
    },
    STEPS[4],
    STEPS[5],
    STEPS[6],
];

note!(
    WHO_BENEFICIARY,
    "cmi.beneficiary",
    "le bénéficiaire de la CMI (ou son représentant légal), avec les identifiants du courrier de demande de photo",
    "the CMI's beneficiary (or his or her legal representative), with the identifiers of the letter asking for the photo"
);
note!(
    WHO_STATIONNEMENT,
    "cmi.stationnement_beneficiary",
    "les bénéficiaires d'une CMI portant la mention « stationnement » (commande et utilisation du second exemplaire)",
    "the beneficiaries of a CMI bearing the mention 'stationnement' (who order and use the second exemplaire)"
);

pub(crate) static PROCEDURE_SECOND: ProcedureInfo = ProcedureInfo {
    kind: "cmi_portal",
    channel: Channel::Online,
    held_for_review: false,
    payment_means: &["bank_card"],
    steps: STEPS_SECOND,
    end_products: END,
    source: GUIDE,
};

pub(crate) static PROCEDURE: ProcedureInfo = ProcedureInfo {
    kind: "cmi_portal",
    channel: Channel::Online,
    held_for_review: false,
    payment_means: &["bank_card"],
    steps: STEPS,
    end_products: END,
    source: GUIDE,
};

/// The parts of a decision on a CMI request.
pub(crate) struct CmiParts {
    pub eligibility: Eligibility,
    pub outcome: CmiOutcome,
    pub validity: Vec<ValidityItem>,
    pub trace: Vec<TraceEntry>,
}

/// Evaluates a CMI duplicata or second-exemplaire request.
pub(crate) fn evaluate(params: &ParameterSet, req: &Request) -> Result<CmiParts, Error> {
    let cmi = req
        .cmi
        .as_ref()
        .ok_or_else(|| Error::missing_field("cmi"))?;
    if let Some(a) = &cmi.delivery_address {
        check_address(a)?;
    }
    let duplicata = req.procedure == ProcedureKind::CmiDuplicata;
    let mut reasons = Vec::new();
    let mut remedies = Vec::new();
    let mut trace = Vec::new();
    let date = req.date;
    let cmi_start = &params.dates.cmi_start;
    if date < cmi_start.date {
        reasons.push(&BEFORE_CMI);
    }
    if cmi.former_card {
        reasons.push(&FORMER_CARD);
        remedies.push(&FIX_MDPH);
    }
    if !cmi.terms_accepted {
        reasons.push(&TERMS);
    }
    let listed_titles: Vec<String> = cmi
        .titles
        .iter()
        .filter(|t| listed(t, date))
        .map(|t| t.number.clone())
        .collect();
    let title = cmi
        .title_number
        .as_ref()
        .and_then(|n| cmi.titles.iter().find(|t| &t.number == n));
    reasons.extend(title_page(&TitlePage {
        number_given: cmi.title_number.is_some(),
        title,
        duplicata,
        motive_given: cmi.revocation_motive.is_some(),
        sworn: cmi.sworn_statement,
        former_card: cmi.former_card,
        date,
    }));
    // Every further title of the order passes the same page checks as the first.
    for number in &cmi.other_title_numbers {
        let other = cmi.titles.iter().find(|t| &t.number == number);
        for note in title_page(&TitlePage {
            number_given: true,
            title: other,
            duplicata,
            motive_given: cmi.revocation_motive.is_some(),
            sworn: cmi.sworn_statement,
            former_card: cmi.former_card,
            date,
        }) {
            if !reasons.contains(&note) {
                reasons.push(note);
            }
        }
    }
    if cmi.delivery_address.is_none() && !cmi.former_card {
        reasons.push(&NO_ADDRESS);
    }
    let effects = if duplicata {
        vec![&EFFECT_REVOKED, &EFFECT_SAME_RIGHTS]
    } else {
        vec![&EFFECT_NOT_REVOKED, &EFFECT_NEW_NUMBER]
    };

    let fee_p = params.scalars.cmi_fee.at(date);
    let (fee, fee_confidence, fee_source) = match fee_p {
        Some(p) => {
            let m = params.meta(p.meta);
            trace.push(
                TraceEntry::new(
                    "cmi.fee",
                    "prix d'un duplicata ou d'un second exemplaire de CMI",
                    "price of a CMI duplicata or second exemplaire",
                    SourceRef::Param(p.meta),
                    m.confidence,
                )
                .value(
                    "amount",
                    p.value
                        .map_or(TraceValue::Text("unknown"), TraceValue::Money),
                ),
            );
            (p.value, m.confidence, m.source.clone())
        }
        None => (None, Confidence::Low, String::new()),
    };
    trace.push(
        TraceEntry::new(
            "cmi.listed_titles",
            "titres proposés : valides, ou révoqués sans demande de duplicata ultérieure pour la même mention",
            "titles offered: valid, or revoked with no later duplicata request for the same mention",
            SourceRef::Text(GUIDE),
            Confidence::High,
        )
        .value("count", TraceValue::Count(u32::try_from(listed_titles.len()).unwrap_or(u32::MAX))),
    );
    if let Some(motive) = cmi.revocation_motive {
        trace.push(
            TraceEntry::new(
                "cmi.revocation_motive",
                "motifs de révocation retenus par défaut : perte, vol, destruction",
                "revocation motives taken by default: loss, theft, destruction",
                SourceRef::Text("guide of the CMI portal (three motives, list not legible); service-public F34049"),
                Confidence::Medium,
            )
            .value(
                "motive",
                TraceValue::Text(match motive {
                    RevocationMotive::Loss => "loss",
                    RevocationMotive::Theft => "theft",
                    RevocationMotive::Destruction => "destruction",
                }),
            ),
        );
    }

    let mut validity = Vec::new();
    let months = params
        .scalars
        .cmi_attestation_months
        .at(date)
        .and_then(|p| p.value);
    validity.push(ValidityItem {
        code: "cmi.attestation",
        label_fr: "L'attestation de demande, à télécharger ou imprimer à la fin, est valable",
        label_en: "The attestation of request, downloaded or printed at the end, is valid for",
        duration: months.map(|amount| Duration {
            amount,
            unit: DurationUnit::Month,
        }),
        source: GUIDE,
        period: &GUIDE_PERIOD,
    });
    if cmi.former_card {
        validity.push(ValidityItem {
            code: "cmi.former_cards_valid_until",
            label_fr: "Les anciennes cartes restent valables jusqu'au 31 décembre 2026",
            label_en: "Former cards remain valid until 31 December 2026",
            duration: None,
            source: "décret n° 2016-1849 du 23 décembre 2016; service-public F34049 (2019-03-07)",
            period: &FORMER_CARDS_PERIOD,
        });
        trace.push(
            TraceEntry::new(
                "cmi.former_cards_valid_until",
                "fin de validité des anciennes cartes",
                "end of validity of the former cards",
                SourceRef::Param(params.dates.cmi_former_cards_valid_until.meta),
                params
                    .meta(params.dates.cmi_former_cards_valid_until.meta)
                    .confidence,
            )
            .value(
                "date",
                TraceValue::Date(params.dates.cmi_former_cards_valid_until.date),
            )
            .value(
                "still_valid",
                TraceValue::Bool(date <= params.dates.cmi_former_cards_valid_until.date),
            ),
        );
    }
    let confidence = if duplicata {
        Confidence::Medium
    } else {
        Confidence::High
    };
    Ok(CmiParts {
        eligibility: Eligibility {
            eligible: reasons.is_empty(),
            applicant: req.applicant,
            confidence,
            reasons,
            remedies,
            who_may_apply: vec![if duplicata {
                &WHO_BENEFICIARY
            } else {
                &WHO_STATIONNEMENT
            }],
            conditions: Vec::new(),
        },
        outcome: CmiOutcome {
            listed_titles,
            title: title.cloned(),
            effects,
            fee,
            fee_confidence,
            fee_source,
        },
        validity,
        trace,
    })
}

#[cfg(test)]
mod tests;
