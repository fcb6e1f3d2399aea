//! The result columns: buffers sized for the batch, written 64 rows at a time from the distinct
//! result rows of the batch (its templates: amounts already in the output type, texts already
//! laid out, one validity mask). Columns of 4 MiB or more are advised for transparent huge pages.
//!
//! Text columns are `utf8` (each row's bytes copied as a fixed-width chunk, the offsets a running
//! sum) or, for polars, `utf8_view`: a row is the 16-byte view of its text, inline up to 12 bytes,
//! longer texts stored once per batch in one data buffer (polars keeps views as they are where it
//! would convert `utf8`).

use std::sync::Arc;

use arrow_array::types::Int16Type;
use arrow_array::{
    ArrayRef, Decimal128Array, DictionaryArray, Float64Array, Int16Array, Int64Array, StringArray,
    StringViewArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use duplicata_core::{Error, ErrorCode};

use super::memo::{NO_AREA, NULL, Row};
use super::pool;
use super::{PRECISION, SCALE};

/// The type of the amount columns' values.
pub(super) trait AmountValue: Copy + Default + Send + 'static {
    fn of_cents(cents: i64) -> Self;
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error>;
}

impl AmountValue for i128 {
    fn of_cents(cents: i64) -> Self {
        i128::from(cents)
    }
    fn array(values: Vec<Self>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error> {
        Ok(Arc::new(
            Decimal128Array::new(pool::scalar(values), nulls)
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
        Ok(Arc::new(Int64Array::new(pool::scalar(values), nulls)))
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
        Ok(Arc::new(Float64Array::new(pool::scalar(values), nulls)))
    }
}

/// A validity bitmap being filled, 64 rows to a word.
pub(super) struct Bits {
    words: Vec<u64>,
    word: u64,
    len: usize,
    nulls: usize,
}

impl Bits {
    pub(super) fn new(n: usize) -> Self {
        Bits {
            words: Vec::with_capacity(n.div_ceil(64)),
            word: 0,
            len: 0,
            nulls: 0,
        }
    }

    /// The validity of `m` rows (bit j of `word` for row j) at a multiple of 64 rows.
    #[inline]
    pub(super) fn push_word(&mut self, word: u64, m: usize) {
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
    pub(super) fn finish(mut self) -> Option<NullBuffer> {
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

/// An empty vector for `n` values, from the memory of earlier results when some is kept
/// ([`pool::take`]).
pub(super) fn column<T: Copy + Send + 'static>(n: usize) -> Vec<T> {
    pool::take(n)
}

/// The utf8 array of a text column: its values are the bytes of whole `&str`s, each offset the
/// end of one (so monotonic from 0, and within `i32` as `finish` checks).
#[expect(
    unsafe_code,
    reason = "the values are whole &str copied one after the other: checking them again (UTF-8, monotonic offsets) cost two passes over the column"
)]
fn utf8_of_texts(
    offsets: ScalarBuffer<i32>,
    values: Buffer,
    nulls: Option<NullBuffer>,
) -> StringArray {
    debug_assert!(offsets.first() == Some(&0) && offsets.windows(2).all(|w| w[0] <= w[1]));
    // SAFETY: the offsets start at 0 and each is the end of the next whole `&str` appended to
    // `values` (so they increase and fall on char boundaries); the last one is `values.len()`,
    // and `nulls` has one bit per row.
    unsafe {
        let offsets = OffsetBuffer::new_unchecked(offsets);
        debug_assert!(StringArray::try_new(offsets.clone(), values.clone(), nulls.clone()).is_ok());
        StringArray::new_unchecked(offsets, values, nulls)
    }
}

/// The dictionary column of a zone or region: each key is a template's index of an area of the
/// parameter set (or 0 for a null row), `max` the largest of them.
#[expect(
    unsafe_code,
    reason = "the keys are indexes of the labels by construction: checking each row's key again cost a pass over the column"
)]
fn area_dictionary(
    keys: Vec<i16>,
    nulls: Option<NullBuffer>,
    labels: Vec<&str>,
    max: Option<&i16>,
) -> Result<ArrayRef, Error> {
    let n = labels.len();
    let values: ArrayRef = Arc::new(StringArray::from(labels));
    let keys = Int16Array::new(pool::scalar(keys), nulls);
    // The rows are written from the templates: if their keys are in range, every row's is.
    if max.is_some_and(|&m| usize::try_from(m).map_or(true, |m| m >= n)) {
        return DictionaryArray::<Int16Type>::try_new(keys, values)
            .map(|d| Arc::new(d) as ArrayRef)
            .map_err(|e| assembly_error(&e));
    }
    // SAFETY: every key is one of the templates' keys, which are all in `0..n` (checked above).
    debug_assert!(DictionaryArray::<Int16Type>::try_new(keys.clone(), Arc::clone(&values)).is_ok());
    Ok(Arc::new(unsafe {
        DictionaryArray::<Int16Type>::new_unchecked(keys, values)
    }))
}

pub(super) fn too_large() -> Error {
    Error::with_code(
        ErrorCode::InternalArrow,
        None,
        "lot trop grand : plus de 2 Gio de texte dans une colonne ; découpez la table".to_owned(),
        "batch too large: more than 2 GiB of text in one column; split the table".to_owned(),
    )
}

/// The distinct texts of one text column in a batch, index 0 being null.
#[derive(Debug)]
struct Dict {
    texts: Vec<Option<&'static str>>,
    /// Each text's bytes, zero-padded to `CHUNK` (the first `CHUNK` bytes of a longer one).
    chunks: Vec<[u8; CHUNK]>,
    lens: Vec<u32>,
    /// Each text's view (`utf8_view`): inline when at most 12 bytes, else into `data`.
    views: Vec<u128>,
    /// The texts longer than 12 bytes, one after the other (the data buffer of the views).
    data: Vec<u8>,
    max_len: usize,
}

/// The widest text copied as one fixed-width chunk; longer texts are copied by length.
const CHUNK: usize = 64;
/// Rows of a block.
const BLOCK: usize = 64;

impl Dict {
    fn new() -> Self {
        Dict {
            texts: vec![None],
            chunks: vec![[0; CHUNK]],
            lens: vec![0],
            views: vec![0],
            data: Vec::new(),
            max_len: 0,
        }
    }

    /// The index of a text, added when new.
    fn index(&mut self, text: Option<&'static str>) -> Result<u16, Error> {
        if let Some(i) = self.texts.iter().position(|t| *t == text) {
            return u16::try_from(i).map_err(|_| too_large());
        }
        let s = text.unwrap_or_default().as_bytes();
        let mut chunk = [0; CHUNK];
        let n = s.len().min(CHUNK);
        chunk[..n].copy_from_slice(&s[..n]);
        let len = u32::try_from(s.len()).map_err(|_| too_large())?;
        let view = view_of(s, &mut self.data)?;
        self.texts.push(text);
        self.chunks.push(chunk);
        self.lens.push(len);
        self.views.push(view);
        self.max_len = self.max_len.max(s.len());
        u16::try_from(self.texts.len() - 1).map_err(|_| too_large())
    }
}

/// The `utf8_view` view of a text: inline when at most 12 bytes, else its length, prefix and
/// offset in `data` (buffer 0, the one data buffer), where it is appended.
fn view_of(s: &[u8], data: &mut Vec<u8>) -> Result<u128, Error> {
    let len = u32::try_from(s.len()).map_err(|_| too_large())?;
    Ok(if s.len() <= 12 {
        let mut v = [0u8; 16];
        v[4..4 + s.len()].copy_from_slice(s);
        u128::from_le_bytes(v) | u128::from(len)
    } else {
        let offset = u32::try_from(data.len()).map_err(|_| too_large())?;
        let mut prefix = [0u8; 4];
        prefix.copy_from_slice(&s[..4]);
        data.extend_from_slice(s);
        u128::from(len)
            | (u128::from(u32::from_le_bytes(prefix)) << 32)
            | (u128::from(offset) << 96)
    })
}

/// The views of the labels of the zones or regions (a polars result's `region` and `zone` are
/// string views: polars converts a dictionary to its categoricals row by row, ~2.4 ns a row).
struct Labels {
    views: Vec<u128>,
    data: Vec<u8>,
}

impl Labels {
    fn new(labels: &[&str]) -> Result<Self, Error> {
        let mut data = Vec::new();
        let views = labels
            .iter()
            .map(|l| view_of(l.as_bytes(), &mut data))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Labels { views, data })
    }

    /// The view of label `i` (a null row's key, 0, may have no label: its view is never read).
    #[inline]
    fn view(&self, i: i16) -> u128 {
        self.views.get(i as usize).copied().unwrap_or(0)
    }
}

/// The zone and region columns being filled: dictionary keys, or (polars) string views.
enum Areas {
    Keys {
        zone: Vec<i16>,
        region: Vec<i16>,
    },
    Views {
        zone: Vec<u128>,
        region: Vec<u128>,
        labels: Box<[Labels; 2]>,
    },
}

/// The distinct result rows of a batch, ready to be written column by column.
#[derive(Debug)]
pub(super) struct Templates<A> {
    amounts: [Vec<A>; 6],
    /// Bits 0–5: the amount is known; 6: zone; 7: region; 8–11: the text is not null.
    masks: Vec<u16>,
    zones: Vec<i16>,
    regions: Vec<i16>,
    /// status, unknown_reason, confidence, error_code: each row's index in the column's `Dict`.
    texts: [Vec<u16>; 4],
    dicts: [Dict; 4],
}

impl<A: AmountValue> Templates<A> {
    pub(super) fn new() -> Self {
        Templates {
            amounts: std::array::from_fn(|_| Vec::new()),
            masks: Vec::new(),
            zones: Vec::new(),
            regions: Vec::new(),
            texts: std::array::from_fn(|_| Vec::new()),
            dicts: std::array::from_fn(|_| Dict::new()),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.masks.len()
    }

    pub(super) fn push(&mut self, r: &Row) -> Result<(), Error> {
        let cents = [r.y1, r.y4, r.y5, r.total, r.low, r.high];
        let mut mask = 0u16;
        for (k, &c) in cents.iter().enumerate() {
            self.amounts[k].push(if c == NULL {
                A::default()
            } else {
                A::of_cents(c)
            });
            mask |= u16::from(c != NULL) << k;
        }
        mask |= u16::from(r.zone != NO_AREA) << 6 | u16::from(r.region != NO_AREA) << 7;
        self.zones.push(r.zone.max(0));
        self.regions.push(r.region.max(0));
        let texts = [Some(r.status), r.unknown_reason, r.confidence, r.error];
        for (k, text) in texts.into_iter().enumerate() {
            let i = self.dicts[k].index(text)?;
            self.texts[k].push(i);
            mask |= u16::from(text.is_some()) << (8 + k);
        }
        self.masks.push(mask);
        Ok(())
    }
}

/// The validity word of bit `bit` of the rows' masks; `all` and `any` are the masks' AND and OR
/// (a bit set in all rows or in none, most bits of most blocks, needs no pass over the rows).
#[inline]
fn word(masks: &[u16], bit: u32, all: u16, any: u16) -> u64 {
    if (all >> bit) & 1 == 1 {
        return u64::MAX.checked_shr(64 - masks.len() as u32).unwrap_or(0);
    }
    if (any >> bit) & 1 == 0 {
        return 0;
    }
    masks
        .iter()
        .enumerate()
        .fold(0, |w, (j, &m)| w | (u64::from((m >> bit) & 1) << j))
}

/// A text result column being filled.
enum Texts {
    Utf8 { offsets: Vec<i32>, values: Vec<u8> },
    View(Vec<u128>),
}

/// The result columns being filled.
pub(super) struct Output<A> {
    amounts: [Vec<A>; 6],
    /// The 6 amounts, zone, region, then the 4 texts.
    valid: [Bits; 12],
    areas: Areas,
    /// status, unknown_reason, confidence, error_code.
    texts: [Texts; 4],
    /// Where a block's texts are laid out before they are appended to their column.
    scratch: Box<[u8; SCRATCH]>,
}

/// Copies each row's text as one `W`-byte chunk (zero-padded) into the scratch buffer, then
/// moves on by its length: no copy of a variable length per row, and one copy of the block's
/// bytes into the column. The block's offsets are gathered locally and appended at once.
#[inline(always)]
fn copy_chunks<const W: usize>(
    values: &mut Vec<u8>,
    offsets: &mut Vec<i32>,
    scratch: &mut [u8; SCRATCH],
    d: &Dict,
    ids: &[u16],
) {
    let base = values.len();
    let mut ends = [0i32; BLOCK];
    let mut pos = 0;
    for (end, &i) in ends.iter_mut().zip(ids) {
        let i = usize::from(i);
        // Each text is at most `W` bytes and a block at most 64 rows: `pos + W <= SCRATCH`.
        scratch[pos..pos + W].copy_from_slice(&d.chunks[i][..W]);
        pos += d.lens[i] as usize;
        // Checked in `finish`: more than 2 GiB of text is refused, never wrapped.
        *end = (base + pos) as i32;
    }
    values.extend_from_slice(&scratch[..pos]);
    offsets.extend_from_slice(&ends[..ids.len()]);
}

/// Bytes of the scratch buffer of a text column's block: 64 chunks of the widest kind.
const SCRATCH: usize = BLOCK * CHUNK;

impl<A: AmountValue> Output<A> {
    /// The columns of `n` rows; `views` for text, zone and region columns as string views, whose
    /// zone and region labels are `labels` (zone, then region).
    pub(super) fn new(n: usize, views: bool, labels: [&[&str]; 2]) -> Result<Self, Error> {
        let text = |bytes_per_row: usize| {
            if views {
                Texts::View(column(n))
            } else {
                let mut offsets = column(n + 1);
                offsets.push(0);
                Texts::Utf8 {
                    offsets,
                    // An estimate of the texts' bytes (the column grows beyond it when needed).
                    values: column(n * bytes_per_row),
                }
            }
        };
        let areas = if views {
            Areas::Views {
                zone: column(n),
                region: column(n),
                labels: Box::new([Labels::new(labels[0])?, Labels::new(labels[1])?]),
            }
        } else {
            Areas::Keys {
                zone: column(n),
                region: column(n),
            }
        };
        Ok(Output {
            amounts: std::array::from_fn(|_| column(n)),
            valid: std::array::from_fn(|_| Bits::new(n)),
            areas,
            texts: [text(7), text(6), text(6), text(0)],
            scratch: Box::new([0; SCRATCH]),
        })
    }

    /// Writes the rows of a block (at most 64, at a multiple of 64), column by column, from their
    /// templates.
    pub(super) fn write(&mut self, t: &Templates<A>, ids: &[u32]) {
        let m = ids.len();
        let mut masks = [0u16; 64];
        for (o, &id) in masks.iter_mut().zip(ids) {
            *o = t.masks[id as usize];
        }
        let masks = &masks[..m];
        for k in 0..6 {
            let src = &t.amounts[k];
            self.amounts[k].extend(ids.iter().map(|&id| src[id as usize]));
        }
        match &mut self.areas {
            Areas::Keys { zone, region } => {
                zone.extend(ids.iter().map(|&id| t.zones[id as usize]));
                region.extend(ids.iter().map(|&id| t.regions[id as usize]));
            }
            Areas::Views {
                zone,
                region,
                labels,
            } => {
                zone.extend(ids.iter().map(|&id| labels[0].view(t.zones[id as usize])));
                region.extend(ids.iter().map(|&id| labels[1].view(t.regions[id as usize])));
            }
        }
        let all = masks.iter().fold(u16::MAX, |a, &x| a & x);
        let any = masks.iter().fold(0, |a, &x| a | x);
        for (bit, valid) in (0u32..).zip(self.valid.iter_mut()) {
            valid.push_word(word(masks, bit, all, any), m);
        }
        let mut texts = [0u16; 64];
        let scratch = &mut self.scratch;
        for (k, column) in self.texts.iter_mut().enumerate() {
            if (any >> (8 + k)) & 1 == 0 {
                // No row of the block has this text (an error code, most blocks): all null.
                match column {
                    Texts::View(views) => views.extend(std::iter::repeat_n(0, m)),
                    Texts::Utf8 { offsets, values } => {
                        // Checked in `finish`, as below.
                        offsets.extend(std::iter::repeat_n(values.len() as i32, m));
                    }
                }
                continue;
            }
            let (src, d) = (&t.texts[k], &t.dicts[k]);
            for (o, &id) in texts.iter_mut().zip(ids) {
                *o = src[id as usize];
            }
            let texts = &texts[..m];
            match column {
                Texts::View(views) => views.extend(texts.iter().map(|&i| d.views[usize::from(i)])),
                Texts::Utf8 { offsets, values } => match d.max_len {
                    0..=16 => copy_chunks::<16>(values, offsets, scratch, d, texts),
                    17..=32 => copy_chunks::<32>(values, offsets, scratch, d, texts),
                    33..=CHUNK => copy_chunks::<CHUNK>(values, offsets, scratch, d, texts),
                    _ => {
                        for &i in texts {
                            let s = d.texts[usize::from(i)].unwrap_or_default();
                            values.extend_from_slice(s.as_bytes());
                            // Checked in `finish`, as above.
                            offsets.push(values.len() as i32);
                        }
                    }
                },
            }
        }
    }

    /// The twelve result columns, in the order of `RESULT_COLUMNS`.
    pub(super) fn finish(
        self,
        t: &Templates<A>,
        zone_labels: Vec<&str>,
        region_labels: Vec<&str>,
    ) -> Result<[ArrayRef; 12], Error> {
        let Output {
            amounts,
            valid,
            areas,
            texts,
            scratch: _,
        } = self;
        let mut valid = valid.into_iter().map(Bits::finish);
        let mut next = || valid.next().flatten();
        let mut amount = Vec::with_capacity(6);
        for values in amounts {
            amount.push(A::array(values, next())?);
        }
        let (zone, region) = match areas {
            Areas::Keys { zone, region } => (
                area_dictionary(zone, next(), zone_labels, t.zones.iter().max())?,
                area_dictionary(region, next(), region_labels, t.regions.iter().max())?,
            ),
            Areas::Views {
                zone,
                region,
                labels,
            } => {
                let [z, r] = *labels;
                let zone: ArrayRef = Arc::new(views_of_texts(
                    pool::scalar(zone),
                    Buffer::from_vec(z.data),
                    next(),
                ));
                let region: ArrayRef = Arc::new(views_of_texts(
                    pool::scalar(region),
                    Buffer::from_vec(r.data),
                    next(),
                ));
                (zone, region)
            }
        };
        let mut text = Vec::with_capacity(4);
        for (column, d) in texts.into_iter().zip(&t.dicts) {
            let nulls = next();
            text.push(match column {
                Texts::Utf8 { offsets, values } => {
                    if i32::try_from(values.len()).is_err() {
                        return Err(too_large());
                    }
                    Arc::new(utf8_of_texts(
                        pool::scalar(offsets),
                        pool::buffer(values),
                        nulls,
                    )) as ArrayRef
                }
                Texts::View(views) => Arc::new(views_of_texts(
                    pool::scalar(views),
                    Buffer::from_vec(d.data.clone()),
                    nulls,
                )) as ArrayRef,
            });
        }
        let [y1, y4, y5, total, low, high]: [ArrayRef; 6] =
            amount.try_into().map_err(|_| too_large())?;
        let [status, unknown_reason, confidence, error_code]: [ArrayRef; 4] =
            text.try_into().map_err(|_| too_large())?;
        Ok([
            region,
            zone,
            y1,
            y4,
            y5,
            total,
            status,
            unknown_reason,
            low,
            high,
            confidence,
            error_code,
        ])
    }
}

/// The utf8_view array of a text column: each view is one made by `Dict::index` from a whole
/// `&str` (inline, or its length, prefix and offset in `data`, buffer 0).
#[expect(
    unsafe_code,
    reason = "the views are made from whole &str stored in data: checking them again cost a pass over the column"
)]
fn views_of_texts(
    views: ScalarBuffer<u128>,
    data: Buffer,
    nulls: Option<NullBuffer>,
) -> StringViewArray {
    debug_assert!(
        StringViewArray::try_new(views.clone(), vec![data.clone()], nulls.clone()).is_ok()
    );
    // SAFETY: every view is the view of a whole `&str` (inline when at most 12 bytes, else the
    // prefix, buffer 0 and the offset of that text in `data`), and `nulls` has one bit per row.
    unsafe { StringViewArray::new_unchecked(views, vec![data], nulls) }
}

/// The error of a result that cannot be assembled.
pub(super) fn assembly_error(e: &arrow_schema::ArrowError) -> Error {
    Error::with_code(
        ErrorCode::InternalArrow,
        None,
        format!("assemblage du résultat Arrow impossible : {e}"),
        format!("cannot assemble the Arrow result: {e}"),
    )
}
