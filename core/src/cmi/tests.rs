//! Tests of the CMI rules.

use super::*;

fn address() -> DeliveryAddress {
    DeliveryAddress {
        name: "Marie Dupont".into(),
        line1: "12 rue des Lilas".into(),
        postal_code: Some("33000".into()),
        city: "Bordeaux".into(),
        country: "France".into(),
        ..DeliveryAddress::default()
    }
}

#[test]
fn address_limits_name_the_field_and_never_truncate() {
    let mut a = address();
    a.line1 = "x".repeat(39);
    let e = check_address(&a).expect_err("39 characters");
    assert_eq!(e.code(), "cmi.address.too_long");
    assert_eq!(e.field(), Some("cmi.delivery_address.line1"));
    assert!(
        e.message_fr().contains("38 caractères"),
        "{}",
        e.message_fr()
    );
    a.line1 = "é".repeat(38);
    assert!(
        check_address(&a).is_ok(),
        "38 characters, counted as characters not bytes"
    );
    let mut a = address();
    a.city = "y".repeat(33);
    assert_eq!(
        check_address(&a).expect_err("city").field(),
        Some("cmi.delivery_address.city")
    );
}

#[test]
fn postal_code_required_in_france_only() {
    let mut a = address();
    a.postal_code = None;
    assert_eq!(
        check_address(&a).expect_err("France").code(),
        "cmi.address.postal_code_required"
    );
    a.country = "Belgique".into();
    assert!(check_address(&a).is_ok());
    let mut a = address();
    a.postal_code = Some("3300".into());
    assert_eq!(
        check_address(&a).expect_err("4 digits").code(),
        "cmi.address.postal_code_invalid"
    );
}

/// Seed 000: "La carte initiale ne sera pas révoquée lors de la commande du second
/// exemplaire"; "peut être commandé et utilisé par les bénéficiaires d'une CMI portant
/// mention « Stationnement »"; the summary of "votre (vos) demande(s)".
#[test]
fn second_exemplaire_steps_never_say_the_card_is_revoked() {
    let engine = crate::Engine::embedded().expect("engine");
    let req = |procedure: &str| -> Request {
        serde_json::from_value(serde_json::json!({
            "procedure": procedure, "date": "2021-05-01",
            "cmi": {"terms_accepted": true, "sworn_statement": true,
                    "revocation_motive": "loss", "title_number": "CMI-2019-000124",
                    "titles": [{"number": "CMI-2019-000124", "mention": "stationnement",
                                "status": "valid", "valid_until": "2029-06-30"}]}
        }))
        .expect("request")
    };
    let second = engine
        .evaluate(&req("cmi_second_exemplaire"))
        .expect("decision");
    let steps = second.procedure.expect("procedure").steps;
    assert!(steps.iter().all(|s| !s.label_fr.contains("sera révoquée")));
    assert!(
        steps
            .iter()
            .any(|s| s.label_fr.contains("n'est pas révoquée"))
    );
    assert_eq!(
        second.eligibility.who_may_apply[0].code,
        "cmi.stationnement_beneficiary"
    );
    let dup = engine.evaluate(&req("cmi_duplicata")).expect("decision");
    let steps = dup.procedure.expect("procedure").steps;
    assert!(steps.iter().any(|s| s.label_fr.contains("sera révoquée")));
    assert_eq!(dup.eligibility.who_may_apply[0].code, "cmi.beneficiary");
    let end = dup.procedure.expect("procedure").end_products;
    assert!(
        end.iter()
            .any(|s| s.label_fr.contains("votre (vos) demande(s)"))
    );
}
