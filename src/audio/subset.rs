//! What of a SoundFont some notes need, and nothing more: the presets of their instruments' General
//! MIDI programs, the zones of those presets and of their instruments that sound on the notes'
//! keys at the game's velocity, and the samples those zones play. [`open`] reads the file's lists
//! ([`super::sf2`]), chooses, and gives a compact SoundFont to read — made on the fly, its sample
//! data read from the file only where a kept sample lies, so the whole file never is in memory.
//!
//! Rustysynth plays a kept note exactly as from the whole file: the same zones in the same order,
//! the same generators (only instrument and sample numbers renumbered), and each sample's data as
//! in the file, from its first point read to its last and the 46 samples after it (the format's
//! padding, zeros in a well-made file). Modulators are left out: rustysynth does not read them.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use crate::scenario::Instrument;

use super::needs::Needs;
use super::sf2::{self, Gen, Hydra, InstrumentHeader, PresetHeader, SampleHeader, Span, generator};

/// Samples kept after each sample's last point (the format asks for 46 zero samples there), and
/// before the first sample.
const PAD: i64 = 46;

/// One bit for each key from `lo` to `hi`.
fn key_mask((lo, hi): (u8, u8)) -> u128 {
    (lo..=hi.min(127)).fold(0, |m, k| m | 1u128 << k)
}

/// A preset or instrument as kept: its header, its global zone (empty when it has none) and the
/// local zones kept, in their order.
struct Chosen<H> {
    header: H,
    global: Vec<Gen>,
    locals: Vec<Vec<Gen>>,
}

/// The presets rustysynth would play for `needs`' instruments on bank 0, each with the keys it is
/// asked for: the preset of the instrument's program (the last of that number), else the lowest
/// numbered preset, rustysynth's default. The piano's when nothing is needed.
fn choose_presets(hydra: &Hydra, needs: &Needs) -> Result<BTreeMap<usize, u128>, String> {
    let count = hydra.presets.len().saturating_sub(1);
    if count == 0 {
        return Err("it has no presets".into());
    }
    let id = |p: &PresetHeader| (i32::from(p.bank) << 16) | i32::from(p.program);
    let default = (0..count)
        .min_by_key(|&i| id(&hydra.presets[i]))
        .unwrap_or(0);
    let mut wanted: Vec<(i32, u128)> = needs
        .instruments()
        .map(|i| (gm_program(i), needs.keys(i)))
        .collect();
    if wanted.is_empty() {
        wanted.push((0, 0));
    }
    let mut chosen = BTreeMap::new();
    for (program, keys) in wanted {
        let preset = (0..count)
            .rev()
            .find(|&i| id(&hydra.presets[i]) == program)
            .unwrap_or(default);
        *chosen.entry(preset).or_insert(0) |= keys;
    }
    Ok(chosen)
}

/// The zones of header `index` of a list (`first_zone` gives each header's first zone), split
/// into the global zone and the local ones (`last`: the generator a local zone ends with).
fn zones_of<'a>(
    first_zone: impl Fn(usize) -> Option<u16>,
    index: usize,
    bags: &[u16],
    gens: &'a [Gen],
    last: u16,
) -> Result<(&'a [Gen], Vec<&'a [Gen]>), String> {
    let (Some(first), Some(next)) = (first_zone(index), first_zone(index + 1)) else {
        return Err("a zone list out of range".into());
    };
    let zones = sf2::zones_of(first, next, bags)?
        .map(|z| sf2::zone(bags, gens, z))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(sf2::split_global(&zones, last))
}

/// Whether a zone sounds at `velocity`, and the keys of `keys` it sounds on.
fn sounds_on(global: &[Gen], local: &[Gen], keys: u128, velocity: u8) -> u128 {
    let (lo, hi) = sf2::range(global, local, generator::VELOCITY_RANGE);
    if !(lo..=hi).contains(&velocity) {
        return 0;
    }
    keys & key_mask(sf2::range(global, local, generator::KEY_RANGE))
}

/// The zone's instrument or sample number, as rustysynth reads it: 0 when none is given, and a
/// negative one out of any list.
fn target(global: &[Gen], local: &[Gen], oper: u16) -> usize {
    sf2::value(global, local, oper).unwrap_or(0) as i16 as usize
}

/// The chosen presets with the zones that sound on their keys, and the keys each instrument they
/// play is asked for.
fn keep_presets(
    hydra: &Hydra,
    chosen: &BTreeMap<usize, u128>,
    velocity: u8,
) -> Result<(Vec<Chosen<PresetHeader>>, BTreeMap<usize, u128>), String> {
    let instruments = hydra.instruments.len().saturating_sub(1);
    let first = |i: usize| hydra.presets.get(i).map(|p| p.bag);
    let mut kept = Vec::new();
    let mut wanted: BTreeMap<usize, u128> = BTreeMap::new();
    for (&p, &keys) in chosen {
        let (global, locals) = zones_of(
            first,
            p,
            &hydra.preset_bags,
            &hydra.preset_gens,
            generator::INSTRUMENT,
        )?;
        let mut preset = Chosen {
            header: hydra.presets[p].clone(),
            global: global.to_vec(),
            locals: Vec::new(),
        };
        for local in locals {
            let on = sounds_on(global, local, keys, velocity);
            if on == 0 {
                continue;
            }
            let instrument = target(global, local, generator::INSTRUMENT);
            if instrument >= instruments {
                return Err("a preset plays an instrument that is not there".into());
            }
            *wanted.entry(instrument).or_insert(0) |= on;
            preset.locals.push(local.to_vec());
        }
        kept.push(preset);
    }
    Ok((kept, wanted))
}

/// A zone's start, end, loop start and loop end in the file's sample data: its sample's, moved
/// by the zone's offsets (as rustysynth computes them); an error unless they lie within the
/// `samples` samples of the file with the end after the start (rustysynth's own check).
fn zone_points(
    sample: &SampleHeader,
    global: &[Gen],
    local: &[Gen],
    samples: i64,
) -> Result<[i64; 4], String> {
    let offset = |fine: u16, coarse: u16| {
        let v = |oper| i64::from(sf2::value(global, local, oper).unwrap_or(0) as i16);
        v(fine) + 32768 * v(coarse)
    };
    let p = sample.points();
    let points = [
        p[0] + offset(generator::START_OFFSET, generator::START_COARSE_OFFSET),
        p[1] + offset(generator::END_OFFSET, generator::END_COARSE_OFFSET),
        p[2] + offset(
            generator::START_LOOP_OFFSET,
            generator::START_LOOP_COARSE_OFFSET,
        ),
        p[3] + offset(
            generator::END_LOOP_OFFSET,
            generator::END_LOOP_COARSE_OFFSET,
        ),
    ];
    if points.iter().any(|q| !(0..samples).contains(q)) || points[1] <= points[0] {
        return Err("a sample lies outside the sample data".into());
    }
    Ok(points)
}

/// The instruments asked for with the zones that sound on their keys, and for each sample those
/// zones play, the first and last of its samples read.
fn keep_instruments(
    hydra: &Hydra,
    wanted: &BTreeMap<usize, u128>,
    velocity: u8,
    samples: i64,
) -> Result<(Vec<Chosen<InstrumentHeader>>, BTreeMap<usize, (i64, i64)>), String> {
    let first = |i: usize| hydra.instruments.get(i).map(|h| h.bag);
    let mut kept = Vec::new();
    let mut used: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
    for (&i, &keys) in wanted {
        let (global, locals) = zones_of(
            first,
            i,
            &hydra.instrument_bags,
            &hydra.instrument_gens,
            generator::SAMPLE_ID,
        )?;
        let mut instrument = Chosen {
            header: hydra.instruments[i].clone(),
            global: global.to_vec(),
            locals: Vec::new(),
        };
        for local in locals {
            if sounds_on(global, local, keys, velocity) == 0 {
                continue;
            }
            let s = target(global, local, generator::SAMPLE_ID);
            let sample = hydra
                .samples
                .get(s)
                .ok_or("an instrument plays a sample that is not there")?;
            let p = zone_points(sample, global, local, samples)?;
            let (lo, hi) = (p[0].min(p[2]), p[1].max(p[3]));
            let range = used.entry(s).or_insert((lo, hi));
            *range = (range.0.min(lo), range.1.max(hi));
            instrument.locals.push(local.to_vec());
        }
        kept.push(instrument);
    }
    Ok((kept, used))
}

/// A part of the compact SoundFont: bytes made here, or bytes of the file.
#[derive(Debug)]
enum Piece {
    Bytes(Vec<u8>),
    File(Span),
}

impl Piece {
    fn len(&self) -> u64 {
        match self {
            Piece::Bytes(b) => b.len() as u64,
            Piece::File(s) => s.len,
        }
    }
}

/// The kept samples laid end to end: their new headers (in the order of their old numbers), the
/// pieces of the new sample data, and its length in samples.
struct Samples {
    headers: Vec<SampleHeader>,
    numbers: BTreeMap<usize, u16>,
    pieces: Vec<Piece>,
    len: i64,
}

/// The stretches of the file's sample data to read for the samples `used` (each from its first
/// sample read to its last, and [`PAD`] after): from, to (exclusive) and the samples in it.
/// Samples that overlap or touch share one stretch.
fn stretches(used: &BTreeMap<usize, (i64, i64)>) -> Vec<(i64, i64, Vec<usize>)> {
    let mut by_start: Vec<(usize, i64, i64)> = used
        .iter()
        .map(|(&s, &(lo, hi))| (s, lo, hi + 1 + PAD))
        .collect();
    by_start.sort_by_key(|&(_, lo, _)| lo);
    let mut stretches: Vec<(i64, i64, Vec<usize>)> = Vec::new();
    for (s, lo, end) in by_start {
        match stretches.last_mut() {
            Some(last) if lo <= last.1 => {
                last.1 = last.1.max(end);
                last.2.push(s);
            }
            _ => stretches.push((lo, end, vec![s])),
        }
    }
    stretches
}

/// Lays out the samples `used` (each from its first sample read to its last, and [`PAD`] after),
/// reading from the file's sample data `smpl`: samples that overlap or touch share one stretch.
fn lay_out(
    hydra: &Hydra,
    used: &BTreeMap<usize, (i64, i64)>,
    smpl: Span,
) -> Result<Samples, String> {
    let total = (smpl.len / 2) as i64;
    let mut out = Samples {
        headers: Vec::new(),
        numbers: BTreeMap::new(),
        pieces: vec![Piece::Bytes(vec![0; PAD as usize * 2])],
        len: PAD,
    };
    let mut moved: BTreeMap<usize, SampleHeader> = BTreeMap::new();
    for (lo, end, members) in stretches(used) {
        let read_to = end.min(total);
        out.pieces.push(Piece::File(Span {
            at: smpl.at + 2 * lo as u64,
            len: 2 * (read_to - lo) as u64,
        }));
        if end > read_to {
            out.pieces
                .push(Piece::Bytes(vec![0; 2 * (end - read_to) as usize]));
        }
        let shift = out.len - lo;
        for s in members {
            let points = hydra.samples[s].points().map(|p| p + shift);
            if points.iter().any(|p| i32::try_from(*p).is_err()) {
                return Err("a sample's points out of range".into());
            }
            moved.insert(s, hydra.samples[s].with_points(points));
        }
        out.len += end - lo;
    }
    for (n, s) in moved.keys().enumerate() {
        out.numbers
            .insert(*s, u16::try_from(n).map_err(|_| "too many samples")?);
    }
    out.headers = moved
        .into_values()
        .map(|h| {
            h.with_link(
                out.numbers
                    .get(&usize::from(h.link()))
                    .copied()
                    .unwrap_or(0),
            )
        })
        .collect();
    Ok(out)
}

/// The generators of a kept zone with the instrument or sample it plays (`oper`) renumbered by
/// `numbers` (one not kept, never played, becomes 0).
fn renumbered(gens: &[Gen], oper: u16, numbers: &BTreeMap<usize, u16>) -> Vec<Gen> {
    gens.iter()
        .map(|g| match g.oper == oper {
            true => Gen {
                oper,
                amount: numbers.get(&usize::from(g.amount)).copied().unwrap_or(0),
            },
            false => *g,
        })
        .collect()
}

/// The record lists of kept presets or instruments: each one's zones (its global zone first,
/// an empty one when it had none, so rustysynth reads the rest as local zones as before), as a
/// bag list and a generator list, both with their terminal record; and each one's first bag.
fn zone_lists<H>(
    kept: &[Chosen<H>],
    oper: u16,
    numbers: &BTreeMap<usize, u16>,
) -> Result<(Vec<u8>, Vec<u8>, Vec<u16>), String> {
    let (mut bags, mut gens, mut firsts) = (Vec::new(), Vec::new(), Vec::new());
    let index = |n: usize| u16::try_from(n).map_err(|_| "too many zones".to_string());
    let mut zones = 0usize;
    let mut count = 0usize;
    for k in kept {
        firsts.push(index(zones)?);
        for zone in std::iter::once(&k.global).chain(&k.locals) {
            bags.extend_from_slice(&index(count)?.to_le_bytes());
            bags.extend_from_slice(&[0, 0]);
            for g in renumbered(zone, oper, numbers) {
                gens.extend_from_slice(&g.oper.to_le_bytes());
                gens.extend_from_slice(&g.amount.to_le_bytes());
            }
            count += zone.len();
            zones += 1;
        }
    }
    bags.extend_from_slice(&index(count)?.to_le_bytes());
    bags.extend_from_slice(&[0, 0]);
    gens.extend_from_slice(&[0; 4]);
    firsts.push(index(zones)?);
    Ok((bags, gens, firsts))
}

/// A 20-byte name.
fn name20(text: &[u8]) -> [u8; 20] {
    let mut n = [0u8; 20];
    n[..text.len().min(19)].copy_from_slice(&text[..text.len().min(19)]);
    n
}

/// A RIFF chunk: its id, size and data.
fn chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = Vec::with_capacity(data.len() + 8);
    c.extend_from_slice(id);
    c.extend_from_slice(&(data.len() as u32).to_le_bytes());
    c.extend_from_slice(data);
    c
}

/// The compact SoundFont's `pdta` list: the kept presets, instruments and samples.
fn pdta(
    presets: &[Chosen<PresetHeader>],
    instruments: &[Chosen<InstrumentHeader>],
    instrument_numbers: &BTreeMap<usize, u16>,
    samples: &Samples,
) -> Result<Vec<u8>, String> {
    let (pbag, pgen, pfirst) = zone_lists(presets, generator::INSTRUMENT, instrument_numbers)?;
    let (ibag, igen, ifirst) = zone_lists(instruments, generator::SAMPLE_ID, &samples.numbers)?;
    let mut phdr = Vec::new();
    for (p, first) in presets.iter().zip(&pfirst) {
        phdr.extend_from_slice(&p.header.name);
        for v in [p.header.program, p.header.bank, *first] {
            phdr.extend_from_slice(&v.to_le_bytes());
        }
        phdr.extend_from_slice(&p.header.rest);
    }
    phdr.extend_from_slice(&name20(b"EOP"));
    phdr.extend_from_slice(&[0; 4]);
    phdr.extend_from_slice(&pfirst[presets.len()].to_le_bytes());
    phdr.extend_from_slice(&[0; 12]);
    let mut inst = Vec::new();
    for (i, first) in instruments.iter().zip(&ifirst) {
        inst.extend_from_slice(&i.header.name);
        inst.extend_from_slice(&first.to_le_bytes());
    }
    inst.extend_from_slice(&name20(b"EOI"));
    inst.extend_from_slice(&ifirst[instruments.len()].to_le_bytes());
    let mut shdr: Vec<u8> = samples.headers.iter().flat_map(|h| h.0).collect();
    shdr.extend_from_slice(&name20(b"EOS"));
    shdr.extend_from_slice(&[0; 26]);
    let mut list = b"pdta".to_vec();
    for (id, data) in [
        (b"phdr", phdr),
        (b"pbag", pbag),
        (b"pmod", vec![0; 10]),
        (b"pgen", pgen),
        (b"inst", inst),
        (b"ibag", ibag),
        (b"imod", vec![0; 10]),
        (b"igen", igen),
        (b"shdr", shdr),
    ] {
        list.extend(chunk(id, &data));
    }
    Ok(list)
}

/// The compact SoundFont, read as a file: bytes made here, and stretches of the SoundFont's own
/// file read where they lie.
pub(super) struct Compact {
    file: File,
    pieces: Vec<Piece>,
    /// The piece being read, and how far.
    at: usize,
    offset: u64,
}

impl Read for Compact {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while let Some(piece) = self.pieces.get(self.at) {
            let left = piece.len() - self.offset;
            if left == 0 {
                self.at += 1;
                self.offset = 0;
                continue;
            }
            let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let n = match piece {
                Piece::Bytes(b) => {
                    let from = self.offset as usize;
                    buf[..n].copy_from_slice(&b[from..from + n]);
                    n
                }
                Piece::File(span) => {
                    self.file.seek(SeekFrom::Start(span.at + self.offset))?;
                    match self.file.read(&mut buf[..n])? {
                        0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                        got => got,
                    }
                }
            };
            self.offset += n as u64;
            return Ok(n);
        }
        Ok(0)
    }
}

/// An instrument that plays nothing, for a SoundFont that keeps no other (rustysynth wants one).
fn silent() -> Chosen<InstrumentHeader> {
    Chosen {
        header: InstrumentHeader {
            name: name20(b"Silence"),
            bag: 0,
        },
        global: Vec::new(),
        locals: Vec::new(),
    }
}

/// The compact SoundFont of what `needs` play at `velocity` from `file` (of `len` bytes). Reads the file's lists; its sample data is read as the result is read.
pub(super) fn open(
    mut file: File,
    len: u64,
    needs: &Needs,
    velocity: u8,
) -> Result<Compact, String> {
    let layout = sf2::layout(&mut file, len)?;
    let hydra = sf2::read_hydra(&mut file, &layout)?;
    let chosen = choose_presets(&hydra, needs)?;
    let (presets, wanted) = keep_presets(&hydra, &chosen, velocity)?;
    let total = (layout.smpl.len / 2) as i64;
    let (mut instruments, used) = keep_instruments(&hydra, &wanted, velocity, total)?;
    let instrument_numbers: BTreeMap<usize, u16> = wanted
        .keys()
        .enumerate()
        .map(|(n, &i)| (i, n as u16))
        .collect();
    if instruments.is_empty() {
        instruments.push(silent());
    }
    let samples = lay_out(&hydra, &used, layout.smpl)?;
    let pdta = pdta(&presets, &instruments, &instrument_numbers, &samples)?;
    let pieces = assemble(samples.pieces, &pdta)?;
    Ok(Compact {
        file,
        pieces,
        at: 0,
        offset: 0,
    })
}

/// The compact SoundFont's pieces: its RIFF header, a short `INFO` list, the sample data
/// (`samples`) and the `pdta` list.
fn assemble(samples: Vec<Piece>, pdta: &[u8]) -> Result<Vec<Piece>, String> {
    let smpl: u64 = samples.iter().map(Piece::len).sum();
    let mut info = b"INFO".to_vec();
    info.extend(chunk(b"ifil", &[2, 0, 1, 0]));
    let sdta = 4 + 8 + smpl;
    let riff = 4 + (8 + info.len() as u64) + (8 + sdta) + (8 + pdta.len() as u64);
    let riff = u32::try_from(riff).map_err(|_| "too large".to_string())?;
    let mut head = b"RIFF".to_vec();
    head.extend_from_slice(&riff.to_le_bytes());
    head.extend_from_slice(b"sfbk");
    head.extend(chunk(b"LIST", &info));
    head.extend_from_slice(b"LIST");
    head.extend_from_slice(&(sdta as u32).to_le_bytes());
    head.extend_from_slice(b"sdtasmpl");
    head.extend_from_slice(&(smpl as u32).to_le_bytes());
    let mut pieces = vec![Piece::Bytes(head)];
    pieces.extend(samples);
    pieces.push(Piece::Bytes(chunk(b"LIST", pdta)));
    Ok(pieces)
}

/// The General MIDI program of an instrument.
pub(crate) fn gm_program(instrument: Instrument) -> i32 {
    match instrument {
        Instrument::Piano => 0,
        Instrument::Marimba => 12,
        Instrument::Violin => 40,
        Instrument::Cello => 42,
        Instrument::Timpani => 47,
        Instrument::Horn => 60,
        Instrument::Clarinet => 71,
        Instrument::Flute => 73,
    }
}
