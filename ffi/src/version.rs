//! The version of the library, as macros of the header and as a call.
//!
//! # Compatibility promise (the same text is in `include/duplicata.h`)
//!
//! The library follows semantic versioning on its C ABI, from 0.1.0 on (major version 0
//! included). The shared library is `libduplicata.so.MAJOR` (its SONAME), file
//! `libduplicata.so.MAJOR.MINOR.PATCH`.
//! - A **patch** version fixes bugs: same functions, same structs, same values.
//! - A **minor** version may add functions, enum values at the end of an enum, statuses, error
//!   codes, and fields at the end of a struct that carries its `size`. A program built against
//!   an older header of the same major version runs unchanged against it.
//! - Only a **major** version may remove or rename a function, change a parameter, reorder or
//!   remove a struct field, change an enum value or change the meaning of a status. It changes
//!   the SONAME, so an old program never loads an incompatible library.

/// The major version: only it may break the ABI (it is the SONAME's number).
pub const DUPLICATA_VERSION_MAJOR: u32 = 0;
/// The minor version: additions only.
pub const DUPLICATA_VERSION_MINOR: u32 = 1;
/// The patch version: fixes only.
pub const DUPLICATA_VERSION_PATCH: u32 = 0;
/// `MAJOR * 1000000 + MINOR * 1000 + PATCH` (1.2.3 is 1002003): compare it with
/// `duplicata_version_number()` to check at run time that the library is at least as new as the
/// header a program was built with.
pub const DUPLICATA_VERSION_NUMBER: u32 = 1000;

const fn parse(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        assert!(b[i].is_ascii_digit(), "a version number is digits");
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    n
}

// The macros follow the package's version: a release that changes one without the other does not
// compile.
const _: () = assert!(parse(env!("CARGO_PKG_VERSION_MAJOR")) == DUPLICATA_VERSION_MAJOR);
const _: () = assert!(parse(env!("CARGO_PKG_VERSION_MINOR")) == DUPLICATA_VERSION_MINOR);
const _: () = assert!(parse(env!("CARGO_PKG_VERSION_PATCH")) == DUPLICATA_VERSION_PATCH);
const _: () = assert!(
    DUPLICATA_VERSION_NUMBER
        == DUPLICATA_VERSION_MAJOR * 1_000_000
            + DUPLICATA_VERSION_MINOR * 1000
            + DUPLICATA_VERSION_PATCH
);

/// The version of the library that is running, as `DUPLICATA_VERSION_NUMBER` gives it
/// (`MAJOR * 1000000 + MINOR * 1000 + PATCH`). A program built with a header of the same major
/// version runs against any library whose number is at least the header's.
#[unsafe(no_mangle)]
pub extern "C" fn duplicata_version_number() -> u32 {
    DUPLICATA_VERSION_NUMBER
}
