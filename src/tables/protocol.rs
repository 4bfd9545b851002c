//! The messages between a table and its host, as JSON text over a WebSocket at
//! `/table?room=CODE`, tagged by `"type"`. A table opens with [`TableMsg::Hello`]; the host
//! answers [`HostMsg::Welcome`] (with the scenario's text) or [`HostMsg::Refused`] and closes.
//! `docs/tables.md` documents every message for anyone writing a table of their own.

use serde::{Deserialize, Serialize};

use crate::rounds::RunSummary;

/// The protocol's version; a table and a host must also run the same version of Tutti (the
/// rules, and so the figures, change between versions).
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest message either side reads, bytes: a round's report carries its replay (the
/// scenario's text, at most 256 KiB, and the presses).
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// The longest table name kept, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The version of Tutti this build is, as tables and hosts compare it.
pub fn game_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A message from a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TableMsg {
    /// The first message: the protocol and game versions, the room code and the table's name
    /// (a table coming back sends the same name and is the same table).
    Hello {
        /// The protocol's version ([`PROTOCOL_VERSION`]).
        v: u32,
        /// The table's Tutti version.
        version: String,
        /// The room code, any case.
        room: String,
        /// The table's name (at most [`MAX_NAME_CHARS`] characters).
        name: String,
    },
    /// A clock ping: the host answers [`HostMsg::Pong`] with its own time.
    Ping {
        /// Any number; the `pong` carries it back.
        id: u64,
    },
    /// Who sits where: one entry per department of the scenario.
    Seats {
        /// One entry per department of the scenario.
        seats: Vec<SeatReport>,
    },
    /// How the round goes, sent once a bar.
    Live(LiveReport),
    /// A round played to its end (or skipped to its debrief): its replay, as a `.replay` file
    /// holds it. The host answers [`HostMsg::Received`].
    RoundDone {
        /// The round.
        round: u32,
        /// The text of the round's `.replay` file.
        replay: String,
    },
    /// The table's vote on "who should have made the call?", the counts per option so far.
    Vote {
        /// The round whose debrief the vote is on.
        round: u32,
        /// The counts, one per option.
        counts: Vec<u32>,
    },
}

/// One department's seat at a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatReport {
    /// The department's id in the scenario.
    pub dept: String,
    /// Who plays it: a player's name, `keys`, `pad`, a strategy's name, or empty for its colleague.
    #[serde(default)]
    pub who: String,
}

/// A table's round as it goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveReport {
    /// The round, from 1.
    pub round: u32,
    /// The bar being played, from 1.
    pub bar: u32,
    /// The audience meter, 0–100.
    pub audience: f64,
    /// Calls between the chairs (gap notes) claimed and loose notes picked up so far.
    pub taken: u32,
    /// Calls between the chairs that nobody took so far.
    pub missed: u32,
    /// Whether the table's round is over (its debrief is on).
    #[serde(default)]
    pub ended: bool,
}

/// A round as the host starts it: the same at every table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPlan {
    /// The round, from 1.
    pub round: u32,
    /// The seed every table plays.
    pub seed: u64,
    /// When the first beat of the count-in falls, on the host's clock (ms since it started).
    pub start_at: f64,
}

/// A message from the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum HostMsg {
    /// The table is in: the name it is known by, the scenario every table plays (its file name
    /// and text) and the round under way, if any.
    Welcome {
        /// The table's name (at most [`MAX_NAME_CHARS`] characters).
        name: String,
        /// The scenario's file name on the host.
        scenario_name: String,
        /// The scenario file's text.
        scenario: String,
        /// The round, from 1.
        round: Option<RoundPlan>,
    },
    /// The table is not let in; `why` says so in words, `host_version` is the host's Tutti.
    Refused {
        /// Why, as a word.
        why: RefusedWhy,
        /// The host's Tutti version.
        host_version: String,
    },
    /// The answer to a [`TableMsg::Ping`]: the host's clock when it came, ms.
    Pong {
        /// The ping's `id`.
        id: u64,
        /// The host's clock when the ping came, ms.
        host_ms: f64,
    },
    /// Start a round on one count-in.
    Start(RoundPlan),
    /// Pause (or go on with) the round.
    Pause {
        /// Pause (`true`) or go on.
        paused: bool,
    },
    /// Play at `pct` % of the scenario's tempo.
    Tempo {
        /// % of the scenario's tempo.
        pct: u32,
    },
    /// End the round now and show its debrief.
    Skip,
    /// The host has round `round`'s report and keeps it.
    Received {
        /// The round whose report is kept.
        round: u32,
    },
    /// The event is over: the table may close.
    Over,
}

/// Why a host refuses a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusedWhy {
    /// The room code is not this room's.
    RoomCode,
    /// The table runs another version of Tutti (or of this protocol).
    Version,
    /// A table of that name is connected already.
    NameTaken,
    /// The room has as many tables as it takes.
    Full,
    /// The first message was not a `hello`.
    Hello,
}

impl RefusedWhy {
    /// What a table's person reads, with the host's version and this one's where they matter.
    pub fn explain(self, host_version: &str) -> String {
        match self {
            RefusedWhy::RoomCode => {
                "the host's room code is another: check the code on its screen".into()
            }
            RefusedWhy::Version => format!(
                "the host runs Tutti {host_version} and this is Tutti {}: every table must run the host's version",
                game_version()
            ),
            RefusedWhy::NameTaken => {
                "a table of that name is in the room already: choose another name".into()
            }
            RefusedWhy::Full => "the room has as many tables as it takes".into(),
            RefusedWhy::Hello => "the table did not say hello".into(),
        }
    }
}

/// The figures a host reports of one table's round, as `tutti host --headless` prints them: the
/// table's name, the round and what `tutti simulate --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRoundLine {
    /// The table's name.
    pub table: String,
    /// The round, from 1.
    pub round: u32,
    #[serde(flatten)]
    /// The figures `tutti simulate --json` prints of the round.
    pub summary: RunSummary,
}

/// A name as the host keeps it: trimmed, control characters dropped, at most
/// [`MAX_NAME_CHARS`] characters; `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let kept: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let kept = kept.trim().to_owned();
    (!kept.is_empty()).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_back_as_written() {
        let msgs = [
            TableMsg::Hello {
                v: 1,
                version: "0.1.0".into(),
                room: "ABCD".into(),
                name: "Table 3".into(),
            },
            TableMsg::Live(LiveReport {
                round: 1,
                bar: 4,
                audience: 73.5,
                taken: 2,
                missed: 1,
                ended: false,
            }),
        ];
        for m in msgs {
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<TableMsg>(&text).unwrap(), m);
        }
        let start = serde_json::to_string(&HostMsg::Start(RoundPlan {
            round: 2,
            seed: 7,
            start_at: 1500.0,
        }))
        .unwrap();
        assert_eq!(
            start,
            r#"{"type":"start","round":2,"seed":7,"start_at":1500.0}"#
        );
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  Table\u{7} 3 ").as_deref(), Some("Table 3"));
        assert_eq!(clean_name(" \n "), None);
        assert_eq!(
            clean_name(&"x".repeat(100)).unwrap().chars().count(),
            MAX_NAME_CHARS
        );
    }
}
