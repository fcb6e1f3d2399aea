//! Unit tests of who may apply and of the professional rule (`eligibility.rs`).

use crate::Engine;
use crate::params::DEFAULT_PARAMETERS;

fn request(date: &str, holder: &str, applicant: &str) -> String {
    format!(
        r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss",
            "holder":{{"department":"33"{holder}}},
            "vehicle":{{"plate":"AB-123-CD","category":"car","energy":"petrol"}},
            "applicant":"{applicant}"}}"#
    )
}

fn who(e: &Engine, date: &str, holder: &str) -> Vec<(&'static str, &'static str)> {
    e.evaluate_json(&request(date, holder, "holder"))
        .expect("decided")
        .eligibility
        .who_may_apply
        .iter()
        .map(|n| (n.code, n.message_en))
        .collect()
}

#[test]
fn who_may_apply_follows_the_holder_and_the_fiche_of_the_day() {
    let e = Engine::embedded().expect("engine");
    let codes = |date: &str, holder: &str| -> Vec<&str> {
        who(&e, date, holder).iter().map(|w| w.0).collect()
    };
    // F1726 of 2019-12-19 onwards: the holder, a co-holder, the holder of a signed mandate.
    assert_eq!(
        codes("2022-03-12", ""),
        ["holder", "co_holder", "mandate_holder"]
    );
    // F31853 (2019-12-19): a company through its legal representative.
    assert_eq!(
        codes("2022-03-12", r#","kind":"company""#),
        ["company", "co_holder", "mandate_holder"]
    );
    // F1726 of 2019-06-07 (online, holder only).
    assert_eq!(codes("2018-06-01", ""), ["holder"]);
    // F1726 of 2015-01-06 (prefecture): a power of attorney, not an online mandate.
    let prefecture = who(&e, "2015-03-02", "");
    assert_eq!(
        prefecture.iter().map(|w| w.0).collect::<Vec<_>>(),
        ["holder", "co_holder", "mandate_holder"]
    );
    assert!(
        prefecture[2].1.contains("power of attorney"),
        "{prefecture:?}"
    );
    assert!(who(&e, "2022-03-12", "")[2].1.contains("signed mandate"));
    // A leasing company's vehicle, by the fiche of the day.
    let leased = r#","kind":"leasing_company""#;
    let leasing = |date: &str| who(&e, date, leased);
    assert!(
        leasing("2011-05-02")[0]
            .1
            .contains("lessee with the company's attestation")
    );
    assert!(
        leasing("2018-06-01")[0]
            .1
            .contains("which files the request itself")
    );
    assert!(
        leasing("2022-03-12")[0]
            .1
            .contains("authorised professional")
    );
    assert_eq!(codes("2022-03-12", leased), ["leasing_company"]);
    // F1480 (2020): the heirs of a deceased holder; F1726: the guardian of a minor.
    assert_eq!(codes("2022-03-12", r#","deceased":true"#), ["heir"]);
    assert_eq!(codes("2022-03-12", r#","minor":true"#), ["legal_guardian"]);
}

fn refusal(
    e: &Engine,
    req: &str,
) -> (
    bool,
    Vec<&'static str>,
    Vec<&'static str>,
    Vec<&'static str>,
) {
    let d = e.evaluate_json(req).expect("decided").eligibility;
    (
        d.eligible,
        d.reasons.iter().map(|n| n.code).collect(),
        d.remedies.iter().map(|n| n.code).collect(),
        d.conditions.iter().map(|n| n.code).collect(),
    )
}

#[test]
fn a_professional_by_the_parameter_and_the_era() {
    let leased = r#","kind":"leasing_company""#;
    let embedded = Engine::embedded().expect("engine");
    // Default (facts.md §11): a leasing company's vehicle only; online, on the mandate's
    // conditions; at a prefecture (2015), with the company's attestation (seed 004).
    let (ok, _, _, conditions) = refusal(&embedded, &request("2022-03-12", leased, "professional"));
    assert!(ok);
    assert_eq!(conditions, ["leasing_mandate", "holder_kbis"]);
    let (ok, _, _, conditions) = refusal(&embedded, &request("2015-03-02", leased, "professional"));
    assert!(ok);
    assert_eq!(conditions, ["leasing_attestation"]);
    // The other reading of F20324: never.
    let never = Engine::from_toml(&DEFAULT_PARAMETERS.replacen(
        "value = \"leasing_only\"",
        "value = \"never\"",
        1,
    ))
    .expect("edited file");
    let (ok, reasons, remedies, conditions) =
        refusal(&never, &request("2022-03-12", leased, "professional"));
    assert!(!ok);
    assert_eq!(reasons, ["applicant.professional_never"]);
    assert_eq!(remedies, ["holder_applies"]);
    assert!(conditions.is_empty());
}
