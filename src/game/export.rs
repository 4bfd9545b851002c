//! The export of a finished piece (E on the debrief): its `cases.csv`, `departments.csv`,
//! `about.csv` and `results.xlsx` from the piece's record, its replay and the session's
//! `session.csv`, and with a window a picture of the debrief. The debrief screen asks with
//! `ExportRequest` and shows [`LastExport`].

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::PrimaryWindow;

use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;

use super::finished::FinishedPiece;
use super::performance::Performance;
use super::session::{ResultsRoot, SessionInput, Workshop};

/// Export the finished piece on show.
#[derive(Message, Debug, Clone, Copy)]
pub(crate) struct ExportRequest;

/// What the last export from this debrief did: the folder written, or why it failed.
#[derive(Resource, Debug, Clone, Default)]
pub struct LastExport(pub Option<Result<PathBuf, String>>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LastExport>();
    app.add_message::<ExportRequest>();
    app.add_systems(OnEnter(Screen::Debrief), forget_export);
    app.add_systems(
        Update,
        export_finished_piece
            .in_set(AppSet::Update)
            .run_if(in_state(Screen::Debrief)),
    );
}

/// A debrief opens with no export yet.
fn forget_export(mut last: ResMut<LastExport>) {
    last.0 = None;
}

/// The room asked for the export: writes it, and with a window the debrief's picture after it.
fn export_finished_piece(
    mut commands: Commands,
    mut requests: MessageReader<ExportRequest>,
    (perf, finished): (Option<Res<Performance>>, Res<FinishedPiece>),
    (workshop, root, texts): (Res<Workshop>, Res<ResultsRoot>, Res<Texts>),
    mut last: ResMut<LastExport>,
    mut kept_again: MessageWriter<SessionInput>,
    window: Query<(), With<PrimaryWindow>>,
) {
    if requests.read().count() == 0 {
        return;
    }
    let (Some(perf), Some(record)) = (perf, finished.0.as_ref()) else {
        return;
    };
    let results = root
        .0
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::export::DEFAULT_ROOT));
    let dir = export_folder(&perf, &workshop, &results);
    let piece = Piece {
        perf: &perf,
        debrief: &record.debrief,
    };
    let result = write_export(&piece, &workshop, &results, &dir, &texts);
    match &result {
        // With a window the picture comes a frame or two later: the log says the export is done
        // once it is on disk (quitting before then would lose it).
        Ok(()) if !window.is_empty() => {
            let folder = dir.clone();
            commands.spawn(Screenshot::primary_window()).observe(
                move |captured: On<ScreenshotCaptured>| {
                    save_picture(&captured, &folder);
                },
            );
            kept_again.write(SessionInput::KeptAgain);
        }
        Ok(()) => {
            info!("exported the debrief to {}", dir.display());
            kept_again.write(SessionInput::KeptAgain);
        }
        Err(e) => warn!("export failed: {e}"),
    }
    last.0 = Some(result.map(|()| dir).map_err(|e| e.to_string()));
}

/// Writes the debrief's picture, `debrief.png` in `folder`, then logs that the export is done
/// (the log's line comes when everything is on disk).
fn save_picture(captured: &ScreenshotCaptured, folder: &Path) {
    let path = folder.join("debrief.png");
    let saved = captured
        .image
        .clone()
        .try_into_dynamic()
        .map_err(|e| e.to_string())
        .and_then(|picture| picture.to_rgb8().save(&path).map_err(|e| e.to_string()));
    match saved {
        Ok(()) => info!("exported the debrief to {}", folder.display()),
        Err(e) => warn!(
            "exported the debrief to {}, but not its picture: {e}",
            folder.display()
        ),
    }
}

/// Where E writes: the performance's own folder in the session; for a replay played back, a
/// folder of its own in the results folder.
fn export_folder(perf: &Performance, workshop: &Workshop, results: &Path) -> PathBuf {
    workshop.last_folder(results).unwrap_or_else(|| {
        crate::export::results_dir(
            results,
            &format!("replay-{}", crate::export::scenario_stem(perf.level())),
            std::time::SystemTime::now(),
        )
    })
}

/// The piece to write: the performance (its scenario, level, seed, setup) and its record's
/// figures.
struct Piece<'a> {
    perf: &'a Performance,
    debrief: &'a crate::sim::Debrief,
}

/// Writes the piece's `cases.csv`, `departments.csv`, `about.csv` (the level, seed, seats, tempo
/// and difficulty it was played with) and `results.xlsx` (in the interface's language and the
/// scenario's words), its replay, and the session's `session.csv` beside the rounds.
fn write_export(
    piece: &Piece,
    workshop: &Workshop,
    results: &Path,
    dir: &Path,
    texts: &Texts,
) -> Result<(), crate::export::ExportError> {
    let (perf, d) = (piece.perf, piece.debrief);
    let about = crate::export::AboutRow::of(
        perf.scenario(),
        perf.level(),
        perf.seed(),
        perf.replay_setup(),
    );
    crate::export::write_csvs(dir, perf.scenario(), d, &about)?;
    crate::export::write_xlsx(dir, perf.scenario(), d, &about, &|k| texts.t(k))?;
    if workshop.last().is_some() {
        workshop
            .write_last(results)
            .map_err(|e| crate::export::ExportError {
                path: dir.to_owned(),
                reason: e.to_string(),
            })?;
    }
    Ok(())
}
