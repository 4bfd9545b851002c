//! The orchestra a piece plays on: the SoundFont found by the lookup rule ([`FontLookup`]), loaded
//! for what the chosen level's notes need ([`crate::audio::score::font_needs`]) on a thread of its
//! own, and handed to the audio thread between pieces — or while a count-in waits for it, so that
//! the first piece, and the first after a change of level, sounds like the rest. A count-in waits
//! at most [`WAIT_SECS`]; then the piece plays on the built-in synthesis and the screen says so.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError};

use bevy::prelude::*;

use crate::audio::Needs;
use crate::audio::live::LiveCommand;
use crate::audio::soundfont::{self, Loaded, Lookup, SoundSource};
use crate::states::{AppSet, Screen};

use super::catalog::{Catalog, CurrentLevel};
use super::device::Live;
use super::performance::{CountInHeld, Performance};

/// The longest a count-in waits for the orchestra, in seconds.
pub const WAIT_SECS: f64 = 5.0;

pub use super::device::FontLookup;

/// What the instruments play from, for the screens.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct SoundSourceStatus {
    /// The SoundFont in use; `None`: the built-in synthesis.
    pub font: Option<String>,
    /// A SoundFont being loaded, or loaded and waiting for the end of a piece.
    pub loading: Option<String>,
    /// Why a SoundFont that was named is not used.
    pub warning: Option<String>,
    /// The count-in gave up waiting: this piece plays on the synthesis.
    pub late: bool,
}

/// The SoundFont's loads: the one on its way, the answer waiting to be handed over, what the
/// audio thread plays now.
#[derive(Resource, Default)]
struct Orchestra {
    /// A load on its way: what it is for, and the thread's answer.
    pending: Option<(Needs, Mutex<Receiver<Loaded>>)>,
    /// An answer waiting for the end of a piece.
    ready: Option<(Needs, Loaded)>,
    /// What the audio thread was last given: the notes its SoundFont was loaded for (`None`: the
    /// synthesis).
    playing: Option<Needs>,
    /// The file could not be used: it is not tried again.
    failed: bool,
}

impl Orchestra {
    /// Whether the notes `needs` are loaded for, or on their way.
    fn has_or_awaits(&self, needs: &Needs) -> bool {
        self.playing.as_ref() == Some(needs)
            || self.ready.as_ref().is_some_and(|(n, _)| n == needs)
            || self.pending.as_ref().is_some_and(|(n, _)| n == needs)
    }

    /// Whether what the audio thread plays covers `needs`.
    fn plays(&self, needs: &Needs) -> bool {
        self.playing.as_ref().is_some_and(|p| p.covers(needs))
    }

    /// Whether an answer is still to come or to be handed over.
    fn on_its_way(&self) -> bool {
        self.pending.is_some() || self.ready.is_some()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SoundSourceStatus>();
    app.init_resource::<Orchestra>();
    app.add_systems(
        Update,
        (
            ask_for_font.run_if(resource_exists::<FontLookup>),
            receive_font,
            hand_over.run_if(not(during_a_piece).or_else(count_in_waiting)),
            wait_in_count_in.run_if(in_state(Screen::CountIn)),
        )
            .chain()
            .before(AppSet::TickClock)
            .run_if(resource_exists::<Live>),
    );
    app.add_systems(OnExit(Screen::CountIn), let_count_in_go);
}

/// A piece is under way (its count-in, playing or paused): the sound source stays as it is.
fn during_a_piece(screen: Option<Res<State<Screen>>>) -> bool {
    screen.is_some_and(|s| matches!(s.get(), Screen::CountIn | Screen::Playing | Screen::Paused))
}

/// The count-in stands still, waiting for the orchestra: the source may still change.
fn count_in_waiting(held: Res<CountInHeld>) -> bool {
    held.0
}

/// The notes the game wants the SoundFont for: the piece's on stage, else the chosen level's.
fn wanted(
    perf: Option<&Performance>,
    catalog: &Catalog,
    current: CurrentLevel,
    on_stage: bool,
) -> Option<Needs> {
    let scenario = match perf {
        Some(p) if on_stage => p.scenario(),
        _ => catalog.levels.get(current.0)?.scenario.as_ref().ok()?,
    };
    Some(crate::audio::score::font_needs(scenario))
}

/// Starts loading what the chosen level (or the piece on stage) needs of the SoundFont, when
/// that is not what is loaded or on its way: a change of level loads what the new one needs.
fn ask_for_font(
    lookup: Res<FontLookup>,
    perf: Option<Res<Performance>>,
    level: (Res<Catalog>, Res<CurrentLevel>),
    screen: Res<State<Screen>>,
    mut orchestra: ResMut<Orchestra>,
    mut status: ResMut<SoundSourceStatus>,
) {
    let (catalog, current) = level;
    let Lookup::Try { path, .. } = &lookup.0 else {
        return;
    };
    let changed = lookup.is_added()
        || catalog.is_changed()
        || current.is_changed()
        || screen.is_changed()
        || perf.as_ref().is_some_and(|p| p.is_added());
    if orchestra.failed || !changed {
        return;
    }
    let on_stage = during_a_piece(Some(screen));
    let Some(needs) = wanted(perf.as_deref(), &catalog, *current, on_stage) else {
        return;
    };
    if orchestra.has_or_awaits(&needs) {
        return;
    }
    status.loading = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let (sender, receiver) = std::sync::mpsc::channel();
    let (for_thread, lookup) = (needs.clone(), lookup.0.clone());
    let spawned = std::thread::Builder::new()
        .name("soundfont".into())
        .spawn(move || {
            let _ = sender.send(soundfont::resolve(&lookup, &for_thread));
        });
    match spawned {
        Ok(_) => orchestra.pending = Some((needs, Mutex::new(receiver))),
        Err(e) => {
            warn!("could not start loading the SoundFont: {e}");
            status.loading = None;
        }
    }
}

/// Takes the loading thread's answer, when it has come.
fn receive_font(mut orchestra: ResMut<Orchestra>) {
    let Some((_, receiver)) = &orchestra.pending else {
        return;
    };
    let got = match receiver.lock() {
        Ok(r) => r.try_recv(),
        Err(_) => Err(TryRecvError::Disconnected),
    };
    match got {
        Ok(loaded) => {
            if let Some((needs, _)) = orchestra.pending.take() {
                orchestra.failed |= loaded.warning.is_some();
                orchestra.ready = Some((needs, loaded));
            }
        }
        Err(TryRecvError::Empty) => {}
        Err(TryRecvError::Disconnected) => orchestra.pending = None,
    }
}

/// Hands a loaded SoundFont to the audio thread (or, if it could not be used, shows why and
/// keeps the synthesis): between pieces, or while a count-in waits for it.
fn hand_over(
    mut orchestra: ResMut<Orchestra>,
    live: Res<Live>,
    mut status: ResMut<SoundSourceStatus>,
) {
    let Some((needs, loaded)) = orchestra.ready.take() else {
        return;
    };
    if orchestra.pending.is_none() {
        status.loading = None;
    }
    if let Some(w) = &loaded.warning {
        warn!("{w}");
        status.warning = loaded.warning.clone();
    }
    let Some(font) = loaded.source.font_name().map(str::to_owned) else {
        return; // the synthesis stays
    };
    if let SoundSource::SoundFont(f) = &loaded.source {
        info!(
            "the instruments play from the SoundFont {font} ({} instruments, {} notes, {:.1} MB of its samples)",
            needs.instruments().count(),
            needs.notes(),
            f.sample_bytes() as f64 / 1e6
        );
    }
    status.font = Some(font);
    status.late = false;
    orchestra.playing = Some(needs);
    live.0.send(LiveCommand::Source(loaded.source));
}

/// A count-in's wait for the orchestra: which performance, since when, and whether it gave up.
#[derive(Default)]
struct Wait {
    serial: Option<u64>,
    since: f64,
    needs: Needs,
    gave_up: bool,
}

/// Holds the count-in at its first beat while what the piece needs of the SoundFont is on its
/// way, at most [`WAIT_SECS`]; then lets it go on the built-in synthesis, saying so.
fn wait_in_count_in(
    perf: Option<Res<Performance>>,
    mut orchestra: ResMut<Orchestra>,
    live: Res<Live>,
    time: Res<Time<Real>>,
    mut held: ResMut<CountInHeld>,
    mut status: ResMut<SoundSourceStatus>,
    mut wait: Local<Wait>,
) {
    let Some(perf) = perf else { return };
    let now = time.elapsed_secs_f64();
    if wait.serial != Some(perf.serial()) {
        *wait = Wait {
            serial: Some(perf.serial()),
            since: now,
            needs: crate::audio::score::font_needs(perf.scenario()),
            gave_up: false,
        };
    }
    let at_first_beat = perf.beat() <= perf.start() - f64::from(perf.scenario().beats_per_bar);
    held.0 = at_first_beat
        && !wait.gave_up
        && !orchestra.failed
        && orchestra.on_its_way()
        && !orchestra.plays(&wait.needs);
    if !held.0 || now - wait.since < WAIT_SECS {
        return;
    }
    warn!(
        "the orchestra was not ready after {WAIT_SECS} s; the built-in synthesis plays this piece"
    );
    wait.gave_up = true;
    held.0 = false;
    status.late = true;
    if orchestra.playing.take().is_some() {
        status.font = None;
        live.0.send(LiveCommand::Source(SoundSource::Synthesis));
    }
}

/// The count-in is over (or left): nothing holds the next one until it has to wait.
fn let_count_in_go(mut held: ResMut<CountInHeld>) {
    held.0 = false;
}
