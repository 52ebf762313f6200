"""The KPI view's rows and columns as text, measured in terminal cells (no Textual).

Rows are the KPIs grouped under their roadmap; every figure comes from
:mod:`roadmap_tui.core.kpi` and is worded by :mod:`roadmap_tui.kpitext`, so the view
and ``roadmap kpi`` never disagree. A row is a list of ``(text, style name)`` pieces
whose cells add up to exactly the table's width: every column starts in the same
cell on every line, whatever mix of Japanese (two cells a character) and ASCII the
titles and units are (``rich.cells`` measures East Asian Width; cuts fall on a cell
boundary with ``…``).

When the screen is narrow, columns are dropped in a fixed order (baseline, trend,
due, target) before the title gets too short; the panel under the table always has
the selected KPI in full.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from rich.cells import cell_len

from roadmap_tui.core.kpi import KpiReport, evaluate, expected_at
from roadmap_tui.core.model import Roadmap, RoadmapFolder
from roadmap_tui.i18n import N_, _, ngettext
from roadmap_tui.kpitext import KpiText, kpi_text, value_text
from roadmap_tui.ui.timeline_layout import fit_cells

#: A cell piece of a line: its text and the name of its style (``kpi-table--<name>``).
Piece = tuple[str, str]

BAR_DONE: Final = "█"
BAR_TODO: Final = "░"
BAR_UNKNOWN: Final = "╌"
#: Where the straight line from baseline to target says the KPI should be today.
BAR_PATH: Final = "│"
BAR_WIDTH: Final = 12
#: Below this table width the bar gets narrower, so the target still fits.
NARROW: Final = 100
#: The cursor mark and the indent of KPI rows under their roadmap.
CURSOR: Final = "▶ "
INDENT: Final = 2
MIN_TITLE: Final = 20


@dataclass(frozen=True, slots=True)
class KpiColumn:
    """A column: its key, header (English, translated when shown), widest cells, alignment.

    ``drop``: the order in which columns give way on a narrow screen (highest first;
    0 never).
    """

    key: str
    title: str
    cap: int
    right: bool = False
    drop: int = 0


COLUMNS: Final[tuple[KpiColumn, ...]] = (
    KpiColumn("title", N_("KPI"), 0),
    KpiColumn("baseline", N_("Baseline"), 12, right=True, drop=4),
    KpiColumn("bar", N_("Progress"), BAR_WIDTH),
    KpiColumn("target", N_("Target"), 16, drop=1),
    KpiColumn("latest", N_("Latest"), 12, right=True),
    KpiColumn("attainment", N_("Attained"), 8, right=True),
    KpiColumn("due", N_("Due"), 13, drop=2),
    KpiColumn("spark", N_("Trend"), 8, drop=3),
    KpiColumn("flag", N_("Flag"), 10),
)


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One line of the table: a roadmap heading (``report`` is None) or a KPI."""

    roadmap: Roadmap
    report: KpiReport | None = None
    text: KpiText | None = None
    lang: str = "en"

    @property
    def is_kpi(self) -> bool:
        """Whether the row is a KPI (the cursor stops only on these)."""
        return self.report is not None


def build_rows(
    folder: RoadmapFolder, as_of: _dt.date, lang: str, dates: str | None = None
) -> list[KpiRow]:
    """Each roadmap with KPIs as a heading, its KPIs (in file order) under it."""
    rows: list[KpiRow] = []
    for roadmap in folder.roadmaps:
        if not roadmap.kpis:
            continue
        rows.append(KpiRow(roadmap))
        for kpi in roadmap.kpis:
            report = evaluate(kpi, as_of)
            rows.append(KpiRow(roadmap, report, kpi_text(report, lang, dates), lang))
    return rows


def flag_style(key: str) -> str:
    """The style name of a KPI flag key (``overdue``, ``off-track``, ``met``)."""
    return {"overdue": "overdue", "off-track": "off-track", "met": "met"}.get(key, "text")


#: Directions as the English table writes them (ASCII: one cell in every terminal).
DIRECTION_MARKS: Final = {">=": ">=", "<=": "<=", "=": "="}


def table_target(row: KpiRow) -> str:
    """The target as the table shows it: Japanese as worded (``70%以上``, ``倍増``); English
    as ``>= 70%``, ``<= 0 sheets`` (the phrase "at least …" is in the panel below)."""
    cells, report = row.text, row.report
    if cells is None or report is None or report.kpi.target is None:
        return "—"
    if row.lang == "ja" or report.target_value is None:
        return cells.target
    mark = DIRECTION_MARKS.get(report.kpi.target.direction.value, "")
    return f"{mark} {value_text(report.kpi, report.target_value, row.lang)}".strip()


def cell_text(row: KpiRow, key: str) -> str:
    """The text of column ``key`` for a KPI row (the bar is drawn by :func:`bar_pieces`)."""
    cells = row.text
    if cells is None:
        return ""
    return {
        "title": cells.title,
        "baseline": cells.baseline,
        "target": table_target(row),
        "latest": cells.latest,
        "attainment": cells.attainment,
        "due": cells.due,
        "spark": cells.spark,
        "flag": " ".join(cells.flags),
    }.get(key, "")


@dataclass(frozen=True, slots=True)
class Plan:
    """The columns shown and their widths for one table width."""

    width: int
    columns: tuple[tuple[KpiColumn, int], ...]

    def starts(self) -> list[int]:
        """The cell where each shown column starts (after the cursor indent)."""
        at, out = INDENT, []
        for _column, w in self.columns:
            out.append(at)
            at += w + 1
        return out


def plan_columns(rows: Sequence[KpiRow], width: int) -> Plan:
    """Column widths for ``width`` cells: each as wide as its widest cell (up to its cap),
    the title takes the rest; columns are dropped by ``drop`` while the title is short."""
    natural: dict[str, int] = {}
    for column in COLUMNS:
        if column.key in ("title", "bar"):
            continue
        widest = max((cell_len(cell_text(r, column.key)) for r in rows if r.is_kpi), default=0)
        natural[column.key] = min(column.cap, max(cell_len(_(column.title)), widest, 1))
    natural["bar"] = BAR_WIDTH if width >= NARROW else BAR_WIDTH * 2 // 3
    shown = list(COLUMNS)

    def room() -> int:
        fixed = sum(natural[c.key] for c in shown if c.key != "title")
        return width - INDENT - fixed - (len(shown) - 1)

    for column in sorted(COLUMNS, key=lambda c: -c.drop):
        if room() >= MIN_TITLE or not column.drop:
            break
        shown.remove(column)
    title = max(4, room())
    return Plan(width, tuple((c, title if c.key == "title" else natural[c.key]) for c in shown))


def bar_pieces(report: KpiReport, width: int) -> list[Piece]:
    """Baseline → target as ``width`` cells: the attained part filled (direction-aware:
    for ``7 → 0 sheets`` 3 sheets fills 57 %), the straight-line path's position for the
    as-of day as ``│``; ``╌`` when the attainment cannot be known (no target value)."""
    if report.target_value is None:
        return [(BAR_UNKNOWN * width, "dim")]
    cells = [BAR_TODO] * width
    styles = ["bar-todo"] * width
    fraction = report.fraction
    if fraction is not None:
        done = round(fraction * width)
        if fraction > 0 and done == 0:
            done = 1  # a step forward shows
        flags = report.flags()
        fill = flag_style(flags[0]) if flags else "bar-done"
        for x in range(done):
            cells[x], styles[x] = BAR_DONE, fill
    path = path_fraction(report)
    if path is not None and 0 < path < 1:
        x = min(width - 1, math.floor(path * width))
        cells[x], styles[x] = BAR_PATH, "path"
    pieces: list[Piece] = []
    start = 0
    for x in range(1, width + 1):
        if x == width or styles[x] != styles[start]:
            pieces.append(("".join(cells[start:x]), styles[start]))
            start = x
    return pieces


def path_fraction(report: KpiReport) -> float | None:
    """How far along baseline → target the straight line is on the as-of day (0..1)."""
    kpi, target = report.kpi, report.target_value
    if kpi.baseline is None or target is None:
        return None
    expected = expected_at(kpi, report.as_of)
    span = target - kpi.baseline.value
    if expected is None or span == 0:
        return None
    return max(0.0, min(1.0, (expected - kpi.baseline.value) / span))


def _cell(text: str, width: int, right: bool) -> str:
    if right and cell_len(text) < width:
        return " " * (width - cell_len(text)) + text
    return fit_cells(text, width)


def _fill(pieces: list[Piece], width: int, sep: str) -> list[Piece]:
    """``pieces`` padded (or cut at a cell boundary) to exactly ``width`` cells."""
    used = sum(cell_len(text) for text, _s in pieces)
    if used < width:
        return [*pieces, (" " * (width - used), sep)]
    if used > width:  # narrower than the fixed columns
        return [(fit_cells("".join(t for t, _s in pieces), width), pieces[0][1])]
    return pieces


def header_pieces(plan: Plan) -> list[Piece]:
    """The column titles, aligned like the cells under them."""
    # Gaps have a style of their own: an SVG screenshot then places every title at its
    # cell instead of stretching one run of mixed-width text.
    pieces: list[Piece] = [(" " * INDENT, "header-sep")]
    for n, (column, w) in enumerate(plan.columns):
        if n:
            pieces.append((" ", "header-sep"))
        pieces.append((_cell(_(column.title), w, column.right), "header"))
    return _fill(pieces, plan.width, "header-sep")


def roadmap_pieces(row: KpiRow, lang: str, width: int) -> list[Piece]:
    """A roadmap heading: its title and how many KPIs it has."""
    count = len(row.roadmap.kpis)
    label = "{title}  ({count})".format(
        title=row.roadmap.title_for(lang),
        count=ngettext("{count} KPI", "{count} KPIs", count).format(count=count),
    )
    return [(fit_cells(" " + label, width), "roadmap")]


def kpi_pieces(row: KpiRow, plan: Plan, cursor: bool) -> list[Piece]:
    """One KPI line: exactly ``plan.width`` cells, each column at its start cell."""
    assert row.report is not None and row.text is not None
    mark = (CURSOR, "cursor-mark") if cursor else (" " * INDENT, "sep")
    pieces: list[Piece] = [mark]
    for n, (column, w) in enumerate(plan.columns):
        if n:
            pieces.append((" ", "sep"))
        if column.key == "bar":
            pieces.extend(bar_pieces(row.report, w))
            continue
        text = cell_text(row, column.key)
        style = "text"
        if column.key == "flag" and row.text.flag_keys:
            style = flag_style(row.text.flag_keys[0])
        elif column.key in ("spark", "title"):
            style = column.key
        elif text == "—":
            style = "dim"
        pieces.append((_cell(text, w, column.right), style))
    return _fill(pieces, plan.width, "sep")


def counts_text(reports: Sequence[KpiReport]) -> str:
    """``24 KPIs: 1 overdue, 2 off track`` (counted by the flag each row shows)."""
    overdue = sum("overdue" in r.flags() for r in reports)
    off_track = sum("off-track" in r.flags() for r in reports)
    text = ngettext("{count} KPI", "{count} KPIs", len(reports)).format(count=len(reports))
    return (
        text
        + ": "
        + _("{overdue} overdue, {off_track} off track").format(overdue=overdue, off_track=off_track)
    )


__all__ = [
    "BAR_DONE",
    "BAR_PATH",
    "BAR_TODO",
    "BAR_WIDTH",
    "COLUMNS",
    "KpiColumn",
    "KpiRow",
    "Piece",
    "Plan",
    "bar_pieces",
    "build_rows",
    "cell_text",
    "counts_text",
    "header_pieces",
    "kpi_pieces",
    "path_fraction",
    "plan_columns",
    "roadmap_pieces",
]
