"""Helpers for the status-change and reload tests: a temp copy of the bundled roadmaps,
an app that loads it (no timer: tests call ``app.files.check_now()``), and a way to
wait until the file jobs are done.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from roadmap_tui.ui.app import RoadmapApp, create_app
from tests.conftest import AS_OF, ROADMAPS

SIZE = (120, 36)
#: an in-progress phase of the Tokorozawa DX roadmap
ITEM = "tz-dx-nat-jichitai-dx-plan-period"
FILE = "tokorozawa-dx.toml"
AUTHOR = "tester"


@pytest.fixture
def roadmap_copy(tmp_path: Path) -> Path:
    """A temp copy of roadmaps/ (the tests write to it)."""
    folder = tmp_path / "roadmaps"
    folder.mkdir()
    for path in sorted(ROADMAPS.glob("*.toml")):
        shutil.copyfile(path, folder / path.name)
    return folder


class Notices:
    """Every notification the app shows: (message, severity, title)."""

    def __init__(self, app: RoadmapApp) -> None:
        self.seen: list[tuple[str, str, str]] = []
        shown = app.notify

        def record(message: str, **kwargs: Any) -> None:
            self.seen.append(
                (message, kwargs.get("severity", "information"), kwargs.get("title", ""))
            )
            shown(message, **kwargs)

        app.notify = record  # type: ignore[method-assign]

    @property
    def last(self) -> tuple[str, str, str]:
        return self.seen[-1]

    def text(self) -> str:
        return "\n".join(f"{title} {message}" for message, _sev, title in self.seen)


def status_app(folder: Path, **kwargs: Any) -> RoadmapApp:
    """The app on ``folder`` as of 2026-11-22, writing history entries by "tester"."""
    app = create_app([folder], AS_OF, watch_interval=0, **kwargs)
    return app


async def started(pilot: Pilot[Any]) -> RoadmapApp:
    """Wait for the first load; fix the history author (git config differs per machine)."""
    app = pilot.app
    assert isinstance(app, RoadmapApp)
    await settle(pilot)
    app.files.author = AUTHOR
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Until every worker (load, write, reload) has finished and its message is handled."""
    app = pilot.app
    assert isinstance(app, RoadmapApp)
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.workspace.folder is not None and not app.files.busy:
            await app.workers.wait_for_complete()
            await pilot.pause()
            return
    raise AssertionError("the file jobs did not finish")
