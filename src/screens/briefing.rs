//! The briefing: the scenario's summary, who plays what and the keys, before the count-in.

use bevy::prelude::*;

use crate::game::catalog::OnStage;
use crate::game::performance::{Setup, departments_with_keys};
use crate::keymap::Context;
use crate::scenario::DeptId;
use crate::settings::Settings;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

/// The briefing's one button: start the count-in.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
struct StartButton;

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<StartButton>(app);
    app.add_systems(
        OnEnter(Screen::Briefing),
        spawn_briefing.after(crate::game::performance::keep_setup_within_level),
    );
    app.add_systems(Update, act_on_briefing.run_if(in_state(Screen::Briefing)));
}

fn spawn_briefing(
    mut commands: Commands,
    stage: OnStage,
    setup: Res<Setup>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    mut focus: ResMut<MenuFocus>,
    workshop: Option<Res<crate::game::session::Workshop>>,
    playback: Option<Res<crate::game::performance::Playback>>,
) {
    focus.0 = 0;
    let (replay_note, agreement) = notes(workshop.as_deref(), playback.as_deref(), &texts);
    let setup = shown_setup(&setup, playback.as_deref());
    let Some(s) = stage.scenario() else {
        return;
    };
    commands
        .spawn((DespawnOnExit(Screen::Briefing), widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(s.title.clone(), 40.0, palette.text));
            if !s.summary.is_empty() {
                p.spawn(widgets::label(s.summary.clone(), 22.0, palette.text));
            }
            let notes = [
                (replay_note, 22.0, palette.warn),
                (agreement, 24.0, palette.accent),
            ];
            for (line, size, color) in notes {
                if let Some(line) = line {
                    p.spawn(widgets::label(line, size, color));
                }
            }
            p.spawn(widgets::label(texts.t("briefing-rules"), 18.0, palette.dim));
            spawn_seat_lines(
                p,
                &departments_with_keys(s, &settings.keys),
                &setup,
                &texts,
                &palette,
            );
            p.spawn(widgets::hint(
                texts.t_args(
                    "briefing-facilitator",
                    &[("keys", super::help::key_line(&texts, Context::Play).into())],
                ),
                16.0,
                palette.dim,
            ));
            p.spawn(widgets::button(
                texts.t("briefing-start"),
                StartButton,
                0,
                &palette,
            ));
        });
}

/// The seats the briefing shows: the players' own, or a replay's.
fn shown_setup(setup: &Setup, playback: Option<&crate::game::performance::Playback>) -> Setup {
    playback.map_or_else(
        || setup.clone(),
        |p| Setup::from_replay(&p.replay.setup, p.replay.seed),
    )
}

/// A line per department: its key, shape, name and who plays it (people highlighted).
fn spawn_seat_lines(
    p: &mut ChildSpawnerCommands,
    departments: &[crate::scenario::Department],
    setup: &Setup,
    texts: &Texts,
    palette: &Palette,
) {
    for (d, info) in departments.iter().enumerate() {
        let human = setup.is_person(DeptId(d));
        let who = super::lobby::seat_text(texts, setup, DeptId(d));
        let color = if human { palette.line } else { palette.text };
        p.spawn(widgets::label(
            format!(
                "[{}]  {}  {}  —  {who}",
                crate::scenario::keys::cap_label(info.key),
                crate::game::glyph(info.shape),
                info.name
            ),
            20.0,
            color,
        ));
    }
}

/// What the briefing says above the seats: that a replay is one, and the agreement in force (a
/// replay's own agreement when it is one).
fn notes(
    workshop: Option<&crate::game::session::Workshop>,
    playback: Option<&crate::game::performance::Playback>,
    texts: &Texts,
) -> (Option<String>, Option<String>) {
    match playback {
        Some(p) => (
            Some(texts.t("briefing-replay")),
            p.replay
                .agreement
                .clone()
                .map(|a| texts.t_args("briefing-agreement", &[("agreement", a.into())])),
        ),
        None => (
            None,
            workshop.and_then(|w| super::agreement::briefing_line(w, texts)),
        ),
    }
}

/// Start goes to the count-in; back goes to the lobby (a replay's briefing back to the levels: its
/// seats are not to be chosen).
fn act_on_briefing(
    mut start: MessageReader<StartButton>,
    mut next: ResMut<NextState<Screen>>,
    keys: Res<ButtonInput<KeyCode>>,
    playback: Option<Res<crate::game::performance::Playback>>,
) {
    if start.read().count() > 0 {
        next.set(Screen::CountIn);
    }
    if crate::ui::keys::pressed(&keys, crate::keymap::Control::Back, Context::Menu) {
        next.set(if playback.is_some() {
            Screen::LevelSelect
        } else {
            Screen::Lobby
        });
    }
}
