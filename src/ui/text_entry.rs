//! A one-line text typed on screen (the group's agreement). While it is open it takes every key:
//! letters, digits, æøå and anything the keyboard layout types go into the line, Backspace
//! removes, Ctrl+V (or Shift+Insert) pastes, Enter keeps it and Esc leaves it as it was; no other
//! part of the game sees those keys, so no letter acts as a hotkey while a line is typed. A line
//! of a form ([`TextEntry::open_in_form`]) leaves Up, Down and Tab to the form, to move between
//! its fields.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

/// The line being typed, when one is open.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub(crate) struct TextEntry {
    open: bool,
    text: String,
    max_chars: usize,
    /// A field of a form: Up, Down and Tab are the form's.
    in_form: bool,
}

/// The keys a line of a form leaves to the form: they move between its fields.
const FORM_KEYS: [KeyCode; 3] = [KeyCode::ArrowUp, KeyCode::ArrowDown, KeyCode::Tab];

/// How the line was closed.
#[derive(Message, Debug, Clone, PartialEq)]
pub(crate) enum EntryClosed {
    /// Enter: the text as typed.
    Kept(String),
    /// Esc: nothing changes.
    Cancelled,
}

impl TextEntry {
    /// Opens the line with `text` in it, at most `max_chars` characters long.
    pub fn open(&mut self, text: &str, max_chars: usize) {
        *self = TextEntry {
            open: true,
            text: String::new(),
            max_chars,
            in_form: false,
        };
        self.insert(text);
    }

    /// Opens the line as a field of a form: as [`TextEntry::open`], but Up, Down and Tab are not
    /// typed and stay pressed for the form (the menu's Up and Down move its keyboard focus).
    pub fn open_in_form(&mut self, text: &str, max_chars: usize) {
        self.open(text, max_chars);
        self.in_form = true;
    }

    /// Whether a line is being typed.
    pub(crate) fn is_open(&self) -> bool {
        self.open
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Types `s` at the end: line breaks and other control characters become spaces, and what
    /// goes past the length limit is left out.
    pub fn insert(&mut self, s: &str) {
        let room = self.max_chars.saturating_sub(self.text.chars().count());
        let typed = crate::rounds::session::one_line(s).take(room);
        self.text.extend(typed);
    }

    /// Removes the last character.
    fn backspace(&mut self) {
        self.text.pop();
    }

    /// How many more characters fit.
    pub fn room(&self) -> usize {
        self.max_chars.saturating_sub(self.text.chars().count())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TextEntry>();
    app.add_message::<EntryClosed>();
    app.add_systems(
        PreUpdate,
        type_into_entry
            .after(bevy::input::InputSystems)
            .before(super::widgets::MenuSystems),
    );
}

/// Takes this frame's keys into the open line, and hides them from everyone else.
fn type_into_entry(
    mut entry: ResMut<TextEntry>,
    mut typed: MessageReader<KeyboardInput>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut typed_keys: ResMut<ButtonInput<Key>>,
    clipboard: Option<ResMut<bevy::clipboard::Clipboard>>,
    mut closed: MessageWriter<EntryClosed>,
) {
    if !entry.open {
        typed.clear();
        return;
    }
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    let mut paste = false;
    for k in typed.read().filter(|k| k.state == ButtonState::Pressed) {
        match (&k.logical_key, k.key_code) {
            (Key::Enter, _) | (_, KeyCode::Enter | KeyCode::NumpadEnter) => {
                entry.open = false;
                closed.write(EntryClosed::Kept(entry.text.clone()));
            }
            (Key::Escape, _) | (_, KeyCode::Escape) => {
                entry.open = false;
                closed.write(EntryClosed::Cancelled);
            }
            (Key::Backspace, _) | (_, KeyCode::Backspace) => entry.backspace(),
            (_, KeyCode::KeyV) if ctrl => paste = true,
            (_, KeyCode::Insert) if shift => paste = true,
            (_, key) if entry.in_form && FORM_KEYS.contains(&key) => {}
            _ if ctrl => {}
            _ => {
                if let Some(text) = &k.text {
                    entry.insert(text);
                }
            }
        }
        if !entry.open {
            break;
        }
    }
    if paste && let Some(mut clipboard) = clipboard {
        paste_into(&mut entry, &mut clipboard);
    }
    // Typing is not playing: no other system sees these keys go down (held modifiers stay held,
    // so Ctrl+V works), but for a form's own keys.
    let hidden: Vec<KeyCode> = keys
        .get_just_pressed()
        .filter(|k| !(entry.in_form && FORM_KEYS.contains(k)))
        .copied()
        .collect();
    for k in hidden {
        keys.clear_just_pressed(k);
    }
    let released: Vec<KeyCode> = keys.get_just_released().copied().collect();
    for k in released {
        keys.clear_just_released(k);
    }
    typed_keys.clear();
}

/// Pastes the clipboard's text, if it has any.
fn paste_into(entry: &mut TextEntry, clipboard: &mut bevy::clipboard::Clipboard) {
    if let bevy::clipboard::ClipboardRead::Ready(Ok(text)) = clipboard.fetch_text() {
        entry.insert(&text);
    } else {
        info!("nothing to paste: the clipboard holds no text");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_keeps_to_one_line_and_the_length_limit_and_counts_characters_not_bytes() {
        let mut e = TextEntry::default();
        e.open("Kundeservice ", 20);
        e.insert("ringer\naltid");
        assert_eq!(e.text(), "Kundeservice ringer ");
        assert_eq!(e.room(), 0, "twenty characters, however many bytes");
        e.backspace();
        e.insert("æøå");
        assert_eq!(e.text(), "Kundeservice ringeræ");
        assert!(e.is_open());
    }
}
