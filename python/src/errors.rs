//! The exception hierarchy of the package, created here and mapped from the core error in one
//! place ([`to_py_err`]). Models: polars-python `exceptions.rs`, pydantic-core `ValidationError`.
//!
//! ```text
//! DuplicataError(Exception)                      .code .field .message_fr .message_en .problems
//! ├── InvalidRequestError(DuplicataError, ValueError)
//! │   ├── InvalidPlateError
//! │   ├── UnknownDepartmentError
//! │   └── DateOutOfRangeError
//! ├── ParameterFileError                         a rejected parameter file, every problem listed
//! ├── EventNotAllowedError                       .allowed_events
//! ├── ReadError(DuplicataError, OSError)         a file cannot be read
//! └── InternalError                              a bug of the engine, reported instead of a crash
//! ```

use duplicata_core::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

create_exception!(
    duplicata,
    DuplicataError,
    PyException,
    "Base of every error of the engine: a stable `code`, the `field` concerned (or None), \
     `message_fr`, `message_en`, and `problems` for a rejected parameter file."
);
create_exception!(
    duplicata,
    ParameterFileError,
    DuplicataError,
    "A parameter file was rejected; `problems` lists every problem found."
);
create_exception!(
    duplicata,
    EventNotAllowedError,
    DuplicataError,
    "A procedure event is not allowed in the current state; see `allowed_events`."
);
create_exception!(
    duplicata,
    InternalError,
    DuplicataError,
    "A bug of the engine, reported rather than crashing the host."
);

/// The classes with two bases (`ValueError`, `OSError`), which `create_exception!` cannot make.
struct Classes {
    invalid_request: Py<PyType>,
    invalid_plate: Py<PyType>,
    unknown_department: Py<PyType>,
    date_out_of_range: Py<PyType>,
    read: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn new_class(
    py: Python<'_>,
    name: &str,
    bases: Vec<Bound<'_, PyType>>,
    doc: &str,
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("__module__", "duplicata")?;
    dict.set_item("__doc__", doc)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, dict))?;
    Ok(class.cast_into::<PyType>()?.unbind())
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    if let Some(c) = CLASSES.get(py) {
        return Ok(c);
    }
    let base = py.get_type::<DuplicataError>();
    let invalid_request = new_class(
        py,
        "InvalidRequestError",
        vec![base.clone(), py.get_type::<PyValueError>()],
        "The request is not valid: bad JSON, a missing field, a value of the wrong type or range.",
    )?;
    let sub =
        |name: &str, doc: &str| new_class(py, name, vec![invalid_request.bind(py).clone()], doc);
    let classes = Classes {
        invalid_plate: sub("InvalidPlateError", "A registration number cannot be read.")?,
        unknown_department: sub(
            "UnknownDepartmentError",
            "A department code is not a French department.",
        )?,
        date_out_of_range: sub(
            "DateOutOfRangeError",
            "The date is outside the period the engine answers for.",
        )?,
        read: new_class(
            py,
            "ReadError",
            vec![base, py.get_type::<PyOSError>()],
            "Reading a file failed.",
        )?,
        invalid_request,
    };
    Ok(CLASSES.get_or_init(py, || classes))
}

/// One problem of a rejected parameter file.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Stable code, e.g. `params.overlap`.
    code: String,
    /// Where in the file's structure, e.g. `zone[NAQ].rates[2]`.
    path: String,
    /// 1-based line (0 when unknown).
    line: u32,
    /// 1-based column (0 when unknown).
    column: u32,
    message_fr: String,
    message_en: String,
}

#[pymethods]
impl Problem {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Problem(code={}, path={}, line={}, message_en={})",
            crate::repr(py, &self.code)?,
            crate::repr(py, &self.path)?,
            self.line,
            crate::repr(py, &self.message_en)?
        ))
    }
}

/// The Python class of a core error kind: the only place where kinds meet classes.
fn class_of<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<Bound<'py, PyType>> {
    let c = classes(py)?;
    Ok(match kind {
        ErrorKind::InvalidRequest => c.invalid_request.bind(py).clone(),
        ErrorKind::InvalidPlate => c.invalid_plate.bind(py).clone(),
        ErrorKind::UnknownDepartment => c.unknown_department.bind(py).clone(),
        ErrorKind::DateOutOfRange => c.date_out_of_range.bind(py).clone(),
        ErrorKind::InvalidParameters => py.get_type::<ParameterFileError>(),
        ErrorKind::EventNotAllowed => py.get_type::<EventNotAllowedError>(),
        ErrorKind::Io => c.read.bind(py).clone(),
        ErrorKind::Internal => py.get_type::<InternalError>(),
        // A kind added to the core later still raises a DuplicataError with its code.
        _ => py.get_type::<DuplicataError>(),
    })
}

fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let class = class_of(py, e.kind())?;
    let value = class.call1((e.to_string(),))?;
    value.setattr("code", e.code())?;
    value.setattr("field", e.field())?;
    value.setattr("message_fr", e.message_fr())?;
    value.setattr("message_en", e.message_en())?;
    let problems = e
        .problems()
        .iter()
        .map(|p| Problem {
            code: p.code.to_owned(),
            path: p.path.clone(),
            line: p.line,
            column: p.column,
            message_fr: p.message_fr.clone(),
            message_en: p.message_en.clone(),
        })
        .map(|p| Py::new(py, p))
        .collect::<PyResult<Vec<_>>>()?;
    value.setattr("problems", PyTuple::new(py, problems)?)?;
    value.setattr("allowed_events", PyTuple::new(py, e.allowed_events())?)?;
    Ok(PyErr::from_value(value))
}

/// Maps a core error to its Python exception.
pub(crate) fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    build(py, e).unwrap_or_else(|failure| failure)
}

/// `Result<T, core::Error>` → `PyResult<T>`.
pub(crate) trait IntoPy<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("DuplicataError", py.get_type::<DuplicataError>())?;
    m.add("ParameterFileError", py.get_type::<ParameterFileError>())?;
    m.add(
        "EventNotAllowedError",
        py.get_type::<EventNotAllowedError>(),
    )?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    let c = classes(py)?;
    m.add("InvalidRequestError", c.invalid_request.bind(py))?;
    m.add("InvalidPlateError", c.invalid_plate.bind(py))?;
    m.add("UnknownDepartmentError", c.unknown_department.bind(py))?;
    m.add("DateOutOfRangeError", c.date_out_of_range.bind(py))?;
    m.add("ReadError", c.read.bind(py))?;
    m.add_class::<Problem>()?;
    Ok(())
}
