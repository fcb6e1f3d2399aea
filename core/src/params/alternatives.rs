//! The other readings of disputed values and of the defaults of facts.md §11, as parameter sets.
//!
//! An alternative is data of the file (`alternatives = [...]` on a period): the value another
//! reading of the sources gives on some days of that period. The engine answers with the
//! default and, in `Engine::evaluate` only, re-runs the same rules on the parameter set where that
//! one period holds the other value: the amounts of an alternative are never written by hand.
//! Each alternative set is built once, on first use, and kept with the parameter set.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::keys::FromParam;
use super::{Alternative, MetaId, ParameterSet, Rate};
use crate::model::money::{Money, Share};

/// An alternative of the set: the value's metadata and the index of the alternative in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlternativeRef {
    /// The value whose reading it is.
    pub meta: MetaId,
    /// Index of the reading in the value's `alternatives`.
    pub index: u16,
}

/// Every alternative of the set, in file order, with its parameter set built on first use.
#[derive(Debug, Clone, Default)]
pub(super) struct AlternativeSets {
    refs: Vec<AlternativeRef>,
    /// The alternatives of values the fee rules read ([`ParameterSet::affects_fees`]), in file
    /// order: the index in `refs` and the alternative's first and last days (read on every
    /// evaluation, kept here side by side).
    fees: Vec<(usize, NaiveDate, NaiveDate)>,
    sets: Vec<OnceLock<Option<Arc<ParameterSet>>>>,
}

impl ParameterSet {
    pub(super) fn index_alternatives(&mut self) {
        let mut refs = Vec::new();
        for (m, meta) in self.meta.iter().enumerate() {
            for k in 0..meta.alternatives.len() {
                refs.push(AlternativeRef {
                    meta: u32::try_from(m).unwrap_or(u32::MAX),
                    index: u16::try_from(k).unwrap_or(u16::MAX),
                });
            }
        }
        let fees = refs
            .iter()
            .enumerate()
            .filter(|(_, r)| self.affects_fees(r.meta))
            .map(|(k, r)| {
                let a = self.alternative(*r);
                (k, a.from, a.to)
            })
            .collect();
        self.alternative_sets = AlternativeSets {
            sets: refs.iter().map(|_| OnceLock::new()).collect(),
            fees,
            refs,
        };
    }

    /// The alternatives whose value cannot be read as the type of their period: (value, id,
    /// expected type).
    pub(super) fn check_alternatives(&self) -> Vec<(MetaId, String, &'static str)> {
        let mut refused = Vec::new();
        for r in &self.alternative_sets.refs {
            let a = self.alternative(*r);
            let ok = match self.scalars.check_text(r.meta, &a.value) {
                Some(ok) => ok,
                None if self.zone_period_is_rate(r.meta) => Money::from_param(&a.value).is_some(),
                None => Share::from_param(&a.value).is_some(),
            };
            if !ok {
                refused.push((r.meta, a.id.clone(), "la période / the period"));
            }
        }
        refused
    }

    /// Whether the value of `meta` is one the fee rules read: a zone's rate or clean-vehicle
    /// share, or one of the fee series (regime, Y4, Y5, shares and switches of the fees).
    #[must_use]
    pub fn affects_fees(&self, meta: MetaId) -> bool {
        fn has<T>(series: &super::Series<T>, meta: MetaId) -> bool {
            series.periods.iter().any(|p| p.meta == meta)
        }
        let s = &self.scalars;
        has(&s.regime, meta)
            || has(&s.y4_amount, meta)
            || has(&s.y5_amount, meta)
            || has(&s.y5_first_day_confidence, meta)
            || has(&s.two_wheeler_le_125_share, meta)
            || has(&s.national_ev_h2_exemption, meta)
            || has(&s.y4_due_under_partial_exemption, meta)
            || has(&s.y4_due_on_fni_conversion, meta)
            || has(&s.y4_due_on_moped, meta)
            || has(&s.natural_disaster_dispensed, meta)
            || has(&s.highest_event_only, meta)
            || self
                .zones
                .iter()
                .any(|z| has(&z.rates, meta) || has(&z.clean_exemption, meta))
    }

    fn zone_period_is_rate(&self, meta: MetaId) -> bool {
        self.zones
            .iter()
            .any(|z| z.rates.periods.iter().any(|p| p.meta == meta))
    }

    /// An alternative by reference.
    #[must_use]
    pub fn alternative(&self, r: AlternativeRef) -> &Alternative {
        &self.meta(r.meta).alternatives[usize::from(r.index)]
    }

    /// The alternatives whose days contain `date`, in file order.
    pub fn alternatives_on(&self, date: NaiveDate) -> impl Iterator<Item = AlternativeRef> + '_ {
        self.alternative_sets.refs.iter().copied().filter(move |r| {
            let a = self.alternative(*r);
            a.from <= date && date <= a.to
        })
    }

    /// The alternatives of values the fee rules read whose days contain `date`, in file order.
    pub fn fee_alternatives_on(
        &self,
        date: NaiveDate,
    ) -> impl Iterator<Item = AlternativeRef> + '_ {
        self.fee_alternative_sets_on(date).map(|(r, _)| r)
    }

    /// [`ParameterSet::fee_alternatives_on`], each with its [`ParameterSet::alternative_set`].
    pub(crate) fn fee_alternative_sets_on(
        &self,
        date: NaiveDate,
    ) -> impl Iterator<Item = (AlternativeRef, Option<&ParameterSet>)> + '_ {
        let sets = &self.alternative_sets;
        sets.fees
            .iter()
            .filter(move |(_, from, to)| *from <= date && date <= *to)
            .map(|(k, ..)| (sets.refs[*k], self.alternative_set_at(*k)))
    }

    /// The parameter set in which the period of `r` holds the alternative's value (built once).
    /// `None` if the value could not be set (the loader refuses such a file).
    #[must_use]
    pub fn alternative_set(&self, r: AlternativeRef) -> Option<&ParameterSet> {
        let k = self.alternative_sets.refs.iter().position(|x| *x == r)?;
        self.alternative_set_at(k)
    }

    /// The alternative set of the `k`-th alternative (built on first use).
    fn alternative_set_at(&self, k: usize) -> Option<&ParameterSet> {
        let r = *self.alternative_sets.refs.get(k)?;
        self.alternative_sets
            .sets
            .get(k)?
            .get_or_init(|| self.with_alternative(r).map(Arc::new))
            .as_deref()
    }

    fn with_alternative(&self, r: AlternativeRef) -> Option<ParameterSet> {
        let text = self.alternative(r).value.clone();
        let mut set = self.clone();
        // The alternative set answers with one reading: it has no alternatives of its own.
        set.alternative_sets = AlternativeSets::default();
        let done = match set.scalars.set_text(r.meta, &text) {
            Some(ok) => ok,
            None => set.set_zone_value(r.meta, &text),
        };
        done.then_some(set)
    }

    fn set_zone_value(&mut self, meta: MetaId, text: &str) -> bool {
        for z in &mut self.zones {
            if let Some(p) = z.rates.periods.iter_mut().find(|p| p.meta == meta) {
                let Some(per_cv) = Money::from_param(text) else {
                    return false;
                };
                p.value = Some(Rate {
                    per_cv,
                    components: Vec::new(),
                });
                p.unknown = None;
                return true;
            }
            if let Some(p) = z
                .clean_exemption
                .periods
                .iter_mut()
                .find(|p| p.meta == meta)
            {
                let Some(share) = Share::from_param(text) else {
                    return false;
                };
                p.value = Some(share);
                p.unknown = None;
                return true;
            }
        }
        false
    }
}
