"""What the subcommands share: loading the folder, the as-of day, messages."""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from roadmap_tui.core.errors import DateError
from roadmap_tui.core.loader import default_paths, load_paths
from roadmap_tui.core.model import RoadmapFolder

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad command line: reported as one line, exit 2."""


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"roadmap: {message}", file=sys.stderr)
    return code


def as_of(args: argparse.Namespace) -> _dt.date:
    """The as-of day from ``--as-of`` / ``$ROADMAP_AS_OF`` / today."""
    from roadmap_tui.core.clock import resolve_as_of

    try:
        return resolve_as_of(getattr(args, "as_of", None))
    except DateError as exc:
        raise UsageError(f"--as-of: {exc}") from None


def paths_of(args: argparse.Namespace) -> list[Path]:
    paths = default_paths(getattr(args, "paths", None))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return paths


def load(args: argparse.Namespace) -> RoadmapFolder:
    return load_paths(paths_of(args))
