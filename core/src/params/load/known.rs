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

    /// Loads the file already read (see [`known_days`]) instead of reading it again.
    pub(in crate::params) fn parsed(mut self, raw: &RawKnowledge) -> Self {
        self.parsed = Some(raw.0.clone());
        self
    }

    /// The file as known on the loader's day: entries not known then are left out.
    pub(super) fn select_known(&mut self, mut raw: RawFile) -> RawFile {
        let default_from = published(&raw).unwrap_or(NaiveDate::MIN);
        let mut zones = std::mem::take(&mut raw.zone);
        self.retain_known(&mut zones, "zone", default_from);
        for z in &mut zones {
            let g = z.get_mut();
            let path = format!("zone[{}]", g.code);
            self.retain_known(&mut g.rates, &format!("{path}.rates"), default_from);
            self.retain_known(
                &mut g.clean_exemption,
                &format!("{path}.clean_exemption"),
                default_from,
            );
        }
        raw.zone = zones;
        for s in &mut raw.series {
            let g = s.get_mut();
            let path = format!("series[{}]", g.key.get_ref());
            self.retain_known(&mut g.periods, &path, default_from);
        }
        raw
    }

    /// Keeps the entries of a list known on the loader's day.
    fn retain_known<T: Known>(
        &mut self,
        list: &mut Vec<Spanned<T>>,
        path: &str,
        default_from: NaiveDate,
    ) {
        let mut k = 0;
        list.retain(|e| {
            let (from, until) = e.get_ref().known();
            let here = format!("{path}[{k}]");
            k += 1;
            self.keep(&here, &e.span(), from, until, default_from)
        });
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

/// A file read once, to be loaded as known on each of its days.
pub(in crate::params) struct RawKnowledge(RawFile);

/// The days on which the file's knowledge changes, in order: the first day anything is known,
/// then every `known_from` and `known_until`; with the file as read. Nothing for a file without
/// either field (or one that cannot be read: its load reports why).
pub(in crate::params) fn known_days(text: &str) -> Option<(Vec<NaiveDate>, RawKnowledge)> {
    if !text.contains("known_from") && !text.contains("known_until") {
        return None;
    }
    let raw = toml::from_str::<RawFile>(text).ok()?;
    let default_from = published(&raw).unwrap_or(NaiveDate::MIN);
    let mut known = Vec::new();
    for z in &raw.zone {
        let g = z.get_ref();
        known.push(g.known());
        known.extend(g.rates.iter().map(|r| r.get_ref().known()));
        known.extend(g.clean_exemption.iter().map(|r| r.get_ref().known()));
    }
    for s in &raw.series {
        known.extend(s.get_ref().periods.iter().map(|p| p.get_ref().known()));
    }
    let mut days: Vec<NaiveDate> = known
        .into_iter()
        .flat_map(|(from, until)| {
            [
                Some(from.and_then(plain_date).unwrap_or(default_from)),
                until.and_then(plain_date),
            ]
        })
        .flatten()
        .collect();
    days.sort_unstable();
    days.dedup();
    Some((days, RawKnowledge(raw)))
}

/// An entry that may say from when and until when it was known.
trait Known {
    fn known(&self) -> (Option<&Datetime>, Option<&Datetime>);
}

macro_rules! known {
    ($($t:ty),*) => {
        $( impl Known for $t {
            fn known(&self) -> (Option<&Datetime>, Option<&Datetime>) {
                (self.known_from.as_ref(), self.known_until.as_ref())
            }
        } )*
    };
}

known!(RawZone, RawRate, RawShare, RawPeriod);
