"""Find the table headers of a TOML file fast, without parsing it, and prove them real.

The write path must change one item of a 10,000-item file in a few milliseconds,
while tomllib needs ~300 ms (and tomlkit ~8 s) to parse such a file. It only needs
to know where the item's ``[[items]]`` element starts and ends, so this module finds
header lines with a byte regex and keeps only those that are certainly headers.

Why a header-looking line is a real header (the file being valid TOML, which the
loader established): a line can only be *inside* a value if that value spans lines,
which in TOML 1.0 means a multi-line string or a multi-line array (inline tables
are one line). A file without ``\"\"\"`` and ``'''`` has no multi-line strings. Inside
an array, a line starting with ``[`` starts an element, and ``[[items]]`` or
``[kpis]`` is not a valid value (a bare word is not a value), so it cannot be an
element. Hence a header-looking line whose bracket text is *not* a valid TOML value
is a real header. Every real header matches the regex (it follows the ABNF of
``std-table`` / ``array-table``). When a file has multi-line strings or a header
text that could be a value (``["x"]``, ``[2026]``), :func:`exact_headers` lexes the
whole file instead (slower, still exact) or gives up (``None``) so the caller can
fall back.
"""

from __future__ import annotations

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


def has_multiline_strings(data: bytes) -> bool:
    """Whether the text may hold a multi-line string (then only :func:`exact_headers` is exact)."""
    return b'"""' in data or b"'''" in data


class Ambiguous(Exception):
    """A header-looking line that may be inside a value: the fast scan cannot be trusted."""


def header_at(data: bytes, pos: int) -> Header | None:
    """The header on the line starting at ``pos``, if that line is one.

    Raises :class:`Ambiguous` for a line that looks like a header but could be an array
    element (only possible in unusual files; the caller then lexes the whole file).
    """
    match = _HEADER_AT.match(data, pos)
    if match is None:
        return None
    header = _header(data, match, pos, vouch=False)
    if header is None:
        raise Ambiguous(pos)
    return header


def headers_from(data: bytes, pos: int) -> Iterator[Header]:
    """The headers of lines starting at or after ``pos`` (a line start), in order.

    Needs a file without multi-line strings; raises :class:`Ambiguous` like :func:`header_at`.
    """
    if pos == 0:
        first = header_at(data, 0)
        if first is not None:
            yield first
    for match in _HEADER_AFTER_NL.finditer(data, max(pos - 1, 0)):
        header = _header(data, match, match.start() + 1, vouch=False)
        if header is None:
            raise Ambiguous(match.start() + 1)
        yield header


def header_before(data: bytes, pos: int, floor: int = 0) -> Header | None:
    """The last header on a line that starts before the line of ``pos``, walking back.

    Cheap when the header is a few lines up, as an item's ``[[items]]`` is above its ``id``.
    """
    cursor = max(data.rfind(b"\n", floor, pos) + 1, floor)
    while cursor > floor:
        line = max(data.rfind(b"\n", floor, cursor - 1) + 1, floor)
        first = line
        while first < cursor and data[first] in b" \t":
            first += 1
        if first < cursor and data[first] == 0x5B:  # "["
            header = header_at(data, line)
            if header is not None:
                return header
        cursor = line
    return None


def id_lines(data: bytes, element_id: str) -> Iterator[int]:
    """Offsets of lines that read ``id = "<element_id>"`` (any quotes, a comment allowed)."""
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
