//! The song clock follows the audio device's clock: the frame clock gives smooth steps, the audio
//! clock (frames the device has taken) says where the music really is, and the difference is
//! corrected a little every frame. Without a device, or when it stops mid-piece, the frame clock
//! alone carries on.

/// Seconds without the audio clock moving before the device counts as lost.
const STALL_LIMIT: f64 = 0.5;
/// A difference larger than this (seconds) is a jump (the device restarted): the song follows
/// from there without jumping itself.
const SNAP: f64 = 0.25;
/// How fast the difference is corrected: the share per second.
const GAIN: f64 = 4.0;

/// Where the song clock stands relative to the audio clock.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClockSync {
    /// Song seconds since the start.
    song: f64,
    /// Audio seconds − song seconds, while following the audio clock.
    offset: Option<f64>,
    last_audio: Option<f64>,
    stalled: f64,
    lost: bool,
}

impl ClockSync {
    /// A clock at song time 0, not yet following any device (the tests'; the game takes `default`).
    #[cfg(test)]
    pub fn new() -> ClockSync {
        ClockSync::default()
    }

    /// Follows the audio clock afresh from the current song time: after a pause, a restart or a
    /// tempo change, when the audio clock went on while the song stood still.
    pub(crate) fn resync(&mut self) {
        self.offset = None;
    }

    /// One frame of `frame_dt` seconds, with the audio clock's reading now (`None`: no device).
    /// Returns the seconds the song advances: never negative, close to `frame_dt`, and such that
    /// the song keeps to the audio clock.
    pub fn step(&mut self, frame_dt: f64, audio: Option<f64>) -> f64 {
        let frame_dt = if frame_dt.is_finite() {
            frame_dt.max(0.0)
        } else {
            0.0
        };
        let mut next = self.song + frame_dt;
        if let Some(a) = audio.filter(|a| a.is_finite()) {
            let moved = !self.last_audio.is_some_and(|last| a <= last);
            if !moved {
                self.stalled += frame_dt;
            } else {
                self.stalled = 0.0;
                if self.lost {
                    self.lost = false;
                    self.offset = None;
                }
            }
            self.last_audio = Some(a);
            if self.stalled >= STALL_LIMIT {
                self.lost = true;
                self.offset = None;
            }
            // A reading that did not move says nothing new (a frame faster than the device's
            // blocks, or a device that stopped): the frame clock carries the song meanwhile.
            if !self.lost && (moved || self.offset.is_none()) {
                match self.offset {
                    None => self.offset = Some(a - next),
                    Some(offset) => {
                        let error = (a - offset) - next;
                        if error.abs() > SNAP {
                            self.offset = Some(a - next);
                        } else {
                            next += error * (frame_dt * GAIN).min(1.0);
                        }
                    }
                }
            }
        }
        let dt = (next - self.song).max(0.0);
        self.song += dt;
        dt
    }

    /// True while the device's clock has stood still for [`STALL_LIMIT`] (the frame clock leads).
    pub(crate) fn is_lost(&self) -> bool {
        self.lost
    }

    /// The audio clock's time `ahead` seconds of song from now, while following it: where to
    /// schedule a sound so that it lands on that moment of the song.
    pub(crate) fn audio_time(&self, ahead: f64) -> Option<f64> {
        self.offset.map(|o| self.song + o + ahead)
    }

    /// Song seconds so far (the tests' view of the clock).
    #[cfg(test)]
    fn song_seconds(&self) -> f64 {
        self.song
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device that hands out 512-frame blocks at 48 kHz: its clock moves in 10.7 ms steps.
    fn device_clock(true_time: f64) -> f64 {
        let block = 512.0 / 48_000.0;
        (true_time / block).floor() * block
    }

    #[test]
    fn without_a_device_the_frame_clock_leads() {
        let mut c = ClockSync::new();
        assert_eq!(c.step(0.016, None), 0.016);
        assert_eq!(c.step(-1.0, None), 0.0);
        assert_eq!(c.step(f64::NAN, None), 0.0);
        assert!(c.audio_time(0.0).is_none());
    }

    /// A frame clock running 0.5 % fast (a real drift between a display and a sound card) over a
    /// 30-minute piece: the song stays with the device within a block, never runs backwards,
    /// and each step stays close to a frame.
    #[test]
    fn the_song_keeps_to_a_drifting_blocky_device_clock_for_30_minutes() {
        let mut c = ClockSync::new();
        let frame = 1.0 / 60.0;
        let mut t = 0.0;
        let mut worst: f64 = 0.0;
        let mut worst_step: f64 = 0.0;
        let start = device_clock(0.0);
        while t < 1800.0 {
            t += frame;
            let dt = c.step(frame * 1.005, Some(device_clock(t)));
            assert!(dt >= 0.0);
            if t > 2.0 {
                worst = worst.max((c.song_seconds() - (t - start)).abs());
                worst_step = worst_step.max((dt - frame).abs());
            }
        }
        assert!(worst < 0.011, "off by {:.1} ms", worst * 1000.0);
        assert!(
            worst_step < 0.002,
            "a step differed by {:.2} ms",
            worst_step * 1000.0
        );
    }

    #[test]
    fn a_device_that_stops_is_lost_and_the_frame_clock_carries_on_until_it_comes_back() {
        let mut c = ClockSync::new();
        let frame = 0.01;
        let mut t = 0.0;
        for _ in 0..100 {
            t += frame;
            c.step(frame, Some(t));
        }
        let before = c.song_seconds();
        for _ in 0..100 {
            c.step(frame, Some(t)); // the device stopped
        }
        assert!(c.is_lost());
        assert!(
            (c.song_seconds() - before - 1.0).abs() < 1e-9,
            "the song went on"
        );
        assert!(
            c.audio_time(0.0).is_none(),
            "nothing is scheduled on a dead clock"
        );
        // It comes back, restarted from 0: followed again, without a jump in the song.
        let song = c.song_seconds();
        c.step(frame, Some(0.01));
        c.step(frame, Some(0.02));
        assert!(!c.is_lost());
        assert!((c.song_seconds() - song - 0.02).abs() < 1e-9);
        assert!(c.audio_time(0.0).is_some());
    }

    #[test]
    fn after_a_pause_the_song_resumes_where_it_stood() {
        let mut c = ClockSync::new();
        let mut t = 0.0;
        for _ in 0..60 {
            t += 0.016;
            c.step(0.016, Some(t));
        }
        let paused_at = c.song_seconds();
        t += 30.0; // the audio clock runs on during the pause
        c.resync();
        let dt = c.step(0.016, Some(t));
        assert!((dt - 0.016).abs() < 1e-9, "no jump: {dt}");
        assert!((c.song_seconds() - paused_at - 0.016).abs() < 1e-9);
        let at = c.audio_time(0.5).unwrap();
        assert!(
            (at - (t + 0.5)).abs() < 1e-9,
            "scheduling follows the new anchor"
        );
    }
}
