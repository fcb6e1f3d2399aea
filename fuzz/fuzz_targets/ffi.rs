//! The C entry points, called from Rust as a C program would: any bytes as a request buffer (NUL
//! bytes and invalid UTF-8 included), a plate, a department and date, a typed fee query, or a
//! parameter file to reload. Each call returns a status, writes its output only on success, and
//! its error reads back through every accessor; nothing panics, leaks or touches freed memory
//! (AddressSanitizer).
//!
//! The first byte chooses the entry point; the rest is its input.
#![no_main]

use std::ffi::{CStr, CString, c_char};
use std::io::Write;
use std::ptr;
use std::sync::LazyLock;

use duplicata::engine::*;
use duplicata::error::*;
use duplicata::status::duplicata_status;
use duplicata::typed::*;
use duplicata::{duplicata_string_free, duplicata_version};
use libfuzzer_sys::fuzz_target;

const KNOWN: &str = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss","holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#;

/// An engine shared by every run, as a C host keeps one.
struct Shared(*mut duplicata_engine);
// SAFETY: the C ABI documents an engine as usable from any thread.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

static ENGINE: LazyLock<Shared> = LazyLock::new(|| {
    let mut e = ptr::null_mut();
    // SAFETY: valid out pointer; NULL err.
    let status = unsafe { duplicata_engine_new(&mut e, ptr::null_mut()) };
    assert_eq!(status, duplicata_status::Ok);
    Shared(e)
});

/// Reads every accessor of an error (both languages, the JSON, each problem), then frees it.
unsafe fn check_error(err: *mut duplicata_error, status: duplicata_status) {
    assert!(!err.is_null(), "a failure gives an error");
    unsafe {
        assert_eq!(duplicata_error_status(err), status);
        let code = CStr::from_ptr(duplicata_error_code(err))
            .to_str()
            .expect("code");
        assert!(!code.is_empty());
        assert_ne!(code, "internal.panic", "a panic inside the library");
        for lang in [c"fr", c"en", c"xx"] {
            let m = duplicata_error_message(err, lang.as_ptr());
            assert!(!m.is_null());
        }
        let _ = duplicata_error_message(err, ptr::null());
        let f = duplicata_error_field(err);
        if !f.is_null() {
            CStr::from_ptr(f).to_str().expect("field");
        }
        let json = CStr::from_ptr(duplicata_error_json(err))
            .to_str()
            .expect("json");
        let v: serde_json::Value = serde_json::from_str(json).expect("error JSON");
        assert_eq!(v["error"]["code"], code);
        let n = duplicata_error_problem_count(err);
        // Sized structs: zeroed, then `size` set, as DUPLICATA_INIT does in C.
        let mut p: duplicata_problem = std::mem::zeroed();
        p.size = std::mem::size_of::<duplicata_problem>();
        for i in 0..n {
            assert!(duplicata_error_problem(err, i, c"en".as_ptr(), &mut p) != 0);
            CStr::from_ptr(p.code).to_str().expect("problem code");
            CStr::from_ptr(p.message).to_str().expect("problem message");
        }
        assert!(duplicata_error_problem(err, n, ptr::null(), &mut p) == 0);
        duplicata_error_free(err);
    }
}

/// Takes a string the library handed over, checks it is JSON, frees it.
unsafe fn take_json(s: *mut c_char) -> serde_json::Value {
    assert!(!s.is_null());
    let v =
        serde_json::from_str(unsafe { CStr::from_ptr(s) }.to_str().expect("UTF-8")).expect("JSON");
    unsafe { duplicata_string_free(s) };
    v
}

/// Text up to the first NUL, as a C string.
fn c_string(b: &[u8]) -> CString {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).expect("no NUL")
}

fn date_of(b: &[u8]) -> duplicata_date {
    let word = |i: usize| {
        let mut w = [0u8; 4];
        for (k, slot) in w.iter_mut().enumerate() {
            *slot = b.get(i + k).copied().unwrap_or(0);
        }
        w
    };
    duplicata_date {
        // Mostly near the engine's period, sometimes anything at all.
        year: if b.first().is_some_and(|&x| x & 1 == 1) {
            i32::from_le_bytes(word(1))
        } else {
            2000 + i32::from(b.get(1).copied().unwrap_or(0) % 40)
        },
        month: if b.first().is_some_and(|&x| x & 2 == 2) {
            u32::from_le_bytes(word(5))
        } else {
            u32::from(b.get(5).copied().unwrap_or(1) % 13)
        },
        day: u32::from(b.get(6).copied().unwrap_or(1) % 33),
    }
}

const CATEGORIES: [duplicata_category; 7] = [
    duplicata_category::Car,
    duplicata_category::Utility,
    duplicata_category::Motorhome,
    duplicata_category::Motorcycle,
    duplicata_category::MotorcycleLe_125,
    duplicata_category::MopedLe_50,
    duplicata_category::Other,
];
const ENERGIES: [duplicata_energy; 9] = [
    duplicata_energy::Petrol,
    duplicata_energy::Diesel,
    duplicata_energy::Electric,
    duplicata_energy::Hydrogen,
    duplicata_energy::Hybrid,
    duplicata_energy::Lpg,
    duplicata_energy::Cng,
    duplicata_energy::E85,
    duplicata_energy::Other,
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let engine = ENGINE.0;
    let mut err: *mut duplicata_error = ptr::null_mut();
    // SAFETY: every pointer passed is NULL or valid for the call, as the header requires.
    unsafe {
        assert!(!duplicata_version().is_null());
        match which % 6 {
            0 => {
                let mut out = ptr::null_mut();
                let s = duplicata_engine_evaluate_json(
                    engine,
                    rest.as_ptr().cast(),
                    rest.len(),
                    &mut out,
                    &mut err,
                );
                if s == duplicata_status::Ok {
                    assert!(err.is_null());
                    assert!(take_json(out).is_object());
                } else {
                    assert!(out.is_null(), "no output on failure");
                    check_error(err, s);
                }
            }
            1 => {
                let input = c_string(rest);
                let mut out = std::mem::MaybeUninit::<duplicata_plate>::uninit();
                let s = duplicata_parse_plate(input.as_ptr(), out.as_mut_ptr(), &mut err);
                if s == duplicata_status::Ok {
                    let p = out.assume_init();
                    let n = CStr::from_ptr(p.normalized.as_ptr())
                        .to_str()
                        .expect("plate");
                    assert!(!n.is_empty());
                    CStr::from_ptr(p.department.as_ptr())
                        .to_str()
                        .expect("department");
                } else {
                    check_error(err, s);
                }
            }
            2 | 3 => {
                let (d, dept) = rest.split_at(rest.len().min(7));
                let dept = c_string(dept);
                let date = date_of(d);
                if which % 6 == 2 {
                    let mut out = ptr::null_mut();
                    let s =
                        duplicata_engine_rate_json(engine, dept.as_ptr(), date, &mut out, &mut err);
                    if s == duplicata_status::Ok {
                        take_json(out);
                    } else {
                        assert!(out.is_null());
                        check_error(err, s);
                    }
                } else {
                    let mut out = std::mem::MaybeUninit::<duplicata_rate>::uninit();
                    let s = duplicata_engine_rate(
                        engine,
                        dept.as_ptr(),
                        date,
                        out.as_mut_ptr(),
                        &mut err,
                    );
                    if s != duplicata_status::Ok {
                        check_error(err, s);
                    }
                }
            }
            4 => {
                // date (7 bytes), category, energy, flags, then "department\0plate".
                let (head, tail) = rest.split_at(rest.len().min(10));
                let byte = |i: usize| head.get(i).copied().unwrap_or(0);
                let mut parts = tail.splitn(2, |&b| b == 0);
                let dept = c_string(parts.next().unwrap_or(b""));
                let plate = c_string(parts.next().unwrap_or(b""));
                let query = duplicata_fee_query {
                    size: std::mem::size_of::<duplicata_fee_query>(),
                    date: date_of(head),
                    department: if byte(9) & 1 == 1 {
                        ptr::null()
                    } else {
                        dept.as_ptr()
                    },
                    plate: if byte(9) & 2 == 2 {
                        ptr::null()
                    } else {
                        plate.as_ptr()
                    },
                    category: CATEGORIES[usize::from(byte(7)) % CATEGORIES.len()],
                    energy: ENERGIES[usize::from(byte(8)) % ENERGIES.len()],
                    change_of_address: u8::from(byte(9) & 4 == 4),
                    natural_disaster: u8::from(byte(9) & 8 == 8),
                };
                let mut f: duplicata_fees = std::mem::zeroed();
                f.size = std::mem::size_of::<duplicata_fees>();
                let s = duplicata_engine_fees(engine, &query, &mut f, &mut err);
                if s == duplicata_status::Ok {
                    if f.total.known != 0 {
                        assert!(f.total.cents >= 0, "a fee is never negative");
                    }
                } else {
                    check_error(err, s);
                }
            }
            _ => {
                // A parameter file given to a fresh engine through the C loader, then reloaded into
                // it: a rejected file leaves the engine answering as before.
                let mut own = ptr::null_mut();
                assert_eq!(
                    duplicata_engine_new(&mut own, ptr::null_mut()),
                    duplicata_status::Ok
                );
                let path = std::env::temp_dir()
                    .join(format!("duplicata-fuzz-{}.toml", std::process::id()));
                std::fs::File::create(&path)
                    .and_then(|mut f| f.write_all(rest))
                    .expect("temp file");
                let cpath = CString::new(path.to_str().expect("path")).expect("path");
                let s = duplicata_engine_reload(own, cpath.as_ptr(), &mut err);
                let mut out = ptr::null_mut();
                let e = duplicata_engine_evaluate_json(
                    own,
                    KNOWN.as_ptr().cast(),
                    KNOWN.len(),
                    &mut out,
                    ptr::null_mut(),
                );
                if s == duplicata_status::Ok {
                    if e == duplicata_status::Ok {
                        take_json(out);
                    }
                } else {
                    check_error(err, s);
                    assert_eq!(e, duplicata_status::Ok, "a rejected file changes nothing");
                    let v = take_json(out);
                    assert_eq!(v["fees"]["total"], "47.76", "the reference answer is kept");
                }
                let mut from_file = ptr::null_mut();
                let mut err2 = ptr::null_mut();
                let s2 = duplicata_engine_from_file(cpath.as_ptr(), &mut from_file, &mut err2);
                assert_eq!(
                    s2 == duplicata_status::Ok,
                    s == duplicata_status::Ok,
                    "load and reload agree"
                );
                if s2 == duplicata_status::Ok {
                    duplicata_engine_free(from_file);
                } else {
                    check_error(err2, s2);
                }
                duplicata_engine_free(own);
                let _ = std::fs::remove_file(&path);
            }
        }
    }
});
