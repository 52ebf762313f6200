"""``roadmap set-status`` and ``roadmap set-progress``: change one item, append its history.

The item is found across the folder; its file is changed with a minimal diff (the
status line, maybe ``progress``/``actual_*`` lines, and one ``[[items.history]]``
entry), verified and written crash-safely by :mod:`roadmap_tui.core.storage`.
Exit codes: 0 written (or nothing to change), 1 the change was refused (unknown item,
a transition that makes no sense, a file with problems, a conflict with an edit made
on disk meanwhile), 2 a bad command line (unknown status, progress outside 0..100,
a date that is not a date). Nothing is written unless the exit code is 0.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    as_of,
    fail,
    paths_of,
)
from roadmap_tui.core.dates import Precision, parse_period
from roadmap_tui.core.errors import ConflictError, DateError, UpdateError
from roadmap_tui.core.loader import FileReport, assemble, discover, load_file
from roadmap_tui.core.model import STATUSES, Item, RoadmapFolder
from roadmap_tui.core.storage import (
    Applied,
    NoChange,
    ProgressChange,
    StatusChange,
    TomlValue,
    TransitionError,
    apply_change,
    git_user_name,
)
from roadmap_tui.core.validate import did_you_mean
from roadmap_tui.i18n import STATUS_LABELS, _, set_lang, status_label, translate


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """``set-status ITEM_ID STATUS`` or ``set-progress ITEM_ID N``, with note, date, author."""
    parser.add_argument("item", metavar="ITEM_ID", help=_("the item's id"))
    if name == "set-status":
        parser.add_argument(
            "status", metavar="STATUS", help=_("planned, in-progress, done, blocked or cancelled")
        )
        parser.add_argument(
            "--progress", type=int, metavar="N", help=_("also set progress to N percent (0..100)")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("record a status change even if it is not one of the usual transitions"),
        )
    else:
        parser.add_argument("progress", type=int, metavar="N", help=_("percent done, 0..100"))
    parser.add_argument("--note", default="", metavar="TEXT", help=_("why, for the history"))
    parser.add_argument(
        "--date",
        metavar="DATE",
        help=_("when it happened (any date form; default: the as-of day)"),
    )
    parser.add_argument(
        "--author",
        metavar="NAME",
        help=_("who, for the history (default: git config user.name; '' for none)"),
    )
    add_common(parser)


def status_of(text: str) -> str | None:
    """The status named by ``text``: a status value, or its label in English or Japanese."""
    wanted = text.strip().lower().replace("_", "-").replace(" ", "-")
    if wanted in STATUSES:
        return wanted
    for status, label in STATUS_LABELS.items():
        if text.strip() in (label, translate(label, "ja"), translate(label, "en")):
            return status
    return None


def _history_date(text: str | None, default: _dt.date, fiscal_start: int) -> TomlValue:
    """A day as a TOML date; a coarser form (``R8``, ``2026-04``) is kept as written."""
    if text is None:
        return default
    try:
        period = parse_period(text.strip(), fiscal_year_start_month=fiscal_start)
    except DateError as exc:
        raise UsageError(_("--date: {error}").format(error=exc)) from None
    return period.start if period.precision is Precision.DAY else text.strip()


def _find(folder: RoadmapFolder, item_id: str, files: int) -> Item:
    item = folder.items_by_id.get(item_id)
    if item is not None:
        return item
    message = _("no item '{id}' in {files} roadmap files").format(id=item_id, files=files)
    hint = did_you_mean(item_id, list(folder.items_by_id))
    broken = len({p.path for p in folder.problems})
    if hint is None and broken:
        hint = _("{n} files have problems and may not be fully loaded: roadmap check").format(
            n=broken
        )
    raise _Refused(message + (f" (hint: {hint})" if hint else ""))


class _Refused(Exception):
    """The change was refused: one line, exit 1."""


def _report_for(item: Item, reports: list[FileReport]) -> FileReport:
    path = item.location.path if item.location else ""
    report = next((r for r in reports if r.path == path), None)
    if report is None or report.fingerprint is None:
        raise _Refused(_("cannot tell which file holds '{id}'").format(id=item.id))
    return report


def _change(
    args: argparse.Namespace, item: Item, date: TomlValue, author: str
) -> StatusChange | ProgressChange:
    if args.command == "set-status":
        status = status_of(args.status)
        assert status is not None
        return StatusChange(
            item.id,
            status,
            date,
            note=args.note,
            author=author,
            progress=args.progress,
            expected_from=item.status.value,
            force=args.force,
        )
    return ProgressChange(
        item.id,
        args.progress,
        date,
        note=args.note,
        author=author,
        expected=item.progress,
    )


def _check_request(args: argparse.Namespace) -> None:
    if args.command == "set-status" and status_of(args.status) is None:
        hint = did_you_mean(args.status, list(STATUSES))
        message = _("unknown status '{status}'; use one of: {statuses}").format(
            status=args.status, statuses=", ".join(STATUSES)
        )
        raise UsageError(message + (f" (hint: {hint})" if hint else ""))
    if args.progress is not None and not 0 <= args.progress <= 100:
        raise UsageError(_("progress must be 0..100, not {n}").format(n=args.progress))


def _done_line(applied: Applied, item_id: str) -> str:
    before, after = applied.before, applied.after
    parts = []
    old, new = before.get("status", "planned"), after.get("status", "planned")
    if old != new:
        parts.append(f"{status_label(old)} → {status_label(new)}")
    if before.get("progress") != after.get("progress"):
        shown = "–" if before.get("progress") is None else f"{before.get('progress')}%"
        parts.append(_("progress {old} → {new}%").format(old=shown, new=after.get("progress")))
    line = f"{applied.path}: {item_id}: {', '.join(parts)}"
    if applied.reapplied:
        line += " " + _("(the file had changed on disk; applied to the newer version)")
    return line


def run(args: argparse.Namespace) -> int:
    """Change the item; one line on stdout when written, one line on stderr when not."""
    set_lang(args.lang)
    try:
        day = as_of(args)
        _check_request(args)
        files = discover(paths_of(args))
    except UsageError as exc:
        return fail(str(exc))
    reports = [load_file(p) for p in files]
    folder = assemble(reports)
    try:
        item = _find(folder, args.item, len(files))
        report = _report_for(item, reports)
        own = [p for p in folder.problems if p.path == report.path and p.severity == "error"]
        if own:
            raise _Refused(
                _("{path} has problems; fix them first (roadmap check): {problem}").format(
                    path=report.path, problem=own[0]
                )
            )
        roadmap = report.roadmap
        fiscal_start = roadmap.calendar.fiscal_year_start_month if roadmap else 4
        date = _history_date(args.date, day, fiscal_start)
        author = args.author if args.author is not None else git_user_name(Path(report.path).parent)
        applied = apply_change(
            report.path, _change(args, item, date, author), loaded=report.fingerprint
        )
    except UsageError as exc:
        return fail(str(exc))
    except _Refused as exc:
        return fail(str(exc), EXIT_PROBLEMS)
    except NoChange as exc:
        print(_("nothing to change: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_OK
    except TransitionError as exc:
        allowed = ", ".join(exc.allowed) or "–"
        hint = _("from {status}: {allowed}; --force records it anyway").format(
            status=item.status.value, allowed=allowed
        )
        return fail(f"{exc} (hint: {hint})", EXIT_PROBLEMS)
    except (ConflictError, UpdateError) as exc:
        return fail(str(exc), EXIT_PROBLEMS)
    except OSError as exc:
        return fail(_("cannot write the file: {error}").format(error=exc), EXIT_PROBLEMS)
    print(_done_line(applied, item.id))
    return EXIT_OK
