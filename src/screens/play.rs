//! Play ⇄ pause: the count-in numbers, the pause overlay (why it paused, the figures so far, the
//! scenario's questions, the menu) and the line that asks to confirm a restart, skip or leave.
//! The keys themselves are read by the game's input, from the input map.

use bevy::prelude::*;

use crate::game::input::{Confirmation, Controls, Given};
use crate::game::orchestra::SoundSourceStatus;
use crate::game::performance::{CountInHeld, PadChange, PadNotice, PauseReason, Performance};
use crate::keymap::{self, Context, Control};
use crate::states::{AppSet, OnStage, Screen};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

#[derive(Component)]
struct CountInNumber;

/// The count-in's line about the orchestra: loading it, or not ready in time.
#[derive(Component)]
struct CountInNote;

/// The pause overlay's line about a gamepad that left or came back.
#[derive(Component)]
struct PadLine;

/// The line asking to press again to confirm.
#[derive(Component)]
struct ConfirmLine;

/// A button of the pause menu: the control of the map it asks for.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
struct PauseButton(Control);

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<PauseButton>(app);
    app.add_systems(OnEnter(Screen::CountIn), spawn_count_in);
    app.add_systems(Update, show_count_in.run_if(in_state(Screen::CountIn)));
    app.add_systems(OnEnter(Screen::Paused), spawn_pause_overlay);
    app.add_systems(OnEnter(OnStage), spawn_confirm_line);
    app.add_systems(
        Update,
        (
            act_on_pause
                .in_set(AppSet::RecordInput)
                .run_if(in_state(Screen::Paused)),
            show_pad_notice.run_if(in_state(Screen::Paused)),
            show_confirm_line.run_if(in_state(OnStage)),
        ),
    );
}

fn spawn_count_in(mut commands: Commands, palette: Res<Palette>) {
    commands.spawn((
        DespawnOnExit(Screen::CountIn),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        children![
            (widgets::heading("", 160.0, palette.line), CountInNumber),
            (widgets::label("", 28.0, palette.line), CountInNote),
        ],
    ));
}

/// The count-in's number; while it waits for the orchestra, no number and "Loading the
/// orchestra…"; when the orchestra was not ready in time, that the synthesis plays.
fn show_count_in(
    perf: Option<Res<Performance>>,
    held: Res<CountInHeld>,
    orchestra: Option<Res<SoundSourceStatus>>,
    texts: Res<Texts>,
    mut number: Query<&mut Text, (With<CountInNumber>, Without<CountInNote>)>,
    mut note: Query<&mut Text, With<CountInNote>>,
) {
    let Some(perf) = perf else { return };
    let bpb = f64::from(perf.scenario().beats_per_bar);
    let n = ((perf.beat() - perf.start() + bpb).floor() as i64 + 1).clamp(1, bpb as i64);
    let (s, line) = if held.0 {
        (String::new(), texts.t("stage-orchestra-tuning"))
    } else if orchestra.is_some_and(|o| o.late) {
        (n.to_string(), texts.t("stage-orchestra-late"))
    } else {
        (n.to_string(), String::new())
    };
    for mut t in &mut number {
        if t.0 != s {
            t.0.clone_from(&s);
        }
    }
    for mut t in &mut note {
        if t.0 != line {
            t.0.clone_from(&line);
        }
    }
}

/// The pause menu: each item with its key from the map.
fn pause_menu(texts: &Texts) -> [(String, PauseButton); 4] {
    let item = |control: Control| {
        let keys = keymap::key_labels(control, Context::Pause);
        let what = texts.t(control.text_key());
        let mut chars = what.chars();
        let what: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        (format!("{what} ({keys})"), PauseButton(control))
    };
    [
        item(Control::Resume),
        item(Control::Restart),
        item(Control::SkipToDebrief),
        item(Control::Leave),
    ]
}

/// Why the piece paused, as the overlay's heading says it.
fn pause_heading(texts: &Texts, reason: PauseReason) -> String {
    match reason {
        PauseReason::FocusLost => texts.t("pause-heading-focus"),
        PauseReason::Asked | PauseReason::PadUnplugged => texts.t("pause-heading"),
    }
}

fn spawn_pause_overlay(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    mut focus: ResMut<MenuFocus>,
    pad_notice: Res<PadNotice>,
    reason: Res<PauseReason>,
    phones: PhoneLines,
) {
    focus.0 = 0;
    let Some(perf) = perf else { return };
    let d = perf.debrief();
    let lines = super::figures::figure_lines(&texts, &d);
    let pad_line = notice_text(&texts, &perf, &pad_notice, &phones);
    commands
        .spawn((
            DespawnOnExit(Screen::Paused),
            widgets::root(),
            BackgroundColor(palette.panel),
            GlobalZIndex(10),
        ))
        .with_children(|p| {
            p.spawn(widgets::heading(
                pause_heading(&texts, *reason),
                48.0,
                palette.text,
            ));
            p.spawn((widgets::label(pad_line, 24.0, palette.line), PadLine));
            p.spawn(widgets::label(
                lines[0].clone(),
                28.0,
                super::figures::unanswered_color(&d, &palette),
            ));
            p.spawn(widgets::label(lines[1].clone(), 22.0, palette.text));
            p.spawn(widgets::label(lines[2].clone(), 22.0, palette.text));
            for q in &perf.scenario().debrief {
                p.spawn(widgets::label(format!("• {q}"), 22.0, palette.accent));
            }
            p.spawn(Node {
                height: px(16),
                ..default()
            });
            for (i, (text, action)) in pause_menu(&texts).into_iter().enumerate() {
                p.spawn(widgets::button(text, action, i, &palette));
            }
            p.spawn(widgets::hint(
                super::help::key_line(&texts, Context::Pause),
                16.0,
                palette.dim,
            ));
        });
}

/// The pause menu's buttons: resume at once; restart, skip and leave once clicked again.
fn act_on_pause(mut buttons: MessageReader<PauseButton>, mut controls: Controls) {
    for PauseButton(control) in buttons.read() {
        controls.ask(*control, Context::Pause, Given::Button);
    }
}

/// What the pause overlay says about phones: those away (the colleague plays their seats) and
/// taps that came late over the network.
#[derive(bevy::ecs::system::SystemParam)]
struct PhoneLines<'w> {
    setup: Res<'w, crate::game::performance::Setup>,
    phones: Option<Res<'w, crate::game::phones::Phones>>,
}

impl PhoneLines<'_> {
    fn lines(&self, texts: &Texts, perf: &Performance) -> Vec<String> {
        let mut lines: Vec<String> = self
            .setup
            .phones()
            .filter(|(_, p)| !p.connected)
            .map(|(dept, p)| {
                let name = self.setup.phone_name(p.phone).to_owned();
                let dept = perf.department(dept).name.clone();
                texts.t_args(
                    "phone-away",
                    &[("name", name.into()), ("dept", dept.into())],
                )
            })
            .collect();
        if let Some(late) = self
            .phones
            .as_ref()
            .map(|p| p.late_network)
            .filter(|n| *n > 0)
        {
            lines.push(texts.t_args("phone-late-network", &[("n", late.into())]));
        }
        lines
    }
}

/// What the pause overlay says about a pad that left or came back.
fn pad_text(texts: &Texts, perf: &Performance, change: PadChange) -> String {
    let (key, number, dept) = match change {
        PadChange::Unplugged { number, dept } => ("pad-unplugged", number, dept),
        PadChange::Back { number, dept } => ("pad-back", number, dept),
    };
    let name = perf
        .departments()
        .get(dept.0)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    texts.t_args(key, &[("n", number.into()), ("dept", name.into())])
}

/// The pause overlay's line about gamepads and phones.
fn notice_text(
    texts: &Texts,
    perf: &Performance,
    pad_notice: &PadNotice,
    phones: &PhoneLines,
) -> String {
    let pad = pad_notice.0.map(|change| pad_text(texts, perf, change));
    pad.into_iter()
        .chain(phones.lines(texts, perf))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps the pause overlay's gamepad and phone line current (a pad plugged back in, a phone back,
/// while paused).
fn show_pad_notice(
    pad_notice: Res<PadNotice>,
    perf: Option<Res<Performance>>,
    texts: Res<Texts>,
    phones: PhoneLines,
    mut line: Query<&mut Text, With<PadLine>>,
) {
    let changed = pad_notice.is_changed() || phones.setup.is_changed();
    let (Some(perf), true) = (perf, changed) else {
        return;
    };
    let text = notice_text(&texts, &perf, &pad_notice, &phones);
    for mut t in &mut line {
        t.0.clone_from(&text);
    }
}

fn spawn_confirm_line(mut commands: Commands, palette: Res<Palette>) {
    commands.spawn((
        DespawnOnExit(OnStage),
        Node {
            position_type: PositionType::Absolute,
            top: percent(42),
            width: percent(100),
            justify_content: JustifyContent::Center,
            ..default()
        },
        GlobalZIndex(30),
        children![(
            widgets::label("", 28.0, palette.bad),
            Node {
                padding: UiRect::axes(px(20), px(10)),
                ..default()
            },
            BackgroundColor(palette.panel.with_alpha(0.0)),
            ConfirmLine
        )],
    ));
}

/// "Press F8 again, or hold it, to restart" while a request waits for its confirmation.
fn show_confirm_line(
    time: Res<Time<Real>>,
    confirmation: Res<Confirmation>,
    state: Res<State<Screen>>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut line: Query<(&mut Text, &mut BackgroundColor), With<ConfirmLine>>,
) {
    let context = if *state.get() == Screen::Paused {
        Context::Pause
    } else {
        Context::Play
    };
    let text = confirmation
        .waiting(time.elapsed_secs())
        .map(|control| {
            let keys = keymap::key_labels(control, context);
            let key = match control {
                Control::SkipToDebrief => "confirm-skip",
                Control::Leave => "confirm-leave",
                _ => "confirm-restart",
            };
            texts.t_args(key, &[("keys", keys.into())])
        })
        .unwrap_or_default();
    for (mut t, mut bg) in &mut line {
        if t.0 != text {
            bg.0 = palette
                .panel
                .with_alpha(if text.is_empty() { 0.0 } else { 0.95 });
            t.0.clone_from(&text);
        }
    }
}
