//! The scenario file format (RON): schema, defaults, limits, validation and error messages that
//! point at the offending text. The loaders return a [`Scenario`] resolved once: every default
//! applied, department and template ids turned into [`DeptId`] and [`TemplateId`], keys
//! canonical, pitches parsed. Knows nothing of the game engine.
//!
//! ```no_run
//! let scenario = tutti::scenario::load_file("levels/01-own-part.en.ron".as_ref()).unwrap();
//! assert!(scenario.tempo_bpm > 0.0);
//! ```

mod defaults;
mod error;
mod file;
mod ids;
pub mod keys;
pub(crate) mod limits;
mod locate;
pub mod pitch;
mod prescan;
mod resolve;
mod slips;
pub mod starter;
pub(crate) mod suggest;
pub(crate) mod sweep;
mod validate;
pub mod words;

use std::path::Path;

pub use error::{ScenarioError, ScenarioErrors};
pub use file::{Audience, BarRange, Goal, Instrument, Reach, Shape, Timing};
pub use ids::{DeptId, TemplateId};
pub use locate::LineCol;
pub use pitch::Pitch;
pub use resolve::{
    Arrivals, Between, CaseTemplate, Colleague, Department, Ignored, Owner, Rgb, Scenario,
    ScriptedArrival, StepTemplate,
};

pub use words::Words;

use locate::line_col;

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(limits::MAX_NESTING)
}

fn single(file: &str, at: Option<LineCol>, message: String) -> ScenarioErrors {
    ScenarioErrors(vec![ScenarioError {
        file: file.to_owned(),
        at,
        field: None,
        message,
    }])
}

/// Parses, validates and resolves scenario text. `file` is only used in messages. A leading
/// byte order mark (Windows Notepad's "UTF-8 with BOM") is skipped: lines and columns are counted
/// as an editor shows them, without it.
pub fn load_str(file: &str, src: &str) -> Result<Scenario, ScenarioErrors> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.len() > limits::MAX_FILE_BYTES {
        return Err(single(
            file,
            Some(line_col(src, limits::MAX_FILE_BYTES)),
            format!(
                "the file is larger than {} KiB, the most a scenario may have",
                limits::MAX_FILE_BYTES / 1024
            ),
        ));
    }
    if locate::is_blank(src) {
        return Err(single(
            file,
            Some(line_col(src, 0)),
            "the file is empty; a scenario starts with `Scenario(` (see docs/scenarios.md)"
                .to_owned(),
        ));
    }
    let scan = prescan::scan(src);
    if scan.problems.is_empty() {
        return parse_and_validate(file, src)
            .map(resolve::resolve)
            .map_err(ScenarioErrors);
    }
    // Every decimal comma and curly quote; and what else is wrong where the text, repaired,
    // lets the parser and the checks of meaning see.
    let further = match &scan.repaired {
        Some(fixed) => parse_and_validate(file, fixed).err().unwrap_or_default(),
        None => Vec::new(),
    };
    Err(ScenarioErrors(error::with_scan(file, src, &scan, further)))
}

/// Parses and validates scenario text: the file as written, or the errors found.
fn parse_and_validate(file: &str, src: &str) -> Result<file::ScenarioFile, Vec<ScenarioError>> {
    let written: file::ScenarioFile = ron_options()
        .from_str(src)
        .map_err(|e| vec![error::from_ron(file, src, &e)])?;
    let errors = validate::validate(file, src, &written);
    if errors.is_empty() {
        Ok(written)
    } else {
        Err(errors)
    }
}

/// Parses, validates and resolves scenario bytes: refuses what is not UTF-8 text.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioErrors> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        let at = std::str::from_utf8(&bytes[..limits::MAX_FILE_BYTES])
            .ok()
            .map(|s| line_col(s, s.len()));
        return Err(single(
            file,
            at,
            format!(
                "the file is larger than {} KiB, the most a scenario may have",
                limits::MAX_FILE_BYTES / 1024
            ),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => load_str(file, src),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(single(
                file,
                Some(line_col(good, good.len())),
                "this is not a text file in UTF-8 (is it the right file? save it as UTF-8 text)"
                    .to_owned(),
            ))
        }
    }
}

/// Reads, parses, validates and resolves a scenario file. Files larger than the limit are not
/// read whole.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioErrors> {
    read_file(path).map(|(scenario, _)| scenario)
}

/// [`load_file`], keeping the file's text too (read once, so the two always agree: what a replay
/// keeps is what was played).
pub(crate) fn read_file(path: &Path) -> Result<(Scenario, String), ScenarioErrors> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| single(&name, None, format!("cannot open the file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| single(&name, None, format!("cannot read the file: {e}")))?;
    let scenario = load_bytes(&name, &bytes)?;
    // It loaded, so it is UTF-8.
    Ok((scenario, String::from_utf8(bytes).unwrap_or_default()))
}
