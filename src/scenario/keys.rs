//! Key names a scenario may bind a department to, and those kept for the facilitator (from the
//! input map, [`crate::keymap`]).

/// Keys a department may use, as written in a scenario (case does not matter for letters).
pub(crate) const PLAYABLE: [&str; 51] = [
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

/// The canonical spelling of a playable key, or an error message. Besides `PLAYABLE`, any
/// single letter of another alphabet (`Æ`, `Ø`, `Å`, `Ä`, `É`, …) is a key, matched on the
/// character the keyboard types, whatever the case; it is kept in upper case.
pub fn canonical_key(text: &str) -> Result<&'static str, String> {
    let trimmed = text.trim();
    if let Some(k) = PLAYABLE.iter().find(|k| k.eq_ignore_ascii_case(trimmed)) {
        return Ok(k);
    }
    if let Some(letter) = other_letter(trimmed) {
        return Ok(letter);
    }
    // A typed hyphen is the minus key the help writes as "−".
    let same = |name: &str| {
        name.replace('−', "-")
            .eq_ignore_ascii_case(&trimmed.replace('−', "-"))
    };
    if let Some((k, control)) = crate::keymap::reserved_keys().find(|(k, _)| {
        same(k.scenario_name())
            || same(k.label())
            || k == &crate::keymap::Key::Equal && trimmed == "="
    }) {
        return Err(format!(
            "key \"{}\" is kept for the facilitator ({}); choose another",
            k.scenario_name(),
            control.describe()
        ));
    }
    Err(format!(
        "unknown key \"{trimmed}\"{}; use a letter (Æ, Ø and Å too), a digit or one of Space, Enter, Left, Right, Up, Down, Comma, Period, Semicolon, Slash, Quote, BracketLeft, BracketRight, Backslash, Tab",
        super::suggest::hint(trimmed, PLAYABLE)
    ))
}

/// A single letter outside A–Z (`ø` → `Ø`), as a key name; `None` for anything else.
fn other_letter(text: &str) -> Option<&'static str> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if !c.is_alphabetic() || c.is_ascii() {
        return None;
    }
    // One letter each way (not ß → SS, not ı → I), so the key types what it is named.
    let mut upper = c.to_uppercase();
    let (Some(u), None) = (upper.next(), upper.next()) else {
        return None;
    };
    let mut lower = u.to_lowercase();
    if u.is_ascii() || (lower.next(), lower.next()) != (Some(c.to_lowercase().next()?), None) {
        return None;
    }
    Some(intern(u.to_string()))
}

/// The one `&'static str` of a key name: each distinct letter is kept once for the life of the
/// program (there are few), so departments can hold their key like the others.
fn intern(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(n) = names.iter().find(|n| **n == name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.push(leaked);
    leaked
}

/// How a key shows on its key cap: a letter or digit as itself, a named key as a short symbol.
pub(crate) fn cap_label(name: &str) -> &str {
    match name {
        "Space" => "␣",
        "Enter" => "⏎",
        "Left" => "←",
        "Right" => "→",
        "Up" => "↑",
        "Down" => "↓",
        "Comma" => ",",
        "Period" => ".",
        "Semicolon" => ";",
        "Slash" => "/",
        "Quote" => "'",
        "BracketLeft" => "[",
        "BracketRight" => "]",
        "Backslash" => "\\",
        "Tab" => "⇥",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_are_keys_in_either_case_and_named_keys_show_a_symbol() {
        assert_eq!(canonical_key("ø"), Ok("Ø"));
        assert_eq!(canonical_key("Æ"), Ok("Æ"));
        assert!(std::ptr::eq(
            canonical_key("å").unwrap(),
            canonical_key("Å").unwrap()
        ));
        assert!(canonical_key("øø").is_err());
        assert!(canonical_key("€").is_err(), "a letter, not any character");
        assert!(canonical_key("ß").is_err(), "ß has no one-letter capital");
        assert!(canonical_key("ı").is_err(), "dotless i would be the I key");
        assert_eq!(cap_label("Quote"), "'");
        assert_eq!(cap_label("Space"), "␣");
        assert_eq!(cap_label("Ø"), "Ø");
    }
}
