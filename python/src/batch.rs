//! Fees of a whole table: Arrow columns in, Arrow columns out, no Python object per row.
//!
//! The columns are read in place (utf8, large_utf8 or utf8_view strings, binary read as UTF-8 row
//! by row, date32 dates or ISO text read row by row; dictionary columns are cast once). Each row is
//! read into a [`FeeQuery`], whose fees are looked up in a direct-mapped memo by their
//! [`DateClasses::key`] before the core computes them. A bad row gets its error code and null
//! amounts; the batch goes on. A column of a type that cannot be read exactly (integer dates, a
//! float department) refuses the whole batch with `request.invalid_type`: nothing is guessed.

use std::cell::RefCell;
use std::sync::Arc;

use arrow_array::builder::{Int16Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int16Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BinaryViewArray, BooleanArray, Date32Array, Decimal128Array,
    DictionaryArray, Float64Array, Int64Array, LargeBinaryArray, LargeStringArray, RecordBatch,
    StringArray, StringViewArray,
};
use arrow_buffer::{BooleanBufferBuilder, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use duplicata_core::{
    Category, Confidence, DateClasses, Department, Energy, Engine, Error, ErrorCode, FeeQuery,
    LineCode, ParameterSet,
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
enum Strings<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Binary(&'a BinaryArray),
    LargeBinary(&'a LargeBinaryArray),
    BinaryView(&'a BinaryViewArray),
    /// Integers (departments only), written as text once per distinct value.
    Ints(&'a Int64Array, Vec<String>),
    Nulls,
}

/// A cell that is not UTF-8 text.
const NOT_UTF8: &str = "request.invalid_value";

#[inline]
fn utf8(b: &[u8]) -> Result<&str, &'static str> {
    std::str::from_utf8(b).map_err(|_| NOT_UTF8)
}

impl Strings<'_> {
    #[inline]
    fn get(&self, i: usize) -> Result<Option<&str>, &'static str> {
        Ok(match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Binary(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Strings::LargeBinary(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Strings::BinaryView(a) => a.is_valid(i).then(|| utf8(a.value(i))).transpose()?,
            Strings::Ints(a, texts) => a.is_valid(i).then(|| {
                let n = a.value(i);
                usize::try_from(n)
                    .ok()
                    .and_then(|k| texts.get(k))
                    .map_or("", String::as_str)
            }),
            Strings::Nulls => None,
        })
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

/// A text column, or an all-null one; departments may also be integers.
fn text_column(batch: &RecordBatch, name: &str, integers: bool) -> Result<Option<ArrayRef>, Error> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let t = col.data_type();
    Ok(Some(match t {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::Null => Arc::clone(col),
        DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8) => {
            cast(col, name, &DataType::Utf8)?
        }
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

fn strings(a: &ArrayRef) -> Strings<'_> {
    match a.data_type() {
        DataType::Utf8 => Strings::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Strings::Large(a.as_string::<i64>()),
        DataType::Utf8View => Strings::View(a.as_string_view()),
        DataType::Binary => Strings::Binary(a.as_binary::<i32>()),
        DataType::LargeBinary => Strings::LargeBinary(a.as_binary::<i64>()),
        DataType::BinaryView => Strings::BinaryView(a.as_binary_view()),
        DataType::Int64 => {
            let ints = a.as_primitive::<Int64Type>();
            // Departments are below 1000: their texts are written once.
            let texts = (0..1000).map(department_of_int).collect();
            Strings::Ints(ints, texts)
        }
        _ => Strings::Nulls,
    }
}

fn required_text(batch: &RecordBatch, name: &str, integers: bool) -> Result<ArrayRef, Error> {
    text_column(batch, name, integers)?.ok_or_else(|| missing(name))
}

/// The date column: date32 read in place, date64 cast, text read row by row (`YYYY-MM-DD`).
enum Dates<'a> {
    Days(&'a Date32Array),
    Text(Strings<'a>),
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
        | DataType::Utf8View => Ok(Arc::clone(col)),
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
            "date32 or ISO text YYYY-MM-DD (a timestamp is converted first, e.g. `.dt.date`)",
        )),
    }
}

fn dates(a: &ArrayRef) -> Dates<'_> {
    match a.data_type() {
        DataType::Date32 => Dates::Days(a.as_primitive::<Date32Type>()),
        DataType::Null => Dates::Nulls,
        _ => Dates::Text(strings(a)),
    }
}

impl Dates<'_> {
    #[inline]
    fn get(&self, i: usize) -> Result<NaiveDate, &'static str> {
        match self {
            Dates::Days(d) => {
                if d.is_valid(i) {
                    date_of_days(d.value(i)).ok_or("request.invalid_date")
                } else {
                    Err("request.missing_field")
                }
            }
            Dates::Text(s) => match s.get(i) {
                Ok(Some(t)) => parse_iso_date(t).ok_or("request.invalid_date"),
                Ok(None) => Err("request.missing_field"),
                Err(_) => Err("request.invalid_date"),
            },
            Dates::Nulls => Err("request.missing_field"),
        }
    }
}

/// The result of one row: amounts in cents (`NULL` when unknown), or an error code.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u64,
    y1: i64,
    y4: i64,
    y5: i64,
    total: i64,
    error: Option<&'static str>,
    confidence: Confidence,
    status: &'static str,
    /// The stable code of why the total is unknown (`FeeBreakdown::unknown_reason`).
    unknown_reason: Option<&'static str>,
    /// The bounds of an unknown total, in cents (`NULL` when the total is known or unbounded).
    low: i64,
    high: i64,
    /// Index of the zone and of the region in the parameter set (`NO_AREA` when none).
    zone: i16,
    region: i16,
}

const NULL: i64 = i64::MIN;
const NO_AREA: i16 = -1;
const MEMO_BITS: u32 = 15;

/// A direct-mapped memo of fee results by [`DateClasses::key`], kept per thread across batches
/// for the parameter set whose fingerprint it carries.
struct Memo {
    fingerprint: String,
    slots: Vec<Entry>,
}

impl Memo {
    const EMPTY: Entry = Entry {
        key: u64::MAX,
        y1: NULL,
        y4: NULL,
        y5: NULL,
        total: NULL,
        error: None,
        confidence: Confidence::Low,
        status: "error",
        unknown_reason: None,
        low: NULL,
        high: NULL,
        zone: NO_AREA,
        region: NO_AREA,
    };

    fn new(fingerprint: &str) -> Self {
        Memo {
            fingerprint: fingerprint.to_owned(),
            slots: vec![Self::EMPTY; 1 << MEMO_BITS],
        }
    }

    #[inline]
    fn get_or(&mut self, key: u64, compute: impl FnOnce() -> Entry) -> Entry {
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - MEMO_BITS)) as usize;
        let entry = &mut self.slots[slot];
        if entry.key != key {
            *entry = Entry { key, ..compute() };
        }
        *entry
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

fn compute(engine: &Engine, q: &FeeQuery) -> Entry {
    match engine.fees(q) {
        Ok(f) => {
            let cents = |code: LineCode| f.line(code).amount.map_or(NULL, |m| m.cents());
            let (zone, region) = areas(engine.params(), q.department, q.date);
            Entry {
                key: 0,
                y1: cents(LineCode::Y1),
                y4: cents(LineCode::Y4),
                y5: cents(LineCode::Y5),
                total: f.total.map_or(NULL, |m| m.cents()),
                error: None,
                confidence: f.confidence,
                status: f.status(),
                unknown_reason: f.unknown_reason.map(|r| r.code()),
                low: f.bounds.map_or(NULL, |b| b.low.cents()),
                high: f.bounds.map_or(NULL, |b| b.high.cents()),
                zone,
                region,
            }
        }
        Err(e) => Entry {
            error: Some(e.code()),
            ..Memo::EMPTY
        },
    }
}

/// An amount column being filled: cents and validity.
struct AmountColumn {
    cents: Vec<i64>,
    valid: BooleanBufferBuilder,
}

impl AmountColumn {
    fn new(n: usize) -> Self {
        AmountColumn {
            cents: Vec::with_capacity(n),
            valid: BooleanBufferBuilder::new(n),
        }
    }

    #[inline]
    fn push(&mut self, c: i64) {
        self.valid.append(c != NULL);
        self.cents.push(if c == NULL { 0 } else { c });
    }

    fn finish(mut self, amounts: Amounts) -> Result<ArrayRef, Error> {
        let nulls = Some(NullBuffer::new(self.valid.finish()));
        Ok(match amounts {
            Amounts::Cents => Arc::new(Int64Array::new(ScalarBuffer::from(self.cents), nulls)),
            Amounts::Float => {
                #[expect(
                    clippy::float_arithmetic,
                    reason = "amounts=\"float\" is documented as for plots only; the exact columns are the default"
                )]
                let v: Vec<f64> = self.cents.iter().map(|&c| c as f64 / 100.0).collect();
                Arc::new(Float64Array::new(ScalarBuffer::from(v), nulls))
            }
            Amounts::Decimal => {
                let v: Vec<i128> = self.cents.iter().map(|&c| i128::from(c)).collect();
                Arc::new(
                    Decimal128Array::new(ScalarBuffer::from(v), nulls)
                        .with_precision_and_scale(PRECISION, SCALE)
                        .map_err(|e| assembly_error(&e))?,
                )
            }
        })
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
            Some(m) if m.fingerprint == engine.fingerprint() => m,
            _ => memo.insert(Memo::new(engine.fingerprint())),
        };
        fees_batch_with(engine, classes, memo, batch, options)
    })
}

fn fees_batch_with(
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
    let depts = dept_col.as_ref().map_or(Strings::Nulls, strings);
    let (plates, cats, energies) = (strings(&plate_col), strings(&cat_col), strings(&energy_col));

    let (mut y1, mut y4, mut y5, mut total) = (
        AmountColumn::new(n),
        AmountColumn::new(n),
        AmountColumn::new(n),
        AmountColumn::new(n),
    );
    let mut zone = Int16Builder::with_capacity(n);
    let mut region = Int16Builder::with_capacity(n);
    let mut status = StringBuilder::with_capacity(n, n * 7);
    let mut unknown_reason = StringBuilder::with_capacity(n, 0);
    let (mut low, mut high) = (AmountColumn::new(n), AmountColumn::new(n));
    let mut confidence = StringBuilder::with_capacity(n, n * 4);
    let mut error_code = StringBuilder::with_capacity(n, 0);
    let row = |i: usize, memo: &mut Memo| -> Result<Entry, &'static str> {
        let date = days.get(i)?;
        let q = query(
            date,
            depts.get(i)?,
            plates.get(i)?.ok_or("request.missing_field")?,
            cats.get(i)?.ok_or("request.missing_field")?,
            energies.get(i)?.ok_or("request.missing_field")?,
            coa.is_some_and(|c| c.is_valid(i) && c.value(i)),
        )
        .map_err(|e| e.code())?;
        let e = memo.get_or(classes.key(&q), || compute(engine, &q));
        e.error.map_or(Ok(e), Err)
    };

    let area = |b: &mut Int16Builder, k: i16| {
        if k == NO_AREA {
            b.append_null();
        } else {
            b.append_value(k);
        }
    };
    for i in 0..n {
        match row(i, memo) {
            Ok(a) => {
                y1.push(a.y1);
                y4.push(a.y4);
                y5.push(a.y5);
                total.push(a.total);
                area(&mut zone, a.zone);
                area(&mut region, a.region);
                status.append_value(a.status);
                unknown_reason.append_option(a.unknown_reason);
                low.push(a.low);
                high.push(a.high);
                confidence.append_value(a.confidence.as_str());
                error_code.append_null();
            }
            Err(code) => {
                for c in [&mut y1, &mut y4, &mut y5, &mut total, &mut low, &mut high] {
                    c.push(NULL);
                }
                zone.append_null();
                region.append_null();
                status.append_value("error");
                unknown_reason.append_null();
                confidence.append_null();
                error_code.append_value(code);
            }
        }
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
    let dictionary = |mut keys: Int16Builder, labels: Vec<&str>| -> Result<ArrayRef, Error> {
        let values: ArrayRef = Arc::new(StringArray::from(labels));
        DictionaryArray::<Int16Type>::try_new(keys.finish(), values)
            .map(|d| Arc::new(d) as ArrayRef)
            .map_err(|e| assembly_error(&e))
    };
    let results: [ArrayRef; 12] = [
        dictionary(region, region_labels)?,
        dictionary(zone, zone_labels)?,
        y1.finish(options.amounts)?,
        y4.finish(options.amounts)?,
        y5.finish(options.amounts)?,
        total.finish(options.amounts)?,
        Arc::new(status.finish()),
        Arc::new(unknown_reason.finish()),
        low.finish(options.amounts)?,
        high.finish(options.amounts)?,
        Arc::new(confidence.finish()),
        Arc::new(error_code.finish()),
    ];
    let schema = output_schema(&batch.schema(), options)?;
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    columns.extend(results);
    RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| assembly_error(&e))
}

/// The result columns' fields.
pub(crate) fn result_fields(options: Options) -> Vec<Arc<Field>> {
    let amount = options.amounts.data_type();
    let area = DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8));
    let f = |name: &str, t: &DataType| Arc::new(Field::new(name, t.clone(), true));
    vec![
        f("region", &area),
        f("zone", &area),
        f("y1", &amount),
        f("y4", &amount),
        f("y5", &amount),
        f("total", &amount),
        Arc::new(Field::new("status", DataType::Utf8, false)),
        f("unknown_reason", &DataType::Utf8),
        f("low", &amount),
        f("high", &amount),
        f("confidence", &DataType::Utf8),
        f("error_code", &DataType::Utf8),
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
