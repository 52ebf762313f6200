"""An exact TOML lexer that records where every key and value starts and ends.

The write path edits text, not a parsed document, so it needs what no parser gives:
the span of each value (to replace it in place, keeping its quote style), of each
key/value line (to insert a neighbour after it), of each inline table and array
element. tomllib forgets positions and tomlkit is far too slow (8 s for 10,000
items), so this small lexer is written here. It is exact for TOML 1.0 (every string
form, multi-line arrays with comments, nested inline tables) and strict: anything
it does not understand raises :class:`LexError`, and every edit it guides is
verified by parsing with tomllib anyway.

Runs of simple lines are skipped with one regex (:data:`_RUN`) when only the table
headers are wanted, so lexing a whole 10,000-item file takes a few tens of ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = re.compile(r"[ \t]*")
_WSC = re.compile(r"(?:[ \t]|\r?\n|#[^\n]*)*")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""?)?')
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*'''(?:''?)?")
_LITERAL = re.compile(r"'[^'\n]*'")
_SCALAR = re.compile(r"[0-9A-Za-z+\-_.:]+(?: [0-9]{2}:[0-9A-Za-z+\-_.:]*)?")
_KEY_TEXT = (
    r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
    r'(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'))*'
)
_KEY = re.compile(_KEY_TEXT)
_KEY_PART = re.compile(r'[ \t]*([A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')[ \t]*(\.)?')
_LINE_TAIL = re.compile(r"[ \t]*(?:#[^\n]*)?(\r?\n|\Z)")

_SV0 = r'(?:"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[0-9A-Za-z+\-_.:]+(?: [0-9]{2}:[0-9A-Za-z+\-_.:]*)?)'
_SARRAY = rf"\[[ \t]*(?:{_SV0}[ \t]*(?:,[ \t]*{_SV0}[ \t]*)*,?[ \t]*)?\]"
_SPAIR = rf"{_KEY_TEXT}[ \t]*=[ \t]*(?:{_SV0}|{_SARRAY})[ \t]*"
_STABLE = rf"\{{[ \t]*(?:{_SPAIR}(?:,[ \t]*{_SPAIR})*)?\}}"
#: any number of blank, comment and one-line key/value lines (never a header: a key
#: cannot start with "["); multi-line values stop the run and are lexed in Python
_RUN = re.compile(
    rf"(?:[ \t]*(?:{_KEY_TEXT}[ \t]*=[ \t]*(?:{_SV0}|{_SARRAY}|{_STABLE})[ \t]*)?"
    r"(?:#[^\n]*)?\r?\n)*"
)

STRING_KINDS = ("basic", "literal", "ml-basic", "ml-literal")


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def unescape(body: str) -> str:
    """The text of a one-line basic string's body (its escapes resolved)."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        if code:
            return chr(int(code, 16))
        char = _SIMPLE_ESCAPES.get(match.group(3))
        if char is None:
            raise ValueError(f"invalid escape \\{match.group(3)}")
        return char

    return _ESCAPE.sub(one, body) if "\\" in body else body


def parse_key(raw: str) -> tuple[str, ...]:
    """The parts of a (dotted, quoted) TOML key: ``a."b.c".'d'`` -> ``("a", "b.c", "d")``."""
    parts: list[str] = []
    pos = 0
    while pos < len(raw):
        match = _KEY_PART.match(raw, pos)
        if match is None:
            raise ValueError(f"not a key: {raw!r}")
        part = match.group(1)
        if part.startswith('"'):
            part = unescape(part[1:-1])
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
        pos = match.end()
        if match.group(2) is None:
            break
    if raw[pos:].strip():
        raise ValueError(f"not a key: {raw!r}")
    return tuple(parts)


class LexError(ValueError):
    """Text this lexer does not understand (the caller falls back or refuses)."""


@dataclass(slots=True)
class Value:
    """A value's span; arrays list their elements, inline tables their pairs."""

    start: int
    end: int
    kind: str  # basic, literal, ml-basic, ml-literal, scalar, array, table
    items: list[Value] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)


@dataclass(slots=True)
class Pair:
    """``key = value`` inside an inline table, or on its own line (then ``line`` is set)."""

    key: tuple[str, ...]
    key_start: int
    key_end: int
    value: Value
    line: Line | None = None


@dataclass(slots=True)
class Line:
    """The line a key/value pair stands on: its start, its end (after the newline) and newline."""

    start: int
    end: int
    newline: str


@dataclass(slots=True)
class Section:
    """A table: its header line (none for the root) and the key/value lines under it."""

    key: tuple[str, ...]
    aot: bool
    start: int
    body: int
    end: int
    bracket: str = ""
    keyvals: list[Pair] = field(default_factory=list)
    #: end of the last line holding a key/value or the header (blank lines and comments after
    #: it are not counted)
    content_end: int = 0


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)

    def fail(self, pos: int, what: str) -> LexError:
        line = self.text.count("\n", 0, pos) + 1
        return LexError(f"line {line}: {what}")

    def ws(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return match.end() if match else pos

    def wsc(self, pos: int) -> int:
        match = _WSC.match(self.text, pos)
        return match.end() if match else pos

    def key(self, pos: int) -> tuple[tuple[str, ...], int]:
        match = _KEY.match(self.text, pos)
        if match is None:
            raise self.fail(pos, "expected a key")
        return parse_key(match.group(0)), match.end()

    def value(self, pos: int) -> Value:
        text = self.text
        if pos >= self.n:
            raise self.fail(pos, "expected a value")
        c = text[pos]
        if c == '"':
            ml = text.startswith('"""', pos)
            match = (_ML_BASIC if ml else _BASIC).match(text, pos)
            kind = "ml-basic" if ml else "basic"
        elif c == "'":
            ml = text.startswith("'''", pos)
            match = (_ML_LITERAL if ml else _LITERAL).match(text, pos)
            kind = "ml-literal" if ml else "literal"
        elif c == "[":
            return self.array(pos)
        elif c == "{":
            return self.inline(pos)
        else:
            match = _SCALAR.match(text, pos)
            kind = "scalar"
        if match is None:
            raise self.fail(pos, "expected a value")
        return Value(pos, match.end(), kind)

    def array(self, pos: int) -> Value:
        node = Value(pos, pos, "array")
        i = self.wsc(pos + 1)
        while True:
            if i >= self.n:
                raise self.fail(pos, "unterminated array")
            if self.text[i] == "]":
                node.end = i + 1
                return node
            element = self.value(i)
            node.items.append(element)
            i = self.wsc(element.end)
            if i < self.n and self.text[i] == ",":
                i = self.wsc(i + 1)
            elif i < self.n and self.text[i] != "]":
                raise self.fail(i, "expected ',' or ']'")

    def inline(self, pos: int) -> Value:
        node = Value(pos, pos, "table")
        i = self.ws(pos + 1)
        if i < self.n and self.text[i] == "}":
            node.end = i + 1
            return node
        while True:
            key, key_end = self.key(i)
            j = self.ws(key_end)
            if j >= self.n or self.text[j] != "=":
                raise self.fail(j, "expected '='")
            value = self.value(self.ws(j + 1))
            node.pairs.append(Pair(key, i, key_end, value))
            i = self.ws(value.end)
            if i < self.n and self.text[i] == ",":
                i = self.ws(i + 1)
            elif i < self.n and self.text[i] == "}":
                node.end = i + 1
                return node
            else:
                raise self.fail(i, "expected ',' or '}'")

    def line_tail(self, pos: int) -> Line:
        match = _LINE_TAIL.match(self.text, pos)
        if match is None:
            raise self.fail(pos, "expected the end of the line")
        return Line(0, match.end(), match.group(1))

    def sections(self, start: int, *, detail: bool) -> list[Section]:
        text, n = self.text, self.n
        current = Section((), False, start, start, n, content_end=start)
        out = [current]
        pos = start
        while pos < n:
            if not detail:
                run = _RUN.match(text, pos)
                if run is not None and run.end() > pos:
                    pos = run.end()
                    continue
            line_start = pos
            i = self.ws(pos)
            c = text[i] if i < n else "\n"
            if c in "\r\n#":
                pos = self.line_tail(i).end
                continue
            if c == "[":
                aot = text.startswith("[[", i)
                key, key_end = self.key(self.ws(i + (2 if aot else 1)))
                j = self.ws(key_end)
                close = "]]" if aot else "]"
                if not text.startswith(close, j):
                    raise self.fail(j, f"expected '{close}'")
                tail = self.line_tail(j + len(close))
                current.end = line_start
                current = Section(
                    key, aot, line_start, tail.end, n, text[i : j + len(close)], [], tail.end
                )
                out.append(current)
                pos = tail.end
                continue
            key, key_end = self.key(i)
            j = self.ws(key_end)
            if j >= n or text[j] != "=":
                raise self.fail(j, "expected '='")
            value = self.value(self.ws(j + 1))
            tail = self.line_tail(value.end)
            tail.start = line_start
            if detail:
                current.keyvals.append(Pair(key, i, key_end, value, tail))
            current.content_end = pos = tail.end
        return out


def lex_sections(text: str, start: int = 0, *, detail: bool = True) -> list[Section]:
    """The sections of ``text`` from ``start`` (the first is the root, possibly empty).

    With ``detail`` every key/value line is recorded; without, only the headers (fast).
    """
    return _Lexer(text).sections(start, detail=detail)


def lex_value(text: str, start: int) -> Value:
    """The value starting at ``start`` (e.g. an inline table, to find its pairs)."""
    return _Lexer(text).value(start)
