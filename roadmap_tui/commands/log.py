"""``roadmap log ITEM_ID [PATH ...]``: an item's story, from the file and from git.

Two sources, shown one after the other: the ``[[items.history]]`` entries written in
the file (status changes with their notes), and the commits that changed the item's
lines (``git log -L`` over its ``[[items]]`` element, which follows the lines as they
move and the file through renames; when the item was moved from another file the
trace continues there, matched by id — see :func:`roadmap_tui.core.gitrepo.item_commits`).
``git blame`` was not used: it names only the last commit of each line, not the story.
Edits not yet committed are reported as such.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, UsageError, fail, load, paths_of
from roadmap_tui.commands.diff import git_message
from roadmap_tui.core import gitrepo
from roadmap_tui.core.dates import format_iso
from roadmap_tui.core.model import HistoryEntry, Item
from roadmap_tui.core.validate import did_you_mean
from roadmap_tui.exports.markdown import one_line, when
from roadmap_tui.i18n import _, get_lang, set_lang, status_label


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """``log ITEM_ID [PATH ...] [--format text|json]``."""
    parser.add_argument("item_id", metavar="ITEM_ID", help=_("the item whose story to show"))
    parser.add_argument("--format", choices=["text", "json"], default="text")
    add_common(parser)


def uncommitted(root: Path, item: Item, repo_path: str, prefixes: list[str]) -> bool:
    """Whether the item's lines in the working tree differ from those at HEAD."""
    if item.location is None:
        return False
    try:
        text = Path(item.location.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    now = gitrepo.item_text(text, item.id)
    try:
        head = gitrepo.resolve_revision(root, "HEAD")
    except gitrepo.GitError:
        return now is not None  # nothing committed yet
    where = gitrepo.locate_item(root, head, item.id, prefixes, repo_path)
    if where is None:
        return now is not None
    return where.text != now


def _entry(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "date": format_iso(entry.date),
        "from": entry.from_status.value if entry.from_status else None,
        "status": entry.status.value if entry.status else None,
        "progress": entry.progress,
        "note": entry.note,
        "author": entry.author,
    }


def history_line(entry: HistoryEntry, lang: str) -> str:
    """``2026-04-01  planned → in progress  25%  note  (author)``."""
    parts = [format_iso(entry.date)]
    if entry.status is not None:
        change = status_label(entry.status.value, lang)
        if entry.from_status is not None:
            change = f"{status_label(entry.from_status.value, lang)} → {change}"
        parts.append(change)
    if entry.progress is not None:
        parts.append(f"{entry.progress}%")
    if entry.note:
        parts.append(one_line(entry.note))
    if entry.author:
        parts.append(f"({entry.author})")
    return "  ".join(parts)


def commit_line(commit: gitrepo.Commit, repo_path: str) -> str:
    """``2026-05-03 14:22  a1b2c3d  Sato  subject  [old/path.toml]`` (the path when the
    item was in another file then)."""
    stamp = commit.date[:16].replace("T", " ")
    line = f"{stamp}  {commit.id[:7]}  {commit.author}  {commit.subject}"
    if commit.path and commit.path != repo_path:
        line += f"  [{commit.path}]"
    return line


def render_text(
    item: Item, commits: list[gitrepo.Commit], dirty: bool, repo_path: str, lang: str
) -> str:
    """The item's head line, then its history entries, then its commits."""
    where = f"{item.location.path}:{item.location.line}" if item.location else ""
    state = status_label(item.status.value, lang)
    if item.progress is not None:
        state += f" {item.progress}%"
    lines = [
        f"{item.id}  {one_line(item.title_for(lang))}",
        f"  {where}  {when(item, lang)}  {state}",
        "",
    ]
    lines.append(_("History in the file ({count})").format(count=len(item.history)))
    lines += [f"  {history_line(h, lang)}" for h in item.history] or ["  " + _("none")]
    lines += ["", _("Commits that changed the item ({count})").format(count=len(commits))]
    if dirty:
        lines.append("  " + _("(uncommitted changes in the working tree)"))
    lines += [f"  {commit_line(c, repo_path)}" for c in commits]
    if not commits and not dirty:
        lines.append("  " + _("none"))
    return "\n".join(lines) + "\n"


def json_document(item: Item, commits: list[gitrepo.Commit], dirty: bool) -> dict[str, Any]:
    """``{"id", "title", "file", "line", "history": [...], "commits": [...], "uncommitted"}``."""
    return {
        "id": item.id,
        "title": item.title,
        "title_en": item.title_en,
        "file": item.location.path if item.location else None,
        "line": item.location.line if item.location else None,
        "history": [_entry(h) for h in item.history],
        "commits": [
            {
                "commit": c.id,
                "author": c.author,
                "email": c.email,
                "date": c.date,
                "subject": c.subject,
                "file": c.path,
            }
            for c in commits
        ],
        "uncommitted": dirty,
    }


def run(args: argparse.Namespace) -> int:
    """Show the item's history entries and the commits that touched it."""
    set_lang(args.lang)
    lang = get_lang()
    try:
        paths = paths_of(args)
        folder = load(args)
    except UsageError as exc:
        return fail(str(exc))
    item = next((i for i in folder.items if i.id == args.item_id), None)
    if item is None:
        hint = did_you_mean(args.item_id, [i.id for i in folder.items])
        message = _("no item with id {id}").format(id=args.item_id)
        return fail(message + (f" (hint: {hint})" if hint else ""))
    try:
        root = gitrepo.repo_root(paths[0])
        repo_path = gitrepo.repo_relative(root, Path(item.location.path)) if item.location else ""
        prefixes = [gitrepo.repo_relative(root, p) for p in paths]
        commits = gitrepo.item_commits(root, item.id, paths)
        dirty = uncommitted(root, item, repo_path, prefixes)
    except gitrepo.GitError as exc:
        return fail(git_message(exc))
    if args.format == "json":
        document = json_document(item, commits, dirty)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(item, commits, dirty, repo_path, lang))
    return EXIT_OK
