//! The messages between a phone's page and the game, as JSON text over the WebSocket: versioned
//! ([`PROTOCOL_VERSION`]) and size-limited (`MAX_MESSAGE_BYTES`). Anything that does not parse
//! as one of them is refused without effect: a message too long is answered `too_long`, a `hello`
//! of a version the server does not read `version`, another malformed `hello` `hello`; other
//! garbage has no answer. `docs/phones.md` documents the protocol for anyone writing a
//! controller of their own.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// The protocol's version: a `hello` of another version is refused. 2: the debrief's vote
/// ([`ClientMsg::Vote`], [`ServerMsg::Vote`], [`ServerMsg::Voted`], [`ServerMsg::VoteClosed`]).
pub const PROTOCOL_VERSION: u32 = 2;

/// The longest message a phone may send, in bytes (the vote's message is fitted to it too); a
/// longer one is refused (`too_long`) unread, and the connection stays.
pub(crate) const MAX_MESSAGE_BYTES: usize = 2048;

/// The longest WebSocket message (or frame) the server reads at all, in bytes: one over
/// [`MAX_MESSAGE_BYTES`] and up to this is read and refused (`too_long`); a longer one ends the
/// connection (the phone is away; its seat waits for it).
pub(crate) const MAX_FRAME_BYTES: usize = 64 * 1024;

/// The longest name a player may type, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 20;

/// The most combining marks kept on one character of a name: more would stack above or below its
/// line, over the text around it.
const MAX_MARKS_PER_CHAR: usize = 2;

/// A phone's number in this room (given in order of joining, kept across reconnects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PhoneId(pub u32);

/// A message from a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The first message: the protocol version, the room code, the player's name and, when the
    /// phone comes back, its seat token.
    Hello {
        /// The protocol version the page speaks.
        v: u32,
        /// The room code the player typed.
        room: String,
        /// The player's name as typed.
        name: String,
        /// The seat token from an earlier `welcome`, when coming back.
        #[serde(default)]
        token: Option<String>,
    },
    /// Take seat `dept` (its index on the score).
    Seat {
        /// The department's index on the score.
        dept: usize,
    },
    /// Join the audience (leaving a seat, if any).
    Audience,
    /// A tap of the big button at the phone's own time `t` (ms: the event's `timeStamp`, on the
    /// page's `performance.now()` clock; any clock will do, the server learns its offset).
    Tap {
        /// The phone's time of the tap, ms.
        t: f64,
    },
    /// The answer to a [`ServerMsg::Ping`]: its `s`, and the phone's time `p` when it came.
    Pong {
        /// The game's time sent in the ping, ms.
        s: f64,
        /// The phone's time when the ping came, ms.
        p: f64,
    },
    /// The phone's tap calibration: how many ms late its player taps (from the lobby's tap-along).
    Calibrate {
        /// How many ms late the player taps.
        ms: f64,
    },
    /// The phone's choice in the open vote: option `option` (its index in [`ServerMsg::Vote`]).
    Vote {
        /// The chosen option's index.
        option: usize,
    },
}

/// The colour of what no department plays, on the phones: a call between the chairs, nobody's
/// job.
pub const NEUTRAL_COLOUR: &str = "#8a8f98";

/// One step of a customer's case as their phone draws it: the colour and shape of the department
/// that plays it ([`NEUTRAL_COLOUR`] and `gap` for a call between the chairs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// The department's colour as `#rrggbb`.
    pub colour: String,
    /// Its shape's name (`gap` for a call between the chairs).
    pub shape: String,
}

/// One department as a phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatInfo {
    /// Its index on the score.
    pub dept: usize,
    /// The department's display name.
    pub name: String,
    /// Its instrument's name.
    pub instrument: String,
    /// Its colour as `#rrggbb`.
    pub colour: String,
    /// Its shape's name (circle, square, …), so the button never tells by colour alone.
    pub shape: String,
    /// Who sits there: `None` when free.
    pub taken_by: Option<String>,
}

/// One option of a vote as a phone sees it: a department (its colour and shape, as on a seat)
/// or nobody's job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoteOption {
    /// The department's index on the score; `None` for "nobody's job".
    pub dept: Option<usize>,
    /// The department's name, or the words for nobody's job.
    pub name: String,
    /// Its colour as `#rrggbb`.
    pub colour: String,
    /// Its shape's name (circle, square, …; `none` for nobody's job).
    pub shape: String,
}

/// A message to a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The phone is in: its number, its seat token (kept by the page to come back with), its
    /// seat if it has one, and the game's language (`en` or `da`).
    Welcome {
        /// The protocol version the server speaks.
        v: u32,
        /// The phone's number in the room.
        phone: PhoneId,
        /// The seat token to come back with.
        token: String,
        /// The department it plays, if any.
        seat: Option<usize>,
        /// The game's language, `en` or `da`.
        lang: String,
    },
    /// The seats as they are now.
    Seats {
        /// Every department, in score order.
        seats: Vec<SeatInfo>,
    },
    /// Whether seats may be taken and left now (only in the game's lobby).
    Seating {
        /// Seats may be taken and left.
        open: bool,
    },
    /// The phone now plays `dept`.
    Seated {
        /// The department's index on the score.
        dept: usize,
    },
    /// The phone is in the audience (or its seat was freed).
    Unseated,
    /// A clock probe sent at the game's time `s` (ms).
    Ping {
        /// The game's time when it was sent, ms.
        s: f64,
    },
    /// How a tap was judged (`perfect`, `good`, `ok`, `stray`, `late_network`, …) and whether
    /// a note of the phone's seat dropped (the phone vibrates).
    Judged {
        /// The judgement's name.
        what: String,
        /// A note of the phone's seat dropped.
        drop: bool,
    },
    /// A message was refused and changed nothing. A `hello`: `room`, `version` (not this
    /// version, or no whole number), `name` (nothing visible left), `full`, `closed`, `wait`
    /// (too many wrong room codes from this address), `hello` (malformed); a request: `taken`,
    /// `seating_closed`, `too_fast` (seat changes and calibrations), `vote_closed`,
    /// `vote_option`; any message over `MAX_MESSAGE_BYTES`: `too_long`.
    Refused {
        /// Why, as one word.
        reason: String,
    },
    /// A free-form line for the phone's screen.
    Info {
        /// The line to show.
        text: String,
    },
    /// An audience phone's customer: where their case is, in words (`text`); `lost` when they
    /// gave up (the phone rings). With a customer, also their number on stage, their case's path
    /// through the orchestra, how many of its steps are played (`at`; the path's length when
    /// answered) and whether the current one lies on the floor.
    Customer {
        /// Where their case is, in words.
        text: String,
        /// They gave up.
        lost: bool,
        /// What the scenario calls the one who waits, with a capital ("Customer", "Patient",
        /// "Borger"): the word before `number`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        who: String,
        /// Their number on stage.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<u32>,
        /// Their case's steps, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        path: Vec<PathStep>,
        /// How many steps are played.
        #[serde(default)]
        at: usize,
        /// The current step lies on the floor.
        #[serde(default)]
        dropped: bool,
    },
    /// The debrief's vote is open: who should have made call `call` (of case `case`)? The
    /// options, and the phone's choice so far.
    Vote {
        /// Which vote this is.
        id: u64,
        /// The question in the room's language and the scenario's words ("Who should have given
        /// the patient the news?"); empty: the page's own.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        question: String,
        /// The call asked about (its label).
        call: String,
        /// Its case's name (the customer).
        case: String,
        /// The options, in order.
        options: Vec<VoteOption>,
        /// The phone's choice so far, if any.
        chosen: Option<usize>,
    },
    /// The phone's vote counts: it chose `option`.
    Voted {
        /// The chosen option's index.
        option: usize,
    },
    /// The vote is over (the debrief was left): back to the phone's own view.
    VoteClosed,
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Longer than `MAX_MESSAGE_BYTES` (answered `too_long`).
    TooLong,
    /// A `hello` whose `v` is not [`PROTOCOL_VERSION`] as a whole number (answered `version`).
    Version,
    /// A `hello` of the right version that is not one otherwise (answered `hello`).
    Hello,
    /// Not one of the messages (no answer).
    Invalid,
}

impl ParseError {
    /// The reason a phone is told, if it is told.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            ParseError::TooLong => Some("too_long"),
            ParseError::Version => Some("version"),
            ParseError::Hello => Some("hello"),
            ParseError::Invalid => None,
        }
    }
}

/// Parses one message from a phone, refusing long or malformed ones and non-finite numbers.
pub fn parse(text: &str) -> Result<ClientMsg, ParseError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(ParseError::TooLong);
    }
    let msg: ClientMsg = serde_json::from_str(text).map_err(|_| refusal_of(text))?;
    let finite = match &msg {
        ClientMsg::Tap { t } => t.is_finite(),
        ClientMsg::Pong { s, p } => s.is_finite() && p.is_finite(),
        ClientMsg::Calibrate { ms } => ms.is_finite(),
        _ => true,
    };
    if finite {
        Ok(msg)
    } else {
        Err(ParseError::Invalid)
    }
}

/// Why `text`, which is no message, is refused: a JSON object of type `hello` is answered (its
/// version first, so a page of another version is told to reload whatever else it sent);
/// anything else is not. (Numbers in fields not looked at are not read, so `1e999` anywhere is
/// still a `hello`.)
fn refusal_of(text: &str) -> ParseError {
    #[derive(Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: String,
    }
    #[derive(Deserialize)]
    struct Version {
        v: u32,
    }
    match serde_json::from_str::<Kind>(text) {
        Ok(k) if k.kind == "hello" => match serde_json::from_str::<Version>(text) {
            Ok(Version { v }) if v == PROTOCOL_VERSION => ParseError::Hello,
            _ => ParseError::Version,
        },
        _ => ParseError::Invalid,
    }
}

/// Whether `c` is never shown in a name: a control character; a default-ignorable code point,
/// which draws nothing (U+00AD soft hyphen, U+034F, U+061C and U+200E–200F bidi marks,
/// U+115F–1160, U+3164 and U+FFA0 Hangul fillers, U+17B4–17B5, U+180B–180F Mongolian
/// selectors, U+200B–200D zero-width characters, U+202A–202E bidi embeddings and overrides,
/// U+2060–206F word joiner, invisible operators and isolates, U+FE00–FE0F and U+E0100–E01EF
/// variation selectors, U+FEFF, U+FFF0–FFF8, U+1BCA0–1BCA3, U+1D173–1D17A, U+E0000–E0FFF tag
/// characters); U+2028–2029 line and paragraph separators, U+FFF9–FFFB annotation marks, U+2800
/// (a blank braille pattern); a private-use character or a noncharacter (no font draws them
/// alike: a box at best).
fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{E000}'..='\u{F8FF}'
                | '\u{FDD0}'..='\u{FDEF}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
                | '\u{F0000}'..
        )
        || u32::from(c) & 0xFFFE == 0xFFFE
}

/// Whether `c` attaches to the character before it, drawn on it rather than beside it: a
/// combining mark (or another character that extends a grapheme cluster, such as a skin tone).
fn attaches(c: char) -> bool {
    let mut pair = String::with_capacity(8);
    pair.push('a');
    pair.push(c);
    pair.graphemes(true).nth(1).is_none()
}

/// A player's name as shown: the characters that are never shown removed (control characters;
/// default-ignorable code points such as zero-width characters, bidi marks, embeddings,
/// overrides and isolates, the word joiner, Hangul fillers, variation selectors and tag
/// characters; line and paragraph separators; a blank braille pattern; private-use characters
/// and noncharacters); at most `MAX_MARKS_PER_CHAR` combining marks kept on each character,
/// and none on nothing (at the start, or on a space); trimmed, at most `MAX_NAME_CHARS`
/// characters. `None` when nothing visible is left.
pub fn clean_name(name: &str) -> Option<String> {
    let mut kept = String::new();
    // The marks on the last character kept; `None` while there is none to carry them.
    let mut marks: Option<usize> = None;
    for c in name.chars().filter(|&c| !is_hidden_char(c)) {
        if attaches(c) {
            if let Some(n) = marks.as_mut().filter(|n| **n < MAX_MARKS_PER_CHAR) {
                *n += 1;
                kept.push(c);
            }
        } else {
            marks = (!c.is_whitespace()).then_some(0);
            kept.push(c);
        }
    }
    let cut: String = kept.trim().chars().take(MAX_NAME_CHARS).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_string())
}

/// A message as the text sent to a phone.
pub fn to_text(msg: &ServerMsg) -> String {
    serde_json::to_string(msg).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_client_message() {
        let hello = parse(r#"{"type":"hello","v":1,"room":"KLMN","name":"Ann"}"#).unwrap();
        assert_eq!(
            hello,
            ClientMsg::Hello {
                v: 1,
                room: "KLMN".into(),
                name: "Ann".into(),
                token: None
            }
        );
        assert_eq!(
            parse(r#"{"type":"tap","t":12.5}"#),
            Ok(ClientMsg::Tap { t: 12.5 })
        );
        assert_eq!(parse(r#"{"type":"audience"}"#), Ok(ClientMsg::Audience));
        assert_eq!(
            parse(r#"{"type":"seat","dept":2}"#),
            Ok(ClientMsg::Seat { dept: 2 })
        );
        assert_eq!(
            parse(r#"{"type":"vote","option":1}"#),
            Ok(ClientMsg::Vote { option: 1 })
        );
    }

    #[test]
    fn refuses_a_vote_that_is_no_option() {
        for bad in [
            r#"{"type":"vote"}"#,
            r#"{"type":"vote","option":-1}"#,
            r#"{"type":"vote","option":1.5}"#,
            r#"{"type":"vote","option":"1"}"#,
            r#"{"type":"vote","option":1,"also":2}"#,
        ] {
            assert_eq!(parse(bad), Err(ParseError::Invalid), "{bad}");
        }
        assert_eq!(to_text(&ServerMsg::VoteClosed), r#"{"type":"vote_closed"}"#);
    }

    #[test]
    fn refuses_garbage_long_and_unknown() {
        assert_eq!(parse("not json"), Err(ParseError::Invalid));
        assert_eq!(parse(r#"{"type":"tap"}"#), Err(ParseError::Invalid));
        assert_eq!(
            parse(r#"{"type":"seat","dept":-1}"#),
            Err(ParseError::Invalid)
        );
        assert_eq!(
            parse(r#"{"type":"tap","t":1,"extra":2}"#),
            Err(ParseError::Invalid)
        );
        assert_eq!(
            parse(r#"{"type":"tap","t":1e999}"#),
            Err(ParseError::Invalid)
        );
        let long = format!(r#"{{"type":"tap","t":1,"x":"{}"}}"#, "a".repeat(3000));
        assert_eq!(parse(&long), Err(ParseError::TooLong));
    }

    #[test]
    fn names_are_cleaned_and_cut() {
        assert_eq!(clean_name("  Ann\n "), Some("Ann".to_string()));
        assert_eq!(clean_name("\u{7}\t "), None);
        assert_eq!(
            clean_name(&"é".repeat(30)).map(|n| n.chars().count()),
            Some(MAX_NAME_CHARS)
        );
    }

    #[test]
    fn names_lose_bidi_and_zero_width_characters() {
        let hostile = "\u{202E}nnA\u{202C} \u{2066}Bo\u{2069}\u{200B}\u{200D}\u{FEFF}\u{2028}";
        assert_eq!(clean_name(hostile), Some("nnA Bo".to_string()));
        assert_eq!(clean_name("\u{200B}\u{202E} \u{FEFF}\u{2067}"), None);
        assert_eq!(clean_name("Zoë\u{200F}"), Some("Zoë".to_string()));
        let long = format!("{}{}", "\u{200B}".repeat(30), "å".repeat(25));
        assert_eq!(clean_name(&long), Some("å".repeat(MAX_NAME_CHARS)));
    }

    /// Every character an outside test found passing as a whole name, invisible or drawn as a
    /// box, is refused as nothing (`name`); a bidi mark inside a name is removed.
    #[test]
    fn a_name_with_nothing_visible_is_none() {
        for hidden in [
            "\u{2060}",
            "\u{061C}",
            "\u{3164}",
            "\u{2800}",
            "\u{00AD}",
            "\u{180E}",
            "\u{206A}",
            "\u{034F}",
            "\u{E0041}\u{E0042}\u{E007F}",
            "\u{E0001}",
            "\u{115F}\u{1160}\u{FFA0}",
            "\u{FE0F}\u{E0100}",
            "\u{E000}\u{F8FF}\u{FFFF}\u{10FFFF}",
        ] {
            assert_eq!(
                clean_name(hidden),
                None,
                "{:?}",
                hidden.escape_unicode().to_string()
            );
            assert_eq!(
                clean_name(&format!("A{hidden}B")).map(|n| n.replace(' ', "")),
                Some("AB".to_string()),
                "{:?}",
                hidden.escape_unicode().to_string()
            );
        }
        assert_eq!(clean_name("Ann\u{061C}a"), Some("Anna".to_string()));
        // Marks on nothing, and spaces: nothing visible either.
        for nothing in [
            "\u{0301}\u{0308}",
            " \u{0301} \u{3000}\u{00A0}",
            "\u{200B}\u{0301}",
        ] {
            assert_eq!(clean_name(nothing), None, "{nothing:?}");
        }
    }

    /// A name of stacked combining marks keeps at most two on each character, so it stays inside
    /// its row; accents as names have them stay.
    #[test]
    fn combining_marks_are_limited_per_character() {
        let zalgo = format!("Z{}", "\u{0301}\u{0316}\u{0489}".repeat(6) + "\u{0301}");
        assert_eq!(clean_name(&zalgo), Some("Z\u{0301}\u{0316}".to_string()));
        let stacked = "Z\u{0300}\u{0301}\u{0302}o\u{0303}\u{0304}\u{0305}\u{0306}e";
        assert_eq!(
            clean_name(stacked),
            Some("Z\u{0300}\u{0301}o\u{0303}\u{0304}e".to_string())
        );
        for kept in [
            "Zoe\u{0308}",
            "Nguye\u{0323}\u{0302}n",
            "Zoë",
            "प्रियंका",
            "👍🏽",
        ] {
            assert_eq!(clean_name(kept).as_deref(), Some(kept));
        }
    }

    /// A too long message and a `hello` the server cannot read are answered with a reason; other
    /// garbage is not.
    #[test]
    fn refusals_say_why() {
        let long = format!(r#"{{"type":"tap","t":1,"x":"{}"}}"#, "a".repeat(3000));
        assert_eq!(parse(&long).unwrap_err().reason(), Some("too_long"));
        for v in [
            "4294967296",
            "-1",
            "2.5",
            "\"2\"",
            "null",
            "1e999",
            "18446744073709551616",
        ] {
            let hello = format!(r#"{{"type":"hello","v":{v},"room":"ABCD","name":"Ann"}}"#);
            assert_eq!(parse(&hello), Err(ParseError::Version), "v {v}");
        }
        assert_eq!(
            parse(r#"{"type":"hello","room":"ABCD","name":"Ann"}"#),
            Err(ParseError::Version),
            "no v"
        );
        assert_eq!(
            parse(r#"{"type":"hello","v":2,"room":"ABCD"}"#),
            Err(ParseError::Hello)
        );
        assert_eq!(
            parse(r#"{"type":"hello","v":2,"room":"ABCD","name":"A","x":1}"#),
            Err(ParseError::Hello)
        );
        assert_eq!(
            parse(r#"{"type":"hello","v":3,"room":"ABCD","name":"Ann"}"#),
            Ok(ClientMsg::Hello {
                v: 3,
                room: "ABCD".into(),
                name: "Ann".into(),
                token: None
            }),
            "a whole number is read; the room refuses its version"
        );
        for garbage in ["not json", r#"{"type":"tap"}"#, "[1]", r#"{"v":2}"#] {
            assert_eq!(parse(garbage).unwrap_err().reason(), None, "{garbage}");
        }
    }

    #[test]
    fn server_messages_are_tagged() {
        let text = to_text(&ServerMsg::Ping { s: 1.0 });
        assert_eq!(text, r#"{"type":"ping","s":1.0}"#);
    }
}
