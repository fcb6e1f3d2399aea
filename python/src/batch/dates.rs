//! Reading the date column: `date32` in place (`date64` and dictionaries of text cast), ISO text
//! read by the core's one date reader (`duplicata_core::parse_date`), and timestamps without a
//! time zone read as their day when at midnight. Every day is checked against the core's accepted
//! period (`DATE_FLOOR` ..= `DATE_CEILING`, 1900-01-01 to 2099-12-31), as the JSON contract and the
//! C calls check it: a day outside is `request.invalid_date`.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, ArrayRef, Date32Array, RecordBatch};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, TimeUnit};
use chrono::Datelike;
use duplicata_core::{DATE_CEILING, DATE_FLOOR, Error, ErrorCode, parse_date};

use super::input::{MISSING, Text, cast, column_error};
use super::missing;

/// The error code of a date that is not an accepted day.
const INVALID_DATE: ErrorCode = ErrorCode::RequestInvalidDate;

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// The date column: date32 read in place, date64 cast, text read row by row (`YYYY-MM-DD`),
/// timestamps without a time zone (pandas `datetime64[ns]`, polars `Datetime`) read as the day
/// they fall on when they are at midnight (another time of day is an invalid date of its row).
pub(super) enum Dates<'a> {
    Days(&'a Date32Array),
    Text(Text<'a>),
    Stamps {
        values: &'a [i64],
        nulls: Option<&'a NullBuffer>,
        /// Units of the timestamp in one day.
        per_day: i64,
    },
    Nulls,
}

pub(super) fn date_column(batch: &RecordBatch) -> Result<ArrayRef, Error> {
    let col = batch
        .column_by_name("date")
        .ok_or_else(|| missing("date"))?;
    match col.data_type() {
        DataType::Date32
        | DataType::Null
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Timestamp(_, None) => Ok(Arc::clone(col)),
        DataType::Date64 => cast(col, "date", &DataType::Date32),
        DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8) => {
            cast(col, "date", &DataType::Utf8)
        }
        t if t.is_integer() || t.is_floating() => Err(column_error(
            "date",
            t,
            "date32 or ISO text YYYY-MM-DD (a number such as 20190601 or days since 1970 is not read as a date)",
        )),
        t => Err(column_error(
            "date",
            t,
            "date32, ISO text YYYY-MM-DD or a timestamp without time zone at midnight (a timestamp with a time zone is converted first, e.g. `.dt.date`)",
        )),
    }
}

pub(super) fn dates(a: &ArrayRef) -> Dates<'_> {
    match a.data_type() {
        DataType::Date32 => Dates::Days(a.as_primitive::<Date32Type>()),
        DataType::Null => Dates::Nulls,
        DataType::Timestamp(unit, _) => {
            let (values, per_day) = match unit {
                TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().values(), 86_400),
                TimeUnit::Millisecond => (
                    a.as_primitive::<TimestampMillisecondType>().values(),
                    86_400_000,
                ),
                TimeUnit::Microsecond => (
                    a.as_primitive::<TimestampMicrosecondType>().values(),
                    86_400_000_000,
                ),
                TimeUnit::Nanosecond => (
                    a.as_primitive::<TimestampNanosecondType>().values(),
                    86_400_000_000_000,
                ),
            };
            Dates::Stamps {
                values,
                nulls: a.nulls(),
                per_day,
            }
        }
        _ => Dates::Text(Text::of(a)),
    }
}

/// The day from the common era of a timestamp at midnight, or `request.invalid_date`.
#[inline]
fn day_of_stamp(v: i64, per_day: i64, range: (i32, i32)) -> Result<i32, ErrorCode> {
    if v.rem_euclid(per_day) != 0 {
        return Err(INVALID_DATE);
    }
    i32::try_from(v.div_euclid(per_day))
        .ok()
        .and_then(|d| d.checked_add(UNIX_EPOCH_DAYS_FROM_CE))
        .filter(|day| (range.0..=range.1).contains(day))
        .ok_or(INVALID_DATE)
}

/// The first and last accepted days (the core's `DATE_FLOOR` and `DATE_CEILING`), from the common
/// era.
pub(super) fn day_range() -> (i32, i32) {
    (
        DATE_FLOOR.num_days_from_ce(),
        DATE_CEILING.num_days_from_ce(),
    )
}

impl Dates<'_> {
    /// The days of rows `start..start + out.len()`.
    pub(super) fn fill(&self, start: usize, range: (i32, i32), out: &mut [Result<i32, ErrorCode>]) {
        match self {
            Dates::Days(d) => {
                let (values, nulls) = (d.values(), d.nulls());
                for (j, o) in out.iter_mut().enumerate() {
                    let i = start + j;
                    *o = if nulls.is_some_and(|n| n.is_null(i)) {
                        Err(MISSING)
                    } else {
                        values[i]
                            .checked_add(UNIX_EPOCH_DAYS_FROM_CE)
                            .filter(|day| (range.0..=range.1).contains(day))
                            .ok_or(INVALID_DATE)
                    };
                }
            }
            _ => {
                for (j, o) in out.iter_mut().enumerate() {
                    *o = self.get(start + j, range);
                }
            }
        }
    }

    /// The day of row `i` from the common era (a real `NaiveDate`), or the error code.
    #[inline]
    fn get(&self, i: usize, range: (i32, i32)) -> Result<i32, ErrorCode> {
        match self {
            Dates::Days(d) => {
                if d.is_valid(i) {
                    d.value(i)
                        .checked_add(UNIX_EPOCH_DAYS_FROM_CE)
                        .filter(|day| (range.0..=range.1).contains(day))
                        .ok_or(INVALID_DATE)
                } else {
                    Err(MISSING)
                }
            }
            Dates::Text(s) => match s.str(i) {
                Ok(Some(t)) => parse_date(t, "date")
                    .map(|d| d.num_days_from_ce())
                    .map_err(|_| INVALID_DATE),
                Ok(None) => Err(MISSING),
                Err(_) => Err(INVALID_DATE),
            },
            Dates::Stamps {
                values,
                nulls,
                per_day,
            } => {
                if nulls.is_some_and(|n| n.is_null(i)) {
                    Err(MISSING)
                } else {
                    day_of_stamp(values[i], *per_day, range)
                }
            }
            Dates::Nulls => Err(MISSING),
        }
    }
}
