//! 2022 onwards: CIBS L421-30 ff.; Y1 is due only on a change of owner, so not on a duplicata; the
//! taxe fixe is due on any delivery.

use super::{RegimeRules, y1_not_due};
use crate::params::Regime;

/// The rules of the `cibs` regime.
pub(super) static RULES: RegimeRules = RegimeRules {
    regime: Regime::Cibs,
    y1: y1_not_due,
    y4_follows_y1_exemptions: false,
    plain: true,
};
