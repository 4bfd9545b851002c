//! The messages between a phone's page and the game, as JSON text over the WebSocket: versioned
//! ([`PROTOCOL_VERSION`]) and size-limited ([`MAX_MESSAGE_BYTES`]). Anything that does not parse
//! as one of them is refused without effect.

use serde::{Deserialize, Serialize};

pub use super::vote::VoteOption;

/// The protocol's version: a `hello` of another version is refused. 2: the debrief's vote
/// ([`ClientMsg::Vote`], [`ServerMsg::Vote`], [`ServerMsg::Voted`], [`ServerMsg::VoteClosed`]).
pub const PROTOCOL_VERSION: u32 = 2;

/// The longest message either side sends, in bytes; longer ones are refused unread.
pub const MAX_MESSAGE_BYTES: usize = 2048;

/// The longest name a player may type, in characters.
pub const MAX_NAME_CHARS: usize = 20;

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
        v: u32,
        room: String,
        name: String,
        #[serde(default)]
        token: Option<String>,
    },
    /// Take seat `dept` (its index on the score).
    Seat { dept: usize },
    /// Join the audience (leaving a seat, if any).
    Audience,
    /// A tap of the big button at the phone's own time `t` (ms: the event's `timeStamp`, on the
    /// page's `performance.now()` clock; any clock will do, the server learns its offset).
    Tap { t: f64 },
    /// The answer to a [`ServerMsg::Ping`]: its `s`, and the phone's time `p` when it came.
    Pong { s: f64, p: f64 },
    /// The phone's tap calibration: how many ms late its player taps (from the lobby's tap-along).
    Calibrate { ms: f64 },
    /// The phone's choice in the open vote: option `option` (its index in [`ServerMsg::Vote`]).
    Vote { option: usize },
}

/// The colour of what no department plays, on the phones: a call between the chairs, nobody's
/// job.
pub const NEUTRAL_COLOUR: &str = "#8a8f98";

/// One step of a customer's case as their phone draws it: the colour and shape of the department
/// that plays it ([`NEUTRAL_COLOUR`] and `gap` for a call between the chairs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    pub colour: String,
    pub shape: String,
}

/// One department as a phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatInfo {
    /// Its index on the score.
    pub dept: usize,
    pub name: String,
    pub instrument: String,
    /// Its colour as `#rrggbb`.
    pub colour: String,
    /// Its shape's name (circle, square, …), so the button never tells by colour alone.
    pub shape: String,
    /// Who sits there: `None` when free.
    pub taken_by: Option<String>,
}

/// A message to a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The phone is in: its number, its seat token (kept by the page to come back with), its
    /// seat if it has one, and the game's language (`en` or `da`).
    Welcome {
        v: u32,
        phone: PhoneId,
        token: String,
        seat: Option<usize>,
        lang: String,
    },
    /// The seats as they are now.
    Seats { seats: Vec<SeatInfo> },
    /// Whether seats may be taken and left now (only in the game's lobby).
    Seating { open: bool },
    /// The phone now plays `dept`.
    Seated { dept: usize },
    /// The phone is in the audience (or its seat was freed).
    Unseated,
    /// A clock probe sent at the game's time `s` (ms).
    Ping { s: f64 },
    /// How a tap was judged (`perfect`, `good`, `ok`, `stray`, `late_network`, …) and whether
    /// a note of the phone's seat dropped (the phone vibrates).
    Judged { what: String, drop: bool },
    /// A request was refused (`room`, `version`, `name`, `full`, `closed`, `wait` (too many wrong
    /// room codes from this address), `taken`, `seating_closed`, `too_fast` (seat changes),
    /// `hello`, `vote_closed`, `vote_option`).
    Refused { reason: String },
    /// A free-form line for the phone's screen.
    Info { text: String },
    /// An audience phone's customer: where their case is, in words (`text`); `lost` when they
    /// gave up (the phone rings). With a customer, also their number on stage, their case's path
    /// through the orchestra, how many of its steps are played (`at`; the path's length when
    /// answered) and whether the current one lies on the floor.
    Customer {
        text: String,
        lost: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        path: Vec<PathStep>,
        #[serde(default)]
        at: usize,
        #[serde(default)]
        dropped: bool,
    },
    /// The debrief's vote is open: who should have made call `call` (of case `case`)? The
    /// options, and the phone's choice so far.
    Vote {
        id: u64,
        call: String,
        case: String,
        options: Vec<VoteOption>,
        chosen: Option<usize>,
    },
    /// The phone's vote counts: it chose `option`.
    Voted { option: usize },
    /// The vote is over (the debrief was left): back to the phone's own view.
    VoteClosed,
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Longer than [`MAX_MESSAGE_BYTES`].
    TooLong,
    /// Not one of the messages.
    Invalid,
}

/// Parses one message from a phone, refusing long or malformed ones and non-finite numbers.
pub fn parse(text: &str) -> Result<ClientMsg, ParseError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(ParseError::TooLong);
    }
    let msg: ClientMsg = serde_json::from_str(text).map_err(|_| ParseError::Invalid)?;
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

/// Whether `c` is never shown in a name: a control character, a bidirectional override, embedding
/// or isolate (U+202A–202E, U+2066–2069, which could turn the lobby's text around), a zero-width
/// character or mark (U+200B–200F, U+FEFF), or a line or paragraph separator (U+2028, U+2029).
fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// A player's name as shown: control, bidirectional-override and isolate, zero-width and
/// separator characters removed, trimmed, at most [`MAX_NAME_CHARS`] characters; `None` when
/// nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .filter(|&c| !is_hidden_char(c))
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty()).then_some(cleaned)
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

    #[test]
    fn server_messages_are_tagged() {
        let text = to_text(&ServerMsg::Ping { s: 1.0 });
        assert_eq!(text, r#"{"type":"ping","s":1.0}"#);
    }
}
