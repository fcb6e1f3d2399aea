//! Fees of a whole table: Arrow columns in, Arrow columns out, no Python object per row.
//!
//! The columns are read in place (utf8, large_utf8 or utf8_view strings, binary read as UTF-8,
//! date32 dates or ISO text), 64 rows at a time and one column at a time. Departments,
//! categories and energies are read once per distinct short text (a small cache) or once per
//! value of a dictionary; plates are read with the core's `plate_system`. Each row's fees are
//! then found in a memo by their [`DateClasses::key`] and computed by the core only the first time
//! a key is seen; the result columns are written from the distinct results into buffers sized for
//! the batch. A bad row gets its error code and null amounts, with the checks and error codes of
//! the scalar call; the batch goes on. A column of a type that cannot be read exactly (integer
//! dates, a float department) refuses the whole batch with `request.invalid_type`: nothing is
//! guessed.

use std::cell::RefCell;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Int16Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BinaryViewArray, BooleanArray, Date32Array, Decimal128Array,
    DictionaryArray, Float64Array, Int16Array, Int64Array, LargeBinaryArray, LargeStringArray,
    RecordBatch, StringArray, StringViewArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{Datelike, NaiveDate};
use duplicata_core::fees::memo::KeyFields;
use duplicata_core::{
    Category, DateClasses, Department, Energy, Engine, Error, ErrorCode, FeeQuery, LineCode,
    ParameterSet, PlateSystem, plate_system,
};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as DeError, StrDeserializer};

/// Precision of the amount columns: decimal128(12, 2), up to 9 999 999 999.99 €.
pub(crate) const PRECISION: u8 = 12;
pub(crate) const SCALE: i8 = 2;
/// The result columns, in order. An input column of one of these names is refused.
pub(crate) const RESULT_COLUMNS: [&str; 12] = [
    "region",
    "zone",
    "y1",
    "y4",
    "y5",
    "total",
    "status",
    "unknown_reason",
    "low",
    "high",
    "confidence",
    "error_code",
];

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// How the amount columns are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Amounts {
    /// `decimal128(12, 2)`: exact euros (the default).
    Decimal,
    /// `int64` cents: exact, and fast to sum in any dataframe library.
    Cents,
    /// `float64` euros: for plots only (a sum of floats is not exact).
    Float,
}

impl Amounts {
    pub(crate) const ALL: [(&'static str, Amounts); 3] = [
        ("decimal", Amounts::Decimal),
        ("cents", Amounts::Cents),
        ("float", Amounts::Float),
    ];

    fn data_type(self) -> DataType {
        match self {
            Amounts::Decimal => DataType::Decimal128(PRECISION, SCALE),
            Amounts::Cents => DataType::Int64,
            Amounts::Float => DataType::Float64,
        }
    }
}

/// The options of a batch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub(crate) amounts: Amounts,
    /// Region and zone names instead of their codes.
    pub(crate) names: bool,
}

fn missing(field: &str) -> Error {
    Error::missing_field(field)
}

fn invalid_value(field: &str, value: &str, allowed: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::with_code(
        ErrorCode::RequestInvalidValue,
        Some(field),
        format!("valeur « {shown} » invalide pour « {field} » ; valeurs possibles : {allowed}"),
        format!("invalid value '{shown}' for '{field}'; allowed: {allowed}"),
    )
}

/// A `snake_case` name of the JSON contract read through the core's own serde names; an error
/// lists the allowed names (the core's `ALL`).
fn contract_enum<'de, T: Deserialize<'de>>(
    field: &str,
    value: &'de str,
    allowed: impl FnOnce() -> String,
) -> Result<T, Error> {
    let d: StrDeserializer<'de, DeError> = value.into_deserializer();
    T::deserialize(d).map_err(|_| invalid_value(field, value, &allowed()))
}

fn categories() -> String {
    Category::ALL
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn energies() -> String {
    Energy::ALL
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn date_of_days(days: i32) -> Option<NaiveDate> {
    days.checked_add(UNIX_EPOCH_DAYS_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// Reads a date written exactly `YYYY-MM-DD` (a real calendar day), as the JSON contract does.
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return None;
    }
    if !digits(8..10) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)).ok()?, n(5..7), n(8..10))
}

/// The error of a date that is not `YYYY-MM-DD`.
pub(crate) fn invalid_date(value: &str, field: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::with_code(
        ErrorCode::RequestInvalidDate,
        Some(field),
        format!("date « {shown} » invalide : une date réelle AAAA-MM-JJ est attendue"),
        format!("invalid date '{shown}': a real date YYYY-MM-DD is expected"),
    )
}

/// The text of an integer department: `2` is `"02"`, `971` is `"971"` (other numbers are passed
/// as written, and the core refuses them).
pub(crate) fn department_of_int(n: i64) -> String {
    if (0..100).contains(&n) {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

/// Builds the fee query of one request, with the checks `Engine::evaluate` makes on these fields
/// (`FeeQuery::from_fields`).
pub(crate) fn query(
    date: NaiveDate,
    department: Option<&str>,
    plate: &str,
    category: &str,
    energy: &str,
    change_of_address: bool,
) -> Result<FeeQuery, Error> {
    let category: Category = contract_enum("vehicle.category", category, categories)?;
    let energy: Energy = contract_enum("vehicle.energy", energy, energies)?;
    let (mut query, _) = FeeQuery::from_fields(date, department, plate, category, energy)?;
    query.change_of_address = change_of_address;
    Ok(query)
}

/// A text column read in place.
enum Text<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Binary(&'a BinaryArray),
    LargeBinary(&'a LargeBinaryArray),
    BinaryView(&'a BinaryViewArray),
    Nulls,
}

/// A cell that is not UTF-8 text.
const NOT_UTF8: &str = "request.invalid_value";
const MISSING: &str = "request.missing_field";
const INVALID_DATE: &str = "request.invalid_date";

/// The bytes of a cell: a text of at most 15 bytes packed in a word (its bytes, then its length in
/// the last byte), or a longer one.
enum Bytes<'a> {
    Null,
    Short(u128),
    Long(&'a [u8]),
}

/// The word of a text of at most 15 bytes: its bytes, zeros, and its length in the top byte.
#[inline]
fn short_word(b: &[u8]) -> Option<u128> {
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8;
    Some(u128::from_le_bytes(k))
}

/// [`short_word`] of `values[start..start + len]`, read as one 16-byte load when the buffer allows.
#[inline]
fn short_at(values: &[u8], start: usize, len: usize) -> Bytes<'_> {
    if len > 15 {
        return Bytes::Long(values.get(start..start + len).unwrap_or_default());
    }
    match values.get(start..start + 16) {
        Some(w) => {
            let mut k = [0u8; 16];
            k.copy_from_slice(w);
            let mask = (1u128 << (8 * len)) - 1;
            Bytes::Short((u128::from_le_bytes(k) & mask) | ((len as u128) << 120))
        }
        None => values
            .get(start..start + len)
            .and_then(short_word)
            .map_or(Bytes::Null, Bytes::Short),
    }
}

/// The bytes of a word made by [`short_word`].
#[inline]
fn short_bytes(k: u128) -> ([u8; 16], usize) {
    let b = k.to_le_bytes();
    let len = usize::from(b[15]).min(15);
    (b, len)
}

#[inline]
fn by_offsets<'a, O: arrow_array::OffsetSizeTrait>(
    offsets: &[O],
    values: &'a [u8],
    i: usize,
) -> Bytes<'a> {
    let start = offsets[i].as_usize();
    let end = offsets[i + 1].as_usize();
    short_at(values, start, end.saturating_sub(start))
}

impl<'a> Text<'a> {
    fn of(a: &'a ArrayRef) -> Self {
        match a.data_type() {
            DataType::Utf8 => Text::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Text::Large(a.as_string::<i64>()),
            DataType::Utf8View => Text::View(a.as_string_view()),
            DataType::Binary => Text::Binary(a.as_binary::<i32>()),
            DataType::LargeBinary => Text::LargeBinary(a.as_binary::<i64>()),
            DataType::BinaryView => Text::BinaryView(a.as_binary_view()),
            _ => Text::Nulls,
        }
    }

    /// The bytes of row `i`, without checking that they are UTF-8.
    #[inline]
    fn bytes(&self, i: usize) -> Bytes<'a> {
        match self {
            Text::Utf8(a) if a.is_valid(i) => by_offsets(a.value_offsets(), a.value_data(), i),
            Text::Large(a) if a.is_valid(i) => by_offsets(a.value_offsets(), a.value_data(), i),
            Text::Binary(a) if a.is_valid(i) => by_offsets(a.value_offsets(), a.value_data(), i),
            Text::LargeBinary(a) if a.is_valid(i) => {
                by_offsets(a.value_offsets(), a.value_data(), i)
            }
            Text::View(a) if a.is_valid(i) => view_bytes(a.views()[i], || a.value(i).as_bytes()),
            Text::BinaryView(a) if a.is_valid(i) => view_bytes(a.views()[i], || a.value(i)),
            _ => Bytes::Null,
        }
    }

    /// The text of row `i` (`Err` when it is not UTF-8).
    #[inline]
    fn str(&self, i: usize) -> Result<Option<&'a str>, &'static str> {
        Ok(match self {
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Text::View(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Binary(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Text::LargeBinary(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Text::BinaryView(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Text::Nulls => None,
        })
    }
}

/// [`by_view`] for a view array of any lifetime.
#[inline]
fn view_bytes<'a>(view: u128, long: impl FnOnce() -> &'a [u8]) -> Bytes<'a> {
    let len = view as u32;
    if len <= 12 {
        let mask = (1u128 << (8 * len)) - 1;
        Bytes::Short(((view >> 32) & mask) | (u128::from(len) << 120))
    } else {
        let b = long();
        short_word(b).map_or(Bytes::Long(b), Bytes::Short)
    }
}

#[inline]
fn utf8(b: &[u8]) -> Result<&str, &'static str> {
    std::str::from_utf8(b).map_err(|_| NOT_UTF8)
}

/// A cell read and checked: null, not text, a value, or the error code of a bad value.
#[derive(Debug, Clone, Copy)]
enum Cell<T> {
    Null,
    NotText,
    Ok(T),
    Bad(&'static str),
}

fn cell_of<T>(b: &[u8], parse: fn(&str) -> Result<T, &'static str>) -> Cell<T> {
    match std::str::from_utf8(b) {
        Ok(s) => match parse(s) {
            Ok(v) => Cell::Ok(v),
            Err(code) => Cell::Bad(code),
        },
        Err(_) => Cell::NotText,
    }
}

/// Where the cells of a column come from.
enum Source<'a, T> {
    Text(Text<'a>),
    /// A dictionary column: each value of the dictionary read once.
    Dict {
        keys: Vec<usize>,
        nulls: Option<NullBuffer>,
        values: Vec<Cell<T>>,
    },
    /// Integer departments: the texts of 0 to 999 read once.
    Ints(&'a Int64Array, Vec<Cell<T>>),
}

const CACHE_BITS: u32 = 8;
const NO_WORD: u128 = u128::MAX;

/// A column whose distinct values are few (departments, categories, energies): each short text is
/// read once into a direct-mapped cache of cells.
struct Cells<'a, T: Copy> {
    source: Source<'a, T>,
    parse: fn(&str) -> Result<T, &'static str>,
    cache: Vec<(u128, Cell<T>)>,
}

impl<'a, T: Copy> Cells<'a, T> {
    fn new(col: Option<&'a ArrayRef>, parse: fn(&str) -> Result<T, &'static str>) -> Self {
        let source = match col {
            None => Source::Text(Text::Nulls),
            Some(a) => match a.data_type() {
                DataType::Dictionary(..) => match a.as_any_dictionary_opt() {
                    Some(d) => {
                        let values = d.values();
                        let text = Text::of(values);
                        let cells = (0..values.len())
                            .map(|j| match text.bytes(j) {
                                Bytes::Null => Cell::Null,
                                Bytes::Short(k) => {
                                    let (b, len) = short_bytes(k);
                                    cell_of(&b[..len], parse)
                                }
                                Bytes::Long(b) => cell_of(b, parse),
                            })
                            .collect();
                        Source::Dict {
                            keys: d.normalized_keys(),
                            nulls: d.keys().nulls().cloned(),
                            values: cells,
                        }
                    }
                    None => Source::Text(Text::Nulls),
                },
                DataType::Int64 => {
                    let table = (0..1000)
                        .map(|n| match parse(&department_of_int(n)) {
                            Ok(v) => Cell::Ok(v),
                            Err(code) => Cell::Bad(code),
                        })
                        .collect();
                    Source::Ints(a.as_primitive::<Int64Type>(), table)
                }
                _ => Source::Text(Text::of(a)),
            },
        };
        Cells {
            source,
            parse,
            cache: vec![(NO_WORD, Cell::Null); 1 << CACHE_BITS],
        }
    }

    /// The cells of rows `start..start + out.len()`: the column's type is matched once a block.
    fn fill(&mut self, start: usize, out: &mut [Cell<T>]) {
        let (cache, parse) = (&mut self.cache, self.parse);
        match &self.source {
            Source::Text(t) => match t {
                Text::Utf8(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_cached(out, start, a.nulls(), cache, parse, |i| by_offsets(o, d, i));
                }
                Text::Large(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_cached(out, start, a.nulls(), cache, parse, |i| by_offsets(o, d, i));
                }
                Text::Binary(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_cached(out, start, a.nulls(), cache, parse, |i| by_offsets(o, d, i));
                }
                Text::LargeBinary(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_cached(out, start, a.nulls(), cache, parse, |i| by_offsets(o, d, i));
                }
                Text::View(a) => {
                    let v = a.views();
                    fill_cached(out, start, a.nulls(), cache, parse, |i| {
                        view_bytes(v[i], || a.value(i).as_bytes())
                    });
                }
                Text::BinaryView(a) => {
                    let v = a.views();
                    fill_cached(out, start, a.nulls(), cache, parse, |i| {
                        view_bytes(v[i], || a.value(i))
                    });
                }
                Text::Nulls => out.fill(Cell::Null),
            },
            Source::Dict {
                keys,
                nulls,
                values,
            } => {
                for (j, o) in out.iter_mut().enumerate() {
                    let i = start + j;
                    *o = if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                        Cell::Null
                    } else {
                        keys.get(i)
                            .and_then(|&k| values.get(k))
                            .copied()
                            .unwrap_or(Cell::Null)
                    };
                }
            }
            Source::Ints(a, table) => {
                for (j, o) in out.iter_mut().enumerate() {
                    let i = start + j;
                    *o = if a.is_null(i) {
                        Cell::Null
                    } else {
                        let n = a.value(i);
                        match usize::try_from(n).ok().and_then(|k| table.get(k)) {
                            Some(c) => *c,
                            None => match parse(&department_of_int(n)) {
                                Ok(v) => Cell::Ok(v),
                                Err(code) => Cell::Bad(code),
                            },
                        }
                    };
                }
            }
        }
    }
}

/// Fills `out` from a column's cells through the cache of its short texts.
#[inline(always)]
fn fill_cached<'b, T: Copy>(
    out: &mut [Cell<T>],
    start: usize,
    nulls: Option<&NullBuffer>,
    cache: &mut [(u128, Cell<T>)],
    parse: fn(&str) -> Result<T, &'static str>,
    bytes: impl Fn(usize) -> Bytes<'b>,
) {
    for (j, o) in out.iter_mut().enumerate() {
        let i = start + j;
        if nulls.is_some_and(|n| n.is_null(i)) {
            *o = Cell::Null;
            continue;
        }
        *o = match bytes(i) {
            Bytes::Null => Cell::Null,
            Bytes::Short(k) => {
                let h = (((k as u64) ^ ((k >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    >> (64 - CACHE_BITS)) as usize;
                let slot = &mut cache[h];
                if slot.0 != k {
                    let (b, len) = short_bytes(k);
                    *slot = (k, cell_of(&b[..len], parse));
                }
                slot.1
            }
            Bytes::Long(b) => cell_of(b, parse),
        };
    }
}

/// The plates: read row by row (they are nearly all distinct), or once per value of a dictionary.
enum Plates<'a> {
    Text(Text<'a>),
    Dict(Cells<'a, PlateSystem>),
}

fn plate_cell(s: &str) -> Result<PlateSystem, &'static str> {
    plate_system(s).map_err(|e| e.code())
}

impl Plates<'_> {
    /// The plates' cells of rows `start..start + out.len()`.
    fn fill(&mut self, start: usize, out: &mut [Cell<PlateSystem>]) {
        match self {
            Plates::Text(t) => match t {
                Text::Utf8(a) => fill_plates(out, start, |i| a.is_valid(i).then(|| Ok(a.value(i)))),
                Text::Large(a) => {
                    fill_plates(out, start, |i| a.is_valid(i).then(|| Ok(a.value(i))))
                }
                Text::View(a) => fill_plates(out, start, |i| a.is_valid(i).then(|| Ok(a.value(i)))),
                t => fill_plates(out, start, |i| t.str(i).transpose()),
            },
            Plates::Dict(c) => c.fill(start, out),
        }
    }
}

#[inline(always)]
fn fill_plates<'b>(
    out: &mut [Cell<PlateSystem>],
    start: usize,
    text: impl Fn(usize) -> Option<Result<&'b str, &'static str>>,
) {
    for (j, o) in out.iter_mut().enumerate() {
        *o = match text(start + j) {
            Some(Ok(s)) => match plate_cell(s) {
                Ok(p) => Cell::Ok(p),
                Err(code) => Cell::Bad(code),
            },
            None => Cell::Null,
            Some(Err(_)) => Cell::NotText,
        };
    }
}

fn column_error(name: &str, found: &DataType, expected: &str) -> Error {
    Error::with_code(
        ErrorCode::RequestInvalidType,
        Some(name),
        format!("type invalide pour la colonne « {name} » : {found}, attendu : {expected}"),
        format!("invalid type for column '{name}': {found}, expected {expected}"),
    )
}

fn cast(col: &ArrayRef, name: &str, to: &DataType) -> Result<ArrayRef, Error> {
    arrow_cast::cast(col, to).map_err(|e| {
        Error::with_code(
            ErrorCode::RequestInvalidType,
            Some(name),
            format!("colonne « {name} » illisible : {e}"),
            format!("column '{name}' cannot be read: {e}"),
        )
    })
}

const TEXT: &str =
    "text (utf8, large_utf8, utf8_view, binary holding UTF-8, or a dictionary of these)";

fn is_text(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
    )
}

/// A text column (dictionaries kept: their values are read once), or an all-null one; departments
/// may also be integers.
fn text_column(batch: &RecordBatch, name: &str, integers: bool) -> Result<Option<ArrayRef>, Error> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let t = col.data_type();
    Ok(Some(match t {
        DataType::Null => Arc::clone(col),
        t if is_text(t) => Arc::clone(col),
        DataType::Dictionary(k, v) if k.is_integer() && is_text(v) => Arc::clone(col),
        t if integers && t.is_integer() => cast(col, name, &DataType::Int64)?,
        t => {
            let expected = if integers {
                format!("{TEXT} or integers")
            } else {
                TEXT.to_owned()
            };
            return Err(column_error(name, t, &expected));
        }
    }))
}

fn required_text(batch: &RecordBatch, name: &str, integers: bool) -> Result<ArrayRef, Error> {
    text_column(batch, name, integers)?.ok_or_else(|| missing(name))
}

/// The date column: date32 read in place, date64 cast, text read row by row (`YYYY-MM-DD`),
/// timestamps without a time zone (pandas `datetime64[ns]`, polars `Datetime`) read as the day
/// they fall on when they are at midnight (another time of day is an invalid date of its row).
enum Dates<'a> {
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

fn date_column(batch: &RecordBatch) -> Result<ArrayRef, Error> {
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

fn dates(a: &ArrayRef) -> Dates<'_> {
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
fn day_of_stamp(v: i64, per_day: i64, range: (i32, i32)) -> Result<i32, &'static str> {
    if v.rem_euclid(per_day) != 0 {
        return Err(INVALID_DATE);
    }
    i32::try_from(v.div_euclid(per_day))
        .ok()
        .and_then(|d| d.checked_add(UNIX_EPOCH_DAYS_FROM_CE))
        .filter(|day| (range.0..=range.1).contains(day))
        .ok_or(INVALID_DATE)
}

/// The first and last days chrono can represent, from the common era.
fn day_range() -> (i32, i32) {
    (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    )
}

impl Dates<'_> {
    /// The days of rows `start..start + out.len()`.
    fn fill(&self, start: usize, range: (i32, i32), out: &mut [Result<i32, &'static str>]) {
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
    fn get(&self, i: usize, range: (i32, i32)) -> Result<i32, &'static str> {
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
                Ok(Some(t)) => parse_iso_date(t)
                    .map(|d| d.num_days_from_ce())
                    .ok_or(INVALID_DATE),
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

/// The result of one row: amounts in cents (`NULL` when unknown), or an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Entry {
    y1: i64,
    y4: i64,
    y5: i64,
    total: i64,
    error: Option<&'static str>,
    confidence: Option<&'static str>,
    status: &'static str,
    /// The stable code of why the total is unknown (`FeeBreakdown::unknown_reason`).
    unknown_reason: Option<&'static str>,
    /// The bounds of an unknown total, in cents (`NULL` when the total is known or unbounded).
    low: i64,
    high: i64,
}

/// A result with the zone and region of its query (index in the parameter set, `NO_AREA` when
/// none): equal memo keys have equal zones (the key carries the zone, and region changes are
/// boundaries of its classes of days), so they are kept per date part, not per result.
type Areas = (Entry, i16, i16);

const NULL: i64 = i64::MIN;
const NO_AREA: i16 = -1;
const NO_KEY: u64 = u64::MAX;

impl Entry {
    const ERROR: Entry = Entry {
        y1: NULL,
        y4: NULL,
        y5: NULL,
        total: NULL,
        error: None,
        confidence: None,
        status: "error",
        unknown_reason: None,
        low: NULL,
        high: NULL,
    };

    fn error(code: &'static str) -> Entry {
        Entry {
            error: Some(code),
            ..Entry::ERROR
        }
    }
}

/// The memo of a thread, for the parameter set whose fingerprint it carries: each distinct
/// [`DateClasses::key`] of the rows is computed once, and each distinct result is kept once
/// (rows are written from the result's index).
///
/// The key is split in two: its date part (class of days, zone, rate and exemption periods: a few
/// thousand values) found in a small hash table, and its vehicle part (plate system, category,
/// energy, flags: its low 16 bits, a few hundred values) found in a direct table; a dense table of
/// date part × vehicle part holds the result's index. The tables stay small enough for the
/// processor's caches where one hash table of every key would not.
struct Memo {
    fingerprint: String,
    /// Open addressing, linear probing: (date part, its dense index).
    dates: Vec<(u64, u32)>,
    bits: u32,
    /// Dense index of each vehicle part, `NO_VEHICLE` when not seen yet.
    vehicles: Vec<u16>,
    vehicle_count: usize,
    /// `results[date index * VEHICLES + vehicle index]`: the result's index + 1, 0 when not
    /// computed (a result whose index does not fit is computed again each time).
    results: Vec<u16>,
    /// The zone and region of each date part (`NO_AREA` until a result without error is known).
    areas: Vec<(i16, i16)>,
    entries: Vec<Entry>,
    entry_ids: std::collections::HashMap<Entry, u32>,
}

/// Vehicle parts of a memo; a batch with more distinct ones computes the others row by row.
const VEHICLES: usize = 512;
const NO_VEHICLE: u16 = u16::MAX;
/// A memo with more date parts than this is emptied before the next batch.
const MEMO_MAX_DATES: usize = 1 << 16;

impl Memo {
    fn new(fingerprint: &str) -> Self {
        let bits = 10;
        Memo {
            fingerprint: fingerprint.to_owned(),
            dates: vec![(NO_KEY, 0); 1 << bits],
            bits,
            vehicles: vec![NO_VEHICLE; 1 << 16],
            vehicle_count: 0,
            results: Vec::new(),
            areas: Vec::new(),
            entries: Vec::new(),
            entry_ids: std::collections::HashMap::new(),
        }
    }

    fn date_count(&self) -> usize {
        self.results.len() / VEHICLES
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    /// The dense index of a date part, added when new.
    #[inline]
    fn date_index(&mut self, part: u64) -> usize {
        let mask = self.dates.len() - 1;
        let mut h = self.slot(part);
        loop {
            let (k, id) = self.dates[h];
            if k == part {
                return id as usize;
            }
            if k == NO_KEY {
                break;
            }
            h = (h + 1) & mask;
        }
        let id = self.date_count();
        self.dates[h] = (part, u32::try_from(id).unwrap_or(u32::MAX));
        self.results.resize(self.results.len() + VEHICLES, 0);
        self.areas.push((NO_AREA, NO_AREA));
        if (id + 1) * 2 > self.dates.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        self.bits += 1;
        let old = std::mem::replace(&mut self.dates, vec![(NO_KEY, 0); 1 << self.bits]);
        let mask = self.dates.len() - 1;
        for (k, id) in old.into_iter().filter(|s| s.0 != NO_KEY) {
            let mut h = self.slot(k);
            while self.dates[h].0 != NO_KEY {
                h = (h + 1) & mask;
            }
            self.dates[h] = (k, id);
        }
    }

    /// The index of the result of `key` (computed on its first sight) and of its date part.
    #[inline]
    fn get_or(&mut self, key: u64, compute: impl FnOnce() -> Areas) -> (u32, u32) {
        let date = self.date_index(key >> 16);
        let part = (key & 0xFFFF) as usize;
        let mut vehicle = self.vehicles[part];
        if vehicle == NO_VEHICLE {
            if self.vehicle_count == VEHICLES {
                return (self.add(date, compute()), date as u32);
            }
            vehicle = self.vehicle_count as u16;
            self.vehicles[part] = vehicle;
            self.vehicle_count += 1;
        }
        let cell = date * VEHICLES + usize::from(vehicle);
        match self.results[cell] {
            0 => {
                let id = self.add(date, compute());
                if let Ok(stored) = u16::try_from(id + 1) {
                    self.results[cell] = stored;
                }
                (id, date as u32)
            }
            id => (u32::from(id) - 1, date as u32),
        }
    }

    /// Adds a computed result; a result without error gives the zone and region of its date part.
    fn add(&mut self, date: usize, (e, zone, region): Areas) -> u32 {
        if e.error.is_none() {
            self.areas[date] = (zone, region);
        }
        self.intern(e)
    }

    /// The index of a result, added when new.
    fn intern(&mut self, e: Entry) -> u32 {
        if let Some(&id) = self.entry_ids.get(&e) {
            return id;
        }
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX - 1);
        self.entries.push(e);
        self.entry_ids.insert(e, id);
        id
    }
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

fn index_of<T>(all: &[T], one: Option<&T>) -> i16 {
    one.and_then(|x| all.iter().position(|y| std::ptr::eq(x, y)))
        .and_then(|i| i16::try_from(i).ok())
        .unwrap_or(NO_AREA)
}

/// The zone and region of a query's department on its date (equal memo keys have equal zones:
/// the key carries the zone, and region changes are boundaries of its classes of days).
fn areas(p: &ParameterSet, department: Option<Department>, date: NaiveDate) -> (i16, i16) {
    department.map_or((NO_AREA, NO_AREA), |d| {
        (
            index_of(&p.zones, p.zone_at(d, date)),
            index_of(&p.regions, p.region_at(d, date)),
        )
    })
}

fn compute(engine: &Engine, q: &FeeQuery) -> Areas {
    let entry = match engine.fees(q) {
        Ok(f) => {
            let cents = |code: LineCode| f.line(code).amount.map_or(NULL, |m| m.cents());
            Entry {
                y1: cents(LineCode::Y1),
                y4: cents(LineCode::Y4),
                y5: cents(LineCode::Y5),
                total: f.total.map_or(NULL, |m| m.cents()),
                error: None,
                confidence: Some(f.confidence.as_str()),
                status: f.status(),
                unknown_reason: f.unknown_reason.map(|r| r.code()),
                low: f.bounds.map_or(NULL, |b| b.low.cents()),
                high: f.bounds.map_or(NULL, |b| b.high.cents()),
            }
        }
        Err(e) => Entry::error(e.code()),
    };
    let (zone, region) = areas(engine.params(), q.department, q.date);
    (entry, zone, region)
}

/// The type of the amount columns' values.
trait AmountValue: Copy + Default {
    fn of_cents(cents: i64) -> Self;
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error>;
}

impl AmountValue for i128 {
    fn of_cents(cents: i64) -> Self {
        i128::from(cents)
    }
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error> {
        Ok(Arc::new(
            Decimal128Array::new(ScalarBuffer::from(values), nulls)
                .with_precision_and_scale(PRECISION, SCALE)
                .map_err(|e| assembly_error(&e))?,
        ))
    }
}

impl AmountValue for i64 {
    fn of_cents(cents: i64) -> Self {
        cents
    }
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error> {
        Ok(Arc::new(Int64Array::new(ScalarBuffer::from(values), nulls)))
    }
}

impl AmountValue for f64 {
    #[expect(
        clippy::float_arithmetic,
        reason = "amounts=\"float\" is documented as for plots only; the exact columns are the default"
    )]
    fn of_cents(cents: i64) -> Self {
        cents as f64 / 100.0
    }
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error> {
        Ok(Arc::new(Float64Array::new(
            ScalarBuffer::from(values),
            nulls,
        )))
    }
}

/// A validity bitmap being filled, 64 rows to a word.
struct Bits {
    words: Vec<u64>,
    word: u64,
    len: usize,
    nulls: usize,
}

impl Bits {
    fn new(n: usize) -> Self {
        Bits {
            words: Vec::with_capacity(n.div_ceil(64)),
            word: 0,
            len: 0,
            nulls: 0,
        }
    }

    /// The validity of `m` rows (bit j of `word` for row j) at a multiple of 64 rows.
    #[inline]
    fn push_word(&mut self, word: u64, m: usize) {
        debug_assert!(self.len % 64 == 0 && m <= 64);
        self.nulls += m - word.count_ones() as usize;
        self.len += m;
        if m == 64 {
            self.words.push(word);
        } else {
            self.word = word;
        }
    }

    /// The null buffer, `None` when every row is valid.
    fn finish(mut self) -> Option<NullBuffer> {
        if self.nulls == 0 {
            return None;
        }
        if self.len & 63 != 0 {
            self.words.push(self.word);
        }
        let len = self.len;
        Some(NullBuffer::new(BooleanBuffer::new(
            Buffer::from_vec(self.words),
            0,
            len,
        )))
    }
}

/// An empty vector for `n` values. Its memory is advised for transparent huge pages when large
/// (on Linux, as numpy does for its arrays): a result column is written once from start to end,
/// and faulting it in 4 KiB pages costs more than computing its rows.
fn column<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    advise_huge_pages(&v);
    v
}

#[cfg(target_os = "linux")]
#[expect(
    unsafe_code,
    reason = "madvise(MADV_HUGEPAGE) on memory this vector owns: advice only, no content changes"
)]
fn advise_huge_pages<T>(v: &Vec<T>) {
    const HUGE: usize = 2 << 20;
    let bytes = v.capacity() * size_of::<T>();
    if bytes < 2 * HUGE {
        return;
    }
    let start = v.as_ptr() as usize;
    let first = start.next_multiple_of(HUGE);
    let end = (start + bytes) / HUGE * HUGE;
    if end > first {
        // SAFETY: the range lies inside the vector's allocation, which outlives the call;
        // MADV_HUGEPAGE only tells the kernel how to back pages not yet touched, and its result
        // (it fails where transparent huge pages are off) changes nothing.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

/// A text result column being filled: offsets, bytes and validity.
struct TextColumn {
    offsets: Vec<i32>,
    values: Vec<u8>,
    valid: Bits,
}

impl TextColumn {
    fn new(n: usize, bytes_per_row: usize) -> Self {
        let mut offsets = column(n + 1);
        offsets.push(0);
        TextColumn {
            offsets,
            values: column(n * bytes_per_row),
            valid: Bits::new(n),
        }
    }

    fn finish(self) -> Result<ArrayRef, Error> {
        let TextColumn {
            offsets,
            values,
            valid,
        } = self;
        if i32::try_from(values.len()).is_err() {
            return Err(too_large());
        }
        let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
        Ok(Arc::new(utf8_of_texts(
            offsets,
            Buffer::from_vec(values),
            valid.finish(),
        )))
    }
}

/// The utf8 array of a text column: its values are the bytes of whole `&str`s, each offset the
/// end of one (checked monotonic by `OffsetBuffer::new`, within `i32` by `finish`).
#[expect(
    unsafe_code,
    reason = "the values are whole &str copied one after the other: checking them again as UTF-8 cost a pass over the column"
)]
fn utf8_of_texts(
    offsets: OffsetBuffer<i32>,
    values: Buffer,
    nulls: Option<NullBuffer>,
) -> StringArray {
    debug_assert!(StringArray::try_new(offsets.clone(), values.clone(), nulls.clone()).is_ok());
    // SAFETY: every offset is the end of a whole `&str` appended to `values` (so a char
    // boundary), the last one is `values.len()`, and `nulls` has one bit per row.
    unsafe { StringArray::new_unchecked(offsets, values, nulls) }
}

fn too_large() -> Error {
    Error::with_code(
        ErrorCode::InternalArrow,
        None,
        "lot trop grand : plus de 2 Gio de texte dans une colonne ; découpez la table".to_owned(),
        "batch too large: more than 2 GiB of text in one column; split the table".to_owned(),
    )
}

/// The distinct results ready to be written, column by column: their amounts in the output type
/// and their texts.
struct Templates<A> {
    amounts: [Vec<A>; 6],
    /// One bit per amount: known; bit 6: no error (the row has the zone of its date part).
    known: Vec<u8>,
    texts: [Vec<Option<&'static str>>; 4],
}

impl<A: AmountValue> Templates<A> {
    fn new() -> Self {
        Templates {
            amounts: std::array::from_fn(|_| Vec::new()),
            known: Vec::new(),
            texts: std::array::from_fn(|_| Vec::new()),
        }
    }

    fn len(&self) -> usize {
        self.known.len()
    }

    fn push(&mut self, e: &Entry) {
        let cents = [e.y1, e.y4, e.y5, e.total, e.low, e.high];
        for (k, &c) in cents.iter().enumerate() {
            self.amounts[k].push(if c == NULL {
                A::default()
            } else {
                A::of_cents(c)
            });
        }
        self.known.push(
            cents
                .iter()
                .enumerate()
                .fold(u8::from(e.error.is_none()) << 6, |m, (k, &c)| {
                    m | (u8::from(c != NULL) << k)
                }),
        );
        let texts = [Some(e.status), e.unknown_reason, e.confidence, e.error];
        for (k, text) in texts.into_iter().enumerate() {
            self.texts[k].push(text);
        }
    }
}

/// The validity word of a block: bit j set when `valid(ids[j])`.
#[inline]
fn word(ids: &[u32], valid: impl Fn(usize) -> bool) -> u64 {
    ids.iter()
        .enumerate()
        .fold(0, |w, (j, &id)| w | (u64::from(valid(id as usize)) << j))
}

/// The result columns being filled.
struct Output<A> {
    amounts: [Vec<A>; 6],
    amount_valid: [Bits; 6],
    zone: Vec<i16>,
    zone_valid: Bits,
    region: Vec<i16>,
    region_valid: Bits,
    /// status, unknown_reason, confidence, error_code.
    texts: [TextColumn; 4],
}

impl<A: AmountValue> Output<A> {
    fn new(n: usize) -> Self {
        Output {
            amounts: std::array::from_fn(|_| column(n)),
            amount_valid: std::array::from_fn(|_| Bits::new(n)),
            zone: column(n),
            zone_valid: Bits::new(n),
            region: column(n),
            region_valid: Bits::new(n),
            texts: [
                TextColumn::new(n, 7),
                TextColumn::new(n, 6),
                TextColumn::new(n, 6),
                TextColumn::new(n, 0),
            ],
        }
    }

    /// Writes the rows of a block (at most 64, at a multiple of 64), column by column.
    fn write(&mut self, t: &Templates<A>, ids: &[u32], dates: &[u32], areas: &[(i16, i16)]) {
        let m = ids.len();
        for k in 0..6 {
            let src = &t.amounts[k];
            self.amounts[k].extend(ids.iter().map(|&id| src[id as usize]));
            self.amount_valid[k].push_word(word(ids, |id| t.known[id] & (1 << k) != 0), m);
        }
        let (mut zones, mut regions) = (0u64, 0u64);
        for (j, (&id, &date)) in ids.iter().zip(dates).enumerate() {
            let (zone, region) = if t.known[id as usize] & (1 << 6) != 0 {
                areas
                    .get(date as usize)
                    .copied()
                    .unwrap_or((NO_AREA, NO_AREA))
            } else {
                (NO_AREA, NO_AREA)
            };
            self.zone.push(zone.max(0));
            self.region.push(region.max(0));
            zones |= u64::from(zone != NO_AREA) << j;
            regions |= u64::from(region != NO_AREA) << j;
        }
        self.zone_valid.push_word(zones, m);
        self.region_valid.push_word(regions, m);
        for (k, column) in self.texts.iter_mut().enumerate() {
            let texts = &t.texts[k];
            let valid = word(ids, |id| texts[id].is_some());
            for &id in ids {
                if let Some(s) = texts[id as usize] {
                    column.values.extend_from_slice(s.as_bytes());
                }
                // Checked in `finish`: more than 2 GiB of text is refused, never wrapped.
                column.offsets.push(column.values.len() as i32);
            }
            column.valid.push_word(valid, m);
        }
    }
}

fn assembly_error(e: &arrow_schema::ArrowError) -> Error {
    Error::with_code(
        ErrorCode::InternalArrow,
        None,
        format!("assemblage du résultat Arrow impossible : {e}"),
        format!("cannot assemble the Arrow result: {e}"),
    )
}

/// The input columns that would be replaced by a result column: refused, never dropped.
fn check_names(schema: &Schema) -> Result<(), Error> {
    match schema
        .fields()
        .iter()
        .find(|f| RESULT_COLUMNS.contains(&f.name().as_str()))
    {
        Some(f) => {
            let name = f.name();
            Err(Error::with_code(
                ErrorCode::RequestInvalidValue,
                Some(name),
                format!(
                    "la table a déjà une colonne « {name} », nom d'une colonne du résultat : \
                     renommez-la ou retirez-la"
                ),
                format!(
                    "the table already has a column '{name}', the name of a result column: \
                     rename or drop it"
                ),
            ))
        }
        None => Ok(()),
    }
}

/// Computes the fee columns for `batch` and returns it with them appended.
pub(crate) fn fees_batch(
    engine: &Engine,
    classes: &DateClasses,
    batch: &RecordBatch,
    options: Options,
) -> Result<RecordBatch, Error> {
    check_names(&batch.schema())?;
    MEMO.with_borrow_mut(|memo| {
        let memo = match memo {
            Some(m) if m.fingerprint == engine.fingerprint() && m.date_count() < MEMO_MAX_DATES => {
                m
            }
            _ => memo.insert(Memo::new(engine.fingerprint())),
        };
        match options.amounts {
            Amounts::Decimal => fees_batch_with::<i128>(engine, classes, memo, batch, options),
            Amounts::Cents => fees_batch_with::<i64>(engine, classes, memo, batch, options),
            Amounts::Float => fees_batch_with::<f64>(engine, classes, memo, batch, options),
        }
    })
}

fn category_cell(s: &str) -> Result<Category, &'static str> {
    contract_enum("vehicle.category", s, categories).map_err(|e| e.code())
}

fn energy_cell(s: &str) -> Result<Energy, &'static str> {
    contract_enum("vehicle.energy", s, energies).map_err(|e| e.code())
}

fn department_cell(s: &str) -> Result<Department, &'static str> {
    Department::parse(s).map_err(|e| e.code())
}

/// A result not yet made ready to write in this batch.
const NO_TEMPLATE: u32 = u32::MAX;

/// Rows are read 64 at a time, then written.
const BLOCK: usize = 64;

fn fees_batch_with<A: AmountValue>(
    engine: &Engine,
    classes: &DateClasses,
    memo: &mut Memo,
    batch: &RecordBatch,
    options: Options,
) -> Result<RecordBatch, Error> {
    let n = batch.num_rows();
    let date_col = date_column(batch)?;
    let dept_col = text_column(batch, "department", true)?;
    let plate_col = required_text(batch, "plate", false)?;
    let cat_col = required_text(batch, "category", false)?;
    let energy_col = required_text(batch, "energy", false)?;
    let coa_col = match batch.column_by_name("change_of_address") {
        None => None,
        Some(c) if matches!(c.data_type(), DataType::Boolean | DataType::Null) => {
            Some(Arc::clone(c))
        }
        Some(c) => return Err(column_error("change_of_address", c.data_type(), "boolean")),
    };
    let coa: Option<&BooleanArray> = coa_col
        .as_ref()
        .filter(|a| a.data_type() == &DataType::Boolean)
        .map(|a| a.as_boolean());
    let days = dates(&date_col);
    let range = day_range();
    let mut depts = Cells::new(dept_col.as_ref(), department_cell);
    let mut plates = match plate_col.data_type() {
        DataType::Dictionary(..) => Plates::Dict(Cells::new(Some(&plate_col), plate_cell)),
        _ => Plates::Text(Text::of(&plate_col)),
    };
    let mut cats = Cells::new(Some(&cat_col), category_cell);
    let mut energies = Cells::new(Some(&energy_col), energy_cell);

    let mut out = Output::<A>::new(n);
    let mut templates = Templates::<A>::new();
    let mut template_of: Vec<u32> = Vec::new();
    let mut ids = [0u32; BLOCK];
    let mut date_parts = [0u32; BLOCK];
    let mut day = [Ok(0); BLOCK];
    let mut department = [Cell::Null; BLOCK];
    let mut plate = [Cell::Null; BLOCK];
    let mut category = [Cell::Null; BLOCK];
    let mut energy = [Cell::Null; BLOCK];
    let mut start = 0;
    while start < n {
        let m = (n - start).min(BLOCK);
        days.fill(start, range, &mut day[..m]);
        depts.fill(start, &mut department[..m]);
        plates.fill(start, &mut plate[..m]);
        cats.fill(start, &mut category[..m]);
        energies.fill(start, &mut energy[..m]);
        for j in 0..m {
            let i = start + j;
            let fields = check(day[j], department[j], plate[j], category[j], energy[j]);
            (ids[j], date_parts[j]) = match fields {
                Ok(mut q) => {
                    q.change_of_address = coa.is_some_and(|c| c.is_valid(i) && c.value(i));
                    memo.get_or(classes.key_of(&q), || compute(engine, &query_of(&q)))
                }
                Err(code) => (memo.intern(Entry::error(code)), 0),
            };
        }
        // Only the results this batch uses are made ready to write (the memo keeps every
        // result it has seen, across batches).
        template_of.resize(memo.entries.len(), NO_TEMPLATE);
        for id in &mut ids[..m] {
            let t = &mut template_of[*id as usize];
            if *t == NO_TEMPLATE {
                *t = u32::try_from(templates.len()).unwrap_or(NO_TEMPLATE);
                templates.push(&memo.entries[*id as usize]);
            }
            *id = *t;
        }
        out.write(&templates, &ids[..m], &date_parts[..m], &memo.areas);
        start += m;
    }

    let p = engine.params();
    let (zone_labels, region_labels): (Vec<&str>, Vec<&str>) = if options.names {
        (
            p.zones.iter().map(|z| z.name.as_str()).collect(),
            p.regions.iter().map(|r| r.name.as_str()).collect(),
        )
    } else {
        (
            p.zones.iter().map(|z| z.code.as_str()).collect(),
            p.regions.iter().map(|r| r.code.as_str()).collect(),
        )
    };
    let dictionary = |keys: Vec<i16>, valid: Bits, labels: Vec<&str>| -> Result<ArrayRef, Error> {
        let values: ArrayRef = Arc::new(StringArray::from(labels));
        let keys = Int16Array::new(ScalarBuffer::from(keys), valid.finish());
        DictionaryArray::<Int16Type>::try_new(keys, values)
            .map(|d| Arc::new(d) as ArrayRef)
            .map_err(|e| assembly_error(&e))
    };
    let Output {
        amounts,
        amount_valid,
        zone,
        zone_valid,
        region,
        region_valid,
        texts,
    } = out;
    let mut amount_columns = Vec::with_capacity(6);
    for (values, valid) in amounts.into_iter().zip(amount_valid) {
        amount_columns.push(A::array(values, valid.finish())?);
    }
    let [y1, y4, y5, total, low, high]: [ArrayRef; 6] =
        amount_columns.try_into().map_err(|_| too_large())?;
    let [status, unknown_reason, confidence, error_code] = texts;
    let results: [ArrayRef; 12] = [
        dictionary(region, region_valid, region_labels)?,
        dictionary(zone, zone_valid, zone_labels)?,
        y1,
        y4,
        y5,
        total,
        status.finish()?,
        unknown_reason.finish()?,
        low,
        high,
        confidence.finish()?,
        error_code.finish()?,
    ];
    let schema = output_schema(&batch.schema(), options)?;
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    columns.extend(results);
    RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| assembly_error(&e))
}

const INCONSISTENT: &str = "request.inconsistent";

/// The checks of one row, in the order of `query` (the scalar call): the date, the texts that
/// are not UTF-8 and the missing fields in column order, then the category, the energy, the
/// plate, the department and a cyclomoteur number with another category.
#[inline]
fn check(
    day: Result<i32, &'static str>,
    department: Cell<Department>,
    plate: Cell<PlateSystem>,
    category: Cell<Category>,
    energy: Cell<Energy>,
) -> Result<KeyFields, &'static str> {
    let day = day?;
    if let Cell::NotText = department {
        return Err(NOT_UTF8);
    }
    let plate = required(plate)?;
    let category = required(category)?;
    let energy = required(energy)?;
    let category = value(category)?;
    let energy = value(energy)?;
    let plate = value(plate)?;
    let department = match department {
        Cell::Ok(d) => Some(d),
        Cell::Bad(code) => return Err(code),
        Cell::Null | Cell::NotText => None,
    };
    if plate == PlateSystem::Moped && category != Category::MopedLe50 {
        return Err(INCONSISTENT);
    }
    Ok(KeyFields {
        day,
        department,
        plate,
        category,
        energy,
        change_of_address: false,
        natural_disaster: false,
    })
}

/// The query of key fields whose day is a real date (checked when read).
fn query_of(q: &KeyFields) -> FeeQuery {
    FeeQuery {
        date: date_of_days(q.day - UNIX_EPOCH_DAYS_FROM_CE).unwrap_or(NaiveDate::MIN),
        department: q.department,
        plate: q.plate,
        category: q.category,
        energy: q.energy,
        change_of_address: q.change_of_address,
        natural_disaster: q.natural_disaster,
    }
}

/// A required cell: its error when it is not text or missing (checked before any value is read).
#[inline]
fn required<T>(c: Cell<T>) -> Result<Cell<T>, &'static str> {
    match c {
        Cell::NotText => Err(NOT_UTF8),
        Cell::Null => Err(MISSING),
        c => Ok(c),
    }
}

/// The value of a required cell, or the error code of its value.
#[inline]
fn value<T>(c: Cell<T>) -> Result<T, &'static str> {
    match c {
        Cell::Ok(v) => Ok(v),
        Cell::Bad(code) => Err(code),
        Cell::Null => Err(MISSING),
        Cell::NotText => Err(NOT_UTF8),
    }
}

/// The result columns' fields.
pub(crate) fn result_fields(options: Options) -> Vec<Arc<Field>> {
    let amount = options.amounts.data_type();
    let area = DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8));
    let text = DataType::Utf8;
    let f = |name: &str, t: &DataType| Arc::new(Field::new(name, t.clone(), true));
    vec![
        f("region", &area),
        f("zone", &area),
        f("y1", &amount),
        f("y4", &amount),
        f("y5", &amount),
        f("total", &amount),
        Arc::new(Field::new("status", text.clone(), false)),
        f("unknown_reason", &text),
        f("low", &amount),
        f("high", &amount),
        f("confidence", &text),
        f("error_code", &text),
    ]
}

/// The output schema for an input schema.
///
/// # Errors
///
/// `request.invalid_value` when the input has a column of a result column's name.
pub(crate) fn output_schema(input: &Schema, options: Options) -> Result<Schema, Error> {
    check_names(input)?;
    let mut fields: Vec<Arc<Field>> = input.fields().iter().cloned().collect();
    fields.extend(result_fields(options));
    Ok(Schema::new(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_iso_days_are_dates() {
        assert_eq!(
            parse_iso_date("2019-06-01"),
            NaiveDate::from_ymd_opt(2019, 6, 1)
        );
        for bad in [
            "2019-13-01",
            "2019-02-30",
            "2019-6-1",
            "+2019-06-01",
            " 2019-06-01",
            "2019-06-01 ",
            "20190601",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn integer_departments_are_written_with_two_digits() {
        assert_eq!(department_of_int(2), "02");
        assert_eq!(department_of_int(75), "75");
        assert_eq!(department_of_int(971), "971");
        assert_eq!(department_of_int(-1), "-1");
    }
}
