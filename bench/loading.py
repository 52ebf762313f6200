"""Loading figures: ``roadmap check`` throughput vs raw ``tomllib.loads`` (goal 5), the
10,000-item file's load time vs tomllib (issue #2), and peak memory of loading (goal 6).

Method: each run is a fresh interpreter that imports what it needs first and then times
only the work, so start-up (figure 7) is not counted twice. The baseline reads, decodes
and ``tomllib.loads`` the same files; ``check`` runs the real ``roadmap check`` entry
point (``cli.main(["check", …])``, output captured) — schema, build, folder-wide checks.
Runs alternate baseline / check; the ratio is the median of the ratios of adjacent runs
(throughput ratio = tomllib time ÷ check time, so ≥ 0.8 means check keeps 80 % of
tomllib's speed).
"""

from __future__ import annotations

from pathlib import Path

from bench.measure import Row, interleave, median, paired_ratio, run_child, say, secs, spread

_TOMLLIB = """
import json, sys, time, tomllib
from pathlib import Path
target = Path(sys.argv[1])
files = sorted(target.rglob("*.toml")) if target.is_dir() else [target]
start = time.perf_counter()
for path in files:
    tomllib.loads(path.read_bytes().decode("utf-8"))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

_CHECK = """
import contextlib, io, json, resource, sys, time
import roadmap_tui.commands.check
from roadmap_tui.cli import main
out, err = io.StringIO(), io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = main(["check", sys.argv[1]])
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "code": code, "summary": err.getvalue().strip(),
                  "problems": out.getvalue().count("\\n"), "rss": rss}))
"""

_LOAD = """
import json, resource, sys, time
from roadmap_tui.core.loader import load_paths
start = time.perf_counter()
folder = load_paths([sys.argv[1]])
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
time.sleep(0.3)  # the helper process (core.loadpool) of a big folder: reaped by now
helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "items": len(folder.items_by_id),
                  "problems": len(folder.problems), "rss": rss, "helper": helper}))
"""


def _seconds(code: str, target: Path, sink: list[dict[str, object]] | None = None) -> float:
    data = run_child(code, str(target))
    if sink is not None:
        sink.append(data)
    return float(data["seconds"])  # type: ignore[arg-type]


def check_throughput(folder: Path, items: int, mbytes: float, runs: int) -> list[Row]:
    """Goal 5 at one size: ``roadmap check`` vs ``tomllib.loads`` of the same files."""
    say(f"  check vs tomllib at {items:,} items ({runs} runs)")
    details: list[dict[str, object]] = []
    base, check = interleave(
        runs, lambda: _seconds(_TOMLLIB, folder), lambda: _seconds(_CHECK, folder, details)
    )
    ratio = paired_ratio(base, check)
    problems = sum(int(d["problems"]) for d in details)  # type: ignore[call-overload]
    # Throughput is judged from 10k items up: below, fixed costs (argument parsing,
    # compiling the schema, ~15 ms) are most of the time of both.
    judged = items >= 10_000
    note = spread(check) if judged else f"fixed costs dominate; {spread(check)}"
    return [
        Row(
            "5 check throughput",
            f"roadmap check, {items:,} items ({mbytes:.1f} MB)",
            f"{secs(median(check))} ({mbytes / median(check):.1f} MB/s)",
            f"tomllib {secs(median(base))} ({mbytes / median(base):.1f} MB/s)",
            f"{ratio:.2f}×",
            "≥ 0.8×" if judged else "",
            ratio >= 0.8 if judged else None,
            f"{note}; {problems} problems reported" if problems else note,
        )
    ]


def file_load(path: Path, items: int, mbytes: float, runs: int) -> list[Row]:
    """The 10,000-item file: ``load_paths`` vs ``tomllib.loads`` (the figure issue #2 asks for)."""
    say(f"  load of the {items:,}-item file ({runs} runs)")
    base, load = interleave(runs, lambda: _seconds(_TOMLLIB, path), lambda: _seconds(_LOAD, path))
    ratio = paired_ratio(base, load)
    return [
        Row(
            "load (issue #2)",
            f"load_paths, one {items:,}-item file ({mbytes:.1f} MB)",
            secs(median(load)),
            f"tomllib {secs(median(base))}",
            f"{ratio:.2f}×",
            "",
            None,
            "ratio = tomllib time ÷ load time",
        )
    ]


def load_memory(folder: Path, items: int) -> tuple[Row, float]:
    """Peak RSS of a process that loads the folder (no UI); returns the row and the seconds."""
    say(f"  peak memory of loading {items:,} items")
    data = run_child(_LOAD, str(folder))
    rss = float(data["rss"]) / 2**20  # type: ignore[arg-type]
    helper = float(data.get("helper", 0)) / 2**20  # type: ignore[arg-type]
    helper_note = f"; the helper process that loads the back of the folder: {helper:.0f} MB"
    return (
        Row(
            "6 peak memory",
            f"load only, {items:,} items (ru_maxrss)",
            f"{rss:.0f} MB",
            "",
            "",
            "≤ 300 MB",
            rss <= 300,
            "whole process: interpreter + model; no UI" + (helper_note if helper else ""),
        ),
        float(data["seconds"]),  # type: ignore[arg-type]
    )
