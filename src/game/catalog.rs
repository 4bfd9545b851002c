//! Where scenarios come from: the built-in campaign, every `.ron` in `levels/` and in the user's
//! levels folder, and a file given on the command line.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::scenario::{Scenario, load_file, load_str};

/// The campaign, compiled into the game so it runs from any folder.
const BUILT_IN: [(&str, &str); 13] = [
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
        "05-follow-up.en.ron",
        include_str!("../../levels/05-follow-up.en.ron"),
    ),
    (
        "05-follow-up.da.ron",
        include_str!("../../levels/05-follow-up.da.ron"),
    ),
    (
        "06-full-orchestra.en.ron",
        include_str!("../../levels/06-full-orchestra.en.ron"),
    ),
    (
        "06-full-orchestra.da.ron",
        include_str!("../../levels/06-full-orchestra.da.ron"),
    ),
    (
        "00-mandag-i-kundeservice.da.ron",
        include_str!("../../levels/00-mandag-i-kundeservice.da.ron"),
    ),
];

/// One entry of the level list.
#[derive(Debug, Clone)]
pub struct Level {
    /// File name (built-in) or path.
    pub name: String,
    /// The file, when it is one on disk.
    pub path: Option<PathBuf>,
    /// The scenario, or its errors as `FILE:LINE:COL: message` lines.
    pub scenario: Result<Scenario, String>,
}

impl Level {
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
    pub levels: Vec<Level>,
}

/// The level being played (an index into the catalog).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct CurrentLevel(pub usize);

impl Catalog {
    /// The built-in campaign, then `.ron` files in `dirs` (not repeating built-in names), then `extra`.
    pub fn gather(dirs: &[PathBuf], extra: Option<&Path>) -> Catalog {
        let mut levels: Vec<Level> = BUILT_IN
            .iter()
            .map(|(name, text)| Level {
                name: (*name).to_owned(),
                path: None,
                scenario: load_str(name, text).map_err(|e| e.to_string()),
            })
            .collect();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
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
                if BUILT_IN.iter().any(|(b, _)| *b == name) {
                    continue;
                }
                levels.push(Level::from_file(&path));
            }
        }
        if let Some(path) = extra {
            levels.push(Level::from_file(path));
        }
        Catalog { levels }
    }
}

impl Level {
    /// Loads a level from disk; a broken file is listed with its errors.
    pub fn from_file(path: &Path) -> Level {
        Level {
            name: path.display().to_string(),
            path: Some(path.to_owned()),
            scenario: load_file(path).map_err(|e| e.to_string()),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CurrentLevel>();
    app.add_systems(PreStartup, gather_levels);
}

fn gather_levels(mut commands: Commands, launch: Option<Res<super::Launch>>) {
    let mut dirs = vec![PathBuf::from("levels")];
    if let Some(config) = crate::settings::config_dir() {
        dirs.push(config.join("levels"));
    }
    let extra = launch.as_ref().and_then(|l| l.file.clone());
    let catalog = Catalog::gather(&dirs, extra.as_deref());
    if extra.is_some() {
        commands.insert_resource(CurrentLevel(catalog.levels.len() - 1));
    }
    commands.insert_resource(catalog);
}
