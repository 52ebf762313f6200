"""``roadmap check``: every problem as ``path:line:col: message``; exit 1 if any."""

from __future__ import annotations

import argparse
import json
import sys

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, EXIT_PROBLEMS, UsageError, fail, paths_of
from roadmap_tui.core.loader import assemble, discover, paused_gc
from roadmap_tui.core.loadpool import load_in_order


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    try:
        files = discover(paths_of(args))
    except UsageError as exc:
        return fail(str(exc))
    with paused_gc():  # across files too: the collector would rescan what loaded so far
        # a big folder's back half loads in a helper process (core.loadpool)
        folder = assemble(list(load_in_order(files)))
    items = sum(len(r.items) for r in folder.roadmaps)
    kpis = sum(len(r.kpis) for r in folder.roadmaps)
    if args.format == "json":
        json.dump(
            {
                "files": len(files),
                "roadmaps": len(folder.roadmaps),
                "items": items,
                "kpis": kpis,
                "problems": [p.to_json() for p in folder.problems],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        for problem in folder.problems:
            print(problem)
        summary = (
            f"{len(files)} files, {len(folder.roadmaps)} roadmaps, {items} items, {kpis} KPIs: "
            + (f"{len(folder.problems)} problems" if folder.problems else "no problems")
        )
        print(summary, file=sys.stderr)
    return EXIT_PROBLEMS if folder.problems else EXIT_OK
