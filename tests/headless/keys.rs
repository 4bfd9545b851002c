//! One input map: the help overlay, the briefing's and lobby's key lines, the key table in
//! docs/playing.md and the scenario validator's reserved keys all say what the map says, no more
//! and no less.

use std::collections::BTreeSet;

use tutti::keymap::{self, Context, Key};
use tutti::screens::help::{help_text, key_line};
use tutti::ui::i18n::Texts;

/// The keys of the map named in `text` (by their on-screen labels).
fn keys_named(text: &str) -> BTreeSet<&'static str> {
    // Longer labels first, so "Num −" is not also read as "−".
    let mut labels: Vec<&'static str> = Key::ALL.iter().map(|k| k.label()).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut rest = text.to_owned();
    let mut found = BTreeSet::new();
    for label in labels {
        let spaced = |s: &str| format!(" {s} ");
        let padded = format!(" {} ", rest.replace(['·', '(', ')', '/', '\n'], " "));
        if padded.contains(&spaced(label)) {
            found.insert(label);
            rest = padded.replace(&spaced(label), "  ");
        }
    }
    found
}

/// The keys the map binds in `context` (gamepad-only controls have none).
fn keys_bound(context: Context) -> BTreeSet<&'static str> {
    keymap::bindings_in(context)
        .flat_map(|b| b.keys.iter().map(|k| k.label()))
        .collect()
}

#[test]
fn the_help_overlay_and_the_briefing_list_exactly_the_keys_of_the_piece() {
    for lang in [tutti::settings::Lang::En, tutti::settings::Lang::Da] {
        let texts = Texts(tutti::texts::Texts::in_lang(lang));
        assert_eq!(
            keys_named(&help_text(&texts, Context::Play)),
            keys_bound(Context::Play)
        );
        assert_eq!(
            keys_named(&help_text(&texts, Context::Pause)),
            keys_bound(Context::Pause)
        );
        assert_eq!(
            keys_named(&key_line(&texts, Context::Play)),
            keys_bound(Context::Play)
        );
        assert_eq!(
            keys_named(&key_line(&texts, Context::Pause)),
            keys_bound(Context::Pause)
        );
        assert_eq!(
            keys_named(&key_line(&texts, Context::Lobby)),
            keys_bound(Context::Lobby)
        );
    }
}

#[test]
fn the_key_table_in_the_docs_is_the_map() {
    let doc = std::fs::read_to_string("docs/playing.md").expect("docs/playing.md is there");
    let table = keymap::markdown_table();
    assert!(
        doc.contains(&table),
        "the key table in docs/playing.md differs from the input map; paste this one:\n\n{table}"
    );
}

#[test]
fn the_validator_keeps_exactly_the_facilitators_keys_and_frees_every_letter_and_digit() {
    use tutti::scenario::keys::canonical_key;
    let mut seen = Vec::new();
    for (key, control) in keymap::reserved_keys() {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let err = canonical_key(key.scenario_name()).expect_err(key.scenario_name());
        assert!(
            err.contains(&format!(
                "kept for the facilitator ({})",
                control.describe()
            )),
            "{err}"
        );
    }
    assert!(seen.contains(&Key::Escape) && seen.contains(&Key::F8));
    for c in ('A'..='Z').chain('0'..='9') {
        let name = c.to_string();
        assert_eq!(canonical_key(&name), Ok(name.as_str()), "{c} is free");
    }
    // Keys departments could always use stay usable.
    for name in [
        "Space", "Enter", "Left", "Right", "Up", "Down", "Tab", "Comma",
    ] {
        assert!(canonical_key(name).is_ok(), "{name}");
    }
}

#[test]
fn a_sixteen_department_file_on_the_letter_rows_passes_check() {
    let keys = "QWERTYUIASDFGHJK";
    let departments: String = keys
        .chars()
        .enumerate()
        .map(|(i, k)| format!("Department(id: \"d{i}\", key: \"{k}\"),\n"))
        .collect();
    let src = format!(
        "Scenario(title: \"sixteen\", tempo_bpm: 90, departments: [{departments}], \
         cases: [Case(id: \"c\", steps: [Note(by: \"d0\"), Note(by: \"d15\")])])"
    );
    let dir = std::env::temp_dir().join(format!("tutti-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sixteen.ron");
    std::fs::write(&file, src).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = tutti::headless::check(&[&file], &mut out, &mut err);
    let said = String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err);
    assert_eq!(code, std::process::ExitCode::SUCCESS, "{said}");
    assert!(said.contains(": ok"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_departments_can_swap_keys_and_a_clashing_override_is_left_out() {
    let text = std::fs::read_to_string("levels/00-mandag-i-kundeservice.da.ron").unwrap();
    let s = tutti::scenario::load_str("00.ron", &text).unwrap();
    let keys = |s: &tutti::scenario::Scenario| -> Vec<&str> {
        s.departments.iter().map(|d| d.key).collect()
    };
    assert_eq!(keys(&s), ["A", "S", "D", "F"]);
    let o = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    let swapped = s.with_key_overrides(&o(&[("service", "S"), ("billing", "A")]));
    assert_eq!(keys(&swapped), ["S", "A", "D", "F"], "a swap");
    let clash = s.with_key_overrides(&o(&[("service", "D"), ("sales", "Q")]));
    assert_eq!(
        keys(&clash),
        ["A", "S", "D", "Q"],
        "D is IT's: service keeps A"
    );
}

/// Presses a key as a Danish keyboard sends it: the physical key and the character it types.
fn press_typed(app: &mut bevy::prelude::App, code: bevy::prelude::KeyCode, typed: &str) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: Key::Character(typed.into()),
            state,
            text: (state == ButtonState::Pressed).then(|| typed.into()),
            repeat: false,
            window: bevy::prelude::Entity::PLACEHOLDER,
        });
        app.update();
    }
}

/// A department on `Ø` (as a Danish facilitator writes it) is seated and played by the key that
/// types ø, wherever it sits on the keyboard; its key cap reads Ø.
#[test]
fn a_danish_letter_is_a_department_key_matched_on_the_character_typed() {
    use bevy::prelude::KeyCode;
    let dir = std::env::temp_dir().join(format!("tutti-danish-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ø.ron");
    let text = std::fs::read_to_string("levels/01-own-part.en.ron").unwrap();
    std::fs::write(&file, text.replacen("key: \"A\"", "key: \"ø\"", 1)).unwrap();
    let (code, out, _) = super::cli::tutti(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");

    let mut app = super::app::app(file.to_str().unwrap(), false, 5);
    press_typed(&mut app, KeyCode::Semicolon, "ø");
    assert_eq!(super::app::seated(&app), [true], "ø took the seat");
    super::app::press(&mut app, KeyCode::Enter);
    super::app::press(&mut app, KeyCode::Enter);
    assert!(super::app::run_until(
        &mut app,
        3_000,
        |a| super::app::screen(a) == tutti::states::Screen::Playing
    ));
    press_typed(&mut app, KeyCode::Semicolon, "Ø");
    let perf = app
        .world()
        .resource::<tutti::game::performance::Performance>();
    assert!(
        perf.events().iter().any(|e| matches!(
            e.kind,
            tutti::sim::EventKind::Stray { .. } | tutti::sim::EventKind::Played { .. }
        )),
        "the press reached the simulation"
    );
    assert_eq!(perf.department(tutti::scenario::DeptId(0)).key, "Ø");
    let _ = std::fs::remove_dir_all(&dir);
}
