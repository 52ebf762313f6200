"""Edit the text of one table element (an ``[[items]]`` element or an inline ``{…}``).

Each operation touches the fewest bytes that express it: a changed value is replaced
in place in the quote style it had (a literal ``'…'`` string stays literal); a new key
gets its own line after its natural neighbour (``progress`` after ``status``), with the
element's indentation, ``=`` spacing and newline (CRLF stays CRLF); a new history entry
goes after the element's last line and before any comment that introduces what follows
(the mistake of tomlkit #295). Every operation returns the operation that undoes it,
byte for byte. Nothing here decides whether an edit is right: the caller verifies the
result by parsing it (:mod:`roadmap_tui.core.textedit`).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from roadmap_tui.core.errors import UpdateError
from roadmap_tui.core.tomllex import LexError, Pair, Section, Value, lex_sections, lex_value

#: a value the editor can write; lists and tables only come back from undo (as raw text)
TomlValue = str | int | float | bool | _dt.date | list[Any] | dict[str, Any]
Entry = Mapping[str, TomlValue]

#: where a new key goes: after the last key written before it in this order
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "items": (
        "id", "title", "title_en", "track", "kind", "date", "start", "end", "status",
        "progress", "owner", "depends_on", "tags", "notes", "source", "actual_start",
        "actual_end",
    ),
    "kpis": (
        "id", "title", "title_en", "unit", "notes", "source", "baseline", "target", "related",
    ),
}  # fmt: skip


class EditError(UpdateError):
    """The element's text has a shape this editor does not handle (the caller falls back)."""


@dataclass(frozen=True, slots=True)
class SetKey:
    """Set ``key`` to ``value``; ``raw`` is the exact text to write (undo uses it);
    with ``only_if_absent`` an existing value is kept."""

    key: str
    value: TomlValue
    raw: str | None = None
    only_if_absent: bool = False


@dataclass(frozen=True, slots=True)
class DeleteKey:
    """Remove ``key`` (and its line)."""

    key: str


@dataclass(frozen=True, slots=True)
class AppendEntry:
    """Append ``entry`` to the array of tables ``sub`` (``history``, ``actuals``)."""

    sub: str
    entry: Entry = field(hash=False)


@dataclass(frozen=True, slots=True)
class RemoveLastEntry:
    """Remove the last entry of ``sub`` (undoing an :class:`AppendEntry`)."""

    sub: str


Op = SetKey | DeleteKey | AppendEntry | RemoveLastEntry

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def render_string(text: str, *, literal: bool = False) -> str:
    """``text`` as a one-line TOML string; literal (``'…'``) when asked and possible."""
    if literal and "'" not in text and not any(ord(c) < 32 or ord(c) == 127 for c in text):
        return f"'{text}'"
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def render_value(value: TomlValue, *, like: str | None = None) -> str:
    """``value`` as TOML text; ``like`` is the kind of the value it replaces (keeps literals)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return render_string(value, literal=like in ("literal", "ml-literal"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise EditError(f"cannot write a {type(value).__name__} value")


def render_key(key: str) -> str:
    """``key`` bare when it can be, quoted otherwise."""
    if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        return key
    return render_string(key)


def render_inline(entry: Entry, *, spaced: bool = True) -> str:
    """``entry`` as an inline table: ``{ date = 2026-11-22, status = "done" }``."""
    body = ", ".join(f"{render_key(k)} = {render_value(v)}" for k, v in entry.items())
    return f"{{ {body} }}" if spaced else f"{{{body}}}"


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


class RegionEditor:
    """Applies operations to the text of one element, one at a time.

    ``inline``: the text is one inline table ``{…}``; otherwise it starts with the
    element's ``[[table]]`` header and holds its sub-tables.
    """

    def __init__(
        self, text: str, table: str, *, inline: bool, newline: str, at_file_end: bool = False
    ) -> None:
        self.text = text
        self.table = table
        self.inline = inline
        self.newline = newline
        #: whether this element's text runs to the end of the file
        self.at_file_end = at_file_end

    # -- reading the current shape ---------------------------------------------
    def _sections(self) -> list[Section]:
        try:
            sections = lex_sections(self.text)
        except LexError as exc:
            raise EditError(f"cannot read the element: {exc}") from None
        if len(sections) < 2 or sections[0].keyvals or sections[1].key != (self.table,):
            raise EditError("the element does not start with its header")
        return sections

    def _inline_table(self) -> Value:
        try:
            node = lex_value(self.text, 0)
        except LexError as exc:
            raise EditError(f"cannot read the element: {exc}") from None
        if node.kind != "table" or node.end != len(self.text):
            raise EditError("the element is not one inline table")
        return node

    def _pairs(self) -> list[Pair]:
        return self._inline_table().pairs if self.inline else self._sections()[1].keyvals

    def _find(self, key: str) -> Pair | None:
        found = None
        for pair in self._pairs():
            if pair.key == (key,):
                found = pair
            elif pair.key[0] == key:
                raise EditError(f"'{key}' is written as a table here")
        if not self.inline and any(s.key[:2] == (self.table, key) for s in self._sections()[2:]):
            if found is None:
                return None
            raise EditError(f"'{key}' is written as a table here")
        return found

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    # -- operations ------------------------------------------------------------
    def apply(self, op: Op) -> Op | None:
        """Apply ``op``; returns the operation that undoes it (None if nothing changed)."""
        if isinstance(op, SetKey):
            return self._set(op)
        if isinstance(op, DeleteKey):
            return self._delete(op.key)
        if isinstance(op, AppendEntry):
            return self._append(op.sub, op.entry)
        return self._remove_last(op.sub)

    def _set(self, op: SetKey) -> Op | None:
        pair = self._find(op.key)
        if pair is not None:
            if op.only_if_absent:
                return None
            old = self.text[pair.value.start : pair.value.end]
            new = op.raw if op.raw is not None else render_value(op.value, like=pair.value.kind)
            self._splice(pair.value.start, pair.value.end, new)
            return SetKey(op.key, op.value, raw=old)
        rendered = op.raw if op.raw is not None else render_value(op.value)
        self._insert_key(op.key, rendered)
        return DeleteKey(op.key)

    def _anchor(self, pairs: list[Pair], key: str) -> Pair | None:
        order = KEY_ORDER.get(self.table, ())
        if key in order and pairs:
            rank = order.index(key)
            best: Pair | None = None
            best_rank = -1
            for pair in pairs:
                other = order.index(pair.key[0]) if pair.key[0] in order else -1
                if other < rank and other >= best_rank:
                    best, best_rank = pair, other
            if best is not None:
                return best
        return pairs[-1] if pairs else None

    def _insert_key(self, key: str, rendered: str) -> None:
        pairs = self._pairs()
        anchor = self._anchor(pairs, key)
        if self.inline:
            node = self._inline_table()
            if anchor is None:
                self._splice(node.start + 1, node.start + 1, f" {render_key(key)} = {rendered} ")
            else:
                self._splice(
                    anchor.value.end, anchor.value.end, f", {render_key(key)} = {rendered}"
                )
            return
        if anchor is None or anchor.line is None:
            header = self._sections()[1]
            indent, sep, at = "", " = ", header.body
            line_has_newline = self.text[:at].endswith("\n")
        else:
            indent = self.text[anchor.line.start : anchor.key_start]
            sep = " = " if " " in self.text[anchor.key_end : anchor.value.start] else "="
            at, line_has_newline = anchor.line.end, anchor.line.newline != ""
        line = f"{indent}{render_key(key)}{sep}{rendered}"
        self._splice(at, at, line + self.newline if line_has_newline else self.newline + line)

    def _delete(self, key: str) -> Op | None:
        pair = self._find(key)
        if pair is None:
            return None
        old = self.text[pair.value.start : pair.value.end]
        undo = SetKey(key, "", raw=old)  # the value is checked by parsing, not by this op
        if self.inline:
            pairs = self._inline_table().pairs
            index = next(i for i, p in enumerate(pairs) if p.key == (key,))
            pair = pairs[index]
            if index > 0:
                self._splice(pairs[index - 1].value.end, pair.value.end, "")
            elif len(pairs) > 1:
                self._splice(pair.key_start, pairs[1].key_start, "")
            else:
                self._splice(pair.key_start, pair.value.end, "")
            return undo
        assert pair.line is not None
        start, end = pair.line.start, pair.line.end
        if pair.line.newline == "" and start > 0:
            # the last line of a file without a final newline: keep that property
            start -= 2 if self.text[:start].endswith("\r\n") else 1
        self._splice(start, end, "")
        return undo

    # -- entries of an array of tables ---------------------------------------------
    def _sub_sections(self, sub: str) -> list[Section]:
        return [s for s in self._sections()[2:] if s.key == (self.table, sub)]

    def _append(self, sub: str, entry: Entry) -> Op:
        pair = self._find(sub)
        if pair is not None:
            if pair.value.kind != "array":
                raise EditError(f"'{sub}' is not an array")
            self._append_to_array(pair.value, entry)
            return RemoveLastEntry(sub)
        if self.inline:
            self._insert_key(sub, f"[{render_inline(entry)}]")
            return DeleteKey(sub)
        self._append_table(sub, entry)
        return RemoveLastEntry(sub)

    def _append_to_array(self, array: Value, entry: Entry) -> None:
        text = self.text
        if not array.items:
            self._splice(array.start + 1, array.start + 1, render_inline(entry))
            return
        last = array.items[-1]
        spaced = not (last.kind == "table" and text[last.start + 1 : last.start + 2] not in " }")
        rendered = render_inline(entry, spaced=spaced)
        between = text[last.end : array.end - 1]
        if "\n" not in between:
            self._splice(last.end, last.end, f", {rendered}")
            return
        line = _line_start(text, last.start)
        indent = text[line : last.start] if not text[line : last.start].strip() else ""
        newline_at = text.index("\n", last.end) + 1
        if between.lstrip(" \t").startswith(","):
            # trailing comma style: the new element gets its own line, with a comma too
            self._splice(newline_at, newline_at, f"{indent}{rendered},{self.newline}")
        else:
            self._splice(last.end, last.end, f",{self.newline}{indent}{rendered}")

    def _entry_lines(self, sub: str, entry: Entry, subs: list[Section]) -> list[str]:
        model = subs[-1] if subs and subs[-1].keyvals else self._sections()[1]
        indent, sep = "", " = "
        if model.keyvals and model.keyvals[0].line is not None:
            first = model.keyvals[0]
            assert first.line is not None
            indent = self.text[first.line.start : first.key_start]
            sep = " = " if " " in self.text[first.key_end : first.value.start] else "="
        like = subs[-1] if subs else self._sections()[1]
        header_indent = self.text[like.start : self.text.index("[", like.start)]
        bracket = subs[-1].bracket if subs else f"[[{self.table}.{render_key(sub)}]]"
        lines = [header_indent + bracket]
        lines += [f"{indent}{render_key(k)}{sep}{render_value(v)}" for k, v in entry.items()]
        return lines

    def _append_table(self, sub: str, entry: Entry) -> None:
        sections = self._sections()
        subs = self._sub_sections(sub)
        at = self._append_point(sections)
        blank = True
        if subs:
            before = self.text[: subs[-1].start]
            previous = before[_line_start(before, len(before) - 1) :] if before else ""
            blank = _is_blank(previous)
        lines = self._entry_lines(sub, entry, subs)
        nl = self.newline
        if at > 0 and not self.text[:at].endswith("\n"):
            block = nl + (nl if blank else "") + nl.join(lines)
        else:
            block = (nl if blank else "") + nl.join(lines) + nl
        self._splice(at, at, block)

    def _append_point(self, sections: list[Section]) -> int:
        """After the element's last line and the comments glued to it (no blank line between).

        Comments after a blank line introduce what follows and stay below the new entry;
        without any blank line before the next header they belong to that header.
        """
        text = self.text
        at = sections[-1].content_end
        trailing = text[at:].splitlines(keepends=True)
        glued = 0
        for line in trailing:
            if _is_blank(line):
                return at + glued
            glued += len(line)
        return at + glued if at + glued == len(text) and self.at_file_end else at

    def _remove_last(self, sub: str) -> Op:
        pair = self._find(sub)
        if pair is not None:
            items = pair.value.items
            if pair.value.kind != "array" or not items:
                raise EditError(f"'{sub}' has no entry to remove")
            start = items[-2].end if len(items) > 1 else items[-1].start
            self._splice(start, items[-1].end, "")
            return AppendEntry(sub, {})
        subs = self._sub_sections(sub) if not self.inline else []
        if not subs:
            raise EditError(f"'{sub}' has no entry to remove")
        last = subs[-1]
        start = last.start
        before = self.text[:start]
        if before:
            previous_start = _line_start(before, len(before) - 1)
            if _is_blank(before[previous_start:]):
                start = previous_start
        end = last.content_end
        if end == len(self.text) and not self.text.endswith("\n") and start > 0:
            # the entry was the end of a file without a final newline: keep that property
            start -= 2 if self.text[:start].endswith("\r\n") else 1
        self._splice(start, end, "")
        return AppendEntry(sub, {})
