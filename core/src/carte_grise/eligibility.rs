//! Who may apply for a carte-grise duplicata (code de la route R322-10; service-public F1726, F1480,
//! F31853), why not when not, and what would make the request eligible.

use super::eras::{Coverage, MANDATE_ERA, Period};
use crate::contract::outcome::Eligibility;
use crate::contract::request::{Applicant, HolderKind, Reason, Request};
use crate::explain::notes::Note;
use crate::model::money::Confidence;
use crate::model::plate::PlateSystem;
use crate::params::{ParameterSet, ProfessionalRule};

macro_rules! note {
    ($name:ident, $code:literal, $fr:literal, $en:literal, $src:expr) => {
        pub(crate) const $name: Note = Note {
            code: $code,
            message_fr: $fr,
            message_en: $en,
            source: $src,
        };
    };
}

/// The minor rule is read only in the fiche of 2019-12-19 (seed 002 is its 2022 version).
const MINOR_RULE: Period = MANDATE_ERA;

const F1726: &str = "service-public F1726 (2019-12-19, 2022-09-23); code de la route R322-10";

note!(
    WHO_HOLDER,
    "holder",
    "le titulaire de la carte grise (propriétaire du véhicule)",
    "the holder of the certificate (the vehicle's owner)",
    "service-public F1726 (2019-06-07 onwards); code de la route R322-10"
);
note!(
    WHO_CO_HOLDER,
    "co_holder",
    "le cotitulaire (copropriétaire)",
    "a co-holder (co-owner)",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    WHO_MANDATE,
    "mandate_holder",
    "le titulaire d'un mandat signé, avec la pièce d'identité du titulaire",
    "the holder of a signed mandate, with the holder's identity document",
    "service-public F1726 (2019-12-19 onwards); cerfa 13757*03"
);
note!(
    WHO_LEASING,
    "leasing_company",
    "la société de leasing propriétaire, ou la personne à qui elle donne un mandat, ou un professionnel habilité",
    "the leasing company that owns the vehicle, or the person it gives a mandate to, or an authorised professional",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    WHO_PROCURATION,
    "mandate_holder",
    "une personne munie d'une procuration signée du titulaire et de sa pièce d'identité",
    "a person with a power of attorney signed by the holder, and the holder's identity document",
    "service-public F1726 (2015-01-06)"
);
note!(
    WHO_LEASING_2019,
    "leasing_company",
    "la société de leasing propriétaire, qui fait elle-même la demande",
    "the leasing company that owns the vehicle, which files the request itself",
    "service-public F1726 (2019-06-07)"
);
note!(
    WHO_LEASING_2011,
    "leasing_company",
    "la société de leasing, ou le locataire avec l'attestation de la société",
    "the leasing company, or the lessee with the company's attestation",
    "interieur.gouv.fr 2011-03-03 (seed 004)"
);
note!(
    WHO_GUARDIAN,
    "legal_guardian",
    "pour un titulaire mineur : la personne ou l'institution investie de l'autorité parentale ou du droit de garde, qui signe la demande",
    "for a minor holder: the person or institution with parental authority or custody, who signs the request",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    WHO_HEIRS,
    "heir",
    "pour un titulaire décédé : les héritiers, avec l'attestation du notaire (ou l'acte de décès et l'attestation des héritiers) et le mandat des autres héritiers",
    "for a deceased holder: the heirs, with the notary's attestation (or the death certificate and the heirs' attestation) and the other heirs' mandate",
    "service-public F1480 (2020)"
);
note!(
    WHO_COMPANY,
    "company",
    "pour une société : son représentant légal",
    "for a company: its legal representative",
    "service-public F31853 (2019-12-19)"
);

note!(
    NOT_VEHICLE_STOLEN,
    "vehicle.stolen",
    "aucun duplicata n'est délivré pour un véhicule déclaré volé",
    "no duplicata is issued for a vehicle declared stolen",
    "prefecture-era wording of service-public F1726 (about 2011-2014), via centralecartegrise.fr and yvrelepolin.fr"
);
note!(
    NOT_PROVISIONAL,
    "plate.provisional",
    "un numéro provisoire WW relève d'un certificat provisoire (2 mois), pas d'un duplicata",
    "a provisional WW number belongs to a provisional certificate (2 months), not to a duplicata",
    "service-public F16542 (2020); code de la route R322-10"
);
note!(
    NOT_THEFT_UNDECLARED,
    "theft.not_declared",
    "le vol doit d'abord être déclaré à la police ou à la gendarmerie",
    "the theft must first be declared to the police or the gendarmerie",
    "service-public F1726 (2015-01-06, 2019-12-19, 2022-09-23)"
);
note!(
    NOT_THEFT_ABROAD,
    "theft.abroad_not_declared_in_france",
    "un vol à l'étranger doit aussi être déclaré en France au retour, avant la demande",
    "a theft abroad must also be declared in France on return, before the request",
    "service-public F1726 (2015-01-06, 2022-09-23)"
);
note!(
    NOT_MINOR_HOLDER,
    "applicant.minor_holder",
    "un titulaire mineur ne peut pas faire lui-même la demande",
    "a minor holder cannot file the request himself or herself",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    NOT_HOLDER_DECEASED,
    "applicant.holder_deceased",
    "le titulaire est décédé : la demande revient aux héritiers",
    "the holder has died: the heirs must apply",
    "service-public F1480 (2020)"
);
note!(
    NOT_MANDATE_UNSIGNED,
    "mandate.not_signed",
    "le mandat doit être signé par le titulaire",
    "the mandate must be signed by the holder",
    "service-public F1726 (2019-12-19 onwards); cerfa 13757*03"
);
note!(
    NOT_MANDATE_NO_ID,
    "mandate.missing_holder_id",
    "il faut la copie de la pièce d'identité du titulaire",
    "a copy of the holder's identity document is needed",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    NOT_GUARDIAN_ADULT,
    "applicant.guardian_without_minor",
    "la demande par le représentant légal ne concerne qu'un titulaire mineur",
    "a request by a legal guardian is only for a minor holder",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    NOT_LESSEE_NOT_LEASED,
    "applicant.lessee_without_leasing",
    "le locataire n'a de rôle que si la carte grise est au nom d'une société de leasing",
    "a lessee has a role only when the certificate is in a leasing company's name",
    F1726
);
note!(
    NOT_LESSEE_ALONE,
    "applicant.lessee_alone",
    "la carte grise est au nom de la société de leasing : c'est elle qui fait la demande, ou qui vous donne un mandat",
    "the certificate is in the leasing company's name: it files the request, or gives you a mandate",
    F1726
);
note!(
    NOT_HEIR_NO_DEATH,
    "applicant.heir_without_deceased",
    "la demande par un héritier suppose le décès du titulaire",
    "a request by an heir requires the holder's death",
    "service-public F1480 (2020)"
);
note!(
    NOT_HEIR_PROOF,
    "heirs.missing_proof",
    "il faut l'attestation du notaire, ou l'acte de décès et l'attestation des héritiers",
    "the notary's attestation, or the death certificate and the heirs' attestation, is needed",
    "service-public F1480 (2020)"
);
note!(
    NOT_HEIR_MANDATE,
    "heirs.missing_mandate",
    "il faut le mandat des autres héritiers",
    "the other heirs' mandate is needed",
    "service-public F1480 (2020)"
);
note!(
    NOT_PROFESSIONAL,
    "applicant.professional_not_allowed",
    "un professionnel habilité ne fait la demande de duplicata que pour un véhicule d'une société de leasing",
    "an authorised professional files a duplicata only for a vehicle held by a leasing company",
    "service-public F1726 (2020) against F20324 (2020): engine default"
);
note!(
    NOT_PROFESSIONAL_NEVER,
    "applicant.professional_never",
    "un professionnel ne peut pas faire la demande de duplicata",
    "a professional cannot file a duplicata request",
    "parameter eligibility.professional"
);

note!(
    NOT_HOLDER_ONLY,
    "applicant.holder_only",
    "à cette date, la demande en ligne ne peut être faite que par le titulaire (cotitulaire et mandataire admis plus tard)",
    "on this date, the online request can only be filed by the holder (co-holders and mandate holders came later)",
    "service-public F1726 (2019-06-07): 'ne peut être réalisée que par le titulaire'; co-holder and mandate from the version of 2019-12-19"
);
note!(
    FIX_HOLDER_ONLY,
    "holder_applies_himself",
    "faire la demande par le titulaire lui-même",
    "have the holder file the request",
    "service-public F1726 (2019-06-07)"
);
note!(
    FIX_DECLARE_THEFT,
    "declare_theft",
    "déclarer le vol au commissariat ou à la gendarmerie (pré-plainte en ligne possible, signature sur place)",
    "declare the theft to the police or gendarmerie (online pre-complaint possible, signed on site)",
    "service-public F1726 (2022-09-23)"
);
note!(
    FIX_DECLARE_IN_FRANCE,
    "declare_theft_in_france",
    "déclarer de nouveau le vol en France auprès de la police ou de la gendarmerie",
    "declare the theft again in France to the police or gendarmerie",
    "service-public F1726 (2022-09-23)"
);
note!(
    FIX_GUARDIAN,
    "guardian_signs",
    "faire signer la demande par la personne investie de l'autorité parentale (demandeur : le représentant légal)",
    "have the request signed by the person with parental authority (applicant: legal_guardian)",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    FIX_HEIRS,
    "heirs_apply",
    "faire la demande en tant qu'héritier (demandeur : heir), avec les justificatifs de succession",
    "file as an heir (applicant: heir), with the proofs of inheritance",
    "service-public F1480 (2020)"
);
note!(
    FIX_SIGN_MANDATE,
    "sign_mandate",
    "obtenir un mandat signé (cerfa 13757) et la copie de la pièce d'identité du titulaire",
    "obtain a signed mandate (cerfa 13757) and a copy of the holder's identity document",
    "service-public F1726 (2019-12-19 onwards); cerfa 13757*03"
);
note!(
    FIX_LEASING_APPLIES,
    "leasing_company_applies",
    "signaler la perte à la société de leasing, qui fait la demande ou vous donne un mandat",
    "tell the leasing company, which files the request or gives you a mandate",
    F1726
);
note!(
    FIX_HOLDER_APPLIES,
    "holder_applies",
    "faire la demande par le titulaire ou le cotitulaire, ou avec son mandat signé",
    "have the holder or a co-holder file the request, or obtain the holder's signed mandate",
    F1726
);
note!(
    FIX_HEIR_PROOF,
    "provide_inheritance_proof",
    "fournir l'attestation du notaire, ou l'acte de décès et l'attestation des héritiers",
    "provide the notary's attestation, or the death certificate and the heirs' attestation",
    "service-public F1480 (2020)"
);
note!(
    FIX_HEIR_MANDATE,
    "provide_heirs_mandate",
    "obtenir le mandat des autres héritiers",
    "obtain the other heirs' mandate",
    "service-public F1480 (2020)"
);
note!(
    FIX_FIND_VEHICLE,
    "vehicle_found",
    "la demande redevient possible quand le véhicule est retrouvé",
    "the request becomes possible once the vehicle is found",
    "prefecture-era wording of service-public F1726"
);

note!(
    NOT_MINOR_HOLDER_UNDATED,
    "applicant.minor_holder",
    "un titulaire mineur ne peut pas faire lui-même la demande (règle lue dans la fiche de 2019-12-19 : aucune source de cette époque, source postérieure)",
    "a minor holder cannot file the request himself or herself (rule read in the fiche of 2019-12-19: no source of this era, later source)",
    "service-public F1726 (2019-12-19 onwards), later than the date asked: low confidence"
);
note!(
    NOT_LESSEE_COMPANY_FILES,
    "applicant.lessee_alone",
    "la carte grise est au nom de la société de leasing : c'est elle qui doit faire la demande",
    "the certificate is in the leasing company's name: the company must file the request",
    "service-public F1726 (2019-06-07); mandate and professional options only from the version of 2019-12-19"
);
note!(
    FIX_LEASING_FILES,
    "leasing_company_applies",
    "signaler la perte à la société de leasing, qui fait la demande",
    "tell the leasing company, which files the request",
    "service-public F1726 (2019-06-07)"
);
note!(
    FIX_LEASING_MANDATE,
    "leasing_mandate",
    "obtenir le mandat signé du représentant de la société de leasing",
    "obtain the mandate signed by the leasing company's representative",
    F1726
);

// Conditions: facts the request does not state; their codes are those of the documents that prove
// them (each condition is also in the checklist).
note!(
    COND_MANDATE,
    "mandate",
    "à condition que le mandat (cerfa 13757) soit signé par le titulaire",
    "provided the mandate (cerfa 13757) is signed by the holder",
    "service-public F1726 (2019-12-19 onwards); cerfa 13757*03"
);
note!(
    COND_HOLDER_ID,
    "holder_identity_copy",
    "à condition de joindre la copie de la pièce d'identité du titulaire",
    "provided a copy of the holder's identity document is attached",
    "service-public F1726 (2019-12-19 onwards)"
);
note!(
    COND_HOLDER_KBIS,
    "holder_kbis",
    "à condition de joindre l'extrait Kbis de moins de 2 ans de la société titulaire (son justificatif d'identité)",
    "provided the holder company's Kbis extract under 2 years (its identity proof) is attached",
    "service-public F31853 (2019-12-19); seed 003 ('Un kbis de moins de 2 ans')"
);
note!(
    COND_LEASING_MANDATE,
    "leasing_mandate",
    "à condition que le représentant de la société de leasing ait signé le mandat",
    "provided the leasing company's representative has signed the mandate",
    F1726
);
note!(
    COND_LEASING_ATTESTATION,
    "leasing_attestation",
    "à condition de joindre l'attestation de la société de leasing",
    "provided the leasing company's attestation is attached",
    "interieur.gouv.fr 2011-03-03 (seed 004): 'une attestation de la société si le véhicule est en leasing'"
);
note!(
    COND_INHERITANCE,
    "inheritance_proof",
    "à condition de joindre l'attestation du notaire, ou l'acte de décès et l'attestation des héritiers",
    "provided the notary's attestation, or the death certificate and the heirs' attestation, is attached",
    "service-public F1480 (2020)"
);
note!(
    COND_HEIRS_MANDATE,
    "heirs_mandate",
    "à condition d'avoir le mandat des autres héritiers (ou d'être seul héritier)",
    "provided the other heirs have given their mandate (or the applicant is the sole heir)",
    "service-public F1480 (2020)"
);
note!(
    COND_GUARDIAN,
    "guardian_identity",
    "à condition que le demandeur soit investi de l'autorité parentale ou du droit de garde (sa pièce d'identité est jointe)",
    "provided the applicant holds parental authority or custody (with his or her identity document)",
    "service-public F1726 (2019-12-19 onwards)"
);

/// A fact of the request: stated true, stated false, or not stated.
fn fact(
    value: Option<bool>,
    refuse: &'static Note,
    condition: &'static Note,
    reasons: &mut Vec<&'static Note>,
    conditions: &mut Vec<&'static Note>,
) -> bool {
    match value {
        Some(true) => true,
        Some(false) => {
            reasons.push(refuse);
            false
        }
        None => {
            conditions.push(condition);
            true
        }
    }
}

/// Decides who may apply.
pub(crate) fn decide(
    params: &ParameterSet,
    req: &Request,
    plate: Option<PlateSystem>,
) -> Eligibility {
    let mut reasons = Vec::new();
    let mut remedies = Vec::new();
    let mut conditions = Vec::new();
    let mut confidence = Confidence::High;
    let date = req.date;
    let mandate_era = date >= params.dates.co_holder_and_mandate_start.date;
    let online = date >= params.dates.online_only_start.date;
    let holder = &req.holder;
    let minor = holder.minor_not_emancipated();
    let leased = holder.kind == HolderKind::LeasingCompany;
    let company = matches!(
        holder.kind,
        HolderKind::Company | HolderKind::LeasingCompany
    );
    // Online, until the fiche of 2019-12-19: the holder only (F1726 of 2019-06-07). The counters
    // took co-holders and powers of attorney (F1726 of 2015-01-06). Medium confidence: the first
    // online fiche read is of 2019-06-07, and the window is taken from the online switch.
    let holder_only_era = online && !mandate_era;
    if holder_only_era
        && matches!(
            req.applicant,
            Applicant::CoHolder | Applicant::MandateHolder | Applicant::Lessee
        )
    {
        confidence = confidence.min(Confidence::Medium);
    }

    if req.vehicle.as_ref().is_some_and(|v| v.stolen) {
        reasons.push(&NOT_VEHICLE_STOLEN);
        remedies.push(&FIX_FIND_VEHICLE);
        confidence = confidence.min(Confidence::Low);
    }
    if plate == Some(PlateSystem::Ww) {
        reasons.push(&NOT_PROVISIONAL);
        confidence = confidence.min(Confidence::Medium);
    }
    if plate == Some(PlateSystem::W) {
        // The garage W certificate belongs to a professional; its SIV form is unconfirmed.
        confidence = confidence.min(Confidence::Low);
    }
    if req.reason == Some(Reason::Theft) {
        let theft = req.theft.unwrap_or_default();
        if !theft.declared {
            reasons.push(&NOT_THEFT_UNDECLARED);
            remedies.push(&FIX_DECLARE_THEFT);
        } else if theft.abroad && !theft.declared_in_france {
            reasons.push(&NOT_THEFT_ABROAD);
            remedies.push(&FIX_DECLARE_IN_FRANCE);
        }
    }
    let mandate = req.mandate.unwrap_or_default();
    // A third party's mandate (mandate era): a stated `false` refuses, a silent request is
    // eligible on condition. For a company holder the identity proof is its Kbis.
    let id_condition: &'static Note = if company {
        &COND_HOLDER_KBIS
    } else {
        &COND_HOLDER_ID
    };
    let check_mandate = |mandate_cond: &'static Note,
                         reasons: &mut Vec<&'static Note>,
                         remedies: &mut Vec<&'static Note>,
                         conditions: &mut Vec<&'static Note>| {
        let signed = fact(
            mandate.signed,
            &NOT_MANDATE_UNSIGNED,
            mandate_cond,
            reasons,
            conditions,
        );
        let id = fact(
            mandate.holder_id,
            &NOT_MANDATE_NO_ID,
            id_condition,
            reasons,
            conditions,
        );
        if !(signed && id) {
            remedies.push(&FIX_SIGN_MANDATE);
        }
    };
    match req.applicant {
        Applicant::Holder => {
            if holder.deceased {
                reasons.push(&NOT_HOLDER_DECEASED);
                remedies.push(&FIX_HEIRS);
            } else if minor {
                // The rule's only source is the fiche of 2019-12-19: before it the rule is kept
                // with low confidence and says so (the one rule of `eras::Coverage`).
                if MINOR_RULE.coverage(date) == Coverage::LaterSource {
                    reasons.push(&NOT_MINOR_HOLDER_UNDATED);
                    confidence = confidence.min(Confidence::Low);
                } else {
                    reasons.push(&NOT_MINOR_HOLDER);
                }
                remedies.push(&FIX_GUARDIAN);
            }
        }
        Applicant::CoHolder => {
            if holder_only_era {
                reasons.push(&NOT_HOLDER_ONLY);
                remedies.push(&FIX_HOLDER_ONLY);
            }
            if holder.deceased {
                confidence = confidence.min(Confidence::Medium);
            }
        }
        Applicant::MandateHolder => {
            if holder_only_era {
                reasons.push(&NOT_HOLDER_ONLY);
                remedies.push(&FIX_HOLDER_ONLY);
            } else if mandate_era {
                let cond = if leased {
                    &COND_LEASING_MANDATE
                } else {
                    &COND_MANDATE
                };
                check_mandate(cond, &mut reasons, &mut remedies, &mut conditions);
            }
            // Prefecture era: the procuration of the holder is in the checklist (F1726 2015).
        }
        Applicant::LegalGuardian => {
            if !minor {
                reasons.push(&NOT_GUARDIAN_ADULT);
                remedies.push(&FIX_HOLDER_APPLIES);
            } else if mandate_era {
                conditions.push(&COND_GUARDIAN);
            }
        }
        Applicant::Lessee => {
            if !leased {
                reasons.push(&NOT_LESSEE_NOT_LEASED);
                remedies.push(&FIX_HOLDER_APPLIES);
            } else if !online {
                // 2011: "une attestation de la société si le véhicule est en leasing" (seed 004).
                conditions.push(&COND_LEASING_ATTESTATION);
            } else if holder_only_era {
                // 2017-11 to 2019-12: the fiche says the company itself must apply; the mandate
                // and professional options only come with the version of 2019-12-19.
                reasons.push(&NOT_LESSEE_COMPANY_FILES);
                remedies.push(&FIX_LEASING_FILES);
            } else if mandate.signed == Some(false) || mandate.holder_id == Some(false) {
                reasons.push(&NOT_LESSEE_ALONE);
                remedies.push(&FIX_LEASING_APPLIES);
                remedies.push(&FIX_LEASING_MANDATE);
            } else {
                check_mandate(
                    &COND_LEASING_MANDATE,
                    &mut reasons,
                    &mut remedies,
                    &mut conditions,
                );
            }
        }
        Applicant::Heir => {
            if !holder.deceased {
                reasons.push(&NOT_HEIR_NO_DEATH);
                remedies.push(&FIX_HOLDER_APPLIES);
            } else {
                let heirs = req.heirs.unwrap_or_default();
                if !fact(
                    heirs.proof_of_inheritance,
                    &NOT_HEIR_PROOF,
                    &COND_INHERITANCE,
                    &mut reasons,
                    &mut conditions,
                ) {
                    remedies.push(&FIX_HEIR_PROOF);
                }
                if !fact(
                    heirs.mandate_from_all_heirs,
                    &NOT_HEIR_MANDATE,
                    &COND_HEIRS_MANDATE,
                    &mut reasons,
                    &mut conditions,
                ) {
                    remedies.push(&FIX_HEIR_MANDATE);
                }
            }
        }
        Applicant::Professional => {
            let rule = params.scalars.professional.at(date);
            if let Some(p) = rule {
                confidence = confidence.min(params.meta(p.meta).confidence);
            }
            if holder_only_era {
                // F1726 of 2019-06-07: the holder only; professionals for leasing come 2019-12-19.
                reasons.push(&NOT_HOLDER_ONLY);
                remedies.push(if leased {
                    &FIX_LEASING_FILES
                } else {
                    &FIX_HOLDER_ONLY
                });
            } else {
                match rule.and_then(|p| p.value) {
                    Some(ProfessionalRule::LeasingOnly) if !leased => {
                        reasons.push(&NOT_PROFESSIONAL);
                        remedies.push(&FIX_HOLDER_APPLIES);
                    }
                    Some(ProfessionalRule::Never) | None => {
                        reasons.push(&NOT_PROFESSIONAL_NEVER);
                        remedies.push(&FIX_HOLDER_APPLIES);
                    }
                    _ if !online => conditions.push(&COND_LEASING_ATTESTATION),
                    _ => check_mandate(
                        &COND_LEASING_MANDATE,
                        &mut reasons,
                        &mut remedies,
                        &mut conditions,
                    ),
                }
            }
        }
    }

    let mut who_may_apply = Vec::with_capacity(4);
    if holder.deceased {
        who_may_apply.push(&WHO_HEIRS);
    } else if leased {
        who_may_apply.push(if holder_only_era {
            &WHO_LEASING_2019
        } else if online {
            &WHO_LEASING
        } else {
            &WHO_LEASING_2011
        });
    } else if minor {
        who_may_apply.push(&WHO_GUARDIAN);
    } else {
        who_may_apply.push(if holder.kind == HolderKind::Company {
            &WHO_COMPANY
        } else {
            &WHO_HOLDER
        });
        if !holder_only_era {
            who_may_apply.push(&WHO_CO_HOLDER);
            who_may_apply.push(if online {
                &WHO_MANDATE
            } else {
                &WHO_PROCURATION
            });
        }
    }
    if !reasons.is_empty() {
        conditions.clear();
    }
    Eligibility {
        eligible: reasons.is_empty(),
        applicant: req.applicant,
        confidence,
        reasons,
        remedies,
        who_may_apply,
        conditions,
    }
}

#[cfg(test)]
#[path = "eligibility_tests.rs"]
mod tests;
