//! The rules of Tutti (docs/rules.md) as a deterministic simulation that knows nothing of the game
//! engine: timestamped presses in, typed events out.
//!
//! ```
//! use tutti::sim::{Debrief, SimBuilder};
//! let text = std::fs::read_to_string("levels/01-own-part.en.ron").unwrap();
//! let scenario = tutti::scenario::load_str("01-own-part.en.ron", &text).unwrap();
//! let events = SimBuilder::new(&scenario).seed(7).build().run_to_end();
//! let debrief = Debrief::from_events(&scenario, &events);
//! assert_eq!(debrief.total, debrief.completed + debrief.lost);
//! ```

mod arrivals;
mod audience;
mod band;
mod book;
mod builder;
mod case;
mod caseload;
mod chairs;
mod clash;
mod colleague;
mod debrief;
mod engine;
mod events;
mod goals;
mod input;
mod judge;
mod notes;
mod pace;
mod press;
mod programme;
mod question;
mod queue;
mod score;
mod seats;
mod time;
mod timeline;

pub use arrivals::{PlannedArrival, plan_arrivals};
pub use band::may_pick_up;
pub use builder::SimBuilder;
pub use case::{CaseState, Outcome, StepState, StepStatus};
pub use chairs::{ChairRecord, Chairs, CloseCall};
pub use clash::{Clash, ClashingCase, clashes};
pub(crate) use debrief::DebriefFold;
pub use debrief::{CaseRecord, CauseCost, Debrief, DeptStats, PlayedRecord, StepRecord, WalkOut};
pub use engine::{PlannedNote, Sim};
pub use events::{CaseId, Cause, Event, EventKind, PlayKind};
pub(crate) use goals::{PlayerShare, player_share};
pub use goals::{Players, judge_goals};
pub use input::{Press, SimInput};
pub use judge::{Grade, Judgement, Windows};
pub use question::CallInQuestion;
pub use score::{Score, ScoreCase, ScoreStep};
pub(crate) use seats::play_seated_kept;
pub use seats::{Played, Seat, Strategy, play_seated};
pub use time::{Beat, Metre, Millis, Tempo};
