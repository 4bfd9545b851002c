//! The host's wall, for the main projector and legible from the back of the room: on the left how
//! tables join (the QR code of the address, the address, the room code, large), on the right the
//! round and whether the room is paused, a tile per table (a grid that shrinks as tables come, up
//! to 64) or the room's debrief, a line for what a key asks to confirm, and the room's buttons,
//! each with its key.

use bevy::prelude::*;

use crate::states::Screen;
use crate::tables::protocol::RoundPlan;
use crate::tables::room::{RoomState, TableRecord};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::host_debrief::{DebriefView, spawn_debrief};
use super::host_room::{HostButton, HostNotice, HostRoom, WallView};

/// The left column's width, px.
const JOIN_WIDTH: f32 = 340.0;
/// The space between tiles, px.
const TILE_GAP: f32 = 10.0;

/// The middle of the wall, where the tiles or the debrief go.
#[derive(Component)]
pub struct WallBody;

/// The line of the round, the pace and the reports.
#[derive(Component)]
pub struct StatusLine;

/// The line of the notice.
#[derive(Component)]
pub struct NoticeLine;

/// The row of the room's buttons.
#[derive(Component)]
pub struct ControlsRow;

/// How many tables there are, under the room code.
#[derive(Component)]
pub struct TableCount;

/// A part of table `.0`'s tile that says something.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileText(pub usize, pub TilePart);

/// The parts of a tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TilePart {
    Name,
    Seats,
    State,
    Calls,
}

/// The filled part of table `.0`'s audience meter.
#[derive(Component)]
pub struct TileMeter(pub usize);

/// Table `.0`'s tile (dimmed while the table is away).
#[derive(Component)]
pub struct TileBox(pub usize);

/// What the body shows now, to lay it out again only when that changes.
#[derive(Resource, Debug, Default, PartialEq)]
pub struct BodyShown {
    /// The view, the number of tiles and the grid; or the debrief's contents.
    pub key: String,
    /// Whether the tiles are small (their state and calls on one line).
    pub compact: bool,
}

/// What one tile says.
#[derive(Debug, Clone, PartialEq)]
pub struct TileView {
    pub name: String,
    pub seats: String,
    /// The bar played, or ready, away, reported.
    pub state: String,
    pub calls: String,
    /// Calls between the chairs taken and missed so far.
    pub taken: u32,
    pub missed: u32,
    /// The audience of the round under way, 0–100, when the table has said it.
    pub audience: Option<f32>,
    pub connected: bool,
}

impl TileView {
    /// What table `t` shows in the round `plan` (`reported`: its report of it is kept).
    pub fn of(t: &TableRecord, plan: Option<&RoundPlan>, reported: bool, texts: &Texts) -> Self {
        let (filled, all) = t.seats_filled();
        let live = t
            .live
            .as_ref()
            .filter(|l| plan.is_some_and(|p| p.round == l.round));
        let state = if !t.connected {
            texts.t("host-away")
        } else if reported {
            texts.t("host-done")
        } else {
            match live {
                Some(l) if l.bar > 0 => texts.t_args("host-bar", &[("bar", l.bar.into())]),
                _ if plan.is_some() => texts.t("host-counting"),
                _ => texts.t("host-ready"),
            }
        };
        let (taken, missed) = live.map_or((0, 0), |l| (l.taken, l.missed));
        TileView {
            name: t.name.clone(),
            seats: texts.t_args(
                "host-seats",
                &[("filled", filled.into()), ("all", all.into())],
            ),
            state,
            calls: texts.t_args(
                "host-calls",
                &[("taken", taken.into()), ("missed", missed.into())],
            ),
            taken,
            missed,
            audience: live.map(|l| l.audience as f32),
            connected: t.connected,
        }
    }

    /// The state and the calls on one line, for a small tile.
    fn compact_state(&self, texts: &Texts) -> String {
        let calls = texts.t_args(
            "host-calls-short",
            &[("taken", self.taken.into()), ("missed", self.missed.into())],
        );
        format!("{} · {calls}", self.state)
    }
}

/// Every table's tile, in the order they came.
pub fn tile_views(room: &RoomState, texts: &Texts) -> Vec<TileView> {
    let plan = room.round();
    let reported =
        |name: &str| plan.is_some_and(|p| room.results(p.round).iter().any(|r| r.table == name));
    room.tables()
        .iter()
        .map(|t| TileView::of(t, plan, reported(&t.name), texts))
        .collect()
}

/// How the tiles are laid out in the body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub cols: usize,
    pub tile: Vec2,
    pub font: f32,
    /// Small tiles: the name, the meter and one line.
    pub compact: bool,
}

impl Grid {
    /// The largest tiles (about twice as wide as tall) that fit `n` of them in `area`.
    pub fn of(n: usize, area: Vec2) -> Grid {
        let n = n.max(1);
        let mut best = (0.0_f32, 1_usize, Vec2::ZERO);
        for cols in 1..=n.min(12) {
            let rows = n.div_ceil(cols);
            let tile = Vec2::new(
                area.x / cols as f32,
                (area.y / rows as f32).min(area.x / cols as f32 * 0.6),
            );
            let fit = (tile.x / 2.0).min(tile.y);
            if fit > best.0 {
                best = (fit, cols, tile);
            }
        }
        let tile = best.2;
        let compact = tile.y < 150.0;
        let lines = if compact { 3.6 } else { 6.2 };
        let font = (tile.y / lines)
            .min(tile.x / 16.0)
            .clamp(11.0, 34.0)
            .floor();
        Grid {
            cols: best.1,
            tile,
            font,
            compact,
        }
    }
}

/// The body's size in a window of `window` px (the join column, the header, the notice and the
/// buttons take the rest).
pub fn body_area(window: Vec2) -> Vec2 {
    Vec2::new(
        (window.x - JOIN_WIDTH - 56.0).max(200.0),
        (window.y - 230.0).max(150.0),
    )
}

/// Spawns the wall: the join column beside the round and the body (empty until [`show_body`]
/// fills it), and under them across the width the notice and the buttons.
pub fn spawn_wall(
    commands: &mut Commands,
    room: Option<&HostRoom>,
    texts: &Texts,
    palette: &Palette,
    bold: Option<Handle<Font>>,
) {
    use crate::ui::widgets::label;
    let row = |gap: f32| Node {
        flex_direction: FlexDirection::Row,
        column_gap: px(gap),
        row_gap: px(6),
        ..default()
    };
    commands
        .spawn((
            DespawnOnExit(Screen::Host),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(16)),
                row_gap: px(8),
                ..default()
            },
        ))
        .with_children(|p| {
            p.spawn(Node {
                flex_grow: 1.0,
                min_height: px(0),
                ..row(24.0)
            })
            .with_children(|main| {
                if let Some(room) = room {
                    spawn_join(main, room, texts, palette, bold);
                }
                spawn_right(main, room, palette);
            });
            p.spawn((NoticeLine, label("", 22.0, palette.line)));
            p.spawn((
                ControlsRow,
                Node {
                    flex_wrap: FlexWrap::Wrap,
                    justify_content: JustifyContent::Center,
                    ..row(8.0)
                },
            ));
        });
}

/// The right side: the scenario's title, the status line and the body.
fn spawn_right(main: &mut ChildSpawnerCommands, room: Option<&HostRoom>, palette: &Palette) {
    use crate::ui::widgets::label;
    main.spawn(Node {
        flex_direction: FlexDirection::Column,
        flex_grow: 1.0,
        row_gap: px(8),
        ..default()
    })
    .with_children(|right| {
        let title = room.map_or_else(String::new, |r| r.title.clone());
        right.spawn(label(title, 24.0, palette.dim));
        right.spawn((StatusLine, label("", 30.0, palette.text)));
        right.spawn((
            WallBody,
            Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Row,
                flex_wrap: FlexWrap::Wrap,
                align_content: AlignContent::FlexStart,
                overflow: Overflow::clip(),
                ..default()
            },
        ));
    });
}

/// The join column: the QR code, the address and the room code, large.
fn spawn_join(
    p: &mut ChildSpawnerCommands,
    room: &HostRoom,
    texts: &Texts,
    palette: &Palette,
    bold: Option<Handle<Font>>,
) {
    use crate::ui::widgets::label;
    p.spawn(Node {
        width: px(JOIN_WIDTH),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        row_gap: px(6),
        ..default()
    })
    .with_children(|col| {
        col.spawn(label(texts.t("host-join"), 24.0, palette.dim));
        if let Some(qr) = room.qr.clone() {
            col.spawn((
                ImageNode::new(qr),
                Node {
                    width: px(260),
                    height: px(260),
                    ..default()
                },
            ));
        }
        col.spawn(label(room.address.clone(), 30.0, palette.text));
        col.spawn(label(texts.t("host-room-code"), 24.0, palette.dim));
        let mut code = col.spawn(label(room.open.host.code().to_string(), 96.0, palette.line));
        if let Some(font) = bold {
            code.insert(TextFont {
                font: font.into(),
                font_size: FontSize::Px(96.0),
                ..default()
            });
        }
        col.spawn((TableCount, label("", 28.0, palette.text)));
    });
}

/// Spawns the tiles of `views` into the body laid out as `grid`.
pub fn spawn_tiles(
    body: &mut ChildSpawnerCommands,
    views: &[TileView],
    grid: &Grid,
    texts: &Texts,
    palette: &Palette,
) {
    if views.is_empty() {
        body.spawn(crate::ui::widgets::label(
            texts.t("host-no-tables"),
            30.0,
            palette.dim,
        ));
        return;
    }
    let f = grid.font;
    for i in 0..views.len() {
        body.spawn((
            TileBox(i),
            Node {
                width: px(grid.tile.x - TILE_GAP),
                height: px(grid.tile.y - TILE_GAP),
                margin: UiRect::new(px(0), px(TILE_GAP), px(0), px(TILE_GAP)),
                padding: UiRect::axes(px(f * 0.5), px(f * 0.3)),
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::SpaceEvenly,
                border: UiRect::all(px(2)),
                border_radius: BorderRadius::all(px(8)),
                overflow: Overflow::clip(),
                ..default()
            },
            BackgroundColor(palette.panel),
            BorderColor::all(palette.dim),
        ))
        .with_children(|tile| spawn_tile_parts(tile, i, grid, palette));
    }
}

/// What a tile holds: the name, the seats, the audience meter, the state and the calls (a small
/// tile: the name, the meter and the state).
fn spawn_tile_parts(tile: &mut ChildSpawnerCommands, i: usize, grid: &Grid, palette: &Palette) {
    let f = grid.font;
    let text = |part, size: f32, color| {
        (
            TileText(i, part),
            crate::ui::widgets::label("", size, color),
        )
    };
    tile.spawn(text(TilePart::Name, f * 1.15, palette.text));
    if !grid.compact {
        tile.spawn(text(TilePart::Seats, f, palette.dim));
    }
    tile.spawn((
        Node {
            width: percent(100),
            height: px((f * 0.7).max(8.0)),
            border_radius: BorderRadius::all(px(4)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(palette.background),
    ))
    .with_child((
        TileMeter(i),
        Node {
            width: percent(0),
            height: percent(100),
            ..default()
        },
        BackgroundColor(palette.good),
    ));
    tile.spawn(text(TilePart::State, f, palette.text));
    if !grid.compact {
        tile.spawn(text(TilePart::Calls, f, palette.dim));
    }
}

/// Lays the body out again when what it shows changed: the tiles (their number or grid), or the
/// debrief (its contents).
pub fn show_body(
    mut commands: Commands,
    room: Option<Res<HostRoom>>,
    view: Res<WallView>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    windows: Query<&Window>,
    body: Query<(Entity, Option<&Children>), With<WallBody>>,
    mut shown: ResMut<BodyShown>,
) {
    let (Some(room), Ok((body, children))) = (room, body.single()) else {
        return;
    };
    let state = room.open.host.room();
    let window = windows.iter().next().map_or(Vec2::new(1280.0, 720.0), |w| {
        Vec2::new(w.width(), w.height())
    });
    let grid = Grid::of(state.tables().len(), body_area(window));
    let debrief =
        (*view == WallView::Debrief).then(|| DebriefView::of(&room.open.scenario, &state, &texts));
    let key = match &debrief {
        Some(d) => format!("debrief {d:?} {:?}", texts.lang),
        None => format!("tables {} {grid:?} {:?}", state.tables().len(), texts.lang),
    };
    if shown.key == key && children.is_some_and(|c| !c.is_empty()) {
        return;
    }
    shown.key = key;
    shown.compact = grid.compact;
    let views = tile_views(&state, &texts);
    drop(state);
    if let Some(children) = children {
        for c in children.iter() {
            commands.entity(c).despawn();
        }
    }
    commands.entity(body).with_children(|b| match &debrief {
        Some(d) => spawn_debrief(b, d, &texts, &palette),
        None => spawn_tiles(b, &views, &grid, &texts, &palette),
    });
}

/// Keeps every tile's texts, meter and colours on what its table last said.
pub fn show_tiles(
    room: Option<Res<HostRoom>>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut parts: Query<(&TileText, &mut Text, &mut TextColor)>,
    mut meters: Query<(&TileMeter, &mut Node, &mut BackgroundColor), Without<TileBox>>,
    mut boxes: Query<(&TileBox, &mut BorderColor, &mut BackgroundColor), Without<TileMeter>>,
    shown: Res<BodyShown>,
) {
    let Some(room) = room else { return };
    let views = tile_views(&room.open.host.room(), &texts);
    let is_compact = shown.compact;
    for (TileText(i, part), mut text, mut color) in &mut parts {
        let Some(v) = views.get(*i) else { continue };
        let now = match part {
            TilePart::Name => v.name.clone(),
            TilePart::Seats => v.seats.clone(),
            TilePart::State if is_compact => v.compact_state(&texts),
            TilePart::State => v.state.clone(),
            TilePart::Calls => v.calls.clone(),
        };
        if text.0 != now {
            text.0 = now;
        }
        let want = match part {
            TilePart::Name | TilePart::State if v.connected => palette.text,
            _ => palette.dim,
        };
        if color.0 != want {
            color.0 = want;
        }
    }
    for (TileMeter(i), mut node, mut bg) in &mut meters {
        let Some(v) = views.get(*i) else { continue };
        let value = v.audience.unwrap_or(0.0).clamp(0.0, 100.0);
        let width = percent(value);
        if node.width != width {
            node.width = width;
        }
        let want = palette.satisfaction(value);
        if bg.0 != want {
            bg.0 = want;
        }
    }
    for (TileBox(i), mut border, mut bg) in &mut boxes {
        let Some(v) = views.get(*i) else { continue };
        let (edge, fill) = if v.connected {
            (palette.line, palette.panel)
        } else {
            (palette.dim, palette.background)
        };
        if border.top != edge {
            *border = BorderColor::all(edge);
        }
        if bg.0 != fill {
            bg.0 = fill;
        }
    }
}

/// "Round 2 · playing · 3 of 5 tables have reported · tempo 100 %", and the tables' count.
pub fn status_text(room: &HostRoom, texts: &Texts) -> (String, String) {
    let state = room.open.host.room();
    let (paused, tempo) = state.pace();
    let count = texts.t_args("host-tables", &[("n", state.tables().len().into())]);
    let Some(plan) = state.round() else {
        return (texts.t("host-round-none"), count);
    };
    let expected = state.results(plan.round).len() + state.waiting_for().len();
    let mut parts = vec![texts.t_args("host-round", &[("n", plan.round.into())])];
    parts.push(if paused {
        texts.t("host-state-paused")
    } else if state.waiting_for().is_empty() && expected > 0 {
        texts.t_args(
            "host-state-reported",
            &[("done", expected.into()), ("all", expected.into())],
        )
    } else {
        texts.t("host-state-playing")
    });
    if paused || !state.waiting_for().is_empty() {
        let done = state.results(plan.round).len();
        if done > 0 {
            parts.push(texts.t_args(
                "host-state-reported",
                &[("done", done.into()), ("all", expected.into())],
            ));
        }
    }
    parts.push(texts.t_args("host-tempo", &[("pct", tempo.unwrap_or(100).into())]));
    (parts.join(" · "), count)
}

/// Keeps the status line, the tables' count and the notice up to date.
pub fn show_status(
    room: Option<Res<HostRoom>>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    notice: Res<HostNotice>,
    mut status: Query<
        (&mut Text, &mut TextColor),
        (With<StatusLine>, Without<NoticeLine>, Without<TableCount>),
    >,
    mut notice_line: Query<(&mut Text, &mut TextColor), (With<NoticeLine>, Without<TableCount>)>,
    mut count: Query<&mut Text, (With<TableCount>, Without<StatusLine>, Without<NoticeLine>)>,
) {
    let (line, tables, paused) = match room.as_deref() {
        Some(r) => {
            let (line, tables) = status_text(r, &texts);
            (line, tables, r.open.host.room().pace().0)
        }
        None => (String::new(), String::new(), false),
    };
    for (mut text, mut color) in &mut status {
        if text.0 != line {
            text.0.clone_from(&line);
        }
        let want = if paused { palette.warn } else { palette.text };
        if color.0 != want {
            color.0 = want;
        }
    }
    for mut text in &mut count {
        if text.0 != tables {
            text.0.clone_from(&tables);
        }
    }
    for (mut text, mut color) in &mut notice_line {
        if text.0 != notice.text {
            text.0.clone_from(&notice.text);
        }
        let want = if notice.warn {
            palette.warn
        } else {
            palette.line
        };
        if color.0 != want {
            color.0 = want;
        }
    }
}

/// The text of a button now (Start names the next round; Pause says Go on while paused; R says
/// where it goes).
pub fn button_text(
    b: HostButton,
    room: Option<&HostRoom>,
    view: WallView,
    texts: &Texts,
) -> String {
    let state = room.map(|r| r.open.host.room());
    match b {
        HostButton::Start => {
            let n = state.as_ref().map_or(1, |s| s.next_round());
            texts.t_args("host-button-start", &[("n", n.into())])
        }
        HostButton::Pause if state.as_ref().is_some_and(|s| s.pace().0) => {
            texts.t("host-button-resume")
        }
        HostButton::Pause => texts.t("host-button-pause"),
        HostButton::Slower => texts.t("host-button-slower"),
        HostButton::Faster => texts.t("host-button-faster"),
        HostButton::Skip => texts.t("host-button-skip"),
        HostButton::Debrief if view == WallView::Debrief => texts.t("host-button-tables"),
        HostButton::Debrief => texts.t("host-button-debrief"),
        HostButton::Leave => texts.t("host-button-leave"),
    }
}

/// Lays the buttons out again when one of their texts changes.
pub fn show_controls(
    mut commands: Commands,
    room: Option<Res<HostRoom>>,
    view: Res<WallView>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    row: Query<(Entity, Option<&Children>), With<ControlsRow>>,
    mut shown: Local<Vec<String>>,
) {
    let Ok((row, children)) = row.single() else {
        return;
    };
    let labels: Vec<String> = HostButton::ALL
        .iter()
        .map(|b| button_text(*b, room.as_deref(), *view, &texts))
        .collect();
    if *shown == labels && children.is_some_and(|c| !c.is_empty()) {
        return;
    }
    shown.clone_from(&labels);
    if let Some(children) = children {
        for c in children.iter() {
            commands.entity(c).despawn();
        }
    }
    commands.entity(row).with_children(|r| {
        for (order, (b, text)) in HostButton::ALL.iter().zip(labels).enumerate() {
            r.spawn(crate::ui::widgets::compact_button(
                text, *b, order, &palette,
            ));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_shrinks_as_tables_come_and_always_fits() {
        let area = body_area(Vec2::new(1280.0, 720.0));
        let few = Grid::of(4, area);
        assert!(!few.compact && few.font >= 20.0, "{few:?}");
        let mut last = few.tile.x * few.tile.y;
        for n in [9, 16, 30, 64] {
            let g = Grid::of(n, area);
            let rows = n.div_ceil(g.cols) as f32;
            assert!(g.cols as f32 * g.tile.x <= area.x + 0.5, "{n}: {g:?}");
            assert!(rows * g.tile.y <= area.y + 0.5, "{n}: {g:?}");
            assert!(g.tile.x * g.tile.y <= last, "{n}: smaller tiles");
            last = g.tile.x * g.tile.y;
        }
        let all = Grid::of(64, area);
        assert!(all.compact && all.font >= 11.0, "{all:?}");
    }
}
