"""The Gantt timeline: a Line-API ``ScrollView`` that only slices precomputed rows.

Rows come from :class:`~roadmap_tui.ui.state.FolderView` (built once per filter);
the scale, axis and grid from :mod:`timeline_layout` (built once per zoom, axis style
or width). ``render_line`` draws one screen line from those, so the cost of a frame
depends on the screen size, never on the number of items. Lines are cached by
(row, horizontal offset, cursor) under a key of everything else they depend on.

Two lines of axis stay at the top and the label gutter stays at the left while the
chart scrolls under them.
"""

from __future__ import annotations

import datetime as _dt
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roadmap_tui.core.model import Item
from roadmap_tui.i18n import _
from roadmap_tui.ui.actions import bindings
from roadmap_tui.ui.messages import ItemHighlighted, OpenDetails
from roadmap_tui.ui.state import FolderView, Row, RowKind
from roadmap_tui.ui.timeline_cells import draw_item, flag_mark
from roadmap_tui.ui.timeline_layout import (
    AxisLine,
    AxisStyle,
    Scale,
    Zoom,
    axis_rows,
    fit_cells,
    grid_line,
    gutter_width,
    make_scale,
)

AXIS_LINES = 2


class Timeline(ScrollView, can_focus=True):
    """Roadmaps on one time axis: swimlanes per track, a bar or ◆ per item."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"timeline--{name}"
        for name in (
            "axis", "today", "grid", "lane", "lane-alt", "roadmap", "group", "track", "label",
            "cursor", "cursor-line", "overdue", "due-soon", "blocked", "coarse", "ghost", "slip",
            "hint", "status-planned", "status-in-progress", "status-done", "status-blocked",
            "status-cancelled",
        )
    }  # fmt: skip

    BINDINGS = bindings("view")
    """Cursor, page, pan, reveal and details; the workspace holds zoom, filter and the rest."""

    view: reactive[FolderView | None] = reactive(None)
    """The rows to draw (bound from the workspace)."""
    zoom: reactive[Zoom] = reactive(Zoom.YEAR)
    """Time per screen (bound from the workspace)."""
    axis_style: reactive[AxisStyle] = reactive(AxisStyle.FISCAL)
    """How the axis names years (bound from the workspace)."""
    selected_id: reactive[str | None] = reactive(None)
    """The item under the cursor (bound from the workspace; the cursor reports moves)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor_row: int | None = None
        self._pending_row: int | None = None
        self._scale: Scale | None = None
        self._gutter = 24
        self._lines: LRUCache[tuple[int, int, bool], Strip] = LRUCache(2048)
        self._cache_key: tuple[object, ...] = ()
        self._grids: dict[int, str] = {}
        self._axes: dict[int, tuple[AxisLine, AxisLine]] = {}
        self._styles: dict[tuple[str, str], Style] = {}
        self._centred = False
        #: the as-of day until the first scroll to it has landed (a scroll made before the
        #: first full layout is dropped, and the resize after it must not keep 1965)
        self._start_day: _dt.date | None = None

    # --- geometry --------------------------------------------------------------------

    @property
    def scale(self) -> Scale | None:
        return self._scale

    @property
    def chart_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self._gutter)

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - AXIS_LINES)

    @property
    def window_start(self) -> int:
        """The chart column at the left edge of the visible window."""
        return int(self.scroll_offset.x)

    def _relayout(self, keep_day: _dt.date | None = None) -> None:
        """New scale and virtual size after a change of rows, zoom or width."""
        view = self.view
        if view is None:
            return
        self._gutter = gutter_width(self.size.width or 80)
        index = view.index
        self._scale = make_scale(index.first_day, index.last_day, self.zoom, self.chart_width)
        self._grids.clear()
        self._axes.clear()
        self._lines.clear()
        self.virtual_size = Size(self._gutter + self._scale.width, len(view.rows) + AXIS_LINES)
        if keep_day is not None:
            self.scroll_to_day(keep_day, at=0.5)
        self.refresh()

    def scroll_to_day(self, day: _dt.date, at: float = 1 / 3) -> None:
        """Pan so that ``day`` sits at ``at`` (0 = left edge) of the chart window."""
        if self._scale is None:
            return
        x = self._scale.col(day) - int(self.chart_width * at)
        # immediate: a resize right after must see where we scrolled to (centre_day),
        # else it re-centres on the old window and the first screen opens in 1965
        self.scroll_to(x=max(0, x), animate=False, immediate=True)

    def centre_day(self) -> _dt.date | None:
        if self._scale is None:
            return None
        return self._scale.day(self.window_start + self.chart_width / 2)

    # --- reactive state --------------------------------------------------------------

    def watch_view(self, old: FolderView | None, view: FolderView | None) -> None:
        self._relayout()
        if view is None:
            return
        if not self._centred:
            self._centred = True
            self._start_day = view.index.as_of
            self.call_after_refresh(self._scroll_to_start)
        # the workspace picks the selection before it hands over a new view
        self._set_cursor(view.row_of(self.selected_id), notify=False)

    def watch_zoom(self, old: Zoom, new: Zoom) -> None:
        # keep the day in the middle of the window where it is
        self._relayout(keep_day=self.centre_day())
        if self._pending_row is not None:
            self._scroll_to_row(self._pending_row)

    def watch_axis_style(self) -> None:
        self._grids.clear()
        self._axes.clear()
        self._lines.clear()
        self.refresh()

    def watch_selected_id(self, item_id: str | None) -> None:
        if self.view is not None:
            row = self.view.row_of(item_id)
            if row is not None and row != self.cursor_row:
                self._set_cursor(row, notify=False)

    def _scroll_to_start(self) -> None:
        """Pan to the as-of day; once the window really starts there, stop insisting."""
        day = self._start_day
        if day is None or self._scale is None:
            return
        self.scroll_to_day(day)
        wanted = max(0, self._scale.col(day) - int(self.chart_width / 3))
        if abs(self.window_start - min(wanted, int(self.max_scroll_x))) <= 1:
            self._start_day = None

    def on_resize(self, event: events.Resize) -> None:
        if self._start_day is not None:
            self._relayout()
            self._scroll_to_start()
        else:
            self._relayout(keep_day=self.centre_day())
        if self._pending_row is not None:
            self._scroll_to_row(self._pending_row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    # --- cursor ----------------------------------------------------------------------

    def _next_item_row(self, start: int, step: int) -> int | None:
        view = self.view
        if view is None:
            return None
        rows = view.rows
        i = start + step
        while 0 <= i < len(rows):
            if rows[i].kind is RowKind.ITEM:
                return i
            i += step
        return None

    def _set_cursor(self, row: int | None, *, notify: bool) -> None:
        old = self.cursor_row
        self.cursor_row = row
        view = self.view
        item = view.rows[row].item if (view is not None and row is not None) else None
        if notify:
            self.selected_id = item.id if item is not None else None
            self.post_message(ItemHighlighted(self.selected_id))
        if row is not None:
            self._scroll_to_row(row)
        for line in (old, row):
            if line is not None:
                self.refresh_line(line + AXIS_LINES)
        self.refresh_lines(0, AXIS_LINES)  # the axis follows the cursor's roadmap

    def _scroll_to_row(self, row: int) -> None:
        if not self.size.height:  # hidden or not laid out yet: scroll on the next resize
            self._pending_row = row
            return
        self._pending_row = None
        top = int(self.scroll_offset.y)
        if row < top:
            target = row
            # show the headers above the first item of a track
            while target > 0 and self.view is not None and self.view.rows[target - 1].kind < 3:
                target -= 1
            self.scroll_to(
                y=max(0, min(target, row)) if row - target < self.page_rows else row, animate=False
            )
        elif row >= top + self.page_rows:
            self.scroll_to(y=row - self.page_rows + 1, animate=False)

    def _move(self, row: int | None) -> None:
        if row is not None:
            self._set_cursor(row, notify=True)

    def action_cursor_down(self) -> None:
        """Next item."""
        self._move(self._next_item_row(self.cursor_row if self.cursor_row is not None else -1, 1))

    def action_cursor_up(self) -> None:
        """Previous item."""
        start = self.cursor_row if self.cursor_row is not None else 0
        self._move(self._next_item_row(start, -1))

    def _jump(self, target: int) -> None:
        if self.view is None or not self.view.rows:
            return
        target = max(0, min(target, len(self.view.rows) - 1))
        row = self._next_item_row(target - 1, 1)
        if row is None:
            row = self._next_item_row(target + 1, -1)
        self._move(row)

    def action_page_down(self) -> None:
        """One screen down."""
        self._jump((self.cursor_row or 0) + self.page_rows)
        self.scroll_to(y=self.scroll_offset.y + self.page_rows, animate=False)

    def action_page_up(self) -> None:
        """One screen up."""
        self._jump((self.cursor_row or 0) - self.page_rows)

    def action_first(self) -> None:
        """First item, and the top of the chart."""
        self._jump(0)
        self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        """Last item."""
        if self.view is not None:
            self._jump(len(self.view.rows) - 1)

    def action_pan_left(self) -> None:
        """Back in time by an eighth of the window."""
        self.scroll_to(x=max(0, self.window_start - max(1, self.chart_width // 8)), animate=False)

    def action_pan_right(self) -> None:
        """Forward in time by an eighth of the window."""
        self.scroll_to(x=self.window_start + max(1, self.chart_width // 8), animate=False)

    def action_pan_page_left(self) -> None:
        self.scroll_to(x=max(0, self.window_start - max(1, self.chart_width - 4)), animate=False)

    def action_pan_page_right(self) -> None:
        self.scroll_to(x=self.window_start + max(1, self.chart_width - 4), animate=False)

    def action_reveal(self) -> None:
        """Pan so that the selected item's bar starts a quarter into the window."""
        item = self.selected_item
        if item is not None:
            self.scroll_to_day(item.start_day, at=0.25)

    def action_details(self) -> None:
        if self.selected_id is not None:
            self.post_message(OpenDetails(self.selected_id))

    @property
    def selected_item(self) -> Item | None:
        view, row = self.view, self.cursor_row
        return view.rows[row].item if view is not None and row is not None else None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.view is None or offset.y < AXIS_LINES:
            return
        row = int(self.scroll_offset.y) + offset.y - AXIS_LINES
        if 0 <= row < len(self.view.rows) and self.view.rows[row].kind is RowKind.ITEM:
            self._set_cursor(row, notify=True)
            if event.chain >= 2:
                self.action_details()

    # --- drawing ---------------------------------------------------------------------

    def _style(self, fg: str, bg: str) -> Style:
        """The style of ``fg``'s colour and attributes on ``bg``'s background."""
        key = (fg, bg)
        style = self._styles.get(key)
        if style is None:
            back = self.get_component_rich_style(f"timeline--{bg}")
            front = self.get_component_rich_style(f"timeline--{fg}")
            style = back + Style(
                color=front.color, bold=front.bold, dim=front.dim, italic=front.italic,
                reverse=front.reverse, underline=front.underline, strike=front.strike,
            )  # fmt: skip
            self._styles[key] = style
        return style

    def _fysm(self) -> int:
        """The fiscal-year start of the roadmap under the cursor (the axis follows it)."""
        view, row = self.view, self.cursor_row
        if view is None or not view.rows:
            return 4
        roadmap = view.rows[row if row is not None else 0].roadmap
        return roadmap.calendar.fiscal_year_start_month

    def _grid(self, fysm: int) -> str:
        grid = self._grids.get(fysm)
        if grid is None and self._scale is not None:
            grid = self._grids[fysm] = grid_line(self._scale, self.zoom, self.axis_style, fysm)
        return grid or ""

    def render_line(self, y: int) -> Strip:
        view, scale = self.view, self._scale
        width = self.scrollable_content_region.width
        if view is None or scale is None:
            return Strip.blank(width, self.rich_style)
        key = (view.generation, self.zoom, self.axis_style, width, self._gutter, scale.width)
        if key != self._cache_key:
            self._cache_key = key
            self._lines.clear()
        sx = self.window_start
        if y < AXIS_LINES:
            return self._axis_strip(y, sx)
        row = int(self.scroll_offset.y) + y - AXIS_LINES
        if row >= len(view.rows):
            if row == 0:
                message = " " + _("No items match the filter (esc shows all).")
                return Strip([Segment(fit_cells(message, width), self._style("hint", "lane"))])
            return Strip.blank(width, self.rich_style)
        cursor = row == self.cursor_row
        cached = self._lines.get((row, sx, cursor))
        if cached is None:
            cached = self._row_strip(view, view.rows[row], sx, cursor)
            self._lines[(row, sx, cursor)] = cached
        return cached

    def _axis_strip(self, y: int, sx: int) -> Strip:
        assert self._scale is not None and self.view is not None
        fysm = self._fysm()
        axes = self._axes.get(fysm)
        if axes is None:
            axes = self._axes[fysm] = axis_rows(self._scale, self.zoom, self.axis_style, fysm)
        cw, gw = self.chart_width, self._gutter
        zoom = _("zoom: {zoom}").format(zoom=self.zoom.label)
        label = zoom if y == 0 else self.axis_style.label
        segments = [Segment(fit_cells(" " + label, gw), self._style("hint", "axis"))]
        text = axes[y].window(sx, cw)
        axis = self._style("axis", "axis")
        today = self._scale.col(self.view.index.as_of) - sx
        if y == 1 and 0 <= today < cw:
            # the sub line holds only one-cell marks at the today column
            cells = list(text) if len(text) == cw else None
            if cells is not None:
                segments += [Segment("".join(cells[:today]), axis),
                             Segment("▼", self._style("today", "axis")),
                             Segment("".join(cells[today + 1 :]), axis)]  # fmt: skip
                return Strip(segments, gw + cw)
        segments.append(Segment(text, axis))
        return Strip(segments).adjust_cell_length(gw + cw, axis)

    def _row_strip(self, view: FolderView, row: Row, sx: int, cursor: bool) -> Strip:
        assert self._scale is not None
        scale, cw, gw = self._scale, self.chart_width, self._gutter
        bg = "cursor-line" if cursor else ("lane-alt" if row.lane % 2 else "lane")
        segments = self._gutter_segments(view, row, gw, cursor, bg)
        grid = self._grid(row.roadmap.calendar.fiscal_year_start_month)[sx : sx + cw]
        chars = list(grid.ljust(cw))
        names = ["grid"] * cw
        today = scale.col(view.index.as_of) - sx
        if 0 <= today < cw:
            chars[today], names[today] = "│", "today"
        if row.kind is RowKind.ITEM and row.item is not None:
            draw_item(scale, view, row, sx, cw, chars, names)
        start = 0
        for i in range(1, cw + 1):
            if i == cw or names[i] != names[start]:
                segments.append(Segment("".join(chars[start:i]), self._style(names[start], bg)))
                start = i
        return Strip(segments, gw + cw)

    def _gutter_segments(
        self, view: FolderView, row: Row, gw: int, cursor: bool, bg: str
    ) -> list[Segment]:
        if row.kind is RowKind.ROADMAP:
            return [Segment(fit_cells(row.label, gw - 1) + " ", self._style("roadmap", "roadmap"))]
        if row.kind is RowKind.GROUP:
            return [Segment(" " + fit_cells(row.label, gw - 2) + " ", self._style("group", bg))]
        if row.kind is RowKind.TRACK:
            return [Segment(" " + fit_cells(row.label, gw - 2) + " ", self._style("track", bg))]
        assert row.item is not None
        mark, mark_style = flag_mark(view.index.flags_of(row.item))
        title = fit_cells(row.label, gw - 5)
        if cursor:
            style = self._style("cursor", "cursor")
            return [Segment("▶ " + mark + " " + title + " ", style)]
        return [
            Segment("  ", self._style("label", bg)),
            Segment(mark, self._style(mark_style, bg)),
            Segment(" " + title + " ", self._style("label", bg)),
        ]


__all__ = ["AXIS_LINES", "Timeline"]
