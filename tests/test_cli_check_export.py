"""`roadmap check` and `roadmap export --format json` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_tui.cli import main
from tests.conftest import ROADMAPS, ROOT

HEAD = '[roadmap]\nid = "r"\ntitle = "t"\n\n[[tracks]]\nid = "k"\ntitle = "k"\n'


def test_check_clean_folder_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROADMAPS)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no problems" in err and "6 roadmaps" in err


def test_check_reports_located_lines_and_exits_1(write, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "bad.toml", HEAD + '\n[[items]]\nid = "a"\ntitle = "x"\ntrack = "k"\ndate = "令和0年"\n'
    )
    assert main(["check", str(path)]) == 1
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:13:8: ")
    assert "元年" in lines[0]


def test_check_json(write, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "bad.toml",
        HEAD + '\n[[items]]\nid = "a"\ntitle = "x"\ntrack = "k"\ndate = "R8"\nowner = 3\n',
    )
    assert main(["check", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 1 and report["items"] == 1
    (problem,) = report["problems"]
    assert problem == {
        "path": str(path),
        "line": 14,
        "col": 9,
        "message": "owner: expected a string, found an integer",
        "hint": None,
        "severity": "error",
    }


def test_check_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "yaml"])
    assert exc.value.code == 2


def test_export_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--as-of", "2026-11-22", str(ROADMAPS)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2026-11-22" and doc["schema_version"] == 1
    required = {
        "id",
        "roadmap",
        "track",
        "title",
        "title_en",
        "kind",
        "start",
        "end",
        "precision",
        "status",
        "progress",
        "overdue",
        "due_soon",
        "owner",
        "depends_on",
        "source",
    }
    assert all(required <= set(item) for item in doc["items"])
    by_id = {i["id"]: i for i in doc["items"]}
    assert len(by_id) == len(doc["items"]) > 200
    # R8 resolves to the whole fiscal year, and is not overdue before its last day
    r8 = [i for i in doc["items"] if i["end_text"] == "FY2026" and i["status"] != "done"]
    assert r8 and all(i["end"] == "2027-03-31" and not i["overdue"] for i in r8)
    # the Ayase FY2021 plan recorded no outcomes: every item is overdue as of 2026-11-22
    ayase = [i for i in doc["items"] if i["roadmap"] == "ayase-fy2021"]
    assert ayase and all(i["overdue"] for i in ayase)
    assert doc["kpis"] and {"id", "unit", "baseline", "target", "actuals"} <= set(doc["kpis"][0])


def test_export_as_of_accepts_japanese_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--as-of", "令和8年4月1日", str(ROADMAPS)]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-04-01"
    assert main(["export", "--as-of", "令和0年", str(ROADMAPS)]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "check", str(ROADMAPS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
