//! Static texts of the core as C strings: the core's texts are `&'static str` without a NUL, the
//! typed results hand out `const char *` that the caller never frees. Each distinct text is
//! copied once per process into a NUL-terminated string that lives until the process ends (a few
//! dozen texts, about 4 KB: the process-wide cache the header describes), and found again by the
//! address of the core's text with an atomic load or two: the typed fee call allocates nothing
//! and takes no lock once every text it meets has been seen.

use std::ffi::{CString, c_char};
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// The C strings of a French text and its English counterpart (leaked: never freed).
struct Entry {
    fr_c: CString,
    en_c: CString,
}

/// One slot of the table: everything a lookup reads sits in one cache line, so a hit costs a
/// few independent loads and no pointer chasing. A slot is filled once, under the lock, and never
/// changes: `fr_key` is written last (release), so a reader that sees it sees the rest.
struct Slot {
    fr_key: AtomicUsize,
    en_key: AtomicUsize,
    fr: AtomicPtr<c_char>,
    en: AtomicPtr<c_char>,
}

/// An open-addressing table keyed by the texts' addresses and lengths.
const SLOTS: usize = 256;
/// Past this many entries, new texts are looked up under the lock only (never reached: the core
/// has a few dozen texts).
const FAST_LIMIT: usize = SLOTS / 2;

static TABLE: [Slot; SLOTS] = [const {
    Slot {
        fr_key: AtomicUsize::new(0),
        en_key: AtomicUsize::new(0),
        fr: AtomicPtr::new(std::ptr::null_mut()),
        en: AtomicPtr::new(std::ptr::null_mut()),
    }
}; SLOTS];

/// Every entry ever made with its keys, each made once; never freed (handed to callers).
static ALL: Mutex<Vec<(usize, usize, &'static Entry)>> = Mutex::new(Vec::new());

/// Address and length in one word: user-space addresses fit in 48 bits, and the core's texts are
/// shorter than 64 KiB (a longer one only shares a key with texts of the same address, and is
/// told apart under the lock).
pub(crate) fn key(text: &str) -> usize {
    (text.as_ptr() as usize) ^ (text.len() << 48)
}

fn home(key: usize) -> usize {
    // Fibonacci hashing: the top bits of the product are well mixed.
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - SLOTS.trailing_zeros())
}

/// The C strings (NUL-terminated, never freed) of a pair of static texts of the core, French and
/// English. A NUL inside a text (none exists in the core's texts) would end its C string there.
#[inline]
pub(crate) fn pair(fr: &'static str, en: &'static str) -> (*const c_char, *const c_char) {
    let (kf, ke) = (key(fr), key(en));
    let mut i = home(kf);
    loop {
        let slot = &TABLE[i];
        let k = slot.fr_key.load(Ordering::Acquire);
        if k == 0 {
            break;
        }
        if k == kf && slot.en_key.load(Ordering::Relaxed) == ke {
            return (
                slot.fr.load(Ordering::Relaxed).cast_const(),
                slot.en.load(Ordering::Relaxed).cast_const(),
            );
        }
        i = (i + 1) % SLOTS;
    }
    slow(fr, en, kf, ke)
}

/// The C string of one static text of the core.
pub(crate) fn one(text: &'static str) -> *const c_char {
    pair(text, text).0
}

fn c_string(text: &str) -> CString {
    let end = text.find('\0').unwrap_or(text.len());
    CString::new(&text[..end]).unwrap_or_default()
}

#[cold]
fn slow(
    fr: &'static str,
    en: &'static str,
    kf: usize,
    ke: usize,
) -> (*const c_char, *const c_char) {
    let mut all = ALL.lock().unwrap_or_else(PoisonError::into_inner);
    let same = |e: &Entry| e.fr_c.as_bytes() == fr.as_bytes() && e.en_c.as_bytes() == en.as_bytes();
    if let Some((_, _, e)) = all.iter().find(|(f, g, e)| *f == kf && *g == ke && same(e)) {
        return (e.fr_c.as_ptr(), e.en_c.as_ptr());
    }
    let entry: &'static Entry = Box::leak(Box::new(Entry {
        fr_c: c_string(fr),
        en_c: c_string(en),
    }));
    all.push((kf, ke, entry));
    if all.len() <= FAST_LIMIT && kf != 0 {
        // Slots are only filled under the lock: the first empty slot of the probe sequence.
        let mut i = home(kf);
        while TABLE[i].fr_key.load(Ordering::Acquire) != 0 {
            i = (i + 1) % SLOTS;
        }
        let slot = &TABLE[i];
        slot.fr
            .store(entry.fr_c.as_ptr().cast_mut(), Ordering::Relaxed);
        slot.en
            .store(entry.en_c.as_ptr().cast_mut(), Ordering::Relaxed);
        slot.en_key.store(ke, Ordering::Relaxed);
        slot.fr_key.store(kf, Ordering::Release);
    }
    (entry.fr_c.as_ptr(), entry.en_c.as_ptr())
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    fn c(text: &'static str) -> *const c_char {
        one(text)
    }

    #[test]
    fn the_same_text_gives_the_same_c_string() {
        let a = c("taxe régionale");
        let b = c("taxe régionale");
        assert_eq!(a, b);
        // SAFETY: NUL-terminated, static.
        assert_eq!(unsafe { CStr::from_ptr(a) }.to_str(), Ok("taxe régionale"));
        let (fr, en) = pair("taxe", "tax");
        // SAFETY: NUL-terminated, static.
        assert_eq!(
            unsafe { (CStr::from_ptr(fr), CStr::from_ptr(en)) },
            (c"taxe", c"tax")
        );
        assert_eq!(pair("taxe", "tax"), (fr, en));
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
