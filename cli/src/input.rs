//! Bounded reads: every input of the command line (a request file or standard input, an `@event`
//! file, a parameter file, a state file, each JSONL line) is read up to its limit and no further, so
//! memory stays bounded whatever is read (`/dev/zero`, `yes |`, an endless line).
//!
//! | input | limit |
//! |---|---|
//! | request (`evaluate`, `procedure start`), event (`procedure apply`), each JSONL line | [`MAX_REQUEST_BYTES`] (1 MiB) |
//! | parameter file (`--params`, `params check`) | [`MAX_PARAMS_BYTES`] (4 MiB) |
//! | state file (`procedure --state`) | [`MAX_STATE_BYTES`] (8 MiB) |
//!
//! Past its limit an input is refused with `request.too_large`, naming the field (the argument)
//! and the limit; it is never cut.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use duplicata_core::{Error, ErrorKind, MAX_REQUEST_BYTES};

use crate::failure::Failure;

/// Largest parameter file read (the reference file is about 62 KB).
pub(crate) const MAX_PARAMS_BYTES: usize = 4 << 20;

/// Largest state file read: the request plus the review messages and history of the procedure.
pub(crate) const MAX_STATE_BYTES: usize = 8 * MAX_REQUEST_BYTES;

/// `request.too_large` for `field`, whose limit is `limit` bytes.
pub(crate) fn too_large(field: &str, limit: usize) -> Error {
    Error::new(
        ErrorKind::InvalidRequest,
        "request.too_large",
        Some(field),
        format!("« {field} » est trop grand (plus de {limit} octets)"),
        format!("'{field}' is too large (over {limit} bytes)"),
    )
}

/// `request.invalid_json` for text that is not UTF-8 (JSON text is UTF-8, RFC 8259 §8.1).
pub(crate) fn not_utf8(field: &str, e: &std::str::Utf8Error) -> Error {
    let at = e.valid_up_to();
    Error::new(
        ErrorKind::InvalidRequest,
        "request.invalid_json",
        Some(field),
        format!("« {field} » n'est pas de l'UTF-8 valide (octet {at})"),
        format!("'{field}' is not valid UTF-8 (byte {at})"),
    )
}

/// Reads at most `limit` bytes of `r`; one byte more is `request.too_large` for `field`.
pub(crate) fn read_bounded(
    r: impl Read,
    limit: usize,
    field: &str,
    name: &str,
) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    r.take(cap)
        .read_to_end(&mut buf)
        .map_err(|e| Failure::Other(format!("{name}: {e}")))?;
    if buf.len() > limit {
        return Err(Failure::Input(too_large(field, limit)));
    }
    Ok(buf)
}

/// Opens `source` (`-` for standard input) as a reader.
pub(crate) fn open(source: &str) -> Result<Box<dyn Read>, Failure> {
    if source == "-" {
        Ok(Box::new(io::stdin().lock()))
    } else {
        let f = File::open(source).map_err(|e| Failure::file(Path::new(source), &e))?;
        Ok(Box::new(f))
    }
}

/// The whole text of `source` (`-` for standard input), at most `limit` bytes of UTF-8.
pub(crate) fn read_text(source: &str, limit: usize, field: &str) -> Result<String, Failure> {
    let name = if source == "-" { "stdin" } else { source };
    let bytes = read_bounded(open(source)?, limit, field, name)?;
    String::from_utf8(bytes).map_err(|e| Failure::Input(not_utf8(field, &e.utf8_error())))
}

/// A request (file or `-`), at most [`MAX_REQUEST_BYTES`].
pub(crate) fn read_request(source: &str, field: &str) -> Result<String, Failure> {
    read_text(source, MAX_REQUEST_BYTES, field)
}

/// A parameter file's text, at most [`MAX_PARAMS_BYTES`]. A file that is not UTF-8 is refused
/// with the line and column of its first invalid byte.
pub(crate) fn read_params(path: &Path, field: &str) -> Result<String, Failure> {
    let f = File::open(path).map_err(|e| Failure::file(path, &e))?;
    let bytes = read_bounded(f, MAX_PARAMS_BYTES, field, &path.display().to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Columns count characters, as the parameter file's other problems do.
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Failure::Input(Error::new(
            ErrorKind::InvalidParameters,
            "params.invalid",
            Some(field),
            format!(
                "{} n'est pas de l'UTF-8 valide (ligne {line}, colonne {column})",
                path.display()
            ),
            format!(
                "{} is not valid UTF-8 (line {line}, column {column})",
                path.display()
            ),
        ))
    })
}

/// A procedure state file's text, at most [`MAX_STATE_BYTES`].
pub(crate) fn read_state(path: &Path) -> Result<String, Failure> {
    let f = File::open(path).map_err(|e| Failure::file(path, &e))?;
    let bytes = read_bounded(f, MAX_STATE_BYTES, "state", &path.display().to_string())?;
    String::from_utf8(bytes).map_err(|e| Failure::Input(not_utf8("state", &e.utf8_error())))
}
