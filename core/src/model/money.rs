//! Exact amounts in euros and the confidence attached to every value.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// An amount in euros, exact, held as whole cents; shown with two decimals ("47.76"), in JSON as a
/// string. Integer cents make the fee path a few integer operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// Zero euros.
    pub const ZERO: Money = Money(0);

    /// Converts a decimal amount to cents, rounding half away from zero if it is finer (callers that
    /// must not round check `has_cents_precision` first).
    #[must_use]
    pub fn new(amount: Decimal) -> Self {
        let d = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let saturated = if d.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        };
        match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(cents) => Money(
                i64::try_from(cents.mantissa() / 10i128.pow(cents.scale())).unwrap_or(saturated),
            ),
            None => Money(saturated),
        }
    }

    /// Whether `amount` is a whole number of cents (a parameter file may not say more).
    #[must_use]
    pub fn has_cents_precision(amount: Decimal) -> bool {
        amount.normalize().scale() <= 2
    }

    /// Builds an amount from a whole number of cents.
    #[must_use]
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    /// The amount as an exact decimal with two decimals.
    #[must_use]
    pub fn amount(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// The amount in whole cents.
    #[must_use]
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// `self × share`, exact, rounded to the nearest euro, halves upwards (away from zero): the rule
    /// of CGI art. 1599 octodecies and of service-public F19211 ("0,50 est compté pour 1") for
    /// each tax before Y5 is added.
    #[must_use]
    pub fn times_share_to_euro(self, share: Share) -> Self {
        const D: i64 = Share::ONE.0 as i64 * 100;
        // In 64 bits whenever the product fits (any real amount): a division by a constant,
        // which the compiler turns into a multiplication, where the 128-bit one is a call.
        if let Some(n) = self.0.checked_mul(i64::from(share.0)) {
            let q = if n >= 0 {
                (n + D / 2) / D
            } else {
                -((-n + D / 2) / D)
            };
            return Money(q * 100);
        }
        Money(round_div(i128::from(self.0) * i128::from(share.0), i128::from(D)) * 100)
    }

    /// `self × share`, exact, rounded to the cent (for explanations).
    #[must_use]
    pub fn times_share(self, share: Share) -> Self {
        Money(round_div(
            i128::from(self.0) * i128::from(share.0),
            i128::from(Share::ONE.0),
        ))
    }
}

/// `n / d` rounded half away from zero (`d` > 0).
fn round_div(n: i128, d: i128) -> i64 {
    let q = if n >= 0 {
        (n + d / 2) / d
    } else {
        -((-n + d / 2) / d)
    };
    i64::try_from(q).unwrap_or(if q > 0 { i64::MAX } else { i64::MIN })
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A share between 0 and 1 in basis points (1/10 000): the 1/4 CV of two-wheelers, a regional
/// exemption of 50 % or 100 %. Exact, and cheap to apply to cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Share(u16);

impl Share {
    /// No part (0 %).
    pub const ZERO: Share = Share(0);
    /// The whole (100 %).
    pub const ONE: Share = Share(10_000);

    /// A decimal between 0 and 1 with at most four decimals; anything else is refused.
    pub fn from_decimal(d: Decimal) -> Option<Self> {
        let bp = d.checked_mul(Decimal::from(10_000))?;
        if d.is_sign_negative() || d > Decimal::ONE || bp.fract() != Decimal::ZERO {
            return None;
        }
        u16::try_from(bp.trunc().mantissa() / 10i128.pow(bp.trunc().scale()))
            .ok()
            .map(Share)
    }

    /// The remaining part, `1 − self`.
    #[must_use]
    pub fn complement(self) -> Share {
        Share(Share::ONE.0.saturating_sub(self.0))
    }

    /// `self × other`.
    #[must_use]
    pub fn times(self, other: Share) -> Share {
        Share(
            u16::try_from(u32::from(self.0) * u32::from(other.0) / u32::from(Share::ONE.0))
                .unwrap_or(u16::MAX),
        )
    }

    /// The share in basis points (10 000 = 100 %).
    #[must_use]
    pub fn basis_points(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Decimal::new(i64::from(self.0), 4).normalize(), f)
    }
}

/// How far a value can be trusted, from the grade of its sources (legal text or official fiche:
/// high; serious press: medium; blog, inference, disputed date or open point: low).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A single weak source, an inference, a disputed date or an open point.
    Low,
    /// Serious press or trade sources, a settled default, or later sources only.
    Medium,
    /// A legal text, an official fiche or an administration, for that date.
    High,
}

impl Confidence {
    /// The contract name (same as [`Confidence::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// The lower of two confidences: a result is as sure as its least sure input.
    #[must_use]
    pub fn min(self, other: Confidence) -> Confidence {
        std::cmp::min(self, other)
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == s)
    }
}

contract_names!(Confidence { Low => "low", Medium => "medium", High => "high" });

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: the exact quotient rounded by `rust_decimal`, halves away from zero.
    fn reference(n: i128, d: i128) -> i64 {
        let q = Decimal::from_i128_with_scale(n, 0) / Decimal::from_i128_with_scale(d, 0);
        let r = q.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(r.mantissa() / 10i128.pow(r.scale())).expect("in range")
    }

    #[test]
    fn round_div_rounds_halves_away_from_zero() {
        // Halves: 0.5, 1.5, 2.5 go up (never to the even neighbour), -0.5 and -1.5 go down.
        assert_eq!(round_div(50, 100), 1);
        assert_eq!(round_div(150, 100), 2);
        assert_eq!(round_div(250, 100), 3);
        assert_eq!(round_div(-50, 100), -1);
        assert_eq!(round_div(-150, 100), -2);
        // Just under and just over a half.
        assert_eq!(round_div(49, 100), 0);
        assert_eq!(round_div(51, 100), 1);
        assert_eq!(round_div(149, 100), 1);
        assert_eq!(round_div(-49, 100), 0);
        assert_eq!(round_div(-51, 100), -1);
        // Exact quotients and zero.
        assert_eq!(round_div(0, 7), 0);
        assert_eq!(round_div(300, 100), 3);
        assert_eq!(round_div(-300, 100), -3);
        // An odd divisor has no half: 1/3 down, 2/3 up.
        assert_eq!(round_div(1, 3), 0);
        assert_eq!(round_div(2, 3), 1);
        assert_eq!(round_div(-2, 3), -1);
        // Beyond i64: saturated, never wrapped.
        assert_eq!(round_div(i128::from(i64::MAX) * 4, 1), i64::MAX);
        assert_eq!(round_div(i128::from(i64::MIN) * 4, 1), i64::MIN);
    }

    #[test]
    fn round_div_agrees_with_the_decimal_reference() {
        for d in [1, 2, 3, 4, 7, 100, 400, 10_000, 1_000_000] {
            for n in -2_500..=2_500 {
                assert_eq!(round_div(n, d), reference(n, d), "{n} / {d}");
            }
            // Around the halves of large quotients too.
            for k in [1_000_003i128, 987_654_321] {
                let n = k * d + d / 2;
                assert_eq!(round_div(n, d), reference(n, d), "{n} / {d}");
                assert_eq!(round_div(-n, d), reference(-n, d), "-{n} / {d}");
            }
        }
    }

    #[test]
    fn each_tax_rounds_to_the_euro_half_up() {
        // CGI art. 1599 octodecies; service-public F19211: "0,50 est compté pour 1".
        let share = |s: &str| Share::from_decimal(s.parse().expect("decimal")).expect("share");
        let m = |s: &str| Money::new(s.parse().expect("decimal"));
        // A quarter of a CV (two-wheelers up to 125 cm³).
        assert_eq!(m("50").times_share_to_euro(share("0.25")), m("13")); // 12.50
        assert_eq!(m("42.50").times_share_to_euro(share("0.25")), m("11")); // 10.625
        assert_eq!(m("49.98").times_share_to_euro(share("0.25")), m("12")); // 12.495
        assert_eq!(m("51.20").times_share_to_euro(share("0.25")), m("13")); // 12.80
        // Half of a rate (a 50 % clean-vehicle exemption): 51 € in Bretagne, 45 € in Guyane.
        assert_eq!(m("51").times_share_to_euro(share("0.5")), m("26")); // 25.50
        assert_eq!(m("45").times_share_to_euro(share("0.5")), m("23")); // 22.50
        assert_eq!(m("44.98").times_share_to_euro(share("0.5")), m("22")); // 22.49
        // The whole and nothing.
        assert_eq!(m("41").times_share_to_euro(Share::ONE), m("41"));
        assert_eq!(m("42.45").times_share_to_euro(Share::ONE), m("42"));
        assert_eq!(m("42.50").times_share_to_euro(Share::ONE), m("43"));
        assert_eq!(m("41").times_share_to_euro(Share::ZERO), Money::ZERO);
        // To the cent, for explanations: 10.625 → 10.63, 12.495 → 12.50.
        assert_eq!(m("42.50").times_share(share("0.25")), m("10.63"));
        assert_eq!(m("49.98").times_share(share("0.25")), m("12.50"));
    }

    #[test]
    fn shares_are_exact_and_round_to_the_euro() {
        let share = |s: &str| Share::from_decimal(s.parse().expect("decimal")).expect("share");
        let m = |s: &str| Money::new(s.parse().expect("decimal"));
        assert_eq!(m("51.20").times_share_to_euro(share("0.25")), m("13"));
        assert_eq!(m("41").times_share_to_euro(share("0.25")), m("10"));
        assert_eq!(m("51").times_share_to_euro(share("0.5")), m("26"));
        assert_eq!(m("42.50").times_share(share("0.25")), m("10.63"));
        // The 64-bit path gives what the exact 128-bit rounding gives, halves and signs included.
        for cents in [
            -1_000_001,
            -50_000,
            -49_999,
            -1,
            0,
            1,
            49_999,
            50_000,
            4_100,
            5_120,
            123_456_789,
        ] {
            for bp in [0, 1, 2_500, 5_000, 9_999, 10_000] {
                let exact = round_div(i128::from(cents) * i128::from(bp), 1_000_000) * 100;
                let got = Money::from_cents(cents).times_share_to_euro(Share(bp));
                assert_eq!(got, Money::from_cents(exact), "{cents} × {bp}");
            }
        }
        assert_eq!(
            Money::from_cents(i64::MAX).times_share_to_euro(Share::ONE),
            Money(round_div(i128::from(i64::MAX) * 10_000, 1_000_000) * 100)
        );
        assert_eq!(share("0.25").to_string(), "0.25");
        assert_eq!(Share::ONE.to_string(), "1");
        assert_eq!(share("0.5").complement(), share("0.5"));
        assert!(Share::from_decimal("1.5".parse().expect("decimal")).is_none());
        assert!(Share::from_decimal("0.33333".parse().expect("decimal")).is_none());
        assert!(Share::from_decimal("-0.1".parse().expect("decimal")).is_none());
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
