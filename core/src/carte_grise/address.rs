//! The proofs of address: what service-public F1028 (2020-10-13) accepts and refuses.

use serde::Serialize;

/// A kind of proof of address, accepted or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proof {
    /// Stable code of the proof, e.g. `energy_or_water_bill`.
    pub code: &'static str,
    /// The proof as named in French (service-public F1028).
    pub label_fr: &'static str,
    /// The proof in English.
    pub label_en: &'static str,
}

/// Proofs of address accepted by service-public F1028 (2020-10-13), in the applicant's name, under
/// 6 months where dated.
pub(crate) const ADDRESS_ACCEPTED: &[Proof] = &[
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
pub(crate) const ADDRESS_REFUSED: &[Proof] = &[Proof {
    code: "not_in_applicant_name",
    label_fr: "document qui n'est pas au nom et prénom du demandeur (sauf hébergement)",
    label_en: "document not in the applicant's name (unless hosted)",
}];
