//! Settings: language, theme, reduced motion, fullscreen. Saved as soon as they change.

use bevy::prelude::*;

use crate::settings::{LanguageChoice, Settings, Theme};
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

/// The settings screen, spawned again whenever a setting changes.
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
            for (i, (text, action)) in setting_rows(&settings, &texts).into_iter().enumerate() {
                p.spawn(widgets::button(text, action, i, &palette));
            }
        });
}

/// The settings' buttons, in keyboard order: what each says and what it does.
fn setting_rows(settings: &Settings, texts: &Texts) -> [(String, Action); 10] {
    let automatic = texts.t("settings-language-automatic");
    let lang = match settings.language {
        LanguageChoice::Automatic => automatic.as_str(),
        LanguageChoice::English => "English",
        LanguageChoice::Danish => "Dansk",
    };
    let theme = texts.t(match settings.theme {
        Theme::Stage => "settings-theme-stage",
        Theme::Projector => "settings-theme-projector",
    });
    let s = settings;
    [
        (
            choice_row(texts, "settings-language", lang),
            Action::ToggleLanguage,
        ),
        (
            choice_row(texts, "settings-theme", &theme),
            Action::ToggleTheme,
        ),
        (
            toggle_row(texts, "settings-reduced-motion", s.reduced_motion),
            Action::ToggleReducedMotion,
        ),
        (
            toggle_row(texts, "settings-fullscreen", s.fullscreen),
            Action::ToggleFullscreen,
        ),
        (
            toggle_row(texts, "settings-pause-on-focus", s.pause_on_focus_loss),
            Action::TogglePauseOnFocusLoss,
        ),
        (
            volume_row(texts, "settings-volume", s.master_volume),
            Action::CycleVolume,
        ),
        (
            volume_row(texts, "settings-music-volume", s.music_volume),
            Action::CycleMusicVolume,
        ),
        (
            volume_row(texts, "settings-effects-volume", s.effects_volume),
            Action::CycleEffectsVolume,
        ),
        (
            texts.t_args(
                "settings-calibrate",
                &[("ms", (s.audio_offset_ms.round() as i64).into())],
            ),
            Action::Calibrate,
        ),
        (texts.t("settings-back"), Action::Back),
    ]
}

/// A setting with a choice of values: "Name: value".
fn choice_row(texts: &Texts, key: &str, value: &str) -> String {
    format!("{}: {value}", texts.t(key))
}

/// A setting that is on or off: "Name: on".
fn toggle_row(texts: &Texts, key: &str, on: bool) -> String {
    choice_row(
        texts,
        key,
        &texts.t(if on { "settings-on" } else { "settings-off" }),
    )
}

/// A volume, in whole per cent.
fn volume_row(texts: &Texts, key: &str, volume: f32) -> String {
    texts.t_args(key, &[("pct", ((volume * 100.0).round() as i64).into())])
}

fn act_on_settings(
    mut actions: MessageReader<Action>,
    mut settings: ResMut<Settings>,
    mut texts: ResMut<Texts>,
    mut next: ResMut<NextState<Screen>>,
    keys: Res<ButtonInput<KeyCode>>,
    system: Res<crate::settings::SystemLang>,
) {
    for a in actions.read() {
        match a {
            Action::ToggleLanguage => {
                settings.language = settings.language.next();
                texts.lang = settings.language.resolve(system.0, None);
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
