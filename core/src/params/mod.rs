//! The parameter set: every amount, rate, share, key date and default choice, with its validity
//! period, its source and a confidence, read from one TOML file (`core/params/duplicata.toml` is
//! embedded as the default).
//!
//! Loading checks the whole file and reports every problem with its place (line, column and path);
//! a file with any problem is rejected as a whole, so a running engine never sees half a tariff.

mod alternatives;
pub mod coverage;
mod days;
pub mod diff;
mod edit;
mod history;
mod keys;
mod load;
mod model;
#[cfg(test)]
mod tests;

pub use history::HistoryEntry;

pub use alternatives::AlternativeRef;
pub use edit::{ParameterFile, WHAT_IF_SOURCE};
pub(crate) use keys::InForce;
pub use keys::Scalars;

use history::Knowledge;
pub use model::*;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Error;
use crate::model::department::Department;

/// The embedded reference parameter file.
pub const DEFAULT_PARAMETERS: &str = include_str!("../../params/duplicata.toml");

/// The largest parameter file read (the reference file is about 100 KiB).
pub const MAX_PARAMS_BYTES: usize = 4 << 20;

/// The error of a parameter file over [`MAX_PARAMS_BYTES`].
#[must_use]
pub(crate) fn too_large(len: usize) -> Error {
    Error::with_code(
        crate::error::ErrorCode::RequestTooLarge,
        None,
        format!(
            "fichier de paramètres trop grand ({len} octets ou plus, maximum {MAX_PARAMS_BYTES})"
        ),
        format!("parameter file too large ({len} bytes or more, at most {MAX_PARAMS_BYTES})"),
    )
}

/// The last representable day, used as the end of an open period.
pub const OPEN_END: NaiveDate = NaiveDate::MAX;

/// A validated parameter set. Immutable; build an engine from it with `Engine::new`.
#[derive(Debug, Clone)]
pub struct ParameterSet {
    /// Name of the parameter set (`[parameter_set] name`).
    pub name: String,
    /// What the set is, in the file's words.
    pub description: Option<String>,
    /// The day the set was published.
    pub published: Option<NaiveDate>,
    /// The day the values were last reviewed against the sources (`[parameter_set] reviewed`):
    /// a request dated after it is warned that a later deliberation may change them.
    pub reviewed: Option<NaiveDate>,
    /// First day the file covers.
    pub starts: NaiveDate,
    /// `sha256:` and the hex digest of the file's bytes.
    pub fingerprint: String,
    /// The cited sources, by id.
    pub sources: Vec<Source>,
    /// Source, confidence and note of every value (indexed by [`MetaId`]).
    pub meta: Vec<ValueMeta>,
    /// The key dates the engine needs (SIV opening, online only, CMI…).
    pub dates: KeyDates,
    /// The dated values of the whole file, one series per key (amounts, shares, durations…).
    pub scalars: Scalars,
    /// The administrative regions over time.
    pub regions: Vec<Region>,
    /// The rate zones over time, each with its rate and clean-vehicle share.
    pub zones: Vec<Zone>,
    /// For each department (by index): (from, to, region index), in date order.
    pub(crate) department_regions: Vec<Vec<(NaiveDate, NaiveDate, u16)>>,
    /// For each department (by index): (from, to, zone index), in date order.
    pub(crate) department_zones: Vec<Vec<(NaiveDate, NaiveDate, u16)>>,
    source_index: HashMap<String, usize>,
    /// The JSON of each value's source, written once (the decision's writer copies it).
    meta_json: Vec<MetaJson>,
    identity_json: String,
    /// The views of the file as known on earlier days (`known_from`, `known_until`).
    pub(crate) knowledge: Knowledge,
    /// The parameter set of each alternative reading, built on first use (see `alternatives.rs`).
    alternative_sets: alternatives::AlternativeSets,
    /// For each value (by [`MetaId`]): the date of its earliest source when all are dated, dense
    /// for the fee path (`explain::era`); `NaiveDate::MIN` when not all are dated (no day is
    /// before it, so one comparison answers).
    pub(crate) sources_from: Vec<NaiveDate>,
    /// The day after the last review and the day after its first anniversary (`explain::era`).
    pub(crate) review_limits: Option<(NaiveDate, NaiveDate)>,
    /// The classes of days of the dated series, for the fee path (`params/days.rs`).
    pub(crate) days: days::Days,
}

/// Pre-written JSON of a value's source.
#[derive(Debug, Clone)]
pub(crate) struct MetaJson {
    /// The source as a JSON string.
    pub source: String,
    /// `,"source":…[,"note":…],"parameter_line":N` as a trace entry ends.
    pub trace_tail: String,
}

impl MetaJson {
    fn new(m: &ValueMeta) -> Self {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let source = q(&m.source);
        let note = m
            .note
            .as_deref()
            .map(|n| format!(",\"note\":{}", q(n)))
            .unwrap_or_default();
        let trace_tail = format!(",\"source\":{source}{note},\"parameter_line\":{}", m.line);
        MetaJson { source, trace_tail }
    }
}

impl ParameterSet {
    pub(crate) fn meta_json(&self, id: MetaId) -> &MetaJson {
        &self.meta_json[id as usize]
    }

    /// `{"name":…,"fingerprint":…}`.
    pub(crate) fn identity_json(&self) -> &str {
        &self.identity_json
    }

    /// The embedded reference parameters.
    ///
    /// # Errors
    ///
    /// `params.invalid` if the embedded file were refused (a test checks it is not).
    pub fn embedded() -> Result<Self, Error> {
        Self::from_toml(DEFAULT_PARAMETERS)
    }

    /// Reads and checks a parameter file; every problem is listed in the error's `problems`.
    ///
    /// # Errors
    ///
    /// `params.invalid`, with every problem of the file, each with its line, column and path.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        history::load(text)
    }

    /// Reads and checks a parameter file given as bytes. Bytes that are not UTF-8 are problems
    /// (`params.syntax`) with their line and column, each one; the rest of the file is still
    /// checked (each invalid sequence read as U+FFFD) so that its other problems are reported in
    /// the same pass.
    ///
    /// # Errors
    ///
    /// `request.too_large` over [`MAX_PARAMS_BYTES`]; `params.invalid` as [`Self::from_toml`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() > MAX_PARAMS_BYTES {
            return Err(too_large(bytes.len()));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::from_toml(text),
            Err(_) => Err(load::not_utf8(bytes)),
        }
    }

    /// The source, confidence and note of the value `id`.
    #[must_use]
    pub fn meta(&self, id: MetaId) -> &ValueMeta {
        &self.meta[id as usize]
    }

    /// A source by id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// The zone whose rate applies to `department` on `date`.
    #[must_use]
    pub fn zone_at(&self, department: Department, date: NaiveDate) -> Option<&Zone> {
        self.department_zones[department.index()]
            .iter()
            .find(|(from, to, _)| *from <= date && date <= *to)
            .map(|&(_, _, z)| &self.zones[usize::from(z)])
    }

    /// The administrative region of `department` on `date`.
    #[must_use]
    pub fn region_at(&self, department: Department, date: NaiveDate) -> Option<&Region> {
        self.department_regions[department.index()]
            .iter()
            .find(|(from, to, _)| *from <= date && date <= *to)
            .map(|&(_, _, r)| &self.regions[usize::from(r)])
    }

    /// A zone by code.
    #[must_use]
    pub fn zone(&self, code: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.code == code)
    }
}
