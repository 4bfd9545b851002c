//! The room a host keeps: its tables (by name, in the order they first came), what each last
//! said of its seats and its round, the round under way and every round's reports. Pure state:
//! the server's threads change it under a lock, the host's screen and the headless host read it.

use std::collections::BTreeMap;

use super::protocol::{LiveReport, RefusedWhy, RoundPlan, SeatReport};
use super::report::TableResult;

/// The most tables a room takes by default (tables are counted apart from phones).
pub const MAX_TABLES: usize = 64;

/// One table as the host knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRecord {
    /// The table's name, as the host keeps it.
    pub name: String,
    /// Who sits where, as the table last said.
    pub seats: Vec<SeatReport>,
    /// The table's round as it last said.
    pub live: Option<LiveReport>,
    /// Whether it is connected now.
    pub connected: bool,
    /// Its phones' vote, counts per option, and the round it was of.
    pub vote: Option<(u32, Vec<u32>)>,
}

impl TableRecord {
    /// Seats with a player in them, and all seats.
    pub fn seats_filled(&self) -> (usize, usize) {
        let filled = self.seats.iter().filter(|s| !s.who.is_empty()).count();
        (filled, self.seats.len())
    }
}

/// The room's state.
#[derive(Debug, Default)]
pub struct RoomState {
    tables: Vec<TableRecord>,
    /// The round started last, and the tables in the room when it started.
    round: Option<(RoundPlan, Vec<String>)>,
    paused: bool,
    tempo_pct: Option<u32>,
    results: BTreeMap<u32, Vec<TableResult>>,
    max_tables: usize,
}

impl RoomState {
    /// An empty room that takes at most `max_tables` tables.
    pub fn new(max_tables: usize) -> RoomState {
        RoomState {
            max_tables,
            ..RoomState::default()
        }
    }

    /// Lets table `name` in (a new one, or one coming back), or says why not.
    pub fn join(&mut self, name: &str) -> Result<(), RefusedWhy> {
        let full = self.tables.len() >= self.max_tables;
        // Two names kept as one file name ("Table 1", "Table-1") would share a replay file.
        let file = crate::export::safe_name(name);
        let clash = self
            .tables
            .iter()
            .any(|t| t.name != name && crate::export::safe_name(&t.name) == file);
        if clash {
            return Err(RefusedWhy::NameTaken);
        }
        match self.tables.iter_mut().find(|t| t.name == name) {
            Some(t) if t.connected => Err(RefusedWhy::NameTaken),
            Some(t) => {
                t.connected = true;
                Ok(())
            }
            None if full => Err(RefusedWhy::Full),
            None => {
                self.tables.push(TableRecord {
                    name: name.to_owned(),
                    seats: Vec::new(),
                    live: None,
                    connected: true,
                    vote: None,
                });
                Ok(())
            }
        }
    }

    /// Table `name` went away (it keeps its place and its reports).
    pub fn left(&mut self, name: &str) {
        if let Some(t) = self.table_mut(name) {
            t.connected = false;
        }
    }

    /// Every table, in the order they first came.
    pub fn tables(&self) -> &[TableRecord] {
        &self.tables
    }

    /// Tables connected now.
    pub fn connected(&self) -> usize {
        self.tables.iter().filter(|t| t.connected).count()
    }

    fn table_mut(&mut self, name: &str) -> Option<&mut TableRecord> {
        self.tables.iter_mut().find(|t| t.name == name)
    }

    /// Table `name`'s seats.
    pub fn set_seats(&mut self, name: &str, seats: Vec<SeatReport>) {
        if let Some(t) = self.table_mut(name) {
            t.seats = seats;
        }
    }

    /// Table `name`'s round as it goes.
    pub fn set_live(&mut self, name: &str, live: LiveReport) {
        if let Some(t) = self.table_mut(name) {
            t.live = Some(live);
        }
    }

    /// Table `name`'s phones' vote of `round`.
    pub fn set_vote(&mut self, name: &str, round: u32, counts: Vec<u32>) {
        if let Some(t) = self.table_mut(name) {
            t.vote = Some((round, counts));
        }
    }

    /// The round started last, if any.
    pub fn round(&self) -> Option<&RoundPlan> {
        self.round.as_ref().map(|(plan, _)| plan)
    }

    /// The number the next round gets.
    pub fn next_round(&self) -> u32 {
        let last_kept = self.results.keys().next_back().copied().unwrap_or(0);
        self.round().map_or(0, |p| p.round).max(last_kept) + 1
    }

    /// Starts `plan`: every table connected now is expected to report it.
    pub fn start(&mut self, plan: RoundPlan) {
        let expected = self
            .tables
            .iter()
            .filter(|t| t.connected)
            .map(|t| t.name.clone())
            .collect();
        self.round = Some((plan, expected));
        self.paused = false;
    }

    /// Whether the room is paused, and the tempo set (none: each table's own).
    pub fn pace(&self) -> (bool, Option<u32>) {
        (self.paused, self.tempo_pct)
    }

    /// Pauses or goes on.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Sets the room's tempo, % of the scenario's.
    pub fn set_tempo(&mut self, pct: u32) {
        self.tempo_pct = Some(pct);
    }

    /// Keeps a table's report of a round (a second report of the same round replaces the first).
    pub fn add_result(&mut self, result: TableResult) {
        let list = self.results.entry(result.round).or_default();
        list.retain(|r| r.table != result.table);
        list.push(result);
        let order: Vec<String> = self.tables.iter().map(|t| t.name.clone()).collect();
        list.sort_by_key(|r| order.iter().position(|n| *n == r.table));
    }

    /// The reports of round `round`, in the tables' order.
    pub fn results(&self, round: u32) -> &[TableResult] {
        self.results.get(&round).map_or(&[], Vec::as_slice)
    }

    /// The rounds with at least one report.
    pub fn rounds(&self) -> Vec<u32> {
        self.results.keys().copied().collect()
    }

    /// The tables expected to report the round under way that have not yet.
    pub fn waiting_for(&self) -> Vec<String> {
        let Some((plan, expected)) = &self.round else {
            return Vec::new();
        };
        let have = self.results(plan.round);
        expected
            .iter()
            .filter(|n| !have.iter().any(|r| &r.table == *n))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_comes_back_by_its_name_and_a_second_of_the_name_is_refused() {
        let mut room = RoomState::new(2);
        assert_eq!(room.join("Table 1"), Ok(()));
        assert_eq!(room.join("Table 1"), Err(RefusedWhy::NameTaken));
        room.left("Table 1");
        assert_eq!(room.join("Table 1"), Ok(()));
        assert_eq!(room.join("Table 2"), Ok(()));
        assert_eq!(room.join("Table 3"), Err(RefusedWhy::Full));
        assert_eq!(
            room.join("Table-2"),
            Err(RefusedWhy::NameTaken),
            "the same file name"
        );
        assert_eq!(room.tables().len(), 2);
    }

    #[test]
    fn rounds_are_numbered_on() {
        let mut room = RoomState::new(4);
        assert_eq!(room.next_round(), 1);
        room.join("A").unwrap();
        room.start(RoundPlan {
            round: 1,
            seed: 3,
            start_at: 0.0,
        });
        assert_eq!(room.next_round(), 2);
        assert_eq!(room.waiting_for(), vec!["A".to_owned()]);
    }
}
