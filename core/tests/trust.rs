//! Alternatives, bounds of unknown totals, dated sources and the last review (docs/confidence.md).

use chrono::NaiveDate;
use duplicata_core::DEFAULT_PARAMETERS;
use duplicata_core::{Confidence, Department, Engine, ParameterSet, era};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn embedded() -> ParameterSet {
    ParameterSet::embedded().expect("embedded parameters")
}

/// The eleven conflicts of the research pass (twelve periods: Grand Est 2022 has a rate and a
/// share) and the five §11 defaults are alternatives of the file.
#[test]
fn conflicts_and_defaults_are_alternatives() {
    let p = embedded();
    let ids: Vec<&str> = p
        .meta
        .iter()
        .flat_map(|m| m.alternatives.iter().map(|a| a.id.as_str()))
        .collect();
    for want in [
        "ges-2022-48-from-january",
        "ges-2022-clean-end-january",
        "ges-2025-60-from-january",
        "paca-2025-59-from-february",
        "bretagne-2025-60-from-january",
        "corse-2026-53-from-march",
        "reunion-2026-60-from-january",
        "bfc-2023-clean-end-january",
        "npdc-2016-decrease-from-may",
        "lorraine-2016-46",
        "mayotte-2015-ants-zero",
        "corse-2025-hybrids-taxed",
        "fni-conversion-2021-exempt",
        "y4-partial-exemption-halved",
        "y5-2-76-from-2015-09-28",
        "y1-due-2021",
        "professional-any-with-mandate",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    assert_eq!(ids.len(), 17);
    // Every alternative cites known sources and states its assumption in both languages.
    for m in &p.meta {
        for a in &m.alternatives {
            assert!(a.source_ids().all(|s| p.source(s).is_some()), "{}", a.id);
            assert!(!a.assumption_fr.is_empty() && !a.assumption_en.is_empty());
        }
    }
}

/// A disputed window is low whatever its alternative; the settled period right after it is as
/// high as its own sources (not dragged down by the dispute before it).
#[test]
fn disputed_windows_are_low_and_settled_periods_are_not() {
    let p = embedded();
    for z in &p.zones {
        for (k, period) in z.rates.periods.iter().enumerate() {
            if p.meta(period.meta).alternatives.is_empty() {
                continue;
            }
            assert_eq!(
                p.meta(period.meta).confidence,
                Confidence::Low,
                "{} {}",
                z.code,
                period.from
            );
            if let Some(next) = z.rates.periods.get(k + 1) {
                // The next period is settled: no alternative, and its confidence is its own.
                assert!(p.meta(next.meta).alternatives.is_empty());
            }
        }
    }
    let engine = Engine::new(p);
    let rate = |dep: &str, date: &str| {
        engine
            .rate(Department::parse(dep).expect("dept"), d(date))
            .expect("rate")
            .confidence
    };
    for (dep, inside, after) in [
        ("67", "2022-01-15", "2022-02-01"),
        ("13", "2025-01-15", "2025-02-01"),
        ("2A", "2026-02-15", "2026-03-01"),
        ("35", "2025-01-15", "2025-02-01"),
        ("974", "2026-01-15", "2026-02-01"),
    ] {
        assert_eq!(rate(dep, inside), Confidence::Low, "{dep} {inside}");
        assert!(rate(dep, after) > Confidence::Low, "{dep} {after}");
    }
}

/// An alternative set holds the other value for that one period and nothing else changes.
#[test]
fn an_alternative_set_changes_one_period_only() {
    let p = embedded();
    let r = p
        .alternatives_on(d("2022-01-15"))
        .find(|r| p.alternative(*r).id == "ges-2022-48-from-january")
        .expect("alternative in force");
    let alt = p.alternative_set(r).expect("alternative set");
    let ges = |set: &ParameterSet, date: &str| {
        Engine::new(set.clone())
            .rate(Department::parse("67").expect("dept"), d(date))
            .expect("rate")
            .rate
            .map(|m| m.to_string())
    };
    assert_eq!(ges(&p, "2022-01-15").as_deref(), Some("42.00"));
    assert_eq!(ges(alt, "2022-01-15").as_deref(), Some("48.00"));
    assert_eq!(ges(alt, "2021-12-31"), ges(&p, "2021-12-31"));
    assert_eq!(ges(alt, "2022-02-01"), ges(&p, "2022-02-01"));
    // Outside its days, the alternative is not offered.
    assert!(
        p.alternatives_on(d("2022-02-01"))
            .all(|r| p.alternative(r).id != "ges-2022-48-from-january")
    );
}

fn with_alternative(alt: &str) -> String {
    DEFAULT_PARAMETERS.replacen(
        r#"alternatives = [ { id = "lorraine-2016-46""#,
        &format!("alternatives = [ {alt}, {{ id = \"lorraine-2016-46\""),
        1,
    )
}

/// The loader refuses an alternative it could not apply or cite.
#[test]
fn the_loader_checks_alternatives() {
    let ok = r#"{ id = "x-ok", value = "47", source = "S17A", grade = "B", assumption_fr = "f", assumption_en = "e" }"#;
    assert!(ParameterSet::from_toml(&with_alternative(ok)).is_ok());
    for (bad, why) in [
        (
            r#"{ id = "x-bad", value = "abc", source = "S17A", grade = "B", assumption_fr = "f", assumption_en = "e" }"#,
            "value",
        ),
        (
            r#"{ id = "lorraine-2016-46", value = "47", source = "S17A", grade = "B", assumption_fr = "f", assumption_en = "e" }"#,
            "id taken",
        ),
        (
            r#"{ id = "x-src", value = "47", source = "NOPE", grade = "B", assumption_fr = "f", assumption_en = "e" }"#,
            "source",
        ),
        (
            r#"{ id = "x-grade", value = "47", source = "S17A", grade = "D", assumption_fr = "f", assumption_en = "e" }"#,
            "grade",
        ),
        (
            r#"{ id = "x-fr", value = "47", source = "S17A", grade = "B", assumption_en = "e" }"#,
            "assumption",
        ),
        (
            r#"{ id = "x-days", value = "47", from = 2015-06-01, source = "S17A", grade = "B", assumption_fr = "f", assumption_en = "e" }"#,
            "days",
        ),
    ] {
        let text = with_alternative(bad);
        assert_ne!(text, DEFAULT_PARAMETERS, "the test file must change");
        let err = ParameterSet::from_toml(&text).expect_err(why);
        assert_eq!(err.code(), "params.invalid", "{why}");
    }
}

/// Dated sources and the review date, on each side of their boundaries.
#[test]
fn dated_sources_and_review_age() {
    let p = embedded();
    // The NAQ rate of 2017-2022 is cited by sources of 2019-04-24 and later.
    let naq = p.zone("NAQ").expect("zone");
    let period = naq.rates.at(d("2017-06-01")).expect("period");
    assert!(era::only_later_sources(&p, period.meta, d("2019-04-23")));
    assert!(!era::only_later_sources(&p, period.meta, d("2019-04-24")));
    assert_eq!(
        era::dated_confidence(&p, period.meta, d("2017-06-01")),
        Confidence::Medium
    );
    assert!(era::ids_only_later(&p, "SP-F1726-2020", d("2011-05-01")));
    assert!(!era::ids_only_later(&p, "SP-F1726-2020", d("2019-12-19")));
    assert!(!era::ids_only_later(
        &p,
        "SP-F1726-2020, SP-F1726-2015",
        d("2016-01-01")
    ));
    let reviewed = p.reviewed.expect("reviewed date");
    assert_eq!(era::review_age(&p, reviewed), era::ReviewAge::Reviewed);
    assert_eq!(
        era::review_age(&p, reviewed.succ_opt().expect("day")),
        era::ReviewAge::After
    );
    let year = reviewed
        .checked_add_months(chrono::Months::new(12))
        .expect("year");
    assert_eq!(era::review_age(&p, year), era::ReviewAge::After);
    assert_eq!(
        era::review_age(&p, year.succ_opt().expect("day")),
        era::ReviewAge::LongAfter
    );
}

/// Every unknown total of a sweep of dates and departments has a reason, and its bounds (when a
/// value around the gap is known) bracket the total of every reading of the gap that the known
/// values allow: low <= high, both at least the known lines.
#[test]
fn unknown_totals_have_a_reason_and_ordered_bounds() {
    use duplicata_core::{Category, Energy, FeeQuery, PlateSystem};
    let engine = Engine::embedded().expect("engine");
    let mut unknown = 0;
    let mut bounded = 0;
    let mut date = d("2009-10-15");
    while date < d("2021-01-01") {
        for dep in ["01", "13", "2A", "33", "35", "59", "67", "75", "971", "976"] {
            for energy in [Energy::Petrol, Energy::Hybrid] {
                let q = FeeQuery::from_system(
                    date,
                    Some(Department::parse(dep).expect("dept")),
                    PlateSystem::Siv,
                    Category::Car,
                    energy,
                )
                .expect("query");
                let f = engine.fees(&q).expect("fees");
                match f.total {
                    Some(_) => assert!(f.unknown_reason.is_none() && f.bounds.is_none()),
                    None => {
                        unknown += 1;
                        assert!(f.unknown_reason.is_some(), "{dep} {date}");
                        if let Some(b) = f.bounds {
                            bounded += 1;
                            assert!(b.low <= b.high, "{dep} {date} {b:?}");
                            let known = f
                                .lines
                                .iter()
                                .filter_map(|l| l.amount)
                                .fold(duplicata_core::Money::ZERO, |a, m| a + m);
                            assert!(b.low >= known, "{dep} {date}");
                        }
                    }
                }
            }
        }
        date = date.checked_add_days(chrono::Days::new(17)).expect("date");
    }
    assert!(
        unknown > 0 && bounded > 0,
        "{unknown} unknown, {bounded} bounded"
    );
}
