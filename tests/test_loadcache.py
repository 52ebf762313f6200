"""The app's load cache: used only for the very same bytes and code, never by check."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from roadmap_tui.cli import main
from roadmap_tui.core import loadcache
from roadmap_tui.core.loader import load_file, load_paths
from tests.conftest import ROADMAPS

YOKOHAMA = ROADMAPS / "yokohama-dx-r8-r11.toml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(loadcache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "yokohama.toml"
    path.parent.mkdir()
    path.write_bytes(YOKOHAMA.read_bytes())
    return path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(
    cache: Path, roadmap: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_file(roadmap, cache=True)
    assert len(_entries(cache)) == 1
    monkeypatch.setattr("roadmap_tui.core.loader.load_text", _must_not_parse)
    again = load_file(roadmap, cache=True)
    monkeypatch.undo()
    fresh = load_file(roadmap)
    assert again.roadmap == fresh.roadmap == first.roadmap
    assert again.problems == fresh.problems
    assert again.item_indices == fresh.item_indices
    assert again.fingerprint == fresh.fingerprint
    assert again.roadmap is not None and again.roadmap.fingerprint == fresh.fingerprint
    assert again.text == fresh.text


def _must_not_parse(text: str, path: str) -> None:
    raise AssertionError("parsed although the cache holds this content")


def test_changed_content_is_loaded_again_even_with_the_same_mtime_and_size(
    cache: Path, roadmap: Path
) -> None:
    load_file(roadmap, cache=True)
    stat = roadmap.stat()
    text = roadmap.read_text("utf-8").replace('status = "planned"', 'status = "blocked"', 1)
    assert len(text.encode()) == stat.st_size
    roadmap.write_text(text, "utf-8")
    os.utime(roadmap, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, same size
    report = load_file(roadmap, cache=True)
    assert report.roadmap is not None
    fresh = load_file(roadmap)
    assert report.roadmap == fresh.roadmap


def test_a_touched_file_with_the_same_bytes_still_hits(cache: Path, roadmap: Path) -> None:
    load_file(roadmap, cache=True)
    os.utime(roadmap, ns=(1, 1))
    report = load_file(roadmap, cache=True)
    assert report.fingerprint is not None and report.fingerprint.mtime_ns == 1
    assert report.roadmap is not None and report.roadmap.fingerprint == report.fingerprint


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_entry_is_ignored(cache: Path, roadmap: Path, damage: str) -> None:
    load_file(roadmap, cache=True)
    (entry,) = _entries(cache)
    data = entry.read_bytes()
    damaged = {"truncate": data[: len(data) // 2], "garbage": b"\x80junk", "empty": b""}
    entry.write_bytes(damaged[damage])
    report = load_file(roadmap, cache=True)
    assert report.roadmap == load_file(roadmap).roadmap


def test_other_code_never_reads_an_entry(
    cache: Path, roadmap: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tui.core import loader

    load_file(roadmap, cache=True)
    real = loader.load_text
    parsed: list[str] = []

    def counting(text: str, path: str) -> loader.FileReport:
        parsed.append(path)
        return real(text, path)

    monkeypatch.setattr(loadcache, "code_stamp", lambda: "another version")
    monkeypatch.setattr(loader, "load_text", counting)
    load_file(roadmap, cache=True)
    assert parsed == [str(roadmap)]


def test_off_writes_nothing(tmp_path: Path, roadmap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loadcache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert loadcache.cache_dir() is None
    assert load_file(roadmap, cache=True).roadmap is not None
    assert not (tmp_path / "xdg").exists()


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loadcache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert loadcache.cache_dir() == tmp_path / "xdg" / "roadmap-tui"


def test_folder_checks_run_on_cached_files(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.toml").write_bytes(YOKOHAMA.read_bytes())
    load_paths([folder], cache=True)
    second = YOKOHAMA.read_bytes().replace(b'id = "yokohama', b'id = "y2', 1)
    (folder / "b.toml").write_bytes(second)
    loaded = load_paths([folder], cache=True)
    assert any("duplicate item id" in p.message for p in loaded.problems)
    assert loaded.problems == load_paths([folder]).problems


def test_check_and_plain_loads_never_touch_the_cache(cache: Path, roadmap: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", str(roadmap)]) == 0
    load_paths([roadmap])
    assert not cache.exists()
