"""Snapshot tests of every screen at 80×24, 120×36 and 160×48 (as of 2026-11-22).

Update with ``just snapshots`` and open every changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from roadmap_tui.core.dates import fiscal_year_period
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.timeline_layout import AxisStyle, Zoom
from tests.conftest import ROADMAPS
from tests.ui.conftest import MakeApp

SnapCompare = Callable[..., bool]
SIZES = {"80x24": (80, 24), "120x36": (120, 36), "160x48": (160, 48)}


def _set(**state: Any) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """run_before: set workspace reactives, then let the screen settle."""

    async def run(pilot: Pilot[Any]) -> None:
        from roadmap_tui.ui.app import RoadmapApp

        app = pilot.app
        assert isinstance(app, RoadmapApp)
        while app.workspace.view is None:  # the folder is shown after the first refresh
            await pilot.pause()
        for name, value in state.items():
            setattr(app.workspace, name, value)
        await pilot.pause()
        await app.run_action("today", app.workspace)
        await pilot.pause()

    return run


@pytest.mark.parametrize("zoom", list(Zoom), ids=[z.name.lower() for z in Zoom])
def test_timeline_zoom(
    zoom: Zoom, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(bundled), terminal_size=(120, 36), run_before=_set(zoom=zoom))


@pytest.mark.parametrize("style", list(AxisStyle), ids=[s.value for s in AxisStyle])
def test_axis_style(
    style: AxisStyle, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    app = make_app(bundled)
    run = _set(zoom=Zoom.QUARTER, axis_style=style)
    assert snap_compare(app, terminal_size=(160, 48), run_before=run)


@pytest.mark.parametrize("size", ["80x24", "160x48"])
def test_timeline_sizes(
    size: str, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(bundled), terminal_size=SIZES[size], press=["j", "j"])


@pytest.mark.parametrize("size", list(SIZES))
def test_list_view(
    size: str, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(bundled), terminal_size=SIZES[size], press=["v", "j", "j"])


@pytest.mark.parametrize("size", ["80x24", "120x36"])
def test_detail_pane(
    size: str, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    item = next(i for i in bundled.items if i.depends_on)
    app = make_app(bundled)
    assert snap_compare(
        app, terminal_size=SIZES[size], run_before=_set(selected_id=item.id), press=["enter"]
    )


def test_filter_typing(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    press = ["slash", *"overdue roadmap:tokorozawa"]
    assert snap_compare(make_app(bundled), terminal_size=(120, 36), press=press)


def test_filter_applied(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    press = ["slash", *"overdue -roadmap:ayase", "enter"]
    assert snap_compare(make_app(bundled), terminal_size=(120, 36), press=press)


@pytest.mark.parametrize("size", ["120x36", "160x48"])
def test_overdue_heavy_ayase(
    size: str, ayase: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    # as of 2026-11-22 nearly every item of the FY2021 plan is overdue
    run = _set(zoom=Zoom.QUARTER)
    assert snap_compare(make_app(ayase), terminal_size=SIZES[size], run_before=run,
                        press=["c"])  # fmt: skip


@pytest.mark.parametrize("size", ["80x24", "120x36"])
def test_errors_panel(
    size: str, broken_folder: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(broken_folder), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", list(SIZES))
def test_japanese_labels(
    size: str, bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(bundled, lang="ja"), terminal_size=SIZES[size], press=["j"])


def test_japanese_widths_aligned(
    cjk_folder: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    app = make_app(cjk_folder, lang="ja")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_set(zoom=Zoom.QUARTER))


def test_light_theme(bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare) -> None:
    app = make_app(bundled, theme="light")
    assert snap_compare(app, terminal_size=(120, 36), press=["G"])


def test_help_screen(bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(bundled), terminal_size=(120, 36), press=["question_mark"])


def test_baseline_ghost_bars(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    baseline = load_paths([ROADMAPS])
    # in the baseline, the Yokohama AI stages were due one fiscal year earlier
    for item in baseline.items:
        if item.roadmap_id == "yokohama-ai":
            item.start = fiscal_year_period(item.start.start.year - 1)
            item.end = fiscal_year_period(item.end.start.year - 1)
    app = make_app(bundled, baseline=baseline)
    run = _set(selected_id="yk-ai-r7-shido")
    assert snap_compare(app, terminal_size=(120, 36), run_before=run, press=["j", "j"])


def test_baseline_slip_column(
    bundled: RoadmapFolder, make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    baseline = load_paths([ROADMAPS])
    for item in baseline.items:
        if item.roadmap_id == "yokohama-ai":
            item.start = fiscal_year_period(item.start.start.year - 1)
            item.end = fiscal_year_period(item.end.start.year - 1)
    app = make_app(bundled, baseline=baseline)
    run = _set(selected_id="yk-ai-r7-shido", mode="list")
    assert snap_compare(app, terminal_size=(120, 36), run_before=run)
