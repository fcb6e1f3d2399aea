//! Criterion benchmarks of the hot paths: `evaluate`, fees only, plate parsing, rate lookup.
//! Run with `cargo bench -p duplicata-core`; the numbers go to BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use duplicata_core::DEFAULT_PARAMETERS;
use duplicata_core::{
    Category, Department, Energy, Engine, FeeQuery, ParameterSet, PlateSystem, Reason, Request,
    parse_plate,
};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn benches(c: &mut Criterion) {
    let engine = Engine::embedded().expect("engine");
    let request = Request::carte_grise(
        date("2019-06-01"),
        Reason::Loss,
        "33",
        "AB-123-CD",
        Category::Car,
        Energy::Petrol,
    );
    let json = r#"{"procedure":"carte_grise_duplicata","date":"2019-06-01","reason":"loss","holder":{"department":"33"},"vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}}"#;

    c.bench_function("evaluate (typed request)", |b| {
        b.iter(|| engine.evaluate(black_box(&request)).expect("decision"))
    });
    c.bench_function("evaluate_json + to_json", |b| {
        b.iter(|| {
            engine
                .evaluate_json(black_box(json))
                .expect("decision")
                .to_json()
        })
    });
    // A replay: the same request as the parameters were known before the 2026-12 research pass.
    let mut replayed = request.clone();
    replayed.as_known_on = Some(date("2026-11-30"));
    c.bench_function("evaluate as_known_on (typed request, replay)", |b| {
        b.iter(|| engine.evaluate(black_box(&replayed)).expect("decision"))
    });
    c.bench_function(
        "ParameterSet::from_toml (reference file and its earlier views)",
        |b| b.iter(|| ParameterSet::from_toml(black_box(DEFAULT_PARAMETERS)).expect("parameters")),
    );
    let gironde = Department::parse("33").expect("33");
    let query = FeeQuery {
        date: date("2019-06-01"),
        department: Some(gironde),
        plate: PlateSystem::Siv,
        category: Category::Car,
        energy: Energy::Petrol,
        change_of_address: false,
        natural_disaster: false,
    };
    c.bench_function("fees only (2019, regional rate)", |b| {
        b.iter(|| engine.fees(black_box(&query)).expect("fees"))
    });
    let q2023 = FeeQuery {
        date: date("2023-06-01"),
        ..query
    };
    c.bench_function("fees only (2023, taxe fixe)", |b| {
        b.iter(|| engine.fees(black_box(&q2023)).expect("fees"))
    });
    c.bench_function("fees with plate and department parsing", |b| {
        b.iter(|| {
            let plate = parse_plate(black_box("ab-123-cd")).expect("plate");
            let dept = Department::parse(black_box("33")).expect("dept");
            engine
                .fees(&FeeQuery {
                    plate: plate.system,
                    department: Some(dept),
                    ..query
                })
                .expect("fees")
        })
    });
    c.bench_function("parse_plate SIV", |b| {
        b.iter(|| parse_plate(black_box("AB-123-CD")).expect("plate"))
    });
    c.bench_function("parse_plate FNI", |b| {
        b.iter(|| parse_plate(black_box("1234 ABC 75")).expect("plate"))
    });
    c.bench_function("rate lookup", |b| {
        b.iter(|| {
            engine
                .rate(black_box(gironde), black_box(date("2019-06-01")))
                .expect("rate")
        })
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = benches
}
criterion_main!(engine);
