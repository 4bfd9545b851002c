//! The room's small secrets and limits: the room code people type or scan, the seat token a phone
//! comes back with, and the rate limit every connection is held to.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Letters that cannot be mistaken for one another on a projector (no I, L, O, 0, 1).
const CODE_LETTERS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ";

/// The room code's length.
pub const CODE_LEN: usize = 4;

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
pub struct SeatToken(String);

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
pub struct RateLimit {
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
}
