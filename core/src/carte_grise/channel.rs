//! How a carte-grise duplicata request is filed on its date: at a prefecture or online, the steps,
//! the means of payment and what the applicant receives, and whether it is held for review.

use crate::contract::outcome::{Channel, ProcedureInfo, Step};
use crate::contract::request::{Reason, Request};
use crate::params::ParameterSet;

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
        label_fr: "Déposer le dossier au guichet d'une préfecture du département de son choix (à Paris : service des cartes grises de la préfecture de police, ou certaines antennes de police administrative d'arrondissement) ou d'une sous-préfecture (certaines ne sont plus chargées de cette formalité), ou l'envoyer par courrier (à Paris : à la préfecture de police)",
        label_en: "Hand in the file at the counter of a prefecture of any department (in Paris: the carte grise service of the préfecture de police, or some arrondissement police antennas) or of a sous-préfecture (some no longer handle it), or send it by post (in Paris: to the préfecture de police)",
    },
    Step {
        code: "pay",
        label_fr: "Régler les taxes et la redevance : espèces (sauf dans les antennes d'arrondissement à Paris), chèque, ou carte bancaire dans certaines préfectures et sous-préfectures",
        label_en: "Pay the taxes and the fee: cash (except in the Paris arrondissement antennas), cheque, or bank card in some prefectures and sous-préfectures",
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
