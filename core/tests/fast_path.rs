//! The fast fee path (`FeeQuery` + `Engine::fees`, and the batch memo's keys) agrees with
//! `Engine::evaluate` on the whole corpus and on generated requests, mopeds with a car's number
//! and the like included.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use duplicata_core::{
    Category, DateClasses, Department, Energy, Engine, FeeQuery, PlateSystem, Request, parse_plate,
};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

/// The fast path's answer for a request, built the way every surface builds it.
fn fast(
    engine: &Engine,
    req: &Request,
) -> Option<Result<duplicata_core::FeeBreakdown, (String, Option<String>)>> {
    let v = req.vehicle.as_ref()?;
    let department = req.holder.department.as_deref();
    let from =
        FeeQuery::from_fields(req.date, department, &v.plate, v.category, v.energy).map(|(q, _)| q);
    // `check_fields` (the number checked, not built) gives the same query or the same error.
    let checked = FeeQuery::check_fields(req.date, department, &v.plate, v.category, v.energy);
    let parts = |e: &duplicata_core::Error| {
        (
            e.code().to_owned(),
            e.field().map(str::to_owned),
            e.message_fr().to_owned(),
            e.message_en().to_owned(),
        )
    };
    assert_eq!(
        from.as_ref().map_err(parts),
        checked.as_ref().map_err(parts),
        "check_fields and from_fields differ for {req:?}"
    );
    let r =
        from.and_then(|q| engine.fees(&q.with_events(req.change_of_address, req.natural_disaster)));
    Some(r.map_err(|e| (e.code().to_owned(), e.field().map(str::to_owned))))
}

/// Compares the fast path with `evaluate` on one request; returns a mismatch, if any.
fn compare(engine: &Engine, req: &Request, name: &str) -> Option<String> {
    req.reason?;
    // A replay (`as_known_on`) is for `evaluate` only: the fast path answers as known now.
    if req.as_known_on.is_some() {
        return None;
    }
    let fast = fast(engine, req)?;
    match (engine.evaluate(req), fast) {
        (Ok(d), Ok(f)) => (d.fees != Some(f)).then(|| format!("{name}: fees differ")),
        (Err(e), Err((code, field))) => (e.code() != code || e.field() != field.as_deref())
            .then(|| format!("{name}: {} != {code}", e.code())),
        // `evaluate` checks more than the fees (fiscal power, first registration): those errors
        // do not concern the fast path.
        (Err(e), Ok(_))
            if !e.code().starts_with("plate.")
                && !e.code().starts_with("department.")
                && e.field() != Some("vehicle.category") =>
        {
            None
        }
        (Err(e), Ok(_)) => Some(format!(
            "{name}: evaluate refuses ({}), the fast path answers",
            e.code()
        )),
        (Ok(_), Err((code, _))) => Some(format!(
            "{name}: the fast path refuses ({code}), evaluate answers"
        )),
    }
}

#[test]
fn the_fast_path_agrees_with_evaluate_on_the_corpus() {
    let engine = Engine::embedded().expect("embedded parameters");
    let mut compared = 0;
    let mut bad = Vec::new();
    for path in corpus() {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("case")).expect("JSON");
        let Ok(req) = serde_json::from_value::<Request>(case["request"].clone()) else {
            continue;
        };
        if req.vehicle.is_some() && req.reason.is_some() {
            compared += 1;
        }
        bad.extend(compare(&engine, &req, &path.display().to_string()));
    }
    assert!(compared >= 40, "only {compared} carte-grise cases compared");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

const PLATES: [&str; 4] = ["AB-123-CD", "123 ABC 75", "AB 123 C", "WW-123-AB"];
const DATES: [&str; 8] = [
    "2009-04-15",
    "2011-06-30",
    "2014-01-01",
    "2016-05-01",
    "2019-12-31",
    "2020-06-01",
    "2021-01-01",
    "2026-03-01",
];
const CATEGORIES: [&str; 7] = [
    "car",
    "utility",
    "motorhome",
    "motorcycle",
    "motorcycle_le_125",
    "moped_le_50",
    "other",
];
const ENERGIES: [&str; 4] = ["petrol", "electric", "hydrogen", "hybrid"];
const DEPARTMENTS: [Option<&str>; 5] = [Some("29"), Some("75"), Some("2A"), Some("976"), None];

fn generated() -> Vec<Request> {
    let mut out = Vec::new();
    let mut n = 0usize;
    for date in DATES {
        for plate in PLATES {
            for category in CATEGORIES {
                for energy in ENERGIES {
                    n += 1;
                    let dept = DEPARTMENTS[n % DEPARTMENTS.len()];
                    let holder = dept.map_or(String::new(), |d| format!(r#""department":"{d}""#));
                    let json = format!(
                        r#"{{"procedure":"carte_grise_duplicata","date":"{date}","reason":"loss",
                        "holder":{{{holder}}},"change_of_address":{},"natural_disaster":{},
                        "vehicle":{{"plate":"{plate}","category":"{category}","energy":"{energy}"}}}}"#,
                        n % 3 == 0,
                        n % 7 == 0
                    );
                    out.push(duplicata_core::from_json(&json).expect("generated request"));
                }
            }
        }
    }
    out
}

#[test]
fn the_fast_path_agrees_with_evaluate_on_generated_requests() {
    let engine = Engine::embedded().expect("embedded parameters");
    let requests = generated();
    let bad: Vec<String> = requests
        .iter()
        .enumerate()
        .filter_map(|(i, r)| compare(&engine, r, &format!("generated #{i}")))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // A cyclomoteur number with a car category is refused by both paths, on the same field.
    let moped_car = requests
        .iter()
        .find(|r| {
            r.vehicle
                .as_ref()
                .is_some_and(|v| v.plate == "AB 123 C" && v.category == Category::Car)
        })
        .expect("a moped number with a car category");
    let e = engine.evaluate(moped_car).expect_err("refused");
    assert_eq!(
        (e.code(), e.field()),
        ("request.inconsistent", Some("vehicle.category"))
    );
}

#[test]
fn a_numbering_system_alone_gets_the_same_check() {
    let date = NaiveDate::from_ymd_opt(2016, 5, 1).expect("date");
    let e = FeeQuery::from_system(
        date,
        None,
        PlateSystem::Moped,
        Category::Car,
        Energy::Petrol,
    )
    .expect_err("a cyclomoteur system with a car category");
    assert_eq!(
        (e.code(), e.field()),
        ("request.inconsistent", Some("vehicle.category"))
    );
    let plate = parse_plate("AB-123-CD").expect("plate");
    let dept = Department::parse("29").ok();
    assert_eq!(
        FeeQuery::from_system(date, dept, PlateSystem::Siv, Category::Car, Energy::Petrol)
            .expect("query"),
        FeeQuery::new(date, dept, &plate, Category::Car, Energy::Petrol).expect("query")
    );
}

#[test]
fn equal_memo_keys_have_equal_fees() {
    let engine = Engine::embedded().expect("embedded parameters");
    let classes = DateClasses::new(engine.params());
    let mut seen: HashMap<u64, duplicata_core::FeeBreakdown> = HashMap::new();
    let mut hits = 0;
    for req in generated() {
        let v = req.vehicle.as_ref().expect("vehicle");
        let Ok((q, _)) = FeeQuery::from_fields(
            req.date,
            req.holder.department.as_deref(),
            &v.plate,
            v.category,
            v.energy,
        ) else {
            continue;
        };
        let base = q.with_events(req.change_of_address, req.natural_disaster);
        // Neighbouring days and departments: most share a class with the request's day.
        for (days, dept) in [
            (0, None),
            (1, None),
            (2, Some("22")),
            (10, Some("56")),
            (40, None),
        ] {
            let mut q = base;
            q.date = base.date + chrono::Days::new(days);
            if let Some(d) = dept {
                q.department = Department::parse(d).ok();
            }
            let Ok(fees) = engine.fees(&q) else { continue };
            match seen.get(&classes.key(&q)) {
                // Same key: same lines and total (only the date differs).
                Some(f) => {
                    hits += 1;
                    assert_eq!(
                        (f.lines, f.total, f.regime),
                        (fees.lines, fees.total, fees.regime),
                        "{q:?}"
                    );
                }
                None => {
                    seen.insert(classes.key(&q), fees);
                }
            }
        }
    }
    assert!(
        hits > 100,
        "only {hits} memo hits: the test would not catch a wrong key"
    );
}
