"""Fixtures for the UI tests: folders loaded once, small hand-made folders, an app factory."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.app import RoadmapApp, create_app
from tests.conftest import AS_OF, ROADMAPS

AYASE = ROADMAPS / "ayase-fy2021-departments.toml"

CJK_ROADMAP = """\
[roadmap]
id = "cjk"
title = "幅のテスト 工程表"
title_en = "Width test"

[roadmap.calendar]
fiscal_year_start_month = 4

[[tracks]]
id = "t1"
title = "全角トラック・とても長い名前の部局運営方針"
title_en = "Full-width track"

[[items]]
id = "cjk-long"
title = "令和8年度 オンライン申請の拡充と窓口業務の抜本的な改善"
title_en = "Online forms"
track = "t1"
start = "2026-04-01"
end = "2027-03-31"
status = "in-progress"
progress = 40

[[items]]
id = "ascii-plain"
title = "Plain ASCII title"
track = "t1"
start = "2026-04-01"
end = "2027-03-31"
status = "in-progress"
progress = 40

[[items]]
id = "mixed-width"
title = "ﾊﾝｶｸ半角と全角ＡＢＣが混ざる題名"
track = "t1"
start = "2026-04-01"
end = "2027-03-31"
status = "planned"

[[items]]
id = "cjk-ms"
title = "新庁舎の供用開始"
track = "t1"
kind = "milestone"
date = "2027-01-15"
status = "planned"
"""

BROKEN = """\
[roadmap]
id = "broken"
title = "壊れた工程表"

[[tracks]]
id = "a"
title = "A"

[[items]]
id = "broken-1"
title = "Bad date"
track = "a"
start = "令和0年"
end = "R9"
"""

SYNTAX = """\
[roadmap]
id = "syntax
title = "unterminated"
"""

_cache: dict[str, RoadmapFolder] = {}


def _load(key: str, paths: list[Path]) -> RoadmapFolder:
    if key not in _cache:
        _cache[key] = load_paths(paths)
    return _cache[key]


@pytest.fixture
def bundled() -> RoadmapFolder:
    """The bundled roadmaps (loaded once per session; tests must not change them)."""
    return _load("bundled", [ROADMAPS])


@pytest.fixture
def ayase() -> RoadmapFolder:
    return _load("ayase", [AYASE])


@pytest.fixture
def cjk_folder(tmp_path: Path) -> RoadmapFolder:
    path = tmp_path / "cjk.toml"
    path.write_text(CJK_ROADMAP, encoding="utf-8")
    return load_paths([path])


@pytest.fixture
def broken_folder(tmp_path: Path) -> RoadmapFolder:
    (tmp_path / "yokohama-ai.toml").write_bytes((ROADMAPS / "yokohama-ai-phases.toml").read_bytes())
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "syntax.toml").write_text(SYNTAX, encoding="utf-8")
    folder = load_paths([tmp_path])
    # paths in the problems are tmp paths: make them stable for snapshots
    from dataclasses import replace

    folder.problems = [replace(p, path="roadmaps/" + Path(p.path).name) for p in folder.problems]
    return folder


MakeApp = Callable[..., RoadmapApp]


@pytest.fixture
def make_app() -> MakeApp:
    """``make_app(folder, lang=..., theme=..., baseline=...)`` with the fixed as-of day."""

    def make(folder: RoadmapFolder, **kwargs: object) -> RoadmapApp:
        as_of = kwargs.pop("as_of", AS_OF)
        assert isinstance(as_of, _dt.date)
        return create_app([ROADMAPS], as_of, folder=folder, **kwargs)  # type: ignore[arg-type]

    return make
