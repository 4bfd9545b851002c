//! The record of a finished piece, made once as its debrief opens: the figures the performance
//! folded as it played, and what the piece was (played to its end, a practice loop, a replay
//! played back, who played). One message, `PieceFinished`, says a piece ended and carries the
//! record; keeping the round ([`super::session`]), the best scores and goals (here), the room's
//! vote ([`super::vote`]) and the export ([`super::export`]) read it, and the debrief screen only
//! draws [`FinishedPiece`].

use bevy::prelude::*;

use crate::scenario::DeptId;
use crate::scores::BestScores;
use crate::sim::Debrief;
use crate::states::Screen;

use super::catalog::{Catalog, CurrentLevel};
use super::performance::{Performance, Setup};

/// What a finished piece was, and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct PieceRecord {
    /// The performance's serial: one record per performance, however often its debrief shows.
    pub serial: u64,
    /// Its figures, as the performance folded them.
    pub debrief: Debrief,
    /// Played to its end (not skipped to the debrief).
    pub played_to_end: bool,
    /// A practice loop (some bars only).
    pub practice: bool,
    /// A replay played back.
    pub playback: bool,
    /// The departments people played.
    pub players: Vec<DeptId>,
}

impl PieceRecord {
    /// The record of `perf` as it stands.
    pub fn of(perf: &Performance) -> PieceRecord {
        PieceRecord {
            serial: perf.serial(),
            debrief: perf.debrief(),
            played_to_end: perf.is_ended(),
            practice: perf.practice_bars().is_some(),
            playback: perf.is_playback(),
            players: perf
                .scenario()
                .dept_ids()
                .filter(|d| perf.is_human(*d))
                .collect(),
        }
    }

    /// A whole piece played to its end (the goals are judged, the best score may count).
    pub fn whole(&self) -> bool {
        self.played_to_end && !self.practice
    }
}

/// The last finished piece (none before the first debrief).
#[derive(Resource, Debug, Clone, Default)]
pub struct FinishedPiece(pub Option<PieceRecord>);

/// A piece ended and its debrief opens: sent once per performance, with its record.
#[derive(Message, Debug, Clone)]
pub(crate) struct PieceFinished(pub PieceRecord);

/// Making the record as the debrief opens: what reads it runs after.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RecordPiece;

/// What the debrief says about the level's best score, decided once per piece by
/// `record_best_score`.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub(crate) enum BestScoreLine {
    /// Nothing: not a whole piece played to its end, or no best to show.
    #[default]
    Hidden,
    /// This performance set a new best for the level.
    New,
    /// The level's best, not beaten this time.
    Standing(f64),
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FinishedPiece>();
    app.init_resource::<BestScoreLine>();
    app.add_message::<PieceFinished>();
    app.add_systems(
        OnEnter(Screen::Debrief),
        (
            record_finished_piece.in_set(RecordPiece),
            record_best_score.after(RecordPiece),
        ),
    );
}

/// The debrief opens: the record of the performance just played, made once (back on the same
/// debrief, from the comparison, it stands) and sent.
fn record_finished_piece(
    perf: Option<Res<Performance>>,
    mut finished: ResMut<FinishedPiece>,
    mut out: MessageWriter<PieceFinished>,
) {
    let Some(perf) = perf else {
        finished.0 = None;
        return;
    };
    if finished
        .0
        .as_ref()
        .is_some_and(|r| r.serial == perf.serial())
    {
        return;
    }
    let record = PieceRecord::of(&perf);
    finished.0 = Some(record.clone());
    out.write(PieceFinished(record));
}

/// Keeps the audience score as the level's best when it beats it, and the goals met, and notes
/// what the debrief is to say about it. Only a whole piece played to its end with somebody in a
/// seat counts (not a practice loop, not a piece skipped to the debrief, not a demo the computer
/// played alone, not a replay), and a walk-out is not a score to beat.
fn record_best_score(
    mut finished: MessageReader<PieceFinished>,
    mut line: ResMut<BestScoreLine>,
    perf: Option<Res<Performance>>,
    level: (Res<Catalog>, Res<CurrentLevel>),
    mut best: ResMut<BestScores>,
    setup: Res<Setup>,
) {
    let Some(PieceFinished(record)) = finished.read().last() else {
        return; // Back on the same debrief: the line stands.
    };
    *line = BestScoreLine::Hidden;
    let Some(name) = level.0.levels.get(level.1.0).map(|l| &l.name) else {
        return;
    };
    if record.playback || !record.whole() || !setup.anyone_seated() {
        return;
    }
    let Some(perf) = perf else { return };
    let d = &record.debrief;
    let players = crate::sim::Players(&record.players);
    let met: Vec<String> = crate::sim::judge_goals(&perf.scenario().goals, d, players)
        .into_iter()
        .filter(|(_, met)| *met)
        .map(|(g, _)| g.key())
        .collect();
    best.record_goals(name, &met);
    *line = if !d.walked_out && best.record(name, d.audience_final) {
        BestScoreLine::New
    } else {
        best.get(name)
            .map_or(BestScoreLine::Hidden, BestScoreLine::Standing)
    };
}
