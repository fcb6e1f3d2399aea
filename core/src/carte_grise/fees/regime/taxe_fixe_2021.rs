//! 2021: a taxe fixe of 11 € on every delivery; Y1 taken as not due on a duplicata (low
//! confidence: the parameter file says why).

use super::{RegimeRules, y1_not_due};
use crate::params::Regime;

/// The rules of the `taxe_fixe_2021` regime.
pub(super) static RULES: RegimeRules = RegimeRules {
    regime: Regime::TaxeFixe2021,
    y1: y1_not_due,
    y4_follows_y1_exemptions: false,
    plain: true,
};
