//! Mistakes found before the RON parser sees the text, all of them in one go: numbers written
//! with a decimal comma (`skill: 0,8`) and text between curly quotes (`name: “Økonomi”`), which
//! a word processor or a habit puts in. The parser would stop at the first; a facilitator should
//! not need one run per comma.
//!
//! The scan skips straight-quoted strings and comments: curly quotes inside `"…"` are text
//! (Danish labels use »…« and „…“). Besides the problems it returns the text repaired as the
//! facilitator meant it, byte for byte the same length, so the parser and the checks of meaning
//! can look for further mistakes and their positions still match the file.

/// One mistake found by the scan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    /// Byte offset where the mistake starts.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// What is wrong, and the fix.
    pub message: String,
}

/// What the scan found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Every mistake, in the order of the text.
    pub problems: Vec<Problem>,
    /// The text with every mistake fixed (same length in bytes), or `None` when a fix cannot be
    /// guessed (a curly quote that is never closed).
    pub repaired: Option<String>,
}

/// Double quotation marks of the world's typographies, and the fullwidth quote.
const DOUBLE: [char; 9] = ['“', '”', '„', '‟', '«', '»', '＂', '〝', '〞'];
/// Single quotation marks of the world's typographies.
const SINGLE: [char; 6] = ['‘', '’', '‚', '‛', '‹', '›'];

/// Whether `c` is a curly or typographic quote.
fn is_curly(c: char) -> bool {
    DOUBLE.contains(&c) || SINGLE.contains(&c)
}

/// Finds every decimal comma and curly-quoted text outside strings and comments; never panics.
pub(crate) fn scan(src: &str) -> Scan {
    let mut s = Scanner {
        src,
        i: 0,
        problems: Vec::new(),
        fixed: src.as_bytes().to_vec(),
        unsure: false,
    };
    while let Some(c) = s.peek(0) {
        match c {
            '/' if s.peek(1) == Some('/') => s.skip_while(|c| c != '\n'),
            '/' if s.peek(1) == Some('*') => s.block_comment(),
            '"' => s.straight_string(),
            '\'' => s.char_literal(),
            c if c.is_ascii_alphabetic() || c == '_' => s.identifier(),
            c if c.is_ascii_digit() => s.number(),
            c if is_curly(c) => s.curly_string(c),
            _ => s.bump(),
        }
    }
    let repaired = (!s.unsure).then(|| String::from_utf8(s.fixed).unwrap_or_default());
    Scan {
        problems: s.problems,
        repaired,
    }
}

/// The scan's position in the text and what it found so far.
struct Scanner<'a> {
    src: &'a str,
    /// Byte offset, always on a character boundary.
    i: usize,
    problems: Vec<Problem>,
    /// The repaired text, as bytes.
    fixed: Vec<u8>,
    /// Set when a mistake was found whose fix cannot be guessed.
    unsure: bool,
}

impl Scanner<'_> {
    /// The character `k` characters ahead.
    fn peek(&self, k: usize) -> Option<char> {
        self.src.get(self.i..)?.chars().nth(k)
    }

    /// Moves past one character.
    fn bump(&mut self) {
        if let Some(c) = self.peek(0) {
            self.i += c.len_utf8();
        }
    }

    /// Moves on while `keep` holds.
    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        while self.peek(0).is_some_and(&keep) {
            self.bump();
        }
    }

    /// Replaces the quote at `at` by a straight `"`, padded with spaces on the side away from
    /// the text (before an opening quote, after a closing one) so the length stays the same.
    fn straighten(&mut self, at: usize, opening: bool) {
        let len = self.src[at..].chars().next().map_or(1, char::len_utf8);
        let quote = if opening { at + len - 1 } else { at };
        self.fixed[at..at + len].fill(b' ');
        self.fixed[quote] = b'"';
    }

    /// `/* … */`, nested as RON allows; an unclosed one is left to the parser.
    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.i += 2;
            } else if c == '*' && self.peek(1) == Some('/') {
                self.i += 2;
                depth -= 1;
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// A word; `r"…"` and `r#"…"#` are raw strings.
    fn identifier(&mut self) {
        let start = self.i;
        self.skip_while(|c| c.is_ascii_alphanumeric() || c == '_');
        if &self.src[start..self.i] == "r" && matches!(self.peek(0), Some('"' | '#')) {
            self.raw_string();
        }
    }

    /// The rest of a raw string after its `r`; an unclosed one is left to the parser.
    fn raw_string(&mut self) {
        let hashes = self.src[self.i..].len() - self.src[self.i..].trim_start_matches('#').len();
        self.i += hashes;
        if self.peek(0) != Some('"') {
            return;
        }
        self.i += 1;
        let closing = format!("\"{}", "#".repeat(hashes));
        self.i = match self.src[self.i..].find(&closing) {
            Some(k) => self.i + k + closing.len(),
            None => self.src.len(),
        };
    }

    /// `'x'`, skipped like a string so that a quote in it is not taken for a delimiter.
    fn char_literal(&mut self) {
        self.bump();
        while let Some(c) = self.peek(0) {
            self.bump();
            match c {
                '\\' => self.bump(),
                '\'' | '\n' => return,
                _ => {}
            }
        }
    }

    /// `"…"`: text, in which curly quotes are fine. A string that runs on past the end of a line
    /// ending in a curly quote was most likely closed with one (`"Økonomi”,`).
    fn straight_string(&mut self) {
        let start = self.i;
        self.bump();
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => {
                    self.bump();
                    self.bump();
                }
                '"' => return self.bump(),
                '\n' => {
                    if let Some(close) = self.curly_close_before(start) {
                        let found = self.src[close..].chars().next().unwrap_or('”');
                        self.report_quotes(start, close, '"', Some(found));
                        self.i = close + found.len_utf8();
                        return;
                    }
                    self.bump();
                }
                _ => self.bump(),
            }
        }
    }

    /// The curly quote that ends the line at `self.i` (a newline), when only commas, brackets,
    /// white space or a comment follow it, and it lies after `start`.
    fn curly_close_before(&self, start: usize) -> Option<usize> {
        let line_start = self.src[..self.i].rfind('\n').map_or(0, |k| k + 1);
        let from = line_start.max(start + 1);
        let line = &self.src[from..self.i];
        let (k, c) = line.char_indices().rev().find(|(_, c)| is_curly(*c))?;
        let rest = &line[k + c.len_utf8()..];
        let rest = rest.split("//").next().unwrap_or(rest);
        rest.chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ')' | ']'))
            .then_some(from + k)
    }

    /// Text opened with the curly quote `open`: runs to the next quote of its kind (or a
    /// straight one) on the same line.
    fn curly_string(&mut self, open: char) {
        let start = self.i;
        self.bump();
        let kind: &[char] = if DOUBLE.contains(&open) {
            &DOUBLE
        } else {
            &SINGLE
        };
        let straight = if DOUBLE.contains(&open) { '"' } else { '\'' };
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            let at = self.i;
            self.bump();
            if kind.contains(&c) || c == straight {
                self.report_quotes(start, at, open, Some(c));
                return;
            }
        }
        self.report_quotes(start, self.i, open, None);
    }

    /// Records text between `open` at `start` and `close` at `end` (none: never closed) and
    /// straightens the curly ones.
    fn report_quotes(&mut self, start: usize, end: usize, open: char, close: Option<char>) {
        if is_curly(open) {
            self.straighten(start, true);
        }
        match close {
            Some(c) if is_curly(c) => self.straighten(end, false),
            Some(_) => {}
            None => self.unsure = true,
        }
        let close_len = close.map_or(0, char::len_utf8);
        self.problems.push(Problem {
            start,
            end: end + close_len,
            message: format!(
                "write straight quotes \"…\" around text, not {open}…{} (a word processor put them in)",
                close.map_or(String::new(), String::from)
            ),
        });
    }

    /// A number; one written as a field's value with a comma between digits (`0,8`) is a decimal
    /// comma. A list separator never is: it follows a bracket or another value, not a `:`, or
    /// has a space after it.
    fn number(&mut self) {
        let digits = self.i;
        let before = &self.src[..digits];
        let start = match before.as_bytes().last() {
            Some(b'-' | b'+') => digits - 1,
            _ => digits,
        };
        self.skip_while(|c| c.is_ascii_digit());
        let comma = self.i;
        let after_comma = self.src[comma..]
            .strip_prefix(',')
            .map(|rest| rest.bytes().take_while(u8::is_ascii_digit).count());
        match after_comma {
            Some(n) if n > 0 && self.src[..start].trim_end().ends_with(':') => {
                self.i = comma + 1 + n;
                self.fixed[comma] = b'.';
                let written = &self.src[start..self.i];
                self.problems.push(Problem {
                    start,
                    end: self.i,
                    message: decimal_comma_message(written),
                });
            }
            _ => self.skip_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_')),
        }
    }
}

/// The message for a number written with a decimal comma, e.g. `0,8`.
fn decimal_comma_message(written: &str) -> String {
    format!(
        "numbers use a decimal point, whatever the language: write {}, not {written}",
        written.replacen(',', ".", 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(src: &str) -> Vec<(&str, String)> {
        scan(src)
            .problems
            .into_iter()
            .map(|p| (&src[p.start..p.end], p.message))
            .collect()
    }

    #[test]
    fn decimal_commas_are_found_but_not_list_separators() {
        let src =
            "(skill: 0,8, busy_skill: -0,25, b: [1,2,3], s: (bar: 2, case: \"1,5\"), t: 3,x: 1)";
        let f = found(src);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, "0,8");
        assert!(f[0].1.contains("write 0.8, not 0,8"), "{}", f[0].1);
        assert_eq!(f[1].0, "-0,25");
        let fixed = scan(src).repaired.unwrap();
        assert!(fixed.contains("skill: 0.8, busy_skill: -0.25"), "{fixed}");
        assert_eq!(fixed.len(), src.len());
    }

    #[test]
    fn curly_quotes_are_found_outside_strings_only() {
        let src = "(name: “Økonomi”, label: \"»Hvem?« „ja“\", x: «a», y: ‘b’, // “c”\n z: „d\")";
        let f = found(src);
        let texts: Vec<&str> = f.iter().map(|p| p.0).collect();
        assert_eq!(texts, ["“Økonomi”", "«a»", "‘b’", "„d\""], "{f:?}");
        assert!(f[0].1.contains("not “…”"), "{}", f[0].1);
        let fixed = scan(src).repaired.unwrap();
        assert!(fixed.contains("name:   \"Økonomi\"  ,"), "{fixed}");
        assert!(fixed.contains("\"»Hvem?« „ja“\""), "{fixed}");
        assert_eq!(fixed.len(), src.len());
    }

    #[test]
    fn a_straight_string_closed_with_a_curly_quote_is_found() {
        let src = "(name: \"Økonomi”,\n id: \"x\")";
        let f = found(src);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "\"Økonomi”");
        assert!(
            scan(src)
                .repaired
                .unwrap()
                .starts_with("(name: \"Økonomi\"  ,")
        );
    }

    #[test]
    fn junk_does_not_panic() {
        for src in [
            "“",
            "”",
            "„x",
            "\"“",
            "r#\"x",
            "/* “",
            "0,",
            ":0,",
            ":0,9",
            "'",
            "'“",
            "«»",
            "r#",
            "x: 1,\u{301}",
            "\"a\n“b",
        ] {
            let s = scan(src);
            if let Some(r) = s.repaired {
                assert_eq!(r.len(), src.len(), "{src}");
            }
        }
        assert_eq!(found("“").len(), 1);
    }
}
