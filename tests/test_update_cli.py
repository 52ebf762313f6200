"""`roadmap set-status` / `set-progress`: what is written, and every refusal writes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_tui.cli import main
from tests.conftest import ROADMAPS

CITY = """\
[roadmap]
id = "city"
title = "市の計画"

[[tracks]]
id = "dx"
title = "DX"

# ── 工程表 ──

[[items]]
id = "online-forms"
title = 'オンライン申請'
track = "dx"
start = "R8"
end = "R11"
status = 'planned'
progress = 20

[[items]]
id = "portal"
title = "ポータル"
track = "dx"
date = "R8"
status = "done"
"""


@pytest.fixture(autouse=True)
def no_git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global git config: the author comes only from what a test sets."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("ROADMAP_AS_OF", raising=False)


@pytest.fixture
def city(tmp_path: Path) -> Path:
    folder = tmp_path / "roadmaps"
    folder.mkdir()
    (folder / "city.toml").write_text(CITY, encoding="utf-8", newline="")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_set_status_writes_the_status_and_a_history_entry(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "set-status", "online-forms", "in-progress", "--note", "予算成立",
                         "--as-of", "2026-11-22", str(city))  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"{city / 'city.toml'}: online-forms: planned → in progress\n"
    assert (city / "city.toml").read_text(encoding="utf-8") == CITY.replace(
        "status = 'planned'\nprogress = 20\n",
        "status = 'in-progress'\nprogress = 20\nactual_start = 2026-11-22\n\n"
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "in-progress"\n'
        'note = "予算成立"\n',
    )
    assert main(["check", str(city)]) == 0


def test_the_date_defaults_to_the_as_of_day_and_keeps_a_coarse_form(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "set-status", "online-forms", "done", "--as-of", "R8", str(city))[0] == 0
    text = (city / "city.toml").read_text(encoding="utf-8")
    assert "actual_end = 2026-04-01\n" in text and "date = 2026-04-01\n" in text
    assert "progress = 100\n" in text
    code, _, _ = run(capsys, "set-status", "portal", "in-progress", "--date", "R8上期", str(city))
    assert code == 0
    assert 'date = "R8上期"\nfrom = "done"' in (city / "city.toml").read_text(encoding="utf-8")


def test_the_author_comes_from_git_or_the_option(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = 佐藤\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    run(capsys, "set-status", "online-forms", "blocked", "--as-of", "2026-11-22", str(city))
    assert 'author = "佐藤"' in (city / "city.toml").read_text(encoding="utf-8")
    run(capsys, "set-status", "online-forms", "planned", "--author", "", str(city))
    assert (city / "city.toml").read_text(encoding="utf-8").count("author") == 1


def test_set_progress(city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "set-progress", "online-forms", "45", "--as-of", "2026-11-22",
                       "--author", "sato", str(city))  # fmt: skip
    assert code == 0 and out.endswith("online-forms: progress 20% → 45%\n")
    assert (city / "city.toml").read_text(encoding="utf-8") == CITY.replace(
        "progress = 20\n",
        'progress = 45\n\n[[items.history]]\ndate = 2026-11-22\nauthor = "sato"\nprogress = 45\n',
    )


def test_statuses_may_be_named_by_their_labels(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "set-status", "online-forms", "完了", str(city))[0] == 0
    assert run(capsys, "set-status", "online-forms", "In Progress", str(city))[0] == 0
    assert "status = 'in-progress'" in (city / "city.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (
            ["set-status", "online-form", "done"],
            1,
            "roadmap: no item 'online-form' in 1 roadmap files "
            "(hint: did you mean 'online-forms'?)",
        ),
        (
            ["set-status", "online-forms", "don"],
            2,
            "roadmap: unknown status 'don'; use one of: planned, in-progress, done, blocked, "
            "cancelled (hint: did you mean 'done'?)",
        ),
        (
            ["set-status", "online-forms", "done", "--progress", "140"],
            2,
            "roadmap: progress must be 0..100, not 140",
        ),
        (["set-progress", "online-forms", "-5"], 2, "roadmap: progress must be 0..100, not -5"),
        (
            ["set-status", "portal", "blocked"],
            1,
            "roadmap: 'portal' cannot go from done to blocked "
            "(hint: from done: in-progress; --force records it anyway)",
        ),
        (
            ["set-status", "online-forms", "done", "--date", "令和0年"],
            2,
            "roadmap: --date: ",
        ),
        (["set-status", "online-forms", "done", "--as-of", "someday"], 2, "roadmap: --as-of: "),
    ],
)
def test_bad_requests_change_nothing(
    city: Path, capsys: pytest.CaptureFixture[str], args: list[str], exit_code: int, message: str
) -> None:
    code, out, err = run(capsys, *args, str(city))
    assert code == exit_code
    assert err.startswith(message) and err.count("\n") == 1, err
    assert out == ""
    assert (city / "city.toml").read_text(encoding="utf-8") == CITY


def test_force_records_an_unusual_transition(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "set-status", "portal", "blocked", "--force", str(city))
    assert code == 0
    assert 'status = "blocked"' in (city / "city.toml").read_text(encoding="utf-8")


def test_asking_for_what_already_holds_writes_nothing(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "set-status", "portal", "done", str(city))
    assert (code, out) == (0, "")
    assert err == "nothing to change: 'portal' is already done\n"
    assert (city / "city.toml").read_text(encoding="utf-8") == CITY


def test_a_file_with_problems_is_not_written(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = CITY.replace('date = "R8"', 'date = "R8"\nowner = 3')
    (city / "city.toml").write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "set-status", "online-forms", "done", str(city))
    assert code == 1
    assert err.startswith("roadmap: ") and "has problems; fix them first" in err
    assert "expected a string" in err
    assert (city / "city.toml").read_text(encoding="utf-8") == broken


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "set-status", "a", "done", str(tmp_path / "nope"))
    assert code == 2 and err.startswith("roadmap: no such file or folder")


def test_a_bundled_roadmap_changes_by_exactly_the_intended_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "roadmaps"
    shutil.copytree(ROADMAPS, folder)
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    code, out, _ = run(capsys, "set-status", "yk-dx-1-r8-lifeevent-online", "in-progress",
                       "--note", "予算成立", "--author", "sato", "--as-of", "2026-11-22",
                       str(folder))  # fmt: skip
    assert code == 0, out
    after = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["yokohama-dx-r8-r11.toml"]
    diff = subprocess.run(
        ["git", "diff", "--no-index", "--no-color", "-U0", "--",
         str(ROADMAPS / changed[0]), str(folder / changed[0])],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    changes = [
        line
        for line in diff.splitlines()
        if line[:1] in ("+", "-") and not line.startswith(("+++", "---"))
    ]
    assert changes == [
        '-status = "planned"',
        '+status = "in-progress"',
        "+actual_start = 2026-11-22",
        "+",
        "+[[items.history]]",
        "+date = 2026-11-22",
        '+from = "planned"',
        '+status = "in-progress"',
        '+note = "予算成立"',
        '+author = "sato"',
    ]


def test_the_command_runs_as_a_program(city: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "set-status", "online-forms", "cancelled",
         "--as-of", "2026-11-22", "--lang", "en", str(city)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "planned → cancelled" in result.stdout
