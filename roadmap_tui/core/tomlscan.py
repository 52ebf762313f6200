"""Find the table headers of a TOML file fast, without parsing it, and prove them real.

The write path must change one item of a 10,000-item file in a few milliseconds,
while tomllib needs ~300 ms (and tomlkit ~8 s) to parse such a file. It only needs
to know where the item's ``[[items]]`` element starts and ends, so this module finds
header lines with a byte regex and keeps only those that are certainly headers.

Why a header-looking line is a real header (the file being valid TOML, which the
loader established): a line can only be *inside* a value if that value spans lines,
which in TOML 1.0 means a multi-line string or a multi-line array (inline tables
are one line). Multi-line strings are found by lexing only the few lines that hold
``\"\"\"`` or ``'''`` (:func:`multiline_strings`); lines inside them are skipped. Inside
an array, a line starting with ``[`` starts an element, and ``[[items]]`` or
``[kpis]`` is not a valid value (a bare word is not a value), so it cannot be an
element. Hence a header-looking line whose bracket text is *not* a valid TOML value
is a real header. Every real header matches the regex (it follows the ABNF of
``std-table`` / ``array-table``). When a header text could be a value (``["x"]``,
``[2026]``) or a multi-line string cannot be read, :func:`exact_headers` lexes the
whole file instead (slower, still exact) or gives up (``None``) so the caller can
fall back.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from roadmap_tui.core.tomllex import LexError, lex_sections, parse_key

_BARE = rb"[A-Za-z0-9_-]+"
_BASIC = rb'"(?:[^"\\\n]|\\.)*"'
_LITERAL = rb"'[^'\n]*'"
_SIMPLE_KEY = rb"(?:" + _BARE + rb"|" + _BASIC + rb"|" + _LITERAL + rb")"
_KEY = _SIMPLE_KEY + rb"(?:[ \t]*\.[ \t]*" + _SIMPLE_KEY + rb")*"
_HEADER_LINE = (
    rb"[ \t]*(?P<open>\[\[?)[ \t]*(?P<key>" + _KEY + rb")[ \t]*(?P<close>\]\]?)"
    rb"[ \t\r]*(?:#[^\n]*)?"
)
# The newline is looked at, not consumed, so that headers on consecutive lines all match.
_HEADER_AT = re.compile(_HEADER_LINE + rb"(?=\n|\Z)")
_HEADER_AFTER_NL = re.compile(rb"\n" + _HEADER_LINE + rb"(?=\n|\Z)")
_ID_PREFIX = re.compile(rb"[ \t]*(?:id|\"id\"|'id')[ \t]*=[ \t]*")
_AFTER_VALUE = re.compile(rb"[ \t\r]*(?:#[^\n]*)?(?:\n|\Z)")


@dataclass(frozen=True, slots=True)
class Header:
    """A table header line: ``[a.b]`` or ``[[a.b]]``, with its byte span in the file."""

    start: int
    end: int
    key: tuple[str, ...]
    aot: bool
    text: bytes

    def within(self, table: str) -> bool:
        """Whether this header opens a sub-table of a ``table`` element (``[[items.history]]``)."""
        return len(self.key) > 1 and self.key[0] == table


@cache
def _key_of(raw: bytes) -> tuple[str, ...] | None:
    try:
        return parse_key(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


@cache
def could_be_value(bracket_text: bytes) -> bool:
    """Whether ``[...]`` could also be read as an array value (then it may not be a header)."""
    try:
        tomllib.loads("v = " + bracket_text.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return True


def _header(data: bytes, match: re.Match[bytes], start: int, *, vouch: bool) -> Header | None:
    """The header a regex match describes; None when it is not certainly a header.

    ``vouch``: the match comes from a full lex of the file, so it is a header for sure.
    """
    opening, closing = match.group("open"), match.group("close")
    key = _key_of(match.group("key"))
    if key is None or len(opening) != len(closing):
        return None
    bracket = data[match.start("open") : match.end("close")]
    if not vouch and could_be_value(bracket):
        return None
    end = data.find(b"\n", match.end("close"))
    return Header(start, len(data) if end < 0 else end + 1, key, len(opening) == 2, bracket)


class Ambiguous(Exception):
    """A header-looking line that may be inside a value: the fast scan cannot be trusted."""


_PREFIX = re.compile(rb'(?:"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[^"\'#\n])*')
_ML_BASIC = re.compile(rb'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""?)?')
_ML_LITERAL = re.compile(rb"'''(?:[^']|'(?!''))*'''(?:''?)?")


def multiline_strings(data: bytes, floor: int = 0) -> list[tuple[int, int]] | None:
    """The byte spans of the file's multi-line strings (None when one cannot be read).

    Only lines holding ``\"\"\"`` or ``'''`` are looked at: such a sequence opens a string
    when what precedes it on its line (from the line start, or from the end of the
    previous multi-line string) is whole one-line strings and other characters — not
    an open string and not a comment. Few files have any; a 10,000-item file is
    searched in well under a millisecond.
    """
    spans: list[tuple[int, int]] = []
    pos = floor
    while True:
        found = [p for p in (data.find(b'"""', pos), data.find(b"'''", pos)) if p >= 0]
        if not found:
            return spans
        at = min(found)
        line_start = max(data.rfind(b"\n", floor, at) + 1, pos, floor)
        if _PREFIX.fullmatch(data, line_start, at) is None:
            pos = at + 3  # inside a comment or a one-line string
            continue
        match = (_ML_BASIC if data[at] == 0x22 else _ML_LITERAL).match(data, at)
        if match is None:
            return None
        spans.append((at, match.end()))
        pos = match.end()


class FastScan:
    """Header and id lookups on one file, skipping what lies inside multi-line strings.

    Raises :class:`Ambiguous` (here or from a lookup) when it cannot vouch for the file;
    the caller then lexes the whole file with :func:`exact_headers`.
    """

    def __init__(self, data: bytes, floor: int = 0) -> None:
        self.data = data
        self.floor = floor
        spans = multiline_strings(data, floor)
        if spans is None:
            raise Ambiguous(floor)
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def in_string(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a multi-line string."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def header_at(self, pos: int) -> Header | None:
        """The header on the line starting at ``pos``, if that line is one."""
        if self.in_string(pos):
            return None
        match = _HEADER_AT.match(self.data, pos)
        if match is None:
            return None
        header = _header(self.data, match, pos, vouch=False)
        if header is None:
            raise Ambiguous(pos)
        return header

    def headers_from(self, pos: int) -> Iterator[Header]:
        """The headers of lines starting at or after ``pos`` (a line start), in order."""
        if pos == self.floor:
            first = self.header_at(pos)
            if first is not None:
                yield first
        for match in _HEADER_AFTER_NL.finditer(self.data, max(pos - 1, self.floor)):
            start = match.start() + 1
            if self.in_string(start):
                continue
            header = _header(self.data, match, start, vouch=False)
            if header is None:
                raise Ambiguous(start)
            yield header

    def header_before(self, pos: int) -> Header | None:
        """The last header on a line before the line of ``pos``, walking back line by line.

        Cheap when the header is a few lines up, as an item's ``[[items]]`` is above its ``id``.
        """
        data, floor = self.data, self.floor
        cursor = max(data.rfind(b"\n", floor, pos) + 1, floor)
        while cursor > floor:
            line = max(data.rfind(b"\n", floor, cursor - 1) + 1, floor)
            first = line
            while first < cursor and data[first] in b" \t":
                first += 1
            if first < cursor and data[first] == 0x5B:  # "["
                header = self.header_at(line)
                if header is not None:
                    return header
            cursor = line
        return None

    def id_lines(self, element_id: str) -> Iterator[int]:
        """Starts of the lines that read ``id = "<element_id>"`` (either quotes, a comment
        allowed), outside multi-line strings."""
        for line in id_lines(self.data, element_id):
            if not self.in_string(line):
                yield line


def id_lines(data: bytes, element_id: str) -> Iterator[int]:
    """Starts of the lines that read ``id = "<element_id>"`` (either quotes, a comment allowed)."""
    raw = element_id.encode("utf-8")
    for quote in (b'"', b"'"):
        if quote == b'"' and (b"\\" in raw or b'"' in raw):
            continue
        needle = quote + raw + quote
        pos = data.find(needle)
        while pos >= 0:
            line_start = data.rfind(b"\n", 0, pos) + 1
            if _ID_PREFIX.fullmatch(data, line_start, pos) and _AFTER_VALUE.match(
                data, pos + len(needle)
            ):
                yield line_start
            pos = data.find(needle, pos + 1)


def exact_headers(data: bytes, start: int = 0) -> list[Header] | None:
    """Every header of the file, by lexing every line and value (None if not understood).

    A few ms for the bundled roadmaps, ~40 ms for 10,000 items; used when the fast scan
    cannot vouch for a file (multi-line strings, header text that could be a value).
    """
    try:
        text = data[start:].decode("utf-8")
        sections = lex_sections(text, detail=False)[1:]
    except (UnicodeDecodeError, LexError):
        return None
    out: list[Header] = []
    char, byte = 0, start
    for section in sections:
        byte += len(text[char : section.start].encode("utf-8"))
        char = section.start
        size = len(text[section.start : section.body].encode("utf-8"))
        out.append(
            Header(byte, byte + size, section.key, section.aot, section.bracket.encode("utf-8"))
        )
    return out
