"""Applying changes to files: conflicts with edits on disk, undo, status rules, safe writes."""

from __future__ import annotations

import datetime as _dt
import os
import stat
from pathlib import Path

import pytest

from roadmap_tui.core import atomic
from roadmap_tui.core.atomic import FileWatch, Fingerprint, fingerprint_file, write_atomically
from roadmap_tui.core.errors import ConflictError, UpdateError
from roadmap_tui.core.loader import discover, load_file
from roadmap_tui.core.storage import (
    AppendEntry,
    Change,
    NoChange,
    ProgressChange,
    StatusChange,
    TransitionError,
    apply_change,
    git_user_name,
    set_item_progress,
    set_item_status,
    undo_change,
)

DAY = _dt.date(2026, 11, 22)
ROADMAP = """\
#:schema ../roadmap_tui/schema/roadmap.schema.json
[roadmap]
id = "city"
title = "市の計画"

[[tracks]]
id = "dx"
title = "DX"

[[items]]
id = "a"
title = "オンライン申請"
track = "dx"
start = "R8"
end = "R11"
status = "planned"
progress = 20

[[items]]
id = "b"
title = "条例施行"
track = "dx"
date = "R8"
status = "in-progress"
"""


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    path = tmp_path / "city.toml"
    path.write_text(ROADMAP, encoding="utf-8", newline="")
    return path


def loaded(path: Path) -> Fingerprint:
    report = load_file(path)
    assert report.problems == [] and report.fingerprint is not None
    assert report.roadmap is not None and report.roadmap.fingerprint == report.fingerprint
    return report.fingerprint


def test_a_status_change_is_written_and_remembered(roadmap: Path) -> None:
    applied = set_item_status(roadmap, "a", "in-progress", date=DAY, note="予算成立",
                              author="sato", loaded=loaded(roadmap))  # fmt: skip
    text = roadmap.read_text(encoding="utf-8")
    assert text == ROADMAP.replace(
        'status = "planned"\nprogress = 20\n',
        'status = "in-progress"\nprogress = 20\nactual_start = 2026-11-22\n\n'
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "in-progress"\n'
        'note = "予算成立"\nauthor = "sato"\n',
    )
    assert applied.fingerprint == fingerprint_file(roadmap)
    assert applied.method == "region" and not applied.reapplied
    assert load_file(roadmap).problems == []


def test_done_sets_actual_end_and_progress_once(roadmap: Path) -> None:
    fp = loaded(roadmap)
    applied = set_item_status(roadmap, "a", "done", date="R8", loaded=fp)
    assert applied.after["actual_end"] == "R8"
    assert applied.after["progress"] == 100
    assert applied.after["history"] == [
        {"date": "R8", "from": "planned", "status": "done", "progress": 100}
    ]
    again = set_item_status(roadmap, "a", "in-progress", date=DAY, loaded=applied.fingerprint)
    again = set_item_status(roadmap, "a", "done", date=DAY, loaded=again.fingerprint)
    assert again.after["actual_end"] == "R8"  # kept: it was already there
    assert again.after["actual_start"] == DAY


def test_status_rules() -> None:
    item = {"id": "a", "status": "done"}
    with pytest.raises(TransitionError) as caught:
        StatusChange("a", "blocked", DAY).plan(item)
    assert caught.value.allowed == ["in-progress"]
    assert StatusChange("a", "blocked", DAY, force=True).plan(item)
    with pytest.raises(NoChange):
        StatusChange("a", "done", DAY).plan(item)
    with pytest.raises(UpdateError, match="unknown status"):
        StatusChange("a", "finished", DAY).plan(item)
    ops = StatusChange("a", "in-progress", DAY, progress=10).plan({"id": "a"})
    assert ops[-1] == AppendEntry(
        "history", {"date": DAY, "from": "planned", "status": "in-progress", "progress": 10}
    )
    with pytest.raises(NoChange):
        ProgressChange("a", 10, DAY).plan({"id": "a", "progress": 10})


def test_progress_change(roadmap: Path) -> None:
    applied = set_item_progress(roadmap, "b", 60, date=DAY, note="半分", loaded=loaded(roadmap))
    assert applied.after["progress"] == 60
    assert applied.after["status"] == "in-progress"
    assert applied.after["history"] == [{"date": DAY, "progress": 60, "note": "半分"}]


def test_an_edit_on_disk_elsewhere_is_kept_and_the_change_reapplied(roadmap: Path) -> None:
    fp = loaded(roadmap)
    edited = ROADMAP.replace('title = "条例施行"', 'title = "条例施行（改正）"')
    roadmap.write_text(edited, encoding="utf-8", newline="")
    applied = set_item_status(roadmap, "a", "blocked", date=DAY, loaded=fp, expected_from="planned")
    assert applied.reapplied
    text = roadmap.read_text(encoding="utf-8")
    assert 'title = "条例施行（改正）"' in text
    assert 'status = "blocked"' in text


def test_a_conflicting_edit_on_disk_stops_the_write(roadmap: Path) -> None:
    fp = loaded(roadmap)
    theirs = ROADMAP.replace('status = "planned"', 'status = "cancelled"')
    roadmap.write_text(theirs, encoding="utf-8", newline="")
    with pytest.raises(ConflictError, match=r"city.toml changed on disk since it was loaded .*"
                       r"'a' is now cancelled, not planned.*reload and try again"):  # fmt: skip
        set_item_status(roadmap, "a", "done", date=DAY, loaded=fp, expected_from="planned")
    assert roadmap.read_text(encoding="utf-8") == theirs


def test_a_file_broken_on_disk_or_an_item_removed_is_a_conflict(roadmap: Path) -> None:
    fp = loaded(roadmap)
    roadmap.write_text(ROADMAP + "status = \n", encoding="utf-8", newline="")
    with pytest.raises(ConflictError, match="now has problems"):
        set_item_status(roadmap, "a", "done", date=DAY, loaded=fp)
    gone = ROADMAP.replace('id = "a"', 'id = "a2"')
    roadmap.write_text(gone, encoding="utf-8", newline="")
    with pytest.raises(ConflictError, match="no items element with id 'a'"):
        set_item_status(roadmap, "a", "done", date=DAY, loaded=fp)
    assert roadmap.read_text(encoding="utf-8") == gone


def test_without_a_fingerprint_the_file_is_checked_first(roadmap: Path) -> None:
    roadmap.write_text(ROADMAP.replace('track = "dx"', 'track = "dz"', 1), encoding="utf-8")
    with pytest.raises(UpdateError, match="has problems.*unknown track 'dz'"):
        set_item_status(roadmap, "b", "done", date=DAY)


def test_a_change_on_disk_between_read_and_replace_is_caught(
    roadmap: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fp = loaded(roadmap)
    real = atomic.write_atomically
    calls: list[int] = []

    def racing(path: Path, data: bytes, *, check: object = None) -> Fingerprint:
        if not calls:  # someone saves the file just before our first replace
            calls.append(1)
            text = ROADMAP.replace('title = "DX"', 'title = "DX推進"')
            Path(path).write_text(text, encoding="utf-8", newline="")
            os.utime(path, ns=(1, 1))
        return real(path, data, check=check)  # type: ignore[arg-type]

    monkeypatch.setattr("roadmap_tui.core.storage.write_atomically", racing)
    applied = set_item_status(roadmap, "a", "done", date=DAY, loaded=fp)
    assert applied.reapplied
    text = roadmap.read_text(encoding="utf-8")
    assert 'title = "DX推進"' in text and 'status = "done"' in text


def test_undo_restores_the_bytes(roadmap: Path) -> None:
    applied = set_item_status(roadmap, "a", "done", date=DAY, note="x", loaded=loaded(roadmap))
    undone = undo_change(applied.undo)
    assert roadmap.read_text(encoding="utf-8") == ROADMAP
    assert undone.fingerprint == fingerprint_file(roadmap)


def test_undo_after_an_unrelated_edit_on_disk_still_applies(roadmap: Path) -> None:
    applied = set_item_status(roadmap, "a", "done", date=DAY, loaded=loaded(roadmap))
    text = roadmap.read_text(encoding="utf-8").replace('title = "DX"', 'title = "DX推進"')
    roadmap.write_text(text, encoding="utf-8", newline="")
    undone = undo_change(applied.undo)
    assert undone.reapplied
    assert roadmap.read_text(encoding="utf-8") == ROADMAP.replace(
        'title = "DX"', 'title = "DX推進"'
    )


def test_undo_after_the_item_was_changed_again_is_a_conflict(roadmap: Path) -> None:
    first = set_item_status(roadmap, "a", "done", date=DAY, loaded=loaded(roadmap))
    second = set_item_status(roadmap, "a", "in-progress", date=DAY, loaded=first.fingerprint)
    before = roadmap.read_bytes()
    with pytest.raises(ConflictError):
        undo_change(first.undo, loaded=second.fingerprint)
    assert roadmap.read_bytes() == before
    undo_change(second.undo)
    undo_change(first.undo)
    assert roadmap.read_text(encoding="utf-8") == ROADMAP


def test_a_generic_change_checks_its_expectations(roadmap: Path) -> None:
    change = Change("items", "b", (AppendEntry("history", {"date": DAY}),), {"progress": 5})
    with pytest.raises(ConflictError, match="progress is now absent"):
        apply_change(roadmap, change, loaded=loaded(roadmap))


def test_the_file_mode_is_kept_and_a_symlink_stays_a_link(roadmap: Path, tmp_path: Path) -> None:
    roadmap.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(roadmap)
    set_item_status(link, "a", "done", date=DAY, loaded=loaded(link))
    assert link.is_symlink() and os.readlink(link) == str(roadmap)
    assert 'status = "done"' in roadmap.read_text(encoding="utf-8")
    assert stat.S_IMODE(roadmap.stat().st_mode) == 0o640


def test_temp_files_are_hidden_from_the_loader_and_stale_ones_removed(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    target.write_text("a = 1\n", encoding="utf-8")
    dead = tmp_path / ".r.toml.999999999-abcd.tmp"  # a writer that was killed
    dead.write_text("torn", encoding="utf-8")
    mine_in_flight = tmp_path / f".r.toml.{os.getpid()}-efgh.tmp"
    mine_in_flight.write_text("in flight", encoding="utf-8")
    assert discover([tmp_path]) == [target]
    write_atomically(target, b"a = 2\n")
    assert target.read_bytes() == b"a = 2\n"
    assert not dead.exists() and mine_in_flight.exists()


def test_a_failed_check_leaves_the_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    target.write_bytes(b"old")

    def refuse() -> None:
        raise ConflictError("moved")

    with pytest.raises(ConflictError):
        write_atomically(target, b"new", check=refuse)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]


def test_file_watch(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_bytes(b"x = 1\n")
    b.write_bytes(b"y = 1\n")
    watch = FileWatch({str(a): fingerprint_file(a), str(b): fingerprint_file(b)})
    assert watch.changed() == []
    os.utime(a, ns=(5, 5))  # touched, same bytes: not a change
    assert watch.changed() == []
    b.write_bytes(b"y = 2\n")
    os.utime(b, ns=(7, 7))
    assert watch.changed() == [str(b)]
    watch.remember(b, fingerprint_file(b))
    assert watch.changed() == []
    a.unlink()
    assert watch.changed() == [str(a)]
    c = tmp_path / "c.toml"
    assert watch.added([a, b, c]) == [str(c)]


def test_git_user_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = 佐藤\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert git_user_name(tmp_path) == "佐藤"
    config.write_text("", encoding="utf-8")
    assert git_user_name(tmp_path) == ""
