//! The explanation attached to every decision: each rule applied, the values it used, its source
//! and a confidence.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::money::{Confidence, Money, Share};
use crate::params::{MetaId, ParameterSet};

/// Where a rule comes from: a legal text named in the code, or an entry of the parameter file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceRef {
    /// A text cited in the code (article, fiche, date).
    Text(&'static str),
    /// An entry of the parameter set, with its sources, confidence and note.
    Param(MetaId),
}

/// A value used by a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceValue {
    /// An amount in euros.
    Money(Money),
    /// A share (1 = 100 %), e.g. a clean-vehicle exemption.
    Share(Share),
    /// A day.
    Date(NaiveDate),
    /// A fixed text (a code or a contract name).
    Text(&'static str),
    /// A yes or no fact.
    Bool(bool),
    /// A count (CV, months…).
    Count(u32),
    /// A zone of the parameter set, shown by its code.
    Zone(u16),
    /// A text built at evaluation time (a plate, a department…).
    Owned(String),
}

/// One rule applied.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceEntry {
    /// Stable rule id, e.g. `fees.y1.regional_rate`.
    pub rule: &'static str,
    /// What the rule did, in French.
    pub explanation_fr: &'static str,
    /// What the rule did, in English.
    pub explanation_en: &'static str,
    /// The values the rule used, by name, in the order used.
    pub values: Vec<(&'static str, TraceValue)>,
    /// Where the rule comes from.
    pub source: SourceRef,
    /// How sure the rule's result is.
    pub confidence: Confidence,
}

impl TraceEntry {
    /// A rule applied, with no value yet.
    #[must_use]
    pub fn new(
        rule: &'static str,
        explanation_fr: &'static str,
        explanation_en: &'static str,
        source: SourceRef,
        confidence: Confidence,
    ) -> Self {
        Self {
            rule,
            explanation_fr,
            explanation_en,
            values: Vec::new(),
            source,
            confidence,
        }
    }

    /// The same entry with one more value used.
    #[must_use]
    pub fn value(mut self, name: &'static str, v: TraceValue) -> Self {
        self.values.push((name, v));
        self
    }

    /// The same entry with these values used, in order: one allocation for them all (an entry is
    /// built on every evaluation).
    #[must_use]
    pub fn values<const N: usize>(mut self, values: [(&'static str, TraceValue); N]) -> Self {
        if self.values.is_empty() {
            self.values = Vec::from(values);
        } else {
            self.values.extend(values);
        }
        self
    }
}

/// Serialises trace entries against the parameter set they refer to.
pub(crate) struct TraceView<'a> {
    pub entries: &'a [TraceEntry],
    pub params: &'a Arc<ParameterSet>,
}

impl Serialize for TraceView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.entries.iter().map(|e| EntryView {
            entry: e,
            params: self.params,
        }))
    }
}

struct EntryView<'a> {
    entry: &'a TraceEntry,
    params: &'a ParameterSet,
}

impl Serialize for EntryView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.entry;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("rule", e.rule)?;
        m.serialize_entry("explanation_fr", e.explanation_fr)?;
        m.serialize_entry("explanation_en", e.explanation_en)?;
        m.serialize_entry(
            "values",
            &ValuesView {
                values: &e.values,
                params: self.params,
            },
        )?;
        match e.source {
            SourceRef::Text(t) => m.serialize_entry("source", t)?,
            SourceRef::Param(id) => {
                let meta = self.params.meta(id);
                m.serialize_entry("source", &meta.source)?;
                if let Some(note) = &meta.note {
                    m.serialize_entry("note", note)?;
                }
                m.serialize_entry("parameter_line", &meta.line)?;
            }
        }
        m.serialize_entry("confidence", &e.confidence)?;
        m.end()
    }
}

struct ValuesView<'a> {
    values: &'a [(&'static str, TraceValue)],
    params: &'a ParameterSet,
}

impl Serialize for ValuesView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.values.len()))?;
        for (k, v) in self.values {
            match v {
                TraceValue::Money(x) => m.serialize_entry(k, x)?,
                TraceValue::Share(x) => m.serialize_entry(k, &x.to_string())?,
                TraceValue::Date(x) => m.serialize_entry(k, x)?,
                TraceValue::Text(x) => m.serialize_entry(k, x)?,
                TraceValue::Bool(x) => m.serialize_entry(k, x)?,
                TraceValue::Count(x) => m.serialize_entry(k, x)?,
                TraceValue::Zone(z) => m.serialize_entry(
                    k,
                    self.params
                        .zones
                        .get(usize::from(*z))
                        .map_or("?", |z| z.code.as_str()),
                )?,
                TraceValue::Owned(x) => m.serialize_entry(k, x)?,
            }
        }
        m.end()
    }
}
