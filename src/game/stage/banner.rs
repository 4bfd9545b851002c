//! The line at the top right of the stage: the group's agreement in force for this round, and, for
//! a replay played back, that it is one.

use bevy::prelude::*;

use crate::game::performance::{Performance, Playback};
use crate::game::session::Workshop;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::OnStage;
use super::text::stage_text;

/// The middle of the space under the score, right of the audience's seats.
const BANNER_X: f32 = 400.0;
/// The widest the agreement may be before it wraps.
const BANNER_WIDTH: f32 = 440.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(OnStage), spawn_banner);
}

/// What the top right says: for a live round, the agreement in force; for a playback, that it
/// is a replay (and its round) and the agreement it was played with.
fn banner_lines(
    perf: &Performance,
    workshop: Option<&Workshop>,
    playback: Option<&Playback>,
    texts: &Texts,
) -> (Option<String>, Option<String>) {
    let (agreement, replay) = match playback.filter(|_| perf.is_playback()) {
        Some(p) => {
            let line = match p.replay.round {
                Some(n) => texts.t_args("stage-replay-round", &[("n", n.into())]),
                None => texts.t("stage-replay"),
            };
            (p.replay.agreement.clone(), Some(line))
        }
        None => (
            workshop.and_then(|w| w.agreement().map(str::to_owned)),
            None,
        ),
    };
    let agreement = agreement.map(|a| texts.t_args("stage-agreement", &[("agreement", a.into())]));
    (agreement, replay)
}

fn spawn_banner(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    workshop: Option<Res<Workshop>>,
    playback: Option<Res<Playback>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
) {
    let Some(perf) = perf else { return };
    let (agreement, replay) = banner_lines(&perf, workshop.as_deref(), playback.as_deref(), &texts);
    // Under the score, beside the audience, where nothing else is drawn.
    if let Some(line) = agreement {
        commands.spawn((
            DespawnOnExit(OnStage),
            stage_text(line, 24.0, palette.accent),
            TextLayout::justify(Justify::Center),
            bevy::text::TextBounds::new_horizontal(BANNER_WIDTH),
            Transform::from_xyz(BANNER_X, -245.0, 1.0),
        ));
    }
    if let Some(line) = replay {
        commands.spawn((
            DespawnOnExit(OnStage),
            stage_text(line, 20.0, palette.warn),
            Transform::from_xyz(BANNER_X, -205.0, 1.0),
        ));
    }
}
