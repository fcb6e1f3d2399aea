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
pub(crate) fn list_chunk(out: &mut String, key: Vec<usize>, make: impl FnOnce() -> String) {
    LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        out.push_str(lists.entry(key).or_insert_with(|| make().into_boxed_str()));
    });
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
    let mut key = Vec::with_capacity(items.len() + 1);
    key.push(std::any::type_name::<T>().as_ptr() as usize);
    key.extend(items.iter().map(|i| std::ptr::from_ref(*i) as usize));
    list_chunk(out, key, || {
        serde_json::to_string(items).unwrap_or_default()
    });
}
