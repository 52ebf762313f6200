"""Shared fixtures. Tests never read the wall clock: AS_OF is the fixed 'today'."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

from roadmap_tui.core.loader import FileReport

# NO_COLOR changes how Textual renders, which breaks snapshot comparisons.
os.environ.pop("NO_COLOR", None)
os.environ.pop("ROADMAP_AS_OF", None)
# The app's load cache would make tests depend on earlier runs (and write to ~/.cache).
os.environ["ROADMAP_CACHE_DIR"] = "off"

ROOT = Path(__file__).resolve().parent.parent
ROADMAPS = ROOT / "roadmaps"
SHARED = ROOT.parent / "shared"
TOML_TEST = SHARED / "toml-test"
AS_OF = _dt.date(2026, 11, 22)


@pytest.fixture
def as_of() -> _dt.date:
    return AS_OF


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path: ``write("a.toml", text)`` -> its Path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return _write


def assert_same_report(a: FileReport, b: FileReport) -> None:
    """Two loads of one file agree in everything a view or a write relies on."""
    assert a.path == b.path
    assert a.text == b.text
    assert a.fingerprint == b.fingerprint
    assert a.roadmap == b.roadmap
    assert a.problems == b.problems
    assert a.item_indices == b.item_indices and a.kpi_indices == b.kpi_indices
