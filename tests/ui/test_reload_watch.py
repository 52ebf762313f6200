"""Pilot tests of following the files on disk: edits, broken files, new and deleted files.

The app runs without its timer; each test writes to a temp copy of the bundled
roadmaps and calls ``app.files.check_now()`` (what the timer calls every 1.5 s).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from textual.widgets import Static

from roadmap_tui.core.model import Status
from roadmap_tui.ui.errors_panel import ErrorsPanel
from roadmap_tui.ui.status_picker import StatusPicker
from tests.conftest import ROADMAPS
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

IN_PROGRESS = 'end = "2025年度"\nstatus = "in-progress"'
DONE = 'end = "2025年度"\nstatus = "done"'


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_a_change_on_disk_is_reloaded_with_a_notice(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        ws = app.workspace
        ws.selected_id = ITEM
        before = app.folder
        app.files.check_now()  # nothing changed: nothing happens
        await settle(pilot)
        assert app.folder is before and notices.seen == []
        _edit(path, IN_PROGRESS, DONE)
        app.files.check_now()
        await settle(pilot)
        assert app.folder is not before
        assert app.folder.items_by_id[ITEM].status is Status.DONE  # type: ignore[union-attr]
        assert notices.last[:2] == (f"{FILE} changed on disk — reloaded", "information")
        assert ws.selected_id == ITEM
        # touching a file (same bytes, new mtime) is not a change
        os.utime(path, ns=(1, 1))
        shown = app.folder
        app.files.check_now()
        await settle(pilot)
        assert app.folder is shown and len(notices.seen) == 1
        # the app's own writes are not reported as changes on disk
        await pilot.press("s", "enter")  # done → in progress
        await settle(pilot)
        app.files.check_now()
        await settle(pilot)
        assert not any("changed on disk" in m for m, _s, _t in notices.seen[1:])


async def test_a_file_that_breaks_keeps_its_roadmap_on_screen(roadmap_copy: Path) -> None:
    path = roadmap_copy / FILE
    good = path.read_bytes()
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        ws = app.workspace
        ws.selected_id = ITEM
        items = len(app.folder.items)  # type: ignore[union-attr]
        panel = app.query_one(ErrorsPanel)
        assert not panel.display
        # a half-finished edit: an unterminated string on line 97
        _edit(path, IN_PROGRESS, 'end = "2025年度"\nstatus = "in-progr')
        app.files.check_now()
        await settle(pilot)
        folder = app.folder
        assert folder is not None
        assert len(folder.items) == items  # the roadmap still shows, as it was
        assert folder.items_by_id[ITEM].status is Status.IN_PROGRESS
        assert ws.selected_id == ITEM
        assert panel.display
        text = str(panel.query_one("#errors-text", Static).render())
        assert f"{path}:97:" in text and "TOML syntax" in text
        assert f"{path}: stale:" in text
        message, severity, _title = notices.last
        assert severity == "warning" and "does not load" in message and FILE in message
        # writing to it is refused up front
        await pilot.press("s")
        assert not isinstance(app.screen, StatusPicker)
        assert "fix it first" in notices.last[0]
        # fixed on disk: reloaded, problems gone
        path.write_bytes(good)
        app.files.check_now()
        await settle(pilot)
        assert app.folder is not None and app.folder.problems == []
        assert not panel.display
        assert notices.last[:2] == (f"{FILE} changed on disk — reloaded", "information")


async def test_new_and_deleted_files_are_noticed(roadmap_copy: Path, tmp_path: Path) -> None:
    app = status_app(roadmap_copy)
    async with app.run_test(size=SIZE) as pilot:
        notices = Notices(app)
        await started(pilot)
        assert len(app.folder.roadmaps) == 6  # type: ignore[union-attr]
        (roadmap_copy / "yokohama-ai-phases.toml").unlink()
        app.files.check_now()
        await settle(pilot)
        assert len(app.folder.roadmaps) == 5  # type: ignore[union-attr]
        assert notices.last[0] == "yokohama-ai-phases.toml was removed — no longer shown"
        # a new file: written elsewhere and moved in, as an editor or git would
        shutil.copyfile(ROADMAPS / "yokohama-ai-phases.toml", tmp_path / "new.toml")
        os.replace(tmp_path / "new.toml", roadmap_copy / "yokohama-ai.toml")
        app.files.check_now()
        await settle(pilot)
        assert len(app.folder.roadmaps) == 6  # type: ignore[union-attr]
        assert notices.last[0] == "yokohama-ai.toml appeared — loaded"


async def test_a_folder_handed_in_is_watched_and_written_after_a_full_load(
    roadmap_copy: Path,
) -> None:
    from roadmap_tui.core.loader import load_paths
    from roadmap_tui.ui.app import create_app
    from tests.conftest import AS_OF

    path = roadmap_copy / FILE
    app = create_app([roadmap_copy], AS_OF, folder=load_paths([roadmap_copy]))
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.watch_interval == 0  # a folder handed in: no timer unless asked for
        _edit(path, IN_PROGRESS, DONE)
        app.files.check_now()
        await settle(pilot)
        assert app.folder.items_by_id[ITEM].status is Status.DONE  # type: ignore[union-attr]
        app.workspace.selected_id = ITEM
        await pilot.press("s", "enter")  # done → in progress
        await settle(pilot)
        assert app.folder.items_by_id[ITEM].status is Status.IN_PROGRESS  # type: ignore[union-attr]
        assert path.read_text(encoding="utf-8").count('from = "done"') == 1
