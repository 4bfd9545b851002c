#!/usr/bin/env python3
"""Writes tests/data/layered-gm.sf2: a small General MIDI SoundFont laid out like a real one, for
testing that Tutti keeps only what a scenario's notes need and that it sounds the same.

Each of Tutti's eight programs (piano 0, marimba 12, violin 40, cello 42, timpani 47, horn 60,
clarinet 71, flute 73) has its own instrument with a low and a high zone (split at middle C, each
its own looped sample of different harmonics) and a soft zone (velocities 0-63, which the game
never plays) with a sample of its own. Around them, as in FluidR3: presets the game never asks
for (programs 1-3 on bank 0, a drum kit on bank 128) with their own instruments and samples, laid
between the used ones in the sample data; global zones in presets and instruments (and one
instrument without); a preset that splits the keyboard between two instruments, one shared with
another preset; a preset zone the game's keys never reach; a stereo pair of linked samples; a
zone that moves its sample's start and loop with offsets; modulators (which rustysynth ignores).
About 60 KB.

    python3 scripts/make-layered-soundfont.py [OUT.sf2]
"""

import math
import struct
import sys

RATE = 44_100
PERIOD = 100  # frames a loop period
FRAMES = 600  # frames a sample

GEN_START_OFFSET = 0
GEN_START_LOOP_OFFSET = 2
GEN_PAN = 17
GEN_RELEASE_VOL_ENV = 38
GEN_INSTRUMENT = 41
GEN_KEY_RANGE = 43
GEN_VEL_RANGE = 44
GEN_ATTENUATION = 48
GEN_SAMPLE_ID = 53
GEN_SAMPLE_MODES = 54

PROGRAMS = [(0, "Piano"), (12, "Marimba"), (40, "Violin"), (42, "Cello"), (47, "Timpani"),
            (60, "Horn"), (71, "Clarinet"), (73, "Flute")]


def chunk(tag, data):
    pad = b"\0" if len(data) % 2 else b""
    return tag + struct.pack("<I", len(data)) + data + pad


def name20(text):
    return text.encode("ascii")[:19].ljust(20, b"\0")


def gen(oper, amount):
    return struct.pack("<Hh", oper, amount)


def keys(lo, hi):
    return struct.pack("<HBB", GEN_KEY_RANGE, lo, hi)


def vels(lo, hi):
    return struct.pack("<HBB", GEN_VEL_RANGE, lo, hi)


class Font:
    def __init__(self):
        self.smpl = []  # 16-bit frames
        self.shdr = []  # (name, start, end, loop start, loop end, root, link, type)
        self.inst = []  # (name, [zone generator bytes, ...])
        self.presets = []  # (name, program, bank, [zone generator bytes, ...])

    def sample(self, name, seed, root):
        """A looped tone whose harmonics depend on `seed`, then the 46 zero frames."""
        start = len(self.smpl)
        weights = [1.0, 0.3 + 0.1 * (seed % 5), 0.2 * (seed % 3), 0.05 * (seed % 7)]
        for i in range(FRAMES):
            x = 2 * math.pi * i / PERIOD
            v = sum(w * math.sin((k + 1) * x) for k, w in enumerate(weights)) / sum(weights)
            self.smpl.append(int(round(v * 0.6 * (1 - 0.3 * i / FRAMES) * 32_767)))
        self.smpl += [0] * 46
        end = start + FRAMES
        self.shdr.append([name, start, end, end - 4 * PERIOD, end, root, 0, 1])
        return len(self.shdr) - 1

    def instrument(self, name, zones):
        self.inst.append((name, zones))
        return len(self.inst) - 1

    def preset(self, name, program, bank, zones):
        self.presets.append((name, program, bank, zones))

    def bytes(self):
        smpl = struct.pack(f"<{len(self.smpl)}h", *self.smpl)
        return chunk(b"RIFF", b"sfbk" + info() + chunk(b"LIST", b"sdta" + chunk(b"smpl", smpl))
                     + chunk(b"LIST", self.pdta()))

    def pdta(self):
        pbag, pgen, phdr = lists(self.presets, lambda p: p[3], lambda p, bag: name20(p[0])
                                 + struct.pack("<HHHIII", p[1], p[2], bag, 0, 0, 0))
        phdr += name20("EOP") + struct.pack("<HHHIII", 0, 0, len(pbag) // 4 - 1, 0, 0, 0)
        ibag, igen, inst = lists(self.inst, lambda i: i[1], lambda i, bag: name20(i[0])
                                 + struct.pack("<H", bag))
        inst += name20("EOI") + struct.pack("<H", len(ibag) // 4 - 1)
        shdr = b"".join(name20(n) + struct.pack("<IIIIIBbHH", s, e, ls, le, RATE, root, 0, link, t)
                        for n, s, e, ls, le, root, link, t in self.shdr)
        shdr += name20("EOS") + bytes(26)
        # One modulator in each list (velocity to attenuation), ignored by rustysynth.
        mod = struct.pack("<HHhHH", 0x0502, 48, 960, 0, 0)
        pmod = imod = mod + bytes(10)
        parts = [(b"phdr", phdr), (b"pbag", pbag), (b"pmod", pmod), (b"pgen", pgen),
                 (b"inst", inst), (b"ibag", ibag), (b"imod", imod), (b"igen", igen),
                 (b"shdr", shdr)]
        return b"pdta" + b"".join(chunk(tag, data) for tag, data in parts)


def lists(items, zones_of, header):
    """The bag and generator lists of presets or instruments, and their headers (the first zone
    has the list's one modulator)."""
    bags, gens, headers = b"", b"", b""
    count = 0
    for item in items:
        headers += header(item, len(bags) // 4)
        for zone in zones_of(item):
            bags += struct.pack("<HH", count, 0 if not bags else 1)
            gens += zone
            count += len(zone) // 4
    bags += struct.pack("<HH", count, 1)
    return bags, gens + gen(0, 0), headers


def info():
    data = chunk(b"ifil", struct.pack("<HH", 2, 1)) + chunk(b"isng", b"EMU8000\0")
    return chunk(b"LIST", b"INFO" + data + chunk(b"INAM", b"Tutti layered tests\0"))


def unused(font, n):
    """A preset the game never asks for, with its own instrument and sample."""
    s = font.sample(f"Unused {n}", 40 + n, 60)
    i = font.instrument(f"Unused {n}", [gen(GEN_SAMPLE_MODES, 1) + gen(GEN_SAMPLE_ID, s)])
    font.preset(f"Unused {n}", n, 0, [gen(GEN_INSTRUMENT, i)])


def program_instrument(font, n, program):
    """The instrument of one program: global zone (but the flute's), low, high and soft zones."""
    low = font.sample(f"P{program} low", n * 3, 48)
    high = font.sample(f"P{program} high", n * 3 + 1, 72)
    soft = font.sample(f"P{program} soft", n * 3 + 2, 60)
    loop = gen(GEN_SAMPLE_MODES, 1)
    zones = [] if program == 73 else [gen(GEN_RELEASE_VOL_ENV, -2400 + 150 * n)]
    zones.append(keys(0, 59) + loop + gen(GEN_SAMPLE_ID, low))
    high_zone = keys(60, 127) + loop
    if program == 60:  # the horn's high zone starts 7 frames in, its loop 100 frames earlier
        high_zone += gen(GEN_START_OFFSET, 7) + gen(GEN_START_LOOP_OFFSET, -PERIOD)
    zones.append(high_zone + gen(GEN_SAMPLE_ID, high))
    if program == 40:  # the violin's high zone is a stereo pair
        left = font.sample("P40 high left", 99, 72)
        font.shdr[high][6:8] = [left, 2]
        font.shdr[left][6:8] = [high, 4]
        zones[-1] = keys(60, 127) + gen(GEN_PAN, 500) + loop + gen(GEN_SAMPLE_ID, high)
        zones.append(keys(60, 127) + gen(GEN_PAN, -500) + loop + gen(GEN_SAMPLE_ID, left))
    zones.append(keys(0, 127) + vels(0, 63) + loop + gen(GEN_SAMPLE_ID, soft))
    return font.instrument(f"Inst {program}", zones)


def layered():
    font = Font()
    unused(font, 1)
    instruments = {}
    for n, (program, _) in enumerate(PROGRAMS):
        if n == 3:
            unused(font, 2)
        instruments[program] = program_instrument(font, n, program)
    timpani_high = font.sample("Timpani high", 77, 96)
    timpani_high = font.instrument("Timpani high", [gen(GEN_SAMPLE_MODES, 1)
                                                    + gen(GEN_SAMPLE_ID, timpani_high)])
    unused(font, 3)
    for program, name in PROGRAMS:
        zone = gen(GEN_INSTRUMENT, instruments[program])
        if program == 0:
            zones = [gen(GEN_ATTENUATION, 30), zone]
        elif program == 42:  # the cello's top octaves are the marimba's instrument
            zones = [keys(0, 71) + zone, keys(72, 127) + gen(GEN_INSTRUMENT, instruments[12])]
        elif program == 47:  # a zone no key the game plays reaches
            zones = [keys(0, 99) + zone, keys(120, 127) + gen(GEN_INSTRUMENT, timpani_high)]
        else:
            zones = [zone]
        font.preset(name, program, 0, zones)
    drum = font.sample("Drum", 55, 38)
    drum = font.instrument("Drum", [gen(GEN_SAMPLE_ID, drum)])
    font.preset("Standard", 0, 128, [gen(GEN_INSTRUMENT, drum)])
    return font.bytes()


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/layered-gm.sf2"
    with open(out, "wb") as f:
        f.write(layered())
