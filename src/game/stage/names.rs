//! How a line of the musicians' column is set: whole on one line (set smaller to fit, never under
//! [`MIN_TEXT`]), else whole on two lines where the row is tall enough, and shortened with "…"
//! only when even that does not fit. Widths are measured in the stage's font.

use crate::ui::fonts::text_width;

use super::text::MIN_TEXT;

/// The height of a line of text as a multiple of its size (Bevy's default line height).
pub const LINE: f32 = 1.2;

/// A text set to fit its room.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    /// What is drawn: one line, or two joined by a line break.
    pub text: String,
    /// Its font size at 1280×720.
    pub size: f32,
    /// How many lines it takes.
    pub lines: usize,
    /// Whether every character of the original is shown (nothing was cut off).
    pub whole: bool,
}

/// Where the letters of a line lie in DejaVu Sans, as fractions of the size from the middle of a
/// line [`LINE`] high: the baseline below, the top of the capitals above (descenders aside).
const BASELINE: f32 = 0.35;
const CAPITALS: f32 = 0.38;

impl Set {
    /// The height of its lines on stage.
    pub fn height(&self) -> f32 {
        self.lines as f32 * LINE * self.size
    }

    /// Set from `left` and centred on `centre`: the right edge of the widest of its lines whose
    /// letters lie across a line `thickness` high at `y`, if any do.
    pub(crate) fn right_across(
        &self,
        left: f32,
        centre: f32,
        y: f32,
        thickness: f32,
    ) -> Option<f32> {
        let step = LINE * self.size;
        let first = centre + (self.lines as f32 - 1.0) * step / 2.0;
        let reach = thickness / 2.0;
        self.text
            .lines()
            .enumerate()
            .filter(|(i, _)| {
                let middle = first - *i as f32 * step;
                let letters =
                    middle - BASELINE * self.size - reach..=middle + CAPITALS * self.size + reach;
                letters.contains(&y)
            })
            .map(|(_, line)| left + text_width(line, self.size))
            .reduce(f32::max)
    }
}

/// `text` at `size` or smaller within `room` pixels wide and `height` pixels tall: whole on one
/// line if it fits at [`MIN_TEXT`] or more; else whole on two lines where `height` has room for
/// them; else shortened (on its second line, where there are two).
pub(crate) fn set_within(text: &str, size: f32, room: f32, height: f32) -> Set {
    let size = size.min(height / LINE).max(MIN_TEXT);
    let one = fit_size(&[text], size, room);
    if one >= MIN_TEXT {
        return Set {
            text: text.to_owned(),
            size: one,
            lines: 1,
            whole: true,
        };
    }
    if height < 2.0 * LINE * MIN_TEXT {
        return Set {
            text: shorten(text, MIN_TEXT, room),
            size: MIN_TEXT,
            lines: 1,
            whole: false,
        };
    }
    two_lines(text, size.min(height / (2.0 * LINE)), room)
}

/// `text` on two lines, broken where the longer line is shortest, at `size` or smaller; when
/// even that does not fit at [`MIN_TEXT`], the first line as full as fits and the rest shortened.
fn two_lines(text: &str, size: f32, room: f32) -> Set {
    if let Some((a, b)) = split(text, room) {
        let fit = fit_size(&[&a, &b], size, room);
        if fit >= MIN_TEXT {
            return Set {
                text: format!("{a}\n{b}"),
                size: fit,
                lines: 2,
                whole: true,
            };
        }
    }
    let (first, rest) = first_line(text, room);
    Set {
        text: format!("{first}\n{}", shorten(&rest, MIN_TEXT, room)),
        size: MIN_TEXT,
        lines: 2,
        whole: false,
    }
}

/// The largest size, at most `size`, at which every one of `lines` fits into `room` pixels (may
/// be under [`MIN_TEXT`]: then it does not fit).
fn fit_size(lines: &[&str], size: f32, room: f32) -> f32 {
    let widest = lines
        .iter()
        .map(|l| text_width(l, size))
        .fold(0.0, f32::max);
    if widest <= room {
        size
    } else {
        size * room / widest
    }
}

/// Where `text` breaks into two lines most evenly: at a space (dropped) or after a hyphen or
/// slash; a word too long for a line of `room` pixels at [`MIN_TEXT`] is broken with a hyphen.
fn split(text: &str, room: f32) -> Option<(String, String)> {
    let widest = |(a, b): &(String, String)| text_width(a, 1.0).max(text_width(b, 1.0));
    let best = |breaks: Vec<(String, String)>| {
        breaks
            .into_iter()
            .min_by(|x, y| widest(x).total_cmp(&widest(y)))
    };
    let at_words = best(word_breaks(text));
    match at_words {
        Some(w) if widest(&w) * MIN_TEXT <= room => Some(w),
        other => best(hyphen_breaks(text)).or(other),
    }
}

/// Every way to break `text` in two between words: at a space, or after a hyphen or slash.
fn word_breaks(text: &str) -> Vec<(String, String)> {
    text.char_indices()
        .filter_map(|(i, c)| {
            let (a, b) = match c {
                ' ' => (&text[..i], &text[i + 1..]),
                '-' | '/' => text.split_at(i + 1),
                _ => return None,
            };
            let (a, b) = (a.trim_end(), b.trim_start());
            (!a.is_empty() && !b.is_empty()).then(|| (a.to_owned(), b.to_owned()))
        })
        .collect()
}

/// Every way to break a word of `text` in two, with a hyphen at the end of the first line.
fn hyphen_breaks(text: &str) -> Vec<(String, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .windows(2)
        .filter(|w| w[0].1.is_alphanumeric() && w[1].1.is_alphanumeric())
        .map(|w| {
            let (a, b) = text.split_at(w[1].0);
            (format!("{a}-"), b.to_owned())
        })
        .collect()
}

/// The longest first line of `text` that fits into `room` at [`MIN_TEXT`] (broken between words
/// where it can, else inside a word with a hyphen), and the rest.
fn first_line(text: &str, room: f32) -> (String, String) {
    let fits = |(a, _): &(String, String)| text_width(a, MIN_TEXT) <= room;
    let longest = |breaks: Vec<(String, String)>| {
        breaks
            .into_iter()
            .filter(fits)
            .max_by_key(|(a, _)| a.chars().count())
    };
    longest(word_breaks(text))
        .or_else(|| longest(hyphen_breaks(text)))
        .unwrap_or_else(|| (String::new(), text.to_owned()))
}

/// `text` cut to fit into `room` pixels at `size`, ending in "…" when anything was cut off.
fn shorten(text: &str, size: f32, room: f32) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .rev()
        .map(|n| {
            let kept: String = chars[..n].iter().collect();
            format!("{}…", kept.trim_end())
        })
        .find(|s| text_width(s, size) <= room)
        .unwrap_or_else(|| "…".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The room beside a chair of a four-department stage (Level 4), and its row's height.
    const ROOM: f32 = 185.0;
    const ROW: f32 = 86.0;

    #[test]
    fn only_the_lines_whose_letters_lie_across_a_height_reach_it() {
        let s = set_within("Finance, payroll and pension", 22.0, ROOM, 52.0);
        assert_eq!(s.text, "Finance, payroll\nand pension");
        let second = text_width("and pension", s.size);
        // Centred on 0: the lines lie above and below it, the middle is free.
        assert_eq!(s.right_across(0.0, 0.0, 0.0, 3.0), None);
        // Raised by half a line: the second line lies across 0.
        let half = LINE * s.size / 2.0;
        assert_eq!(s.right_across(10.0, half, 0.0, 3.0), Some(10.0 + second));
        assert_eq!(s.right_across(10.0, 3.0 * half, 0.0, 3.0), None);
    }

    #[test]
    fn a_short_name_stays_on_one_line_at_its_size() {
        let s = set_within("Finance", 26.0, ROOM, ROW);
        assert_eq!((s.text.as_str(), s.size, s.lines), ("Finance", 26.0, 1));
        assert!(s.whole);
    }

    #[test]
    fn a_name_of_28_characters_is_whole_on_two_lines_broken_between_words() {
        let s = set_within("Hospital pharmacy and stores", 26.0, ROOM, ROW);
        assert_eq!(s.text, "Hospital pharmacy\nand stores");
        assert_eq!(s.lines, 2);
        assert!(s.whole && s.size >= MIN_TEXT, "{s:?}");
        assert!(text_width(&s.text, s.size) <= ROOM);
        assert!(s.height() <= ROW);
    }

    #[test]
    fn one_long_word_breaks_with_a_hyphen() {
        let s = set_within("Sundhedsforvaltningsafdeling", 26.0, ROOM, ROW);
        assert_eq!(s.lines, 2, "{s:?}");
        assert!(s.whole);
        let (a, b) = s.text.split_once('\n').unwrap();
        assert!(a.ends_with('-'), "{a}");
        assert_eq!(
            format!("{}{b}", a.trim_end_matches('-')),
            "Sundhedsforvaltningsafdeling"
        );
        assert!(text_width(&s.text, s.size) <= ROOM);
    }

    #[test]
    fn a_hyphen_of_the_name_is_a_place_to_break() {
        let s = set_within("Økonomi- og Personaleafdelingen", 26.0, ROOM, ROW);
        assert!(s.whole, "{s:?}");
        assert!(!s.text.contains("--"), "{}", s.text);
    }

    #[test]
    fn a_low_row_keeps_one_line_and_shortens_what_does_not_fit() {
        let s = set_within("Hospital pharmacy and stores", 26.0, ROOM, 30.0);
        assert_eq!((s.lines, s.size), (1, MIN_TEXT));
        assert!(!s.whole);
        assert!(
            s.text.ends_with('…') && s.text.starts_with("Hospital"),
            "{}",
            s.text
        );
        assert!(text_width(&s.text, MIN_TEXT) <= ROOM);
    }

    #[test]
    fn a_name_too_long_for_two_lines_fills_the_first_and_shortens_the_second() {
        let name = "Department of hospital pharmacy, central stores and deliveries";
        let s = set_within(name, 26.0, ROOM, ROW);
        assert_eq!((s.lines, s.size), (2, MIN_TEXT));
        assert!(!s.whole);
        let (a, b) = s.text.split_once('\n').unwrap();
        assert!(name.starts_with(a), "{a}");
        assert!(b.ends_with('…'), "{b}");
        assert!(text_width(&s.text, MIN_TEXT) <= ROOM);
    }
}
