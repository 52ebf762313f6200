"""The KPI view's text layout: columns in both languages, bars by direction, the entry checks."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from roadmap_tui import i18n
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.i18n import set_lang
from roadmap_tui.ui.kpi_entry import check_entry, default_date
from roadmap_tui.ui.kpi_layout import (
    BAR_DONE,
    BAR_PATH,
    BAR_UNKNOWN,
    COLUMNS,
    KpiRow,
    bar_pieces,
    build_rows,
    header_pieces,
    kpi_pieces,
    plan_columns,
    roadmap_pieces,
    table_target,
)
from tests.conftest import AS_OF
from tests.ui.kpi_fixture import kpi_roadmaps


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> RoadmapFolder:
    return load_paths([kpi_roadmaps(tmp_path_factory.mktemp("kpi"))])


def _rows(folder: RoadmapFolder, lang: str) -> list[KpiRow]:
    set_lang(lang)
    return build_rows(folder, AS_OF, lang)


def _row(rows: list[KpiRow], kpi_id: str) -> KpiRow:
    return next(r for r in rows if r.report is not None and r.report.kpi.id == kpi_id)


def _text(pieces: list[tuple[str, str]]) -> str:
    return "".join(text for text, _style in pieces)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [120, 80, 60])
def test_every_line_is_as_wide_as_the_table_and_columns_line_up(
    folder: RoadmapFolder, lang: str, width: int
) -> None:
    rows = _rows(folder, lang)
    plan = plan_columns(rows, width)
    starts = plan.starts()
    header = _text(header_pieces(plan))
    assert cell_len(header) == width
    for row in rows:
        if not row.is_kpi:
            assert cell_len(_text(roadmap_pieces(row, lang, width))) == width
            continue
        for cursor in (False, True):
            pieces = kpi_pieces(row, plan, cursor)
            assert cell_len(_text(pieces)) == width, row.text
        # every column begins at its start cell: the piece boundaries include every start
        at, bounds = 0, set()
        for text, _style in kpi_pieces(row, plan, False):
            bounds.add(at)
            at += cell_len(text)
        assert set(starts) <= bounds, (row.text, starts, sorted(bounds))


def test_japanese_titles_are_cut_at_a_cell_boundary(folder: RoadmapFolder) -> None:
    rows = _rows(folder, "ja")
    plan = plan_columns(rows, 80)
    title_width = dict((c.key, w) for c, w in plan.columns)["title"]
    long = _row(rows, "tz-dx-kpi-admin-info")  # a very long Japanese title
    cell = kpi_pieces(long, plan, False)[1][0]
    assert cell_len(cell) == title_width and cell.endswith("…")


def test_narrow_screens_drop_baseline_then_trend_then_due(folder: RoadmapFolder) -> None:
    rows = _rows(folder, "en")
    keys = {w: [c.key for c, _w in plan_columns(rows, w).columns] for w in (160, 120, 80, 50)}
    assert keys[160] == [c.key for c in COLUMNS]
    assert "baseline" not in keys[80] and "spark" not in keys[80] and "due" not in keys[80]
    for always in ("title", "bar", "latest", "attainment", "flag"):
        assert always in keys[50]


def test_bars_follow_the_direction(folder: RoadmapFolder) -> None:
    rows = _rows(folder, "en")
    # 7 → 0 sheets (<=) at 2 sheets: 71.4 % of the way, overdue colour
    forms = _row(rows, "demo-forms")
    assert forms.report is not None
    pieces = bar_pieces(forms.report, 10)
    assert pieces[0] == (BAR_DONE * 7, "overdue")
    # 59 % → 70 % (>=) at 60 %: a sliver, behind the straight line (│ further right)
    online = _row(rows, "demo-online")
    assert online.report is not None
    bar = _text(bar_pieces(online.report, 10))
    assert bar.index(BAR_DONE) < bar.index(BAR_PATH)
    assert bar_pieces(online.report, 10)[0][1] == "off-track"
    # 倍増 with a baseline (12 → 24 at 18): half; without a baseline: unknown
    double = _row(rows, "demo-double")
    assert double.report is not None and double.report.target_value == 24
    assert _text(bar_pieces(double.report, 10)).count(BAR_DONE) in (4, 5)
    unknown = _row(rows, "demo-proposals")
    assert unknown.report is not None
    assert bar_pieces(unknown.report, 10) == [(BAR_UNKNOWN * 10, "dim")]
    # met: full, in the "met" colour
    met = _row(rows, "demo-ai-users")
    assert met.report is not None
    met_pieces = bar_pieces(met.report, 10)
    assert _text(met_pieces).count(BAR_DONE) == 9  # and the path marker, far behind
    assert {style for text, style in met_pieces if BAR_DONE in text} == {"met"}


def test_cells_in_both_languages(folder: RoadmapFolder) -> None:
    ja, en = _rows(folder, "ja"), _rows(folder, "en")
    assert table_target(_row(ja, "demo-forms")) == "0枚以下"
    assert table_target(_row(en, "demo-forms")) == "<= 0 sheets"
    assert table_target(_row(ja, "demo-double")) == "倍増"
    assert table_target(_row(en, "demo-double")) == ">= 24"
    assert table_target(_row(en, "demo-proposals")) == "2× the baseline"
    ai = _row(ja, "yk-kpi-ai-users").text
    assert ai is not None and ai.baseline == "約1,060万人" and ai.latest == "1,120万人"
    assert _row(ja, "demo-forms").text.flags == ("期限超過",)  # type: ignore[union-attr]
    assert _row(en, "demo-online").text.flags == ("off track",)  # type: ignore[union-attr]
    assert _row(ja, "demo-forms").text.due == "令和8年度上期"  # type: ignore[union-attr]
    assert _row(en, "demo-forms").text.due == "FY2026H1"  # type: ignore[union-attr]


# ── the entry dialog's checks ─────────────────────────────────────────────────


def _kpi(folder: RoadmapFolder, kpi_id: str = "demo-online"):  # type: ignore[no-untyped-def]
    return folder.kpis_by_id[kpi_id]


@pytest.mark.parametrize(
    ("typed", "value"),
    [("62", 62), ("1,450万", 14_500_000), ("62%", 62), ("６２", 62), ("31.3", 31.3)],
)
def test_entry_reads_values_as_planners_write_them(
    folder: RoadmapFolder, typed: str, value: float
) -> None:
    result = check_entry(_kpi(folder), typed, "2026-11-22", "", as_of=AS_OF, lang="ja")
    assert result.actual is not None and result.actual.value == value
    assert result.actual.when == _dt.date(2026, 11, 22)


def test_entry_dates_keep_their_form_and_must_have_begun(folder: RoadmapFolder) -> None:
    kpi = _kpi(folder)
    ok = check_entry(kpi, "62", "R8上期", "中間", as_of=AS_OF, lang="ja")
    assert ok.actual is not None and ok.actual.when == "R8上期" and ok.actual.note == "中間"
    assert ok.preview == "62%（令和8年度上期）"
    day = check_entry(kpi, "62", default_date(AS_OF, "ja"), "", as_of=AS_OF, lang="ja")
    assert day.actual is not None and day.actual.when == AS_OF
    assert default_date(AS_OF, "ja") == "令和8年11月22日"
    assert default_date(AS_OF, "en") == "2026-11-22"
    future = check_entry(kpi, "62", "R9", "", as_of=AS_OF, lang="en")
    assert future.actual is None and "has not begun" in future.date_error
    bad = check_entry(kpi, "62", "令和0年", "", as_of=AS_OF, lang="en")
    assert bad.actual is None and "is not a date" in bad.date_error


def test_entry_refuses_what_is_not_a_number(folder: RoadmapFolder, tmp_path: Path) -> None:
    set_lang("ja")
    result = check_entry(_kpi(folder), "六十", "2026-11-22", "", as_of=AS_OF, lang="ja")
    assert result.actual is None and "六十" in result.value_error
    empty = check_entry(_kpi(folder), " ", "2026-11-22", "", as_of=AS_OF, lang="en")
    assert empty.actual is None and empty.value_error


def test_detail_labels_line_up_in_japanese(folder: RoadmapFolder) -> None:
    from roadmap_tui.ui.detail import detail_text
    from roadmap_tui.ui.state import FolderIndex

    set_lang("ja")
    item = folder.items_by_id["yk-dx-1-r9-konbini"]
    text = detail_text(item, FolderIndex(folder, AS_OF), "ja").plain
    starts = set()
    for line in text.splitlines():
        for label in ("ID", "種類", "工程表", "状況", "期限"):
            if line.startswith(label + " "):
                value = line[len(label) :].lstrip(" ")
                starts.add(cell_len(line) - cell_len(value))
    assert starts == {14}
    # related KPIs use the KPI view's words and figures
    assert (
        "コンビニ等での住民票発行利用率: 58%（令和8年9月30日） → 76%以上（令和11年度） 達成率 0% [進捗遅れ]"
        in text
    )


def test_entry_warns_of_a_share_outside_0_to_100(folder: RoadmapFolder) -> None:
    slip = check_entry(_kpi(folder), "1,200万", "2026-11-22", "", as_of=AS_OF, lang="en")
    assert slip.actual is not None  # allowed, but said plainly
    assert slip.preview == "12M% (2026-11-22)  (outside 0–100%: check the value)"
    fine = check_entry(_kpi(folder), "62", "2026-11-22", "", as_of=AS_OF, lang="en")
    assert "outside" not in fine.preview
