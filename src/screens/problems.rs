//! The errors of a scenario file, on screen: on Level select for the highlighted level, in the
//! Lobby and the Briefing for the chosen one. A broken newest version is shown beside the last good
//! version, which stays playable.

use bevy::prelude::*;

use crate::game::catalog::{Catalog, CurrentLevel, Level};
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

/// Error lines shown at most (the rest are counted).
const MAX_LINES: usize = 8;

/// The panel with a scenario's errors.
#[derive(Component)]
pub struct ProblemPanel;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, show_problems);
}

/// Keeps one panel with the relevant level's errors; none on other screens.
fn show_problems(
    mut commands: Commands,
    state: Res<State<Screen>>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    focus: Res<MenuFocus>,
    listed: Res<super::level_select::ListedLevels>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    panels: Query<Entity, With<ProblemPanel>>,
    mut shown: Local<Option<String>>,
) {
    let inputs_changed = state.is_changed()
        || catalog.is_changed()
        || current.is_changed()
        || focus.is_changed()
        || listed.is_changed()
        || texts.is_changed()
        || palette.is_changed();
    // A screen change despawns nothing of ours, but a re-entered screen may have: look again.
    if !inputs_changed && (shown.is_none() || !panels.is_empty()) {
        return;
    }
    let index = match state.get() {
        Screen::LevelSelect => listed.0.get(focus.0).copied().flatten(),
        Screen::Lobby | Screen::Briefing => Some(current.0),
        _ => None,
    };
    let text = index
        .and_then(|i| catalog.levels.get(i))
        .and_then(|l| problem_text(l, &texts));
    let panel_gone = panels.is_empty();
    if *shown == text && (text.is_none() || !panel_gone) && !palette.is_changed() {
        return;
    }
    for e in &panels {
        commands.entity(e).despawn();
    }
    if let Some(t) = &text {
        commands.spawn(problem_panel(t.clone(), &palette));
    }
    *shown = text;
}

/// A level's errors as the panel shows them: whether the file is broken or an older version is
/// kept, then the first error lines; `None` when it has none.
fn problem_text(level: &Level, texts: &Texts) -> Option<String> {
    let errors = level.errors()?;
    let file = ("file", level.name.clone().into());
    let heading = if level.scenario.is_ok() {
        texts.t_args("problem-kept", &[file])
    } else {
        texts.t_args("problem-broken", &[file])
    };
    let lines: Vec<&str> = errors.lines().collect();
    let mut body = lines[..lines.len().min(MAX_LINES)].join("\n");
    if lines.len() > MAX_LINES {
        body.push_str(&format!("\n… +{}", lines.len() - MAX_LINES));
    }
    Some(format!("{heading}\n{body}"))
}

/// The panel along the bottom of the screen, over everything else.
fn problem_panel(text: String, palette: &Palette) -> impl Bundle {
    (
        ProblemPanel,
        Node {
            position_type: PositionType::Absolute,
            bottom: px(12),
            left: px(12),
            right: px(12),
            padding: UiRect::all(px(12)),
            ..default()
        },
        BackgroundColor(palette.panel),
        GlobalZIndex(15),
        children![(widgets::heading(text, 16.0, palette.bad))],
    )
}
