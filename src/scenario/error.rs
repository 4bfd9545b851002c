//! Scenario errors: each one names the file, the line and column, the field and what was expected.

use std::fmt;

use ron::error::{Error as RonError, SpannedError};

use super::locate::{LineCol, SourceMap, line_col, offset_of};
use super::prescan::Scan;
use super::suggest::{did_you_mean, hint};

/// One thing wrong with a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The file as the user named it.
    pub file: String,
    /// Where in the file, when the text is to blame.
    pub at: Option<LineCol>,
    /// The field, as a path such as `cases[0].steps[2].by`, when one is to blame.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(at) = self.at {
            write!(f, ":{}:{}", at.line, at.col)?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// All errors found in one file (at least one).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

/// Turns the RON parser's error into a facilitator's message.
pub(crate) fn from_ron(file: &str, src: &str, err: &SpannedError) -> ScenarioError {
    let at = LineCol {
        line: err.span.start.line,
        col: err.span.start.col,
    };
    let offset = offset_of(src, at);
    let map = SourceMap::build(src);
    if let Some(slip) = super::slips::explain(src, offset, &err.code) {
        return ScenarioError {
            file: file.to_owned(),
            at: Some(line_col(src, slip.at)),
            field: map.path_at(slip.at).map(str::to_owned),
            message: slip.message,
        };
    }
    let mut field = map.path_at(offset).map(str::to_owned);
    let message = match &err.code {
        RonError::NoSuchStructField {
            expected, found, ..
        } => {
            field = Some(field_path(field, found));
            unknown_field(found, expected)
        }
        RonError::DuplicateStructField { field: f, outer } => {
            field = Some(field_path(field, f));
            format!("field `{f}` is written twice{}", inside(outer.as_deref()))
        }
        code => describe(code, src, offset, field.as_deref()),
    };
    let message = match open_brackets(src) {
        n if n > 0 && src[offset.min(src.len())..].trim().len() <= 16 => format!(
            "the file ends too early: {n} bracket{} still open (was it saved half-way?); the parser said: {message}",
            if n == 1 { " is" } else { "s are" }
        ),
        _ => message,
    };
    ScenarioError {
        file: file.to_owned(),
        at: Some(at),
        field,
        message,
    }
}

/// The path of a field named `name`: the one the scanner found there when it ends in `name`,
/// else the name alone.
fn field_path(found_there: Option<String>, name: &str) -> String {
    match found_there {
        Some(p) if p == name || p.ends_with(&format!(".{name}")) => p,
        _ => name.to_owned(),
    }
}

/// ``unknown field `from`; did you mean `from_bar`? The fields here are `from_bar`, `until_bar` ``.
pub(crate) fn unknown_field(found: &str, expected: &[&str]) -> String {
    let list = expected
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match super::suggest::nearest_field(found, expected.iter().copied()) {
        Some(s) => {
            format!("unknown field `{found}`; did you mean `{s}`? The fields here are {list}")
        }
        None => format!("unknown field `{found}`; the fields here are {list}"),
    }
}

/// `` in `Department(…)` ``, for the values a file writes by name; nothing for the others,
/// whose names are the program's own.
fn inside(outer: Option<&str>) -> String {
    match outer {
        Some(
            name @ ("Scenario" | "Department" | "Case" | "Note" | "Gap" | "Colleague" | "Audience"
            | "Timing" | "Random"),
        ) => format!(" in `{name}(…)`"),
        _ => String::new(),
    }
}

/// What a kind of value written by name is called in a message: `instrument`, `shape`, …
fn kind_of(outer: Option<&str>) -> &'static str {
    match outer {
        Some("Instrument") => "instrument",
        Some("Shape") => "shape",
        Some("Step") => "kind of step (Note or Gap)",
        Some("Arrivals") => "kind of arrivals (Random or Scripted)",
        _ => "kind",
    }
}

/// The message for every parser error but an unknown or repeated field.
fn describe(code: &RonError, src: &str, offset: usize, field: Option<&str>) -> String {
    match code {
        RonError::MissingStructField { field: f, outer } => format!(
            "missing field `{f}`{}: it has no default, so it must be written",
            inside(outer.as_deref())
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} `{found}`; expected one of: {}{}",
            kind_of(outer.as_deref()),
            expected.join(", "),
            hint(found, expected.iter().copied())
        ),
        RonError::ExpectedDifferentStructName { expected, found } => format!(
            "expected `{expected}(...)` here, found `{found}(...)`{}",
            hint(found, [*expected])
        ),
        RonError::Eof => {
            "the file ends too early: a bracket or a string is still open (was it saved half-way?)"
                .to_owned()
        }
        RonError::ExceededRecursionLimit => format!(
            "brackets are nested too deeply (more than {} levels)",
            super::limits::MAX_NESTING
        ),
        RonError::IntegerOutOfBounds => match field.and_then(expectation) {
            Some(range) => format!("this number is far too large: write {range}"),
            None => "this number is far too large".to_owned(),
        },
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {found}")
        }
        RonError::UnclosedBlockComment => "a `/*` comment is never closed".to_owned(),
        RonError::ExpectedStringEnd => "a string is never closed: add the closing `\"`".to_owned(),
        RonError::TrailingCharacters => {
            "unexpected text after the end of the scenario (one `)` too many?)".to_owned()
        }
        other => parser_said(other, src, offset, field),
    }
}

/// The parser's own words, with what the field expects when that is known.
fn parser_said(code: &RonError, src: &str, offset: usize, field: Option<&str>) -> String {
    let said = lowercase_first(&code.to_string());
    let found = snippet(src, offset);
    match field.and_then(expectation) {
        Some(help) if !found.is_empty() => {
            format!("expected {help}, found `{found}` (the parser said: {said})")
        }
        Some(help) => format!("expected {help} (the parser said: {said})"),
        None if !found.is_empty() => format!("{said}, at `{found}`"),
        None => said,
    }
}

/// The mistakes the scan before parsing found, each at its place in the file, together with
/// `further`: what the parser and the checks of meaning found in the repaired text, moved to
/// the file as written, less what lies on a mistake already reported. In the order of the file.
pub(crate) fn with_scan(
    file: &str,
    src: &str,
    scan: &Scan,
    further: Vec<ScenarioError>,
) -> Vec<ScenarioError> {
    let repaired = scan.repaired.as_deref().unwrap_or(src);
    let map = SourceMap::build(repaired);
    let mut errors: Vec<ScenarioError> = scan
        .problems
        .iter()
        .map(|p| ScenarioError {
            file: file.to_owned(),
            at: Some(line_col(src, p.start)),
            field: map.path_at(p.start).map(str::to_owned),
            message: p.message.clone(),
        })
        .collect();
    for mut e in further {
        if let Some(offset) = e.at.map(|at| offset_of(repaired, at)) {
            if scan
                .problems
                .iter()
                .any(|p| (p.start..=p.end).contains(&offset))
            {
                continue;
            }
            e.at = Some(line_col(src, offset));
        }
        errors.push(e);
    }
    errors.sort_by_key(|e| e.at.map_or((usize::MAX, 0), |at| (at.line, at.col)));
    errors
}

/// How many brackets are opened and never closed, ignoring strings and comments.
fn open_brackets(src: &str) -> usize {
    super::locate::bracket_depth(src)
}

/// The text at `offset`, up to the next white space or bracket (at most 16 characters).
fn snippet(src: &str, offset: usize) -> String {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    src[offset..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | ','))
        .take(16)
        .collect()
}

/// `text` with its first letter in lower case.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// What a field expects, in words, by its last name in the path.
pub(crate) fn expectation(path: &str) -> Option<&'static str> {
    if path.starts_with("words.") {
        return Some("text in double quotes");
    }
    let mut name = path;
    while let Some(stripped) = name
        .strip_suffix(']')
        .and_then(|n| n.rfind('[').map(|i| &n[..i]))
    {
        name = stripped;
    }
    let name = name.rsplit('.').next().unwrap_or(name);
    Some(match name {
        "title" | "summary" | "name" | "label" | "debrief" => "text in double quotes",
        "tempo_bpm" => "beats per minute: a number from 30 to 300",
        "beats_per_bar" => "a whole number of beats from 1 to 16",
        "length_bars" => "a whole number of bars from 1 to 2000",
        "seed" => "a whole number, 0 or more",
        "lead_beats" | "handoff_gap_beats" | "beats" => "a whole number of beats",
        "rescue_bars" | "patience_bars" | "bar" | "from_bar" | "until_bar" => {
            "a whole number of bars"
        }
        "weight" => "a number, 0 or more",
        "per_bar" => "a number of cases per bar, from 0 to 8",
        "start"
        | "discord_penalty"
        | "lost_penalty"
        | "reply_reward"
        | "harmony_bonus"
        | "wait_drain"
        | "stray_penalty"
        | "double_work_penalty" => "a number from 0 to 100",
        "perfect_ms" | "good_ms" | "ok_ms" | "timing_sd_ms" => {
            "milliseconds: a number from 1 to 1000"
        }
        "skill" | "busy_skill" | "initiative" | "follow_up" => "a chance: a number from 0 to 1",
        "by" | "department" => "a department id in double quotes",
        "between" => "two department ids, like (\"it\", \"service\")",
        "pitch" => "a pitch in double quotes, like \"D4\" or \"F#4\"",
        "key" => "a key name in double quotes, like \"A\"",
        "color" => "a colour like \"#0072B2\"",
        "instrument" => "Violin, Cello, Flute, Clarinet, Horn, Piano, Marimba or Timpani",
        "shape" => "Circle, Square, Triangle, Diamond, Star, Hexagon, Cross or Heart",
        _ => return None,
    })
}

/// An error found after parsing, at the value written for `path`.
pub(crate) fn at_path(
    file: &str,
    src: &str,
    map: &SourceMap,
    path: &str,
    message: String,
) -> ScenarioError {
    ScenarioError {
        file: file.to_owned(),
        // Where the value is written; if the scanner could not follow the text, the file's start.
        at: Some(
            map.find(path)
                .map_or(LineCol { line: 1, col: 1 }, |r| line_col(src, r.start)),
        ),
        field: Some(path.to_owned()),
        message,
    }
}

/// An unknown id: lists the known ones, with a suggestion for a near miss.
pub(crate) fn unknown_id<'a>(
    what: &str,
    found: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let suggestion = did_you_mean(found, known.clone());
    let list = super::suggest::quoted_list(known);
    match suggestion {
        Some(s) => {
            format!("unknown {what} \"{found}\"; did you mean \"{s}\"? The {what}s are: {list}")
        }
        None => format!("unknown {what} \"{found}\"; the {what}s are: {list}"),
    }
}
