//! Exact amounts in euros and the confidence attached to every value.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// An amount in euros, exact, always shown with two decimals ("47.76"), in JSON as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Wraps a decimal amount, rescaled to cents (rounded half away from zero if finer).
    pub fn new(amount: Decimal) -> Self {
        let mut d = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        Money(d)
    }

    /// Builds an amount from a whole number of cents.
    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The amount in whole cents (exact: amounts always have two decimals).
    pub fn cents(self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        i64::try_from(d.mantissa()).unwrap_or(i64::MAX)
    }

    /// Rounds to the nearest euro, halves upwards: the rule of CGI art. 1599 octodecies and of
    /// service-public F19211 ("0,50 est compté pour 1") for each tax before Y5 is added.
    pub fn round_to_euro(self) -> Self {
        Money::new(
            self.0
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
        )
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::new(self.0 + rhs.0)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Amounts always hold two decimals: print the cents as an integer (faster than Decimal's
        // formatting, which shows in the JSON writer's profile).
        match i64::try_from(self.0.mantissa()) {
            Ok(cents) if self.0.scale() == 2 => {
                let sign = if cents < 0 { "-" } else { "" };
                let abs = cents.unsigned_abs();
                write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
            }
            _ => write!(f, "{:.2}", self.0),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How far a value can be trusted, from the grade of its sources (legal text or official fiche:
/// high; serious press: medium; blog, inference, disputed date or open point: low).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// The lower of two confidences: a result is as sure as its least sure input.
    pub fn min(self, other: Confidence) -> Confidence {
        std::cmp::min(self, other)
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Confidence::Low),
            "medium" => Some(Confidence::Medium),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_to_the_euro() {
        let m = |s: &str| Money::new(s.parse().expect("decimal"));
        assert_eq!(m("51.20").round_to_euro(), m("51"));
        assert_eq!(m("12.80").round_to_euro(), m("13"));
        assert_eq!(m("12.50").round_to_euro(), m("13"));
        assert_eq!(m("12.49").round_to_euro(), m("12"));
        assert_eq!(m("204.80").round_to_euro(), m("205"));
    }

    #[test]
    fn prints_two_decimals_and_cents() {
        let total = Money::new("41".parse().expect("decimal"))
            + Money::new("4".parse().expect("decimal"))
            + Money::new("2.76".parse().expect("decimal"));
        assert_eq!(total.to_string(), "47.76");
        assert_eq!(total.cents(), 4776);
        assert_eq!(serde_json::to_string(&total).expect("json"), "\"47.76\"");
        assert_eq!(Money::from_cents(1376).to_string(), "13.76");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::from_cents(-250).to_string(), "-2.50");
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }
}
