"""Where each key of a TOML document is written: key path -> (line, col).

tomllib parses fast but forgets positions, and tomlkit keeps them but is ~10x
slower, so the loader reads data with tomllib and, only when it has a problem
to report, asks this scanner where the offending key is. The scanner is a
tolerant, single pass over the text: it understands headers, dotted and quoted
keys, inline tables, arrays and every string form, which is all that is needed
to point at a key. It never raises on malformed text; it just knows less.

Key paths use ints for array positions: ``("items", 3, "source", "document")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@dataclass
class PositionIndex:
    """Positions (1-based line, col) of keys, table headers and array elements."""

    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: where each key's value starts (for "wrong value" problems)
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: first and last line of each array-of-tables element, nested tables included
    spans: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, value: bool = False) -> tuple[int, int]:
        """The position of ``path`` (its value's, with ``value``), or of its nearest
        written ancestor; (1, 1) if none."""
        if value and path in self.values:
            return self.values[path]
        while path:
            pos = self.positions.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return (1, 1)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.index = PositionIndex()
        #: number of elements seen so far for each array-of-tables path
        self.aot_counts: dict[KeyPath, int] = {}
        self.current_table: KeyPath = ()
        #: array-of-tables elements whose text is still running (nested ones last)
        self.open_aots: list[KeyPath] = []

    # -- low-level helpers -------------------------------------------------
    def col(self) -> int:
        return self.i - self.line_start + 1

    def newline(self) -> None:
        self.line += 1
        self.line_start = self.i

    def skip_ws(self) -> None:
        while self.i < self.n and self.text[self.i] in " \t":
            self.i += 1

    def skip_ws_nl_comments(self) -> None:
        while self.i < self.n:
            c = self.text[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\n":
                self.i += 1
                self.newline()
            elif c == "#":
                self.skip_to_eol()
            else:
                return

    def skip_to_eol(self) -> None:
        j = self.text.find("\n", self.i)
        self.i = self.n if j < 0 else j

    def skip_line(self) -> None:
        self.skip_to_eol()
        if self.i < self.n:
            self.i += 1
            self.newline()

    def read_string(self) -> str:
        """Read any TOML string starting at self.i; tolerant of errors."""
        t = self.text
        q = t[self.i]
        multi = t.startswith(q * 3, self.i)
        if multi:
            self.i += 3
            end_seq = q * 3
            start = self.i
            while self.i < self.n:
                if t.startswith(end_seq, self.i):
                    # up to two extra quotes may belong to the content
                    while t.startswith(q, self.i + 3):
                        self.i += 1
                    s = t[start : self.i]
                    self.i += 3
                    return s
                c = t[self.i]
                if c == "\\" and q == '"':
                    self.i += 2
                    continue
                if c == "\n":
                    self.i += 1
                    self.newline()
                    continue
                self.i += 1
            return t[start:]
        self.i += 1
        out: list[str] = []
        while self.i < self.n:
            c = t[self.i]
            if c == q:
                self.i += 1
                break
            if c == "\n":
                break
            if c == "\\" and q == '"':
                out.append(t[self.i : self.i + 2])
                self.i += 2
                continue
            out.append(c)
            self.i += 1
        raw = "".join(out)
        if q == '"' and "\\" in raw:
            try:
                import json

                return str(json.loads('"' + raw + '"'))
            except ValueError:
                return raw
        return raw

    def read_key(self) -> list[tuple[str, int, int]]:
        """Read a (dotted) key: list of (part, line, col)."""
        parts: list[tuple[str, int, int]] = []
        while self.i < self.n:
            self.skip_ws()
            if self.i >= self.n:
                break
            line, col = self.line, self.col()
            c = self.text[self.i]
            if c in "\"'":
                parts.append((self.read_string(), line, col))
            else:
                j = self.i
                while j < self.n and self.text[j] in _BARE:
                    j += 1
                if j == self.i:
                    break
                parts.append((self.text[self.i : j], line, col))
                self.i = j
            self.skip_ws()
            if self.i < self.n and self.text[self.i] == ".":
                self.i += 1
                continue
            break
        return parts

    # -- structure -----------------------------------------------------------
    def resolve(self, keys: list[str]) -> KeyPath:
        """Turn a header's dotted key into a path with array-of-tables indexes."""
        path: KeyPath = ()
        for k in keys:
            path = path + (k,)
            count = self.aot_counts.get(path)
            if count is not None:
                path = path + (count - 1,)
        return path

    def record(self, path: KeyPath, line: int, col: int) -> None:
        self.index.positions.setdefault(path, (line, col))

    def close_aots(self, keep: KeyPath = ()) -> None:
        """End the open elements that ``keep`` (a new header's path) is not inside."""
        while self.open_aots and self.open_aots[-1] != keep[: len(self.open_aots[-1])]:
            path = self.open_aots.pop()
            start = self.index.spans[path][0]
            self.index.spans[path] = (start, max(start, self.line - 1))

    def header(self) -> None:
        line, col = self.line, self.col()
        aot = self.text.startswith("[[", self.i)
        self.i += 2 if aot else 1
        parts = self.read_key()
        keys = [p[0] for p in parts]
        self.skip_ws()
        self.i += 2 if aot else 1
        if not keys:
            self.skip_line()
            return
        base = self.resolve(keys[:-1]) if len(keys) > 1 else ()
        path = base + (keys[-1],)
        self.close_aots(path)
        if aot:
            n = self.aot_counts.get(path, 0)
            self.aot_counts[path] = n + 1
            self.record(path, line, col)
            path = path + (n,)
            self.open_aots.append(path)
            self.index.spans[path] = (line, line)
        self.record(path, line, col)
        self.current_table = path
        self.skip_line()

    def value(self, path: KeyPath) -> None:
        """Skip one value, recording positions inside inline tables and arrays."""
        self.skip_ws()
        if self.i >= self.n:
            return
        self.index.values.setdefault(path, (self.line, self.col()))
        c = self.text[self.i]
        if c in "\"'":
            self.read_string()
        elif c == "[":
            self.i += 1
            k = 0
            while self.i < self.n:
                self.skip_ws_nl_comments()
                if self.i >= self.n:
                    return
                if self.text[self.i] == "]":
                    self.i += 1
                    return
                if self.text[self.i] == ",":
                    self.i += 1
                    continue
                self.record(path + (k,), self.line, self.col())
                before = self.i
                self.value(path + (k,))
                k += 1
                if self.i == before:  # malformed: make progress
                    self.i += 1
        elif c == "{":
            self.i += 1
            while self.i < self.n:
                self.skip_ws()
                if self.i >= self.n or self.text[self.i] == "\n":
                    return
                if self.text[self.i] == "}":
                    self.i += 1
                    return
                if self.text[self.i] == ",":
                    self.i += 1
                    continue
                parts = self.read_key()
                if not parts:
                    self.i += 1
                    continue
                sub = path + tuple(p[0] for p in parts)
                self.record(sub, parts[-1][1], parts[-1][2])
                self.skip_ws()
                if self.i < self.n and self.text[self.i] == "=":
                    self.i += 1
                self.value(sub)
        else:
            while self.i < self.n and self.text[self.i] not in ",]}\n#":
                self.i += 1

    def keyval(self) -> None:
        parts = self.read_key()
        if not parts:
            self.skip_line()
            return
        path = self.current_table + tuple(p[0] for p in parts)
        self.record(path, parts[-1][1], parts[-1][2])
        self.skip_ws()
        if self.i < self.n and self.text[self.i] == "=":
            self.i += 1
            self.value(path)
        self.skip_line()

    def run(self) -> PositionIndex:
        while self.i < self.n:
            self.skip_ws_nl_comments()
            if self.i >= self.n:
                break
            if self.text[self.i] == "[":
                self.header()
            else:
                self.keyval()
        if not self.text.endswith("\n"):
            self.line += 1
        self.close_aots()
        return self.index


def index_positions(text: str) -> PositionIndex:
    """Scan ``text`` once and return where every key, header and element is written."""
    return _Scanner(text).run()
