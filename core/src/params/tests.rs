//! Tests of the parameter loader.

use chrono::Days;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

#[test]
fn embedded_file_loads() {
    let p = ParameterSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(p.fingerprint.starts_with("sha256:"));
    assert_eq!(p.dates.siv_start.date, d("2009-04-15"));
    let gironde = Department::parse("33").expect("33");
    assert_eq!(
        p.zone_at(gironde, d("2019-06-01")).expect("zone").code,
        "NAQ"
    );
    assert_eq!(
        p.zone_at(gironde, d("2015-06-01")).expect("zone").code,
        "AQUITAINE"
    );
    assert_eq!(
        p.region_at(gironde, d("2015-06-01")).expect("region").code,
        "AQUITAINE"
    );
    assert_eq!(
        p.region_at(gironde, d("2016-06-01")).expect("region").code,
        "NAQ"
    );
}

#[test]
fn every_department_has_a_zone_and_region_every_day() {
    let p = ParameterSet::embedded().expect("embedded");
    let mut date = p.starts;
    while date <= d("2027-12-31") {
        for dept in Department::all() {
            assert!(p.zone_at(dept, date).is_some(), "{dept} {date}");
            assert!(p.region_at(dept, date).is_some(), "{dept} {date}");
        }
        date = date + Days::new(7);
    }
}

#[test]
fn overlapping_periods_are_rejected_naming_both() {
    let text = DEFAULT_PARAMETERS.replace(
        "{ from = 2023-01-01, to = 2024-12-31, per_cv = \"45\"",
        "{ from = 2022-06-01, to = 2024-12-31, per_cv = \"45\"",
    );
    let e = ParameterSet::from_toml(&text).expect_err("overlap");
    let p = e
        .problems()
        .iter()
        .find(|p| p.code == "params.overlap")
        .expect("overlap problem");
    assert!(
        p.message_en.contains("2017-01-01..2022-12-31"),
        "{}",
        p.message_en
    );
    assert!(
        p.message_en.contains("2022-06-01..2024-12-31"),
        "{}",
        p.message_en
    );
    assert!(p.path.contains("NAQ"), "{}", p.path);
    assert!(p.line > 0);
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = DEFAULT_PARAMETERS
        .replace("per_cv = \"58\"", "per_cv = \"-58\"")
        .replace("departments = [\"2A\", \"2B\"]\nsource = \"SP-RATES-NEW-OLD\"", "departments = [\"2A\", \"2C\"]\nsource = \"SP-RATES-NEW-OLD\"")
        .replacen("source = \"INSEE-COG\"\n", "\n", 1)
        .replace("value = \"2.76\", confidence = \"high\", source = \"ARRETE-2015-09-21, SP-F19211-2019, SP-F19211-2025\"", "value = \"2.76\", confidence = \"high\", source = \"NOWHERE\"");
    let e = ParameterSet::from_toml(&text).expect_err("rejected");
    let codes: Vec<&str> = e.problems().iter().map(|p| p.code).collect();
    for want in [
        "params.negative_amount",
        "params.unknown_department",
        "params.missing_source",
        "params.unknown_source",
    ] {
        assert!(codes.contains(&want), "{want} missing from {codes:?}");
    }
}

#[test]
fn absurd_amounts_are_refused_not_overflowed() {
    for bad in ["1000000000000000000000000000", "1000000.01", "41.505"] {
        let text = DEFAULT_PARAMETERS.replace("per_cv = \"58\"", &format!("per_cv = \"{bad}\""));
        let e = ParameterSet::from_toml(&text).expect_err(bad);
        assert!(
            e.problems()
                .iter()
                .any(|p| p.code == "params.invalid_value"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn syntax_errors_have_a_place() {
    let e = ParameterSet::from_toml("[parameter_set]\nname = \n").expect_err("syntax");
    assert_eq!(e.problems()[0].code, "params.syntax");
    assert_eq!(e.problems()[0].line, 2);
}

#[test]
fn every_source_has_its_metadata_for_people() {
    let p = ParameterSet::embedded().expect("embedded");
    for s in &p.sources {
        assert!(
            s.title_fr.as_deref().is_some_and(|t| !t.is_empty()),
            "{}",
            s.id
        );
        assert!(s.kind.is_some(), "{}", s.id);
        if s.url.is_some() {
            assert_eq!(
                s.kind.as_deref(),
                Some("official"),
                "{}: a link is official",
                s.id
            );
        }
    }
    let sp = p.source("SP-F19211-2019").expect("SP-F19211-2019");
    assert_eq!(sp.date, Some(d("2019-04-24")));
    assert_eq!(sp.kind.as_deref(), Some("official"));
    let text = DEFAULT_PARAMETERS.replace(
        "date = 2019-04-24, url = \"https://www.service-public.fr/particuliers/vosdroits/F19211\", kind = \"official\"",
        "date = 2019-04-24, url = \"http://www.service-public.fr/particuliers/vosdroits/F19211\", kind = \"blog\"",
    );
    let e = ParameterSet::from_toml(&text).expect_err("bad kind and link");
    let paths: Vec<&str> = e.problems().iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.iter().any(|p| p.ends_with("SP-F19211-2019.url")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.ends_with("SP-F19211-2019.kind")),
        "{paths:?}"
    );
}

fn replaced(from: &str, to: &str) -> String {
    assert!(DEFAULT_PARAMETERS.contains(from), "{from}");
    DEFAULT_PARAMETERS.replacen(from, to, 1)
}

#[test]
fn counts_and_key_dates_are_within_their_documented_range() {
    let cpi = "key = \"validity.cpi_months\"\nperiods = [\n  { from = 2009-01-01, value = \"1\"";
    for bad in ["4294967295", "0", "121", "+1", " 1", "-1"] {
        let text = replaced(
            cpi,
            &cpi.replace("value = \"1\"", &format!("value = \"{bad}\"")),
        );
        let e = ParameterSet::from_toml(&text).expect_err(bad);
        let p = &e.problems()[0];
        assert!(
            matches!(p.code, "params.invalid_value" | "params.negative_amount"),
            "{bad}: {e}"
        );
        assert!(p.path.contains("validity.cpi_months"), "{bad}: {e}");
        assert!(p.line > 0, "{bad}: {e}");
    }
    let years = "key = \"validity.damaged_card_retention_years\"\nperiods = [\n  { from = 2009-01-01, value = \"5\"";
    let text = replaced(years, &years.replace("\"5\"", "\"51\""));
    assert!(ParameterSet::from_toml(&text).is_err());
    for siv in ["9999-12-31", "2100-01-01", "2008-12-31"] {
        let text = replaced(
            "siv_start = { date = 2009-04-15",
            &format!("siv_start = {{ date = {siv}"),
        );
        let e = ParameterSet::from_toml(&text).expect_err(siv);
        assert!(
            e.problems()
                .iter()
                .any(|p| p.code == "params.invalid_date" && p.path == "dates.siv_start"),
            "{siv}: {e}"
        );
    }
}

#[test]
fn bytes_that_are_not_utf8_are_problems_with_their_place() {
    let mut bytes = DEFAULT_PARAMETERS.as_bytes().to_vec();
    // Line 1, column 3 (in a comment), and a later line: both reported.
    bytes[2] = 0xFF;
    let last = bytes.len() - 2;
    bytes[last] = 0xC3;
    let e = ParameterSet::from_bytes(&bytes).expect_err("not utf-8");
    assert_eq!(e.code(), "params.invalid");
    let bad: Vec<_> = e
        .problems()
        .iter()
        .filter(|p| p.message_en.contains("not UTF-8"))
        .collect();
    assert_eq!(bad.len(), 2, "{e}");
    assert_eq!((bad[0].line, bad[0].column), (1, 3), "{e}");
    assert!(bad[1].line > 100, "{e}");
    assert!(ParameterSet::from_bytes(DEFAULT_PARAMETERS.as_bytes()).is_ok());
    let huge = vec![b' '; MAX_PARAMS_BYTES + 1];
    assert_eq!(
        ParameterSet::from_bytes(&huge).expect_err("refused").code(),
        "request.too_large"
    );
}

#[test]
fn several_syntax_errors_in_one_pass() {
    let text = replaced(
        "name = \"duplicata-reference\"",
        "name = \"duplicata-reference",
    )
    .replacen("grade = \"A\"", "grade = = \"A\"", 1);
    let e = ParameterSet::from_toml(&text).expect_err("syntax");
    let lines: Vec<u32> = e
        .problems()
        .iter()
        .filter(|p| p.code == "params.syntax")
        .map(|p| p.line)
        .collect();
    // The two broken lines, wherever the file puts them.
    let line_of = |needle: &str| {
        let i = text.find(needle).expect("broken line");
        u32::try_from(text[..i].matches('\n').count() + 1).expect("line")
    };
    let (name, grade) = (
        line_of("name = \"duplicata-reference\n"),
        line_of("grade = = "),
    );
    assert!(lines.len() >= 2, "{e}");
    assert!(
        lines.contains(&name) && lines.contains(&grade),
        "{name} {grade}: {e}"
    );
}
