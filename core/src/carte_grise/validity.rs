//! Validity and timing of each paper of a carte-grise duplicata: the provisional certificate, the
//! declaration, the damaged card, the mention on the new card.

//!
//! Each item carries its period ([`Period`]): the online items from the closing of the counters
//! (2017-11-06), the items read only in the fiche F34796 of 2020-01-21 (no cancellation, the found
//! original void) from that date, the Z1-Z4 mention from the fiche of 2021, the prefecture-era items
//! (receipt volets, by post, handed-in damaged card, no deferral) until 2017-11-05.

use super::eras::{ALWAYS, ONLINE_ERA, PREFECTURE_ERA, Period};
use crate::contract::outcome::{Duration, DurationUnit, ValidityItem};
use crate::contract::request::{Reason, Request};
use crate::params::ParameterSet;

macro_rules! item {
    ($name:ident, $code:literal, $fr:literal, $en:literal, $src:literal, $period:expr) => {
        const $name: ValidityItem = ValidityItem {
            code: $code,
            label_fr: $fr,
            label_en: $en,
            duration: None,
            source: $src,
            period: &$period,
        };
    };
}

const FROM_F34796: Period = Period::new(
    Some("2020-01-21"),
    None,
    "service-public F34796 (2020-01-21), the first text that says it",
);
const FROM_2021: Period = Period::new(
    Some("2021-01-01"),
    None,
    "service-public F1726 (2021), the first version that names fields Z1 to Z4",
);
const CPI_WORLD: Period = Period::new(
    Some("2017-11-06"),
    Some("2019-12-18"),
    "service-public F1726 (2019-06-07); 'uniquement en France' from the version of 2019-12-19",
);
const CPI_FRANCE_ERA: Period = Period::new(
    Some("2019-12-19"),
    None,
    "service-public F1726 (2019-12-19)",
);

item!(
    CPI,
    "cpi",
    "Le certificat provisoire d'immatriculation (CPI) permet de circuler en attendant la carte",
    "The provisional registration certificate (CPI) allows driving until the card arrives",
    "service-public F1726 (2019-06-07); service-public F16542 (2020)",
    CPI_WORLD
);
item!(
    CPI_FRANCE,
    "cpi",
    "Le certificat provisoire d'immatriculation (CPI) permet de circuler, uniquement en France, en attendant la carte",
    "The provisional registration certificate (CPI) allows driving, in France only, until the card arrives",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public F16542 (2020)",
    CPI_FRANCE_ERA
);
item!(
    DECLARATION_ONLINE,
    "declaration_allows_driving",
    "Sans CPI, la déclaration de perte ou de vol (ou la carte détériorée) permet de circuler à compter de sa date",
    "Without a CPI, the loss or theft declaration (or the damaged card) allows driving from its date",
    "code de la route R322-10; arrêté du 9 février 2009 art. 17",
    ONLINE_ERA
);
item!(
    DECLARATION_COUNTER,
    "declaration_allows_driving",
    "Le volet n° 1 du récépissé de déclaration permet de circuler à compter de la date du récépissé ; le volet n° 2 sert au dossier",
    "Part 1 of the declaration receipt allows driving from the receipt's date; part 2 goes into the file",
    "interieur.gouv.fr 2011-03-03",
    PREFECTURE_ERA
);
item!(
    DECLARATION_POST,
    "declaration_by_post",
    "Par courrier, un seul volet revient : on ne peut circuler qu'après l'avoir reçu",
    "By post only one part comes back: driving is allowed only once it has arrived",
    "interieur.gouv.fr 2011-03-03",
    PREFECTURE_ERA
);
item!(
    NO_CANCEL,
    "no_cancellation",
    "Une fois demandé, le duplicata ne peut pas être annulé : sa fabrication est lancée",
    "Once requested, the duplicata cannot be cancelled: its manufacture has started",
    "service-public F34796 (2020-01-21); service-public F1726 (2021, 2022-09-23)",
    FROM_F34796
);
item!(
    FOUND_ORIGINAL,
    "found_original_void",
    "La carte retrouvée (primata) est invalidée et doit être détruite",
    "A card found again (primata) is void and must be destroyed",
    "service-public F34796 (2020-01-21)",
    FROM_F34796
);
item!(
    DAMAGED_KEEP,
    "damaged_card_retention",
    "Conserver la carte détériorée, qui peut être réclamée, et la détruire après ce délai à compter du duplicata",
    "Keep the damaged card, which may be asked for, and destroy it after this period from the duplicata",
    "arrêté du 9 février 2009 art. 17; service-public F1726 (2022-09-23)",
    ONLINE_ERA
);
item!(
    MENTION,
    "duplicata_mention",
    "La mention « Duplicata » et la date du duplicata figurent dans les rubriques Z1 à Z4",
    "The mention 'Duplicata' and the duplicata's date are printed in fields Z1 to Z4",
    "service-public F1726 (2021, 2022-09-23)",
    FROM_2021
);
item!(
    SAME_VALUE,
    "same_value_as_original",
    "Le duplicata a la même valeur que l'original, tant qu'aucune rubrique n'est modifiée (titulaire, adresse, caractéristiques)",
    "The duplicata has the same value as the original, until an entry changes (holder, address, characteristics)",
    "service-public F1726 (2019-12-19, 2022-09-23); interieur.gouv.fr 2011-03-03",
    ALWAYS
);
item!(
    DELIVERY_2011,
    "delivery",
    "Envoyé sous pli sécurisé au domicile, environ une semaine après l'enregistrement en préfecture",
    "Sent by secure mail to the holder's home, about a week after registration at the prefecture",
    "interieur.gouv.fr 2011-03-03",
    PREFECTURE_ERA
);
item!(
    DELIVERY_ONLINE,
    "delivery",
    "Envoyé sous pli sécurisé au domicile, dans un délai variable ; suivi de fabrication en ligne",
    "Sent by secure mail to the holder's home, with a variable delay; manufacture can be tracked online",
    "service-public F1726 (2019-12-19, 2022-09-23)",
    ONLINE_ERA
);
item!(
    NEW_NUMBER,
    "new_number_and_plates",
    "Numéro FNI : un nouveau numéro SIV est attribué pour la vie du véhicule ; il faut changer les plaques",
    "FNI number: a new SIV number is assigned for the vehicle's life; the plates must be changed",
    "service-public F1726 (2019-12-19, 2022-09-23); service-public F17638 (2020); interieur.gouv.fr 2011-03-03",
    ALWAYS
);
item!(
    HELD,
    "held_for_review",
    "Vol non enregistré dans le SIV : la demande est mise en attente, la déclaration de vol est envoyée et contrôlée par le CERT avant le paiement",
    "Theft not recorded in the SIV: the request is held, the theft declaration is sent and reviewed by the CERT before payment",
    "ANTS guide 'Téléprocédure : demande de duplicata' (mode itératif)",
    ONLINE_ERA
);

item!(
    THEFT_RECEIPT,
    "theft_receipt_allows_driving",
    "Le récépissé de la déclaration de vol remis par la police ou la gendarmerie permet de circuler pendant ce délai, même si le dossier part par courrier",
    "The receipt of the theft declaration given by the police or gendarmerie allows driving for this period, even when the file goes by post",
    "seed 003 ('peut circuler durant un mois ... grâce à sa déclaration de perte ou de vol'); service-public F1726 (2015-01-06)",
    PREFECTURE_ERA
);
item!(
    NO_DEFERRAL,
    "no_deferral_after_loss_declaration",
    "La perte se déclare immédiatement et le duplicata se demande en même temps : la demande ne peut pas être différée après la déclaration",
    "The loss is declared at once and the duplicata asked at the same time: the request cannot be deferred after the declaration",
    "interieur.gouv.fr 2011-03-03 (seed 004): 'Il n'est pas possible de différer sa demande de duplicata après avoir fait sa déclaration de perte'",
    PREFECTURE_ERA
);
item!(
    LOSS_ABROAD,
    "loss_abroad",
    "Perte à l'étranger : la déclarer à la police locale, puis faire les démarches en préfecture au retour en France",
    "Loss abroad: declare it to the local police, then file at a prefecture on return to France",
    "interieur.gouv.fr 2011-03-03 (seed 004): 'en cas de perte du certificat d'immatriculation à l'étranger, il est possible de le déclarer à la police locale'",
    PREFECTURE_ERA
);
item!(
    LOSS_ABROAD_ONLINE,
    "loss_abroad",
    "Perte à l'étranger : la déclaration à la police locale peut servir en cas de contrôle ; la demande se fait en ligne",
    "Loss abroad: the local police declaration may serve at a roadside check; the request is filed online",
    "service-public F1726 (2015-01-06, 2022-09-23) for a theft abroad; no text for a loss abroad online: low confidence",
    ONLINE_ERA
);
item!(
    DAMAGED_HANDED_IN,
    "damaged_card_handed_in",
    "La carte détériorée (original) est remise avec le dossier",
    "The damaged card (original) is handed in with the file",
    "service-public F1726 (2015-01-06); bouches-du-rhone.gouv.fr 2015",
    PREFECTURE_ERA
);

/// Every period of this file's items (checked by the tests).
#[cfg(test)]
pub(crate) fn all_periods() -> Vec<Period> {
    [
        CPI,
        CPI_FRANCE,
        DECLARATION_ONLINE,
        DECLARATION_COUNTER,
        DECLARATION_POST,
        NO_CANCEL,
        FOUND_ORIGINAL,
        DAMAGED_KEEP,
        MENTION,
        SAME_VALUE,
        DELIVERY_2011,
        DELIVERY_ONLINE,
        NEW_NUMBER,
        HELD,
        THEFT_RECEIPT,
        NO_DEFERRAL,
        LOSS_ABROAD,
        LOSS_ABROAD_ONLINE,
        DAMAGED_HANDED_IN,
    ]
    .iter()
    .map(|i| *i.period)
    .collect()
}

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
    let loss_abroad = req.reason == Some(Reason::Loss) && req.loss.is_some_and(|l| l.abroad);
    let mut out = Vec::with_capacity(10);
    // One rule for every item: an item applies only within its dated period (checked before it
    // is kept, so an item left out is never copied).
    let mut push = |item: ValidityItem| {
        if item.period.covers(req.date) {
            out.push(item);
        }
    };
    if online {
        let cpi = if req.date >= params.dates.cpi_france_only_start.date {
            CPI_FRANCE
        } else {
            CPI
        };
        push(ValidityItem {
            duration: months(&s.cpi_months),
            ..cpi
        });
        push(ValidityItem {
            duration: months(&s.declaration_months),
            ..DECLARATION_ONLINE
        });
        push(NO_CANCEL);
        push(FOUND_ORIGINAL);
        if loss_abroad {
            push(LOSS_ABROAD_ONLINE);
        }
    } else {
        match req.reason {
            Some(Reason::Theft) => push(ValidityItem {
                duration: months(&s.declaration_months),
                ..THEFT_RECEIPT
            }),
            Some(Reason::Loss) => {
                push(ValidityItem {
                    duration: months(&s.declaration_months),
                    ..DECLARATION_COUNTER
                });
                push(DECLARATION_POST);
                push(NO_DEFERRAL);
                if loss_abroad {
                    push(LOSS_ABROAD);
                }
            }
            Some(Reason::Damage) => push(DAMAGED_HANDED_IN),
            None => {}
        }
    }
    if req.reason == Some(Reason::Damage) && online {
        let years = s
            .damaged_card_retention_years
            .at(req.date)
            .and_then(|p| p.value)
            .map(|amount| Duration {
                amount,
                unit: DurationUnit::Year,
            });
        push(ValidityItem {
            duration: years,
            ..DAMAGED_KEEP
        });
    }
    push(MENTION);
    push(SAME_VALUE);
    push(if online {
        DELIVERY_ONLINE
    } else {
        DELIVERY_2011
    });
    if conversion {
        push(NEW_NUMBER);
    }
    if super::channel::held_for_review(params, req) {
        push(HELD);
    }
    out
}
