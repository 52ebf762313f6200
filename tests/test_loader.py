"""Loading roadmap files: every problem is one located line a planner can act on."""

from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path

import pytest

from roadmap_tui.core.loader import load_file, load_paths, load_text
from roadmap_tui.core.model import Kind, Status

HEAD = """\
[roadmap]
id = "city"
title = "市の計画"

[[tracks]]
id = "dx"
title = "DX"
"""


def problems_of(text: str, name: str = "r.toml") -> list[str]:
    return [str(p) for p in load_text(text, name).problems]


def test_a_good_file_builds_the_model() -> None:
    report = load_text(
        HEAD
        + """
[[items]]
id = "a"
title = "オンライン申請"
track = "dx"
start = "R8"
end = "R11"
status = "in-progress"
progress = 25
depends_on = []

[[items]]
id = "b"
title = "条例施行"
track = "dx"
date = "平成17年1月1日"
status = "done"
""",
        "r.toml",
    )
    assert report.problems == []
    assert report.roadmap is not None
    a, b = report.roadmap.items
    assert a.kind is Kind.PHASE and b.kind is Kind.MILESTONE
    assert a.start_day == _dt.date(2026, 4, 1)
    assert a.due_day == _dt.date(2030, 3, 31)
    assert a.status is Status.IN_PROGRESS and a.progress == 25
    assert b.due_day == _dt.date(2005, 1, 1)
    assert a.location is not None and a.location.line == 9
    assert b.location is not None and b.location.line == 19


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\nstatuss = "done"\n',
            "r.toml:14:1: unknown key 'statuss' (hint: did you mean 'status'?)",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\nstatus = "finished"\n',
            "r.toml:14:10: status: 'finished' is not one of: planned, in-progress, done, blocked, cancelled",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\nprogress = 140\n',
            "r.toml:14:12: progress: 140 is out of range 0..100",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\nprogress = "50%"\n',
            "r.toml:14:12: progress: expected an integer, found a string",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dz"\ndate = "R8"\n',
            "r.toml:12:9: unknown track 'dz' (hint: did you mean 'dx'?)",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\nstart = "R9"\nend = "R8"\n',
            "r.toml:14:7: end FY2026 is before start FY2027 (hint: swap them, or fix the year)",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "平成32年"\n',
            "r.toml:13:8:",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\nkind = "milestone"\nstart = "R8"\n',
            "r.toml:14:1: a milestone has 'date', not 'start'",
        ),
        (
            '[[items]]\nid = "a b"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\n',
            "r.toml:10:6: id: 'a b' is not a valid id (hint: use letters, digits, '.', '_' and '-')",
        ),
        (
            '[[items]]\nid = "a"\ntrack = "dx"\ndate = "R8"\n',
            "r.toml:9:1: missing required key 'title'",
        ),
        (
            '[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\nsource = { documnt = "x" }\n',
            "r.toml:14:12: unknown key 'documnt'",
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-status",
        "progress-range",
        "progress-type",
        "unknown-track",
        "end-before-start",
        "bad-era-date",
        "milestone-with-start",
        "bad-id",
        "missing-title",
        "inline-table-key",
    ],
)
def test_problem_is_located_at_the_offending_key(body: str, expected: str) -> None:
    found = problems_of(HEAD + "\n" + body)
    assert any(p.startswith(expected) for p in found), found


def test_bad_date_message_has_the_hint() -> None:
    found = problems_of(
        HEAD + '\n[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "平成32年"\n'
    )
    assert len(found) == 1
    assert "令和2年" in found[0]


def test_toml_syntax_error_is_one_located_line() -> None:
    found = problems_of('[roadmap]\nid = "x"\ntitle = "unterminated\n')
    assert len(found) == 1
    assert found[0].startswith("r.toml:3:")
    assert "TOML syntax" in found[0]


def test_cross_file_problems(write) -> None:  # type: ignore[no-untyped-def]
    write(
        "a.toml",
        HEAD.replace('"city"', '"a"')
        + '\n[[items]]\nid = "x1"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\n'
        + 'depends_on = ["x2", "nope"]\n',
    )
    b = write(
        "b.toml",
        HEAD.replace('"city"', '"b"')
        + '\n[[items]]\nid = "x2"\ntitle = "y"\ntrack = "dx"\ndate = "R8"\ndepends_on = ["x1"]\n'
        + '\n[[items]]\nid = "x1"\ntitle = "dup"\ntrack = "dx"\ndate = "R8"\n',
    )
    folder = load_paths([b.parent])
    text = [str(p) for p in folder.problems]
    assert any(
        t.startswith(f"{b}:17:1: duplicate item id 'x1' (first at {b.parent / 'a.toml'}:9:1)")
        for t in text
    ), text
    assert any("depends_on names 'nope', which does not exist" in t for t in text), text
    assert any("dependency cycle: x1 -> x2 -> x1" in t for t in text), text
    # the broken parts never hide the rest
    assert {i.id for i in folder.items} >= {"x1", "x2"}


def test_one_broken_file_does_not_stop_the_others(write) -> None:  # type: ignore[no-untyped-def]
    write("good.toml", HEAD + '\n[[items]]\nid = "a"\ntitle = "x"\ntrack = "dx"\ndate = "R8"\n')
    bad = write("bad.toml", "[roadmap\n")
    folder = load_paths([bad.parent])
    assert [i.id for i in folder.items] == ["a"]
    assert len(folder.problems) == 1 and str(folder.problems[0]).startswith(f"{bad}:1:")


def test_bom_is_accepted(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bom.toml", b"\xef\xbb\xbf" + HEAD.encode())
    report = load_file(path)
    assert report.problems == [] and report.roadmap is not None


def test_invalid_utf8_is_located(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bin.toml", HEAD.encode() + b'note = "\xff"\n')
    report = load_file(path)
    assert [str(p) for p in report.problems] == [
        f"{path}:8:9: invalid UTF-8 (byte 0xff at offset {len(HEAD.encode()) + 8}) "
        "(hint: save the file as UTF-8)"
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b'x = "' + b"a" * 10_000_000 + b'"\n',
        b'[roadmap]\nid = "a\x00b"\n',
        b"[roadmap]\rid = 1\n",
        b"x = " + b"7" * 100_000 + b"\n",
        b"\xff\xfe[roadmap]",
    ],
    ids=["deep-nesting", "10MB-string", "nul", "lone-cr", "100k-digit-int", "bad-utf8"],
)
def test_hostile_input_gets_a_clean_error_quickly(write, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path: Path = write("hostile.toml", data)
    started = time.perf_counter()
    report = load_file(path)
    elapsed = time.perf_counter() - started
    assert report.problems, "hostile input must be reported"
    for problem in report.problems:
        assert "\n" not in str(problem) and problem.line >= 1
    # A hang guard, not a benchmark: the requirement is "a clean error in under 5 s".
    assert elapsed < 5


def test_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    report = load_file(tmp_path / "missing.toml")
    assert report.problems and "cannot read file" in report.problems[0].message
