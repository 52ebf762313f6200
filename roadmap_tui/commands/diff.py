"""``roadmap diff REV [REV2] [PATH ...]``: what changed since a git revision.

REV2 defaults to the working tree. The second positional argument is REV2 when it is
not an existing file or folder and git knows it as a revision; otherwise it is the
first PATH. Items are matched by id (:mod:`roadmap_tui.core.compare`), so renamed
files and items moved to another file are moves, not removals plus additions.
``--exit-code`` exits 1 when anything changed, like ``git diff --exit-code``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, EXIT_PROBLEMS, UsageError, as_of, fail
from roadmap_tui.core import gitrepo
from roadmap_tui.core.compare import Comparison, DateMove, compare
from roadmap_tui.core.datefmt import year_label
from roadmap_tui.core.loader import default_paths, load_paths
from roadmap_tui.core.model import Item
from roadmap_tui.core.schedule import NO_FLAGS, Flags, folder_flags
from roadmap_tui.exports.jsonfmt import item_record
from roadmap_tui.exports.markdown import cell, one_line, when
from roadmap_tui.i18n import _, get_lang, ngettext, set_lang, status_label

PLACE_FIELDS = ("file", "roadmap", "track")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """``diff REV [REV2] [PATH ...] [--format text|json|markdown] [--exit-code]``."""
    parser.add_argument("rev", metavar="REV", help=_("the git revision to compare from"))
    parser.add_argument(
        "rest",
        nargs="*",
        metavar="REV2|PATH",
        help=_("the revision to compare to (default: the working tree), then roadmap paths"),
    )
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    parser.add_argument("--exit-code", action="store_true", help=_("exit 1 when anything changed"))
    add_common(parser, paths=False)


def git_message(exc: gitrepo.GitError) -> str:
    """A git failure as one line for the planner (the commands print ``roadmap: …``)."""
    if exc.reason == gitrepo.NOT_A_REPOSITORY:
        return _(
            "not in a git repository: {path} (diff, log and --baseline read the roadmaps' "
            "history from git)"
        ).format(path=exc.detail)
    if exc.reason == gitrepo.UNKNOWN_REVISION:
        return _("unknown revision: {rev} (hint: git log --oneline lists them)").format(
            rev=exc.detail
        )
    if exc.reason == gitrepo.OUTSIDE_REPOSITORY:
        return _("{path} is outside the git repository").format(path=exc.detail)
    if exc.reason == gitrepo.GIT_MISSING:
        return _("git is not installed (diff, log and --baseline need it)")
    return _("git failed: {message}").format(message=exc.detail)


def split_arguments(rev: str, rest: list[str]) -> tuple[str, str | None, list[Path]]:
    """(REV, REV2 or None for the working tree, paths) from the positional arguments."""
    if rest and not Path(rest[0]).exists():
        root = gitrepo.repo_root(default_paths(rest[1:])[0])
        try:
            gitrepo.resolve_revision(root, rest[0])
        except gitrepo.GitError as exc:
            if exc.reason != gitrepo.UNKNOWN_REVISION:
                raise
            raise UsageError(
                _("{name} is neither a file or folder nor a git revision").format(name=rest[0])
            ) from None
        return rev, rest[0], default_paths(rest[1:])
    paths = default_paths(rest)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(_("no such file or folder: {paths}").format(paths=", ".join(missing)))
    return rev, None, paths


# ── rendering ─────────────────────────────────────────────────────────────────


def fiscal_label(move: DateMove | tuple[int, int], lang: str) -> str:
    """The fiscal year as planners name it: 令和8年度 / FY2026 (a plain year when the
    roadmap plans in calendar years)."""
    if isinstance(move, DateMove):
        fy, month = move.fiscal_year, move.old.end.fiscal_year_start_month
    else:
        fy, month = move
    if month == 1:
        return str(fy)
    return year_label(fy, "era_kanji" if lang == "ja" else "fiscal", month)


def _name(item: Item, lang: str) -> str:
    return f"{item.id}  {one_line(item.title_for(lang))}"


def _days(n: int) -> str:
    return _("{days:+d} days").format(days=n)


def _status(item: Item, lang: str) -> str:
    return status_label(item.status.value, lang)


def counts_line(c: Comparison) -> str:
    """One line of figures for the header of every format."""
    return _(
        "added {added}, removed {removed}, dates moved {moved} ({slip} in total), "
        "status changes {statuses}, KPI changes {kpis}"
    ).format(
        added=len(c.added),
        removed=len(c.removed),
        moved=len(c.dates),
        slip=_days(c.total_slip_days),
        statuses=len(c.statuses),
        kpis=len(c.kpis_added) + len(c.kpis_removed) + len(c.kpi_changes),
    )


def _date_detail(m: DateMove, lang: str) -> str:
    parts = [
        _("due {old} → {new} ({days})").format(
            old=m.old.due_day.isoformat(), new=m.new.due_day.isoformat(), days=_days(m.slip_days)
        )
    ]
    if m.start_shift_days:
        parts.append(
            _("start {old} → {new} ({days})").format(
                old=m.old.start_day.isoformat(),
                new=m.new.start_day.isoformat(),
                days=_days(m.start_shift_days),
            )
        )
    parts.append(f"{when(m.old, lang)} → {when(m.new, lang)}")
    return "; ".join(parts)


def sections(c: Comparison, lang: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each kind of change that happened, in review order."""
    out: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            out.append((heading, lines))

    add(_("Added"), [f"+ {_name(i, lang)}  ({when(i, lang)}, {_status(i, lang)})" for i in c.added])
    add(_("Removed"), [f"- {_name(i, lang)}" for i in c.removed])
    add(
        _("Dates moved (slip = new due day − old due day)"),
        [f"{_name(m.new, lang)}: {_date_detail(m, lang)}" for m in c.dates],
    )
    add(
        _("Slip by fiscal year (of the old due day)"),
        [
            ngettext(
                "{year}: {days} over {items} item ({later} later, {earlier} earlier)",
                "{year}: {days} over {items} items ({later} later, {earlier} earlier)",
                s.items,
            ).format(
                year=fiscal_label((s.fiscal_year, s.fiscal_year_start_month), lang),
                days=_days(s.total_days),
                items=s.items,
                later=s.later,
                earlier=s.earlier,
            )
            for s in c.by_fiscal_year
        ],
    )
    add(
        _("Status changed"),
        [
            f"{_name(s.new, lang)}: {_status(s.old, lang)} → {_status(s.new, lang)}"
            + (f"  “{one_line(s.note)}”" if s.note else "")
            for s in c.statuses
        ],
    )
    renamed = [
        _("file {old} → {new} ({items} items)").format(old=r.before, new=r.after, items=r.items)
        for r in c.renamed_files
    ]
    moved = [
        f"{_name(f.new, lang)}: {f.field} {f.before} → {f.after}"
        for f in c.fields
        if f.field in PLACE_FIELDS
    ]
    add(_("Moved and renamed"), renamed + moved)
    add(
        _("Other changes"),
        [
            f"{_name(f.new, lang)}: {f.field} {f.before or '—'} → {f.after or '—'}"
            for f in c.fields
            if f.field not in PLACE_FIELDS
        ],
    )
    kpis = [f"+ {k.id}  {one_line(k.title_for(lang))}" for k in c.kpis_added]
    kpis += [f"- {k.id}  {one_line(k.title_for(lang))}" for k in c.kpis_removed]
    kpis += [
        f"{k.kpi.id}  {one_line(k.kpi.title_for(lang))}: {k.what}"
        + (f" {k.when}" if k.when else "")
        + f" {k.before or '—'} → {k.after or '—'}"
        for k in c.kpi_changes
    ]
    add(_("KPIs"), kpis)
    return out


def heading(old_rev: str, old_commit: str, new_rev: str | None, day: _dt.date) -> str:
    """``Changes from REV (abc1234) to the working tree, as of DATE``."""
    target = new_rev or _("the working tree")
    return _("Changes from {old} ({commit}) to {new}, as of {date}").format(
        old=old_rev, commit=old_commit[:7], new=target, date=day.isoformat()
    )


def render_text(c: Comparison, title: str, lang: str) -> str:
    """Plain text: heading, counts, then one indented block per kind of change."""
    lines = [title, counts_line(c)]
    for head, body in sections(c, lang):
        lines += ["", head] + [f"  {line}" for line in body]
    if not c.changed:
        lines += ["", _("No changes.")]
    return "\n".join(lines) + "\n"


def render_markdown(c: Comparison, title: str, lang: str) -> str:
    """A "changes since the last review" section for a pull request or the minutes."""
    lines = [f"## {cell(title)}", "", cell(counts_line(c))]
    for head, body in sections(c, lang):
        lines += ["", f"### {cell(head)}", ""] + [f"- {cell(line)}" for line in body]
    if not c.changed:
        lines += ["", cell(_("No changes."))]
    return "\n".join(lines) + "\n"


def json_document(
    c: Comparison,
    ends: tuple[dict[str, str | None], dict[str, str | None]],
    day: _dt.date,
    flags: tuple[dict[str, Flags], dict[str, Flags]],
) -> dict[str, Any]:
    """The comparison as data (ids, ISO days, raw status values); ``ends`` and ``flags``
    are (from, to)."""
    old, new = ends
    old_flags, new_flags = flags
    return {
        "from": old,
        "to": new,
        "as_of": day.isoformat(),
        "total_slip_days": c.total_slip_days,
        "added": [item_record(i, new_flags.get(i.id, NO_FLAGS)) for i in c.added],
        "removed": [item_record(i, old_flags.get(i.id, NO_FLAGS)) for i in c.removed],
        "dates_moved": [
            {
                "id": m.new.id,
                "old_start": m.old.start_day.isoformat(),
                "new_start": m.new.start_day.isoformat(),
                "old_due": m.old.due_day.isoformat(),
                "new_due": m.new.due_day.isoformat(),
                "old_text": [str(m.old.start), str(m.old.end)],
                "new_text": [str(m.new.start), str(m.new.end)],
                "slip_days": m.slip_days,
                "start_shift_days": m.start_shift_days,
                "fiscal_year": m.fiscal_year,
            }
            for m in c.dates
        ],
        "slip_by_fiscal_year": [
            {
                "fiscal_year": s.fiscal_year,
                "fiscal_year_start_month": s.fiscal_year_start_month,
                "total_days": s.total_days,
                "items": s.items,
                "later": s.later,
                "earlier": s.earlier,
            }
            for s in c.by_fiscal_year
        ],
        "status_changes": [
            {"id": s.new.id, "from": s.old.status.value, "to": s.new.status.value, "note": s.note}
            for s in c.statuses
        ],
        "renamed_files": [
            {"from": r.before, "to": r.after, "items": r.items} for r in c.renamed_files
        ],
        "changes": [
            {"id": f.new.id, "field": f.field, "from": f.before, "to": f.after} for f in c.fields
        ],
        "kpis_added": [k.id for k in c.kpis_added],
        "kpis_removed": [k.id for k in c.kpis_removed],
        "kpi_changes": [
            {
                "id": k.kpi.id,
                "what": k.what,
                "from": k.before,
                "to": k.after,
                "date": k.when or None,
            }
            for k in c.kpi_changes
        ],
    }


def run(args: argparse.Namespace) -> int:
    """Compare REV with REV2 (or the working tree) and print the changes."""
    set_lang(args.lang)
    lang = get_lang()
    try:
        day = as_of(args)
        rev, rev2, paths = split_arguments(args.rev, list(args.rest))
        root = gitrepo.repo_root(paths[0])
        old_commit = gitrepo.resolve_revision(root, rev)
        old = gitrepo.load_revision(old_commit, paths)
        new_commit = gitrepo.resolve_revision(root, rev2) if rev2 else None
        new = gitrepo.load_revision(new_commit, paths) if new_commit else load_paths(paths)
    except UsageError as exc:
        return fail(str(exc))
    except gitrepo.GitError as exc:
        return fail(git_message(exc))
    for label, folder in ((rev, old), (rev2 or _("the working tree"), new)):
        if folder.problems:
            print(
                _("{where}: {count} problems (roadmap check shows them)").format(
                    where=label, count=len(folder.problems)
                ),
                file=sys.stderr,
            )
    result = compare(old, new)
    title = heading(rev, old_commit, rev2, day)
    if args.format == "json":
        start: dict[str, str | None] = {"rev": rev, "commit": old_commit}
        ends = (start, {"rev": rev2, "commit": new_commit})
        flags = (folder_flags(old, day), folder_flags(new, day))
        document = json_document(result, ends, day, flags)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(result, title, lang))
    else:
        sys.stdout.write(render_text(result, title, lang))
    return EXIT_PROBLEMS if args.exit_code and result.changed else EXIT_OK
