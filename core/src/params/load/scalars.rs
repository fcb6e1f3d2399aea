//! The key dates and the dated scalar series of the file.

use super::*;
use crate::params::keys::{FromParam, SeriesReader};

impl Loader<'_> {
    /// A key date lies within the file's span: from `parameter_set.starts` to the latest date a
    /// request may carry ([`DATE_CEILING`](crate::contract::date::DATE_CEILING)).
    fn key_date_in_span(
        &mut self,
        d: NaiveDate,
        path: &str,
        span: &Range<usize>,
        starts: NaiveDate,
    ) -> bool {
        let ceiling = crate::contract::date::DATE_CEILING;
        if (starts..=ceiling).contains(&d) {
            return true;
        }
        self.problem(
            "params.invalid_date",
            path,
            span,
            format!("la date clé {d} est hors de la période du fichier, du {starts} au {ceiling}"),
            format!("key date {d} is outside the file's span, {starts} to {ceiling}"),
        );
        false
    }

    pub(super) fn key_dates(&mut self, raw: &RawFile, starts: NaiveDate) -> Option<KeyDates> {
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
            let date = date.filter(|d| self.key_date_in_span(*d, &path, &span, starts));
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

    pub(super) fn scalars(&mut self, raw: &RawFile, starts: NaiveDate) -> Option<Scalars> {
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
        Scalars::read(&mut Reader {
            loader: self,
            by_key: &by_key,
            starts,
            cmi_start,
        })
    }
}

/// The loader reading the series of the table (`params/keys.rs`).
struct Reader<'l, 'a, 'r> {
    loader: &'l mut Loader<'a>,
    by_key: &'l HashMap<&'r str, &'r Spanned<RawSeries>>,
    starts: NaiveDate,
    cmi_start: NaiveDate,
}

impl SeriesReader for Reader<'_, '_, '_> {
    fn read<T: FromParam>(&mut self, key: &'static str, from_cmi_start: bool) -> Option<Series<T>> {
        let Some(found) = self.by_key.get(key).copied() else {
            self.loader.problem(
                "params.missing_key",
                &format!("series[{key}]"),
                &(0..0),
                format!("série « {key} » manquante"),
                format!("missing series '{key}'"),
            );
            return None;
        };
        let start = if from_cmi_start {
            self.cmi_start
        } else {
            self.starts
        };
        Some(self.loader.series(key, found, start, |v| {
            T::from_param(v).filter(|x| x.in_range(key))
        }))
    }
}

/// The range of a count (a whole number of months or years), by the key's unit: every duration the
/// texts give is a few months (CPI 1 month, declaration 1 month, proof of address 6 months, CMI
/// attestation 3 months) or a few years (damaged card 5 years, contrôle technique 4 years, Kbis);
/// 120 months and 50 years leave room for any change while refusing a typing error such as
/// `"4294967295"`, which would also overflow date arithmetic.
pub(super) fn count_range(key: &str) -> Option<(u32, u32)> {
    if key.ends_with("_months") {
        Some((1, 120))
    } else if key.ends_with("_years") {
        Some((1, 50))
    } else {
        None
    }
}

// Amounts are whole cents: a finer amount is refused, never rounded.
impl FromParam for Money {
    fn from_param(s: &str) -> Option<Self> {
        parse_decimal(s)
            .filter(|d| {
                !d.is_sign_negative() && Money::has_cents_precision(*d) && *d <= max_amount()
            })
            .map(Money::new)
    }
}

impl FromParam for Share {
    fn from_param(s: &str) -> Option<Self> {
        parse_decimal(s).and_then(Share::from_decimal)
    }
}

impl FromParam for bool {
    fn from_param(s: &str) -> Option<Self> {
        match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

impl FromParam for u32 {
    fn from_param(s: &str) -> Option<Self> {
        // Plain digits only: no sign, no space.
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }
    fn in_range(&self, key: &str) -> bool {
        count_range(key).is_none_or(|(lo, hi)| (lo..=hi).contains(self))
    }
}

impl FromParam for Confidence {
    fn from_param(s: &str) -> Option<Self> {
        Confidence::parse(s)
    }
}

impl FromParam for Regime {
    fn from_param(s: &str) -> Option<Self> {
        Regime::ALL.iter().copied().find(|r| r.code() == s)
    }
}

impl FromParam for ProfessionalRule {
    fn from_param(s: &str) -> Option<Self> {
        ProfessionalRule::ALL
            .iter()
            .copied()
            .find(|r| r.code() == s)
    }
}
