"""Goal 7: ``roadmap check`` and ``roadmap export --format json`` process start-up vs
``python -c pass``, whether they import Textual, and the ``-X importtime`` top offenders.

Method: wall time from spawning the process to its exit, on the bundled roadmaps (six
real files), output discarded; the three commands are run in turns and medians compared.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.measure import (
    ROOT,
    Row,
    child_env,
    code_root,
    interleave,
    median,
    ms,
    paired_ratio,
    say,
    wall_time,
)

BUNDLED = ROOT / "roadmap_tui" / "bundled"


def roadmap_argv() -> list[str]:
    """How a user starts the command: the ``roadmap`` console script of this interpreter
    (``python -m roadmap_tui`` when measuring another checkout)."""
    script = Path(sys.executable).parent / "roadmap"
    if script.is_file() and code_root() == ROOT:
        return [str(script)]
    return [sys.executable, "-m", "roadmap_tui"]


def _ui_modules_loaded(args: list[str]) -> list[str]:
    code = (
        "import io, sys, contextlib\n"
        "from roadmap_tui.cli import main\n"
        "sink = io.StringIO()\n"
        "with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):\n"
        f"    main({args!r})\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=code_root(),
        env=child_env(),
    )
    return [m for m in result.stdout.strip().split(",") if m]


def import_offenders(args: list[str], top: int = 6) -> tuple[float, list[tuple[str, float]]]:
    """Total import time of ``roadmap ARGS`` and the modules with the most *self* time (s)."""
    code = f"from roadmap_tui.cli import main; main({args!r})"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True, text=True, cwd=code_root(), env=child_env(),
    )  # fmt: skip
    selfs: list[tuple[str, float]] = []
    total = 0.0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[12:].split("|")
        if not name[1:].startswith(" "):  # a top-level import: its cumulative time counts once
            total += int(cumulative_us) / 1e6
        selfs.append((name.strip(), int(self_us) / 1e6))
    selfs.sort(key=lambda pair: -pair[1])
    return total, selfs[:top]


def startup(runs: int) -> list[Row]:
    """Goal 7 rows."""
    say(f"  process start-up of check/export vs python -c pass ({runs} runs)")
    cmd = roadmap_argv()
    check_args = ["check", str(BUNDLED)]
    export_args = ["export", "--format", "json", "--as-of", "2026-11-22", str(BUNDLED)]
    bare, check, export = interleave(
        runs,
        lambda: wall_time([sys.executable, "-c", "pass"]),
        lambda: wall_time([*cmd, *check_args]),
        lambda: wall_time([*cmd, *export_args]),
    )
    rows = []
    for name, args, times in (
        ("check", check_args, check),
        ("export --format json", export_args, export),
    ):
        ui = _ui_modules_loaded(args)
        total, offenders = import_offenders(args)
        worst = ", ".join(f"{mod} {sec * 1000:.0f}" for mod, sec in offenders[:4])
        rows.append(
            Row(
                "7 start-up",
                f"roadmap {name} (bundled, 6 files)",
                ms(median(times)),
                f"python -c pass {ms(median(bare))}",
                f"{paired_ratio(times, bare):.1f}×",
                "no Textual import",
                not ui,
                f"imports {total * 1000:.0f} ms; top self ms: {worst}"
                + (f"; IMPORTS {', '.join(ui)}" if ui else ""),
            )
        )
    return rows
