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
    assert!(e.message.contains("did you mean `tempo_bpm`?"), "{e}");
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
        "arrivals: Random(per_bar: 0.4, from_bar: 2, until_bar: 32),",
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
    let src = example_with("per_bar: 0.4", "per_bar: 6");
    let e = only_error(&src);
    assert_eq!(e.field.as_deref(), Some("arrivals.per_bar"));
    assert!(e.message.contains("from 0 to 4"), "{e}");
}

/// The example with two decimal commas on one line, a third elsewhere and two curly-quoted texts.
fn example_with_five_typos() -> String {
    let src = example_with(
        "timing: Timing(perfect_ms: 45, good_ms: 90, ok_ms: 150)",
        "timing: Timing(perfect_ms: 45,5, good_ms: 90,5, ok_ms: 150)",
    );
    let src = src.replacen("wait_drain: 0.5", "wait_drain: 0,5", 1);
    let src = src.replacen(
        r#"title: "Mandag i kundeservice""#,
        "title: „Mandag i kundeservice“",
        1,
    );
    src.replacen(r#"name: "Økonomi""#, "name: “Økonomi”", 1)
}

#[test]
fn every_decimal_comma_and_curly_quote_is_reported_in_one_check_run() {
    let src = example_with_five_typos();
    let path = std::env::temp_dir().join(format!("tutti-typos-{}.ron", std::process::id()));
    std::fs::write(&path, &src).unwrap();
    let file = path.display().to_string();
    let (code, out, err) = crate::cli::tutti(&["check", &file]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 1, "{out}");
    let quotes = "write straight quotes \"…\" around text, not";
    let comma = "numbers use a decimal point, whatever the language: write";
    let expected = [
        (
            5,
            12,
            format!("title: {quotes} „…“ (a word processor put them in)"),
        ),
        (
            18,
            41,
            format!("departments[1].name: {quotes} “…” (a word processor put them in)"),
        ),
        (66, 21, format!("audience.wait_drain: {comma} 0.5, not 0,5")),
        (69, 32, format!("timing.perfect_ms: {comma} 45.5, not 45,5")),
        (69, 47, format!("timing.good_ms: {comma} 90.5, not 90,5")),
    ];
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, (l, c, message)) in lines.iter().zip(&expected) {
        assert_eq!(*line, format!("{file}:{l}:{c}: {message}"));
    }
    // The positions are where the mistakes are written.
    for (needle, (l, c, _)) in ["„Mandag", "“Økonomi”", "0,5", "45,5", "90,5"]
        .iter()
        .zip(&expected)
    {
        assert_eq!(pos(&src, needle), LineCol { line: *l, col: *c });
    }
}

#[test]
fn other_mistakes_are_reported_with_the_typos_not_instead_of_them() {
    let src = example_with_five_typos().replacen(r#"by: "billing""#, r#"by: "biling""#, 1);
    let errors = load_str("bad.ron", &src).unwrap_err().0;
    assert_eq!(errors.len(), 6, "{errors:#?}");
    let e = errors
        .iter()
        .find(|e| e.message.contains("unknown department \"biling\""))
        .expect("the meaning error is reported too");
    assert_eq!(e.at, Some(pos(&src, "\"biling\"")));
    let lines: Vec<usize> = errors.iter().map(|e| e.at.unwrap().line).collect();
    assert!(lines.is_sorted(), "in the order of the file: {lines:?}");
}

#[test]
fn a_decimal_comma_in_a_whole_number_is_reported_once() {
    let src = example_with("length_bars: 40", "length_bars: 40,5");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "40,5")));
    assert!(e.message.contains("write 40.5, not 40,5"), "{e}");
}

#[test]
fn curly_quotes_inside_a_straight_quoted_label_are_text() {
    let src = example_with(
        r#"label: "Ring kunden op""#,
        r#"label: "»Ring« kunden „op“ ‘nu’""#,
    );
    let s = load_str("quotes.ron", &src).expect("curly quotes in a string are fine");
    let labels: Vec<&str> = s
        .cases
        .iter()
        .flat_map(|c| c.steps.iter().filter_map(|st| st.label.as_deref()))
        .collect();
    assert!(labels.contains(&"»Ring« kunden „op“ ‘nu’"), "{labels:?}");
}

#[test]
fn stray_curly_quotes_give_a_message_not_a_panic() {
    for src in [
        "“",
        "”",
        "Scenario(title: “x",
        "Scenario(title: \"x”\n",
        "Scenario(title: «",
        "Scenario(tempo_bpm: 9,",
        "“\"",
    ] {
        let errors = load_str("junk.ron", src).expect_err(src).0;
        assert!(
            errors
                .iter()
                .all(|e| e.at.is_some() && !e.message.is_empty()),
            "{errors:?}"
        );
    }
    let e = &load_str("junk.ron", "“").unwrap_err().0[0];
    assert!(e.message.contains("write straight quotes"), "{e}");
}

#[test]
fn the_campaign_levels_and_the_example_pass_check_without_a_word() {
    let mut files: Vec<String> = std::fs::read_dir("levels")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".ron"))
        .collect();
    let shared = "../shared/examples/scenario-example.ron";
    if std::path::Path::new(shared).exists() {
        files.push(shared.to_owned());
    }
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = crate::cli::tutti(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    // A line each, but for the teaching warnings `rooms.rs` keeps a list of.
    let lines = out
        .lines()
        .filter(|l| crate::rooms::teaching_kind(l).is_none())
        .count();
    assert_eq!(lines, files.len(), "{out}");
}

/// A misspelt field in `from` → `to` of the example: the message.
fn misspelt(from: &str, to: &str) -> ScenarioError {
    let e = only_error(&example_with(from, to));
    for internal in [
        "BarRange",
        "ScriptedArrival",
        "File",
        "StepFile",
        "Arrivals",
        "Step",
    ] {
        assert!(!e.message.contains(internal), "{internal}: {e}");
    }
    e
}

#[test]
fn a_misspelt_field_anywhere_names_the_fields_there_and_the_nearest() {
    let e = misspelt("busy: [(from_bar: 16", "busy: [(from: 16");
    assert!(
        e.message.ends_with(
            "unknown field `from`; did you mean `from_bar`? The fields here are `from_bar`, `until_bar`"
        ),
        "{e}"
    );
    assert_eq!(e.field.as_deref(), Some("colleagues[0].busy[0].from"));
    for (from, to, found, meant, a_field_there) in [
        (
            "tempo_bpm: 96",
            "tempo: 96",
            "tempo",
            "tempo_bpm",
            "`debrief`",
        ),
        (
            r#"(id: "sales""#,
            r#"(ident: "sales""#,
            "ident",
            "id",
            "`shape`",
        ),
        ("weight: 3,", "wieght: 3,", "wieght", "weight", "`steps`"),
        (
            r#"Note(by: "it""#,
            r#"Note(bye: "it""#,
            "bye",
            "by",
            "`label`",
        ),
        ("Gap(pitch", "Gap(pich", "pich", "pitch", "`between`"),
        (
            "wait_drain: 0.5",
            "wait_drian: 0.5",
            "wait_drian",
            "wait_drain",
            "`start`",
        ),
        (
            "ok_ms: 150",
            "okay_ms: 150",
            "okay_ms",
            "ok_ms",
            "`perfect_ms`",
        ),
        ("skill: 0.95", "skil: 0.95", "skil", "skill", "`follow_up`"),
        (
            "per_bar: 0.4",
            "per_bars: 0.4",
            "per_bars",
            "per_bar",
            "`until_bar`",
        ),
    ] {
        let e = misspelt(from, to);
        assert!(
            e.message.starts_with(&format!(
                "unknown field `{found}`; did you mean `{meant}`? The fields here are "
            )),
            "{e}"
        );
        assert!(e.message.contains(a_field_there), "{e}");
    }
    let src = example_with(
        "arrivals: Random(per_bar: 0.4, from_bar: 2, until_bar: 32)",
        r#"arrivals: Scripted([(bar: 2, cse: "bill")])"#,
    );
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "cse")));
    assert!(
        e.message
            .ends_with("did you mean `case`? The fields here are `bar`, `case`"),
        "{e}"
    );
}

#[test]
fn a_broken_goal_or_an_unknown_reach_is_an_error_at_its_place() {
    let src = example_with("AudienceAbove(60)", "AudienceAbove(160)");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "AudienceAbove(160)")));
    assert_eq!(e.field.as_deref(), Some("goals[1]"));
    assert!(e.message.contains("160 is out of range"), "{e}");

    let src = example_with("goals: [NoUnanswered,", "goals: [NoUnanswerd,");
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "NoUnanswerd")));
    assert!(e.message.contains("NoUnanswered"), "names the goals: {e}");

    let src = example_with("goals: [NoUnanswered,", "goals: [Takes(0), Takes(3),");
    let errors = load_str("bad.ron", &src).expect_err("refused").0;
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("expected notes from 1")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("the same kind of goal as goals[0]"))
    );

    let src = example_with(
        r#"instrument: Violin, key: "A")"#,
        r#"instrument: Violin, key: "A", reach: Everywhere)"#,
    );
    let e = only_error(&src);
    assert_eq!(e.at, Some(pos(&src, "Everywhere")));
    assert!(
        e.message.contains("Anywhere") && e.message.contains("Neighbours"),
        "{e}"
    );
}

#[test]
fn a_file_saved_with_a_byte_order_mark_loads() {
    // Windows Notepad's "UTF-8 with BOM": the file begins with EF BB BF, here before a comment.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(EXAMPLE.as_bytes());
    let s = load_bytes("notepad.ron", &bytes).expect("a BOM is no error");
    assert_eq!(s.title, load_str("plain.ron", EXAMPLE).unwrap().title);
    // And straight before `Scenario(`, with no comment first.
    let bare = &EXAMPLE[EXAMPLE.find("Scenario(").unwrap()..];
    assert!(load_str("bare.ron", &format!("\u{feff}{bare}")).is_ok());
    // An error after it is placed where an editor shows it: the BOM takes no column.
    let bad = format!("\u{feff}{}", bare.replacen("Scenario(", "Scenaro(", 1));
    let e = only_error(&bad);
    assert_eq!(e.at.map(|a| (a.line, a.col)), Some((1, 1)), "{e}");
}

/// Where an error points, as (line, column).
fn place(e: &ScenarioError) -> (usize, usize) {
    e.at.map(|a| (a.line, a.col)).expect("a place in the file")
}

#[test]
fn a_missing_bracket_says_which_and_where_its_list_opened() {
    let src = example_with(
        "label: \"Ring kunden op\"),\n            ],\n",
        "label: \"Ring kunden op\"),\n",
    );
    let e = only_error(&src);
    let steps = pos(&src, "steps: [");
    assert_eq!(
        e.message,
        format!(
            "missing `]` before this `)`: the list `steps: [` opened at {}:{} is not closed",
            steps.line,
            steps.col + "steps: ".len()
        )
    );
    // It points at the `)` that came instead: the end of the first case.
    assert_eq!(place(&e), (steps.line + 5, 9), "{e}");
    // A `Note(` left open says so too.
    let src = example_with(
        "Note(by: \"it\", pitch: \"A4\"),",
        "Note(by: \"it\", pitch: \"A4\",",
    );
    let e = only_error(&src);
    assert!(
        e.message
            .starts_with("missing `)` before this `]`: `Note(` opened at"),
        "{e}"
    );
}

#[test]
fn a_missing_closing_quote_points_at_where_the_text_began() {
    let src = example_with("label: \"Ring kunden op\"", "label: \"Ring kunden op");
    let e = only_error(&src);
    let text = pos(&src, "\"Ring kunden op");
    assert_eq!(place(&e), (text.line, text.col), "{e}");
    assert!(e.message.contains("no closing `\"`"), "{e}");
}

#[test]
fn a_missing_comma_points_at_the_end_of_the_line_that_needs_it() {
    let src = example_with("tempo_bpm: 96,", "tempo_bpm: 96");
    let e = only_error(&src);
    let at = pos(&src, "tempo_bpm: 96");
    assert_eq!(place(&e), (at.line, at.col + "tempo_bpm: 96".len()), "{e}");
    assert_eq!(e.message, "missing `,` at the end of this line");
}

#[test]
fn a_huge_number_gives_the_fields_range() {
    let e = only_error(&example_with(
        "tempo_bpm: 96,",
        "beats_per_bar: 99999999999999999999999,\n    tempo_bpm: 96,",
    ));
    assert!(e.message.contains("from 1 to 16"), "{e}");
}

#[test]
fn a_reserved_key_typed_as_itself_names_what_it_is_kept_for() {
    for (typed, kept) in [("-", "tempo down"), ("+", "tempo up")] {
        let e = only_error(&example_with("key: \"A\"", &format!("key: \"{typed}\"")));
        assert!(
            e.message.contains("is kept for the facilitator"),
            "{typed}: {e}"
        );
        assert!(e.message.contains(kept), "{typed}: {e}");
        assert!(!e.message.contains("did you mean"), "{typed}: {e}");
    }
}
