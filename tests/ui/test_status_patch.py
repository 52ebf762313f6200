"""The report after one of the app's own writes equals a fresh load of the file.

:func:`roadmap_tui.ui.patch.patched_report` rebuilds only the changed item and moves
every later position; these tests compare it, field by field (dataclass equality: every
item, history entry, location and problem), with :func:`load_file` after real writes.
"""

from __future__ import annotations

import datetime as _dt
import random
import shutil
from pathlib import Path

import pytest

from bench.generate import generate_file
from roadmap_tui.core.atomic import read_file
from roadmap_tui.core.loader import FileReport, load_file
from roadmap_tui.core.model import TRANSITIONS
from roadmap_tui.core.storage import Applied, StatusChange, apply_change, undo_change
from roadmap_tui.ui.patch import patched_report
from roadmap_tui.ui.watch import after_write, load_files
from tests.conftest import AS_OF, ROADMAPS, assert_same_report


def _patched(report: FileReport, applied: Applied) -> FileReport:
    data, now = read_file(applied.path)
    patched = patched_report(report, applied, data, now)
    assert patched is not None
    return patched


def _changes(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    report = load_file(path)
    assert report.roadmap is not None
    undos = []
    for n in range(count):
        assert report.roadmap is not None
        item = rng.choice(report.roadmap.items)
        status = rng.choice(TRANSITIONS[item.status]).value
        date: object = AS_OF if n % 2 else "R8"
        progress = rng.choice([None, 0, 35, 100])
        change = StatusChange(item.id, status, date, note="n" * (n % 3), author="a",  # type: ignore[arg-type]
                              progress=progress, expected_from=item.status.value)  # fmt: skip
        applied = apply_change(path, change, loaded=report.fingerprint)
        report = _patched(report, applied)
        assert_same_report(report, load_file(path))
        undos.append(applied.undo)
    for undo in reversed(undos):  # undo walks back the same way
        applied = undo_change(undo, loaded=report.fingerprint)
        report = _patched(report, applied)
        assert_same_report(report, load_file(path))


@pytest.mark.parametrize("name", sorted(p.name for p in ROADMAPS.glob("*.toml")))
def test_bundled_roadmaps(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(ROADMAPS / name, path)
    original = path.read_bytes()
    _changes(path, 6, seed=len(name))
    assert path.read_bytes() == original


def test_generated_roadmap_with_kpis_and_dependencies(tmp_path: Path) -> None:
    path = tmp_path / "city.toml"
    generate_file(path, 400, seed=3)
    _changes(path, 10, seed=5)


def test_crlf_and_a_problem_below_the_item(tmp_path: Path) -> None:
    text = (
        '[roadmap]\r\nid = "r"\r\ntitle = "R"\r\n\r\n[[tracks]]\r\nid = "t"\r\ntitle = "T"\r\n\r\n'
        '[[items]]\r\nid = "a"\r\ntitle = "A"\r\ntrack = "t"\r\nstart = "R8"\r\nend = "R9"\r\n\r\n'
        '[[items]]\r\nid = "b"\r\ntitle = "B"\r\ntrack = "t"\r\ndate = "R8"\r\n'
        'depends_on = ["missing"]\r\n\r\n'
        '[[kpis]]\r\nid = "k"\r\ntitle = "K"\r\nrelated = ["a"]\r\n'
    )
    path = tmp_path / "r.toml"
    path.write_bytes(text.encode())
    report = load_file(path)
    applied = apply_change(path, StatusChange("a", "done", AS_OF), loaded=report.fingerprint)
    assert_same_report(_patched(report, applied), load_file(path))


def test_inline_table_items_are_loaded_again(tmp_path: Path) -> None:
    text = (
        'items = [\n  { id = "a", title = "A", track = "t", date = "R8" },\n'
        '  { id = "b", title = "B", track = "t", date = "R9" },\n]\n\n'
        '[roadmap]\nid = "r"\ntitle = "R"\n\n[[tracks]]\nid = "t"\ntitle = "T"\n'
    )
    path = tmp_path / "r.toml"
    path.write_bytes(text.encode())
    files = load_files([tmp_path])
    report = files.files[str(path)].report
    applied = apply_change(path, StatusChange("a", "done", AS_OF), loaded=report.fingerprint)
    data, now = read_file(path)
    assert patched_report(report, applied, data, now) is None
    # after_write falls back to loading the file
    after = after_write(files, applied)
    assert after.folder.items_by_id["a"].status.value == "done"
    assert_same_report(after.files[str(path)].report, load_file(path))


def test_a_change_that_went_onto_a_newer_file_is_loaded_again(tmp_path: Path) -> None:
    shutil.copyfile(ROADMAPS / "yokohama-ai-phases.toml", tmp_path / "ai.toml")
    path = tmp_path / "ai.toml"
    files = load_files([tmp_path])
    roadmap = files.folder.roadmaps[0]
    item = roadmap.items[0]
    path.write_bytes(path.read_bytes() + b"\n# a comment added in an editor\n")
    change = StatusChange(item.id, TRANSITIONS[item.status][0].value, _dt.date(2026, 11, 22),
                          expected_from=item.status.value)  # fmt: skip
    applied = apply_change(path, change, loaded=roadmap.fingerprint)
    assert applied.reapplied
    after = after_write(files, applied)
    assert_same_report(after.files[str(path)].report, load_file(path))
