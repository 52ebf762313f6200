"""The timeline's geometry, without Textual: zoom scales, axis labels, bars, label cells.

Everything here is a pure function of dates and widths, so it is unit-tested on its
own and computed once per zoom / axis-style change; the widget only slices the results.

Text is measured in terminal cells (East Asian Width, via ``rich.cells``): a Japanese
character takes two cells, and a label cut in the middle of one is padded, never
shifted, so a bar starts in the same column whatever the titles are.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Final

from rich.cells import cell_len, get_character_cell_size

from roadmap_tui.core.dates import Precision, year_label
from roadmap_tui.core.model import Item, Kind, Status
from roadmap_tui.i18n import N_, _

ELLIPSIS: Final = "…"


class Zoom(IntEnum):
    """How much time one screen shows: finest first."""

    MONTH = 0
    QUARTER = 1
    HALF = 2
    YEAR = 3
    FIT = 4

    @property
    def label(self) -> str:
        return {
            Zoom.MONTH: _("month"),
            Zoom.QUARTER: _("quarter"),
            Zoom.HALF: _("fiscal half"),
            Zoom.YEAR: _("fiscal year"),
            Zoom.FIT: _("fit all"),
        }[self]


class AxisStyle(StrEnum):
    """How the axis names years: 2026, FY2026 or 令和8年度 / R8."""

    CALENDAR = "calendar"
    FISCAL = "fiscal"
    ERA = "era"

    @property
    def label(self) -> str:
        return {
            AxisStyle.CALENDAR: _("calendar years"),
            AxisStyle.FISCAL: _("fiscal years"),
            AxisStyle.ERA: _("era years"),
        }[self]

    def next(self) -> AxisStyle:
        order = list(AxisStyle)
        return order[(order.index(self) + 1) % len(order)]


#: Days per cell: a month, quarter, half or year is about ten cells wide.
DAYS_PER_CELL: Final = {Zoom.MONTH: 3.05, Zoom.QUARTER: 9.13, Zoom.HALF: 18.27, Zoom.YEAR: 36.53}
#: Written with this precision, an item's dates are a whole year: drawn as a light band.
COARSE: Final = frozenset({Precision.YEAR, Precision.FISCAL_YEAR})
_MONTHS: Final = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                  N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps days to chart columns: column 0 starts on ``origin`` (a day ordinal)."""

    origin: int
    days_per_cell: float
    width: int

    def col(self, day: _dt.date) -> int:
        return math.floor((day.toordinal() - self.origin) / self.days_per_cell)

    def day(self, col: float) -> _dt.date:
        ordinal = self.origin + int(col * self.days_per_cell)
        return _dt.date.fromordinal(max(1, ordinal))


def make_scale(first: _dt.date, last: _dt.date, zoom: Zoom, fit_width: int) -> Scale:
    """The scale for ``zoom`` over first..last; FIT spreads the range over ``fit_width``."""
    fit_width = max(fit_width, 8)
    if zoom is Zoom.FIT:
        origin = first.toordinal()
        span = last.toordinal() - origin + 1
        return Scale(origin, max(span / (fit_width - 1), 0.05), fit_width)
    origin = _dt.date(first.year, 1, 1).toordinal()
    end = _dt.date(min(last.year + 1, 9998), 12, 31).toordinal()
    dpc = DAYS_PER_CELL[zoom]
    return Scale(origin, dpc, max(math.ceil((end - origin + 1) / dpc), fit_width))


# --- cells ---------------------------------------------------------------------------


def clean(text: str) -> str:
    """One line of text: control characters (tabs, newlines) become spaces."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


def fit_cells(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut at a cell boundary with ``…``.

    Written here rather than with ``rich.text.Text.truncate`` because the result must be
    exactly ``width`` cells even when a two-cell character straddles the cut.
    """
    if width <= 0:
        return ""
    text = clean(text)
    used = cell_len(text)
    if used <= width:
        return text + " " * (width - used)
    out: list[str] = []
    room = width - 1  # one cell for the ellipsis
    for ch in text:
        size = get_character_cell_size(ch)
        if size > room:
            break
        out.append(ch)
        room -= size
    return "".join(out) + " " * room + ELLIPSIS


class CellRow:
    """A line of cells where a two-cell character fills its cell and a placeholder ("")."""

    __slots__ = ("cells",)

    def __init__(self, width: int, fill: str = " ") -> None:
        self.cells: list[str] = [fill] * width

    def put(self, col: int, text: str) -> None:
        """Write ``text`` from ``col``; what would pass the right edge is left out."""
        for ch in text:
            size = get_character_cell_size(ch)
            if col < 0 or col + size > len(self.cells):
                return
            if self.cells[col] == "" and col > 0:  # overwriting half of a wide character
                self.cells[col - 1] = " "
            self.cells[col] = ch
            if size == 2:
                self.cells[col + 1] = ""
            col += size

    def text(self) -> str:
        return "".join(self.cells)


class AxisLine:
    """Labels at chart columns, rendered for any window of the chart.

    A sticky line keeps the label of the unit the window starts in at its left edge
    (like a sticky header), so the year is always named.
    """

    __slots__ = ("cols", "texts", "sticky")

    def __init__(self, sticky: bool = False) -> None:
        self.cols: list[int] = []
        self.texts: list[str] = []
        self.sticky = sticky

    def add(self, col: int, text: str) -> None:
        self.cols.append(col)
        self.texts.append(text)

    def window(self, start: int, width: int) -> str:
        row = CellRow(width)
        i = bisect.bisect_right(self.cols, start) - 1
        if i >= 0 and (self.sticky or self.cols[i] == start):
            nxt = self.cols[i + 1] - start if i + 1 < len(self.cols) else width
            if cell_len(self.texts[i]) < nxt or self.cols[i] == start:
                row.put(0, self.texts[i])
        j = i + 1
        while j < len(self.cols) and self.cols[j] < start + width:
            row.put(self.cols[j] - start, self.texts[j])
            j += 1
        return row.text()


# --- the axis ------------------------------------------------------------------------


def _add_months(d: _dt.date, months: int) -> _dt.date:
    m = d.month - 1 + months
    return _dt.date(d.year + m // 12, m % 12 + 1, 1)


def _year_starts(scale: Scale, style: AxisStyle, fysm: int) -> list[tuple[int, _dt.date]]:
    """(name year, first day) of every year unit the chart shows, one before and after."""
    month = 1 if style is AxisStyle.CALENDAR else fysm
    first = scale.day(0).year - 1
    last = scale.day(scale.width).year + 1
    return [(y, _dt.date(y, month, 1)) for y in range(max(first, 1), min(last, 9998) + 1)]


def year_labels(year: int, style: AxisStyle, fysm: int) -> list[str]:
    """Axis labels for one year unit, longest first (the widest that fits is used)."""
    if style is AxisStyle.CALENDAR:
        return [str(year), f"'{year % 100:02d}"]
    if style is AxisStyle.FISCAL:
        return [year_label(year, "fiscal"), f"FY{year % 100:02d}"]
    return [year_label(year, "era_kanji", fysm), year_label(year, "era", fysm)]


def _sub_units(zoom: Zoom) -> tuple[int, list[str]]:
    """Months per sub unit and its labels (in order within a year unit)."""
    if zoom is Zoom.QUARTER:
        return 3, [_("Q1"), _("Q2"), _("Q3"), _("Q4")]
    if zoom is Zoom.HALF:
        return 6, [_("H1"), _("H2")]
    return 1, []


def axis_rows(scale: Scale, zoom: Zoom, style: AxisStyle, fysm: int) -> tuple[AxisLine, AxisLine]:
    """The two axis lines over the whole chart: year labels, then sub-unit labels.

    One label form is used across the axis: the longest whose every label fits its year.
    """
    years, subs = AxisLine(sticky=True), AxisLine()
    starts = [(y, d, scale.col(d)) for y, d in _year_starts(scale, style, fysm)]
    spacing = 365.25 / scale.days_per_cell
    forms = list(zip(*(year_labels(y, style, fysm) for y, _d, _c in starts), strict=True))
    # name every year if the labels fit, else every 2nd, 5th, 10th … year
    step, chosen = next(
        ((k, f) for k in (1, 2, 5, 10, 20, 50, 100) for f in forms
         if max(cell_len(t) for t in f) < k * spacing),
        (200, forms[-1]),
    )  # fmt: skip
    free = -(10**9)
    for (year, _first, col), label in zip(starts, chosen, strict=True):
        width = cell_len(label)
        if year % step == 0 and col >= free and col >= 0 and col + width <= scale.width:
            years.add(col, label)
            free = col + width + 1
    months, names = _sub_units(zoom)
    if zoom is Zoom.MONTH:
        names = [_(m) for m in _MONTHS]
    free = -(10**9)
    for _year, first, _col in starts:
        for k in range(12 // months):
            day = _add_months(first, k * months)
            col = scale.col(day)
            if not 0 <= col < scale.width or col < free:
                continue
            room = scale.col(_add_months(day, months)) - col - 1
            label = (names[day.month - 1] if zoom is Zoom.MONTH else names[k]) if names else ""
            if label and cell_len(label) <= room:
                subs.add(col, label)
                free = col + cell_len(label) + 1
            elif k == 0:
                subs.add(col, "╵")
                free = col + 2
    return years, subs


def grid_line(scale: Scale, zoom: Zoom, style: AxisStyle, fysm: int) -> str:
    """The faint vertical lines behind a lane: sub-unit bounds when wide, else years."""
    cells = [" "] * scale.width
    months, _names = _sub_units(zoom)
    if zoom in (Zoom.YEAR, Zoom.FIT):
        months = 12
    if months * 30.4 / scale.days_per_cell < 6:
        months = 12
    if 365 / scale.days_per_cell < 3:
        return "".join(cells)
    for _year, first in _year_starts(scale, style, fysm):
        for k in range(12 // months):
            col = scale.col(_add_months(first, k * months))
            if 0 <= col < scale.width:
                cells[col] = "┊"
    return "".join(cells)


# --- bars ----------------------------------------------------------------------------

BAR_DONE: Final = "█"
BAR_TODO: Final = "▒"
BAND_DONE: Final = "▒"
BAND_TODO: Final = "░"
MILESTONE: Final = "◆"
GHOST: Final = "╌"


def is_coarse(item: Item) -> bool:
    """Dates written as whole years (``R8``, ``2026``): the exact days are not known."""
    return item.start.precision in COARSE and item.end.precision in COARSE


def progress_of(item: Item) -> int:
    """Percent done as drawn: the recorded progress, 100 when done, else 0."""
    if item.progress is not None:
        return max(0, min(100, item.progress))
    return 100 if item.status is Status.DONE else 0


def bar_cells(scale: Scale, item: Item) -> tuple[int, str]:
    """Where an item's bar starts (chart column) and its glyphs, one per cell."""
    x0, x1 = scale.col(item.start_day), scale.col(item.due_day)
    x1 = max(x0, x1)
    length = x1 - x0 + 1
    coarse = is_coarse(item)
    if item.kind is Kind.MILESTONE:
        return x0, (BAND_TODO * (length - 1) if coarse else " " * (length - 1)) + MILESTONE
    done = round(length * progress_of(item) / 100)
    if coarse:
        return x0, BAND_DONE * done + BAND_TODO * (length - done)
    return x0, BAR_DONE * done + BAR_TODO * (length - done)


def slip_text(days: int | None) -> str:
    """The baseline slip marker: ``→+45d`` (later), ``←-10d`` (earlier), "" if none."""
    if not days:
        return ""
    return f"→+{days}d" if days > 0 else f"←{days}d"


def gutter_width(total: int) -> int:
    """Cells for the label gutter: about a third of the screen, 16 to 40."""
    return max(16, min(40, total * 3 // 10))


__all__ = [
    "AxisStyle",
    "AxisLine",
    "CellRow",
    "Scale",
    "Zoom",
    "axis_rows",
    "bar_cells",
    "fit_cells",
    "grid_line",
    "gutter_width",
    "is_coarse",
    "make_scale",
    "progress_of",
    "slip_text",
    "year_labels",
]
