"""``roadmap [PATH ...]``: open the app (the default when no subcommand is given)."""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tui.commands.common import EXIT_OK, UsageError, as_of, fail, paths_of
from roadmap_tui.core.model import RoadmapFolder


def run_app(args: argparse.Namespace) -> int:
    """Resolve paths, as-of day and language, then run the TUI until the user quits."""
    try:
        day = as_of(args)
        paths = paths_of(args)
    except UsageError as exc:
        return fail(str(exc))
    from roadmap_tui.i18n import current_lang, set_lang

    lang = set_lang(current_lang(getattr(args, "lang", None)))
    baseline = None
    if getattr(args, "baseline", None):
        loaded = _load_baseline(args.baseline, paths)
        if isinstance(loaded, str):
            return fail(loaded)
        baseline = loaded
    # imported after set_lang so key labels are in the chosen language
    from roadmap_tui.ui.app import create_app

    app = create_app(paths, day, lang=lang, theme=getattr(args, "theme", None) or "dark",
                     baseline=baseline)  # fmt: skip
    result = app.run()
    return int(result) if isinstance(result, int) else EXIT_OK


def _load_baseline(rev: str, paths: list[Path]) -> RoadmapFolder | str:
    """The folder at git revision ``rev``, or a message saying why it cannot be read.

    The app draws ghost bars, slip markers and the slip column for the folder returned.
    """
    from roadmap_tui.commands.diff import git_message
    from roadmap_tui.core.gitrepo import GitError, load_baseline

    try:
        return load_baseline(rev, paths)
    except GitError as exc:
        return f"--baseline {rev}: {git_message(exc)}"
