"""The prose of BENCHMARKS.md: how each figure is measured, and what limits a goal not met."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bench.generate import Generated
from bench.measure import Row

METHOD = """\
## Method

Every figure is taken in a fresh interpreter (`python -c …` or `python -m bench.ui_probe`)
and each figure and its baseline are run in turns (A B A B …); the table quotes medians
of the same run, so a ratio is immune to the machine getting slower or faster between
runs. `--quick` takes one run of everything (smoke only).

- **Folders** (`bench/generate.py`, seed 7): N items over 10–50 roadmaps (one per
  department of an imaginary city; 10 files up to 20k items, then N/2000, at most 50),
  Japanese titles (a third with English titles), 工程表 steps, ~60 % phases and ~40 %
  milestones, every date form (TOML dates, `R8`, `令和8年度`, `FY2026H1`, `R8上期`,
  `2026-04`, `令和8年4月`, `FY2026Q3`, `R8.4.1`, years), 1 roadmap in 7 planning in
  calendar years, statuses that leave ~10 % of past items open (overdue as of
  2026-11-22), acyclic dependencies (~18 % of items, some across files), history entries
  (~12 % of closed or started items), one KPI per 200 items with actuals. Every folder
  passes `roadmap check` with zero problems (tests/test_bench.py).
- **1 start to first paint**: 120×36, headless. A hook on `App._display` (the one
  place a finished frame goes to the terminal) also encodes the frame into the escape
  sequences a terminal would get (headless skips that), then takes the time; the clock
  starts in the parent just before it spawns the process (CLOCK_MONOTONIC), so imports
  count. The bare app is `App` + one `Static`; the roadmap app counts the first frame
  in which its workspace has its view (items on screen), i.e. after loading.
- **2 first paint** at 1k/10k/100k items: the same probe on the generated folders, with
  no cache of any kind (a cold start as a first-time user has it).
- **3 key → frame**: in the same child after the first paint, a key event is handed to
  the driver as a terminal would, and the time runs until the next frame is encoded.
  `TEXTUAL_FPS=1000` so Textual's frame pacing (a refresh waits for the next 1/60 s
  tick) does not add a fixed wait: the figure is the work of handling the key and
  drawing. Zoom alternates `-` and `+`. Medians of 20 presses per key.
- **4 status change**: `storage.set_item_status` with the fingerprint from `load_file`
  (as the app does), on a temporary copy of the 10,000-item file; read, conflict check,
  edit of the item's own text, verification, crash-safe write with fsync.
- **5 check throughput**: `cli.main(["check", folder])` in-process (output captured,
  imports done before the clock starts) vs reading, decoding and `tomllib.loads` of the
  same files; ratio = tomllib time ÷ check time. No cache: check always reads and
  validates the real files.
- **6 peak memory**: `ru_maxrss` of the whole process (interpreter included): a child
  that only loads the folder, and the app child after its first paint and the key
  presses (Textual, the model and the app's row models).
- **7 start-up**: wall time of the `roadmap` console script on the bundled roadmaps vs
  `python -c pass`; a child checks that `textual`/`rich` are not in `sys.modules`
  afterwards; `-X importtime` gives the modules with the most self time (ms).
"""


def analysis(rows: Sequence[Row], folders: Mapping[int, Generated], single: Generated) -> str:
    """METHOD plus sizes of the generated data and the notes on goals not met."""
    sizes = ", ".join(
        f"{n:,} items = {g.files} files, {g.bytes / 1e6:.1f} MB, {g.kpis} KPIs"
        for n, g in sorted(folders.items())
    )
    parts = [
        METHOD,
        f"Generated data this run: {sizes}; the single file: {single.items:,} items, "
        f"{single.bytes / 1e6:.2f} MB.",
    ]
    failed = sorted({r.group for r in rows if r.met is False})
    if failed:
        parts.append("## Goals not met: what limits them, what would fix them\n")
        for group in failed:
            parts.append(f"- **{group}**: {LIMITS.get(group.split()[0], 'see the table.')}")
    return "\n\n".join(parts)


#: Keyed by the goal number; kept in step with the figures by whoever changes them.
LIMITS: dict[str, str] = {}
