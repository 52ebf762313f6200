"""What the cells of one item's row of the timeline hold: bar, ghost, marks, hints.

Pure (no Textual): the timeline widget turns these cells into styled strips.
"""

from __future__ import annotations

from roadmap_tui.core.schedule import Flags
from roadmap_tui.ui.state import FolderView, Row
from roadmap_tui.ui.timeline_layout import GHOST, Scale, bar_cells, is_coarse, slip_text


def flag_mark(flags: Flags) -> tuple[str, str]:
    """The one-cell mark of an item's most urgent flag and its style name."""
    if flags.overdue:
        return "!", "overdue"
    if flags.blocked:
        return "⊘", "blocked"
    if flags.due_soon:
        return "»", "due-soon"
    return " ", "label"


def bar_style(row: Row, flags: Flags) -> str:
    """Style name of a bar: a flag's colour wins over the status colour."""
    assert row.item is not None
    if flags.overdue:
        return "overdue"
    if flags.due_soon:
        return "due-soon"
    if flags.blocked:
        return "blocked"
    return "status-" + row.item.status.value


def draw_item(
    scale: Scale, view: FolderView, row: Row, sx: int, cw: int, chars: list[str], names: list[str]
) -> None:
    """Lay an item's row of the chart into ``chars``/``names`` (one cell each, window
    ``sx``..``sx + cw``): ghost baseline, bar, flag marks, slip, and where the bar is
    when it is outside the window."""
    assert row.item is not None
    item = row.item
    index = view.index
    base = index.baseline.get(item.id)
    if base is not None and (base.start_day, base.due_day) != (item.start_day, item.due_day):
        b0, b1 = scale.col(base.start_day), scale.col(base.due_day)
        for x in range(max(b0, sx), min(b1 + 1, sx + cw)):
            chars[x - sx], names[x - sx] = GHOST, "ghost"
    flags = index.flags_of(item)
    x0, glyphs = bar_cells(scale, item)
    style = "coarse" if is_coarse(item) and not flags.any else bar_style(row, flags)
    end = x0 + len(glyphs)
    for x in range(max(x0, sx), min(end, sx + cw)):
        glyph = glyphs[x - x0]
        if glyph != " ":
            chars[x - sx], names[x - sx] = glyph, style
    marks: list[tuple[str, str]] = []
    if flags.overdue:
        marks.append(("!", "overdue"))
    if flags.blocked:
        marks.append(("⊘", "blocked"))
    elif flags.due_soon:
        marks.append(("»", "due-soon"))
    slip = slip_text(index.slip(item))
    if slip:
        marks.append((" " + slip, "slip"))
    x = end
    for text, name in marks:
        for ch in text:
            if sx <= x < sx + cw:
                chars[x - sx], names[x - sx] = ch, name
            x += 1
    # a bar entirely outside the window: say where it is
    if x <= sx:
        hint = "◀ " + item.due_day.isoformat()
        for i, ch in enumerate(hint[:cw]):
            chars[i], names[i] = ch, "hint"
    elif x0 >= sx + cw:
        hint = item.start_day.isoformat() + " ▶"
        for i, ch in enumerate(hint[-cw:]):
            chars[cw - len(hint[-cw:]) + i], names[cw - len(hint[-cw:]) + i] = ch, "hint"


__all__ = ["bar_style", "draw_item", "flag_mark"]
