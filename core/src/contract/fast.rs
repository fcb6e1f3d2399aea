//! The decision's JSON text, written fast.
//!
//! Most of a decision's JSON is static text (labels, explanations, steps, documents in two
//! languages); serde_json escapes it again on every call, which costs more than evaluating the
//! request. This writer copies the JSON of each static item, serialised once per thread, and
//! serialises only what changes. Its output is byte-for-byte the output of the `Serialize`
//! implementation (checked over the whole conformance corpus by the tests), which stays the
//! reference for any other serializer.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

/// Hashes the (address, discriminant) keys of the cache.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Cache = HashMap<(usize, usize), Box<str>, BuildHasherDefault<KeyHasher>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    /// Whole lists of static items, keyed by the exact addresses (and discriminants) of their items.
    static LISTS: RefCell<HashMap<Vec<usize>, Box<str>, BuildHasherDefault<KeyHasher>>> =
        RefCell::new(HashMap::default());
}

/// Appends the JSON of a list whose items are static for `key` (the exact identity of every item,
/// so two different lists never share an entry), built by `make` on first use.
pub(crate) fn list_chunk(out: &mut String, key: &[usize], make: impl FnOnce() -> String) {
    LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        if let Some(text) = lists.get(key) {
            out.push_str(text);
        } else {
            let text = make().into_boxed_str();
            out.push_str(&text);
            lists.insert(key.to_vec(), text);
        }
    });
}

/// A small key built on the stack (lists of a decision have a few dozen items at most).
pub(crate) struct Key {
    buf: [usize; 96],
    len: usize,
    overflow: Vec<usize>,
}

impl Key {
    pub(crate) fn new(tag: usize) -> Self {
        let mut k = Key {
            buf: [0; 96],
            len: 0,
            overflow: Vec::new(),
        };
        k.push(tag);
        k
    }
    pub(crate) fn push(&mut self, v: usize) {
        if self.len < self.buf.len() {
            self.buf[self.len] = v;
            self.len += 1;
        } else {
            if self.overflow.is_empty() {
                self.overflow.extend_from_slice(&self.buf);
            }
            self.overflow.push(v);
        }
    }
    pub(crate) fn as_slice(&self) -> &[usize] {
        if self.overflow.is_empty() {
            &self.buf[..self.len]
        } else {
            &self.overflow
        }
    }
}

/// Appends the JSON of an item that never changes for `key`, serialising it on first use.
fn cached<T: Serialize + ?Sized>(out: &mut String, key: (usize, usize), item: &T) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let text = cache.entry(key).or_insert_with(|| {
            serde_json::to_string(item)
                .unwrap_or_default()
                .into_boxed_str()
        });
        out.push_str(text);
    });
}

/// Appends a piece of JSON that never changes for `key`, built by `make` on first use.
pub(crate) fn chunk(out: &mut String, key: (usize, usize), make: impl FnOnce() -> String) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        out.push_str(cache.entry(key).or_insert_with(|| make().into_boxed_str()));
    });
}

/// A JSON string known to need no escaping (codes, dates, numbers written by this crate).
pub(crate) fn quoted(out: &mut String, s: impl std::fmt::Display) {
    use std::fmt::Write;
    let _ = write!(out, "\"{s}\"");
}

/// A code known to need no escaping, as a JSON string (no formatting machinery).
pub(crate) fn code(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// Digits of `n`, left-padded with zeros to `width`.
fn digits(out: &mut String, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    out.push_str(std::str::from_utf8(&buf[start..]).unwrap_or("0"));
}

/// An amount as a JSON string, `"47.76"`, as `Money`'s `Display` writes it.
pub(crate) fn money(out: &mut String, m: crate::model::money::Money) {
    let c = m.cents();
    out.push('"');
    if c < 0 {
        out.push('-');
    }
    let abs = c.unsigned_abs();
    digits(out, abs / 100, 1);
    out.push('.');
    digits(out, abs % 100, 2);
    out.push('"');
}

/// A date as a JSON string, `"2019-06-01"`, as chrono's `Display` writes it for years 0 to 9999.
pub(crate) fn date(out: &mut String, d: chrono::NaiveDate) {
    use chrono::Datelike;
    match u64::try_from(d.year()) {
        Ok(year) if year <= 9999 => {
            out.push('"');
            digits(out, year, 4);
            out.push('-');
            digits(out, u64::from(d.month()), 2);
            out.push('-');
            digits(out, u64::from(d.day()), 2);
            out.push('"');
        }
        _ => quoted(out, d),
    }
}

/// Quotes a string as JSON (for building chunks).
pub(crate) fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Lets serde_json write into a `String`: each fragment it writes is checked as UTF-8 (it always
/// is), so only the dynamic parts are ever checked, never the copied static ones.
struct StrWriter<'a>(&'a mut String);

impl std::io::Write for StrWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let s = std::str::from_utf8(buf)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.0.push_str(s);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A `&'static str` as a JSON string.
pub(crate) fn st(out: &mut String, s: &'static str) {
    cached(out, (s.as_ptr() as usize, s.len()), s);
}

/// An item that is static for a given discriminant (`key` must identify it uniquely).
pub(crate) fn keyed<T: Serialize>(out: &mut String, key: (usize, usize), item: &T) {
    cached(out, key, item);
}

/// Any value, serialised now.
pub(crate) fn ser<T: Serialize + ?Sized>(out: &mut String, v: &T) {
    // Writing into a Vec<u8> cannot fail; a value that refuses to serialise writes `null`.
    if serde_json::to_writer(StrWriter(out), v).is_err() {
        out.push_str("null");
    }
}

/// A list of static items.
pub(crate) fn list<T: Serialize>(out: &mut String, items: &[&'static T]) {
    let mut key = Key::new(std::any::type_name::<T>().as_ptr() as usize);
    for item in items {
        key.push(std::ptr::from_ref(*item) as usize);
    }
    list_chunk(out, key.as_slice(), || {
        serde_json::to_string(items).unwrap_or_default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::money::Money;

    #[test]
    fn hand_written_numbers_match_display() {
        for cents in [0, 5, 99, 100, 4776, 1_234_567, -250, -5] {
            let m = Money::from_cents(cents);
            let mut out = String::new();
            money(&mut out, m);
            assert_eq!(out, format!("\"{m}\""));
        }
        for d in ["2009-04-15", "2019-06-01", "0999-01-02", "2026-12-31"] {
            let d: chrono::NaiveDate = d.parse().expect("date");
            let mut out = String::new();
            date(&mut out, d);
            assert_eq!(out, format!("\"{d}\""));
        }
    }
}
