"""Pilot tests of the status picker (``s``): what it offers, what it writes, what it refuses.

Every test runs on a temp copy of the bundled roadmaps and compares the file's bytes.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from roadmap_tui.core.dates import parse_period
from roadmap_tui.core.errors import DateError
from roadmap_tui.core.model import TRANSITIONS, Status
from roadmap_tui.ui.actions import ACTIONS
from roadmap_tui.ui.detail import DetailScreen
from roadmap_tui.ui.list_view import ItemTable
from roadmap_tui.ui.status_picker import StatusPicker, history_date, progress_value
from tests.conftest import AS_OF
from tests.ui.status_fixture import (
    FILE,
    ITEM,
    SIZE,
    Notices,
    roadmap_copy,
    settle,
    started,
    status_app,
)

__all__ = ["roadmap_copy"]  # the fixture, imported for pytest

STATUS_LINE = 'status = "in-progress"\n'
ITEM_END = 'section = "基本方針を改定する目的" }\n\n'


def _options(picker: StatusPicker) -> list[str]:
    options = picker.query_one(OptionList)
    return [str(options.get_option_at_index(n).id) for n in range(options.option_count)]


def _changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


async def test_picker_offers_only_the_allowed_transitions(roadmap_copy: Path) -> None:
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        for item_id in (ITEM, "tz-dx-nat-digital-agency"):  # in progress, done
            item = app.folder.items_by_id[item_id]  # type: ignore[union-attr]
            app.workspace.selected_id = item_id
            await pilot.press("s")
            picker = app.screen
            assert isinstance(picker, StatusPicker)
            allowed = [s.value for s in TRANSITIONS[item.status]]
            # the allowed transitions, then "keep the status" (to record progress alone)
            assert _options(picker) == [*allowed, item.status.value]
            assert item.status is not Status.DONE or allowed == ["in-progress"]
            await pilot.press("escape")
            assert not isinstance(app.screen, StatusPicker)


async def test_choosing_a_status_writes_the_file_and_the_view_follows(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    original = path.read_bytes()
    others = {p.name: p.read_bytes() for p in roadmap_copy.iterdir() if p.name != FILE}
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        ws = app.workspace
        blocked_before = ws.view.index.counts.blocked  # type: ignore[union-attr]
        ws.selected_id = ITEM
        await pilot.press("s")
        # in progress → done, blocked, planned, cancelled: the second is "blocked"
        await pilot.press("down", "tab", *"待ち", "enter")
        await settle(pilot)
        text = original.decode()
        at = text.index(f'id = "{ITEM}"')
        status_at = text.index(STATUS_LINE, at)
        end_at = text.index(ITEM_END, at) + len(ITEM_END) - 1
        history = (
            '\n[[items.history]]\ndate = 2026-11-22\nfrom = "in-progress"\nstatus = "blocked"\n'
            'note = "待ち"\nauthor = "tester"\n'
        )
        expected_text = (
            text[:status_at] + 'status = "blocked"\n' + text[status_at + len(STATUS_LINE) : end_at]
            + history + text[end_at:]
        )  # fmt: skip
        expected = expected_text.encode()
        assert path.read_bytes() == expected
        assert _changed_lines(original, path.read_bytes()) == [
            '-status = "in-progress"',
            '+status = "blocked"',
            "+",
            "+[[items.history]]",
            "+date = 2026-11-22",
            '+from = "in-progress"',
            '+status = "blocked"',
            '+note = "待ち"',
            '+author = "tester"',
        ]
        assert {p.name: p.read_bytes() for p in roadmap_copy.iterdir() if p.name != FILE} == others
        # the view: the item, the header counts, the list, the details
        item = app.folder.items_by_id[ITEM]  # type: ignore[union-attr]
        assert item.status is Status.BLOCKED
        assert [(h.from_status, h.status, h.note) for h in item.history] == [
            (Status.IN_PROGRESS, Status.BLOCKED, "待ち")
        ]
        assert ws.selected_id == ITEM
        assert ws.view is not None and ws.view.index.counts.blocked == blocked_before + 1
        assert "Saved" in notices.text() and "in progress → blocked" in notices.text()
        await pilot.press("v")
        table = app.query_one(ItemTable)
        row = table.order.index(item)
        line = table.render_line(row - int(table.scroll_offset.y) + 1).text
        assert ITEM[:10] in line and "blocked" in line
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        details = str(app.screen.query_one("#detail-text", Static).render())
        assert "2026-11-22" in details and "→ blocked" in details and "待ち" in details


async def test_escape_cancels_and_writes_nothing(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    original = path.read_bytes()
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.workspace.selected_id = ITEM
        await pilot.press("s", "down", "tab", *"note", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatusPicker)
        assert app.files.undo_stack == []
        assert app.folder.items_by_id[ITEM].status is Status.IN_PROGRESS  # type: ignore[union-attr]
    assert path.read_bytes() == original


async def test_bad_progress_and_date_are_shown_inline_and_nothing_is_written(
    roadmap_copy: Path,
) -> None:
    path = roadmap_copy / FILE
    original = path.read_bytes()
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.workspace.selected_id = ITEM
        await pilot.press("s")
        picker = app.screen
        assert isinstance(picker, StatusPicker)
        await pilot.press("tab", "tab", *"140")
        message = picker.query_one("#status-progress-msg", Static)
        assert "from 0 to 100, not '140'" in str(message.render())
        assert message.has_class("-error")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is picker and picker.focused is picker.query_one("#status-progress")
        await pilot.press("backspace", "backspace", "backspace", *"40")
        assert not message.has_class("-error")
        date = picker.query_one("#status-date", Input)
        date.value = ""
        await pilot.press("tab", *"令和0年", "enter")
        await settle(pilot)
        try:
            parse_period("令和0年")
        except DateError as exc:
            expected = str(exc)
        shown = str(picker.query_one("#status-date-msg", Static).render())
        assert shown == expected and "令和" in shown
        assert app.screen is picker
        assert path.read_bytes() == original
        date.value = "R8"  # a coarse form is accepted (and written as typed)
        await pilot.pause()
        assert "2026-04-01 – 2027-03-31" in str(picker.query_one("#status-date-msg").render())
        await pilot.press("escape")
    assert path.read_bytes() == original


async def test_keeping_the_status_records_progress(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    original = path.read_bytes()
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.workspace.selected_id = ITEM
        await pilot.press("s", "end", "enter")  # "keep in progress" without a progress
        picker = app.screen
        assert isinstance(picker, StatusPicker)
        assert "give a new progress" in str(picker.query_one("#status-progress-msg").render())
        await pilot.press(*"60", "enter")
        await settle(pilot)
        item = app.folder.items_by_id[ITEM]  # type: ignore[union-attr]
        assert item.status is Status.IN_PROGRESS and item.progress == 60
    lines = _changed_lines(original, path.read_bytes())
    assert lines == [
        "+progress = 60",
        "+",
        "+[[items.history]]",
        "+date = 2026-11-22",
        '+author = "tester"',
        "+progress = 60",
    ]


async def test_status_is_a_palette_command_and_in_help(roadmap_copy: Path) -> None:
    from roadmap_tui.ui.palette import RoadmapCommands

    spec = next(s for s in ACTIONS if s.id == "status")
    assert spec.keys == "s" and next(s for s in ACTIONS if s.id == "undo").keys == "u"
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.workspace.selected_id = ITEM
        hits = [h async for h in RoadmapCommands(app.screen).search("Status")]
        assert any("[s]" in str(h.text) for h in hits)
        await app.run_spec(spec)
        await pilot.pause()
        assert isinstance(app.screen, StatusPicker)


def test_field_parsers() -> None:
    assert progress_value("") is None
    assert progress_value(" 40% ") == 40
    assert progress_value("４０") == 40
    for bad in ("140", "-1", "4.5", "abc"):
        try:
            progress_value(bad)
        except ValueError as exc:
            assert bad in str(exc)
        else:
            raise AssertionError(bad)
    assert history_date("2026-11-22", 4) == AS_OF
    assert history_date("令和8年11月22日", 4) == AS_OF
    assert history_date("R8", 4) == "R8"


async def test_the_picker_is_for_the_item_under_the_cursor_even_when_typed_fast(
    roadmap_copy: Path,
) -> None:
    """``j s`` typed faster than the workspace hears of the move: still the new item."""
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        timeline = app.workspace.timeline
        before = app.workspace.selected_id
        timeline.action_cursor_down()  # the view moved; its message is still queued
        moved_to = timeline.selected_id
        assert moved_to != before and app.workspace.selected_id == before
        app.action_change_status()
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, StatusPicker)
        assert picker.item.id == moved_to
