"""UI figures: start to first paint vs a bare Textual app (goal 1), first paint at each
size (goal 2), key → frame latency (goal 3) and the app's peak memory (goal 6).

Each run is a fresh ``python -m bench.ui_probe`` child at 120×36, headless; the method
is in that module's docstring. Runs of the bare app and the roadmap app alternate.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import (
    NOT_BUILT,
    ROOT,
    Row,
    child_env,
    code_root,
    median,
    module_exists,
    ms,
    paired_ratio,
    say,
    secs,
    spread,
)

KEYS = ("down", "pagedown", "right", "zoom")
KEY_NAMES = {
    "down": "cursor down (j)",
    "pagedown": "scroll a page (pagedown / pageup)",
    "right": "pan (→ / ←)",
    "zoom": "zoom (- / +)",
}


def ui_built() -> bool:
    """Whether the TUI (``roadmap_tui.ui.app.create_app``) exists yet."""
    if not module_exists("roadmap_tui.ui.app"):
        return False
    result = subprocess.run(
        [sys.executable, "-c", "from roadmap_tui.ui.app import create_app"],
        capture_output=True,
        cwd=code_root(),
        env=child_env(),
        timeout=120,
    )
    return result.returncode == 0


def probe(
    app: str,
    path: Path,
    keys: tuple[str, ...] = (),
    presses: int = 0,
    cache: Path | None = None,
) -> dict[str, Any]:
    """One child run; see :mod:`bench.ui_probe`."""
    import json

    # Without --cache the load cache is off, even if the app asks for it: cold is cold.
    env = child_env(TEXTUAL_FPS="1000", ROADMAP_CACHE_DIR=str(cache) if cache else "off")
    argv = [sys.executable, "-m", "bench.ui_probe", app, str(path)]
    extra = ["--keys", ",".join(keys), "--presses", str(presses)] if keys else []
    extra += ["--cache", str(cache)] if cache else []
    spawn = time.monotonic()
    result = subprocess.run(
        [*argv, str(spawn), *extra],
        capture_output=True,
        text=True,
        cwd=code_root(),
        env=env,
        timeout=900,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        tail = result.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"ui probe failed: {' | '.join(tail)}")
    data: dict[str, Any] = json.loads(lines[-1])
    return data


def not_built_rows() -> list[Row]:
    """The UI rows while ``roadmap_tui.ui`` does not exist yet."""
    return [
        Row(
            "1 start to first paint",
            "bundled roadmaps vs bare Textual app",
            NOT_BUILT,
            goal="≤ 1.2×",
        ),
        Row("2 first paint", "1k / 10k / 100k items", NOT_BUILT, goal="≤ 2 s at 100k"),
        Row("3 key → frame", "scroll, pan, zoom", NOT_BUILT, goal="≤ 16 ms, flat"),
        Row("6 peak memory", "app at 100k items", NOT_BUILT, goal="≤ 300 MB"),
    ]


def start_vs_bare(bundled: Path, runs: int, cache: Path) -> list[Row]:
    """Goal 1: the roadmap app on the bundled roadmaps vs a bare app, same method; cold
    (no load cache) and warm (the cache holds the bundled roadmaps: every later start)."""
    from bench.measure import run_child

    say(f"  first paint: bundled roadmaps vs bare Textual app ({runs} runs, cold and warm)")
    run_child(_PRIME, str(bundled), str(cache))
    bare: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    first_frame: list[float] = []
    for _ in range(runs):
        bare.append(float(probe("bare", bundled)["first_paint"]))
        data = probe("roadmap", bundled)
        cold.append(float(data["first_paint"]))
        first_frame.append(float(data["first_frame"]))
        warm.append(float(probe("roadmap", bundled, cache=cache)["first_paint"]))
    rows = []
    for label, times, note in (
        ("no load cache", cold, f"first frame of any kind {ms(median(first_frame))}"),
        ("warm load cache", warm, _cache_note()),
    ):
        ratio = paired_ratio(times, bare)
        rows.append(
            Row(
                "1 start to first paint",
                f"roadmap app, bundled roadmaps (6 files), {label}",
                ms(median(times)),
                f"bare Textual app {ms(median(bare))}",
                f"{ratio:.2f}×",
                "≤ 1.2×",
                ratio <= 1.2,
                f"{note}; {spread(times)}",
            )
        )
    return rows


def _cache_note() -> str:
    if app_uses_cache():
        return "the app's own load cache"
    return "load cache switched on by the probe (the app does not pass cache=True yet)"


def app_uses_cache() -> bool:
    """Whether the app itself asks the loader for its cache (else the probe turns it on)."""
    import re

    call = re.compile(r"load_(?:files?|paths)\([^)]*cache=True")
    sources = (ROOT / "roadmap_tui" / "ui").glob("*.py")
    return any(call.search(source.read_text("utf-8")) for source in sources)


_PRIME = """
import os, sys
os.environ["ROADMAP_CACHE_DIR"] = sys.argv[2]
from roadmap_tui.core.loader import load_paths
load_paths([sys.argv[1]], cache=True)
print("{}")
"""


def warm_paint(folder: Path, items: int, runs: int, cache: Path) -> Row:
    """First paint when the load cache holds this folder (the second start onwards)."""
    from bench.measure import run_child

    say(f"  first paint at {items:,} items with a warm load cache ({runs} runs)")
    run_child(_PRIME, str(folder), str(cache))
    data = [probe("roadmap", folder, cache=cache) for _ in range(runs)]
    paints = [float(d["first_paint"]) for d in data]
    wholes = [float(d.get("whole_paint", d["first_paint"])) for d in data]
    progressive = median(wholes) > median(paints) * 1.2
    whole = f"; whole folder {secs(median(wholes))}" if progressive else ""
    return Row(
        "2 first paint",
        f"{items:,} items, warm load cache",
        secs(median(paints)),
        "",
        "",
        "≤ 2 s" if items >= 100_000 else "",
        median(paints) <= 2 if items >= 100_000 else None,
        f"{_cache_note()}; {spread(paints)}{whole}",
    )


def paint_and_keys(
    folder: Path, items: int, runs: int, presses: int, cache: Path | None = None
) -> list[Row]:
    """Goals 2 and 3 (and the app's memory) at one size."""
    say(f"  first paint and key → frame at {items:,} items ({runs} runs, {presses} presses/key)")
    paints: list[float] = []
    wholes: list[float] = []
    rss: list[float] = []
    helper_rss: list[float] = []
    keys: dict[str, list[float]] = {k: [] for k in KEYS}
    worst: dict[str, float] = dict.fromkeys(KEYS, 0.0)
    for n in range(runs):
        data = probe("roadmap", folder, KEYS if n < max(1, runs // 2) else (), presses)
        paints.append(float(data["first_paint"]))
        wholes.append(float(data.get("whole_paint", data["first_paint"])))
        rss.append(float(data["rss_peak"]) / 2**20)
        helper_rss.append(float(data.get("rss_helper", 0)) / 2**20)
        for key, figure in (data.get("keys") or {}).items():
            if figure:
                keys[key].append(float(figure["median"]))
                worst[key] = max(worst[key], float(figure["max"]))
    rows = [
        Row(
            "2 first paint",
            f"{items:,} items (no cache)",
            secs(median(paints)),
            "",
            "",
            "≤ 2 s" if items >= 100_000 else "",
            median(paints) <= 2 if items >= 100_000 else None,
            spread(paints),
        )
    ]
    if median(wholes) > median(paints) * 1.2:  # the folder painted its first files first
        rows.append(
            Row(
                "2 first paint",
                f"{items:,} items (no cache): whole folder on screen",
                secs(median(wholes)),
                note="the first files' roadmaps show (header: loading k of n files) until "
                f"then; {spread(wholes)}",
            )
        )
    for key in KEYS:
        if not keys[key]:
            rows.append(
                Row(
                    "3 key → frame",
                    f"{KEY_NAMES[key]}, {items:,} items",
                    "no frame",
                    goal="≤ 16 ms",
                    met=False,
                )
            )
            continue
        figure = median(keys[key])
        rows.append(
            Row(
                "3 key → frame",
                f"{KEY_NAMES[key]}, {items:,} items",
                ms(figure),
                "",
                "",
                "≤ 16 ms",
                figure <= 0.016,
                f"median of {presses} presses; worst {ms(worst[key])}",
            )
        )
    if cache is not None:
        rows.append(warm_paint(folder, items, runs, cache))
    if items >= 100_000:
        peak = max(rss)
        rows.append(
            Row(
                "6 peak memory",
                f"app at {items:,} items (ru_maxrss)",
                f"{peak:.0f} MB",
                "",
                "",
                "≤ 300 MB",
                peak <= 300,
                "whole process after first paint and the key presses: Textual, model, rows"
                + (
                    f"; the load's helper process {max(helper_rss):.0f} MB"
                    if any(helper_rss)
                    else ""
                ),
            )
        )
    return rows
