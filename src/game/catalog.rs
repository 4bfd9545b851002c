//! Where scenarios come from: the built-in campaign, every `.ron` in `levels/` and in the user's
//! levels folder, a file given on the command line and files dropped on the window. Files on disk
//! are watched while Level select, the Lobby or the Briefing is shown: a saved change reloads the
//! level; a broken version shows its errors and keeps the last good version playable.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bevy::prelude::*;

use crate::scenario::{Scenario, load_str};

/// A chapter of the campaign: its number on screen and its level in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chapter {
    /// Shown on screen ("1", "2", …); the files keep their own names.
    pub number: u32,
    /// The Danish version's file name.
    pub da: &'static str,
    /// The English version's file name.
    pub en: &'static str,
}

impl Chapter {
    /// The file name of the version in `lang` (`"da"` or `"en"`).
    pub fn file(self, lang: &str) -> &'static str {
        if lang == "da" { self.da } else { self.en }
    }
}

/// The campaign as a path: a chapter per lesson, the reference story where its lesson falls.
pub const CHAPTERS: [Chapter; 8] = [
    Chapter {
        number: 1,
        da: "01-own-part.da.ron",
        en: "01-own-part.en.ron",
    },
    Chapter {
        number: 2,
        da: "02-pass-the-baton.da.ron",
        en: "02-pass-the-baton.en.ron",
    },
    Chapter {
        number: 3,
        da: "03-busy-colleague.da.ron",
        en: "03-busy-colleague.en.ron",
    },
    Chapter {
        number: 4,
        da: "04-the-call-nobody-makes.da.ron",
        en: "04-the-call-nobody-makes.en.ron",
    },
    Chapter {
        number: 5,
        da: "00-mandag-i-kundeservice.da.ron",
        en: "00-monday-in-customer-service.en.ron",
    },
    Chapter {
        number: 6,
        da: "05-follow-up.da.ron",
        en: "05-follow-up.en.ron",
    },
    Chapter {
        number: 7,
        da: "07-the-whole-case.da.ron",
        en: "07-the-whole-case.en.ron",
    },
    Chapter {
        number: 8,
        da: "06-full-orchestra.da.ron",
        en: "06-full-orchestra.en.ron",
    },
];

/// The chapter a campaign file belongs to, and the file's language.
pub fn chapter_of(name: &str) -> Option<(Chapter, &'static str)> {
    CHAPTERS.iter().find_map(|c| {
        if c.da == name {
            Some((*c, "da"))
        } else if c.en == name {
            Some((*c, "en"))
        } else {
            None
        }
    })
}

/// The campaign's files, compiled into the game so it runs from any folder.
const BUILT_IN: [(&str, &str); 16] = [
    (
        "01-own-part.en.ron",
        include_str!("../../levels/01-own-part.en.ron"),
    ),
    (
        "01-own-part.da.ron",
        include_str!("../../levels/01-own-part.da.ron"),
    ),
    (
        "02-pass-the-baton.en.ron",
        include_str!("../../levels/02-pass-the-baton.en.ron"),
    ),
    (
        "02-pass-the-baton.da.ron",
        include_str!("../../levels/02-pass-the-baton.da.ron"),
    ),
    (
        "03-busy-colleague.en.ron",
        include_str!("../../levels/03-busy-colleague.en.ron"),
    ),
    (
        "03-busy-colleague.da.ron",
        include_str!("../../levels/03-busy-colleague.da.ron"),
    ),
    (
        "04-the-call-nobody-makes.en.ron",
        include_str!("../../levels/04-the-call-nobody-makes.en.ron"),
    ),
    (
        "04-the-call-nobody-makes.da.ron",
        include_str!("../../levels/04-the-call-nobody-makes.da.ron"),
    ),
    (
        "00-monday-in-customer-service.en.ron",
        include_str!("../../levels/00-monday-in-customer-service.en.ron"),
    ),
    (
        "00-mandag-i-kundeservice.da.ron",
        include_str!("../../levels/00-mandag-i-kundeservice.da.ron"),
    ),
    (
        "05-follow-up.en.ron",
        include_str!("../../levels/05-follow-up.en.ron"),
    ),
    (
        "05-follow-up.da.ron",
        include_str!("../../levels/05-follow-up.da.ron"),
    ),
    (
        "07-the-whole-case.en.ron",
        include_str!("../../levels/07-the-whole-case.en.ron"),
    ),
    (
        "07-the-whole-case.da.ron",
        include_str!("../../levels/07-the-whole-case.da.ron"),
    ),
    (
        "06-full-orchestra.en.ron",
        include_str!("../../levels/06-full-orchestra.en.ron"),
    ),
    (
        "06-full-orchestra.da.ron",
        include_str!("../../levels/06-full-orchestra.da.ron"),
    ),
];

/// How often watched files are looked at.
const WATCH_EVERY: Duration = Duration::from_millis(500);

/// One entry of the level list.
#[derive(Debug, Clone)]
pub struct Level {
    /// File name (built-in) or path.
    pub name: String,
    /// The file, when it is one on disk.
    pub path: Option<PathBuf>,
    /// The scenario (the last good version), or its errors as `FILE:LINE:COL: message` lines when
    /// no version has been good yet.
    pub scenario: Result<Scenario, String>,
    /// The errors of the file's newest version when it is broken but an older version is good
    /// (and still playable).
    pub problem: Option<String>,
    /// The text of the version in [`Level::scenario`] (what a replay keeps).
    pub source: String,
    /// The replay this entry plays back, when it is one (not listed among the levels).
    pub replay: Option<PathBuf>,
    /// The file's modification time and length when last read.
    stamp: Option<FileStamp>,
}

/// What tells a changed file from an unchanged one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

impl Level {
    /// The campaign chapter this level is a version of, with its language.
    pub fn chapter(&self) -> Option<(Chapter, &'static str)> {
        if self.replay.is_some() {
            return None;
        }
        chapter_of(&self.name)
    }

    /// The title to list (or the file name of a broken file).
    pub fn title(&self) -> String {
        match &self.scenario {
            Ok(s) => s.title.clone(),
            Err(_) => self.name.clone(),
        }
    }
}

/// The levels on offer.
#[derive(Resource, Debug, Default)]
pub struct Catalog {
    /// Every level found, the campaign's first.
    pub levels: Vec<Level>,
    /// The folders searched for `.ron` files (new files there join the list when watched).
    pub dirs: Vec<PathBuf>,
}

/// The level being played (an index into the catalog).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct CurrentLevel(pub usize);

/// The level chosen now and its scenario, for the systems that show or play it: one way to ask
/// "which scenario is on stage?".
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct OnStage<'w> {
    catalog: Res<'w, Catalog>,
    current: Res<'w, CurrentLevel>,
}

impl OnStage<'_> {
    /// The level chosen now.
    pub fn level(&self) -> Option<&Level> {
        self.catalog.levels.get(self.current.0)
    }

    /// Its scenario, when it has loaded (a broken file that never loaded has none).
    pub fn scenario(&self) -> Option<&Scenario> {
        self.level().and_then(|l| l.scenario.as_ref().ok())
    }
}

impl Catalog {
    /// The built-in campaign, then `.ron` files in `dirs` (not repeating built-in names), then `extra`.
    pub fn gather(dirs: &[PathBuf], extra: Option<&Path>) -> Catalog {
        let mut catalog = Catalog {
            levels: Vec::new(),
            dirs: dirs.to_vec(),
        };
        let mut levels: Vec<Level> = BUILT_IN
            .iter()
            .map(|(name, text)| Level {
                name: (*name).to_owned(),
                path: None,
                scenario: load_str(name, text).map_err(|e| e.to_string()),
                problem: None,
                source: (*text).to_owned(),
                replay: None,
                stamp: None,
            })
            .collect();
        catalog.levels.append(&mut levels);
        catalog.add_new_files();
        if let Some(path) = extra {
            catalog.levels.push(Level::from_file(path));
        }
        catalog
    }

    /// Adds the `.ron` files in the catalog's folders that are not listed yet (a file named like a
    /// campaign level takes that level's place and is watched); returns how many joined.
    pub fn add_new_files(&mut self) -> usize {
        let mut added = 0;
        for dir in self.dirs.clone() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect();
            files.sort();
            for path in files {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if self.levels.iter().any(|l| l.path.as_deref() == Some(&path)) {
                    continue;
                }
                // The campaign's own file on disk (in the project's `levels/`) takes the built-in
                // level's place, so that editing it reloads it; a broken one shows its errors and
                // keeps the built-in version playable.
                if let Some(level) = self
                    .levels
                    .iter_mut()
                    .find(|l| l.path.is_none() && l.name == name)
                {
                    level.read_from(&path);
                    continue;
                }
                self.levels.push(Level::from_file(&path));
                added += 1;
            }
        }
        added
    }
}

impl Level {
    /// Loads a level from disk; a broken file is listed with its errors.
    fn from_file(path: &Path) -> Level {
        let stamp = FileStamp::of(path);
        let (scenario, source) = load_with_text(path);
        Level {
            name: path.display().to_string(),
            path: Some(path.to_owned()),
            scenario,
            problem: None,
            source,
            replay: None,
            stamp,
        }
    }

    /// Reads the level from `path` (from now on its file) and keeps the last good version: a
    /// good new version replaces the level; a broken one is kept as [`Level::problem`] beside the
    /// last good version; a file that never loaded shows its newest errors. The name stays (a
    /// campaign level read from its file keeps its campaign name, its best score's key).
    fn read_from(&mut self, path: &Path) {
        self.stamp = FileStamp::of(path);
        self.path = Some(path.to_owned());
        let (loaded, text) = load_with_text(path);
        match loaded {
            Ok(s) => {
                self.scenario = Ok(s);
                self.problem = None;
                self.source = text;
            }
            Err(e) if self.scenario.is_ok() => self.problem = Some(e),
            Err(e) => {
                self.scenario = Err(e);
                self.problem = None;
            }
        }
    }

    /// Reads the file again if it changed since it was last read; true if it did. A good new
    /// version replaces the level; a broken one is kept as [`Level::problem`] beside the last good
    /// version. A file that disappeared keeps what was loaded.
    fn reload_if_changed(&mut self) -> bool {
        let Some(path) = self.path.clone() else {
            return false;
        };
        let stamp = FileStamp::of(&path);
        if stamp == self.stamp || stamp.is_none() {
            return false;
        }
        self.read_from(&path);
        true
    }

    /// The errors to show for this level: those of a broken newest version, or of a file that
    /// never loaded.
    pub fn errors(&self) -> Option<&str> {
        match (&self.scenario, &self.problem) {
            (_, Some(p)) => Some(p),
            (Err(e), None) => Some(e),
            (Ok(_), None) => None,
        }
    }
}

impl Catalog {
    /// The index of the campaign level `name` (a file name such as `01-own-part.en.ron`), when it
    /// can be played.
    fn campaign_index(&self, name: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.replay.is_none() && l.name == name && l.scenario.is_ok())
    }

    /// The next chapter to play, in `lang` (`"da"` or `"en"`): the first chapter neither version
    /// of which has been played to its end (`played` says, by level name, from the best
    /// scores), as its chapter and its version's index. `None` when every chapter has been.
    pub(crate) fn next_chapter(
        &self,
        lang: &str,
        played: impl Fn(&str) -> bool,
    ) -> Option<(Chapter, usize)> {
        CHAPTERS
            .iter()
            .filter(|c| !played(c.da) && !played(c.en))
            .find_map(|c| Some((*c, self.campaign_index(c.file(lang))?)))
    }

    /// The entry of a replay's scenario (added, or the one added before for the same replay);
    /// returns its index.
    pub(crate) fn add_replay(
        &mut self,
        path: &Path,
        name: &str,
        scenario: Scenario,
        text: &str,
    ) -> usize {
        if let Some(i) = self
            .levels
            .iter()
            .position(|l| l.replay.as_deref() == Some(path))
        {
            return i;
        }
        self.levels.push(Level {
            name: name.to_owned(),
            path: None,
            scenario: Ok(scenario),
            problem: None,
            source: text.to_owned(),
            replay: Some(path.to_owned()),
            stamp: None,
        });
        self.levels.len() - 1
    }

    /// The entry of a scenario given as text (a room's host sends its scenario to every table):
    /// added, or the one added before with the same name and text; its index. A text that does
    /// not load is refused with its errors.
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<usize, String> {
        if let Some(i) = self.levels.iter().position(|l| {
            l.path.is_none() && l.replay.is_none() && l.name == name && l.source == text
        }) {
            return Ok(i);
        }
        let scenario = load_str(name, text).map_err(|e| e.to_string())?;
        self.levels.push(Level {
            name: name.to_owned(),
            path: None,
            scenario: Ok(scenario),
            problem: None,
            source: text.to_owned(),
            replay: None,
            stamp: None,
        });
        Ok(self.levels.len() - 1)
    }

    /// Reloads every watched file that changed; returns the indices of those that did.
    fn reload_changed(&mut self) -> Vec<usize> {
        self.levels
            .iter_mut()
            .enumerate()
            .filter_map(|(i, l)| l.reload_if_changed().then_some(i))
            .collect()
    }

    /// Adds a file (dropped on the window), or reloads it if it is listed already; returns its
    /// index.
    pub fn add_file(&mut self, path: &Path) -> usize {
        if let Some(i) = self
            .levels
            .iter()
            .position(|l| l.path.as_deref() == Some(path))
        {
            self.levels[i].read_from(path);
            return i;
        }
        self.levels.push(Level::from_file(path));
        self.levels.len() - 1
    }
}

/// Loads a scenario file, keeping its text (see [`crate::scenario::read_file`]).
fn load_with_text(path: &Path) -> (Result<Scenario, String>, String) {
    match crate::scenario::read_file(path) {
        Ok((scenario, text)) => (Ok(scenario), text),
        Err(e) => (Err(e.to_string()), String::new()),
    }
}

/// Times the look at watched files.
#[derive(Resource)]
struct WatchTimer(Timer);

impl Default for WatchTimer {
    fn default() -> Self {
        WatchTimer(Timer::new(WATCH_EVERY, TimerMode::Repeating))
    }
}

/// Twice a second on Level select, Lobby and Briefing: reloads changed files and shows the screen
/// again when what it shows changed.
fn watch_levels(
    time: Res<Time>,
    mut timer: ResMut<WatchTimer>,
    mut catalog: ResMut<Catalog>,
    current: Res<CurrentLevel>,
    state: Res<State<crate::states::Screen>>,
    mut next: ResMut<NextState<crate::states::Screen>>,
) {
    if !timer.0.tick(time.delta()).just_finished() {
        return;
    }
    let changed = catalog.reload_changed();
    for i in &changed {
        info!("reloaded {}", catalog.levels[*i].name);
    }
    let screen = *state.get();
    let list_changed = screen == crate::states::Screen::LevelSelect
        && (!changed.is_empty() || catalog.add_new_files() > 0);
    if changed.contains(&current.0) || list_changed {
        next.set(screen);
    }
}

/// A scenario file dropped on the window joins the list and opens in the Lobby (during a piece
/// it only joins the list).
fn open_dropped_files(
    mut drops: MessageReader<bevy::window::FileDragAndDrop>,
    mut catalog: ResMut<Catalog>,
    mut current: ResMut<CurrentLevel>,
    state: Res<State<crate::states::Screen>>,
    mut next: ResMut<NextState<crate::states::Screen>>,
) {
    use crate::states::Screen;
    for d in drops.read() {
        if let bevy::window::FileDragAndDrop::DroppedFile { path_buf, .. } = d {
            let i = catalog.add_file(path_buf);
            info!("opened dropped file {}", path_buf.display());
            if matches!(
                state.get(),
                Screen::Title | Screen::LevelSelect | Screen::Lobby | Screen::Briefing
            ) {
                current.0 = i;
                // A file that cannot be played opens on Level select, with its errors shown.
                next.set(if catalog.levels[i].scenario.is_ok() {
                    Screen::Lobby
                } else {
                    Screen::LevelSelect
                });
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    use crate::states::Screen;
    app.init_resource::<CurrentLevel>();
    app.init_resource::<WatchTimer>();
    app.add_message::<bevy::window::FileDragAndDrop>();
    app.add_systems(PreStartup, gather_levels);
    app.add_systems(
        Update,
        (
            watch_levels.run_if(
                in_state(Screen::LevelSelect)
                    .or_else(in_state(Screen::Lobby))
                    .or_else(in_state(Screen::Briefing)),
            ),
            open_dropped_files,
        ),
    );
}

fn gather_levels(mut commands: Commands, launch: Option<Res<crate::states::Launch>>) {
    let mut dirs = vec![PathBuf::from("levels")];
    if let Some(config) = crate::settings::config_dir() {
        dirs.push(config.join("levels"));
    }
    let mut catalog = Catalog::gather(&dirs, None);
    // The file from the command line (`tutti host FILE`'s too: the wall speaks its language):
    // listed once, even when it is one of the folders' files.
    let file = launch.as_ref().and_then(|l| {
        l.file
            .as_deref()
            .or(l.host.as_ref().map(|h| h.file.as_path()))
    });
    if let Some(path) = file {
        commands.insert_resource(CurrentLevel(catalog.add_file(path)));
    }
    commands.insert_resource(catalog);
}
