"""Keeps the files and the screen in step: status changes, undo, and changes made on disk.

:class:`RoadmapFiles` is an invisible widget the app owns. Every file operation — a
status change, an undo, a check for changes on disk — runs as one job in a thread
worker, one job at a time (so a write never races a reload), on the
:class:`~roadmap_tui.ui.watch.LoadedFiles` snapshot current when it starts. The job
returns an :class:`Outcome`; the worker posts it in a :class:`FilesDone` message and
the handler, on the UI thread, installs the new snapshot (``RoadmapApp.reload`` keeps
the selected item), pushes the undo record and shows the notices. Writes go through
:func:`roadmap_tui.core.storage.apply_change`: minimal diff, crash-safe, refused or
re-applied when the file changed on disk since it was loaded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from roadmap_tui.core.errors import ConflictError, UpdateError
from roadmap_tui.i18n import _, status_label
from roadmap_tui.ui.watch import (
    FileEvent,
    LoadedFiles,
    after_write,
    check,
    completed,
    from_folder,
    reload_paths,
)

if TYPE_CHECKING:
    # The write path (storage, its editors and lexer) and the picker load on first use:
    # they are a third of the app's own import time.
    from roadmap_tui.core.storage import Applied, StatusChange, Undo
    from roadmap_tui.ui.app import RoadmapApp

#: Seconds between checks of the files on disk when the app loads them itself.
WATCH_INTERVAL = 1.5

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Notice:
    """A notification for the user."""

    text: str
    severity: Severity = "information"
    title: str = ""


@dataclass(frozen=True, slots=True)
class UndoEntry:
    """One change of this session that ``u`` can take back."""

    undo: Undo
    #: what the change did, e.g. "yk-dx-1: planned → in progress"
    label: str

    @property
    def file_name(self) -> str:
        return Path(self.undo.path).name


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a file job did: the snapshot to show (None: as before), notices, an undo record."""

    files: LoadedFiles | None = None
    notices: list[Notice] = field(default_factory=list)
    undo: UndoEntry | None = None


class FilesDone(Message):
    """A file job finished (posted by its worker)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


Job = Callable[[LoadedFiles], Outcome]


def describe(applied: Applied, item_id: str) -> str:
    """What a written change did, in the user's words: ``id: planned → in progress, 40%``."""
    before, after = applied.before, applied.after
    parts: list[str] = []
    old, new = before.get("status", "planned"), after.get("status", "planned")
    if old != new:
        parts.append(f"{status_label(str(old))} → {status_label(str(new))}")
    if before.get("progress") != after.get("progress"):
        was = before.get("progress")
        parts.append(
            _("progress {old} → {new}").format(
                old="–" if was is None else f"{was}%",
                new="–" if after.get("progress") is None else f"{after.get('progress')}%",
            )
        )
    return f"{item_id}: {', '.join(parts) or _('history entry')}"


def event_notice(event: FileEvent) -> Notice:
    """The notification for a change found on disk."""
    severity: Severity = "information" if event.kind in ("changed", "added") else "warning"
    return Notice(event.notice(), severity)


class RoadmapFiles(Widget):
    """Writes status changes, undoes them and follows the files on disk (never shown)."""

    DEFAULT_CSS = "RoadmapFiles { display: none; }"

    def __init__(
        self,
        *,
        watch_interval: float | None = None,
        author: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        #: seconds between checks for changes on disk; None or 0: only :meth:`check_now`
        self.watch_interval = watch_interval
        #: the author recorded in history entries; None: ``git config user.name``
        self.author = author
        self.loaded: LoadedFiles | None = None
        #: this session's changes, the latest last; ``u`` pops
        self.undo_stack: list[UndoEntry] = []
        self._jobs: deque[tuple[str, Job]] = deque()
        self._current_job: str | None = None
        self._timer: Timer | None = None
        self._authors: dict[str, str] = {}

    @property
    def roadmap_app(self) -> RoadmapApp:
        from roadmap_tui.ui.app import RoadmapApp

        assert isinstance(self.app, RoadmapApp)
        return self.app

    @property
    def busy(self) -> bool:
        """Whether a file job is running or waiting."""
        return self._current_job is not None or bool(self._jobs)

    # --- the snapshot ----------------------------------------------------------------

    def adopt(self, files: LoadedFiles) -> None:
        """Take ``files`` as what is on screen (the app calls this from ``reload``)."""
        self.loaded = files
        if self._timer is None and self.watch_interval:
            self._timer = self.set_interval(self.watch_interval, self.check_now, name="watch")
        self._next()  # jobs asked for while the folder was loading

    def _current(self) -> LoadedFiles | None:
        """The snapshot of what is on screen (re-made if the app was handed another folder)."""
        folder = self.roadmap_app.folder
        if folder is None:
            return None
        if self.loaded is None or self.loaded.folder is not folder:
            # handed a folder loaded elsewhere (a test, another view's reload)
            discovers = self.loaded is not None and self.loaded.discovers
            self.loaded = from_folder(self.roadmap_app.paths, folder, discovers=discovers)
        return self.loaded

    # --- running jobs one at a time ----------------------------------------------------

    def _queue(self, name: str, job: Job) -> None:
        self._jobs.append((name, job))
        self._next()

    def _next(self) -> None:
        if self._current_job is not None or not self._jobs:
            return
        files = self._current()
        if files is None:
            return  # still loading: run when the folder is shown
        name, job = self._jobs.popleft()
        self._current_job = name

        def run() -> None:
            try:
                outcome = job(files)
            except Exception as exc:  # a bug must not take the app down with it
                text = _("Could not finish ({job}): {error}").format(job=name, error=exc)
                outcome = Outcome(None, [Notice(text, "error")])
            self.post_message(FilesDone(outcome))

        self.run_worker(run, thread=True, group="files", description=name, exit_on_error=False)

    def on_files_done(self, message: FilesDone) -> None:
        message.stop()
        self._current_job = None
        outcome = message.outcome
        if outcome.files is not None:
            if self.loaded is not None and outcome.files.folder is self.loaded.folder:
                self.loaded = outcome.files  # only fingerprints moved
            else:
                self.roadmap_app.reload(outcome.files.folder, files=outcome.files)
        if outcome.undo is not None:
            self.undo_stack.append(outcome.undo)
        for notice in outcome.notices:
            self.app.notify(notice.text, title=notice.title, severity=notice.severity,
                            markup=False)  # fmt: skip
        self._next()

    # --- what the user asks for --------------------------------------------------------

    def run_job(self, name: str, job: Job) -> None:
        """Queue a file job of another view (the KPI view's new actuals): it runs in turn
        with status changes, undo and disk checks, and its :class:`Outcome` is shown alike."""
        self._queue(name, job)

    def check_now(self) -> None:
        """Look for files changed, added or removed on disk and reload them (the timer's job)."""
        if self._current_job == "check" or any(name == "check" for name, _job in self._jobs):
            return
        self._queue("check", _check_job)

    def pick_status(self) -> None:
        """Open the status picker for the selected item; its answer is written."""
        app = self.roadmap_app
        folder = app.folder
        # the view's own cursor: the workspace learns of a move one message later, and
        # "j s" typed fast must change the item the cursor is on
        selected = app.workspace.active_view.selected_id
        item = folder.items_by_id.get(selected) if folder and selected else None
        roadmap = folder.roadmap(item.roadmap_id) if folder and item else None
        if item is None or roadmap is None:
            app.notify(_("Select an item first."), severity="warning")
            return
        path, name = roadmap.path, Path(roadmap.path).name
        files = self._current()
        state = files.files.get(path) if files else None
        if state is not None and state.stale:
            app.notify(
                _("{file} changed on disk and does not load; fix it first (see the errors panel)")
                .format(file=name), severity="error", markup=False,
            )  # fmt: skip
            return
        own = [p for p in (folder.problems if folder else []) if p.path == path]
        if any(p.severity == "error" for p in own):
            app.notify(_("{file} has problems; fix them first (see the errors panel)")
                       .format(file=name), severity="error", markup=False)  # fmt: skip
            return
        from roadmap_tui.ui.status_picker import StatusPicker

        picker = StatusPicker(
            item,
            as_of=app.workspace.as_of,
            fiscal_start=roadmap.calendar.fiscal_year_start_month,
            lang=app.workspace.lang,
            file_name=name,
        )

        def chosen(change: StatusChange | None) -> None:
            if change is not None:
                self.write(change, path)

        app.push_screen(picker, chosen)

    def write(self, change: StatusChange, path: str) -> None:
        """Write ``change`` to the file at ``path`` (in a worker), then show the result."""
        self._queue("write", self._write_job(change, path))

    def undo(self) -> None:
        """Take back the last change of this session that is not undone yet."""
        if not self.undo_stack:
            self.app.notify(_("Nothing to undo."), timeout=3)
            return
        self._queue("undo", _undo_job(self.undo_stack.pop()))

    def _author_of(self, path: str) -> str:
        if self.author is not None:
            return self.author
        folder = str(Path(path).parent)
        if folder not in self._authors:
            from roadmap_tui.core.storage import git_user_name

            self._authors[folder] = git_user_name(folder)
        return self._authors[folder]

    def _write_job(self, change: StatusChange, path: str) -> Job:
        author_of = self._author_of

        def job(files: LoadedFiles) -> Outcome:
            from roadmap_tui.core.storage import NoChange, TransitionError, apply_change

            files = completed(files)
            name = Path(path).name
            state = files.files.get(path)
            if state is None or state.shown is None:
                text = _("{file} is no longer loaded; nothing was written").format(file=name)
                return Outcome(files, [Notice(text, "error")])
            try:
                applied = apply_change(
                    path,
                    replace(change, author=author_of(path)),
                    loaded=state.shown.fingerprint,
                )
            except NoChange as exc:
                text = _("Nothing to change: {reason}").format(reason=exc)
                return Outcome(files, [Notice(text)])
            except ConflictError as exc:
                return _conflict(files, path, str(exc))
            except TransitionError as exc:
                hint = ", ".join(status_label(s) for s in exc.allowed) or "–"
                text = _("Not saved: {error} (allowed: {allowed})").format(error=exc, allowed=hint)
                return Outcome(files, [Notice(text, "error")])
            except (UpdateError, OSError) as exc:
                text = _("Not saved: {error}").format(error=exc)
                return Outcome(files, [Notice(text, "error")])
            label = describe(applied, change.element_id)
            done = _("Saved {change} in {file} (u undoes it)").format(change=label, file=name)
            return written(files, applied, label, done)

        return job


def written(files: LoadedFiles, applied: Applied, label: str, done: str) -> Outcome:
    """The outcome of a change that reached the disk: its notice, the files after it,
    and the undo entry (shared by status changes and KPI values)."""
    notices = [Notice(done)]
    if applied.reapplied:
        notices.append(Notice(_(
            "{file} had changed on disk since it was loaded; the change went onto "
            "the newer version, which is now shown"
        ).format(file=Path(applied.path).name), "warning"))  # fmt: skip
    return Outcome(after_write(files, applied), notices, UndoEntry(applied.undo, label))


def _conflict(files: LoadedFiles, path: str, reason: str) -> Outcome:
    """Nothing was written because of an edit on disk: reload the file and say so."""
    name = Path(path).name
    reloaded, _events = reload_paths(files, [path])
    title = _("Not saved: {file} changed on disk").format(file=name)
    text = (
        reason
        + "\n"
        + _("Nothing was written. {file} is reloaded: check the item and try again.").format(
            file=name
        )
    )
    return Outcome(reloaded, [Notice(text, "error", title)])


def _undo_job(entry: UndoEntry) -> Job:
    def job(files: LoadedFiles) -> Outcome:
        files = completed(files)
        path = entry.undo.path
        state = files.files.get(path)
        loaded = state.shown.fingerprint if state is not None and state.shown else None
        try:
            from roadmap_tui.core.storage import undo_change

            applied = undo_change(entry.undo, loaded=loaded)
        except (ConflictError, UpdateError, OSError) as exc:
            reloaded, _events = reload_paths(files, [path])
            title = _("Cannot undo {change}").format(change=entry.label)
            text = (
                str(exc)
                + "\n"
                + _("Nothing was written; this change is dropped from the undo list.")
            )
            return Outcome(reloaded, [Notice(text, "error", title)])
        text = _("Undone: {change} ({file})").format(change=entry.label, file=entry.file_name)
        return Outcome(after_write(files, applied), [Notice(text)])

    return job


def _check_job(files: LoadedFiles) -> Outcome:
    found = check(files)
    if found is None:
        return Outcome()
    new, events = found
    return Outcome(new, [event_notice(e) for e in events])


__all__ = [
    "WATCH_INTERVAL",
    "FilesDone",
    "Notice",
    "Outcome",
    "RoadmapFiles",
    "UndoEntry",
    "describe",
    "event_notice",
]
