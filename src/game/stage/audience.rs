//! The audience: a customer in a seat for every case waiting, each with its number (the same
//! number stands on its phrase's notes), calm, then impatient past its patience, then angry a
//! bar later; an answered customer applauds, arms up; a lost one leaves its seat while the phone
//! rings there. And the satisfaction meter, large enough to read from the back of the room.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::game::performance::{Performance, Restarted, SimEvent};
use crate::settings::Settings;
use crate::sim::{Beat, EventKind, ScoreCase};
use crate::states::AppSet;
use crate::ui::palette::Palette;

use super::OnStage;
use super::art::ArtKit;
use super::figures::{HALF, customer};
use super::layout::*;
use super::text::{MIN_TEXT, customer_number, stage_text};
use super::visibility::show;

/// Seats shown at most.
const MAX_SEATS: usize = 13;
/// Seconds an answered customer applauds.
const APPLAUSE_SECS: f32 = 1.5;
/// Seconds a lost customer takes to leave (the phone rings about as long).
const LEAVING_SECS: f32 = 2.6;
/// A customer's size on stage (its drawing is 100 wide).
const CUSTOMER_SCALE: f32 = 0.6;
const SEAT_STEP: f32 = 56.0;
const FIRST_SEAT_X: f32 = -600.0;

/// How a customer feels, as the room sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mood {
    /// Waiting within its patience.
    Calm,
    /// Past its patience.
    Impatient,
    /// Past its patience for more than a bar.
    Angry,
    /// Just got the answer.
    Applauding,
    /// Gave up: the phone rings as it goes.
    Leaving,
}

/// A seat in the audience and who sits there now.
#[derive(Component, Debug, Clone, Copy)]
pub struct AudienceSeat {
    pub(crate) slot: usize,
    /// The case (by id) of the customer in it, with how they feel.
    pub customer: Option<(u32, Mood)>,
}

/// A customer's drawing in its seat.
#[derive(Component)]
struct CustomerBody;

/// The customer's number over its head.
#[derive(Component)]
struct SeatNumber;

/// The phone ringing at a lost customer's seat.
#[derive(Component)]
struct SeatPhone;

/// Which seat each case's customer took, and those saying goodbye.
#[derive(Resource, Default)]
struct Seating {
    seats: HashMap<u32, usize>,
    farewells: Vec<Farewell>,
}

/// A customer who just got the answer or gave up, with the seconds left.
#[derive(Debug, Clone, Copy)]
struct Farewell {
    case: u32,
    mood: Mood,
    left_secs: f32,
}

/// A completed case's answer on its way from the line to its customer.
#[derive(Component, Debug, Clone, Copy)]
pub struct Answer {
    /// The case answered, by order of arrival.
    pub case: u32,
    from: Vec2,
    /// Seconds flown, of [`ANSWER_SECS`].
    flown: f32,
}

/// Seconds an answer takes to reach its customer.
const ANSWER_SECS: f32 = 0.8;

/// The drawings of a customer in each mood.
#[derive(Resource)]
struct CustomerMeshes(HashMap<(Mood, usize), Handle<Mesh>>);

/// Skin tones the customers are drawn in (a customer keeps its own whatever its mood).
const TONES: usize = 4;

/// "+3": the customers waiting without a seat.
#[derive(Component)]
struct MoreCustomers;

#[derive(Component)]
struct MeterFill;

#[derive(Component)]
struct MeterText;

const METER_W: f32 = 300.0;
const METER_X: f32 = 300.0;
const METER_Y: f32 = 320.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Seating>();
    app.add_systems(OnEnter(OnStage), (spawn_audience, spawn_meter));
    app.add_systems(
        Update,
        (
            forget_seating_on_restart,
            note_farewells,
            send_answers,
            fly_answers,
            seat_customers,
            show_customers,
            count_unseated,
            update_meter,
        )
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

fn spawn_audience(
    mut commands: Commands,
    palette: Res<Palette>,
    mut seating: ResMut<Seating>,
    kit: Option<Res<ArtKit>>,
    meshes: Option<ResMut<Assets<Mesh>>>,
) {
    *seating = Seating::default();
    let looks = kit.as_deref().zip(meshes).map(|(kit, mut meshes)| {
        let m = customer_meshes(&palette, &mut meshes);
        (kit.clone(), m)
    });
    for slot in 0..MAX_SEATS {
        let x = seat_x(slot);
        let mut seat = commands.spawn((
            DespawnOnExit(OnStage),
            Transform::from_xyz(x, AUDIENCE_Y, 1.0),
            Visibility::Hidden,
            AudienceSeat {
                slot,
                customer: None,
            },
        ));
        let top = HALF * CUSTOMER_SCALE;
        seat.with_children(|p| {
            if let Some((kit, meshes)) = &looks {
                p.spawn((
                    Mesh2d(meshes.0[&(Mood::Calm, 0)].clone()),
                    MeshMaterial2d(kit.material.clone()),
                    Transform::from_scale(Vec3::splat(CUSTOMER_SCALE)),
                    CustomerBody,
                ));
            }
            p.spawn((
                stage_text("", MIN_TEXT, palette.text),
                Transform::from_xyz(0.0, top + 12.0, 0.5),
                SeatNumber,
            ));
            p.spawn((
                stage_text("☎", 30.0, palette.bad),
                Transform::from_xyz(0.0, top + 36.0, 0.6),
                Visibility::Hidden,
                SeatPhone,
            ));
        });
    }
    if let Some((_, m)) = looks {
        commands.insert_resource(m);
    }
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text("", 26.0, palette.dim),
        Transform::from_xyz(seat_x(MAX_SEATS), AUDIENCE_Y, 1.0),
        MoreCustomers,
    ));
}

/// "+N" beside the last seat while N customers wait without one.
fn count_unseated(
    perf: Option<Res<Performance>>,
    seating: Res<Seating>,
    mut more: Query<&mut Text2d, With<MoreCustomers>>,
) {
    let Some(perf) = perf else { return };
    let cases = perf.score().cases();
    let unseated = cases
        .iter()
        .filter(|c| !seating.seats.contains_key(&c.id.0))
        .count();
    let text = if unseated > 0 {
        format!("+{unseated}")
    } else {
        String::new()
    };
    for mut t in &mut more {
        if t.0 != text {
            t.0.clone_from(&text);
        }
    }
}

/// A customer's drawing in each mood: coats in calm, warning and alarm colours.
fn customer_meshes(palette: &Palette, meshes: &mut Assets<Mesh>) -> CustomerMeshes {
    let calm = Color::srgb(0.42, 0.5, 0.62);
    let feather = 1.2 / CUSTOMER_SCALE;
    let mut made = HashMap::new();
    for (mood, coat, cheering) in [
        (Mood::Calm, calm, false),
        (Mood::Impatient, palette.warn, false),
        (Mood::Angry, palette.bad, false),
        (Mood::Applauding, palette.good, true),
        (Mood::Leaving, calm.with_alpha(0.8), false),
    ] {
        for tone in 0..TONES {
            let art = customer(coat, tone, cheering, feather);
            made.insert((mood, tone), meshes.add(art.into_mesh()));
        }
    }
    CustomerMeshes(made)
}

fn spawn_meter(mut commands: Commands, palette: Res<Palette>) {
    let scope = DespawnOnExit(OnStage);
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

/// After a restart the customers are new: every seat is free.
fn forget_seating_on_restart(
    mut restarted: MessageReader<Restarted>,
    mut seating: ResMut<Seating>,
) {
    if restarted.read().count() > 0 {
        *seating = Seating::default();
    }
}

/// An answered customer applauds in its seat; a lost one leaves it, the phone ringing.
fn note_farewells(
    time: Res<Time>,
    mut events: MessageReader<SimEvent>,
    mut seating: ResMut<Seating>,
) {
    for SimEvent(e) in events.read() {
        let (case, mood, secs) = match e.kind {
            EventKind::Completed { case, .. } => (case, Mood::Applauding, APPLAUSE_SECS),
            EventKind::Lost { case, .. } => (case, Mood::Leaving, LEAVING_SECS),
            _ => continue,
        };
        seating.farewells.push(Farewell {
            case: case.0,
            mood,
            left_secs: secs,
        });
    }
    let dt = time.delta_secs();
    let Seating { seats, farewells } = &mut *seating;
    for f in farewells.iter_mut() {
        f.left_secs -= dt;
    }
    farewells.retain(|f| {
        let stays = f.left_secs > 0.0;
        if !stays {
            seats.remove(&f.case);
        }
        stays
    });
}

/// A completed case sends its answer (a letter) from the line, at its last note's staff, to its
/// customer's seat.
fn send_answers(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    mut events: MessageReader<SimEvent>,
) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    for SimEvent(e) in events.read() {
        let EventKind::Completed { case, template, .. } = e.kind else {
            continue;
        };
        let last = perf
            .scenario()
            .cases
            .get(template.0)
            .and_then(|t| t.steps.last());
        let y = last.map_or(STAVES_TOP, |st| layout.step_y(st.owner, None));
        let from = Vec2::new(LINE_X, y);
        commands.spawn((
            DespawnOnExit(OnStage),
            stage_text("✉", 30.0, palette.good),
            Transform::from_translation(from.extend(6.0)),
            Answer {
                case: case.0,
                from,
                flown: 0.0,
            },
        ));
    }
}

/// Answers fly to their customer's seat and go when they arrive (under reduced motion they show
/// at the seat at once).
fn fly_answers(
    mut commands: Commands,
    time: Res<Time>,
    settings: Res<Settings>,
    seating: Res<Seating>,
    mut answers: Query<(Entity, &mut Answer, &mut Transform)>,
) {
    for (entity, mut answer, mut t) in &mut answers {
        answer.flown += time.delta_secs();
        let Some(&slot) = seating.seats.get(&answer.case) else {
            commands.entity(entity).despawn();
            continue;
        };
        let to = Vec2::new(seat_x(slot), AUDIENCE_Y + HALF * CUSTOMER_SCALE);
        let u = if settings.reduced_motion {
            1.0
        } else {
            (answer.flown / ANSWER_SECS).min(1.0)
        };
        let arc = Vec2::Y * 80.0 * (std::f32::consts::PI * u).sin();
        let at = answer.from.lerp(to, u) + arc;
        t.translation.x = at.x;
        t.translation.y = at.y;
        if answer.flown >= ANSWER_SECS {
            commands.entity(entity).despawn();
        }
    }
}

/// The x of seat `slot`.
fn seat_x(slot: usize) -> f32 {
    FIRST_SEAT_X + slot as f32 * SEAT_STEP
}

/// Every open case's customer gets the first free seat when it arrives and keeps it.
fn seat_customers(perf: Option<Res<Performance>>, mut seating: ResMut<Seating>) {
    let Some(perf) = perf else { return };
    let Seating { seats, farewells } = &mut *seating;
    let open: Vec<u32> = perf.score().cases().iter().map(|c| c.id.0).collect();
    seats.retain(|case, _| open.contains(case) || farewells.iter().any(|f| f.case == *case));
    for case in open {
        if seats.contains_key(&case) {
            continue;
        }
        let taken: Vec<usize> = seats.values().copied().collect();
        if let Some(free) = (0..MAX_SEATS).find(|s| !taken.contains(s)) {
            seats.insert(case, free);
        }
    }
}

/// How the customer of `case` feels at `now` (in beats), `bpb` beats to a bar.
fn mood_of(perf: &Performance, case: &ScoreCase) -> Mood {
    let now = perf.beat();
    let bar = f64::from(perf.scenario().beats_per_bar.max(1));
    let score = perf.score();
    if score.is_impatient(case, Beat(now - bar)) {
        Mood::Angry
    } else if score.is_impatient(case, Beat(now)) {
        Mood::Impatient
    } else {
        Mood::Calm
    }
}

/// Puts each customer in its seat with its number and mood, the phone at a leaving one's.
fn show_customers(
    perf: Option<Res<Performance>>,
    seating: Res<Seating>,
    looks: Option<Res<CustomerMeshes>>,
    settings: Res<Settings>,
    time: Res<Time>,
    mut seats: Query<(
        &mut AudienceSeat,
        &mut Visibility,
        &mut Transform,
        &Children,
    )>,
    mut bodies: Query<&mut Mesh2d, With<CustomerBody>>,
    mut numbers: Query<&mut Text2d, With<SeatNumber>>,
    mut phones: Query<&mut Visibility, (With<SeatPhone>, Without<AudienceSeat>)>,
) {
    let Some(perf) = perf else { return };
    let who = who_sits_where(&perf, &seating);
    let shake = if settings.reduced_motion { 0.0 } else { 1.0 };
    let t = time.elapsed_secs();
    for (mut seat, mut vis, mut transform, children) in &mut seats {
        let customer = who[seat.slot];
        seat.customer = customer;
        show(&mut vis, customer.is_some());
        let Some((case, mood)) = customer else {
            continue;
        };
        let x = seat_x(seat.slot);
        let (dx, dy) = match mood {
            Mood::Angry => ((t * 40.0).sin() * 2.5, 0.0),
            Mood::Applauding => (0.0, (t * 12.0).sin().abs() * 6.0),
            Mood::Leaving => (0.0, -farewell_progress(&seating, case) * 60.0),
            _ => (0.0, 0.0),
        };
        transform.translation.x = x + dx * shake;
        transform.translation.y = AUDIENCE_Y + dy * shake;
        for child in children.iter() {
            if let Ok(mut mesh) = bodies.get_mut(child)
                && let Some(handle) = looks
                    .as_deref()
                    .and_then(|l| l.0.get(&(mood, case as usize % TONES)))
                && mesh.0 != *handle
            {
                mesh.0 = handle.clone();
            }
            if let Ok(mut text) = numbers.get_mut(child) {
                let n = customer_number(case);
                if text.0 != n {
                    text.0 = n;
                }
            }
            if let Ok(mut phone) = phones.get_mut(child) {
                show(&mut phone, mood == Mood::Leaving);
            }
        }
    }
}

/// The customer (case and mood) in each seat now.
fn who_sits_where(perf: &Performance, seating: &Seating) -> Vec<Option<(u32, Mood)>> {
    let mut who: Vec<Option<(u32, Mood)>> = vec![None; MAX_SEATS];
    for case in perf.score().cases() {
        if let Some(&slot) = seating.seats.get(&case.id.0) {
            who[slot] = Some((case.id.0, mood_of(perf, case)));
        }
    }
    for f in &seating.farewells {
        if let Some(&slot) = seating.seats.get(&f.case) {
            who[slot] = Some((f.case, f.mood));
        }
    }
    who
}

/// How far a leaving customer is on its way out, 0–1.
fn farewell_progress(seating: &Seating, case: u32) -> f32 {
    seating
        .farewells
        .iter()
        .find(|f| f.case == case)
        .map_or(0.0, |f| 1.0 - f.left_secs / LEAVING_SECS)
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
