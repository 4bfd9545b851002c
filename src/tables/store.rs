//! The host's session folder: the room (its code, its scenario, its tables in the order they
//! came) in `room.json` and every table's round as the replay it sent, `round-N/TABLE.replay`,
//! each written whole as it arrives. A host restarted between rounds with the same folder opens
//! the same room: the same code, the rounds kept, and the tables come back by themselves.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::safe_name;
use crate::files::write_atomic;
use crate::phones::RoomCode;

use super::report::{TableResult, verify_round};
use super::room::RoomState;

/// What `room.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RoomFile {
    code: String,
    scenario_name: String,
    /// The scenario's text: a folder is only opened again for the same scenario.
    scenario: String,
    /// The tables in the order they first came.
    tables: Vec<String>,
}

/// A host's session folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    file: RoomFile,
}

/// A room opened from its folder: the store, and the state kept in it.
pub struct Opened {
    /// The session folder.
    pub store: Store,
    /// The room's code (the one kept, when the room is opened again).
    pub code: RoomCode,
    /// The room's state as kept: its tables, away until they come back, and their rounds.
    pub room: RoomState,
    /// Whether the folder held a room already (the host was restarted).
    pub resumed: bool,
}

impl Store {
    /// Opens the room kept in `dir` if it is of the scenario `text`, or starts a new one there
    /// with a fresh code. `seed` is the scenario's (each round's replays are checked against it).
    pub fn open(
        dir: &Path,
        name: &str,
        text: &str,
        seed: u64,
        max_tables: usize,
    ) -> Result<Opened, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let kept = std::fs::read_to_string(dir.join("room.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<RoomFile>(&t).ok())
            .filter(|f| f.scenario == text);
        let resumed = kept.is_some();
        let file = kept.unwrap_or_else(|| RoomFile {
            code: RoomCode::random().as_str().to_owned(),
            scenario_name: name.to_owned(),
            scenario: text.to_owned(),
            tables: Vec::new(),
        });
        let store = Store {
            dir: dir.to_path_buf(),
            file,
        };
        let room = store.read_rounds(seed, max_tables);
        store.write()?;
        Ok(Opened {
            code: RoomCode::from_typed(&store.file.code),
            store,
            room,
            resumed,
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The room state kept: the tables (away until they come back) and their rounds.
    fn read_rounds(&self, seed: u64, max_tables: usize) -> RoomState {
        let mut room = RoomState::new(max_tables);
        for name in &self.file.tables {
            if room.join(name).is_ok() {
                room.left(name);
            }
        }
        for round in 1..=999u32 {
            let folder = self.dir.join(format!("round-{round}"));
            if !folder.is_dir() {
                break;
            }
            for name in &self.file.tables {
                let path = folder.join(format!("{}.replay", safe_name(name)));
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let round_seed = seed.wrapping_add(u64::from(round) - 1);
                if let Ok(r) = verify_round(name, round, &text, &self.file.scenario, round_seed) {
                    room.add_result(r);
                }
            }
        }
        room
    }

    /// Notes the room's tables (a new one in the order it came).
    pub fn note_tables<'a>(&mut self, names: impl Iterator<Item = &'a str>) -> Result<(), String> {
        let before = self.file.tables.len();
        for n in names {
            if !self.file.tables.iter().any(|t| t == n) {
                self.file.tables.push(n.to_owned());
            }
        }
        if self.file.tables.len() == before {
            return Ok(());
        }
        self.write()
    }

    /// Keeps a table's round as its replay.
    pub fn keep(&self, result: &TableResult) -> Result<PathBuf, String> {
        let folder = self.dir.join(format!("round-{}", result.round));
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let path = folder.join(format!("{}.replay", safe_name(&result.table)));
        let text = result.replay.to_text().map_err(|e| e.to_string())?;
        write_atomic(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }

    fn write(&self) -> Result<(), String> {
        let path = self.dir.join("room.json");
        let text = serde_json::to_string_pretty(&self.file).map_err(|e| e.to_string())?;
        write_atomic(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
    }
}
