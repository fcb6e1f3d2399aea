//! Validity and timing of each paper, and how the procedure runs (channel, steps, payment, what the
//! applicant receives at the end).

use serde::Serialize;

use crate::params::ParameterSet;
use crate::request::{Reason, Request};

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

macro_rules! item {
    ($name:ident, $code:literal, $fr:literal, $en:literal, $src:literal) => {
        const $name: ValidityItem = ValidityItem {
            code: $code,
            label_fr: $fr,
            label_en: $en,
            duration: None,
            source: $src,
        };
    };
}

item!(
    CPI,
    "cpi",
    "Le certificat provisoire d'immatriculation (CPI) permet de circuler en attendant la carte",
    "The provisional registration certificate (CPI) allows driving until the card arrives",
    "service-public F1726 (2019-06-07); service-public F16542 (2020)"
);
item!(
    CPI_FRANCE,
    "cpi",
    "Le certificat provisoire d'immatriculation (CPI) permet de circuler, uniquement en France, en attendant la carte",
    "The provisional registration certificate (CPI) allows driving, in France only, until the card arrives",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public F16542 (2020)"
);
item!(
    DECLARATION_ONLINE,
    "declaration_allows_driving",
    "Sans CPI, la déclaration de perte ou de vol (ou la carte détériorée) permet de circuler à compter de sa date",
    "Without a CPI, the loss or theft declaration (or the damaged card) allows driving from its date",
    "code de la route R322-10; arrêté du 9 février 2009 art. 17"
);
item!(
    DECLARATION_COUNTER,
    "declaration_allows_driving",
    "Le volet n° 1 du récépissé de déclaration permet de circuler à compter de la date du récépissé ; le volet n° 2 sert au dossier",
    "Part 1 of the declaration receipt allows driving from the receipt's date; part 2 goes into the file",
    "interieur.gouv.fr 2011-03-03"
);
item!(
    DECLARATION_POST,
    "declaration_by_post",
    "Par courrier, un seul volet revient : on ne peut circuler qu'après l'avoir reçu",
    "By post only one part comes back: driving is allowed only once it has arrived",
    "interieur.gouv.fr 2011-03-03"
);
item!(
    NO_CANCEL,
    "no_cancellation",
    "Une fois demandé, le duplicata ne peut pas être annulé : sa fabrication est lancée",
    "Once requested, the duplicata cannot be cancelled: its manufacture has started",
    "service-public F34796 (2020-01-21); service-public F1726 (2021, 2022-09-23)"
);
item!(
    FOUND_ORIGINAL,
    "found_original_void",
    "La carte retrouvée (primata) est invalidée et doit être détruite",
    "A card found again (primata) is void and must be destroyed",
    "service-public F34796 (2020-01-21)"
);
item!(
    DAMAGED_KEEP,
    "damaged_card_retention",
    "Conserver la carte détériorée, qui peut être réclamée, et la détruire après ce délai à compter du duplicata",
    "Keep the damaged card, which may be asked for, and destroy it after this period from the duplicata",
    "arrêté du 9 février 2009 art. 17; service-public F1726 (2022-09-23)"
);
item!(
    MENTION,
    "duplicata_mention",
    "La mention « Duplicata » et la date du duplicata figurent dans les rubriques Z1 à Z4",
    "The mention 'Duplicata' and the duplicata's date are printed in fields Z1 to Z4",
    "service-public F1726 (2021, 2022-09-23)"
);
item!(
    SAME_VALUE,
    "same_value_as_original",
    "Le duplicata a la même valeur que l'original, tant qu'aucune rubrique n'est modifiée (titulaire, adresse, caractéristiques)",
    "The duplicata has the same value as the original, until an entry changes (holder, address, characteristics)",
    "service-public F1726 (2019-12-19, 2022-09-23); interieur.gouv.fr 2011-03-03"
);
item!(
    DELIVERY_2011,
    "delivery",
    "Envoyé sous pli sécurisé au domicile, environ une semaine après l'enregistrement en préfecture",
    "Sent by secure mail to the holder's home, about a week after registration at the prefecture",
    "interieur.gouv.fr 2011-03-03"
);
item!(
    DELIVERY_ONLINE,
    "delivery",
    "Envoyé sous pli sécurisé au domicile, dans un délai variable ; suivi de fabrication en ligne",
    "Sent by secure mail to the holder's home, with a variable delay; manufacture can be tracked online",
    "service-public F1726 (2019-12-19, 2022-09-23)"
);
item!(
    NEW_NUMBER,
    "new_number_and_plates",
    "Numéro FNI : un nouveau numéro SIV est attribué pour la vie du véhicule ; il faut changer les plaques",
    "FNI number: a new SIV number is assigned for the vehicle's life; the plates must be changed",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public F17638 (2020); interieur.gouv.fr 2011-03-03"
);
item!(
    HELD,
    "held_for_review",
    "Vol non enregistré dans le SIV : la demande est mise en attente, la déclaration de vol est envoyée et contrôlée par le CERT avant le paiement",
    "Theft not recorded in the SIV: the request is held, the theft declaration is sent and reviewed by the CERT before payment",
    "ANTS guide 'Téléprocédure : demande de duplicata' (mode itératif)"
);

const STEPS_ONLINE: &[Step] = &[
    Step {
        code: "sign_in",
        label_fr: "Se connecter à « Mon Espace » (compte ANTS ou FranceConnect)",
        label_en: "Sign in to 'Mon Espace' (ANTS account or FranceConnect)",
    },
    Step {
        code: "start_request",
        label_fr: "Choisir « Je refais ma carte grise » : motif, personne concernée, cas particulier, numéro d'immatriculation",
        label_en: "Choose 'Je refais ma carte grise': reason, person concerned, special case, registration number",
    },
    Step {
        code: "accept_conditions",
        label_fr: "Cocher les conditions légales d'utilisation",
        label_en: "Tick the legal conditions of use",
    },
    Step {
        code: "review_summary",
        label_fr: "Vérifier le récapitulatif",
        label_en: "Check the summary",
    },
    Step {
        code: "pay",
        label_fr: "Payer par carte bancaire, puis cliquer sur « Cliquer ici pour enregistrer votre paiement »",
        label_en: "Pay by bank card, then click 'Cliquer ici pour enregistrer votre paiement'",
    },
    Step {
        code: "download",
        label_fr: "Télécharger le CPI et le récapitulatif",
        label_en: "Download the CPI and the summary",
    },
];

const STEPS_ONLINE_REVIEW: &[Step] = &[
    Step {
        code: "sign_in",
        label_fr: "Se connecter à « Mon Espace » (compte ANTS ou FranceConnect)",
        label_en: "Sign in to 'Mon Espace' (ANTS account or FranceConnect)",
    },
    Step {
        code: "start_request",
        label_fr: "Choisir « Je refais ma carte grise » : motif vol, personne concernée, numéro d'immatriculation",
        label_en: "Choose 'Je refais ma carte grise': reason theft, person concerned, registration number",
    },
    Step {
        code: "send_declaration",
        label_fr: "Envoyer la déclaration de vol et valider : la demande est mise en attente",
        label_en: "Send the theft declaration and validate: the request is put on hold",
    },
    Step {
        code: "cert_review",
        label_fr: "Contrôle par le CERT ; en cas de refus (pièce illisible…), lire sa note, répondre et renvoyer la pièce depuis le panier",
        label_en: "Review by the CERT; if rejected (illegible document…), read its note, answer and send the document again from the basket",
    },
    Step {
        code: "resume_from_basket",
        label_fr: "Une fois la pièce acceptée, reprendre la demande depuis le panier",
        label_en: "Once the document is accepted, resume the request from the basket",
    },
    Step {
        code: "pay",
        label_fr: "Payer par carte bancaire, puis enregistrer le paiement",
        label_en: "Pay by bank card, then record the payment",
    },
    Step {
        code: "download",
        label_fr: "Télécharger le CPI et le récapitulatif",
        label_en: "Download the CPI and the summary",
    },
];

const STEPS_PREFECTURE: &[Step] = &[
    Step {
        code: "declare",
        label_fr: "Déclarer la perte en préfecture (ou le vol à la police) et demander le duplicata en même temps",
        label_en: "Declare the loss at the prefecture (or the theft to the police) and ask for the duplicata at the same time",
    },
    Step {
        code: "file",
        label_fr: "Déposer le dossier au guichet d'une préfecture ou sous-préfecture au choix, ou l'envoyer par courrier",
        label_en: "Hand in the file at the counter of any prefecture or sous-préfecture, or send it by post",
    },
    Step {
        code: "pay",
        label_fr: "Régler les taxes et la redevance",
        label_en: "Pay the taxes and the fee",
    },
    Step {
        code: "receive",
        label_fr: "Recevoir le duplicata sous pli sécurisé",
        label_en: "Receive the duplicata by secure mail",
    },
];

const END_ONLINE: &[Step] = &[
    Step {
        code: "file_number",
        label_fr: "Numéro de dossier",
        label_en: "File number",
    },
    Step {
        code: "acknowledgement",
        label_fr: "Accusé d'enregistrement de la demande",
        label_en: "Acknowledgement of the request",
    },
    Step {
        code: "cpi",
        label_fr: "Certificat provisoire d'immatriculation (CPI) à imprimer",
        label_en: "Provisional registration certificate (CPI) to print",
    },
];

const END_PREFECTURE: &[Step] = &[
    Step {
        code: "declaration_receipt",
        label_fr: "Récépissé de déclaration (volets n° 1 et n° 2)",
        label_en: "Declaration receipt (parts 1 and 2)",
    },
    Step {
        code: "duplicata",
        label_fr: "Duplicata envoyé au domicile",
        label_en: "Duplicata sent to the holder's home",
    },
];

/// The validity rules that apply to the request, with durations from the parameters.
pub(crate) fn validity(
    params: &ParameterSet,
    req: &Request,
    conversion: bool,
) -> Vec<ValidityItem> {
    let s = &params.scalars;
    let months = |series: &crate::params::Series<u32>| {
        series
            .at(req.date)
            .and_then(|p| p.value)
            .map(|amount| Duration {
                amount,
                unit: DurationUnit::Month,
            })
    };
    let online = req.date >= params.dates.online_only_start.date;
    let mut out = Vec::with_capacity(10);
    if online {
        let cpi = if req.date >= params.dates.cpi_france_only_start.date {
            CPI_FRANCE
        } else {
            CPI
        };
        out.push(ValidityItem {
            duration: months(&s.cpi_months),
            ..cpi
        });
        out.push(ValidityItem {
            duration: months(&s.declaration_months),
            ..DECLARATION_ONLINE
        });
        out.push(NO_CANCEL);
        out.push(FOUND_ORIGINAL);
    } else {
        out.push(ValidityItem {
            duration: months(&s.declaration_months),
            ..DECLARATION_COUNTER
        });
        out.push(DECLARATION_POST);
    }
    if req.reason == Some(Reason::Damage) {
        let years = s
            .damaged_card_retention_years
            .at(req.date)
            .and_then(|p| p.value)
            .map(|amount| Duration {
                amount,
                unit: DurationUnit::Year,
            });
        out.push(ValidityItem {
            duration: years,
            ..DAMAGED_KEEP
        });
    }
    out.push(MENTION);
    out.push(SAME_VALUE);
    out.push(if online {
        DELIVERY_ONLINE
    } else {
        DELIVERY_2011
    });
    if conversion {
        out.push(NEW_NUMBER);
    }
    if held_for_review(params, req) {
        out.push(HELD);
    }
    out
}

/// An online theft request whose theft is not yet recorded in the SIV is held for review.
pub(crate) fn held_for_review(params: &ParameterSet, req: &Request) -> bool {
    req.reason == Some(Reason::Theft)
        && req.date >= params.dates.online_only_start.date
        && !req.theft.is_some_and(|t| t.recorded_in_siv)
}

static ONLINE: ProcedureInfo = ProcedureInfo {
    kind: "carte_grise_duplicata_online",
    channel: Channel::Online,
    held_for_review: false,
    payment_means: &["bank_card"],
    steps: STEPS_ONLINE,
    end_products: END_ONLINE,
    source: "service-public F1726 (2019-06-07 onwards); ANTS guide 'Téléprocédure : demande de duplicata'",
};

static ONLINE_REVIEW: ProcedureInfo = ProcedureInfo {
    held_for_review: true,
    steps: STEPS_ONLINE_REVIEW,
    ..ONLINE
};

static PREFECTURE: ProcedureInfo = ProcedureInfo {
    kind: "carte_grise_duplicata_prefecture",
    channel: Channel::Prefecture,
    held_for_review: false,
    payment_means: &["cash", "cheque", "bank_card"],
    steps: STEPS_PREFECTURE,
    end_products: END_PREFECTURE,
    source: "interieur.gouv.fr 2011-03-03; service-public F1726 (2015-01-06)",
};

/// The procedure that applies on the request's date.
pub(crate) fn procedure(params: &ParameterSet, req: &Request) -> &'static ProcedureInfo {
    if req.date < params.dates.online_only_start.date {
        &PREFECTURE
    } else if held_for_review(params, req) {
        &ONLINE_REVIEW
    } else {
        &ONLINE
    }
}
