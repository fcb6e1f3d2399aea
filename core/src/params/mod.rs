//! The parameter set: every amount, rate, share, key date and default choice, with its validity
//! period, its source and a confidence, read from one TOML file (`core/params/duplicata.toml` is
//! embedded as the default).
//!
//! Loading checks the whole file and reports every problem with its place (line, column and path);
//! a file with any problem is rejected as a whole, so a running engine never sees half a tariff.

pub mod coverage;
mod edit;
mod keys;
mod load;
mod model;
#[cfg(test)]
mod tests;

use load::Loader;

pub use edit::{ParameterFile, WHAT_IF_SOURCE};
pub use keys::Scalars;
pub use model::*;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Error;
use crate::model::department::Department;

/// The embedded reference parameter file.
pub const DEFAULT_PARAMETERS: &str = include_str!("../../params/duplicata.toml");

/// The last representable day, used as the end of an open period.
pub const OPEN_END: NaiveDate = NaiveDate::MAX;

/// A validated parameter set. Immutable; build an engine from it with `Engine::new`.
#[derive(Debug, Clone)]
pub struct ParameterSet {
    pub name: String,
    pub description: Option<String>,
    pub published: Option<NaiveDate>,
    /// First day the file covers.
    pub starts: NaiveDate,
    /// `sha256:` and the hex digest of the file's bytes.
    pub fingerprint: String,
    pub sources: Vec<Source>,
    pub meta: Vec<ValueMeta>,
    pub dates: KeyDates,
    pub scalars: Scalars,
    pub regions: Vec<Region>,
    pub zones: Vec<Zone>,
    /// For each department (by index): (from, to, region index), in date order.
    pub(crate) department_regions: Vec<Vec<(NaiveDate, NaiveDate, u16)>>,
    /// For each department (by index): (from, to, zone index), in date order.
    pub(crate) department_zones: Vec<Vec<(NaiveDate, NaiveDate, u16)>>,
    source_index: HashMap<String, usize>,
    /// The JSON of each value's source, written once (the decision's writer copies it).
    meta_json: Vec<MetaJson>,
    identity_json: String,
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
        Loader::new(text).load()
    }

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
