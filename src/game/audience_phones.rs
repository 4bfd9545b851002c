//! The audience's phones: every phone in the room without a seat is given a waiting customer as
//! one arrives, and follows their case through the orchestra: the phone draws the case's path
//! (a mark per step in the colour and shape of the department that plays it, a grey one for a
//! call between the chairs), how far it got, a note on the floor, and says it in words; when the
//! case is lost the phone rings. Each performance starts fresh (a new piece, Play again, a
//! practice loop's next round): no phone keeps a case of the last one. Audience phones never
//! touch the performance: this only reads its events.

use bevy::prelude::*;

use super::performance::{Performance, Setup, SimEvent};
use super::phones::{Phones, seat_info};
use crate::phones::{NEUTRAL_COLOUR, PathStep, PhoneId, ServerMsg};
use crate::scenario::Owner;
use crate::sim::{CaseId, EventKind};
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;

/// A customer an audience phone holds, and how far their case got.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldCase {
    /// The audience phone that holds the customer.
    pub phone: PhoneId,
    /// The customer's case.
    pub case: CaseId,
    /// The case's name (its template's).
    name: String,
    /// The case's path through the orchestra, step by step.
    path: Vec<PathStep>,
    /// Steps played so far (the path's length once answered).
    pub at: usize,
    /// The current step's note lies on the floor.
    pub dropped: bool,
}

impl HeldCase {
    /// The message for the phone, with `text` saying what just happened, in `texts`' language
    /// and words.
    fn message(&self, text: String, lost: bool, texts: &Texts) -> ServerMsg {
        ServerMsg::Customer {
            text,
            lost,
            who: crate::scenario::words::capitalised(&texts.words().one),
            number: Some(self.case.0 + 1),
            path: self.path.clone(),
            at: self.at,
            dropped: self.dropped,
        }
    }
}

/// Which customer each audience phone holds.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct AudienceCases(pub Vec<HeldCase>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AudienceCases>();
    app.add_systems(OnEnter(Screen::CountIn), start_fresh);
    app.add_systems(Update, follow_cases.in_set(AppSet::Update));
}

/// A customer-less line for a phone (waiting for one).
fn waiting(text: String) -> ServerMsg {
    ServerMsg::Customer {
        text,
        lost: false,
        who: String::new(),
        number: None,
        path: Vec::new(),
        at: 0,
        dropped: false,
    }
}

/// A performance starts (its count-in): every case held is forgotten, and the audience phones are
/// told they wait for a new customer (none shows the last piece's case or rings for it).
fn start_fresh(
    phones: Option<Res<Phones>>,
    setup: Res<Setup>,
    texts: Res<Texts>,
    mut held: ResMut<AudienceCases>,
) {
    held.0.clear();
    let Some(phones) = phones else { return };
    let text = texts.t("audience-phone-waiting");
    for p in phones.server().phones() {
        if p.connected && setup.phone_dept(p.phone).is_none() {
            phones.server().send(p.phone, waiting(text.clone()));
        }
    }
}

/// Case `case`'s path through the orchestra, as its phone draws it.
fn path_of(perf: &Performance, case: CaseId) -> Vec<PathStep> {
    let Some(template) = perf
        .score()
        .case(case)
        .and_then(|c| perf.scenario().cases.get(c.template.0))
    else {
        return Vec::new();
    };
    template
        .steps
        .iter()
        .map(|step| match step.owner {
            Owner::Dept(d) => {
                let seat = seat_info(d.0, perf.department(d), None);
                PathStep {
                    colour: seat.colour,
                    shape: seat.shape,
                }
            }
            Owner::Gap(_) => PathStep {
                colour: NEUTRAL_COLOUR.into(),
                shape: "gap".into(),
            },
        })
        .collect()
}

/// Follows an event in `held`'s case: how far it got, and what to say (with whether the
/// customer gave up).
fn follow(
    held: &mut HeldCase,
    perf: &Performance,
    texts: &Texts,
    kind: &EventKind,
) -> Option<(String, bool)> {
    let say = |key: &str| texts.t_args(key, &[("case", held.name.clone().into())]);
    Some(match kind {
        EventKind::Handoff { to_step, .. } => {
            let owner = held_owner(perf, held.case, *to_step)?;
            held.at = *to_step;
            held.dropped = false;
            match owner {
                Owner::Dept(d) => {
                    let dept = perf.department(d).name.clone();
                    let args = [("case", held.name.clone().into()), ("dept", dept.into())];
                    (texts.t_args("audience-phone-with", &args), false)
                }
                Owner::Gap(_) => (say("audience-phone-between"), false),
            }
        }
        EventKind::Dropped { .. } => {
            held.dropped = true;
            (say("audience-phone-dropped"), false)
        }
        EventKind::Completed { .. } => {
            held.at = held.path.len();
            held.dropped = false;
            (say("audience-phone-answered"), false)
        }
        EventKind::Lost { .. } => (say("audience-phone-lost"), true),
        _ => return None,
    })
}

/// Who plays step `step` of case `case`.
fn held_owner(perf: &Performance, case: CaseId, step: usize) -> Option<Owner> {
    let template = perf.score().case(case)?.template;
    Some(
        perf.scenario()
            .cases
            .get(template.0)?
            .steps
            .get(step)?
            .owner,
    )
}

/// The case an event concerns.
fn case_of(kind: &EventKind) -> Option<CaseId> {
    match kind {
        EventKind::Arrived { case, .. }
        | EventKind::Handoff { case, .. }
        | EventKind::Dropped { case, .. }
        | EventKind::Completed { case, .. }
        | EventKind::Lost { case, .. } => Some(*case),
        _ => None,
    }
}

/// Gives arriving customers to free audience phones and tells each phone how its case goes.
fn follow_cases(
    phones: Option<Res<Phones>>,
    perf: Option<Res<Performance>>,
    setup: Res<Setup>,
    texts: Res<Texts>,
    mut held: ResMut<AudienceCases>,
    mut events: MessageReader<SimEvent>,
) {
    let (Some(phones), Some(perf)) = (phones, perf) else {
        events.clear();
        return;
    };
    for SimEvent(e) in events.read() {
        let Some(case) = case_of(&e.kind) else {
            continue;
        };
        if matches!(e.kind, EventKind::Arrived { .. }) {
            give_customer(&phones, &perf, &setup, &texts, &mut held, case);
            continue;
        }
        let Some(i) = held.0.iter().position(|h| h.case == case) else {
            continue;
        };
        let h = &mut held.0[i];
        if let Some((text, lost)) = follow(h, &perf, &texts, &e.kind) {
            phones.server().send(h.phone, h.message(text, lost, &texts));
        }
        if matches!(e.kind, EventKind::Completed { .. } | EventKind::Lost { .. }) {
            held.0.remove(i);
        }
    }
}

/// Gives the customer of arriving case `case` to the first audience phone holding none.
fn give_customer(
    phones: &Phones,
    perf: &Performance,
    setup: &Setup,
    texts: &Texts,
    held: &mut AudienceCases,
    case: CaseId,
) {
    let free = phones.server().phones().into_iter().find(|p| {
        p.connected
            && setup.phone_dept(p.phone).is_none()
            && held.0.iter().all(|h| h.phone != p.phone)
    });
    let Some(phone) = free.map(|p| p.phone) else {
        return;
    };
    let name = case_name(perf, case);
    let text = texts.t_args(
        "audience-phone-case",
        &[("case", name.clone().into()), ("n", (case.0 + 1).into())],
    );
    let h = HeldCase {
        phone,
        case,
        name,
        path: path_of(perf, case),
        at: 0,
        dropped: false,
    };
    phones.server().send(phone, h.message(text, false, texts));
    held.0.push(h);
}

/// The name of case `case`'s template.
fn case_name(perf: &Performance, case: CaseId) -> String {
    perf.score()
        .case(case)
        .and_then(|c| perf.scenario().cases.get(c.template.0))
        .map_or_else(String::new, |t| t.name.clone())
}
