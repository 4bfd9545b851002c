//! Offline export: a performance rendered to a 48 kHz stereo 16-bit WAV file.

use std::path::Path;

use super::render::{Renderer, SAMPLE_RATE};

/// Frames rendered per block, as an audio device would ask for them.
pub const BLOCK: usize = 512;

/// Renders everything `renderer` has to play into `path`. Returns the number of frames written.
pub(crate) fn write_wav(renderer: &mut Renderer, path: &Path) -> Result<u64, String> {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut block = [[0.0f32; 2]; BLOCK];
    let mut frames = 0u64;
    // A second of silence after the last sound at most, so a broken cue list cannot run forever.
    while !renderer.is_done() {
        renderer.render(&mut block);
        for f in &block {
            for s in f {
                let v = (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16;
                writer
                    .write_sample(v)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
        }
        frames += BLOCK as u64;
    }
    writer
        .finalize()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(frames)
}
