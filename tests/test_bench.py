"""The benchmark generator and entry point (speed itself is never asserted here)."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bench.generate import files_for, generate_file, generate_folder
from roadmap_tui.cli import main
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import Kind
from roadmap_tui.core.schedule import folder_flags
from tests.conftest import AS_OF, ROOT

CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 1,000-item folder, shared by the tests of this module."""
    out = tmp_path_factory.mktemp("gen") / "folder"
    generate_folder(out, 1000, seed=7)
    return out


def _check(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue(), err.getvalue()


def test_folder_has_the_asked_items_over_several_roadmaps(folder: Path) -> None:
    loaded = load_paths([folder])
    assert len(list(folder.glob("*.toml"))) == files_for(1000) == 10
    assert len(loaded.roadmaps) == 10
    assert len(loaded.items_by_id) == 1000
    assert sorted(len(r.items) for r in loaded.roadmaps) == [100] * 10
    assert len(loaded.kpis_by_id) == 10 and all(k.actuals for k in loaded.kpis_by_id.values())


def test_sizes_spread_over_10_to_50_files() -> None:
    assert [files_for(n) for n in (200, 1000, 10_000, 40_000, 100_000, 10**6)] == [
        10,
        10,
        10,
        20,
        50,
        50,
    ]


def test_generated_folder_passes_roadmap_check_with_no_problems(folder: Path) -> None:
    code, out, err = _check(folder)
    assert (code, out) == (0, "")
    assert "10 files, 10 roadmaps, 1000 items, 10 KPIs: no problems" in err


def test_same_seed_same_bytes_other_seed_other_bytes(folder: Path, tmp_path: Path) -> None:
    again = generate_folder(tmp_path / "again", 1000, seed=7)
    other = generate_folder(tmp_path / "other", 1000, seed=8)
    names = sorted(p.name for p in folder.glob("*.toml"))
    assert names == sorted(p.name for p in again.path.glob("*.toml"))
    assert all((folder / n).read_bytes() == (again.path / n).read_bytes() for n in names)
    assert any((folder / n).read_bytes() != (other.path / n).read_bytes() for n in names)


def test_titles_are_japanese_and_english(folder: Path) -> None:
    items = list(load_paths([folder]).items_by_id.values())
    assert all(CJK.search(i.title) for i in items)
    english = [i.title_en for i in items if i.title_en]
    assert 0.2 < len(english) / len(items) < 0.6
    assert all(t.isascii() for t in english)


def test_a_realistic_mix_of_kinds_dates_statuses_and_links(folder: Path) -> None:
    text = "\n".join(p.read_text("utf-8") for p in sorted(folder.glob("*.toml")))
    for form in (r'"R\d+"', r'"令和\d+年度"', r'"FY\d{4}H[12]"', r'"\d{4}-\d{2}"',
                 r"= \d{4}-\d{2}-\d{2}\n", r'"令和\d+年\d+月"', r'"[RH]\d+[上下]期"',
                 r'"FY\d{4}Q\d"'):  # fmt: skip
        assert re.search(form, text), form
    loaded = load_paths([folder])
    items = list(loaded.items_by_id.values())
    milestones = sum(i.kind is Kind.MILESTONE for i in items)
    assert 0.2 < milestones / len(items) < 0.6
    assert {i.status.value for i in items} == {
        "planned", "in-progress", "done", "blocked", "cancelled"
    }  # fmt: skip
    flags = folder_flags(loaded, AS_OF)
    overdue = sum(f.overdue for f in flags.values())
    assert 0.02 < overdue / len(items) < 0.3
    assert sum(bool(i.depends_on) for i in items) > 100
    assert any(d.split("-")[0] != i.id.split("-")[0] for i in items for d in i.depends_on)
    assert sum(bool(i.history) for i in items) > 20
    assert any(r.calendar.fiscal_year_start_month == 1 for r in loaded.roadmaps)


def test_single_file_for_the_write_benchmark(tmp_path: Path) -> None:
    made = generate_file(tmp_path / "big.toml", 10_000)
    data = made.path.read_bytes()
    assert made.bytes == len(data) and 1.2e6 < len(data) < 1.8e6
    document = tomllib.loads(data.decode("utf-8"))
    assert len(document["items"]) == 10_000
    assert generate_file(tmp_path / "again.toml", 10_000).path.read_bytes() == data


def test_bench_entry_point_runs_end_to_end_on_a_tiny_size(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "200", "--quick", "--file-items", "300",
         "--data", str(tmp_path / "out"), "--output", str(output)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| goal | figure | value |" in result.stdout
    report = output.read_text("utf-8")
    for part in ("## Goals", "## Figures", "## Machine", "- CPU:", "- cores:", "- memory:",
                 "- Python:", "- OS:", "- date:", "## Method", "5 check throughput",
                 "7 start-up", "4 status change", "200 items"):  # fmt: skip
        assert part in report, part
    assert "measurement failed" not in report, report
