//! Fees of a whole table: Arrow columns in, Arrow columns out, no Python object per row.
//!
//! The columns are read in place (utf8, large_utf8 or utf8_view strings, date32 dates; other
//! types are cast once per column). Each row is read into a [`FeeQuery`], whose fees are looked up
//! in a direct-mapped memo by their [`DateClasses::key`] before the core computes them.
//! A bad row gets its error code and null amounts; the batch goes on.

use std::cell::RefCell;
use std::sync::Arc;

use arrow_array::builder::{Decimal128Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use duplicata_core::{Category, Confidence, Energy, Engine, Error, ErrorCode, FeeQuery, LineCode};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as DeError, StrDeserializer};

use duplicata_core::DateClasses;

/// Precision of the amount columns: decimal128(12, 2), up to 9 999 999 999.99 €.
pub(crate) const PRECISION: u8 = 12;
pub(crate) const SCALE: i8 = 2;
/// The result columns, in order.
pub(crate) const RESULT_COLUMNS: [&str; 6] =
    ["y1", "y4", "y5", "total", "confidence", "error_code"];

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn missing(field: &str) -> Error {
    Error::missing_field(field)
}

fn invalid_value(field: &str, value: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::with_code(
        ErrorCode::RequestInvalidValue,
        Some(field),
        format!("valeur « {shown} » invalide pour « {field} »"),
        format!("invalid value '{shown}' for '{field}'"),
    )
}

/// A `snake_case` name of the JSON contract read through the core's own serde names.
fn contract_enum<'de, T: Deserialize<'de>>(field: &str, value: &'de str) -> Result<T, Error> {
    let d: StrDeserializer<'de, DeError> = value.into_deserializer();
    T::deserialize(d).map_err(|_| invalid_value(field, value))
}

pub(crate) fn date_of_days(days: i32) -> Option<NaiveDate> {
    days.checked_add(UNIX_EPOCH_DAYS_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
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
    let category: Category = contract_enum("category", category)?;
    let energy: Energy = contract_enum("energy", energy)?;
    let (mut query, _) = FeeQuery::from_fields(date, department, plate, category, energy)?;
    query.change_of_address = change_of_address;
    Ok(query)
}

/// A string column read in place.
enum Strings<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl Strings<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

fn column_error(name: &str, detail: &str) -> Error {
    Error::with_code(
        ErrorCode::RequestInvalidType,
        Some(name),
        format!("type invalide pour la colonne « {name} » : {detail}"),
        format!("invalid type for column '{name}': {detail}"),
    )
}

/// The column `name`, cast to `to` unless it already has one of the `accepted` types.
fn column(
    batch: &RecordBatch,
    name: &str,
    accepted: &[DataType],
    to: &DataType,
) -> Result<Option<ArrayRef>, Error> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    if accepted.contains(col.data_type()) {
        return Ok(Some(Arc::clone(col)));
    }
    arrow_cast::cast(col, to)
        .map(Some)
        .map_err(|e| column_error(name, &e.to_string()))
}

const STRING_TYPES: [DataType; 3] = [DataType::Utf8, DataType::LargeUtf8, DataType::Utf8View];

fn strings(a: &ArrayRef) -> Strings<'_> {
    match a.data_type() {
        DataType::LargeUtf8 => Strings::Large(a.as_string::<i64>()),
        DataType::Utf8View => Strings::View(a.as_string_view()),
        _ => Strings::Utf8(a.as_string::<i32>()),
    }
}

fn required(
    batch: &RecordBatch,
    name: &str,
    accepted: &[DataType],
    to: &DataType,
) -> Result<ArrayRef, Error> {
    column(batch, name, accepted, to)?.ok_or_else(|| missing(name))
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
}

const NULL: i64 = i64::MIN;
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

fn compute(engine: &Engine, q: &FeeQuery) -> Entry {
    match engine.fees(q) {
        Ok(f) => {
            let cents = |code: LineCode| f.line(code).amount.map_or(NULL, |m| m.cents());
            Entry {
                key: 0,
                y1: cents(LineCode::Y1),
                y4: cents(LineCode::Y4),
                y5: cents(LineCode::Y5),
                total: f.total.map_or(NULL, |m| m.cents()),
                error: None,
                confidence: f.confidence,
            }
        }
        Err(e) => Entry {
            error: Some(e.code()),
            ..Memo::EMPTY
        },
    }
}

/// Computes the fee columns for `batch` and returns it with them appended (an input column with a
/// result column's name is replaced).
pub(crate) fn fees_batch(
    engine: &Engine,
    classes: &DateClasses,
    batch: &RecordBatch,
) -> Result<RecordBatch, Error> {
    MEMO.with_borrow_mut(|memo| {
        let memo = match memo {
            Some(m) if m.fingerprint == engine.fingerprint() => m,
            _ => memo.insert(Memo::new(engine.fingerprint())),
        };
        fees_batch_with(engine, classes, memo, batch)
    })
}

fn fees_batch_with(
    engine: &Engine,
    classes: &DateClasses,
    memo: &mut Memo,
    batch: &RecordBatch,
) -> Result<RecordBatch, Error> {
    let n = batch.num_rows();
    let date_col = required(batch, "date", &[DataType::Date32], &DataType::Date32)?;
    let dates: &Date32Array = date_col.as_primitive::<Date32Type>();
    let dept_col = required(batch, "department", &STRING_TYPES, &DataType::Utf8)?;
    let plate_col = required(batch, "plate", &STRING_TYPES, &DataType::Utf8)?;
    let cat_col = required(batch, "category", &STRING_TYPES, &DataType::Utf8)?;
    let energy_col = required(batch, "energy", &STRING_TYPES, &DataType::Utf8)?;
    let coa_col = column(
        batch,
        "change_of_address",
        &[DataType::Boolean],
        &DataType::Boolean,
    )?;
    let coa: Option<&BooleanArray> = coa_col.as_ref().map(|a| a.as_boolean());
    let (depts, plates, cats, energies) = (
        strings(&dept_col),
        strings(&plate_col),
        strings(&cat_col),
        strings(&energy_col),
    );

    let decimal = DataType::Decimal128(PRECISION, SCALE);
    let new_amounts = || Decimal128Builder::with_capacity(n).with_data_type(decimal.clone());
    let (mut y1, mut y4, mut y5, mut total) =
        (new_amounts(), new_amounts(), new_amounts(), new_amounts());
    let mut confidence = StringBuilder::with_capacity(n, n * 4);
    let mut error_code = StringBuilder::with_capacity(n, 0);
    let row = |i: usize, memo: &mut Memo| -> Result<Entry, &'static str> {
        let date = if dates.is_valid(i) {
            date_of_days(dates.value(i))
        } else {
            None
        };
        let date = date.ok_or("request.missing_field")?;
        let q = query(
            date,
            depts.get(i),
            plates.get(i).ok_or("request.missing_field")?,
            cats.get(i).ok_or("request.missing_field")?,
            energies.get(i).ok_or("request.missing_field")?,
            coa.is_some_and(|c| c.is_valid(i) && c.value(i)),
        )
        .map_err(|e| e.code())?;
        let e = memo.get_or(classes.key(&q), || compute(engine, &q));
        e.error.map_or(Ok(e), Err)
    };

    for i in 0..n {
        match row(i, memo) {
            Ok(a) => {
                let amount = |c: i64| (c != NULL).then_some(i128::from(c));
                y1.append_option(amount(a.y1));
                y4.append_option(amount(a.y4));
                y5.append_option(amount(a.y5));
                total.append_option(amount(a.total));
                confidence.append_value(a.confidence.as_str());
                error_code.append_null();
            }
            Err(code) => {
                y1.append_null();
                y4.append_null();
                y5.append_null();
                total.append_null();
                confidence.append_null();
                error_code.append_value(code);
            }
        }
    }

    let results: [ArrayRef; 6] = [
        Arc::new(y1.finish()),
        Arc::new(y4.finish()),
        Arc::new(y5.finish()),
        Arc::new(total.finish()),
        Arc::new(confidence.finish()),
        Arc::new(error_code.finish()),
    ];
    let schema = batch.schema();
    let mut fields: Vec<Arc<Field>> = Vec::with_capacity(schema.fields().len() + 6);
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(fields.capacity());
    for (f, c) in schema.fields().iter().zip(batch.columns()) {
        if !RESULT_COLUMNS.contains(&f.name().as_str()) {
            fields.push(Arc::clone(f));
            columns.push(Arc::clone(c));
        }
    }
    fields.extend(result_fields());
    columns.extend(results);
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| {
        Error::with_code(
            ErrorCode::InternalArrow,
            None,
            format!("assemblage du résultat Arrow impossible : {e}"),
            format!("cannot assemble the Arrow result: {e}"),
        )
    })
}

/// The result columns' fields.
pub(crate) fn result_fields() -> Vec<Arc<Field>> {
    let decimal = DataType::Decimal128(PRECISION, SCALE);
    vec![
        Arc::new(Field::new("y1", decimal.clone(), true)),
        Arc::new(Field::new("y4", decimal.clone(), true)),
        Arc::new(Field::new("y5", decimal.clone(), true)),
        Arc::new(Field::new("total", decimal, true)),
        Arc::new(Field::new("confidence", DataType::Utf8, true)),
        Arc::new(Field::new("error_code", DataType::Utf8, true)),
    ]
}

/// The output schema for an input schema.
pub(crate) fn output_schema(input: &Schema) -> Schema {
    let mut fields: Vec<Arc<Field>> = input
        .fields()
        .iter()
        .filter(|f| !RESULT_COLUMNS.contains(&f.name().as_str()))
        .cloned()
        .collect();
    fields.extend(result_fields());
    Schema::new(fields)
}
