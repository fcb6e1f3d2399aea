//! Why a total is unknown, and the totals the known values around the gap imply.
//!
//! An unknown total has one cause: Y1's regional rate or the region's clean-vehicle share is a
//! documented gap of the parameters (Y4 follows Y1 under the CGI, art. 1628-0 bis II, so an
//! unknown Y4 has Y1's cause). The bounds bracket the total with the values around the gap:
//!
//! - **unknown rate**: Y1 at the lowest and the highest of the zone's last known rate before the
//!   gap and first known rate after it (with the same quarter and exemption share);
//! - **unknown clean-vehicle share**: the share is between 0 and 1, so Y1 is between 0 (and Y4
//!   not due either, a total exemption) and the full rate of that day (or, when that rate is a
//!   gap too, the highest known rate around it), with Y4 due in full.
//!
//! The known lines are added as they are; each bound is rounded like the line it replaces.

use super::{FeeLine, FeeQuery, LineCode, LineRule};
use crate::model::money::{Money, Share};
use crate::params::{ParameterSet, Rate, Series};

/// Why a total is unknown (a stable code of the decision's `fees.unknown_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnknownReason {
    /// The zone's regional rate is a documented gap on that date.
    UnknownRate,
    /// The zone's clean-vehicle exemption share is a documented gap on that date.
    UnknownExemption,
}

impl UnknownReason {
    /// Every reason, in contract order.
    pub const ALL: &'static [Self] = &[Self::UnknownRate, Self::UnknownExemption];

    /// The stable code (documented in `docs/confidence.md`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::UnknownRate => "fees.y1.unknown_rate",
            Self::UnknownExemption => "fees.y1.unknown_exemption",
        }
    }
}

/// The lowest and highest totals an unknown total may have, from the known values around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The lowest total.
    pub low: Money,
    /// The highest total.
    pub high: Money,
}

/// The reason and bounds of an unknown total (kept out of line: the common path has a total).
#[cold]
#[inline(never)]
pub(super) fn of(
    params: &ParameterSet,
    q: &FeeQuery,
    lines: [FeeLine; 5],
) -> (Option<UnknownReason>, Option<Bounds>) {
    (reason(&lines), bounds(params, q, &lines))
}

/// The reason of an unknown total, from its unknown Y1.
pub(super) fn reason(lines: &[FeeLine; 5]) -> Option<UnknownReason> {
    match lines[LineCode::Y1 as usize].rule {
        LineRule::UnknownRate { .. } => Some(UnknownReason::UnknownRate),
        LineRule::UnknownExemption { .. } => Some(UnknownReason::UnknownExemption),
        _ => None,
    }
}

/// The lowest and highest known rates around `date` in `rates` (the period in force included,
/// when known).
fn rates_around(rates: &Series<Rate>, date: chrono::NaiveDate) -> Option<(Money, Money)> {
    let (before, after) = rates.known_around(date);
    let here = rates.at(date).and_then(|p| p.value.as_ref());
    let known: Vec<Money> = [
        here,
        before.and_then(|p| p.value.as_ref()),
        after.and_then(|p| p.value.as_ref()),
    ]
    .into_iter()
    .flatten()
    .map(|r| r.per_cv)
    .collect();
    let low = known.iter().copied().min()?;
    let high = known.iter().copied().max()?;
    // With the rate of the day known, it is the only one that applies.
    match here {
        Some(r) => Some((r.per_cv, r.per_cv)),
        None => Some((low, high)),
    }
}

/// The bounds of an unknown total, `None` when no value around the gap is known.
pub(super) fn bounds(params: &ParameterSet, q: &FeeQuery, lines: &[FeeLine; 5]) -> Option<Bounds> {
    let y1 = &lines[LineCode::Y1 as usize];
    let known: Money = lines
        .iter()
        .filter(|l| l.code != LineCode::Y1 && l.amount.is_some())
        .fold(Money::ZERO, |acc, l| acc + l.amount.unwrap_or(Money::ZERO));
    match y1.rule {
        LineRule::UnknownRate {
            zone,
            part,
            exemption,
            ..
        } => {
            let z = params.zones.get(usize::from(zone))?;
            let (low, high) = rates_around(&z.rates, q.date)?;
            let share = part.times(exemption.complement());
            // Y4 is known here (a gap of the rate leaves the exemption known).
            Some(Bounds {
                low: known + low.times_share_to_euro(share),
                high: known + high.times_share_to_euro(share),
            })
        }
        LineRule::UnknownExemption { zone, .. } => {
            let z = params.zones.get(usize::from(zone))?;
            let (_, high) = rates_around(&z.rates, q.date)?;
            let part = if q.category == crate::contract::request::Category::MotorcycleLe125 {
                params
                    .scalars
                    .two_wheeler_le_125_share
                    .at(q.date)
                    .and_then(|p| p.value)
                    .unwrap_or(Share::ONE)
            } else {
                Share::ONE
            };
            // Y4 unknown too: not due under a total exemption, due in full otherwise.
            let y4 = &lines[LineCode::Y4 as usize];
            let y4_high = match y4.amount {
                Some(_) => Money::ZERO,
                None => params
                    .scalars
                    .y4_amount
                    .at(q.date)
                    .and_then(|p| p.value)
                    .unwrap_or(Money::ZERO),
            };
            Some(Bounds {
                low: known,
                high: known + high.times_share_to_euro(part) + y4_high,
            })
        }
        _ => None,
    }
}
