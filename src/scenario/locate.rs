//! Where things are in a scenario's text: a lenient scanner that maps field paths such as
//! `cases[0].steps[2].by` to the text they were written with, so that errors of meaning can point
//! at a line and column just like syntax errors do.
//!
//! It never fails: on text it does not understand it stops and keeps what it found.

use std::collections::HashMap;

/// A line and column, both counted from 1; columns count characters, as the RON parser does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub col: usize,
}

/// Byte range of a value in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub start: usize,
    pub end: usize,
}

/// The map from field paths to where their values are written.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    spans: HashMap<String, Range>,
    ordered: Vec<(String, Range)>,
}

impl SourceMap {
    /// Scans `src`; never panics, whatever the text.
    pub fn build(src: &str) -> SourceMap {
        let tokens = tokenize(src);
        let mut scanner = Scanner {
            tokens: &tokens,
            pos: 0,
            map: SourceMap::default(),
            depth: 0,
        };
        scanner.value(String::new());
        scanner.map
    }

    /// Where the value at `path` starts, or the nearest enclosing value that was written.
    pub fn find(&self, path: &str) -> Option<Range> {
        let mut p = path;
        loop {
            if let Some(r) = self.spans.get(p) {
                return Some(*r);
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                // Nothing of the path was written: the whole value (the file's start).
                None => return self.spans.get("").copied(),
            }
        }
    }

    /// Every path written, in the order met, with where its value is.
    pub fn written(&self) -> impl Iterator<Item = (&str, Range)> {
        self.ordered.iter().map(|(p, r)| (p.as_str(), *r))
    }

    /// The innermost field whose value contains byte `offset`.
    pub(crate) fn path_at(&self, offset: usize) -> Option<&str> {
        self.ordered
            .iter()
            .filter(|(p, r)| !p.is_empty() && r.start <= offset && offset <= r.end)
            .max_by_key(|(p, _)| p.len())
            .map(|(p, _)| p.as_str())
    }
}

/// Line and column of byte `offset` in `src`.
pub(crate) fn line_col(src: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line,
        col: 1 + before[line_start..].chars().count(),
    }
}

/// Byte offset of a line and column (the inverse of [`line_col`]), clamped to the text.
pub(crate) fn offset_of(src: &str, at: LineCol) -> usize {
    let mut line = 1;
    let mut start = 0;
    if at.line > 1 {
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                if line == at.line {
                    start = i + 1;
                    break;
                }
            }
        }
        if line < at.line {
            return src.len();
        }
    }
    src[start..]
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(src.len(), |(i, _)| start + i)
}

/// Brackets opened and not closed at the end of `src` (strings and comments ignored).
pub(crate) fn bracket_depth(src: &str) -> usize {
    let mut depth: usize = 0;
    for (tok, _) in tokenize(src) {
        match tok {
            Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
            Tok::Punct(b')' | b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// A bracket closed by the wrong one: `open` (`[` or `(`) at `opened` is still open where a
/// closing `found` stands at `at`, byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub open: u8,
    pub opened: usize,
    pub at: usize,
}

/// The first closing bracket that does not close the bracket open there (strings and comments
/// left out): where a `]` or `)` is missing.
pub(crate) fn bracket_mismatch(src: &str) -> Option<Mismatch> {
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (tok, r) in tokenize(src) {
        match tok {
            Tok::Punct(c @ (b'(' | b'[' | b'{')) => open.push((c, r.start)),
            Tok::Punct(c @ (b')' | b']' | b'}')) => match open.pop() {
                Some((o, at)) if closer(o) != c => {
                    return Some(Mismatch {
                        open: o,
                        opened: at,
                        at: r.start,
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }
    None
}

/// The bracket that closes `open`.
pub(crate) fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// Where the first text in double quotes that runs over a line's end begins: a closing `"`
/// forgotten there (a facilitator's texts stay on one line).
pub(crate) fn text_over_line_end(src: &str) -> Option<usize> {
    tokenize(src).into_iter().find_map(|(tok, r)| {
        let text = &src[r.start..r.end];
        (tok == Tok::Atom && text.starts_with('"') && text.contains('\n')).then_some(r.start)
    })
}

/// The end of the last token before `offset` (comments and white space skipped).
pub(crate) fn end_of_token_before(src: &str, offset: usize) -> Option<usize> {
    tokenize(src)
        .into_iter()
        .map(|(_, r)| r.end)
        .take_while(|&end| end <= offset)
        .last()
}

/// True when `src` holds nothing but white space and comments.
pub(crate) fn is_blank(src: &str) -> bool {
    tokenize(src).is_empty()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    Punct(u8),
    Atom,
}

/// The tokens of `src` with where each lies; white space and comments are left out.
fn tokenize(src: &str) -> Vec<(Tok<'_>, Range)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < src.len() {
        let (tok, end) = token_at(src, start);
        if let Some(tok) = tok {
            out.push((tok, Range { start, end }));
        }
        start = end;
    }
    out
}

/// The token that begins at `start` and where it ends; `None` for white space and comments.
fn token_at(src: &str, start: usize) -> (Option<Tok<'_>>, usize) {
    let b = src.as_bytes();
    let c = b[start];
    if c.is_ascii_whitespace() {
        (None, start + 1)
    } else if c == b'/' && b.get(start + 1) == Some(&b'/') {
        (None, line_comment_end(b, start))
    } else if c == b'/' && b.get(start + 1) == Some(&b'*') {
        (None, block_comment_end(b, start))
    } else if c == b'"' || c == b'\'' {
        (Some(Tok::Atom), quoted_end(b, start))
    } else if c == b'r' && matches!(b.get(start + 1), Some(b'"' | b'#')) {
        (Some(Tok::Atom), raw_string_end(b, start))
    } else if c.is_ascii_alphabetic() || c == b'_' {
        let end = word_end(b, start);
        (Some(Tok::Ident(&src[start..end])), end)
    } else if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' {
        (Some(Tok::Atom), number_end(b, start))
    } else if c.is_ascii() {
        (Some(Tok::Punct(c)), start + 1)
    } else {
        (Some(Tok::Punct(0)), char_end(src, start))
    }
}

/// The end of a `//` comment: its line's end.
fn line_comment_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// The end of a `/* */` comment, nested ones included (or of the text, if it never closes).
fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The end of a text or character in quotes that begins at `start`, past its closing quote
/// (escapes skipped).
fn quoted_end(b: &[u8], start: usize) -> usize {
    let quote = b[start];
    let mut i = start + 1;
    while i < b.len() && b[i] != quote {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(b.len())
}

/// The end of a raw text (`r"…"`, `r#"…"#`) that begins at `start`.
fn raw_string_end(b: &[u8], start: usize) -> usize {
    let mut hashes = 0;
    let mut i = start + 1;
    while i < b.len() && b[i] == b'#' {
        hashes += 1;
        i += 1;
    }
    i += 1;
    let closing: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    while i < b.len() && !b[i..].starts_with(&closing) {
        i += 1;
    }
    (i + closing.len()).min(b.len())
}

/// The end of a name (letters, digits, `_`).
fn word_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    i
}

/// The end of a number that begins at `start` (its sign, point, exponent and `_` included).
fn number_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_')) {
        i += 1;
    }
    i
}

/// The end of the character (not ASCII) that begins at `start`.
fn char_end(src: &str, start: usize) -> usize {
    let mut i = start + 1;
    while i < src.len() && !src.is_char_boundary(i) {
        i += 1;
    }
    i
}

struct Scanner<'t, 'a> {
    tokens: &'t [(Tok<'a>, Range)],
    pos: usize,
    map: SourceMap,
    depth: usize,
}

impl Scanner<'_, '_> {
    fn peek(&self, k: usize) -> Option<Tok<'_>> {
        self.tokens.get(self.pos + k).map(|t| t.0)
    }

    fn start(&self) -> usize {
        self.tokens.get(self.pos).map_or(usize::MAX, |t| t.1.start)
    }

    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .map_or(0, |t| t.1.end)
    }

    fn record(&mut self, path: String, start: usize) {
        let range = Range {
            start,
            end: self.last_end().max(start),
        };
        self.map.ordered.push((path.clone(), range));
        self.map.spans.entry(path).or_insert(range);
    }

    /// Scans one value; returns false when the text stops making sense.
    fn value(&mut self, path: String) -> bool {
        if self.depth > super::limits::MAX_NESTING * 2 {
            return false;
        }
        let start = self.start();
        let ok = match self.peek(0) {
            Some(Tok::Ident(_)) => {
                self.pos += 1;
                if self.peek(0) == Some(Tok::Punct(b'(')) {
                    self.group(&path, b')')
                } else {
                    true
                }
            }
            Some(Tok::Punct(b'(')) => self.group(&path, b')'),
            Some(Tok::Punct(b'[')) => self.group(&path, b']'),
            Some(Tok::Punct(b'{')) => self.group(&path, b'}'),
            Some(Tok::Atom) => {
                self.pos += 1;
                true
            }
            _ => false,
        };
        if start != usize::MAX {
            self.record(path, start);
        }
        ok
    }

    /// Scans `( ... )`, `[ ... ]` or `{ ... }` whose opening token is next.
    fn group(&mut self, path: &str, close: u8) -> bool {
        self.pos += 1;
        self.depth += 1;
        let mut index = 0;
        let ok = loop {
            match self.peek(0) {
                None => break false,
                Some(Tok::Punct(c)) if c == close => {
                    self.pos += 1;
                    break true;
                }
                Some(Tok::Punct(b',')) => self.pos += 1,
                Some(Tok::Ident(name))
                    if self.peek(1) == Some(Tok::Punct(b':')) && close == b')' =>
                {
                    let name = name.to_owned();
                    let field = if path.is_empty() {
                        name
                    } else {
                        format!("{path}.{name}")
                    };
                    let key_start = self.start();
                    self.pos += 2;
                    if !self.value(field.clone()) {
                        break false;
                    }
                    // A field's span starts at its name, so an error there is found too.
                    self.map.ordered.push((
                        field,
                        Range {
                            start: key_start,
                            end: self.last_end(),
                        },
                    ));
                }
                Some(_) => {
                    if !self.value(format!("{path}[{index}]")) {
                        break false;
                    }
                    index += 1;
                    if close == b'}' && self.peek(0) == Some(Tok::Punct(b':')) {
                        self.pos += 1;
                        if !self.value(format!("{path}[{}]", index - 1)) {
                            break false;
                        }
                    }
                }
            }
        };
        self.depth -= 1;
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Scenario(\n  title: \"x\", // c\n  cases: [\n    Case(id: \"a\", steps: [Note(by: \"b\")]),\n  ],\n)";

    #[test]
    fn finds_nested_fields() {
        let map = SourceMap::build(SRC);
        let by = map.find("cases[0].steps[0].by").unwrap();
        assert_eq!(&SRC[by.start..by.end], "\"b\"");
        assert_eq!(line_col(SRC, by.start), LineCol { line: 4, col: 36 });
        let missing = map.find("cases[0].steps[0].pitch").unwrap();
        assert_eq!(&SRC[missing.start..missing.start + 4], "Note");
    }

    #[test]
    fn path_at_names_the_innermost_field() {
        let map = SourceMap::build(SRC);
        let offset = SRC.find("\"b\"").unwrap() + 1;
        assert_eq!(map.path_at(offset), Some("cases[0].steps[0].by"));
    }

    #[test]
    fn offsets_round_trip() {
        for offset in [0, 5, 20, SRC.len()] {
            assert_eq!(offset_of(SRC, line_col(SRC, offset)), offset);
        }
    }

    #[test]
    fn junk_does_not_panic() {
        for src in [
            "",
            "(((((",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "é(ø: [",
            "a: b: c",
        ] {
            let _ = SourceMap::build(src);
        }
    }
}
