//! The explanation of the fees: the text and source of each line, and the trace entries of a
//! fee breakdown (regime, rate, exemptions, each line).

use chrono::NaiveDate;

use crate::carte_grise::fees::{FeeBreakdown, FeeLine, LineCode, LineRule};
use crate::explain::trace::{SourceRef, TraceEntry, TraceValue};
use crate::model::money::{Confidence, Money, Share};
use crate::params::{MetaId, ParameterSet};

/// Y5, redevance d'acheminement, and its cyclomoteur exemption.
const DECRET_2008_850: &str = "décret n° 2008-850 du 26 août 2008";
/// Y1 exemption of cyclomoteurs and FNI → SIV conversions.
const CGI_1599_OCTODECIES_4: &str = "CGI art. 1599 octodecies 4; service-public F19211 (2019)";
/// Y1 share for two-wheelers up to 125 cm³.
const CGI_1599_OCTODECIES_3C: &str =
    "CGI art. 1599 octodecies 3-c; service-public F19211 (2019, 2020)";
/// Y4 not due when Y1 is not.
const CGI_1628_0_BIS_II: &str = "CGI art. 1628-0 bis II; service-public F19211 (2019)";

/// The explanation and source of a fee line.
pub(crate) fn line_text(l: &FeeLine) -> (&'static str, &'static str, SourceText) {
    let meta = SourceText::Param;
    match (l.code, l.rule) {
        (
            _,
            LineRule::ExemptClean {
                national: true,
                meta: id,
                ..
            },
        ) => (
            "véhicule électrique ou à hydrogène : exonération totale de la taxe régionale",
            "electric or hydrogen vehicle: total exemption from the regional tax",
            meta(id),
        ),
        (
            _,
            LineRule::ExemptClean {
                national: false,
                meta: id,
                ..
            },
        ) => (
            "véhicule propre : exonération régionale totale de la taxe régionale",
            "clean vehicle: total regional exemption from the regional tax",
            meta(id),
        ),
        (
            _,
            LineRule::RegionalRate {
                part,
                exemption,
                rate_meta,
                ..
            },
        ) => {
            let quarter = part != Share::ONE;
            let partial = exemption != Share::ZERO;
            let (fr, en) = match (quarter, partial) {
                (false, false) => (
                    "1 cheval fiscal au taux de la région du domicile, arrondi à l'euro",
                    "1 fiscal horsepower at the rate of the holder's region, rounded to the euro",
                ),
                (true, false) => (
                    "deux-roues de 125 cm3 au plus : 1/4 du taux d'un cheval fiscal, arrondi à l'euro",
                    "two-wheeler up to 125 cm3: 1/4 of the rate of one fiscal horsepower, rounded to the euro",
                ),
                (_, true) => (
                    "taux d'un cheval fiscal diminué de l'exonération régionale des véhicules propres, arrondi à l'euro",
                    "rate of one fiscal horsepower less the regional clean-vehicle exemption, rounded to the euro",
                ),
            };
            (fr, en, meta(rate_meta))
        }
        (LineCode::Y1, LineRule::NotDueUnderRegime { regime_meta }) => (
            "taxe régionale non due sur un duplicata (seul un changement de propriétaire y donne lieu)",
            "no regional tax on a duplicata (only a change of owner gives rise to it)",
            meta(regime_meta),
        ),
        (_, LineRule::NotDueUnderRegime { regime_meta }) => {
            ("non due", "not due", meta(regime_meta))
        }
        (LineCode::Y5, LineRule::NotDueMoped { .. }) => (
            "redevance non due pour un cyclomoteur",
            "no delivery fee for a cyclomoteur",
            SourceText::Text(DECRET_2008_850),
        ),
        (_, LineRule::NotDueMoped { switch_meta }) => (
            "cyclomoteur de 50 cm3 au plus : taxe non due",
            "cyclomoteur up to 50 cm3: tax not due",
            switch_meta.map_or(SourceText::Text(CGI_1599_OCTODECIES_4), meta),
        ),
        (_, LineRule::NotDueFniConversion { switch_meta }) => (
            "numéro FNI converti au SIV : taxe non due pour la seule conversion",
            "FNI number converted to SIV: no tax for the conversion alone",
            switch_meta.map_or(SourceText::Text(CGI_1599_OCTODECIES_3C), meta),
        ),
        (_, LineRule::NotDueTotalExemption) => (
            "exonération totale de la taxe régionale : la taxe de gestion n'est pas due non plus",
            "total exemption from the regional tax: the management tax is not due either",
            SourceText::Text(CGI_1628_0_BIS_II),
        ),
        (_, LineRule::NotDueNaturalDisaster { switch_meta }) => (
            "duplicata après intempéries : dispense",
            "duplicata after a natural disaster: dispensed",
            meta(switch_meta),
        ),
        (_, LineRule::UnknownRate { gap_meta, .. }) => (
            "taux régional inconnu à cette date (lacune documentée des sources)",
            "regional rate unknown on that date (documented gap of the sources)",
            meta(gap_meta),
        ),
        (_, LineRule::UnknownExemption { gap_meta, .. }) => (
            "part d'exonération régionale des véhicules propres inconnue à cette date",
            "regional clean-vehicle exemption share unknown on that date",
            meta(gap_meta),
        ),
        (LineCode::Y4, LineRule::Fixed { meta: id }) => (
            "taxe de gestion (jusqu'en 2020) ou taxe fixe (depuis 2021), montant fixe",
            "management tax (until 2020) or fixed tax (since 2021), fixed amount",
            meta(id),
        ),
        (LineCode::Y5, LineRule::Fixed { meta: id }) => (
            "redevance d'acheminement du titre au domicile, ajoutée sans arrondi",
            "fee for delivering the card to the holder's home, added unrounded",
            meta(id),
        ),
        (_, LineRule::Fixed { meta: id }) => ("montant fixe", "fixed amount", meta(id)),
        (_, LineRule::NeverOnDuplicata) => (
            "jamais due sur un duplicata",
            "never due on a duplicata",
            SourceText::Text(
                "service-public F19211 (2019, 2020): duplicata in the Y2 exemption list; CIBS L421-30",
            ),
        ),
    }
}

/// The parameter entry a line's source comes from (the `Param` of [`line_text`]), without the
/// texts: what the fee path needs for the rule of dated sources.
#[inline(always)]
pub(crate) fn line_meta(l: &FeeLine) -> Option<MetaId> {
    match l.rule {
        LineRule::ExemptClean { meta, .. } | LineRule::Fixed { meta } => Some(meta),
        LineRule::RegionalRate { rate_meta, .. } => Some(rate_meta),
        LineRule::NotDueUnderRegime { regime_meta } => Some(regime_meta),
        LineRule::NotDueMoped { .. } if l.code == LineCode::Y5 => None,
        LineRule::NotDueMoped { switch_meta } | LineRule::NotDueFniConversion { switch_meta } => {
            switch_meta
        }
        LineRule::NotDueNaturalDisaster { switch_meta } => Some(switch_meta),
        LineRule::UnknownRate { gap_meta, .. } | LineRule::UnknownExemption { gap_meta, .. } => {
            Some(gap_meta)
        }
        LineRule::NotDueTotalExemption | LineRule::NeverOnDuplicata => None,
    }
}

/// A source as text, from the code or from the parameter file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceText {
    Text(&'static str),
    Param(MetaId),
}

/// The trace entries of the fees.
pub(crate) fn fee_trace(params: &ParameterSet, f: &FeeBreakdown, trace: &mut Vec<TraceEntry>) {
    let regime_conf = params.meta(f.regime_meta).confidence;
    trace.push(
        TraceEntry::new(
            "fees.regime",
            "régime légal des taxes en vigueur à la date de la demande",
            "legal regime of the taxes in force on the request's date",
            SourceRef::Param(f.regime_meta),
            regime_conf,
        )
        .values([
            ("regime", TraceValue::Text(f.regime.as_str())),
            ("date", TraceValue::Date(f.date)),
        ]),
    );
    for l in &f.lines {
        if l.code == LineCode::Y2 || l.code == LineCode::Y3 {
            continue;
        }
        let (fr, en, _) = line_text(l);
        let (rule, source) = match l.rule {
            LineRule::RegionalRate { rate_meta, .. } => {
                ("fees.y1.regional_rate", SourceRef::Param(rate_meta))
            }
            LineRule::NotDueUnderRegime { regime_meta } => {
                ("fees.y1.not_due", SourceRef::Param(regime_meta))
            }
            LineRule::NotDueMoped {
                switch_meta: Some(m),
            } => ("fees.not_due.moped", SourceRef::Param(m)),
            LineRule::NotDueMoped { switch_meta: None } if l.code == LineCode::Y5 => {
                ("fees.y5.not_due.moped", SourceRef::Text(DECRET_2008_850))
            }
            LineRule::NotDueMoped { switch_meta: None } => {
                ("fees.not_due.moped", SourceRef::Text(CGI_1599_OCTODECIES_4))
            }
            LineRule::NotDueFniConversion {
                switch_meta: Some(m),
            } => ("fees.not_due.fni_conversion", SourceRef::Param(m)),
            LineRule::NotDueFniConversion { switch_meta: None } => (
                "fees.not_due.fni_conversion",
                SourceRef::Text(CGI_1599_OCTODECIES_3C),
            ),
            LineRule::ExemptClean { meta, .. } => {
                ("fees.y1.clean_exemption", SourceRef::Param(meta))
            }
            LineRule::NotDueTotalExemption => (
                "fees.y4.not_due.total_exemption",
                SourceRef::Text(CGI_1628_0_BIS_II),
            ),
            LineRule::NotDueNaturalDisaster { switch_meta } => (
                "fees.not_due.natural_disaster",
                SourceRef::Param(switch_meta),
            ),
            LineRule::UnknownRate { gap_meta, .. } => {
                ("fees.y1.unknown_rate", SourceRef::Param(gap_meta))
            }
            LineRule::UnknownExemption { gap_meta, .. } => {
                ("fees.y1.unknown_exemption", SourceRef::Param(gap_meta))
            }
            LineRule::Fixed { meta } if l.code == LineCode::Y4 => {
                ("fees.y4.amount", SourceRef::Param(meta))
            }
            LineRule::Fixed { meta } => ("fees.y5.amount", SourceRef::Param(meta)),
            LineRule::NeverOnDuplicata => continue,
        };
        // The line, its amount and the values of its rule, in one allocation.
        let mut values = Vec::with_capacity(match l.rule {
            LineRule::RegionalRate { .. } => 7,
            LineRule::UnknownRate { .. } | LineRule::UnknownExemption { .. } => 5,
            _ => 3,
        });
        values.push(("line", TraceValue::Text(l.code.as_str())));
        if let Some(a) = l.amount {
            values.push(("amount", TraceValue::Money(a)));
        }
        match l.rule {
            LineRule::RegionalRate {
                zone,
                per_cv,
                part,
                exemption,
                ..
            } => {
                let unrounded = per_cv.times_share(part.times(exemption.complement()));
                values.extend([
                    ("zone", TraceValue::Zone(zone)),
                    ("rate_per_cv", TraceValue::Money(per_cv)),
                    ("part", TraceValue::Share(part)),
                    ("exemption_share", TraceValue::Share(exemption)),
                    ("before_rounding", TraceValue::Money(unrounded)),
                ]);
            }
            LineRule::ExemptClean {
                zone: Some(zone), ..
            } => values.push(("zone", TraceValue::Zone(zone))),
            LineRule::UnknownRate { zone, .. } | LineRule::UnknownExemption { zone, .. } => {
                values.push(("zone", TraceValue::Zone(zone)));
                if let Some((before, after)) = known_around(
                    params,
                    zone,
                    f.date,
                    matches!(l.rule, LineRule::UnknownRate { .. }),
                ) {
                    if let Some(b) = before {
                        values.push(("known_before", TraceValue::Owned(b)));
                    }
                    if let Some(a) = after {
                        values.push(("known_after", TraceValue::Owned(a)));
                    }
                }
            }
            _ => {}
        }
        let mut entry = TraceEntry::new(rule, fr, en, source, l.confidence);
        entry.values = values;
        trace.push(entry);
    }
    if let Some(m) = f.highest_event_meta {
        trace.push(
            TraceEntry::new(
                "fees.highest_event_only",
                "changement d'adresse demandé en même temps : seul l'événement le plus taxé est facturé (le changement d'adresse est exonéré)",
                "change of address asked at the same time: only the most taxed event is charged (the change of address is exempt)",
                SourceRef::Param(m),
                params.meta(m).confidence,
            )
            .value("charged_event", TraceValue::Text("duplicata")),
        );
    }
    let rounding = f
        .lines
        .iter()
        .any(|l| matches!(l.rule, LineRule::RegionalRate { .. }));
    if rounding {
        trace.push(
            TraceEntry::new(
                "fees.rounding",
                "chaque taxe est arrondie à l'euro le plus proche (0,50 compte pour 1), puis la redevance est ajoutée",
                "each tax is rounded to the nearest euro (0.50 counts as 1), then the delivery fee is added",
                SourceRef::Text("CGI art. 1599 octodecies; service-public F19211 (2019, 2020)"),
                Confidence::High,
            )
            .values([(
                "total",
                f.total.map_or(TraceValue::Text("unknown"), TraceValue::Money),
            )]),
        );
    }
}

/// The known values around a gap, as "2010-01-01..2010-12-31: 29.00".
fn known_around(
    params: &ParameterSet,
    zone: u16,
    date: NaiveDate,
    rate: bool,
) -> Option<(Option<String>, Option<String>)> {
    let z = params.zones.get(usize::from(zone))?;
    let show_end = |to: NaiveDate| {
        if to == crate::params::OPEN_END {
            String::new()
        } else {
            to.to_string()
        }
    };
    if rate {
        let (b, a) = z.rates.known_around(date);
        let f = |p: &crate::params::Period<crate::params::Rate>| {
            format!(
                "{}..{}: {}",
                p.from,
                show_end(p.to),
                p.value.as_ref().map_or(Money::ZERO, |r| r.per_cv)
            )
        };
        Some((b.map(f), a.map(f)))
    } else {
        let (b, a) = z.clean_exemption.known_around(date);
        let f = |p: &crate::params::Period<Share>| {
            format!(
                "{}..{}: {}",
                p.from,
                show_end(p.to),
                p.value.unwrap_or_default()
            )
        };
        Some((b.map(f), a.map(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line_meta` names the same parameter entry as the source of `line_text`, for every rule.
    #[test]
    fn line_meta_is_the_source_of_line_text() {
        let z = Share::ZERO;
        let rules = [
            LineRule::RegionalRate {
                zone: 0,
                rate_meta: 1,
                per_cv: Money::ZERO,
                part: Share::ONE,
                part_meta: None,
                exemption: z,
                exemption_meta: None,
                national_exemption: false,
            },
            LineRule::NotDueUnderRegime { regime_meta: 2 },
            LineRule::NotDueMoped { switch_meta: None },
            LineRule::NotDueMoped {
                switch_meta: Some(3),
            },
            LineRule::NotDueFniConversion { switch_meta: None },
            LineRule::NotDueFniConversion {
                switch_meta: Some(4),
            },
            LineRule::NotDueTotalExemption,
            LineRule::ExemptClean {
                zone: None,
                meta: 5,
                national: true,
            },
            LineRule::NotDueNaturalDisaster { switch_meta: 6 },
            LineRule::UnknownRate {
                zone: 0,
                gap_meta: 7,
                part: Share::ONE,
                exemption: z,
            },
            LineRule::UnknownExemption {
                zone: 0,
                gap_meta: 8,
            },
            LineRule::Fixed { meta: 9 },
            LineRule::NeverOnDuplicata,
        ];
        for code in LineCode::ALL {
            for rule in rules {
                let l = FeeLine {
                    code: *code,
                    amount: None,
                    confidence: Confidence::Low,
                    rule,
                };
                let from_text = match line_text(&l).2 {
                    SourceText::Param(id) => Some(id),
                    SourceText::Text(_) => None,
                };
                assert_eq!(line_meta(&l), from_text, "{code:?} {rule:?}");
            }
        }
    }
}
