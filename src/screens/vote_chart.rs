//! The debrief's vote, with phones on: "Who should have made the call?" as a small bar chart (a
//! bar per option, its count, the option's name in its department's colour), updated as the
//! phones vote, and how many phone taps came late over the network. It sits in the debrief's
//! right column above the timeline, which gives up as many rows as it takes.

use bevy::prelude::*;

use crate::game::stage::color_of;
use crate::game::vote::VoteTally;
use crate::scenario::Scenario;
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets;

/// An option's name on the chart (its index in [`VoteTally::options`]).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteName(pub usize);

/// An option's count on the chart.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteCount(pub usize);

/// An option's bar.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
struct VoteBar(usize);

/// The chart's line of how many have voted.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteTotal;

/// The height of one row of bars, px.
const ROW_HEIGHT: f32 = 20.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        show_votes
            .in_set(AppSet::Update)
            .run_if(in_state(Screen::Debrief)),
    );
}

/// Departments above which the department table leaves the chart little room.
const LONG_TABLE: usize = 8;

/// How many columns of bars `n` options take in a piece of `depts` departments: one for a call
/// between two chairs, more for a call anyone could take, and as many as fit (three) beside a
/// long department table, so the chart stays short.
fn columns(n: usize, depts: usize) -> usize {
    if depts > LONG_TABLE {
        return n.clamp(1, 3);
    }
    match n {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    }
}

/// The vote's section: the question, a bar per option, and (when some came) the phone taps late
/// over the network. Returns how many timeline rows it takes the room of.
pub(super) fn spawn_vote_section(
    parent: &mut ChildSpawnerCommands,
    tally: Option<&VoteTally>,
    late_network: u32,
    scenario: &Scenario,
    (texts, p): (&Texts, &Palette),
) -> usize {
    let mut rows = 0;
    if let Some(tally) = tally.filter(|t| !t.options.is_empty()) {
        let question = question_line(tally, texts);
        parent
            .spawn(Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(12),
                ..default()
            })
            .with_children(|title| {
                title.spawn(widgets::label(question, 16.0, p.accent));
                title.spawn((
                    widgets::label(total_line(tally, texts), 16.0, p.dim),
                    VoteTotal,
                ));
            });
        spawn_bars(parent, tally, scenario, p);
        let cols = columns(tally.options.len(), scenario.departments.len());
        rows += title_rows(tally, texts) + tally.options.len().div_ceil(cols);
    }
    if late_network > 0 {
        let line = texts.t_args("phone-late-network", &[("n", late_network.into())]);
        parent.spawn(widgets::label(line, 16.0, p.warn));
        rows += 1;
    }
    rows
}

/// Characters of 16 px text that fit on one line of the debrief's right column (the interface
/// scales with the window, so at any size).
const LINE_CHARS: usize = 80;

/// Lines the chart's title takes: the question and the votes so far, beside it or wrapped.
fn title_rows(tally: &VoteTally, texts: &Texts) -> usize {
    let question = question_line(tally, texts);
    // The longest the count gets: before the first vote.
    let total = texts.t_args("vote-total", &[("n", 0.into())]);
    if question.chars().count() + total.chars().count() > LINE_CHARS {
        2
    } else {
        1
    }
}

/// "Who should have made the call? “Call the customer back” (Wrong bill)".
fn question_line(tally: &VoteTally, texts: &Texts) -> String {
    texts.t_args(
        "vote-question",
        &[
            ("call", tally.call.clone().into()),
            ("case", tally.case.clone().into()),
        ],
    )
}

/// "3 votes", or before the first, to vote on a phone.
fn total_line(tally: &VoteTally, texts: &Texts) -> String {
    texts.t_args("vote-total", &[("n", tally.total().into())])
}

/// The bars, in columns: each its option's name in its colour, the bar, and the count.
fn spawn_bars(
    parent: &mut ChildSpawnerCommands,
    tally: &VoteTally,
    scenario: &Scenario,
    p: &Palette,
) {
    let cols = columns(tally.options.len(), scenario.departments.len());
    let most = tally.options.iter().map(|o| o.count).max().unwrap_or(0);
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            row_gap: px(4),
            width: percent(100),
            ..default()
        })
        .with_children(|grid| {
            for (i, o) in tally.options.iter().enumerate() {
                let dept = o.dept.and_then(|d| scenario.departments.get(d.0));
                let color = dept.map_or(p.dim, |d| color_of(d.color));
                let glyph = dept.map_or("∅", |d| crate::game::glyph(d.shape));
                let name = format!("{glyph} {}", o.name);
                grid.spawn(Node {
                    width: percent(100.0 / cols as f32),
                    height: px(ROW_HEIGHT),
                    flex_direction: FlexDirection::Row,
                    align_items: AlignItems::Center,
                    column_gap: px(6),
                    padding: UiRect::right(px(12)),
                    ..default()
                })
                .with_children(|row| {
                    spawn_row(row, (i, name, o.count, most), color, p);
                });
            }
        });
}

/// One option: its name, its bar (as long as its share of the most votes) and its count.
fn spawn_row(
    row: &mut ChildSpawnerCommands,
    (i, name, count, most): (usize, String, u32, u32),
    color: Color,
    p: &Palette,
) {
    row.spawn(Node {
        width: px(170),
        overflow: Overflow::clip(),
        ..default()
    })
    .with_children(|c| {
        c.spawn((widgets::label(name, 16.0, color), VoteName(i)));
    });
    row.spawn((
        Node {
            flex_grow: 1.0,
            height: percent(70),
            ..default()
        },
        BackgroundColor(p.dim.with_alpha(0.15)),
    ))
    .with_children(|track| {
        track.spawn((
            Node {
                width: percent(share(count, most)),
                height: percent(100),
                ..default()
            },
            BackgroundColor(color),
            VoteBar(i),
        ));
    });
    row.spawn(Node {
        width: px(32),
        justify_content: JustifyContent::FlexEnd,
        ..default()
    })
    .with_children(|c| {
        c.spawn((
            widgets::label(count.to_string(), 16.0, p.text),
            VoteCount(i),
        ));
    });
}

/// A bar's length, % of its track: its votes against the most any option has.
fn share(count: u32, most: u32) -> f32 {
    if most == 0 {
        0.0
    } else {
        count as f32 / most as f32 * 100.0
    }
}

/// Shows the votes as they come: each bar's length and count, and the total.
fn show_votes(
    tally: Res<VoteTally>,
    texts: Res<Texts>,
    mut bars: Query<(&VoteBar, &mut Node)>,
    mut counts: Query<(&VoteCount, &mut Text), Without<VoteTotal>>,
    mut total: Query<&mut Text, With<VoteTotal>>,
) {
    if !tally.is_changed() {
        return;
    }
    let most = tally.options.iter().map(|o| o.count).max().unwrap_or(0);
    let count = |i: usize| tally.options.get(i).map_or(0, |o| o.count);
    for (bar, mut node) in &mut bars {
        node.width = percent(share(count(bar.0), most));
    }
    for (c, mut text) in &mut counts {
        text.0 = count(c.0).to_string();
    }
    for mut text in &mut total {
        text.0 = total_line(&tally, &texts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_stays_short() {
        assert_eq!(columns(3, 4), 1, "a call between two chairs: a bar a line");
        assert_eq!(columns(7, 6), 2);
        assert_eq!(columns(17, 16), 3);
        assert_eq!(columns(3, 16), 3, "beside a long table, one line of three");
        assert_eq!(columns(2, 12), 2);
    }
}
