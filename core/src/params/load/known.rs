//! The second time axis of a parameter file: from when each value was known and until when.
//!
//! A zone, a rate, a clean-vehicle share or a period of a series may say `known_from` (the day the
//! file learnt it: the publication of a deliberation, the day of a research pass; the file's
//! `published` date by default) and `known_until` (the day a correction replaced it, exclusive).
//! A corrected value is kept with its `known_until`, next to the value that replaced it with its
//! `known_from`: the file holds its own history.
//!
//! A load keeps the entries known on one day ([`Loader::known_on`]), or, by default, the entries
//! still known (without `known_until`). What is kept is then checked like any file: the periods
//! known on each day tile their span without overlap or gap, each department has one zone.

use super::*;

impl Loader<'_> {
    /// Loads what was known on `day` instead of what is known now.
    pub(in crate::params) fn known_on(mut self, day: NaiveDate) -> Self {
        self.known_on = Some(day);
        self
    }

    /// The file as known on the loader's day: entries not known then are left out.
    pub(super) fn select_known(&mut self, mut raw: RawFile) -> RawFile {
        let default_from = published(&raw).unwrap_or(NaiveDate::MIN);
        let mut zones = std::mem::take(&mut raw.zone);
        let mut i = 0;
        zones.retain(|z| {
            let g = z.get_ref();
            let path = format!("zone[{i}:{}]", g.code);
            i += 1;
            self.keep(
                &path,
                &z.span(),
                g.known_from.as_ref(),
                g.known_until.as_ref(),
                default_from,
            )
        });
        for z in &mut zones {
            let g = z.get_mut();
            let path = format!("zone[{}]", g.code);
            let mut k = 0;
            g.rates.retain(|r| {
                let e = r.get_ref();
                let here = format!("{path}.rates[{k}]");
                k += 1;
                self.keep(
                    &here,
                    &r.span(),
                    e.known_from.as_ref(),
                    e.known_until.as_ref(),
                    default_from,
                )
            });
            let mut k = 0;
            g.clean_exemption.retain(|r| {
                let e = r.get_ref();
                let here = format!("{path}.clean_exemption[{k}]");
                k += 1;
                self.keep(
                    &here,
                    &r.span(),
                    e.known_from.as_ref(),
                    e.known_until.as_ref(),
                    default_from,
                )
            });
        }
        raw.zone = zones;
        for s in &mut raw.series {
            let g = s.get_mut();
            let path = format!("series[{}]", g.key.get_ref());
            let mut k = 0;
            g.periods.retain(|p| {
                let e = p.get_ref();
                let here = format!("{path}[{k}]");
                k += 1;
                self.keep(
                    &here,
                    &p.span(),
                    e.known_from.as_ref(),
                    e.known_until.as_ref(),
                    default_from,
                )
            });
        }
        raw
    }

    /// Whether an entry is known on the loader's day; a bad date or an empty interval is a problem.
    fn keep(
        &mut self,
        path: &str,
        span: &Range<usize>,
        known_from: Option<&Datetime>,
        known_until: Option<&Datetime>,
        default_from: NaiveDate,
    ) -> bool {
        let from = known_from
            .and_then(|d| self.date(d, &format!("{path}.known_from"), span))
            .unwrap_or(default_from);
        let until = known_until.and_then(|d| self.date(d, &format!("{path}.known_until"), span));
        if let Some(until) = until {
            if until <= from {
                self.problem(
                    "params.unordered",
                    path,
                    span,
                    format!("connue jusqu'au {until} (exclu) mais seulement à partir du {from}"),
                    format!("known until {until} (exclusive) but only from {from}"),
                );
            }
        }
        match self.known_on {
            None => known_until.is_none(),
            Some(day) => from <= day && until.is_none_or(|u| day < u),
        }
    }
}

/// The file's `published` date, the default `known_from` of its entries.
fn published(raw: &RawFile) -> Option<NaiveDate> {
    let d = raw.parameter_set.as_ref()?.get_ref().published.as_ref()?;
    plain_date(d)
}

fn plain_date(d: &Datetime) -> Option<NaiveDate> {
    match (&d.date, &d.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        ),
        _ => None,
    }
}

/// The days on which the file's knowledge changes, in order: the first day anything is known,
/// then every `known_from` and `known_until`. Empty for a file without either field (or one that
/// cannot be read: its load reports why).
pub(in crate::params) fn known_days(text: &str) -> Vec<NaiveDate> {
    if !text.contains("known_from") && !text.contains("known_until") {
        return Vec::new();
    }
    let Ok(raw) = toml::from_str::<RawFile>(text) else {
        return Vec::new();
    };
    let default_from = published(&raw).unwrap_or(NaiveDate::MIN);
    let mut days = Vec::new();
    let mut add = |from: Option<&Datetime>, until: Option<&Datetime>| {
        days.push(from.and_then(plain_date).unwrap_or(default_from));
        days.extend(until.and_then(plain_date));
    };
    for z in &raw.zone {
        let g = z.get_ref();
        add(g.known_from.as_ref(), g.known_until.as_ref());
        for r in &g.rates {
            add(
                r.get_ref().known_from.as_ref(),
                r.get_ref().known_until.as_ref(),
            );
        }
        for r in &g.clean_exemption {
            add(
                r.get_ref().known_from.as_ref(),
                r.get_ref().known_until.as_ref(),
            );
        }
    }
    for s in &raw.series {
        for p in &s.get_ref().periods {
            add(
                p.get_ref().known_from.as_ref(),
                p.get_ref().known_until.as_ref(),
            );
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}
