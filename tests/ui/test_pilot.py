"""Pilot tests: navigation, zoom, filter, details, palette, reload, list sort."""

from __future__ import annotations

from rich.cells import cell_len

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.actions import ACTIONS
from roadmap_tui.ui.detail import DetailScreen
from roadmap_tui.ui.help import HelpScreen
from roadmap_tui.ui.state import RowKind
from roadmap_tui.ui.timeline import AXIS_LINES, Timeline
from roadmap_tui.ui.timeline_layout import BAR_DONE, Zoom
from tests.conftest import AS_OF, ROADMAPS
from tests.ui.conftest import MakeApp

SIZE = (120, 36)


async def test_cursor_moves_over_items_only(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        ws = app.workspace
        view = ws.view
        assert view is not None
        first = view.items[0]
        assert ws.selected_id == first.id
        await pilot.press("j", "down")
        assert ws.selected_id == view.items[2].id
        await pilot.press("k")
        assert ws.selected_id == view.items[1].id
        await pilot.press("G")
        assert ws.selected_id == view.items[-1].id
        await pilot.press("g")
        assert ws.selected_id == first.id
        # moving past the last item of a track skips the next track's header row
        timeline = app.query_one(Timeline)
        track_end = next(
            n for n, r in enumerate(view.rows)
            if r.kind is RowKind.ITEM and view.rows[n + 1].kind is not RowKind.ITEM
        )  # fmt: skip
        ws.selected_id = view.rows[track_end].item.id  # type: ignore[union-attr]
        await pilot.press("j")
        assert timeline.cursor_row is not None
        assert view.rows[timeline.cursor_row].kind is RowKind.ITEM
        assert timeline.cursor_row > track_end + 1


async def test_click_selects_and_double_click_opens(
    bundled: RoadmapFolder, make_app: MakeApp
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        view = app.workspace.view
        assert view is not None
        row = view.row_of(view.items[3].id)
        assert row is not None
        await pilot.click(Timeline, offset=(5, row + AXIS_LINES))
        assert app.workspace.selected_id == view.items[3].id
        await pilot.click(Timeline, offset=(5, row + AXIS_LINES), times=2)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_zoom_keys_keep_the_middle_day(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        ws, timeline = app.workspace, app.query_one(Timeline)
        assert ws.zoom is Zoom.YEAR
        await pilot.press("t")
        before = timeline.centre_day()
        assert before is not None
        await pilot.press("plus")
        assert ws.zoom is Zoom.HALF
        await pilot.press("plus", "plus", "plus")
        assert ws.zoom is Zoom.MONTH  # stops at the finest level
        after = timeline.centre_day()
        assert after is not None and abs((after - before).days) < 40
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        assert ws.zoom is Zoom.FIT
        assert timeline.scale is not None and timeline.scale.width == timeline.chart_width
        await pilot.press("minus")
        assert ws.zoom is Zoom.FIT


async def test_pan_and_today(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("t")
        start = timeline.window_start
        assert timeline.scale is not None
        today_col = timeline.scale.col(AS_OF)
        assert start <= today_col < start + timeline.chart_width
        await pilot.press("l")
        assert timeline.window_start > start
        await pilot.press("h", "h")
        assert timeline.window_start < start
        await pilot.press("H")
        await pilot.press("t")
        assert timeline.window_start == start


async def test_filter_counts_and_escape(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        ws = app.workspace
        await pilot.press("slash")
        await pilot.press(*"overdue roadmap:tokorozawa")
        await pilot.press("enter")
        view = ws.view
        assert view is not None and ws.filter_text == "overdue roadmap:tokorozawa"
        expected = [
            i for i in bundled.items
            if "tokorozawa" in i.roadmap_id and view.index.flags_of(i).overdue
        ]  # fmt: skip
        assert [i.id for i in view.items] == [i.id for i in expected]
        assert 0 < view.matched < view.total
        assert ws.selected_id in {i.id for i in expected}
        await pilot.press("escape")
        assert ws.filter_text == ""
        assert ws.view is not None and ws.view.matched == ws.view.total


async def test_filter_escape_in_the_bar_restores(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        ws = app.workspace
        await pilot.press("slash", *"status:done", "enter")
        done = ws.view.matched if ws.view else 0
        await pilot.press("slash", *" nothing-matches-this", "escape")
        assert ws.filter_text == "status:done"
        assert ws.view is not None and ws.view.matched == done > 0


async def test_details_show_every_field_and_go_to_dependency(
    bundled: RoadmapFolder, make_app: MakeApp
) -> None:
    item = next(i for i in bundled.items if i.depends_on)
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        app.workspace.selected_id = item.id
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.item is item
        text = str(screen.query_one("#detail-text").render())
        for needed in (item.id, "令和", "FY", item.depends_on[0], "Depends on", "Source"):
            assert needed in text
        await pilot.press("tab", "enter")  # the first linked item
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)
        assert app.workspace.selected_id == item.depends_on[0]


async def test_list_view_sorts_and_shares_the_selection(
    bundled: RoadmapFolder, make_app: MakeApp
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        ws = app.workspace
        await pilot.press("j", "j")
        chosen = ws.selected_id
        await pilot.press("v")
        assert ws.mode == "list"
        table = ws.item_table
        assert table.order[table.cursor_row or 0].id == chosen
        await pilot.press("o")  # flags first
        await pilot.press("o")  # then id
        assert ws.sort_column == "id"
        ids = [i.id for i in table.order]
        assert ids == sorted(ids)
        assert table.order[table.cursor_row or 0].id == chosen
        await pilot.press("O")
        assert [i.id for i in table.order] == sorted(ids, reverse=True)
        await pilot.click("ItemTable", offset=(80, 0))  # a header: sort by that column
        assert ws.sort_column not in (None, "id")
        await pilot.press("tab")
        assert ws.mode == "timeline" and ws.selected_id == chosen


async def test_help_and_palette_cover_every_action(
    bundled: RoadmapFolder, make_app: MakeApp
) -> None:
    from roadmap_tui.ui.palette import RoadmapCommands

    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        provider = RoadmapCommands(app.screen)
        hits = [hit async for hit in provider.discover()]
        assert len(hits) == len(ACTIONS)
        bound = {b.action for _k, b in app.workspace._bindings}  # type: ignore[attr-defined]
        assert bound <= {spec.action for spec in ACTIONS}
        # running a palette command does what its key does
        zoom = app.workspace.zoom
        spec = next(s for s in ACTIONS if s.id == "zoom-in")
        await app.run_spec(spec)
        assert app.workspace.zoom < zoom
        found = [h async for h in provider.search("yk-ai-r7")]
        assert any("Go to" in str(h.text) for h in found)


async def test_reload_keeps_the_selection(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    from roadmap_tui.core.loader import load_paths

    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        chosen = app.workspace.selected_id
        app.reload(load_paths([ROADMAPS]))
        await pilot.pause()
        assert app.folder is not bundled
        assert app.workspace.selected_id == chosen
        timeline = app.query_one(Timeline)
        view = app.workspace.view
        assert view is not None and timeline.cursor_row == view.row_of(chosen)


async def test_loads_in_a_worker_from_paths() -> None:
    from roadmap_tui.ui.app import create_app

    app = create_app([ROADMAPS], AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.folder is not None and len(app.folder.roadmaps) == 6
        assert app.workspace.view is not None


async def test_theme_toggle(bundled: RoadmapFolder, make_app: MakeApp) -> None:
    app = make_app(bundled, theme="light")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "roadmap-light"
        await pilot.press("T")
        assert app.theme == "roadmap-dark"


def _bar_start_cell(timeline: Timeline, y: int) -> int:
    text = timeline.render_line(y).text
    at = text.index(BAR_DONE)
    return cell_len(text[:at])


async def test_japanese_titles_never_shift_a_bar(
    cjk_folder: RoadmapFolder, make_app: MakeApp
) -> None:
    for lang in ("ja", "en"):
        app = make_app(cjk_folder, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            timeline = app.query_one(Timeline)
            view = app.workspace.view
            assert view is not None
            lines = {i.id: view.row_of(i.id) for i in view.items}
            y_cjk, y_ascii = lines["cjk-long"], lines["ascii-plain"]
            assert y_cjk is not None and y_ascii is not None
            starts = {
                _bar_start_cell(timeline, y_cjk + AXIS_LINES),
                _bar_start_cell(timeline, y_ascii + AXIS_LINES),
            }
            assert len(starts) == 1
            width = timeline.scrollable_content_region.width
            for y in range(timeline.scrollable_content_region.height):
                assert timeline.render_line(y).cell_length == width
