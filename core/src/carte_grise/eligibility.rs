//! Who may apply for a carte-grise duplicata (code de la route R322-10; service-public F1726, F1480,
//! F31853), why not when not, and what would make the request eligible.

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

/// Decides who may apply.
pub(crate) fn decide(
    params: &ParameterSet,
    req: &Request,
    plate: Option<PlateSystem>,
) -> Eligibility {
    let mut reasons = Vec::new();
    let mut remedies = Vec::new();
    let mut confidence = Confidence::High;
    let date = req.date;
    let mandate_era = date >= params.dates.co_holder_and_mandate_start.date;
    let online = date >= params.dates.online_only_start.date;
    let holder = &req.holder;
    let leased = holder.kind == HolderKind::LeasingCompany;
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
    let check_mandate = |reasons: &mut Vec<&'static Note>, remedies: &mut Vec<&'static Note>| {
        if !mandate.signed {
            reasons.push(&NOT_MANDATE_UNSIGNED);
        }
        if !mandate.holder_id {
            reasons.push(&NOT_MANDATE_NO_ID);
        }
        if !(mandate.signed && mandate.holder_id) {
            remedies.push(&FIX_SIGN_MANDATE);
        }
    };
    match req.applicant {
        Applicant::Holder => {
            if holder.deceased {
                reasons.push(&NOT_HOLDER_DECEASED);
                remedies.push(&FIX_HEIRS);
            } else if holder.minor {
                reasons.push(&NOT_MINOR_HOLDER);
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
            } else {
                check_mandate(&mut reasons, &mut remedies);
            }
        }
        Applicant::LegalGuardian => {
            if !holder.minor {
                reasons.push(&NOT_GUARDIAN_ADULT);
                remedies.push(&FIX_HOLDER_APPLIES);
            }
        }
        Applicant::Lessee => {
            if !leased {
                reasons.push(&NOT_LESSEE_NOT_LEASED);
                remedies.push(&FIX_HOLDER_APPLIES);
            } else if !(mandate.signed && mandate.holder_id) {
                reasons.push(&NOT_LESSEE_ALONE);
                remedies.push(&FIX_LEASING_APPLIES);
                check_mandate(&mut Vec::new(), &mut remedies);
            } else if holder_only_era {
                // 2017-11 to 2019-12: the fiche says the company itself must apply.
                reasons.push(&NOT_LESSEE_ALONE);
                remedies.push(&FIX_LEASING_APPLIES);
            }
        }
        Applicant::Heir => {
            if !holder.deceased {
                reasons.push(&NOT_HEIR_NO_DEATH);
                remedies.push(&FIX_HOLDER_APPLIES);
            } else {
                let heirs = req.heirs.unwrap_or_default();
                if !heirs.proof_of_inheritance {
                    reasons.push(&NOT_HEIR_PROOF);
                    remedies.push(&FIX_HEIR_PROOF);
                }
                if !heirs.mandate_from_all_heirs {
                    reasons.push(&NOT_HEIR_MANDATE);
                    remedies.push(&FIX_HEIR_MANDATE);
                }
            }
        }
        Applicant::Professional => {
            let rule = params.scalars.professional.at(date);
            if let Some(p) = rule {
                confidence = confidence.min(params.meta(p.meta).confidence);
            }
            match rule.and_then(|p| p.value) {
                Some(ProfessionalRule::LeasingOnly) if !leased => {
                    reasons.push(&NOT_PROFESSIONAL);
                    remedies.push(&FIX_HOLDER_APPLIES);
                }
                Some(ProfessionalRule::Never) | None => {
                    reasons.push(&NOT_PROFESSIONAL_NEVER);
                    remedies.push(&FIX_HOLDER_APPLIES);
                }
                _ => check_mandate(&mut reasons, &mut remedies),
            }
        }
    }

    let mut who_may_apply = Vec::with_capacity(4);
    if holder.deceased {
        who_may_apply.push(&WHO_HEIRS);
    } else if leased {
        who_may_apply.push(&WHO_LEASING);
    } else if holder.minor {
        who_may_apply.push(&WHO_GUARDIAN);
    } else {
        who_may_apply.push(if holder.kind == HolderKind::Company {
            &WHO_COMPANY
        } else {
            &WHO_HOLDER
        });
        if !holder_only_era {
            who_may_apply.push(&WHO_CO_HOLDER);
            who_may_apply.push(&WHO_MANDATE);
        }
    }
    Eligibility {
        eligible: reasons.is_empty(),
        applicant: req.applicant,
        confidence,
        reasons,
        remedies,
        who_may_apply,
    }
}
