//! The other readings of a disputed value (`alternatives = [...]` of a period) and the dates of
//! the sources a value cites.

use super::*;

/// Another reading of a disputed value, as written (see `alternatives.rs`).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlternative {
    pub(super) id: String,
    pub(super) value: String,
    pub(super) from: Option<Datetime>,
    pub(super) to: Option<Datetime>,
    pub(super) source: Option<String>,
    pub(super) grade: Option<String>,
    pub(super) assumption_fr: Option<String>,
    pub(super) assumption_en: Option<String>,
}

impl Loader<'_> {
    /// Checks the alternatives of the period `(from, to)` whose metadata is `meta` and records
    /// them. An alternative names its id (unique in the file), its value, the days on which it
    /// differs (within the period; the whole period by default), its sources, grade and the
    /// assumption in French and English. Its value is checked against the period's type once the
    /// whole set is read (`ParameterSet::check_alternatives`).
    pub(super) fn alternatives(
        &mut self,
        meta: MetaId,
        path: &str,
        span: &Range<usize>,
        raw: &[RawAlternative],
        (from, to): (NaiveDate, NaiveDate),
    ) {
        for (k, a) in raw.iter().enumerate() {
            let here = format!("{path}.alternatives[{k}]");
            let a_from = a
                .from
                .as_ref()
                .map_or(Some(from), |d| self.date(d, &here, span));
            let a_to =
                a.to.as_ref()
                    .map_or(Some(to), |d| self.date(d, &here, span));
            let (Some(a_from), Some(a_to)) = (a_from, a_to) else {
                continue;
            };
            if a_from < from || a_to > to || a_to < a_from {
                self.problem(
                    "params.invalid_value",
                    &here,
                    span,
                    format!("les jours d'une autre lecture ({a_from}..{a_to}) doivent être dans ceux de la période ({from}..{to})"),
                    format!("the days of an alternative ({a_from}..{a_to}) must be within the period's ({from}..{to})"),
                );
            }
            let id = a.id.trim();
            let taken = self
                .meta
                .iter()
                .any(|m| m.alternatives.iter().any(|x| x.id == id));
            if id.is_empty() || taken {
                self.problem(
                    "params.invalid_value",
                    &here,
                    span,
                    format!("identifiant d'autre lecture « {id} » vide ou déjà pris"),
                    format!("alternative id '{id}' is empty or already taken"),
                );
            }
            let source = a.source.as_deref().map(str::trim).unwrap_or_default();
            if source.is_empty() {
                self.problem(
                    "params.missing_source",
                    &here,
                    span,
                    "autre lecture sans source".into(),
                    "alternative without a source".into(),
                );
            }
            for sid in source.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !self.source_ids.contains_key(sid) {
                    self.problem(
                        "params.unknown_source",
                        &here,
                        span,
                        format!("source « {sid} » absente de [sources]"),
                        format!("source '{sid}' is not in [sources]"),
                    );
                }
            }
            let grade = a.grade.clone().unwrap_or_default();
            if !matches!(grade.as_str(), "A" | "B" | "C") {
                self.problem(
                    "params.invalid_value",
                    &here,
                    span,
                    format!("l'autre lecture « {id} » doit avoir une note A, B ou C"),
                    format!("alternative '{id}' must have grade A, B or C"),
                );
            }
            let text =
                |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or_default().to_owned();
            let (fr, en) = (text(&a.assumption_fr), text(&a.assumption_en));
            if fr.is_empty() || en.is_empty() {
                self.problem(
                    "params.invalid_value",
                    &here,
                    span,
                    format!("l'autre lecture « {id} » doit dire son hypothèse en français et en anglais (assumption_fr, assumption_en)"),
                    format!("alternative '{id}' must state its assumption in French and English (assumption_fr, assumption_en)"),
                );
            }
            if let Some(m) = self.meta.get_mut(meta as usize) {
                m.alternatives.push(Alternative {
                    id: id.to_owned(),
                    value: a.value.trim().to_owned(),
                    from: a_from,
                    to: a_to,
                    source: source.to_owned(),
                    grade,
                    assumption_fr: fr,
                    assumption_en: en,
                });
            }
        }
    }

    /// Records, for each value, the date of its earliest source when every source it cites is
    /// dated (the rule of dated sources, `explain::era`).
    pub(super) fn date_sources(&mut self, sources: &[Source]) {
        for m in &mut self.meta {
            let mut earliest: Option<NaiveDate> = None;
            let mut all_dated = true;
            for id in m.source.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match self
                    .source_ids
                    .get(id)
                    .and_then(|&i| sources.get(i))
                    .and_then(|s| s.date)
                {
                    Some(d) => earliest = Some(earliest.map_or(d, |e| e.min(d))),
                    None => all_dated = false,
                }
            }
            m.sources_from = if all_dated { earliest } else { None };
        }
    }
}

/// Indexes the alternatives of a loaded set and refuses the file when one holds a value that is
/// not of its period's type (each such alternative reported on its line).
pub(super) fn refuse_bad_alternatives(set: &mut ParameterSet, text: &str) -> Result<(), Error> {
    set.index_alternatives();
    let refused = set.check_alternatives();
    if !refused.is_empty() {
        let mut loader = Loader::new(text);
        for (meta, id, kind) in refused {
            let line = set.meta(meta).line;
            let offset = loader
                .line_starts
                .get(line as usize - 1)
                .copied()
                .unwrap_or(0);
            loader.problem(
                "params.invalid_value",
                &format!("alternatives.{id}"),
                &(offset..offset),
                format!("l'autre lecture « {id} » n'a pas une valeur valable de {kind}"),
                format!("alternative '{id}' does not hold a valid {kind} value"),
            );
        }
        return Err(loader.rejected());
    }
    Ok(())
}
