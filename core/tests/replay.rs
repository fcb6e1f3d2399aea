//! Parameters as known on a past day: the file's own history (`known_from`, `known_until`), the
//! replay of a request (`as_known_on`), the comparison of two files and a zone's history.

use chrono::NaiveDate;
use duplicata_core::DEFAULT_PARAMETERS;
use duplicata_core::diff::{ChangeKind, ParamDiff};
use duplicata_core::{Category, Energy, Engine, ParameterSet, Reason, Request};

/// The reference file of the previous release (0.1.0), before the research pass of 2026-12.
const PREVIOUS: &str = include_str!("../../tests/fixtures/params-0.1.0.toml");

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn embedded() -> ParameterSet {
    ParameterSet::embedded().expect("embedded parameters")
}

fn previous() -> ParameterSet {
    ParameterSet::from_toml(PREVIOUS).expect("the previous release's file")
}

/// The differences without the lines of the entries (they move between files).
fn places(d: &ParamDiff) -> Vec<String> {
    d.changes
        .iter()
        .map(|c| {
            let v = |x: &Option<duplicata_core::diff::DiffValue>| {
                x.as_ref().map(|v| {
                    format!(
                        "{:?} {:?} {:?} {} {:?}",
                        v.value, v.unknown, v.confidence, v.source, v.note
                    )
                })
            };
            format!(
                "{} {:?} {} {} {:?} {:?} {:?}",
                c.kind.as_str(),
                c.zone,
                c.series,
                c.from,
                c.to,
                v(&c.old),
                v(&c.new)
            )
        })
        .collect()
}

#[test]
fn the_file_knows_what_it_knew_before_the_research_pass() {
    let p = embedded();
    assert_eq!(p.known_since(), Some(day("2026-11-22")));
    assert_eq!(
        p.knowledge_days(),
        vec![day("2026-11-22"), day("2026-12-01")]
    );
    // As known on the eve of the correction, the file is exactly the previous release's.
    let before = p.as_known_on(day("2026-11-30")).expect("known then");
    let diff = before.diff(&previous());
    assert!(diff.is_empty(), "{:#?}", places(&diff));
    // From the day of the correction on, it is the file as it stands.
    for d in ["2026-12-01", "2027-06-30"] {
        let now = p.as_known_on(day(d)).expect("known");
        assert!(std::ptr::eq(now, &p), "{d}");
    }
    assert!(p.as_known_on(day("2026-11-22")).is_ok());
    let e = p
        .as_known_on(day("2026-11-21"))
        .expect_err("before the file");
    assert_eq!(
        (e.code(), e.field()),
        ("request.date_out_of_range", Some("as_known_on"))
    );
}

#[test]
fn the_diff_from_the_previous_release_lists_exactly_the_recorded_corrections() {
    let p = embedded();
    let from_release = previous().diff(&p);
    let recorded = p.as_known_on(day("2026-11-30")).expect("known").diff(&p);
    assert!(!from_release.is_empty());
    assert_eq!(places(&from_release), places(&recorded));
    let has =
        |kind: ChangeKind, zone: &str, series: &str, from: &str, to: Option<&str>, value: &str| {
            from_release.changes.iter().any(|c| {
                c.kind == kind
                    && c.zone.as_deref() == Some(zone)
                    && c.series == series
                    && c.from == day(from)
                    && c.to == to.map(day)
                    && match kind {
                        ChangeKind::Removed => c.old.as_ref(),
                        _ => c.new.as_ref(),
                    }
                    .and_then(|v| v.value.as_deref())
                        == Some(value)
            })
        };
    // PACA: 59 € from 2025-01-01 instead of 2025-02-01.
    assert!(has(
        ChangeKind::Removed,
        "PAC",
        "rates",
        "2011-01-01",
        Some("2025-01-31"),
        "51.20"
    ));
    assert!(has(
        ChangeKind::Added,
        "PAC",
        "rates",
        "2025-01-01",
        Some("2025-01-31"),
        "59.00"
    ));
    assert!(has(
        ChangeKind::Changed,
        "PAC",
        "rates",
        "2025-02-01",
        Some("2025-12-31"),
        "59.00"
    ));
    // Grand Est: 48 € from 2022-02-01 instead of 2022-01-01.
    assert!(has(
        ChangeKind::Removed,
        "GES",
        "rates",
        "2022-01-01",
        Some("2025-01-31"),
        "48.00"
    ));
    assert!(has(
        ChangeKind::Added,
        "GES",
        "rates",
        "2022-01-01",
        Some("2022-01-31"),
        "42.00"
    ));
    // Midi-Pyrénées: 44 € from 2016-08-01.
    assert!(has(
        ChangeKind::Added,
        "MIDI_PYRENEES",
        "rates",
        "2016-08-01",
        Some("2016-12-31"),
        "44.00"
    ));
    // Normandie: the former regions kept their own zones through 2016.
    assert!(
        from_release
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Changed
                && c.zone.as_deref() == Some("NOR")
                && c.series == "zone")
    );
    // Sources are given on both sides.
    let changed = from_release
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Changed && c.zone.as_deref() == Some("PAC"))
        .expect("a changed PACA rate");
    assert_eq!(
        changed.old.as_ref().map(|v| v.source.as_str()),
        Some("PRESS-PACA-2025")
    );
    assert!(
        changed
            .new
            .as_ref()
            .is_some_and(|v| v.source.contains("VARACTU-2024"))
    );
    // A file compared with itself has no difference.
    assert!(p.diff(&p).is_empty());
}

fn midi_pyrenees(as_known_on: Option<&str>) -> Request {
    let mut r = Request::carte_grise(
        day("2016-09-15"),
        Reason::Loss,
        "31",
        "AB-123-CD",
        Category::Car,
        Energy::Petrol,
    );
    r.as_known_on = as_known_on.map(day);
    r
}

#[test]
fn a_replay_gives_the_answer_of_the_day_and_records_it() {
    let engine = Engine::embedded().expect("engine");
    let now = engine.evaluate(&midi_pyrenees(None)).expect("decision");
    let then = engine
        .evaluate(&midi_pyrenees(Some("2026-11-30")))
        .expect("decision");
    assert_eq!(now.total().map(|m| m.to_string()).as_deref(), Some("50.76"));
    assert_eq!(
        then.total().map(|m| m.to_string()).as_deref(),
        Some("40.76")
    );
    assert_eq!(then.as_known_on, Some(day("2026-11-30")));
    assert_eq!(now.as_known_on, None);
    let (a, b) = (now.to_json(), then.to_json());
    assert!(!a.contains("as_known_on"));
    assert!(b.ends_with(",\"as_known_on\":\"2026-11-30\"}}"), "{b}");
    // The writer and serde agree on the replayed decision too.
    let serde: serde_json::Value = serde_json::to_value(&then).expect("serde");
    assert_eq!(
        serde,
        serde_json::from_str::<serde_json::Value>(&b).expect("json")
    );
    // Replaying with the previous release's file gives the same fees as the replay.
    let old = Engine::from_toml(PREVIOUS).expect("previous engine");
    let old_decision = old.evaluate(&midi_pyrenees(None)).expect("decision");
    assert_eq!(old_decision.fees, then.fees);
    // As known on the day of the correction or later: today's answer.
    let today = engine
        .evaluate(&midi_pyrenees(Some("2026-12-01")))
        .expect("decision");
    assert_eq!(today.fees, now.fees);
    let without = |s: String| s.replace(",\"as_known_on\":\"2026-12-01\"", "");
    assert_eq!(without(today.to_json()), a);
}

#[test]
fn the_rate_lookup_replays_too() {
    let engine = Engine::embedded().expect("engine");
    let paca = duplicata_core::Department::parse("13").expect("13");
    let now = engine.rate(paca, day("2025-01-15")).expect("rate");
    let then = engine
        .as_known_on(day("2026-11-30"))
        .expect("known")
        .rate(paca, day("2025-01-15"))
        .expect("rate");
    let show = |r: &duplicata_core::RateAnswer| serde_json::to_value(r).expect("json");
    assert_eq!(show(&now)["rate"], "59.00", "{}", show(&now));
    assert_eq!(show(&then)["rate"], "51.20", "{}", show(&then));
}

#[test]
fn the_history_of_a_zone_shows_its_corrections() {
    let h = embedded().history("PAC").expect("PAC");
    let find = |from: &str, to: Option<&str>, value: &str, corrected: bool| {
        h.iter().find(|e| {
            e.series == "rates"
                && e.from == day(from)
                && e.to == to.map(day)
                && e.value.as_deref() == Some(value)
                && e.known_until.is_some() == corrected
        })
    };
    let old =
        find("2025-02-01", Some("2025-12-31"), "59.00", true).expect("the 2025-02-01 reading");
    assert_eq!(old.known_from, Some(day("2026-11-22")));
    assert_eq!(old.known_until, Some(day("2026-12-01")));
    assert_eq!(old.last_known_day(), Some(day("2026-11-30")));
    let new =
        find("2025-01-01", Some("2025-01-31"), "59.00", false).expect("the 2025-01-01 reading");
    assert_eq!(new.known_from, Some(day("2026-12-01")));
    // An entry never corrected appears once, known since the file's publication.
    let kept: Vec<_> = h
        .iter()
        .filter(|e| e.series == "rates" && e.from == day("2009-01-01"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].known_from, Some(day("2026-11-22")));
    assert_eq!(kept[0].known_until, None);
    assert!(embedded().history("NOWHERE").is_none());
}

/// The embedded file with one text replaced (which must be there).
fn edited(from: &str, to: &str) -> String {
    assert!(DEFAULT_PARAMETERS.contains(from), "{from}");
    DEFAULT_PARAMETERS.replacen(from, to, 1)
}

#[test]
fn the_second_time_axis_is_checked_like_the_first() {
    // The superseded PACA rate dropped: as known before the correction, 2011–2024 has no rate.
    let line = "  { from = 2011-01-01, to = 2025-01-31, per_cv = \"51.20\"";
    let start = DEFAULT_PARAMETERS
        .find(line)
        .expect("the superseded PACA rate");
    let end = start + DEFAULT_PARAMETERS[start..].find('\n').expect("end of line") + 1;
    let text = format!(
        "{}{}",
        &DEFAULT_PARAMETERS[..start],
        &DEFAULT_PARAMETERS[end..]
    );
    let e = ParameterSet::from_toml(&text).expect_err("a hole as known on 2026-11-22");
    assert!(
        e.problems().iter().any(|p| p.code == "params.gap"
            && p.path.contains("PAC")
            && p.message_en.starts_with("as known on 2026-11-22: ")
            && p.message_fr.starts_with("connu le 2026-11-22 : ")),
        "{:#?}",
        e.problems()
    );
    // A corrected value left without its known_until: two rates at once now.
    let text = edited(
        "note = \"59 € on 2025-01-01 or 2025-02-01: the later date is taken\", known_until = 2026-12-01 }",
        "note = \"59 € on 2025-01-01 or 2025-02-01: the later date is taken\" }",
    );
    let e = ParameterSet::from_toml(&text).expect_err("an overlap now");
    assert!(
        e.problems()
            .iter()
            .any(|p| p.code == "params.overlap" && p.path.contains("PAC")),
        "{:#?}",
        e.problems()
    );
    // A value known until a day before it was known.
    let text = edited("known_until = 2026-12-01 }", "known_until = 2026-11-01 }");
    let e = ParameterSet::from_toml(&text).expect_err("an empty interval");
    assert!(
        e.problems().iter().any(
            |p| p.code == "params.unordered" && p.message_en.contains("known until 2026-11-01")
        ),
        "{:#?}",
        e.problems()
    );
    // A known_from that is not a date.
    let text = edited("known_from = 2026-12-01 }", "known_from = \"soon\" }");
    assert!(ParameterSet::from_toml(&text).is_err());
    // A problem every view shares is reported once.
    let text = edited("per_cv = \"44.50\"", "per_cv = \"44.505\"");
    let e = ParameterSet::from_toml(&text).expect_err("a bad amount");
    let bad: Vec<_> = e
        .problems()
        .iter()
        .filter(|p| p.message_en.contains("44.505"))
        .collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
}

#[test]
fn a_file_without_history_answers_as_known_from_its_publication() {
    let p = previous();
    assert_eq!(p.known_since(), Some(day("2026-11-22")));
    assert!(p.knowledge_days().is_empty());
    assert!(std::ptr::eq(
        p.as_known_on(day("2026-11-30")).expect("known"),
        &p
    ));
    assert!(p.as_known_on(day("2026-01-01")).is_err());
}
