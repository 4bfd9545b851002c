//! The audience: a seat per open case (waiting, impatient, cheering, leaving) and the
//! satisfaction meter, large enough to read from the back of the room.

use bevy::prelude::*;

use crate::game::performance::{Performance, SimEvent};
use crate::sim::EventKind;
use crate::states::AppSet;
use crate::ui::palette::Palette;

use super::layout::*;
use super::{OnStage, stage_text};

/// Seats shown at most.
const MAX_SEATS: usize = 24;
/// Seconds a cheering customer stays visible.
const FAREWELL_SECS: f32 = 1.5;
/// Seconds a lost customer's seat rings (the phone rings about as long).
const RINGING_SECS: f32 = 2.6;

#[derive(Component)]
struct Seat(usize);

#[derive(Component)]
struct MeterFill;

#[derive(Component)]
struct MeterText;

/// A customer who just got the answer (and cheers) or gave up (and the phone rings at the seat).
#[derive(Debug, Clone, Copy)]
struct Farewell {
    cheer: bool,
    left_secs: f32,
}

/// The customers saying goodbye now, in order.
#[derive(Resource, Default)]
struct Farewells(Vec<Farewell>);

const METER_W: f32 = 300.0;
const METER_X: f32 = 300.0;
const METER_Y: f32 = 320.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Farewells>();
    app.add_systems(OnEnter(OnStage), spawn_audience);
    app.add_systems(
        Update,
        (
            forget_farewells_on_restart,
            note_farewells,
            update_seats,
            update_meter,
        )
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

fn spawn_audience(mut commands: Commands, palette: Res<Palette>, mut farewells: ResMut<Farewells>) {
    farewells.0.clear();
    let scope = DespawnOnExit(OnStage);
    for i in 0..MAX_SEATS {
        let x = -560.0 + i as f32 * 48.0;
        commands.spawn((
            scope.clone(),
            stage_text("", 34.0, palette.dim),
            Transform::from_xyz(x, AUDIENCE_Y, 1.0),
            Seat(i),
        ));
    }
    commands.spawn((
        scope.clone(),
        Sprite::from_color(palette.button, Vec2::new(METER_W, 34.0)),
        Transform::from_xyz(METER_X, METER_Y, 0.0),
    ));
    commands.spawn((
        scope.clone(),
        Sprite::from_color(palette.good, Vec2::new(METER_W, 34.0)),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(METER_X - METER_W / 2.0, METER_Y, 0.5),
        MeterFill,
    ));
    commands.spawn((
        scope,
        stage_text("", 44.0, palette.text),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(METER_X + METER_W / 2.0 + 16.0, METER_Y, 1.0),
        MeterText,
    ));
}

/// After a restart the customers are new: nobody is still saying goodbye.
fn forget_farewells_on_restart(
    mut restarted: MessageReader<crate::game::performance::Restarted>,
    mut farewells: ResMut<Farewells>,
) {
    if restarted.read().count() > 0 {
        farewells.0.clear();
    }
}

fn note_farewells(
    time: Res<Time>,
    mut events: MessageReader<SimEvent>,
    mut farewells: ResMut<Farewells>,
) {
    for SimEvent(e) in events.read() {
        let farewell = match e.kind {
            EventKind::Completed { .. } => Farewell {
                cheer: true,
                left_secs: FAREWELL_SECS,
            },
            EventKind::Lost { .. } => Farewell {
                cheer: false,
                left_secs: RINGING_SECS,
            },
            _ => continue,
        };
        farewells.0.push(farewell);
    }
    for f in &mut farewells.0 {
        f.left_secs -= time.delta_secs();
    }
    farewells.0.retain(|f| f.left_secs > 0.0);
}

fn update_seats(
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    farewells: Res<Farewells>,
    mut seats: Query<(&Seat, &mut Text2d, &mut TextColor)>,
) {
    let Some(perf) = perf else { return };
    let mut shown: Vec<(&str, Color)> = farewells
        .0
        .iter()
        .map(|f| {
            if f.cheer {
                ("☺", palette.good)
            } else {
                // The phone rings at the seat of the customer who gave up.
                ("☎", palette.bad)
            }
        })
        .collect();
    for case in perf.score().cases() {
        shown.push(
            if perf
                .score()
                .is_impatient(case, crate::sim::Beat(perf.beat()))
            {
                ("☹", palette.bad)
            } else {
                ("☺", palette.text)
            },
        );
    }
    for (seat, mut text, mut color) in &mut seats {
        let (glyph, c) = shown.get(seat.0).copied().unwrap_or(("", palette.dim));
        if text.0 != glyph {
            text.0 = glyph.to_owned();
        }
        if color.0 != c {
            color.0 = c;
        }
    }
}

fn update_meter(
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    mut fill: Query<(&mut Sprite, &mut Transform), With<MeterFill>>,
    mut text: Query<(&mut Text2d, &mut TextColor), With<MeterText>>,
) {
    let Some(perf) = perf else { return };
    let value = perf.score().audience() as f32;
    let color = palette.satisfaction(value);
    if let Ok((mut sprite, _)) = fill.single_mut() {
        sprite.custom_size = Some(Vec2::new(METER_W * value / 100.0, 34.0));
        sprite.color = color;
    }
    if let Ok((mut t, mut c)) = text.single_mut() {
        let s = format!("{value:.0}");
        if t.0 != s {
            t.0 = s;
        }
        c.0 = color;
    }
}
