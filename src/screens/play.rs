//! Play ⇄ pause: the count-in numbers, the facilitator's keys (P pause, R restart, N debrief,
//! − and + tempo, H help), pausing when the window loses focus, and the pause overlay with the
//! figures so far and the scenario's questions.

use bevy::prelude::*;

use crate::game::pads::{PadChange, PadNotice};
use crate::game::performance::{Performance, Restarted};
use crate::sim::Debrief;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

#[derive(Component)]
struct CountInNumber;

#[derive(Component)]
struct HelpOverlay;

/// The pause overlay's line about a gamepad that left or came back.
#[derive(Component)]
struct PadLine;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::CountIn), spawn_count_in);
    app.add_systems(Update, show_count_in.run_if(in_state(Screen::CountIn)));
    app.add_systems(
        Update,
        (use_facilitator_keys, pause_on_focus_loss)
            .run_if(in_state(Screen::Playing).or_else(in_state(Screen::CountIn))),
    );
    app.add_systems(OnEnter(Screen::Paused), spawn_pause_overlay);
    app.add_systems(
        Update,
        (act_on_pause, show_pad_notice).run_if(in_state(Screen::Paused)),
    );
    app.add_systems(
        Update,
        toggle_help.run_if(in_state(Screen::Playing).or_else(in_state(Screen::Paused))),
    );
}

fn spawn_count_in(mut commands: Commands, palette: Res<Palette>) {
    commands.spawn((
        DespawnOnExit(Screen::CountIn),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        children![(widgets::heading("", 160.0, palette.line), CountInNumber)],
    ));
}

fn show_count_in(
    perf: Option<Res<Performance>>,
    mut number: Query<&mut Text, With<CountInNumber>>,
) {
    let Some(perf) = perf else { return };
    let bpb = f64::from(perf.scenario.beats_per_bar);
    let n = ((perf.beat - perf.start + bpb).floor() as i64 + 1).clamp(1, bpb as i64);
    for mut t in &mut number {
        let s = n.to_string();
        if t.0 != s {
            t.0 = s;
        }
    }
}

fn use_facilitator_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    perf: Option<ResMut<Performance>>,
    mut restarted: MessageWriter<Restarted>,
) {
    if keys.just_pressed(KeyCode::KeyP) || keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Paused);
    }
    if keys.just_pressed(KeyCode::KeyR) {
        restarted.write(Restarted);
        next.set(Screen::CountIn);
    }
    if keys.just_pressed(KeyCode::KeyN) {
        next.set(Screen::Debrief);
    }
    if let Some(mut perf) = perf {
        if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
            perf.change_tempo(-0.1);
        }
        if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
            perf.change_tempo(0.1);
        }
    }
}

fn pause_on_focus_loss(
    windows: Query<&Window>,
    mut next: ResMut<NextState<Screen>>,
    mut was_focused: Local<Option<bool>>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    if *was_focused == Some(true) && !window.focused {
        next.set(Screen::Paused);
    }
    *was_focused = Some(window.focused);
}

fn spawn_pause_overlay(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    mut focus: ResMut<MenuFocus>,
    pad_notice: Res<PadNotice>,
) {
    focus.0 = 0;
    let Some(perf) = perf else { return };
    let d = Debrief::from_events(&perf.scenario, &perf.events);
    let lines = super::figure_lines(&texts, &d);
    commands
        .spawn((
            DespawnOnExit(Screen::Paused),
            widgets::root(),
            BackgroundColor(palette.panel),
            GlobalZIndex(10),
        ))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("pause-heading"),
                48.0,
                palette.text,
            ));
            let pad_line = pad_notice
                .0
                .map(|change| pad_text(&texts, &perf, change))
                .unwrap_or_default();
            p.spawn((widgets::label(pad_line, 24.0, palette.line), PadLine));
            p.spawn(widgets::label(
                lines[0].clone(),
                28.0,
                super::unanswered_color(&d, &palette),
            ));
            p.spawn(widgets::label(lines[1].clone(), 22.0, palette.text));
            p.spawn(widgets::label(lines[2].clone(), 22.0, palette.text));
            for q in &perf.scenario.debrief {
                p.spawn(widgets::label(format!("• {q}"), 22.0, palette.accent));
            }
            p.spawn(Node {
                height: px(16),
                ..default()
            });
            widgets::spawn_menu(
                p,
                &[
                    ("pause-resume", Action::Resume),
                    ("pause-restart", Action::Restart),
                    ("pause-debrief", Action::SkipToDebrief),
                    ("pause-quit", Action::Back),
                ],
                0,
                &texts,
                &palette,
            );
            p.spawn(widgets::label(texts.t("help-keys"), 16.0, palette.dim));
        });
}

fn act_on_pause(
    keys: Res<ButtonInput<KeyCode>>,
    mut actions: MessageReader<Action>,
    mut next: ResMut<NextState<Screen>>,
    mut restarted: MessageWriter<Restarted>,
    perf: Option<Res<Performance>>,
) {
    // Paused during the count-in: resuming counts in again.
    let in_count_in = perf.is_some_and(|p| p.beat < p.start);
    let mut act = |a: Action| match a {
        Action::Resume if in_count_in => {
            restarted.write(Restarted);
            next.set(Screen::CountIn);
        }
        Action::Resume => next.set(Screen::Playing),
        Action::Restart => {
            restarted.write(Restarted);
            next.set(Screen::CountIn);
        }
        Action::SkipToDebrief => next.set(Screen::Debrief),
        Action::Back => next.set(Screen::LevelSelect),
        _ => {}
    };
    for a in actions.read() {
        act(*a);
    }
    if keys.just_pressed(KeyCode::KeyP) || keys.just_pressed(KeyCode::Escape) {
        act(Action::Resume);
    }
    if keys.just_pressed(KeyCode::KeyR) {
        act(Action::Restart);
    }
    if keys.just_pressed(KeyCode::KeyN) {
        act(Action::SkipToDebrief);
    }
}

fn toggle_help(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    shown: Query<Entity, With<HelpOverlay>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
) {
    if !(keys.just_pressed(KeyCode::KeyH) || keys.just_pressed(KeyCode::F1)) {
        return;
    }
    if shown.is_empty() {
        commands.spawn((
            HelpOverlay,
            Node {
                position_type: PositionType::Absolute,
                bottom: px(20),
                left: px(20),
                padding: UiRect::all(px(16)),
                ..default()
            },
            BackgroundColor(palette.panel),
            GlobalZIndex(20),
            children![widgets::label(texts.t("help-keys"), 20.0, palette.text)],
        ));
    } else {
        for e in &shown {
            commands.entity(e).despawn();
        }
    }
}

/// What the pause overlay says about a pad that left or came back.
fn pad_text(texts: &Texts, perf: &Performance, change: PadChange) -> String {
    let (key, number, dept) = match change {
        PadChange::Unplugged { number, dept } => ("pad-unplugged", number, dept),
        PadChange::Back { number, dept } => ("pad-back", number, dept),
    };
    let name = perf
        .departments
        .get(dept)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    texts.t_args(key, &[("n", number.into()), ("dept", name.into())])
}

/// Keeps the pause overlay's gamepad line current (a pad plugged back in while paused).
fn show_pad_notice(
    pad_notice: Res<PadNotice>,
    perf: Option<Res<Performance>>,
    texts: Res<Texts>,
    mut line: Query<&mut Text, With<PadLine>>,
) {
    let (Some(perf), true) = (perf, pad_notice.is_changed()) else {
        return;
    };
    let text = pad_notice
        .0
        .map(|change| pad_text(&texts, &perf, change))
        .unwrap_or_default();
    for mut t in &mut line {
        t.0.clone_from(&text);
    }
}
