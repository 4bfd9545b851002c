//! Audio offset calibration: tap Space along with a steady beat for 16 beats; the offset is the
//! median of how late (or early) the taps were, saved in the settings and taken off every press.

use bevy::prelude::*;

use crate::game::Screen;
use crate::settings::Settings;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action};

/// Taps needed.
pub const TAPS: usize = 16;
/// Seconds between beats (100 BPM).
pub const PERIOD: f64 = 0.6;
/// Seconds before the first beat.
pub const LEAD_IN: f64 = 1.2;

/// The median error of `taps` (seconds since the start) against beats at `LEAD_IN + k·PERIOD`,
/// in milliseconds: positive when the taps come late.
pub fn median_offset_ms(taps: &[f64]) -> Option<f64> {
    let mut errors: Vec<f64> = taps
        .iter()
        .map(|t| {
            let k = ((t - LEAD_IN) / PERIOD).round();
            (t - (LEAD_IN + k * PERIOD)) * 1000.0
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    errors.sort_by(f64::total_cmp);
    let n = errors.len();
    Some(if n % 2 == 1 {
        errors[n / 2]
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) / 2.0
    })
}

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
    mut actions: MessageWriter<Action>,
) {
    let Some(mut run) = run else { return };
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Settings);
        return;
    }
    if keys.just_pressed(KeyCode::Space) && run.taps.len() < TAPS {
        let t = time.elapsed_secs_f64() - run.started;
        run.taps.push(t);
        actions.write(Action::Continue);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_the_median_error_of_the_taps() {
        let beat = |k: f64| LEAD_IN + k * PERIOD;
        let taps: Vec<f64> = (0..16).map(|k| beat(f64::from(k)) + 0.030).collect();
        assert!((median_offset_ms(&taps).unwrap() - 30.0).abs() < 1e-6);
        // One wild tap does not move the median.
        let mut noisy = taps.clone();
        noisy[3] += 0.25;
        assert!((median_offset_ms(&noisy).unwrap() - 30.0).abs() < 1e-6);
        let early: Vec<f64> = (0..16).map(|k| beat(f64::from(k)) - 0.020).collect();
        assert!((median_offset_ms(&early).unwrap() + 20.0).abs() < 1e-6);
        assert_eq!(median_offset_ms(&[]), None);
    }
}
