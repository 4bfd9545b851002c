//! What the host's screens share: the room opened ([`HostRoom`]: the host, its scenario and
//! session folder, the address and its QR code), what the wall shows now ([`WallView`]) and the
//! wall's buttons ([`HostButton`]).

use bevy::prelude::*;

use crate::tables::run_host::OpenRoom;

/// Tempo steps and bounds of the room, % of the scenario's tempo.
pub const TEMPO_STEP: u32 = 5;
/// The slowest tempo the room plays.
pub const TEMPO_MIN: u32 = 50;
/// The fastest tempo the room plays.
pub const TEMPO_MAX: u32 = 150;

/// The room the wall shows, while the host's screen is open.
#[derive(Resource)]
pub struct HostRoom {
    /// The room, listening, with its scenario and session folder.
    pub open: OpenRoom,
    /// `http://IP:PORT/?room=CODE`: what the QR code holds.
    pub url: String,
    /// `IP:PORT`, to type.
    pub address: String,
    /// The scenario's title.
    pub title: String,
    /// The QR code of [`HostRoom::url`].
    pub qr: Option<Handle<Image>>,
    /// How long before a round's count-in the tables are told, ms.
    pub lead_ms: f64,
    /// The round whose reports were last written out, and how many there were.
    pub exported: Option<(u32, usize)>,
    /// The round whose debrief came on by itself when its last table reported.
    pub debrief_shown_for: Option<u32>,
}

impl HostRoom {
    /// The room's tempo, % (100 until it is set).
    pub fn tempo(&self) -> u32 {
        self.open.host.room().pace().1.unwrap_or(100)
    }
}

/// What the middle of the wall shows.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WallView {
    /// A tile per table.
    #[default]
    Tables,
    /// The room's debrief of the last round.
    Debrief,
}

/// A line the wall says under its controls: what a key asks to confirm, what was saved, or
/// why the room did not open.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct HostNotice {
    /// The line.
    pub text: String,
    /// Said in the warning colour.
    pub warn: bool,
}

/// An order waiting for its key's second press.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confirming(pub Option<HostButton>);

/// What the wall's buttons (and their keys) do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostButton {
    /// Start the next round at every table on one count-in (S).
    Start,
    /// Pause every table, or let them go on (P).
    Pause,
    /// Every table 5 % slower (←, or − on the number pad).
    Slower,
    /// Every table 5 % faster (→, or + on the number pad).
    Faster,
    /// End the round at every table: their debriefs come on (D).
    Skip,
    /// The room's debrief, or back to the tables (R).
    Debrief,
    /// Close the room and go back to the title (Esc).
    Leave,
}

impl HostButton {
    /// The wall's buttons, in order.
    pub const ALL: [HostButton; 7] = [
        HostButton::Start,
        HostButton::Pause,
        HostButton::Slower,
        HostButton::Faster,
        HostButton::Skip,
        HostButton::Debrief,
        HostButton::Leave,
    ];

    /// The keys that press it.
    pub fn keys(self) -> &'static [KeyCode] {
        match self {
            HostButton::Start => &[KeyCode::KeyS],
            HostButton::Pause => &[KeyCode::KeyP, KeyCode::Space],
            // Arrows: the same on every layout (a Danish keyboard's + is a US keyboard's −).
            HostButton::Slower => &[KeyCode::ArrowLeft, KeyCode::NumpadSubtract],
            HostButton::Faster => &[KeyCode::ArrowRight, KeyCode::NumpadAdd],
            HostButton::Skip => &[KeyCode::KeyD],
            HostButton::Debrief => &[KeyCode::KeyR],
            HostButton::Leave => &[KeyCode::Escape],
        }
    }
}
