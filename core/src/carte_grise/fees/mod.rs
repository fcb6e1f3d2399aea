//! Fees of a carte-grise duplicata, by legal regime and date.
//!
//! | period | Y1 taxe régionale | Y4 | Y5 |
//! |---|---|---|---|
//! | 2009 → 2020 (`cgi`) | 1 CV at the regional rate; 1/4 for two-wheelers ≤ 125 cm³; none for cyclomoteurs ≤ 50 cm³ or an FNI → SIV conversion; regional clean-vehicle share; EV/H2 exempt from 2020 (CGI 1599 octodecies, 1599 novodecies A) | 4 € taxe de gestion, not due when Y1 is not (CGI 1628-0 bis II) | 2.50 € then 2.76 € (décret 2008-850, arrêté 2015-09-21), not due for cyclomoteurs |
//! | 2021 (`taxe_fixe_2021`) | not due (low confidence) | 11 € taxe fixe | 2.76 € |
//! | 2022 → (`cibs`) | not due (CIBS L421-33) | 11 € taxe fixe on any delivery | 2.76 € |
//!
//! Each tax is rounded to the nearest euro, halves upwards, then Y5 is added unrounded.
//! Every amount, share and switch comes from the parameter set.

mod alternatives;
pub(crate) mod explain;
pub(crate) mod memo;
mod plain;
mod query;
mod regime;
mod unknown;

#[cfg(test)]
mod tests;

pub use alternatives::{FeeAlternative, Warning};
pub(crate) use alternatives::{alternatives, warnings};
pub(crate) use plain::PlainFees;
pub use query::FeeQuery;
pub use unknown::{Bounds, UnknownReason};

use chrono::NaiveDate;
use serde::Serialize;

use crate::contract::request::Category;
use crate::error::Error;
use crate::model::department::Department;
use crate::model::money::{Confidence, Money, Share};
use crate::model::plate::PlateSystem;
use crate::params::{InForce, MetaId, ParameterSet, Period, Rate, Regime, Zone};

/// Why a line has the amount it has: the rule applied, with its inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineRule {
    /// Y1 = round(rate × part × (1 − exemption)).
    RegionalRate {
        /// Index of the rate zone in the parameter set's zones.
        zone: u16,
        /// The rate's entry in the parameter set's metadata.
        rate_meta: MetaId,
        /// € per CV of the zone on that day.
        per_cv: Money,
        /// 1, or the 1/4 share of two-wheelers up to 125 cm³.
        part: Share,
        /// The entry of the 1/4 share, when it applies.
        part_meta: Option<MetaId>,
        /// The clean-vehicle exemption share (0 when none).
        exemption: Share,
        /// The entry of the exemption share, when one applies.
        exemption_meta: Option<MetaId>,
        /// The exemption is the national one (EV/H2 from 2020), not the region's.
        national_exemption: bool,
    },
    /// Y1 is not due on a duplicata under this regime (2021 onwards).
    NotDueUnderRegime {
        /// The entry of the regime in force in the parameter set's metadata.
        regime_meta: MetaId,
    },
    /// No tax on a cyclomoteur up to 50 cm³.
    NotDueMoped {
        /// The entry that switches the rule on, if the parameter set has one.
        switch_meta: Option<MetaId>,
    },
    /// No tax when the only object is the conversion of an FNI number to SIV.
    NotDueFniConversion {
        /// The entry that switches the rule on, if the parameter set has one.
        switch_meta: Option<MetaId>,
    },
    /// No tax: total clean-vehicle exemption (Y4 follows Y1 until 2020).
    NotDueTotalExemption,
    /// Y1 = 0: total exemption of a clean vehicle, national (EV/H2 from 2020) or regional.
    ExemptClean {
        /// Index of the rate zone for a regional exemption, `None` for the national one.
        zone: Option<u16>,
        /// The exemption's entry in the parameter set's metadata.
        meta: MetaId,
        /// The exemption is the national one (EV/H2 from 2020).
        national: bool,
    },
    /// No tax: duplicata after a natural disaster.
    NotDueNaturalDisaster {
        /// The entry that switches the rule on.
        switch_meta: MetaId,
    },
    /// The regional rate is not known for that date. `part` and `exemption` are what the rate
    /// would have been multiplied by (they bound the line, see [`FeeBreakdown::bounds`]).
    UnknownRate {
        /// Index of the rate zone in the parameter set's zones.
        zone: u16,
        /// The gap's entry in the parameter set's metadata (its `unknown` reason).
        gap_meta: MetaId,
        /// 1, or the 1/4 share of two-wheelers up to 125 cm³.
        part: Share,
        /// The clean-vehicle exemption share that would apply.
        exemption: Share,
    },
    /// The region's clean-vehicle share is not known for that date.
    UnknownExemption {
        /// Index of the rate zone in the parameter set's zones.
        zone: u16,
        /// The gap's entry in the parameter set's metadata (its `unknown` reason).
        gap_meta: MetaId,
    },
    /// A fixed amount of the parameter set.
    Fixed {
        /// The amount's entry in the parameter set's metadata.
        meta: MetaId,
    },
    /// Y2 and Y3 are never due on a duplicata.
    NeverOnDuplicata,
}

/// One line Y1 to Y5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeeLine {
    /// Which line (Y1 to Y5).
    pub code: LineCode,
    /// `None` when the amount cannot be known (a documented gap of the parameters).
    pub amount: Option<Money>,
    /// How sure the amount is.
    pub confidence: Confidence,
    /// The rule that gave the amount, with its inputs.
    pub rule: LineRule,
}

/// The codes of the certificate's tax fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LineCode {
    /// Y1, taxe régionale (CGI art. 1599 octodecies until 2020; CIBS L421-30 ff. from 2022).
    Y1,
    /// Y2, taxe pour la formation professionnelle dans les transports (never due on a duplicata).
    Y2,
    /// Y3, taxe CO2 or malus (never due on a duplicata).
    Y3,
    /// Y4, taxe de gestion (CGI art. 1628-0 bis) until 2020, then the taxe fixe.
    Y4,
    /// Y5, redevance d'acheminement (delivery of the certificate).
    Y5,
}

impl LineCode {
    /// The field's code on the certificate (same as [`LineCode::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// The field's label on the certificate.
    #[must_use]
    pub fn label_fr(self) -> &'static str {
        match self {
            LineCode::Y1 => "Taxe régionale",
            LineCode::Y2 => "Taxe formation professionnelle transports",
            LineCode::Y3 => "Taxe CO2 / malus",
            LineCode::Y4 => "Taxe de gestion / taxe fixe",
            LineCode::Y5 => "Redevance d'acheminement",
        }
    }

    /// The field's label in English.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            LineCode::Y1 => "Regional tax",
            LineCode::Y2 => "Vocational-training tax (transport)",
            LineCode::Y3 => "CO2 tax / malus",
            LineCode::Y4 => "Management tax / fixed tax",
            LineCode::Y5 => "Delivery fee",
        }
    }
}

contract_names!(LineCode { Y1 => "Y1", Y2 => "Y2", Y3 => "Y3", Y4 => "Y4", Y5 => "Y5" });

/// The fees of a duplicata: five lines, the total and the confidence. Plain data, no allocation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeeBreakdown {
    /// The day the fees were taken as in force.
    pub date: NaiveDate,
    /// The legal regime of the fees on that day.
    pub regime: Regime,
    /// The regime's entry in the parameter set's metadata.
    pub regime_meta: MetaId,
    /// The lines Y1 to Y5, in that order.
    pub lines: [FeeLine; 5],
    /// `None` when a line is unknown.
    pub total: Option<Money>,
    /// The lowest confidence of the lines.
    pub confidence: Confidence,
    /// The FNI number is converted to a new SIV number.
    pub conversion: bool,
    /// A change of address asked at the same time: only the highest event is charged.
    pub highest_event_meta: Option<MetaId>,
    /// The period of `y4.due_under_partial_exemption` the Y4 line read (`None`: the rules did
    /// not read that switch, which they do only under a partial regional exemption).
    pub partial_exemption_switch: Option<MetaId>,
    /// Why the total is unknown (`None` when it is known).
    pub unknown_reason: Option<UnknownReason>,
    /// For an unknown total: the lowest and highest totals the known values around the gap
    /// imply (`None` when the total is known, or when no value around the gap is known).
    pub bounds: Option<Bounds>,
}

/// Whether a fee line is due, not due, or unknown (the decision's `fees.lines[].status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineStatus {
    /// A positive amount is due.
    Due,
    /// The line is known and zero.
    NotDue,
    /// The amount cannot be known (a documented gap of the parameters).
    Unknown,
}

impl LineStatus {
    /// Every status, in contract order.
    pub const ALL: &'static [Self] = &[Self::Due, Self::NotDue, Self::Unknown];

    /// The contract name: `due`, `not_due` or `unknown`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::NotDue => "not_due",
            Self::Unknown => "unknown",
        }
    }
}

impl FeeLine {
    /// Whether the line is due, not due or unknown: the one place the status is worked out.
    #[must_use]
    pub fn status(&self) -> LineStatus {
        match self.amount {
            None => LineStatus::Unknown,
            Some(a) if a == Money::ZERO => LineStatus::NotDue,
            Some(_) => LineStatus::Due,
        }
    }

    /// Why the line has its amount, in French and English (as in the decision's `fees.lines`).
    #[must_use]
    pub fn explanation(&self) -> (&'static str, &'static str) {
        let (fr, en, _) = explain::line_text(self);
        (fr, en)
    }

    /// The sources of the rule or value that set the line (as in the decision's `fees.lines`).
    #[must_use]
    pub fn source<'p>(&self, params: &'p ParameterSet) -> &'p str {
        match explain::line_text(self).2 {
            explain::SourceText::Text(t) => t,
            explain::SourceText::Param(id) => &params.meta(id).source,
        }
    }
}

impl FeeBreakdown {
    /// The line of a tax field.
    #[must_use]
    pub fn line(&self, code: LineCode) -> &FeeLine {
        &self.lines[code as usize]
    }

    /// The contract status of the total: `known`, or `unknown` when a line is unknown.
    #[must_use]
    pub fn status(&self) -> &'static str {
        if self.total.is_some() {
            "known"
        } else {
            "unknown"
        }
    }
}

/// Computes the fees of a carte-grise duplicata.
///
/// # Errors
///
/// `request.date_out_of_range` for a date before the parameter set starts; `params.unknown_value`
/// when a value the rules need is a gap of the parameters (a bug of the rules, the request is not
/// at fault).
pub(crate) fn compute(params: &ParameterSet, q: &FeeQuery) -> Result<FeeBreakdown, Error> {
    let s = &params.scalars;
    // The period of each series in force that day, found once (params/days.rs).
    let day = params.days.at(q.date);
    let regime_p = at_in(&s.regime, day.regime, q.date)?;
    let regime = value(regime_p)?;
    let conversion =
        q.plate == PlateSystem::Fni && q.date >= params.dates.fni_conversion_start.date;
    let moped = q.category == Category::MopedLe50;
    let conf_of = |m: MetaId| params.meta(m).confidence;

    let rules = regime::rules(regime);
    let never = |code| FeeLine {
        code,
        amount: Some(Money::ZERO),
        confidence: Confidence::High,
        rule: LineRule::NeverOnDuplicata,
    };
    let mut y1 = never(LineCode::Y1);
    let exemption_total = (rules.y1)(params, q, day, regime_p, conversion, moped, &mut y1)?;

    // Y4: taxe de gestion (until 2020) or taxe fixe (from 2021).
    let y4_amount_p = at_in(&s.y4_amount, day.y4_amount, q.date)?;
    let y4_amount = value(y4_amount_p)?;
    let fixed = FeeLine {
        code: LineCode::Y4,
        amount: Some(y4_amount),
        confidence: conf_of(y4_amount_p.meta),
        rule: LineRule::Fixed {
            meta: y4_amount_p.meta,
        },
    };
    let not_due = |rule: LineRule, confidence: Confidence| FeeLine {
        code: LineCode::Y4,
        amount: Some(Money::ZERO),
        confidence,
        rule,
    };
    let mut partial_exemption_switch = None;
    let y4 = if conversion {
        let sw = at_in(
            &s.y4_due_on_fni_conversion,
            day.y4_due_on_fni_conversion,
            q.date,
        )?;
        if *value_ref(sw)? {
            with_confidence(fixed, conf_of(sw.meta))
        } else {
            not_due(
                LineRule::NotDueFniConversion {
                    switch_meta: Some(sw.meta),
                },
                conf_of(sw.meta),
            )
        }
    } else if moped {
        let sw = at_in(&s.y4_due_on_moped, day.y4_due_on_moped, q.date)?;
        if *value_ref(sw)? {
            with_confidence(fixed, conf_of(sw.meta))
        } else {
            not_due(
                LineRule::NotDueMoped {
                    switch_meta: Some(sw.meta),
                },
                conf_of(sw.meta),
            )
        }
    } else if q.natural_disaster
        && *value_ref(at_in(
            &s.natural_disaster_dispensed,
            day.natural_disaster_dispensed,
            q.date,
        )?)?
    {
        let sw = at_in(
            &s.natural_disaster_dispensed,
            day.natural_disaster_dispensed,
            q.date,
        )?;
        not_due(
            LineRule::NotDueNaturalDisaster {
                switch_meta: sw.meta,
            },
            conf_of(sw.meta),
        )
    } else if rules.y4_follows_y1_exemptions {
        match (exemption_total, y1.rule) {
            (Some(true), _) => not_due(LineRule::NotDueTotalExemption, y1.confidence),
            (None, _) => FeeLine {
                amount: None,
                confidence: Confidence::Low,
                ..fixed
            },
            (Some(false), LineRule::RegionalRate { exemption, .. }) if exemption > Share::ZERO => {
                // Partial regional exemption: due in full by default, or in proportion.
                let sw = at_in(
                    &s.y4_due_under_partial_exemption,
                    day.y4_due_under_partial_exemption,
                    q.date,
                )?;
                partial_exemption_switch = Some(sw.meta);
                if *value_ref(sw)? {
                    with_confidence(fixed, conf_of(sw.meta))
                } else {
                    let share = y4_amount.times_share_to_euro(exemption.complement());
                    FeeLine {
                        amount: Some(share),
                        ..with_confidence(fixed, conf_of(sw.meta))
                    }
                }
            }
            _ => fixed,
        }
    } else {
        fixed
    };

    // A natural disaster asked but not dispensed: the line rests on that switch too.
    let mut y4 = if q.natural_disaster && y4.amount != Some(Money::ZERO) {
        let sw = at_in(
            &s.natural_disaster_dispensed,
            day.natural_disaster_dispensed,
            q.date,
        )?;
        with_confidence(y4, conf_of(sw.meta))
    } else {
        y4
    };

    // Y5: redevance d'acheminement, not due for cyclomoteurs (décret 2008-850).
    let mut y5 = if moped {
        FeeLine {
            code: LineCode::Y5,
            amount: Some(Money::ZERO),
            confidence: Confidence::High,
            rule: LineRule::NotDueMoped { switch_meta: None },
        }
    } else {
        let p = at_in(&s.y5_amount, day.y5_amount, q.date)?;
        let first_day = at_in(
            &s.y5_first_day_confidence,
            day.y5_first_day_confidence,
            q.date,
        )?;
        FeeLine {
            code: LineCode::Y5,
            amount: Some(value(p)?),
            confidence: conf_of(p.meta).min(*value_ref(first_day)?),
            rule: LineRule::Fixed { meta: p.meta },
        }
    };
    // Dated sources and the last review (explain/era.rs): a value resting on later sources only,
    // or used after the last review, is at most medium. Y2 and Y3 rest on no value (no cap); the
    // review's cap is worked out once for the call.
    let review = crate::explain::era::review_cap(params, q.date);
    y1.confidence = y1.confidence.min(dated_cap(params, &y1, q.date, review));
    y4.confidence = y4.confidence.min(dated_cap(params, &y4, q.date, review));
    y5.confidence = y5.confidence.min(dated_cap(params, &y5, q.date, review));
    let total = match (y1.amount, y4.amount, y5.amount) {
        (Some(a1), Some(a4), Some(a5)) => Some(Money::ZERO + a1 + a4 + a5),
        _ => None,
    };
    let confidence = y1.confidence.min(y4.confidence).min(y5.confidence);
    let highest_event_meta = if q.change_of_address {
        Some(at_in(&s.highest_event_only, day.highest_event_only, q.date)?.meta)
    } else {
        None
    };
    // The reason and bounds of an unknown total, out of the common path (the lines are copied
    // for it: a reference to the answer would make it be built aside and copied, 384 bytes).
    let (unknown_reason, bounds) = if total.is_none() {
        unknown::of(
            params,
            q,
            [y1, never(LineCode::Y2), never(LineCode::Y3), y4, y5],
        )
    } else {
        (None, None)
    };
    Ok(FeeBreakdown {
        date: q.date,
        regime,
        regime_meta: regime_p.meta,
        lines: [y1, never(LineCode::Y2), never(LineCode::Y3), y4, y5],
        total,
        confidence: highest_event_meta.map_or(confidence, |m| confidence.min(conf_of(m))),
        conversion,
        highest_event_meta,
        partial_exemption_switch,
        unknown_reason,
        bounds,
    })
}

/// Whether the run that gave `f` may have read the value of `meta`: `false` only when `meta` is
/// a period of a switch the rules read on one branch alone and that branch was not taken. On a
/// parameter set that differs from `params` in that one value, [`compute`] then gives `f` again
/// (an alternative of that value changes nothing for the query).
#[must_use]
pub(crate) fn may_read(params: &ParameterSet, f: &FeeBreakdown, meta: MetaId) -> bool {
    let switch = &params.scalars.y4_due_under_partial_exemption;
    !switch.periods.iter().any(|p| p.meta == meta) || f.partial_exemption_switch == Some(meta)
}

/// The highest confidence the dates allow for a line: `review` (the cap of the last review for
/// the call's date) for a line resting on a value, at most medium when that value's sources are
/// all later than `date` (explain/era.rs); no cap for a line resting on no value.
#[inline(always)]
fn dated_cap(
    params: &ParameterSet,
    l: &FeeLine,
    date: NaiveDate,
    review: Confidence,
) -> Confidence {
    match explain::line_meta(l) {
        Some(id) if crate::explain::era::only_later_sources(params, id, date) => {
            review.min(Confidence::Medium)
        }
        Some(_) => review,
        None => Confidence::High,
    }
}

fn with_confidence(line: FeeLine, c: Confidence) -> FeeLine {
    FeeLine {
        confidence: line.confidence.min(c),
        ..line
    }
}

#[inline(always)]
pub(crate) fn zone_at(
    params: &ParameterSet,
    d: Department,
    date: NaiveDate,
) -> Result<(u16, &Zone), Error> {
    params.department_zones[d.index()]
        .iter()
        .find(|(from, to, _)| *from <= date && date <= *to)
        .map(|&(_, _, z)| (z, &params.zones[usize::from(z)]))
        .ok_or_else(|| out_of_range(date, params.starts))
}

/// The period of `series` in force on `date`, whose index is `index` for the class of days of
/// `date` (a wrong index only costs the scan).
#[inline(always)]
fn at_in<T>(
    series: &crate::params::Series<T>,
    index: u8,
    date: NaiveDate,
) -> Result<&Period<T>, Error> {
    series
        .at_index(index, date)
        .ok_or_else(|| out_of_range(date, series.periods.first().map_or(date, |p| p.from)))
}

#[inline(always)]
fn at<T>(series: &crate::params::Series<T>, date: NaiveDate) -> Result<&Period<T>, Error> {
    series
        .at(date)
        .ok_or_else(|| out_of_range(date, series.periods.first().map_or(date, |p| p.from)))
}

fn value<T: Copy>(p: &Period<T>) -> Result<T, Error> {
    value_ref(p).copied()
}

fn value_ref<T>(p: &Period<T>) -> Result<&T, Error> {
    p.value.as_ref().ok_or_else(|| {
        Error::new(
            crate::error::ErrorKind::Internal,
            "params.unknown_value",
            None,
            format!("valeur inconnue pour la période {}..{}", p.from, p.to),
            format!("no value known for the period {}..{}", p.from, p.to),
        )
    })
}

pub(crate) fn out_of_range(date: NaiveDate, starts: NaiveDate) -> Error {
    Error::new(
        crate::error::ErrorKind::DateOutOfRange,
        "request.date_out_of_range",
        Some("date"),
        format!("le moteur ne répond pas pour le {date} (paramètres à partir du {starts})"),
        format!("the engine does not answer for {date} (parameters from {starts})"),
    )
}
