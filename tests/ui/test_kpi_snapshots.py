"""Snapshots of the KPI view in both languages, its dialogs, and the main views in Japanese.

A temp copy of the bundled roadmaps plus the ``kpi-demo`` fixture (tests/ui/kpi_fixture.py),
as of 2026-11-22, explicit sizes, no cursor blink. Update with ``just snapshots`` and open
every changed SVG before accepting it (the Japanese ones change with the catalog).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from roadmap_tui import i18n
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.app import RoadmapApp, create_app
from tests.conftest import AS_OF
from tests.ui.conftest import MakeApp
from tests.ui.kpi_fixture import kpi_roadmaps

SnapCompare = Callable[..., bool]
SIZES = {"120x36": (120, 36), "80x24": (80, 24)}


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


@pytest.fixture(scope="module")
def kpi_paths(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kpi_roadmaps(tmp_path_factory.mktemp("kpi-snap"))


def _app(path: Path, lang: str) -> RoadmapApp:
    return create_app([path], AS_OF, lang=lang, folder=load_paths([path]))


def _steady(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """run_before: press ``keys``, stop every cursor blinking, let the screen settle."""

    async def run(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_kpi_view(lang: str, size: str, kpi_paths: Path, snap_compare: SnapCompare) -> None:
    app = _app(kpi_paths, lang)
    # the second KPI: off track, with two related items in the panel
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_steady("K", "j"))


def test_kpi_view_iso_dates_in_japanese(kpi_paths: Path, snap_compare: SnapCompare) -> None:
    app = _app(kpi_paths, "ja")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_steady("K", "d", "G"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_add_actual_dialog(lang: str, kpi_paths: Path, snap_compare: SnapCompare) -> None:
    app = _app(kpi_paths, lang)
    keys = ("K", "j", "a", "6", "x")  # "6x": the problem shows under the field
    assert snap_compare(app, terminal_size=(80, 24), run_before=_steady(*keys))


def test_add_actual_preview(kpi_paths: Path, snap_compare: SnapCompare) -> None:
    app = _app(kpi_paths, "ja")
    keys = ("K", "j", "j", "j", "a", *"1,500万", "tab", "tab", *"速報値")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_steady(*keys))


def test_related_items_picker(kpi_paths: Path, snap_compare: SnapCompare) -> None:
    app = _app(kpi_paths, "en")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_steady("K", "j", "enter"))


# ── the main views in Japanese (the timeline is in test_snapshots.py) ─────────


def test_japanese_list(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    app = make_app(bundled, lang="ja")
    assert snap_compare(app, terminal_size=(120, 36), press=["v", "j", "j"])


def test_japanese_detail_with_kpis(
    kpi_paths: Path, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kpi_paths.parent)  # the pane shows the file relative to here
    app = _app(kpi_paths, "ja")

    async def run(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app, RoadmapApp)
        pilot.app.workspace.selected_id = "yk-dx-1-r9-konbini"  # two KPIs, one off track
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=run)


def test_japanese_help(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    app = make_app(bundled, lang="ja")
    assert snap_compare(app, terminal_size=(120, 36), press=["question_mark"])


def test_switched_to_japanese_at_run_time(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    app = make_app(bundled, lang="en")

    async def run(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app, RoadmapApp)
        await pilot.app.run_action("switch_language")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=run)
