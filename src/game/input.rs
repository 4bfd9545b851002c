//! Keys to departments: each press is timestamped on the song clock and queued for the simulation.

use bevy::prelude::*;

use super::performance::Performance;
use crate::states::{AppSet, Screen};

/// The Bevy key of a scenario key name (see `scenario::keys`).
pub fn key_code(name: &str) -> Option<KeyCode> {
    let upper = name.to_ascii_uppercase();
    let code = match upper.as_str() {
        "SPACE" => KeyCode::Space,
        "ENTER" => KeyCode::Enter,
        "LEFT" => KeyCode::ArrowLeft,
        "RIGHT" => KeyCode::ArrowRight,
        "UP" => KeyCode::ArrowUp,
        "DOWN" => KeyCode::ArrowDown,
        "COMMA" => KeyCode::Comma,
        "PERIOD" => KeyCode::Period,
        "SEMICOLON" => KeyCode::Semicolon,
        "SLASH" => KeyCode::Slash,
        "QUOTE" => KeyCode::Quote,
        "BRACKETLEFT" => KeyCode::BracketLeft,
        "BRACKETRIGHT" => KeyCode::BracketRight,
        "BACKSLASH" => KeyCode::Backslash,
        "TAB" => KeyCode::Tab,
        _ => {
            let mut chars = upper.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            return letter_or_digit(c);
        }
    };
    Some(code)
}

/// Any key name a scenario may use, plus the facilitator's and menu keys (Escape, F1–F5, F11, Minus,
/// Equal), for `--press`.
pub fn any_key_code(name: &str) -> Option<KeyCode> {
    let upper = name.to_ascii_uppercase();
    let code = match upper.as_str() {
        "ESCAPE" | "ESC" => KeyCode::Escape,
        "MINUS" => KeyCode::Minus,
        "EQUAL" | "PLUS" => KeyCode::Equal,
        "F1" => KeyCode::F1,
        "F2" => KeyCode::F2,
        "F3" => KeyCode::F3,
        "F4" => KeyCode::F4,
        "F5" => KeyCode::F5,
        "F11" => KeyCode::F11,
        _ => return key_code(name),
    };
    Some(code)
}

fn letter_or_digit(c: char) -> Option<KeyCode> {
    const LETTERS: [KeyCode; 26] = [
        KeyCode::KeyA,
        KeyCode::KeyB,
        KeyCode::KeyC,
        KeyCode::KeyD,
        KeyCode::KeyE,
        KeyCode::KeyF,
        KeyCode::KeyG,
        KeyCode::KeyH,
        KeyCode::KeyI,
        KeyCode::KeyJ,
        KeyCode::KeyK,
        KeyCode::KeyL,
        KeyCode::KeyM,
        KeyCode::KeyN,
        KeyCode::KeyO,
        KeyCode::KeyP,
        KeyCode::KeyQ,
        KeyCode::KeyR,
        KeyCode::KeyS,
        KeyCode::KeyT,
        KeyCode::KeyU,
        KeyCode::KeyV,
        KeyCode::KeyW,
        KeyCode::KeyX,
        KeyCode::KeyY,
        KeyCode::KeyZ,
    ];
    const DIGITS: [KeyCode; 10] = [
        KeyCode::Digit0,
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ];
    match c {
        'A'..='Z' => Some(LETTERS[(c as u8 - b'A') as usize]),
        '0'..='9' => Some(DIGITS[(c as u8 - b'0') as usize]),
        _ => None,
    }
}

/// A department's key was pressed (played by a person), for the view's feedback.
#[derive(Message, Debug, Clone, Copy)]
pub struct KeyHit {
    pub dept: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<KeyHit>();
    app.add_systems(
        Update,
        record_presses
            .in_set(AppSet::RecordInput)
            .run_if(in_state(Screen::Playing)),
    );
}

/// Records this frame's presses of the people's keys at the song time, less the calibrated audio
/// offset (a player who hears the beat late presses late by that much).
fn record_presses(
    keys: Res<ButtonInput<KeyCode>>,
    perf: Option<ResMut<Performance>>,
    mut hits: MessageWriter<KeyHit>,
    settings: Option<Res<crate::settings::Settings>>,
) {
    let Some(mut perf) = perf else { return };
    let at = press_time(&perf, settings.as_deref());
    for dept in 0..perf.departments.len() {
        if !perf.is_human(dept) {
            continue;
        }
        if key_code(perf.departments[dept].key).is_some_and(|k| keys.just_pressed(k)) {
            perf.pending
                .push(crate::sim::Press::new(at, crate::scenario::DeptId(dept)));
            hits.write(KeyHit { dept });
        }
    }
}

/// The song time of a press made now: the song clock less the calibrated audio offset.
pub fn press_time(
    perf: &Performance,
    settings: Option<&crate::settings::Settings>,
) -> crate::sim::Beat {
    let offset_ms = settings.map_or(0.0, |s| f64::from(s.audio_offset_ms));
    let offset = perf.sim.tempo().beats(crate::sim::Millis(offset_ms));
    crate::sim::Beat((perf.beat - offset.0).max(perf.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_playable_key_has_a_bevy_key() {
        for k in crate::scenario::keys::PLAYABLE {
            assert!(key_code(k).is_some(), "{k}");
        }
        assert_eq!(key_code("a"), Some(KeyCode::KeyA));
    }
}
