//! Tests of the checklist's dated tables.

use super::*;

#[test]
fn every_period_literal_is_a_calendar_day_and_tables_agree() {
    for p in all_periods()
        .into_iter()
        .chain(super::super::validity::all_periods())
    {
        for s in [p.from, p.until].into_iter().flatten() {
            assert!(
                s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                "{s}"
            );
        }
    }
}

#[test]
fn form_versions_follow_the_date() {
    let d = |s: &str| s.parse::<NaiveDate>().expect("date");
    let form = |s| super::super::eras::pick(FORMS, d(s)).map(|f| f.label_en);
    assert!(form("2012-05-01").is_some_and(|l| l.contains("13750*03")));
    assert!(form("2017-06-01").is_some_and(|l| l.contains("13750*05")));
    assert!(form("2009-06-01").is_some_and(|l| l.contains("no source dates")));
    assert!(form("2016-06-01").is_some_and(|l| l.contains("no source dates")));
    let loss = |s| super::super::eras::pick(LOSS_DECLARATIONS, d(s)).map(|f| f.label_en);
    assert!(loss("2018-06-01").is_some_and(|l| !l.contains("*04")));
    assert!(loss("2021-06-01").is_some_and(|l| l.contains("13753*04")));
}
