//! Reading the input columns in place: text of any Arrow string or binary type (dictionaries read
//! once per value), integer departments, booleans. Departments, categories and energies are few
//! distinct texts: each is parsed once into a small cache of cells keyed by its bytes. Plates are
//! nearly all distinct and read row by row with the core's `plate_system`.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{
    Array, ArrayRef, BinaryArray, BinaryViewArray, Int64Array, LargeBinaryArray, LargeStringArray,
    RecordBatch, StringArray, StringViewArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;
use duplicata_core::{Category, Department, Energy, Error, ErrorCode, PlateSystem, plate_system};

use super::{categories, contract_enum, department_of_int, energies, missing};

/// A text column read in place.
pub(super) enum Text<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Binary(&'a BinaryArray),
    LargeBinary(&'a LargeBinaryArray),
    BinaryView(&'a BinaryViewArray),
    Nulls,
}

/// The error code of a cell that is not UTF-8 text.
pub(super) const NOT_UTF8: ErrorCode = ErrorCode::RequestInvalidValue;
/// The error code of a missing value.
pub(super) const MISSING: ErrorCode = ErrorCode::RequestMissingField;

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

/// `LOW_BYTES[n]`: the low `n` bytes of a word set (a 128-bit shift by a variable count takes
/// several instructions; this is one load).
const LOW_BYTES: [u128; 16] = {
    let mut m = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        m[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    m
};

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
            Bytes::Short((u128::from_le_bytes(k) & LOW_BYTES[len]) | ((len as u128) << 120))
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
    pub(super) fn of(a: &'a ArrayRef) -> Self {
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
    pub(super) fn str(&self, i: usize) -> Result<Option<&'a str>, ErrorCode> {
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
        Bytes::Short(((view >> 32) & LOW_BYTES[len as usize]) | (u128::from(len) << 120))
    } else {
        let b = long();
        short_word(b).map_or(Bytes::Long(b), Bytes::Short)
    }
}

#[inline]
fn utf8(b: &[u8]) -> Result<&str, ErrorCode> {
    std::str::from_utf8(b).map_err(|_| NOT_UTF8)
}

/// A cell read and checked: null, not text, a value, or the error code of a bad value.
///
/// Two bytes (the code is the core's `ErrorCode`, not its text): a cell is copied in a register,
/// where a cell holding a `&str` was copied through the stack, byte by byte, on every row.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<T> {
    Null,
    NotText,
    Ok(T),
    Bad(ErrorCode),
}

/// The cell of a parsed value or of the error code of a bad one.
fn parsed<T>(r: Result<T, &'static str>) -> Cell<T> {
    match r {
        Ok(v) => Cell::Ok(v),
        Err(code) => Cell::Bad(error_code(code)),
    }
}

/// The registry entry of an error code the core raised (every code it raises is registered: the
/// core's `docs/errors.md` test checks it).
fn error_code(code: &'static str) -> ErrorCode {
    let c = ErrorCode::parse(code);
    debug_assert!(c.is_some(), "unregistered error code {code}");
    c.unwrap_or(ErrorCode::RequestInvalidValue)
}

fn cell_of<T>(b: &[u8], parse: fn(&str) -> Result<T, &'static str>) -> Cell<T> {
    match std::str::from_utf8(b) {
        Ok(s) => parsed(parse(s)),
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
pub(super) struct Cells<'a, T: Copy> {
    source: Source<'a, T>,
    parse: fn(&str) -> Result<T, &'static str>,
    cache: Box<[(u128, Cell<T>); 1 << CACHE_BITS]>,
    /// The cells of the last texts longer than 15 bytes (`motorcycle_le_125`), searched in order.
    long: Vec<(Box<[u8]>, Cell<T>)>,
}

/// Texts longer than 15 bytes kept by a column's cache.
const LONG_TEXTS: usize = 8;

impl<'a, T: Copy> Cells<'a, T> {
    pub(super) fn new(
        col: Option<&'a ArrayRef>,
        parse: fn(&str) -> Result<T, &'static str>,
    ) -> Self {
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
                        .map(|n| parsed(parse(&department_of_int(n))))
                        .collect();
                    Source::Ints(a.as_primitive::<Int64Type>(), table)
                }
                _ => Source::Text(Text::of(a)),
            },
        };
        Cells {
            source,
            parse,
            cache: Box::new([(NO_WORD, Cell::Null); 1 << CACHE_BITS]),
            long: Vec::new(),
        }
    }

    /// The cells of rows `start..start + out.len()`: the column's type is matched once a block.
    pub(super) fn fill(&mut self, start: usize, out: &mut [Cell<T>]) {
        let (cache, long, parse) = (&mut self.cache, &mut self.long, self.parse);
        match &self.source {
            Source::Text(t) => match t {
                Text::Utf8(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_offsets(out, start, a.nulls(), o, d, cache, long, parse);
                }
                Text::Large(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_offsets(out, start, a.nulls(), o, d, cache, long, parse);
                }
                Text::Binary(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_offsets(out, start, a.nulls(), o, d, cache, long, parse);
                }
                Text::LargeBinary(a) => {
                    let (o, d) = (a.value_offsets(), a.value_data());
                    fill_offsets(out, start, a.nulls(), o, d, cache, long, parse);
                }
                Text::View(a) => {
                    let long_text = |i| a.value(i).as_bytes();
                    fill_views(
                        out,
                        start,
                        a.nulls(),
                        a.views(),
                        long_text,
                        cache,
                        long,
                        parse,
                    );
                }
                Text::BinaryView(a) => {
                    let long_text = |i| a.value(i);
                    fill_views(
                        out,
                        start,
                        a.nulls(),
                        a.views(),
                        long_text,
                        cache,
                        long,
                        parse,
                    );
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
                            None => parsed(parse(&department_of_int(n))),
                        }
                    };
                }
            }
        }
    }
}

/// The slot of a short text's word in a column's cache.
#[inline(always)]
fn cache_slot(k: u128) -> usize {
    (((k as u64) ^ ((k >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_BITS))
        as usize
}

/// The cell of a short text's word, from the cache (parsed and kept on a miss).
#[inline(always)]
fn cached<T: Copy>(
    cache: &mut [(u128, Cell<T>); 1 << CACHE_BITS],
    k: u128,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Cell<T> {
    let slot = &mut cache[cache_slot(k)];
    if slot.0 != k {
        let (b, len) = short_bytes(k);
        *slot = (k, cell_of(&b[..len], parse));
    }
    slot.1
}

/// The cells of a text column with offsets, each row's word read straight from the values: one
/// 16-byte load and a mask. The row loop is made once without null checks (the common column)
/// and once with them.
#[inline(always)]
#[expect(
    clippy::too_many_arguments,
    reason = "the column's parts and the cache's, all borrowed"
)]
fn fill_offsets<O: arrow_array::OffsetSizeTrait, T: Copy>(
    out: &mut [Cell<T>],
    start: usize,
    nulls: Option<&NullBuffer>,
    offsets: &[O],
    values: &[u8],
    cache: &mut [(u128, Cell<T>); 1 << CACHE_BITS],
    long: &mut Vec<(Box<[u8]>, Cell<T>)>,
    parse: fn(&str) -> Result<T, &'static str>,
) {
    let Some(offsets) = offsets.get(start..=start + out.len()) else {
        out.fill(Cell::Null);
        return;
    };
    let c = (cache, long, parse);
    match nulls {
        None => offset_rows(out, offsets, values, c, |_| false),
        Some(n) => offset_rows(out, offsets, values, c, |j| n.is_null(start + j)),
    }
}

/// A column's cache of cells: short texts, the few long ones, and the parser.
type CellCache<'c, T> = (
    &'c mut [(u128, Cell<T>); 1 << CACHE_BITS],
    &'c mut Vec<(Box<[u8]>, Cell<T>)>,
    fn(&str) -> Result<T, &'static str>,
);

/// The row loop of [`fill_offsets`]: `offsets` are the block's (one more than its rows).
#[inline(always)]
fn offset_rows<O: arrow_array::OffsetSizeTrait, T: Copy>(
    out: &mut [Cell<T>],
    offsets: &[O],
    values: &[u8],
    (cache, long, parse): CellCache<'_, T>,
    is_null: impl Fn(usize) -> bool,
) {
    // Rows whose 16-byte load stays inside the values (all but the last few).
    let loadable = values.len().checked_sub(16);
    for (j, (o, w)) in out.iter_mut().zip(offsets.windows(2)).enumerate() {
        if is_null(j) {
            *o = Cell::Null;
            continue;
        }
        let (begin, end) = (w[0].as_usize(), w[1].as_usize());
        let len = end.wrapping_sub(begin);
        *o = if len <= 15 && loadable.is_some_and(|last| begin <= last) {
            let mut b = [0u8; 16];
            b.copy_from_slice(&values[begin..begin + 16]);
            let k = (u128::from_le_bytes(b) & LOW_BYTES[len]) | ((len as u128) << 120);
            cached(cache, k, parse)
        } else {
            match short_at(values, begin, end.saturating_sub(begin)) {
                Bytes::Null => Cell::Null,
                Bytes::Short(k) => cached(cache, k, parse),
                Bytes::Long(b) => long_cell(long, b, parse),
            }
        };
    }
}

/// The cells of a view column (a polars frame's text): a text of at most 12 bytes is in its
/// view, so its word is the view shifted and masked. As [`fill_offsets`], the row loop is made
/// with and without null checks.
#[inline(always)]
#[expect(
    clippy::too_many_arguments,
    reason = "the column's parts and the cache's, all borrowed"
)]
fn fill_views<'b, T: Copy>(
    out: &mut [Cell<T>],
    start: usize,
    nulls: Option<&NullBuffer>,
    views: &[u128],
    long_text: impl Fn(usize) -> &'b [u8],
    cache: &mut [(u128, Cell<T>); 1 << CACHE_BITS],
    long: &mut Vec<(Box<[u8]>, Cell<T>)>,
    parse: fn(&str) -> Result<T, &'static str>,
) {
    let Some(views) = views.get(start..start + out.len()) else {
        out.fill(Cell::Null);
        return;
    };
    let long_text = |j| long_text(start + j);
    let c = (cache, long, parse);
    match nulls {
        None => view_rows(out, views, long_text, c, |_| false),
        Some(n) => view_rows(out, views, long_text, c, |j| n.is_null(start + j)),
    }
}

/// The row loop of [`fill_views`]: `views` are the block's.
#[inline(always)]
fn view_rows<'b, T: Copy>(
    out: &mut [Cell<T>],
    views: &[u128],
    long_text: impl Fn(usize) -> &'b [u8],
    (cache, long, parse): CellCache<'_, T>,
    is_null: impl Fn(usize) -> bool,
) {
    for (j, (o, &v)) in out.iter_mut().zip(views).enumerate() {
        if is_null(j) {
            *o = Cell::Null;
            continue;
        }
        let len = v as u32;
        *o = if len <= 12 {
            let k = ((v >> 32) & LOW_BYTES[len as usize]) | (u128::from(len) << 120);
            cached(cache, k, parse)
        } else {
            let b = long_text(j);
            match short_word(b) {
                Some(k) => cached(cache, k, parse),
                None => long_cell(long, b, parse),
            }
        };
    }
}

/// The cell of a text longer than 15 bytes, from the few kept or parsed (and kept).
#[inline(never)]
fn long_cell<T: Copy>(
    long: &mut Vec<(Box<[u8]>, Cell<T>)>,
    b: &[u8],
    parse: fn(&str) -> Result<T, &'static str>,
) -> Cell<T> {
    if let Some((_, c)) = long.iter().find(|(k, _)| **k == *b) {
        return *c;
    }
    let c = cell_of(b, parse);
    if long.len() == LONG_TEXTS {
        long.remove(0);
    }
    long.push((b.into(), c));
    c
}

/// The plates: read row by row (they are nearly all distinct), or once per value of a dictionary.
pub(super) enum Plates<'a> {
    Text(Text<'a>),
    Dict(Cells<'a, PlateSystem>),
}

#[inline]
pub(super) fn plate_cell(s: &str) -> Result<PlateSystem, &'static str> {
    plate_system(s).map_err(|e| e.code())
}

impl Plates<'_> {
    /// The plates' cells of rows `start..start + out.len()`.
    pub(super) fn fill(&mut self, start: usize, out: &mut [Cell<PlateSystem>]) {
        match self {
            Plates::Text(t) => match t {
                Text::Utf8(a) => fill_text_plates(out, start, a.nulls(), |i| a.value(i)),
                Text::Large(a) => fill_text_plates(out, start, a.nulls(), |i| a.value(i)),
                Text::View(a) => fill_text_plates(out, start, a.nulls(), |i| a.value(i)),
                t => fill_plates(out, start, |i| t.str(i).transpose()),
            },
            Plates::Dict(c) => c.fill(start, out),
        }
    }
}

/// [`fill_plates`] of a text column (UTF-8 by its type): the row loop is made without validity
/// checks for a column without nulls, and with them.
#[inline(always)]
fn fill_text_plates<'b>(
    out: &mut [Cell<PlateSystem>],
    start: usize,
    nulls: Option<&NullBuffer>,
    value: impl Fn(usize) -> &'b str,
) {
    match nulls {
        None => fill_plates(out, start, |i| Some(Ok(value(i)))),
        Some(n) => fill_plates(out, start, |i| n.is_valid(i).then(|| Ok(value(i)))),
    }
}

#[inline(always)]
fn fill_plates<'b>(
    out: &mut [Cell<PlateSystem>],
    start: usize,
    text: impl Fn(usize) -> Option<Result<&'b str, ErrorCode>>,
) {
    for (j, o) in out.iter_mut().enumerate() {
        *o = match text(start + j) {
            Some(Ok(s)) => parsed(plate_cell(s)),
            None => Cell::Null,
            Some(Err(_)) => Cell::NotText,
        };
    }
}

pub(super) fn column_error(name: &str, found: &DataType, expected: &str) -> Error {
    Error::with_code(
        ErrorCode::RequestInvalidType,
        Some(name),
        format!("type invalide pour la colonne « {name} » : {found}, attendu : {expected}"),
        format!("invalid type for column '{name}': {found}, expected {expected}"),
    )
}

pub(super) fn cast(col: &ArrayRef, name: &str, to: &DataType) -> Result<ArrayRef, Error> {
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
pub(super) fn text_column(
    batch: &RecordBatch,
    name: &str,
    integers: bool,
) -> Result<Option<ArrayRef>, Error> {
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

pub(super) fn required_text(
    batch: &RecordBatch,
    name: &str,
    integers: bool,
) -> Result<ArrayRef, Error> {
    text_column(batch, name, integers)?.ok_or_else(|| missing(name))
}

pub(super) fn category_cell(s: &str) -> Result<Category, &'static str> {
    contract_enum("vehicle.category", s, categories).map_err(|e| e.code())
}

pub(super) fn energy_cell(s: &str) -> Result<Energy, &'static str> {
    contract_enum("vehicle.energy", s, energies).map_err(|e| e.code())
}

pub(super) fn department_cell(s: &str) -> Result<Department, &'static str> {
    Department::parse(s).map_err(|e| e.code())
}
