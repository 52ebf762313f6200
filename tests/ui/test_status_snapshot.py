"""Snapshots of the status picker (120×36, as of 2026-11-22, on a temp copy of the
bundled roadmaps: the picker shows only the file's name, so the temp path never shows).

Update with ``just snapshots`` and open every changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.ui.status_fixture import ITEM, roadmap_copy, settle, status_app

__all__ = ["roadmap_copy"]  # the fixture, imported for pytest

SnapCompare = Callable[..., bool]


def _open_picker(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        app.workspace.selected_id = ITEM  # type: ignore[attr-defined]
        await pilot.pause()
        await app.run_action("today", app.workspace)  # type: ignore[attr-defined]
        await pilot.press("s", *keys)
        await pilot.pause()

    return run


def test_status_picker(roadmap_copy: Path, snap_compare: SnapCompare) -> None:
    app = status_app(roadmap_copy)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_open_picker())


def test_status_picker_inline_errors(roadmap_copy: Path, snap_compare: SnapCompare) -> None:
    app = status_app(roadmap_copy)
    keys = ("down", "tab", *"予算待ち", "tab", *"140", "tab", "ctrl+u", *"令和0年")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_open_picker(*keys))


def test_status_picker_small_terminal(roadmap_copy: Path, snap_compare: SnapCompare) -> None:
    app = status_app(roadmap_copy, lang="ja")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_picker())
