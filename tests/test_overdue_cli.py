"""`roadmap overdue` as CI runs it: lists, exit codes, GitHub annotations."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from roadmap_tui.cli import main
from roadmap_tui.commands.overdue import annotation, escape_data, escape_property
from roadmap_tui.core.gitrepo import worktree_root
from tests.conftest import ROADMAPS, ROOT

SAMPLE = ROOT / "tests" / "golden" / "sample"
HEAD = '[roadmap]\nid = "r"\ntitle = "t"\n\n[[tracks]]\nid = "k"\ntitle = "k"\n'


@pytest.fixture
def in_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from tests/golden so the sample's paths read ``sample/…``."""
    monkeypatch.chdir(SAMPLE.parent)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["overdue", "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_lists_overdue_first_and_fails_the_gate(
    in_golden: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--as-of", "2026-11-22", "sample"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "OVERDUE (1)",
        "  done  =SUM(A1:A2) old system shut down — due 2026-03-31, 236 days late (in progress)"
        "  sample/city-dx.toml:58",
        "DUE SOON (2)",
        "  review  %% annual review — due 2026-12-01, in 9 days (planned)"
        "  sample/calendar-year.toml:24",
        "  net  2026-04-01 network renewal — due 2026-12-10, in 18 days (planned)"
        "  sample/city-dx.toml:66",
        "BLOCKED (1)",
        "  cloud  Move to the government cloud — waiting for net (blocked)  sample/city-dx.toml:75",
        "as of 2026-11-22: 1 overdue, 2 due soon, 1 blocked (of 8 items)",
    ]


@pytest.mark.parametrize(
    ("as_of", "fail_on", "code"),
    [
        ("2026-11-22", "overdue", 1),  # one item overdue
        ("2026-11-22", "never", 0),
        ("2026-01-01", "overdue", 0),  # nothing overdue yet
        ("2026-03-10", "overdue", 0),
        ("2026-03-10", "due-soon", 1),  # `done` is due 2026-03-31: within 30 days
        ("2025-06-01", "due-soon", 0),
        ("2026-04-01", "overdue", 1),  # the day after the due day
        ("2026-03-31", "overdue", 0),  # the due day itself is not late
    ],
)
def test_exit_codes(
    in_golden: None, capsys: pytest.CaptureFixture[str], as_of: str, fail_on: str, code: int
) -> None:
    assert run(["--as-of", as_of, "--fail-on", fail_on, "sample"], capsys)[0] == code


def test_as_of_accepts_every_date_form(in_golden: None, capsys: pytest.CaptureFixture[str]) -> None:
    # 令和8年4月 = 2026-04-01: `done` (due 2026-03-31) is one day late
    code, out, _ = run(["--as-of", "令和8年4月", "sample"], capsys)
    assert code == 1 and "1 days late" in out


def test_json(in_golden: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--as-of", "2026-11-22", "--format", "json", "sample"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert doc["as_of"] == "2026-11-22"
    assert doc["counts"] == {"items": 8, "overdue": 1, "due_soon": 2, "blocked": 1}
    assert [(i["category"], i["id"]) for i in doc["items"]] == [
        ("overdue", "done"),
        ("due-soon", "review"),
        ("due-soon", "net"),
        ("blocked", "cloud"),
    ]
    assert doc["items"][0]["days_to_due"] == -236 and doc["items"][0]["line"] == 58


def test_github_annotations(in_golden: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--as-of", "2026-11-22", "--format", "github", "sample"], capsys)
    assert code == 1
    # tests/golden is inside this repository: paths are relative to its top (in a copy
    # without .git, such as an unpacked archive, relative to the working folder)
    prefix = "tests/golden/sample" if worktree_root(ROOT) == ROOT else "sample"
    assert out.splitlines() == [
        f"::error file={prefix}/city-dx.toml,line=58,title=overdue%3A done::"
        "=SUM(A1:A2) old system shut down — due 2026-03-31, 236 days late (in progress)",
        f"::warning file={prefix}/calendar-year.toml,line=24,title=due soon%3A review::"
        "%25%25 annual review — due 2026-12-01, in 9 days (planned)",
        f"::warning file={prefix}/city-dx.toml,line=66,title=due soon%3A net::"
        "2026-04-01 network renewal — due 2026-12-10, in 18 days (planned)",
        f"::warning file={prefix}/city-dx.toml,line=75,title=blocked%3A cloud::"
        "Move to the government cloud — waiting for net (blocked)",
        "as of 2026-11-22: 1 overdue, 2 due soon, 1 blocked (of 8 items)",
    ]


def test_github_escaping_rules() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation("error", "t: x, y", "m: a, b\nc", "nope.toml", 3)
    assert line == "::error file=nope.toml,line=3,title=t%3A x%2C y::m: a, b%0Ac"


def test_github_paths_are_relative_to_the_repository_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / "plans" / "city").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "plans" / "city" / "a.toml").write_text(
        HEAD + '\n[[items]]\nid = "late"\ntitle = "x, y: z"\ntrack = "k"\ndate = "2026-01-31"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(repo / "plans")  # CI may run from a sub-folder
    code, out, _ = run(["--as-of", "2026-11-22", "--format", "github", "city"], capsys)
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=plans/city/a.toml,line=9,title=overdue%3A late::"
        "x, y: z — due 2026-01-31, 295 days late (planned)"
    )


def test_problems_fail_the_gate_and_become_error_annotations(
    write,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    path = write(
        "bad.toml", HEAD + '\n[[items]]\nid = "a"\ntitle = "x"\ntrack = "k"\ndate = "R99x"\n'
    )
    code, out, _ = run(["--as-of", "2026-11-22", "--format", "github", str(path)], capsys)
    assert code == 1
    assert out.startswith("::error file=")
    assert ",line=13,title=roadmap problem::" in out.splitlines()[0]
    code, _, err = run(["--as-of", "2026-11-22", str(path)], capsys)
    assert code == 1 and f"{path}:13:" in err
    assert run(["--as-of", "2026-11-22", "--fail-on", "never", str(path)], capsys)[0] == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(tmp_path / "nope")], capsys)
    assert code == 2 and err.startswith("roadmap: no such file or folder")
    code, _, err = run(["--as-of", "令和0年", str(SAMPLE)], capsys)
    assert code == 2 and err.startswith("roadmap: --as-of:")
    with pytest.raises(SystemExit) as exc:
        main(["overdue", "--fail-on", "sometimes"])
    assert exc.value.code == 2


def test_bundled_roadmaps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--as-of", "2026-11-22", "--format", "json", str(ROADMAPS)], capsys)
    doc = json.loads(out)
    assert code == (1 if doc["counts"]["overdue"] else 0)
    days = [i["days_to_due"] for i in doc["items"] if i["category"] == "overdue"]
    assert days == sorted(days)  # most days late first
