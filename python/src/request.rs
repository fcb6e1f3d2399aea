//! A request given as a dict (or a typed request object with `to_dict()`) is written as JSON text
//! in one pass, then read by the core's JSON reader: one contract, the same error codes and field
//! paths whatever form the request takes.

use duplicata_core::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString,
    PyTuple,
};

/// Deepest nesting accepted (a request is four levels deep).
const MAX_DEPTH: usize = 32;

/// The request as JSON text.
pub(crate) fn request_json(obj: &Bound<'_, PyAny>) -> PyResult<Result<String, Error>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Ok(s.to_str()?.to_owned()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(text_of_bytes(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(text_of_bytes(&b.to_vec()));
    }
    let mut out = Vec::with_capacity(256);
    let mut path = String::new();
    match write(obj, &mut out, &mut path, 0)? {
        Ok(()) => Ok(Ok(String::from_utf8(out).unwrap_or_default())),
        Err(e) => Ok(Err(e)),
    }
}

fn text_of_bytes(b: &[u8]) -> Result<String, Error> {
    String::from_utf8(b.to_vec()).map_err(|e| {
        Error::new(
            ErrorKind::InvalidRequest,
            "request.invalid_json",
            Some(""),
            format!(
                "JSON invalide : octets non UTF-8 à la position {}",
                e.utf8_error().valid_up_to()
            ),
            format!(
                "invalid JSON: bytes that are not UTF-8 at offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn invalid_type(path: &str, type_name: &str) -> Error {
    Error::new(
        ErrorKind::InvalidRequest,
        "request.invalid_type",
        Some(path),
        format!("type invalide pour « {path} » : objet Python {type_name}"),
        format!("invalid type for '{path}': Python object {type_name}"),
    )
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn write(
    obj: &Bound<'_, PyAny>,
    out: &mut Vec<u8>,
    path: &mut String,
    depth: usize,
) -> PyResult<Result<(), Error>> {
    if depth > MAX_DEPTH {
        return Ok(Err(invalid_type(path, "nested too deeply")));
    }
    if obj.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(s) = obj.cast::<PyString>() {
        // Also the values of the package's `str` enums (Category.CAR is "car").
        write_str(out, s.to_str()?);
    } else if let Ok(b) = obj.cast::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if obj.is_instance_of::<PyInt>() {
        out.extend_from_slice(obj.str()?.to_str()?.as_bytes());
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if v.is_finite() {
            out.extend_from_slice(obj.repr()?.to_str()?.as_bytes());
        } else {
            return Ok(Err(invalid_type(path, "float (not finite)")));
        }
    } else if let Ok(d) = obj.cast::<PyDict>() {
        out.push(b'{');
        let base = path.len();
        for (i, (k, v)) in d.iter().enumerate() {
            let Ok(key) = k.cast::<PyString>() else {
                return Ok(Err(invalid_type(
                    path,
                    &format!("dict key {}", type_name(&k)),
                )));
            };
            let key = key.to_str()?;
            if i > 0 {
                out.push(b',');
            }
            write_str(out, key);
            out.push(b':');
            if base > 0 {
                path.push('.');
            }
            path.push_str(key);
            if let Err(e) = write(&v, out, path, depth + 1)? {
                return Ok(Err(e));
            }
            path.truncate(base);
        }
        out.push(b'}');
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        out.push(b'[');
        let base = path.len();
        for (i, v) in obj.try_iter()?.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            path.push_str(&format!("[{i}]"));
            if let Err(e) = write(&v?, out, path, depth + 1)? {
                return Ok(Err(e));
            }
            path.truncate(base);
        }
        out.push(b']');
    } else if obj.is_instance_of::<PyDateTime>() {
        // A datetime is a date with a time: the contract wants a day.
        return Ok(Err(invalid_type(
            path,
            "datetime.datetime (a datetime.date is expected)",
        )));
    } else if obj.is_instance_of::<PyDate>() {
        let date: chrono::NaiveDate = obj.extract()?;
        write_str(out, &date.to_string());
    } else if let Ok(fields) = obj.getattr("__dataclass_fields__") {
        // The package's typed request classes: their fields, `None` ones left out.
        out.push(b'{');
        let base = path.len();
        let mut first = true;
        for name in fields.cast_into::<PyDict>()?.keys() {
            let name = name.cast_into::<PyString>()?;
            let v = obj.getattr(&name)?;
            if v.is_none() {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            let name = name.to_str()?;
            write_str(out, name);
            out.push(b':');
            if base > 0 {
                path.push('.');
            }
            path.push_str(name);
            if let Err(e) = write(&v, out, path, depth + 1)? {
                return Ok(Err(e));
            }
            path.truncate(base);
        }
        out.push(b'}');
    } else if let Ok(to_dict) = obj.getattr("to_dict") {
        // Any other object that knows its contract form.
        return write(&to_dict.call0()?, out, path, depth + 1);
    } else {
        return Ok(Err(invalid_type(path, &type_name(obj))));
    }
    Ok(Ok(()))
}
