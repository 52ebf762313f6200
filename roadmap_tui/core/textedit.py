"""Change one element of a roadmap file by editing its text, and prove the change.

The element (an ``[[items]]`` or ``[[kpis]]`` element, or an inline ``{…}`` in an
``items = [...]`` array) is found without parsing the file (:mod:`tomlscan`), its text
is edited (:mod:`regionedit`) and the result is accepted only when parsing shows
exactly the intended change.

Why checking the element's own text is enough (the *region* proof). The file ``T``
is valid TOML (the loader said so, and the fingerprint shows it is those bytes). Its
element ``k`` is the text ``R = T[a:b]``: from its ``[[items]]`` header up to the next
header that is not one of its sub-tables (``[[items.history]]``, ``[items.source]``),
and no header for an ``items`` sub-table follows before the next ``[[items]]``. Both
ends are line starts outside any value (:mod:`tomlscan` proves the headers real).
TOML is a sequence of lines; a header resets the table keys go to, and ``[[items]]``
starts a new element that nothing before it can reach. So the data of element ``k`` is
exactly ``tomllib.loads(R)["items"][0]``, and nothing in ``R`` affects anything else.
The new text ``R'`` is accepted only if ``tomllib.loads(R')`` is ``{"items": [E']}``
with ``E'`` the intended element, and ``R'`` ends with a newline (so the next header
stays at a line start). Then ``T[:a] + R' + T[b:]`` parses to the old data with
element ``k`` replaced by ``E'`` — nothing else, without parsing the 1.4 MB around it.

When a layout defeats the proof (a stray sub-table after another table, an inline
``items`` array, a file the fast scan cannot vouch for), the whole file is parsed
before and after instead. If the text editor cannot express the change, tomlkit is
tried, verified the same way and rejected if it touched lines it should not have;
otherwise the change is refused. Unverified text is never returned.
"""

from __future__ import annotations

import bisect
import copy
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from roadmap_tui.core.errors import UpdateError
from roadmap_tui.core.regionedit import (
    AppendEntry,
    DeleteKey,
    EditError,
    Entry,
    Op,
    RegionEditor,
    SetKey,
    TomlValue,
)
from roadmap_tui.core.tomllex import LexError, lex_sections
from roadmap_tui.core.tomlscan import (
    Ambiguous,
    FastScan,
    Header,
    exact_headers,
    id_lines,
)

BOM = b"\xef\xbb\xbf"
Element = dict[str, Any]
#: decides the operations from the element as it is now (may raise to refuse)
Plan = Callable[[Element], Sequence[Op]]


class ElementNotFound(UpdateError):
    """No element with that id in the file."""


class _Unverified(Exception):
    """The edited text did not parse to exactly the intended data."""


@dataclass(frozen=True, slots=True)
class Edit:
    """A verified edit: the new file bytes, the element before and after, how to undo it."""

    data: bytes
    before: Element
    after: Element
    undo: tuple[Op, ...]
    method: str  # "region" (the element's text proved it), "file" (whole file parsed), "tomlkit"


@dataclass(frozen=True, slots=True)
class _Located:
    start: int
    end: int
    inline: bool
    sound: bool  # the region proof holds; otherwise the whole file is parsed to verify
    index: int | None = None  # the element's position in the array, when known


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UpdateError(f"the file is not valid UTF-8 (byte {exc.start})") from None


def parse_document(data: bytes) -> dict[str, Any]:
    """The whole file parsed (a leading BOM allowed); UpdateError if it is not valid TOML."""
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        return tomllib.loads(_text(body))
    except tomllib.TOMLDecodeError as exc:
        raise UpdateError(f"the file is not valid TOML ({exc})") from None


def _region_end(headers: Iterator[Header], table: str, size: int) -> tuple[int, bool]:
    """Where the element whose sub-tables ``headers`` start with ends; whether it is contiguous."""
    end: int | None = None
    for header in headers:
        if end is None:
            if header.within(table):
                continue
            end = header.start
        if header.key == (table,):
            return end, True
        if header.key[0] == table:
            return end, False  # e.g. [items.extra] after a [[kpis]]: still the same element
    return (size if end is None else end), True


def _locate_fast(data: bytes, table: str, element_id: str, floor: int) -> _Located | None:
    scan = FastScan(data, floor)
    found: list[Header] = []
    for line in scan.id_lines(element_id):
        header = scan.header_before(line)
        if header is not None and header.key == (table,) and header.aot:
            found.append(header)
    if len(found) != 1:
        return None
    end, sound = _region_end(scan.headers_from(found[0].end), table, len(data))
    return _Located(found[0].start, end, False, sound)


def _locate_exact(
    data: bytes, table: str, element_id: str, headers: list[Header]
) -> _Located | None:
    starts = [h.start for h in headers]
    found: list[int] = []
    for line in id_lines(data, element_id):
        i = bisect.bisect_right(starts, line) - 1
        if i >= 0 and headers[i].key == (table,) and headers[i].aot:
            found.append(i)
    if len(found) != 1:
        return None
    i = found[0]
    end, sound = _region_end(iter(headers[i + 1 :]), table, len(data))
    return _Located(headers[i].start, end, False, sound)


def _locate_by_parsing(
    data: bytes, table: str, element_id: str, headers: list[Header] | None, floor: int
) -> _Located | None:
    document = parse_document(data)
    elements = document.get(table)
    matches = (
        [i for i, e in enumerate(elements) if isinstance(e, dict) and e.get("id") == element_id]
        if isinstance(elements, list)
        else []
    )
    if not matches:
        raise ElementNotFound(f"no {table} element with id '{element_id}'")
    if len(matches) > 1:
        raise UpdateError(f"id '{element_id}' appears {len(matches)} times in the file")
    k = matches[0]
    if headers is None:
        return None
    assert isinstance(elements, list)
    own = [(i, h) for i, h in enumerate(headers) if h.key == (table,) and h.aot]
    if own:
        if len(own) != len(elements):
            return None
        i, header = own[k]
        end, _ = _region_end(iter(headers[i + 1 :]), table, len(data))
        return _Located(header.start, end, False, False, k)
    return _locate_inline(data, table, k, headers, floor)


def _locate_inline(
    data: bytes, table: str, k: int, headers: list[Header], floor: int
) -> _Located | None:
    """Element ``k`` of a root ``table = [{…}, …]`` array: the byte span of its ``{…}``."""
    root_end = headers[0].start if headers else len(data)
    text = _text(data[floor:root_end])
    try:
        root = lex_sections(text)[0]
    except LexError:
        return None
    pair = next((p for p in root.keyvals if p.key == (table,)), None)
    if pair is None or pair.value.kind != "array" or k >= len(pair.value.items):
        return None
    node = pair.value.items[k]
    if node.kind != "table":
        return None
    start = floor + len(text[: node.start].encode("utf-8"))
    end = start + len(text[node.start : node.end].encode("utf-8"))
    return _Located(start, end, True, False, k)


def _parse_region(text: str, table: str, inline: bool) -> Element:
    try:
        if inline:
            if "\n" in text:
                raise _Unverified
            elements = tomllib.loads("v = [" + text + "]")["v"]
            document: dict[str, Any] = {table: elements}
        else:
            document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise _Unverified from None
    elements = document.get(table)
    if set(document) != {table} or not isinstance(elements, list) or len(elements) != 1:
        raise _Unverified
    element = elements[0]
    if not isinstance(element, dict):
        raise _Unverified
    return element


def expected_after(element: Element, op: Op) -> Element:
    """What ``op`` should make of ``element`` (the data the edited text must parse to)."""
    out = dict(element)
    if isinstance(op, SetKey):
        if not (op.only_if_absent and op.key in out):
            out[op.key] = op.value
    elif isinstance(op, DeleteKey):
        out.pop(op.key, None)
    elif isinstance(op, AppendEntry):
        out[op.sub] = [*out.get(op.sub, []), dict(op.entry)]
    else:
        out[op.sub] = list(out.get(op.sub, []))[:-1]
    return out


def _same(a: Element, b: Element) -> bool:
    # Removing the last [[items.history]] table removes the key; from an inline array, []
    # stays. Both mean "no entries".
    return {k: v for k, v in a.items() if v != []} == {k: v for k, v in b.items() if v != []}


def _complete_undo(undo: Op | None, state: Element) -> Op | None:
    """Fill in the values the region editor cannot know (it sees text, not data)."""
    if isinstance(undo, SetKey) and undo.key in state:
        return SetKey(undo.key, state[undo.key], raw=undo.raw)
    if isinstance(undo, AppendEntry) and state.get(undo.sub):
        return AppendEntry(undo.sub, state[undo.sub][-1])
    return undo


def _newline(data: bytes, at: int) -> str:
    end = data.find(b"\n", at)
    if end < 0:
        end = data.find(b"\n")
    return "\r\n" if end > 0 and data[end - 1 : end] == b"\r" else "\n"


def _element_in(document: dict[str, Any], table: str, element_id: str) -> int:
    elements = document.get(table)
    index = (
        [i for i, e in enumerate(elements) if isinstance(e, dict) and e.get("id") == element_id]
        if isinstance(elements, list)
        else []
    )
    if len(index) != 1:
        raise _Unverified
    return index[0]


def _edit_region(data: bytes, located: _Located, table: str, element_id: str, plan: Plan) -> Edit:
    region = _text(data[located.start : located.end])
    before = _parse_region(region, table, located.inline)
    if before.get("id") != element_id:
        raise _Unverified
    document: dict[str, Any] | None = None
    if not located.sound:
        # The region may not hold all of the element (a stray [items.x] further down):
        # plan and verify against the whole file.
        document = parse_document(data)
        before = document[table][_element_in(document, table, element_id)]
    editor = RegionEditor(
        region,
        table,
        inline=located.inline,
        newline=_newline(data, located.start),
        at_file_end=located.end == len(data),
    )
    state = copy.deepcopy(before)
    undo: list[Op] = []
    for op in plan(copy.deepcopy(before)):
        reverse = _complete_undo(editor.apply(op), state)
        state = expected_after(state, op)
        if reverse is not None:
            undo.append(reverse)
    new_region = editor.text
    if not located.inline and located.end < len(data) and not new_region.endswith("\n"):
        raise _Unverified
    after = _parse_region(new_region, table, located.inline)
    new_data = data[: located.start] + new_region.encode("utf-8") + data[located.end :]
    if document is None:
        if not _same(after, state):
            raise _Unverified
        return Edit(new_data, before, after, tuple(reversed(undo)), "region")
    after = _verify_file(document, new_data, table, element_id, state)
    return Edit(new_data, before, after, tuple(reversed(undo)), "file")


def _verify_file(
    expected: dict[str, Any], new: bytes, table: str, element_id: str, state: Element
) -> Element:
    """The whole new file parses to the old data with only the element changed to ``state``."""
    expected = copy.deepcopy(expected)
    try:
        actual = parse_document(new)
    except UpdateError:
        raise _Unverified from None
    index = _element_in(expected, table, element_id)
    new_elements = actual.get(table)
    if not isinstance(new_elements, list) or len(new_elements) != len(expected[table]):
        raise _Unverified
    after: Element = new_elements[index]
    if not _same(after, state):
        raise _Unverified
    expected[table][index] = after
    if expected != actual:
        raise _Unverified
    return after


def _candidates(data: bytes, table: str, element_id: str, floor: int) -> Iterator[_Located]:
    """Where the element may be, cheapest way first; the edit checks the id each time."""
    headers: list[Header] | None = None
    try:
        fast = _locate_fast(data, table, element_id, floor)
    except Ambiguous:
        fast = None
    if fast is not None:
        yield fast
    headers = exact_headers(data, floor)
    if headers is not None:
        exact = _locate_exact(data, table, element_id, headers)
        if exact is not None:
            yield exact
    parsed = _locate_by_parsing(data, table, element_id, headers, floor)
    if parsed is not None:
        yield parsed


def edit_element(
    data: bytes, table: str, element_id: str, plan: Plan | Sequence[Op], *, valid: bool = False
) -> Edit:
    """Apply ``plan`` to the element of ``table`` whose ``id`` is ``element_id``.

    ``data`` is the whole file (a leading BOM is kept). ``valid``: the caller knows the
    file is valid TOML (a clean load with the same fingerprint); otherwise it is parsed
    first. ``plan`` is a list of operations or a function that gets the element's data
    and returns them (it may raise :class:`~roadmap_tui.core.errors.UpdateError` to
    refuse, e.g. on a conflict). Raises ElementNotFound, or UpdateError when the
    change cannot be made safely; the returned bytes are always verified.
    """
    if callable(plan):
        planner: Plan = plan
    else:
        ops = tuple(plan)

        def planner(_element: Element) -> Sequence[Op]:
            return ops

    if not valid:
        parse_document(data)
    floor = len(BOM) if data.startswith(BOM) else 0
    for located in _candidates(data, table, element_id, floor):
        try:
            return _edit_region(data, located, table, element_id, planner)
        except (_Unverified, EditError):
            continue
    from roadmap_tui.core.tomlkitedit import edit_with_tomlkit

    return edit_with_tomlkit(data, table, element_id, planner)


def _edit_text(text: str, table: str, element_id: str, ops: Sequence[Op]) -> str:
    return edit_element(text.encode("utf-8"), table, element_id, ops).data.decode("utf-8")


def set_value(text: str, table: str, element_id: str, key: str, value: TomlValue) -> str:
    """``text`` with ``key`` of the element set to ``value`` (added if absent), nothing else.

    >>> text = "[[items]]\\nid = 'a'\\nstatus = 'planned'\\n"
    >>> set_value(text, "items", "a", "status", "done")
    "[[items]]\\nid = 'a'\\nstatus = 'done'\\n"
    """
    return _edit_text(text, table, element_id, [SetKey(key, value)])


def delete_key(text: str, table: str, element_id: str, key: str) -> str:
    """``text`` without ``key`` of the element (its line removed), nothing else changed."""
    return _edit_text(text, table, element_id, [DeleteKey(key)])


def append_subtable(text: str, table: str, element_id: str, sub: str, entry: Entry) -> str:
    """``text`` with ``entry`` appended to the element's array of tables ``sub``.

    Written as a new ``[[table.sub]]`` table after the element's last line, or inside an
    existing inline ``sub = [...]`` array.
    """
    return _edit_text(text, table, element_id, [AppendEntry(sub, entry)])
