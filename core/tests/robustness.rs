//! Property tests: no input, however malformed, makes the engine panic; registration numbers built
//! from their blocks read as a reference reader written from facts.md §3 says; and the fees of
//! random dates, departments, vehicles and numbers are those of a reference computation written
//! from facts.md §1.6 (the regional rate per CV, a value of the parameter file, is its only input
//! from the engine).

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use duplicata_core::DEPARTMENT_CODES;
use duplicata_core::{Department, Engine, LineCode, Money, PlateSystem, parse_plate, plate_system};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().expect("engine"))
}

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2009, 4, 15).expect("date") + Days::new(u64::from(offset))
}

const CATEGORIES: [&str; 7] = [
    "car",
    "utility",
    "motorhome",
    "motorcycle",
    "motorcycle_le_125",
    "moped_le_50",
    "other",
];
const ENERGIES: [&str; 9] = [
    "petrol", "diesel", "electric", "hydrogen", "hybrid", "lpg", "cng", "e85", "other",
];
const PLATES: [&str; 6] = [
    "AB-123-CD",
    "ab123cd",
    "123 AB 45",
    "1234 ABC 75",
    "W-123-AB",
    "ZZ 999 Z",
];

/// Letters of every kind, the forbidden ones included, so that both outcomes are drawn.
const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn letters(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(LETTERS.as_bytes().to_vec()), n)
        .prop_map(|v| String::from_utf8(v).expect("ascii"))
}

/// Separators a person types between blocks: a hyphen, a space, nothing.
fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["-", " ", "", " - "])
}

/// The result the reference reader expects: an error code, or the system and canonical form.
type Expected = Result<(PlateSystem, String), &'static str>;

/// facts.md §3.2: an SIV number `AB-123-CD`; I, O and U never used; no `SS` block; `WW` on the left
/// is a provisional number; `000` is not issued. Letters are checked first, then series, then digits.
fn reference_siv(l: &str, d: &str, r: &str) -> Expected {
    if format!("{l}{r}").contains(['I', 'O', 'U']) {
        Err("plate.forbidden_letter")
    } else if l == "SS" || r == "SS" {
        Err("plate.forbidden_series")
    } else if d == "000" {
        Err("plate.zero_number")
    } else if l == "WW" {
        Ok((PlateSystem::Ww, format!("{l}-{d}-{r}")))
    } else {
        Ok((PlateSystem::Siv, format!("{l}-{d}-{r}")))
    }
}

/// facts.md §3.1: an FNI number `123 AB 45`: 1–4 digits not all zero, 1–3 letters without I or O
/// (U existed until 1984), never `SS`, a department 01–95, 2A, 2B or 971–976; `W` is a garage
/// number, `WW` a provisional one.
fn reference_fni(s: &str, l: &str, dept: &str) -> Expected {
    let department_ok = match dept {
        "2A" | "2B" => true,
        d if d.len() == 2 => d.parse::<u8>().is_ok_and(|n| (1..=95).contains(&n)),
        d => d.parse::<u16>().is_ok_and(|n| (971..=976).contains(&n)),
    };
    if s.bytes().all(|b| b == b'0') {
        Err("plate.zero_number")
    } else if l.contains(['I', 'O']) {
        Err("plate.forbidden_letter")
    } else if l == "SS" {
        Err("plate.forbidden_series")
    } else if !department_ok {
        Err("plate.invalid_department")
    } else {
        let system = match l {
            "W" => PlateSystem::W,
            "WW" => PlateSystem::Ww,
            _ => PlateSystem::Fni,
        };
        Ok((system, format!("{s} {l} {dept}")))
    }
}

/// Reads `input` and checks it against the reference; a number read is read again identically
/// from its canonical form, and `plate_system` agrees.
fn check_plate(input: &str, want: &Expected) -> Result<(), TestCaseError> {
    match (parse_plate(input), want) {
        (Ok(p), Ok((system, normalized))) => {
            prop_assert_eq!(p.system, *system, "{}", input);
            prop_assert_eq!(p.normalized(), normalized.as_str(), "{}", input);
            let again = parse_plate(p.normalized()).expect("a canonical number reads again");
            prop_assert_eq!(again, p);
            prop_assert_eq!(plate_system(input).expect("system"), *system);
        }
        (Err(e), Err(code)) => {
            prop_assert_eq!(e.code(), *code, "{}", input);
            prop_assert_eq!(plate_system(input).expect_err("same error").code(), *code);
        }
        (got, _) => prop_assert!(false, "{input:?}: got {got:?}, expected {want:?}"),
    }
    Ok(())
}

fn mixed_case(s: &str, mask: u64) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect()
}

/// facts.md §1.2: Y5 is 2.50 € until the arrêté of 2015-09-21, 2.76 € from 2015-09-24 (§11).
fn y5_cents(date: NaiveDate) -> i64 {
    if date < NaiveDate::from_ymd_opt(2015, 9, 24).expect("date") {
        250
    } else {
        276
    }
}

/// The fees of a duplicata for a petrol or diesel vehicle (no clean-vehicle exemption), by
/// facts.md §1.6, in cents: `None` when the regional rate is unknown and Y1 is due.
/// Lines Y1, Y2, Y3, Y4, Y5.
fn reference_fees(
    date: NaiveDate,
    system: PlateSystem,
    category: &str,
    rate_cents: Option<i64>,
) -> [Option<i64>; 5] {
    let moped = category == "moped_le_50";
    let y5 = if moped { 0 } else { y5_cents(date) };
    if date >= NaiveDate::from_ymd_opt(2021, 1, 1).expect("date") {
        // 2021 (taxe fixe, §11) and from 2022 (CIBS L421-33): no Y1, 11 € on any delivery.
        return [Some(0), Some(0), Some(0), Some(1100), Some(y5)];
    }
    // Until 2020 (CGI 1599 octodecies, 1628-0 bis): an FNI number is converted from 2009-10-15
    // and a cyclomoteur pays neither Y1 nor Y4 (nor Y5, décret 2008-850).
    let conversion =
        system == PlateSystem::Fni && date >= NaiveDate::from_ymd_opt(2009, 10, 15).expect("date");
    if conversion || moped {
        return [Some(0), Some(0), Some(0), Some(0), Some(y5)];
    }
    // 1 CV at the regional rate, 1/4 for a two-wheeler up to 125 cm³, rounded to the euro, 0.50
    // counting for 1; then the 4 € taxe de gestion.
    let (num, den) = if category == "motorcycle_le_125" {
        (1, 4)
    } else {
        (1, 1)
    };
    let y1 = rate_cents.map(|r| (r * num + 50 * den) / (100 * den) * 100);
    // Y4 does not depend on the rate: an unknown rate leaves it due.
    [y1, Some(0), Some(0), Some(400), Some(y5)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plate_parsing_never_panics(s in "\\PC{0,40}") {
        let _ = parse_plate(&s);
        let _ = plate_system(&s);
    }

    #[test]
    fn plate_like_input_never_panics(s in "[A-Za-z0-9 -]{0,14}") {
        let _ = parse_plate(&s);
    }

    #[test]
    fn siv_numbers_read_as_the_reference_says(
        l in letters(2..=2),
        d in "[0-9]{3}",
        r in letters(2..=2),
        seps in (separator(), separator()),
        case in any::<u64>(),
        pad in any::<bool>(),
    ) {
        let typed = mixed_case(&format!("{l}{}{d}{}{r}", seps.0, seps.1), case);
        let input = if pad { format!("  {typed} ") } else { typed };
        check_plate(&input, &reference_siv(&l, &d, &r))?;
    }

    #[test]
    fn fni_numbers_read_as_the_reference_says(
        s in "[0-9]{1,4}",
        l in letters(1..=3),
        dept in proptest::sample::select(vec![
            "01", "13", "2A", "2B", "33", "59", "75", "95", "971", "974", "976",
            "00", "20", "96", "99", "970", "977",
        ]),
        seps in (separator(), separator()),
        case in any::<u64>(),
    ) {
        let input = mixed_case(&format!("{s}{}{l}{}{dept}", seps.0, seps.1), case);
        check_plate(&input, &reference_fni(&s, &l, dept))?;
    }

    #[test]
    fn json_requests_never_panic(s in "\\PC{0,200}") {
        let _ = engine().evaluate_json(&s);
    }

    #[test]
    fn fees_are_those_of_the_reference_computation(
        offset in 0u32..6800,
        dept in 0usize..DEPARTMENT_CODES.len(),
        cat in 0usize..CATEGORIES.len(),
        diesel in any::<bool>(),
        plate in 0usize..PLATES.len(),
        address in any::<bool>(),
    ) {
        let date = day(offset);
        let category = if PLATES[plate] == "ZZ 999 Z" { "moped_le_50" } else { CATEGORIES[cat] };
        let energy = if diesel { "diesel" } else { "petrol" };
        let request = format!(
            r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss","change_of_address":{address},
                "holder":{{"department":"{}"}},"vehicle":{{"plate":"{}","category":"{category}","energy":"{energy}"}}}}"#,
            DEPARTMENT_CODES[dept], PLATES[plate]
        );
        let e = engine();
        let d = e.evaluate_json(&request).expect("a well-formed request is decided");
        let fees = d.fees.expect("fees");
        let department = Department::parse(DEPARTMENT_CODES[dept]).expect("dept");
        let rate = e.rate(department, date).expect("rate").rate.map(Money::cents);
        let system = parse_plate(PLATES[plate]).expect("plate").system;
        let want = reference_fees(date, system, category, rate);
        let got: Vec<Option<i64>> = [LineCode::Y1, LineCode::Y2, LineCode::Y3, LineCode::Y4, LineCode::Y5]
            .iter()
            .map(|&c| fees.line(c).amount.map(Money::cents))
            .collect();
        prop_assert_eq!(&got[..], &want[..], "{}", request);
        let total = want.iter().try_fold(0, |acc, l| l.map(|a| acc + a));
        prop_assert_eq!(fees.total.map(Money::cents), total, "{}", request);
        prop_assert_eq!(fees.status(), if total.is_some() { "known" } else { "unknown" });
    }

    #[test]
    fn an_exemption_only_lowers_the_reference_fees(
        offset in 0u32..6800,
        dept in 0usize..DEPARTMENT_CODES.len(),
        energy in 0usize..ENERGIES.len(),
    ) {
        // CGI 1599 novodecies A, 1628-0 bis II: a clean-vehicle exemption removes all or part of
        // Y1 (and Y4 with a total one); it never adds. The total stays the sum of its lines.
        let date = day(offset);
        let request = format!(
            r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss",
                "holder":{{"department":"{}"}},"vehicle":{{"plate":"AB-123-CD","category":"car","energy":"{}"}}}}"#,
            DEPARTMENT_CODES[dept], ENERGIES[energy]
        );
        let e = engine();
        let fees = e.evaluate_json(&request).expect("decided").fees.expect("fees");
        let department = Department::parse(DEPARTMENT_CODES[dept]).expect("dept");
        let rate = e.rate(department, date).expect("rate").rate.map(Money::cents);
        let full = reference_fees(date, PlateSystem::Siv, "car", rate);
        for (i, c) in [LineCode::Y1, LineCode::Y2, LineCode::Y3, LineCode::Y4, LineCode::Y5].iter().enumerate() {
            if let (Some(got), Some(max)) = (fees.line(*c).amount.map(Money::cents), full[i]) {
                prop_assert!(got <= max && got >= 0, "{c:?} {got} > {max}: {request}");
                prop_assert_eq!(got % 100 == 0, *c != LineCode::Y5 || max % 100 == 0);
            }
        }
        prop_assert_eq!(fees.line(LineCode::Y5).amount.map(Money::cents), full[4]);
        let sum = fees.lines.iter().try_fold(Money::ZERO, |acc, l| l.amount.map(|a| acc + a));
        prop_assert_eq!(fees.total, sum);
    }
}
