"""Status and progress changes written to roadmap files: minimal diffs, history, undo.

The public surface of the write path. A change is described by what it means
(:class:`StatusChange`, :class:`ProgressChange`, or a generic :class:`Change` of any
element, e.g. a KPI's new ``[[kpis.actuals]]`` entry) and applied with
:func:`apply_change`, which

1. reads the file and compares it with the :class:`~roadmap_tui.core.atomic.Fingerprint`
   recorded when it was loaded (``FileReport.fingerprint`` / ``Roadmap.fingerprint``);
2. if someone changed it meanwhile (an editor save, a ``git pull``), reloads it and
   re-applies the change only if it still applies cleanly (the item is there and still
   has the status the change was based on), else raises
   :class:`~roadmap_tui.core.errors.ConflictError`;
3. edits only the element's own text and verifies the result by parsing
   (:func:`~roadmap_tui.core.textedit.edit_element`);
4. writes crash-safely (:func:`~roadmap_tui.core.atomic.write_atomically`), refusing
   if the file moves under it between read and replace.

It returns an :class:`Applied` with the new fingerprint (remember it as "loaded")
and an :class:`Undo` record that :func:`undo_change` writes back the same way.
Nothing here reads the clock: the date of a history entry is always given.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from roadmap_tui.core.atomic import (
    FileWatch,
    Fingerprint,
    fingerprint_file,
    read_file,
    write_atomically,
)
from roadmap_tui.core.errors import ConflictError, UpdateError
from roadmap_tui.core.model import STATUSES, TRANSITIONS, Status
from roadmap_tui.core.regionedit import (
    AppendEntry,
    DeleteKey,
    Entry,
    Op,
    RemoveLastEntry,
    SetKey,
    TomlValue,
)
from roadmap_tui.core.textedit import (
    Element,
    ElementNotFound,
    append_subtable,
    delete_key,
    edit_element,
    set_value,
)

__all__ = [
    "AppendEntry",
    "Applied",
    "Change",
    "ConflictError",
    "DeleteKey",
    "Element",
    "ElementNotFound",
    "Entry",
    "FileWatch",
    "Fingerprint",
    "NoChange",
    "Op",
    "ProgressChange",
    "RemoveLastEntry",
    "SetKey",
    "Stale",
    "StatusChange",
    "TomlValue",
    "TransitionError",
    "Undo",
    "append_subtable",
    "apply_change",
    "delete_key",
    "fingerprint_file",
    "git_user_name",
    "set_item_progress",
    "set_item_status",
    "set_value",
    "undo_change",
]

_MISSING: Any = object()


class Stale(UpdateError):
    """The element is no longer as the change expected (someone else changed it)."""


class NoChange(UpdateError):
    """The element already is as requested; nothing to write."""


class TransitionError(UpdateError):
    """A status change that :data:`~roadmap_tui.core.model.TRANSITIONS` does not allow."""

    def __init__(self, item_id: str, current: str, status: str) -> None:
        allowed = [s.value for s in TRANSITIONS.get(Status(current), ())]
        super().__init__(f"'{item_id}' cannot go from {current} to {status}")
        self.allowed = allowed


class ChangeLike(Protocol):
    """What :func:`apply_change` needs: which element, and the operations for its current data."""

    @property
    def table(self) -> str: ...

    @property
    def element_id(self) -> str: ...

    def plan(self, element: Element) -> Sequence[Op]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """Any change to one element: ``ops``, applied only while the keys in ``expect`` still
    hold the values the change was based on (``None`` in ``expect`` means "absent")."""

    table: str
    element_id: str
    ops: tuple[Op, ...]
    expect: Mapping[str, Any] = field(default_factory=dict)

    def plan(self, element: Element) -> Sequence[Op]:
        """The operations, after checking ``expect`` against the element as it is now."""
        for key, wanted in self.expect.items():
            now = element.get(key)
            if now != wanted:
                shown = "absent" if now is None else repr(now)
                raise Stale(f"'{self.element_id}' {key} is now {shown}")
        return self.ops


def _entry(date: TomlValue, extra: Mapping[str, Any]) -> dict[str, TomlValue]:
    entry: dict[str, TomlValue] = {"date": date}
    entry.update({k: v for k, v in extra.items() if v not in (None, "")})
    return entry


@dataclass(frozen=True, slots=True)
class StatusChange:
    """Set an item's status and append a dated history entry (date, from, status, note …).

    ``done`` also sets ``actual_end`` and ``in-progress`` sets ``actual_start`` to the date
    when they are absent; ``done`` sets an existing ``progress`` to 100 unless a progress
    is given. ``expected_from``: the status the caller saw (a different one on disk is a
    conflict). ``force`` allows a transition that TRANSITIONS does not.
    """

    element_id: str
    status: str
    date: TomlValue
    note: str = ""
    author: str = ""
    progress: int | None = None
    expected_from: str | None = None
    force: bool = False
    table: str = "items"

    def plan(self, element: Element) -> Sequence[Op]:
        """The operations for the item as it is now."""
        current = element.get("status", Status.PLANNED.value)
        if self.expected_from is not None and current != self.expected_from:
            raise Stale(f"'{self.element_id}' is now {current}, not {self.expected_from}")
        for status in (self.status, current):
            if status not in STATUSES:
                raise UpdateError(f"unknown status '{status}'")
        old_progress = element.get("progress")
        progress = self.progress
        if progress is None and self.status == Status.DONE and old_progress not in (None, 100):
            progress = 100
        moved = current != self.status
        if not moved and (progress is None or progress == old_progress):
            raise NoChange(f"'{self.element_id}' is already {current}")
        allowed = TRANSITIONS[Status(current)]
        if moved and not self.force and Status(self.status) not in allowed:
            raise TransitionError(self.element_id, current, self.status)
        ops: list[Op] = []
        if moved:
            ops.append(SetKey("status", self.status))
        if progress is not None and progress != old_progress:
            ops.append(SetKey("progress", progress))
        if moved and self.status == Status.IN_PROGRESS:
            ops.append(SetKey("actual_start", self.date, only_if_absent=True))
        if moved and self.status == Status.DONE:
            ops.append(SetKey("actual_end", self.date, only_if_absent=True))
        extra = {
            "from": current if moved else None,
            "status": self.status if moved else None,
            "note": self.note,
            "author": self.author,
            "progress": progress,
        }
        ops.append(AppendEntry("history", _entry(self.date, extra)))
        return ops


@dataclass(frozen=True, slots=True)
class ProgressChange:
    """Set an item's ``progress`` (0..100) with a dated history entry; the status is kept."""

    element_id: str
    progress: int
    date: TomlValue
    note: str = ""
    author: str = ""
    expected: int | None | object = _MISSING
    table: str = "items"

    def plan(self, element: Element) -> Sequence[Op]:
        """The operations for the item as it is now."""
        now = element.get("progress")
        if self.expected is not _MISSING and now != self.expected:
            shown = "absent" if now is None else f"{now}%"
            raise Stale(f"'{self.element_id}' progress is now {shown}")
        if now == self.progress:
            raise NoChange(f"'{self.element_id}' is already at {now}%")
        extra = {"note": self.note, "author": self.author, "progress": self.progress}
        return [SetKey("progress", self.progress), AppendEntry("history", _entry(self.date, extra))]


@dataclass(frozen=True, slots=True)
class Undo:
    """How to take back one applied change: the operations, and the element as the change left
    it (the undo applies only while the touched keys still look like that)."""

    path: str
    table: str
    element_id: str
    ops: tuple[Op, ...]
    left: Element
    fingerprint: Fingerprint

    def as_change(self) -> Change:
        """The undo as a change that checks nothing else moved the touched keys."""
        expect: dict[str, Any] = {}
        for op in self.ops:
            key = op.sub if isinstance(op, RemoveLastEntry | AppendEntry) else op.key
            expect[key] = self.left.get(key)
        return Change(self.table, self.element_id, self.ops, expect)


@dataclass(frozen=True, slots=True)
class Applied:
    """A change that is on disk."""

    path: str
    #: the file as written: remember it as the loaded state (FileWatch.remember)
    fingerprint: Fingerprint
    undo: Undo
    before: Element
    after: Element
    #: the file had changed on disk since it was loaded; the change went onto the newer text
    reapplied: bool = False
    #: how the edit was verified: "region", "file" or "tomlkit"
    method: str = "region"


def _problems(data: bytes, path: str) -> list[str]:
    """The loader's problems for these bytes (the same checks as ``roadmap check``)."""
    from roadmap_tui.core.loader import decode, load_text

    text, problem = decode(data, path)
    if problem is not None or text is None:
        return [str(problem)]
    return [str(p) for p in load_text(text, path).problems]


class _Moved(Exception):
    """The file changed between reading it and replacing it."""


def apply_change(
    path: str | Path, change: ChangeLike, *, loaded: Fingerprint | None = None
) -> Applied:
    """Load-check-edit-verify-write one change; see the module docstring.

    ``loaded``: the fingerprint of the clean load the change was decided on. Without it
    the file is fully loaded and checked first (slower: ~0.3 s for 10,000 items).
    Raises :class:`ConflictError` when the file changed on disk and the change no longer
    applies, :class:`~roadmap_tui.core.errors.UpdateError` (and subclasses) for a change
    that cannot be made; nothing is written then.
    """
    name = Path(path).name
    for _attempt in range(5):
        data, now = read_file(path)
        changed = loaded is not None and now.sha256 != loaded.sha256
        if loaded is None or changed:
            problems = _problems(data, str(path))
            if problems and changed:
                raise ConflictError(
                    f"{name} changed on disk since it was loaded and now has problems "
                    f"({problems[0]}); fix it and try again"
                )
            if problems:
                raise UpdateError(f"{name} has problems; fix them first ({problems[0]})")
        try:
            edit = edit_element(data, change.table, change.element_id, change.plan, valid=True)
        except (Stale, ElementNotFound) as exc:
            if changed:
                raise ConflictError(
                    f"{name} changed on disk since it was loaded ({exc}); reload and try again"
                ) from None
            if isinstance(exc, Stale):
                raise ConflictError(f"{exc}; reload and try again") from None
            raise

        def unchanged(seen: Fingerprint = now) -> None:
            # Hash, not stat: a same-size save within one mtime tick must not slip through.
            if fingerprint_file(path).sha256 != seen.sha256:
                raise _Moved

        try:
            written = write_atomically(path, edit.data, check=unchanged)
        except _Moved:
            loaded = loaded or now
            continue
        undo = Undo(str(path), change.table, change.element_id, edit.undo, edit.after, written)
        return Applied(str(path), written, undo, edit.before, edit.after, changed, edit.method)
    raise ConflictError(f"{name} keeps changing on disk; try again")


def undo_change(undo: Undo, *, loaded: Fingerprint | None = None) -> Applied:
    """Write ``undo`` back (byte-exact when nothing else changed the element).

    ``loaded``: the file's fingerprint as the caller knows it (default: right after the
    change). Raises ConflictError if the touched keys were changed since.
    """
    return apply_change(undo.path, undo.as_change(), loaded=loaded or undo.fingerprint)


def set_item_status(
    path: str | Path,
    item_id: str,
    status: str,
    *,
    date: TomlValue,
    note: str = "",
    author: str = "",
    progress: int | None = None,
    loaded: Fingerprint | None = None,
    expected_from: str | None = None,
    force: bool = False,
) -> Applied:
    """One complete status change on a file: what ``roadmap set-status`` and the app do.

    The entry point ``bench/`` times: with ``loaded`` (from ``load_file(path).fingerprint``)
    it reads, locates, edits, verifies and writes without parsing the whole file.
    """
    change = StatusChange(item_id, status, date, note, author, progress, expected_from, force)
    return apply_change(path, change, loaded=loaded)


def set_item_progress(
    path: str | Path,
    item_id: str,
    progress: int,
    *,
    date: TomlValue,
    note: str = "",
    author: str = "",
    loaded: Fingerprint | None = None,
) -> Applied:
    """One complete progress change on a file (``roadmap set-progress``)."""
    return apply_change(path, ProgressChange(item_id, progress, date, note, author), loaded=loaded)


def git_user_name(cwd: str | Path | None = None) -> str:
    """``git config user.name`` in ``cwd`` (the roadmap's folder), or "" when there is none."""
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
