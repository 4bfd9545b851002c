#!/usr/bin/env python3
"""Lists functions longer than a limit (default 60 lines) in the given Rust folders.

    scripts/long-functions.py [--limit N] [DIR...]    (default: src)

Counts from the `fn` line to its closing brace at the same indentation, tests included.
Exits 1 when any is found, so it can guard a review.
"""
import re
import sys
from pathlib import Path


def long_functions(path: Path, limit: int):
    lines = path.read_text(encoding="utf-8").split("\n")
    fn = re.compile(r"^(\s*)(pub(\([a-z]+\))? )?(const )?(async )?fn (\w+)")
    for i, line in enumerate(lines):
        m = fn.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j] == indent + "}":
                if j - i + 1 > limit:
                    yield m.group(6), i + 1, j - i + 1
                break


def main(argv):
    limit = 60
    if argv[:1] == ["--limit"]:
        limit, argv = int(argv[1]), argv[2:]
    dirs = argv or ["src"]
    found = 0
    for d in dirs:
        for path in sorted(Path(d).rglob("*.rs")):
            for name, line, length in long_functions(path, limit):
                print(f"{path}:{line}: {name} is {length} lines")
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
