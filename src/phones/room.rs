//! The room's small secrets and limits: the room code people type or scan, the seat token a phone
//! comes back with, the rate limit every connection is held to, and the count of wrong room codes
//! that keeps a stranger from guessing the code.

use std::collections::HashMap;
use std::net::IpAddr;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Letters that cannot be mistaken for one another on a projector (no I, L, O, 0, 1).
const CODE_LETTERS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ";

/// The room code's length.
pub(crate) const CODE_LEN: usize = 4;

/// The short code a phone must send to join this room.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoomCode(String);

impl RoomCode {
    /// A fresh random code.
    pub fn random() -> RoomCode {
        RoomCode::from_rng(&mut ChaCha8Rng::from_rng(&mut rand::rng()))
    }

    /// A code drawn from `rng`.
    pub fn from_rng(rng: &mut ChaCha8Rng) -> RoomCode {
        RoomCode(
            (0..CODE_LEN)
                .map(|_| char::from(CODE_LETTERS[rng.random_range(0..CODE_LETTERS.len())]))
                .collect(),
        )
    }

    /// The code `typed` (kept in a file, given on the command line), trimmed, in capitals.
    pub fn from_typed(typed: &str) -> RoomCode {
        RoomCode(typed.trim().to_uppercase())
    }

    /// Whether `typed` is this code (any case, spaces around ignored).
    pub fn matches(&self, typed: &str) -> bool {
        typed.trim().eq_ignore_ascii_case(&self.0)
    }

    /// The code as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RoomCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The secret a phone keeps to take its seat back after a lock or a lost Wi-Fi (128 random bits
/// as hex).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SeatToken(String);

impl SeatToken {
    /// A fresh random token.
    pub fn random() -> SeatToken {
        let mut rng = ChaCha8Rng::from_rng(&mut rand::rng());
        let bits: u128 = rng.random();
        SeatToken(format!("{bits:032x}"))
    }

    /// The token as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A token bucket: `burst` messages at once, refilled at `per_sec`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RateLimit {
    per_sec: f64,
    burst: f64,
    tokens: f64,
    last_ms: f64,
}

impl RateLimit {
    /// A full bucket at time `now_ms`.
    pub fn new(per_sec: f64, burst: f64, now_ms: f64) -> RateLimit {
        RateLimit {
            per_sec,
            burst,
            tokens: burst,
            last_ms: now_ms,
        }
    }

    /// Whether a message at `now_ms` is allowed (taking a token if it is).
    pub fn allow(&mut self, now_ms: f64) -> bool {
        let elapsed = (now_ms - self.last_ms).max(0.0);
        self.last_ms = self.last_ms.max(now_ms);
        self.tokens = (self.tokens + elapsed / 1000.0 * self.per_sec).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Wrong room codes an address may send before it is refused for a while: enough for honest
/// typos.
pub const WRONG_CODES_ALLOWED: u32 = 5;

/// How long an address that sent too many wrong codes is refused, ms.
const WRONG_CODE_PAUSE_MS: f64 = 60_000.0;

/// The most addresses remembered (a flood of addresses forgets the oldest first).
const REMEMBERED_ADDRESSES: usize = 1024;

/// One address's wrong codes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Guesses {
    /// Wrong codes since the last pause (or the first).
    wrong: u32,
    /// Refused until this time, ms (after [`WRONG_CODES_ALLOWED`] wrong codes).
    refused_until: f64,
    /// When it last sent a wrong code, ms.
    last_ms: f64,
}

/// Wrong room codes counted per remote address: after [`WRONG_CODES_ALLOWED`] of them the address
/// is refused for [`WRONG_CODE_PAUSE_MS`], so the 4-letter code cannot be guessed by trying
/// (23⁴ codes at 5 a minute take weeks), while a typo or two still gets in.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WrongCodes {
    by_address: HashMap<IpAddr, Guesses>,
}

impl WrongCodes {
    /// Whether `ip` is refused at `now_ms` (it sent too many wrong codes lately).
    pub fn refused(&self, ip: IpAddr, now_ms: f64) -> bool {
        self.by_address
            .get(&ip)
            .is_some_and(|g| now_ms < g.refused_until)
    }

    /// `ip` sent a wrong code at `now_ms`: counted, and refused for a while once there are too
    /// many.
    pub fn wrong(&mut self, ip: IpAddr, now_ms: f64) {
        if !self.by_address.contains_key(&ip) && self.by_address.len() >= REMEMBERED_ADDRESSES {
            self.forget_oldest();
        }
        let g = self.by_address.entry(ip).or_insert(Guesses {
            wrong: 0,
            refused_until: 0.0,
            last_ms: now_ms,
        });
        g.wrong += 1;
        g.last_ms = now_ms;
        if g.wrong >= WRONG_CODES_ALLOWED {
            g.wrong = 0;
            g.refused_until = now_ms + WRONG_CODE_PAUSE_MS;
        }
    }

    /// `ip` sent the right code: its typos are forgotten (a pause it is in still holds).
    pub fn right(&mut self, ip: IpAddr) {
        if let Some(g) = self.by_address.get_mut(&ip) {
            g.wrong = 0;
        }
    }

    fn forget_oldest(&mut self) {
        let oldest = self
            .by_address
            .iter()
            .min_by(|a, b| a.1.last_ms.total_cmp(&b.1.last_ms))
            .map(|(ip, _)| *ip);
        if let Some(ip) = oldest {
            self.by_address.remove(&ip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_clear_letters_and_match_any_case() {
        let code = RoomCode::from_rng(&mut ChaCha8Rng::seed_from_u64(7));
        assert_eq!(code.as_str().len(), CODE_LEN);
        assert!(code.as_str().bytes().all(|b| CODE_LETTERS.contains(&b)));
        assert!(code.matches(&format!(" {} ", code.as_str().to_lowercase())));
        assert!(!code.matches("ZZZZZ"));
    }

    #[test]
    fn tokens_differ() {
        let (a, b) = (SeatToken::random(), SeatToken::random());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn rate_limit_allows_a_burst_then_refills() {
        let mut r = RateLimit::new(10.0, 5.0, 0.0);
        assert_eq!((0..10).filter(|_| r.allow(0.0)).count(), 5);
        assert!(!r.allow(50.0));
        assert!(r.allow(100.0));
        assert_eq!((0..10).filter(|_| r.allow(1000.0)).count(), 5);
    }

    #[test]
    fn wrong_codes_refuse_an_address_for_a_while() {
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.5".parse().unwrap(), "10.0.0.6".parse().unwrap());
        let mut w = WrongCodes::default();
        // Honest typos, then the right code: never refused.
        for t in 0..WRONG_CODES_ALLOWED - 1 {
            w.wrong(a, f64::from(t));
        }
        assert!(!w.refused(a, 10.0));
        w.right(a);
        for t in 0..WRONG_CODES_ALLOWED - 1 {
            w.wrong(a, 20.0 + f64::from(t));
        }
        assert!(!w.refused(a, 30.0));
        // One more: refused for the pause, another address is not.
        w.wrong(a, 40.0);
        assert!(w.refused(a, 41.0));
        assert!(w.refused(a, 40.0 + WRONG_CODE_PAUSE_MS - 1.0));
        assert!(!w.refused(b, 41.0));
        assert!(!w.refused(a, 40.0 + WRONG_CODE_PAUSE_MS));
    }

    #[test]
    fn a_flood_of_addresses_stays_bounded() {
        let mut w = WrongCodes::default();
        for i in 0..(REMEMBERED_ADDRESSES as u32 + 500) {
            w.wrong(IpAddr::from(i.to_be_bytes()), f64::from(i));
        }
        assert_eq!(w.by_address.len(), REMEMBERED_ADDRESSES);
    }
}
