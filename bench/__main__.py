"""``python -m bench`` (``just bench``): generate folders, measure, print the table and
write ``BENCHMARKS.md``.

``--sizes 1000 10000 100000`` (default) picks the folder sizes, ``--quick`` takes one run
of everything (a smoke run, not figures to quote), ``--only load,ui`` picks groups.
Generated folders go to ``bench/out/`` (git-ignored) and are reused while the
generator is unchanged. Parts of the app that are not built yet show ``n/a``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench import generate, loading, notes, report, startup, ui, write
from bench.measure import CODE, ROOT, Row, say

GROUPS = ("startup", "load", "write", "ui")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1000, 10_000, 100_000],
        metavar="N",
        help="folder sizes in items (default: 1000 10000 100000)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one run of everything: a smoke test, not figures to quote",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="runs per figure (medians; the app at 100k items takes at most 3)",
    )
    parser.add_argument("--presses", type=int, default=20, help="key presses per key and run")
    parser.add_argument(
        "--file-items",
        type=int,
        default=10_000,
        help="items in the single file of the write benchmark",
    )
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups of {', '.join(GROUPS)}"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT / "bench" / "out",
        help="where generated folders go (default: bench/out)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "BENCHMARKS.md",
        help="the Markdown report (default: BENCHMARKS.md)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--code-root", type=Path, help="measure the roadmap_tui found here instead (before/after)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.presses = 1, min(args.presses, 5)
    unknown = set(args.only.split(",")) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the selected groups; print and write the report."""
    args = parse_args(argv)
    if args.code_root:
        CODE["root"] = args.code_root.resolve()
    only = set(args.only.split(","))
    started = time.perf_counter()
    say("generating folders …")
    folders = {n: generate.generate_folder(args.data / f"folder-{n}", n) for n in args.sizes}
    single = generate.generate_file(args.data / f"file-{args.file_items}.toml", args.file_items)
    rows: list[Row] = []

    def runs_for(items: int) -> int:
        runs: int = args.runs
        return runs if items < 100_000 else max(1, min(runs, 3))

    def measured(group: str, measure: Callable[[], list[Row]]) -> None:
        # One broken part (say, the app mid-change) must not lose the other figures.
        try:
            rows.extend(measure())
        except Exception as exc:  # noqa: BLE001 - reported in the table instead
            say(f"  {group} failed: {exc}")
            rows.append(Row(group, "(measurement failed)", f"error: {str(exc)[:160]}", met=False))

    if "startup" in only:
        say("start-up (goal 7)")
        measured("7 start-up", lambda: startup.startup(args.runs))
    if "load" in only:
        say("loading (goal 5, issue #2, goal 6)")
        for n, made in folders.items():
            # the ratio is the figure here: at least 5 pairs even for the biggest folder
            check = partial(loading.check_throughput, made.path, n, made.bytes / 1e6, args.runs)
            measured("5 check throughput", check)
        measured(
            "load (issue #2)",
            lambda: loading.file_load(single.path, single.items, single.bytes / 1e6, args.runs),
        )
        biggest = max(folders)
        measured("6 peak memory", lambda: [loading.load_memory(folders[biggest].path, biggest)[0]])
    if "write" in only:
        say("status change (goal 4)")
        measured(
            "4 status change",
            lambda: write.status_change(
                single.path, single.items, args.runs, with_tomlkit=not args.quick
            ),
        )
    if "ui" in only:
        say("the app (goals 1, 2, 3, 6)")
        if not ui.ui_built():
            rows.extend(ui.not_built_rows())
        else:
            cache = args.data / "load-cache"
            shutil.rmtree(cache, ignore_errors=True)  # primed afresh for every warm figure
            first = partial(ui.start_vs_bare, startup.BUNDLED, args.runs, cache)
            measured("1 start to first paint", first)
            for n, made in folders.items():
                paint = partial(ui.paint_and_keys, made.path, n, runs_for(n), args.presses, cache)
                measured("2 first paint", paint)
    rows.sort(key=lambda r: r.group)
    elapsed = time.perf_counter() - started
    settings = "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv)
    report.print_table(rows)
    say(f"done in {elapsed:.0f} s")
    if not args.no_write:
        report.write_markdown(
            args.output, rows, settings.strip(), notes.analysis(rows, folders, single)
        )
        say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
