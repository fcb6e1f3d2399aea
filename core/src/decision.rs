//! The decision: eligibility, fees, plate, documents, validity, procedure and the trace that
//! explains them, as the JSON contract names them.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::cmi::CmiOutcome;
use crate::documents::Document;
use crate::eligibility::Eligibility;
use crate::fees::{FeeBreakdown, FeeLine, LineCode, LineRule};
use crate::money::{Confidence, Money, Share};
use crate::outcome::{ProcedureInfo, ValidityItem};
use crate::params::{MetaId, ParameterSet};
use crate::plate::{Plate, PlateSystem};
use crate::request::ProcedureKind;
use crate::trace::{SourceRef, TraceEntry, TraceValue, TraceView};

/// What happens to the registration number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlateOutcome {
    pub system: PlateSystem,
    pub normalized: crate::plate::InlineStr<12>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<crate::plate::InlineStr<3>>,
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
    pub procedure_kind: ProcedureKind,
    /// The day the rules were taken as in force.
    pub date: NaiveDate,
    pub eligibility: Eligibility,
    /// Fees of a carte-grise duplicata (`None` for a CMI request, whose fee is in `cmi`).
    pub fees: Option<FeeBreakdown>,
    pub plate: Option<PlateOutcome>,
    pub documents: Vec<&'static Document>,
    pub validity: Vec<ValidityItem>,
    pub procedure: Option<&'static ProcedureInfo>,
    pub cmi: Option<CmiOutcome>,
    pub trace: Vec<TraceEntry>,
}

impl Decision {
    /// The parameter set the decision was evaluated with.
    pub fn parameters(&self) -> &ParameterSet {
        &self.params
    }

    /// The total to pay, if known.
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
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        use crate::fastjson::{
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
        out.push('}');
        if let Some(f) = &self.fees {
            out.push_str(",\"fees\":{\"status\":");
            out.push_str(if f.total.is_some() {
                "\"known\""
            } else {
                "\"unknown\""
            });
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
                code(out, line_status(l));
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
        out.push_str(p.identity_json());
        out.push('}');
    }

    /// The decision as indented JSON text.
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
            },
        )?;
        m.end()
    }
}

#[derive(Serialize)]
struct ParamsView<'a> {
    name: &'a str,
    fingerprint: &'a str,
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
        m.serialize_entry(
            "status",
            if f.total.is_some() {
                "known"
            } else {
                "unknown"
            },
        )?;
        m.serialize_entry("total", &f.total)?;
        m.serialize_entry("currency", "EUR")?;
        m.serialize_entry("confidence", &f.confidence)?;
        m.serialize_entry("regime", &f.regime)?;
        m.serialize_entry("highest_event_only", &f.highest_event_meta.is_some())?;
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
        m.serialize_entry("status", line_status(l))?;
        m.serialize_entry("confidence", &l.confidence)?;
        m.serialize_entry("explanation_fr", fr)?;
        m.serialize_entry("explanation_en", en)?;
        m.serialize_entry("source", &SourceView(source, self.params))?;
        m.end()
    }
}

fn line_status(l: &FeeLine) -> &'static str {
    match l.amount {
        None => "unknown",
        Some(a) if a == Money::ZERO => "not_due",
        Some(_) => "due",
    }
}

/// The explanation and source of a fee line.
pub(crate) fn line_text(l: &FeeLine) -> (&'static str, &'static str, SourceText) {
    let meta = SourceText::Param;
    match (l.code, l.rule) {
        (
            _,
            LineRule::ExemptClean {
                national: true,
                meta: id,
                ..
            },
        ) => (
            "véhicule électrique ou à hydrogène : exonération totale de la taxe régionale",
            "electric or hydrogen vehicle: total exemption from the regional tax",
            meta(id),
        ),
        (
            _,
            LineRule::ExemptClean {
                national: false,
                meta: id,
                ..
            },
        ) => (
            "véhicule propre : exonération régionale totale de la taxe régionale",
            "clean vehicle: total regional exemption from the regional tax",
            meta(id),
        ),
        (
            _,
            LineRule::RegionalRate {
                part,
                exemption,
                rate_meta,
                ..
            },
        ) => {
            let quarter = part != Share::ONE;
            let partial = exemption != Share::ZERO;
            let (fr, en) = match (quarter, partial) {
                (false, false) => (
                    "1 cheval fiscal au taux de la région du domicile, arrondi à l'euro",
                    "1 fiscal horsepower at the rate of the holder's region, rounded to the euro",
                ),
                (true, false) => (
                    "deux-roues de 125 cm3 au plus : 1/4 du taux d'un cheval fiscal, arrondi à l'euro",
                    "two-wheeler up to 125 cm3: 1/4 of the rate of one fiscal horsepower, rounded to the euro",
                ),
                (_, true) => (
                    "taux d'un cheval fiscal diminué de l'exonération régionale des véhicules propres, arrondi à l'euro",
                    "rate of one fiscal horsepower less the regional clean-vehicle exemption, rounded to the euro",
                ),
            };
            (fr, en, meta(rate_meta))
        }
        (LineCode::Y1, LineRule::NotDueUnderRegime { regime_meta }) => (
            "taxe régionale non due sur un duplicata (seul un changement de propriétaire y donne lieu)",
            "no regional tax on a duplicata (only a change of owner gives rise to it)",
            meta(regime_meta),
        ),
        (_, LineRule::NotDueUnderRegime { regime_meta }) => {
            ("non due", "not due", meta(regime_meta))
        }
        (LineCode::Y5, LineRule::NotDueMoped { .. }) => (
            "redevance non due pour un cyclomoteur",
            "no delivery fee for a cyclomoteur",
            SourceText::Text("décret n° 2008-850 du 26 août 2008"),
        ),
        (_, LineRule::NotDueMoped { switch_meta }) => (
            "cyclomoteur de 50 cm3 au plus : taxe non due",
            "cyclomoteur up to 50 cm3: tax not due",
            switch_meta.map_or(
                SourceText::Text("CGI art. 1599 octodecies 4; service-public F19211 (2019)"),
                meta,
            ),
        ),
        (_, LineRule::NotDueFniConversion { switch_meta }) => (
            "numéro FNI converti au SIV : taxe non due pour la seule conversion",
            "FNI number converted to SIV: no tax for the conversion alone",
            switch_meta.map_or(
                SourceText::Text(
                    "CGI art. 1599 octodecies 3-c; service-public F19211 (2019, 2020)",
                ),
                meta,
            ),
        ),
        (_, LineRule::NotDueTotalExemption) => (
            "exonération totale de la taxe régionale : la taxe de gestion n'est pas due non plus",
            "total exemption from the regional tax: the management tax is not due either",
            SourceText::Text("CGI art. 1628-0 bis II; service-public F19211 (2019)"),
        ),
        (_, LineRule::NotDueNaturalDisaster { switch_meta }) => (
            "duplicata après intempéries : dispense",
            "duplicata after a natural disaster: dispensed",
            meta(switch_meta),
        ),
        (_, LineRule::UnknownRate { gap_meta, .. }) => (
            "taux régional inconnu à cette date (lacune documentée des sources)",
            "regional rate unknown on that date (documented gap of the sources)",
            meta(gap_meta),
        ),
        (_, LineRule::UnknownExemption { gap_meta, .. }) => (
            "part d'exonération régionale des véhicules propres inconnue à cette date",
            "regional clean-vehicle exemption share unknown on that date",
            meta(gap_meta),
        ),
        (LineCode::Y4, LineRule::Fixed { meta: id }) => (
            "taxe de gestion (jusqu'en 2020) ou taxe fixe (depuis 2021), montant fixe",
            "management tax (until 2020) or fixed tax (since 2021), fixed amount",
            meta(id),
        ),
        (LineCode::Y5, LineRule::Fixed { meta: id }) => (
            "redevance d'acheminement du titre au domicile, ajoutée sans arrondi",
            "fee for delivering the card to the holder's home, added unrounded",
            meta(id),
        ),
        (_, LineRule::Fixed { meta: id }) => ("montant fixe", "fixed amount", meta(id)),
        (_, LineRule::NeverOnDuplicata) => (
            "jamais due sur un duplicata",
            "never due on a duplicata",
            SourceText::Text(
                "service-public F19211 (2019, 2020): duplicata in the Y2 exemption list; CIBS L421-30",
            ),
        ),
    }
}

/// A source as text, from the code or from the parameter file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceText {
    Text(&'static str),
    Param(MetaId),
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

/// The trace entries of the fees.
pub(crate) fn fee_trace(params: &ParameterSet, f: &FeeBreakdown, trace: &mut Vec<TraceEntry>) {
    let regime_conf = params.meta(f.regime_meta).confidence;
    trace.push(
        TraceEntry::new(
            "fees.regime",
            "régime légal des taxes en vigueur à la date de la demande",
            "legal regime of the taxes in force on the request's date",
            SourceRef::Param(f.regime_meta),
            regime_conf,
        )
        .value("regime", TraceValue::Text(f.regime.as_str()))
        .value("date", TraceValue::Date(f.date)),
    );
    for l in &f.lines {
        if l.code == LineCode::Y2 || l.code == LineCode::Y3 {
            continue;
        }
        let (fr, en, _) = line_text(l);
        let (rule, source) = match l.rule {
            LineRule::RegionalRate { rate_meta, .. } => {
                ("fees.y1.regional_rate", SourceRef::Param(rate_meta))
            }
            LineRule::NotDueUnderRegime { regime_meta } => {
                ("fees.y1.not_due", SourceRef::Param(regime_meta))
            }
            LineRule::NotDueMoped {
                switch_meta: Some(m),
            } => ("fees.not_due.moped", SourceRef::Param(m)),
            LineRule::NotDueMoped { switch_meta: None } if l.code == LineCode::Y5 => (
                "fees.y5.not_due.moped",
                SourceRef::Text("décret n° 2008-850 du 26 août 2008"),
            ),
            LineRule::NotDueMoped { switch_meta: None } => (
                "fees.not_due.moped",
                SourceRef::Text("CGI art. 1599 octodecies 4; service-public F19211 (2019)"),
            ),
            LineRule::NotDueFniConversion {
                switch_meta: Some(m),
            } => ("fees.not_due.fni_conversion", SourceRef::Param(m)),
            LineRule::NotDueFniConversion { switch_meta: None } => (
                "fees.not_due.fni_conversion",
                SourceRef::Text("CGI art. 1599 octodecies 3-c; service-public F19211 (2019, 2020)"),
            ),
            LineRule::ExemptClean { meta, .. } => {
                ("fees.y1.clean_exemption", SourceRef::Param(meta))
            }
            LineRule::NotDueTotalExemption => (
                "fees.y4.not_due.total_exemption",
                SourceRef::Text("CGI art. 1628-0 bis II; service-public F19211 (2019)"),
            ),
            LineRule::NotDueNaturalDisaster { switch_meta } => (
                "fees.not_due.natural_disaster",
                SourceRef::Param(switch_meta),
            ),
            LineRule::UnknownRate { gap_meta, .. } => {
                ("fees.y1.unknown_rate", SourceRef::Param(gap_meta))
            }
            LineRule::UnknownExemption { gap_meta, .. } => {
                ("fees.y1.unknown_exemption", SourceRef::Param(gap_meta))
            }
            LineRule::Fixed { meta } if l.code == LineCode::Y4 => {
                ("fees.y4.amount", SourceRef::Param(meta))
            }
            LineRule::Fixed { meta } => ("fees.y5.amount", SourceRef::Param(meta)),
            LineRule::NeverOnDuplicata => continue,
        };
        let mut entry = TraceEntry::new(rule, fr, en, source, l.confidence)
            .value("line", TraceValue::Text(l.code.as_str()));
        if let Some(a) = l.amount {
            entry = entry.value("amount", TraceValue::Money(a));
        }
        match l.rule {
            LineRule::RegionalRate {
                zone,
                per_cv,
                part,
                exemption,
                ..
            } => {
                let unrounded = per_cv.times_share(part.times(exemption.complement()));
                entry = entry
                    .value("zone", TraceValue::Zone(zone))
                    .value("rate_per_cv", TraceValue::Money(per_cv))
                    .value("part", TraceValue::Share(part))
                    .value("exemption_share", TraceValue::Share(exemption))
                    .value("before_rounding", TraceValue::Money(unrounded));
            }
            LineRule::ExemptClean {
                zone: Some(zone), ..
            } => entry = entry.value("zone", TraceValue::Zone(zone)),
            LineRule::UnknownRate { zone, .. } | LineRule::UnknownExemption { zone, .. } => {
                entry = entry.value("zone", TraceValue::Zone(zone));
                if let Some((before, after)) = known_around(
                    params,
                    zone,
                    f.date,
                    matches!(l.rule, LineRule::UnknownRate { .. }),
                ) {
                    if let Some(b) = before {
                        entry = entry.value("known_before", TraceValue::Owned(b));
                    }
                    if let Some(a) = after {
                        entry = entry.value("known_after", TraceValue::Owned(a));
                    }
                }
            }
            _ => {}
        }
        trace.push(entry);
    }
    if let Some(m) = f.highest_event_meta {
        trace.push(
            TraceEntry::new(
                "fees.highest_event_only",
                "changement d'adresse demandé en même temps : seul l'événement le plus taxé est facturé (le changement d'adresse est exonéré)",
                "change of address asked at the same time: only the most taxed event is charged (the change of address is exempt)",
                SourceRef::Param(m),
                params.meta(m).confidence,
            )
            .value("charged_event", TraceValue::Text("duplicata")),
        );
    }
    let rounding = f
        .lines
        .iter()
        .any(|l| matches!(l.rule, LineRule::RegionalRate { .. }));
    if rounding {
        trace.push(
            TraceEntry::new(
                "fees.rounding",
                "chaque taxe est arrondie à l'euro le plus proche (0,50 compte pour 1), puis la redevance est ajoutée",
                "each tax is rounded to the nearest euro (0.50 counts as 1), then the delivery fee is added",
                SourceRef::Text("CGI art. 1599 octodecies; service-public F19211 (2019, 2020)"),
                Confidence::High,
            )
            .value("total", f.total.map_or(TraceValue::Text("unknown"), TraceValue::Money)),
        );
    }
}

/// The known values around a gap, as "2010-01-01..2010-12-31: 29.00".
fn known_around(
    params: &ParameterSet,
    zone: u16,
    date: NaiveDate,
    rate: bool,
) -> Option<(Option<String>, Option<String>)> {
    let z = params.zones.get(usize::from(zone))?;
    let show_end = |to: NaiveDate| {
        if to == crate::params::OPEN_END {
            String::new()
        } else {
            to.to_string()
        }
    };
    if rate {
        let (b, a) = z.rates.known_around(date);
        let f = |p: &crate::params::Period<crate::params::Rate>| {
            format!(
                "{}..{}: {}",
                p.from,
                show_end(p.to),
                p.value.as_ref().map_or(Money::ZERO, |r| r.per_cv)
            )
        };
        Some((b.map(f), a.map(f)))
    } else {
        let (b, a) = z.clean_exemption.known_around(date);
        let f = |p: &crate::params::Period<Share>| {
            format!(
                "{}..{}: {}",
                p.from,
                show_end(p.to),
                p.value.unwrap_or_default()
            )
        };
        Some((b.map(f), a.map(f)))
    }
}
