//! The fees under the other readings of the values an answer depends on, and the warnings of
//! dated sources and of the last review. Computed by `Engine::evaluate` only (never on the fast
//! path of `Engine::fees`).
//!
//! An answer depends on an alternative when re-running the same rules ([`super::compute`]) on the
//! parameter set where the alternative's period holds the other value gives other amounts: that
//! run is the alternative's total and lines. No amount of an alternative is written by hand.

use super::{FeeBreakdown, FeeQuery, LineCode, explain};
use crate::explain::era;
use crate::explain::notes::Note;
use crate::model::money::Money;
use crate::params::{AlternativeRef, ParameterSet};

/// The fees under another reading of the sources (the decision's `alternatives[]`).
#[derive(Debug, Clone, PartialEq)]
pub struct FeeAlternative {
    /// The reading in the parameter set (value and index of the alternative).
    pub reference: AlternativeRef,
    /// Stable id of the reading, unique in the parameter file.
    pub id: String,
    /// The assumption this reading makes, in French.
    pub assumption_fr: String,
    /// The assumption this reading makes, in English.
    pub assumption_en: String,
    /// Source ids of the other reading.
    pub sources: Vec<String>,
    /// The best grade of its sources (`A`, `B` or `C`).
    pub grade: String,
    /// `None` when that reading leaves the total unknown.
    pub total: Option<Money>,
    /// The amount of each line under that reading (`None`: unknown).
    pub lines: [(LineCode, Option<Money>); 5],
}

/// A warning of the decision: a coded message in both languages and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The coded message, in both languages.
    pub note: &'static Note,
    /// The fee line it is about, if any.
    pub line: Option<LineCode>,
    /// The sources (ids) or the date it rests on.
    pub source: String,
}

/// The alternatives that change the fees of `q`, in file order.
#[must_use]
pub(crate) fn alternatives(
    params: &ParameterSet,
    q: &FeeQuery,
    base: &FeeBreakdown,
) -> Vec<FeeAlternative> {
    let mut out = Vec::new();
    for (r, set) in params.fee_alternative_sets_on(q.date) {
        // A value the base run did not read gives the same run: no re-run.
        if !super::may_read(params, base, r.meta) {
            continue;
        }
        let Some(set) = set else {
            continue;
        };
        let Ok(other) = super::compute(set, q) else {
            continue;
        };
        let amounts = |f: &FeeBreakdown| f.lines.map(|l| (l.code, l.amount));
        if other.total == base.total && amounts(&other) == amounts(base) {
            continue;
        }
        let a = params.alternative(r);
        out.push(FeeAlternative {
            reference: r,
            id: a.id.clone(),
            assumption_fr: a.assumption_fr.clone(),
            assumption_en: a.assumption_en.clone(),
            sources: a.source_ids().map(str::to_owned).collect(),
            grade: a.grade.clone(),
            total: other.total,
            lines: amounts(&other),
        });
    }
    out
}

/// The warnings of the fees: each line whose value rests on later sources only, then the last
/// review when the date is after it.
#[must_use]
pub(crate) fn warnings(params: &ParameterSet, f: &FeeBreakdown) -> Vec<Warning> {
    let mut out = Vec::new();
    // An unknown line is already low and says why; only known amounts are warned about.
    for l in f.lines.iter().filter(|l| l.amount.is_some()) {
        if let Some(id) = explain::line_meta(l) {
            if era::only_later_sources(params, id, f.date) {
                out.push(Warning {
                    note: &era::LATER_SOURCE,
                    line: Some(l.code),
                    source: params.meta(id).source.clone(),
                });
            }
        }
    }
    if let (Some(note), Some(reviewed)) = (era::review_warning(params, f.date), params.reviewed) {
        out.push(Warning {
            note,
            line: None,
            source: format!("parameter_set.reviewed = {reviewed}"),
        });
    }
    out
}
