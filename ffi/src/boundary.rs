//! The panic boundary every exported function runs in, and the conversion of a failure into a
//! status and an error object.

use std::panic::{AssertUnwindSafe, catch_unwind};

use duplicata_core::{Error, ErrorKind};

use crate::error::duplicata_error;
use crate::status::duplicata_status;

/// Why a call failed: its status and the error given to the caller.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: duplicata_status,
    // Boxed: the failure travels in every `Result` of the boundary, and is rare.
    pub(crate) error: Box<Error>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            status: duplicata_status::of_kind(error.kind()),
            error: Box::new(error),
        }
    }
}

impl Failure {
    fn new(
        status: duplicata_status,
        kind: ErrorKind,
        code: &'static str,
        field: &str,
        fr: String,
        en: String,
    ) -> Self {
        Failure {
            status,
            error: Box::new(Error::new(kind, code, Some(field), fr, en)),
        }
    }

    /// A required pointer was NULL.
    pub(crate) fn null(argument: &str) -> Self {
        Failure::new(
            duplicata_status::NullArgument,
            ErrorKind::InvalidRequest,
            "ffi.null_argument",
            argument,
            format!("l'argument « {argument} » est NULL"),
            format!("argument '{argument}' is NULL"),
        )
    }

    /// A string is not UTF-8.
    pub(crate) fn utf8(argument: &str, e: std::str::Utf8Error) -> Self {
        let at = e.valid_up_to();
        Failure::new(
            duplicata_status::InvalidUtf8,
            ErrorKind::InvalidRequest,
            "ffi.invalid_utf8",
            argument,
            format!("« {argument} » n'est pas de l'UTF-8 valide (octet {at})"),
            format!("'{argument}' is not valid UTF-8 (byte {at})"),
        )
    }

    /// The request buffer holds a NUL byte.
    pub(crate) fn embedded_nul(argument: &str, at: usize) -> Self {
        Failure::new(
            duplicata_status::EmbeddedNul,
            ErrorKind::InvalidRequest,
            "ffi.embedded_nul",
            argument,
            format!("« {argument} » contient un octet NUL (octet {at})"),
            format!("'{argument}' contains a NUL byte (byte {at})"),
        )
    }

    /// A typed argument has no meaning (an enum value out of its list).
    pub(crate) fn invalid_argument(field: &str, value: u32, expected: &str) -> Self {
        Failure::new(
            duplicata_status::InvalidArgument,
            ErrorKind::InvalidRequest,
            "ffi.invalid_argument",
            field,
            format!("valeur {value} invalide pour « {field} » (attendu : {expected})"),
            format!("invalid value {value} for '{field}' (expected {expected})"),
        )
    }

    /// The `size` of a struct is below its first layout or absurd.
    pub(crate) fn invalid_size(argument: &str, name: &str, size: usize, min: usize) -> Self {
        Failure::new(
            duplicata_status::InvalidArgument,
            ErrorKind::InvalidRequest,
            "ffi.invalid_size",
            argument,
            format!(
                "taille {size} invalide pour « {argument} » ({name}) : au moins {min} octets, \
                 initialisez la structure avec DUPLICATA_INIT"
            ),
            format!(
                "invalid size {size} for '{argument}' ({name}): at least {min} bytes, initialise \
                 the struct with DUPLICATA_INIT"
            ),
        )
    }

    /// A newer caller set a field this library does not know.
    pub(crate) fn unknown_fields(argument: &str, name: &str, size: usize, known: usize) -> Self {
        Failure::new(
            duplicata_status::InvalidArgument,
            ErrorKind::InvalidRequest,
            "ffi.invalid_size",
            argument,
            format!(
                "« {argument} » ({name}, {size} octets) renseigne un champ que cette version de la \
                 bibliothèque ne connaît pas (elle en connaît {known} octets)"
            ),
            format!(
                "'{argument}' ({name}, {size} bytes) sets a field this version of the library does \
                 not know (it knows {known} bytes)"
            ),
        )
    }

    /// A name that is not one of the contract's names for an enum.
    pub(crate) fn unknown_name(field: &str, name: &str, expected: &str) -> Self {
        let shown: String = name.chars().take(64).collect();
        Failure::new(
            duplicata_status::UnknownName,
            ErrorKind::InvalidRequest,
            "ffi.unknown_name",
            field,
            format!("nom inconnu « {shown} » pour « {field} » (attendu : {expected})"),
            format!("unknown name '{shown}' for '{field}' (expected one of {expected})"),
        )
    }

    /// A date that does not exist.
    pub(crate) fn invalid_date(field: &str, year: i32, month: u32, day: u32) -> Self {
        Failure::new(
            duplicata_status::InvalidArgument,
            ErrorKind::InvalidRequest,
            "request.invalid_date",
            field,
            format!(
                "date invalide pour « {field} » : {year}-{month:02}-{day:02} n'existe pas ou est hors du 1900-01-01 au 2099-12-31"
            ),
            format!(
                "invalid date for '{field}': {year}-{month:02}-{day:02} does not exist or is outside 1900-01-01 to 2099-12-31"
            ),
        )
    }

    /// A panic caught at the boundary.
    pub(crate) fn panic() -> Self {
        Failure {
            status: duplicata_status::Panic,
            error: Box::new(Error::new(
                ErrorKind::Internal,
                "internal.panic",
                None,
                "erreur interne de la bibliothèque (panique interceptée)",
                "internal error of the library (caught panic)",
            )),
        }
    }

    /// A result the library could not hand over (never expected).
    pub(crate) fn internal(what: &str) -> Self {
        Failure {
            status: duplicata_status::Internal,
            error: Box::new(Error::new(
                ErrorKind::Internal,
                "internal.output",
                None,
                format!("erreur interne : {what}"),
                format!("internal error: {what}"),
            )),
        }
    }
}

/// Runs `f` inside the panic boundary. On failure, writes a new error to `*err` (when `err` is not
/// NULL) and returns the failure's status; a panic becomes `DUPLICATA_STATUS_PANIC`.
pub(crate) fn run(
    err: *mut *mut duplicata_error,
    f: impl FnOnce() -> Result<(), Failure>,
) -> duplicata_status {
    let outcome = catch_unwind(AssertUnwindSafe(|| match f() {
        Ok(()) => duplicata_status::Ok,
        Err(failure) => give(err, failure),
    }));
    match outcome {
        Ok(status) => status,
        Err(_) => {
            // Building the error may itself fail only if memory is exhausted; the status stands.
            let _ = catch_unwind(AssertUnwindSafe(|| give(err, Failure::panic())));
            duplicata_status::Panic
        }
    }
}

/// Runs a function without a status inside the panic boundary; a panic gives `default`.
pub(crate) fn catch_or<T>(default: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(default)
}

fn give(err: *mut *mut duplicata_error, failure: Failure) -> duplicata_status {
    let status = failure.status;
    if !err.is_null() {
        let boxed = Box::into_raw(Box::new(duplicata_error::new(status, *failure.error)));
        // SAFETY: `err` is not NULL and points to a `duplicata_error *` the caller owns.
        unsafe { err.write(boxed) };
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_an_error() {
        let mut err: *mut duplicata_error = std::ptr::null_mut();
        let status = run(&mut err, || panic!("deliberate"));
        assert_eq!(status, duplicata_status::Panic);
        assert!(!err.is_null());
        // SAFETY: `err` was just written by `run`.
        let e = unsafe { &*err };
        assert_eq!(e.core().code(), "internal.panic");
        assert_eq!(e.status(), duplicata_status::Panic);
        // SAFETY: `err` is owned here and freed once.
        unsafe { crate::error::duplicata_error_free(err) };
        // Without an error pointer the status alone comes back.
        assert_eq!(
            run(std::ptr::null_mut(), || panic!("deliberate")),
            duplicata_status::Panic
        );
        assert_eq!(catch_or(7, || panic!("deliberate")), 7);
    }

    #[test]
    fn success_leaves_err_untouched() {
        let mut err: *mut duplicata_error = std::ptr::null_mut();
        assert_eq!(run(&mut err, || Ok(())), duplicata_status::Ok);
        assert!(err.is_null());
    }
}
