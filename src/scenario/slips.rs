//! The slips a facilitator's hand makes in a file, said in plain words where the parser's own
//! would be jargon: a text whose closing `"` is missing, a list or a `Name(` never closed, a comma
//! left off at the end of a line.

use ron::error::Error as RonError;

use super::locate::{bracket_mismatch, closer, end_of_token_before, line_col, text_over_line_end};

/// What went wrong, and the byte offset to point at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slip {
    pub at: usize,
    pub message: String,
}

/// The slip behind the parser's error `code` at `offset`, when it is one of those this module
/// knows; `None` leaves the parser's error to the usual message.
pub(crate) fn explain(src: &str, offset: usize, code: &RonError) -> Option<Slip> {
    unclosed_text(src, offset)
        .or_else(|| missing_bracket(src, offset))
        .or_else(|| missing_comma(src, offset, code))
}

/// A text whose closing `"` was forgotten runs on over the line's end: point at where it began.
fn unclosed_text(src: &str, offset: usize) -> Option<Slip> {
    let start = text_over_line_end(src).filter(|&s| s <= offset)?;
    Some(Slip {
        at: start,
        message: "this text has no closing `\"`: add it where the text ends, on this line"
            .to_owned(),
    })
}

/// A `]` or `)` left out: say which, and where its list or `Name(` opened.
fn missing_bracket(src: &str, offset: usize) -> Option<Slip> {
    // The parser stops inside the bracket left open, by the wrong closing one at the latest.
    let m = bracket_mismatch(src).filter(|m| m.opened < offset && offset <= m.at)?;
    let opened = line_col(src, m.opened);
    let what = opener_text(src, m.opened);
    let missing = char::from(closer(m.open));
    let found = char::from(src.as_bytes()[m.at]);
    let thing = if m.open == b'[' { "the list " } else { "" };
    Some(Slip {
        at: m.at,
        message: format!(
            "missing `{missing}` before this `{found}`: {thing}`{what}` opened at {}:{} is not \
             closed",
            opened.line, opened.col
        ),
    })
}

/// The words before an opening bracket on its line, and the bracket: `steps: [`, `Case(`.
fn opener_text(src: &str, at: usize) -> String {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let before: String = src[line_start..at].trim().to_owned();
    let words: Vec<&str> = before.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(2)..].join(" ");
    let bracket = char::from(src.as_bytes()[at]);
    let glued = src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    match (tail.is_empty(), glued) {
        (true, _) => bracket.to_string(),
        (false, true) => format!("{tail}{bracket}"),
        (false, false) => format!("{tail} {bracket}"),
    }
}

/// The parser wanted a comma where the next line begins: the comma belongs at the end of the
/// line before.
fn missing_comma(src: &str, offset: usize, code: &RonError) -> Option<Slip> {
    if !matches!(code, RonError::ExpectedComma) {
        return None;
    }
    let end = end_of_token_before(src, offset)?;
    if !src[end..offset.min(src.len())].contains('\n') {
        return None;
    }
    Some(Slip {
        at: end,
        message: "missing `,` at the end of this line".to_owned(),
    })
}
