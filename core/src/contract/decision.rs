//! The decision: eligibility, fees, plate, documents, validity, procedure and the trace that
//! explains them, as the JSON contract names them.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::carte_grise::documents::Document;
use crate::carte_grise::fees::explain::{SourceText, line_text};
use crate::carte_grise::fees::{FeeAlternative, FeeBreakdown, FeeLine, Warning};
use crate::contract::outcome::{CmiOutcome, Eligibility, ProcedureInfo, ValidityItem};
use crate::contract::request::ProcedureKind;
use crate::explain::trace::{SourceRef, TraceEntry, TraceValue, TraceView};
use crate::model::money::Money;
use crate::model::plate::{Plate, PlateSystem};
use crate::params::ParameterSet;

/// What happens to the registration number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlateOutcome {
    /// Numbering system of the registration number (SIV, FNI, cyclomoteur, W, WW).
    pub system: PlateSystem,
    /// The registration number in its canonical form (`AB-123-CD`, `123 AB 45`, …).
    pub normalized: crate::model::plate::InlineStr<12>,
    /// For a number of the former FNI: the department code it bears.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<crate::model::plate::InlineStr<3>>,
    /// The duplicata converts an FNI number: a new SIV number is assigned for life.
    pub conversion: bool,
    /// New plates must be fitted with the new number.
    pub plates_must_change: bool,
}

impl PlateOutcome {
    pub(crate) fn new(plate: &Plate, conversion: bool) -> Self {
        PlateOutcome {
            system: plate.system,
            normalized: plate.normalized,
            department: plate.department,
            conversion,
            plates_must_change: conversion,
        }
    }
}

/// The engine's answer to a request. Serialise it (`to_json`) for the JSON contract.
#[derive(Debug, Clone)]
pub struct Decision {
    pub(crate) params: Arc<ParameterSet>,
    /// Which procedure was answered.
    pub procedure_kind: ProcedureKind,
    /// The day the rules were taken as in force.
    pub date: NaiveDate,
    /// Whether the request may be filed, by whom, and on which conditions.
    pub eligibility: Eligibility,
    /// Fees of a carte-grise duplicata (`None` for a CMI request, whose fee is in `cmi`).
    pub fees: Option<FeeBreakdown>,
    /// The fees under the other readings of the values they depend on (empty when none: the
    /// key `alternatives` is then absent from the JSON).
    pub alternatives: Vec<FeeAlternative>,
    /// Later sources only, date after the last review (empty when none: `warnings` is absent).
    pub warnings: Vec<Warning>,
    /// What happens to the registration number (carte grise only).
    pub plate: Option<PlateOutcome>,
    /// The documents to provide, in contract order.
    pub documents: Vec<&'static Document>,
    /// The validity and timing rules that apply (provisional certificate, contrôle technique…).
    pub validity: Vec<ValidityItem>,
    /// The procedure that applies on the request's date (channel, steps, payment).
    pub procedure: Option<&'static ProcedureInfo>,
    /// The CMI part of the answer (`None` for a carte-grise request).
    pub cmi: Option<CmiOutcome>,
    /// Every rule and value used, with its source, in evaluation order.
    pub trace: Vec<TraceEntry>,
    /// The day whose knowledge of the parameters was used (`as_known_on` of the request).
    pub as_known_on: Option<NaiveDate>,
}

impl Decision {
    /// The parameter set the decision was evaluated with.
    #[must_use]
    pub fn parameters(&self) -> &ParameterSet {
        &self.params
    }

    /// The total to pay, if known.
    #[must_use]
    pub fn total(&self) -> Option<Money> {
        match (&self.fees, &self.cmi) {
            (Some(f), _) => f.total,
            (None, Some(c)) => c.fee,
            (None, None) => None,
        }
    }

    /// The decision as JSON text (the contract of `docs/schema/decision.schema.json`).
    ///
    /// Byte-for-byte the output of the `Serialize` implementation, written faster: the static
    /// parts (labels, steps, documents) are copied from their JSON serialised once per thread.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        use crate::contract::fast::{
            Key, chunk, code, date, keyed, list, list_chunk, money, q, quoted, ser, st,
        };
        use std::fmt::Write;
        let p = &*self.params;
        let boolean = |out: &mut String, b: bool| out.push_str(if b { "true" } else { "false" });
        out.push_str("{\"procedure\":");
        // Keys of the per-thread cache are addresses of static data (never small integers), so
        // the keys of different pieces cannot meet.
        let info_key = self
            .procedure
            .map_or(usize::MAX, |i| std::ptr::from_ref(i) as usize);
        keyed(
            out,
            (info_key, self.procedure_kind as usize),
            &ProcedureView {
                kind: self.procedure_kind,
                info: self.procedure,
            },
        );
        out.push_str(",\"date\":");
        date(out, self.date);
        let el = &self.eligibility;
        out.push_str(",\"eligibility\":{\"eligible\":");
        boolean(out, el.eligible);
        out.push_str(",\"applicant\":");
        code(out, el.applicant.as_str());
        out.push_str(",\"confidence\":");
        code(out, el.confidence.as_str());
        out.push_str(",\"reasons\":");
        list(out, &el.reasons);
        out.push_str(",\"remedies\":");
        list(out, &el.remedies);
        out.push_str(",\"who_may_apply\":");
        list(out, &el.who_may_apply);
        out.push_str(",\"conditions\":");
        list(out, &el.conditions);
        out.push('}');
        if let Some(f) = &self.fees {
            out.push_str(",\"fees\":{\"status\":");
            code(out, f.status());
            out.push_str(",\"total\":");
            match f.total {
                Some(t) => money(out, t),
                None => out.push_str("null"),
            }
            out.push_str(",\"currency\":\"EUR\",\"confidence\":");
            code(out, f.confidence.as_str());
            out.push_str(",\"regime\":");
            code(out, f.regime.as_str());
            out.push_str(",\"highest_event_only\":");
            boolean(out, f.highest_event_meta.is_some());
            if let Some(r) = f.unknown_reason {
                out.push_str(",\"unknown_reason\":");
                code(out, r.code());
            }
            if let Some(b) = f.bounds {
                out.push_str(",\"bounds\":{\"low\":");
                money(out, b.low);
                out.push_str(",\"high\":");
                money(out, b.high);
                out.push('}');
            }
            out.push_str(",\"lines\":[");
            for (i, l) in f.lines.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let (fr, en, source) = line_text(l);
                chunk(
                    out,
                    (
                        l.code.label_fr().as_ptr() as usize,
                        l.code.label_en().as_ptr() as usize,
                    ),
                    || {
                        format!(
                            "{{\"code\":{},\"label_fr\":{},\"label_en\":{},\"amount\":",
                            q(l.code.as_str()),
                            q(l.code.label_fr()),
                            q(l.code.label_en())
                        )
                    },
                );
                match l.amount {
                    Some(a) => money(out, a),
                    None => out.push_str("null"),
                }
                out.push_str(",\"status\":");
                code(out, l.status().code());
                out.push_str(",\"confidence\":");
                code(out, l.confidence.as_str());
                chunk(out, (fr.as_ptr() as usize, en.as_ptr() as usize), || {
                    format!(
                        ",\"explanation_fr\":{},\"explanation_en\":{},\"source\":",
                        q(fr),
                        q(en)
                    )
                });
                match source {
                    SourceText::Text(t) => st(out, t),
                    SourceText::Param(id) => out.push_str(&p.meta_json(id).source),
                }
                out.push('}');
            }
            out.push_str("]}");
        }
        if !self.alternatives.is_empty() {
            out.push_str(",\"alternatives\":");
            ser(out, &AlternativesView(&self.alternatives));
        }
        if !self.warnings.is_empty() {
            out.push_str(",\"warnings\":");
            ser(out, &WarningsView(&self.warnings));
        }
        if let Some(plate) = &self.plate {
            out.push_str(",\"plate\":");
            ser(out, plate);
        }
        out.push_str(",\"documents\":");
        list(out, &self.documents);
        out.push_str(",\"validity\":");
        // Every field of every item is in the key: an item is its static strings and duration.
        let mut key = Key::new(usize::MAX);
        for item in &self.validity {
            let duration = item
                .duration
                .map_or(0, |d| d.amount as usize * 4 + d.unit as usize + 1);
            for part in [item.code, item.label_fr, item.label_en, item.source] {
                key.push(part.as_ptr() as usize);
            }
            let period = item.period;
            for part in [period.from, period.until] {
                key.push(part.map_or(0, |p| p.as_ptr() as usize));
            }
            key.push(period.source.as_ptr() as usize);
            key.push(duration);
        }
        list_chunk(out, key.as_slice(), || {
            serde_json::to_string(&self.validity).unwrap_or_default()
        });
        if let Some(c) = &self.cmi {
            out.push_str(",\"cmi\":");
            ser(out, c);
        }
        out.push_str(",\"trace\":[");
        for (i, e) in self.trace.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            chunk(
                out,
                (e.rule.as_ptr() as usize, e.explanation_fr.as_ptr() as usize),
                || {
                    format!(
                        "{{\"rule\":{},\"explanation_fr\":{},\"explanation_en\":{},\"values\":{{",
                        q(e.rule),
                        q(e.explanation_fr),
                        q(e.explanation_en)
                    )
                },
            );
            for (k, (name, v)) in e.values.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                code(out, name);
                out.push(':');
                match v {
                    TraceValue::Money(x) => money(out, *x),
                    TraceValue::Share(x) => quoted(out, x),
                    TraceValue::Date(x) => date(out, *x),
                    TraceValue::Text(x) => st(out, x),
                    TraceValue::Bool(x) => boolean(out, *x),
                    TraceValue::Count(x) => {
                        let _ = write!(out, "{x}");
                    }
                    TraceValue::Zone(z) => ser(
                        out,
                        p.zones
                            .get(usize::from(*z))
                            .map_or("?", |z| z.code.as_str()),
                    ),
                    TraceValue::Owned(x) => ser(out, x),
                }
            }
            out.push('}');
            match e.source {
                SourceRef::Text(t) => {
                    out.push_str(",\"source\":");
                    st(out, t);
                }
                SourceRef::Param(id) => out.push_str(&p.meta_json(id).trace_tail),
            }
            out.push_str(",\"confidence\":");
            code(out, e.confidence.as_str());
            out.push('}');
        }
        out.push_str("],\"parameters\":");
        let identity = p.identity_json();
        match self.as_known_on {
            None => out.push_str(identity),
            Some(day) => {
                out.push_str(&identity[..identity.len() - 1]);
                out.push_str(",\"as_known_on\":");
                date(out, day);
                out.push('}');
            }
        }
        out.push('}');
    }

    /// The decision as indented JSON text.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "procedure",
            &ProcedureView {
                kind: self.procedure_kind,
                info: self.procedure,
            },
        )?;
        m.serialize_entry("date", &self.date)?;
        m.serialize_entry("eligibility", &self.eligibility)?;
        if let Some(f) = &self.fees {
            m.serialize_entry(
                "fees",
                &FeesView {
                    fees: f,
                    params: &self.params,
                },
            )?;
        }
        if !self.alternatives.is_empty() {
            m.serialize_entry("alternatives", &AlternativesView(&self.alternatives))?;
        }
        if !self.warnings.is_empty() {
            m.serialize_entry("warnings", &WarningsView(&self.warnings))?;
        }
        if let Some(p) = &self.plate {
            m.serialize_entry("plate", p)?;
        }
        m.serialize_entry("documents", &self.documents)?;
        m.serialize_entry("validity", &self.validity)?;
        if let Some(c) = &self.cmi {
            m.serialize_entry("cmi", c)?;
        }
        m.serialize_entry(
            "trace",
            &TraceView {
                entries: &self.trace,
                params: &self.params,
            },
        )?;
        m.serialize_entry(
            "parameters",
            &ParamsView {
                name: &self.params.name,
                fingerprint: &self.params.fingerprint,
                as_known_on: self.as_known_on,
            },
        )?;
        m.end()
    }
}

#[derive(Serialize)]
struct ParamsView<'a> {
    name: &'a str,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_known_on: Option<NaiveDate>,
}

struct ProcedureView<'a> {
    kind: ProcedureKind,
    info: Option<&'a ProcedureInfo>,
}

impl Serialize for ProcedureView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", &self.kind)?;
        if let Some(i) = self.info {
            m.serialize_entry("variant", i.kind)?;
            m.serialize_entry("channel", &i.channel)?;
            m.serialize_entry("held_for_review", &i.held_for_review)?;
            m.serialize_entry("payment_means", i.payment_means)?;
            m.serialize_entry("steps", i.steps)?;
            m.serialize_entry("end_products", i.end_products)?;
            m.serialize_entry("source", i.source)?;
        }
        m.end()
    }
}

struct FeesView<'a> {
    fees: &'a FeeBreakdown,
    params: &'a ParameterSet,
}

impl Serialize for FeesView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.fees;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("status", f.status())?;
        m.serialize_entry("total", &f.total)?;
        m.serialize_entry("currency", "EUR")?;
        m.serialize_entry("confidence", &f.confidence)?;
        m.serialize_entry("regime", &f.regime)?;
        m.serialize_entry("highest_event_only", &f.highest_event_meta.is_some())?;
        if let Some(r) = f.unknown_reason {
            m.serialize_entry("unknown_reason", r.code())?;
        }
        if let Some(b) = f.bounds {
            m.serialize_entry(
                "bounds",
                &BoundsView {
                    low: b.low,
                    high: b.high,
                },
            )?;
        }
        let lines: Vec<LineView<'_>> = f
            .lines
            .iter()
            .map(|l| LineView {
                line: l,
                params: self.params,
            })
            .collect();
        m.serialize_entry("lines", &lines)?;
        m.end()
    }
}

struct LineView<'a> {
    line: &'a FeeLine,
    params: &'a ParameterSet,
}

impl Serialize for LineView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.line;
        let (fr, en, source) = line_text(l);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", l.code.as_str())?;
        m.serialize_entry("label_fr", l.code.label_fr())?;
        m.serialize_entry("label_en", l.code.label_en())?;
        m.serialize_entry("amount", &l.amount)?;
        m.serialize_entry("status", l.status().code())?;
        m.serialize_entry("confidence", &l.confidence)?;
        m.serialize_entry("explanation_fr", fr)?;
        m.serialize_entry("explanation_en", en)?;
        m.serialize_entry("source", &SourceView(source, self.params))?;
        m.end()
    }
}

/// A source resolved against the parameter set, for serialisation.
struct SourceView<'p>(SourceText, &'p ParameterSet);

impl Serialize for SourceView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            SourceText::Text(t) => s.serialize_str(t),
            SourceText::Param(id) => s.serialize_str(&self.1.meta(id).source),
        }
    }
}

#[derive(Serialize)]
struct BoundsView {
    low: Money,
    high: Money,
}

/// The decision's `alternatives`: each other reading with its total and lines.
struct AlternativesView<'a>(&'a [FeeAlternative]);

impl Serialize for AlternativesView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Line {
            code: &'static str,
            amount: Option<Money>,
        }
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
            assumption_fr: &'a str,
            assumption_en: &'a str,
            sources: &'a [String],
            total: Option<Money>,
            lines: Vec<Line>,
        }
        s.collect_seq(self.0.iter().map(|a| {
            Item {
                id: &a.id,
                assumption_fr: &a.assumption_fr,
                assumption_en: &a.assumption_en,
                sources: &a.sources,
                total: a.total,
                lines: a
                    .lines
                    .iter()
                    .map(|&(code, amount)| Line {
                        code: code.as_str(),
                        amount,
                    })
                    .collect(),
            }
        }))
    }
}

/// The decision's `warnings`.
struct WarningsView<'a>(&'a [Warning]);

impl Serialize for WarningsView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Item<'a> {
            code: &'static str,
            message_fr: &'static str,
            message_en: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<&'static str>,
            source: &'a str,
        }
        s.collect_seq(self.0.iter().map(|w| Item {
            code: w.note.code,
            message_fr: w.note.message_fr,
            message_en: w.note.message_en,
            line: w.line.map(|l| l.as_str()),
            source: &w.source,
        }))
    }
}
