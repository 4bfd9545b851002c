//! Key names a scenario may bind a department to, and those kept for the facilitator (from the
//! input map, [`crate::keymap`]).

/// Keys a department may use, as written in a scenario (case does not matter for letters).
pub const PLAYABLE: [&str; 51] = [
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "Space",
    "Enter",
    "Left",
    "Right",
    "Up",
    "Down",
    "Comma",
    "Period",
    "Semicolon",
    "Slash",
    "Quote",
    "BracketLeft",
    "BracketRight",
    "Backslash",
    "Tab",
];

/// The canonical spelling of a playable key, or an error message.
pub fn canonical_key(text: &str) -> Result<&'static str, String> {
    let trimmed = text.trim();
    if let Some(k) = PLAYABLE.iter().find(|k| k.eq_ignore_ascii_case(trimmed)) {
        return Ok(k);
    }
    if let Some((k, control)) = crate::keymap::reserved_keys().find(|(k, _)| {
        k.scenario_name().eq_ignore_ascii_case(trimmed) || k.label().eq_ignore_ascii_case(trimmed)
    }) {
        return Err(format!(
            "key \"{}\" is kept for the facilitator ({}); choose another",
            k.scenario_name(),
            control.describe()
        ));
    }
    Err(format!(
        "unknown key \"{trimmed}\"{}; use a letter, a digit or one of Space, Enter, Left, Right, Up, Down, Comma, Period, Semicolon, Slash, Quote, BracketLeft, BracketRight, Backslash, Tab",
        super::suggest::hint(trimmed, PLAYABLE)
    ))
}
