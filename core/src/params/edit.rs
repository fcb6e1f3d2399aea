//! What-if edits of a parameter set: a [`ParameterFile`] keeps a checked [`ParameterSet`] together
//! with the TOML text it was read from, and each edit (a zone's rate or clean-vehicle share, an
//! amount of a dated series, a key date) writes a new text, keeping the file's comments and layout,
//! and reads it again with every check of a file. The edited set is a file like any other: it can
//! be written out (`to_toml`), checked by `duplicata params check`, and its name and fingerprint
//! differ from the original's, so a decision never passes for one of the reference set.
//!
//! An edited period cites the source [`WHAT_IF_SOURCE`] (added to `[sources]` on the first edit),
//! has `confidence = "low"` and a `note` saying what was changed: a simulated value is never
//! presented as a sourced one.

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Value};

use super::{DEFAULT_PARAMETERS, ParameterSet};
use crate::error::{Error, ErrorCode};
use crate::model::money::{Money, Share};

/// The source id every edited value cites.
pub const WHAT_IF_SOURCE: &str = "WHAT-IF";

/// What separates a set's name from the digest an edit appends to it.
const EDIT_MARK: &str = "+what-if-";

/// A checked parameter set and the TOML text it was read from.
#[derive(Debug, Clone)]
pub struct ParameterFile {
    text: String,
    set: ParameterSet,
}

/// The kind of a period list edited by [`ParameterFile`].
#[derive(Debug, Clone, Copy)]
enum Field {
    /// A zone's `rates`, value key `per_cv`.
    Rate,
    /// A zone's `clean_exemption`, value key `share`.
    Share,
    /// A `[[series]]`'s `periods`, value key `value`.
    Series,
}

impl Field {
    fn value_key(self) -> &'static str {
        match self {
            Field::Rate => "per_cv",
            Field::Share => "share",
            Field::Series => "value",
        }
    }
}

fn edit_error(field: &str, fr: String, en: String) -> Error {
    Error::with_code(ErrorCode::ParamsInvalid, Some(field), fr, en)
}

fn toml_date(d: NaiveDate) -> Value {
    // Dates of a parameter set are within years 1..=9999 (chrono and TOML agree there).
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or(0),
        month: u8::try_from(d.month()).unwrap_or(0),
        day: u8::try_from(d.day()).unwrap_or(0),
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

fn date_of(v: Option<&Value>) -> Option<NaiveDate> {
    let d = v?.as_datetime()?.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

impl ParameterFile {
    /// The embedded reference parameters with their text.
    ///
    /// # Errors
    ///
    /// `params.invalid` if the embedded file were refused (a test checks it is not).
    pub fn reference() -> Result<Self, Error> {
        Self::from_toml(DEFAULT_PARAMETERS)
    }

    /// Reads and checks a parameter file's text, as [`ParameterSet::from_toml`].
    ///
    /// # Errors
    ///
    /// `params.invalid`, with every problem of the file.
    pub fn from_toml(text: impl Into<String>) -> Result<Self, Error> {
        let text = text.into();
        let set = ParameterSet::from_toml(&text)?;
        Ok(ParameterFile { text, set })
    }

    /// The TOML text of this set (the file's own text, or the edited one).
    #[must_use]
    pub fn to_toml(&self) -> &str {
        &self.text
    }

    /// The checked parameter set.
    #[must_use]
    pub fn set(&self) -> &ParameterSet {
        &self.set
    }

    /// The checked parameter set, taken out.
    #[must_use]
    pub fn into_set(self) -> ParameterSet {
        self.set
    }

    /// The same set under another name (its fingerprint changes with the text).
    ///
    /// # Errors
    ///
    /// `params.invalid` if the name is empty or the set is refused.
    pub fn with_name(&self, name: &str) -> Result<Self, Error> {
        if name.trim().is_empty() {
            return Err(edit_error(
                "name",
                "le nom d'un jeu de paramètres ne peut être vide".into(),
                "a parameter set's name cannot be empty".into(),
            ));
        }
        let mut doc = self.document()?;
        doc["parameter_set"]["name"] = toml_edit::value(name);
        Self::from_toml(doc.to_string())
    }

    /// Sets the rate per CV of `zone` to `per_cv` from `from` to `to` (inclusive; `None`: to the
    /// end of the zone's last period). The periods around are cut to fit.
    ///
    /// # Errors
    ///
    /// `params.invalid`: an unknown zone (the message lists the zones), `to` before `from`, or a
    /// set the loader refuses (e.g. a period outside the zone's life).
    pub fn with_rate(
        &self,
        zone: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
        per_cv: Money,
    ) -> Result<Self, Error> {
        let what = format!("rate of {zone} set to {per_cv} €/CV");
        self.edit_zone(zone, Field::Rate, from, to, &per_cv.to_string(), &what)
    }

    /// Sets the share of the regional tax exempted for clean vehicles in `zone` (1 = 100 %).
    ///
    /// # Errors
    ///
    /// As [`ParameterFile::with_rate`].
    pub fn with_clean_share(
        &self,
        zone: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
        share: Share,
    ) -> Result<Self, Error> {
        let what = format!("clean-vehicle share of {zone} set to {share}");
        self.edit_zone(zone, Field::Share, from, to, &share.to_string(), &what)
    }

    /// Sets the amount of the dated series `key` (e.g. `y4.amount`, `y5.amount`, `cmi.fee`).
    ///
    /// # Errors
    ///
    /// `params.invalid`: an unknown key (the message lists the keys), `to` before `from`, or a set
    /// the loader refuses (a key that is not an amount gets the loader's type problem).
    pub fn with_amount(
        &self,
        key: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
        amount: Money,
    ) -> Result<Self, Error> {
        check_span(from, to)?;
        let mut doc = self.document()?;
        let series = doc
            .get_mut("series")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| missing_section("series"))?;
        let keys: Vec<String> = series
            .iter()
            .filter_map(|t| t.get("key").and_then(Item::as_str).map(str::to_owned))
            .collect();
        let table = series
            .iter_mut()
            .find(|t| t.get("key").and_then(Item::as_str) == Some(key))
            .ok_or_else(|| unknown("key", key, &keys))?;
        let periods = table
            .get_mut("periods")
            .and_then(Item::as_array_mut)
            .ok_or_else(|| missing_section("periods"))?;
        let what = format!("{key} set to {amount}");
        splice(periods, Field::Series, from, to, &amount.to_string(), &what);
        self.finish(doc)
    }

    /// Moves the key date `name` of `[dates]` (e.g. `online_only_start`) to `date`.
    ///
    /// # Errors
    ///
    /// `params.invalid`: an unknown name (the message lists the key dates) or a refused set.
    pub fn with_key_date(&self, name: &str, date: NaiveDate) -> Result<Self, Error> {
        let mut doc = self.document()?;
        let dates = doc
            .get_mut("dates")
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| missing_section("dates"))?;
        let names: Vec<String> = dates.iter().map(|(k, _)| k.to_owned()).collect();
        let entry = dates
            .get_mut(name)
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| unknown("date", name, &names))?;
        entry.insert("date", Item::Value(toml_date(date)));
        entry.insert("confidence", toml_edit::value("low"));
        entry.insert("source", toml_edit::value(WHAT_IF_SOURCE));
        entry.insert(
            "note",
            toml_edit::value(format!("what-if: {name} moved to {date}")),
        );
        self.finish(doc)
    }

    fn document(&self) -> Result<DocumentMut, Error> {
        self.text.parse::<DocumentMut>().map_err(|e| {
            let msg = e.message().replace('\n', " ");
            edit_error(
                "",
                format!("fichier de paramètres illisible : {msg}"),
                format!("unreadable parameter file: {msg}"),
            )
        })
    }

    fn edit_zone(
        &self,
        zone: &str,
        field: Field,
        from: NaiveDate,
        to: Option<NaiveDate>,
        value: &str,
        what: &str,
    ) -> Result<Self, Error> {
        check_span(from, to)?;
        let mut doc = self.document()?;
        let zones = doc
            .get_mut("zone")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| missing_section("zone"))?;
        let codes: Vec<String> = zones
            .iter()
            .filter_map(|t| t.get("code").and_then(Item::as_str).map(str::to_owned))
            .collect();
        let table = zones
            .iter_mut()
            .find(|t| t.get("code").and_then(Item::as_str) == Some(zone))
            .ok_or_else(|| unknown("zone", zone, &codes))?;
        let list = match field {
            Field::Rate => "rates",
            Field::Share | Field::Series => "clean_exemption",
        };
        let periods = table
            .get_mut(list)
            .and_then(Item::as_array_mut)
            .ok_or_else(|| missing_section(list))?;
        splice(periods, field, from, to, value, what);
        self.finish(doc)
    }

    /// Adds the what-if source, names the set after its original and the new text's digest, and
    /// reads it back with every check.
    fn finish(&self, mut doc: DocumentMut) -> Result<Self, Error> {
        if let Some(sources) = doc.get_mut("sources").and_then(Item::as_table_like_mut)
            && !sources.contains_key(WHAT_IF_SOURCE)
        {
            let mut s = InlineTable::new();
            s.insert("grade", "C".into());
            s.insert(
                "title",
                "what-if: a value changed by the user of the engine, not read in any text".into(),
            );
            s.insert(
                "title_fr",
                "Simulation : valeur modifiée par l'utilisateur, lue dans aucun texte".into(),
            );
            s.insert("kind", "other".into());
            sources.insert(WHAT_IF_SOURCE, Item::Value(Value::InlineTable(s)));
        }
        let base = self
            .set
            .name
            .split(EDIT_MARK)
            .next()
            .unwrap_or(&self.set.name)
            .to_owned();
        doc["parameter_set"]["name"] = toml_edit::value(base.as_str());
        let digest = Sha256::digest(doc.to_string().as_bytes());
        let short: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        doc["parameter_set"]["name"] = toml_edit::value(format!("{base}{EDIT_MARK}{short}"));
        Self::from_toml(doc.to_string())
    }
}

fn check_span(from: NaiveDate, to: Option<NaiveDate>) -> Result<(), Error> {
    match to {
        Some(to) if to < from => Err(edit_error(
            "to",
            format!("fin {to} avant le début {from}"),
            format!("end {to} before start {from}"),
        )),
        _ => Ok(()),
    }
}

fn missing_section(name: &str) -> Error {
    edit_error(
        name,
        format!("« {name} » absent du fichier de paramètres"),
        format!("'{name}' is missing from the parameter file"),
    )
}

fn unknown(field: &str, value: &str, allowed: &[String]) -> Error {
    let list = allowed.join(", ");
    edit_error(
        field,
        format!("« {value} » inconnu pour « {field} » ; valeurs possibles : {list}"),
        format!("unknown {field} '{value}'; allowed: {list}"),
    )
}

/// Replaces the days `from..=to` of a period list by one period of `value`: periods that overlap
/// are cut (the parts outside keep their value, source and note), the new one is inserted in date
/// order.
fn splice(
    periods: &mut Array,
    field: Field,
    from: NaiveDate,
    to: Option<NaiveDate>,
    value: &str,
    what: &str,
) {
    let mut kept: Vec<(NaiveDate, Value)> = Vec::new();
    for v in periods.iter() {
        let Some(t) = v.as_inline_table() else {
            continue;
        };
        let (Some(p_from), p_to) = (date_of(t.get("from")), date_of(t.get("to"))) else {
            continue;
        };
        let overlaps = to.is_none_or(|to| p_from <= to) && p_to.is_none_or(|p_to| from <= p_to);
        if !overlaps {
            kept.push((p_from, v.clone()));
            continue;
        }
        if p_from < from {
            let mut left = t.clone();
            if let Some(day) = from.pred_opt() {
                left.insert("to", toml_date(day));
            }
            kept.push((p_from, Value::InlineTable(left)));
        }
        if let Some(to) = to
            && p_to.is_none_or(|p_to| to < p_to)
            && let Some(next) = to.succ_opt()
        {
            let mut right = t.clone();
            right.insert("from", toml_date(next));
            kept.push((next, Value::InlineTable(right)));
        }
    }
    let mut new = InlineTable::new();
    new.insert("from", toml_date(from));
    if let Some(to) = to {
        new.insert("to", toml_date(to));
    }
    new.insert(field.value_key(), value.into());
    new.insert("confidence", "low".into());
    new.insert("source", WHAT_IF_SOURCE.into());
    new.insert("note", format!("what-if: {what}").into());
    kept.push((from, Value::InlineTable(new)));
    kept.sort_by_key(|(d, _)| *d);

    periods.clear();
    for (_, mut v) in kept {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
        periods.push_formatted(v);
    }
    periods.set_trailing_comma(true);
    periods.set_trailing("\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::department::Department;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("accepted")
    }

    #[test]
    fn a_rate_edit_cuts_the_periods_around_and_renames_the_set() {
        let reference = ParameterFile::reference().expect("accepted");
        let d35 = Department::parse("35").expect("accepted");
        let zone = reference
            .set()
            .zone_at(d35, day("2020-06-01"))
            .expect("accepted")
            .code
            .clone();
        let edited = reference
            .with_rate(
                &zone,
                day("2020-01-01"),
                Some(day("2020-12-31")),
                Money::from_cents(5100),
            )
            .expect("accepted");
        let rate = |p: &ParameterSet, d: &str| {
            let z = p.zone_at(d35, day(d)).expect("accepted");
            z.rates
                .at(day(d))
                .expect("accepted")
                .value
                .as_ref()
                .map(|r| r.per_cv)
        };
        assert_eq!(
            rate(edited.set(), "2020-06-01"),
            Some(Money::from_cents(5100))
        );
        // The days outside keep the reference's values.
        for d in ["2019-12-31", "2021-01-01", "2016-06-01"] {
            assert_eq!(rate(edited.set(), d), rate(reference.set(), d), "{d}");
        }
        assert_ne!(edited.set().name, reference.set().name);
        assert!(
            edited
                .set()
                .name
                .starts_with("duplicata-reference+what-if-")
        );
        assert_ne!(edited.set().fingerprint, reference.set().fingerprint);
        // A second edit keeps one suffix; the text reads back to the same set.
        let twice = edited
            .with_amount("y5.amount", day("2020-01-01"), None, Money::from_cents(300))
            .expect("accepted");
        assert_eq!(twice.set().name.matches(EDIT_MARK).count(), 1);
        assert_ne!(twice.set().name, edited.set().name);
        let again = ParameterFile::from_toml(twice.to_toml().to_owned()).expect("accepted");
        assert_eq!(again.set().fingerprint, twice.set().fingerprint);
    }

    #[test]
    fn edits_are_checked_like_a_file() {
        let p = ParameterFile::reference().expect("accepted");
        let e = p
            .with_rate("NOWHERE", day("2020-01-01"), None, Money::from_cents(100))
            .expect_err("refused");
        assert_eq!((e.code(), e.field()), ("params.invalid", Some("zone")));
        assert!(e.message_en().contains("BRE"), "{}", e.message_en());
        let e = p
            .with_amount("y9.amount", day("2020-01-01"), None, Money::from_cents(100))
            .expect_err("refused");
        assert_eq!(e.field(), Some("key"));
        let e = p
            .with_amount(
                "y5.amount",
                day("2020-02-01"),
                Some(day("2020-01-01")),
                Money::from_cents(100),
            )
            .expect_err("refused");
        assert_eq!(e.field(), Some("to"));
        // Before the file's first day: the loader's own problem.
        let e = p.with_amount(
            "y5.amount",
            day("2001-01-01"),
            Some(day("2009-06-01")),
            Money::from_cents(100),
        );
        assert_eq!(e.expect_err("refused").code(), "params.invalid");
        let e = p
            .with_key_date("no_such_day", day("2020-01-01"))
            .expect_err("refused");
        assert!(e.message_en().contains("online_only_start"));
        let moved = p
            .with_key_date("online_only_start", day("2018-01-01"))
            .expect("accepted");
        assert_eq!(moved.set().dates.online_only_start.date, day("2018-01-01"));
        assert_eq!(p.with_name("mine").expect("accepted").set().name, "mine");
    }
}
