//! A SoundFont 2 file read without trusting it: where its chunks lie ([`layout`]) and its lists of
//! presets, instruments, zones, generators and samples (the "hydra", [`read_hydra`]), every size
//! and index checked, so that a damaged or hostile file is an error, never a panic or a huge
//! allocation. The sample data itself is not read here (see [`super::subset`]).
//!
//! Zones are read as rustysynth reads them (its `Zone`, `Preset` and `Instrument`), so that what is
//! kept of a file plays exactly as the whole file would.

use std::io::{Read, Seek, SeekFrom};

/// Generator numbers (SoundFont 2.04, section 8.1.2) that choosing what to keep looks at.
pub(super) mod generator {
    pub(crate) const START_OFFSET: u16 = 0;
    pub(crate) const END_OFFSET: u16 = 1;
    pub(crate) const START_LOOP_OFFSET: u16 = 2;
    pub(crate) const END_LOOP_OFFSET: u16 = 3;
    pub(crate) const START_COARSE_OFFSET: u16 = 4;
    pub(crate) const END_COARSE_OFFSET: u16 = 12;
    pub(crate) const INSTRUMENT: u16 = 41;
    pub(crate) const KEY_RANGE: u16 = 43;
    pub(crate) const VELOCITY_RANGE: u16 = 44;
    pub(crate) const START_LOOP_COARSE_OFFSET: u16 = 45;
    pub(crate) const END_LOOP_COARSE_OFFSET: u16 = 50;
    pub(crate) const SAMPLE_ID: u16 = 53;
}

/// The most bytes of preset, instrument and sample lists read (FluidR3's are 200 KB).
const HYDRA_MAX: u64 = 32 << 20;

/// A stretch of the file, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub at: u64,
    pub len: u64,
}

/// Where a SoundFont's parts lie in its file.
#[derive(Debug)]
pub(super) struct Layout {
    /// The 16-bit samples (`sdta`'s `smpl` chunk).
    pub smpl: Span,
    /// The chunks of the `pdta` list, by id.
    pub pdta: Vec<([u8; 4], Span)>,
}

/// The id and size of the chunk at byte `at`.
fn chunk_header(file: &mut (impl Read + Seek), at: u64) -> Result<([u8; 4], u32), String> {
    let mut h = [0u8; 8];
    file.seek(SeekFrom::Start(at))
        .and_then(|_| file.read_exact(&mut h))
        .map_err(|_| "truncated".to_string())?;
    Ok((
        [h[0], h[1], h[2], h[3]],
        u32::from_le_bytes([h[4], h[5], h[6], h[7]]),
    ))
}

/// Finds the chunks of the file (of `len` bytes): a RIFF `sfbk` whose chunks, and the chunks of
/// its lists, all lie within it, with one `smpl` chunk of whole samples.
pub(super) fn layout(file: &mut (impl Read + Seek), len: u64) -> Result<Layout, String> {
    let mut head = [0u8; 12];
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.read_exact(&mut head))
        .map_err(|_| "too short to be a SoundFont".to_string())?;
    if &head[0..4] != b"RIFF" || &head[8..12] != b"sfbk" {
        return Err("not a SoundFont (no RIFF sfbk header)".into());
    }
    let riff_end = 8 + u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]));
    if riff_end > len {
        return Err(format!("truncated ({len} of {riff_end} bytes)"));
    }
    let mut found = Layout {
        smpl: Span { at: 0, len: 0 },
        pdta: Vec::new(),
    };
    let mut smpl = None;
    let mut at = 12u64;
    while at + 8 <= riff_end {
        let (id, size) = chunk_header(file, at)?;
        let end = at + 8 + u64::from(size);
        if end > riff_end {
            return Err(format!(
                "truncated (a chunk runs to byte {end} of {riff_end})"
            ));
        }
        if &id == b"LIST" && size >= 4 {
            let mut kind = [0u8; 4];
            file.seek(SeekFrom::Start(at + 8))
                .and_then(|_| file.read_exact(&mut kind))
                .map_err(|_| "truncated".to_string())?;
            list_chunks(file, at + 12, end, |sub, span| {
                match (&kind, &sub) {
                    (b"sdta", b"smpl") if smpl.is_some() => return Err("two sample chunks".into()),
                    (b"sdta", b"smpl") => smpl = Some(span),
                    (b"pdta", _) => found.pdta.push((sub, span)),
                    _ => {}
                }
                Ok(())
            })?;
        }
        at = end + u64::from(size % 2);
    }
    found.smpl = smpl.ok_or("no sample data")?;
    if !found.smpl.len.is_multiple_of(2) || found.smpl.len < 4 {
        return Err("damaged sample data".into());
    }
    Ok(found)
}

/// Calls `each` with the id and data of every chunk of a list whose chunks start at `from` and
/// end by `end`; a chunk running past the list's end is an error.
fn list_chunks(
    file: &mut (impl Read + Seek),
    from: u64,
    end: u64,
    mut each: impl FnMut([u8; 4], Span) -> Result<(), String>,
) -> Result<(), String> {
    let mut sub = from;
    while sub + 8 <= end {
        let (id, size) = chunk_header(file, sub)?;
        let span = Span {
            at: sub + 8,
            len: u64::from(size),
        };
        if span.at + span.len > end {
            return Err("a damaged chunk size".into());
        }
        each(id, span)?;
        sub = span.at + span.len + u64::from(size % 2);
    }
    Ok(())
}

/// One generator: which parameter, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gen {
    pub oper: u16,
    pub amount: u16,
}

/// A preset's header (`phdr`): its program, bank and first zone; the rest kept as it is.
#[derive(Debug, Clone)]
pub(super) struct PresetHeader {
    pub name: [u8; 20],
    pub program: u16,
    pub bank: u16,
    pub bag: u16,
    /// Library, genre and morphology, as they were.
    pub rest: [u8; 12],
}

/// An instrument's header (`inst`): its name and first zone.
#[derive(Debug, Clone)]
pub(super) struct InstrumentHeader {
    pub name: [u8; 20],
    pub bag: u16,
}

/// A sample's header (`shdr`), its 46 bytes as they are.
#[derive(Debug, Clone)]
pub(super) struct SampleHeader(pub [u8; 46]);

impl SampleHeader {
    /// The little-endian 32-bit field at byte `at`, as rustysynth reads it (signed).
    fn field(&self, at: usize) -> i32 {
        let b = &self.0[at..at + 4];
        i32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Start, end, loop start and loop end, in samples from the start of the sample data.
    pub fn points(&self) -> [i64; 4] {
        [20, 24, 28, 32].map(|at| i64::from(self.field(at)))
    }

    /// The same header with its points at `points` (values that fit in 32 bits).
    pub(crate) fn with_points(&self, points: [i64; 4]) -> SampleHeader {
        let mut h = self.clone();
        for (at, p) in [20, 24, 28, 32].into_iter().zip(points) {
            h.0[at..at + 4].copy_from_slice(&(p as i32).to_le_bytes());
        }
        h
    }

    /// The linked sample (of a stereo pair).
    pub fn link(&self) -> u16 {
        u16::from_le_bytes([self.0[42], self.0[43]])
    }

    /// The same header linked to sample `link`.
    pub(crate) fn with_link(&self, link: u16) -> SampleHeader {
        let mut h = self.clone();
        h.0[42..44].copy_from_slice(&link.to_le_bytes());
        h
    }
}

/// A SoundFont's lists, as rustysynth reads them: the headers end with their terminal record
/// (presets and instruments) or without it (samples); zones are bags (a first generator each,
/// the terminal bag included); the generator lists are without their terminal record.
#[derive(Debug)]
pub(super) struct Hydra {
    pub presets: Vec<PresetHeader>,
    pub preset_bags: Vec<u16>,
    pub preset_gens: Vec<Gen>,
    pub instruments: Vec<InstrumentHeader>,
    pub instrument_bags: Vec<u16>,
    pub instrument_gens: Vec<Gen>,
    pub samples: Vec<SampleHeader>,
}

/// Reads the `pdta` chunk `id` of the file whole; it must be a non-empty whole number of
/// `record`-byte records, as rustysynth asks.
fn read_chunk(
    file: &mut (impl Read + Seek),
    layout: &Layout,
    id: &[u8; 4],
    record: u64,
) -> Result<Vec<u8>, String> {
    let name = String::from_utf8_lossy(id).into_owned();
    let span = layout
        .pdta
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| *s)
        .ok_or_else(|| format!("no {name} list"))?;
    if span.len == 0 || span.len % record != 0 {
        return Err(format!("a damaged {name} list"));
    }
    let mut bytes = vec![0u8; span.len as usize];
    file.seek(SeekFrom::Start(span.at))
        .and_then(|_| file.read_exact(&mut bytes))
        .map_err(|_| "truncated".to_string())?;
    Ok(bytes)
}

/// The little-endian u16 at byte `at` of `b`.
fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

/// Reads the lists of presets, instruments and samples (at most [`HYDRA_MAX`] bytes in all).
pub(super) fn read_hydra(file: &mut (impl Read + Seek), layout: &Layout) -> Result<Hydra, String> {
    let total: u64 = layout.pdta.iter().map(|(_, s)| s.len).sum();
    if total > HYDRA_MAX {
        return Err(format!(
            "its preset lists are larger than {} MiB",
            HYDRA_MAX >> 20
        ));
    }
    let mut read = |id: &[u8; 4], record: u64| read_chunk(file, layout, id, record);
    let presets = read(b"phdr", 38)?
        .chunks_exact(38)
        .map(|r| PresetHeader {
            name: r[..20].try_into().unwrap_or([0; 20]),
            program: u16_at(r, 20),
            bank: u16_at(r, 22),
            bag: u16_at(r, 24),
            rest: r[26..38].try_into().unwrap_or([0; 12]),
        })
        .collect();
    let bags = |b: Vec<u8>| b.chunks_exact(4).map(|r| u16_at(r, 0)).collect();
    let gens = |b: Vec<u8>| -> Vec<Gen> {
        let mut g: Vec<Gen> = b
            .chunks_exact(4)
            .map(|r| Gen {
                oper: u16_at(r, 0),
                amount: u16_at(r, 2),
            })
            .collect();
        g.pop(); // the terminal record
        g
    };
    let preset_bags = bags(read(b"pbag", 4)?);
    let preset_gens = gens(read(b"pgen", 4)?);
    let instruments = read(b"inst", 22)?
        .chunks_exact(22)
        .map(|r| InstrumentHeader {
            name: r[..20].try_into().unwrap_or([0; 20]),
            bag: u16_at(r, 20),
        })
        .collect();
    let instrument_bags = bags(read(b"ibag", 4)?);
    let instrument_gens = gens(read(b"igen", 4)?);
    let mut samples: Vec<SampleHeader> = read(b"shdr", 46)?
        .chunks_exact(46)
        .map(|r| SampleHeader(r.try_into().unwrap_or([0; 46])))
        .collect();
    samples.pop(); // the terminal record
    Ok(Hydra {
        presets,
        preset_bags,
        preset_gens,
        instruments,
        instrument_bags,
        instrument_gens,
        samples,
    })
}

/// The generators of zone `z` (as rustysynth reads them: none when the next zone starts before
/// this one).
pub(super) fn zone<'a>(bags: &[u16], gens: &'a [Gen], z: usize) -> Result<&'a [Gen], String> {
    let (Some(&from), Some(&to)) = (bags.get(z), bags.get(z + 1)) else {
        return Err("a zone out of range".into());
    };
    if to <= from {
        return Ok(&[]);
    }
    gens.get(usize::from(from)..usize::from(to))
        .ok_or_else(|| "a zone's generators out of range".to_string())
}

/// The zones of the preset or instrument whose first zone is `first` and whose successor's is
/// `next` (rustysynth: at least one, all within the list of zones, the terminal bag excluded).
pub(super) fn zones_of(
    first: u16,
    next: u16,
    bags: &[u16],
) -> Result<std::ops::Range<usize>, String> {
    let (first, next) = (usize::from(first), usize::from(next));
    if next <= first || next + 1 > bags.len() {
        return Err("a preset or instrument without zones".into());
    }
    Ok(first..next)
}

/// A zone's value of generator `oper`: the local zone's, else the global zone's (the last one of
/// each counts, as in rustysynth).
pub(super) fn value(global: &[Gen], local: &[Gen], oper: u16) -> Option<u16> {
    let last = |gens: &[Gen]| gens.iter().rev().find(|g| g.oper == oper).map(|g| g.amount);
    last(local).or_else(|| last(global))
}

/// A key or velocity range (low byte to high byte; the whole range when not given).
pub(super) fn range(global: &[Gen], local: &[Gen], oper: u16) -> (u8, u8) {
    let v = value(global, local, oper).unwrap_or(0x7F00);
    ((v & 0xFF) as u8, (v >> 8) as u8)
}

/// Splits a preset's or instrument's zones into its global zone (empty when there is none) and
/// its local zones, by rustysynth's rule: the first zone is global when it is empty or does not
/// end with `last` (the instrument or sample it plays).
pub(super) fn split_global<'a>(zones: &[&'a [Gen]], last: u16) -> (&'a [Gen], Vec<&'a [Gen]>) {
    match zones.first() {
        Some(first) if first.last().is_none_or(|g| g.oper != last) => (*first, zones[1..].to_vec()),
        _ => (&[], zones.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_read_as_rustysynth_reads_them() {
        let g = |oper, amount| Gen { oper, amount };
        let gens = [g(43, 0x3C30), g(41, 2), g(41, 5)];
        assert_eq!(zone(&[0, 2, 3, 3], &gens, 0).unwrap(), &gens[..2]);
        assert!(zone(&[0, 2, 3, 3], &gens, 2).unwrap().is_empty());
        assert!(zone(&[0, 9], &gens, 0).is_err() && zone(&[0], &gens, 0).is_err());
        assert!(zones_of(2, 2, &[0, 0, 0, 0]).is_err() && zones_of(0, 9, &[0; 4]).is_err());
        let (global, local) = split_global(&[&gens[..1], &gens[1..2]], 41);
        assert_eq!((global.len(), local.len()), (1, 1));
        let (global, local) = split_global(&[&gens[..2], &gens[2..]], 41);
        assert_eq!((global.len(), local.len()), (0, 2));
        assert_eq!(range(&gens[..1], &[], 43), (0x30, 0x3C));
        assert_eq!(range(&[], &[], 44), (0, 127));
        assert_eq!(value(&gens[1..2], &gens[2..], 41), Some(5));
    }
}
