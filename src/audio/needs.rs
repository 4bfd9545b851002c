//! The notes a SoundFont is asked to play ([`Needs`]): for each of the game's instruments, the
//! keys its notes may sound on. A scenario's needs ([`super::score::font_needs`]) decide what of a
//! SoundFont is kept in memory ([`super::soundfont::load`]).

use crate::scenario::{Instrument, Pitch};

/// A MIDI key: what a note of `pitch` presses (pitches above 127 press key 127).
pub(crate) fn key_of(pitch: Pitch) -> u8 {
    pitch.0.min(127)
}

/// The keys each instrument may play, one bit a key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Needs {
    keys: [u128; Instrument::ALL.len()],
}

/// Where `instrument` is kept in [`Needs::keys`].
fn slot(instrument: Instrument) -> usize {
    Instrument::ALL
        .iter()
        .position(|i| *i == instrument)
        .unwrap_or(0)
}

impl Needs {
    /// Every key of every instrument: the whole orchestra.
    pub fn every() -> Needs {
        Needs {
            keys: [u128::MAX; Instrument::ALL.len()],
        }
    }

    /// Adds a note of `instrument` at `pitch`.
    pub fn add(&mut self, instrument: Instrument, pitch: Pitch) {
        self.keys[slot(instrument)] |= 1u128 << key_of(pitch);
    }

    /// Whether a note of `instrument` at `pitch` is needed.
    pub fn plays(&self, instrument: Instrument, pitch: Pitch) -> bool {
        self.keys[slot(instrument)] & (1u128 << key_of(pitch)) != 0
    }

    /// The keys of `instrument`, one bit a key (bit 60 is middle C).
    pub fn keys(&self, instrument: Instrument) -> u128 {
        self.keys[slot(instrument)]
    }

    /// Whether every note `other` needs is needed here too.
    pub(crate) fn covers(&self, other: &Needs) -> bool {
        self.keys
            .iter()
            .zip(&other.keys)
            .all(|(mine, theirs)| theirs & !mine == 0)
    }

    /// The instruments with at least one key, in [`Instrument::ALL`]'s order.
    pub fn instruments(&self) -> impl Iterator<Item = Instrument> + '_ {
        Instrument::ALL.into_iter().filter(|i| self.keys(*i) != 0)
    }

    /// How many (instrument, key) notes are needed.
    pub fn notes(&self) -> u32 {
        self.keys.iter().map(|k| k.count_ones()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_kept_by_instrument_and_key() {
        let mut a = Needs::default();
        a.add(Instrument::Horn, Pitch(60));
        a.add(Instrument::Horn, Pitch(200));
        assert!(a.plays(Instrument::Horn, Pitch(60)) && a.plays(Instrument::Horn, Pitch(127)));
        assert!(!a.plays(Instrument::Piano, Pitch(60)));
        assert_eq!(a.notes(), 2);
        assert_eq!(a.instruments().collect::<Vec<_>>(), [Instrument::Horn]);
        let mut b = a.clone();
        b.add(Instrument::Piano, Pitch(61));
        assert!(b.covers(&a) && !a.covers(&b) && Needs::every().covers(&b));
    }
}
