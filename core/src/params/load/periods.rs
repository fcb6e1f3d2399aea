//! Dated series: periods in order, without gap or overlap, each with its meta.

use super::*;

impl Loader<'_> {
    pub(super) fn series<T>(
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
                    alternatives: &r.alternatives,
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
                            match super::scalars::count_range(key) {
                                Some((lo, hi)) => format!(
                                    "valeur « {v} » invalide pour « {key} » (un entier de {lo} à {hi})"
                                ),
                                None => format!("valeur « {v} » invalide pour « {key} »"),
                            },
                            match super::scalars::count_range(key) {
                                Some((lo, hi)) => format!(
                                    "invalid value '{v}' for '{key}' (a whole number from {lo} to {hi})"
                                ),
                                None => format!("invalid value '{v}' for '{key}'"),
                            },
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
    pub(super) fn periods<T>(
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
            self.alternatives(meta, &here, &p.span, p.alternatives, (from, to));
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
}
