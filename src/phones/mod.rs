//! Phones on the local network, with no engine: the game serves one small page and a WebSocket
//! while the facilitator has phones on; a phone asks for a free seat (or joins the audience), the
//! game decides (its `Setup` is the one record of who sits where), and the seated phone taps one
//! big button. Each tap is stamped on the phone and converted to the game's clock with an
//! offset estimated from pings, so it is judged by when it was made.
//!
//! - [`protocol`]: the JSON messages, versioned and size-limited.
//! - `clock`: a phone's clock offset from the round trips with the least delay.
//! - [`room`]: the room code, seat tokens, the rate limit.
//! - [`room_state`]: the room the server keeps: phones, names, tokens, joining; seat requests
//!   passed on to the game and its answers relayed.
//! - [`vote`]: the debrief's vote, a choice a phone.
//! - [`server`]: the listening socket, the page, [`PhoneServer`] and its [`PhoneEvent`]s; which
//!   connections give way when the room is full.

pub mod address;
pub(crate) mod clock;
mod connection;
pub mod protocol;
pub mod room;
pub mod room_state;
pub mod server;
mod shared;
mod slots;
mod stream;
pub mod vote;

pub(crate) use address::local_ips;
pub use connection::QUIET_MS;
pub use protocol::{NEUTRAL_COLOUR, PathStep, PhoneId, SeatInfo, ServerMsg, VoteOption};
pub use room::RoomCode;
pub use room_state::{PhoneEvent, PhoneInfo};
pub use server::{MAX_PHONES, PhoneServer, ServerConfig};
pub use vote::{VoteCounts, VoteQuestion};

/// How late a phone's tap may reach the game and still be judged by its stamp, ms; later ones are
/// "late over the network" and discarded.
pub(crate) const NETWORK_ALLOWANCE_MS: f64 = 200.0;

/// How long a tap may wait between the server and the game's next frame, ms: a phone seat's
/// allowance covers it too, so a tap in time over the network is never judged late for a slow
/// frame.
pub(crate) const FRAME_MARGIN_MS: f64 = 50.0;

/// The phone's page, embedded in the binary: no CDN, it works with no internet.
pub(crate) const PAGE_HTML: &str = include_str!("page.html");
