"""Switching the language while the app runs: header, footer, views, axis, KPI view, help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widget import Widget

from roadmap_tui import i18n
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.i18n import get_lang
from roadmap_tui.ui.actions import ACTIONS
from roadmap_tui.ui.app import RoadmapApp
from roadmap_tui.ui.header import HeaderBar
from roadmap_tui.ui.help import help_tables
from roadmap_tui.ui.kpi_view import KpiScreen
from roadmap_tui.ui.language import other_language
from roadmap_tui.ui.list_view import ItemTable
from roadmap_tui.ui.timeline import Timeline
from roadmap_tui.ui.timeline_layout import AxisStyle, Zoom, axis_rows, make_scale
from tests.conftest import AS_OF
from tests.ui.conftest import MakeApp
from tests.ui.kpi_fixture import demo_only

SIZE = (120, 36)
SWITCH = next(s for s in ACTIONS if s.id == "switch-language")


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


def _footer(app: RoadmapApp) -> list[str]:
    return [str(getattr(w, "description", "")) for w in app.screen.query("FooterKey")]


def _header(app: RoadmapApp) -> str:
    return str(app.workspace.query_one(HeaderBar).render())


async def _switch(app: RoadmapApp, pilot: object) -> None:
    await app.run_spec(SWITCH)
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_switching_changes_header_footer_views_and_axis(
    bundled: RoadmapFolder, make_app: MakeApp
) -> None:
    app = make_app(bundled, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ws = app.workspace
        assert "Help" in _footer(app) and "as of" in _header(app)
        assert ws.axis_style is AxisStyle.FISCAL
        roadmap = bundled.roadmaps[0]
        assert ws.view is not None and ws.view.rows[0].label == roadmap.title_for("en")
        selected = ws.selected_id

        await _switch(app, pilot)
        assert get_lang() == "ja" and app.lang == "ja" and ws.lang == "ja"
        assert "ヘルプ" in _footer(app) and "終了" in _footer(app)
        assert "Help" not in _footer(app)
        assert "基準日" in _header(app) and "as of" not in _header(app)
        assert ws.axis_style is AxisStyle.ERA  # the language's default axis
        assert ws.view is not None and ws.view.rows[0].label == roadmap.title_for("ja")
        assert ws.selected_id == selected  # the cursor stays on its item
        timeline = app.query_one(Timeline)
        axis = timeline.render_line(0).text
        assert "R8" in axis and "FY" not in axis
        await pilot.press("v")
        table = app.query_one(ItemTable)
        header = table.render_line(0).text
        assert "状況" in header and "Status" not in header
        assert any(status in table.render_line(1).text for status in ("予定", "進行中", "完了"))

        await _switch(app, pilot)
        assert get_lang() == "en" and "Help" in _footer(app) and "as of" in _header(app)
        assert ws.axis_style is AxisStyle.FISCAL


async def test_an_axis_the_user_chose_stays(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")  # FY → era years (the user's choice)
        assert app.workspace.axis_style is AxisStyle.ERA
        await pilot.press("a")  # era → calendar
        await _switch(app, pilot)
        assert app.workspace.axis_style is AxisStyle.CALENDAR


async def test_the_kpi_view_follows_a_switch(tmp_path: Path) -> None:
    from roadmap_tui.ui.app import create_app

    path = demo_only(tmp_path)
    app = create_app([path], AS_OF, lang="ja", folder=load_paths([path]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K")
        screen = app.screen
        assert isinstance(screen, KpiScreen)
        header = str(screen.query_one("#kpi-header").render())
        assert "期限超過" in header and "和暦" in header
        await _switch(app, pilot)
        assert app.screen is screen
        header = str(screen.query_one("#kpi-header").render())
        assert "overdue" in header and "ISO and FY" in header
        footer = [str(getattr(w, "description", "")) for w in screen.query("FooterKey")]
        assert "Add actual" in footer and "Back" in footer
        panel = str(screen.query_one("#kpi-panel").render())
        assert "Forms filled in" in panel and "baseline 7 sheets (FY2025)" in panel


def test_help_and_month_names_are_in_the_catalog() -> None:
    i18n.set_lang("ja")
    text = " ".join(
        str(cell) for table in help_tables() for column in table.columns for cell in column.cells
    )
    for english in ("has the tag", "milestone or phase", "phase: done part, remaining part"):
        assert english not in text
    scale = make_scale(AS_OF.replace(month=1, day=1), AS_OF.replace(month=12, day=31),
                       Zoom.MONTH, 200)  # fmt: skip
    months = axis_rows(scale, Zoom.MONTH, AxisStyle.FISCAL, 4)[1].texts
    assert "Apr" not in months and "4月" in months


def test_other_language() -> None:
    assert other_language("ja") == "en" and other_language("en") == "ja"


def test_footer_keys_are_widgets_with_descriptions(bundled: RoadmapFolder) -> None:
    # TranslatedFooter relies on FooterKey having a ``description`` attribute
    from textual.widgets._footer import FooterKey

    key = FooterKey("q", "q", "Quit", "quit")
    assert isinstance(key, Widget) and key.description == "Quit"
