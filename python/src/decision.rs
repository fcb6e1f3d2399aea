//! The decision as frozen Python objects. Every view is read from the decision's JSON contract
//! (the same document `to_json()` prints), so Python and JSON never disagree; money becomes
//! `decimal.Decimal`, dates `datetime.date`, lists tuples and objects read-only mappings.

use std::sync::OnceLock;

use duplicata_core::Decision as CoreDecision;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use serde_json::Value;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAPPING_PROXY: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal(text)`: exact, from the amount's decimal string.
pub(crate) fn decimal<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    DECIMAL.import(py, "decimal", "Decimal")?.call1((text,))
}

fn opt_decimal(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    match v.as_str() {
        Some(s) => Ok(decimal(py, s)?.unbind()),
        None => Ok(py.None()),
    }
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn opt_text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A JSON value as plain Python objects (`json.loads` would give the same).
pub(crate) fn plain<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            // The contract carries no floats; keep any other number exact.
            _ => decimal(py, &n.to_string())?,
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(a) => PyList::new(
            py,
            a.iter()
                .map(|x| plain(py, x))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, plain(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A JSON value as immutable Python objects: tuples and read-only mappings.
pub(crate) fn frozen<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Array(a) => PyTuple::new(
            py,
            a.iter()
                .map(|x| frozen(py, x))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, frozen(py, x)?)?;
            }
            MAPPING_PROXY
                .import(py, "types", "MappingProxyType")?
                .call1((d,))?
        }
        other => plain(py, other)?,
    })
}

/// One line Y1 to Y5 of the fees.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct FeeLine {
    /// `Y1` … `Y5`, the certificate's tax fields.
    code: String,
    label_fr: String,
    label_en: String,
    /// `None` when the amount cannot be known (a documented gap of the parameters).
    amount: Py<PyAny>,
    /// `due`, `not_due` or `unknown`.
    status: String,
    confidence: String,
    explanation_fr: String,
    explanation_en: String,
    source: String,
}

#[pymethods]
impl FeeLine {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "FeeLine(code='{}', amount={}, status='{}')",
            self.code,
            self.amount.bind(py).repr()?,
            self.status
        ))
    }
}

/// The fees of a carte-grise duplicata, as the decision explains them.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Fees {
    /// `known`, or `unknown` when a line cannot be known.
    status: String,
    /// `decimal.Decimal`, or `None` when unknown.
    total: Py<PyAny>,
    currency: String,
    confidence: String,
    regime: String,
    highest_event_only: bool,
    lines: Py<PyTuple>,
}

impl Fees {
    fn from_json(py: Python<'_>, v: &Value) -> PyResult<Self> {
        let lines = v
            .get("lines")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|l| {
                Py::new(
                    py,
                    FeeLine {
                        code: text(l, "code"),
                        label_fr: text(l, "label_fr"),
                        label_en: text(l, "label_en"),
                        amount: opt_decimal(py, &l["amount"])?,
                        status: text(l, "status"),
                        confidence: text(l, "confidence"),
                        explanation_fr: text(l, "explanation_fr"),
                        explanation_en: text(l, "explanation_en"),
                        source: text(l, "source"),
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Fees {
            status: text(v, "status"),
            total: opt_decimal(py, &v["total"])?,
            currency: text(v, "currency"),
            confidence: text(v, "confidence"),
            regime: text(v, "regime"),
            highest_event_only: v["highest_event_only"].as_bool().unwrap_or(false),
            lines: PyTuple::new(py, lines)?.unbind(),
        })
    }
}

#[pymethods]
impl Fees {
    /// The line with this code (`"Y1"` … `"Y5"`).
    fn line(&self, py: Python<'_>, code: &str) -> PyResult<Py<FeeLine>> {
        for l in self.lines.bind(py).iter() {
            let l = l.cast_into::<FeeLine>()?;
            if l.get().code.eq_ignore_ascii_case(code) {
                return Ok(l.unbind());
            }
        }
        Err(pyo3::exceptions::PyKeyError::new_err(code.to_owned()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Fees(total={}, status='{}', regime='{}')",
            self.total.bind(py).repr()?,
            self.status,
            self.regime
        ))
    }
}

/// A reason, remedy or note of the eligibility answer.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Note {
    code: String,
    message_fr: String,
    message_en: String,
    source: String,
}

#[pymethods]
impl Note {
    fn __repr__(&self) -> String {
        format!("Note(code='{}')", self.code)
    }
}

fn notes(py: Python<'_>, v: &Value) -> PyResult<Py<PyTuple>> {
    let items = v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|n| {
            Py::new(
                py,
                Note {
                    code: text(n, "code"),
                    message_fr: text(n, "message_fr"),
                    message_en: text(n, "message_en"),
                    source: text(n, "source"),
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.unbind())
}

/// Who may apply, and why a request is or is not eligible.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Eligibility {
    eligible: bool,
    applicant: String,
    confidence: String,
    reasons: Py<PyTuple>,
    remedies: Py<PyTuple>,
    who_may_apply: Py<PyTuple>,
}

#[pymethods]
impl Eligibility {
    fn __repr__(&self) -> String {
        format!(
            "Eligibility(eligible={}, confidence='{}')",
            if self.eligible { "True" } else { "False" },
            self.confidence
        )
    }
}

/// One item of the checklist of documents.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct Document {
    code: String,
    label_fr: String,
    label_en: String,
    /// `False` for a document that is recommended or kept, not handed in.
    required: bool,
    condition_fr: String,
    condition_en: String,
    source: String,
}

#[pymethods]
impl Document {
    fn __repr__(&self) -> String {
        format!(
            "Document(code='{}', required={})",
            self.code,
            if self.required { "True" } else { "False" }
        )
    }
}

/// One rule applied, with the values it used, its source and a confidence.
#[pyclass(module = "duplicata._native", frozen, get_all)]
#[derive(Debug)]
pub(crate) struct TraceEntry {
    /// Stable rule id, e.g. `fees.y1.regional_rate`.
    rule: String,
    explanation_fr: String,
    explanation_en: String,
    /// The values used, as a read-only mapping (money as decimal strings, as in JSON).
    values: Py<PyAny>,
    source: String,
    note: Option<String>,
    confidence: String,
}

#[pymethods]
impl TraceEntry {
    fn __repr__(&self) -> String {
        format!(
            "TraceEntry(rule='{}', confidence='{}')",
            self.rule, self.confidence
        )
    }
}

/// The engine's answer to a request. Immutable; `to_json()` is the JSON contract.
#[pyclass(module = "duplicata._native", frozen)]
#[derive(Debug)]
pub(crate) struct Decision {
    inner: CoreDecision,
    json: OnceLock<Value>,
}

impl Decision {
    pub(crate) fn new(inner: CoreDecision) -> Self {
        Decision {
            inner,
            json: OnceLock::new(),
        }
    }

    fn value(&self) -> &Value {
        self.json
            .get_or_init(|| serde_json::to_value(&self.inner).unwrap_or(Value::Null))
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[pymethods]
impl Decision {
    /// `carte_grise_duplicata`, `cmi_duplicata` or `cmi_second_exemplaire`.
    #[getter]
    fn procedure_name(&self) -> &'static str {
        self.inner.procedure_kind.as_str()
    }

    /// The day the rules were taken as in force.
    #[getter]
    fn date(&self) -> chrono::NaiveDate {
        self.inner.date
    }

    /// The total to pay (`decimal.Decimal`), or `None` when unknown.
    #[getter]
    fn total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.inner.total() {
            Some(m) => Ok(decimal(py, &m.to_string())?.unbind()),
            None => Ok(py.None()),
        }
    }

    /// The fees of a carte-grise duplicata (`None` for a CMI request: see `cmi`).
    #[getter]
    fn fees(&self, py: Python<'_>) -> PyResult<Option<Fees>> {
        match self.value().get("fees") {
            Some(f) => Ok(Some(Fees::from_json(py, f)?)),
            None => Ok(None),
        }
    }

    #[getter]
    fn eligibility(&self, py: Python<'_>) -> PyResult<Eligibility> {
        let e = &self.value()["eligibility"];
        Ok(Eligibility {
            eligible: e["eligible"].as_bool().unwrap_or(false),
            applicant: text(e, "applicant"),
            confidence: text(e, "confidence"),
            reasons: notes(py, &e["reasons"])?,
            remedies: notes(py, &e["remedies"])?,
            who_may_apply: notes(py, &e["who_may_apply"])?,
        })
    }

    #[getter]
    fn documents(&self, py: Python<'_>) -> PyResult<Py<PyTuple>> {
        let docs = self.value()["documents"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|d| {
                Py::new(
                    py,
                    Document {
                        code: text(d, "code"),
                        label_fr: text(d, "label_fr"),
                        label_en: text(d, "label_en"),
                        required: d["required"].as_bool().unwrap_or(false),
                        condition_fr: text(d, "condition_fr"),
                        condition_en: text(d, "condition_en"),
                        source: text(d, "source"),
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, docs)?.unbind())
    }

    #[getter]
    fn trace(&self, py: Python<'_>) -> PyResult<Py<PyTuple>> {
        let entries = self.value()["trace"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|t| {
                Py::new(
                    py,
                    TraceEntry {
                        rule: text(t, "rule"),
                        explanation_fr: text(t, "explanation_fr"),
                        explanation_en: text(t, "explanation_en"),
                        values: frozen(py, &t["values"])?.unbind(),
                        source: text(t, "source"),
                        note: opt_text(t, "note"),
                        confidence: text(t, "confidence"),
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, entries)?.unbind())
    }

    /// What happens to the registration number (read-only mapping), or `None` for a CMI.
    #[getter]
    fn plate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(py, self.value().get("plate").unwrap_or(&Value::Null))
    }

    /// Validity and timing rules (tuple of read-only mappings).
    #[getter]
    fn validity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(py, &self.value()["validity"])
    }

    /// How the request is filed (read-only mapping).
    #[getter]
    fn procedure<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(py, &self.value()["procedure"])
    }

    /// The CMI part of a CMI decision (read-only mapping), or `None`.
    #[getter]
    fn cmi<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(py, self.value().get("cmi").unwrap_or(&Value::Null))
    }

    /// The other readings of the texts this answer depends on (disputed values, defaults of the
    /// fact base's §11): for each, the assumption in French and English, its sources, and the total
    /// and lines it would give (tuple of read-only mappings; empty when none).
    #[getter]
    fn alternatives<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(
            py,
            self.value()
                .get("alternatives")
                .unwrap_or(&Value::Array(Vec::new())),
        )
    }

    /// Warnings on the values used: a source later than the date asked, a date after the
    /// parameters' last review (tuple of read-only mappings; empty when none).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(
            py,
            self.value()
                .get("warnings")
                .unwrap_or(&Value::Array(Vec::new())),
        )
    }

    /// The conditions of an eligible answer: the facts the request leaves open that the
    /// applicant must prove (tuple of read-only mappings; empty when none).
    #[getter]
    fn conditions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(
            py,
            self.value()["eligibility"]
                .get("conditions")
                .unwrap_or(&Value::Array(Vec::new())),
        )
    }

    /// Name and fingerprint of the parameter set used (read-only mapping).
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frozen(py, &self.value()["parameters"])
    }

    /// The decision as plain Python objects: exactly `json.loads(decision.to_json())`
    /// (amounts stay decimal strings, as in the contract).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, self.value())
    }

    /// The decision as JSON text (the contract); `indent=True` for people.
    #[pyo3(signature = (*, indent = false))]
    fn to_json(&self, indent: bool) -> String {
        if indent {
            self.inner.to_json_pretty()
        } else {
            self.inner.to_json()
        }
    }

    fn __repr__(&self) -> String {
        let total = self
            .inner
            .total()
            .map_or_else(|| "None".to_owned(), |t| format!("Decimal('{t}')"));
        format!(
            "Decision(procedure='{}', date={}, eligible={}, total={total})",
            self.inner.procedure_kind.as_str(),
            self.inner.date,
            if self.inner.eligibility.eligible {
                "True"
            } else {
                "False"
            },
        )
    }

    /// The notebook view: the fees line by line with their sources, then eligibility.
    fn _repr_html_(&self) -> String {
        let v = self.value();
        let mut h = String::with_capacity(4096);
        h.push_str("<div class=\"duplicata-decision\">");
        h.push_str(&format!(
            "<p><b>{}</b> — {} — eligible: <b>{}</b> ({} confidence)</p>",
            escape(self.inner.procedure_kind.as_str()),
            self.inner.date,
            if self.inner.eligibility.eligible {
                "yes"
            } else {
                "no"
            },
            escape(self.inner.eligibility.confidence.as_str()),
        ));
        if let Some(f) = v.get("fees") {
            h.push_str("<table><thead><tr><th>line</th><th>label</th><th style=\"text-align:right\">amount (€)</th><th>status</th><th>confidence</th><th>explanation</th><th>source</th></tr></thead><tbody>");
            for l in f["lines"].as_array().map(Vec::as_slice).unwrap_or_default() {
                h.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td style=\"text-align:right\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&text(l, "code")),
                    escape(&text(l, "label_en")),
                    escape(l["amount"].as_str().unwrap_or("unknown")),
                    escape(&text(l, "status")),
                    escape(&text(l, "confidence")),
                    escape(&text(l, "explanation_en")),
                    escape(&text(l, "source")),
                ));
            }
            h.push_str(&format!(
                "</tbody><tfoot><tr><th colspan=\"2\">total</th><th style=\"text-align:right\">{}</th><td>{}</td><td>{}</td><td colspan=\"2\">regime {}</td></tr></tfoot></table>",
                escape(f["total"].as_str().unwrap_or("unknown")),
                escape(&text(f, "status")),
                escape(&text(f, "confidence")),
                escape(&text(f, "regime")),
            ));
        }
        if let Some(b) = v.get("fees").and_then(|f| f.get("bounds")) {
            h.push_str(&format!(
                "<p>Unknown total ({}): between {} € and {} €</p>",
                escape(&text(&v["fees"], "unknown_reason")),
                escape(b["low"].as_str().unwrap_or("?")),
                escape(b["high"].as_str().unwrap_or("?")),
            ));
        }
        if let Some(alts) = v["alternatives"].as_array().filter(|a| !a.is_empty()) {
            h.push_str("<p>On another reading of the texts:</p><ul>");
            for a in alts {
                h.push_str(&format!(
                    "<li>{} € — {} ({})</li>",
                    escape(a["total"].as_str().unwrap_or("unknown")),
                    escape(&text(a, "assumption_en")),
                    escape(
                        &a["sources"]
                            .as_array()
                            .map(Vec::as_slice)
                            .unwrap_or_default()
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            h.push_str("</ul>");
        }
        if let Some(ws) = v["warnings"].as_array().filter(|a| !a.is_empty()) {
            h.push_str("<p>Warnings:</p><ul>");
            for w in ws {
                h.push_str(&format!("<li>{}</li>", escape(&text(w, "message_en"))));
            }
            h.push_str("</ul>");
        }
        if let Some(cs) = v["eligibility"]["conditions"]
            .as_array()
            .filter(|a| !a.is_empty())
        {
            h.push_str("<p>Eligible provided that:</p><ul>");
            for c in cs {
                h.push_str(&format!(
                    "<li>{} ({})</li>",
                    escape(&text(c, "message_en")),
                    escape(&text(c, "source"))
                ));
            }
            h.push_str("</ul>");
        }
        if let Some(c) = v.get("cmi") {
            h.push_str(&format!(
                "<p>CMI fee: {}</p>",
                escape(c["fee"].as_str().unwrap_or("unknown"))
            ));
        }
        let reasons = &v["eligibility"]["reasons"];
        if let Some(rs) = reasons.as_array().filter(|a| !a.is_empty()) {
            h.push_str("<p>Not eligible because:</p><ul>");
            for r in rs {
                h.push_str(&format!(
                    "<li>{} ({})</li>",
                    escape(&text(r, "message_en")),
                    escape(&text(r, "source"))
                ));
            }
            h.push_str("</ul>");
        }
        h.push_str(&format!(
            "<p><small>parameters {} {}</small></p></div>",
            escape(&text(&v["parameters"], "name")),
            escape(&text(&v["parameters"], "fingerprint")),
        ));
        h
    }
}
