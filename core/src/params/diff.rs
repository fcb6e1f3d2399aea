//! What changed between two parameter sets: every dated value added, removed or changed, by zone
//! and period, with its sources.
//!
//! Periods are matched by their place (zone, series, first and last day): a period whose days
//! moved is the old one removed and the new one added. A value is changed when its value, its
//! gap reason, its confidence, its sources or its note differ. Zones are compared by code (their
//! days, region and departments); key dates by name.

use chrono::NaiveDate;
use serde::Serialize;

use super::keys::ToParam;
use super::{MetaId, OPEN_END, ParameterSet, Series, Zone};
use crate::model::money::Confidence;

/// What happened to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The value is only in the second file.
    Added,
    /// The value is only in the first file.
    Removed,
    /// The value is in both files, with a different value, gap, confidence, source or note.
    Changed,
}

impl ChangeKind {
    /// The name used in the JSON output (`added`, `removed`, `changed`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// A value as one of the two files holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffValue {
    /// The value as text (`"59.00"`, `"0.5"`, `"cibs"`, a date); `None` for a gap.
    pub value: Option<String>,
    /// For a gap: why no value is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// `None` for an entry without confidence (a zone, a region).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Source ids as written in the file.
    pub source: String,
    /// The file's note on the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Line of the entry in its file.
    pub line: u32,
}

impl DiffValue {
    fn same(&self, o: &DiffValue) -> bool {
        (
            &self.value,
            &self.unknown,
            self.confidence,
            &self.source,
            &self.note,
        ) == (&o.value, &o.unknown, o.confidence, &o.source, &o.note)
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The zone's code, `None` for a series or a key date of the whole file.
    pub zone: Option<String>,
    /// `rates`, `clean_exemption`, `zone` (the zone's days, region and departments), a series key
    /// (`y4.amount`) or `dates.NAME`.
    pub series: String,
    /// First day of the period concerned.
    pub from: NaiveDate,
    /// `None` for a period without end.
    pub to: Option<NaiveDate>,
    /// In the first file (`None` when added).
    pub old: Option<DiffValue>,
    /// In the second file (`None` when removed).
    pub new: Option<DiffValue>,
}

/// Every difference between two parameter sets, in the order of the second file's zones, then
/// series, then key dates; within each, by period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamDiff {
    /// The differences, in that order.
    pub changes: Vec<Change>,
}

impl ParamDiff {
    /// The two sets hold the same values.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// A period written as text: first day, last day, value, gap reason, meta.
type Row = (NaiveDate, NaiveDate, Option<String>, Option<String>, MetaId);

impl ParameterSet {
    /// What changed from `self` (the older file) to `other` (the newer one). Each side is compared
    /// as it is known now; compare `as_known_on(day)` views to compare earlier knowledge.
    #[must_use]
    pub fn diff(&self, other: &ParameterSet) -> ParamDiff {
        let mut changes = Vec::new();
        let mut codes: Vec<&str> = other.zones.iter().map(|z| z.code.as_str()).collect();
        codes.extend(
            self.zones
                .iter()
                .map(|z| z.code.as_str())
                .filter(|c| other.zone(c).is_none()),
        );
        for code in codes {
            let (a, b) = (self.zone(code), other.zone(code));
            let za = a.map(zone_row);
            let zb = b.map(zone_row);
            let rates = |z: Option<&Zone>| {
                z.map_or_else(Vec::new, |z| rows_of(&z.rates, |r| r.per_cv.to_string()))
            };
            let shares = |z: Option<&Zone>| {
                z.map_or_else(Vec::new, |z| rows_of(&z.clean_exemption, ToParam::to_param))
            };
            let (ra, rb, ca, cb) = (rates(a), rates(b), shares(a), shares(b));
            // The zone itself: one entry whatever its days (a change of days is a change).
            compare_zone(&mut changes, code, self, other, za.as_ref(), zb.as_ref());
            compare(&mut changes, Some(code), "rates", self, other, &ra, &rb);
            compare(
                &mut changes,
                Some(code),
                "clean_exemption",
                self,
                other,
                &ca,
                &cb,
            );
        }
        let (sa, sb) = (self.scalars.texts(), other.scalars.texts());
        for (key, rows_b) in &sb {
            let rows_a = sa
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, r)| r.clone())
                .unwrap_or_default();
            compare(&mut changes, None, key, self, other, &rows_a, rows_b);
        }
        let (da, db) = (key_dates(self), key_dates(other));
        for ((name, a), (_, b)) in da.iter().zip(&db) {
            let series = format!("dates.{name}");
            compare(
                &mut changes,
                None,
                &series,
                self,
                other,
                std::slice::from_ref(a),
                std::slice::from_ref(b),
            );
        }
        ParamDiff { changes }
    }
}

/// A zone as one row: its days, region and departments.
fn zone_row(z: &Zone) -> Row {
    let departments: Vec<&str> = z.departments.iter().map(|d| d.code()).collect();
    let to = if z.to == OPEN_END {
        String::new()
    } else {
        z.to.to_string()
    };
    let text = format!(
        "{}..{to} region {} [{}]",
        z.from,
        z.region,
        departments.join(", ")
    );
    (z.from, z.to, Some(text), None, z.meta)
}

fn rows_of<T>(s: &Series<T>, text: impl Fn(&T) -> String) -> Vec<Row> {
    s.periods
        .iter()
        .map(|p| {
            (
                p.from,
                p.to,
                p.value.as_ref().map(&text),
                p.unknown.clone(),
                p.meta,
            )
        })
        .collect()
}

fn key_dates(p: &ParameterSet) -> [(&'static str, Row); 8] {
    let d = &p.dates;
    let row = |k: &super::KeyDate| (k.date, k.date, Some(k.date.to_string()), None, k.meta);
    [
        ("siv_start", row(&d.siv_start)),
        ("fni_conversion_start", row(&d.fni_conversion_start)),
        ("moped_siv_format_start", row(&d.moped_siv_format_start)),
        ("online_only_start", row(&d.online_only_start)),
        (
            "co_holder_and_mandate_start",
            row(&d.co_holder_and_mandate_start),
        ),
        ("cpi_france_only_start", row(&d.cpi_france_only_start)),
        ("cmi_start", row(&d.cmi_start)),
        (
            "cmi_former_cards_valid_until",
            row(&d.cmi_former_cards_valid_until),
        ),
    ]
}

fn value(p: &ParameterSet, r: &Row, with_confidence: bool) -> DiffValue {
    let m = p.meta(r.4);
    DiffValue {
        value: r.2.clone(),
        unknown: r.3.clone(),
        confidence: with_confidence.then_some(m.confidence),
        source: m.source.clone(),
        note: m.note.clone(),
        line: m.line,
    }
}

fn end(to: NaiveDate) -> Option<NaiveDate> {
    (to != OPEN_END).then_some(to)
}

fn compare_zone(
    out: &mut Vec<Change>,
    code: &str,
    a: &ParameterSet,
    b: &ParameterSet,
    ra: Option<&Row>,
    rb: Option<&Row>,
) {
    let (va, vb) = (
        ra.map(|r| value(a, r, false)),
        rb.map(|r| value(b, r, false)),
    );
    let kind = match (&va, &vb) {
        (None, None) => return,
        (None, Some(_)) => ChangeKind::Added,
        (Some(_), None) => ChangeKind::Removed,
        (Some(x), Some(y)) if x.same(y) => return,
        _ => ChangeKind::Changed,
    };
    let r = rb.or(ra).map_or((NaiveDate::MIN, OPEN_END), |r| (r.0, r.1));
    out.push(Change {
        kind,
        zone: Some(code.to_owned()),
        series: "zone".to_owned(),
        from: r.0,
        to: end(r.1),
        old: va,
        new: vb,
    });
}

/// Matches the periods of two lists by their days and records what differs, by first day.
fn compare(
    out: &mut Vec<Change>,
    zone: Option<&str>,
    series: &str,
    a: &ParameterSet,
    b: &ParameterSet,
    ra: &[Row],
    rb: &[Row],
) {
    let mut found: Vec<Change> = Vec::new();
    let push = |found: &mut Vec<Change>, kind, from, to, old, new| {
        found.push(Change {
            kind,
            zone: zone.map(str::to_owned),
            series: series.to_owned(),
            from,
            to: end(to),
            old,
            new,
        });
    };
    for x in ra {
        match rb.iter().find(|y| (y.0, y.1) == (x.0, x.1)) {
            None => push(
                &mut found,
                ChangeKind::Removed,
                x.0,
                x.1,
                Some(value(a, x, true)),
                None,
            ),
            Some(y) => {
                let (vx, vy) = (value(a, x, true), value(b, y, true));
                if !vx.same(&vy) {
                    push(
                        &mut found,
                        ChangeKind::Changed,
                        x.0,
                        x.1,
                        Some(vx),
                        Some(vy),
                    );
                }
            }
        }
    }
    for y in rb {
        if !ra.iter().any(|x| (x.0, x.1) == (y.0, y.1)) {
            push(
                &mut found,
                ChangeKind::Added,
                y.0,
                y.1,
                None,
                Some(value(b, y, true)),
            );
        }
    }
    found.sort_by_key(|c| (c.from, c.to.unwrap_or(OPEN_END), c.kind));
    out.extend(found);
}
