#!/usr/bin/env python3
"""Writes tests/data/tiny-gm.sf2: the smallest General MIDI SoundFont the tests need.

One looped sample (a bright tone of four harmonics, exactly 440 Hz: 100 frames a period at
44,000 Hz, root key A4) serves one instrument, and eight presets (bank 0) point to it at the
General MIDI programs of Tutti's instruments: piano 0, marimba 12, violin 40, cello 42, timpani 47,
horn 60, clarinet 71, flute 73. A few kilobytes, so CI needs no FluidR3.

    python3 scripts/make-test-soundfont.py [OUT.sf2]
"""

import math
import struct
import sys

RATE = 44_000
PERIOD = 100  # frames: 440 Hz
PROGRAMS = [(0, "Piano"), (12, "Marimba"), (40, "Violin"), (42, "Cello"), (47, "Timpani"),
            (60, "Horn"), (71, "Clarinet"), (73, "Flute")]

# Generator numbers (SoundFont 2.04, section 8.1.2).
GEN_RELEASE_VOL_ENV = 38
GEN_INSTRUMENT = 41
GEN_SAMPLE_MODES = 54
GEN_SAMPLE_ID = 53


def chunk(tag, data):
    pad = b"\0" if len(data) % 2 else b""
    return tag + struct.pack("<I", len(data)) + data + pad


def name20(text):
    return text.encode("ascii")[:19].ljust(20, b"\0")


def sample_data():
    """Twenty periods of the tone, then the 46 zero frames the format asks for."""
    frames = []
    for i in range(PERIOD * 20):
        x = 2 * math.pi * i / PERIOD
        v = sum(math.sin(k * x) / k for k in range(1, 5)) * 0.5
        frames.append(int(round(v * 20_000)))
    frames += [0] * 46
    return struct.pack(f"<{len(frames)}h", *frames), PERIOD * 20


def gen(oper, amount):
    return struct.pack("<Hh", oper, amount)


def pdta(end):
    phdr = b"".join(
        name20(name) + struct.pack("<HHHIII", program, 0, i, 0, 0, 0)
        for i, (program, name) in enumerate(PROGRAMS))
    phdr += name20("EOP") + struct.pack("<HHHIII", 0, 0, len(PROGRAMS), 0, 0, 0)
    pbag = b"".join(struct.pack("<HH", i, 0) for i in range(len(PROGRAMS) + 1))
    pmod = b"\0" * 10
    pgen = b"".join(gen(GEN_INSTRUMENT, 0) for _ in PROGRAMS) + gen(0, 0)
    inst = name20("Tone") + struct.pack("<H", 0) + name20("EOI") + struct.pack("<H", 1)
    ibag = struct.pack("<HH", 0, 0) + struct.pack("<HH", 3, 0)
    imod = b"\0" * 10
    # A quarter-second release (timecents: 1200 × log2(0.25) = -2400); loop continuously.
    igen = gen(GEN_RELEASE_VOL_ENV, -2400) + gen(GEN_SAMPLE_MODES, 1) + gen(GEN_SAMPLE_ID, 0)
    igen += gen(0, 0)
    shdr = name20("Tone") + struct.pack("<IIIIIBbHH", 0, end, PERIOD, end - PERIOD, RATE, 69, 0,
                                        0, 1)
    shdr += name20("EOS") + struct.pack("<IIIIIBbHH", 0, 0, 0, 0, 0, 0, 0, 0, 0)
    parts = [(b"phdr", phdr), (b"pbag", pbag), (b"pmod", pmod), (b"pgen", pgen), (b"inst", inst),
             (b"ibag", ibag), (b"imod", imod), (b"igen", igen), (b"shdr", shdr)]
    return b"pdta" + b"".join(chunk(tag, data) for tag, data in parts)


def soundfont():
    info = b"INFO" + chunk(b"ifil", struct.pack("<HH", 2, 1)) + chunk(b"isng", b"EMU8000\0")
    info += chunk(b"INAM", b"Tutti test tone\0")
    smpl, end = sample_data()
    body = b"sfbk" + chunk(b"LIST", info) + chunk(b"LIST", b"sdta" + chunk(b"smpl", smpl))
    body += chunk(b"LIST", pdta(end))
    return chunk(b"RIFF", body)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/tiny-gm.sf2"
    with open(out, "wb") as f:
        f.write(soundfont())
