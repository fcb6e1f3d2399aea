//! The parameter set's plain data: dated series, regimes, rates, zones, regions, key dates.

use chrono::NaiveDate;
use serde::Serialize;

use super::OPEN_END;
use crate::model::department::Department;
use crate::model::money::{Confidence, Money, Share};

/// Index of a [`ValueMeta`] in [`ParameterSet::meta`](super::ParameterSet::meta).
pub type MetaId = u32;

/// Where a value comes from and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueMeta {
    /// How sure the value is, as graded in the file.
    pub confidence: Confidence,
    /// Source ids as written in the file, e.g. `"SP-F19211-2019, S15"`.
    pub source: String,
    /// A free note of the file on the value (what the source says, why this reading).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// 1-based line of the entry in the parameter file.
    pub line: u32,
    /// The competing readings of a disputed value or of a default (facts.md §11), each with its
    /// own value, days, sources and grade. Empty for a settled value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// The date of the earliest cited source, when every cited source is dated (`None` otherwise):
    /// a request dated before it rests on later sources only (see `explain::era`).
    #[serde(skip)]
    pub sources_from: Option<NaiveDate>,
}

/// Another reading of a value: what the value would be on some days of its period if the other
/// sources were followed. The engine re-runs its rules with it (`ParameterSet::alternative_set`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    /// Stable id, unique in the file (e.g. `ges-2022-48-from-january`).
    pub id: String,
    /// The value as written in the file, read as the type of the period's value.
    pub value: String,
    /// The days on which the reading differs (inclusive, within the period).
    pub from: NaiveDate,
    /// Last day on which the reading differs (inclusive).
    pub to: NaiveDate,
    /// Source ids as written in the file.
    pub source: String,
    /// The best grade of its sources (`A`, `B` or `C`).
    pub grade: String,
    /// The assumption this reading makes, in French.
    pub assumption_fr: String,
    /// The assumption this reading makes, in English.
    pub assumption_en: String,
}

impl Alternative {
    /// The cited source ids, trimmed.
    pub fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.source
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// One period of a dated value; `value` is `None` for an explicit gap ("unknown").
#[derive(Debug, Clone, PartialEq)]
pub struct Period<T> {
    /// First day of the period.
    pub from: NaiveDate,
    /// Inclusive; [`OPEN_END`] when the period has no end.
    pub to: NaiveDate,
    /// The value in force over the period (`None`: not known, see `unknown`).
    pub value: Option<T>,
    /// For a gap: why no value is known.
    pub unknown: Option<String>,
    /// Index of the period's source and confidence in the parameter set's metadata.
    pub meta: MetaId,
}

impl<T> Period<T> {
    /// The period includes `date` (both ends inclusive).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
    /// The period has no end date ([`OPEN_END`]).
    pub fn is_open(&self) -> bool {
        self.to == OPEN_END
    }
}

/// A value that changes over time: ordered, contiguous, non-overlapping periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<T> {
    /// The periods, in date order, without gap or overlap.
    pub periods: Vec<Period<T>>,
}

impl<T> Series<T> {
    /// The period in force on `date`, if the series covers it.
    #[must_use]
    pub fn at(&self, date: NaiveDate) -> Option<&Period<T>> {
        // Few periods per series: a backwards scan finds recent dates first.
        self.periods.iter().rev().find(|p| p.contains(date))
    }

    /// The index of the period in force on `date` for [`Series::at_index`] (`u8::MAX` when none,
    /// or when the series has too many periods for a byte).
    #[must_use]
    pub(crate) fn index_at(&self, date: NaiveDate) -> u8 {
        self.periods
            .iter()
            .rposition(|p| p.contains(date))
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(u8::MAX)
    }

    /// [`Series::at`] with the index of the period known (from the class of days of `date`, see
    /// `params/days.rs`): that period when it does include `date`, otherwise the same scan as
    /// [`Series::at`], so a stale or missing index never changes the answer.
    #[inline(always)]
    #[must_use]
    pub(crate) fn at_index(&self, index: u8, date: NaiveDate) -> Option<&Period<T>> {
        match self.periods.get(usize::from(index)) {
            Some(p) if p.contains(date) => Some(p),
            _ => self.at(date),
        }
    }
    /// The last known period ending before `date`, and the first known one starting after it.
    #[must_use]
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
    /// The contract name (same as [`Regime::code`]).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.code()
    }
}

contract_names!(Regime { Cgi => "cgi", TaxeFixe2021 => "taxe_fixe_2021", Cibs => "cibs" });

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

/// One part of a regional rate (the regional tariff, the IDFM majoration…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateComponent {
    /// What the part is, as the file names it.
    pub label: String,
    /// € per CV of this part.
    pub amount: Money,
}

/// A named key date.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDate {
    /// The day.
    pub date: NaiveDate,
    /// Index of the date's source and confidence in the parameter set's metadata.
    pub meta: MetaId,
}

/// The key dates the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDates {
    /// The SIV opens (2009-04-15): the engine answers from this day.
    pub siv_start: KeyDate,
    /// From this day a duplicata of an FNI-numbered vehicle converts it to an SIV number (2009-10-15).
    pub fni_conversion_start: KeyDate,
    /// Cyclomoteurs registered from this day get an SIV number instead of `A 11 A` (2015-07-01).
    pub moped_siv_format_start: KeyDate,
    /// Online only (ANTS) from this day; prefecture counters and post until the day before (2017-11-06).
    pub online_only_start: KeyDate,
    /// The co-holder and a mandate holder may apply from this day (F1726, 2019-12-19).
    pub co_holder_and_mandate_start: KeyDate,
    /// The CPI is valid in France only from this day (F1726, 2019-12-19).
    pub cpi_france_only_start: KeyDate,
    /// The carte mobilité inclusion replaces the former cards (2017-01-01).
    pub cmi_start: KeyDate,
    /// Last day on which the former paper cards remain valid (2026-12-31).
    pub cmi_former_cards_valid_until: KeyDate,
}

/// An administrative region over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Stable code of the region in the file (e.g. `ALSACE`).
    pub code: String,
    /// INSEE code of the region (Code officiel géographique).
    pub insee: String,
    /// Name of the region.
    pub name: String,
    /// First day the region exists with these departments.
    pub from: NaiveDate,
    /// Last day the region exists with these departments (inclusive; [`OPEN_END`] when open).
    pub to: NaiveDate,
    /// The departments of the region over the period.
    pub departments: Vec<Department>,
    /// Index of the region's source in the parameter set's metadata.
    pub meta: MetaId,
}

/// An area sharing one regional rate at a date (a region, or a former region of a merged one).
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// Stable code of the zone in the file.
    pub code: String,
    /// Name of the zone.
    pub name: String,
    /// Code of the (current) region the zone belongs to.
    pub region: String,
    /// First day the zone applies.
    pub from: NaiveDate,
    /// Last day the zone applies (inclusive; [`OPEN_END`] when open).
    pub to: NaiveDate,
    /// The departments of the zone over the period.
    pub departments: Vec<Department>,
    /// The zone's rate per CV over time (CGI art. 1599 octodecies; CIBS L421-43).
    pub rates: Series<Rate>,
    /// Share of Y1 exempted for clean vehicles (1 = 100 %).
    pub clean_exemption: Series<Share>,
    /// Index of the zone's source in the parameter set's metadata.
    pub meta: MetaId,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Stable id of the source, as cited by values (e.g. `SP-F1726-2020`).
    pub id: String,
    /// Grade of the source: `A` (legal text, official fiche), `B` (serious press, trade) or `C` (weak).
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

contract_names!(ProfessionalRule {
    LeasingOnly => "leasing_only",
    AnyWithMandate => "any_with_mandate",
    Never => "never",
});
