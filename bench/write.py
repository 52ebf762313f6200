"""Goal 4: a status change written to the 10,000-item (≈1.5 MB) file, end to end.

Method: a fresh child copies the generated file to a temporary folder, loads it once
(``load_file``, which records the fingerprint the app remembers), then times
``storage.set_item_status(path, id, "in-progress", date=…, loaded=fingerprint)`` for
several planned items spread over the file — read, conflict check, locate, edit,
verify, crash-safe write (fsync) — each on the file as the previous change left it.
The reference is the naive way the issue rules out: ``tomlkit.parse`` + ``dumps`` of
the same file (one run; it takes seconds).
"""

from __future__ import annotations

from pathlib import Path

from bench.measure import NOT_BUILT, Row, median, module_exists, ms, run_child, say, secs

_STATUS_CHANGE = """
import datetime, json, shutil, sys, tempfile, time, tomllib
from pathlib import Path
from roadmap_tui.core.loader import load_file
from roadmap_tui.core.storage import set_item_status
source, changes = Path(sys.argv[1]), int(sys.argv[2])
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / source.name
    shutil.copyfile(source, path)
    report = load_file(path)
    planned = [i.id for i in report.roadmap.items if i.status.value == "planned"]
    step = max(1, len(planned) // changes)
    loaded = report.fingerprint
    times, methods = [], set()
    for item_id in planned[::step][:changes]:
        start = time.perf_counter()
        applied = set_item_status(path, item_id, "in-progress", date=datetime.date(2026, 11, 22),
                                  note="bench", loaded=loaded)
        times.append(time.perf_counter() - start)
        loaded = applied.fingerprint
        methods.add(applied.method)
    after = tomllib.loads(path.read_text("utf-8"))
    moved = sum(1 for i in after["items"] if i.get("history", [{}])[-1].get("note") == "bench")
print(json.dumps({"times": times, "methods": sorted(methods), "moved": moved}))
"""

_TOMLKIT = """
import json, sys, time
from pathlib import Path
import tomlkit
text = Path(sys.argv[1]).read_text("utf-8")
start = time.perf_counter()
doc = tomlkit.parse(text)
tomlkit.dumps(doc)
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def status_change(path: Path, items: int, runs: int, with_tomlkit: bool) -> list[Row]:
    """Goal 4 rows (``n/a`` while the write path is not built)."""
    if not module_exists("roadmap_tui.core.storage"):
        return [Row("4 status change", f"{items:,}-item file", NOT_BUILT, goal="≤ 50 ms")]
    say(f"  status change on the {items:,}-item file ({runs} runs × 5 changes)")
    times: list[float] = []
    methods: set[str] = set()
    moved = 0
    for _ in range(runs):
        data = run_child(_STATUS_CHANGE, str(path), "5")
        times.extend(float(t) for t in data["times"])  # type: ignore[attr-defined]
        methods.update(data["methods"])  # type: ignore[arg-type]
        moved += int(data["moved"])  # type: ignore[call-overload]
    baseline, ratio = "", ""
    if with_tomlkit:
        say("  naive tomlkit parse + dumps of the same file (1 run)")
        naive = float(run_child(_TOMLKIT, str(path))["seconds"])  # type: ignore[arg-type]
        baseline = f"tomlkit parse+dumps {secs(naive)}"
        ratio = f"{median(times) / naive:.3f}×"
    size = path.stat().st_size / 1e6
    return [
        Row(
            "4 status change",
            f"set_item_status, {items:,}-item file ({size:.1f} MB)",
            ms(median(times)),
            baseline,
            ratio,
            "≤ 50 ms",
            median(times) <= 0.050 and moved == len(times),
            f"median of {len(times)} changes, worst {ms(max(times))}; "
            f"verified by {'/'.join(sorted(methods))}; {moved}/{len(times)} written",
        )
    ]
