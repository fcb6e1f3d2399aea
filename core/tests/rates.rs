//! Regional rates and clean-vehicle shares on each side of the boundaries set by the research pass
//! of 2026-12. From 2021 a duplicata pays no regional tax, so these values never reach a duplicata's
//! total and the conformance corpus cannot see them: they are checked here through `Engine::rate`
//! (what `duplicata rate` prints) and the zones' clean-vehicle series.

use chrono::NaiveDate;
use duplicata_core::{Confidence, Department, Engine, ParameterSet};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn dept(code: &str) -> Department {
    Department::parse(code).expect("department")
}

/// (department, date, rate, confidence, a source id the period must cite)
const RATES: &[(&str, &str, &str, Confidence, &str)] = &[
    // Grand Est 42 -> 48 "à compter du mardi 1er février 2022" (France 3 Grand Est 2022).
    ("54", "2021-12-31", "42.00", Confidence::High, "S21"),
    ("54", "2022-01-01", "42.00", Confidence::Low, "F3-GES-2022"),
    (
        "54",
        "2022-01-31",
        "42.00",
        Confidence::Low,
        "PRESS-GES-2022",
    ),
    (
        "54",
        "2022-02-01",
        "48.00",
        Confidence::Medium,
        "F3-GES-2022",
    ),
    // Grand Est 48 -> 60 on 2025-02-01; January 2025 disputed.
    (
        "67",
        "2024-12-31",
        "48.00",
        Confidence::Medium,
        "F3-GES-2022",
    ),
    ("67", "2025-01-01", "48.00", Confidence::Low, "CGELX-GES-2"),
    ("67", "2025-01-31", "48.00", Confidence::Low, "F3-LOR-2025"),
    (
        "67",
        "2025-02-01",
        "60.00",
        Confidence::Medium,
        "F3-LOR-2025",
    ),
    // PACA 51.20 -> 59 "dès le 1er janvier 2025"; 2025-02-01 is the minority reading.
    (
        "13",
        "2024-12-31",
        "51.20",
        Confidence::High,
        "VARACTU-2024",
    ),
    ("13", "2025-01-01", "59.00", Confidence::Low, "DAYFR-2025"),
    ("13", "2025-01-31", "59.00", Confidence::Low, "VARACTU-2024"),
    (
        "13",
        "2025-02-01",
        "59.00",
        Confidence::Medium,
        "VARACTU-2024",
    ),
    (
        "13",
        "2026-01-01",
        "60.00",
        Confidence::Medium,
        "CGORG-PACA-2025",
    ),
    // Bretagne 55 -> 60 "au 1er février" 2025 (France 3 Bretagne); 2025-01-01 disputed.
    (
        "35",
        "2024-12-31",
        "55.00",
        Confidence::Medium,
        "PRESS-BRE-2023",
    ),
    ("35", "2025-01-01", "55.00", Confidence::Low, "S25"),
    ("35", "2025-01-31", "55.00", Confidence::Low, "F3-BZH-2025"),
    (
        "35",
        "2025-02-01",
        "60.00",
        Confidence::Medium,
        "F3-BZH-2025",
    ),
    // Corse 43 -> 53 on 2026-01-01 (grade B) against 2026-03-01 (grade C).
    ("2A", "2025-12-31", "43.00", Confidence::Medium, "S25"),
    ("2A", "2026-01-01", "53.00", Confidence::Low, "PLANET-2026"),
    (
        "2B",
        "2026-02-28",
        "53.00",
        Confidence::Low,
        "CGORG-CORSE-2025",
    ),
    (
        "2B",
        "2026-03-01",
        "53.00",
        Confidence::Medium,
        "CGM-CORSE-2025",
    ),
    // La Réunion 57 -> 60 on 2026-02-01 (grade B) against 2026-01-01 (B-).
    (
        "974",
        "2025-12-31",
        "57.00",
        Confidence::Medium,
        "LINFO-REU-2025",
    ),
    (
        "974",
        "2026-01-01",
        "57.00",
        Confidence::Low,
        "INFOOUTREMER-2026",
    ),
    (
        "974",
        "2026-02-01",
        "60.00",
        Confidence::Medium,
        "CGM-REU-2026",
    ),
];

#[test]
fn rates_on_each_side_of_the_new_boundaries() {
    let engine = Engine::embedded().expect("embedded parameters");
    let mut bad = Vec::new();
    for &(code, date, rate, confidence, source) in RATES {
        let a = engine.rate(dept(code), d(date)).expect("rate");
        let got = a.rate.map(|r| r.to_string());
        let cites = a.source.split(',').any(|s| s.trim() == source);
        if got.as_deref() != Some(rate) || a.confidence != confidence || !cites {
            bad.push(format!(
                "{code} {date}: {got:?} {:?} [{}] (expected {rate} {confidence:?} citing {source})",
                a.confidence, a.source
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// (department, date, share, or None for a documented gap)
const SHARES: &[(&str, &str, Option<&str>)] = &[
    // Grand Est: exempt until 2022-01-31, none from 2022-02-01 (France 3 Grand Est 2022).
    ("57", "2022-01-31", Some("1")),
    ("57", "2022-02-01", Some("0")),
    // PACA and Auvergne-Rhône-Alpes: end of the hybrid exemption on 2024-03-01.
    ("13", "2024-02-29", Some("1")),
    ("13", "2024-03-01", Some("0")),
    ("69", "2024-02-29", Some("1")),
    ("69", "2024-03-01", Some("0")),
    // Occitanie: 100 % until 2023-02-28 (France Bleu 2023).
    ("31", "2017-06-01", Some("1")),
    ("31", "2023-02-28", Some("1")),
    ("31", "2023-03-01", Some("0")),
    // Bourgogne-Franche-Comté: January or July 2023, the later date is taken.
    ("21", "2023-06-30", Some("1")),
    ("21", "2023-07-01", Some("0")),
    // Nouvelle-Aquitaine: none with the 2023 budget.
    ("33", "2022-12-31", Some("1")),
    ("33", "2023-01-01", Some("0")),
    // Normandie and Île-de-France (confirmed end dates).
    ("76", "2023-12-31", Some("1")),
    ("76", "2024-01-01", Some("0")),
    ("75", "2023-07-31", Some("1")),
    ("75", "2023-08-01", Some("0")),
    // Corse from 2025: contradictory sources, the 100 % is kept.
    ("2A", "2025-06-01", Some("1")),
    // Still unknown after 2022 in Pays de la Loire and overseas.
    ("44", "2023-06-01", None),
    ("971", "2023-06-01", None),
];

#[test]
fn clean_vehicle_shares_on_each_side_of_the_new_end_dates() {
    let params = ParameterSet::embedded().expect("embedded parameters");
    let mut bad = Vec::new();
    for &(code, date, want) in SHARES {
        let zone = params.zone_at(dept(code), d(date)).expect("zone");
        let period = zone.clean_exemption.at(d(date)).expect("period");
        let got = period.value.map(|s| s.to_string());
        if got.as_deref() != want {
            bad.push(format!(
                "{code} {date} ({}): {got:?} (expected {want:?})",
                zone.code
            ));
        }
        if want.is_none()
            && period
                .unknown
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            bad.push(format!("{code} {date}: a gap without a reason"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// `Engine::rate` answers from the day the SIV opened (2009-04-15, SP-F17638-2020), the first day
/// `evaluate` answers, although the rate series themselves start on 2009-01-01.
#[test]
fn rates_start_on_the_day_the_siv_opened() {
    let engine = Engine::embedded().expect("embedded parameters");
    for day in ["2009-01-01", "2009-04-14"] {
        let err = engine.rate(dept("33"), d(day)).expect_err(day);
        assert_eq!(err.code(), "request.date_out_of_range", "{day}");
        let err = engine.rate_period(dept("33"), d(day)).expect_err(day);
        assert_eq!(err.code(), "request.date_out_of_range", "{day}");
    }
    assert!(engine.rate(dept("33"), d("2009-04-15")).is_ok());
    assert!(engine.rate_period(dept("33"), d("2009-04-15")).is_ok());
}
