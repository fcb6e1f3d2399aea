//! The legal regimes of the fees, one file each. A regime is its rules here and its dates in the
//! parameter file (`fees.regime`); adding one means a variant of [`Regime`], a file in this folder
//! and a line of [`REGIMES`], and no `match` anywhere else.

use super::{FeeLine, FeeQuery, LineCode, LineRule};
use crate::error::Error;
use crate::model::money::Money;
use crate::params::{InForce, ParameterSet, Period, Regime};

mod cgi;
mod cibs;
mod taxe_fixe_2021;

/// How a regime sets Y1: from the parameters, the query, the periods in force that day (their
/// indices, `params/days.rs`), the regime's period in force, whether the
/// number is converted from the FNI and whether the vehicle is a cyclomoteur; with whether the
/// vehicle is totally exempt (`None` when it cannot be known). The line is written to the last
/// argument: returned through the `Result`, it was copied field by field.
pub(crate) type Y1Rule = fn(
    &ParameterSet,
    &FeeQuery,
    &InForce,
    &Period<Regime>,
    bool,
    bool,
    &mut FeeLine,
) -> Result<Option<bool>, Error>;

/// What a regime decides.
#[derive(Debug)]
pub(crate) struct RegimeRules {
    /// The regime these rules are for.
    pub regime: Regime,
    /// The Y1 line, and whether the vehicle is totally exempt (`None` when it cannot be known).
    pub y1: Y1Rule,
    /// Y4 follows the exemptions of Y1 (CGI 1628-0 bis II: not due when Y1 is not).
    pub y4_follows_y1_exemptions: bool,
    /// Y1 and Y4 depend on the date alone, not on the department, the category (but a
    /// cyclomoteur) nor the energy: the fees of a plain query are worked out once per stretch of
    /// days (`fees/plain.rs`). A test compares that table with [`super::compute`] on every day.
    pub plain: bool,
}

/// Every regime's rules, in the order of [`Regime::ALL`].
pub(crate) static REGIMES: [&RegimeRules; 3] = [&cgi::RULES, &taxe_fixe_2021::RULES, &cibs::RULES];

/// The rules of a regime.
/// [`REGIMES`] is in the order of [`Regime::ALL`] (a test checks it), so the regime's index is
/// its place.
#[inline(always)]
pub(crate) fn rules(regime: Regime) -> &'static RegimeRules {
    let rules = REGIMES[regime as usize];
    debug_assert_eq!(rules.regime, regime);
    rules
}

/// Y1 not due under the regime (no regional tax on a duplicata).
fn y1_not_due(
    params: &ParameterSet,
    _q: &FeeQuery,
    _day: &InForce,
    regime: &Period<Regime>,
    _conversion: bool,
    _moped: bool,
    out: &mut FeeLine,
) -> Result<Option<bool>, Error> {
    *out = FeeLine {
        code: LineCode::Y1,
        amount: Some(Money::ZERO),
        confidence: params.meta(regime.meta).confidence,
        rule: LineRule::NotDueUnderRegime {
            regime_meta: regime.meta,
        },
    };
    Ok(Some(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_set_per_regime_in_contract_order() {
        let order: Vec<Regime> = REGIMES.iter().map(|r| r.regime).collect();
        assert_eq!(order, Regime::ALL);
        for r in Regime::ALL {
            assert_eq!(rules(*r).regime, *r);
        }
    }
}
