//! Names that fit (issue 23): a department name of up to 28 characters is shown whole on the play
//! stage at 1280×720 and on a 4:3 projector (1024×768), inside the musicians' column; note labels
//! never cover a name or a key cap; `tutti check` warns of a longer name. Widths are Bevy's own
//! text layout of what the stage draws, at the size the window rasterises it.

use std::collections::HashMap;

use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use bevy::text::{
    ComputedTextBlock, FontCx, LayoutCx, LetterSpacing, LineBreak, LineHeight, TextBounds,
    TextMeasureInfo, TextPipeline, load_font_assets_into_font_collection,
};
use bevy::window::WindowResolution;
use tutti::game::stage::notes::NoteLabel;
use tutti::game::stage::{KeyCap, MusicianName};
use tutti::states::Screen;

use super::app::{app_with, run_until, screen};
use super::cli::tutti;

/// 28 characters: the longest name the stage always shows whole.
const HOSPITAL: &str = "Hospital pharmacy and stores";

/// The two window sizes a workshop meets: a 16:9 screen and a 4:3 projector.
const WINDOWS: [(u32, u32); 2] = [(1280, 720), (1024, 768)];

/// Bevy's text layout, as the stage's text is laid out (DejaVu Sans, no wrapping).
struct Measure {
    world: World,
    pipeline: TextPipeline,
    layout: LayoutCx,
    known: HashMap<(String, u32), Vec2>,
}

impl Measure {
    fn new() -> Measure {
        let mut world = World::new();
        let mut fonts = Assets::<Font>::default();
        let dejavu = std::fs::read("assets/fonts/DejaVuSans.ttf").unwrap();
        let _ = fonts.insert(AssetId::default(), Font::from_bytes(dejavu));
        world.insert_resource(fonts);
        world.init_resource::<FontCx>();
        world
            .run_system_once(load_font_assets_into_font_collection)
            .unwrap();
        Measure {
            world,
            pipeline: TextPipeline::default(),
            layout: LayoutCx::default(),
            known: HashMap::new(),
        }
    }

    /// The laid-out size of `text` at `px` pixels.
    fn size(&mut self, text: &str, px: f32) -> Vec2 {
        let key = (text.to_owned(), px.to_bits());
        if let Some(size) = self.known.get(&key) {
            return *size;
        }
        let font = TextFont {
            font_size: FontSize::Px(px),
            ..default()
        };
        let mut computed = ComputedTextBlock::default();
        let (pipeline, layout) = (&mut self.pipeline, &mut self.layout);
        let size = self
            .world
            .resource_scope(|world, mut font_cx: Mut<FontCx>| {
                let span = (
                    Entity::PLACEHOLDER,
                    0,
                    text,
                    &font,
                    Color::WHITE,
                    LineHeight::default(),
                    LetterSpacing::default(),
                );
                pipeline
                    .update_buffer(
                        world.resource::<Assets<Font>>(),
                        std::iter::once(span),
                        LineBreak::NoWrap,
                        Justify::Left,
                        TextBounds::UNBOUNDED,
                        1.0,
                        &mut computed,
                        &mut font_cx,
                        layout,
                        Vec2::new(1280.0, 720.0),
                        16.0,
                    )
                    .unwrap();
                let mut info = TextMeasureInfo {
                    min: Vec2::ZERO,
                    max: Vec2::ZERO,
                    entity: Entity::PLACEHOLDER,
                };
                info.compute_size(TextBounds::UNBOUNDED, &mut computed, &mut font_cx)
            });
        self.known.insert(key, size);
        size
    }

    /// The size on stage (1280×720 units) of a text entity as the window rasterises it.
    fn on_stage(&mut self, text: &Text2d, font: &TextFont, t: &Transform) -> Vec2 {
        let FontSize::Px(px) = font.font_size else {
            panic!("stage text is sized in pixels")
        };
        self.size(&text.0, px) * t.scale.truncate()
    }
}

/// `level` with its department names replaced (old → new), written to a temporary file.
fn renamed(level: &str, names: &[(&str, &str)], file: &str) -> String {
    renamed_text(std::fs::read_to_string(level).unwrap(), names, file)
}

/// The scenario `src` with its department names replaced, written to a temporary file.
fn renamed_text(mut src: String, names: &[(&str, &str)], file: &str) -> String {
    for (old, new) in names {
        let (old, new) = (format!("name: \"{old}\""), format!("name: \"{new}\""));
        assert!(src.contains(&old), "{old}");
        src = src.replace(&old, &new);
    }
    let dir = std::env::temp_dir().join(format!("tutti-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, src).unwrap();
    path.display().to_string()
}

/// A game on `file` in a window of `size`, playing.
fn playing(file: &str, size: (u32, u32), autoplay: bool) -> App {
    let mut app = app_with(file, autoplay, 20, |app| {
        app.world_mut().spawn(Window {
            resolution: WindowResolution::new(size.0, size.1),
            ..default()
        });
    });
    if !autoplay {
        super::stage::seat_a_and_play(&mut app);
    }
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    app.update();
    app
}

/// A key cap: its centre and side.
fn key_caps(app: &mut App) -> Vec<(Vec2, f32)> {
    let mut q = app.world_mut().query::<(&KeyCap, &Sprite, &Transform)>();
    let mut caps: Vec<(usize, Vec2, f32)> = q
        .iter(app.world())
        .map(|(k, s, t)| (k.0.0, t.translation.truncate(), s.custom_size.unwrap().x))
        .collect();
    caps.sort_by_key(|c| c.0);
    caps.into_iter().map(|(_, at, side)| (at, side)).collect()
}

/// Every musician's name on stage, by department: its text and laid-out rectangle.
fn names(app: &mut App, measure: &mut Measure) -> Vec<(String, Rect)> {
    let mut q = app
        .world_mut()
        .query::<(&MusicianName, &Text2d, &TextFont, &Transform)>();
    let mut names: Vec<(usize, String, Rect)> = q
        .iter(app.world())
        .map(|(n, text, font, t)| {
            let size = measure.on_stage(text, font, t);
            // Anchored at its left edge, centred on its line(s).
            let at = t.translation.truncate() + Vec2::X * size.x / 2.0;
            (n.0.0, text.0.clone(), Rect::from_center_size(at, size))
        })
        .collect();
    names.sort_by_key(|n| n.0);
    names.into_iter().map(|(_, text, r)| (text, r)).collect()
}

/// Each name is drawn whole (on one line or two), ends before its key cap and stays in its row.
fn assert_names_whole_and_inside(app: &mut App, expected: &[&str], window: (u32, u32)) {
    let mut measure = Measure::new();
    let caps = key_caps(app);
    let spacing = (caps[0].0.y - caps[1].0.y).abs();
    let shown = names(app, &mut measure);
    assert_eq!(shown.len(), expected.len());
    for ((text, rect), (want, (cap, side))) in shown.iter().zip(expected.iter().zip(&caps)) {
        assert_eq!(&text.replace('\n', " "), want, "{window:?}: shown whole");
        assert!(
            rect.max.x <= cap.x - side / 2.0,
            "{window:?}: “{text}” ends at {} but its key cap begins at {}",
            rect.max.x,
            cap.x - side / 2.0
        );
        // Bevy rounds a laid-out size up to whole pixels of the window.
        let row = spacing / 2.0 + 1.5;
        assert!(
            rect.max.y <= cap.y + row && rect.min.y >= cap.y - row,
            "{window:?}: “{text}” ({rect:?}) stays in its row ({} ± {})",
            cap.y,
            spacing / 2.0
        );
    }
}

#[test]
fn a_name_of_28_characters_is_shown_whole_at_1280x720_and_1024x768() {
    assert_eq!(HOSPITAL.chars().count(), 28);
    let file = renamed(
        "levels/04-the-call-nobody-makes.en.ron",
        &[("Customer service", HOSPITAL)],
        "hospital.ron",
    );
    for window in WINDOWS {
        let mut app = playing(&file, window, true);
        assert_names_whole_and_inside(&mut app, &[HOSPITAL, "Finance", "IT", "Sales"], window);
    }
}

#[test]
fn six_chairs_with_long_danish_names_show_them_whole() {
    let (region, pharmacy) = (
        "Sundhed og ældre, Region Syd",
        "Hospitalsapoteket og lageret",
    );
    assert_eq!([region, pharmacy].map(|n| n.chars().count()), [28, 28]);
    let file = renamed(
        "levels/06-full-orchestra.da.ron",
        &[("Kundeservice", region), ("Lager", pharmacy)],
        "seks.ron",
    );
    let expected = [region, "Salg", "Økonomi", pharmacy, "IT", "Jura"];
    for window in WINDOWS {
        let mut app = playing(&file, window, true);
        assert_names_whole_and_inside(&mut app, &expected, window);
    }
}

#[test]
fn eight_chairs_all_with_names_of_28_characters_show_them_whole() {
    let names = [
        ("Customer service", "Customer service and support"),
        ("Finance", "Finance, payroll and pension"),
        ("IT", "IT operations and networking"),
        ("Sales", "Sales, marketing and tenders"),
        ("Warehouse", "Warehouse, stock and freight"),
        ("Legal", "Legal affairs and compliance"),
        ("Management", "Management and board support"),
        ("HR", "Human resources and training"),
    ];
    assert!(names.iter().all(|(_, n)| n.chars().count() == 28));
    let starter = tutti::scenario::starter::starter(false, 8);
    let file = renamed_text(starter, &names, "eight.ron");
    let expected: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
    for window in WINDOWS {
        let mut app = playing(&file, window, true);
        assert_names_whole_and_inside(&mut app, &expected, window);
    }
}

/// The right edge of the musicians' column: the furthest a name or a key cap reaches.
fn column_right(app: &mut App, measure: &mut Measure) -> f32 {
    let caps = key_caps(app)
        .into_iter()
        .map(|(at, side)| at.x + side / 2.0);
    let names: Vec<f32> = names(app, measure).iter().map(|(_, r)| r.max.x).collect();
    caps.chain(names).fold(f32::MIN, f32::max)
}

#[test]
fn a_note_label_never_covers_a_name_or_a_key_cap() {
    let mut app = playing("levels/04-the-call-nobody-makes.en.ron", (1024, 768), false);
    let mut measure = Measure::new();
    let right = column_right(&mut app, &mut measure);
    let (mut shown, mut nearest) = (0, f32::MAX);
    // Customer service is seated and never plays: its notes run late, fall and come back past
    // the line, with their labels ("3 · Take the claim").
    for _ in 0..3_000 {
        app.update();
        if screen(&app) != Screen::Playing {
            break;
        }
        let mut q = app
            .world_mut()
            .query::<(&NoteLabel, &Text2d, &TextFont, &Transform, &Visibility)>();
        for (_, text, font, t, vis) in q.iter(app.world()) {
            if *vis == Visibility::Hidden {
                continue;
            }
            shown += 1;
            let left = t.translation.x - measure.on_stage(text, font, t).x / 2.0;
            nearest = nearest.min(left - right);
            assert!(
                left >= right,
                "“{}” begins at {left}, over the musicians' column (to {right})",
                text.0
            );
        }
    }
    assert!(shown > 100, "labels were shown ({shown})");
    // Some were moved right, just clear of the column, while their note neared the line.
    assert!(
        nearest < 15.0,
        "labels came up to the column ({nearest} px)"
    );
}

#[test]
fn check_warns_of_a_name_longer_than_28_characters_and_not_of_one_of_28() {
    let level = "levels/04-the-call-nobody-makes.en.ron";
    let whole = renamed(level, &[("Customer service", HOSPITAL)], "28.ron");
    let (code, out, err) = tutti(&["check", &whole]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim_end(), format!("{whole}: ok"), "no warning for 28");
    let longer = "Hospital pharmacy and storage";
    assert_eq!(longer.chars().count(), 29);
    let long = renamed(level, &[("Customer service", longer)], "29.ron");
    let (code, out, err) = tutti(&["check", &long]);
    assert_eq!(code, 0, "a warning, not an error: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[1].starts_with(&format!(
            "{long}: warning: department “{longer}” (service) has a name of 29 characters"
        )),
        "{out}"
    );
    assert!(lines[1].contains("up to 28 characters whole"), "{out}");
}

#[test]
fn check_warns_of_a_long_name_in_danish_in_a_danish_file() {
    let longer = "Hospitalsapoteket og depoterne";
    let file = renamed(
        "levels/04-the-call-nobody-makes.da.ron",
        &[("Kundeservice", longer)],
        "30.da.ron",
    );
    let (code, out, err) = tutti(&["check", &file]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[1].starts_with(&format!(
            "{file}: advarsel: afdelingen »{longer}« (service) har et navn på 30 tegn"
        )),
        "{out}"
    );
    assert!(lines[1].contains("op til 28 tegn hele"), "{out}");
}
