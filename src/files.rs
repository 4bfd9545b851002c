//! The game's own files, each rule written once: a file is written atomically (beside its final
//! name, synced, then renamed into place, so a crash or a full disk never leaves half a file), and
//! a RON file is read back or, when damaged, set aside as `NAME.corrupt` so that defaults can be
//! used without losing what was there. Knows nothing of Bevy.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `bytes` to `path` atomically: into `NAME.tmp` beside it (creating missing folders),
/// synced to disk, then renamed over the old file. On an error the old file is left as it was
/// and the temporary file is removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = beside(path, "tmp");
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    // Make the rename itself durable where the platform allows syncing a folder.
    if let Some(dir) = dir
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `value` as pretty RON to `path` with [`write_atomic`].
pub(crate) fn write_ron_atomic<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    write_atomic(path, text.as_bytes())
}

/// What `load_or_set_aside` read: the value, and what went wrong if something did.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// The file's contents, or the defaults when it was missing, unreadable or damaged.
    pub value: T,
    /// Why the defaults are used; `None` when the file was read or simply not there.
    pub problem: Option<LoadProblem>,
}

/// Why a file's contents could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// The file is there but could not be read (it is left where it is).
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// The file is not valid; it was renamed to `aside` (`None` if even that failed).
    Damaged {
        /// What is wrong with it.
        reason: String,
        /// Where it was set aside.
        aside: Option<PathBuf>,
    },
}

impl LoadProblem {
    /// A sentence for the player: `what` names the file ("The settings file"), `instead` says
    /// what is used instead ("defaults are used").
    pub fn message(&self, what: &str, instead: &str) -> String {
        match self {
            LoadProblem::Unreadable { path, reason } => {
                format!("Could not read {}: {reason}; {instead}.", path.display())
            }
            LoadProblem::Damaged {
                reason,
                aside: Some(aside),
            } => format!(
                "{what} was damaged ({reason}); it was kept as {} and {instead}.",
                aside.display()
            ),
            LoadProblem::Damaged {
                reason,
                aside: None,
            } => format!("{what} was damaged ({reason}); {instead}."),
        }
    }
}

/// Reads `path` as RON. A missing file gives `T::default()` and no problem; an unreadable one
/// gives the default and says why; a damaged one is renamed to `NAME.corrupt` (replacing an older
/// one) and gives the default, saying where it was kept.
pub(crate) fn load_or_set_aside<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let fallback = |problem| Loaded {
        value: T::default(),
        problem: Some(problem),
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Loaded {
                value: T::default(),
                problem: None,
            };
        }
        Err(e) => {
            return fallback(LoadProblem::Unreadable {
                path: path.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    match ron::from_str(&text) {
        Ok(value) => Loaded {
            value,
            problem: None,
        },
        Err(e) => {
            let aside = beside(path, "corrupt");
            let moved = std::fs::rename(path, &aside).is_ok();
            fallback(LoadProblem::Damaged {
                reason: e.to_string(),
                aside: moved.then_some(aside),
            })
        }
    }
}

/// `path` with `.suffix` added to its file name (`best.ron` → `best.ron.tmp`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map_or_else(OsString::new, OsString::from);
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn fresh_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tutti-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = fresh_dir("write");
        let path = dir.join("new/folder/best.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert!(!dir.join("new/folder/best.ron.tmp").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_write_that_cannot_be_made_returns_an_error_and_leaves_the_old_file_intact() {
        let dir = fresh_dir("blocked");
        let path = dir.join("settings.ron");
        std::fs::write(&path, "old").unwrap();
        // The temporary file's place is taken by a folder: nothing can be written beside it.
        std::fs::create_dir(dir.join("settings.ron.tmp")).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");

        // A folder where a file is: its folder cannot be made.
        let under_a_file = path.join("inner.ron");
        assert!(write_atomic(&under_a_file, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_write_into_a_read_only_folder_returns_an_error_and_leaves_the_old_file_intact() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = fresh_dir("read-only");
        let path = dir.join("best.ron");
        std::fs::write(&path, "old").unwrap();
        let root = std::fs::metadata(&path).unwrap().uid() == 0;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomic(&path, b"new");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        if root {
            // Permissions do not bind the superuser; the other test covers the error there.
            assert!(result.is_ok(), "{result:?}");
        } else {
            assert!(result.is_err(), "a read-only folder took the file");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
            assert!(!dir.join("best.ron.tmp").exists());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_file_is_set_aside_and_defaults_come_back() {
        let dir = fresh_dir("damaged");
        let path = dir.join("best.ron");
        let mut scores = BTreeMap::new();
        scores.insert("level".to_owned(), 70.5);
        write_ron_atomic(&path, &scores).unwrap();
        assert_eq!(
            load_or_set_aside::<BTreeMap<String, f64>>(&path),
            Loaded {
                value: scores,
                problem: None
            }
        );

        std::fs::write(&path, "{\"half").unwrap();
        let loaded = load_or_set_aside::<BTreeMap<String, f64>>(&path);
        assert!(loaded.value.is_empty());
        let aside = dir.join("best.ron.corrupt");
        let Some(LoadProblem::Damaged {
            aside: Some(kept), ..
        }) = &loaded.problem
        else {
            panic!(
                "expected a damaged file set aside, got {:?}",
                loaded.problem
            )
        };
        assert_eq!(kept, &aside);
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "{\"half");
        assert!(!path.exists(), "the damaged file is no longer in the way");
        let message = loaded
            .problem
            .unwrap()
            .message("The file", "defaults are used");
        assert!(message.contains("damaged"), "{message}");
        assert!(message.contains("best.ron.corrupt"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_gives_defaults_without_a_problem() {
        let dir = fresh_dir("missing");
        let loaded = load_or_set_aside::<BTreeMap<String, f64>>(&dir.join("none.ron"));
        assert_eq!(
            loaded,
            Loaded {
                value: BTreeMap::new(),
                problem: None
            }
        );
        // A folder in the file's place cannot be read: defaults, with the reason, nothing moved.
        let loaded = load_or_set_aside::<BTreeMap<String, f64>>(&dir);
        assert!(
            matches!(loaded.problem, Some(LoadProblem::Unreadable { .. })),
            "{loaded:?}"
        );
        assert!(dir.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
