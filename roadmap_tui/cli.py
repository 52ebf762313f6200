"""The ``roadmap`` command: the app by default, subcommands for scripts and CI.

Each subcommand lives in its own module under :mod:`roadmap_tui.commands`,
imported only when it runs, so ``roadmap check`` and ``roadmap export`` never
import Textual (start-up time; enforced by a test).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from roadmap_tui.i18n import N_, _, set_lang

#: name -> (module, one-line help). The module defines ``add_arguments(parser)``
#: and ``run(args) -> int``. The help is translated when shown (N_ marks it).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("roadmap_tui.commands.check", N_("validate roadmap files (exit 1 on problems)")),
    "export": (
        "roadmap_tui.commands.export",
        N_("write the roadmaps as json, csv, mermaid, ics or markdown"),
    ),
    "overdue": (
        "roadmap_tui.commands.overdue",
        N_("list overdue, due-soon and blocked items (CI gate)"),
    ),
    "set-status": ("roadmap_tui.commands.update", N_("change an item's status (appends history)")),
    "set-progress": ("roadmap_tui.commands.update", N_("change an item's progress %")),
    "diff": ("roadmap_tui.commands.diff", N_("what changed between two git revisions")),
    "log": ("roadmap_tui.commands.log", N_("an item's history and the commits that touched it")),
    "kpi": ("roadmap_tui.commands.kpi", N_("KPIs with attainment and flags")),
    "kpi-set": ("roadmap_tui.commands.kpi", N_("record an actual KPI value")),
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_common(parser: argparse.ArgumentParser, *, paths: bool = True) -> None:
    """Options every command shares: ``--as-of``, ``--lang`` and the roadmap paths."""
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help=_(
            "the day to judge overdue by (any date form: 2026-11-22, R8, 令和8年4月); "
            "default: $ROADMAP_AS_OF or today"
        ),
    )
    parser.add_argument(
        "--lang", choices=["ja", "en"], help=_("language (default: from LANG/LC_ALL)")
    )
    if paths:
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help=_("roadmap files or folders (default: ./roadmaps, else the bundled roadmaps)"),
        )


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its one-line message."""


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roadmap",
        description=_(
            "Roadmaps as TOML files in git, shown as Gantt timelines. "
            "Run without a command to open the app. Commands: {commands} "
            "(roadmap COMMAND --help)."
        ).format(commands=", ".join(COMMANDS)),
    )
    add_common(parser)
    parser.add_argument(
        "--baseline", metavar="REV", help=_("show ghost bars at a git revision's dates")
    )
    parser.add_argument("--theme", choices=["dark", "light"], help=_("colour theme"))
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    from roadmap_tui import __version__

    return f"roadmap-tui {__version__}"


def command_parser(name: str) -> argparse.ArgumentParser:
    module_name, help_text = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = _Parser(prog=f"roadmap {name}", description=_(help_text))
    module.add_arguments(parser, name)
    return parser


def _lang_option(args: Sequence[str]) -> str | None:
    """The ``--lang`` value on the command line, so ``--help`` speaks it too."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_lang(_lang_option(args_list))
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list[0]
            parser = command_parser(name)
            # Intermixed: `kpi-set ID 62 --date R8 roadmaps/` has positionals on both
            # sides of an option, which plain parse_args rejects.
            args = parser.parse_intermixed_args(args_list[1:])
            args.command = name
            module = importlib.import_module(COMMANDS[name][0])
            code: int = module.run(args)
            return code
        args = _app_parser().parse_args(args_list)
        from roadmap_tui.commands.app import run_app

        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roadmap export | head`: the reader left; that is not an error.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
