"""The KPI table: one line per KPI under its roadmap, drawn with the Line API.

The text of every line comes from :mod:`roadmap_tui.ui.kpi_layout` (pure, measured
in cells); this widget only styles the pieces, keeps the cursor on KPI rows and
reports moves with :class:`KpiTable.Highlighted`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roadmap_tui.ui.actions import bindings
from roadmap_tui.ui.kpi_layout import (
    KpiRow,
    Piece,
    Plan,
    header_pieces,
    kpi_pieces,
    plan_columns,
    roadmap_pieces,
)

HEADER_LINES = 1
#: The view's cursor keys (j/k, arrows, pages, first/last); enter belongs to the screen.
CURSOR_BINDINGS = ("cursor-down", "cursor-up", "page-down", "page-up", "first", "last")
STYLE_NAMES = (
    "header", "header-sep", "roadmap", "text", "sep", "title", "dim", "bar-done", "bar-todo",
    "path", "overdue", "off-track", "met", "spark", "cursor", "cursor-mark",
)  # fmt: skip


class KpiTable(ScrollView, can_focus=True):
    """Every KPI with its bar, figures and flag; the cursor stops on KPI rows only."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"kpi-table--{name}" for name in STYLE_NAMES}

    BINDINGS = [b for b in bindings("view") if getattr(b, "id", None) in CURSOR_BINDINGS]
    """Up/down (j/k), page up/down, first/last: the same keys as the roadmap views."""

    class Highlighted(Message):
        """The cursor moved to a KPI (or to none)."""

        def __init__(self, kpi_id: str | None) -> None:
            super().__init__()
            self.kpi_id = kpi_id

    class Chosen(Message):
        """A KPI was double-clicked: show its related items."""

        def __init__(self, kpi_id: str) -> None:
            super().__init__()
            self.kpi_id = kpi_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[KpiRow] = []
        self.lang = "en"
        self.cursor_row: int | None = None
        self._plan: Plan | None = None

    # --- content ---------------------------------------------------------------------

    def show(self, rows: list[KpiRow], lang: str, keep: str | None = None) -> None:
        """Show ``rows``; the cursor goes to KPI ``keep`` if it is there, else the first KPI."""
        self.rows, self.lang, self._plan = rows, lang, None
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + HEADER_LINES)
        ids = [r.report.kpi.id if r.report else None for r in rows]
        row = ids.index(keep) if keep is not None and keep in ids else self._next(-1, 1)
        self._set_cursor(row)
        self.refresh()

    @property
    def selected(self) -> KpiRow | None:
        """The row under the cursor."""
        return self.rows[self.cursor_row] if self.cursor_row is not None else None

    def plan(self) -> Plan:
        """The column plan for the current width (kept until the rows or the width change)."""
        width = self.scrollable_content_region.width
        if self._plan is None or self._plan.width != width:
            self._plan = plan_columns(self.rows, width)
        return self._plan

    # --- cursor ----------------------------------------------------------------------

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def _next(self, start: int, step: int) -> int | None:
        i = start + step
        while 0 <= i < len(self.rows):
            if self.rows[i].is_kpi:
                return i
            i += step
        return None

    def _set_cursor(self, row: int | None) -> None:
        old, self.cursor_row = self.cursor_row, row
        selected = self.selected
        report = selected.report if selected is not None else None
        self.post_message(self.Highlighted(report.kpi.id if report is not None else None))
        if row is not None:
            self._scroll_to_row(row)
        for line in (old, row):
            if line is not None:
                self.refresh_line(line + HEADER_LINES)

    def _scroll_to_row(self, row: int) -> None:
        if not self.size.height:
            self.call_after_refresh(self._scroll_to_row, row)
            return
        top = int(self.scroll_offset.y)
        if row < top:
            # show the roadmap heading above the first KPI of a roadmap
            heading = row - 1 if row > 0 and not self.rows[row - 1].is_kpi else row
            self.scroll_to(y=heading, animate=False)
        elif row >= top + self.page_rows:
            self.scroll_to(y=row - self.page_rows + 1, animate=False)

    def _move(self, row: int | None) -> None:
        if row is not None:
            self._set_cursor(row)

    def _jump(self, target: int) -> None:
        target = max(0, min(target, len(self.rows) - 1))
        found = self._next(target - 1, 1)
        self._move(found if found is not None else self._next(target + 1, -1))

    def action_cursor_down(self) -> None:
        """Next KPI."""
        self._move(self._next(self.cursor_row if self.cursor_row is not None else -1, 1))

    def action_cursor_up(self) -> None:
        """Previous KPI."""
        self._move(self._next(self.cursor_row if self.cursor_row is not None else 0, -1))

    def action_page_down(self) -> None:
        """One screen down."""
        self._jump((self.cursor_row or 0) + self.page_rows)

    def action_page_up(self) -> None:
        """One screen up."""
        self._jump((self.cursor_row or 0) - self.page_rows)

    def action_first(self) -> None:
        """First KPI."""
        self._jump(0)
        self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        """Last KPI."""
        self._jump(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_LINES:
            return
        row = int(self.scroll_offset.y) + offset.y - HEADER_LINES
        if 0 <= row < len(self.rows) and self.rows[row].is_kpi:
            self._set_cursor(row)
            report = self.rows[row].report
            if event.chain >= 2 and report is not None:
                self.post_message(self.Chosen(report.kpi.id))

    def on_resize(self, event: events.Resize) -> None:
        self._plan = None
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, len(self.rows) + HEADER_LINES)

    # --- drawing ---------------------------------------------------------------------

    def _style(self, name: str, cursor: bool) -> Style:
        style = self.get_component_rich_style(f"kpi-table--{name}")
        if cursor:
            back = self.get_component_rich_style("kpi-table--cursor")
            return style + Style(bgcolor=back.bgcolor, bold=True)
        return style

    def _strip(self, pieces: list[Piece], cursor: bool = False) -> Strip:
        width = self.scrollable_content_region.width
        segments = [Segment(text, self._style(name, cursor)) for text, name in pieces]
        return Strip(segments).adjust_cell_length(width, self._style("text", cursor))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self.rows:
            return Strip.blank(width, self.rich_style)
        plan = self.plan()
        if y < HEADER_LINES:
            return self._strip(header_pieces(plan))
        row = int(self.scroll_offset.y) + y - HEADER_LINES
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        kpi_row = self.rows[row]
        if not kpi_row.is_kpi:
            return self._strip(roadmap_pieces(kpi_row, self.lang, width))
        cursor = row == self.cursor_row
        return self._strip(kpi_pieces(kpi_row, plan, cursor), cursor)


__all__ = ["KpiTable"]
