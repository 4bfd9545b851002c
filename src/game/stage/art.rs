//! Flat vector art drawn by code: filled shapes tessellated into one mesh with vertex colours.
//! Every edge is feathered over about a pixel (the colour fades to transparent across it), so
//! curves look smooth although the camera runs without multisampling (software rendering).
//!
//! Shapes are added in painting order: a later shape covers an earlier one. A polygon must be
//! star-shaped about its centroid (convex shapes, stars, crosses and hearts are).

use std::f32::consts::TAU;

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// A drawing in progress: vertices with colours, and triangles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Art {
    positions: Vec<[f32; 3]>,
    colors: Vec<[f32; 4]>,
    indices: Vec<u32>,
    /// Width of the soft edge, in the drawing's own units.
    feather: f32,
}

/// One point of a polygon's outline with its colour: solid inside, clear outside.
struct Rim {
    inner: Vec2,
    outer: Vec2,
}

impl Art {
    /// An empty drawing whose edges fade over `feather` of its units (about one pixel on screen:
    /// pass one pixel divided by the scale the drawing is shown at).
    pub fn new(feather: f32) -> Art {
        Art {
            feather: feather.max(1e-3),
            ..Art::default()
        }
    }

    /// Whether nothing has been drawn.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// The drawing's extent: the smallest rectangle holding every solid and feathered vertex.
    #[cfg(test)]
    pub(crate) fn bounds(&self) -> Rect {
        self.positions
            .iter()
            .fold(Rect::EMPTY, |r, p| r.union_point(Vec2::new(p[0], p[1])))
    }

    /// Whether every vertex is a finite number.
    #[cfg(test)]
    pub fn is_finite(&self) -> bool {
        self.positions.iter().flatten().all(|v| v.is_finite())
    }

    /// A filled polygon (star-shaped about its centroid), in either winding.
    pub(crate) fn polygon(&mut self, points: &[Vec2], color: Color) -> &mut Self {
        if points.len() < 3 {
            return self;
        }
        let mut points = points.to_vec();
        if signed_area(&points) < 0.0 {
            points.reverse();
        }
        let centre = points.iter().copied().sum::<Vec2>() / points.len() as f32;
        let rims = rims(&points, self.feather);
        let (solid, clear) = colours(color);
        let base = self.positions.len() as u32;
        self.push(centre, solid);
        for rim in &rims {
            self.push(rim.inner, solid);
            self.push(rim.outer, clear);
        }
        let n = rims.len() as u32;
        for i in 0..n {
            let (a_in, a_out) = (base + 1 + 2 * i, base + 2 + 2 * i);
            let j = (i + 1) % n;
            let (b_in, b_out) = (base + 1 + 2 * j, base + 2 + 2 * j);
            self.indices.extend([base, a_in, b_in]);
            self.indices.extend([a_in, a_out, b_out, a_in, b_out, b_in]);
        }
        self
    }

    /// A circle.
    pub fn circle(&mut self, centre: Vec2, radius: f32, color: Color) -> &mut Self {
        self.ellipse(centre, Vec2::splat(radius), 0.0, color)
    }

    /// An ellipse with radii `radii`, turned by `turn` radians.
    pub(crate) fn ellipse(
        &mut self,
        centre: Vec2,
        radii: Vec2,
        turn: f32,
        color: Color,
    ) -> &mut Self {
        let n = self.segments(radii.max_element());
        let rot = Vec2::from_angle(turn);
        let points: Vec<Vec2> = (0..n)
            .map(|i| {
                let a = TAU * i as f32 / n as f32;
                centre + rot.rotate(Vec2::new(a.cos() * radii.x, a.sin() * radii.y))
            })
            .collect();
        self.polygon(&points, color)
    }

    /// An axis-aligned rectangle.
    pub fn rect(&mut self, centre: Vec2, size: Vec2, color: Color) -> &mut Self {
        let h = size / 2.0;
        self.polygon(
            &[
                centre + Vec2::new(-h.x, -h.y),
                centre + Vec2::new(h.x, -h.y),
                centre + Vec2::new(h.x, h.y),
                centre + Vec2::new(-h.x, h.y),
            ],
            color,
        )
    }

    /// A rectangle with rounded corners of `radius`.
    pub(crate) fn rounded_rect(
        &mut self,
        centre: Vec2,
        size: Vec2,
        radius: f32,
        color: Color,
    ) -> &mut Self {
        let h = size / 2.0;
        let r = radius.clamp(0.0, h.min_element());
        let inner = h - Vec2::splat(r);
        let corners = [
            (Vec2::new(inner.x, inner.y), 0.0),
            (Vec2::new(-inner.x, inner.y), 0.25),
            (Vec2::new(-inner.x, -inner.y), 0.5),
            (Vec2::new(inner.x, -inner.y), 0.75),
        ];
        let steps = (self.segments(r) / 4).max(2);
        let mut points = Vec::with_capacity(4 * (steps + 1));
        for (c, start) in corners {
            for s in 0..=steps {
                let a = TAU * (start + 0.25 * s as f32 / steps as f32);
                points.push(centre + c + Vec2::new(a.cos(), a.sin()) * r);
            }
        }
        self.polygon(&points, color)
    }

    /// A thick line from `a` to `b` with round ends: a bow, an arm, a flute.
    pub(crate) fn capsule(&mut self, a: Vec2, b: Vec2, radius: f32, color: Color) -> &mut Self {
        let along = (b - a).normalize_or(Vec2::X);
        let side = along.perp();
        let steps = (self.segments(radius) / 2).max(3);
        let mut points = Vec::with_capacity(2 * (steps + 1));
        for (end, from) in [(b, -side), (a, side)] {
            for s in 0..=steps {
                let t = std::f32::consts::PI * s as f32 / steps as f32;
                let dir = Vec2::from_angle(t).rotate(from);
                points.push(end + dir * radius);
            }
        }
        self.polygon(&points, color)
    }

    /// A ring between radii `inner` and `outer` (the horn's coiled tube).
    pub fn ring(&mut self, centre: Vec2, outer: f32, inner: f32, color: Color) -> &mut Self {
        let n = self.segments(outer) as u32;
        let (solid, clear) = colours(color);
        let f = self.feather / 2.0;
        let radii = [(inner - f).max(0.0), inner + f, outer - f, outer + f];
        let tints = [clear, solid, solid, clear];
        let base = self.positions.len() as u32;
        for i in 0..n {
            let dir = Vec2::from_angle(TAU * i as f32 / n as f32);
            for (r, c) in radii.iter().zip(tints) {
                self.push(centre + dir * *r, c);
            }
        }
        for i in 0..n {
            let j = (i + 1) % n;
            for k in 0..3 {
                let (a0, a1) = (base + 4 * i + k, base + 4 * i + k + 1);
                let (b0, b1) = (base + 4 * j + k, base + 4 * j + k + 1);
                self.indices.extend([a0, b0, b1, a0, b1, a1]);
            }
        }
        self
    }

    /// The drawing as a mesh with vertex colours, for a `Mesh2d` with the stage's material.
    pub(crate) fn into_mesh(self) -> Mesh {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colors)
        .with_inserted_indices(Indices::U32(self.indices))
    }

    /// Segments for a curve of `radius`: enough that a straight piece is under half a feather off
    /// the true curve, within 12–64.
    fn segments(&self, radius: f32) -> usize {
        let ratio = (radius / self.feather).max(1.0);
        ((TAU / (2.0 / ratio).sqrt().min(1.0)).ceil() as usize).clamp(12, 64)
    }

    fn push(&mut self, at: Vec2, color: [f32; 4]) {
        self.positions.push([at.x, at.y, 0.0]);
        self.colors.push(color);
    }
}

/// The solid and the fully transparent version of `color`, as vertex colours (linear RGBA).
fn colours(color: Color) -> ([f32; 4], [f32; 4]) {
    let lin = LinearRgba::from(color);
    (lin.to_f32_array(), [lin.red, lin.green, lin.blue, 0.0])
}

/// Twice the polygon's signed area: positive when counter-clockwise.
fn signed_area(points: &[Vec2]) -> f32 {
    let n = points.len();
    (0..n)
        .map(|i| points[i].perp_dot(points[(i + 1) % n]))
        .sum()
}

/// The inner and outer edge of the feather at each point of a counter-clockwise outline.
fn rims(points: &[Vec2], feather: f32) -> Vec<Rim> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let prev = points[(i + n - 1) % n];
            let p = points[i];
            let next = points[(i + 1) % n];
            let out_a = outward(prev, p);
            let out_b = outward(p, next);
            let mid = (out_a + out_b).normalize_or(out_b);
            // Keep the feather's width along sharp corners, within twice its width.
            let stretch = (1.0 / mid.dot(out_b).max(0.5)).min(2.0);
            let half = mid * feather * 0.5 * stretch;
            Rim {
                inner: p - half,
                outer: p + half,
            }
        })
        .collect()
}

/// The outward normal of the edge from `a` to `b` of a counter-clockwise outline.
fn outward(a: Vec2, b: Vec2) -> Vec2 {
    let e = (b - a).normalize_or(Vec2::X);
    Vec2::new(e.y, -e.x)
}

/// The stage's one material for drawn art (white, blended: the art brings its own colours) and
/// a soft round glow for halos.
#[derive(Resource, Debug, Clone)]
pub(crate) struct ArtKit {
    pub material: Handle<ColorMaterial>,
    pub glow: Handle<Image>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, make_art_kit);
}

/// Makes the [`ArtKit`] where meshes can be drawn (not in a headless app without assets).
fn make_art_kit(
    mut commands: Commands,
    materials: Option<ResMut<Assets<ColorMaterial>>>,
    images: Option<ResMut<Assets<Image>>>,
) {
    let (Some(mut materials), Some(mut images)) = (materials, images) else {
        return;
    };
    let material = materials.add(ColorMaterial {
        color: Color::WHITE,
        alpha_mode: bevy::sprite_render::AlphaMode2d::Blend,
        ..default()
    });
    commands.insert_resource(ArtKit {
        material,
        glow: images.add(glow_image()),
    });
}

/// A white disc that fades from the middle to nothing at its rim, 64×64.
fn glow_image() -> Image {
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
    const SIZE: u32 = 64;
    let mut data = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let d = Vec2::new(x as f32 + 0.5, y as f32 + 0.5) / SIZE as f32 * 2.0 - Vec2::ONE;
            let a = (1.0 - d.length()).clamp(0.0, 1.0);
            data.extend([255, 255, 255, (a * a * 255.0) as u8]);
        }
    }
    Image::new(
        Extent3d {
            width: SIZE,
            height: SIZE,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alpha_at(art: &Art, i: usize) -> f32 {
        art.colors[i][3]
    }

    #[test]
    fn a_circle_is_solid_inside_and_fades_over_its_feather() {
        let mut art = Art::new(1.0);
        art.circle(Vec2::ZERO, 10.0, Color::WHITE);
        // The centre, then inner (solid) and outer (clear) rim points in turn.
        assert_eq!(alpha_at(&art, 0), 1.0);
        for i in 0..(art.positions.len() - 1) / 2 {
            let inner = Vec2::from_slice(&art.positions[1 + 2 * i]);
            let outer = Vec2::from_slice(&art.positions[2 + 2 * i]);
            assert!((inner.length() - 9.5).abs() < 0.05, "{inner}");
            assert!((outer.length() - 10.5).abs() < 0.05, "{outer}");
            assert_eq!(alpha_at(&art, 1 + 2 * i), 1.0);
            assert_eq!(alpha_at(&art, 2 + 2 * i), 0.0);
        }
        let b = art.bounds();
        assert!(
            (b.max.x - 10.5).abs() < 0.05 && (b.min.y + 10.5).abs() < 0.1,
            "{b:?}"
        );
    }

    #[test]
    fn a_clockwise_outline_is_drawn_like_a_counter_clockwise_one() {
        let square = [
            Vec2::new(0.0, 0.0),
            Vec2::new(0.0, 4.0),
            Vec2::new(4.0, 4.0),
            Vec2::new(4.0, 0.0),
        ];
        let mut cw = Art::new(1.0);
        cw.polygon(&square, Color::WHITE);
        // The feather lies outside the square, never inside out.
        let b = cw.bounds();
        assert!(b.min.abs_diff_eq(Vec2::splat(-0.5), 1e-4), "{b:?}");
        assert!(b.max.abs_diff_eq(Vec2::splat(4.5), 1e-4), "{b:?}");
    }

    #[test]
    fn degenerate_shapes_draw_nothing_or_something_finite() {
        let mut art = Art::new(1.0);
        art.polygon(&[Vec2::ZERO, Vec2::X], Color::WHITE);
        assert!(art.is_empty());
        art.capsule(Vec2::ONE, Vec2::ONE, 2.0, Color::WHITE)
            .rounded_rect(Vec2::ZERO, Vec2::new(4.0, 2.0), 9.0, Color::WHITE)
            .ring(Vec2::ZERO, 5.0, 3.0, Color::WHITE)
            .ellipse(Vec2::ZERO, Vec2::new(0.0, 3.0), 1.0, Color::WHITE);
        assert!(!art.is_empty() && art.is_finite());
    }
}
