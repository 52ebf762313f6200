"""``roadmap overdue``: what is overdue, due soon or blocked; a gate for CI.

Exit 1 when the ``--fail-on`` condition holds (``overdue``: anything overdue, the
default; ``due-soon``: anything overdue or due soon; ``never``) or when a file has
problems (a broken roadmap must not pass the gate silently); else 0. Each item is
listed once, under the first of overdue, due soon, blocked that applies, as in the
Markdown report (:func:`roadmap_tui.exports.markdown.attention`).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, EXIT_PROBLEMS, UsageError, as_of, fail, load
from roadmap_tui.core.errors import Problem
from roadmap_tui.core.gitrepo import worktree_root
from roadmap_tui.core.model import Item, RoadmapFolder
from roadmap_tui.exports.jsonfmt import item_record
from roadmap_tui.exports.markdown import (
    BLOCKED,
    DUE_SOON,
    OVERDUE,
    Attention,
    attention,
    due,
    one_line,
)
from roadmap_tui.i18n import _, flag_label, get_lang, set_lang, status_label

FAIL_ON = ("overdue", "due-soon", "never")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """``overdue [--format text|json|github] [--fail-on overdue|due-soon|never]``."""
    parser.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help=_("github: workflow annotations on the items' lines"),
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="overdue",
        help=_("exit 1 when anything is overdue (default), overdue or due soon, or never"),
    )
    add_common(parser)


def gate(rows: list[Attention], fail_on: str) -> bool:
    """Whether the ``--fail-on`` condition holds."""
    if fail_on == "overdue":
        return any(a.category == OVERDUE for a in rows)
    if fail_on == "due-soon":
        return any(a.category in (OVERDUE, DUE_SOON) for a in rows)
    return False


# ── GitHub workflow commands ──────────────────────────────────────────────────


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF percent-encoded (GitHub's rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, cwd: Path | None = None) -> str:
    """``path`` relative to the top of its git working tree (what GitHub matches against
    the repository), else relative to the current folder; always with ``/``."""
    absolute = Path(path).resolve()
    root = worktree_root(absolute.parent) or (cwd or Path.cwd()).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, root)).as_posix()


def annotation(level: str, title: str, message: str, path: str, line: int) -> str:
    """``::level file=…,line=…,title=…::message`` with every part escaped."""
    props = [f"file={escape_property(annotation_path(path))}"]
    if line > 0:
        props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def _message(a: Attention, lang: str) -> str:
    item, f = a.item, a.flags
    title = one_line(item.title_for(lang)) or item.id
    state = status_label(item.status.value, lang)
    if a.category == OVERDUE:
        detail = _("due {due}, {days} days late").format(due=due(item, lang), days=-f.days_to_due)
    elif a.category == DUE_SOON:
        detail = _("due {due}, in {days} days").format(due=due(item, lang), days=f.days_to_due)
    elif f.blocked_by:
        detail = _("waiting for {items}").format(items=", ".join(f.blocked_by))
    else:
        detail = _("marked blocked")
    return f"{title} — {detail} ({state})"


def github_lines(rows: list[Attention], problems: list[Problem], lang: str) -> list[str]:
    """Annotations: errors for overdue items and file problems, warnings for the rest."""
    out = []
    for problem in problems:
        text = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        out.append(annotation("error", _("roadmap problem"), text, problem.path, problem.line))
    for a in rows:
        level = "error" if a.category == OVERDUE else "warning"
        where = a.item.location
        title = f"{flag_label(a.category, lang)}: {a.item.id}"
        line = where.line if where else 0
        out.append(annotation(level, title, _message(a, lang), _path(a.item), line))
    return out


def _path(item: Item) -> str:
    return item.location.path if item.location else ""


# ── text and json ─────────────────────────────────────────────────────────────


def summary(rows: list[Attention], folder: RoadmapFolder, day: _dt.date) -> str:
    """One line: as-of day and how many items are overdue, due soon, blocked."""
    count = {c: sum(a.category == c for a in rows) for c in (OVERDUE, DUE_SOON, BLOCKED)}
    text = _(
        "as of {date}: {overdue} overdue, {due_soon} due soon, {blocked} blocked (of {items} items)"
    )
    return text.format(
        date=day.isoformat(),
        overdue=count[OVERDUE],
        due_soon=count[DUE_SOON],
        blocked=count[BLOCKED],
        items=len(folder.items),
    )


def text_lines(rows: list[Attention], lang: str) -> list[str]:
    """Grouped lines: ``OVERDUE  id  title — due …, N days late (status)  file:line``."""
    out: list[str] = []
    for category in (OVERDUE, DUE_SOON, BLOCKED):
        chosen = [a for a in rows if a.category == category]
        if not chosen:
            continue
        out.append(f"{flag_label(category, lang).upper()} ({len(chosen)})")
        for a in chosen:
            where = f"  {a.item.location.path}:{a.item.location.line}" if a.item.location else ""
            out.append(f"  {a.item.id}  {_message(a, lang)}{where}")
    return out


def json_document(rows: list[Attention], folder: RoadmapFolder, day: _dt.date) -> dict[str, Any]:
    """``{"as_of", "counts", "items": [item record + "category"], "problems"}``."""
    titles = {key: t.title for key, t in folder.tracks_by_key.items()}
    items = []
    for a in rows:
        record = item_record(a.item, a.flags, titles.get((a.item.roadmap_id, a.item.track_id), ""))
        items.append({"category": a.category, **record})
    return {
        "as_of": day.isoformat(),
        "counts": {
            "items": len(folder.items),
            "overdue": sum(a.category == OVERDUE for a in rows),
            "due_soon": sum(a.category == DUE_SOON for a in rows),
            "blocked": sum(a.category == BLOCKED for a in rows),
        },
        "items": items,
        "problems": [p.to_json() for p in folder.problems],
    }


def run(args: argparse.Namespace) -> int:
    """List what needs attention; exit 1 when the gate condition holds or files have problems."""
    set_lang(args.lang)
    lang = get_lang()
    try:
        day = as_of(args)
        folder = load(args)
    except UsageError as exc:
        return fail(str(exc))
    rows = attention(folder, day)
    if args.format != "github":
        for problem in folder.problems:
            print(problem, file=sys.stderr)
    if args.format == "json":
        document = json_document(rows, folder, day)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "github":
        for line in github_lines(rows, folder.problems, lang):
            print(line)
        print(summary(rows, folder, day))
    else:
        for line in text_lines(rows, lang):
            print(line)
        print(summary(rows, folder, day))
    failed = gate(rows, args.fail_on) or (bool(folder.problems) and args.fail_on != "never")
    return EXIT_PROBLEMS if failed else EXIT_OK
