//! The arguments of single calls read as a batch reads its cells: a date is a `datetime.date` or
//! ISO text `YYYY-MM-DD` (read and range-checked by the core's `parse_date`, as every surface), a department is text or an integer (`2` is `"02"`), an amount is a
//! `Decimal`, an integer or decimal text (never a float). A bad value gets the batch's error code.

use chrono::NaiveDate;
use duplicata_core::date_in_range as in_range;
use duplicata_core::{Error, ErrorCode, Money, Share, parse_date};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyInt, PyString};
use rust_decimal::Decimal;

use crate::batch::department_of_int;

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

fn invalid_type(field: &str, obj: &Bound<'_, PyAny>, expected: &str) -> Error {
    let t = type_name(obj);
    Error::with_code(
        ErrorCode::RequestInvalidType,
        Some(field),
        format!("type invalide pour « {field} » : {t}, attendu : {expected}"),
        format!("invalid type for '{field}': {t}, expected {expected}"),
    )
}

/// A date argument.
pub(crate) fn date(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Result<NaiveDate, Error>> {
    const EXPECTED: &str = "datetime.date or text YYYY-MM-DD";
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str()?;
        return Ok(parse_date(s, field));
    }
    if obj.is_instance_of::<PyDateTime>() || !obj.is_instance_of::<PyDate>() {
        return Ok(Err(invalid_type(field, obj, EXPECTED)));
    }
    let day: NaiveDate = obj.extract()?;
    if in_range(day) {
        return Ok(Ok(day));
    }
    // A day outside the accepted period: the core's error, as for the same day written as text.
    Ok(parse_date(&day.format("%Y-%m-%d").to_string(), field))
}

/// A department argument: text, an integer, or None.
pub(crate) fn department(
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Result<Option<String>, Error>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Ok(None));
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Ok(Some(s.to_str()?.to_owned())));
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(Ok(Some(match obj.extract::<i64>() {
            Ok(n) => department_of_int(n),
            Err(_) => obj.str()?.to_str()?.to_owned(),
        })));
    }
    Ok(Err(invalid_type(
        "holder.department",
        obj,
        "text such as \"2A\" or \"33\", or an integer",
    )))
}

/// The exact decimal of an amount or share argument (a float is refused: 0.1 is not exact).
fn decimal(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Result<Decimal, Error>> {
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_str()?.to_owned()
    } else if (obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>())
        || type_name(obj) == "Decimal"
    {
        obj.str()?.to_str()?.to_owned()
    } else {
        return Ok(Err(invalid_type(
            field,
            obj,
            "decimal.Decimal, int or decimal text such as \"51.00\" (a float is not exact)",
        )));
    };
    Ok(text.trim().parse::<Decimal>().map_err(|_| {
        Error::with_code(
            ErrorCode::RequestInvalidValue,
            Some(field),
            format!("« {text} » n'est pas un nombre décimal"),
            format!("'{text}' is not a decimal number"),
        )
    }))
}

/// An amount in euros with at most two decimals, not negative.
pub(crate) fn money(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Result<Money, Error>> {
    Ok(decimal(obj, field)?.and_then(|d| {
        if d.is_sign_negative() || !Money::has_cents_precision(d) {
            Err(Error::with_code(
                ErrorCode::RequestInvalidValue,
                Some(field),
                format!("montant « {d} » invalide : au plus deux décimales, positif"),
                format!("invalid amount '{d}': at most two decimals, not negative"),
            ))
        } else {
            Ok(Money::new(d))
        }
    }))
}

/// A share between 0 and 1 (four decimals at most).
pub(crate) fn share(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Result<Share, Error>> {
    Ok(decimal(obj, field)?.and_then(|d| {
        Share::from_decimal(d).ok_or_else(|| {
            Error::with_code(
                ErrorCode::RequestInvalidValue,
                Some(field),
                format!("part « {d} » invalide : entre 0 et 1, quatre décimales au plus"),
                format!("invalid share '{d}': between 0 and 1, four decimals at most"),
            )
        })
    }))
}
