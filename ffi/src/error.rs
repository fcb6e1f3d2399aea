//! [`duplicata_error`]: the error object of a failed call, and its accessors.

use std::ffi::{CStr, CString, c_char};

use duplicata_core::Error;

use crate::boundary::catch_or;
use crate::duplicata_bool;
use crate::sized::{Versioned, out_size, write_out};
use crate::status::duplicata_status;

/// The error of a failed call: a stable code, the field concerned, messages in French and English
/// and, for a rejected parameter file, every problem found. Owned by the caller, freed by
/// `duplicata_error_free`; the strings read from it live as long as it does.
pub struct duplicata_error {
    status: duplicata_status,
    error: Error,
    code: CString,
    field: Option<CString>,
    message_fr: CString,
    message_en: CString,
    json: CString,
    problems: Vec<ProblemText>,
}

#[derive(Debug)]
struct ProblemText {
    code: CString,
    path: CString,
    line: u32,
    column: u32,
    message_fr: CString,
    message_en: CString,
}

impl std::fmt::Debug for duplicata_error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("duplicata_error")
            .field("status", &self.status)
            .field("error", &self.error)
            .finish()
    }
}

/// A C string of `s`; a NUL inside (quoted user input) is written `\u0000`.
pub(crate) fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\\u0000")).unwrap_or_default()
}

impl duplicata_error {
    pub(crate) fn new(status: duplicata_status, error: Error) -> Self {
        let problems = error
            .problems()
            .iter()
            .map(|p| ProblemText {
                code: c_string(p.code),
                path: c_string(&p.path),
                line: p.line,
                column: p.column,
                message_fr: c_string(&p.message_fr),
                message_en: c_string(&p.message_en),
            })
            .collect();
        duplicata_error {
            status,
            code: c_string(error.code()),
            field: error.field().map(c_string),
            message_fr: c_string(error.message_fr()),
            message_en: c_string(error.message_en()),
            json: c_string(&error.to_json()),
            problems,
            error,
        }
    }

    /// The core error.
    pub fn core(&self) -> &Error {
        &self.error
    }

    /// The status the failed call returned.
    pub fn status(&self) -> duplicata_status {
        self.status
    }
}

/// Reads an error the caller passed; NULL gives `None`.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
unsafe fn borrow<'a>(err: *const duplicata_error) -> Option<&'a duplicata_error> {
    // SAFETY: guaranteed by the caller.
    unsafe { err.as_ref() }
}

/// English when `lang` is `"en"` (any case), French otherwise (NULL included).
///
/// # Safety
/// `lang` is NULL or a NUL-terminated string.
pub(crate) unsafe fn is_english(lang: *const c_char) -> bool {
    // SAFETY: guaranteed by the caller.
    !lang.is_null()
        && unsafe { CStr::from_ptr(lang) }
            .to_bytes()
            .eq_ignore_ascii_case(b"en")
}

/// The stable machine code of the error, e.g. `"plate.invalid_format"`; NULL if `err` is NULL.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_code(err: *const duplicata_error) -> *const c_char {
    catch_or(std::ptr::null(), || {
        // SAFETY: guaranteed by the caller.
        unsafe { borrow(err) }.map_or(std::ptr::null(), |e| e.code.as_ptr())
    })
}

/// The message of the error in `lang`: `"fr"` or `"en"` (NULL or anything else gives French, the
/// language of the law). One line, lowercase, user input quoted. NULL if `err` is NULL.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet; `lang` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_message(
    err: *const duplicata_error,
    lang: *const c_char,
) -> *const c_char {
    catch_or(std::ptr::null(), || {
        // SAFETY: guaranteed by the caller.
        let Some(e) = (unsafe { borrow(err) }) else {
            return std::ptr::null();
        };
        // SAFETY: guaranteed by the caller.
        if unsafe { is_english(lang) } {
            e.message_en.as_ptr()
        } else {
            e.message_fr.as_ptr()
        }
    })
}

/// The field path the error concerns, e.g. `"vehicle.plate"`; NULL if none (or if `err` is NULL).
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_field(err: *const duplicata_error) -> *const c_char {
    catch_or(std::ptr::null(), || {
        // SAFETY: guaranteed by the caller.
        unsafe { borrow(err) }
            .and_then(|e| e.field.as_ref())
            .map_or(std::ptr::null(), |f| f.as_ptr())
    })
}

/// The status of the call that produced the error; `DUPLICATA_STATUS_NULL_ARGUMENT` if `err` is NULL.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_status(err: *const duplicata_error) -> duplicata_status {
    catch_or(duplicata_status::Panic, || {
        // SAFETY: guaranteed by the caller.
        unsafe { borrow(err) }.map_or(duplicata_status::NullArgument, |e| e.status)
    })
}

/// The error as the JSON object every surface prints, `{"error":{"code":...}}`, byte for byte what
/// the core's `Error::to_json` gives. NULL if `err` is NULL.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_json(err: *const duplicata_error) -> *const c_char {
    catch_or(std::ptr::null(), || {
        // SAFETY: guaranteed by the caller.
        unsafe { borrow(err) }.map_or(std::ptr::null(), |e| e.json.as_ptr())
    })
}

/// One problem of a rejected parameter file. The strings are borrowed from the error. Set `size`
/// before the call (`DUPLICATA_INIT(problem)`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct duplicata_problem {
    /// `sizeof(duplicata_problem)` as the caller's header declares it; the bytes written.
    pub size: usize,
    /// Stable code, e.g. `"params.overlap"`.
    pub code: *const c_char,
    /// Where in the file's structure, e.g. `"zone[NAQ].rates[2]"`.
    pub path: *const c_char,
    /// 1-based line of the offending entry (0 when unknown).
    pub line: u32,
    /// 1-based column of the offending entry (0 when unknown).
    pub column: u32,
    /// The message in the language asked for.
    pub message: *const c_char,
}

impl Versioned for duplicata_problem {
    const MIN_SIZE: usize = 40;
    const NAME: &'static str = "duplicata_problem";
    fn set_size(&mut self, size: usize) {
        self.size = size;
    }
}

/// How many problems the error lists (those of a rejected parameter file); 0 for any other error
/// and for NULL.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_problem_count(err: *const duplicata_error) -> usize {
    catch_or(0, || {
        // SAFETY: guaranteed by the caller.
        unsafe { borrow(err) }.map_or(0, |e| e.problems.len())
    })
}

/// Writes problem `index` (from 0) to `*out`, its message in `lang` (`"fr"` or `"en"`), and returns
/// 1; returns 0 and writes nothing if `err` or `out` is NULL, `out->size` is not set (see
/// `DUPLICATA_INIT`) or `index` is past the end.
///
/// # Safety
/// `err` is NULL or an error returned by the library and not freed yet; `lang` is NULL or a
/// NUL-terminated string; `out` is NULL or points to writable memory for one `duplicata_problem`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_problem(
    err: *const duplicata_error,
    index: usize,
    lang: *const c_char,
    out: *mut duplicata_problem,
) -> duplicata_bool {
    catch_or(0, || {
        // SAFETY: guaranteed by the caller.
        let Some(p) = (unsafe { borrow(err) }).and_then(|e| e.problems.get(index)) else {
            return 0;
        };
        if out.is_null() {
            return 0;
        }
        // SAFETY: `out` is not NULL and points to a struct with its size (caller's guarantee).
        let Ok(n) = (unsafe { out_size(out, "out") }) else {
            return 0;
        };
        // SAFETY: guaranteed by the caller.
        let message = if unsafe { is_english(lang) } {
            &p.message_en
        } else {
            &p.message_fr
        };
        let problem = duplicata_problem {
            size: std::mem::size_of::<duplicata_problem>(),
            code: p.code.as_ptr(),
            path: p.path.as_ptr(),
            line: p.line,
            column: p.column,
            message: message.as_ptr(),
        };
        // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
        unsafe { write_out(out, problem, n) };
        1
    })
}

/// Frees an error. NULL does nothing.
///
/// # Safety
/// `err` is NULL or an error returned by the library, not freed yet; the strings read from it are
/// invalid afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_error_free(err: *mut duplicata_error) {
    catch_or((), || {
        if !err.is_null() {
            // SAFETY: made by `Box::into_raw` in this library, freed once (caller's guarantee).
            drop(unsafe { Box::from_raw(err) });
        }
    });
}
