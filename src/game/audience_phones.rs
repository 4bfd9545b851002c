//! The audience's phones: every phone in the room without a seat is given a waiting customer as
//! one arrives, and follows their case through the orchestra (with whom it is, between the
//! chairs, dropped, answered); when the case is lost the phone rings. Each performance starts fresh
//! (a new piece, Play again, a practice loop's next round): no phone keeps a case of the last one.
//! Audience phones never touch the performance: this only reads its events.

use bevy::prelude::*;

use super::performance::{Performance, Setup, SimEvent};
use super::phones::Phones;
use crate::phones::{PhoneId, ServerMsg};
use crate::scenario::Owner;
use crate::sim::{CaseId, EventKind};
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;

/// Which customer each audience phone holds, with the case's name.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct AudienceCases(pub Vec<(PhoneId, CaseId, String)>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AudienceCases>();
    app.add_systems(OnEnter(Screen::CountIn), start_fresh);
    app.add_systems(Update, follow_cases.in_set(AppSet::Update));
}

/// A performance starts (its count-in): every case held is forgotten, and the audience phones are
/// told they wait for a new customer (none shows the last piece's case or rings for it).
fn start_fresh(phones: Option<Res<Phones>>, texts: Res<Texts>, mut held: ResMut<AudienceCases>) {
    held.0.clear();
    let Some(phones) = phones else { return };
    let text = texts.t("audience-phone-waiting");
    for p in phones.server().phones() {
        if p.connected && p.seat.is_none() {
            let text = text.clone();
            phones
                .server()
                .send(p.phone, ServerMsg::Customer { text, lost: false });
        }
    }
}

/// What an event means for the customer holding case `name`, as a line and whether they gave up.
fn line_for(
    perf: &Performance,
    texts: &Texts,
    name: &str,
    kind: &EventKind,
) -> Option<(String, bool)> {
    let case_name = |_: CaseId| name.to_owned();
    let say = |key: &str, case: CaseId| texts.t_args(key, &[("case", case_name(case).into())]);
    Some(match kind {
        EventKind::Handoff { case, to_step, .. } => {
            let template = perf.score().case(*case)?.template;
            match perf
                .scenario()
                .cases
                .get(template.0)?
                .steps
                .get(*to_step)?
                .owner
            {
                Owner::Dept(d) => (
                    texts.t_args(
                        "audience-phone-with",
                        &[
                            ("case", case_name(*case).into()),
                            ("dept", perf.department(d).name.clone().into()),
                        ],
                    ),
                    false,
                ),
                Owner::Gap(_) => (say("audience-phone-between", *case), false),
            }
        }
        EventKind::Dropped { case, .. } => (say("audience-phone-dropped", *case), false),
        EventKind::Completed { case, .. } => (say("audience-phone-answered", *case), false),
        EventKind::Lost { case, .. } => (say("audience-phone-lost", *case), true),
        _ => return None,
    })
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
            let free = phones.server().phones().into_iter().find(|p| {
                p.connected
                    && p.seat.is_none()
                    && setup.phone_dept(p.phone).is_none()
                    && held.0.iter().all(|(q, ..)| *q != p.phone)
            });
            if let Some(phone) = free.map(|p| p.phone) {
                let name = case_name(&perf, case);
                let text = texts.t_args(
                    "audience-phone-case",
                    &[("case", name.clone().into()), ("n", (case.0 + 1).into())],
                );
                held.0.push((phone, case, name));
                phones
                    .server()
                    .send(phone, ServerMsg::Customer { text, lost: false });
            }
            continue;
        }
        let Some((phone, _, name)) = held.0.iter().find(|(_, c, _)| *c == case).cloned() else {
            continue;
        };
        if let Some((text, lost)) = line_for(&perf, &texts, &name, &e.kind) {
            phones
                .server()
                .send(phone, ServerMsg::Customer { text, lost });
        }
        if matches!(e.kind, EventKind::Completed { .. } | EventKind::Lost { .. }) {
            held.0.retain(|(p, ..)| *p != phone);
        }
    }
}

/// The name of case `case`'s template.
fn case_name(perf: &Performance, case: CaseId) -> String {
    perf.score()
        .case(case)
        .and_then(|c| perf.scenario().cases.get(c.template.0))
        .map_or_else(String::new, |t| t.name.clone())
}
