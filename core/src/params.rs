//! The parameter set: every amount, rate, share, key date and default choice, with its validity
//! period, its source and a confidence, read from one TOML file (`core/params/duplicata.toml` is
//! embedded as the default).
//!
//! Loading checks the whole file and reports every problem with its place (line, column and path);
//! a file with any problem is rejected as a whole, so a running engine never sees half a tariff.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::value::Datetime;

use crate::department::Department;
use crate::error::{Error, ErrorKind, Problem};
use crate::money::{Confidence, Money, Share};

/// The embedded reference parameter file.
pub const DEFAULT_PARAMETERS: &str = include_str!("../params/duplicata.toml");

/// The last representable day, used as the end of an open period.
pub const OPEN_END: NaiveDate = NaiveDate::MAX;

/// Index of a [`ValueMeta`] in [`ParameterSet::meta`].
pub type MetaId = u32;

/// Where a value comes from and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueMeta {
    pub confidence: Confidence,
    /// Source ids as written in the file, e.g. `"SP-F19211-2019, S15"`.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// 1-based line of the entry in the parameter file.
    pub line: u32,
}

/// One period of a dated value; `value` is `None` for an explicit gap ("unknown").
#[derive(Debug, Clone, PartialEq)]
pub struct Period<T> {
    pub from: NaiveDate,
    /// Inclusive; [`OPEN_END`] when the period has no end.
    pub to: NaiveDate,
    pub value: Option<T>,
    /// For a gap: why no value is known.
    pub unknown: Option<String>,
    pub meta: MetaId,
}

impl<T> Period<T> {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
    pub fn is_open(&self) -> bool {
        self.to == OPEN_END
    }
}

/// A value that changes over time: ordered, contiguous, non-overlapping periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<T> {
    pub periods: Vec<Period<T>>,
}

impl<T> Series<T> {
    /// The period in force on `date`, if the series covers it.
    pub fn at(&self, date: NaiveDate) -> Option<&Period<T>> {
        // Few periods per series: a backwards scan finds recent dates first.
        self.periods.iter().rev().find(|p| p.contains(date))
    }
    /// The last known period ending before `date`, and the first known one starting after it.
    pub fn known_around(&self, date: NaiveDate) -> (Option<&Period<T>>, Option<&Period<T>>) {
        let before = self
            .periods
            .iter()
            .rev()
            .find(|p| p.to < date && p.value.is_some());
        let after = self
            .periods
            .iter()
            .find(|p| p.from > date && p.value.is_some());
        (before, after)
    }
}

/// The legal regime of the fees of a duplicata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// 2009–2020: taxe fixe régionale of CGI art. 1599 octodecies (1 CV), taxe de gestion of art. 1628-0 bis.
    Cgi,
    /// 2021: taxe fixe of 11 € on every delivery; Y1 taken as not due (low confidence).
    #[serde(rename = "taxe_fixe_2021")]
    TaxeFixe2021,
    /// 2022 onwards: CIBS L421-30 ff., Y1 only on a change of owner, taxe fixe on any delivery.
    Cibs,
}

impl Regime {
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::Cgi => "cgi",
            Regime::TaxeFixe2021 => "taxe_fixe_2021",
            Regime::Cibs => "cibs",
        }
    }
}

/// Who may file as a professional (open point of F20324 against F1726).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfessionalRule {
    /// Only for a vehicle held by a leasing company (F1726).
    LeasingOnly,
    /// For any holder who gives a mandate.
    AnyWithMandate,
    /// Never.
    Never,
}

/// A regional rate per fiscal horsepower, possibly the sum of several components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rate {
    /// € per CV, every component included.
    pub per_cv: Money,
    /// The parts of the rate when there are several (regional tariff, IDFM majoration).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<RateComponent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateComponent {
    pub label: String,
    pub amount: Money,
}

/// A named key date.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDate {
    pub date: NaiveDate,
    pub meta: MetaId,
}

/// The key dates the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDates {
    pub siv_start: KeyDate,
    pub fni_conversion_start: KeyDate,
    pub moped_siv_format_start: KeyDate,
    pub online_only_start: KeyDate,
    pub co_holder_and_mandate_start: KeyDate,
    pub cpi_france_only_start: KeyDate,
    pub cmi_start: KeyDate,
    pub cmi_former_cards_valid_until: KeyDate,
}

/// The dated scalar values the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalars {
    pub regime: Series<Regime>,
    pub y4_amount: Series<Money>,
    pub y5_amount: Series<Money>,
    pub y5_first_day_confidence: Series<Confidence>,
    pub two_wheeler_le_125_share: Series<Share>,
    pub national_ev_h2_exemption: Series<Share>,
    pub y4_due_under_partial_exemption: Series<bool>,
    pub y4_due_on_fni_conversion: Series<bool>,
    pub y4_due_on_moped: Series<bool>,
    pub natural_disaster_dispensed: Series<bool>,
    pub highest_event_only: Series<bool>,
    pub cpi_months: Series<u32>,
    pub declaration_months: Series<u32>,
    pub damaged_card_retention_years: Series<u32>,
    pub technical_inspection_age_years: Series<u32>,
    pub kbis_max_age_years: Series<u32>,
    pub address_proof_max_age_months: Series<u32>,
    pub professional: Series<ProfessionalRule>,
    pub cmi_fee: Series<Money>,
    pub cmi_attestation_months: Series<u32>,
}

/// An administrative region over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub code: String,
    pub insee: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub departments: Vec<Department>,
    pub meta: MetaId,
}

/// An area sharing one regional rate at a date (a region, or a former region of a merged one).
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub code: String,
    pub name: String,
    /// Code of the (current) region the zone belongs to.
    pub region: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub departments: Vec<Department>,
    pub rates: Series<Rate>,
    /// Share of Y1 exempted for clean vehicles (1 = 100 %).
    pub clean_exemption: Series<Share>,
    pub meta: MetaId,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: String,
    pub grade: String,
    /// What was read, for reviewers (any language).
    pub title: String,
    /// The title shown to people, in French.
    pub title_fr: Option<String>,
    /// Date of the text, or of the version read.
    pub date: Option<NaiveDate>,
    /// An official link, where one exists.
    pub url: Option<String>,
    /// `official`, `press`, `commercial` or `other`.
    pub kind: Option<String>,
}

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
    pub fn embedded() -> Result<Self, Error> {
        Self::from_toml(DEFAULT_PARAMETERS)
    }

    /// Reads and checks a parameter file; every problem is listed in the error's `problems`.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        Loader::new(text).load()
    }

    pub fn meta(&self, id: MetaId) -> &ValueMeta {
        &self.meta[id as usize]
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// The zone whose rate applies to `department` on `date`.
    pub fn zone_at(&self, department: Department, date: NaiveDate) -> Option<&Zone> {
        self.department_zones[department.index()]
            .iter()
            .find(|(from, to, _)| *from <= date && date <= *to)
            .map(|&(_, _, z)| &self.zones[usize::from(z)])
    }

    /// The administrative region of `department` on `date`.
    pub fn region_at(&self, department: Department, date: NaiveDate) -> Option<&Region> {
        self.department_regions[department.index()]
            .iter()
            .find(|(from, to, _)| *from <= date && date <= *to)
            .map(|&(_, _, r)| &self.regions[usize::from(r)])
    }

    /// A zone by code.
    pub fn zone(&self, code: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.code == code)
    }
}

// ------------------------------------------------------------------------------------------------
// The file as written.

#[derive(Deserialize)]
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    published: Option<Datetime>,
    starts: Datetime,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    grade: Option<String>,
    title: Option<String>,
    title_fr: Option<String>,
    date: Option<Datetime>,
    url: Option<String>,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    date: Datetime,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    key: Spanned<String>,
    periods: Vec<Spanned<RawPeriod>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: Datetime,
    to: Option<Datetime>,
    value: Option<String>,
    unknown: Option<String>,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
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

#[derive(Deserialize)]
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
}

#[derive(Deserialize)]
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    label: String,
    amount: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShare {
    from: Datetime,
    to: Option<Datetime>,
    share: Option<String>,
    unknown: Option<String>,
    confidence: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

// ------------------------------------------------------------------------------------------------
// Loading and checking.

struct Loader<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    meta: Vec<ValueMeta>,
    source_ids: HashMap<String, usize>,
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
    span: Range<usize>,
}

impl<'a> Loader<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            line_starts,
            problems: Vec::new(),
            meta: Vec::new(),
            source_ids: HashMap::new(),
        }
    }

    fn position(&self, offset: usize) -> (u32, u32) {
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

    fn problem(
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

    fn load(mut self) -> Result<ParameterSet, Error> {
        let raw: RawFile = match toml::from_str(self.text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().replace('\n', " ");
                self.problem(
                    "params.syntax",
                    "",
                    &span,
                    format!("fichier de paramètres illisible : {msg}"),
                    format!("unreadable parameter file: {msg}"),
                );
                return Err(self.rejected());
            }
        };
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
        let dates = self.key_dates(&raw);
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
        let meta_json = self.meta.iter().map(MetaJson::new).collect();
        let name = header.get_ref().name.clone();
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let identity_json = format!(
            "{{\"name\":{},\"fingerprint\":{}}}",
            q(&name),
            q(&fingerprint)
        );
        Ok(ParameterSet {
            meta_json,
            identity_json,
            name,
            description: header.get_ref().description.clone(),
            published,
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
        })
    }

    fn rejected(mut self) -> Error {
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

    fn date(&mut self, d: &Datetime, path: &str, span: &Range<usize>) -> Option<NaiveDate> {
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
        }
        date
    }

    /// Checks a source reference and a confidence, and records the value's metadata.
    fn meta(
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
        });
        u32::try_from(self.meta.len() - 1).unwrap_or(u32::MAX)
    }

    fn key_dates(&mut self, raw: &RawFile) -> Option<KeyDates> {
        const KEYS: [&str; 8] = [
            "siv_start",
            "fni_conversion_start",
            "moped_siv_format_start",
            "online_only_start",
            "co_holder_and_mandate_start",
            "cpi_france_only_start",
            "cmi_start",
            "cmi_former_cards_valid_until",
        ];
        let mut found: HashMap<&str, KeyDate> = HashMap::new();
        for (key, entry) in &raw.dates {
            let path = format!("dates.{}", key.get_ref());
            let Some(&known) = KEYS.iter().find(|k| **k == key.get_ref()) else {
                self.problem(
                    "params.unknown_key",
                    &path,
                    &key.span(),
                    format!("date « {} » inconnue du moteur", key.get_ref()),
                    format!("date '{}' is unknown to the engine", key.get_ref()),
                );
                continue;
            };
            let e = entry.get_ref();
            let span = entry.span();
            let date = self.date(&e.date, &path, &span);
            let meta = self.meta(
                &path,
                &span,
                e.source.as_deref(),
                e.confidence.as_deref(),
                e.note.as_deref(),
                true,
            );
            if let Some(date) = date {
                found.insert(known, KeyDate { date, meta });
            }
        }
        for key in KEYS {
            if !found.contains_key(key) {
                self.problem(
                    "params.missing_key",
                    &format!("dates.{key}"),
                    &(0..0),
                    format!("date « {key} » manquante"),
                    format!("missing date '{key}'"),
                );
            }
        }
        let mut take = |k: &str| found.remove(k);
        Some(KeyDates {
            siv_start: take("siv_start")?,
            fni_conversion_start: take("fni_conversion_start")?,
            moped_siv_format_start: take("moped_siv_format_start")?,
            online_only_start: take("online_only_start")?,
            co_holder_and_mandate_start: take("co_holder_and_mandate_start")?,
            cpi_france_only_start: take("cpi_france_only_start")?,
            cmi_start: take("cmi_start")?,
            cmi_former_cards_valid_until: take("cmi_former_cards_valid_until")?,
        })
    }

    fn scalars(&mut self, raw: &RawFile, starts: NaiveDate) -> Option<Scalars> {
        let mut by_key: HashMap<&str, &Spanned<RawSeries>> = HashMap::new();
        for s in &raw.series {
            let key = s.get_ref().key.get_ref().as_str();
            if !SERIES_KEYS.contains(&key) {
                self.problem(
                    "params.unknown_key",
                    &format!("series[{key}]"),
                    &s.get_ref().key.span(),
                    format!("série « {key} » inconnue du moteur"),
                    format!("series '{key}' is unknown to the engine"),
                );
            } else if by_key.insert(key, s).is_some() {
                self.problem(
                    "params.duplicate",
                    &format!("series[{key}]"),
                    &s.get_ref().key.span(),
                    format!("série « {key} » définie deux fois"),
                    format!("series '{key}' is defined twice"),
                );
            }
        }
        let cmi_start = raw
            .dates
            .iter()
            .find(|(k, _)| k.get_ref() == "cmi_start")
            .and_then(|(_, d)| d.get_ref().date.date)
            .and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            })
            .unwrap_or(starts);
        let get = |loader: &mut Self, key: &str| -> Option<&Spanned<RawSeries>> {
            let found = by_key.get(key).copied();
            if found.is_none() {
                loader.problem(
                    "params.missing_key",
                    &format!("series[{key}]"),
                    &(0..0),
                    format!("série « {key} » manquante"),
                    format!("missing series '{key}'"),
                );
            }
            found
        };
        macro_rules! series {
            ($key:literal, $start:expr, $parse:expr) => {{
                let found = get(self, $key);
                found.map(|s| self.series($key, s, $start, $parse))
            }};
        }
        // Amounts are whole cents: a finer amount is refused, never rounded.
        let money = |s: &str| {
            parse_decimal(s)
                .filter(|d| {
                    !d.is_sign_negative() && Money::has_cents_precision(*d) && *d <= max_amount()
                })
                .map(Money::new)
        };
        let share = |s: &str| parse_decimal(s).and_then(Share::from_decimal);
        let flag = |s: &str| match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let count = |s: &str| s.parse::<u32>().ok();
        let regime = |s: &str| match s {
            "cgi" => Some(Regime::Cgi),
            "taxe_fixe_2021" => Some(Regime::TaxeFixe2021),
            "cibs" => Some(Regime::Cibs),
            _ => None,
        };
        let professional = |s: &str| match s {
            "leasing_only" => Some(ProfessionalRule::LeasingOnly),
            "any_with_mandate" => Some(ProfessionalRule::AnyWithMandate),
            "never" => Some(ProfessionalRule::Never),
            _ => None,
        };
        let scalars = (
            series!("fees.regime", starts, regime),
            series!("y4.amount", starts, money),
            series!("y5.amount", starts, money),
            series!("y5.first_day_confidence", starts, Confidence::parse),
            series!("y1.two_wheeler_le_125_share", starts, share),
            series!("exemption.national_ev_h2", starts, share),
            series!("y4.due_under_partial_exemption", starts, flag),
            series!("y4.due_on_fni_conversion", starts, flag),
            series!("y4.due_on_moped", starts, flag),
            series!("y1_y4.natural_disaster_dispensed", starts, flag),
            series!("fees.highest_event_only", starts, flag),
            series!("validity.cpi_months", starts, count),
            series!("validity.declaration_months", starts, count),
            series!("validity.damaged_card_retention_years", starts, count),
            series!("documents.technical_inspection_age_years", starts, count),
            series!("documents.kbis_max_age_years", starts, count),
            series!("documents.address_proof_max_age_months", starts, count),
            series!("eligibility.professional", starts, professional),
            series!("cmi.fee", cmi_start, money),
            series!("cmi.attestation_months", cmi_start, count),
        );
        Some(Scalars {
            regime: scalars.0?,
            y4_amount: scalars.1?,
            y5_amount: scalars.2?,
            y5_first_day_confidence: scalars.3?,
            two_wheeler_le_125_share: scalars.4?,
            national_ev_h2_exemption: scalars.5?,
            y4_due_under_partial_exemption: scalars.6?,
            y4_due_on_fni_conversion: scalars.7?,
            y4_due_on_moped: scalars.8?,
            natural_disaster_dispensed: scalars.9?,
            highest_event_only: scalars.10?,
            cpi_months: scalars.11?,
            declaration_months: scalars.12?,
            damaged_card_retention_years: scalars.13?,
            technical_inspection_age_years: scalars.14?,
            kbis_max_age_years: scalars.15?,
            address_proof_max_age_months: scalars.16?,
            professional: scalars.17?,
            cmi_fee: scalars.18?,
            cmi_attestation_months: scalars.19?,
        })
    }

    fn series<T>(
        &mut self,
        key: &str,
        raw: &Spanned<RawSeries>,
        starts: NaiveDate,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Series<T> {
        let spans: Vec<RawSpan<'_>> = raw
            .get_ref()
            .periods
            .iter()
            .map(|p| {
                let r = p.get_ref();
                RawSpan {
                    from: &r.from,
                    to: r.to.as_ref(),
                    value: r.value.as_deref(),
                    unknown: r.unknown.as_deref(),
                    confidence: r.confidence.as_deref(),
                    source: r.source.as_deref(),
                    note: r.note.as_deref(),
                    span: p.span(),
                }
            })
            .collect();
        let path = format!("series[{key}]");
        self.periods(
            &path,
            "value",
            &spans,
            starts,
            OPEN_END,
            &raw.span(),
            |loader, p, i| match p.value {
                None => None,
                Some(v) => {
                    let parsed = parse(v);
                    if parsed.is_none() {
                        loader.problem(
                            if parse_decimal(v).is_some_and(|d| d.is_sign_negative()) {
                                "params.negative_amount"
                            } else {
                                "params.invalid_value"
                            },
                            &format!("{path}.periods[{i}]"),
                            &p.span,
                            format!("valeur « {v} » invalide pour « {key} »"),
                            format!("invalid value '{v}' for '{key}'"),
                        );
                    }
                    parsed
                }
            },
        )
    }

    /// Checks and converts a list of periods that must tile `[first, last]` exactly.
    #[expect(
        clippy::too_many_arguments,
        reason = "one checker for every kind of dated list"
    )]
    fn periods<T>(
        &mut self,
        path: &str,
        value_name: &str,
        raw: &[RawSpan<'_>],
        first: NaiveDate,
        last: NaiveDate,
        whole: &Range<usize>,
        mut value: impl FnMut(&mut Self, &RawSpan<'_>, usize) -> Option<T>,
    ) -> Series<T> {
        let mut periods: Vec<Period<T>> = Vec::with_capacity(raw.len());
        let mut places: Vec<(Range<usize>, usize)> = Vec::new();
        for (i, p) in raw.iter().enumerate() {
            let here = format!("{path}[{i}]");
            let from = self.date(p.from, &here, &p.span);
            let to = match p.to {
                Some(t) => self.date(t, &here, &p.span),
                None => Some(OPEN_END),
            };
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if to < from {
                self.problem(
                    "params.unordered",
                    &here,
                    &p.span,
                    format!("la période finit ({to}) avant de commencer ({from})"),
                    format!("the period ends ({to}) before it starts ({from})"),
                );
                continue;
            }
            match (p.value.is_some(), p.unknown.is_some()) {
                (true, true) => self.problem(
                    "params.invalid_value",
                    &here,
                    &p.span,
                    format!(
                        "une période ne peut pas avoir à la fois « {value_name} » et « unknown »"
                    ),
                    format!("a period cannot have both '{value_name}' and 'unknown'"),
                ),
                (false, false) => self.problem(
                    "params.missing_value",
                    &here,
                    &p.span,
                    format!("période sans « {value_name} » ni « unknown »"),
                    format!("period with neither '{value_name}' nor 'unknown'"),
                ),
                _ => {}
            }
            let meta = self.meta(
                &here,
                &p.span,
                p.source,
                p.confidence,
                p.note,
                p.value.is_some(),
            );
            let v = value(self, p, i);
            periods.push(Period {
                from,
                to,
                value: v,
                unknown: p.unknown.map(str::to_owned),
                meta,
            });
            places.push((p.span.clone(), i));
        }
        // Order, overlaps and gaps.
        for w in 0..periods.len().saturating_sub(1) {
            let (a, b) = (&periods[w], &periods[w + 1]);
            let ((sa, ia), (sb, ib)) = (&places[w], &places[w + 1]);
            let (la, lb) = (self.position(sa.start).0, self.position(sb.start).0);
            let describe = |p: &Period<T>| {
                if p.is_open() {
                    format!("{}..", p.from)
                } else {
                    format!("{}..{}", p.from, p.to)
                }
            };
            let (da, db) = (describe(a), describe(b));
            if b.from < a.from {
                self.problem(
                    "params.unordered",
                    &format!("{path}[{ib}]"),
                    sb,
                    format!(
                        "périodes dans le désordre : {db} (ligne {lb}) après {da} (ligne {la})"
                    ),
                    format!("periods out of order: {db} (line {lb}) comes after {da} (line {la})"),
                );
            } else if b.from <= a.to {
                self.problem(
                    "params.overlap",
                    &format!("{path}[{ib}]"),
                    sb,
                    format!(
                        "les périodes {da} ({path}[{ia}], ligne {la}) et {db} ({path}[{ib}], ligne {lb}) se chevauchent"
                    ),
                    format!(
                        "periods {da} ({path}[{ia}], line {la}) and {db} ({path}[{ib}], line {lb}) overlap"
                    ),
                );
            } else if a.to.checked_add_days(Days::new(1)) != Some(b.from) {
                self.problem(
                    "params.gap",
                    &format!("{path}[{ib}]"),
                    sb,
                    format!(
                        "trou entre {da} (ligne {la}) et {db} (ligne {lb}) : une période sans valeur s'écrit unknown = \"…\""
                    ),
                    format!(
                        "gap between {da} (line {la}) and {db} (line {lb}): a period with no value is written unknown = \"…\""
                    ),
                );
            }
        }
        match (periods.first(), periods.last()) {
            (Some(f), Some(l)) => {
                if f.from != first {
                    let span = places[0].0.clone();
                    self.problem(
                        "params.gap",
                        &format!("{path}[0]"),
                        &span,
                        format!(
                            "la première période commence le {} au lieu du {first}",
                            f.from
                        ),
                        format!("the first period starts on {} instead of {first}", f.from),
                    );
                }
                if l.to != last {
                    let (span, i) = places[places.len() - 1].clone();
                    let want = if last == OPEN_END {
                        "open (no 'to')".to_owned()
                    } else {
                        last.to_string()
                    };
                    self.problem(
                        "params.gap",
                        &format!("{path}[{i}]"),
                        &span,
                        format!("la dernière période finit le {} au lieu de : {want}", l.to),
                        format!("the last period ends on {} instead of: {want}", l.to),
                    );
                }
            }
            _ => self.problem(
                "params.missing_value",
                path,
                whole,
                "aucune période".into(),
                "no period".into(),
            ),
        }
        Series { periods }
    }

    fn departments(
        &mut self,
        path: &str,
        span: &Range<usize>,
        codes: &[String],
    ) -> Vec<Department> {
        let mut out = Vec::with_capacity(codes.len());
        for code in codes {
            match Department::parse(code) {
                Ok(d) if d.code() == code => {
                    if out.contains(&d) {
                        self.problem(
                            "params.duplicate",
                            path,
                            span,
                            format!("département « {code} » cité deux fois"),
                            format!("department '{code}' is listed twice"),
                        );
                    }
                    out.push(d);
                }
                _ => self.problem(
                    "params.unknown_department",
                    path,
                    span,
                    format!("département « {code} » inconnu"),
                    format!("unknown department '{code}'"),
                ),
            }
        }
        out
    }

    /// What regions and zones share: a unique code, a period, departments, a source.
    fn area(
        &mut self,
        (what_fr, what_en): (&str, &str),
        duplicate: bool,
        a: &RawArea<'_>,
        path: &str,
        span: &Range<usize>,
        starts: NaiveDate,
    ) -> (NaiveDate, NaiveDate, Vec<Department>, MetaId) {
        if duplicate {
            self.problem(
                "params.duplicate",
                path,
                span,
                format!("{what_fr} « {} » définie deux fois", a.code),
                format!("{what_en} '{}' is defined twice", a.code),
            );
        }
        let from = a
            .from
            .and_then(|d| self.date(d, path, span))
            .unwrap_or(starts);
        let to =
            a.to.and_then(|d| self.date(d, path, span))
                .unwrap_or(OPEN_END);
        let departments = self.departments(path, span, a.departments);
        let meta = self.meta(path, span, a.source, None, a.note, false);
        (from, to, departments, meta)
    }

    fn regions(&mut self, raw: &RawFile, starts: NaiveDate) -> Vec<Region> {
        let mut out: Vec<Region> = Vec::new();
        for (i, r) in raw.region.iter().enumerate() {
            let span = r.span();
            let g = r.get_ref();
            let path = format!("region[{i}:{}]", g.code);
            let duplicate = out.iter().any(|o| o.code == g.code);
            let area = RawArea {
                code: &g.code,
                from: g.from.as_ref(),
                to: g.to.as_ref(),
                departments: &g.departments,
                source: g.source.as_deref(),
                note: g.note.as_deref(),
            };
            let (from, to, departments, meta) =
                self.area(("région", "region"), duplicate, &area, &path, &span, starts);
            out.push(Region {
                code: g.code.clone(),
                insee: g.insee.clone(),
                name: g.name.clone(),
                from,
                to,
                departments,
                meta,
            });
        }
        out
    }

    fn zones(&mut self, raw: &RawFile, starts: NaiveDate, regions: &[Region]) -> Vec<Zone> {
        let mut out: Vec<Zone> = Vec::new();
        for (i, z) in raw.zone.iter().enumerate() {
            let span = z.span();
            let g = z.get_ref();
            let path = format!("zone[{i}:{}]", g.code);
            let duplicate = out.iter().any(|o| o.code == g.code);
            let area = RawArea {
                code: &g.code,
                from: g.from.as_ref(),
                to: g.to.as_ref(),
                departments: &g.departments,
                source: g.source.as_deref(),
                note: g.note.as_deref(),
            };
            let (from, to, departments, meta) =
                self.area(("zone", "zone"), duplicate, &area, &path, &span, starts);
            let region = g.region.clone().unwrap_or_default();
            if !regions.iter().any(|r| r.code == region) {
                self.problem(
                    "params.unknown_region",
                    &path,
                    &span,
                    format!("région « {region} » inconnue"),
                    format!("unknown region '{region}'"),
                );
            }

            let rate_spans: Vec<RawSpan<'_>> = g
                .rates
                .iter()
                .map(|p| {
                    let r = p.get_ref();
                    RawSpan {
                        from: &r.from,
                        to: r.to.as_ref(),
                        // Either form of a value counts as one for the value/unknown check.
                        value: r
                            .per_cv
                            .as_deref()
                            .or(r.components.as_ref().map(|_| "components")),
                        unknown: r.unknown.as_deref(),
                        confidence: r.confidence.as_deref(),
                        source: r.source.as_deref(),
                        note: r.note.as_deref(),
                        span: p.span(),
                    }
                })
                .collect();
            let rates_path = format!("{path}.rates");
            let rates = self.periods(
                &rates_path,
                "per_cv",
                &rate_spans,
                from,
                to,
                &span,
                |loader, p, k| {
                    let r = g.rates[k].get_ref();
                    let here = format!("{rates_path}[{k}]");
                    match (&r.per_cv, &r.components) {
                        (Some(_), Some(_)) => {
                            loader.problem(
                                "params.invalid_value",
                                &here,
                                &p.span,
                                "« per_cv » et « components » sont exclusifs".into(),
                                "'per_cv' and 'components' are exclusive".into(),
                            );
                            None
                        }
                        (Some(v), None) => loader.amount(&here, &p.span, v).map(|per_cv| Rate {
                            per_cv,
                            components: Vec::new(),
                        }),
                        (None, Some(parts)) => {
                            let mut components = Vec::new();
                            let mut total = Money::ZERO;
                            for c in parts {
                                let amount = loader.amount(&here, &p.span, &c.amount)?;
                                total = total + amount;
                                components.push(RateComponent {
                                    label: c.label.clone(),
                                    amount,
                                });
                            }
                            Some(Rate {
                                per_cv: total,
                                components,
                            })
                        }
                        (None, None) => None,
                    }
                },
            );
            let share_spans: Vec<RawSpan<'_>> = g
                .clean_exemption
                .iter()
                .map(|p| {
                    let r = p.get_ref();
                    RawSpan {
                        from: &r.from,
                        to: r.to.as_ref(),
                        value: r.share.as_deref(),
                        unknown: r.unknown.as_deref(),
                        confidence: r.confidence.as_deref(),
                        source: r.source.as_deref(),
                        note: r.note.as_deref(),
                        span: p.span(),
                    }
                })
                .collect();
            let clean_path = format!("{path}.clean_exemption");
            let clean_exemption = self.periods(
                &clean_path,
                "share",
                &share_spans,
                from,
                to,
                &span,
                |loader, p, k| {
                    let v = p.value?;
                    let share = parse_decimal(v).and_then(Share::from_decimal);
                    if share.is_none() {
                        loader.problem(
                            "params.invalid_value",
                            &format!("{clean_path}[{k}]"),
                            &p.span,
                            format!("part « {v} » invalide (entre 0 et 1, au plus 4 décimales)"),
                            format!("invalid share '{v}' (between 0 and 1, at most 4 decimals)"),
                        );
                    }
                    share
                },
            );
            out.push(Zone {
                code: g.code.clone(),
                name: g.name.clone(),
                region,
                from,
                to,
                departments,
                rates,
                clean_exemption,
                meta,
            });
        }
        out
    }

    fn amount(&mut self, path: &str, span: &Range<usize>, v: &str) -> Option<Money> {
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
    fn coverage<'r>(
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

/// The dated series the engine reads.
const SERIES_KEYS: [&str; 20] = [
    "fees.regime",
    "y4.amount",
    "y5.amount",
    "y5.first_day_confidence",
    "y1.two_wheeler_le_125_share",
    "exemption.national_ev_h2",
    "y4.due_under_partial_exemption",
    "y4.due_on_fni_conversion",
    "y4.due_on_moped",
    "y1_y4.natural_disaster_dispensed",
    "fees.highest_event_only",
    "validity.cpi_months",
    "validity.declaration_months",
    "validity.damaged_card_retention_years",
    "documents.technical_inspection_age_years",
    "documents.kbis_max_age_years",
    "documents.address_proof_max_age_months",
    "eligibility.professional",
    "cmi.fee",
    "cmi.attestation_months",
];

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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn embedded_file_loads() {
        let p = ParameterSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(p.fingerprint.starts_with("sha256:"));
        assert_eq!(p.dates.siv_start.date, d("2009-04-15"));
        let gironde = Department::parse("33").expect("33");
        assert_eq!(
            p.zone_at(gironde, d("2019-06-01")).expect("zone").code,
            "NAQ"
        );
        assert_eq!(
            p.zone_at(gironde, d("2015-06-01")).expect("zone").code,
            "AQUITAINE"
        );
        assert_eq!(
            p.region_at(gironde, d("2015-06-01")).expect("region").code,
            "AQUITAINE"
        );
        assert_eq!(
            p.region_at(gironde, d("2016-06-01")).expect("region").code,
            "NAQ"
        );
    }

    #[test]
    fn every_source_has_its_metadata_for_people() {
        let p = ParameterSet::embedded().expect("embedded");
        for s in &p.sources {
            assert!(
                s.title_fr.as_deref().is_some_and(|t| !t.is_empty()),
                "{}",
                s.id
            );
            assert!(s.kind.is_some(), "{}", s.id);
            if s.url.is_some() {
                assert_eq!(
                    s.kind.as_deref(),
                    Some("official"),
                    "{}: a link is official",
                    s.id
                );
            }
        }
        let sp = p.source("SP-F19211-2019").expect("SP-F19211-2019");
        assert_eq!(sp.date, Some(d("2019-04-24")));
        assert_eq!(sp.kind.as_deref(), Some("official"));
        let text = DEFAULT_PARAMETERS.replace(
            "date = 2019-04-24, url = \"https://www.service-public.fr/particuliers/vosdroits/F19211\", kind = \"official\"",
            "date = 2019-04-24, url = \"http://www.service-public.fr/particuliers/vosdroits/F19211\", kind = \"blog\"",
        );
        let e = ParameterSet::from_toml(&text).expect_err("bad kind and link");
        let paths: Vec<&str> = e.problems().iter().map(|p| p.path.as_str()).collect();
        assert!(
            paths.iter().any(|p| p.ends_with("SP-F19211-2019.url")),
            "{paths:?}"
        );
        assert!(
            paths.iter().any(|p| p.ends_with("SP-F19211-2019.kind")),
            "{paths:?}"
        );
    }

    #[test]
    fn every_department_has_a_zone_and_region_every_day() {
        let p = ParameterSet::embedded().expect("embedded");
        let mut date = p.starts;
        while date <= d("2027-12-31") {
            for dept in Department::all() {
                assert!(p.zone_at(dept, date).is_some(), "{dept} {date}");
                assert!(p.region_at(dept, date).is_some(), "{dept} {date}");
            }
            date = date + Days::new(7);
        }
    }

    #[test]
    fn overlapping_periods_are_rejected_naming_both() {
        let text = DEFAULT_PARAMETERS.replace(
            "{ from = 2023-01-01, to = 2024-12-31, per_cv = \"45\"",
            "{ from = 2022-06-01, to = 2024-12-31, per_cv = \"45\"",
        );
        let e = ParameterSet::from_toml(&text).expect_err("overlap");
        let p = e
            .problems()
            .iter()
            .find(|p| p.code == "params.overlap")
            .expect("overlap problem");
        assert!(
            p.message_en.contains("2017-01-01..2022-12-31"),
            "{}",
            p.message_en
        );
        assert!(
            p.message_en.contains("2022-06-01..2024-12-31"),
            "{}",
            p.message_en
        );
        assert!(p.path.contains("NAQ"), "{}", p.path);
        assert!(p.line > 0);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = DEFAULT_PARAMETERS
            .replace("per_cv = \"58\"", "per_cv = \"-58\"")
            .replace("departments = [\"2A\", \"2B\"]\nsource = \"SP-RATES-NEW-OLD\"", "departments = [\"2A\", \"2C\"]\nsource = \"SP-RATES-NEW-OLD\"")
            .replacen("source = \"INSEE-COG\"\n", "\n", 1)
            .replace("value = \"2.76\", confidence = \"high\", source = \"ARRETE-2015-09-21, SP-F19211-2019, SP-F19211-2025\"", "value = \"2.76\", confidence = \"high\", source = \"NOWHERE\"");
        let e = ParameterSet::from_toml(&text).expect_err("rejected");
        let codes: Vec<&str> = e.problems().iter().map(|p| p.code).collect();
        for want in [
            "params.negative_amount",
            "params.unknown_department",
            "params.missing_source",
            "params.unknown_source",
        ] {
            assert!(codes.contains(&want), "{want} missing from {codes:?}");
        }
    }

    #[test]
    fn absurd_amounts_are_refused_not_overflowed() {
        for bad in ["1000000000000000000000000000", "1000000.01", "41.505"] {
            let text =
                DEFAULT_PARAMETERS.replace("per_cv = \"58\"", &format!("per_cv = \"{bad}\""));
            let e = ParameterSet::from_toml(&text).expect_err(bad);
            assert!(
                e.problems()
                    .iter()
                    .any(|p| p.code == "params.invalid_value"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = ParameterSet::from_toml("[parameter_set]\nname = \n").expect_err("syntax");
        assert_eq!(e.problems()[0].code, "params.syntax");
        assert_eq!(e.problems()[0].line, 2);
    }
}
