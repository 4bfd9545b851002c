//! Replays played back in the window: those in the results folder, listed on Level select, and
//! the one given on the command line (`tutti replay FILE`). A playback shows the stage and plays
//! the sound as the performance went, pausable, ending on its debrief; it ignores keys, pads and
//! phones, never sets a best score and never counts as a round.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::rounds::Replay;
use crate::rounds::replay::find_replays;
use crate::states::{Launch, Screen};

use super::catalog::{Catalog, CurrentLevel};
use super::performance::Playback;
use super::session::ResultsRoot;

/// Replays listed on Level select at most (the newest).
const LISTED: usize = 12;

/// The replays on offer: the newest in the results folder.
#[derive(Resource, Debug, Clone, Default)]
pub struct Replays(pub Vec<ReplayEntry>);

/// One replay on Level select.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayEntry {
    /// The replay file.
    pub path: PathBuf,
    /// What it is, or why it cannot be played.
    pub info: Result<ReplayInfo, String>,
}

/// What Level select says of a replay.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayInfo {
    /// Its scenario's title.
    pub title: String,
    /// Its round in the session, if it was one.
    pub round: Option<u32>,
    /// The seed it was played with.
    pub seed: u64,
    /// The group's agreement during it.
    pub agreement: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Replays>();
    app.add_systems(Startup, open_launch_replay);
    app.add_systems(OnEnter(Screen::LevelSelect), (stop_playback, list_replays));
    app.add_systems(OnEnter(Screen::Lobby), stop_playback);
}

/// A replay read and ready to play back, with its scenario.
pub fn open(path: &Path) -> Result<Playback, String> {
    let replay = Replay::load(path).map_err(|e| e.to_string())?;
    let scenario = replay.load_scenario().map_err(|e| e.to_string())?;
    Ok(Playback {
        replay,
        scenario,
        path: path.to_owned(),
    })
}

/// Plays `playback` back: its scenario's entry in the catalog, the briefing next.
pub fn start(
    commands: &mut Commands,
    playback: Playback,
    catalog: &mut Catalog,
    next: &mut NextState<Screen>,
) {
    let name = format!(
        "replay: {}",
        playback.path.file_name().map_or_else(
            || playback.path.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        )
    );
    let index = catalog.add_replay(
        &playback.path,
        &name,
        playback.scenario.clone(),
        &playback.replay.scenario,
    );
    // The replay brings its own seats, tempo and seed: the players' setup stays as it was.
    commands.insert_resource(CurrentLevel(index));
    commands.insert_resource(playback);
    next.set(Screen::Briefing);
}

/// `tutti replay FILE`: plays it back at once.
fn open_launch_replay(
    mut commands: Commands,
    launch: Option<Res<Launch>>,
    catalog: Option<ResMut<Catalog>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let (Some(path), Some(mut catalog)) = (launch.and_then(|l| l.replay.clone()), catalog) else {
        return;
    };
    match open(&path) {
        Ok(playback) => start(&mut commands, playback, &mut catalog, &mut next),
        Err(e) => error!("cannot play back {}: {e}", path.display()),
    }
}

/// Leaving a playback (to Level select, or to a lobby to play for real).
fn stop_playback(mut commands: Commands) {
    commands.remove_resource::<Playback>();
}

/// The newest replays in the results folder, for Level select.
fn list_replays(root: Res<ResultsRoot>, mut replays: ResMut<Replays>) {
    let found = root.0.as_deref().map(find_replays).unwrap_or_default();
    replays.0 = found
        .into_iter()
        .take(LISTED)
        .map(|path| ReplayEntry {
            info: describe(&path),
            path,
        })
        .collect();
}

/// What a replay is, read from its file.
fn describe(path: &Path) -> Result<ReplayInfo, String> {
    let replay = Replay::load(path).map_err(|e| e.to_string())?;
    let title = replay
        .load_scenario()
        .map(|s| s.title)
        .map_err(|e| e.to_string())?;
    Ok(ReplayInfo {
        title,
        round: replay.round,
        seed: replay.seed,
        agreement: replay.agreement,
    })
}
