//! [`Parameters`]: a checked parameter set with its TOML text, and its what-if edits.

use std::path::PathBuf;

use chrono::NaiveDate;
use duplicata_core::{Error, ErrorKind, ParameterFile};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::args;
use crate::errors::IntoPy;

/// A checked parameter set and its TOML text. Immutable: every edit returns a new set, checked
/// like a file, with its own name and fingerprint.
#[pyclass(module = "duplicata._native", frozen)]
#[derive(Debug, Clone)]
pub(crate) struct Parameters {
    pub(crate) file: ParameterFile,
}

fn read(path: &PathBuf) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            "io.read",
            None,
            format!("lecture impossible de « {} » : {e}", path.display()),
            format!("cannot read '{}': {e}", path.display()),
        )
    })
}

fn span(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    end: Option<&Bound<'_, PyAny>>,
) -> PyResult<(NaiveDate, Option<NaiveDate>)> {
    let from = args::date(start, "start")?.or_raise(py)?;
    let to = match end.filter(|e| !e.is_none()) {
        Some(e) => Some(args::date(e, "end")?.or_raise(py)?),
        None => None,
    };
    Ok((from, to))
}

/// A path argument; `None` is refused (it would silently mean "the reference parameters").
pub(crate) fn path_arg(path: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    if path.is_none() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "from_file needs a path (str or os.PathLike), not None; \
             Parameters.reference() or Engine() give the reference parameters",
        ));
    }
    path.extract::<PathBuf>()
}

impl Parameters {
    pub(crate) fn read_file(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = path_arg(path)?;
        let file = py
            .detach(|| read(&path).and_then(ParameterFile::from_toml))
            .or_raise(py)?;
        Ok(Parameters { file })
    }

    pub(crate) fn from_text(py: Python<'_>, text: &str) -> PyResult<Self> {
        let file = py.detach(|| ParameterFile::from_toml(text)).or_raise(py)?;
        Ok(Parameters { file })
    }

    pub(crate) fn embedded(py: Python<'_>) -> PyResult<Self> {
        let file = py.detach(ParameterFile::reference).or_raise(py)?;
        Ok(Parameters { file })
    }
}

#[pymethods]
impl Parameters {
    /// The reference parameters embedded in the package.
    #[classmethod]
    fn reference(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        Self::embedded(py)
    }

    /// A parameter set from the text of a parameter file.
    #[classmethod]
    fn from_toml(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
        Self::from_text(py, text)
    }

    /// A parameter set from a parameter file.
    #[classmethod]
    fn from_file(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Self::read_file(py, path)
    }

    /// The TOML text of the set (write it to a file, or check it with `duplicata params check`).
    fn to_toml(&self) -> &str {
        self.file.to_toml()
    }

    /// Name of the set; an edit appends `+what-if-` and a digest of the edited text.
    #[getter]
    fn name(&self) -> &str {
        &self.file.set().name
    }

    /// `sha256:` digest of the set's text: any edit changes it.
    #[getter]
    fn fingerprint(&self) -> &str {
        &self.file.set().fingerprint
    }

    /// The same set under another name.
    fn with_name(&self, py: Python<'_>, name: &str) -> PyResult<Self> {
        let file = self.file.with_name(name).or_raise(py)?;
        Ok(Parameters { file })
    }

    /// The rate per CV of `zone` (a code of `Engine.zones()`, e.g. `"BRE"`) set to `rate` from
    /// `start` to `end` (inclusive; None: to the end of the zone's last period).
    #[pyo3(signature = (zone, rate, *, start, end = None))]
    fn with_rate(
        &self,
        py: Python<'_>,
        zone: &str,
        rate: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let rate = args::money(rate, "rate")?.or_raise(py)?;
        let (from, to) = span(py, start, end)?;
        let file = py
            .detach(|| self.file.with_rate(zone, from, to, rate))
            .or_raise(py)?;
        Ok(Parameters { file })
    }

    /// The share of the regional tax exempted for clean vehicles in `zone` (1 = 100 %).
    #[pyo3(signature = (zone, share, *, start, end = None))]
    fn with_clean_share(
        &self,
        py: Python<'_>,
        zone: &str,
        share: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let share = args::share(share, "share")?.or_raise(py)?;
        let (from, to) = span(py, start, end)?;
        let file = py
            .detach(|| self.file.with_clean_share(zone, from, to, share))
            .or_raise(py)?;
        Ok(Parameters { file })
    }

    /// The amount of a dated series (`"y4.amount"`, `"y5.amount"`, `"cmi.fee"`).
    #[pyo3(signature = (key, amount, *, start, end = None))]
    fn with_amount(
        &self,
        py: Python<'_>,
        key: &str,
        amount: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let amount = args::money(amount, "amount")?.or_raise(py)?;
        let (from, to) = span(py, start, end)?;
        let file = py
            .detach(|| self.file.with_amount(key, from, to, amount))
            .or_raise(py)?;
        Ok(Parameters { file })
    }

    /// A key date of `[dates]` (e.g. `"online_only_start"`) moved to `date`.
    fn with_key_date(&self, py: Python<'_>, name: &str, date: &Bound<'_, PyAny>) -> PyResult<Self> {
        let date = args::date(date, "date")?.or_raise(py)?;
        let file = py
            .detach(|| self.file.with_key_date(name, date))
            .or_raise(py)?;
        Ok(Parameters { file })
    }

    /// What changed from this set to `other`, as the rows of a table (a list of dicts, ready for
    /// `pandas.DataFrame` or `pyarrow.Table.from_pylist`): one row per value added, removed or
    /// changed, by zone and period, with `kind`, `zone`, `series`, `from`, `to`, and the old and new
    /// `value`, `confidence` and `source` (the same list as `duplicata params diff OLD NEW`).
    fn diff<'py>(&self, py: Python<'py>, other: &Parameters) -> PyResult<Bound<'py, PyAny>> {
        let d = self.file.set().diff(other.file.set());
        let side = |v: Option<&duplicata_core::diff::DiffValue>, key: &str| -> serde_json::Value {
            v.map_or(serde_json::Value::Null, |v| match key {
                "value" => v.value.clone().map_or(serde_json::Value::Null, Into::into),
                "confidence" => v
                    .confidence
                    .map_or(serde_json::Value::Null, |c| c.as_str().into()),
                _ => v.source.clone().into(),
            })
        };
        let rows: Vec<serde_json::Value> = d
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "kind": c.kind.as_str(),
                    "zone": c.zone,
                    "series": c.series,
                    "from": c.from.to_string(),
                    "to": c.to.map(|t| t.to_string()),
                    "old_value": side(c.old.as_ref(), "value"),
                    "new_value": side(c.new.as_ref(), "value"),
                    "old_confidence": side(c.old.as_ref(), "confidence"),
                    "new_confidence": side(c.new.as_ref(), "confidence"),
                    "old_source": side(c.old.as_ref(), "source"),
                    "new_source": side(c.new.as_ref(), "source"),
                })
            })
            .collect();
        crate::decision::plain(py, &serde_json::Value::Array(rows))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Parameters>()
            .is_ok_and(|o| o.get().file.set().fingerprint == self.file.set().fingerprint)
    }

    fn __hash__(&self) -> u64 {
        let f = self.file.set().fingerprint.as_bytes();
        f.iter()
            .skip(7)
            .take(8)
            .fold(0u64, |a, b| (a << 8) | u64::from(*b))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = self.file.set();
        Ok(format!(
            "Parameters(name={}, fingerprint={})",
            crate::repr(py, &s.name)?,
            crate::repr(py, s.fingerprint.get(..19).unwrap_or(&s.fingerprint))?
        ))
    }
}
