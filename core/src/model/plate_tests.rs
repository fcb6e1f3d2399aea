//! Tests of the registration-number reader.

use super::*;

fn ok(input: &str) -> (PlateSystem, String, Option<String>) {
    let p = parse_plate(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    (
        p.system,
        p.normalized().to_owned(),
        p.department().map(str::to_owned),
    )
}

fn err(input: &str) -> &'static str {
    parse_plate(input)
        .map(|p| panic!("{input} parsed as {p:?}"))
        .unwrap_err()
        .code()
}

#[test]
fn reads_siv_in_any_typing() {
    for input in [
        "AB-123-CD",
        "ab123cd",
        "AB 123 CD",
        " ab-123 cd ",
        "Ab-123-cD",
    ] {
        assert_eq!(ok(input), (PlateSystem::Siv, "AB-123-CD".into(), None));
    }
}

#[test]
fn reads_fni_forms() {
    assert_eq!(
        ok("123 AB 45"),
        (PlateSystem::Fni, "123 AB 45".into(), Some("45".into()))
    );
    assert_eq!(
        ok("1234abc75"),
        (PlateSystem::Fni, "1234 ABC 75".into(), Some("75".into()))
    );
    assert_eq!(
        ok("12 A 2B"),
        (PlateSystem::Fni, "12 A 2B".into(), Some("2B".into()))
    );
    assert_eq!(
        ok("12a2a"),
        (PlateSystem::Fni, "12 A 2A".into(), Some("2A".into()))
    );
    assert_eq!(
        ok("123 AB 971"),
        (PlateSystem::Fni, "123 AB 971".into(), Some("971".into()))
    );
    assert_eq!(
        ok("123-AB-01"),
        (PlateSystem::Fni, "123 AB 01".into(), Some("01".into()))
    );
    assert_eq!(
        ok("123 AF13"),
        (PlateSystem::Fni, "123 AF 13".into(), Some("13".into()))
    );
    assert_eq!(
        ok("111 AAA 16"),
        (PlateSystem::Fni, "111 AAA 16".into(), Some("16".into()))
    );
    assert_eq!(
        ok("45 UA 75").0,
        PlateSystem::Fni,
        "U existed in FNI series before 1984"
    );
}

#[test]
fn reads_moped_ww_and_w_forms() {
    assert_eq!(ok("A 11 A"), (PlateSystem::Moped, "A 11 A".into(), None));
    assert_eq!(ok("ab123c"), (PlateSystem::Moped, "AB 123 C".into(), None));
    assert_eq!(ok("WW-123-AB"), (PlateSystem::Ww, "WW-123-AB".into(), None));
    assert_eq!(ok("123 WW 75").0, PlateSystem::Ww);
    assert_eq!(ok("W-123-AB"), (PlateSystem::W, "W-123-AB".into(), None));
    assert_eq!(
        ok("1234 W 75"),
        (PlateSystem::W, "1234 W 75".into(), Some("75".into()))
    );
}

#[test]
fn enforces_exclusions() {
    assert_eq!(err("AI-123-CD"), "plate.forbidden_letter");
    assert_eq!(err("AB-123-CO"), "plate.forbidden_letter");
    assert_eq!(err("UB-123-CD"), "plate.forbidden_letter");
    assert_eq!(err("SS-123-AB"), "plate.forbidden_series");
    assert_eq!(err("AB-123-SS"), "plate.forbidden_series");
    assert_eq!(err("AB-000-CD"), "plate.zero_number");
    assert_eq!(err("123 IO 45"), "plate.forbidden_letter");
    assert_eq!(err("123 SS 45"), "plate.forbidden_series");
    assert_eq!(err("0 AB 45"), "plate.zero_number");
    assert_eq!(err("123 AB 96"), "plate.invalid_department");
    assert_eq!(err("123 AB 00"), "plate.invalid_department");
    assert_eq!(err("123 AB 977"), "plate.invalid_department");
    assert_eq!(err("12345 AB 45"), "plate.invalid_format");
    assert_eq!(err("123 ABCD 45"), "plate.invalid_format");
    assert_eq!(err("ABC-123-DE"), "plate.invalid_format");
    assert_eq!(err("AB-1234-CD"), "plate.invalid_format");
    assert_eq!(err(""), "plate.empty");
    assert_eq!(err("   "), "plate.empty");
    assert_eq!(err("AB_123_CD"), "plate.invalid_character");
    assert_eq!(err("AB-123-CDÉ"), "plate.invalid_character");
    assert_eq!(err(&"A".repeat(33)), "plate.too_long");
    assert_eq!(
        err(&format!("AB-123-CD{}", " ".repeat(24))),
        "plate.too_long"
    );
    assert_eq!(err("AB\t123\tCD"), "plate.invalid_character");
    assert_eq!(err("AB-123-CD\n"), "plate.invalid_character");
    assert_eq!(err("\nAB-123-CD"), "plate.invalid_character");
    assert_eq!(err("AB-123\0-CD"), "plate.invalid_character");
    assert_eq!(err("A1B2C3D4E5F6"), "plate.invalid_format");
}

#[test]
fn french_messages_say_what_is_wrong() {
    let fr = |s: &str| parse_plate(s).expect_err(s).message_fr().to_owned();
    assert!(fr("1").contains("trop court"), "{}", fr("1"));
    assert!(fr("AB-12").contains("trop court"), "{}", fr("AB-12"));
    assert!(
        fr("AB-12-CD").contains("n'a la forme d'aucun"),
        "{}",
        fr("AB-12-CD")
    );
    assert!(
        fr("AI-12-C").contains("contient la lettre « I »"),
        "{}",
        fr("AI-12-C")
    );
    assert!(!fr("AI-12-C").contains("cyclomoteur"), "{}", fr("AI-12-C"));
    assert!(fr("AU-123-CD").contains("lettre V"), "{}", fr("AU-123-CD"));
    for s in [
        "",
        "AB*1",
        "123 AB 96",
        "SS-123-AB",
        "AB-000-CD",
        "A1B2C3D4E5F6",
    ] {
        assert!(!fr(s).contains('_'), "{}", fr(s));
    }
}

#[test]
fn errors_quote_the_input_in_both_languages() {
    let e = parse_plate("AI-123-CD").expect_err("forbidden letter");
    assert!(e.message_fr().contains("« I »"), "{}", e.message_fr());
    assert!(e.message_en().contains("'I'"), "{}", e.message_en());
    assert_eq!(e.kind(), ErrorKind::InvalidPlate);
}

#[test]
fn the_canonical_siv_form_reads_as_any_other_typing() {
    // `AB-123-CD` takes the direct path; the same letters and digits typed another way
    // (`AB 123-CD`) take the general one: same plate, or same error, message included.
    for (canonical, other) in [
        ("AB-123-CD", "AB 123-CD"),
        ("ww-456-xy", "ww 456-xy"),
        ("AI-123-CD", "AI 123-CD"),
        ("AB-123-CU", "AB 123-CU"),
        ("SS-123-AB", "SS 123-AB"),
        ("AB-123-SS", "AB 123-SS"),
        ("AB-000-CD", "AB 000-CD"),
    ] {
        let (a, b) = (parse_plate(canonical), parse_plate(other));
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{canonical}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code(), "{canonical}");
                assert_eq!(
                    a.message_en().replace(other, canonical),
                    b.message_en().replace(other, canonical),
                    "{canonical}"
                );
            }
            (a, b) => panic!("{canonical}: {a:?}, {other}: {b:?}"),
        }
    }
    // Not the canonical shape: the general path (a W garage number, a cyclomoteur number).
    assert_eq!(ok("W-123-AB").0, PlateSystem::W);
    assert_eq!(err("AB-12C-DE"), "plate.invalid_format");
}

#[test]
fn plate_system_checks_as_parse_plate() {
    for input in [
        "AB-123-CD",
        "WW-123-CD",
        "ab-123-cd",
        "AI-123-CD",
        "SS-123-AB",
        "AB-000-CD",
        "123 AB 45",
        "A 11 A",
        "W-123-AB",
        "",
        "AB-12C-DE",
        " AB-123-CD ",
    ] {
        match (plate_system(input), parse_plate(input)) {
            (Ok(s), Ok(p)) => assert_eq!(s, p.system, "{input}"),
            (Err(a), Err(b)) => assert_eq!(
                (a.code(), a.message_fr(), a.message_en()),
                (b.code(), b.message_fr(), b.message_en()),
                "{input}"
            ),
            (a, b) => panic!("{input}: {a:?} / {b:?}"),
        }
    }
}

#[test]
fn trim_is_str_trim() {
    for s in [
        "",
        " ",
        "a",
        " a",
        "a ",
        "AB-123-CD",
        "\tab\n",
        "\u{a0}AB\u{a0}",
        "\u{2003}33",
        "é",
        "-",
    ] {
        assert_eq!(trim(s), s.trim_matches(' '), "{s:?}");
    }
}

#[test]
fn system_names_are_the_contract_names() {
    let names: Vec<&str> = PlateSystem::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, ["siv", "fni", "moped", "ww", "w"]);
    for s in PlateSystem::ALL {
        assert_eq!(s.as_str(), s.code());
    }
}

#[test]
fn an_inline_string_keeps_what_fits_and_drops_the_rest() {
    // Never written past its buffer, never panics: a push beyond `N` is dropped.
    let mut s = InlineStr::<3>::new();
    for &b in b"ABCD" {
        s.push(b);
    }
    assert_eq!(s.as_str(), "ABC");
    let mut t = InlineStr::<4>::new();
    t.push_all(b"AB");
    t.push_all(b"CDE");
    assert_eq!(t.as_str(), "AB");
    t.push_all(b"CD");
    assert_eq!(t.as_str(), "ABCD");
    assert_eq!(
        InlineStr::<12>::joined(&[b"12", b"AB", b"75"], b' ').as_str(),
        "12 AB 75"
    );
}

#[test]
fn a_plate_debugs_as_its_text() {
    let p = parse_plate("ab 123 cd").expect("plate");
    let shown = format!("{p:?}");
    assert!(shown.contains("normalized: \"AB-123-CD\""), "{shown}");
    let fni = parse_plate("123 AB 75").expect("plate");
    assert!(
        format!("{fni:?}").contains("department: Some(\"75\")"),
        "{fni:?}"
    );
}

#[test]
fn the_length_limit_counts_the_input_as_given() {
    // 32 bytes, spaces around included, are read; 33 are refused, never cut.
    let at_limit = format!("{:<32}", "AB-123-CD");
    assert_eq!(at_limit.len(), MAX_INPUT_LEN);
    assert_eq!(ok(&at_limit).1, "AB-123-CD");
    let over = format!("{:<33}", "AB-123-CD");
    assert_eq!(err(&over), "plate.too_long");
    assert_eq!(plate_system(&at_limit).expect("read"), PlateSystem::Siv);
    assert_eq!(
        plate_system(&over).expect_err("too long").code(),
        "plate.too_long"
    );
}

/// The quick reading of canonical SIV numbers (`valid_canonical_siv`) gives what the general reader
/// gives, for every pair of letters around the forbidden and special ones (I, O, U, SS, WW) and
/// the numbers 000, 001 and 999: the same system, or the same error code.
#[test]
fn canonical_siv_numbers_read_quickly_as_the_general_reader_reads_them() {
    let letters = [
        b'A', b'H', b'I', b'O', b'S', b'U', b'W', b'Z', b'a', b'0', b'[',
    ];
    let mut checked = 0;
    for l1 in letters {
        for l2 in letters {
            for digits in ["000", "001", "999", "0a1"] {
                for r in ["AA", "SS", "WW", "IZ", "ZU", "SA"] {
                    let s = format!("{}{}-{digits}-{r}", char::from(l1), char::from(l2));
                    let general = parse_plate(&s).map(|p| p.system).map_err(|e| e.code());
                    let quick = plate_system(&s).map_err(|e| e.code());
                    assert_eq!(quick, general, "{s}");
                    checked += usize::from(quick.is_ok());
                }
            }
        }
    }
    // Some of them are valid (the quick path is taken), most are not.
    assert!(checked > 50, "{checked}");
}
