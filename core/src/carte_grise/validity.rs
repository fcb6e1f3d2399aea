//! Validity and timing of each paper of a carte-grise duplicata: the provisional certificate, the
//! declaration, the damaged card, the mention on the new card.

use crate::contract::outcome::{Duration, DurationUnit, ValidityItem};
use crate::contract::request::{Reason, Request};
use crate::params::ParameterSet;

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
    if super::channel::held_for_review(params, req) {
        out.push(HELD);
    }
    out
}
