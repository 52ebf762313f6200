"""Loading on two cores gives exactly what loading on one does, and survives a broken helper.

The helper's threshold is lowered so the bundled roadmaps (206 KB, 6 files) use it.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from roadmap_tui.core import loadcache, loadpool
from roadmap_tui.core.loader import PendingStores, discover, load_file
from roadmap_tui.core.loadpool import helper_split, load_in_order
from tests.conftest import ROADMAPS, assert_same_report


@pytest.fixture
def always_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loadpool, "HELPER_MIN_BYTES", 0)
    monkeypatch.setattr(loadpool.os, "cpu_count", lambda: 2)


@pytest.fixture
def folder(tmp_path: Path) -> list[Path]:
    """The bundled roadmaps plus a file with problems and one that does not parse."""
    data = tmp_path / "data"
    data.mkdir()
    for source in ROADMAPS.glob("*.toml"):
        shutil.copy(source, data / source.name)
    yokohama = (ROADMAPS / "yokohama-ai-phases.toml").read_text("utf-8")
    (data / "zz-problems.toml").write_text(
        yokohama.replace('id = "yokohama-ai"', 'id = "yokohama-ai-2"')
        .replace('id = "yk-ai-', 'id = "yk2-ai-')
        .replace("[roadmap]\n", '[roadmap]\ncolour = "red"\n', 1),
        "utf-8",
    )
    (data / "zz-syntax.toml").write_text("[roadmap\nid = 1\n", "utf-8")
    return discover([data])


@pytest.mark.usefixtures("always_help")
def test_the_helper_loads_the_back_of_the_folder_exactly_as_the_caller_would(
    folder: list[Path],
) -> None:
    split = helper_split(loadpool.file_sizes(folder))
    assert 0 < split < len(folder)  # both share the work
    helped = list(load_in_order(folder))
    alone = [load_file(p) for p in folder]
    assert len(helped) == len(alone) == 8
    for a, b in zip(helped, alone, strict=True):
        assert_same_report(a, b)
    # problems and located items came over too
    assert helped[-2].problems and helped[-1].problems and helped[-1].roadmap is None
    back = helped[-2].roadmap
    assert back is not None and back.items[0].location is not None


def test_a_small_folder_or_one_core_needs_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    assert helper_split([1000] * 6) == 6
    big = [2_000_000] * 4
    assert 0 < helper_split(big) < 4
    monkeypatch.setattr(loadpool.os, "cpu_count", lambda: 1)
    assert helper_split(big) == 4
    assert helper_split([9_000_000]) == 1  # one file cannot be shared


@pytest.mark.usefixtures("always_help")
@pytest.mark.parametrize("command", ["/nonexistent/python", "/bin/false", "cat"])
def test_a_helper_that_cannot_start_or_dies_means_the_caller_loads_it_all(
    command: str, folder: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "cat" echoes the request back: a stream that is no report at all
    monkeypatch.setattr(loadpool.sys, "executable", shutil.which(command) or command)
    if command == "cat":
        monkeypatch.setattr(loadpool, "_helper_argv", lambda: [shutil.which("cat") or "cat"])
    helped = list(load_in_order(folder))
    for a, b in zip(helped, [load_file(p) for p in folder], strict=True):
        assert_same_report(a, b)


@pytest.mark.usefixtures("always_help")
def test_the_helper_writes_its_cache_entries_and_they_are_used_next_time(
    folder: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(loadcache.CACHE_ENV, str(cache))
    pending: PendingStores = []
    first = list(load_in_order(folder, cache=True, store_later=pending))
    split = helper_split(loadpool.file_sizes(folder))
    # the caller's own new entries wait for the caller; the helper writes its own
    assert [r.path for r, _ in pending] == [str(p) for p in folder[:split]]
    loadcache.store_all(pending)
    # the helper writes its entries after it has handed its reports over
    deadline = time.monotonic() + 30
    while len(list(cache.glob("*.pickle"))) < len(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(cache.glob("*.pickle"))) == len(folder)
    monkeypatch.setattr("roadmap_tui.core.loader.load_text", _must_not_parse)
    again = [load_file(p, cache=True) for p in folder]
    for a, b in zip(again, first, strict=True):
        assert_same_report(a, b)


def _must_not_parse(text: str, path: str) -> None:
    raise AssertionError(f"parsed {path} although the cache holds it")


def test_the_helper_runs_as_a_module_of_the_installed_package() -> None:
    assert loadpool._helper_argv()[:3] == [sys.executable, "-m", "roadmap_tui.core.loadpool"]
