//! The documents a duplicata request needs, by reason, applicant, period and vehicle.
//!
//! Prefecture era (until 2017-11-05): originals and copies brought to a prefecture or sent by post
//! (service-public F1726 2015-01-06; interieur.gouv.fr 2011-03-03). Online era (from 2017-11-06):
//! digital copies uploaded to the ANTS service, the rest kept at the administration's disposal
//! (arrêté du 9 février 2009 art. 17; service-public F1726 2019–2022).

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::eras::{
    ADDRESS_2015, ALWAYS, CERFA_13750_03, CERFA_13750_05, CERFA_13753_02, CERFA_13753_04,
    FROM_F1028, FROM_F31853, FROM_FRANCE_SERVICES, MANDATE_ERA, ONLINE_ERA, PREFECTURE_ERA, Period,
};
use crate::contract::request::{Applicant, HolderKind, Reason, Request};
use crate::params::ParameterSet;

pub(crate) use super::address::{ADDRESS_ACCEPTED, ADDRESS_REFUSED, Proof};

/// One item of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Stable code, e.g. `theft_declaration`.
    pub code: &'static str,
    /// The document as named in French.
    pub label_fr: &'static str,
    /// The document in English.
    pub label_en: &'static str,
    /// `false` for a document that is recommended or kept, not handed in.
    pub required: bool,
    /// The condition that made it part of the list.
    pub condition_fr: &'static str,
    /// The same condition in English.
    pub condition_en: &'static str,
    /// The text that requires the document (fiche, article, date).
    pub source: &'static str,
    /// For a proof of address: what is accepted and what is refused.
    #[serde(skip_serializing_if = "<[Proof]>::is_empty")]
    pub accepted: &'static [Proof],
    /// For a proof of address: what is refused.
    #[serde(skip_serializing_if = "<[Proof]>::is_empty")]
    pub refused: &'static [Proof],
    /// The period in which the item (with its form version) applies, and its source.
    pub period: Period,
}

macro_rules! doc {
    ($name:ident, $code:literal, $req:literal, $fr:literal, $en:literal, $cfr:literal, $cen:literal, $src:literal) => {
        doc!($name, $code, $req, $fr, $en, $cfr, $cen, $src, ALWAYS);
    };
    ($name:ident, $code:literal, $req:literal, $fr:literal, $en:literal, $cfr:literal, $cen:literal, $src:literal, $period:expr) => {
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
            period: $period,
        };
    };
}

// Prefecture era (until 2017-11-05).
doc!(
    P_FORM,
    "form_cerfa_13750",
    true,
    "Demande de certificat d'immatriculation (cerfa n° 13750*03), case « duplicata » cochée",
    "Application for a registration certificate (cerfa 13750*03), box 'duplicata' ticked",
    "toute demande en préfecture",
    "every prefecture request",
    "interieur.gouv.fr 2011-03-03; service-public F1726 (2015-01-06)",
    CERFA_13750_03
);
doc!(
    P_LOSS_DECL,
    "loss_declaration",
    true,
    "Déclaration de perte (cerfa n° 13753*02), faite en préfecture en même temps que la demande ; 2 volets valables 1 mois",
    "Loss declaration (cerfa 13753*02), made at the prefecture together with the request; 2 parts valid 1 month",
    "motif : perte",
    "reason: loss",
    "interieur.gouv.fr 2011-03-03",
    CERFA_13753_02
);
doc!(
    P_THEFT_DECL,
    "theft_declaration",
    true,
    "Déclaration de vol (cerfa n° 13753*02) enregistrée et tamponnée par la police ou la gendarmerie",
    "Theft declaration (cerfa 13753*02) recorded and stamped by the police or gendarmerie",
    "motif : vol",
    "reason: theft",
    "service-public F1726 (2015-01-06)",
    CERFA_13753_02
);
doc!(
    P_ID,
    "identity_proof",
    true,
    "Justificatif d'identité de chaque cotitulaire (original et copie ; copie seule par courrier)",
    "Identity document of each co-holder (original and copy; copy only by post)",
    "toute demande en préfecture",
    "every prefecture request",
    "service-public F1726 (2015-01-06)",
    PREFECTURE_ERA
);
doc!(
    P_DAMAGED,
    "damaged_certificate",
    true,
    "Le certificat d'immatriculation détérioré (original)",
    "The damaged registration certificate (original)",
    "motif : détérioration",
    "reason: damage",
    "service-public F1726 (2015-01-06); bouches-du-rhone.gouv.fr 2015",
    PREFECTURE_ERA
);
doc!(
    P_PROCURATION,
    "procuration",
    true,
    "Procuration signée du titulaire et sa pièce d'identité",
    "Power of attorney signed by the holder, with the holder's identity document",
    "une autre personne agit pour le titulaire",
    "someone acts for the holder",
    "service-public F1726 (2015-01-06)",
    PREFECTURE_ERA
);
doc!(
    P_LEASING,
    "leasing_attestation",
    true,
    "Attestation de la société de leasing",
    "Attestation of the leasing company",
    "véhicule en leasing",
    "leased vehicle",
    "interieur.gouv.fr 2011-03-03",
    PREFECTURE_ERA
);
doc!(
    P_PAYMENT,
    "payment",
    true,
    "Règlement des taxes : espèces, chèque ou carte bancaire selon la préfecture",
    "Payment of the taxes: cash, cheque or bank card depending on the prefecture",
    "toute demande en préfecture",
    "every prefecture request",
    "interieur.gouv.fr 2011-03-03",
    PREFECTURE_ERA
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
    "service-public F1726 (2019-06-07, 2019-12-19, 2022-09-23); service-public F31853",
    ONLINE_ERA
);
doc!(
    O_THEFT_DECL,
    "theft_declaration",
    true,
    "Déclaration de vol faite à la police ou à la gendarmerie, avant la demande",
    "Theft declaration made to the police or gendarmerie, before the request",
    "motif : vol",
    "reason: theft",
    "service-public F1726 (2019-12-19, 2022-09-23); arrêté du 9 février 2009 art. 17",
    ONLINE_ERA
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
    "service-public R1417 (2020-05-07)",
    CERFA_13753_04
);
doc!(
    O_DAMAGED,
    "damaged_certificate",
    false,
    "Conserver la carte grise détériorée : elle peut être réclamée ; la détruire 5 ans après le duplicata",
    "Keep the damaged certificate: it may be asked for; destroy it 5 years after the duplicata",
    "motif : détérioration",
    "reason: damage",
    "arrêté du 9 février 2009 art. 17; service-public F1726 (2022-09-23)",
    ONLINE_ERA
);
doc!(
    O_MANDATE,
    "mandate",
    true,
    "Copie numérique du mandat signé (cerfa n° 13757*03)",
    "Digital copy of the signed mandate (cerfa 13757*03)",
    "un tiers fait la démarche",
    "a third party files the request",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public R1137",
    MANDATE_ERA
);
doc!(
    O_HOLDER_ID,
    "holder_identity_copy",
    true,
    "Copie de la pièce d'identité du titulaire",
    "Copy of the holder's identity document",
    "un tiers fait la démarche",
    "a third party files the request",
    "service-public F1726 (2019-12-19, 2022-09-23)",
    MANDATE_ERA
);
doc!(
    O_BANK_CARD,
    "bank_card",
    true,
    "Carte bancaire pour le paiement en ligne",
    "Bank card for the online payment",
    "toute demande en ligne",
    "every online request",
    "service-public F1726 (2019-06-07 onwards)",
    ONLINE_ERA
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
    "service-public F31853 (2019-12-19)",
    FROM_F31853
);
doc!(
    MINOR_ID,
    "minor_identity",
    true,
    "Justificatif d'identité du mineur (livret de famille ou extrait d'acte de naissance accepté s'il n'a pas de pièce d'identité)",
    "The minor's identity document (family record book or birth certificate extract accepted if none)",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)",
    MANDATE_ERA
);
doc!(
    MINOR_ADDRESS,
    "minor_address_proof",
    true,
    "Justificatif de domicile du mineur, avec l'attestation sur l'honneur du parent qu'il habite à cette adresse",
    "The minor's proof of address, with the parent's sworn statement that the minor lives there",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)",
    MANDATE_ERA
);
doc!(
    GUARDIAN_ID,
    "guardian_identity",
    true,
    "Pièce d'identité du parent ou du représentant de l'autorité parentale",
    "Identity document of the parent or legal guardian",
    "titulaire mineur",
    "minor holder",
    "service-public F1726 (2019-12-19, 2022-09-23)",
    MANDATE_ERA
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
    "service-public F1726 (2019-12-19, 2022-09-23); comparateur-carte-grise.fr",
    MANDATE_ERA
);

// Forms of a date no source versions: the form is named without its version, and says so.
doc!(
    P_FORM_05,
    "form_cerfa_13750",
    true,
    "Demande de certificat d'immatriculation (cerfa n° 13750*05), case « duplicata » cochée",
    "Application for a registration certificate (cerfa 13750*05), box 'duplicata' ticked",
    "toute demande en préfecture",
    "every prefecture request",
    "seed 003 (about 2017-2020)",
    CERFA_13750_05
);
doc!(
    P_FORM_UNVERSIONED,
    "form_cerfa_13750",
    true,
    "Demande de certificat d'immatriculation (cerfa n° 13750, dans sa version en vigueur : aucune source ne date la version de ce jour), case « duplicata » cochée",
    "Application for a registration certificate (cerfa 13750, in its version in force: no source dates the version of this day), box 'duplicata' ticked",
    "toute demande en préfecture",
    "every prefecture request",
    "service-public F1726 (2015-01-06); versions *03 (2011-2015) and *05 (2017) only are dated: low confidence",
    PREFECTURE_ERA
);
doc!(
    P_LOSS_DECL_UNVERSIONED,
    "loss_declaration",
    true,
    "Déclaration de perte (cerfa n° 13753, dans sa version en vigueur : aucune source ne date la version de ce jour), faite en préfecture en même temps que la demande ; 2 volets valables 1 mois",
    "Loss declaration (cerfa 13753, in its version in force: no source dates the version of this day), made at the prefecture together with the request; 2 parts valid 1 month",
    "motif : perte",
    "reason: loss",
    "interieur.gouv.fr 2011-03-03 (seed 004); version *02 dated 2011-2015 only: low confidence",
    PREFECTURE_ERA
);
doc!(
    P_THEFT_DECL_UNVERSIONED,
    "theft_declaration",
    true,
    "Déclaration de vol (cerfa n° 13753, dans sa version en vigueur : aucune source ne date la version de ce jour) enregistrée et tamponnée par la police ou la gendarmerie",
    "Theft declaration (cerfa 13753, in its version in force: no source dates the version of this day) recorded and stamped by the police or gendarmerie",
    "motif : vol",
    "reason: theft",
    "service-public F1726 (2015-01-06); version *02 dated 2011-2015 only: low confidence",
    PREFECTURE_ERA
);
doc!(
    O_LOSS_DECL_UNVERSIONED,
    "loss_declaration",
    false,
    "Déclaration de perte (cerfa n° 13753, version de ce jour non datée par les sources) : non exigée, mais utile en cas de contrôle routier",
    "Loss declaration (cerfa 13753, version of this day not dated by the sources): not required, but useful at a roadside check",
    "motif : perte",
    "reason: loss",
    "service-public R1417 (2020-05-07), later than the date asked: version *04 dated from 2020 only",
    ONLINE_ERA
);
doc!(
    P_LOSS_ABROAD,
    "foreign_police_declaration",
    false,
    "Perte à l'étranger : déclaration faite auprès de la police locale ; de retour en France, faire les démarches en préfecture",
    "Loss abroad: declaration made to the local police; back in France, file at a prefecture",
    "perte à l'étranger",
    "loss abroad",
    "interieur.gouv.fr 2011-03-03 (seed 004)",
    PREFECTURE_ERA
);
doc!(
    P_ADDRESS,
    "address_proof",
    true,
    "Justificatif de domicile (original et copie ; copie seule par courrier)",
    "Proof of address (original and copy; copy only by post)",
    "demande en préfecture (fiche de 2015)",
    "prefecture request (fiche of 2015)",
    "service-public F1726 (2015-01-06)",
    Period::new(
        Some("2015-01-06"),
        Some("2017-11-05"),
        "service-public F1726 (2015-01-06); absent from interieur.gouv.fr 2011-03-03 (seed 004)"
    )
);
doc!(
    HOLDER_KBIS,
    "holder_kbis",
    true,
    "Extrait Kbis (ou JAL) de moins de 2 ans de la société titulaire : son justificatif d'identité",
    "The holder company's Kbis extract (or legal notice) under 2 years: its identity proof",
    "un tiers agit pour une société titulaire (leasing)",
    "a third party acts for a company holder (leasing)",
    "service-public F31853 (2019-12-19); service-public F1726 (2022-09-23)",
    FROM_F31853
);
doc!(
    O_INFORMATION,
    "online_information",
    true,
    "Informations à saisir : identité du titulaire ou du cotitulaire (nom, prénoms, sexe, date et lieu de naissance, numéro de téléphone, adresse électronique) et numéro d'immatriculation",
    "Information to enter: identity of the holder or co-holder (name, first names, sex, date and place of birth, phone number, e-mail address) and the registration number",
    "toute demande en ligne",
    "every online request",
    "service-public F1726 (2019-06-07, 2022-09-23; seed 002)",
    ONLINE_ERA
);
doc!(
    O_DIGITAL_COPY,
    "digital_copy_device",
    true,
    "Un dispositif de copie numérique (scanner, appareil photo numérique, smartphone ou tablette équipé d'une fonction photo)",
    "A digital copy device (scanner, digital camera, smartphone or tablet with a camera)",
    "toute demande en ligne",
    "every online request",
    "service-public F1726 (2022-09-23; seed 002)",
    ONLINE_ERA
);
doc!(
    O_HELP_POINTS,
    "help_digital_points",
    false,
    "Sans équipement ou en difficulté : points numériques (ordinateurs, imprimantes, scanners) dans chaque préfecture et la plupart des sous-préfectures, avec des médiateurs numériques",
    "Without equipment or in difficulty: digital points (computers, printers, scanners) in every prefecture and most sous-préfectures, with digital mediators",
    "aide à la démarche en ligne",
    "help with the online request",
    "service-public F1726 (2019-06-07, 2022-09-23; seed 002); plan préfectures nouvelle génération 2017",
    ONLINE_ERA
);
doc!(
    O_HELP_FRANCE_SERVICES,
    "help_france_services",
    false,
    "Accompagnement possible dans une maison France Services",
    "Help available at a France Services house",
    "aide à la démarche en ligne",
    "help with the online request",
    "service-public F1726 (2022-09-23; seed 002)",
    FROM_FRANCE_SERVICES
);

doc!(
    P_ID_2011,
    "identity_proof",
    true,
    "Justificatif d'identité",
    "Identity document",
    "toute demande en préfecture",
    "every prefecture request",
    "interieur.gouv.fr 2011-03-03 (seed 004): 'un justificatif d'identité'",
    Period::new(
        None,
        Some("2015-01-05"),
        "interieur.gouv.fr 2011-03-03 (seed 004)"
    )
);
/// The identity proof at the counter: seed 004's wording until the fiche of 2015-01-06.
const IDS: &[(Document, Period)] = &[
    (
        P_ID_2011,
        Period::new(
            None,
            Some("2015-01-05"),
            "interieur.gouv.fr 2011-03-03 (seed 004)",
        ),
    ),
    (P_ID, PREFECTURE_ERA),
];
/// The cerfa 13750 by date: the dated versions, else the form without its version.
const FORMS: &[(Document, Period)] = &[
    (P_FORM, CERFA_13750_03),
    (P_FORM_05, CERFA_13750_05),
    (P_FORM_UNVERSIONED, PREFECTURE_ERA),
];
const LOSS_DECLARATIONS: &[(Document, Period)] = &[
    (P_LOSS_DECL, CERFA_13753_02),
    (P_LOSS_DECL_UNVERSIONED, PREFECTURE_ERA),
    (O_LOSS_DECL, CERFA_13753_04),
    (O_LOSS_DECL_UNVERSIONED, ONLINE_ERA),
];
const THEFT_DECLARATIONS: &[(Document, Period)] = &[
    (P_THEFT_DECL, CERFA_13753_02),
    (P_THEFT_DECL_UNVERSIONED, PREFECTURE_ERA),
    (O_THEFT_DECL, ONLINE_ERA),
];
const ADDRESS_PROOFS: &[(Document, Period)] = &[
    (ADDRESS_PROOF, FROM_F1028),
    (ADDRESS_PROOF_2015, ADDRESS_2015),
];

/// The proof of address for a change of address online before the list of F1028 (2020-10-13).
pub(crate) const ADDRESS_PROOF_2015: Document = Document {
    code: "address_proof",
    label_fr: "Justificatif de domicile de moins de 6 mois, au nom du demandeur",
    label_en: "Proof of address under 6 months, in the applicant's name",
    required: true,
    condition_fr: "changement d'adresse demandé en même temps",
    condition_en: "change of address asked at the same time",
    source: "service-public F1726 (2015-01-06); seed 003 (about 2017-2020)",
    accepted: &[],
    refused: &[],
    period: ADDRESS_2015,
};

/// Every period of this file's tables (checked by the tests).
#[cfg(test)]
fn all_periods() -> Vec<Period> {
    FORMS
        .iter()
        .chain(IDS)
        .chain(LOSS_DECLARATIONS)
        .chain(THEFT_DECLARATIONS)
        .chain(ADDRESS_PROOFS)
        .map(|(d, p)| {
            debug_assert_eq!(d.period, *p);
            *p
        })
        .collect()
}

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
    period: FROM_F1028,
};

/// The checklist for a carte-grise duplicata request.
pub(crate) fn checklist(params: &ParameterSet, req: &Request) -> Vec<&'static Document> {
    use super::eras::pick;
    let mut out: Vec<&'static Document> = Vec::with_capacity(12);
    let date = req.date;
    let online = date >= params.dates.online_only_start.date;
    let reason = req.reason;
    let leased = req.holder.kind == HolderKind::LeasingCompany;
    let company = matches!(
        req.holder.kind,
        HolderKind::Company | HolderKind::LeasingCompany
    );
    let third_party = matches!(
        req.applicant,
        Applicant::MandateHolder | Applicant::Lessee | Applicant::Professional
    );
    let theft = req.theft.unwrap_or_default();
    let loss_abroad = reason == Some(Reason::Loss) && req.loss.is_some_and(|l| l.abroad);
    let declaration = |out: &mut Vec<&'static Document>| match reason {
        Some(Reason::Theft) => {
            if theft.abroad {
                out.push(&O_FOREIGN_DECL);
            }
            out.extend(pick(THEFT_DECLARATIONS, date));
        }
        Some(Reason::Loss) => out.extend(pick(LOSS_DECLARATIONS, date)),
        Some(Reason::Damage) => out.push(if online { &O_DAMAGED } else { &P_DAMAGED }),
        None => {}
    };
    if online {
        out.push(&O_INFORMATION);
        out.push(&O_ID);
        declaration(&mut out);
        if third_party {
            // A leased vehicle: the company's mandate and its Kbis (its identity proof), not a
            // second mandate and a person's ID (service-public F1726 2022-09-23, F31853).
            if leased {
                out.push(&LEASING_MANDATE);
            } else {
                out.push(&O_MANDATE);
            }
            out.push(if company { &HOLDER_KBIS } else { &O_HOLDER_ID });
        }
        if req.change_of_address {
            out.extend(pick(ADDRESS_PROOFS, date).filter(|d| d.code == "address_proof"));
        }
    } else {
        out.extend(pick(FORMS, date));
        out.extend(pick(IDS, date));
        // Seed 004 (2011) lists no proof of address; the fiche of 2015 does.
        out.push(&P_ADDRESS);
        declaration(&mut out);
        if loss_abroad {
            out.push(&P_LOSS_ABROAD);
        }
        if third_party && !leased {
            out.push(&P_PROCURATION);
        }
        if leased {
            out.push(&P_LEASING);
        }
    }
    if company && req.applicant == Applicant::Holder {
        out.push(&KBIS);
    }
    // Listed from the fiche of 2019-12-19, the only source for them (a "mineur non émancipé").
    if req.holder.minor_not_emancipated() && date >= params.dates.co_holder_and_mandate_start.date {
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
        out.push(&O_DIGITAL_COPY);
        out.push(&O_HELP_POINTS);
        out.push(&O_HELP_FRANCE_SERVICES);
    } else {
        out.push(&P_PAYMENT);
    }
    // One rule for every item: a document applies only within its dated period.
    out.retain(|d| d.period.covers(date));
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

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;
