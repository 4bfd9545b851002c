//! The people on stage, drawn by code in one flat style: each musician seated on a chair at its
//! music stand with its instrument, the conductor on the podium, a customer in the audience.
//!
//! Every figure is designed in a box from −50 to 50 on both axes (a unit is a pixel at scale 1),
//! facing right, towards the score. The part that moves when a note is played (the bow arm, the
//! mallet, the hands, the wind instrument) is drawn apart, around its pivot, so it can turn.

use bevy::prelude::*;

use crate::scenario::{Instrument, Shape};

use super::art::Art;

/// Half the side of a figure's design box.
pub(crate) const HALF: f32 = 50.0;

const CHAIR: Color = Color::srgb(0.42, 0.29, 0.18);
const TROUSERS: Color = Color::srgb(0.17, 0.18, 0.23);
const HAIR: Color = Color::srgb(0.16, 0.12, 0.10);
const WOOD: Color = Color::srgb(0.66, 0.36, 0.17);
const DARK_WOOD: Color = Color::srgb(0.33, 0.2, 0.09);
const BRASS: Color = Color::srgb(0.85, 0.66, 0.15);
const SILVER: Color = Color::srgb(0.8, 0.82, 0.86);
const EBONY: Color = Color::srgb(0.1, 0.1, 0.12);
const IVORY: Color = Color::srgb(0.96, 0.94, 0.88);
const COPPER: Color = Color::srgb(0.72, 0.45, 0.2);
const STAND: Color = Color::srgb(0.55, 0.57, 0.62);
const PAPER: Color = Color::srgb(0.95, 0.92, 0.84);
/// Skin tones, one per chair in turn.
const SKIN: [Color; 4] = [
    Color::srgb(0.96, 0.8, 0.69),
    Color::srgb(0.78, 0.57, 0.42),
    Color::srgb(0.55, 0.38, 0.26),
    Color::srgb(0.9, 0.72, 0.55),
];

/// How a musician's moving part moves when a note sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Motion {
    /// A bow stroke: the arm sweeps one way and back.
    Bow,
    /// A strike: the mallet or the hands come down.
    Strike,
    /// A breath: the instrument lifts a little.
    Breath,
}

/// A musician drawn in two parts.
pub(crate) struct MusicianArt {
    /// Chair, stand, body and the instrument's still part.
    pub body: Art,
    /// The part that plays, drawn around `pivot` (at the origin of its own drawing).
    pub action: Art,
    pub pivot: Vec2,
    pub motion: Motion,
}

/// What a musician looks like: its instrument, colour and shape, and which chair it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    pub instrument: Instrument,
    pub color: Color,
    pub shape: Shape,
    pub chair: usize,
}

/// A musician seated at its stand, with its instrument. `feather` is a pixel in design units.
pub fn musician(look: Look, feather: f32) -> MusicianArt {
    let skin = SKIN[look.chair % SKIN.len()];
    let sleeve = shade(look.color, 0.78);
    let mut body = Art::new(feather);
    chair_and_stand(&mut body);
    seated_person(&mut body, look, skin);
    let (pivot, motion) = (Vec2::new(-10.0, 22.0), motion_of(look.instrument));
    let mut action = Art::new(feather);
    instrument(look.instrument, &mut body, &mut action, sleeve, skin);
    MusicianArt {
        body,
        action,
        pivot,
        motion,
    }
}

/// How `instrument` is played.
fn motion_of(instrument: Instrument) -> Motion {
    use Instrument::*;
    match instrument {
        Violin | Cello => Motion::Bow,
        Piano | Marimba | Timpani => Motion::Strike,
        Flute | Clarinet | Horn => Motion::Breath,
    }
}

/// The chair (facing right) and the music stand in front of it.
fn chair_and_stand(art: &mut Art) {
    art.rounded_rect(Vec2::new(-31.0, 0.0), Vec2::new(6.0, 40.0), 2.5, CHAIR)
        .rect(Vec2::new(-30.0, -32.0), Vec2::new(4.0, 32.0), CHAIR)
        .rect(Vec2::new(-2.0, -32.0), Vec2::new(4.0, 32.0), CHAIR)
        .rounded_rect(Vec2::new(-16.0, -15.0), Vec2::new(36.0, 6.0), 2.0, CHAIR);
    art.rect(Vec2::new(44.0, -20.0), Vec2::new(2.5, 52.0), STAND)
        .rounded_rect(Vec2::new(44.0, -47.0), Vec2::new(16.0, 3.0), 1.5, STAND)
        .polygon(
            &[
                Vec2::new(39.0, 5.0),
                Vec2::new(46.0, 2.5),
                Vec2::new(50.0, 33.0),
                Vec2::new(43.5, 35.5),
            ],
            STAND,
        )
        .polygon(
            &[
                Vec2::new(40.5, 6.0),
                Vec2::new(45.0, 4.5),
                Vec2::new(48.5, 31.5),
                Vec2::new(44.0, 33.5),
            ],
            PAPER,
        );
}

/// Legs, torso in the department's colour with its shape on the chest, head and hair.
fn seated_person(art: &mut Art, look: Look, skin: Color) {
    art.capsule(Vec2::new(-18.0, -8.0), Vec2::new(8.0, -8.0), 6.0, TROUSERS)
        .capsule(Vec2::new(8.0, -8.0), Vec2::new(10.0, -44.0), 5.0, TROUSERS)
        .rounded_rect(Vec2::new(14.0, -46.5), Vec2::new(14.0, 5.0), 2.0, EBONY)
        .rounded_rect(
            Vec2::new(-14.0, 12.0),
            Vec2::new(26.0, 40.0),
            9.0,
            look.color,
        );
    art.polygon(
        &shape_outline(look.shape, Vec2::new(-14.0, 10.0), 15.0),
        badge_color(look.color),
    );
    art.circle(Vec2::new(-14.0, 41.0), 10.5, HAIR)
        .circle(Vec2::new(-11.0, 38.0), 9.5, skin);
}

/// The instrument: its still part into `body`, its moving part (with the playing arm) into
/// `action`, drawn around the shoulder or mouth.
fn instrument(i: Instrument, body: &mut Art, action: &mut Art, sleeve: Color, skin: Color) {
    use Instrument::*;
    let p = Vec2::new(-10.0, 22.0);
    match i {
        Violin => {
            body.ellipse(Vec2::new(2.0, 25.0), Vec2::new(11.0, 6.0), -0.35, WOOD)
                .capsule(Vec2::new(10.0, 22.0), Vec2::new(24.0, 16.0), 1.6, DARK_WOOD);
            arm(
                body,
                Vec2::new(-12.0, 26.0),
                Vec2::new(22.0, 17.0),
                sleeve,
                skin,
            );
            arm(action, Vec2::ZERO, Vec2::new(14.0, -12.0), sleeve, skin);
            action.capsule(Vec2::new(8.0, -22.0), Vec2::new(20.0, 12.0), 1.1, DARK_WOOD);
        }
        Cello => {
            body.ellipse(Vec2::new(14.0, -18.0), Vec2::new(11.0, 13.0), 0.0, WOOD)
                .ellipse(Vec2::new(13.0, 0.0), Vec2::new(8.0, 9.0), 0.0, WOOD)
                .capsule(Vec2::new(13.0, 6.0), Vec2::new(9.0, 38.0), 1.8, DARK_WOOD)
                .capsule(Vec2::new(15.0, -30.0), Vec2::new(17.0, -47.0), 1.0, SILVER);
            arm(
                body,
                Vec2::new(-12.0, 26.0),
                Vec2::new(9.0, 30.0),
                sleeve,
                skin,
            );
            arm(action, Vec2::ZERO, Vec2::new(16.0, -26.0), sleeve, skin);
            action.capsule(
                Vec2::new(8.0, -28.0),
                Vec2::new(44.0, -24.0),
                1.1,
                DARK_WOOD,
            );
        }
        Piano | Marimba | Timpani => percussion(i, body, action, sleeve, skin),
        Flute | Clarinet | Horn => wind(i, body, action, p, sleeve, skin),
    }
}

/// A keyboard or percussion instrument in front of the chair, and the arm that strikes it.
fn percussion(i: Instrument, body: &mut Art, action: &mut Art, sleeve: Color, skin: Color) {
    use Instrument::*;
    match i {
        Piano => {
            body.rounded_rect(Vec2::new(30.0, -20.0), Vec2::new(36.0, 26.0), 3.0, EBONY)
                .rect(Vec2::new(28.0, -6.0), Vec2::new(34.0, 4.0), IVORY);
            arm(action, Vec2::ZERO, Vec2::new(24.0, -24.0), sleeve, skin);
        }
        Marimba => {
            body.rect(Vec2::new(30.0, -28.0), Vec2::new(3.0, 36.0), DARK_WOOD);
            for k in 0..5 {
                let x = 16.0 + 7.0 * k as f32;
                body.rect(
                    Vec2::new(x, -9.0),
                    Vec2::new(5.5, 6.0 - k as f32 * 0.5),
                    WOOD,
                );
            }
            mallet(
                action,
                Vec2::new(20.0, -14.0),
                Vec2::new(32.0, -20.0),
                sleeve,
                skin,
                EBONY,
            );
        }
        Timpani => {
            body.polygon(&kettle(Vec2::new(28.0, -12.0), 17.0, 22.0), COPPER)
                .ellipse(Vec2::new(28.0, -12.0), Vec2::new(17.0, 3.0), 0.0, IVORY)
                .rect(Vec2::new(28.0, -40.0), Vec2::new(3.0, 14.0), STAND);
            mallet(
                action,
                Vec2::new(18.0, -14.0),
                Vec2::new(28.0, -12.0),
                sleeve,
                skin,
                IVORY,
            );
        }
        _ => {}
    }
}

/// A wind instrument at the mouth, with both hands on it: all of it moves with the breath.
fn wind(i: Instrument, body: &mut Art, action: &mut Art, p: Vec2, sleeve: Color, skin: Color) {
    let mouth = Vec2::new(-2.0, 36.0) - p;
    match i {
        Instrument::Flute => {
            action.capsule(mouth, mouth + Vec2::new(40.0, 2.0), 1.8, SILVER);
            arm(
                action,
                Vec2::new(-2.0, 0.0),
                mouth + Vec2::new(10.0, -2.0),
                sleeve,
                skin,
            );
            arm(
                action,
                Vec2::ZERO,
                mouth + Vec2::new(26.0, -1.0),
                sleeve,
                skin,
            );
        }
        Instrument::Clarinet => {
            let bell = mouth + Vec2::new(18.0, -32.0);
            action
                .capsule(mouth, bell, 2.2, EBONY)
                .polygon(&cone(bell, Vec2::new(0.5, -0.87), 7.0, 6.0), EBONY);
            arm(
                action,
                Vec2::ZERO,
                mouth + Vec2::new(7.0, -12.0),
                sleeve,
                skin,
            );
            arm(
                action,
                Vec2::new(-2.0, -4.0),
                mouth + Vec2::new(13.0, -23.0),
                sleeve,
                skin,
            );
        }
        _ => {
            let coil = mouth + Vec2::new(10.0, -16.0);
            action
                .capsule(mouth, coil + Vec2::new(-6.0, 6.0), 1.3, BRASS)
                .ring(coil, 10.0, 6.5, BRASS)
                .polygon(
                    &cone(coil + Vec2::new(6.0, -8.0), Vec2::new(0.6, -0.8), 9.0, 10.0),
                    BRASS,
                );
            arm(
                action,
                Vec2::ZERO,
                coil + Vec2::new(2.0, -2.0),
                sleeve,
                skin,
            );
        }
    }
    body.circle(Vec2::new(-2.0, 36.0), 1.0, skin);
}

/// An arm from the shoulder `from` to the hand at `to`.
fn arm(art: &mut Art, from: Vec2, to: Vec2, sleeve: Color, skin: Color) {
    art.capsule(from, to, 3.6, sleeve).circle(to, 3.4, skin);
}

/// An arm holding a mallet whose head strikes at `head`.
fn mallet(art: &mut Art, hand: Vec2, head: Vec2, sleeve: Color, skin: Color, felt: Color) {
    art.capsule(hand, head, 0.9, DARK_WOOD);
    arm(art, Vec2::ZERO, hand, sleeve, skin);
    art.circle(head, 3.2, felt);
}

/// A bell flaring from `at` along `dir`: `length` long, `width` across at its mouth.
fn cone(at: Vec2, dir: Vec2, length: f32, width: f32) -> Vec<Vec2> {
    let d = dir.normalize_or(Vec2::NEG_Y);
    let side = d.perp();
    vec![
        at + side * 1.5,
        at + d * length + side * width / 2.0,
        at + d * length - side * width / 2.0,
        at - side * 1.5,
    ]
}

/// A kettle drum's bowl: the lower half of an ellipse under its head at `top`.
fn kettle(top: Vec2, half_width: f32, depth: f32) -> Vec<Vec2> {
    (0..=16)
        .map(|k| {
            let a = std::f32::consts::PI * (1.0 + k as f32 / 16.0);
            top + Vec2::new(a.cos() * half_width, a.sin() * depth)
        })
        .collect()
}

/// The conductor on the podium, facing the orchestra (left), with the baton arm apart (its
/// pivot at the shoulder).
pub(crate) fn conductor(feather: f32) -> MusicianArt {
    let suit = EBONY;
    let skin = SKIN[1];
    let mut body = Art::new(feather);
    body.rounded_rect(Vec2::new(0.0, -42.0), Vec2::new(60.0, 16.0), 3.0, STAND)
        .capsule(Vec2::new(-4.0, -32.0), Vec2::new(-5.0, -8.0), 4.5, suit)
        .capsule(Vec2::new(6.0, -32.0), Vec2::new(5.0, -8.0), 4.5, suit)
        .rounded_rect(Vec2::new(0.0, 10.0), Vec2::new(22.0, 38.0), 8.0, suit)
        .polygon(
            &[
                Vec2::new(-3.0, 28.0),
                Vec2::new(3.0, 28.0),
                Vec2::new(0.0, 16.0),
            ],
            IVORY,
        )
        .circle(Vec2::new(1.0, 39.0), 10.0, HAIR)
        .circle(Vec2::new(-1.0, 37.0), 9.0, skin);
    arm(
        &mut body,
        Vec2::new(6.0, 24.0),
        Vec2::new(16.0, 10.0),
        suit,
        skin,
    );
    let mut action = Art::new(feather);
    arm(&mut action, Vec2::ZERO, Vec2::new(-16.0, 8.0), suit, skin);
    action.capsule(Vec2::new(-16.0, 8.0), Vec2::new(-36.0, 18.0), 0.9, IVORY);
    MusicianArt {
        body,
        action,
        pivot: Vec2::new(-7.0, 24.0),
        motion: Motion::Bow,
    }
}

/// A customer in the audience, seen from behind the orchestra: head and shoulders in `coat`,
/// arms raised when `cheering`.
pub fn customer(coat: Color, skin_tone: usize, cheering: bool, feather: f32) -> Art {
    let skin = SKIN[skin_tone % SKIN.len()];
    let mut art = Art::new(feather);
    if cheering {
        art.capsule(Vec2::new(-14.0, -4.0), Vec2::new(-24.0, 30.0), 5.0, coat)
            .capsule(Vec2::new(14.0, -4.0), Vec2::new(24.0, 30.0), 5.0, coat)
            .circle(Vec2::new(-24.0, 32.0), 5.0, skin)
            .circle(Vec2::new(24.0, 32.0), 5.0, skin);
    }
    art.rounded_rect(Vec2::new(0.0, -26.0), Vec2::new(44.0, 44.0), 16.0, coat)
        .circle(Vec2::new(0.0, 14.0), 15.0, skin)
        .ellipse(Vec2::new(0.0, 22.0), Vec2::new(15.0, 8.0), 0.0, HAIR);
    art
}

/// The outline of a department's shape, `size` across, around `centre`.
fn shape_outline(shape: Shape, centre: Vec2, size: f32) -> Vec<Vec2> {
    let r = size / 2.0;
    let around = |n: usize, turn: f32, radius: &dyn Fn(usize) -> f32| -> Vec<Vec2> {
        (0..n)
            .map(|k| {
                let a = turn + std::f32::consts::TAU * k as f32 / n as f32;
                centre + Vec2::new(a.cos(), a.sin()) * radius(k)
            })
            .collect()
    };
    let half_pi = std::f32::consts::FRAC_PI_2;
    match shape {
        Shape::Circle => around(32, 0.0, &|_| r),
        Shape::Square => around(4, half_pi / 2.0, &|_| r * 1.2),
        Shape::Diamond => around(4, 0.0, &|_| r * 1.15),
        Shape::Triangle => around(3, half_pi, &|_| r * 1.2)
            .into_iter()
            .map(|p| p - Vec2::Y * r * 0.2)
            .collect(),
        Shape::Hexagon => around(6, 0.0, &|_| r * 1.05),
        Shape::Star => around(10, half_pi, &|k| if k % 2 == 0 { r * 1.2 } else { r * 0.5 }),
        Shape::Cross => cross(centre, r * 1.1),
        Shape::Heart => heart(centre, r * 1.1),
    }
}

/// A plus sign whose arms reach `r` from `centre`.
fn cross(centre: Vec2, r: f32) -> Vec<Vec2> {
    let t = r * 0.36;
    [
        (t, r),
        (-t, r),
        (-t, t),
        (-r, t),
        (-r, -t),
        (-t, -t),
        (-t, -r),
        (t, -r),
        (t, -t),
        (r, -t),
        (r, t),
        (t, t),
    ]
    .into_iter()
    .map(|(x, y)| centre + Vec2::new(x, y))
    .collect()
}

/// A heart about `r` in radius, from the classic parametric curve.
fn heart(centre: Vec2, r: f32) -> Vec<Vec2> {
    (0..40)
        .map(|k| {
            let t = std::f32::consts::TAU * k as f32 / 40.0;
            let x = 16.0 * t.sin().powi(3);
            let y =
                13.0 * t.cos() - 5.0 * (2.0 * t).cos() - 2.0 * (3.0 * t).cos() - (4.0 * t).cos();
            centre + Vec2::new(x, y + 2.0) * (r / 17.0)
        })
        .collect()
}

/// The shape on a musician's chest: light on a dark colour, dark on a light one.
fn badge_color(color: Color) -> Color {
    if color.luminance() > 0.45 {
        Color::srgb(0.12, 0.12, 0.15)
    } else {
        IVORY
    }
}

/// `color` darkened to `factor` of its brightness.
fn shade(color: Color, factor: f32) -> Color {
    let c = color.to_srgba();
    Color::srgba(c.red * factor, c.green * factor, c.blue * factor, c.alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a drawing, placed at `at`, stays within its figure's box (and a feather).
    fn inside_box(art: &Art, at: Vec2) -> bool {
        let b = art.bounds();
        let limit = Vec2::splat(HALF + 3.0);
        (b.min + at).cmpge(-limit).all() && (b.max + at).cmple(limit).all()
    }

    #[test]
    fn every_musician_fits_its_chair_box_with_a_part_that_moves() {
        for (k, instrument) in Instrument::ALL.into_iter().enumerate() {
            for shape in [Shape::Star, Shape::Heart, Shape::Cross, Shape::Circle] {
                let look = Look {
                    instrument,
                    color: Color::srgb(0.2, 0.5, 0.8),
                    shape,
                    chair: k,
                };
                let m = musician(look, 1.0);
                assert!(
                    inside_box(&m.body, Vec2::ZERO),
                    "{instrument:?}: {:?}",
                    m.body.bounds()
                );
                assert!(!m.action.is_empty(), "{instrument:?} has nothing to move");
                assert!(
                    inside_box(&m.action, m.pivot),
                    "{instrument:?}: {:?}",
                    m.action.bounds()
                );
                assert!(m.body.is_finite() && m.action.is_finite());
            }
        }
    }

    #[test]
    fn the_conductor_and_a_customer_fit_their_boxes() {
        let c = conductor(1.0);
        assert!(inside_box(&c.body, Vec2::ZERO));
        assert!(inside_box(&c.action, c.pivot));
        assert!(inside_box(
            &customer(Color::WHITE, 3, true, 1.0),
            Vec2::ZERO
        ));
        assert!(inside_box(
            &customer(Color::WHITE, 0, false, 1.0),
            Vec2::ZERO
        ));
    }

    #[test]
    fn each_shape_is_its_own_outline() {
        let counts: Vec<usize> = Shape::ALL
            .into_iter()
            .map(|s| shape_outline(s, Vec2::ZERO, 10.0).len())
            .collect();
        assert_eq!(counts, [32, 4, 3, 4, 10, 6, 12, 40]);
    }
}
