//! Every problem code of a parameter file (`docs/errors.md`, "Problems of a parameter file"): a
//! broken copy of the embedded file is refused with `params.invalid`, and its problems are exactly
//! the expected codes at the expected places (the `path` of each problem names the entry).
//! `core/tests/registry_coverage.rs` reads the codes this file expects.

use duplicata_core::DEFAULT_PARAMETERS;
use duplicata_core::{Engine, ParameterSet};

/// The embedded file with `from` replaced by `to` (once; `from` must be there).
fn broken(from: &str, to: &str) -> String {
    assert!(
        DEFAULT_PARAMETERS.contains(from),
        "the embedded file no longer has {from:?}"
    );
    DEFAULT_PARAMETERS.replacen(from, to, 1)
}

/// The (code, path) of every problem of a refused text, in the loader's order.
fn problems(text: &str) -> Vec<(&'static str, String)> {
    let e = ParameterSet::from_toml(text).expect_err("the broken file is refused");
    assert_eq!(e.code(), "params.invalid", "{e}");
    assert_eq!(e.field(), None);
    assert!(!e.problems().is_empty());
    for p in e.problems() {
        assert!(p.line > 0, "{p}: no line");
        assert!(!p.message_fr.is_empty() && !p.message_en.is_empty(), "{p}");
    }
    e.problems()
        .iter()
        .map(|p| (p.code, p.path.clone()))
        .collect()
}

fn expect(text: &str, want: &[(&str, &str)]) {
    let got = problems(text);
    let got: Vec<(&str, &str)> = got.iter().map(|(c, p)| (*c, p.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn the_embedded_file_has_no_problem() {
    // The baseline of every test below: only the change makes the file fail.
    ParameterSet::from_toml(DEFAULT_PARAMETERS).expect("embedded file");
}

#[test]
fn params_invalid_is_the_code_of_every_refused_file() {
    let e = ParameterSet::from_toml("").expect_err("empty file");
    assert_eq!(e.code(), "params.invalid");
    assert_eq!(e.field(), None);
    assert!(e.message_en().contains("rejected"), "{}", e.message_en());
}

#[test]
fn params_syntax() {
    expect(
        &broken("name = \"duplicata-reference\"", "name = "),
        &[("params.syntax", "")],
    );
}

#[test]
fn params_missing_section() {
    let start = DEFAULT_PARAMETERS
        .find("[parameter_set]\n")
        .expect("header");
    let end = start + DEFAULT_PARAMETERS[start..].find("\n# ---").expect("end");
    let text = format!(
        "{}{}",
        &DEFAULT_PARAMETERS[..start],
        &DEFAULT_PARAMETERS[end..]
    );
    let got = problems(&text);
    assert!(
        got.contains(&("params.missing_section", "parameter_set".to_owned())),
        "{got:?}"
    );
}

#[test]
fn params_missing_key() {
    // A key date of [dates] renamed: the new name is unknown, the expected one missing.
    expect(
        &broken(
            "siv_start = { date = 2009-04-15",
            "siv_begin = { date = 2009-04-15",
        ),
        &[
            ("params.unknown_key", "dates.siv_begin"),
            ("params.missing_key", "dates.siv_start"),
        ],
    );
}

#[test]
fn params_unknown_key() {
    expect(
        &broken(
            "key = \"y5.first_day_confidence\"",
            "key = \"y5.first_day_trust\"",
        ),
        &[
            ("params.unknown_key", "series[y5.first_day_trust]"),
            ("params.missing_key", "series[y5.first_day_confidence]"),
        ],
    );
}

#[test]
fn params_unknown_key_in_the_header() {
    // A key [parameter_set] does not have is an unknown key of that table, not a syntax error.
    expect(
        &broken(
            "name = \"duplicata-reference\"",
            "name = \"duplicata-reference\"\nnom = \"x\"",
        ),
        &[("params.unknown_key", "parameter_set.nom")],
    );
}

#[test]
fn params_duplicate() {
    // A second `y5.amount` series (in place of `y5.first_day_confidence`, whose values are not
    // amounts).
    let got = problems(&broken(
        "key = \"y5.first_day_confidence\"",
        "key = \"y5.amount\"",
    ));
    assert_eq!(got[0], ("params.duplicate", "series[y5.amount]".to_owned()));
    assert!(
        got.contains(&(
            "params.missing_key",
            "series[y5.first_day_confidence]".to_owned()
        )),
        "{got:?}"
    );
}

#[test]
fn params_gap() {
    // y4.amount: 2009-01-01..2020-12-31 then 2021-01-02: 2021-01-01 is covered by nothing.
    expect(
        &broken(
            "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\"",
            "{ from = 2021-01-02, to = 2021-12-31, value = \"11.00\"",
        ),
        &[("params.gap", "series[y4.amount][1]")],
    );
}

#[test]
fn params_unordered() {
    // A period that ends before it starts (and so leaves 2009..2020 uncovered).
    expect(
        &broken(
            "{ from = 2009-01-01, to = 2020-12-31, value = \"4.00\"",
            "{ from = 2009-01-01, to = 2008-12-31, value = \"4.00\"",
        ),
        &[
            ("params.unordered", "series[y4.amount][0]"),
            ("params.gap", "series[y4.amount][0]"),
        ],
    );
}

#[test]
fn params_overlap() {
    expect(
        &broken(
            "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\"",
            "{ from = 2020-12-01, to = 2021-12-31, value = \"11.00\"",
        ),
        &[("params.overlap", "series[y4.amount][1]")],
    );
}

#[test]
fn params_missing_value() {
    // A period with neither `value` nor `unknown`.
    expect(
        &broken(
            "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\", confidence",
            "{ from = 2021-01-01, to = 2021-12-31, confidence",
        ),
        &[("params.missing_value", "series[y4.amount][1]")],
    );
}

#[test]
fn params_invalid_value() {
    expect(
        &broken(
            "value = \"4.00\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
            "value = \"four\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
        ),
        &[("params.invalid_value", "series[y4.amount].periods[0]")],
    );
}

#[test]
fn params_negative_amount() {
    expect(
        &broken(
            "value = \"4.00\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
            "value = \"-4.00\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
        ),
        &[("params.negative_amount", "series[y4.amount].periods[0]")],
    );
}

#[test]
fn params_invalid_confidence() {
    expect(
        &broken(
            "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\", confidence = \"medium\"",
            "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\", confidence = \"sure\"",
        ),
        &[("params.invalid_confidence", "series[y4.amount][1]")],
    );
}

#[test]
fn params_invalid_date() {
    // A date and time where a day is expected: the key date is then missing too.
    expect(
        &broken(
            "siv_start = { date = 2009-04-15,",
            "siv_start = { date = 2009-04-15T08:00:00,",
        ),
        &[
            ("params.invalid_date", "dates.siv_start"),
            ("params.missing_key", "dates.siv_start"),
        ],
    );
    // A key date before the file starts (2009-01-01).
    expect(
        &broken(
            "siv_start = { date = 2009-04-15,",
            "siv_start = { date = 2008-04-15,",
        ),
        &[
            ("params.invalid_date", "dates.siv_start"),
            ("params.missing_key", "dates.siv_start"),
        ],
    );
}

#[test]
fn params_missing_source() {
    expect(
        &broken(
            "value = \"4.00\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
            "value = \"4.00\", confidence = \"high\"",
        ),
        &[("params.missing_source", "series[y4.amount][0]")],
    );
}

#[test]
fn params_unknown_source() {
    expect(
        &broken(
            "value = \"4.00\", confidence = \"high\", source = \"CGI-1628-0-BIS\"",
            "value = \"4.00\", confidence = \"high\", source = \"CGI-1628-0-TER\"",
        ),
        &[("params.unknown_source", "series[y4.amount][0]")],
    );
}

#[test]
fn params_unknown_region() {
    expect(
        &broken(
            "code = \"ALSACE\"\nname = \"Alsace\"\nregion = \"GES\"",
            "code = \"ALSACE\"\nname = \"Alsace\"\nregion = \"ALS\"",
        ),
        &[("params.unknown_region", "zone[0:ALSACE]")],
    );
}

#[test]
fn params_unknown_department() {
    expect(
        &broken(
            "departments = [\"67\", \"68\"]\nsource = \"SP-RATES-NEW-OLD\"\nrates",
            "departments = [\"67\", \"68\", \"6X\"]\nsource = \"SP-RATES-NEW-OLD\"\nrates",
        ),
        &[("params.unknown_department", "zone[0:ALSACE]")],
    );
}

#[test]
fn params_uncovered_department() {
    // 68 (Haut-Rhin) taken out of the Alsace zone: no zone holds it until Grand Est (2019).
    expect(
        &broken(
            "departments = [\"67\", \"68\"]\nsource = \"SP-RATES-NEW-OLD\"\nrates",
            "departments = [\"67\"]\nsource = \"SP-RATES-NEW-OLD\"\nrates",
        ),
        &[("params.uncovered_department", "zone[GES]")],
    );
}

#[test]
fn params_unknown_value() {
    // A gap where the fee rules need a value is a fault of the file, not of the request: the
    // file loads (a gap is allowed) but evaluating on that day is `params.unknown_value`.
    let text = broken(
        "{ from = 2021-01-01, to = 2021-12-31, value = \"11.00\", confidence = \"medium\", source = \"TAXE-FIXE-2021\" }",
        "{ from = 2021-01-01, to = 2021-12-31, unknown = \"not read\", source = \"TAXE-FIXE-2021\" }",
    );
    let engine = Engine::from_toml(&text).expect("a gap is a valid period");
    let request = r#"{"procedure":"carte_grise_duplicata","date":"2021-06-01","reason":"loss",
        "holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#;
    let e = engine.evaluate_json(request).expect_err("no Y4 amount");
    assert_eq!((e.code(), e.field()), ("params.unknown_value", None));
    // The day before, in the previous period, is answered: Gironde (Aquitaine) 41 € for 1 CV,
    // 4 € taxe de gestion, 2.76 € (facts.md §8 example 1: 47.76 €).
    let before = request.replace("2021-06-01", "2020-12-31");
    let d = engine.evaluate_json(&before).expect("2020 has its Y4");
    assert_eq!(
        d.fees.expect("fees").total.map(|t| t.to_string()),
        Some("47.76".to_owned())
    );
}
