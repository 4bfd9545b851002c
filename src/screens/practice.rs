//! Home practice on the debrief: the level's goals, met or not, and for a player alone what they
//! did for the shared result, in the lesson's terms, with the scenario's reflection question.
//! The figures come from the simulation ([`crate::sim::judge_goals`],
//! [`crate::sim::player_share`]); this module only words them.

use bevy::prelude::*;

use crate::scenario::{DeptId, Goal, Scenario};
use crate::sim::{Debrief, PlayerShare, Players, judge_goals, player_share};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets;

/// A goal in the interface's language, e.g. "Take 5 calls between the chairs".
pub(crate) fn goal_text(texts: &Texts, goal: Goal) -> String {
    let with_n = |key: &str, n: f64| texts.t_args(key, &[("n", n.into())]);
    match goal {
        Goal::NoUnanswered => texts.t("goal-no-unanswered"),
        Goal::NoneLost => texts.t("goal-none-lost"),
        Goal::AudienceAbove(v) => with_n("goal-audience-above", v),
        Goal::Takes(n) => with_n("goal-takes", f64::from(n)),
        Goal::Rescues(n) => with_n("goal-rescues", f64::from(n)),
        Goal::StraysAtMost(n) => with_n("goal-strays-at-most", f64::from(n)),
        Goal::DoubleWorkAtMost(n) => with_n("goal-double-work-at-most", f64::from(n)),
    }
}

/// The goals' lines on the debrief: `✓ goal` or `✗ goal`, with whether each was met.
fn goal_lines(texts: &Texts, s: &Scenario, d: &Debrief, people: &[DeptId]) -> Vec<(String, bool)> {
    judge_goals(&s.goals, d, Players(people))
        .into_iter()
        .map(|(g, met)| {
            let mark = if met { "✓" } else { "✗" };
            (format!("{mark} {}", goal_text(texts, g)), met)
        })
        .collect()
}

/// What one player did, as sentences: their own notes, the calls that were theirs to make, the
/// loose notes by their chair and the customers lost where they could have helped.
fn share_lines(texts: &Texts, share: &PlayerShare) -> Vec<String> {
    let mut lines = Vec::new();
    if share.own_notes > 0 {
        lines.push(texts.t_args(
            "share-own",
            &[
                ("played", share.own_played.into()),
                ("notes", share.own_notes.into()),
            ],
        ));
    }
    if share.calls > 0 {
        lines.push(texts.t_args(
            "share-calls",
            &[
                ("calls", share.calls.into()),
                ("made", share.calls_made.into()),
                ("others", share.calls_by_others.into()),
            ],
        ));
    }
    if share.loose > 0 {
        lines.push(texts.t_args(
            "share-loose",
            &[
                ("loose", share.loose.into()),
                ("picked", share.loose_picked.into()),
            ],
        ));
    }
    lines.push(if share.lost_at_chair > 0 {
        texts.t_args(
            "share-lost",
            &[
                ("lost", share.lost_at_chair.into()),
                ("unanswered", share.unanswered_at_chair.into()),
            ],
        )
    } else {
        texts.t("share-none-lost")
    });
    lines
}

/// The one department a person played, when exactly one was (a player alone).
pub(crate) fn lone_player(people: &[DeptId]) -> Option<DeptId> {
    match people {
        [one] => Some(*one),
        _ => None,
    }
}

/// The goals (when the level has any), then, for a player alone, their share of the result and
/// the reflection question; returns whether the player-alone part was shown (then the group's
/// discussion questions are left out).
pub(crate) fn spawn_home_practice(
    left: &mut ChildSpawnerCommands,
    s: &Scenario,
    d: &Debrief,
    people: &[DeptId],
    whole: bool,
    texts: &Texts,
    p: &Palette,
) -> bool {
    if !s.goals.is_empty() && !whole {
        // A skipped piece or a practice loop is not judged (nor kept with the best score).
        left.spawn(widgets::label(
            texts.t("debrief-goals-unjudged"),
            16.0,
            p.dim,
        ));
    } else if !s.goals.is_empty() {
        // One line (the room is short at 1280×720): green when every goal was met.
        let lines = goal_lines(texts, s, d, people);
        let all = lines.iter().all(|(_, met)| *met);
        let text: Vec<String> = lines.into_iter().map(|(l, _)| l).collect();
        left.spawn(widgets::label(
            format!("{} {}", texts.t("debrief-goals"), text.join(" · ")),
            16.0,
            if all { p.good } else { p.bad },
        ));
    }
    let Some(me) = lone_player(people) else {
        return false;
    };
    let name = s.department(me).name.clone();
    left.spawn(widgets::label(
        texts.t_args("share-heading", &[("dept", name.into())]),
        16.0,
        p.dim,
    ));
    for line in share_lines(texts, &player_share(s, d, me)) {
        left.spawn(widgets::label(format!("• {line}"), 16.0, p.text));
    }
    if !s.reflection.is_empty() {
        left.spawn(widgets::label(
            texts.t_args("debrief-reflection", &[("q", s.reflection.clone().into())]),
            16.0,
            p.accent,
        ));
    }
    true
}
