//! Audio offset calibration: tap Space along with a steady beat for 16 beats; the offset is the
//! median of how late (or early) the taps were, saved in the settings and taken off every press.

use bevy::prelude::*;

use crate::audio::calibration::{LEAD_IN, PERIOD, TAPS, median_offset_ms};
use crate::settings::Settings;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Click};

/// The run in progress.
#[derive(Resource, Default)]
struct Run {
    started: f64,
    taps: Vec<f64>,
}

#[derive(Component)]
struct Light;

#[derive(Component)]
struct Status;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Calibration), spawn_calibration);
    app.add_systems(
        Update,
        (record_taps, show_beat).run_if(in_state(Screen::Calibration)),
    );
}

fn spawn_calibration(
    mut commands: Commands,
    time: Res<Time>,
    palette: Res<Palette>,
    texts: Res<Texts>,
) {
    commands.insert_resource(Run {
        started: time.elapsed_secs_f64(),
        taps: Vec::new(),
    });
    commands
        .spawn((DespawnOnExit(Screen::Calibration), widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("calibration-heading"),
                40.0,
                palette.text,
            ));
            p.spawn(widgets::label(
                texts.t("calibration-hint"),
                20.0,
                palette.dim,
            ));
            p.spawn((
                Light,
                Node {
                    width: px(120),
                    height: px(120),
                    border_radius: BorderRadius::all(percent(50)),
                    ..default()
                },
                BackgroundColor(palette.button),
            ));
            p.spawn((Status, widgets::label("", 24.0, palette.text)));
        });
}

fn record_taps(
    keys: Res<ButtonInput<KeyCode>>,
    time: Res<Time>,
    run: Option<ResMut<Run>>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Screen>>,
    mut clicks: MessageWriter<Click>,
) {
    let Some(mut run) = run else { return };
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Back,
        crate::keymap::Context::Calibration,
    ) {
        next.set(Screen::Settings);
        return;
    }
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Tap,
        crate::keymap::Context::Calibration,
    ) && run.taps.len() < TAPS
    {
        let t = time.elapsed_secs_f64() - run.started;
        run.taps.push(t);
        clicks.write(Click);
        if run.taps.len() == TAPS
            && let Some(offset) = median_offset_ms(&run.taps)
        {
            settings.audio_offset_ms = offset.clamp(-500.0, 500.0) as f32;
        }
    }
}

fn show_beat(
    time: Res<Time>,
    run: Option<Res<Run>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    mut light: Query<&mut BackgroundColor, With<Light>>,
    mut status: Query<&mut Text, With<Status>>,
) {
    let Some(run) = run else { return };
    let t = time.elapsed_secs_f64() - run.started - LEAD_IN;
    let phase = if t < 0.0 { 1.0 } else { (t % PERIOD) / PERIOD };
    let lit = phase < 0.15;
    for mut bg in &mut light {
        bg.0 = if lit { palette.line } else { palette.button };
    }
    let text = if run.taps.len() < TAPS {
        texts.t_args(
            "calibration-count",
            &[("n", run.taps.len().into()), ("total", TAPS.into())],
        )
    } else {
        texts.t_args(
            "calibration-done",
            &[("ms", (settings.audio_offset_ms.round() as i64).into())],
        )
    };
    for mut s in &mut status {
        if s.0 != text {
            s.0.clone_from(&text);
        }
    }
}
