//! Rooms (`tutti simulate FILE --rooms`): the same seeds played once per strategy, every seated
//! department on that strategy and the rest by their colleagues, so that one table shows whether
//! a scenario teaches. A room is named after its strategy: in the room `own` every seated
//! department plays only its own part, in `attentive` it also listens for the calls between the
//! chairs, and so on. `tutti check` plays some rooms too, to say when a file will not teach (see
//! `super::teaching`).

use std::fmt::Write as _;

use serde::Serialize;

use super::Say;
use crate::scenario::{DeptId, Scenario};
use crate::sim::{Debrief, Metre, Seat, SimBuilder, Strategy, play_seated};

/// The rooms, in the order the table lists them: every strategy.
pub const ROOMS: [Strategy; 5] = Strategy::ALL;

/// The runs `--rooms` plays when `--runs` is not given.
pub(crate) const DEFAULT_RUNS: u32 = 20;

/// What every room plays: the seated departments and the seeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoomPlan {
    /// The departments seated on the room's strategy; the rest are played by their colleagues.
    pub seated: Vec<DeptId>,
    /// The seed of the first run; run `i` plays `first_seed + i`.
    pub first_seed: u64,
    /// Runs per room.
    pub runs: u32,
}

impl RoomPlan {
    /// Every department of `scenario` seated, `runs` runs from the scenario's own seed.
    pub fn everyone(scenario: &Scenario, runs: u32) -> RoomPlan {
        RoomPlan {
            seated: scenario.dept_ids().collect(),
            first_seed: scenario.seed,
            runs,
        }
    }

    /// The seed of run `run` (from 0).
    pub fn seed(&self, run: u32) -> u64 {
        self.first_seed.wrapping_add(u64::from(run))
    }

    /// The seats of the room `room`.
    pub fn seats(&self, room: Strategy) -> Vec<Seat> {
        self.seated.iter().map(|&d| Seat::new(d, room)).collect()
    }

    /// Whether every department of `scenario` is seated.
    fn seats_everyone(&self, scenario: &Scenario) -> bool {
        scenario.dept_ids().all(|d| self.seated.contains(&d))
    }
}

/// One room's figures: means over its runs (`simulate --rooms --json` prints them, one object
/// per room, with these keys).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RoomFigures {
    /// The room: its strategy's name.
    pub room: Strategy,
    /// Runs played.
    pub runs: u32,
    /// Customers who came (mean).
    pub cases: f64,
    /// Cases answered (mean completed).
    pub answered: f64,
    /// Cases solved but never answered (mean).
    pub solved_but_unanswered: f64,
    /// Cases lost (mean).
    pub lost: f64,
    /// Presses that played nothing (mean).
    pub strays: f64,
    /// The audience at the end (mean).
    pub audience_final: f64,
    /// The audience at its lowest (mean).
    pub audience_min: f64,
    /// Runs in which the audience walked out.
    pub walk_outs: u32,
    /// The mean bar in which those runs ended; `None` when none walked out.
    pub walk_out_bar: Option<f64>,
}

impl RoomFigures {
    /// Answered cases as a share of the customers who came, in per cent (0 when none came).
    pub(crate) fn answered_percent(&self) -> f64 {
        if self.cases > 0.0 {
            100.0 * self.answered / self.cases
        } else {
            0.0
        }
    }
}

/// The sums of a room's runs so far, from which its [`RoomFigures`] are taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RoomTally {
    pub room: Strategy,
    pub runs: u32,
    pub cases: u32,
    pub answered: u32,
    pub solved_but_unanswered: u32,
    pub lost: u32,
    pub strays: u32,
    pub audience_final: f64,
    pub audience_min: f64,
    pub walk_outs: u32,
    /// The bars in which the walk-outs ended, summed.
    pub walk_out_bars: u64,
}

impl RoomTally {
    /// Nothing played yet in the room `room`.
    pub fn new(room: Strategy) -> RoomTally {
        RoomTally {
            room,
            runs: 0,
            cases: 0,
            answered: 0,
            solved_but_unanswered: 0,
            lost: 0,
            strays: 0,
            audience_final: 0.0,
            audience_min: 0.0,
            walk_outs: 0,
            walk_out_bars: 0,
        }
    }

    /// Adds one run's debrief; `metre` tells the bar a walk-out ended in.
    pub fn add(&mut self, d: &Debrief, metre: Metre) {
        self.runs += 1;
        self.cases += d.total;
        self.answered += d.completed;
        self.solved_but_unanswered += d.solved_but_unanswered;
        self.lost += d.lost;
        self.strays += d.strays;
        self.audience_final += d.audience_final;
        self.audience_min += d.audience_min;
        if d.walked_out {
            self.walk_outs += 1;
            self.walk_out_bars += u64::from(metre.bar_of(d.ended_at));
        }
    }

    /// The means so far.
    pub fn figures(&self) -> RoomFigures {
        let n = f64::from(self.runs.max(1));
        let mean = |sum: f64| (sum / n * 100.0).round() / 100.0;
        RoomFigures {
            room: self.room,
            runs: self.runs,
            cases: mean(f64::from(self.cases)),
            answered: mean(f64::from(self.answered)),
            solved_but_unanswered: mean(f64::from(self.solved_but_unanswered)),
            lost: mean(f64::from(self.lost)),
            strays: mean(f64::from(self.strays)),
            audience_final: mean(self.audience_final),
            audience_min: mean(self.audience_min),
            walk_outs: self.walk_outs,
            walk_out_bar: (self.walk_outs > 0).then(|| {
                let bar = self.walk_out_bars as f64 / f64::from(self.walk_outs);
                (bar * 10.0).round() / 10.0
            }),
        }
    }
}

/// Plays one performance of `scenario` with `seed` and `seats`; with no seat that is not a
/// colleague, exactly as `tutti simulate` plays it without seats.
pub fn play(scenario: &Scenario, seed: u64, seats: &[Seat]) -> Debrief {
    let events = if seats.iter().all(|s| s.strategy == Strategy::Colleague) {
        SimBuilder::new(scenario).seed(seed).build().run_to_end()
    } else {
        play_seated(scenario, seed, seats)
    };
    Debrief::from_events(scenario, &events)
}

/// Plays the room `room` run after run while `go_on` says the question asked of it is still
/// open (it sees the tally after each run), at most `plan.runs` runs.
pub(crate) fn play_room_while(
    scenario: &Scenario,
    plan: &RoomPlan,
    room: Strategy,
    mut go_on: impl FnMut(&RoomTally) -> bool,
) -> RoomTally {
    let metre = Metre {
        beats_per_bar: scenario.beats_per_bar,
    };
    let seats = plan.seats(room);
    let mut tally = RoomTally::new(room);
    for run in 0..plan.runs {
        tally.add(&play(scenario, plan.seed(run), &seats), metre);
        if !go_on(&tally) {
            break;
        }
    }
    tally
}

/// Every room of `plan`, in the order of [`ROOMS`], each played `plan.runs` times.
pub(crate) fn play_rooms(scenario: &Scenario, plan: &RoomPlan) -> Vec<RoomFigures> {
    ROOMS
        .iter()
        .map(|&room| play_room_while(scenario, plan, room, |_| true).figures())
        .collect()
}

/// The departments of `scenario` named by `ids` (`--rooms service,it`), in the order written,
/// each once; an unknown id is an error naming the ids that exist.
pub(crate) fn resolve_seated(scenario: &Scenario, ids: &[&str]) -> Result<Vec<DeptId>, String> {
    let mut seated = Vec::new();
    for id in ids.iter().map(|i| i.trim()) {
        let dept = scenario.department_index(id).ok_or_else(|| {
            let known = scenario.departments.iter().map(|d| d.id.as_str());
            format!(
                "--rooms: no department \"{id}\"{}; the departments are {}",
                crate::scenario::suggest::hint(id, known.clone()),
                crate::scenario::suggest::quoted_list(known)
            )
        })?;
        if !seated.contains(&dept) {
            seated.push(dept);
        }
    }
    if seated.is_empty() {
        return Err("--rooms: name at least one department id, e.g. --rooms service,it".into());
    }
    Ok(seated)
}

/// Who is seated, in words: "every department seated" or "seated: service, it (…)".
pub(crate) fn seated_words(scenario: &Scenario, plan: &RoomPlan) -> String {
    if plan.seats_everyone(scenario) {
        return "every department seated".to_owned();
    }
    let ids: Vec<&str> = plan
        .seated
        .iter()
        .map(|&d| scenario.department(d).id.as_str())
        .collect();
    format!(
        "seated: {} (the rest played by their colleagues)",
        ids.join(", ")
    )
}

/// The seeds played, in words: "seed 4" or "seeds 404–423".
pub(crate) fn seeds_words(plan: &RoomPlan) -> String {
    match plan.runs {
        0 | 1 => format!("seed {}", plan.first_seed),
        n => format!("seeds {}–{}", plan.first_seed, plan.seed(n - 1)),
    }
}

/// The table of `simulate --rooms`: a header line naming the scenario, the seeds and who is
/// seated, then a row per room, then what the columns mean, in the language and words of `say`.
pub(crate) fn rooms_table(
    scenario: &Scenario,
    plan: &RoomPlan,
    rows: &[RoomFigures],
    say: Say,
) -> String {
    let mut t = String::new();
    let seeds = match plan.runs {
        0 | 1 => say(
            "sim-seed-one",
            &[("seed", plan.first_seed.to_string().into())],
        ),
        n => say(
            "sim-seed-range",
            &[
                ("from", plan.first_seed.to_string().into()),
                ("to", plan.seed(n - 1).to_string().into()),
            ],
        ),
    };
    let seated = if plan.seats_everyone(scenario) {
        say("sim-rooms-everyone", &[])
    } else {
        let ids: Vec<&str> = plan
            .seated
            .iter()
            .map(|&d| scenario.department(d).id.as_str())
            .collect();
        say("sim-rooms-seated", &[("ids", ids.join(", ").into())])
    };
    let head = [
        ("title", scenario.title.clone().into()),
        ("runs", plan.runs.into()),
        ("seeds", seeds.into()),
        ("seated", seated.into()),
    ];
    let _ = writeln!(t, "{}", say("sim-rooms-title", &head));
    let heads = ROOM_COLUMNS.map(|k| say(k, &[]));
    let widths: Vec<usize> = heads
        .iter()
        .zip(ROOM_WIDTHS)
        .map(|(h, w)| h.chars().count().max(w))
        .collect();
    let line = |cells: &[String]| {
        let mut l = format!("  {:<w$}", cells[0], w = widths[0]);
        for (cell, w) in cells[1..].iter().zip(&widths[1..]) {
            let _ = write!(l, " {cell:>w$}");
        }
        l
    };
    let _ = writeln!(t, "{}", line(&heads));
    for r in rows {
        let _ = writeln!(t, "{}", line(&room_cells(r)));
    }
    let _ = writeln!(t, "  {}", say("sim-rooms-footer", &[]));
    t
}

/// The columns of the rooms table and their least widths.
const ROOM_COLUMNS: [&str; 10] = [
    "sim-col-room",
    "sim-col-cases",
    "sim-col-answered",
    "sim-col-unanswered",
    "sim-col-lost",
    "sim-col-strays",
    "sim-col-audience",
    "sim-col-lowest",
    "sim-col-walk-outs",
    "sim-col-in-bar",
];
const ROOM_WIDTHS: [usize; 10] = [10, 6, 9, 11, 6, 7, 9, 7, 10, 7];

/// One room's row, as the table writes it.
fn room_cells(r: &RoomFigures) -> Vec<String> {
    let bar = r
        .walk_out_bar
        .map_or_else(|| "–".to_owned(), |b| format!("{b:.1}"));
    vec![
        r.room.name().to_owned(),
        format!("{:.2}", r.cases),
        format!("{:.2}", r.answered),
        format!("{:.2}", r.solved_but_unanswered),
        format!("{:.2}", r.lost),
        format!("{:.1}", r.strays),
        format!("{:.1}", r.audience_final),
        format!("{:.1}", r.audience_min),
        format!("{}/{}", r.walk_outs, r.runs),
        bar,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level4() -> Scenario {
        crate::scenario::load_file("levels/04-the-call-nobody-makes.en.ron".as_ref()).unwrap()
    }

    #[test]
    fn a_tally_takes_means_and_the_walk_out_bar() {
        let s = level4();
        let plan = RoomPlan::everyone(&s, 3);
        let t = play_room_while(&s, &plan, Strategy::Silent, |_| true);
        let f = t.figures();
        assert_eq!(f.runs, 3);
        // Nobody plays: every run walks out, so each has a bar.
        assert_eq!(f.walk_outs, 3);
        assert!(f.walk_out_bar.is_some_and(|b| b >= 1.0));
        assert_eq!(f.answered, 0.0);
    }

    #[test]
    fn a_room_stops_when_asked() {
        let s = level4();
        let plan = RoomPlan::everyone(&s, 20);
        let t = play_room_while(&s, &plan, Strategy::Own, |t| t.runs < 4);
        assert_eq!(t.runs, 4);
    }

    #[test]
    fn unknown_ids_name_the_departments() {
        let s = level4();
        let e = resolve_seated(&s, &["servcie"]).unwrap_err();
        assert!(e.contains("did you mean \"service\""), "{e}");
        assert!(e.contains("\"billing\""), "{e}");
        assert_eq!(
            resolve_seated(&s, &["it", "service", "it"]).unwrap(),
            [DeptId(2), DeptId(0)]
        );
    }
}
