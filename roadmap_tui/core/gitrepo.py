"""Roadmaps as they were at a git revision, read with the real ``git`` program.

Everything here reads history only: ``rev-parse``, ``ls-tree``, ``cat-file``, ``grep``
and ``log`` on commits, never ``checkout``, ``status`` or ``diff`` against the index,
so the working tree and the index are never touched (``GIT_OPTIONAL_LOCKS=0`` keeps
git from even refreshing the index stat cache).

Why subprocess and not a library: git itself is always where the planner's roadmaps
are, understands every revision syntax (``HEAD~3``, ``v1.2``, ``@{2.weeks.ago}``),
follows renames in ``log -L``, and adds no dependency. GitPython shells out to the
same program; pygit2 needs libgit2 and does not implement ``log -L``.

A file at a revision is shown under the path it would have in the working tree, as
the caller named it (``roadmaps/a.toml``), so a comparison with the working tree sees
a moved file only when the file really moved.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from roadmap_tui.core.errors import RoadmapError
from roadmap_tui.core.loader import (
    FileReport,
    assemble,
    decode,
    default_paths,
    load_text,
    parse_toml,
)
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.core.tomlpos import index_positions

#: Reasons a git read fails; the commands word each one for the planner.
NOT_A_REPOSITORY = "not-a-repository"
UNKNOWN_REVISION = "unknown-revision"
OUTSIDE_REPOSITORY = "outside-repository"
GIT_MISSING = "git-missing"
GIT_FAILED = "git-failed"

_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1", "GIT_PAGER": "cat"}


class GitError(RoadmapError):
    """git could not answer: ``reason`` is one of the constants above, ``detail`` the
    path, revision or git's own message. The core stays free of UI text, so the
    command turns the reason into a translated one-line message (exit 2)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def run_git(
    root: Path, *args: str, stdin: bytes | None = None, quiet_codes: tuple[int, ...] = ()
) -> bytes:
    """``git -C root ARGS`` -> stdout; any failure raises :class:`GitError` (GIT_FAILED).

    An exit code in ``quiet_codes`` (``git grep`` finding nothing: 1) returns b"".
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotePath=false", *args],
            input=stdin,
            capture_output=True,
            env={**os.environ, **_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise GitError(GIT_MISSING) from None
    if done.returncode in quiet_codes:
        return b""
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(GIT_FAILED, message[0] if message else f"git {args[0]} failed")
    return done.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git working tree that holds ``path``."""
    start = path if path.is_dir() else path.parent
    while not start.exists() and start != start.parent:
        start = start.parent
    try:
        out = run_git(start, "rev-parse", "--show-toplevel")
    except GitError as exc:
        if exc.reason == GIT_FAILED and "not a git repository" in exc.detail:
            raise GitError(NOT_A_REPOSITORY, str(path)) from None
        raise
    return Path(out.decode("utf-8").strip()).resolve()


def worktree_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` holding ``.git``, without running git.

    For annotations (``overdue --format github``), which must work where git is absent.
    """
    here = path.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def resolve_revision(root: Path, rev: str) -> str:
    """The commit id ``rev`` names; :class:`GitError` (UNKNOWN_REVISION) if none."""
    if not rev or rev.startswith("-"):
        raise GitError(UNKNOWN_REVISION, rev)
    try:
        out = run_git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"
        )
    except GitError as exc:
        if exc.reason == GIT_FAILED:
            raise GitError(UNKNOWN_REVISION, rev) from None
        raise
    return out.decode("ascii").strip()


def first_parent(root: Path, commit: str) -> str | None:
    """The first parent of ``commit``; None for a root commit."""
    try:
        out = run_git(root, "rev-parse", "--verify", "--quiet", commit + "^1")
    except GitError:
        return None
    return out.decode("ascii").strip() or None


def repo_relative(root: Path, path: Path) -> str:
    """``path`` as git names it: relative to the top of the working tree, with ``/``."""
    resolved = path.resolve()
    try:
        rel = resolved.relative_to(root)
    except ValueError:
        raise GitError(OUTSIDE_REPOSITORY, str(path)) from None
    return rel.as_posix() if rel.parts else ""


@dataclass(frozen=True, slots=True)
class Blob:
    """A file at a revision: its repository path, object id and the path it is shown under."""

    repo_path: str
    object_id: str
    shown_as: str


def _is_hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def roadmap_blobs(root: Path, commit: str, paths: Sequence[Path]) -> list[Blob]:
    """The ``*.toml`` files at ``commit`` under each of ``paths`` (files or folders).

    Mirrors :func:`roadmap_tui.core.loader.discover`: hidden folders are skipped, the
    order is sorted per path, a file that does not exist at ``commit`` is left out.
    """
    blobs: list[Blob] = []
    for given in paths:
        prefix = repo_relative(root, given)
        args = ["ls-tree", "-r", "-z", "--full-tree", commit]
        if prefix:
            args += ["--", prefix]
        found: list[Blob] = []
        for entry in run_git(root, *args).decode("utf-8", "replace").split("\0"):
            if not entry:
                continue
            meta, _tab, name = entry.partition("\t")
            mode, kind, object_id = meta.split(" ")
            if kind != "blob" or mode == "120000":
                continue
            if name == prefix:  # the path names a file
                found.append(Blob(name, object_id, str(given)))
                continue
            below = name[len(prefix) + 1 :] if prefix else name
            if prefix and not name.startswith(prefix + "/"):
                continue
            if name.endswith(".toml") and not _is_hidden(below):
                found.append(Blob(name, object_id, str(Path(given) / below)))
        blobs.extend(sorted(found, key=lambda b: b.repo_path))
    return blobs


def read_blobs(root: Path, object_ids: Sequence[str]) -> list[bytes]:
    """The contents of several blobs, read by one ``git cat-file --batch``."""
    if not object_ids:
        return []
    out = run_git(root, "cat-file", "--batch", stdin=("\n".join(object_ids) + "\n").encode())
    contents: list[bytes] = []
    pos = 0
    for _ in object_ids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        if len(header) < 3:
            raise GitError(GIT_FAILED, header[0].decode("utf-8", "replace"))
        size = int(header[2])
        contents.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return contents


def read_file(root: Path, commit: str, repo_path: str) -> bytes | None:
    """The file ``repo_path`` at ``commit``; None when it does not exist there."""
    try:
        return run_git(root, "cat-file", "blob", f"{commit}:{repo_path}")
    except GitError as exc:
        if exc.reason == GIT_FAILED:
            return None
        raise


def _report(data: bytes, shown_as: str) -> FileReport:
    text, problem = decode(data, shown_as)
    if problem is not None or text is None:
        report = FileReport(shown_as, None)
        if problem is not None:
            report.problems.append(problem)
        return report
    return load_text(text, shown_as)


def load_revision(rev: str, paths: Sequence[str | Path] | None = None) -> RoadmapFolder:
    """The roadmaps under ``paths`` (default as for every command) as they were at ``rev``.

    Raises :class:`GitError` outside a git repository, for an unknown revision, or for
    a path outside the repository.
    """
    chosen = [Path(p) for p in default_paths(paths)]
    root = repo_root(chosen[0])
    commit = resolve_revision(root, rev)
    blobs = roadmap_blobs(root, commit, chosen)
    contents = read_blobs(root, [b.object_id for b in blobs])
    return assemble([_report(data, b.shown_as) for b, data in zip(blobs, contents, strict=True)])


def load_baseline(rev: str, paths: Sequence[str | Path] | None = None) -> RoadmapFolder:
    """The baseline the app draws as ghost bars: the roadmaps at ``rev`` (see
    :func:`load_revision`; items are matched to today's by id)."""
    return load_revision(rev, paths)


# ── an item's commits: ``git log -L`` over its [[items]] element, followed by id ──


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit that changed an item's lines: who, when (ISO 8601), why, and in which file."""

    id: str
    author: str
    email: str
    date: str
    subject: str
    path: str


def item_span(text: str, item_id: str) -> tuple[int, int] | None:
    """First and last line of the ``[[items]]`` element with ``item_id`` in ``text``.

    Blank and comment lines at its end (often the heading of the next group) are left
    out, so a commit that only edits that heading is not counted as touching the item.
    """
    document, _problem = parse_toml(text, "")
    if document is None:
        return None
    items = document.get("items")
    if not isinstance(items, list):
        return None
    index = next(
        (i for i, raw in enumerate(items) if isinstance(raw, dict) and raw.get("id") == item_id),
        None,
    )
    if index is None:
        return None
    span = index_positions(text).spans.get(("items", index))
    if span is None:
        return None
    first, last = span
    lines = text.split("\n")  # not splitlines(): U+2028 in a string is no line break
    while last > first and (
        not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")
    ):
        last -= 1
    return first, last


def item_text(text: str, item_id: str) -> str | None:
    """The lines of the item's element (see :func:`item_span`), or None if absent."""
    span = item_span(text, item_id)
    if span is None:
        return None
    return "\n".join(text.split("\n")[span[0] - 1 : span[1]])


@dataclass(frozen=True, slots=True)
class Located:
    """Where an item was written at a commit: file, line span and the lines themselves."""

    path: str
    span: tuple[int, int]
    text: str


def locate_item(
    root: Path, commit: str, item_id: str, prefixes: Sequence[str], prefer: str = ""
) -> Located | None:
    """Which file held ``item_id`` at ``commit`` (under ``prefixes``), and where in it.

    ``git grep`` narrows the files, the TOML decides: an id that only appears in
    another item's ``depends_on`` is not a match. ``prefer`` wins when several files
    hold it (a duplicate that ``roadmap check`` reports).
    """
    args = ["grep", "-l", "-z", "-F", "-e", item_id, commit, "--", *[p or "." for p in prefixes]]
    names = run_git(root, *args, quiet_codes=(1,)).decode("utf-8", "replace").split("\0")
    candidates = sorted(
        {n.split(":", 1)[1] for n in names if ":" in n and n.endswith(".toml")},
        key=lambda n: (n != prefer, n),
    )
    for name in candidates:
        data = read_file(root, commit, name)
        if data is None:
            continue
        text, problem = decode(data, name)
        span = item_span(text, item_id) if text is not None and problem is None else None
        if text is not None and span is not None:
            return Located(name, span, "\n".join(text.split("\n")[span[0] - 1 : span[1]]))
    return None


def _parse_line_log(out: bytes) -> list[Commit]:
    commits: list[Commit] = []
    for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _nl, patch = record.partition("\n")
        fields = head.split("\x1f")
        if len(fields) < 5:
            continue
        path = next((line[6:] for line in patch.splitlines() if line.startswith("+++ b/")), "")
        commits.append(Commit(fields[0], fields[1], fields[2], fields[3], fields[4], path))
    return commits


def line_log(root: Path, commit: str, repo_path: str, span: tuple[int, int]) -> list[Commit]:
    """``git log -L first,last:file commit``: the commits that changed those lines,
    newest first (git follows the lines as they move, and the file through renames)."""
    first, last = span
    out = run_git(
        root,
        "log",
        f"-L{first},{last}:{repo_path}",
        "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s",
        commit,
    )
    return _parse_line_log(out)


def item_commits(
    root: Path, item_id: str, paths: Sequence[Path], max_moves: int = 100
) -> list[Commit]:
    """Every commit that changed the item, newest first, across files.

    ``log -L`` stops where the lines came into being; if the item existed just before
    that commit in another file (it was moved there) or in the same file (the commit
    rewrote all of it), the trace goes on from there. ``log -L`` matches lines, so it
    also names commits whose diff merely lined up a neighbour's ``[[items]]`` or blank
    line with this item's; each commit is therefore kept only if the item's own lines
    (or its file) differ from its first parent's. A repository without commits has none.
    """
    try:
        head: str | None = resolve_revision(root, "HEAD")
    except GitError as exc:
        if exc.reason == UNKNOWN_REVISION:
            return []
        raise
    prefixes = [repo_relative(root, p) for p in paths]
    states: dict[str, Located | None] = {}

    def state(commit: str | None, prefer: str) -> Located | None:
        if commit is None:
            return None
        if commit not in states:
            states[commit] = locate_item(root, commit, item_id, prefixes, prefer)
        return states[commit]

    candidates: list[Commit] = []
    commit, prefer = head, ""
    for _ in range(max_moves):
        where = state(commit, prefer)
        if commit is None or where is None:
            break
        prefer = where.path
        traced = line_log(root, commit, where.path, where.span)
        if not traced:
            break
        candidates.extend(traced)
        commit = first_parent(root, traced[-1].id)
    found = []
    for candidate in candidates:
        now = state(candidate.id, candidate.path)
        before = state(first_parent(root, candidate.id), candidate.path)
        if now is not None and (
            before is None or (before.path, before.text) != (now.path, now.text)
        ):
            found.append(candidate)
    return found
