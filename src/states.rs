//! The names every part of the game shares: the screens, the order of the frame's work and how
//! the game was started. A leaf: it imports nothing of the game.

use std::path::PathBuf;

use bevy::prelude::*;

/// The screens, in the order a player meets them. The screen log (`screen: FROM -> TO`) uses
/// these names, which facilitators' bug reports quote: keep them.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The title screen.
    #[default]
    Title,
    /// The list of levels.
    LevelSelect,
    /// Seats, tempo and difficulty before a piece.
    Lobby,
    /// The scenario's briefing.
    Briefing,
    /// The bar counted in before the piece.
    CountIn,
    /// The piece being played.
    Playing,
    /// The piece paused.
    Paused,
    /// The figures after the piece.
    Debrief,
    /// The rounds of the level played in this session, side by side.
    Compare,
    /// The settings.
    Settings,
    /// The audio offset's tap-along.
    Calibration,
    /// The host's wall: a room of many tables (`tutti host FILE`, or Host on the title).
    Host,
    /// Join a room of tables as a table: the host's address, the room code, the table's name.
    Join,
}

impl Screen {
    /// Every screen, for systems that run on entering any of them.
    pub const ALL: [Screen; 13] = [
        Screen::Title,
        Screen::LevelSelect,
        Screen::Lobby,
        Screen::Briefing,
        Screen::CountIn,
        Screen::Playing,
        Screen::Paused,
        Screen::Debrief,
        Screen::Compare,
        Screen::Settings,
        Screen::Calibration,
        Screen::Host,
        Screen::Join,
    ];
}

/// True while a performance is on stage (count-in, playing, paused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct OnStage;

impl ComputedStates for OnStage {
    type SourceStates = Screen;

    /// Count-in, play and pause are one stay on stage: moving between them must not despawn and
    /// rebuild the stage (a restart says so with its own message instead).
    const ALLOW_SAME_STATE_TRANSITIONS: bool = false;

    fn compute(screen: Screen) -> Option<Self> {
        matches!(screen, Screen::CountIn | Screen::Playing | Screen::Paused).then_some(OnStage)
    }
}

/// The order of the frame's work.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSet {
    /// Advance the song clock.
    TickClock,
    /// Read keys, pads, the mouse and scripted presses, and turn them into messages.
    RecordInput,
    /// Apply those messages to the performance, feed the simulation and collect its events.
    Simulate,
    /// Show what happened.
    Update,
}

/// How the game was started (from the command line).
#[derive(Resource, Debug, Clone, Default)]
pub struct Launch {
    /// A scenario to open straight away.
    pub file: Option<PathBuf>,
    /// Every department played by its colleague (a demo).
    pub autoplay: bool,
    /// Screenshots to take.
    pub screenshots: Vec<ScriptedShot>,
    /// Quit after this many seconds.
    pub exit_after: Option<f32>,
    /// Window size in logical pixels.
    pub window: (u32, u32),
    /// Keys to press, for automated checks.
    pub presses: Vec<ScriptedPress>,
    /// Print frame timings and memory on exit, counted from this instant (process start).
    pub frame_report: Option<std::time::Instant>,
    /// A replay to play back straight away (`tutti replay FILE`).
    pub replay: Option<PathBuf>,
    /// `--phones PORT`: phones may join on this port from start to exit.
    pub phones: Option<u16>,
    /// `--join URL --name NAME`: the game plays as a table of a room (see
    /// [`crate::game::table`]).
    pub join: Option<TableJoin>,
    /// `tutti host FILE`: the host's wall opens on this room.
    pub host: Option<HostLaunch>,
}

/// `tutti play --join URL --name NAME`, or Join a room on the title: where the table joins and the
/// name it goes by.
#[derive(Debug, Clone, PartialEq)]
pub struct TableJoin {
    /// The host's address and the room code.
    pub url: crate::tables::join::JoinUrl,
    /// The table's name on the host's wall.
    pub name: String,
}

/// `tutti host FILE` with a window: the room to open.
#[derive(Debug, Clone, PartialEq)]
pub struct HostLaunch {
    /// The scenario every table plays.
    pub file: PathBuf,
    /// The port tables join on.
    pub port: u16,
    /// The session folder (none: a new one in the results folder).
    pub session: Option<PathBuf>,
    /// How long before a round's count-in the tables are told, seconds.
    pub lead_secs: f64,
}

/// `--screenshot SECONDS:PATH`: a screenshot to take.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptedShot {
    /// Seconds after start.
    pub at_secs: f32,
    /// The PNG file to write.
    pub path: PathBuf,
}

/// `--press SECONDS:KEY`: a key to press as a person would.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScriptedPress {
    /// Seconds after start.
    pub at_secs: f32,
    /// The key.
    pub key: KeyCode,
}
