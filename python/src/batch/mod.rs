//! Fees of a whole table: Arrow columns in, Arrow columns out, no Python object per row.
//!
//! The columns are read in place ([`input`]: utf8, large_utf8 or utf8_view strings, binary read as
//! UTF-8, dictionaries once per value; [`dates`]: date32 dates, ISO text or timestamps), 64 rows at
//! a time and one column at a time. Each row's fees are then found in the thread's [`memo`] by
//! their [`DateClasses::key`] and computed by the core only the first time a key is seen; the
//! result columns are written from the batch's distinct result rows into buffers sized for the
//! batch ([`output`]). A bad row gets its error code and null amounts, with the checks and error
//! codes of the scalar call; the batch goes on. A column of a type that cannot be read exactly
//! (integer dates, a float department) refuses the whole batch with `request.invalid_type`:
//! nothing is guessed.

mod dates;
mod input;
mod memo;
mod output;
mod pool;

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch};
use arrow_buffer::BooleanBuffer;
use arrow_buffer::bit_chunk_iterator::BitChunks;
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use duplicata_core::KeyFields;
use duplicata_core::{
    Category, DateClasses, Department, Energy, Engine, Error, ErrorCode, FeeQuery, PlateSystem,
};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as DeError, StrDeserializer};

use dates::{date_column, dates, day_range};
use input::{
    Cell, Cells, MISSING, NOT_UTF8, Plates, Text, category_cell, column_error, department_cell,
    energy_cell, plate_cell, required_text, text_column,
};
use memo::{MEMO, MEMO_MAX_DATES, Memo, Row, compute};
use output::{AmountValue, Output, Templates, assembly_error, too_large};
pub(crate) use pool::{kept_memory, release_memory};

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
    /// Text result columns as `utf8_view` (what polars keeps without converting) instead of `utf8`.
    pub(crate) views: bool,
}

pub(super) fn missing(field: &str) -> Error {
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
pub(super) fn contract_enum<'de, T: Deserialize<'de>>(
    field: &str,
    value: &'de str,
    allowed: impl FnOnce() -> String,
) -> Result<T, Error> {
    let d: StrDeserializer<'de, DeError> = value.into_deserializer();
    T::deserialize(d).map_err(|_| invalid_value(field, value, &allowed()))
}

pub(super) fn categories() -> String {
    Category::ALL
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn energies() -> String {
    Energy::ALL
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ")
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

/// Rows of the largest result batch: a larger input batch is priced in slices of this many rows.
/// Each result column of a slice is then at most 16 MiB (a polars frame comes as one batch), and
/// the slices' columns are of the few sizes the result pool ([`pool`]) keeps and hands out again.
pub(crate) const CHUNK_ROWS: usize = 1 << 20;

/// [`fees_batch`] of `batch` in slices of at most [`CHUNK_ROWS`] rows (for a stream or a table,
/// whose batches need not be the input's).
pub(crate) fn fees_chunks(
    engine: &Engine,
    classes: &DateClasses,
    batch: &RecordBatch,
    options: Options,
    out: &mut Vec<RecordBatch>,
) -> Result<(), Error> {
    let n = batch.num_rows();
    if n <= CHUNK_ROWS {
        out.push(fees_batch(engine, classes, batch, options)?);
        return Ok(());
    }
    for start in (0..n).step_by(CHUNK_ROWS) {
        let slice = batch.slice(start, CHUNK_ROWS.min(n - start));
        out.push(fees_batch(engine, classes, &slice, options)?);
    }
    Ok(())
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
            _ => memo.insert(Memo::new(engine.fingerprint(), classes)),
        };
        match options.amounts {
            Amounts::Decimal => fees_batch_with::<i128>(engine, classes, memo, batch, options),
            Amounts::Cents => fees_batch_with::<i64>(engine, classes, memo, batch, options),
            Amounts::Float => fees_batch_with::<f64>(engine, classes, memo, batch, options),
        }
    })
}

/// A result row not yet made ready to write in this batch.
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
    let mut out = Output::<A>::new(n, options.views, [&zone_labels, &region_labels])?;
    let mut templates = Templates::<A>::new();
    let mut template_of: Vec<u32> = Vec::new();
    let mut ids = [0u32; BLOCK];
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
        let moved = coa.map_or(0, |c| true_bits(c, start, m));
        for j in 0..m {
            ids[j] = match check(day[j], department[j], plate[j], category[j], energy[j]) {
                Ok(mut q) => {
                    q.change_of_address = (moved >> j) & 1 == 1;
                    let date = memo.date_of(classes, q.day, q.department);
                    let vehicle = DateClasses::vehicle_part(&q);
                    memo.get_or(date, vehicle, || compute(engine, &q.query()))
                }
                Err(code) => memo.intern(Row::error(code.code())),
            };
        }
        // Only the rows this batch uses are made ready to write (the memo keeps every row it has
        // seen, across batches).
        template_of.resize(memo.rows.len(), NO_TEMPLATE);
        for id in &mut ids[..m] {
            let t = &mut template_of[*id as usize];
            if *t == NO_TEMPLATE {
                *t = u32::try_from(templates.len()).map_err(|_| too_large())?;
                templates.push(&memo.rows[*id as usize])?;
            }
            *id = *t;
        }
        out.write(&templates, &ids[..m]);
        start += m;
    }

    let results = out.finish(&templates, zone_labels, region_labels)?;
    let schema = output_schema(&batch.schema(), options)?;
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    columns.extend(results);
    RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| assembly_error(&e))
}

/// The rows of `start..start + m` (`m` at most 64) that are true and not null, bit j for row
/// `start + j`.
fn true_bits(c: &BooleanArray, start: usize, m: usize) -> u64 {
    let word = |b: &BooleanBuffer| {
        BitChunks::new(b.values(), b.offset() + start, m)
            .iter_padded()
            .next()
            .unwrap_or(0)
    };
    let values = word(c.values());
    c.nulls().map_or(values, |n| values & word(n.inner()))
}

const INCONSISTENT: ErrorCode = ErrorCode::RequestInconsistent;

/// The checks of one row, in the order of `query` (the scalar call): the date, the texts that
/// are not UTF-8 and the missing fields in column order, then the category, the energy, the
/// plate, the department and a cyclomoteur number with another category.
#[inline]
fn check(
    day: Result<i32, ErrorCode>,
    department: Cell<Department>,
    plate: Cell<PlateSystem>,
    category: Cell<Category>,
    energy: Cell<Energy>,
) -> Result<KeyFields, ErrorCode> {
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
    if !FeeQuery::plate_fits_category(plate, category) {
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

/// A required cell: its error when it is not text or missing (checked before any value is read).
#[inline]
fn required<T>(c: Cell<T>) -> Result<Cell<T>, ErrorCode> {
    match c {
        Cell::NotText => Err(NOT_UTF8),
        Cell::Null => Err(MISSING),
        c => Ok(c),
    }
}

/// The value of a required cell, or the error code of its value.
#[inline]
fn value<T>(c: Cell<T>) -> Result<T, ErrorCode> {
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
    let (area, text) = if options.views {
        (DataType::Utf8View, DataType::Utf8View)
    } else {
        (
            DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8)),
            DataType::Utf8,
        )
    };
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
    fn true_bits_are_the_rows_true_and_not_null_at_any_offset() {
        let cells: Vec<Option<bool>> = (0..300)
            .map(|i| match i % 7 {
                0 | 3 => None,
                1 | 4 | 5 => Some(true),
                _ => Some(false),
            })
            .collect();
        let whole = BooleanArray::from(cells);
        for offset in [0, 3, 64, 65] {
            let a = whole.slice(offset, 300 - offset);
            for start in (0..a.len()).step_by(64) {
                let m = (a.len() - start).min(64);
                let expected = (0..m).fold(0u64, |w, j| {
                    let i = start + j;
                    w | (u64::from(a.is_valid(i) && a.value(i)) << j)
                });
                assert_eq!(
                    true_bits(&a, start, m),
                    expected,
                    "offset {offset}, start {start}"
                );
            }
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
