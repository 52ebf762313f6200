"""``roadmap kpi-set``: appends only the new lines, refuses bad input, never loses an edit."""

from __future__ import annotations

import datetime as _dt
import difflib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from roadmap_tui import i18n
from roadmap_tui.cli import main
from roadmap_tui.commands.kpi_set import append_actual
from roadmap_tui.core.atomic import fingerprint_file
from roadmap_tui.core.errors import ConflictError
from roadmap_tui.core.kpi import evaluate
from roadmap_tui.core.loader import load_file
from tests.conftest import ROADMAPS

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def yokohama(tmp_path: Path) -> Path:
    path = tmp_path / "yokohama.toml"
    shutil.copyfile(ROADMAPS / "yokohama-dx-r8-r11.toml", path)
    return path


@pytest.fixture
def tokorozawa(tmp_path: Path) -> Path:
    path = tmp_path / "tokorozawa.toml"
    shutil.copyfile(ROADMAPS / "tokorozawa-plans.toml", path)
    return path


def added_lines(before: bytes, after: bytes) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line was removed or changed."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    diff = list(difflib.ndiff(old, new))
    assert [d for d in diff if d.startswith("- ")] == [], "a line was removed or changed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_appends_only_the_new_entry(run: Run, yokohama: Path) -> None:
    before = yokohama.read_bytes()
    code, out, err = run(
        "kpi-set", "yk-kpi-online-rate", "62", "--date", "R8", "--note", "中間報告",
        "--as-of", "2027-04-10", "--lang", "ja", str(yokohama),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"yk-kpi-online-rate: 実績 62%（令和8年度）を {yokohama} に記録しました\n"
    added = added_lines(before, yokohama.read_bytes())
    assert [line for line in added if line.strip()] == [
        "[[kpis.actuals]]\n",
        'date = "R8"\n',
        "value = 62\n",
        'note = "中間報告"\n',
    ]
    report = load_file(yokohama)
    assert report.problems == [] and report.roadmap is not None
    kpi = next(k for k in report.roadmap.kpis if k.id == "yk-kpi-online-rate")
    assert [(m.value, str(m.date), m.note) for m in kpi.actuals] == [(62, "FY2026", "中間報告")]
    figures = evaluate(kpi, _dt.date(2027, 4, 10))
    assert figures.attainment == pytest.approx(300 / 11)


def test_default_date_is_the_as_of_day_and_values_as_typed(run: Run, yokohama: Path) -> None:
    before = yokohama.read_bytes()
    code, out, _ = run(
        "kpi-set", "yk-kpi-ai-users", "約1,200万", "--as-of", "2026-11-22", "--lang", "en",
        str(yokohama),
    )  # fmt: skip
    assert code == 0
    assert out == f"yk-kpi-ai-users: recorded 12M people (2026-11-22) in {yokohama}\n"
    added = [line for line in added_lines(before, yokohama.read_bytes()) if line.strip()]
    assert added == ["[[kpis.actuals]]\n", "date = 2026-11-22\n", "value = 12000000\n"]
    code, _, _ = run("kpi-set", "yk-kpi-kyoso-front", "３２．５", "--as-of", "R8", str(yokohama))
    assert code == 0
    assert "value = 32.5\n" in yokohama.read_text(encoding="utf-8")


def test_kpi_shows_the_recorded_value(run: Run, yokohama: Path) -> None:
    run("kpi-set", "yk-kpi-moving-forms", "3", "--date", "R9", "--as-of", "2028-04-01",
        str(yokohama))  # fmt: skip
    _, out, _ = run("kpi", "--as-of", "2028-04-01", "--lang", "ja", str(yokohama))
    lines = out.splitlines()
    at = lines.index("  yk-kpi-moving-forms  引越し手続に伴う申請書記入枚数")
    assert lines[at + 2] == "    実績 3枚（令和9年度）  達成率 57.1%  ▄"


def test_appends_after_existing_actuals(run: Run, tokorozawa: Path) -> None:
    before = tokorozawa.read_bytes()
    code, _, _ = run(
        "kpi-set", "tz-plan-kpi-women-kacho", "16", "--date", "令和7年4月1日", "--note", "R7",
        "--as-of", "2026-11-22", str(tokorozawa),
    )  # fmt: skip
    assert code == 0
    added_lines(before, tokorozawa.read_bytes())
    report = load_file(tokorozawa)
    assert report.roadmap is not None and report.problems == []
    kpi = next(k for k in report.roadmap.kpis if k.id == "tz-plan-kpi-women-kacho")
    assert [m.value for m in kpi.actuals] == [13, 15, 16]
    assert kpi.actuals[-1].date.start == _dt.date(2025, 4, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["yk-kpi-onlne-rate", "62"],
         "roadmap: unknown KPI 'yk-kpi-onlne-rate' (hint: did you mean 'yk-kpi-online-rate'?)\n"),
        (["nothing-like-it", "62"], "roadmap: unknown KPI 'nothing-like-it'\n"),
        (["yk-kpi-online-rate", "abc"],
         "roadmap: VALUE 'abc' is not a number (hint: write 62, 31.3 or 1,450万)\n"),
        (["yk-kpi-online-rate", "62", "--date", "R9"],
         "roadmap: --date R9 is after the as-of day 2026-11-22\n"),
    ],
)  # fmt: skip
def test_bad_input_writes_nothing(run: Run, yokohama: Path, args: list[str], message: str) -> None:
    before = yokohama.read_bytes()
    code, out, err = run("kpi-set", *args, "--as-of", "2026-11-22", "--lang", "en", str(yokohama))
    # An unknown KPI is refused (1) like an unknown item in set-status; bad input is 2.
    assert (code, out, err) == (1 if "unknown KPI" in message else 2, "", message)
    assert yokohama.read_bytes() == before


def test_bad_date_is_one_line(run: Run, yokohama: Path) -> None:
    before = yokohama.read_bytes()
    code, _, err = run("kpi-set", "yk-kpi-online-rate", "62", "--date", "令和0年", str(yokohama))
    assert code == 2 and err.startswith("roadmap: --date: ") and err.count("\n") == 1
    assert yokohama.read_bytes() == before


def test_messages_in_japanese(run: Run, yokohama: Path) -> None:
    _, _, err = run("kpi-set", "yk-kpi-online-rate", "abc", "--lang", "ja", str(yokohama))
    assert (
        err
        == "roadmap: 値 'abc' は数値ではありません（ヒント: 62、31.3、1,450万 のように書いてください）\n"
    )
    _, _, err = run("kpi-set", "yk-kpi-onlne-rate", "1", "--lang", "ja", str(yokohama))
    assert err == (
        "roadmap: KPI 'yk-kpi-onlne-rate' は見つかりません"
        "（ヒント: 'yk-kpi-online-rate' のことですか？）\n"
    )


def test_a_file_with_problems_is_not_written(run: Run, yokohama: Path) -> None:
    text = yokohama.read_text(encoding="utf-8").replace('unit = "枚"', 'unit = "枚"\nunti = 1', 1)
    yokohama.write_text(text, encoding="utf-8")
    before = yokohama.read_bytes()
    code, _, err = run("kpi-set", "yk-kpi-online-rate", "62", "--as-of", "R8", str(yokohama))
    assert (
        code == 1
        and err.startswith(f"roadmap: {yokohama} has problems; fix them first")
        and err.count("\n") == 1
    )
    assert yokohama.read_bytes() == before


# ── conflicts: someone changed the file after it was loaded ──────────────────────


def test_conflict_when_the_kpi_is_gone(yokohama: Path) -> None:
    loaded = fingerprint_file(yokohama)
    edited = yokohama.read_text(encoding="utf-8").replace(
        'id = "yk-kpi-online-rate"', 'id = "yk-kpi-online-share"'
    )
    yokohama.write_text(edited, encoding="utf-8")  # an editor renamed the KPI meanwhile
    with pytest.raises(ConflictError):
        append_actual(yokohama, "yk-kpi-online-rate", _dt.date(2026, 11, 22), 62, loaded=loaded)
    assert yokohama.read_text(encoding="utf-8") == edited


def test_edit_elsewhere_is_kept(yokohama: Path) -> None:
    loaded = fingerprint_file(yokohama)
    edited = yokohama.read_text(encoding="utf-8").replace(
        'title = "引越し手続に伴う申請書記入枚数"', 'title = "引越し手続の申請書記入枚数"'
    )
    yokohama.write_text(edited, encoding="utf-8")  # someone else's unrelated edit
    applied = append_actual(
        yokohama, "yk-kpi-online-rate", _dt.date(2026, 11, 22), 62, "x", loaded=loaded
    )
    assert applied.reapplied
    after = yokohama.read_bytes()
    assert "引越し手続の申請書記入枚数" in after.decode("utf-8")
    assert [line for line in added_lines(edited.encode(), after) if line.strip()] == [
        "[[kpis.actuals]]\n",
        "date = 2026-11-22\n",
        "value = 62\n",
        'note = "x"\n',
    ]
