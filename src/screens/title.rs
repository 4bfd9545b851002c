//! The title screen.

use bevy::prelude::*;

use crate::game::orchestra::SoundSourceStatus;
use crate::game::session::{SessionInput, Workshop};
use crate::settings::SettingsStore;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

/// What the title's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleButton {
    /// The next chapter's lobby (Level select once every chapter has been played).
    Play,
    /// Level select.
    Levels,
    /// The settings.
    Settings,
    /// Begin a new workshop session (the rounds so far stay on disk).
    NewSession,
    /// Host a room of many tables on the level selected (the host's wall).
    Host,
    /// Join a room of tables as a table (the host's address, the room code, the table's name).
    Join,
    /// Quit the game.
    Quit,
}

/// The buttons under Play, in order, by their text keys.
const MENU: [(&str, TitleButton); 6] = [
    ("menu-levels", TitleButton::Levels),
    ("menu-settings", TitleButton::Settings),
    ("menu-new-session", TitleButton::NewSession),
    ("menu-host", TitleButton::Host),
    ("menu-join", TitleButton::Join),
    ("menu-quit", TitleButton::Quit),
];

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<TitleButton>(app);
    app.add_systems(OnEnter(Screen::Title), spawn_title);
    app.add_systems(
        Update,
        (
            act_on_title,
            show_session,
            show_sound_source,
            show_next_chapter,
        )
            .run_if(in_state(Screen::Title)),
    );
}

fn spawn_title(
    mut commands: Commands,
    palette: Res<Palette>,
    texts: Res<Texts>,
    store: Res<SettingsStore>,
    mut focus: ResMut<MenuFocus>,
    fonts: Option<Res<crate::ui::fonts::Fonts>>,
    audio: Option<Res<crate::game::device::AudioStatus>>,
    source: Option<Res<SoundSourceStatus>>,
    best: Option<Res<crate::scores::BestScores>>,
    workshop: Res<Workshop>,
) {
    focus.0 = 0;
    // Play names the next chapter once the levels are gathered (`show_next_chapter`).
    let play = texts.t("menu-play");
    let heading = spawn_heading(&mut commands, fonts.as_deref(), &palette);
    let root = commands
        .spawn((DespawnOnExit(Screen::Title), widgets::root()))
        .id();
    commands.entity(root).add_child(heading);
    commands.entity(root).with_children(|p| {
        p.spawn(widgets::label(texts.t("title-tagline"), 24.0, palette.text));
        p.spawn(Node {
            height: px(30),
            ..default()
        });
        p.spawn(widgets::button(play, TitleButton::Play, 0, &palette));
        widgets::spawn_menu(p, &MENU, 1, &texts, &palette);
        p.spawn((
            SessionLine,
            widgets::label(session_text(&workshop, &texts), 18.0, palette.dim),
        ));
        p.spawn(Node {
            height: px(20),
            ..default()
        });
        p.spawn(widgets::label(texts.t("title-keys"), 18.0, palette.dim));
        spawn_sound_line(p, audio.as_deref(), source.as_deref(), &texts, &palette);
        // (A SoundFont that could not be used is said on the sound line.)
        let best_warning = best.as_ref().and_then(|b| b.warning.clone());
        let warnings = [
            store.warning.clone(),
            best_warning,
            workshop.warning().map(str::to_owned),
        ];
        spawn_warnings(p, warnings.iter().flatten(), &palette);
    });
}

/// What the title says about the sound: no device (or a lost one) in the warning colour, else
/// what the instruments play from.
fn spawn_sound_line(
    p: &mut ChildSpawnerCommands,
    audio: Option<&crate::game::device::AudioStatus>,
    source: Option<&SoundSourceStatus>,
    texts: &Texts,
    palette: &Palette,
) {
    if let Some(key) = audio_notice(audio) {
        p.spawn(widgets::label(texts.t(key), 16.0, palette.warn));
    } else if let Some(source) = source {
        p.spawn((
            SoundLine,
            widgets::label(sound_text(source, texts), 16.0, palette.dim),
        ));
    }
}

/// The next chapter to play in the interface's language (see
/// [`crate::game::catalog::Catalog::next_chapter`]).
fn next_chapter(
    catalog: &crate::game::catalog::Catalog,
    best: Option<&crate::scores::BestScores>,
    texts: &Texts,
) -> Option<(crate::game::catalog::Chapter, usize)> {
    let played = |name: &str| best.is_some_and(|b| b.get(name).is_some());
    catalog.next_chapter(texts.lang.code(), played)
}

/// "Play · chapter 3: The busy colleague", or "Play" once every chapter has been played.
fn play_text(
    catalog: &crate::game::catalog::Catalog,
    best: Option<&crate::scores::BestScores>,
    texts: &Texts,
) -> String {
    match next_chapter(catalog, best, texts) {
        Some((chapter, i)) => texts.t_args(
            "title-play-chapter",
            &[
                ("n", chapter.number.into()),
                ("title", catalog.levels[i].title().into()),
            ],
        ),
        None => texts.t("menu-play"),
    }
}

/// Keeps Play's text on the next chapter (the levels are gathered after the title first opens;
/// the language may change).
fn show_next_chapter(
    catalog: Res<crate::game::catalog::Catalog>,
    best: Option<Res<crate::scores::BestScores>>,
    texts: Res<Texts>,
    buttons: Query<(&TitleButton, &Children)>,
    mut labels: Query<&mut Text>,
) {
    let text = play_text(&catalog, best.as_deref(), &texts);
    for (_, children) in buttons.iter().filter(|(b, _)| **b == TitleButton::Play) {
        for child in children.iter() {
            if let Ok(mut label) = labels.get_mut(child)
                && label.0 != text
            {
                label.0.clone_from(&text);
            }
        }
    }
}

/// The text key of what the title says about the sound, if anything.
fn audio_notice(audio: Option<&crate::game::device::AudioStatus>) -> Option<&'static str> {
    match audio {
        Some(crate::game::device::AudioStatus::Silent(_)) => Some("title-no-audio"),
        Some(crate::game::device::AudioStatus::Lost) => Some("title-audio-lost"),
        _ => None,
    }
}

/// The title's line about what the instruments play from.
#[derive(Component, Debug)]
struct SoundLine;

/// "Sound: SoundFont FluidR3_GM", "Sound: built-in synthesis", or that a SoundFont is loading.
fn sound_text(source: &SoundSourceStatus, texts: &Texts) -> String {
    match (&source.font, &source.loading) {
        (Some(name), _) => texts.t_args("title-sound-font", &[("name", name.clone().into())]),
        (None, Some(name)) => texts.t_args("title-sound-loading", &[("name", name.clone().into())]),
        (None, None) => match &source.warning {
            // A SoundFont that was asked for but could not be used: say why, on the title.
            Some(why) => texts.t_args("title-sound-failed", &[("why", why.clone().into())]),
            None => texts.t("title-sound-synthesis"),
        },
    }
}

/// Keeps the sound line up to date (a SoundFont loads while the title is shown).
fn show_sound_source(
    source: Option<Res<SoundSourceStatus>>,
    texts: Res<Texts>,
    mut line: Query<&mut Text, With<SoundLine>>,
) {
    let Some(source) = source else { return };
    if source.is_changed() {
        for mut t in &mut line {
            t.0 = sound_text(&source, &texts);
        }
    }
}

/// "Tutti", big, in the bold font when it has loaded.
fn spawn_heading(
    commands: &mut Commands,
    fonts: Option<&crate::ui::fonts::Fonts>,
    palette: &Palette,
) -> Entity {
    let mut heading = commands.spawn(widgets::heading("Tutti", 110.0, palette.line));
    if let Some(f) = fonts {
        heading.insert(TextFont {
            font: f.bold.clone().into(),
            font_size: FontSize::Px(110.0),
            ..default()
        });
    }
    heading.id()
}

/// Files that could not be read or written, said in the warning colour.
fn spawn_warnings<'a>(
    p: &mut ChildSpawnerCommands,
    warnings: impl Iterator<Item = &'a String>,
    palette: &Palette,
) {
    for w in warnings {
        p.spawn(widgets::label(w.clone(), 16.0, palette.warn));
    }
}

/// The title's line about the workshop session.
#[derive(Component, Debug)]
struct SessionLine;

/// "Workshop session since …: N rounds", or that a new one has begun.
fn session_text(workshop: &Workshop, texts: &Texts) -> String {
    let rounds = workshop.session().rounds.len();
    // `2026-11-30_09-15-02` is shown as `2026-11-30 09:15`.
    let since = match workshop.session().started.split_once('_') {
        Some((day, time)) => format!(
            "{day} {}",
            time.replacen('-', ":", 1).get(..5).unwrap_or(time)
        ),
        None => workshop.session().started.clone(),
    };
    texts.t_args(
        "title-session",
        &[("since", since.into()), ("rounds", rounds.into())],
    )
}

/// Keeps the session line up to date (a session resumed at start-up, a new one begun).
fn show_session(
    workshop: Res<Workshop>,
    texts: Res<Texts>,
    mut line: Query<&mut Text, With<SessionLine>>,
) {
    if workshop.is_changed() {
        for mut t in &mut line {
            t.0 = session_text(&workshop, &texts);
        }
    }
}

/// Play opens the next chapter's lobby (Level select once every chapter has been played);
/// Levels opens Level select; Host a room opens the host's wall on the level selected; Join a
/// room opens the form that joins one as a table.
fn act_on_title(
    mut buttons: MessageReader<TitleButton>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
    keys: Res<ButtonInput<KeyCode>>,
    mut session: MessageWriter<SessionInput>,
    chapter: (
        Res<crate::game::catalog::Catalog>,
        Option<Res<crate::scores::BestScores>>,
        Res<Texts>,
        ResMut<crate::game::catalog::CurrentLevel>,
    ),
) {
    let (catalog, best, texts, mut current) = chapter;
    for button in buttons.read() {
        match button {
            TitleButton::Play => match next_chapter(&catalog, best.as_deref(), &texts) {
                Some((_, i)) => {
                    current.0 = i;
                    next.set(Screen::Lobby);
                }
                None => next.set(Screen::LevelSelect),
            },
            TitleButton::Levels => next.set(Screen::LevelSelect),
            TitleButton::NewSession => {
                session.write(SessionInput::NewSession);
            }
            TitleButton::Settings => next.set(Screen::Settings),
            TitleButton::Host => next.set(Screen::Host),
            TitleButton::Join => next.set(Screen::Join),
            TitleButton::Quit => {
                exit.write(AppExit::Success);
            }
        }
    }
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Back,
        crate::keymap::Context::Menu,
    ) {
        exit.write(AppExit::Success);
    }
}
