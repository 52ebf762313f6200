"""The baseline view end to end: a folder read from a real git revision with
``gitrepo.load_baseline`` (what ``roadmap --baseline REV`` does), drawn as ghost bars,
slip markers and the slip column (as of 2026-11-22, 120×36).

Update with ``just snapshots`` and open every changed SVG before accepting it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_tui.core import gitrepo
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from tests.conftest import ROOT
from tests.ui.conftest import MakeApp

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

SnapCompare = Callable[..., bool]
SAMPLE = ROOT / "tests" / "golden" / "sample"


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Sato Hanako",
        "GIT_AUTHOR_EMAIL": "sato@example.jp",
        "GIT_COMMITTER_NAME": "Sato Hanako",
        "GIT_COMMITTER_EMAIL": "sato@example.jp",
        "GIT_AUTHOR_DATE": "2026-04-10T09:00:00+09:00",
        "GIT_COMMITTER_DATE": "2026-04-10T09:00:00+09:00",
    }
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def slipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[RoadmapFolder, RoadmapFolder]:
    """(working tree, baseline at HEAD): the plan committed, then three items moved."""
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "roadmaps")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "R8 baseline")
    city = repo / "roadmaps" / "city-dx.toml"
    _edit(city, 'start = "R8"\nend = "R9"', 'start = "R8"\nend = "R10"')  # forms +365 days
    _edit(city, 'start = "2026-10"\nend = "2026-12-10"', 'start = "2026-12"\nend = "2027-03-20"')
    _edit(city, 'start = "R8下期"\nend = "R9"', 'start = "R8下期"\nend = "R9上期"')  # cloud earlier
    monkeypatch.chdir(repo)
    now = load_paths(["roadmaps"])
    baseline = gitrepo.load_baseline("HEAD", ["roadmaps"])
    assert not now.problems and not baseline.problems
    return now, baseline


def test_baseline_timeline_from_git(
    slipped: tuple[RoadmapFolder, RoadmapFolder], make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    now, baseline = slipped
    assert baseline.items_by_id["forms"].due_day.isoformat() == "2028-03-31"
    assert now.items_by_id["forms"].due_day.isoformat() == "2029-03-31"
    app = make_app(now, baseline=baseline, lang="en")
    assert snap_compare(app, terminal_size=(120, 36))


def test_baseline_list_slip_column_from_git(
    slipped: tuple[RoadmapFolder, RoadmapFolder], make_app: MakeApp, snap_compare: SnapCompare
) -> None:
    now, baseline = slipped
    app = make_app(now, baseline=baseline, lang="en")
    assert snap_compare(app, terminal_size=(120, 36), press=["v"])
