//! The one strict reading of a date, used by every surface (request JSON, the command line, the C
//! typed calls, WebAssembly): exactly `YYYY-MM-DD` (four ASCII digits, two, two; no sign, no space,
//! no time), a day that exists, and within [`DATE_FLOOR`] ..= [`DATE_CEILING`]. Anything else is
//! `request.invalid_date` naming the field. Whether the engine answers for a date inside that range
//! is the engine's to say (`request.date_out_of_range` before the SIV opened).

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, Visitor};

use crate::error::{Error, ErrorCode};

/// The earliest date a request may carry. The oldest date a request names is a vehicle's first
/// registration; French registration numbers date from the décret of 10 March 1899, so no vehicle
/// still registered was first registered before 1900.
pub const DATE_FLOOR: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("1900-01-01"),
};

/// The latest date a request may carry: the end of the century. The parameter file covers a few
/// years after its publication; a date decades later is a typing error, and a date of year 10000 or
/// more cannot be written back as `YYYY-MM-DD`.
pub const DATE_CEILING: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(d) => d,
    None => panic!("2099-12-31"),
};

/// Why a text is not a date, in both languages.
fn reason(b: &[u8]) -> (&'static str, &'static str) {
    match read(b) {
        Some(_) => (
            "hors de la période acceptée, du 1900-01-01 au 2099-12-31",
            "outside the accepted period, 1900-01-01 to 2099-12-31",
        ),
        None if shape(b) => ("ce jour n'existe pas", "this day does not exist"),
        None => (
            "le format AAAA-MM-JJ est attendu (par exemple 2019-06-01)",
            "the form YYYY-MM-DD is expected (for example 2019-06-01)",
        ),
    }
}

/// `YYYY-MM-DD` with ASCII digits, whatever the values.
fn shape(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// The calendar day written `YYYY-MM-DD`, if it exists (no range check).
fn read(b: &[u8]) -> Option<NaiveDate> {
    if !shape(b) {
        return None;
    }
    let n =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)).ok()?, n(5..7), n(8..10))
}

/// The date written in `text`, if it is a real day `YYYY-MM-DD` within the accepted period.
#[must_use]
pub(crate) fn read_strict(text: &str) -> Option<NaiveDate> {
    read(text.as_bytes()).filter(|d| in_range(*d))
}

/// Whether `date` lies within [`DATE_FLOOR`] ..= [`DATE_CEILING`].
#[must_use]
pub fn in_range(date: NaiveDate) -> bool {
    (DATE_FLOOR..=DATE_CEILING).contains(&date)
}

/// Reads `text`, the value of `field`, as a date.
///
/// # Errors
///
/// `request.invalid_date` naming `field`, the text quoted (at most 40 characters, control
/// characters escaped).
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate, Error> {
    read_strict(text).ok_or_else(|| invalid_date(field, text))
}

/// Checks a date given as a calendar day (the C typed calls): within the accepted period.
///
/// # Errors
///
/// `request.invalid_date` naming `field`.
pub(crate) fn check_date(date: NaiveDate, field: &str) -> Result<NaiveDate, Error> {
    if in_range(date) {
        Ok(date)
    } else {
        Err(invalid_date(field, &date.format("%Y-%m-%d").to_string()))
    }
}

/// The error of a text that is not an accepted date.
#[must_use]
pub(crate) fn invalid_date(field: &str, text: &str) -> Error {
    let shown: String = text
        .chars()
        .take(40)
        .flat_map(char::escape_default)
        .collect();
    let (fr, en) = reason(text.as_bytes());
    Error::with_code(
        ErrorCode::RequestInvalidDate,
        Some(field).filter(|f| !f.is_empty()),
        format!("date invalide pour « {field} » : « {shown} », {fr}"),
        format!("invalid date for '{field}': '{shown}', {en}"),
    )
}

/// The message a serde error carries for a date that is refused: `contract::json` recognises the
/// prefix and turns it into `request.invalid_date` on the field's path, the text quoted.
pub(crate) const SERDE_PREFIX: &str = "\u{1}date:";

struct Strict;

impl Visitor<'_> for Strict {
    type Value = NaiveDate;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        read_strict(v).ok_or_else(|| {
            let shown: String = v.chars().take(40).flat_map(char::escape_default).collect();
            E::custom(format_args!("{SERDE_PREFIX}{shown}"))
        })
    }
}

struct StrictOption;

impl<'de> Visitor<'de> for StrictOption {
    type Value = Option<NaiveDate>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(Strict).map(Some)
    }
}

/// `#[serde(deserialize_with = "…::date::strict")]` for a `NaiveDate` field.
///
/// # Errors
///
/// A text that is not an accepted date (see the module).
pub fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Strict)
}

/// `#[serde(default, deserialize_with = "…::date::strict_option")]` for an `Option<NaiveDate>`
/// field (`null` is absent).
///
/// # Errors
///
/// A text that is not an accepted date (see the module).
pub fn strict_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(StrictOption)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_written_yyyy_mm_dd_in_range() {
        for ok in [
            "2019-06-01",
            "2024-02-29",
            "2009-04-15",
            "1900-01-01",
            "2099-12-31",
        ] {
            let d = parse_date(ok, "date").expect(ok);
            assert_eq!(d.format("%Y-%m-%d").to_string(), ok);
        }
        for bad in [
            "+2019-06-01",
            "2019-6-1",
            " 2019-06-01",
            "2019-06-01 ",
            "+0002019-06-01",
            "+99999-12-31",
            "2019-02-30",
            "2023-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-06-00",
            "0000-01-01",
            "1899-12-31",
            "2100-01-01",
            "9999-12-31",
            "2019/06/01",
            "20190601",
            "2019-06-01T00:00",
            "２０１９-06-01",
            "2019-06-01\0",
            "",
        ] {
            let e = parse_date(bad, "vehicle.first_registration").expect_err(bad);
            assert_eq!(e.code(), "request.invalid_date", "{bad}");
            assert_eq!(e.field(), Some("vehicle.first_registration"), "{bad}");
            assert!(!e.message_fr().contains('\0'), "{bad}");
        }
        assert!(
            parse_date("2019-02-30", "date")
                .expect_err("refused")
                .message_en()
                .contains("does not exist")
        );
        assert!(
            parse_date("9999-12-31", "date")
                .expect_err("refused")
                .message_en()
                .contains("outside")
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Dates {
        #[serde(deserialize_with = "strict")]
        day: NaiveDate,
        #[serde(default, deserialize_with = "strict_option")]
        other: Option<NaiveDate>,
    }

    fn dates(json: &str) -> Result<Dates, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn serde_fields_read_dates_strictly() {
        let day = NaiveDate::from_ymd_opt(2019, 6, 1).expect("day");
        let d = dates(r#"{"day":"2019-06-01","other":null}"#).expect("null is absent");
        assert_eq!((d.day, d.other), (day, None));
        let d = dates(r#"{"day":"2019-06-01"}"#).expect("absent");
        assert_eq!(d.other, None);
        let d = dates(r#"{"day":"2019-06-01","other":"2020-01-02"}"#).expect("both");
        assert_eq!(d.other, NaiveDate::from_ymd_opt(2020, 1, 2));
        // A refused text carries the prefix `contract::json` recognises, then the text.
        let e = dates(r#"{"day":"2019-13-01"}"#).expect_err("refused");
        assert!(e.starts_with(&format!("{SERDE_PREFIX}2019-13-01")), "{e}");
        let e = dates(r#"{"day":"2019-06-01","other":"2019-02-30"}"#).expect_err("refused");
        assert!(e.starts_with(&format!("{SERDE_PREFIX}2019-02-30")), "{e}");
        // A value of another type says what is expected.
        let e = dates(r#"{"day":5}"#).expect_err("a number");
        assert!(e.contains("expected a date YYYY-MM-DD"), "{e}");
        assert!(!e.contains("or null"), "{e}");
        // serde_json reads a present optional value with the inner visitor: the same message.
        let e = dates(r#"{"day":"2019-06-01","other":5}"#).expect_err("a number");
        assert!(e.contains("expected a date YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn the_error_names_its_field_quotes_the_text_and_says_why() {
        let e = invalid_date("", "x");
        assert_eq!((e.code(), e.field()), ("request.invalid_date", None));
        let e = parse_date("2019-06-01\n", "holder.date").expect_err("refused");
        assert_eq!(e.field(), Some("holder.date"));
        assert!(
            e.message_en().contains("'2019-06-01\\n'"),
            "{}",
            e.message_en()
        );
        assert!(
            e.message_en().contains("the form YYYY-MM-DD is expected"),
            "{}",
            e.message_en()
        );
        assert!(
            e.message_fr().contains("le format AAAA-MM-JJ est attendu"),
            "{}",
            e.message_fr()
        );
        let e = parse_date("2019-02-30", "date").expect_err("refused");
        assert!(
            e.message_fr().contains("ce jour n'existe pas"),
            "{}",
            e.message_fr()
        );
        let e = parse_date("2100-01-01", "date").expect_err("refused");
        assert!(
            e.message_fr().contains("hors de la période acceptée"),
            "{}",
            e.message_fr()
        );
        // At most 40 characters of the text are quoted.
        let long = "9".repeat(60);
        let e = parse_date(&long, "date").expect_err("refused");
        assert!(
            e.message_en().contains(&format!("'{}'", "9".repeat(40))),
            "{}",
            e.message_en()
        );
        assert!(
            !e.message_en().contains(&"9".repeat(41)),
            "{}",
            e.message_en()
        );
    }

    #[test]
    fn checked_days_stay_in_range() {
        let d = NaiveDate::from_ymd_opt(9999, 12, 31).expect("day");
        assert_eq!(
            check_date(d, "date").expect_err("refused").code(),
            "request.invalid_date"
        );
        assert_eq!(check_date(DATE_FLOOR, "date"), Ok(DATE_FLOOR));
        assert_eq!(check_date(DATE_CEILING, "date"), Ok(DATE_CEILING));
        let after = DATE_CEILING.succ_opt().expect("day");
        let e = check_date(after, "vehicle.first_registration").expect_err("refused");
        assert_eq!(e.field(), Some("vehicle.first_registration"));
        assert!(
            e.message_en().contains("'2100-01-01'"),
            "{}",
            e.message_en()
        );
        let before = DATE_FLOOR.pred_opt().expect("day");
        assert!(check_date(before, "date").is_err());
        assert!(in_range(DATE_FLOOR) && in_range(DATE_CEILING));
        assert!(!in_range(before) && !in_range(after));
    }
}
