//! Each contract enum's `ALL` and `code()` agree with the JSON contract (the serde names), so that
//! surfaces tested against these lists are tested against the contract.

use duplicata_core::{
    Applicant, Category, Confidence, Energy, HolderKind, LineCode, LineStatus, PlateSystem,
    ProcedureKind, Reason,
};
use duplicata_core::{FilingChannel, Machine, PaymentMeans};
use duplicata_core::{Mention, RevocationMotive, TitleStatus};
use duplicata_core::{ProfessionalRule, Regime};
use serde::Serialize;

fn check<T: Serialize + Copy + std::fmt::Debug>(all: &[T], code: fn(T) -> &'static str) {
    assert!(!all.is_empty());
    let mut seen = std::collections::BTreeSet::new();
    for v in all {
        let json = serde_json::to_value(v).expect("serialize");
        assert_eq!(json.as_str(), Some(code(*v)), "{v:?}");
        assert!(seen.insert(code(*v)), "{v:?} twice");
    }
}

#[test]
fn every_contract_name_is_the_serde_name() {
    check(Regime::ALL, Regime::code);
    check(ProfessionalRule::ALL, ProfessionalRule::code);
    check(Category::ALL, Category::code);
    check(Energy::ALL, Energy::code);
    check(Applicant::ALL, Applicant::code);
    check(Reason::ALL, Reason::code);
    check(HolderKind::ALL, HolderKind::code);
    check(ProcedureKind::ALL, ProcedureKind::code);
    check(PlateSystem::ALL, PlateSystem::code);
    check(Confidence::ALL, Confidence::code);
    check(LineCode::ALL, LineCode::code);
    check(Mention::ALL, Mention::code);
    check(TitleStatus::ALL, TitleStatus::code);
    check(RevocationMotive::ALL, RevocationMotive::code);
    check(Machine::ALL, Machine::code);
    check(FilingChannel::ALL, FilingChannel::code);
    check(PaymentMeans::ALL, PaymentMeans::code);
    assert_eq!(
        LineStatus::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        ["due", "not_due", "unknown"]
    );
}

#[test]
fn a_wrong_name_is_caught() {
    let caught = std::panic::catch_unwind(|| check(&[Category::Car], |_| "vp"));
    assert!(caught.is_err());
}
