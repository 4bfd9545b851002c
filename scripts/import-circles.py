#!/usr/bin/env python3
"""Finds import circles in the crate's `src/`: between files and between folders.

    scripts/import-circles.py [SRC]    (default: src)

What counts as an import of file A by file B (an arrow B -> A):
- a `use crate::…`, `use super::…`, `use self::…` or `use child::…` naming an item of A;
- a path written in the code: `crate::a::b::f()`, `super::x::Y`, `child::f()`, or a path that
  starts with a name a `use` brought in (`use super::defaults as d; d::tempo()`);
- a `pub use` re-export of one of A's items (but see the parent and its children below).
A path is followed to the file that defines the item: `crate::sim::Sim`, which `sim/mod.rs`
re-exports from `sim/engine.rs`, is an arrow to `sim/engine.rs`. Tests inside a file
(`mod tests`) are part of that file. Comments and texts are not read. `src/main.rs`, a crate of
its own, is left out.

The parent and its children. Declaring `mod child;` is not an import, and neither is a module
re-exporting its own children's items (`pub use child::Item` in `sim/mod.rs`): that is the
module's public face, how Rust lays a folder out. Every other arrow counts, a parent's `mod.rs`
using its children's items included (calling `child::plugin`, naming `child::Type`). So a
`mod.rs` and a child make a circle exactly when the `mod.rs` uses the child's items beyond
declaring and re-exporting them, and the child uses items the `mod.rs` itself defines: the
`mod.rs` then is both above its children (it assembles them) and below them (they build on it).
Items the children share belong in a file of their own.

Folders. A folder's `mod.rs` is the folder's own file. An arrow between two files is also an
arrow between the two things, under the folder that holds both, that hold each of them: for
`src/game/stage/notes.rs -> src/screens/play.rs` that is `src/game -> src/screens`, for
`src/game/stage/notes.rs -> src/game/catalog.rs` it is `src/game/stage -> src/game/catalog.rs`.
A folder circle is a circle of such arrows with at least one folder in it.

Prints each circle (its files or folders, and the lines that make each arrow) and exits 1 when
there is any.
"""
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

# What the scanner blanks: comments, texts and characters (a lone quote is a lifetime).
LEXEME = re.compile(
    r"""
      (?P<line>//[^\n]*)
    | (?P<block>/\*)
    | (?P<raw>b?r(?P<hashes>\#*)".*?"(?P=hashes))
    | (?P<text>b?"(?:\\.|[^"\\])*")
    | (?P<char>b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'\n])')
    | [A-Za-z_]\w*
    """,
    re.X | re.S,
)
USE = re.compile(r"(?m)^[ \t]*(?:#\[[^\]]*\][ \t]*)*(pub(?:\s*\([^)]*\))?\s+)?use\s+([^;]+);")
INLINE_MOD = re.compile(r"\bmod\s+(\w+)\s*\{")
ITEM = re.compile(r"\b(?:fn|struct|enum|trait|type|const|static|union|mod)\s+(\w+)|macro_rules!\s*(\w+)")
PATH = re.compile(r"(?<![\w:])((?:r#)?\w+(?:\s*::\s*(?:r#)?\w+)+)")


def blank_out(text: str) -> str:
    """`text` with comments, texts and characters blanked, newlines and offsets kept."""
    out = list(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    i = 0
    while (m := LEXEME.search(text, i)) is not None:
        if m.group("block"):
            end = block_comment_end(text, m.start())
            blank(m.start(), end)
        else:
            end = m.end()
            if m.group("line"):
                blank(m.start(), end)
            elif m.group("raw") or m.group("text") or m.group("char"):
                blank(m.start() + 1, end - 1)
        i = max(end, m.start() + 1)
    return "".join(out)


def block_comment_end(text: str, i: int) -> int:
    """The end of the `/* */` comment at `i`, nested ones included."""
    depth = 0
    while i < len(text):
        if text.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    return i


def split_top(s: str):
    """`s` split at its commas outside braces."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def use_leaves(tree: str, prefix=()):
    """The leaves of a use tree: (path segments, the name bound, or '*' for a glob)."""
    tree = re.sub(r"\s*(::|\{|\}|,)\s*", r"\1", re.sub(r"\s+", " ", tree)).strip()
    tree = tree.removeprefix("::")
    brace = tree.find("{")
    if brace >= 0 and tree.endswith("}"):
        head = tuple(s for s in tree[:brace].split("::") if s)
        for part in split_top(tree[brace + 1 : -1]):
            yield from use_leaves(part, prefix + head)
        return
    alias = None
    if m := re.match(r"(.*) as (\w+)$", tree):
        tree, alias = m.group(1), m.group(2)
    segs = prefix + tuple(s.removeprefix("r#") for s in tree.split("::") if s)
    if segs and segs[-1] == "*":
        yield segs[:-1], "*"
    elif segs and segs[-1] == "self":
        yield segs[:-1], alias or (segs[-2] if len(segs) > 1 else None)
    elif segs:
        yield segs, alias or segs[-1]


def braces_close(code: str, start: int) -> int:
    """The offset of the brace that closes the one at `start`."""
    depth = 0
    for j in range(start, len(code)):
        depth += {"{": 1, "}": -1}.get(code[j], 0)
        if depth == 0:
            return j
    return len(code)


class Crate:
    """The crate's modules, what each defines and binds, and the arrows between its files."""

    def __init__(self, src: Path):
        self.src = src
        self.modules = {}  # module path (a tuple) -> its file
        self.file_module = {}  # file -> its module path
        self.lines = {}  # file -> its lines as written
        self.code = {}  # file -> its text with comments and texts blanked
        self.inline = defaultdict(list)  # file -> [(open brace, close brace, name)]
        self.defined = defaultdict(set)  # module path -> names of its items
        self.bindings = defaultdict(dict)  # module path -> name a `use` binds -> crate path
        self.globs = defaultdict(list)  # module path -> crate paths of its `use …::*`
        self.uses = defaultdict(list)  # file -> [(start, end, crate path, scope, public)]
        self.edges = defaultdict(list)  # (file, file) -> [(line number, line)]
        for path in sorted(src.rglob("*.rs")):
            if path.relative_to(src) != Path("main.rs"):
                self._load(path)
        for path in list(self.file_module):
            self._inline_modules(path)
        for path in list(self.file_module):
            self._items(path)
            self._uses(path)

    def _load(self, path: Path):
        """Reads one file and places it in the module tree."""
        parts = list(path.relative_to(self.src).with_suffix("").parts)
        if parts[-1] in ("mod", "lib"):
            parts.pop()
        self.modules[tuple(parts)] = path
        self.file_module[path] = tuple(parts)
        text = path.read_text(encoding="utf-8")
        self.lines[path] = text.split("\n")
        self.code[path] = blank_out(text)

    def _inline_modules(self, path: Path):
        """The file's `mod name { … }` blocks, as modules of the same file."""
        code = self.code[path]
        for m in INLINE_MOD.finditer(code):
            start = m.end() - 1
            self.inline[path].append((start, braces_close(code, start), m.group(1)))
        for start, _, _ in self.inline[path]:
            self.modules.setdefault(self.scope_at(path, start + 1), path)

    def _items(self, path: Path):
        """The names each module of the file defines at its top level."""
        for m in ITEM.finditer(self.code[path]):
            if self._depth(path, m.start()) == 0:
                self.defined[self.scope_at(path, m.start())].add(m.group(1) or m.group(2))

    def _uses(self, path: Path):
        """The file's `use` declarations: what each binds, and where each leads."""
        for m in USE.finditer(self.code[path]):
            scope = self.scope_at(path, m.start())
            for segs, name in use_leaves(m.group(2)):
                target = self.crate_path(segs, scope, path, in_use=True)
                if target is None:
                    continue
                if name == "*":
                    self.globs[scope].append(target)
                elif name != "_":
                    self.bindings[scope][name] = target
                self.uses[path].append((m.start(), m.end(), target, scope, bool(m.group(1))))

    def scope_at(self, path: Path, offset: int):
        """The module at `offset` of `path`, inline modules included."""
        module = list(self.file_module[path])
        for start, end, name in self.inline[path]:
            if start < offset <= end:
                module.append(name)
        return tuple(module)

    def _depth(self, path: Path, offset: int) -> int:
        """How deep in braces `offset` lies, counted from its module's top level."""
        begin = 0
        for start, end, _ in self.inline[path]:
            if start < offset <= end:
                begin = start + 1
        part = self.code[path][begin:offset]
        return part.count("{") - part.count("}")

    def children(self, scope):
        """The names of `scope`'s child modules."""
        n = len(scope)
        return {m[-1] for m in self.modules if len(m) == n + 1 and m[:n] == scope}

    def crate_path(self, segs, scope, path, in_use):
        """`segs`, written in `scope` of `path`, as a path from the crate's root; None for a
        path outside the crate (another crate, a local name)."""
        segs = [s.removeprefix("r#") for s in segs]
        head = segs[0]
        if head == "crate":
            return tuple(segs[1:])
        if head in ("super", "self"):
            base = list(scope)
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super":
                    if not base:
                        return None
                    base.pop()
                segs = segs[1:]
            return tuple(base) + tuple(segs)
        if head in self.children(scope):
            return tuple(scope) + tuple(segs)
        if in_use:
            return None
        # A name a `use` of this module, or of one around it in the same file, brought in.
        s = tuple(scope)
        while True:
            if (bound := self.bindings[s].get(head)) is not None:
                return tuple(bound) + tuple(segs[1:])
            if s == self.file_module[path]:
                return None
            s = s[:-1]

    def resolve(self, segs, hops=0) -> Path:
        """The file that defines what the crate path `segs` names, re-exports followed."""
        module, i = (), 0
        while i < len(segs) and module + (segs[i],) in self.modules:
            module += (segs[i],)
            i += 1
        if i == len(segs) or hops > 12 or segs[i] in self.defined[module]:
            return self.modules[module]
        name, rest = segs[i], tuple(segs[i + 1 :])
        bound = self.bindings[module].get(name)
        if bound is not None and tuple(bound) + rest != tuple(segs):
            return self.resolve(tuple(bound) + rest, hops + 1)
        for glob in map(tuple, self.globs[module]):
            if glob in self.modules and (name in self.defined[glob] or name in self.bindings[glob]):
                return self.resolve(glob + (name,) + rest, hops + 1)
        return self.modules[module]

    def find_arrows(self):
        """Fills `edges` with every arrow that counts between two files."""
        for path in self.file_module:
            spans = []
            for start, end, target, scope, public in self.uses[path]:
                spans.append((start, end))
                file = self.resolve(target)
                if not (public and self._below(file, scope)):
                    self._add(path, file, start)
            for m in PATH.finditer(self.code[path]):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                segs = [s.strip() for s in m.group(1).split("::")]
                if not segs[0][0].islower():
                    continue  # a type's or a variant's path: its `use` is counted
                scope = self.scope_at(path, m.start())
                target = self.crate_path(segs, scope, path, in_use=False)
                if target is not None:
                    self._add(path, self.resolve(target), m.start())

    def _below(self, file: Path, scope) -> bool:
        """True when `file` is a module inside `scope`: a re-export of its own child."""
        module = self.file_module[file]
        return len(module) > len(scope) and module[: len(scope)] == tuple(scope)

    def _add(self, path: Path, target: Path, offset: int):
        if target == path:
            return
        line = self.code[path].count("\n", 0, offset) + 1
        entry = (path, line, self.lines[path][line - 1].strip())
        if entry not in self.edges[(path, target)]:
            self.edges[(path, target)].append(entry)


def circles(edges):
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    nodes = sorted({n for e in edges for n in e}, key=str)
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v], key=str):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
                on.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group, key=str))

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return found


def folder_edges(file_edges):
    """The arrows between the folders (and files) under the folder that holds both ends."""
    out = defaultdict(list)
    for (a, b), lines in file_edges.items():
        common = Path(os.path.commonpath([a.parent, b.parent]))
        ua = common / a.relative_to(common).parts[0]
        ub = common / b.relative_to(common).parts[0]
        if ua != ub:
            out[(ua, ub)].extend(lines)
    return out


def show(kind, group, edges, top: Path):
    """Prints one circle: its members and the lines of each arrow between them."""
    name = lambda p: p.relative_to(top)  # noqa: E731
    print(f"circle between {kind}: " + ", ".join(str(name(p)) for p in group))
    members = set(group)
    for (a, b), lines in sorted(edges.items(), key=lambda e: (str(e[0][0]), str(e[0][1]))):
        if a in members and b in members:
            print(f"  {name(a)} -> {name(b)}")
            for file, line, text in lines[:4]:
                print(f"    {name(file)}:{line}: {text}")
            if len(lines) > 4:
                print(f"    … and {len(lines) - 4} more")


def main(argv):
    src = Path(argv[0] if argv else "src").resolve()
    crate = Crate(src)
    crate.find_arrows()
    found = 0
    for group in circles(crate.edges):
        show("files", group, crate.edges, src.parent)
        found += 1
    by_folder = folder_edges(crate.edges)
    for group in circles(by_folder):
        if any(p.is_dir() for p in group):
            show("folders", group, by_folder, src.parent)
            found += 1
    if found:
        print(f"{found} circle(s); the rules are at the top of {sys.argv[0]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
