//! 2009–2020: the taxe fixe régionale of CGI art. 1599 octodecies on one fiscal horsepower at the
//! regional rate (a quarter for two-wheelers up to 125 cm³, none for cyclomoteurs or an FNI → SIV
//! conversion, regional and national exemptions of clean vehicles), and the taxe de gestion of
//! CGI art. 1628-0 bis, not due when Y1 is not (II).

use super::super::*;
use super::RegimeRules;

/// The rules of the `cgi` regime.
pub(super) static RULES: RegimeRules = RegimeRules {
    regime: Regime::Cgi,
    y1,
    y4_follows_y1_exemptions: true,
    plain: false,
};

/// Y1 under the CGI regime (2009–2020), written to `out`. Also says whether the clean-vehicle
/// exemption is total (`None` when it cannot be known).
fn y1(
    params: &ParameterSet,
    q: &FeeQuery,
    day: &InForce,
    regime: &Period<Regime>,
    conversion: bool,
    moped: bool,
    out: &mut FeeLine,
) -> Result<Option<bool>, Error> {
    let (line, total) = y1_line(params, q, day, regime, conversion, moped)?;
    *out = line;
    Ok(total)
}

/// The line of [`y1`] and whether the exemption is total.
#[inline(always)]
fn y1_line(
    params: &ParameterSet,
    q: &FeeQuery,
    day: &InForce,
    _regime: &Period<Regime>,
    conversion: bool,
    moped: bool,
) -> Result<(FeeLine, Option<bool>), Error> {
    let s = &params.scalars;
    let zero = |rule, confidence| FeeLine {
        code: LineCode::Y1,
        amount: Some(Money::ZERO),
        confidence,
        rule,
    };
    // CGI art. 1599 octodecies 3-c and 4: no tax for the conversion alone, nor for cyclomoteurs.
    if conversion {
        return Ok((
            zero(
                LineRule::NotDueFniConversion { switch_meta: None },
                Confidence::High,
            ),
            Some(false),
        ));
    }
    if moped {
        return Ok((
            zero(
                LineRule::NotDueMoped { switch_meta: None },
                Confidence::High,
            ),
            Some(false),
        ));
    }
    // Looked up only when asked: every series of a loaded set covers the same days (from the
    // file's start, open-ended), so the lookup cannot fail where the regime's did not.
    if q.natural_disaster {
        let disaster = at_in(
            &s.natural_disaster_dispensed,
            day.natural_disaster_dispensed,
            q.date,
        )?;
        if *value_ref(disaster)? {
            let c = params.meta(disaster.meta).confidence;
            return Ok((
                zero(
                    LineRule::NotDueNaturalDisaster {
                        switch_meta: disaster.meta,
                    },
                    c,
                ),
                Some(false),
            ));
        }
    }
    // The exemption first: a total exemption makes the rate irrelevant.
    let national = at_in(
        &s.national_ev_h2_exemption,
        day.national_ev_h2_exemption,
        q.date,
    )?;
    let national_share = *value_ref(national)?;
    if q.energy.is_zero_emission() && national_share == Share::ONE {
        let line = zero(
            LineRule::ExemptClean {
                zone: None,
                meta: national.meta,
                national: true,
            },
            params.meta(national.meta).confidence,
        );
        return Ok((line, Some(true)));
    }
    let department = q
        .department
        .ok_or_else(|| Error::missing_field("holder.department"))?;
    let (zone_index, zone) = zone_at(params, department, q.date)?;
    let mut confidence = Confidence::High;
    let (exemption, exemption_meta, national_exemption) =
        if q.energy.is_zero_emission() && national_share > Share::ZERO {
            confidence = params.meta(national.meta).confidence;
            (national_share, Some(national.meta), true)
        } else if q.energy.is_clean() {
            let share_p = at(&zone.clean_exemption, q.date)?;
            match share_p.value {
                Some(share) if share == Share::ONE => {
                    let line = zero(
                        LineRule::ExemptClean {
                            zone: Some(zone_index),
                            meta: share_p.meta,
                            national: false,
                        },
                        params.meta(share_p.meta).confidence,
                    );
                    return Ok((line, Some(true)));
                }
                Some(share) => {
                    confidence = params.meta(share_p.meta).confidence;
                    (share, Some(share_p.meta), false)
                }
                // A zero rate needs no share (Mayotte before 2017).
                None if zone
                    .rates
                    .at(q.date)
                    .and_then(|r| r.value.as_ref())
                    .is_some_and(|r| r.per_cv == Money::ZERO) =>
                {
                    (Share::ZERO, None, false)
                }
                None => {
                    let line = FeeLine {
                        code: LineCode::Y1,
                        amount: None,
                        confidence: Confidence::Low,
                        rule: LineRule::UnknownExemption {
                            zone: zone_index,
                            gap_meta: share_p.meta,
                        },
                    };
                    return Ok((line, None));
                }
            }
        } else {
            (Share::ZERO, None, false)
        };
    let (part, part_meta) = if q.category == Category::MotorcycleLe125 {
        let p = at_in(
            &s.two_wheeler_le_125_share,
            day.two_wheeler_le_125_share,
            q.date,
        )?;
        confidence = confidence.min(params.meta(p.meta).confidence);
        (*value_ref(p)?, Some(p.meta))
    } else {
        (Share::ONE, None)
    };
    let rate_p = at(&zone.rates, q.date)?;
    let Some(Rate { per_cv, .. }) = &rate_p.value else {
        let line = FeeLine {
            code: LineCode::Y1,
            amount: None,
            confidence: Confidence::Low,
            rule: LineRule::UnknownRate {
                zone: zone_index,
                gap_meta: rate_p.meta,
                part,
                exemption,
            },
        };
        return Ok((line, Some(false)));
    };
    confidence = confidence.min(params.meta(rate_p.meta).confidence);
    let amount = per_cv.times_share_to_euro(part.times(exemption.complement()));
    let line = FeeLine {
        code: LineCode::Y1,
        amount: Some(amount),
        confidence,
        rule: LineRule::RegionalRate {
            zone: zone_index,
            rate_meta: rate_p.meta,
            per_cv: per_cv.to_owned(),
            part,
            part_meta,
            exemption,
            exemption_meta,
            national_exemption,
        },
    };
    Ok((line, Some(false)))
}
