//! A phone's clock against the game's: each ping's round trip gives a sample of the offset
//! (phone time − game time), good to half the round trip. Only the recent samples with the least
//! delay are trusted, so Wi-Fi's queueing and retransmissions do not pull the estimate, and it
//! follows a drifting clock because old samples leave the window.

/// How many recent samples are kept.
pub const WINDOW: usize = 32;

/// How many of the quickest samples are averaged at most.
const QUICKEST: usize = 3;

/// Only samples whose round trip is within this of the quickest are averaged, ms.
const NEAR_QUICKEST_MS: f64 = 5.0;

/// One ping's round trip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sample {
    /// Round-trip time, ms.
    pub rtt: f64,
    /// Phone time − game time, ms, assuming the two halves of the trip took as long.
    pub offset: f64,
}

impl Sample {
    /// The sample of a ping sent at game time `sent`, stamped by the phone at `phone`, whose
    /// answer came at game time `back`; `None` when the times are impossible.
    pub fn new(sent: f64, phone: f64, back: f64) -> Option<Sample> {
        let rtt = back - sent;
        (rtt >= 0.0 && rtt.is_finite() && phone.is_finite()).then(|| Sample {
            rtt,
            offset: phone - (sent + back) / 2.0,
        })
    }
}

/// The estimate of one phone's clock offset.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClockEstimator {
    samples: Vec<Sample>,
}

impl ClockEstimator {
    /// An estimator with no samples yet.
    pub fn new() -> ClockEstimator {
        ClockEstimator::default()
    }

    /// Adds a sample, forgetting the oldest beyond [`WINDOW`].
    pub fn add(&mut self, sample: Sample) {
        if self.samples.len() == WINDOW {
            self.samples.remove(0);
        }
        self.samples.push(sample);
    }

    /// How many samples are kept (the tests').
    #[cfg(test)]
    fn len(&self) -> usize {
        self.samples.len()
    }

    /// The offset (phone − game, ms): the mean of the (at most [`QUICKEST`]) samples whose round
    /// trip is within [`NEAR_QUICKEST_MS`] of the least; `None` before the first sample.
    pub fn offset(&self) -> Option<f64> {
        let best = self.best_rtt()?;
        let mut quick: Vec<Sample> = self
            .samples
            .iter()
            .filter(|s| s.rtt <= best + NEAR_QUICKEST_MS)
            .copied()
            .collect();
        quick.sort_by(|a, b| a.rtt.total_cmp(&b.rtt));
        quick.truncate(QUICKEST);
        Some(quick.iter().map(|s| s.offset).sum::<f64>() / quick.len() as f64)
    }

    /// The least round trip kept, ms.
    fn best_rtt(&self) -> Option<f64> {
        self.samples.iter().map(|s| s.rtt).min_by(f64::total_cmp)
    }

    /// A time on the phone's clock as the game's time, if the offset is known.
    pub(crate) fn to_game(&self, phone_time: f64) -> Option<f64> {
        self.offset().map(|o| phone_time - o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A phone 500 ms ahead, each leg of the trip 10–60 ms (20–120 ms round trips), `pings`
    /// pings (a full window is 20 quick pings and 12 s in the lobby).
    fn simulated(seed: u64, pings: usize) -> ClockEstimator {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut est = ClockEstimator::new();
        let mut now = 1000.0;
        for _ in 0..pings {
            let out: f64 = rng.random_range(10.0..60.0);
            let back: f64 = rng.random_range(10.0..60.0);
            let phone = now + out + 500.0;
            est.add(Sample::new(now, phone, now + out + back).unwrap());
            now += 250.0;
        }
        est
    }

    #[test]
    fn finds_a_clock_500_ms_off_within_10_ms() {
        for seed in 0..200 {
            let est = simulated(seed, WINDOW);
            let offset = est.offset().unwrap();
            assert!((offset - 500.0).abs() < 10.0, "seed {seed}: {offset}");
            assert!((est.to_game(2500.0).unwrap() - 2000.0).abs() < 10.0);
        }
    }

    #[test]
    fn follows_a_clock_that_jumps() {
        let mut est = simulated(1, WINDOW);
        for i in 0..WINDOW {
            let sent = 100_000.0 + i as f64 * 250.0;
            est.add(Sample::new(sent, sent + 20.0 - 100.0, sent + 40.0).unwrap());
        }
        assert!((est.offset().unwrap() + 100.0).abs() < 1e-9);
        assert_eq!(est.len(), WINDOW);
    }

    #[test]
    fn refuses_impossible_samples() {
        assert_eq!(Sample::new(10.0, 5.0, 9.0), None);
        assert_eq!(Sample::new(10.0, f64::NAN, 19.0), None);
        assert_eq!(ClockEstimator::new().offset(), None);
    }
}
