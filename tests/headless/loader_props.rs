//! Property tests of the loader: random and mutated scenario texts never panic and every error
//! points into the file. 10,000 cases each in the normal run; set PROPTEST_CASES for a longer one
//! (see docs/scenarios.md), and TUTTI_PROPTEST_SEED for another fixed seed.

use proptest::prelude::*;
use tutti::scenario::{load_bytes, load_str};

const EXAMPLE: &str = include_str!("../../levels/00-mandag-i-kundeservice.da.ron");

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000);
    // A fixed seed keeps the normal run repeatable; set TUTTI_PROPTEST_SEED to explore others.
    let seed = std::env::var("TUTTI_PROPTEST_SEED")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2026);
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every error names a line and column inside the text (or just past its end).
fn assert_points_inside(
    src: &str,
    result: Result<tutti::scenario::Scenario, tutti::scenario::ScenarioErrors>,
) {
    if let Err(errors) = result {
        let lines = src.split('\n').count();
        for e in &errors.0 {
            let at = e.at.expect("an error in the text has a position");
            assert!(
                at.line >= 1 && at.line <= lines,
                "line {} of {lines}: {e}",
                at.line
            );
            assert!(at.col >= 1, "{e}");
            assert!(!e.message.is_empty());
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "0,5",
        "-1",
        "1e400",
        "NaN",
        "inf",
        "99999999999999999999",
        "Some(",
        "r#\"",
        "/*",
        "//",
        "Note(",
        "Gap(",
        "by: \"x\"",
        "é",
        "\u{0}",
        "((((((((((",
        "tempo_bmp: 1",
    ]);
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), tokens).prop_map(|(a, t)| Edit::Insert(a, t.to_owned())),
        (any::<usize>(), any::<char>()).prop_map(|(a, c)| Edit::Replace(a, c)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 1..200usize).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ]
}

fn apply(src: &str, edits: &[Edit]) -> String {
    let mut s = src.to_owned();
    let boundary = |s: &str, i: usize| {
        let mut i = if s.is_empty() { 0 } else { i % (s.len() + 1) };
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for e in edits {
        match e {
            Edit::Delete(a, n) => {
                let a = boundary(&s, *a);
                let b = boundary(&s, (a + n).min(s.len()));
                s.replace_range(a..b.max(a), "");
            }
            Edit::Insert(a, t) => {
                let a = boundary(&s, *a);
                s.insert_str(a, t);
            }
            Edit::Replace(a, c) => {
                let a = boundary(&s, *a);
                if let Some(old) = s[a..].chars().next() {
                    s.replace_range(a..a + old.len_utf8(), &c.to_string());
                }
            }
            Edit::Truncate(a) => {
                let a = boundary(&s, *a);
                s.truncate(a);
            }
            Edit::Duplicate(a, n) => {
                let a = boundary(&s, *a);
                let b = boundary(&s, (a + n).min(s.len()));
                let piece = s[a..b.max(a)].to_owned();
                s.insert_str(a, &piece);
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_examples_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let src = apply(EXAMPLE, &edits);
        assert_points_inside(&src, load_str("mutated.ron", &src));
    }

    #[test]
    fn random_text_never_panics(src in "\\PC{0,300}") {
        assert_points_inside(&src, load_str("random.ron", &src));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = load_bytes("junk.ron", &bytes);
    }
}
