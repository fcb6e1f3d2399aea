//! Static texts of the core as C strings: the core's texts are `&'static str` without a NUL, the
//! typed results hand out `const char *` that the caller never frees. Each distinct text is
//! copied once per process into a NUL-terminated string that lives until the process ends (a few
//! dozen texts, about 4 KB: the process-wide cache the header describes), and found again by the
//! address of the core's text with one atomic load: the typed fee call allocates nothing once
//! every text it meets has been seen.

use std::ffi::{CString, c_char};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, PoisonError};

struct Entry {
    /// Address and length of the core's text.
    key: (usize, usize),
    c: CString,
}

/// Direct-mapped by the text's address: a slot holds the last entry hashed to it.
const SLOTS: usize = 128;

static FAST: [AtomicPtr<Entry>; SLOTS] = [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

/// Every entry ever made, each made once; they are never freed (they are handed to callers).
static ALL: Mutex<Vec<&'static Entry>> = Mutex::new(Vec::new());

fn slot(key: (usize, usize)) -> usize {
    // Addresses of string literals: the low bits vary the most once the alignment is dropped.
    (key.0 ^ (key.0 >> 7) ^ key.1) % SLOTS
}

/// The C string of a static text of the core (NUL-terminated, never freed). A NUL inside the text
/// (none exists in the core's texts) would end the C string there.
pub(crate) fn c(text: &'static str) -> *const c_char {
    let key = (text.as_ptr() as usize, text.len());
    let slot = &FAST[slot(key)];
    let entry = slot.load(Ordering::Acquire);
    // SAFETY: a non-null slot points to an entry leaked below, never freed.
    if let Some(e) = unsafe { entry.as_ref() } {
        if e.key == key {
            return e.c.as_ptr();
        }
    }
    slow(text, key, slot)
}

#[cold]
fn slow(text: &'static str, key: (usize, usize), slot: &AtomicPtr<Entry>) -> *const c_char {
    let mut all = ALL.lock().unwrap_or_else(PoisonError::into_inner);
    let entry: &'static Entry = match all.iter().find(|e| e.key == key) {
        Some(e) => e,
        None => {
            let end = text.find('\0').unwrap_or(text.len());
            let c = CString::new(&text[..end]).unwrap_or_default();
            let e: &'static Entry = Box::leak(Box::new(Entry { key, c }));
            all.push(e);
            e
        }
    };
    slot.store(std::ptr::from_ref(entry).cast_mut(), Ordering::Release);
    entry.c.as_ptr()
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    #[test]
    fn the_same_text_gives_the_same_c_string() {
        let a = c("taxe régionale");
        let b = c("taxe régionale");
        assert_eq!(a, b);
        // SAFETY: NUL-terminated, static.
        assert_eq!(unsafe { CStr::from_ptr(a) }.to_str(), Ok("taxe régionale"));
        // Many texts (more than the slots): each one still comes back right.
        let texts: Vec<&'static str> = (0..300)
            .map(|i| &*Box::leak(format!("text {i}").into_boxed_str()))
            .collect();
        for _ in 0..2 {
            for t in &texts {
                // SAFETY: as above.
                assert_eq!(unsafe { CStr::from_ptr(c(t)) }.to_str(), Ok(*t));
            }
        }
    }
}
