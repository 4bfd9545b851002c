//! Settings: language, theme, reduced motion, fullscreen. Saved as soon as they change.

use bevy::prelude::*;

use crate::settings::{Lang, Settings, Theme};
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

#[derive(Component)]
struct SettingsRoot;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Settings), |mut focus: ResMut<MenuFocus>| {
        focus.0 = 0
    });
    app.add_systems(
        Update,
        (act_on_settings, spawn_settings)
            .chain()
            .run_if(in_state(Screen::Settings)),
    );
}

fn on_off(texts: &Texts, on: bool) -> String {
    texts.t(if on { "settings-on" } else { "settings-off" })
}

fn spawn_settings(
    mut commands: Commands,
    settings: Res<Settings>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    old: Query<Entity, With<SettingsRoot>>,
) {
    if !settings.is_changed() && !old.is_empty() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let lang = match settings.language {
        Lang::En => "English",
        Lang::Da => "Dansk",
    };
    let theme = texts.t(match settings.theme {
        Theme::Stage => "settings-theme-stage",
        Theme::Projector => "settings-theme-projector",
    });
    commands
        .spawn((
            DespawnOnExit(Screen::Settings),
            SettingsRoot,
            widgets::root(),
        ))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("settings-heading"),
                40.0,
                palette.text,
            ));
            p.spawn(widgets::button(
                format!("{}: {lang}", texts.t("settings-language")),
                Action::ToggleLanguage,
                0,
                &palette,
            ));
            p.spawn(widgets::button(
                format!("{}: {theme}", texts.t("settings-theme")),
                Action::ToggleTheme,
                1,
                &palette,
            ));
            for (key, on, action, item) in [
                (
                    "settings-reduced-motion",
                    settings.reduced_motion,
                    Action::ToggleReducedMotion,
                    2,
                ),
                (
                    "settings-fullscreen",
                    settings.fullscreen,
                    Action::ToggleFullscreen,
                    3,
                ),
                (
                    "settings-pause-on-focus",
                    settings.pause_on_focus_loss,
                    Action::TogglePauseOnFocusLoss,
                    4,
                ),
            ] {
                p.spawn(widgets::button(
                    format!("{}: {}", texts.t(key), on_off(&texts, on)),
                    action,
                    item,
                    &palette,
                ));
            }
            p.spawn(widgets::button(
                texts.t_args(
                    "settings-volume",
                    &[(
                        "pct",
                        ((settings.master_volume * 100.0).round() as i64).into(),
                    )],
                ),
                Action::CycleVolume,
                5,
                &palette,
            ));
            for (key, value, action, item) in [
                (
                    "settings-music-volume",
                    settings.music_volume,
                    Action::CycleMusicVolume,
                    6,
                ),
                (
                    "settings-effects-volume",
                    settings.effects_volume,
                    Action::CycleEffectsVolume,
                    7,
                ),
            ] {
                p.spawn(widgets::button(
                    texts.t_args(key, &[("pct", ((value * 100.0).round() as i64).into())]),
                    action,
                    item,
                    &palette,
                ));
            }
            p.spawn(widgets::button(
                texts.t_args(
                    "settings-calibrate",
                    &[("ms", (settings.audio_offset_ms.round() as i64).into())],
                ),
                Action::Calibrate,
                8,
                &palette,
            ));
            p.spawn(widgets::button(
                texts.t("settings-back"),
                Action::Back,
                9,
                &palette,
            ));
        });
}

fn act_on_settings(
    mut actions: MessageReader<Action>,
    mut settings: ResMut<Settings>,
    mut texts: ResMut<Texts>,
    mut next: ResMut<NextState<Screen>>,
    keys: Res<ButtonInput<KeyCode>>,
) {
    for a in actions.read() {
        match a {
            Action::ToggleLanguage => {
                settings.language = match settings.language {
                    Lang::En => Lang::Da,
                    Lang::Da => Lang::En,
                };
                texts.lang = settings.language;
            }
            Action::ToggleTheme => {
                settings.theme = match settings.theme {
                    Theme::Stage => Theme::Projector,
                    Theme::Projector => Theme::Stage,
                }
            }
            Action::ToggleReducedMotion => settings.reduced_motion = !settings.reduced_motion,
            Action::ToggleFullscreen => settings.fullscreen = !settings.fullscreen,
            Action::TogglePauseOnFocusLoss => {
                settings.pause_on_focus_loss = !settings.pause_on_focus_loss;
            }
            Action::Calibrate => next.set(Screen::Calibration),
            Action::CycleVolume => cycle_volume(&mut settings.master_volume),
            Action::CycleMusicVolume => cycle_volume(&mut settings.music_volume),
            Action::CycleEffectsVolume => cycle_volume(&mut settings.effects_volume),
            Action::Back => next.set(Screen::Title),
            _ => {}
        }
    }
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Back,
        crate::keymap::Context::Menu,
    ) {
        next.set(Screen::Title);
    }
}

/// 0 → 20 → … → 100 → 0 %.
fn cycle_volume(v: &mut f32) {
    let next = ((*v * 5.0).round() + 1.0) % 6.0;
    *v = next / 5.0;
}
