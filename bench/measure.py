"""What every measurement group shares: rows of the table, medians, child processes.

Why child processes: every figure is taken in a fresh interpreter, so one figure's
caches (the date-parse cache, imported modules, the heap) never flatter the next, and
peak memory (``ru_maxrss``) belongs to one measurement only. Why interleaving: this
machine is noisy (2 shared cores), so a figure and its baseline are measured in turns
(A B A B …) and the medians of the same run are compared.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_BUILT = "n/a (not built yet)"
#: Where the measured children run: their ``roadmap_tui`` is imported from here (the
#: current directory comes first on ``sys.path``). ``--code-root`` points it at another
#: checkout to measure before/after; the ``bench`` package always comes from ROOT.
CODE = {"root": ROOT}


def code_root() -> Path:
    """The checkout whose ``roadmap_tui`` the children measure."""
    return CODE["root"]


@dataclass(slots=True)
class Row:
    """One line of the table: a figure, its baseline (if any), the ratio and the goal."""

    group: str
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    goal: str = ""
    #: True met, False not met, None not measured / no goal
    met: bool | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.met is None:
            return "—" if not self.goal else "not measured"
        return "met" if self.met else "NOT met"


def median(values: Sequence[float]) -> float:
    """The median; ``nan`` for no values."""
    return statistics.median(values) if values else float("nan")


def paired_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the ratios of runs taken side by side (A₁/B₁, A₂/B₂ …).

    Why not the ratio of the medians: on a shared machine the load drifts during a
    run; two measures taken one right after the other see nearly the same load, so
    their ratio is steadier than either figure alone.
    """
    return median([a / b for a, b in zip(numerators, denominators, strict=True)])


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table (``12.3 ms``)."""
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    """Seconds for the table: ms below one second."""
    return ms(seconds) if seconds < 1 else f"{seconds:.2f} s"


def spread(values: Sequence[float]) -> str:
    """``min–max`` of the runs, so a noisy figure shows it is noisy."""
    if len(values) < 2:
        return ""
    return f"runs {min(values) * 1000:.0f}–{max(values) * 1000:.0f} ms"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured child: no colour or locale surprises, no as-of drift."""
    env = dict(os.environ)
    for var in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DEBUG", "PYTHONPROFILEIMPORTTIME"):
        env.pop(var, None)
    env.update({"ROADMAP_AS_OF": "2026-11-22", "ROADMAP_LANG": "en", "PYTHONHASHSEED": "0"})
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_child(code: str, *args: str, env: dict[str, str] | None = None,
              timeout: float = 600) -> dict[str, object]:  # fmt: skip
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=code_root(),
        env=env or child_env(),
        timeout=timeout,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError("child failed: " + " | ".join(tail))
    data: dict[str, object] = json.loads(lines[-1])
    return data


def wall_time(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds from spawning ``argv`` until it exits (output discarded)."""
    start = time.perf_counter()
    subprocess.run(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=code_root(),
        env=env or child_env(), check=False, timeout=600,
    )  # fmt: skip
    return time.perf_counter() - start


def interleave(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Call each measure ``runs`` times in turns; one list of results per measure."""
    results: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for i, measure in enumerate(measures):
            results[i].append(measure())
    return results


def module_exists(name: str) -> bool:
    """Whether ``name`` can be imported (the TUI and the write path land separately)."""
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def say(text: str) -> None:
    """Progress on stderr, so the table on stdout stays clean."""
    print(text, file=sys.stderr, flush=True)
