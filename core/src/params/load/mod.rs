//! Reading and checking a parameter file: every problem reported with its line, column and path.

mod alternatives;
use alternatives::{RawAlternative, refuse_bad_alternatives};
mod areas;
mod known;
pub(super) use known::known_days;
mod periods;
mod scalars;
mod syntax;

pub(super) use syntax::not_utf8;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::value::Datetime;

use crate::error::{Error, ErrorKind, Problem};
use crate::model::department::Department;
use crate::model::money::{Confidence, Money, Share};

use super::keys::SERIES_KEYS;
use super::*;

// ------------------------------------------------------------------------------------------------
// The file as written.

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    parameter_set: Option<Spanned<RawHeader>>,
    #[serde(default)]
    sources: BTreeMap<String, Spanned<RawSource>>,
    #[serde(default)]
    dates: BTreeMap<Spanned<String>, Spanned<RawDate>>,
    #[serde(default)]
    series: Vec<Spanned<RawSeries>>,
    #[serde(default)]
    region: Vec<Spanned<RawRegion>>,
    #[serde(default)]
    zone: Vec<Spanned<RawZone>>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    published: Option<Datetime>,
    starts: Datetime,
    description: Option<String>,
    /// The day the values were last reviewed against the sources.
    reviewed: Option<Datetime>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    grade: Option<String>,
    title: Option<String>,
    title_fr: Option<String>,
    date: Option<Datetime>,
    url: Option<String>,
    kind: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    date: Datetime,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    key: Spanned<String>,
    periods: Vec<Spanned<RawPeriod>>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: Datetime,
    to: Option<Datetime>,
    value: Option<String>,
    unknown: Option<String>,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
    /// From when the value was known (the file's `published` date by default).
    known_from: Option<Datetime>,
    /// The day a correction replaced it (exclusive): the entry is kept as history.
    known_until: Option<Datetime>,
    #[serde(default)]
    alternatives: Vec<RawAlternative>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    code: String,
    insee: String,
    name: String,
    from: Option<Datetime>,
    to: Option<Datetime>,
    departments: Vec<String>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawZone {
    code: String,
    name: String,
    region: Option<String>,
    from: Option<Datetime>,
    to: Option<Datetime>,
    departments: Vec<String>,
    source: Option<String>,
    note: Option<String>,
    #[serde(default)]
    rates: Vec<Spanned<RawRate>>,
    #[serde(default)]
    clean_exemption: Vec<Spanned<RawShare>>,
    /// From when the value was known (the file's `published` date by default).
    known_from: Option<Datetime>,
    /// The day a correction replaced it (exclusive): the entry is kept as history.
    known_until: Option<Datetime>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    from: Datetime,
    to: Option<Datetime>,
    per_cv: Option<String>,
    components: Option<Vec<RawComponent>>,
    unknown: Option<String>,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
    /// From when the value was known (the file's `published` date by default).
    known_from: Option<Datetime>,
    /// The day a correction replaced it (exclusive): the entry is kept as history.
    known_until: Option<Datetime>,
    #[serde(default)]
    alternatives: Vec<RawAlternative>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    label: String,
    amount: String,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShare {
    from: Datetime,
    to: Option<Datetime>,
    share: Option<String>,
    unknown: Option<String>,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
    /// From when the value was known (the file's `published` date by default).
    known_from: Option<Datetime>,
    /// The day a correction replaced it (exclusive): the entry is kept as history.
    known_until: Option<Datetime>,
    #[serde(default)]
    alternatives: Vec<RawAlternative>,
}

// ------------------------------------------------------------------------------------------------
// Loading and checking.

pub(super) struct Loader<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    meta: Vec<ValueMeta>,
    source_ids: HashMap<String, usize>,
    /// The day whose knowledge is loaded (`None`: what is known now, without superseded entries).
    known_on: Option<NaiveDate>,
    /// The file already read, when it is loaded once per day of knowledge (`known.rs`).
    parsed: Option<RawFile>,
}

/// A region or a zone as written.
struct RawArea<'r> {
    code: &'r str,
    from: Option<&'r Datetime>,
    to: Option<&'r Datetime>,
    departments: &'r [String],
    source: Option<&'r str>,
    note: Option<&'r str>,
}

/// A period as written, before its value is interpreted.
struct RawSpan<'r> {
    from: &'r Datetime,
    to: Option<&'r Datetime>,
    value: Option<&'r str>,
    unknown: Option<&'r str>,
    confidence: Option<&'r str>,
    source: Option<&'r str>,
    note: Option<&'r str>,
    alternatives: &'r [RawAlternative],
    span: Range<usize>,
}

impl<'a> Loader<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            line_starts,
            problems: Vec::new(),
            meta: Vec::new(),
            source_ids: HashMap::new(),
            known_on: None,
            parsed: None,
        }
    }

    pub(super) fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    pub(super) fn problem(
        &mut self,
        code: &'static str,
        path: &str,
        span: &Range<usize>,
        fr: String,
        en: String,
    ) {
        let (line, column) = self.position(span.start);
        self.problems.push(Problem {
            code,
            path: path.to_owned(),
            line,
            column,
            message_fr: fr,
            message_en: en,
        });
    }

    pub(super) fn load(mut self) -> Result<ParameterSet, Error> {
        let parsed = self
            .parsed
            .take()
            .map_or_else(|| toml::from_str(self.text), Ok);
        let raw: RawFile = match parsed {
            Ok(raw) => raw,
            Err(e) => {
                self.syntax_problems(e);
                return Err(self.rejected());
            }
        };
        let raw = self.select_known(raw);
        let fingerprint = {
            let digest = Sha256::digest(self.text.as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("sha256:{hex}")
        };

        let Some(header) = raw.parameter_set.as_ref() else {
            self.problem(
                "params.missing_section",
                "parameter_set",
                &(0..0),
                "section [parameter_set] manquante".into(),
                "missing section [parameter_set]".into(),
            );
            return Err(self.rejected());
        };
        let starts = self.date(
            &header.get_ref().starts,
            "parameter_set.starts",
            &header.span(),
        );
        let published = header
            .get_ref()
            .published
            .as_ref()
            .and_then(|d| self.date(d, "parameter_set.published", &header.span()));
        let reviewed = header
            .get_ref()
            .reviewed
            .as_ref()
            .and_then(|d| self.date(d, "parameter_set.reviewed", &header.span()));

        // Sources first: every other entry cites them.
        let mut sources = Vec::new();
        for (id, src) in &raw.sources {
            let path = format!("sources.{id}");
            let title = src.get_ref().title.clone().unwrap_or_default();
            if title.trim().is_empty() {
                self.problem(
                    "params.missing_source",
                    &path,
                    &src.span(),
                    format!("la source « {id} » n'a pas de titre"),
                    format!("source '{id}' has no title"),
                );
            }
            let grade = src.get_ref().grade.clone().unwrap_or_default();
            if !matches!(grade.as_str(), "A" | "B" | "C") {
                self.problem(
                    "params.invalid_value",
                    &path,
                    &src.span(),
                    format!("la source « {id} » doit avoir une note A, B ou C"),
                    format!("source '{id}' must have grade A, B or C"),
                );
            }
            let raw_source = src.get_ref();
            let date = raw_source
                .date
                .as_ref()
                .and_then(|d| self.date(d, &format!("{path}.date"), &src.span()));
            if let Some(kind) = &raw_source.kind {
                if !matches!(kind.as_str(), "official" | "press" | "commercial" | "other") {
                    self.problem(
                        "params.invalid_value",
                        &format!("{path}.kind"),
                        &src.span(),
                        format!("la source « {id} » doit être de nature official, press, commercial ou other"),
                        format!("source '{id}' must be of kind official, press, commercial or other"),
                    );
                }
            }
            if let Some(url) = &raw_source.url {
                if !url.starts_with("https://") {
                    self.problem(
                        "params.invalid_value",
                        &format!("{path}.url"),
                        &src.span(),
                        format!("le lien de la source « {id} » doit commencer par https://"),
                        format!("the link of source '{id}' must start with https://"),
                    );
                }
            }
            self.source_ids.insert(id.clone(), sources.len());
            sources.push(Source {
                id: id.clone(),
                grade,
                title,
                title_fr: raw_source.title_fr.clone(),
                date,
                url: raw_source.url.clone(),
                kind: raw_source.kind.clone(),
            });
        }

        let starts = starts.unwrap_or(NaiveDate::MIN);
        let dates = self.key_dates(&raw, starts);
        let scalars = self.scalars(&raw, starts);
        let regions = self.regions(&raw, starts);
        let zones = self.zones(&raw, starts, &regions);
        let department_regions = self.coverage(
            "region",
            starts,
            regions
                .iter()
                .map(|r| (r.code.as_str(), r.from, r.to, &r.departments, r.meta)),
        );
        let department_zones = self.coverage(
            "zone",
            starts,
            zones
                .iter()
                .map(|z| (z.code.as_str(), z.from, z.to, &z.departments, z.meta)),
        );

        if !self.problems.is_empty() {
            return Err(self.rejected());
        }
        let (Some(dates), Some(scalars)) = (dates, scalars) else {
            return Err(self.rejected());
        };
        self.date_sources(&sources);
        let meta_json = self.meta.iter().map(MetaJson::new).collect();
        let name = header.get_ref().name.clone();
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let identity_json = format!(
            "{{\"name\":{},\"fingerprint\":{}}}",
            q(&name),
            q(&fingerprint)
        );
        let days = super::days::Days::new(&scalars);
        let mut set = ParameterSet {
            meta_json,
            identity_json,
            name,
            description: header.get_ref().description.clone(),
            published,
            reviewed,
            starts,
            fingerprint,
            sources,
            meta: self.meta,
            dates,
            scalars,
            regions,
            zones,
            department_regions,
            department_zones,
            source_index: self.source_ids,
            knowledge: Knowledge::default(),
            alternative_sets: super::alternatives::AlternativeSets::default(),
            sources_from: Vec::new(),
            days,
            review_limits: reviewed.map(|r| {
                let year = r.checked_add_months(chrono::Months::new(12)).unwrap_or(r);
                (r.succ_opt().unwrap_or(r), year.succ_opt().unwrap_or(year))
            }),
        };
        set.sources_from = set
            .meta
            .iter()
            .map(|m| m.sources_from.unwrap_or(NaiveDate::MIN))
            .collect();
        refuse_bad_alternatives(&mut set, self.text)?;
        Ok(set)
    }

    pub(super) fn rejected(mut self) -> Error {
        if self.problems.is_empty() {
            self.problems.push(Problem {
                code: "params.invalid",
                path: String::new(),
                line: 0,
                column: 0,
                message_fr: "fichier de paramètres incomplet".into(),
                message_en: "incomplete parameter file".into(),
            });
        }
        let n = self.problems.len();
        Error::new(
            ErrorKind::InvalidParameters,
            "params.invalid",
            None,
            format!("fichier de paramètres rejeté : {n} problème(s)"),
            format!("parameter file rejected: {n} problem(s)"),
        )
        .with_problems(self.problems)
    }

    pub(super) fn date(
        &mut self,
        d: &Datetime,
        path: &str,
        span: &Range<usize>,
    ) -> Option<NaiveDate> {
        let date = match (&d.date, &d.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            _ => None,
        };
        if date.is_none() {
            self.problem(
                "params.invalid_date",
                path,
                span,
                format!("« {d} » n'est pas une date (AAAA-MM-JJ)"),
                format!("'{d}' is not a date (YYYY-MM-DD)"),
            );
            return None;
        }
        // Every date of the file lies where a request's date may (1900-01-01 to 2099-12-31): a
        // later one is a typing error no request could reach.
        let date = date.filter(|d| crate::contract::date::in_range(*d));
        if date.is_none() {
            let (floor, ceiling) = (
                crate::contract::date::DATE_FLOOR,
                crate::contract::date::DATE_CEILING,
            );
            self.problem(
                "params.invalid_date",
                path,
                span,
                format!("la date {d} est hors de la période acceptée, du {floor} au {ceiling}"),
                format!("date {d} is outside the accepted period, {floor} to {ceiling}"),
            );
        }
        date
    }

    /// Checks a source reference and a confidence, and records the value's metadata.
    pub(super) fn meta(
        &mut self,
        path: &str,
        span: &Range<usize>,
        source: Option<&str>,
        confidence: Option<&str>,
        note: Option<&str>,
        needs_confidence: bool,
    ) -> MetaId {
        let source = source.map(str::trim).unwrap_or_default();
        if source.is_empty() {
            self.problem(
                "params.missing_source",
                path,
                span,
                "valeur sans source".into(),
                "value without a source".into(),
            );
        } else {
            for id in source.split(',').map(str::trim) {
                if !self.source_ids.contains_key(id) {
                    self.problem(
                        "params.unknown_source",
                        path,
                        span,
                        format!("source « {id} » absente de [sources]"),
                        format!("source '{id}' is not in [sources]"),
                    );
                }
            }
        }
        let parsed = confidence.and_then(Confidence::parse);
        if parsed.is_none() && (needs_confidence || confidence.is_some()) {
            let shown = confidence.unwrap_or("");
            self.problem(
                "params.invalid_confidence",
                path,
                span,
                format!("confiance « {shown} » invalide (high, medium ou low)"),
                format!("invalid confidence '{shown}' (high, medium or low)"),
            );
        }
        let (line, _) = self.position(span.start);
        self.meta.push(ValueMeta {
            confidence: parsed.unwrap_or(Confidence::Low),
            source: source.to_owned(),
            note: note.map(str::to_owned),
            line,
            alternatives: Vec::new(),
            sources_from: None,
        });
        u32::try_from(self.meta.len() - 1).unwrap_or(u32::MAX)
    }

    pub(super) fn amount(&mut self, path: &str, span: &Range<usize>, v: &str) -> Option<Money> {
        match parse_decimal(v) {
            Some(d) if d.is_sign_negative() => {
                self.problem(
                    "params.negative_amount",
                    path,
                    span,
                    format!("montant négatif « {v} »"),
                    format!("negative amount '{v}'"),
                );
                None
            }
            Some(d) if Money::has_cents_precision(d) && d <= max_amount() => Some(Money::new(d)),
            _ => {
                self.problem(
                    "params.invalid_value",
                    path,
                    span,
                    format!("montant « {v} » illisible, plus fin que le centime ou au-delà d'un million d'euros (écrire par exemple \"41.50\")"),
                    format!("unreadable amount '{v}', finer than a cent or over a million euros (write e.g. \"41.50\")"),
                );
                None
            }
        }
    }

    /// Every department must belong to exactly one region (or zone) at every date from `starts`.
    pub(super) fn coverage<'r>(
        &mut self,
        what: &str,
        starts: NaiveDate,
        areas: impl Iterator<Item = (&'r str, NaiveDate, NaiveDate, &'r Vec<Department>, MetaId)>,
    ) -> Vec<Vec<(NaiveDate, NaiveDate, u16)>> {
        let mut per_dept: Vec<Vec<(NaiveDate, NaiveDate, u16)>> =
            vec![Vec::new(); Department::COUNT];
        let mut names: Vec<(&str, MetaId)> = Vec::new();
        for (i, (code, from, to, departments, meta)) in areas.enumerate() {
            names.push((code, meta));
            for d in departments {
                per_dept[d.index()].push((from, to, u16::try_from(i).unwrap_or(u16::MAX)));
            }
        }
        for (d, list) in per_dept.iter_mut().enumerate() {
            list.sort();
            let dept = Department::from_index(d).map_or("?", Department::code);
            let mut expected = starts;
            for &(from, to, i) in list.iter() {
                let (code, meta) = names[usize::from(i)];
                let line = self.meta[meta as usize].line;
                let span = self
                    .line_starts
                    .get(line.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or(0);
                if from > expected {
                    self.problem(
                        "params.uncovered_department",
                        &format!("{what}[{code}]"),
                        &(span..span),
                        format!(
                            "le département {dept} n'a pas de {what} du {expected} au {}",
                            from - Days::new(1)
                        ),
                        format!(
                            "department {dept} has no {what} from {expected} to {}",
                            from - Days::new(1)
                        ),
                    );
                } else if from < expected {
                    self.problem(
                        "params.overlap",
                        &format!("{what}[{code}]"),
                        &(span..span),
                        format!("le département {dept} est dans deux {what}s à partir du {from}"),
                        format!("department {dept} is in two {what}s from {from}"),
                    );
                }
                expected = match to.checked_add_days(Days::new(1)) {
                    Some(next) if to != OPEN_END => next,
                    _ => OPEN_END,
                };
            }
            if expected != OPEN_END {
                self.problem(
                    "params.uncovered_department",
                    what,
                    &(0..0),
                    format!("le département {dept} n'a pas de {what} à partir du {expected}"),
                    format!("department {dept} has no {what} from {expected}"),
                );
            }
        }
        per_dept
    }
}

/// The largest amount a parameter may hold (one million euros): anything larger is a typing error.
fn max_amount() -> Decimal {
    Decimal::from(1_000_000)
}

fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    // Plain decimal notation only: no exponent, no thousands separator.
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    s.parse().ok()
}
