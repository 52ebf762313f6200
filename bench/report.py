"""The table on stdout and ``BENCHMARKS.md``: figures, verdicts, the machine, the method."""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.measure import Row

HEADER = ("goal", "figure", "value", "baseline (same run)", "ratio", "target", "verdict", "note")


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages * size / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    try:
        import textual

        textual_version = getattr(textual, "__version__", "")
    except ImportError:  # pragma: no cover - textual is a dependency
        textual_version = "not installed"
    if not textual_version:
        from importlib.metadata import version

        textual_version = version("textual")
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Textual": textual_version,
        "OS": platform.platform(),
        # The bench is not the app: the run's date is the wall clock on purpose.
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _cells(row: Row) -> list[str]:
    return [
        row.group,
        row.figure,
        row.value,
        row.baseline,
        row.ratio,
        row.goal,
        row.verdict,
        row.note,
    ]


def table(rows: Sequence[Row]) -> str:
    """A Markdown table (also readable as plain text on stdout)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(row)) + " |")
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> list[str]:
    """One line per goal: met / not met / not measured, with the deciding figure."""
    out = []
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.goal:
            groups.setdefault(row.group, []).append(row)
    for group, members in groups.items():
        failed = [r for r in members if r.met is False]
        unknown = [r for r in members if r.met is None]
        if failed:
            worst = failed[0]
            out.append(
                f"- **{group}**: NOT met — {worst.figure}: {worst.value}"
                + (f" ({worst.ratio})" if worst.ratio else "")
                + f", target {worst.goal}"
            )
        elif unknown:
            out.append(f"- **{group}**: not measured — {unknown[0].value}")
        else:
            shown = ", ".join(f"{r.value}" + (f" ({r.ratio})" if r.ratio else "") for r in members)
            out.append(f"- **{group}**: met — {shown} (target {members[0].goal})")
    return out


def write_markdown(path: Path, rows: Sequence[Row], settings: str, analysis: str) -> None:
    """Write ``BENCHMARKS.md``: summary, table, machine, method, analysis."""
    info = machine()
    text = [
        "# Benchmarks",
        "",
        "Written by `just bench` (`python -m bench`); do not edit by hand — the "
        "analysis below is part of `bench/notes.py`.",
        "",
        f"Run: `{settings}`",
        "",
        "## Goals",
        "",
        *summary(rows),
        "",
        "## Figures",
        "",
        table(rows),
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in info.items()),
        "",
        analysis.strip(),
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


def print_table(rows: Sequence[Row]) -> None:
    """The table and the goal summary on stdout."""
    print(table(rows))
    print()
    print("\n".join(summary(rows)))
    sys.stdout.flush()
