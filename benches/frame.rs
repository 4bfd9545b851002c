//! The game's own work per frame, without rendering: a headless app (MinimalPlugins, states,
//! input and every Tutti plugin) playing the 16-department stress piece in autoplay, one
//! 60 fps frame per iteration, measured in the thick of the piece. Goal: under 2 ms.
//!
//! `cargo bench --bench frame`

use std::hint::black_box;
use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use criterion::{Criterion, criterion_group, criterion_main};
use tutti::game::performance::Performance;
use tutti::settings::SettingsStore;
use tutti::states::{Launch, Screen};

fn stress_app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_micros(
        16_667,
    )));
    app.insert_resource(SettingsStore::default());
    app.insert_resource(Launch {
        file: Some("benches/data/stress-16x2000.ron".into()),
        autoplay: true,
        window: (1280, 720),
        ..Launch::default()
    });
    tutti::app::core_plugin(&mut app);
    // Into the piece: past the count-in and 30 s of music, so the score is full.
    for _ in 0..2_000 {
        app.update();
        let playing = *app.world().resource::<State<Screen>>().get() == Screen::Playing;
        if playing && app.world().resource::<Performance>().beat() > 60.0 {
            break;
        }
    }
    app
}

fn benches(c: &mut Criterion) {
    let mut app = stress_app();
    let open = app.world().resource::<Performance>().score().cases().len();
    eprintln!("open cases on the score: {open}");
    c.bench_function("frame/update-16-departments", |b| {
        b.iter(|| {
            app.update();
            black_box(app.world().resource::<Performance>().beat())
        })
    });
}

criterion_group! {
    name = frame;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(frame);
