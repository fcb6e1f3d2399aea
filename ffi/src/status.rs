//! [`duplicata_status`]: the result of every fallible function.

use duplicata_core::ErrorKind;

/// The result of a fallible function. `DUPLICATA_STATUS_OK` is 0. Every other value is written out
/// explicitly, and a value is never reused once retired: new statuses are only appended. The error
/// object (when `err` is not NULL) carries the precise, stable code, e.g. `plate.invalid_format`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum duplicata_status {
    /// Success: the outputs are written.
    Ok = 0,
    /// A pointer that must not be NULL was NULL (code `ffi.null_argument`).
    NullArgument = 1,
    /// A string is not valid UTF-8 (code `ffi.invalid_utf8`).
    InvalidUtf8 = 2,
    /// The request buffer contains a NUL byte (code `ffi.embedded_nul`).
    EmbeddedNul = 3,
    /// An argument of a typed call has no meaning: unknown enum value, impossible date (codes
    /// `ffi.invalid_argument`, `request.invalid_date`).
    InvalidArgument = 4,
    /// The request is not JSON, too large, misses a field or has a wrong value (codes `request.*`).
    InvalidRequest = 5,
    /// A registration number cannot be read (codes `plate.*`).
    InvalidPlate = 6,
    /// A department code is not a French department (code `department.unknown`).
    UnknownDepartment = 7,
    /// The date is outside the period the engine answers for (code `request.date_out_of_range`).
    DateOutOfRange = 8,
    /// A parameter file was rejected; `duplicata_error_problem` lists every problem (codes `params.*`).
    InvalidParameters = 9,
    /// A file could not be read (code `io.read`).
    Io = 10,
    /// A procedure event is not allowed in the current state.
    EventNotAllowed = 11,
    /// A bug in the engine, reported rather than crashing the host.
    Internal = 12,
    /// A panic inside the library was caught at the boundary (code `internal.panic`).
    Panic = 13,
    /// A name given to a `duplicata_*_from_str` function is not one of the contract's names
    /// (code `ffi.unknown_name`).
    UnknownName = 14,
}

impl duplicata_status {
    /// The status of a core error, by its broad class.
    pub fn of_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidRequest => duplicata_status::InvalidRequest,
            ErrorKind::InvalidPlate => duplicata_status::InvalidPlate,
            ErrorKind::UnknownDepartment => duplicata_status::UnknownDepartment,
            ErrorKind::DateOutOfRange => duplicata_status::DateOutOfRange,
            ErrorKind::InvalidParameters => duplicata_status::InvalidParameters,
            ErrorKind::EventNotAllowed => duplicata_status::EventNotAllowed,
            ErrorKind::Io => duplicata_status::Io,
            ErrorKind::Internal => duplicata_status::Internal,
            // A class added to the core later: still an error, never OK; a new status is appended
            // here when that happens.
            _ => duplicata_status::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_stable() {
        // The values are part of the ABI: this test fails if one is changed.
        let all = [
            (duplicata_status::Ok, 0),
            (duplicata_status::NullArgument, 1),
            (duplicata_status::InvalidUtf8, 2),
            (duplicata_status::EmbeddedNul, 3),
            (duplicata_status::InvalidArgument, 4),
            (duplicata_status::InvalidRequest, 5),
            (duplicata_status::InvalidPlate, 6),
            (duplicata_status::UnknownDepartment, 7),
            (duplicata_status::DateOutOfRange, 8),
            (duplicata_status::InvalidParameters, 9),
            (duplicata_status::Io, 10),
            (duplicata_status::EventNotAllowed, 11),
            (duplicata_status::Internal, 12),
            (duplicata_status::Panic, 13),
            (duplicata_status::UnknownName, 14),
        ];
        for (status, value) in all {
            assert_eq!(status as u32, value, "{status:?}");
        }
    }
}
