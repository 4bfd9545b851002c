//! The keys as people read them, made from the input map ([`crate::keymap`]): the help overlay
//! (F1 during the piece), the briefing's facilitator line and the pause overlay's key line.

use bevy::prelude::*;

use crate::keymap::{self, Context, Control};
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::keys::pressed;
use crate::ui::palette::Palette;
use crate::ui::widgets;

#[derive(Component)]
struct HelpOverlay;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, toggle_help.run_if(in_state(crate::states::OnStage)));
    app.add_systems(OnExit(crate::states::OnStage), close_help);
}

/// "Esc pause · F1 help · − / + tempo …": every key of `context` that has one, in the map's
/// order, each with what it does in the interface's language (gamepad-only controls left out).
pub fn key_line(texts: &Texts, context: Context) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut seen: Vec<Control> = Vec::new();
    for b in keymap::bindings_in(context).filter(|b| !b.keys.is_empty()) {
        if seen.contains(&b.control) {
            continue;
        }
        seen.push(b.control);
        let keys = keymap::key_labels(b.control, context);
        let what = texts.t(b.control.text_key());
        let twice = if b.confirm {
            format!(" ({})", texts.t("control-twice"))
        } else {
            String::new()
        };
        parts.push(format!("{keys} {what}{twice}"));
    }
    parts.join(" · ")
}

/// The help overlay's text: what a department key does, then every key of the piece (or of the
/// pause, while paused).
pub fn help_text(texts: &Texts, context: Context) -> String {
    format!(
        "{}\n{}",
        texts.t("help-department-key"),
        key_line(texts, context)
    )
}

fn toggle_help(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    state: Res<State<Screen>>,
    shown: Query<Entity, With<HelpOverlay>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
) {
    let context = if *state.get() == Screen::Paused {
        Context::Pause
    } else {
        Context::Play
    };
    if !pressed(&keys, Control::Help, context) {
        return;
    }
    if shown.is_empty() {
        commands.spawn((
            HelpOverlay,
            Node {
                position_type: PositionType::Absolute,
                bottom: px(20),
                left: px(20),
                right: px(20),
                padding: UiRect::all(px(16)),
                ..default()
            },
            BackgroundColor(palette.panel),
            GlobalZIndex(20),
            children![widgets::label(
                help_text(&texts, context),
                20.0,
                palette.text
            )],
        ));
    } else {
        for e in &shown {
            commands.entity(e).despawn();
        }
    }
}

fn close_help(mut commands: Commands, shown: Query<Entity, With<HelpOverlay>>) {
    for e in &shown {
        commands.entity(e).despawn();
    }
}
