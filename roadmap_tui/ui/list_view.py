"""The list view: a sortable table of the matching items, drawn with the Line API.

Textual's ``DataTable`` keeps a row object per item and lays out every row, which
is too slow for 100,000 items; this table sorts once per (filter, column, order)
and draws only the lines on screen. Columns: flags, id, title, track, start, end,
status, progress, and slip when a baseline is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roadmap_tui.core.dates import format_iso
from roadmap_tui.core.model import STATUSES, Item
from roadmap_tui.core.schedule import Flags
from roadmap_tui.i18n import _, status_label
from roadmap_tui.ui.actions import N_, bindings
from roadmap_tui.ui.messages import ItemHighlighted, OpenDetails, SortRequested
from roadmap_tui.ui.state import FolderIndex, FolderView, track_title
from roadmap_tui.ui.timeline_layout import fit_cells, progress_of

HEADER_LINES = 1


def flag_marks(flags: Flags) -> str:
    """Three cells: overdue ``!``, blocked ``⊘``, due soon ``»`` (or late start ``›``)."""
    return (
        ("!" if flags.overdue else " ")
        + ("⊘" if flags.blocked else " ")
        + ("»" if flags.due_soon else "›" if flags.late_start else " ")
    )


def _severity(flags: Flags) -> int:
    return 8 * flags.overdue + 4 * flags.blocked + 2 * flags.due_soon + flags.late_start


@dataclass(frozen=True, slots=True)
class Column:
    """A list column: its key, header, how to sort and how to show a cell."""

    key: str
    title: str
    sort_key: Callable[[Item, FolderIndex, str], Any]
    cell: Callable[[Item, FolderIndex, str], str]
    align_right: bool = False


def _track_name(item: Item, index: FolderIndex, lang: str) -> str:
    track = index.track(item)
    return track_title(track, lang) if track is not None else item.track_id


COLUMNS: tuple[Column, ...] = (
    Column("flags", N_("Flags"), lambda i, x, _l: -_severity(x.flags_of(i)),
           lambda i, x, _l: flag_marks(x.flags_of(i))),
    Column("id", N_("ID"), lambda i, _x, _l: i.id, lambda i, _x, _l: i.id),
    Column("title", N_("Title"), lambda i, _x, lang: i.title_for(lang).casefold(),
           lambda i, _x, lang: i.title_for(lang)),
    Column("track", N_("Track"), lambda i, x, lang: _track_name(i, x, lang).casefold(),
           _track_name),
    Column("start", N_("Start"), lambda i, _x, _l: i.start_day,
           lambda i, _x, _l: format_iso(i.start)),
    Column("end", N_("End"), lambda i, _x, _l: i.due_day, lambda i, _x, _l: format_iso(i.end)),
    Column("status", N_("Status"), lambda i, _x, _l: STATUSES.index(i.status.value),
           lambda i, _x, _l: status_label(i.status.value)),
    Column("progress", N_("%"), lambda i, _x, _l: progress_of(i),
           lambda i, _x, _l: "" if i.progress is None else f"{i.progress}%", align_right=True),
    Column("slip", N_("Slip"), lambda i, x, _l: x.slip(i) or 0,
           lambda i, x, _l: "" if x.slip(i) is None else f"{x.slip(i):+d}d", align_right=True),
)  # fmt: skip
SORT_KEYS = tuple(c.key for c in COLUMNS)


def columns_for(index: FolderIndex) -> tuple[Column, ...]:
    """The columns shown: slip only when a baseline is loaded."""
    return COLUMNS if index.has_baseline else COLUMNS[:-1]


def column_widths(columns: tuple[Column, ...], width: int, id_width: int) -> list[int]:
    """Cells per column for a table ``width`` wide (one space between columns).

    The title takes what is left; the track column is dropped below 100 cells.
    """
    fixed = {"flags": 5, "start": 10, "end": 10, "status": 11, "progress": 4, "slip": 6}
    widths = {k: v for k, v in fixed.items() if any(c.key == k for c in columns)}
    widths["id"] = max(6, min(id_width, 24, width // 6))
    widths["track"] = min(18, width // 8) if width >= 100 else 0
    used = sum(widths.values()) + len(columns) - 1
    widths["title"] = max(8, width - used)
    return [widths[c.key] for c in columns]


def sort_items(view: FolderView, key: str | None, reverse: bool) -> list[Item]:
    """The matching items in display order, or sorted by column ``key`` (stable)."""
    if key is None:
        return list(reversed(view.items)) if reverse else view.items
    column = next(c for c in COLUMNS if c.key == key)
    index, lang = view.index, view.lang
    return sorted(view.items, key=lambda i: column.sort_key(i, index, lang), reverse=reverse)


class ItemTable(ScrollView, can_focus=True):
    """Every matching item as a row; click a header or press ``o`` to sort."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-table--header", "item-table--cursor", "item-table--overdue",
        "item-table--due-soon", "item-table--blocked", "item-table--status-planned",
        "item-table--status-in-progress", "item-table--status-done",
        "item-table--status-blocked", "item-table--status-cancelled",
    }  # fmt: skip

    BINDINGS = bindings("view")
    """The same cursor keys as the timeline (panning does nothing here)."""

    view: reactive[FolderView | None] = reactive(None)
    """The matching items (bound from the workspace)."""
    selected_id: reactive[str | None] = reactive(None)
    """The item under the cursor (bound from the workspace)."""
    sort_column: reactive[str | None] = reactive(None)
    """Column key to sort by; None keeps roadmap and track order (bound)."""
    sort_reverse: reactive[bool] = reactive(False)
    """Descending order (bound)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor_row: int | None = None
        self._pending_row: int | None = None
        self._order: list[Item] = []
        self._row_of: dict[str, int] = {}
        self._id_width = 12
        self._lines: LRUCache[tuple[int, bool], Strip] = LRUCache(1024)
        self._key: tuple[object, ...] = ()

    @property
    def order(self) -> list[Item]:
        """The items in the order shown."""
        return self._order

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def _resort(self) -> None:
        view = self.view
        if view is None:
            self._order, self._row_of = [], {}
        else:
            self._order = sort_items(view, self.sort_column, self.sort_reverse)
            self._row_of = {item.id: n for n, item in enumerate(self._order)}
            self._id_width = max((len(i.id) for i in view.items), default=6)
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._order) + 1)
        self._set_cursor(self._row_of.get(self.selected_id or ""), notify=False)
        self.refresh()

    def watch_view(self) -> None:
        self._resort()

    def watch_sort_column(self) -> None:
        self._resort()

    def watch_sort_reverse(self) -> None:
        self._resort()

    def watch_selected_id(self, item_id: str | None) -> None:
        row = self._row_of.get(item_id or "")
        if row is not None and row != self.cursor_row:
            self._set_cursor(row, notify=False)

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._order) + 1)
        if self._pending_row is not None:
            self._scroll_to_row(self._pending_row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # --- cursor ----------------------------------------------------------------------

    def _set_cursor(self, row: int | None, *, notify: bool) -> None:
        old, self.cursor_row = self.cursor_row, row
        if notify:
            self.selected_id = self._order[row].id if row is not None else None
            self.post_message(ItemHighlighted(self.selected_id))
        if row is not None:
            self._scroll_to_row(row)
        for line in (old, row):
            if line is not None:
                self.refresh_line(line + HEADER_LINES)

    def _scroll_to_row(self, row: int) -> None:
        if not self.size.height:  # hidden or not laid out yet: scroll on the next resize
            self._pending_row = row
            return
        self._pending_row = None
        top = int(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + self.page_rows:
            self.scroll_to(y=row - self.page_rows + 1, animate=False)

    def _move_to(self, row: int) -> None:
        if self._order:
            self._set_cursor(max(0, min(row, len(self._order) - 1)), notify=True)

    def action_cursor_down(self) -> None:
        self._move_to((self.cursor_row if self.cursor_row is not None else -1) + 1)

    def action_cursor_up(self) -> None:
        self._move_to((self.cursor_row or 0) - 1)

    def action_page_down(self) -> None:
        self._move_to((self.cursor_row or 0) + self.page_rows)

    def action_page_up(self) -> None:
        self._move_to((self.cursor_row or 0) - self.page_rows)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._order) - 1)

    def action_pan_left(self) -> None:
        """Nothing to pan in the list."""

    action_pan_right = action_pan_page_left = action_pan_page_right = action_pan_left
    action_reveal = action_pan_left

    def action_details(self) -> None:
        if self.selected_id is not None:
            self.post_message(OpenDetails(self.selected_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.view is None:
            return
        if offset.y < HEADER_LINES:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(SortRequested(column))
            return
        row = int(self.scroll_offset.y) + offset.y - HEADER_LINES
        if 0 <= row < len(self._order):
            self._set_cursor(row, notify=True)
            if event.chain >= 2:
                self.action_details()

    def _column_at(self, x: int) -> str | None:
        assert self.view is not None
        columns = columns_for(self.view.index)
        widths = column_widths(columns, self.scrollable_content_region.width, self._id_width)
        at = 0
        for column, w in zip(columns, widths, strict=True):
            if w and at <= x < at + w + 1:
                return column.key
            at += w + 1 if w else 0
        return None

    # --- drawing ---------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"item-table--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        view = self.view
        if view is None:
            return Strip.blank(width, self.rich_style)
        key = (view.generation, self.sort_column, self.sort_reverse, width)
        if key != self._key:
            self._key = key
            self._lines.clear()
        columns = columns_for(view.index)
        widths = column_widths(columns, width, self._id_width)
        if y < HEADER_LINES:
            return self._header(columns, widths, width)
        row = int(self.scroll_offset.y) + y - HEADER_LINES
        if row >= len(self._order):
            if row == 0:
                message = " " + _("No items match the filter (esc shows all).")
                return Strip([Segment(fit_cells(message, width), self.rich_style)])
            return Strip.blank(width, self.rich_style)
        cursor = row == self.cursor_row
        strip = self._lines.get((row, cursor))
        if strip is None:
            strip = self._row(view, self._order[row], columns, widths, width, cursor)
            self._lines[(row, cursor)] = strip
        return strip

    def _header(self, columns: tuple[Column, ...], widths: list[int], width: int) -> Strip:
        style = self._style("header")
        # gaps in a style of their own: an SVG screenshot then places each title at its cell
        gap = style + Style(dim=True)
        segments: list[Segment] = []
        for column, w in zip(columns, widths, strict=True):
            if not w:
                continue
            title = _(column.title)
            if column.key == self.sort_column:
                title += " ▼" if self.sort_reverse else " ▲"
            if segments:
                segments.append(Segment(" ", gap))
            segments.append(Segment(fit_cells(title, w), style))
        return Strip(segments).adjust_cell_length(width, style)

    def _row(
        self,
        view: FolderView,
        item: Item,
        columns: tuple[Column, ...],
        widths: list[int],
        width: int,
        cursor: bool,
    ) -> Strip:
        base = self._style("cursor") if cursor else self.rich_style
        flags = view.index.flags_of(item)
        segments: list[Segment] = []
        for n, (column, w) in enumerate(zip(columns, widths, strict=True)):
            if not w:
                continue
            text = column.cell(item, view.index, view.lang)
            cell = fit_cells(text, w)
            if column.align_right and len(text) < w:
                cell = text.rjust(w)
            style = base
            if column.key == "status":
                style = base + Style(color=self._style(f"status-{item.status.value}").color)
            elif column.key in ("flags", "end") and (flags.overdue or flags.due_soon):
                name = "overdue" if flags.overdue else "due-soon"
                style = base + Style(color=self._style(name).color, bold=True)
            if n:  # a gap style of its own, as in the header
                segments.append(Segment(" ", base + Style(dim=True)))
            segments.append(Segment(cell, style))
        return Strip(segments).adjust_cell_length(width, base)


__all__ = ["COLUMNS", "SORT_KEYS", "Column", "ItemTable", "column_widths", "flag_marks",
           "sort_items"]  # fmt: skip
