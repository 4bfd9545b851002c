//! Scientific pitch names ("C4", "F#4", "Bb3") to MIDI note numbers and frequencies.

use super::limits::PITCH_MIDI;

/// A pitch as a MIDI note number (60 = middle C = "C4").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Pitch(pub u8);

impl Pitch {
    /// Frequency in hertz (A4 = 440 Hz, equal temperament).
    pub fn hz(self) -> f64 {
        440.0 * 2f64.powf((f64::from(self.0) - 69.0) / 12.0)
    }
}

/// Parses a scientific pitch name: a letter A–G, any number of `#` or `b`, an octave 0–9.
pub(crate) fn parse_pitch(text: &str) -> Result<Pitch, String> {
    let bad = || {
        format!(
            "\"{text}\" is not a pitch; write a note letter, an optional # or b and an octave, like \"D4\", \"F#4\" or \"Bb3\""
        )
    };
    let mut chars = text.trim().chars().peekable();
    let letter = chars.next().ok_or_else(bad)?;
    let base = match letter.to_ascii_uppercase() {
        'C' => 0,
        'D' => 2,
        'E' => 4,
        'F' => 5,
        'G' => 7,
        'A' => 9,
        'B' => 11,
        _ => return Err(bad()),
    };
    let mut accidental = 0i32;
    while let Some(&c) = chars.peek() {
        match c {
            '#' | '♯' => accidental += 1,
            'b' | '♭' => accidental -= 1,
            _ => break,
        }
        chars.next();
    }
    let octave: String = chars.collect();
    if octave.len() != 1 || !octave.chars().all(|c| c.is_ascii_digit()) || accidental.abs() > 2 {
        return Err(bad());
    }
    let octave: i32 = octave.parse().map_err(|_| bad())?;
    let midi = (octave + 1) * 12 + base + accidental;
    if !(PITCH_MIDI.0..=PITCH_MIDI.1).contains(&midi) {
        return Err(format!(
            "pitch \"{text}\" is out of range; use pitches from C1 to C8"
        ));
    }
    Ok(Pitch(midi as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_midi() {
        assert_eq!(parse_pitch("C4"), Ok(Pitch(60)));
        assert_eq!(parse_pitch("F#4"), Ok(Pitch(66)));
        assert_eq!(parse_pitch("Bb3"), Ok(Pitch(58)));
        assert_eq!(parse_pitch("D5"), Ok(Pitch(74)));
        assert!((parse_pitch("A4").unwrap().hz() - 440.0).abs() < 1e-9);
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "H4", "C", "C44", "C#", "4C", "C-1", "C9"] {
            assert!(parse_pitch(bad).is_err(), "{bad}");
        }
    }
}
