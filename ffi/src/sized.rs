//! Structs that carry their size, so that the ABI can grow: a program built against an older
//! header passes a smaller struct, one built against a newer header a larger one.
//!
//! Every struct the caller allocates (`duplicata_fee_query`, `duplicata_fees`, `duplicata_plate`,
//! `duplicata_rate`, `duplicata_problem`) starts with `size_t size`, set by the caller to
//! `sizeof` the struct as its header declares it (`DUPLICATA_INIT`).
//! - **Inputs** are read up to `size` bytes; fields past it take their zero value (NULL, 0, false).
//!   Bytes past the library's own struct must be zero: a field this library does not know cannot
//!   be set (status `DUPLICATA_STATUS_INVALID_ARGUMENT`, code `ffi.invalid_size`).
//! - **Outputs** are written up to `size` bytes and no further; on success `size` holds the number
//!   of bytes written, so a newer caller sees which of its fields an older library filled.
//! - A size below the first published layout (`MIN_SIZE`) is refused, so is one over
//!   [`MAX_SIZE`] (an uninitialised field, most likely).
//!
//! Growth rule for the library: a new field starts at or after the old `sizeof` (never in the tail
//! padding of the old layout), and `MIN_SIZE` never changes.

use std::mem::{MaybeUninit, size_of};

use crate::boundary::Failure;

/// Larger sizes are refused as a caller's mistake (an uninitialised `size`).
pub(crate) const MAX_SIZE: usize = 4096;

/// A struct that starts with its size.
pub(crate) trait Versioned: Copy {
    /// The `sizeof` of the first published layout (0.1.0): never changes.
    const MIN_SIZE: usize;
    /// The C name, for error messages.
    const NAME: &'static str;
    fn set_size(&mut self, size: usize);
}

/// The `size` a caller put at the start of its struct, checked.
///
/// # Safety
/// `p` is not NULL and points to at least one readable `usize`.
unsafe fn caller_size<T: Versioned>(p: *const T, argument: &str) -> Result<usize, Failure> {
    // SAFETY: guaranteed by the caller.
    let size = unsafe { p.cast::<usize>().read_unaligned() };
    if size < T::MIN_SIZE || size > MAX_SIZE {
        return Err(Failure::invalid_size(argument, T::NAME, size, T::MIN_SIZE));
    }
    Ok(size)
}

/// A caller's input struct, checked: read in place when it has every field this library knows
/// (the usual case: no copy), or copied with zeros past its `size` when it comes from an older
/// header.
#[derive(Debug)]
pub(crate) enum Input<T> {
    Whole(*const T),
    Older(MaybeUninit<T>),
}

impl<T> Input<T> {
    /// The struct to read fields from (raw memory: fields are read as plain integers or pointers,
    /// never as Rust enums).
    pub(crate) fn as_ptr(&self) -> *const T {
        match self {
            Input::Whole(p) => *p,
            Input::Older(copy) => copy.as_ptr(),
        }
    }
}

/// Checks the caller's input struct: its `size`, and that a newer caller set no field this library
/// does not know (bytes past the library's struct are zero).
///
/// # Safety
/// `p` is not NULL and readable for the `size` it declares.
pub(crate) unsafe fn read_in<T: Versioned>(
    p: *const T,
    argument: &str,
) -> Result<Input<T>, Failure> {
    // SAFETY: guaranteed by the caller.
    let size = unsafe { caller_size(p, argument) }?;
    let known = size_of::<T>();
    if size >= known {
        // SAFETY: the caller's struct is readable for `size` bytes.
        let tail = unsafe { std::slice::from_raw_parts(p.cast::<u8>().add(known), size - known) };
        if tail.iter().any(|&b| b != 0) {
            return Err(Failure::unknown_fields(argument, T::NAME, size, known));
        }
        return Ok(Input::Whole(p));
    }
    let mut copy = MaybeUninit::<T>::zeroed();
    // SAFETY: `size` bytes are readable at `p` and writable in `copy` (`size < known`).
    unsafe {
        std::ptr::copy_nonoverlapping(p.cast::<u8>(), copy.as_mut_ptr().cast::<u8>(), size);
    }
    Ok(Input::Older(copy))
}

/// Checks the caller's output struct before anything is computed; returns the bytes to write.
///
/// # Safety
/// `out` is not NULL and points to at least one readable `usize`.
pub(crate) unsafe fn out_size<T: Versioned>(
    out: *const T,
    argument: &str,
) -> Result<usize, Failure> {
    // SAFETY: guaranteed by the caller.
    let size = unsafe { caller_size(out, argument) }?;
    Ok(size.min(size_of::<T>()))
}

/// Writes `value` to the caller's struct, `n` bytes (from [`out_size`]), with `size` set to `n`.
///
/// # Safety
/// `out` is not NULL and writable for `n` bytes.
pub(crate) unsafe fn write_out<T: Versioned>(out: *mut T, mut value: T, n: usize) {
    value.set_size(n);
    if n == size_of::<T>() {
        // SAFETY: the whole struct is writable (caller's guarantee).
        unsafe { out.write_unaligned(value) };
    } else {
        // SAFETY: `n` bytes are writable at `out` (caller's guarantee) and readable in `value`.
        unsafe {
            std::ptr::copy_nonoverlapping((&raw const value).cast::<u8>(), out.cast::<u8>(), n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct of a later version: `b` was appended after the first layout.
    #[repr(C)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Grown {
        size: usize,
        a: u64,
        b: u64,
    }

    impl Versioned for Grown {
        const MIN_SIZE: usize = 16;
        const NAME: &'static str = "grown";
        fn set_size(&mut self, size: usize) {
            self.size = size;
        }
    }

    #[repr(C)]
    #[derive(Clone, Copy)]
    struct Newer {
        old: Grown,
        c: u64,
    }

    #[test]
    fn an_older_caller_gets_only_its_fields() {
        // An older caller: only `size` and `a` (16 bytes), then memory of its own.
        let mut buf = [0xAAu8; 24];
        buf[..8].copy_from_slice(&16usize.to_ne_bytes());
        let out = buf.as_mut_ptr().cast::<Grown>();
        // SAFETY: 24 writable bytes.
        let n = unsafe { out_size(out, "out") }.expect("size accepted");
        assert_eq!(n, 16);
        // SAFETY: as above.
        unsafe {
            write_out(
                out,
                Grown {
                    size: 0,
                    a: 7,
                    b: 9,
                },
                n,
            )
        };
        assert_eq!(&buf[..8], &16usize.to_ne_bytes());
        assert_eq!(&buf[8..16], &7u64.to_ne_bytes());
        assert_eq!(
            &buf[16..],
            &[0xAA; 8],
            "the library wrote past the caller's struct"
        );
        // Its input: `b` takes its zero value.
        // SAFETY: 16 readable bytes declared.
        let input = unsafe { read_in(buf.as_ptr().cast::<Grown>(), "query") }.expect("read");
        assert!(matches!(input, Input::Older(_)));
        // SAFETY: zeroed then filled: every field initialised.
        let copy = unsafe { input.as_ptr().read() };
        assert_eq!((copy.a, copy.b), (7, 0));
    }

    #[test]
    fn a_newer_caller_gets_the_size_written_and_cannot_set_unknown_fields() {
        let mut newer = Newer {
            old: Grown {
                size: size_of::<Newer>(),
                a: 0,
                b: 0,
            },
            c: 0,
        };
        let out = (&raw mut newer).cast::<Grown>();
        // SAFETY: the struct is larger than `Grown`.
        let n = unsafe { out_size(out, "out") }.expect("size accepted");
        // SAFETY: as above.
        unsafe {
            write_out(
                out,
                Grown {
                    size: 0,
                    a: 1,
                    b: 2,
                },
                n,
            )
        };
        assert_eq!(
            newer.old,
            Grown {
                size: 24,
                a: 1,
                b: 2
            }
        );
        // An input with the unknown field zero is accepted, with it set refused.
        newer.old.size = size_of::<Newer>();
        // SAFETY: readable for its declared size.
        assert!(unsafe { read_in((&raw const newer).cast::<Grown>(), "q") }.is_ok());
        newer.c = 1;
        // SAFETY: as above.
        let refused =
            unsafe { read_in((&raw const newer).cast::<Grown>(), "q") }.expect_err("refused");
        assert_eq!(refused.error.code(), "ffi.invalid_size");
    }

    #[test]
    fn sizes_below_the_first_layout_or_absurd_are_refused() {
        for size in [0usize, 8, 15, MAX_SIZE + 1, usize::MAX] {
            let g = Grown { size, a: 0, b: 0 };
            // SAFETY: readable.
            let refused = unsafe { out_size(&raw const g, "out") }.expect_err("refused");
            assert_eq!(refused.error.code(), "ffi.invalid_size", "{size}");
            assert_eq!(refused.error.field(), Some("out"));
        }
    }
}
