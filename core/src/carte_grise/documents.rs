//! The documents a duplicata request needs, by reason, applicant, period and vehicle.
//!
//! Prefecture era (until 2017-11-05): originals and copies brought to a prefecture or sent by post
//! (service-public F1726 2015-01-06; interieur.gouv.fr 2011-03-03). Online era (from 2017-11-06):
//! digital copies uploaded to the ANTS service, the rest kept at the administration's disposal
//! (arrêté du 9 février 2009 art. 17; service-public F1726 2019–2022).

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::contract::request::{Applicant, HolderKind, Reason, Request};
use crate::params::ParameterSet;

/// A kind of proof of address, accepted or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proof {
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
}

/// One item of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Stable code, e.g. `theft_declaration`.
    pub code: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// `false` for a document that is recommended or kept, not handed in.
    pub required: bool,
    /// The condition that made it part of the list.
    pub condition_fr: &'static str,
    pub condition_en: &'static str,
    pub source: &'static str,
    /// For a proof of address: what is accepted and what is refused.
    #[serde(skip_serializing_if = "<[Proof]>::is_empty")]
    pub accepted: &'static [Proof],
    #[serde(skip_serializing_if = "<[Proof]>::is_empty")]
    pub refused: &'static [Proof],
}

macro_rules! doc {
    ($name:ident, $code:literal, $req:literal, $fr:literal, $en:literal, $cfr:literal, $cen:literal, $src:literal) => {
        pub(crate) const $name: Document = Document {
            code: $code,
            label_fr: $fr,
            label_en: $en,
            required: $req,
            condition_fr: $cfr,
            condition_en: $cen,
            source: $src,
            accepted: &[],
            refused: &[],
        };
    };
}

/// Proofs of address accepted by service-public F1028 (2020-10-13), in the applicant's name, under
/// 6 months where dated.
pub const ADDRESS_ACCEPTED: &[Proof] = &[
    Proof {
        code: "energy_or_water_bill",
        label_fr: "facture d'électricité, de gaz ou d'eau de moins de 6 mois",
        label_en: "electricity, gas or water bill under 6 months",
    },
    Proof {
        code: "phone_bill",
        label_fr: "facture de téléphone fixe ou mobile de moins de 6 mois",
        label_en: "landline or mobile phone bill under 6 months",
    },
    Proof {
        code: "tax_notice",
        label_fr: "avis d'imposition ou de non-imposition de l'année précédente",
        label_en: "last year's tax notice",
    },
    Proof {
        code: "rent_receipt",
        label_fr: "quittance de loyer de moins de 6 mois",
        label_en: "rent receipt under 6 months",
    },
    Proof {
        code: "title_deed_or_lease",
        label_fr: "titre de propriété ou bail de location",
        label_en: "title deed or lease",
    },
    Proof {
        code: "home_insurance",
        label_fr: "attestation d'assurance habitation",
        label_en: "home insurance certificate",
    },
    Proof {
        code: "hosted",
        label_fr: "si vous êtes hébergé : pièce d'identité et justificatif de l'hébergeant, attestation sur l'honneur co-signée",
        label_en: "if you are hosted: the host's identity document and proof of address, and a sworn statement signed by both",
    },
];

/// Refused. A blog guide of about 2017–2020 (seed 003, grade C) also refuses phone bills and
/// handwritten rent receipts; service-public F1028 (grade A) accepts any phone bill and rent receipt
/// under 6 months, and the official fiche is followed.
pub const ADDRESS_REFUSED: &[Proof] = &[Proof {
    code: "not_in_applicant_name",
    label_fr: "document qui n'est pas au nom et prénom du demandeur (sauf hébergement)",
    label_en: "document not in the applicant's name (unless hosted)",
}];

// Prefecture era (until 2017-11-05).
doc!(
    P_FORM,
    "form_cerfa_13750",
    true,
    "Demande de certificat d'immatriculation (cerfa n° 13750*03), case « duplicata » cochée",
    "Application for a registration certificate (cerfa 13750*03), box 'duplicata' ticked",
    "toute demande en préfecture",
    "every prefecture request",
    "interieur.gouv.fr 2011-03-03; service-public F1726 (2015-01-06)"
);
doc!(
    P_LOSS_DECL,
    "loss_declaration",
    true,
    "Déclaration de perte (cerfa n° 13753*02), faite en préfecture en même temps que la demande ; 2 volets valables 1 mois",
    "Loss declaration (cerfa 13753*02), made at the prefecture together with the request; 2 parts valid 1 month",
    "motif : perte",
    "reason: loss",
    "interieur.gouv.fr 2011-03-03"
);
doc!(
    P_THEFT_DECL,
    "theft_declaration",
    true,
    "Déclaration de vol (cerfa n° 13753*02) enregistrée et tamponnée par la police ou la gendarmerie",
    "Theft declaration (cerfa 13753*02) recorded and stamped by the police or gendarmerie",
    "motif : vol",
    "reason: theft",
    "service-public F1726 (2015-01-06)"
);
doc!(
    P_ID,
    "identity_proof",
    true,
    "Justificatif d'identité de chaque cotitulaire (original et copie ; copie seule par courrier)",
    "Identity document of each co-holder (original and copy; copy only by post)",
    "toute demande en préfecture",
    "every prefecture request",
    "service-public F1726 (2015-01-06)"
);
doc!(
    P_DAMAGED,
    "damaged_certificate",
    true,
    "Le certificat d'immatriculation détérioré (original)",
    "The damaged registration certificate (original)",
    "motif : détérioration",
    "reason: damage",
    "service-public F1726 (2015-01-06); bouches-du-rhone.gouv.fr 2015"
);
doc!(
    P_PROCURATION,
    "procuration",
    true,
    "Procuration signée du titulaire et sa pièce d'identité",
    "Power of attorney signed by the holder, with the holder's identity document",
    "une autre personne agit pour le titulaire",
    "someone acts for the holder",
    "service-public F1726 (2015-01-06)"
);
doc!(
    P_LEASING,
    "leasing_attestation",
    true,
    "Attestation de la société de leasing",
    "Attestation of the leasing company",
    "véhicule en leasing",
    "leased vehicle",
    "interieur.gouv.fr 2011-03-03"
);
doc!(
    P_PAYMENT,
    "payment",
    true,
    "Règlement des taxes : espèces, chèque ou carte bancaire selon la préfecture",
    "Payment of the taxes: cash, cheque or bank card depending on the prefecture",
    "toute demande en préfecture",
    "every prefecture request",
    "interieur.gouv.fr 2011-03-03"
);

// Online era (from 2017-11-06).
doc!(
    O_ID,
    "identity_proof",
    true,
    "Copie numérique de la pièce d'identité du titulaire ou du cotitulaire",
    "Digital copy of the identity document of the holder or co-holder",
    "toute demande en ligne",
    "every online request",
    "service-public F1726 (2019-06-07, 2019-12-19, 2022-09-23); service-public F31853"
);
doc!(
    O_THEFT_DECL,
    "theft_declaration",
    true,
    "Déclaration de vol faite à la police ou à la gendarmerie, avant la demande",
    "Theft declaration made to the police or gendarmerie, before the request",
    "motif : vol",
    "reason: theft",
    "service-public F1726 (2019-12-19, 2022-09-23); arrêté du 9 février 2009 art. 17"
);
doc!(
    O_FOREIGN_DECL,
    "foreign_police_declaration",
    true,
    "Déclaration faite auprès de la police locale du pays du vol",
    "Declaration made to the local police of the country of the theft",
    "vol à l'étranger",
    "theft abroad",
    "service-public F1726 (2015-01-06, 2022-09-23)"
);
doc!(
    O_LOSS_DECL,
    "loss_declaration",
    false,
    "Déclaration de perte (cerfa n° 13753*04) : non exigée, mais utile en cas de contrôle routier",
    "Loss declaration (cerfa 13753*04): not required, but useful at a roadside check",
    "motif : perte",
    "reason: loss",
    "service-public R1417 (2020-05-07)"
);
doc!(
    O_DAMAGED,
    "damaged_certificate",
    false,
    "Conserver la carte grise détériorée : elle peut être réclamée ; la détruire 5 ans après le duplicata",
    "Keep the damaged certificate: it may be asked for; destroy it 5 years after the duplicata",
    "motif : détérioration",
    "reason: damage",
    "arrêté du 9 février 2009 art. 17; service-public F1726 (2022-09-23)"
);
doc!(
    O_MANDATE,
    "mandate",
    true,
    "Copie numérique du mandat signé (cerfa n° 13757*03)",
    "Digital copy of the signed mandate (cerfa 13757*03)",
    "un tiers fait la démarche",
    "a third party files the request",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public R1137"
);
doc!(
    O_HOLDER_ID,
    "holder_identity_copy",
    true,
    "Copie de la pièce d'identité du titulaire",
    "Copy of the holder's identity document",
    "un tiers fait la démarche",
    "a third party files the request",
    "service-public F1726 (2019-12-19, 2022-09-23)"
);
doc!(
    O_BANK_CARD,
    "bank_card",
    true,
    "Carte bancaire pour le paiement en ligne",
    "Bank card for the online payment",
    "toute demande en ligne",
    "every online request",
    "service-public F1726 (2019-06-07 onwards)"
);

// Any era.
doc!(
    TECHNICAL_INSPECTION,
    "technical_inspection",
    true,
    "Preuve d'un contrôle technique en cours de validité (sauf véhicule dispensé)",
    "Proof of a valid roadworthiness test (unless the vehicle is exempt)",
    "véhicule de plus de 4 ans",
    "vehicle more than 4 years old",
    "interieur.gouv.fr 2011-03-03; service-public F1726 (2015-01-06, 2022-09-23)"
);
doc!(
    TECHNICAL_INSPECTION_UNKNOWN_AGE,
    "technical_inspection",
    true,
    "Preuve d'un contrôle technique en cours de validité si le véhicule a plus de 4 ans (sauf véhicule dispensé)",
    "Proof of a valid roadworthiness test if the vehicle is more than 4 years old (unless exempt)",
    "date de première immatriculation non fournie",
    "first registration date not given",
    "interieur.gouv.fr 2011-03-03; service-public F1726 (2015-01-06, 2022-09-23)"
);
doc!(
    KBIS,
    "kbis",
    true,
    "Extrait Kbis (ou JAL) de moins de 2 ans de la société",
    "The company's Kbis extract (or legal notice) under 2 years",
    "titulaire : société",
    "holder: company",
    "service-public F31853 (2019-12-19)"
);
doc!(
    MINOR_ID,
    "minor_identity",
    true,
    "Justificatif d'identité du mineur (livret de famille ou extrait d'acte de naissance accepté s'il n'a pas de pièce d'identité)",
    "The minor's identity document (family record book or birth certificate extract accepted if none)",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)"
);
doc!(
    MINOR_ADDRESS,
    "minor_address_proof",
    true,
    "Justificatif de domicile du mineur, avec l'attestation sur l'honneur du parent qu'il habite à cette adresse",
    "The minor's proof of address, with the parent's sworn statement that the minor lives there",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)"
);
doc!(
    GUARDIAN_ID,
    "guardian_identity",
    true,
    "Pièce d'identité du parent ou du représentant de l'autorité parentale",
    "Identity document of the parent or legal guardian",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)"
);
doc!(
    INHERITANCE,
    "inheritance_proof",
    true,
    "Attestation du notaire, ou acte de décès et attestation des héritiers",
    "Notary's attestation, or death certificate and the heirs' attestation",
    "titulaire décédé",
    "deceased holder",
    "service-public F1480 (2020)"
);
doc!(
    HEIRS_MANDATE,
    "heirs_mandate",
    true,
    "Mandat des autres héritiers à l'héritier qui fait la démarche",
    "Mandate of the other heirs to the heir who files",
    "titulaire décédé",
    "deceased holder",
    "service-public F1480 (2020)"
);
doc!(
    LEASING_MANDATE,
    "leasing_mandate",
    true,
    "Mandat signé du représentant de la société de leasing",
    "Mandate signed by the leasing company's representative",
    "véhicule en leasing, demande par le locataire ou un professionnel",
    "leased vehicle, request by the lessee or a professional",
    "service-public F1726 (2019-12-19, 2022-09-23); comparateur-carte-grise.fr"
);

/// The proof of address, with what is accepted and refused.
pub(crate) const ADDRESS_PROOF: Document = Document {
    code: "address_proof",
    label_fr: "Justificatif de domicile de moins de 6 mois, au nom du demandeur",
    label_en: "Proof of address under 6 months, in the applicant's name",
    required: true,
    condition_fr: "demande en préfecture, ou changement d'adresse demandé en même temps",
    condition_en: "prefecture request, or change of address asked at the same time",
    source: "service-public F1726 (2015-01-06); service-public F1028 (2020-10-13)",
    accepted: ADDRESS_ACCEPTED,
    refused: ADDRESS_REFUSED,
};

/// The checklist for a carte-grise duplicata request.
pub(crate) fn checklist(params: &ParameterSet, req: &Request) -> Vec<&'static Document> {
    let mut out: Vec<&'static Document> = Vec::with_capacity(8);
    let online = req.date >= params.dates.online_only_start.date;
    let reason = req.reason;
    let third_party = matches!(
        req.applicant,
        Applicant::MandateHolder | Applicant::Lessee | Applicant::Professional
    );
    let theft = req.theft.unwrap_or_default();
    if online {
        out.push(&O_ID);
        match reason {
            Some(Reason::Theft) => {
                if theft.abroad {
                    out.push(&O_FOREIGN_DECL);
                }
                out.push(&O_THEFT_DECL);
            }
            Some(Reason::Loss) => out.push(&O_LOSS_DECL),
            Some(Reason::Damage) => out.push(&O_DAMAGED),
            None => {}
        }
        if third_party {
            out.push(&O_MANDATE);
            out.push(&O_HOLDER_ID);
        }
        if req.change_of_address {
            out.push(&ADDRESS_PROOF);
        }
    } else {
        out.push(&P_FORM);
        out.push(&P_ID);
        out.push(&ADDRESS_PROOF);
        match reason {
            Some(Reason::Theft) => {
                if theft.abroad {
                    out.push(&O_FOREIGN_DECL);
                }
                out.push(&P_THEFT_DECL);
            }
            Some(Reason::Loss) => out.push(&P_LOSS_DECL),
            Some(Reason::Damage) => out.push(&P_DAMAGED),
            None => {}
        }
        if third_party {
            out.push(&P_PROCURATION);
        }
    }
    if req.holder.kind == HolderKind::LeasingCompany {
        if online {
            if matches!(req.applicant, Applicant::Lessee | Applicant::Professional) {
                out.push(&LEASING_MANDATE);
            }
        } else {
            out.push(&P_LEASING);
        }
    }
    if matches!(
        req.holder.kind,
        HolderKind::Company | HolderKind::LeasingCompany
    ) && req.applicant == Applicant::Holder
    {
        out.push(&KBIS);
    }
    // Listed from the fiche of 2019-12-19, the only source for them.
    if req.holder.minor && req.date >= params.dates.co_holder_and_mandate_start.date {
        out.push(&MINOR_ID);
        out.push(&MINOR_ADDRESS);
        out.push(&GUARDIAN_ID);
    }
    if req.holder.deceased && req.applicant == Applicant::Heir {
        out.push(&INHERITANCE);
        out.push(&HEIRS_MANDATE);
    }
    match technical_inspection_needed(params, req) {
        Some(true) => out.push(&TECHNICAL_INSPECTION),
        None => out.push(&TECHNICAL_INSPECTION_UNKNOWN_AGE),
        Some(false) => {}
    }
    if online {
        out.push(&O_BANK_CARD);
    } else {
        out.push(&P_PAYMENT);
    }
    out
}

/// Whether the vehicle is over the age at which a valid contrôle technique is required
/// (`None` when the first registration date is not given, or the age is unknown on that date: no
/// age is guessed).
fn technical_inspection_needed(params: &ParameterSet, req: &Request) -> Option<bool> {
    let first = req.vehicle.as_ref()?.first_registration?;
    let years = params
        .scalars
        .technical_inspection_age_years
        .at(req.date)
        .and_then(|p| p.value)?;
    Some(older_than(first, req.date, years))
}

fn older_than(first: NaiveDate, date: NaiveDate, years: u32) -> bool {
    years
        .checked_mul(12)
        .and_then(|months| first.checked_add_months(Months::new(months)))
        .is_some_and(|limit| limit < date)
}
