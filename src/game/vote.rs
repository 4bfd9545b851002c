//! The debrief's vote, with phones on: on the debrief the room is asked "who should have made the
//! call?" about the call between the chairs that fell between them most in the piece
//! ([`crate::sim::Debrief::call_in_question`]); the options are the departments that could have
//! taken it and nobody's job. Every phone votes (one vote each, which it may change); the vote
//! closes when the debrief is left. The phones' room keeps the votes; [`VoteTally`] is the game's
//! copy of their counts for the debrief's chart, one per performance.

use bevy::prelude::*;

use super::performance::Performance;
use super::phones::{Phones, seat_info};
use crate::phones::{NEUTRAL_COLOUR, VoteOption, VoteQuestion};
use crate::scenario::DeptId;
use crate::sim::Debrief;
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;

/// The debrief's vote as the facilitator sees it: the call asked about and the votes for each
/// option so far.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct VoteTally {
    /// The performance whose debrief asks (its serial); `None`: no vote (phones off, or a piece
    /// with no call between the chairs).
    pub serial: Option<u64>,
    /// The call asked about, as "Between the chairs" names it.
    pub call: String,
    /// Its case's name.
    pub case: String,
    /// The options and their votes, in the question's order.
    pub options: Vec<TallyOption>,
}

/// One option of the vote and its votes.
#[derive(Debug, Clone, PartialEq)]
pub struct TallyOption {
    /// The department; `None`: nobody's job.
    pub dept: Option<DeptId>,
    /// The department's name, or the words for nobody's job.
    pub name: String,
    /// The votes for it.
    pub count: u32,
}

impl VoteTally {
    /// Votes cast, all options together.
    pub fn total(&self) -> u32 {
        self.options.iter().map(|o| o.count).sum()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<VoteTally>();
    app.add_systems(
        OnEnter(Screen::Debrief),
        open_vote.after(super::finished::RecordPiece),
    );
    app.add_systems(OnExit(Screen::Debrief), close_vote);
    app.add_systems(
        Update,
        count_votes
            .in_set(AppSet::Update)
            .run_if(in_state(Screen::Debrief)),
    );
}

/// Entering the debrief with phones on: puts the question to the phones. A new performance's
/// vote starts from no votes; back on the same debrief (from the comparison, say) its votes stand.
pub fn open_vote(
    phones: Option<Res<Phones>>,
    perf: Option<Res<Performance>>,
    finished: Res<super::finished::FinishedPiece>,
    texts: Res<Texts>,
    mut tally: ResMut<VoteTally>,
) {
    let (Some(phones), Some(perf), Some(record)) = (phones, perf, finished.0.as_ref()) else {
        return;
    };
    if tally.serial != Some(perf.serial()) {
        *tally = tally_of(&perf, &record.debrief, &texts);
    }
    if tally.serial.is_some() {
        phones
            .server()
            .open_vote(question_of(&tally, &perf, &texts));
    }
}

/// The vote of `perf`'s debrief, no votes yet; no vote when its piece has no call between the
/// chairs.
fn tally_of(perf: &Performance, d: &Debrief, texts: &Texts) -> VoteTally {
    let scenario = perf.scenario();
    let Some(q) = d.call_in_question(scenario) else {
        return VoteTally::default();
    };
    let mut options: Vec<TallyOption> = q
        .could_take
        .iter()
        .map(|&d| TallyOption {
            dept: Some(d),
            name: perf.department(d).name.clone(),
            count: 0,
        })
        .collect();
    options.push(TallyOption {
        dept: None,
        name: texts.t("vote-nobody"),
        count: 0,
    });
    VoteTally {
        serial: Some(perf.serial()),
        call: q.step_name,
        case: q.case_name,
        options,
    }
}

/// The question as the phones get it: each department in its colour and shape.
fn question_of(tally: &VoteTally, perf: &Performance, texts: &Texts) -> VoteQuestion {
    let options = tally
        .options
        .iter()
        .map(|o| match o.dept {
            Some(d) => {
                let seat = seat_info(d.0, perf.department(d), None);
                VoteOption {
                    dept: Some(d.0),
                    name: seat.name,
                    colour: seat.colour,
                    shape: seat.shape,
                }
            }
            None => VoteOption {
                dept: None,
                name: o.name.clone(),
                colour: NEUTRAL_COLOUR.to_owned(),
                shape: "none".to_owned(),
            },
        })
        .collect();
    VoteQuestion {
        id: tally.serial.unwrap_or_default(),
        question: texts.t("vote-ask"),
        call: tally.call.clone(),
        case: tally.case.clone(),
        options,
    }
}

/// Leaving the debrief closes the vote; the phones go back to their own view.
fn close_vote(phones: Option<Res<Phones>>) {
    if let Some(phones) = phones {
        phones.server().close_vote();
    }
}

/// Copies the room's counts of this debrief's vote into [`VoteTally`] when they change.
fn count_votes(phones: Option<Res<Phones>>, mut tally: ResMut<VoteTally>) {
    let (Some(phones), Some(serial)) = (phones, tally.serial) else {
        return;
    };
    let Some(counts) = phones
        .server()
        .vote_counts()
        .filter(|c| c.id == serial && c.counts.len() == tally.options.len())
    else {
        return;
    };
    if tally
        .options
        .iter()
        .map(|o| o.count)
        .eq(counts.counts.iter().copied())
    {
        return;
    }
    for (o, n) in tally.options.iter_mut().zip(counts.counts) {
        o.count = n;
    }
}
