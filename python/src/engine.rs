//! [`Engine`]: the core engine behind a frozen Python class, with the GIL released while it works.

use arrow_array::RecordBatch;
use chrono::NaiveDate;
use duplicata_core::{Department, Engine as CoreEngine, FeeBreakdown, LineCode, Money, RateAnswer};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatch, PySchema, PyTable};

use crate::args;
use crate::batch;
use crate::decision::{Decision, decimal};
use crate::errors::{IntoPy, to_py_err};
use crate::params::{Parameters, path_arg};
use crate::repr;
use crate::request::request_json;
use duplicata_core::DateClasses;

fn money(py: Python<'_>, m: Option<Money>) -> PyResult<Py<PyAny>> {
    match m {
        Some(m) => Ok(decimal(py, &m.to_string())?.unbind()),
        None => Ok(py.None()),
    }
}

/// The rules engine over one parameter set. Immutable and thread-safe: share one engine between
/// threads; every evaluation releases the GIL.
#[pyclass(module = "duplicata._native", frozen, subclass)]
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) inner: CoreEngine,
    /// The parameters with their text (None: the embedded reference set).
    parameters: Option<Parameters>,
    /// Built on the first batch.
    classes: std::sync::OnceLock<DateClasses>,
}

impl Engine {
    fn classes(&self) -> &DateClasses {
        self.classes
            .get_or_init(|| DateClasses::new(self.inner.params()))
    }
}

/// The fees from the fast path: amounts only, no documents nor trace. The amounts are kept as
/// exact cents and become `decimal.Decimal` when read (a call that reads only `total` pays for
/// one `Decimal`).
#[pyclass(module = "duplicata._native", frozen)]
#[derive(Debug)]
pub(crate) struct FeeAmounts {
    #[pyo3(get)]
    date: NaiveDate,
    amounts: [Option<Money>; 6],
    regime: &'static str,
    status: &'static str,
    confidence: &'static str,
    /// The FNI number is converted to a new SIV number.
    #[pyo3(get)]
    conversion: bool,
    #[pyo3(get)]
    highest_event_only: bool,
}

#[pymethods]
impl FeeAmounts {
    /// `cgi` (2009–2020), `taxe_fixe_2021` or `cibs` (2022 →).
    #[getter]
    fn regime(&self) -> &'static str {
        self.regime
    }
    /// Regional tax (None when unknown).
    #[getter]
    fn y1(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[0])
    }
    #[getter]
    fn y2(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[1])
    }
    #[getter]
    fn y3(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[2])
    }
    /// Management tax (until 2020) or fixed tax (from 2021).
    #[getter]
    fn y4(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[3])
    }
    /// Delivery fee.
    #[getter]
    fn y5(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[4])
    }
    /// The total (None when a line is unknown).
    #[getter]
    fn total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        money(py, self.amounts[5])
    }
    /// `known` or `unknown`.
    #[getter]
    fn status(&self) -> &'static str {
        self.status
    }
    #[getter]
    fn confidence(&self) -> &'static str {
        self.confidence
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "FeeAmounts(total={}, status={}, regime={}, confidence={})",
            self.total(py)?.bind(py).repr()?,
            repr(py, self.status)?,
            repr(py, self.regime)?,
            repr(py, self.confidence)?
        ))
    }
}

impl FeeAmounts {
    fn new(f: &FeeBreakdown) -> Self {
        let line = |code| f.line(code).amount;
        FeeAmounts {
            date: f.date,
            amounts: [
                line(LineCode::Y1),
                line(LineCode::Y2),
                line(LineCode::Y3),
                line(LineCode::Y4),
                line(LineCode::Y5),
                f.total,
            ],
            regime: f.regime.as_str(),
            status: f.status(),
            confidence: f.confidence.as_str(),
            conversion: f.conversion,
            highest_event_only: f.highest_event_meta.is_some(),
        }
    }
}

/// One component of a regional rate (e.g. the base rate and a transport surcharge).
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct RateComponent {
    label: String,
    amount: Py<PyAny>,
}

/// A known rate next to a gap.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct KnownRate {
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    rate: Py<PyAny>,
}

/// The regional rate per fiscal horsepower in force for a department on a date.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Rate {
    department: String,
    date: NaiveDate,
    region: String,
    region_name: String,
    zone: String,
    zone_name: String,
    /// `known`, or `unknown` (a documented gap: see `known_before` / `known_after`).
    status: String,
    /// € per CV, every component included (`None` when unknown).
    rate: Py<PyAny>,
    components: Py<PyTuple>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    confidence: String,
    source: String,
    source_titles: Py<PyTuple>,
    note: Option<String>,
    unknown_reason: Option<String>,
    known_before: Option<Py<KnownRate>>,
    known_after: Option<Py<KnownRate>>,
}

#[pymethods]
impl Rate {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Rate(department={}, date={}, zone={}, status={}, rate={})",
            repr(py, &self.department)?,
            date_repr(self.date),
            repr(py, &self.zone)?,
            repr(py, &self.status)?,
            self.rate.bind(py).repr()?
        ))
    }
}

impl Rate {
    fn new(py: Python<'_>, r: &RateAnswer) -> PyResult<Self> {
        let known = |k: &Option<duplicata_core::KnownRate>| -> PyResult<Option<Py<KnownRate>>> {
            k.as_ref()
                .map(|k| {
                    Py::new(
                        py,
                        KnownRate {
                            valid_from: k.from,
                            valid_to: k.to,
                            rate: money(py, Some(k.rate))?,
                        },
                    )
                })
                .transpose()
        };
        let components = r
            .components
            .iter()
            .map(|c| {
                Py::new(
                    py,
                    RateComponent {
                        label: c.label.clone(),
                        amount: money(py, Some(c.amount))?,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Rate {
            department: r.department.code().to_owned(),
            date: r.date,
            region: r.region.clone(),
            region_name: r.region_name.clone(),
            zone: r.zone.clone(),
            zone_name: r.zone_name.clone(),
            status: r.status.to_owned(),
            rate: money(py, r.rate)?,
            components: PyTuple::new(py, components)?.unbind(),
            valid_from: r.period_from,
            valid_to: r.period_to,
            confidence: r.confidence.as_str().to_owned(),
            source: r.source.clone(),
            source_titles: PyTuple::new(py, &r.source_titles)?.unbind(),
            note: r.note.clone(),
            unknown_reason: r.unknown_reason.clone(),
            known_before: known(&r.known_before)?,
            known_after: known(&r.known_after)?,
        })
    }
}

/// One period of a zone's rate history.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct RatePeriod {
    valid_from: NaiveDate,
    /// Last day, `None` while in force.
    valid_to: Option<NaiveDate>,
    /// € per CV, `None` for a documented gap.
    rate: Py<PyAny>,
    confidence: String,
    source: String,
}

#[pymethods]
impl RatePeriod {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RatePeriod(valid_from={}, valid_to={}, rate={}, confidence={})",
            date_repr(self.valid_from),
            self.valid_to.map_or_else(|| "None".to_owned(), date_repr),
            self.rate.bind(py).repr()?,
            repr(py, &self.confidence)?
        ))
    }
}

/// `datetime.date(2019, 6, 1)`, as Python writes a date.
fn date_repr(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("datetime.date({}, {}, {})", d.year(), d.month(), d.day())
}

/// A tariff zone of the parameter set (a region, or a part of one with its own rate) and the
/// history of its rate.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Zone {
    code: String,
    name: String,
    /// Code of the region the zone belongs to.
    region: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    departments: Py<PyTuple>,
    rates: Py<PyTuple>,
}

#[pymethods]
impl Zone {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Zone(code={}, name={}, region={})",
            repr(py, &self.code)?,
            repr(py, &self.name)?,
            repr(py, &self.region)?
        ))
    }
}

fn open_end(d: NaiveDate) -> Option<NaiveDate> {
    (d != duplicata_core::OPEN_END).then_some(d)
}

#[pymethods]
impl Engine {
    /// An engine over `parameters` (a `Parameters`; None: the embedded reference parameters), or
    /// over the parameter file at `path` or the text `toml` (prefer `Engine.from_file` and
    /// `Engine.from_toml`).
    #[new]
    #[pyo3(signature = (parameters = None, *, path = None, toml = None))]
    fn new(
        py: Python<'_>,
        parameters: Option<&Bound<'_, Parameters>>,
        path: Option<&Bound<'_, PyAny>>,
        toml: Option<&str>,
    ) -> PyResult<Self> {
        let file = match (parameters, path, toml) {
            (Some(p), None, None) => Some(p.get().clone()),
            (None, Some(p), None) => Some(Parameters::read_file(py, p)?),
            (None, None, Some(t)) => Some(Parameters::from_text(py, t)?),
            (None, None, None) => None,
            _ => {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "give one of `parameters`, `path` or `toml`",
                ));
            }
        };
        let inner = match &file {
            Some(p) => CoreEngine::new(p.file.set().clone()),
            None => CoreEngine::embedded().or_raise(py)?,
        };
        Ok(Engine {
            inner,
            parameters: file,
            classes: std::sync::OnceLock::new(),
        })
    }

    /// An engine over the parameter file at `path` (what-if simulations); `None` is refused.
    #[classmethod]
    fn from_file<'py>(
        cls: &Bound<'py, pyo3::types::PyType>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        path_arg(path)?;
        let kwargs = pyo3::types::PyDict::new(cls.py());
        kwargs.set_item("path", path)?;
        cls.call((), Some(&kwargs))
    }

    /// An engine over the text of a parameter file.
    #[classmethod]
    fn from_toml<'py>(
        cls: &Bound<'py, pyo3::types::PyType>,
        text: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kwargs = pyo3::types::PyDict::new(cls.py());
        kwargs.set_item("toml", text)?;
        cls.call((), Some(&kwargs))
    }

    /// The engine's parameter set, with its text (edit it for a what-if).
    #[getter]
    fn parameters(&self, py: Python<'_>) -> PyResult<Parameters> {
        match &self.parameters {
            Some(p) => Ok(p.clone()),
            None => Parameters::embedded(py),
        }
    }

    /// Name of the parameter set.
    #[getter]
    fn name(&self) -> String {
        self.inner.params().name.clone()
    }

    /// `sha256:` digest of the parameter file the engine was built from.
    #[getter]
    fn fingerprint(&self) -> &str {
        self.inner.fingerprint()
    }

    /// Evaluates a request given as a dict, JSON text (str or bytes) or a typed request object.
    fn evaluate(&self, py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<Decision> {
        let text = request_json(request)?.or_raise(py)?;
        let decision = py.detach(|| self.inner.evaluate_json(&text)).or_raise(py)?;
        Ok(Decision::new(decision))
    }

    /// The fees of a carte-grise duplicata only: the fast path. `date` is a `datetime.date` or
    /// ISO text, `department` text or an integer, as in a batch (same error codes).
    #[pyo3(signature = (*, date, department, plate, category, energy, change_of_address = false))]
    #[expect(
        clippy::too_many_arguments,
        reason = "the keyword arguments of the Python API"
    )]
    fn fees(
        &self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        department: Option<&Bound<'_, PyAny>>,
        plate: &str,
        category: &str,
        energy: &str,
        change_of_address: bool,
    ) -> PyResult<FeeAmounts> {
        let date = args::date(date, "date")?.or_raise(py)?;
        let department = args::department(department)?.or_raise(py)?;
        let f = batch::query(
            date,
            department.as_deref(),
            plate,
            category,
            energy,
            change_of_address,
        )
        .and_then(|q| self.inner.fees(&q))
        .or_raise(py)?;
        Ok(FeeAmounts::new(&f))
    }

    /// The regional rate per CV in force for `department` on `date`, or an explicit "unknown"
    /// with the known values around the gap. The engine answers from the day the SIV opened, as
    /// `evaluate` and `fees` do.
    fn rate(
        &self,
        py: Python<'_>,
        department: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Rate> {
        let date = args::date(date, "date")?.or_raise(py)?;
        let department = args::department(Some(department))?
            .or_raise(py)?
            .unwrap_or_default();
        let d = Department::parse(&department).or_raise(py)?;
        let starts = self.inner.params().dates.siv_start.date;
        if date < starts {
            return Err(to_py_err(
                py,
                &duplicata_core::Error::with_code(
                    duplicata_core::ErrorCode::RequestDateOutOfRange,
                    Some("date"),
                    format!(
                        "le moteur ne répond pas pour le {date} (paramètres à partir du {starts})"
                    ),
                    format!("the engine does not answer for {date} (parameters from {starts})"),
                ),
            ));
        }
        let r = self.inner.rate(d, date).or_raise(py)?;
        Rate::new(py, &r)
    }

    /// Every tariff zone of the parameter set with the history of its rate.
    fn zones(&self, py: Python<'_>) -> PyResult<Vec<Zone>> {
        let p = self.inner.params();
        p.zones
            .iter()
            .map(|z| {
                let rates = z
                    .rates
                    .periods
                    .iter()
                    .map(|r| {
                        let meta = p.meta(r.meta);
                        Py::new(
                            py,
                            RatePeriod {
                                valid_from: r.from,
                                valid_to: open_end(r.to),
                                rate: money(py, r.value.as_ref().map(|v| v.per_cv))?,
                                confidence: if r.value.is_some() {
                                    meta.confidence.as_str()
                                } else {
                                    "low"
                                }
                                .to_owned(),
                                source: meta.source.clone(),
                            },
                        )
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(Zone {
                    code: z.code.clone(),
                    name: z.name.clone(),
                    region: z.region.clone(),
                    valid_from: z.from,
                    valid_to: open_end(z.to),
                    departments: PyTuple::new(py, z.departments.iter().map(|d| d.code()))?.unbind(),
                    rates: PyTuple::new(py, rates)?.unbind(),
                })
            })
            .collect()
    }

    /// Fees of an Arrow record batch or stream (anything with `__arrow_c_array__` or
    /// `__arrow_c_stream__`): a pyarrow RecordBatch for a batch, a pyarrow Table for a stream (a
    /// batch of more than `batch::CHUNK_ROWS` rows of a stream is priced in slices). `views`: text
    /// result columns as `utf8_view` (for polars).
    #[pyo3(signature = (data, amounts = "decimal", names = false, views = false))]
    fn _fees_arrow<'py>(
        &self,
        py: Python<'py>,
        data: AnyRecordBatch,
        amounts: &str,
        names: bool,
        views: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(amounts, names, views).or_raise(py)?;
        match data {
            AnyRecordBatch::RecordBatch(b) => {
                let input = b.into_inner();
                let out = py
                    .detach(|| batch::fees_batch(&self.inner, self.classes(), &input, options))
                    .or_raise(py)?;
                PyRecordBatch::new(out).into_pyarrow(py)
            }
            AnyRecordBatch::Stream(s) => {
                let reader = s.into_reader()?;
                let schema = std::sync::Arc::new(
                    batch::output_schema(&reader.schema(), options).or_raise(py)?,
                );
                let (engine, classes) = (&self.inner, self.classes());
                let batches = py.detach(|| -> Result<Vec<RecordBatch>, duplicata_core::Error> {
                    let mut out = Vec::new();
                    for b in reader {
                        let b = b.map_err(|e| arrow_error(&e))?;
                        batch::fees_chunks(engine, classes, &b, options, &mut out)?;
                    }
                    Ok(out)
                });
                let batches = batches.map_err(|e| to_py_err(py, &e))?;
                PyTable::try_new(batches, schema)?.into_pyarrow(py)
            }
        }
    }

    /// The output schema of `_fees_arrow` for an input schema (for Spark's `mapInArrow`).
    #[pyo3(signature = (schema, amounts = "decimal", names = false))]
    fn _fees_schema<'py>(
        &self,
        py: Python<'py>,
        schema: PySchema,
        amounts: &str,
        names: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(amounts, names, false).or_raise(py)?;
        let out = batch::output_schema(&schema.into_inner(), options).or_raise(py)?;
        PySchema::new(std::sync::Arc::new(out)).into_pyarrow(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Engine(name={}, fingerprint={})",
            repr(py, &self.inner.params().name)?,
            repr(py, self.inner.fingerprint().get(..19).unwrap_or_default())?
        ))
    }
}

/// The batch options; an unknown `amounts` lists the allowed ones.
fn options(
    amounts: &str,
    names: bool,
    views: bool,
) -> Result<batch::Options, duplicata_core::Error> {
    let allowed = || {
        batch::Amounts::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let amounts = batch::Amounts::ALL
        .iter()
        .find(|(n, _)| *n == amounts)
        .map(|(_, a)| *a)
        .ok_or_else(|| {
            duplicata_core::Error::with_code(
                duplicata_core::ErrorCode::RequestInvalidValue,
                Some("amounts"),
                format!(
                    "« {amounts} » invalide pour « amounts » ; valeurs possibles : {}",
                    allowed()
                ),
                format!(
                    "invalid value '{amounts}' for 'amounts'; allowed: {}",
                    allowed()
                ),
            )
        })?;
    Ok(batch::Options {
        amounts,
        names,
        views,
    })
}

fn arrow_error(e: &arrow_schema::ArrowError) -> duplicata_core::Error {
    duplicata_core::Error::with_code(
        duplicata_core::ErrorCode::RequestInvalidArrow,
        None,
        format!("flux Arrow illisible : {e}"),
        format!("unreadable Arrow stream: {e}"),
    )
}
