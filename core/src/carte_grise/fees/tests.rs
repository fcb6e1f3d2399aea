//! Unit tests of the fee query's checks and of the line and breakdown accessors.

use chrono::NaiveDate;

use super::*;
use crate::contract::request::{Category, Energy};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn code_and_field(e: &Error) -> (&str, Option<&str>) {
    (e.code(), e.field())
}

#[test]
fn a_cyclomoteur_number_needs_the_moped_category_on_every_path() {
    // facts.md §3 (SP-F17638-2020): the 'A 11 A' form belongs to a cyclomoteur of 50 cm³ at most.
    let date = day("2019-06-01");
    let inconsistent = ("request.inconsistent", Some("vehicle.category"));
    for plate in ["A 11 B", "ab 123 c"] {
        let e = FeeQuery::check_fields(date, None, plate, Category::Car, Energy::Petrol)
            .expect_err(plate);
        assert_eq!(code_and_field(&e), inconsistent, "{plate}");
        let e = FeeQuery::from_fields(date, None, plate, Category::Car, Energy::Petrol)
            .expect_err(plate);
        assert_eq!(code_and_field(&e), inconsistent, "{plate}");
        let q = FeeQuery::check_fields(date, None, plate, Category::MopedLe50, Energy::Petrol)
            .expect(plate);
        assert_eq!(
            (q.plate, q.category),
            (PlateSystem::Moped, Category::MopedLe50)
        );
    }
    let e = FeeQuery::from_system(
        date,
        None,
        PlateSystem::Moped,
        Category::Car,
        Energy::Petrol,
    )
    .expect_err("moped number, car");
    assert_eq!(code_and_field(&e), inconsistent);
    let q = FeeQuery::from_system(
        date,
        None,
        PlateSystem::Moped,
        Category::MopedLe50,
        Energy::Petrol,
    )
    .expect("moped number, moped");
    assert_eq!(q.plate, PlateSystem::Moped);
    // Any other number goes with any category, the moped one included (an SIV cyclomoteur).
    for system in [PlateSystem::Siv, PlateSystem::Fni, PlateSystem::W] {
        for category in [Category::Car, Category::MopedLe50] {
            let q = FeeQuery::from_system(date, None, system, category, Energy::Petrol)
                .expect("accepted");
            assert_eq!((q.plate, q.category), (system, category));
        }
    }
}

#[test]
fn check_fields_gives_the_query_from_fields_gives() {
    let date = day("2016-03-01");
    for (plate, dept, category) in [
        ("AB-123-CD", Some("33"), Category::Car),
        ("ab 123 cd", Some("2A"), Category::MotorcycleLe125),
        ("123 AB 75", Some("75"), Category::Utility),
        ("AB-123-CD", None, Category::MopedLe50),
        ("A 11 B", Some("13"), Category::MopedLe50),
    ] {
        let checked =
            FeeQuery::check_fields(date, dept, plate, category, Energy::Diesel).expect(plate);
        let (full, read) =
            FeeQuery::from_fields(date, dept, plate, category, Energy::Diesel).expect(plate);
        assert_eq!(checked, full, "{plate}");
        assert_eq!(read.system, checked.plate, "{plate}");
        assert_eq!(checked.department.map(|d| d.to_string()).as_deref(), dept);
        assert!(!checked.change_of_address && !checked.natural_disaster);
    }
    // The errors name the request's fields.
    let e = FeeQuery::check_fields(date, Some("33"), "AB-000-CD", Category::Car, Energy::Petrol)
        .expect_err("zero");
    assert_eq!(
        code_and_field(&e),
        ("plate.zero_number", Some("vehicle.plate"))
    );
    let e = FeeQuery::check_fields(date, Some("20"), "AB-123-CD", Category::Car, Energy::Petrol)
        .expect_err("department 20");
    assert_eq!(e.field(), Some("holder.department"));
    let e = FeeQuery::from_fields(date, Some("20"), "AB-123-CD", Category::Car, Energy::Petrol)
        .expect_err("department 20");
    assert_eq!(e.field(), Some("holder.department"));
}

#[test]
fn events_are_set_on_the_query() {
    let q = FeeQuery::from_system(
        day("2019-06-01"),
        None,
        PlateSystem::Siv,
        Category::Car,
        Energy::Petrol,
    )
    .expect("query");
    let both = q.with_events(true, true);
    assert!(both.change_of_address && both.natural_disaster);
    let address = q.with_events(true, false);
    assert!(address.change_of_address && !address.natural_disaster);
    let disaster = q.with_events(false, true);
    assert!(!disaster.change_of_address && disaster.natural_disaster);
}

#[test]
fn lines_are_named_as_the_tariff_names_them() {
    // service-public F19211: the lines of the cost of a certificate, Y1 to Y5.
    let fr: Vec<&str> = [
        LineCode::Y1,
        LineCode::Y2,
        LineCode::Y3,
        LineCode::Y4,
        LineCode::Y5,
    ]
    .iter()
    .map(|c| c.label_fr())
    .collect();
    assert_eq!(
        fr,
        [
            "Taxe régionale",
            "Taxe formation professionnelle transports",
            "Taxe CO2 / malus",
            "Taxe de gestion / taxe fixe",
            "Redevance d'acheminement",
        ]
    );
    let en: Vec<&str> = LineCode::ALL.iter().map(|c| c.label_en()).collect();
    assert_eq!(
        en,
        [
            "Regional tax",
            "Vocational-training tax (transport)",
            "CO2 tax / malus",
            "Management tax / fixed tax",
            "Delivery fee",
        ]
    );
    assert_eq!(LineCode::Y4.as_str(), "Y4");
}

#[test]
fn line_and_total_statuses() {
    let params = ParameterSet::embedded().expect("params");
    let q = |date: &str, dept: &str| FeeQuery {
        date: day(date),
        department: Some(Department::parse(dept).expect("dept")),
        plate: PlateSystem::Siv,
        category: Category::Car,
        energy: Energy::Petrol,
        change_of_address: false,
        natural_disaster: false,
    };
    // Gironde 2019: 41 + 4 + 2.76 (facts.md §8, example 1).
    let known = compute(&params, &q("2019-06-01", "33")).expect("fees");
    assert_eq!(known.status(), "known");
    assert_eq!(known.line(LineCode::Y1).status(), LineStatus::Due);
    assert_eq!(known.line(LineCode::Y2).status(), LineStatus::NotDue);
    assert_eq!(known.line(LineCode::Y4).status(), LineStatus::Due);
    assert_eq!(known.line(LineCode::Y1).code, LineCode::Y1);
    assert_eq!(known.line(LineCode::Y5).code, LineCode::Y5);
    assert_eq!(
        known.line(LineCode::Y5).amount,
        Some(Money::from_cents(276))
    );
    // Mayotte 2014: the rate is a documented gap.
    let unknown = compute(&params, &q("2014-06-01", "976")).expect("fees");
    assert_eq!(unknown.status(), "unknown");
    assert_eq!(unknown.line(LineCode::Y1).status(), LineStatus::Unknown);
    assert_eq!(
        LineStatus::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        ["due", "not_due", "unknown"]
    );
    // Each line says what it is and where it comes from.
    for l in &known.lines {
        let (fr, en) = l.explanation();
        assert!(!fr.is_empty() && !en.is_empty(), "{:?}", l.code);
        assert!(!l.source(&params).is_empty(), "{:?}", l.code);
    }
    assert!(
        known
            .line(LineCode::Y4)
            .source(&params)
            .contains("CGI-1628-0-BIS")
    );
    assert_eq!(
        known.line(LineCode::Y1).explanation(),
        (
            "1 cheval fiscal au taux de la région du domicile, arrondi à l'euro",
            "1 fiscal horsepower at the rate of the holder's region, rounded to the euro"
        )
    );
    let (fr, en) = known.line(LineCode::Y5).explanation();
    assert!(fr.starts_with("redevance d'acheminement"), "{fr}");
    assert!(!en.is_empty() && en != fr, "{en}");
}

#[test]
fn a_partial_national_exemption_applies_to_electric_vehicles() {
    // The embedded file has a national share of 0 or 1 only; a file with a partial one (0.5 from
    // 2020) exempts half of Y1 for an electric car, whatever the zone's clean-vehicle share
    // (Mayotte: 0 in 2020). 30 € per CV (facts.md §2.3) × 50 % = 15 €; Y4 stays due in full under
    // a partial exemption (facts.md §11): 15 + 4 + 2.76.
    let text = crate::params::DEFAULT_PARAMETERS.replacen(
        "{ from = 2020-01-01, to = 2025-04-30, value = \"1\", confidence = \"high\", source = \"LF-2020-EV\" }",
        "{ from = 2020-01-01, to = 2025-04-30, value = \"0.5\", confidence = \"high\", source = \"LF-2020-EV\" }",
        1,
    );
    assert_ne!(text, crate::params::DEFAULT_PARAMETERS);
    let params = ParameterSet::from_toml(&text).expect("edited file");
    let q = |energy| FeeQuery {
        date: day("2020-06-01"),
        department: Some(Department::parse("976").expect("dept")),
        plate: PlateSystem::Siv,
        category: Category::Car,
        energy,
        change_of_address: false,
        natural_disaster: false,
    };
    let electric = compute(&params, &q(Energy::Electric)).expect("fees");
    assert_eq!(
        electric.line(LineCode::Y1).amount,
        Some(Money::from_cents(1500))
    );
    assert_eq!(electric.total, Some(Money::from_cents(2176)));
    // A petrol car pays the full rate.
    let petrol = compute(&params, &q(Energy::Petrol)).expect("fees");
    assert_eq!(
        petrol.line(LineCode::Y1).amount,
        Some(Money::from_cents(3000))
    );
}

/// The table of plain queries (`plain.rs`) gives back, on every day from before the SIV to 2040,
/// what [`compute`] answers; and on the days around each of its stretches, for every category,
/// energy, numbering system, a few departments and both flags.
#[test]
fn plain_fees_are_the_answers_of_compute() {
    let params = ParameterSet::embedded().expect("embedded");
    let table = PlainFees::new(&params);
    let query = |date, department: Option<&str>, plate, category, energy, flags: u8| FeeQuery {
        date,
        department: department.map(|d| Department::parse(d).expect("department")),
        plate,
        category,
        energy,
        change_of_address: flags & 1 != 0,
        natural_disaster: flags & 2 != 0,
    };
    let mut hits = 0;
    let mut check = |q: &FeeQuery| {
        if let Some(f) = table.get(q) {
            hits += 1;
            assert_eq!(Some(f), compute(&params, q).ok(), "{q:?}");
        }
    };
    let mut date = day("2009-04-10");
    let end = day("2040-01-01");
    while date <= end {
        for energy in [Energy::Petrol, Energy::Electric] {
            check(&query(
                date,
                Some("33"),
                PlateSystem::Siv,
                Category::Car,
                energy,
                0,
            ));
            check(&query(
                date,
                None,
                PlateSystem::W,
                Category::MotorcycleLe125,
                energy,
                0,
            ));
        }
        date = date.succ_opt().expect("next day");
    }
    let around = table
        .starts
        .iter()
        .flat_map(|d| [d.pred_opt(), Some(*d), d.succ_opt()])
        .flatten();
    for date in around {
        for &plate in &[
            PlateSystem::Siv,
            PlateSystem::Fni,
            PlateSystem::Moped,
            PlateSystem::Ww,
            PlateSystem::W,
        ] {
            for &category in Category::ALL {
                for &energy in Energy::ALL {
                    for department in [None, Some("33"), Some("976"), Some("2A")] {
                        for flags in 0..4 {
                            check(&query(date, department, plate, category, energy, flags));
                        }
                    }
                }
            }
        }
    }
    // From 2021 the plain queries are answered by the table.
    assert!(hits > 4 * 6500, "{hits}");
}
