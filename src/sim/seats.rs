//! Seats played by a fixed strategy instead of a colleague, so that the lesson can be measured
//! (`tutti simulate --seat DEPT=STRATEGY`). Each strategy is a press generator that sees only what
//! a player sees: the score folded from the events so far ([`Score`]). [`play_seated`] drives
//! [`Sim::advance`] from one moment that matters to the next, so the same scenario, seed and seats
//! always give the same events.

use std::fmt;
use std::str::FromStr;

use crate::scenario::{DeptId, Owner, Reach, Scenario};

use super::band::may_pick_up;
use super::builder::SimBuilder;
use super::case::StepStatus;
use super::colleague::REACTION;
use super::engine::Sim;
use super::events::Event;
use super::input::{Press, SimInput};
use super::score::{Score, ScoreCase};
use super::time::{Beat, Tempo};

/// How a seat is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// The department's colleague AI, as without a seat.
    Colleague,
    /// Never presses.
    Silent,
    /// Presses exactly on the due beats of its own live notes; never claims or rescues.
    Own,
    /// Its own notes, plus every gap note it may claim and every loose note it may rescue, on
    /// time. Where another attentive seat with a lower department index may take the same note,
    /// it waits `REACTION` and presses only if the note is still there.
    Attentive,
    /// Presses on every beat.
    Masher,
}

impl Strategy {
    /// Every strategy, in the order the help lists them.
    pub const ALL: [Strategy; 5] = [
        Strategy::Colleague,
        Strategy::Silent,
        Strategy::Own,
        Strategy::Attentive,
        Strategy::Masher,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Colleague => "colleague",
            Strategy::Silent => "silent",
            Strategy::Own => "own",
            Strategy::Attentive => "attentive",
            Strategy::Masher => "masher",
        }
    }

    /// The names of every strategy, comma-separated (for error messages).
    pub fn names() -> String {
        Strategy::ALL.map(Strategy::name).join(", ")
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Strategy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Strategy::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown strategy `{s}`; the strategies are {}",
                    Strategy::names()
                )
            })
    }
}

/// A department played by a strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    /// The department seated.
    pub dept: DeptId,
    /// How it plays.
    pub strategy: Strategy,
}

impl Seat {
    /// Department `dept` played by `strategy`.
    pub fn new(dept: DeptId, strategy: Strategy) -> Seat {
        Seat { dept, strategy }
    }
}

/// Plays `scenario` with `seed`: the seated departments by their strategies (a later seat for
/// the same department replaces an earlier one), every other department by its colleague.
/// Returns the events, as [`Sim::run_to_end`] does.
pub fn play_seated(scenario: &Scenario, seed: u64, seats: &[Seat]) -> Vec<Event> {
    play_seated_kept(scenario, seed, seats).events
}

/// A performance played to its end, with what a replay needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    /// Everything that happened, in order.
    pub events: Vec<Event>,
    /// Every change the simulation applied (the seats' presses).
    pub inputs: Vec<SimInput>,
    /// Where it stopped.
    pub until: Beat,
}

/// [`play_seated`], keeping the presses and where it stopped.
pub(crate) fn play_seated_kept(scenario: &Scenario, seed: u64, seats: &[Seat]) -> Played {
    let mut chosen: Vec<Seat> = Vec::new();
    for s in seats
        .iter()
        .filter(|s| s.dept.0 < scenario.departments.len())
    {
        chosen.retain(|c| c.dept != s.dept);
        chosen.push(*s);
    }
    chosen.retain(|s| s.strategy != Strategy::Colleague);
    chosen.sort_by_key(|s| s.dept.0);
    let mut builder = SimBuilder::new(scenario).seed(seed);
    for s in &chosen {
        builder = builder.human(s.dept);
    }
    Driver {
        sim: builder.build(),
        score: Score::new(scenario),
        events: Vec::new(),
        players: chosen
            .iter()
            .map(|&seat| Player { seat, done: None })
            .collect(),
        attentive: chosen
            .iter()
            .filter(|s| s.strategy == Strategy::Attentive)
            .map(|s| s.dept)
            .collect(),
    }
    .run()
}

/// One seat's press generator: the last moment it has pressed for.
#[derive(Debug, Clone, Copy)]
struct Player {
    seat: Seat,
    /// Every press due up to this moment has been made.
    done: Option<Beat>,
}

/// What a player looks at to decide: the score, the time, the tempo, and which departments are
/// played attentively.
struct View<'a> {
    score: &'a Score,
    now: Beat,
    tempo: Tempo,
    attentive: &'a [DeptId],
    /// Each department's reach.
    reaches: &'a [Reach],
}

impl Player {
    /// The moments at which this seat presses, for what it sees now, after `done`; one per note
    /// it means to play (two notes due at once get two presses).
    fn wanted(&self, v: &View) -> Vec<Beat> {
        let after = |t: Beat| self.done.is_none_or(|d| t.0 > d.0);
        let mut times = Vec::new();
        match self.seat.strategy {
            Strategy::Colleague | Strategy::Silent => {}
            Strategy::Masher => {
                let next = self.done.map_or(v.now.0.ceil(), |d| d.0.floor() + 1.0);
                times.push(Beat(next.max(v.now.0.ceil())));
            }
            Strategy::Own | Strategy::Attentive => {
                for case in v.score.cases() {
                    if let Some(t) = self.target(case, v) {
                        times.push(t);
                    }
                }
            }
        }
        times.retain(|&t| after(t));
        times
    }

    /// When this seat presses for the note holding the baton in `case`, if it means to.
    fn target(&self, case: &ScoreCase, v: &View) -> Option<Beat> {
        let step = case.steps.get(case.current)?;
        let own = step.owner == Owner::Dept(self.seat.dept);
        match step.status {
            StepStatus::Live if own => Some(step.due),
            _ if self.seat.strategy != Strategy::Attentive => None,
            StepStatus::Live if matches!(step.owner, Owner::Gap(_)) => {
                self.claim_time(step.owner, step.due, v)
            }
            StepStatus::Loose { appearance, .. } if appearance > 0 => {
                self.claim_time(step.owner, step.loose_due?, v)
            }
            _ => None,
        }
    }

    /// When an attentive seat reaches for a gap or loose note due at `due`: on the beat, or a
    /// reaction later if an attentive seat with a lower department index may take it too.
    fn claim_time(&self, owner: Owner, due: Beat, v: &View) -> Option<Beat> {
        let dept = self.seat.dept;
        if !may_pick_up(owner, dept, v.reaches[dept.0]) {
            return None;
        }
        let waits = v
            .attentive
            .iter()
            .any(|&o| o.0 < dept.0 && may_pick_up(owner, o, v.reaches[o.0]));
        Some(if waits {
            due + v.tempo.beats(REACTION)
        } else {
            due
        })
    }
}

/// Runs a performance with seats: advances to the next scheduled work or the next press, whichever
/// comes first, and lets each seat look at the score again.
struct Driver {
    sim: Sim,
    score: Score,
    events: Vec<Event>,
    players: Vec<Player>,
    attentive: Vec<DeptId>,
}

impl Driver {
    fn run(mut self) -> Played {
        let limit = self.sim.coda_limit();
        while !self.sim.is_ended() {
            let next_press = self.wanted().into_iter().map(|(t, _)| t).reduce(min_beat);
            let Some(t) = [self.sim.next_job_at(), next_press]
                .into_iter()
                .flatten()
                .reduce(min_beat)
            else {
                break;
            };
            if t.0 > limit.0 {
                break;
            }
            self.advance(t, &[]);
            let presses: Vec<Press> = self
                .wanted()
                .into_iter()
                .filter(|&(at, _)| at.0 <= t.0)
                .map(|(_, dept)| Press::new(t, dept))
                .collect();
            for p in &mut self.players {
                if presses.iter().any(|q| q.dept == p.seat.dept) {
                    p.done = Some(t);
                }
            }
            if !presses.is_empty() {
                self.advance(t, &presses);
            }
        }
        Played {
            inputs: self.sim.inputs().to_vec(),
            until: self.sim.now(),
            events: self.events,
        }
    }

    /// Every press the seats mean to make, as things stand: (when, who).
    fn wanted(&self) -> Vec<(Beat, DeptId)> {
        let view = View {
            score: &self.score,
            now: self.sim.now(),
            tempo: self.sim.tempo(),
            attentive: &self.attentive,
            reaches: self.sim.reaches(),
        };
        self.players
            .iter()
            .flat_map(|p| p.wanted(&view).into_iter().map(|t| (t, p.seat.dept)))
            .collect()
    }

    /// Advances the performance to `t` with `presses`, and the score with it.
    fn advance(&mut self, t: Beat, presses: &[Press]) {
        let from = self.events.len();
        self.sim.advance(t, presses, &mut self.events);
        for e in &self.events[from..] {
            self.score.apply(e);
        }
    }
}

fn min_beat(a: Beat, b: Beat) -> Beat {
    if b.0 < a.0 { b } else { a }
}
