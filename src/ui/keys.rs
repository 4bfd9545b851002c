//! Keys and gamepad buttons as Bevy sees them: the key map's keys ([`crate::keymap`]) and the
//! scenario's department keys turned into Bevy's, and whether they were pressed.

use bevy::prelude::*;

use crate::keymap::{self, Context, Control, Key, PadButton};

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

/// Department keys as pressed this frame: by physical key for A–Z, digits and named keys, by the
/// character typed for letters of other alphabets (Æ, Ø, Å, …), whatever the case.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct DeptKeys<'w> {
    codes: Res<'w, ButtonInput<KeyCode>>,
    typed: Res<'w, ButtonInput<bevy::input::keyboard::Key>>,
}

impl DeptKeys<'_> {
    /// Whether the key named `name` (a scenario's key) went down this frame. A key that types a
    /// letter of another alphabet (ø on a Danish keyboard sits where Quote is elsewhere) counts as
    /// that letter only, never as the physical key it sits on.
    pub(crate) fn just_pressed(&self, name: &str) -> bool {
        if let Some(code) = key_code(name) {
            return self.codes.just_pressed(code) && self.other_letter().is_none();
        }
        let wanted = name.to_lowercase();
        self.typed.get_just_pressed().any(|k| match k {
            bevy::input::keyboard::Key::Character(c) => c.to_lowercase() == wanted,
            _ => false,
        })
    }

    /// Whether any key went down this frame.
    pub(crate) fn any_just_pressed(&self) -> bool {
        self.codes.get_just_pressed().next().is_some()
            || self.typed.get_just_pressed().next().is_some()
    }

    /// A letter of another alphabet typed this frame, as a key name (`Ø`).
    pub(crate) fn other_letter(&self) -> Option<&'static str> {
        self.typed.get_just_pressed().find_map(|k| match k {
            bevy::input::keyboard::Key::Character(c) => crate::scenario::keys::canonical_key(c)
                .ok()
                .filter(|name| key_code(name).is_none()),
            _ => None,
        })
    }
}

/// Any key name a scenario may use, plus the keys of the map (Escape, F1, Minus, …), for `--press`.
pub fn any_key_code(name: &str) -> Option<KeyCode> {
    let wanted = name.trim();
    let map_key = keymap::Key::ALL.iter().find(|k| {
        k.scenario_name().eq_ignore_ascii_case(wanted) || k.label().eq_ignore_ascii_case(wanted)
    });
    match (map_key, wanted.to_ascii_uppercase().as_str()) {
        (Some(k), _) => Some(code_of(*k)),
        (None, "ESC") => Some(KeyCode::Escape),
        (None, "PLUS") => Some(KeyCode::Equal),
        _ => key_code(wanted),
    }
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

/// The Bevy key of a key of the [`keymap`].
pub(crate) fn code_of(key: Key) -> KeyCode {
    match key {
        Key::Escape => KeyCode::Escape,
        Key::F1 => KeyCode::F1,
        Key::F2 => KeyCode::F2,
        Key::F3 => KeyCode::F3,
        Key::F4 => KeyCode::F4,
        Key::F5 => KeyCode::F5,
        Key::F8 => KeyCode::F8,
        Key::F9 => KeyCode::F9,
        Key::F10 => KeyCode::F10,
        Key::F11 => KeyCode::F11,
        Key::Minus => KeyCode::Minus,
        Key::Equal => KeyCode::Equal,
        Key::NumpadSubtract => KeyCode::NumpadSubtract,
        Key::NumpadAdd => KeyCode::NumpadAdd,
        Key::Up => KeyCode::ArrowUp,
        Key::Down => KeyCode::ArrowDown,
        Key::Enter => KeyCode::Enter,
        Key::Space => KeyCode::Space,
        Key::E => KeyCode::KeyE,
    }
}

/// The Bevy button of a gamepad button of the [`keymap`].
fn button_of(button: PadButton) -> GamepadButton {
    match button {
        PadButton::South => GamepadButton::South,
        PadButton::East => GamepadButton::East,
        PadButton::West => GamepadButton::West,
        PadButton::North => GamepadButton::North,
        PadButton::LeftTrigger => GamepadButton::LeftTrigger,
        PadButton::RightTrigger => GamepadButton::RightTrigger,
    }
}

/// Whether a key of `control` (as bound in `context`) went down this frame.
pub fn pressed(keys: &ButtonInput<KeyCode>, control: Control, context: Context) -> bool {
    keymap::binding(control, context)
        .is_some_and(|b| b.keys.iter().any(|k| keys.just_pressed(code_of(*k))))
}

/// Whether a key of `control` (as bound in `context`) is held down.
pub fn held(keys: &ButtonInput<KeyCode>, control: Control, context: Context) -> bool {
    keymap::binding(control, context)
        .is_some_and(|b| b.keys.iter().any(|k| keys.pressed(code_of(*k))))
}

/// Whether a button of `control` (as bound in `context`) went down on `pad` this frame.
pub(crate) fn pad_pressed(pad: &Gamepad, control: Control, context: Context) -> bool {
    keymap::binding(control, context)
        .is_some_and(|b| b.buttons.iter().any(|k| pad.just_pressed(button_of(*k))))
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
