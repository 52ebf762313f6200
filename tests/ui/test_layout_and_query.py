"""Pure parts of the UI: cell widths, scales, axis labels, bars, the filter language."""

from __future__ import annotations

import datetime as _dt

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.detail import detail_text, period_text
from roadmap_tui.ui.query import parse_query
from roadmap_tui.ui.state import FolderIndex, RowKind, build_view
from roadmap_tui.ui.timeline_layout import (
    AxisStyle,
    Zoom,
    axis_rows,
    bar_cells,
    fit_cells,
    make_scale,
    slip_text,
)
from tests.conftest import AS_OF

D = _dt.date


@given(st.text(alphabet="aZ1 令和年度ｱﾊﾟ…\t", max_size=40), st.integers(1, 30))
def test_fit_cells_is_exactly_the_width(text: str, width: int) -> None:
    out = fit_cells(text, width)
    assert cell_len(out) == width
    if cell_len(text.replace("\t", " ")) > width:
        assert out.endswith("…")


def test_fit_cells_pads_a_cut_wide_character() -> None:
    assert fit_cells("令和3年度部局", 9) == "令和3年 …"
    assert fit_cells("abc", 5) == "abc  "


def test_scales_per_zoom() -> None:
    first, last = D(2021, 4, 1), D(2031, 3, 31)
    widths = [make_scale(first, last, z, 80).width for z in Zoom if z is not Zoom.FIT]
    assert widths == sorted(widths, reverse=True)  # finer zoom, wider chart
    fit = make_scale(first, last, Zoom.FIT, 80)
    assert fit.width == 80 and fit.col(first) == 0 and fit.col(last) <= 79


def test_axis_labels_per_style() -> None:
    scale = make_scale(D(2024, 1, 1), D(2028, 12, 31), Zoom.QUARTER, 100)
    start = scale.col(D(2026, 4, 1))
    texts = {s: axis_rows(scale, Zoom.QUARTER, s, 4)[0].window(start, 60) for s in AxisStyle}
    assert texts[AxisStyle.FISCAL].startswith("FY2026")
    assert texts[AxisStyle.ERA].startswith("令和8年度")
    cal = axis_rows(scale, Zoom.QUARTER, AxisStyle.CALENDAR, 4)[0]
    assert cal.window(scale.col(D(2027, 1, 1)), 10).startswith("2027")
    subs = axis_rows(scale, Zoom.QUARTER, AxisStyle.FISCAL, 4)[1].window(start, 60)
    assert subs.startswith("Q1") and "Q2" in subs
    # a fiscal year starting in January: the fiscal axis follows the roadmap
    jan = axis_rows(scale, Zoom.QUARTER, AxisStyle.FISCAL, 1)[0]
    assert jan.window(scale.col(D(2027, 1, 1)), 10).startswith("FY2027")


def test_axis_window_keeps_the_current_year_named() -> None:
    scale = make_scale(D(2024, 1, 1), D(2028, 12, 31), Zoom.MONTH, 100)
    years = axis_rows(scale, Zoom.MONTH, AxisStyle.ERA, 4)[0]
    text = years.window(scale.col(D(2026, 8, 1)), 40)
    assert text.startswith("令和8年度")  # sticky: Aug 2026 is in 令和8年度
    assert cell_len(text) == 40


def test_bars_progress_and_coarse(bundled: RoadmapFolder) -> None:
    scale = make_scale(D(2020, 1, 1), D(2031, 12, 31), Zoom.QUARTER, 100)
    coarse = next(i for i in bundled.items if i.id == "yk-ai-r7-shido")
    x0, glyphs = bar_cells(scale, coarse)
    assert x0 == scale.col(D(2025, 4, 1)) and set(glyphs) <= {"▒", "░"}
    milestone = next(i for i in bundled.items if i.kind.value == "milestone")
    assert bar_cells(scale, milestone)[1].endswith("◆")
    assert slip_text(45) == "→+45d" and slip_text(-3) == "←-3d" and slip_text(0) == ""


def test_query_language() -> None:
    q = parse_query('status:blocked,done tag:kpi -owner:総務 overdue "two words" due:R8')
    fields = [(t.field, t.values, t.negate) for t in q.terms]
    assert fields == [
        ("status", ("blocked", "done"), False),
        ("tag", ("kpi",), False),
        ("owner", ("総務",), True),
        ("is", ("overdue",), False),
        ("text", ("two words",), False),
        ("due", ("r8",), False),
    ]
    assert q.terms[-1].periods == ((D(2026, 4, 1), D(2027, 3, 31)),)
    assert parse_query('"overdue"').terms[0].field == "text"
    bad = parse_query("stauts:done due:nonsense")
    assert any("did you mean 'status'" in e for e in bad.errors) and len(bad.errors) == 2


def test_filter_rows_and_counts(bundled: RoadmapFolder) -> None:
    index = FolderIndex(bundled, AS_OF)
    everything = build_view(index, parse_query(""), "en")
    assert everything.matched == everything.total == len(bundled.items)
    overdue = build_view(index, parse_query("overdue"), "en")
    assert overdue.matched == index.counts.overdue == 88
    # headers without a match are dropped; every item row is reachable by id
    shown = {r.roadmap.id for r in overdue.rows}
    assert shown == {r.roadmap.id for r in overdue.rows if r.kind is RowKind.ITEM}
    for item in overdue.items:
        row = overdue.row_of(item.id)
        assert row is not None and overdue.rows[row].item is item
    during = build_view(index, parse_query("during:R8 -status:done"), "en")
    assert all(i.start_day <= D(2027, 3, 31) and i.due_day >= D(2026, 4, 1) for i in during.items)


def test_detail_text_has_dates_three_ways(cjk_folder: RoadmapFolder) -> None:
    index = FolderIndex(cjk_folder, AS_OF)
    item = cjk_folder.items_by_id["cjk-long"]
    text = detail_text(item, index, "ja").plain
    for needed in ("cjk-long", "2026-04-01", "令和8年4月1日", "FY2026", "令和9年3月31日", "40%"):
        assert needed in text
    assert period_text(item.start).startswith("2026-04-01 · 令和8年4月1日 · FY2026")
