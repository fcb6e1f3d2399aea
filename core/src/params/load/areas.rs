//! Regions and tariff zones: which departments, from when, at which rates.

use super::*;

impl Loader<'_> {
    pub(super) fn departments(
        &mut self,
        path: &str,
        span: &Range<usize>,
        codes: &[String],
    ) -> Vec<Department> {
        let mut out = Vec::with_capacity(codes.len());
        for code in codes {
            match Department::parse(code) {
                Ok(d) if d.code() == code => {
                    if out.contains(&d) {
                        self.problem(
                            "params.duplicate",
                            path,
                            span,
                            format!("département « {code} » cité deux fois"),
                            format!("department '{code}' is listed twice"),
                        );
                    }
                    out.push(d);
                }
                _ => self.problem(
                    "params.unknown_department",
                    path,
                    span,
                    format!("département « {code} » inconnu"),
                    format!("unknown department '{code}'"),
                ),
            }
        }
        out
    }

    /// What regions and zones share: a unique code, a period, departments, a source.
    pub(super) fn area(
        &mut self,
        (what_fr, what_en): (&str, &str),
        duplicate: bool,
        a: &RawArea<'_>,
        path: &str,
        span: &Range<usize>,
        starts: NaiveDate,
    ) -> (NaiveDate, NaiveDate, Vec<Department>, MetaId) {
        if duplicate {
            self.problem(
                "params.duplicate",
                path,
                span,
                format!("{what_fr} « {} » définie deux fois", a.code),
                format!("{what_en} '{}' is defined twice", a.code),
            );
        }
        let from = a
            .from
            .and_then(|d| self.date(d, path, span))
            .unwrap_or(starts);
        let to =
            a.to.and_then(|d| self.date(d, path, span))
                .unwrap_or(OPEN_END);
        let departments = self.departments(path, span, a.departments);
        let meta = self.meta(path, span, a.source, None, a.note, false);
        (from, to, departments, meta)
    }

    pub(super) fn regions(&mut self, raw: &RawFile, starts: NaiveDate) -> Vec<Region> {
        let mut out: Vec<Region> = Vec::new();
        for (i, r) in raw.region.iter().enumerate() {
            let span = r.span();
            let g = r.get_ref();
            let path = format!("region[{i}:{}]", g.code);
            let duplicate = out.iter().any(|o| o.code == g.code);
            let area = RawArea {
                code: &g.code,
                from: g.from.as_ref(),
                to: g.to.as_ref(),
                departments: &g.departments,
                source: g.source.as_deref(),
                note: g.note.as_deref(),
            };
            let (from, to, departments, meta) =
                self.area(("région", "region"), duplicate, &area, &path, &span, starts);
            out.push(Region {
                code: g.code.clone(),
                insee: g.insee.clone(),
                name: g.name.clone(),
                from,
                to,
                departments,
                meta,
            });
        }
        out
    }

    pub(super) fn zones(
        &mut self,
        raw: &RawFile,
        starts: NaiveDate,
        regions: &[Region],
    ) -> Vec<Zone> {
        let mut out: Vec<Zone> = Vec::new();
        for (i, z) in raw.zone.iter().enumerate() {
            let span = z.span();
            let g = z.get_ref();
            let path = format!("zone[{i}:{}]", g.code);
            let duplicate = out.iter().any(|o| o.code == g.code);
            let area = RawArea {
                code: &g.code,
                from: g.from.as_ref(),
                to: g.to.as_ref(),
                departments: &g.departments,
                source: g.source.as_deref(),
                note: g.note.as_deref(),
            };
            let (from, to, departments, meta) =
                self.area(("zone", "zone"), duplicate, &area, &path, &span, starts);
            let region = g.region.clone().unwrap_or_default();
            if !regions.iter().any(|r| r.code == region) {
                self.problem(
                    "params.unknown_region",
                    &path,
                    &span,
                    format!("région « {region} » inconnue"),
                    format!("unknown region '{region}'"),
                );
            }

            let rate_spans: Vec<RawSpan<'_>> = g
                .rates
                .iter()
                .map(|p| {
                    let r = p.get_ref();
                    RawSpan {
                        from: &r.from,
                        to: r.to.as_ref(),
                        // Either form of a value counts as one for the value/unknown check.
                        value: r
                            .per_cv
                            .as_deref()
                            .or(r.components.as_ref().map(|_| "components")),
                        unknown: r.unknown.as_deref(),
                        confidence: r.confidence.as_deref(),
                        source: r.source.as_deref(),
                        note: r.note.as_deref(),
                        alternatives: &r.alternatives,
                        span: p.span(),
                    }
                })
                .collect();
            let rates_path = format!("{path}.rates");
            let rates = self.periods(
                &rates_path,
                "per_cv",
                &rate_spans,
                from,
                to,
                &span,
                |loader, p, k| {
                    let r = g.rates[k].get_ref();
                    let here = format!("{rates_path}[{k}]");
                    match (&r.per_cv, &r.components) {
                        (Some(_), Some(_)) => {
                            loader.problem(
                                "params.invalid_value",
                                &here,
                                &p.span,
                                "« per_cv » et « components » sont exclusifs".into(),
                                "'per_cv' and 'components' are exclusive".into(),
                            );
                            None
                        }
                        (Some(v), None) => loader.amount(&here, &p.span, v).map(|per_cv| Rate {
                            per_cv,
                            components: Vec::new(),
                        }),
                        (None, Some(parts)) => {
                            let mut components = Vec::new();
                            let mut total = Money::ZERO;
                            for c in parts {
                                let amount = loader.amount(&here, &p.span, &c.amount)?;
                                total = total + amount;
                                components.push(RateComponent {
                                    label: c.label.clone(),
                                    amount,
                                });
                            }
                            Some(Rate {
                                per_cv: total,
                                components,
                            })
                        }
                        (None, None) => None,
                    }
                },
            );
            let share_spans: Vec<RawSpan<'_>> = g
                .clean_exemption
                .iter()
                .map(|p| {
                    let r = p.get_ref();
                    RawSpan {
                        from: &r.from,
                        to: r.to.as_ref(),
                        value: r.share.as_deref(),
                        unknown: r.unknown.as_deref(),
                        confidence: r.confidence.as_deref(),
                        source: r.source.as_deref(),
                        note: r.note.as_deref(),
                        alternatives: &r.alternatives,
                        span: p.span(),
                    }
                })
                .collect();
            let clean_path = format!("{path}.clean_exemption");
            let clean_exemption = self.periods(
                &clean_path,
                "share",
                &share_spans,
                from,
                to,
                &span,
                |loader, p, k| {
                    let v = p.value?;
                    let share = parse_decimal(v).and_then(Share::from_decimal);
                    if share.is_none() {
                        loader.problem(
                            "params.invalid_value",
                            &format!("{clean_path}[{k}]"),
                            &p.span,
                            format!("part « {v} » invalide (entre 0 et 1, au plus 4 décimales)"),
                            format!("invalid share '{v}' (between 0 and 1, at most 4 decimals)"),
                        );
                    }
                    share
                },
            );
            out.push(Zone {
                code: g.code.clone(),
                name: g.name.clone(),
                region,
                from,
                to,
                departments,
                rates,
                clean_exemption,
                meta,
            });
        }
        out
    }
}
