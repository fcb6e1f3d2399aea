//! # duplicata-python
//!
//! The native module `duplicata._native` of the Python package `duplicata`: a thin adapter that
//! converts types and errors and calls `duplicata-core`.
//!
//! The main types:
//! - [`engine::Engine`]: the core engine; `evaluate` (dict, JSON text or typed request), `fees`
//!   (fast path), `rate`, `zones`, and `_fees_arrow` for Arrow tables (see [`batch`]).
//! - [`decision::Decision`]: the answer as frozen objects, money as `decimal.Decimal`.
//! - [`errors`]: the exception hierarchy, mapped from the core error in one place.
//!
//! Every evaluation releases the GIL, and the module declares itself free-threading safe
//! (`gil_used = false`): the engine is immutable and `Send + Sync`.

// The core's `Error` is large (two messages, a field, problems); this adapter passes it on as the
// core returns it, so its size is the core's choice (an `allow`: the lint fires or not with it).
#![allow(
    clippy::result_large_err,
    reason = "the core's error type, passed on unchanged"
)]

mod args;
mod batch;
mod decision;
mod engine;
mod errors;
mod params;
mod request;

use pyo3::prelude::*;

use crate::errors::IntoPy;

/// A registration number that was read successfully.
#[pyclass(module = "duplicata._native", frozen, get_all, eq, hash)]
#[derive(Debug, PartialEq, Eq, Hash)]
struct Plate {
    /// `siv`, `fni`, `moped`, `ww` or `w`.
    system: &'static str,
    /// The canonical form: `AB-123-CD`, `123 AB 45`, `A 11 A`…
    normalized: String,
    /// For a number of the former FNI: its department code.
    department: Option<String>,
}

#[pymethods]
impl Plate {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Plate(system={}, normalized={}, department={})",
            repr(py, self.system)?,
            repr(py, &self.normalized)?,
            repr_opt(py, self.department.as_deref())?
        ))
    }

    fn __str__(&self) -> String {
        self.normalized.clone()
    }
}

/// The Python `repr` of a text: `'35'`.
pub(crate) fn repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(pyo3::types::PyString::new(py, s)
        .repr()?
        .to_str()?
        .to_owned())
}

/// The Python `repr` of an optional text: `'35'` or `None`.
pub(crate) fn repr_opt(py: Python<'_>, s: Option<&str>) -> PyResult<String> {
    s.map_or_else(|| Ok("None".to_owned()), |s| repr(py, s))
}

/// Reads a registration number in any usual typing (case, spaces and hyphens are free).
#[pyfunction]
fn parse_plate(py: Python<'_>, text: &str) -> PyResult<Plate> {
    let p = duplicata_core::parse_plate(text).or_raise(py)?;
    Ok(Plate {
        system: p.system.as_str(),
        normalized: p.normalized().to_owned(),
        department: p.department().map(str::to_owned),
    })
}

/// Frees the memory of dropped batch results that is kept for the next batches (it is freed on
/// its own a few seconds after the last batch); returns the bytes freed.
#[pyfunction]
fn release_memory() -> usize {
    batch::release_memory()
}

/// The bytes of dropped batch results kept for reuse by the next batches.
#[pyfunction]
fn kept_memory() -> usize {
    batch::kept_memory()
}

#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", duplicata_core::VERSION)?;
    m.add("AMOUNT_PRECISION", batch::PRECISION)?;
    m.add("AMOUNT_SCALE", batch::SCALE)?;
    m.add_function(wrap_pyfunction!(parse_plate, m)?)?;
    m.add_function(wrap_pyfunction!(release_memory, m)?)?;
    m.add_function(wrap_pyfunction!(kept_memory, m)?)?;
    m.add_class::<Plate>()?;
    m.add_class::<engine::Engine>()?;
    m.add_class::<params::Parameters>()?;
    m.add_class::<engine::FeeAmounts>()?;
    m.add_class::<engine::Rate>()?;
    m.add_class::<engine::RateComponent>()?;
    m.add_class::<engine::KnownRate>()?;
    m.add_class::<engine::Zone>()?;
    m.add_class::<engine::RatePeriod>()?;
    m.add_class::<decision::Decision>()?;
    m.add_class::<decision::Fees>()?;
    m.add_class::<decision::FeeLine>()?;
    m.add_class::<decision::Eligibility>()?;
    m.add_class::<decision::Note>()?;
    m.add_class::<decision::Document>()?;
    m.add_class::<decision::TraceEntry>()?;
    errors::register(m)?;
    Ok(())
}
