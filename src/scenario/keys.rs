//! Key names a scenario may bind a department to, and those kept for the facilitator.

/// Keys a department may use, as written in a scenario (case does not matter for letters).
pub const PLAYABLE: [&str; 47] = [
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "I",
    "J",
    "K",
    "L",
    "M",
    "O",
    "Q",
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

/// Keys the facilitator uses during play, with what they do.
pub const RESERVED: [(&str, &str); 7] = [
    ("P", "pause"),
    ("R", "restart"),
    ("N", "skip to the debrief"),
    ("H", "help"),
    ("Minus", "tempo down"),
    ("Equal", "tempo up"),
    ("Escape", "pause"),
];

/// The canonical spelling of a playable key, or an error message.
pub fn canonical_key(text: &str) -> Result<&'static str, String> {
    let trimmed = text.trim();
    if let Some(k) = PLAYABLE.iter().find(|k| k.eq_ignore_ascii_case(trimmed)) {
        return Ok(k);
    }
    if let Some((k, what)) = RESERVED
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(trimmed))
    {
        return Err(format!(
            "key \"{k}\" is kept for the facilitator ({what}); choose another"
        ));
    }
    Err(format!(
        "unknown key \"{trimmed}\"{}; use a letter, a digit or one of Space, Enter, Left, Right, Up, Down, Comma, Period, Semicolon, Slash, Quote, BracketLeft, BracketRight, Backslash, Tab",
        super::suggest::hint(trimmed, PLAYABLE)
    ))
}
