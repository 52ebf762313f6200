"""A big folder shows its first roadmaps while the rest load, and says it is still loading.

The thresholds are lowered so the bundled roadmaps (206 KB) count as big: ayase (72 KB)
and tokorozawa-dx (33 KB) are the first two files in display order.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from roadmap_tui.core.loader import discover, load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui import watch
from roadmap_tui.ui.app import RoadmapApp, create_app
from roadmap_tui.ui.header import HeaderBar
from roadmap_tui.ui.messages import FolderLoaded
from roadmap_tui.ui.watch import load_files
from tests.conftest import AS_OF, ROADMAPS

SIZE = (120, 36)
Call = tuple[RoadmapFolder | None, int, int]


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat folders of 100 KB as big, and paint after the first 100 KB."""
    monkeypatch.setattr(watch, "PROGRESSIVE_BYTES", 100_000)
    monkeypatch.setattr(watch, "FIRST_SCREEN_BYTES", 100_000)


def _record() -> tuple[list[Call], watch.LoadProgress]:
    calls: list[Call] = []

    def progress(partial: RoadmapFolder | None, done: int, total: int) -> None:
        calls.append((partial, done, total))

    return calls, progress


def test_a_small_folder_loads_in_one_go() -> None:
    calls, progress = _record()
    files = load_files([ROADMAPS], progress=progress)
    assert calls == []
    assert len(files.folder.roadmaps) == 6


@pytest.mark.usefixtures("big")
def test_a_big_folder_hands_over_its_first_roadmaps_then_counts_files() -> None:
    calls, progress = _record()
    files = load_files([ROADMAPS], progress=progress)
    names = [p.name for p in discover([ROADMAPS])]
    partial, done, total = calls[0]
    assert partial is not None and (done, total) == (2, 6)
    # the first files in display order: the top of the final view
    assert [Path(r.path).name for r in partial.roadmaps] == names[:2]
    assert partial.items_by_id.keys() <= files.folder.items_by_id.keys()
    assert len(partial.items_by_id) == sum(len(r.items) for r in partial.roadmaps)
    # then only counts, never for the last file (the finished folder says that)
    assert [(p, d, t) for p, d, t in calls[1:]] == [(None, 3, 6), (None, 4, 6), (None, 5, 6)]
    assert files.complete and len(files.folder.roadmaps) == 6
    assert files.folder.roadmaps[:2] == partial.roadmaps


@pytest.mark.usefixtures("big")
def test_problems_wait_for_the_whole_folder(tmp_path: Path) -> None:
    """A dependency on a file not loaded yet is not a problem of the partial folder."""
    for source in ROADMAPS.glob("*.toml"):
        shutil.copy(source, tmp_path / source.name)
    first = tmp_path / "ayase-fy2021-departments.toml"
    text = first.read_text("utf-8")
    # ayase's first item now depends on an item in a later file, and on one that is missing
    at = text.index("[[items]]")
    head = text.index("\n", text.index("track =", at)) + 1
    text = text[:head] + 'depends_on = ["yk-ai-r7-shido", "no-such-item"]\n' + text[head:]
    first.write_text(text, "utf-8")
    calls, progress = _record()
    files = load_files([tmp_path], progress=progress)
    partial = calls[0][0]
    assert partial is not None and partial.problems == []
    messages = [p.message for p in files.folder.problems]
    assert any("'no-such-item'" in m for m in messages), messages
    assert not any("'yk-ai-r7-shido'" in m for m in messages), messages
    assert files.folder.problems == load_paths([tmp_path]).problems


@pytest.mark.usefixtures("big")
async def test_the_app_paints_the_first_roadmaps_and_says_it_is_loading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[tuple[int, int] | None, int, str]] = []
    handler = RoadmapApp.on_folder_loaded

    def recording(self: RoadmapApp, message: FolderLoaded) -> None:
        handler(self, message)
        view = self.workspace.view
        header = str(self.query_one(HeaderBar).content)
        seen.append((message.loading, view.total if view else 0, header))

    monkeypatch.setattr(RoadmapApp, "on_folder_loaded", recording)
    app = create_app([ROADMAPS], AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        final = app.workspace.view
        assert final is not None and final.folder is app.folder
        assert app.workspace.load_progress is None
        assert "loading" not in str(app.query_one(HeaderBar).content)
    assert len(seen) == 2
    (loading, shown, header), (last_loading, total, last_header) = seen
    assert loading == (2, 6)
    first_two = sum(len(r.items) for r in load_paths(discover([ROADMAPS])[:2]).roadmaps)
    assert shown == first_two < total
    assert "loading: 2 of 6 files so far" in header
    assert last_loading is None and total == 243
    assert "loading: " not in last_header


async def test_a_small_folder_never_says_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    handler = RoadmapApp.on_folder_loaded

    def recording(self: RoadmapApp, message: FolderLoaded) -> None:
        seen.append(message.loading)
        handler(self, message)

    monkeypatch.setattr(RoadmapApp, "on_folder_loaded", recording)
    app = create_app([ROADMAPS], AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.workspace.load_progress is None
    assert seen == [None]


def test_snapshot_while_a_big_folder_loads(make_app: Any, snap_compare: Any) -> None:
    """The first two files' roadmaps on screen, the header saying 2 of 6 files so far."""
    partial = load_paths(discover([ROADMAPS])[:2])

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        while app.workspace.view is None:
            await pilot.pause()
        app.on_folder_loaded(FolderLoaded(partial, loading=(2, 6)))
        await pilot.pause()

    assert snap_compare(make_app(partial), terminal_size=SIZE, run_before=run_before)


@pytest.mark.usefixtures("big")
async def test_quitting_while_a_big_folder_loads_stops_the_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quitting right after the first paint does not wait for the rest of the folder."""
    import asyncio
    import threading

    from roadmap_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "FIRST_PAINT_WAIT", 1.0)
    outcome: list[str] = []
    ended = threading.Event()
    real_load_files = watch.load_files

    def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            files = real_load_files(*args, **kwargs)
        except BaseException as exc:
            outcome.append(type(exc).__name__)
            raise
        finally:
            ended.set()
        outcome.append("loaded")
        return files

    monkeypatch.setattr(watch, "load_files", watched)

    def quit_at_once(self: RoadmapApp, message: FolderLoaded) -> None:
        if message.loading is not None:
            self.exit(0)  # never says "painted": the loader waits, then sees the cancel

    monkeypatch.setattr(RoadmapApp, "on_folder_loaded", quit_at_once)
    app = create_app([ROADMAPS], AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    for _ in range(400):
        if ended.is_set():
            break
        await asyncio.sleep(0.025)
    assert outcome == ["_LoadCancelled"]  # stopped after the first files, not loaded whole
