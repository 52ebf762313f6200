"""The last resort of the write path: let tomlkit make the change, then check it hard.

Used only when the text editor cannot express a change on some unusual layout. tomlkit
parses slowly (seconds for big files) and has known editing bugs (#295: a new key
lands under the next table's comment; #325: a literal string turns basic; PR #601: an
interrupted array of tables is reordered; #200: CRLF files get LF lines; PR #579:
blank lines drift), so its output is accepted only if the whole file parses to exactly
the intended data and the line diff removes no more lines than the change touches.
"""

from __future__ import annotations

import copy
import difflib
from typing import Any

from roadmap_tui.core.errors import UpdateError
from roadmap_tui.core.regionedit import AppendEntry, DeleteKey, Op, RemoveLastEntry, SetKey
from roadmap_tui.core.textedit import (
    BOM,
    Edit,
    ElementNotFound,
    Plan,
    _same,
    expected_after,
    parse_document,
)


def _refuse(element_id: str, why: str) -> UpdateError:
    return UpdateError(
        f"cannot change '{element_id}' without disturbing the rest of the file ({why}); "
        "edit it by hand"
    )


def _apply(element: Any, op: Op, state: dict[str, Any]) -> Op | None:
    import tomlkit

    if isinstance(op, SetKey):
        if op.only_if_absent and op.key in state:
            return None
        undo: Op = SetKey(op.key, state[op.key]) if op.key in state else DeleteKey(op.key)
        element[op.key] = op.value
        return undo
    if isinstance(op, DeleteKey):
        if op.key not in state:
            return None
        del element[op.key]
        return SetKey(op.key, state[op.key])
    if isinstance(op, AppendEntry):
        if op.sub in state:
            element[op.sub].append(dict(op.entry))
            return RemoveLastEntry(op.sub)
        table = tomlkit.aot()
        table.append(tomlkit.item(dict(op.entry)))
        element[op.sub] = table
        return DeleteKey(op.sub)
    entries = state.get(op.sub) or []
    if not entries:
        raise UpdateError(f"'{op.sub}' has no entry to remove")
    del element[op.sub][len(entries) - 1]
    return AppendEntry(op.sub, entries[-1])


def _check_lines(old: str, new: str, budget: int, element_id: str) -> None:
    """Refuse tomlkit's known slips: rewritten lines, a new line under a comment (#295), a
    literal string made basic (#325), LF lines in a CRLF file (#200)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    removed = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed += i2 - i1
        if i1 > 0 and old_lines[i1 - 1].lstrip().startswith("#"):
            raise _refuse(element_id, "a new line would land under a comment")
        for before, after in zip(old_lines[i1:i2], new_lines[j1:j2], strict=False):
            if "'" in before and "'" not in after:
                raise _refuse(element_id, "a literal string would change its quotes")
        if "\r\n" in old and any(not line.endswith("\r\n") for line in new_lines[j1:j2][:-1]):
            raise _refuse(element_id, "new lines would not keep the file's CRLF line ends")
    if removed > budget:
        raise _refuse(element_id, f"it would rewrite {removed} other lines")


def edit_with_tomlkit(data: bytes, table: str, element_id: str, plan: Plan) -> Edit:
    """The change made by tomlkit, verified like every other edit (or UpdateError)."""
    import tomlkit

    bom = BOM if data.startswith(BOM) else b""
    text = data[len(bom) :].decode("utf-8")
    document = parse_document(data)
    elements = document.get(table)
    index = (
        [i for i, e in enumerate(elements) if isinstance(e, dict) and e.get("id") == element_id]
        if isinstance(elements, list)
        else []
    )
    if len(index) != 1:
        raise ElementNotFound(f"no {table} element with id '{element_id}'")
    assert isinstance(elements, list)
    before = copy.deepcopy(elements[index[0]])
    ops = list(plan(copy.deepcopy(before)))
    try:
        parsed = tomlkit.parse(text)
        element = parsed[table][index[0]]
        state = copy.deepcopy(before)
        undo: list[Op] = []
        for op in ops:
            reverse = _apply(element, op, state)
            state = expected_after(state, op)
            if reverse is not None:
                undo.append(reverse)
        new_text = tomlkit.dumps(parsed)
    except UpdateError:
        raise
    except Exception as exc:  # tomlkit raises many kinds; any of them means "cannot"
        raise _refuse(element_id, f"tomlkit: {exc}") from None
    new_data = bom + new_text.encode("utf-8")
    try:
        actual = parse_document(new_data)
    except UpdateError:
        raise _refuse(element_id, "the result did not parse") from None
    new_elements = actual.get(table)
    if not isinstance(new_elements, list) or len(new_elements) != len(elements):
        raise _refuse(element_id, "the array changed")
    after = new_elements[index[0]]
    if not _same(after, state):
        raise _refuse(element_id, "the result has different data")
    elements[index[0]] = after
    if actual != document:
        raise _refuse(element_id, "other data changed")
    budget = sum(isinstance(op, SetKey | DeleteKey) for op in ops)
    budget += sum(
        len(before.get(op.sub, [{}])[-1]) + 2 for op in ops if isinstance(op, RemoveLastEntry)
    )
    _check_lines(text, new_text, budget, element_id)
    return Edit(new_data, before, after, tuple(reversed(undo)), "tomlkit")
