#!/usr/bin/env python3
"""Prints the strategy table of docs/rounds.md: means over 20 seeds (`--seed 1 --runs 20 --json`) of each
strategy on both seats of levels 4, 6 and 0.
    python3 scripts/strategy-table.py [path/to/tutti]"""
import json
import subprocess
import sys

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/tutti"
LEVELS = [
    ("04", "levels/04-the-call-nobody-makes.en.ron", ("service", "it")),
    ("06", "levels/06-full-orchestra.en.ron", ("service", "legal")),
    ("00", "levels/00-mandag-i-kundeservice.da.ron", ("it", "service")),
]
STRATEGIES = ["colleague", "silent", "own", "attentive", "masher"]

print("| level (seats) | strategy | audience | lowest | unanswered | lost | walk-outs | strays | double work | chances taken |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, path, seats in LEVELS:
    for i, strategy in enumerate(STRATEGIES):
        args = [BIN, "simulate", path, "--seed", "1", "--runs", "20", "--json"]
        for s in seats:
            args += ["--seat", f"{s}={strategy}"]
        runs = [json.loads(l) for l in subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()]
        n = len(runs)
        mean = lambda f: sum(f(r) for r in runs) / n
        chances = mean(lambda r: sum(d["chances"] for d in r["departments"]))
        taken = mean(lambda r: sum(d["chances_taken"] for d in r["departments"]))
        label = f"`{name}` ({', '.join(seats)})" if i == 0 else ""
        print(
            f"| {label} | `{strategy}` | {mean(lambda r: r['audience_final']):.1f} | {mean(lambda r: r['audience_min']):.1f} "
            f"| {mean(lambda r: r['solved_but_unanswered']):.2f} | {mean(lambda r: r['lost']):.2f} "
            f"| {sum(r['walked_out'] for r in runs)} | {mean(lambda r: r['strays']):.1f} "
            f"| {mean(lambda r: r['double_work']):.2f} | {taken:.1f} / {chances:.1f} |"
        )
