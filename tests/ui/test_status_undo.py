"""Pilot tests of undo (``u``) and of conflicts with edits made on disk meanwhile."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.core.model import Status
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

#: a planned item of the Ayase roadmap (planned → in progress sets actual_start too)
AYASE_FILE = "ayase-fy2021-departments.toml"


def _replace_on_disk(path: Path, old: str, new: str) -> bytes:
    text = path.read_bytes().decode()
    assert text.count(old) == 1, old
    data = text.replace(old, new).encode()
    path.write_bytes(data)
    return data


async def test_undo_walks_back_every_change_byte_for_byte(roadmap_copy: Path) -> None:
    path, ayase = roadmap_copy / FILE, roadmap_copy / AYASE_FILE
    originals = {p.name: p.read_bytes() for p in roadmap_copy.iterdir()}
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        ws = app.workspace
        planned = next(
            i for i in app.folder.items  # type: ignore[union-attr]
            if i.location and i.location.path.endswith(AYASE_FILE) and i.status is Status.PLANNED
        )  # fmt: skip
        ws.selected_id = ITEM
        await pilot.press("s", "enter")  # in progress → done (sets actual_end)
        await settle(pilot)
        after_first = path.read_bytes()
        ws.selected_id = ITEM
        await pilot.press("s", "enter")  # done → in progress again
        await settle(pilot)
        ws.selected_id = planned.id
        await pilot.press("s", "enter")  # planned → in progress (sets actual_start)
        await settle(pilot)
        assert ayase.read_bytes() != originals[AYASE_FILE]
        assert len(app.files.undo_stack) == 3
        await pilot.press("u")
        await settle(pilot)
        assert ayase.read_bytes() == originals[AYASE_FILE]
        assert "Undone" in notices.last[0] and planned.id in notices.last[0]
        assert app.folder.items_by_id[planned.id].status is Status.PLANNED  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == after_first
        assert app.folder.items_by_id[ITEM].status is Status.DONE  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        item = app.folder.items_by_id[ITEM]  # type: ignore[union-attr]
        assert item.status is Status.IN_PROGRESS and item.history == []
        assert ws.selected_id == planned.id  # undo never moves the cursor
        await pilot.press("u")
        await settle(pilot)
        assert notices.last[0] == "Nothing to undo."
    assert {p.name: p.read_bytes() for p in roadmap_copy.iterdir()} == originals


async def test_a_conflicting_edit_on_disk_is_kept_and_the_user_told(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        # a teammate marks the same item done (an editor save) after the app loaded it
        theirs = _replace_on_disk(
            path, 'end = "2025年度"\nstatus = "in-progress"', 'end = "2025年度"\nstatus = "done"'
        )
        app.workspace.selected_id = ITEM
        await pilot.press("s", "down", "enter")  # in progress → blocked, as the app saw it
        await settle(pilot)
        assert path.read_bytes() == theirs  # nothing was written over their edit
        message, severity, title = notices.last
        assert severity == "error" and FILE in title and "changed on disk" in title
        assert "Nothing was written" in message and "try again" in message
        # the file was reloaded: the view shows their status, and nothing can be undone
        assert app.folder.items_by_id[ITEM].status is Status.DONE  # type: ignore[union-attr]
        assert app.files.undo_stack == []


async def test_an_edit_elsewhere_in_the_file_is_kept_and_the_change_applied(
    roadmap_copy: Path,
) -> None:
    path = roadmap_copy / FILE
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        theirs = _replace_on_disk(
            path, 'title = "「デジタル庁」設置"', 'title = "デジタル庁の設置"'
        )
        app.workspace.selected_id = ITEM
        await pilot.press("s", "down", "enter")  # in progress → blocked
        await settle(pilot)
        text = path.read_bytes().decode()
        assert 'title = "デジタル庁の設置"' in text  # their edit
        assert text.count('status = "blocked"') == 2  # ours: the item and its history entry
        assert len(text.splitlines()) == len(theirs.decode().splitlines()) + 6
        assert any("had changed on disk" in m and sev == "warning" for m, sev, _t in notices.seen)
        folder = app.folder
        assert folder is not None
        assert folder.items_by_id["tz-dx-nat-digital-agency"].title == "デジタル庁の設置"
        assert folder.items_by_id[ITEM].status is Status.BLOCKED
        # undo takes back ours only
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == theirs


async def test_undo_refused_when_the_change_was_edited_on_disk(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        app.workspace.selected_id = ITEM
        await pilot.press("s", "down", "enter")  # in progress → blocked
        await settle(pilot)
        theirs = _replace_on_disk(
            path, 'end = "2025年度"\nstatus = "blocked"', 'end = "2025年度"\nstatus = "done"'
        )
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == theirs
        message, severity, title = notices.last
        assert severity == "error" and "Cannot undo" in title and ITEM in title
        assert "dropped from the undo list" in message
        assert app.files.undo_stack == []
        assert app.folder.items_by_id[ITEM].status is Status.DONE  # type: ignore[union-attr]
