//! The audio offset calibration's beat: when its clicks sound, and how far a player's taps
//! were from them. The screen shows it; the sound plays it.

/// Taps needed.
pub(crate) const TAPS: usize = 16;
/// Seconds between beats (100 BPM).
pub(crate) const PERIOD: f64 = 0.6;
/// Seconds before the first beat.
pub(crate) const LEAD_IN: f64 = 1.2;

/// The median error of `taps` (seconds since the start) against beats at `LEAD_IN + k·PERIOD`,
/// in milliseconds: positive when the taps come late.
pub(crate) fn median_offset_ms(taps: &[f64]) -> Option<f64> {
    let mut errors: Vec<f64> = taps
        .iter()
        .map(|t| {
            let k = ((t - LEAD_IN) / PERIOD).round();
            (t - (LEAD_IN + k * PERIOD)) * 1000.0
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    errors.sort_by(f64::total_cmp);
    let n = errors.len();
    Some(if n % 2 == 1 {
        errors[n / 2]
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_the_median_error_of_the_taps() {
        let beat = |k: f64| LEAD_IN + k * PERIOD;
        let taps: Vec<f64> = (0..16).map(|k| beat(f64::from(k)) + 0.030).collect();
        assert!((median_offset_ms(&taps).unwrap() - 30.0).abs() < 1e-6);
        // One wild tap does not move the median.
        let mut noisy = taps.clone();
        noisy[3] += 0.25;
        assert!((median_offset_ms(&noisy).unwrap() - 30.0).abs() < 1e-6);
        let early: Vec<f64> = (0..16).map(|k| beat(f64::from(k)) - 0.020).collect();
        assert!((median_offset_ms(&early).unwrap() + 20.0).abs() < 1e-6);
        assert_eq!(median_offset_ms(&[]), None);
    }
}
