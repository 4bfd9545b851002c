//! The one input map: every action of the game bound to its keys and gamepad buttons, by screen.
//!
//! The game's input ([`crate::game::input`]) reads keys through it; the help overlay, the
//! briefing's key line, docs/playing.md's key table and the scenario validator's reserved keys are
//! made from it. A leaf: it knows nothing of the game engine, so the scenario format can use it too.
//!
//! The facilitator's keys sit off the letters and digits (Esc, the F-keys, − and +), so that every
//! letter and digit can be a department's key.

/// A key, by the name a facilitator knows it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// The Escape key.
    Escape,
    /// Function key F1.
    F1,
    /// Function key F2.
    F2,
    /// Function key F3.
    F3,
    /// Function key F4.
    F4,
    /// Function key F5.
    F5,
    /// Function key F8.
    F8,
    /// Function key F9.
    F9,
    /// Function key F10.
    F10,
    /// Function key F11.
    F11,
    /// The minus key of the main keyboard.
    Minus,
    /// The equals (plus) key of the main keyboard.
    Equal,
    /// The numeric keypad's minus.
    NumpadSubtract,
    /// The numeric keypad's plus.
    NumpadAdd,
    /// The up arrow.
    Up,
    /// The down arrow.
    Down,
    /// The Enter key.
    Enter,
    /// The space bar.
    Space,
    /// The letter E (the debrief only, where no department plays).
    E,
}

impl Key {
    /// Every key of the map.
    pub const ALL: [Key; 19] = [
        Key::Escape,
        Key::F1,
        Key::F2,
        Key::F3,
        Key::F4,
        Key::F5,
        Key::F8,
        Key::F9,
        Key::F10,
        Key::F11,
        Key::Minus,
        Key::Equal,
        Key::NumpadSubtract,
        Key::NumpadAdd,
        Key::Up,
        Key::Down,
        Key::Enter,
        Key::Space,
        Key::E,
    ];

    /// The name shown on screen and written in the key table of docs/playing.md.
    pub fn label(self) -> &'static str {
        match self {
            Key::Escape => "Esc",
            Key::F1 => "F1",
            Key::F2 => "F2",
            Key::F3 => "F3",
            Key::F4 => "F4",
            Key::F5 => "F5",
            Key::F8 => "F8",
            Key::F9 => "F9",
            Key::F10 => "F10",
            Key::F11 => "F11",
            Key::Minus => "−",
            Key::Equal => "+",
            Key::NumpadSubtract => "Num −",
            Key::NumpadAdd => "Num +",
            Key::Up => "↑",
            Key::Down => "↓",
            Key::Enter => "Enter",
            Key::Space => "Space",
            Key::E => "E",
        }
    }

    /// The name a scenario file would use for this key (`key: "Escape"`), if it could name it.
    pub fn scenario_name(self) -> &'static str {
        match self {
            Key::Escape => "Escape",
            Key::Minus => "Minus",
            Key::Equal => "Equal",
            Key::NumpadSubtract => "NumpadSubtract",
            Key::NumpadAdd => "NumpadAdd",
            Key::Up => "Up",
            Key::Down => "Down",
            other => other.label(),
        }
    }
}

/// A gamepad button (Bevy's names; South is A on Xbox pads, Cross on PlayStation pads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PadButton {
    /// The bottom face button.
    South,
    /// The right face button.
    East,
    /// The left face button.
    West,
    /// The top face button.
    North,
    /// The left trigger.
    LeftTrigger,
    /// The right trigger.
    RightTrigger,
}

/// Where an action can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Every screen.
    Anywhere,
    /// Menus: title, level select, settings, the pause menu, the debrief.
    Menu,
    /// The lobby, where department keys take seats.
    Lobby,
    /// The count-in and the piece, where department keys play.
    Play,
    /// The pause overlay.
    Pause,
    /// The debrief.
    Debrief,
    /// The audio offset calibration.
    Calibration,
}

/// Everything a person can ask of the game with a key or a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Control {
    /// Menu: up.
    MenuUp,
    /// Menu: down.
    MenuDown,
    /// Menu: choose.
    MenuChoose,
    /// Back to the screen before.
    Back,
    /// Fullscreen on or off.
    Fullscreen,
    /// A seated pad plays its department's note.
    PadPlay,
    /// A pad takes the next free seat, or leaves its seat.
    PadSeat,
    /// Tempo down.
    TempoDown,
    /// Tempo up.
    TempoUp,
    /// The next difficulty.
    Difficulty,
    /// Change the selected seat's key.
    RemapKey,
    /// The practice loop on or off.
    PracticeLoop,
    /// The practice loop's length.
    LoopLength,
    /// Pause the piece.
    Pause,
    /// Resume the piece.
    Resume,
    /// The help overlay.
    Help,
    /// Restart the piece (press twice or hold).
    Restart,
    /// Skip to the debrief (press twice or hold).
    SkipToDebrief,
    /// Leave to the levels (press twice or hold).
    Leave,
    /// Export the results.
    Export,
    /// Tap along with the beat (calibration).
    Tap,
}

impl Control {
    /// The text key of what it does (in the UI's Fluent files).
    pub fn text_key(self) -> &'static str {
        match self {
            Control::MenuUp | Control::MenuDown => "control-menu-move",
            Control::MenuChoose => "control-menu-choose",
            Control::Back => "control-back",
            Control::Fullscreen => "control-fullscreen",
            Control::PadPlay => "control-pad-play",
            Control::PadSeat => "control-pad-seat",
            Control::TempoDown => "control-tempo-down",
            Control::TempoUp => "control-tempo-up",
            Control::Difficulty => "control-difficulty",
            Control::RemapKey => "control-remap",
            Control::PracticeLoop => "control-practice-loop",
            Control::LoopLength => "control-loop-length",
            Control::Pause => "control-pause",
            Control::Resume => "control-resume",
            Control::Help => "control-help",
            Control::Restart => "control-restart",
            Control::SkipToDebrief => "control-skip",
            Control::Leave => "control-leave",
            Control::Export => "control-export",
            Control::Tap => "control-tap",
        }
    }

    /// What it does, in English (for the validator's messages and docs/playing.md).
    pub fn describe(self) -> &'static str {
        match self {
            Control::MenuUp => "menu: up",
            Control::MenuDown => "menu: down",
            Control::MenuChoose => "menu: choose",
            Control::Back => "back",
            Control::Fullscreen => "fullscreen",
            Control::PadPlay => "a seated pad plays its note",
            Control::PadSeat => "a pad takes or leaves a seat",
            Control::TempoDown => "tempo down",
            Control::TempoUp => "tempo up",
            Control::Difficulty => "difficulty",
            Control::RemapKey => "change the selected seat's key",
            Control::PracticeLoop => "practice loop",
            Control::LoopLength => "practice loop length",
            Control::Pause => "pause",
            Control::Resume => "resume",
            Control::Help => "help",
            Control::Restart => "restart (press twice or hold)",
            Control::SkipToDebrief => "skip to the debrief (press twice or hold)",
            Control::Leave => "leave to the levels (press twice or hold)",
            Control::Export => "export the results",
            Control::Tap => "tap along with the beat",
        }
    }
}

/// One line of the map: an action, where it works, and its keys and buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The action.
    pub control: Control,
    /// Where it works.
    pub context: Context,
    /// Its keys.
    pub keys: &'static [Key],
    /// Its gamepad buttons.
    pub buttons: &'static [PadButton],
    /// Acts only when pressed twice within `CONFIRM_SECS`, or held that long.
    pub confirm: bool,
}

/// How long a second press may take, or a hold must last, to confirm a restart, skip or leave.
pub(crate) const CONFIRM_SECS: f32 = 2.0;

/// How long a key must be held to confirm without a second press.
pub(crate) const HOLD_SECS: f32 = 1.0;

const fn bind(control: Control, context: Context, keys: &'static [Key]) -> Binding {
    Binding {
        control,
        context,
        keys,
        buttons: &[],
        confirm: false,
    }
}

const fn confirmed(control: Control, context: Context, keys: &'static [Key]) -> Binding {
    Binding {
        control,
        context,
        keys,
        buttons: &[],
        confirm: true,
    }
}

const PLAY_BUTTONS: &[PadButton] = &[
    PadButton::South,
    PadButton::East,
    PadButton::West,
    PadButton::North,
    PadButton::LeftTrigger,
    PadButton::RightTrigger,
];

/// The map. Department keys are the scenario's (and the player's overrides); they are not here.
const BINDINGS: &[Binding] = &[
    bind(Control::Fullscreen, Context::Anywhere, &[Key::F11]),
    bind(Control::MenuUp, Context::Menu, &[Key::Up]),
    bind(Control::MenuDown, Context::Menu, &[Key::Down]),
    bind(Control::MenuChoose, Context::Menu, &[Key::Enter]),
    bind(Control::Back, Context::Menu, &[Key::Escape]),
    Binding {
        buttons: &[PadButton::South],
        ..bind(Control::PadSeat, Context::Lobby, &[])
    },
    bind(
        Control::TempoDown,
        Context::Lobby,
        &[Key::Minus, Key::NumpadSubtract],
    ),
    bind(
        Control::TempoUp,
        Context::Lobby,
        &[Key::Equal, Key::NumpadAdd],
    ),
    bind(Control::Difficulty, Context::Lobby, &[Key::F2]),
    bind(Control::RemapKey, Context::Lobby, &[Key::F3]),
    bind(Control::PracticeLoop, Context::Lobby, &[Key::F4]),
    bind(Control::LoopLength, Context::Lobby, &[Key::F5]),
    bind(Control::Back, Context::Lobby, &[Key::Escape]),
    Binding {
        buttons: PLAY_BUTTONS,
        ..bind(Control::PadPlay, Context::Play, &[])
    },
    bind(Control::Pause, Context::Play, &[Key::Escape]),
    bind(Control::Help, Context::Play, &[Key::F1]),
    bind(
        Control::TempoDown,
        Context::Play,
        &[Key::Minus, Key::NumpadSubtract],
    ),
    bind(
        Control::TempoUp,
        Context::Play,
        &[Key::Equal, Key::NumpadAdd],
    ),
    confirmed(Control::Restart, Context::Play, &[Key::F8]),
    confirmed(Control::SkipToDebrief, Context::Play, &[Key::F9]),
    confirmed(Control::Leave, Context::Play, &[Key::F10]),
    bind(Control::Resume, Context::Pause, &[Key::Escape]),
    bind(Control::Help, Context::Pause, &[Key::F1]),
    confirmed(Control::Restart, Context::Pause, &[Key::F8]),
    confirmed(Control::SkipToDebrief, Context::Pause, &[Key::F9]),
    confirmed(Control::Leave, Context::Pause, &[Key::F10]),
    bind(Control::Export, Context::Debrief, &[Key::E]),
    bind(Control::Tap, Context::Calibration, &[Key::Space]),
    bind(Control::Back, Context::Calibration, &[Key::Escape]),
];

/// The bindings that work in `context` (its own, and those that work anywhere).
pub fn bindings_in(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context || b.context == Context::Anywhere)
}

/// The binding of `control` in `context`, if it has one there.
pub(crate) fn binding(control: Control, context: Context) -> Option<&'static Binding> {
    bindings_in(context).find(|b| b.control == control)
}

/// The keys of `control` in `context`, as shown on screen ("F8", "− / Num −").
pub(crate) fn key_labels(control: Control, context: Context) -> String {
    binding(control, context)
        .map(|b| {
            b.keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .unwrap_or_default()
}

/// Keys a department may not use: those read on the screens where department keys are read too
/// (the lobby and the piece), and fullscreen. Menu navigation (arrows, Enter) is not among them:
/// departments may use those keys, as they always could.
pub fn reserved_keys() -> impl Iterator<Item = (Key, Control)> {
    [
        Context::Play,
        Context::Pause,
        Context::Lobby,
        Context::Anywhere,
    ]
    .into_iter()
    .flat_map(|context| BINDINGS.iter().filter(move |b| b.context == context))
    .flat_map(|b| b.keys.iter().map(|k| (*k, b.control)))
}

/// The key table of docs/playing.md, made from the map (a test keeps that copy the same).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what it does |\n|---|---|---|\n");
    for b in BINDINGS {
        let keys: Vec<&str> = b.keys.iter().map(|k| k.label()).collect();
        let buttons: Vec<String> = b.buttons.iter().map(|p| format!("pad {p:?}")).collect();
        let all = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .chain(buttons)
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| {} | {all} | {} |\n",
            context_name(b.context),
            b.control.describe()
        ));
    }
    out
}

fn context_name(c: Context) -> &'static str {
    match c {
        Context::Anywhere => "anywhere",
        Context::Menu => "menus",
        Context::Lobby => "lobby",
        Context::Play => "count-in and play",
        Context::Pause => "pause",
        Context::Debrief => "debrief",
        Context::Calibration => "calibration",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_facilitator_key_is_a_letter_or_a_digit() {
        for (key, control) in reserved_keys() {
            let name = key.scenario_name();
            let one_char = name.chars().count() == 1;
            assert!(
                !(one_char && name.chars().all(|c| c.is_ascii_alphanumeric())),
                "{control:?} is bound to {name}, a key a department may need"
            );
        }
    }

    #[test]
    fn restart_skip_and_leave_ask_for_a_confirmation_wherever_they_are_bound() {
        for b in BINDINGS {
            let risky = matches!(
                b.control,
                Control::Restart | Control::SkipToDebrief | Control::Leave
            );
            assert_eq!(b.confirm, risky, "{:?} in {:?}", b.control, b.context);
        }
    }

    #[test]
    fn a_key_means_one_thing_on_a_screen() {
        for context in [
            Context::Menu,
            Context::Lobby,
            Context::Play,
            Context::Pause,
            Context::Debrief,
            Context::Calibration,
        ] {
            let mut seen: Vec<(Key, Control)> = Vec::new();
            for b in bindings_in(context) {
                for k in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                        panic!("{k:?} is both {other:?} and {:?} in {context:?}", b.control);
                    }
                    seen.push((*k, b.control));
                }
            }
        }
    }
}
