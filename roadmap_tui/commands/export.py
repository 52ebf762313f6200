"""``roadmap export --format FORMAT``: the folder for other tools, on stdout or ``-o FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, UsageError, as_of, fail, load
from roadmap_tui.exports import FORMATS, render
from roadmap_tui.i18n import _


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--format", choices=list(FORMATS), default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--bom",
        action="store_true",
        help=_("start with a UTF-8 byte-order mark (Excel needs it to show Japanese in a CSV)"),
    )
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    try:
        day = as_of(args)
        folder = load(args)
    except UsageError as exc:
        return fail(str(exc))
    for problem in folder.problems:
        print(problem, file=sys.stderr)
    from roadmap_tui.i18n import current_lang

    text = render(args.format, folder, day, current_lang(args.lang))
    if getattr(args, "bom", False):
        text = "\ufeff" + text
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return EXIT_OK
