"""Pilot tests of the KPI view: open, move, related items, add an actual, cancel, bad input."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from roadmap_tui import i18n
from roadmap_tui.core.loader import load_paths
from roadmap_tui.ui.app import RoadmapApp, create_app
from roadmap_tui.ui.kpi_entry import KpiEntryScreen
from roadmap_tui.ui.kpi_layout import BAR_DONE, BAR_PATH, BAR_TODO, BAR_UNKNOWN
from roadmap_tui.ui.kpi_table import KpiTable
from roadmap_tui.ui.kpi_view import KpiScreen, RelatedPicker
from tests.conftest import AS_OF
from tests.ui.kpi_fixture import demo_only, kpi_roadmaps

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


def _app(path: Path, lang: str = "en") -> RoadmapApp:
    return create_app([path], AS_OF, lang=lang, folder=load_paths([path]))


def _kpi_id(app: RoadmapApp) -> str | None:
    row = app.screen.query_one(KpiTable).selected
    return row.report.kpi.id if row is not None and row.report is not None else None


async def _settle(app: RoadmapApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_k_opens_the_view_and_the_cursor_moves_over_kpis(tmp_path: Path) -> None:
    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K")
        assert isinstance(app.screen, KpiScreen)
        assert _kpi_id(app) == "demo-forms"  # the first KPI, not the roadmap heading
        await pilot.press("j", "down")
        assert _kpi_id(app) == "demo-double"
        await pilot.press("k")
        assert _kpi_id(app) == "demo-online"
        await pilot.press("G")
        assert _kpi_id(app) == "demo-proposals"
        await pilot.press("g")
        assert _kpi_id(app) == "demo-forms"
        await pilot.press("k")  # stays on the first KPI
        assert _kpi_id(app) == "demo-forms"
        panel = str(app.screen.query_one("#kpi-panel").render())
        assert "demo-forms" in panel and "due 53 days ago" in panel
        await pilot.press("escape")
        assert not isinstance(app.screen, KpiScreen)
        await pilot.press("K")
        assert isinstance(app.screen, KpiScreen)
        await pilot.press("K")  # K also goes back
        assert not isinstance(app.screen, KpiScreen)


async def test_rendered_lines_are_aligned_in_japanese(tmp_path: Path) -> None:
    app = _app(kpi_roadmaps(tmp_path), lang="ja")
    for size in ((120, 36), (80, 24)):
        async with app.run_test(size=size) as pilot:
            await pilot.press("K")
            await pilot.pause()
            table = app.screen.query_one(KpiTable)
            width = table.scrollable_content_region.width
            bar_start = table.plan().starts()[
                [c.key for c, _w in table.plan().columns].index("bar")
            ]
            starts = set()
            for y in range(table.scrollable_content_region.height):
                strip = table.render_line(y)
                assert strip.cell_length == width
                text = strip.text
                glyphs = [text.find(g) for g in (BAR_DONE, BAR_TODO, BAR_UNKNOWN, BAR_PATH)]
                found = [g for g in glyphs if g >= 0]
                if y > 0 and found and table.rows[y - 1].is_kpi:
                    starts.add(cell_len(text[: min(found)]))
            assert starts == {bar_start}
        app = _app(kpi_roadmaps(tmp_path / str(size[0])), lang="ja")


async def test_enter_on_a_kpi_with_one_related_item_goes_to_it(tmp_path: Path) -> None:
    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "enter")  # demo-forms: related to demo-no-forms only
        await pilot.pause()
        assert not isinstance(app.screen, KpiScreen)
        assert app.workspace.selected_id == "demo-no-forms"
        assert app.workspace.filter_text == ""


async def test_several_related_items_offer_a_filter_or_one_item(tmp_path: Path) -> None:
    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "j", "enter")  # demo-online: two related items
        await pilot.pause()
        assert isinstance(app.screen, RelatedPicker)
        await pilot.press("enter")  # the first option: all of them, as a filter
        await pilot.pause()
        ws = app.workspace
        assert not isinstance(app.screen, (KpiScreen, RelatedPicker))
        assert ws.filter_text == "id:demo-forms-online,demo-portal"
        assert ws.view is not None and [i.id for i in ws.view.items] == [
            "demo-forms-online",
            "demo-portal",
        ]
        await pilot.press("escape")  # clears the filter as usual
        # K opens again on demo-online; the picker's third line is its second item
        await pilot.press("K", "enter", "down", "down", "enter")
        await pilot.pause()
        assert ws.selected_id == "demo-portal" and ws.filter_text == ""


async def test_a_kpi_without_related_items_says_so(tmp_path: Path) -> None:
    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        notes: list[str] = []
        app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("K", "j", "j", "enter")  # demo-double
        assert isinstance(app.screen, KpiScreen)
        assert notes == ["Challenges posed has no related items."]


async def test_adding_an_actual_appends_only_its_lines(tmp_path: Path) -> None:
    path = demo_only(tmp_path)
    before = path.read_text(encoding="utf-8")
    app = _app(path, lang="ja")
    async with app.run_test(size=SIZE) as pilot:
        notes: list[str] = []
        app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("K", "j", "a")  # demo-online
        assert isinstance(app.screen, KpiEntryScreen)
        await pilot.press(*"61.5", "tab", "tab", *"中間報告")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, KpiScreen)
        after = path.read_text(encoding="utf-8")
        ops = difflib.SequenceMatcher(
            None, before.splitlines(True), after.splitlines(True)
        ).get_opcodes()
        assert {tag for tag, *_rest in ops} == {"equal", "insert"}
        inserted = [
            line
            for tag, _i1, _i2, j1, j2 in ops
            if tag == "insert"
            for line in after.splitlines(True)[j1:j2]
        ]
        assert [line for line in inserted if line.strip()] == [
            "[[kpis.actuals]]\n",
            "date = 2026-11-22\n",
            "value = 61.5\n",
            'note = "中間報告"\n',
        ], inserted
        # the view shows the new figure, still on the same KPI
        assert _kpi_id(app) == "demo-online"
        row = app.screen.query_one(KpiTable).selected
        assert row is not None and row.text is not None and row.text.latest == "61.5%"
        assert any("61.5%" in n and "kpi-demo.toml" in n for n in notes), notes
        assert app.workspace.folder is not None
        assert app.workspace.folder.kpis_by_id["demo-online"].latest.value == 61.5  # type: ignore[union-attr]


async def test_cancel_and_bad_values_write_nothing(tmp_path: Path) -> None:
    path = demo_only(tmp_path)
    before = path.read_bytes()
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "a", *"62", "escape")
        assert isinstance(app.screen, KpiScreen)
        await pilot.press("a", *"sixty", "enter")
        screen = app.screen
        assert isinstance(screen, KpiEntryScreen)  # still open, the problem under the field
        error = str(screen.query_one("#kpi-entry-value-error").render())
        assert "'sixty' is not a number" in error
        date = screen.query_one("#kpi-entry-date", Input)
        assert date.value == "2026-11-22"
        date.value = "R9"
        await pilot.pause()
        assert "has not begun" in str(screen.query_one("#kpi-entry-date-error").render())
        await pilot.click("#kpi-entry-cancel")
        await _settle(app, pilot)
        assert isinstance(app.screen, KpiScreen)
    assert path.read_bytes() == before


async def test_a_conflict_writes_nothing_and_says_so(tmp_path: Path) -> None:
    path = demo_only(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        notes: list[tuple[str, str]] = []

        def notify(message: str, **kw: Any) -> None:
            notes.append((str(message), str(kw.get("severity", ""))))

        app.notify = notify  # type: ignore[method-assign,assignment]
        await pilot.press("K", "j", "a", *"62")
        # meanwhile someone renames the KPI in an editor
        edited = path.read_text(encoding="utf-8").replace('"demo-online"', '"demo-online-rate"')
        path.write_text(edited, encoding="utf-8")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert path.read_text(encoding="utf-8") == edited
        assert any("changed on disk" in m and s == "error" for m, s in notes), notes
        # the view was reloaded: it shows the file as it is now
        folder = app.workspace.folder
        assert folder is not None and "demo-online-rate" in folder.kpis_by_id


async def test_kpi_palette_commands_open_the_view(tmp_path: Path) -> None:
    from roadmap_tui.ui.actions import ACTIONS

    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        spec = next(s for s in ACTIONS if s.id == "kpi-add")
        await app.run_spec(spec)
        await pilot.pause()
        assert isinstance(app.screen, KpiEntryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, KpiScreen)
        await app.run_spec(next(s for s in ACTIONS if s.id == "kpi-dates"))
        await pilot.pause()
        header = str(app.screen.query_one("#kpi-header").render())
        assert "和暦" in header
        row = app.screen.query_one(KpiTable).selected
        assert row is not None and row.text is not None and row.text.due == "令和8年度上期"


async def test_u_takes_a_new_actual_back(tmp_path: Path) -> None:
    path = demo_only(tmp_path)
    before = path.read_bytes()
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "j", "a", *"62", "enter")
        await _settle(app, pilot)
        assert path.read_bytes() != before
        assert app.files.undo_stack and "Online rate: 62%" in app.files.undo_stack[-1].label
        await pilot.press("u")  # the app's undo, from the KPI view
        await _settle(app, pilot)
        assert path.read_bytes() == before
        row = app.screen.query_one(KpiTable).selected
        assert row is not None and row.text is not None and row.text.latest == "60%"


async def test_two_actuals_in_a_row_are_both_written(tmp_path: Path) -> None:
    path = demo_only(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "j", "a", *"61", "enter")
        await _settle(app, pilot)
        await pilot.press("a", *"62", "enter")
        await _settle(app, pilot)
        text = path.read_text(encoding="utf-8")
        assert "value = 61\n" in text and "value = 62\n" in text
        assert len(app.files.undo_stack) == 2


async def test_k_opens_again_on_the_kpi_shown_last(tmp_path: Path) -> None:
    app = _app(demo_only(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("K", "j", "j", "escape")
        await pilot.press("K")
        assert _kpi_id(app) == "demo-double"
