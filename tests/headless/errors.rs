//! Every class of bad file gets a clear `FILE:LINE:COL: message`, never a panic.

use tutti::scenario::{LineCol, ScenarioError, load_bytes, load_str};

const EXAMPLE: &str = include_str!("../../levels/00-mandag-i-kundeservice.da.ron");

/// Line and column of the first occurrence of `needle` in `src`.
fn pos(src: &str, needle: &str) -> LineCol {
    let i = src
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let before = &src[..i];
    LineCol {
        line: before.matches('\n').count() + 1,
        col: before.rsplit('\n').next().unwrap().chars().count() + 1,
    }
}

/// The example with one piece of text replaced.
fn example_with(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "{from}");
    EXAMPLE.replacen(from, to, 1)
}

fn only_error(src: &str) -> ScenarioError {
    let errors = load_str("bad.ron", src).expect_err("should be refused").0;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn a_misspelt_field_is_an_error_that_suggests_the_right_name() {
    let src = example_with("tempo_bpm: 96", "tempo_bmp: 96");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "tempo_bmp")));
    assert!(e.message.contains("unknown field `tempo_bmp`"), "{e}");
    assert!(e.message.contains("did you mean \"tempo_bpm\""), "{e}");
    assert!(e.to_string().starts_with(&format!(
        "bad.ron:{}:{}: ",
        e.at.unwrap().line,
        e.at.unwrap().col
    )));
}

#[test]
fn an_unknown_department_lists_the_known_ones_and_the_near_miss() {
    let src = example_with(
        r#"Note(by: "billing", pitch: "F#4""#,
        r#"Note(by: "biling", pitch: "F#4""#,
    );
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, r#""biling""#)));
    assert_eq!(e.field.as_deref(), Some("cases[0].steps[1].by"));
    assert!(e.message.contains(r#"did you mean "billing"?"#), "{e}");
    assert!(
        e.message.contains(r#""service", "billing", "it", "sales""#),
        "{e}"
    );
}

#[test]
fn an_unknown_case_in_scripted_arrivals_is_named() {
    let src = example_with(
        "arrivals: Random(per_bar: 0.5, from_bar: 2, until_bar: 32),",
        r#"arrivals: Scripted([(bar: 2, case: "bill"), (bar: 5, case: "ordre")]),"#,
    );
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, r#""ordre""#)));
    assert!(e.message.contains(r#"did you mean "order"?"#), "{e}");
}

#[test]
fn a_misspelt_instrument_suggests_the_instrument() {
    let src = example_with("instrument: Cello", "instrument: Chello");
    let e = only_error(&src);
    assert_eq!(e.at.unwrap().line, pos(&src, "Chello").line);
    assert!(e.message.contains("did you mean \"Cello\""), "{e}");
}

#[test]
fn a_missing_required_field_is_named() {
    let src = example_with("    title: \"Mandag i kundeservice\",\n", "");
    let e = only_error(&src);
    assert!(e.message.contains("missing field `title`"), "{e}");
    assert!(e.at.is_some());
}

#[test]
fn an_empty_file_says_how_a_scenario_starts() {
    for src in ["", "   \n// only a comment\n"] {
        let e = only_error(src);
        assert!(e.message.contains("the file is empty"), "{e}");
        assert!(e.at.is_some());
    }
}

#[test]
fn a_half_written_file_says_it_ends_too_early() {
    let cut = EXAMPLE.find("cases: [").unwrap() + 200;
    let src = &EXAMPLE[..cut];
    let e = only_error(src);
    assert!(
        e.message.contains("ends too early") || e.message.contains("never closed"),
        "{e}"
    );
    let at = e.at.unwrap();
    assert_eq!(
        at.line,
        src.matches('\n').count() + 1,
        "points at the end: {e}"
    );
}

#[test]
fn binary_junk_is_refused_as_not_text() {
    let bytes = [
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe,
    ];
    let e = load_bytes("picture.ron", &bytes).unwrap_err();
    assert!(e.to_string().starts_with("picture.ron:1:"), "{e}");
    assert!(e.0[0].message.contains("not a text file"), "{e}");
}

#[test]
fn a_decimal_comma_is_explained() {
    let src = example_with("wait_drain: 0.5", "wait_drain: 0,5");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "0,5")));
    assert_eq!(e.field.as_deref(), Some("audience.wait_drain"));
    assert!(
        e.message.contains("decimal point") && e.message.contains("write 0.5"),
        "{e}"
    );
}

#[test]
fn absurd_numbers_are_out_of_range_not_a_crash() {
    let src = example_with("tempo_bpm: 96", "tempo_bpm: 1e300");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "1e300")));
    assert!(
        e.message.contains("out of range") && e.message.contains("30 to 300"),
        "{e}"
    );

    let src = example_with("length_bars: 40", "length_bars: 99999999999999");
    let e = only_error(&src);
    assert_eq!(e.at.unwrap().line, pos(&src, "99999999999999").line);
    assert!(
        e.message.contains("too large") || e.message.contains("out of range"),
        "{e}"
    );

    let src = example_with("tempo_bpm: 96", "tempo_bpm: NaN");
    let e = only_error(&src);
    assert!(e.message.contains("out of range"), "{e}");

    let src = example_with("skill: 0.95", "skill: -3");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "-3")));
    assert!(e.message.contains("from 0 to 1"), "{e}");
}

#[test]
fn a_wrong_kind_of_value_says_what_the_field_expects() {
    let src = example_with("tempo_bpm: 96", "tempo_bpm: \"fast\"");
    let e = only_error(&src);
    assert_eq!(e.at.unwrap().line, pos(&src, "\"fast\"").line);
    assert_eq!(e.field.as_deref(), Some("tempo_bpm"));
    assert!(e.message.contains("beats per minute"), "{e}");
}

#[test]
fn deep_nesting_is_refused_at_the_first_unexpected_bracket() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let src = example_with("debrief: [", &format!("debrief: [{deep}, "));
    let e = only_error(&src);
    assert_eq!(e.at.unwrap().line, pos(&src, "[[[[").line);
    assert_eq!(e.field.as_deref(), Some("debrief[0]"));
    assert!(e.message.contains("expected text in double quotes"), "{e}");
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_parsing() {
    let src = format!("{EXAMPLE}\n//{}", "x".repeat(1024 * 1024));
    let e = only_error(&src);
    assert!(e.message.contains("larger than 1024 KiB"), "{e}");
}

#[test]
fn limits_on_counts_are_enforced() {
    let depts: String = (0..17)
        .map(|i| format!("Department(id: \"d{i}\"),"))
        .collect();
    let src = format!(
        "Scenario(title: \"x\", tempo_bpm: 90, departments: [{depts}], cases: [Case(id: \"c\", steps: [Note(by: \"d0\")])])"
    );
    let errors = load_str("many.ron", &src).unwrap_err();
    assert!(
        errors
            .to_string()
            .contains("17 departments; a scenario may have 1 to 16"),
        "{errors}"
    );
    let steps = "Note(by: \"service\"),".repeat(33);
    let src = example_with(
        "steps: [\n                Note(by: \"sales\"",
        &format!("steps: [{steps}\n                Note(by: \"sales\""),
    );
    let e = only_error(&src);
    assert!(
        e.message.contains("36 steps; a case has 1 to 32 steps"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_reserved_keys_and_bad_colours_are_all_reported_together() {
    let src = example_with(
        r#"Department(id: "sales", name: "Salg", instrument: Flute, key: "F")"#,
        r#"Department(id: "it", name: "Salg", instrument: Flute, key: "Escape", color: "blue")"#,
    );
    let errors = load_str("dup.ron", &src).unwrap_err().0;
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 4, "{text:#?}"); // id, key, colour, and the note by the old "sales"
    assert!(
        text.iter()
            .any(|t| t.contains("department id \"it\" is used twice"))
    );
    assert!(
        text.iter()
            .any(|t| t.contains("kept for the facilitator (pause)"))
    );
    assert!(text.iter().any(|t| t.contains("\"blue\" is not a colour")));
    assert!(
        text.iter()
            .any(|t| t.contains("unknown department \"sales\""))
    );
}

#[test]
fn a_pitch_that_is_not_a_pitch_is_explained() {
    let src = example_with(r#"pitch: "F#4", beats: 2"#, r#"pitch: "Fis4", beats: 2"#);
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "\"Fis4\"")));
    assert!(e.message.contains("like \"D4\""), "{e}");
}

#[test]
fn a_default_key_never_clashes_with_a_written_one() {
    let src = r#"Scenario(title: "x", tempo_bpm: 90,
        departments: [Department(id: "first"), Department(id: "second", key: "A")],
        cases: [Case(id: "c", steps: [Note(by: "first")])])"#;
    let s = load_str("keys.ron", src).unwrap();
    let keys: Vec<&str> = s.departments.iter().map(|d| d.key).collect();
    assert_eq!(
        keys,
        ["S", "A"],
        "the first department skips the A the second one wrote"
    );
}

#[test]
fn more_random_arrivals_than_beats_in_a_bar_are_refused() {
    let src = example_with("per_bar: 0.5", "per_bar: 6");
    let e = only_error(&src);
    assert_eq!(e.field.as_deref(), Some("arrivals.per_bar"));
    assert!(e.message.contains("from 0 to 4"), "{e}");
}
