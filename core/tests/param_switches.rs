//! The rules behind a switch of the parameter file whose embedded value never takes them: the
//! other value is loaded from an edited copy of the file, and the rule's result is checked against
//! the text (facts.md, its §11 for the open points).

use duplicata_core::DEFAULT_PARAMETERS;
use duplicata_core::{Engine, LineCode, Money};

fn engine_with(from: &str, to: &str) -> Engine {
    assert!(
        DEFAULT_PARAMETERS.contains(from),
        "no longer in the file: {from}"
    );
    Engine::from_toml(&DEFAULT_PARAMETERS.replacen(from, to, 1)).expect("edited file loads")
}

fn euros(s: &str) -> Money {
    Money::new(s.parse().expect("decimal"))
}

/// Bretagne (35) in 2019: 51 € per CV (facts.md §2.3), hybrid exempted at 50 % (§2.4).
const BRETAGNE_HYBRID_2019: &str = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01",
    "reason":"loss","holder":{"department":"35"},
    "vehicle":{"plate":"AB-123-CD","category":"car","energy":"hybrid"}}"#;

#[test]
fn y4_in_proportion_under_a_partial_exemption() {
    // facts.md §11: under a 50 % exemption Y4 is due in full by default; the other reading (the
    // switch `y4.due_under_partial_exemption` false) charges it in the same proportion as Y1.
    let proportional = engine_with(
        "value = \"true\", confidence = \"medium\", source = \"CGI-1628-0-BIS, SP-F19211-2020\"",
        "value = \"false\", confidence = \"medium\", source = \"CGI-1628-0-BIS, SP-F19211-2020\"",
    );
    let fees = proportional
        .evaluate_json(BRETAGNE_HYBRID_2019)
        .expect("decided")
        .fees
        .expect("fees");
    // Y1: 51 × 50 % = 25.50, rounded half up to 26 (CGI 1599 octodecies); Y4: 4 × 50 % = 2;
    // Y5 2.76 (arrêté of 2015-09-21).
    let y1 = euros("26");
    let y4 = euros("2.00");
    assert_eq!(fees.line(LineCode::Y1).amount, Some(y1));
    assert_eq!(fees.line(LineCode::Y4).amount, Some(y4));
    assert_eq!(fees.total, Some(y1 + y4 + euros("2.76")));
    assert_eq!(fees.total.map(|t| t.to_string()).as_deref(), Some("30.76"));
    // The line rests on the switch (medium), not on the 4 € alone (high).
    assert_eq!(
        fees.line(LineCode::Y4).confidence,
        duplicata_core::Confidence::Medium
    );

    // The embedded default on the same request: Y4 in full.
    let default = Engine::embedded()
        .expect("engine")
        .evaluate_json(BRETAGNE_HYBRID_2019)
        .expect("decided")
        .fees
        .expect("fees");
    assert_eq!(default.line(LineCode::Y4).amount, Some(euros("4.00")));
    assert_eq!(default.total, Some(euros("32.76")));
}

const PROFESSIONAL_2022: &str = r#"{"procedure":"carte_grise_duplicata","date":"2022-03-12",
    "reason":"loss","holder":{"department":"33","kind":"leasing_company"},
    "vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"},
    "applicant":"professional"}"#;

fn reason_codes(e: &Engine, request: &str) -> (bool, Vec<String>, Vec<String>) {
    let d = serde_json::to_value(e.evaluate_json(request).expect("decided")).expect("json");
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| x["code"].as_str().expect("code").to_owned())
            .collect()
    };
    (
        d["eligibility"]["eligible"].as_bool().expect("eligible"),
        codes(&d["eligibility"]["reasons"]),
        codes(&d["eligibility"]["remedies"]),
    )
}

#[test]
fn professional_never_when_the_file_says_so() {
    // facts.md §11: by default a professionnel habilité files only for a leasing company's vehicle
    // (F1726), which this request is: eligible.
    let (eligible, reasons, _) =
        reason_codes(&Engine::embedded().expect("engine"), PROFESSIONAL_2022);
    assert!(eligible, "{reasons:?}");
    // The reading of F20324 (no duplicata among a professional's operations): `never`.
    let never = engine_with("value = \"leasing_only\"", "value = \"never\"");
    let (eligible, reasons, remedies) = reason_codes(&never, PROFESSIONAL_2022);
    assert!(!eligible);
    assert_eq!(reasons, ["applicant.professional_never"]);
    assert_eq!(remedies, ["holder_applies"]);
    // `any_with_mandate`: an ordinary holder's vehicle too.
    let person = PROFESSIONAL_2022.replace(",\"kind\":\"leasing_company\"", "");
    let (eligible, reasons, _) = reason_codes(&Engine::embedded().expect("engine"), &person);
    assert!(!eligible);
    assert_eq!(reasons, ["applicant.professional_not_allowed"]);
    let any = engine_with("value = \"leasing_only\"", "value = \"any_with_mandate\"");
    let (eligible, reasons, _) = reason_codes(&any, &person);
    assert!(eligible, "{reasons:?}");
}
