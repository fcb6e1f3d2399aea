//! The key dates and the dated scalar series of the file.

use super::*;

impl Loader<'_> {
    pub(super) fn key_dates(&mut self, raw: &RawFile) -> Option<KeyDates> {
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
        let regime = |s: &str| Regime::ALL.iter().copied().find(|r| r.code() == s);
        let professional = |s: &str| {
            ProfessionalRule::ALL
                .iter()
                .copied()
                .find(|r| r.code() == s)
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
}
