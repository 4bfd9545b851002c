//! The player's settings, saved as RON in the platform's config folder and written atomically.
//! A corrupt file is set aside (renamed) with a visible warning, and defaults are used.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::files;

pub use crate::texts::Lang;

/// The interface language as chosen in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LanguageChoice {
    /// While a scenario is shown or played, its own language; elsewhere the system's. (Settings
    /// files from before the choice existed said `En`, the old default, whether or not anybody
    /// chose it: they read as Automatic.)
    #[default]
    #[serde(alias = "En")]
    Automatic,
    /// Danish everywhere, whatever a scenario's language.
    #[serde(alias = "Da")]
    Danish,
    /// English everywhere, whatever a scenario's language.
    English,
}

impl LanguageChoice {
    /// The next choice on the Settings screen.
    pub fn next(self) -> LanguageChoice {
        match self {
            LanguageChoice::Automatic => LanguageChoice::Danish,
            LanguageChoice::Danish => LanguageChoice::English,
            LanguageChoice::English => LanguageChoice::Automatic,
        }
    }

    /// The interface language: an explicit choice; else the language of the scenario on screen
    /// (`scenario`: its `language` field), else the system's (`system`).
    pub fn resolve(self, system: Lang, scenario: Option<&str>) -> Lang {
        match self {
            LanguageChoice::Danish => Lang::Da,
            LanguageChoice::English => Lang::En,
            LanguageChoice::Automatic => scenario.map_or(system, Lang::of_code),
        }
    }
}

/// The system's language, from the locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first
/// set): Danish for `da*`, English otherwise (and where none is set).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemLang(pub Lang);

impl SystemLang {
    /// Read from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else from the system's own
    /// setting where it keeps one elsewhere (Windows, a macOS app started from the Finder).
    fn from_env() -> SystemLang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .or_else(sys_locale::get_locale)
            .unwrap_or_default();
        SystemLang(Lang::of_locale(&locale))
    }
}

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    /// Dark, for screens.
    #[default]
    Stage,
    /// Light and high-contrast, for projectors in lit rooms.
    Projector,
}

/// Everything the player can set; saved between runs.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Automatic (the default), Danish or English.
    pub language: LanguageChoice,
    /// The look: dark for screens, or light for projectors.
    pub theme: Theme,
    pub(crate) reduced_motion: bool,
    /// The window fills the screen.
    pub fullscreen: bool,
    /// 0–1.
    pub master_volume: f32,
    /// The music's volume, 0–1.
    pub music_volume: f32,
    /// The sound effects' volume, 0–1.
    pub effects_volume: f32,
    /// Added to the audio clock when judging presses, in milliseconds.
    pub audio_offset_ms: f32,
    /// Key overrides: department id → key name.
    pub keys: Vec<(String, String)>,
    /// Pause when the window loses the focus (only ever while somebody is seated).
    pub pause_on_focus_loss: bool,
    /// A General MIDI SoundFont to play the instruments from, when `TUTTI_SOUNDFONT` is not set
    /// (see [`crate::audio::soundfont::find_soundfont`]).
    pub soundfont: Option<PathBuf>,
    /// The name this machine's table joined a room by last (Join a room on the title offers it
    /// again); empty until it has joined one.
    pub table_name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: LanguageChoice::Automatic,
            theme: Theme::Stage,
            reduced_motion: false,
            fullscreen: false,
            master_volume: 0.8,
            music_volume: 0.8,
            effects_volume: 0.8,
            audio_offset_ms: 0.0,
            keys: Vec::new(),
            pause_on_focus_loss: true,
            soundfont: None,
            table_name: String::new(),
        }
    }
}

/// Where settings live and what went wrong reading or writing them.
#[derive(Resource, Debug, Clone, Default)]
pub struct SettingsStore {
    /// The settings file; `None` when no config folder could be found (settings are not saved).
    pub path: Option<PathBuf>,
    /// A message for the player, e.g. that a corrupt file was set aside.
    pub warning: Option<String>,
}

/// The config folder: `$TUTTI_CONFIG_DIR`, else the platform's (e.g. `~/.config/tutti`).
pub(crate) fn config_dir() -> Option<PathBuf> {
    std::env::var_os("TUTTI_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|d| d.join("tutti")))
}

/// Reads settings from `path`. A missing file gives defaults; a corrupt one is set aside as
/// `settings.ron.corrupt` and gives defaults with a warning (see [`crate::files`]).
pub fn load(path: &Path) -> (Settings, Option<String>) {
    let loaded = files::load_or_set_aside(path);
    let warning = loaded
        .problem
        .map(|p| p.message("The settings file", "defaults are used"));
    (loaded.value, warning)
}

/// The SoundFont named in the settings file in the config folder, read without changing anything
/// (a damaged file is left alone and names none): for the command line.
pub(crate) fn soundfont_in_config() -> Option<PathBuf> {
    let path = config_dir()?.join("settings.ron");
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str::<Settings>(&text).ok()?.soundfont
}

/// Writes `settings` to `path` atomically (see `files::write_atomic`).
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    files::write_ron_atomic(path, settings)
}

pub(super) fn plugin(app: &mut App) {
    // A store set up beforehand (tests) keeps its settings; otherwise read the config folder.
    if !app.world().contains_resource::<SettingsStore>() {
        let path = config_dir().map(|d| d.join("settings.ron"));
        let (settings, warning) = path.as_deref().map_or((Settings::default(), None), load);
        app.insert_resource(settings);
        app.insert_resource(SettingsStore { path, warning });
    }
    app.init_resource::<Settings>();
    if !app.world().contains_resource::<SystemLang>() {
        app.insert_resource(SystemLang::from_env());
    }
    app.add_systems(Last, save_changed_settings);
}

fn save_changed_settings(settings: Res<Settings>, mut store: ResMut<SettingsStore>) {
    if !settings.is_changed() || settings.is_added() {
        return;
    }
    if let Some(path) = store.path.clone()
        && let Err(e) = save(&path, &settings)
    {
        store.warning = Some(format!(
            "Could not save settings to {}: {e}",
            path.display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_corrupt_file_is_set_aside() {
        let dir = std::env::temp_dir().join(format!("tutti-settings-{}", std::process::id()));
        let path = dir.join("settings.ron");
        let s = Settings {
            language: LanguageChoice::Danish,
            theme: Theme::Projector,
            ..Settings::default()
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path), (s, None));
        std::fs::write(&path, "Settings(language: Da, theme: ").unwrap();
        let (loaded, warning) = load(&path);
        assert_eq!(loaded, Settings::default());
        assert!(warning.unwrap().contains("damaged"));
        assert!(
            path.with_extension("ron.corrupt").exists(),
            "the damaged file is kept"
        );
        assert!(!path.exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn automatic_follows_the_scenario_then_the_system_and_only_a_choice_overrides() {
        let auto = LanguageChoice::Automatic;
        assert_eq!(auto.resolve(Lang::En, Some("da")), Lang::Da);
        assert_eq!(auto.resolve(Lang::Da, Some("en")), Lang::En);
        assert_eq!(auto.resolve(Lang::Da, None), Lang::Da);
        assert_eq!(
            LanguageChoice::English.resolve(Lang::Da, Some("da")),
            Lang::En
        );
        assert_eq!(
            LanguageChoice::Danish.resolve(Lang::En, Some("en")),
            Lang::Da
        );
        assert_eq!(Lang::of_locale("da_DK.UTF-8"), Lang::Da);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("C"), Lang::En);
        assert_eq!(Lang::of_locale(""), Lang::En);
    }

    #[test]
    fn old_settings_files_still_load() {
        let old = |lang: &str| {
            ron::from_str::<Settings>(&format!("(language: {lang}, theme: Stage)")).unwrap()
        };
        assert_eq!(
            old("En").language,
            LanguageChoice::Automatic,
            "the old default"
        );
        assert_eq!(
            old("Da").language,
            LanguageChoice::Danish,
            "an explicit choice"
        );
        assert_eq!(old("English").language, LanguageChoice::English);
        let none = ron::from_str::<Settings>("(theme: Projector)").unwrap();
        assert_eq!(none.language, LanguageChoice::Automatic);
    }
}
