//! Settings: language, theme, reduced motion, fullscreen. Saved as soon as they change.

use bevy::prelude::*;

use crate::settings::{LanguageChoice, Settings, Theme};
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

#[derive(Component)]
struct SettingsRoot;

/// What the settings' buttons do: each changes its setting to the next value.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
enum SettingsButton {
    Language,
    Theme,
    ReducedMotion,
    Fullscreen,
    PauseOnFocusLoss,
    Volume,
    MusicVolume,
    EffectsVolume,
    /// The audio offset calibration.
    Calibrate,
    /// Back to the title.
    Back,
}

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<SettingsButton>(app);
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
fn setting_rows(settings: &Settings, texts: &Texts) -> [(String, SettingsButton); 10] {
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
            SettingsButton::Language,
        ),
        (
            choice_row(texts, "settings-theme", &theme),
            SettingsButton::Theme,
        ),
        (
            toggle_row(texts, "settings-reduced-motion", s.reduced_motion),
            SettingsButton::ReducedMotion,
        ),
        (
            toggle_row(texts, "settings-fullscreen", s.fullscreen),
            SettingsButton::Fullscreen,
        ),
        (
            toggle_row(texts, "settings-pause-on-focus", s.pause_on_focus_loss),
            SettingsButton::PauseOnFocusLoss,
        ),
        (
            volume_row(texts, "settings-volume", s.master_volume),
            SettingsButton::Volume,
        ),
        (
            volume_row(texts, "settings-music-volume", s.music_volume),
            SettingsButton::MusicVolume,
        ),
        (
            volume_row(texts, "settings-effects-volume", s.effects_volume),
            SettingsButton::EffectsVolume,
        ),
        (
            texts.t_args(
                "settings-calibrate",
                &[("ms", (s.audio_offset_ms.round() as i64).into())],
            ),
            SettingsButton::Calibrate,
        ),
        (texts.t("settings-back"), SettingsButton::Back),
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
    mut buttons: MessageReader<SettingsButton>,
    mut settings: ResMut<Settings>,
    mut texts: ResMut<Texts>,
    mut next: ResMut<NextState<Screen>>,
    keys: Res<ButtonInput<KeyCode>>,
    system: Res<crate::settings::SystemLang>,
) {
    for button in buttons.read() {
        match button {
            SettingsButton::Language => {
                settings.language = settings.language.next();
                texts.lang = settings.language.resolve(system.0, None);
            }
            SettingsButton::Theme => {
                settings.theme = match settings.theme {
                    Theme::Stage => Theme::Projector,
                    Theme::Projector => Theme::Stage,
                }
            }
            SettingsButton::ReducedMotion => settings.reduced_motion = !settings.reduced_motion,
            SettingsButton::Fullscreen => settings.fullscreen = !settings.fullscreen,
            SettingsButton::PauseOnFocusLoss => {
                settings.pause_on_focus_loss = !settings.pause_on_focus_loss;
            }
            SettingsButton::Calibrate => next.set(Screen::Calibration),
            SettingsButton::Volume => cycle_volume(&mut settings.master_volume),
            SettingsButton::MusicVolume => cycle_volume(&mut settings.music_volume),
            SettingsButton::EffectsVolume => cycle_volume(&mut settings.effects_volume),
            SettingsButton::Back => next.set(Screen::Title),
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
