"""Unit tests of :mod:`roadmap_tui.ui.watch`: what a check of the disk finds and keeps."""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_tui.core.loader import load_paths
from roadmap_tui.ui.watch import check, completed, from_folder, load_files

GOOD = """\
[roadmap]
id = "{rid}"
title = "R"

[[tracks]]
id = "t"
title = "T"

[[items]]
id = "{rid}-a"
title = "A"
track = "t"
date = "R8"
status = "{status}"
"""


def _write(folder: Path, rid: str, status: str = "planned") -> Path:
    path = folder / f"{rid}.toml"
    path.write_text(GOOD.format(rid=rid, status=status), encoding="utf-8")
    return path


def test_nothing_changed_and_touched_files(tmp_path: Path) -> None:
    path = _write(tmp_path, "r")
    files = load_files([tmp_path])
    assert check(files) is None
    os.utime(path, ns=(5, 5))
    found = check(files)
    assert found is not None
    touched, events = found
    assert events == [] and touched.folder is files.folder  # nothing to draw again
    assert touched.files[str(path)].fingerprint != files.files[str(path)].fingerprint
    assert check(touched) is None  # and it is not hashed again on the next check


def test_broken_file_keeps_the_last_clean_roadmap_until_fixed(tmp_path: Path) -> None:
    path = _write(tmp_path, "r")
    _write(tmp_path, "s")
    files = load_files([tmp_path])
    clean = files.folder.roadmap("r")
    path.write_text("[roadmap]\nid = 'r\n", encoding="utf-8")
    found = check(files)
    assert found is not None
    broken, events = found
    assert [(e.name, e.kind) for e in events] == [("r.toml", "stale")]
    assert broken.folder.roadmap("r") is clean  # the same objects still show
    assert [p.line for p in broken.folder.problems] == [0, 3]  # sorted: the stale note first
    assert broken.folder.problems[0].severity == "warning"
    assert "stale" in broken.folder.problems[0].message
    # broken differently: still the first clean version
    path.write_text("[roadmap]\nid = 7\n", encoding="utf-8")
    again = check(broken)
    assert again is not None and again[0].folder.roadmap("r") is clean
    assert again[1][0].kind == "stale"
    # fixed: the new version shows, no problems
    _write(tmp_path, "r", status="done")
    fixed = check(again[0])
    assert fixed is not None
    assert [(e.name, e.kind) for e in fixed[1]] == [("r.toml", "changed")]
    assert fixed[0].folder.problems == []
    assert fixed[0].folder.items_by_id["r-a"].status.value == "done"


def test_a_file_broken_from_the_start_has_nothing_to_keep(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[roadmap]\nid = "bad"\ntitle = "B"\n\n[[items]]\nid = "x"\n', "utf-8")
    files = load_files([tmp_path])
    assert files.folder.problems
    path.write_text('[roadmap]\nid = "bad"\ntitle = "B"\n\n[[items]]\nid = "y"\n', "utf-8")
    found = check(files)
    assert found is not None
    assert [e.kind for e in found[1]] == ["problems"]
    assert not found[0].files[str(path)].stale


def test_new_and_removed_files(tmp_path: Path) -> None:
    old = _write(tmp_path, "old")
    files = load_files([tmp_path])
    old.unlink()
    _write(tmp_path, "new")
    found = check(files)
    assert found is not None
    new, events = found
    assert sorted((e.name, e.kind) for e in events) == [
        ("new.toml", "added"),
        ("old.toml", "removed"),
    ]
    assert [r.id for r in new.folder.roadmaps] == ["new"]
    assert list(new.files) == [str(tmp_path / "new.toml")]


def test_a_folder_handed_in(tmp_path: Path) -> None:
    path = _write(tmp_path, "r")
    folder = load_paths([tmp_path])
    files = from_folder([tmp_path], folder)
    assert not files.complete and check(files) is None
    _write(tmp_path, "extra")  # not looked for: the folder was handed in
    assert check(files) is None
    path.write_text(GOOD.format(rid="r", status="done"), encoding="utf-8")
    found = check(files)
    assert found is not None and found[0].complete
    assert found[0].folder.items_by_id["r-a"].status.value == "done"
    # loaded elsewhere from the app's own paths: the first check reads every file
    files = from_folder([tmp_path], folder, discovers=True)
    found = check(files)
    assert found is not None and found[1] == []
    assert sorted(r.id for r in found[0].folder.roadmaps) == ["extra", "r"]
    assert completed(found[0]) is found[0]
