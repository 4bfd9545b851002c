//! The best audience score per level, kept beside the settings (`best.ron` in the config folder)
//! and written atomically, and with it the level's goals met so far (`goals.ron` beside it, by
//! each goal's [`crate::scenario::Goal::key`]). Only whole performances count, not practice loops
//! or pieces skipped to the debrief.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::settings::SettingsStore;

/// The best scores, by level name (file name for the campaign, path for files on disk).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct BestScores {
    /// Where they are saved; `None`: not saved (no config folder, or tests).
    pub path: Option<PathBuf>,
    /// The best score of each level.
    pub scores: BTreeMap<String, f64>,
    /// The goals met so far, by level name: each goal's key, in the order first met.
    pub goals: BTreeMap<String, Vec<String>>,
    /// Why the last save failed, if it did (the scores stay in memory).
    pub warning: Option<String>,
}

impl BestScores {
    /// The best score of `level`.
    pub fn get(&self, level: &str) -> Option<f64> {
        self.scores.get(level).copied()
    }

    /// Records `score` for `level`; true if it is a new best (then saves).
    pub fn record(&mut self, level: &str, score: f64) -> bool {
        if !score.is_finite() || self.get(level).is_some_and(|best| best >= score) {
            return false;
        }
        self.scores.insert(level.to_owned(), score);
        if let Some(path) = &self.path {
            self.warning = crate::files::write_ron_atomic(path, &self.scores)
                .err()
                .map(|e| format!("Could not save the best scores to {}: {e}", path.display()));
        }
        true
    }

    /// The goals of `level` met so far (their keys).
    pub fn met_goals(&self, level: &str) -> &[String] {
        self.goals.get(level).map_or(&[], Vec::as_slice)
    }

    /// Adds the goals met in a whole performance of `level` (their keys) to those met before;
    /// true if any is new (then saves, beside the scores).
    pub fn record_goals(&mut self, level: &str, met: &[String]) -> bool {
        let kept = self.goals.entry(level.to_owned()).or_default();
        let before = kept.len();
        for key in met {
            if !kept.contains(key) {
                kept.push(key.clone());
            }
        }
        if kept.len() == before {
            return false;
        }
        if let Some(path) = self.goals_path() {
            self.warning = crate::files::write_ron_atomic(&path, &self.goals)
                .err()
                .map(|e| format!("Could not save the goals met to {}: {e}", path.display()));
        }
        true
    }

    /// `goals.ron`, beside `best.ron`.
    fn goals_path(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_file_name("goals.ron"))
    }

    /// Reads `path`; a missing or damaged file gives no scores (a damaged one is set aside as
    /// `best.ron.corrupt`, as the settings are; see [`crate::files`]).
    pub fn load(path: &Path) -> BestScores {
        let loaded = crate::files::load_or_set_aside(path);
        let goals = crate::files::load_or_set_aside(&path.with_file_name("goals.ron"));
        let warning = loaded
            .problem
            .map(|p| p.message("The best-scores file", "the best scores start afresh"))
            .or_else(|| {
                let what = "the goals met start afresh";
                goals
                    .problem
                    .map(|p| p.message("The file of goals met", what))
            });
        BestScores {
            path: Some(path.to_owned()),
            scores: loaded.value,
            goals: goals.value,
            warning,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<BestScores>() {
        let path = app
            .world()
            .get_resource::<SettingsStore>()
            .and_then(|s| s.path.as_ref())
            .and_then(|p| p.parent())
            .map(|dir| dir.join("best.ron"));
        let best = path
            .as_deref()
            .map_or_else(BestScores::default, BestScores::load);
        app.insert_resource(best);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_better_score_is_kept_and_it_survives_a_restart() {
        let dir = std::env::temp_dir().join(format!("tutti-best-{}", std::process::id()));
        let path = dir.join("best.ron");
        let _ = std::fs::remove_dir_all(&dir);
        let mut best = BestScores::load(&path);
        assert!(best.record("01-own-part.en.ron", 62.0));
        assert!(
            !best.record("01-own-part.en.ron", 55.0),
            "a worse score is not a best"
        );
        assert!(best.record("01-own-part.en.ron", 70.5));
        assert!(!best.record("x", f64::NAN));
        let again = BestScores::load(&path);
        assert_eq!(again.get("01-own-part.en.ron"), Some(70.5));
        assert!(
            !dir.join("best.ron.tmp").exists(),
            "no temporary file left behind"
        );

        assert!(best.record_goals("01-own-part.en.ron", &["none-lost".to_owned()]));
        assert!(!best.record_goals("01-own-part.en.ron", &["none-lost".to_owned()]));
        assert!(best.record_goals("01-own-part.en.ron", &["strays-at-most-5".to_owned()]));
        let again = BestScores::load(&path);
        assert_eq!(
            again.met_goals("01-own-part.en.ron"),
            ["none-lost", "strays-at-most-5"],
            "goals met add up across rounds and survive a restart"
        );
        assert_eq!(again.get("01-own-part.en.ron"), Some(70.5));

        std::fs::write(&path, "{\"half").unwrap();
        let damaged = BestScores::load(&path);
        assert!(damaged.scores.is_empty());
        assert!(damaged.warning.is_some());
        assert!(dir.join("best.ron.corrupt").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
