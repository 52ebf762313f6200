"""Random roadmap layouts, random edits: exactly the intended data, only the intended lines.

Files mix comments, blank lines, CRLF, a BOM, a missing final newline, literal and
basic strings, quoted and dotted keys, indentation, sub-tables, history written as
tables or as inline arrays, arrays of tables interrupted by other tables, a fake item
inside a multi-line string, and items written as inline tables.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from roadmap_tui.core.regionedit import AppendEntry, Op, SetKey
from roadmap_tui.core.textedit import edit_element, expected_after
from roadmap_tui.core.tomlscan import FastScan, exact_headers

STATUSES = ["planned", "in-progress", "done", "blocked", "cancelled"]
NOTES = st.text(max_size=12)  # quotes, backslashes, newlines, 年度 …


@dataclass
class Layout:
    """A generated file: its lines (without newlines), and which lines each item owns."""

    lines: list[str]
    spans: dict[str, tuple[int, int]]  # item id -> first, last line index (inclusive)
    newline: str
    bom: bool
    final_newline: bool
    inline: bool

    def text(self) -> str:
        body = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        return ("\ufeff" if self.bom else "") + body


def _string(draw: st.DrawFn, value: str) -> str:
    return f"'{value}'" if draw(st.booleans()) else f'"{value}"'


_COMMENTS = ("# a comment", "# indented 'comment' = 1", "# the end")


def _filler(draw: st.DrawFn) -> list[str]:
    return draw(st.lists(st.sampled_from(["", _COMMENTS[0], "  " + _COMMENTS[1]]), max_size=2))


@st.composite
def _table_item(draw: st.DrawFn, item_id: str, fake: str | None) -> list[str]:
    indent = draw(st.sampled_from(["", "  "]))
    eq = draw(st.sampled_from([" = ", "=", "   = "]))
    header = draw(st.sampled_from(["[[items]]", "[[ items ]]", "[[items]]  # item"]))
    keys = [
        f"{indent}{draw(st.sampled_from(['id', chr(34) + 'id' + chr(34)]))}{eq}{_string(draw, item_id)}"
    ]
    optional = {
        "title": f"{indent}title{eq}{_string(draw, '年度 ' + item_id)}",
        "status": f"{indent}status{eq}{_string(draw, draw(st.sampled_from(STATUSES)))}",
        "progress": f"{indent}progress{eq}{draw(st.integers(0, 100))}",
        "depends_on": f"{indent}depends_on{eq}[\n{indent}  'x',  # why\n{indent}]",
        "source": f'{indent}source.document{eq}"d"\n{indent}source.section{eq}"s"',
        "notes": (
            f'{indent}notes{eq}"""\n[[items]]\nid = "{fake}"\nstatus = "planned"\n"""'
            if fake
            else f"{indent}notes{eq}'''two\nlines'''"
        ),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        keys.extend(_filler(draw))
        keys.append(optional[key])
    history = draw(st.sampled_from(["none", "tables", "inline", "inline-multi", "empty"]))
    if history == "inline":
        keys.append(f"{indent}history{eq}[{{date = 2026-04-01, status = 'planned'}}]")
    elif history == "inline-multi":
        comma = draw(st.sampled_from([",", ""]))
        keys.append(f"{indent}history{eq}[\n{indent}  {{ date = 2026-04-01 }}{comma}\n{indent}]")
    elif history == "empty":
        keys.append(f"{indent}history{eq}[]")
    lines = [header, *"\n".join(keys).split("\n")]
    if draw(st.booleans()):
        lines += ["", f"{indent}[items.extra]", f"{indent}owner{eq}'課'"]
    if history == "tables":
        for n in range(draw(st.integers(1, 2))):
            lines += [""] * draw(st.integers(0, 1)) + [
                f"{indent}[[items.history]]",
                f"{indent}date{eq}2026-0{n + 1}-01",
            ]
    return lines


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    ids = [f"i{n}" for n in range(draw(st.integers(1, 4)))]
    inline = draw(st.integers(0, 4)) == 0
    lines: list[str] = ["#:schema ../schema.json", "# a roadmap"]
    spans: dict[str, tuple[int, int]] = {}
    if inline:
        lines.append("items = [")
        for item_id in ids:
            status = draw(st.sampled_from(["", ", status = 'planned'", ', status = "done"']))
            hist = draw(
                st.sampled_from(["", ", history = []", ", history = [{date = 2026-04-01}]"])
            )
            spans[item_id] = (len(lines), len(lines))
            lines.append(f'  {{ id = "{item_id}"{status}{hist} }},  # {item_id}')
        lines += ["]", ""]
    lines += ["[roadmap]", 'id = "r"', "title = 'タイトル'"]
    for n, item_id in enumerate(ids):
        if not inline:
            lines += [""] * draw(st.integers(0, 2)) + _filler(draw)
            if n and draw(st.integers(0, 3)) == 0:  # an interrupted array of tables
                lines += ["[[kpis]]", f'id = "k{n}"', ""]
            fake = ids[n - 1] if n and draw(st.integers(0, 3)) == 0 else None
            block = draw(_table_item(item_id, fake))
            spans[item_id] = (len(lines), len(lines) + len(block) - 1)
            lines += block
    lines += draw(st.sampled_from([[], [""], ["", "# the end"]]))
    return Layout(
        lines,
        spans,
        draw(st.sampled_from(["\n", "\r\n"])),
        draw(st.booleans()),
        draw(st.booleans()),
        inline,
    )


@st.composite
def edits(draw: st.DrawFn) -> list[Op]:
    ops: list[Op] = []
    if draw(st.booleans()):
        ops.append(SetKey("status", draw(st.sampled_from(STATUSES))))
    if draw(st.booleans()):
        ops.append(SetKey("progress", draw(st.integers(0, 100))))
    if draw(st.booleans()):
        ops.append(SetKey("actual_end", _dt.date(2026, 11, 22), only_if_absent=True))
    if draw(st.booleans()) or not ops:
        entry: dict[str, Any] = {"date": draw(st.sampled_from([_dt.date(2026, 11, 22), "R8"]))}
        if draw(st.booleans()):
            entry["from"], entry["status"] = "planned", draw(st.sampled_from(STATUSES))
        if draw(st.booleans()):
            entry["note"] = draw(NOTES)
        ops.append(AppendEntry("history", entry))
    return ops


_NEW_LINE = re.compile(
    r"^\s*(\[\[items\.history\]\]|(status|progress|actual_end|date|from|note)\s*=.*|)$"
)


@settings(
    max_examples=int(os.environ.get("STORAGE_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(layouts(), edits(), st.data())
def test_random_edits_on_random_layouts(layout: Layout, ops: list[Op], data: st.DataObject) -> None:
    text = layout.text()
    original = tomllib.loads(text.removeprefix("\ufeff"))
    index = data.draw(st.integers(0, len(layout.spans) - 1))
    item_id = f"i{index}"

    result = edit_element(text.encode("utf-8"), "items", item_id, ops)
    event(f"verified by {result.method}")

    # 1. The data is exactly the old data with the intended change to that item.
    expected = original
    element = expected["items"][index]
    for op in ops:
        element = expected_after(element, op)
    expected["items"][index] = element
    assert tomllib.loads(result.data.decode("utf-8").removeprefix("\ufeff")) == expected

    # 2. Only the item's own lines changed: value lines replaced, new lines inserted.
    new_text = result.data.decode("utf-8")
    assert new_text.startswith("\ufeff") == layout.bom
    assert new_text.endswith(layout.newline) == text.endswith(layout.newline)
    old_lines = text.removeprefix("\ufeff").split(layout.newline)
    new_lines = new_text.removeprefix("\ufeff").split(layout.newline)
    assert all("\r" not in line for line in new_lines)  # no stray LF in a CRLF file
    first, last = layout.spans[item_id]
    # new lines may also go among the blank and comment lines that follow the item
    limit = last + 1
    while limit < len(old_lines) and old_lines[limit].strip() in ("", *_COMMENTS):
        limit += 1
    changed_keys = [op.key for op in ops if isinstance(op, SetKey)]
    removed = 0
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert first <= i1 and i2 <= (limit if tag == "insert" else last + 1), (tag, i1, i2)
        for line in old_lines[i1:i2]:
            removed += 1
            assert layout.inline or any(k in line for k in [*changed_keys, "history", "date"])
        if not layout.inline:
            for line in new_lines[j1:j2]:
                assert _NEW_LINE.match(line) or "history" in line or "{" in line, line
    assert removed <= len(changed_keys) + 1

    # 3. The fast header scan agrees with the full lex.
    data = text.encode("utf-8")
    floor = 3 if layout.bom else 0
    assert list(FastScan(data, floor).headers_from(floor)) == exact_headers(data, floor)

    # 4. Undo gives back the very same bytes.
    restored = edit_element(result.data, "items", item_id, result.undo)
    assert restored.data == text.encode("utf-8")
