"""The roadmap files behind the screen: what each one loaded, and what changed on disk since.

Pure (no Textual): the app's workers call these functions and the file keeper
(:mod:`roadmap_tui.ui.writer`) installs what they return. A :class:`LoadedFiles` is an
immutable snapshot — every change makes a new one — so a worker can read it while the
screen shows it.

A file that changes on disk is loaded again. If it no longer loads cleanly (a typo in
an editor, a half-finished merge), its problems go to the errors panel but the roadmap
it last loaded keeps showing, marked stale, so nobody loses their view of the plan
while they fix the file. Polling compares the remembered fingerprints with the disk
(:class:`~roadmap_tui.core.atomic.FileWatch`: a stat per file, a hash only when the
mtime or size moved); the clock is never read, so tests call :func:`check` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from roadmap_tui.core.atomic import FileWatch, Fingerprint, read_file
from roadmap_tui.core.errors import Problem
from roadmap_tui.core.loader import (
    FileReport,
    PendingStores,
    assemble,
    discover,
    load_file,
    paused_gc,
)
from roadmap_tui.core.loadpool import file_sizes, load_in_order
from roadmap_tui.core.model import Roadmap, RoadmapFolder
from roadmap_tui.i18n import _
from roadmap_tui.ui.patch import patched_report

if TYPE_CHECKING:  # the write path loads on the first write, not at start-up
    from roadmap_tui.core.storage import Applied

#: reloaded cleanly · does not load, the last clean version still shows · loaded with
#: problems (there was no clean version to keep) · a new file · a deleted file
EventKind = Literal["changed", "stale", "problems", "added", "removed"]


@dataclass(frozen=True, slots=True)
class FileState:
    """One roadmap file: its latest load, the roadmap shown for it, its fingerprint on disk."""

    #: the latest load of the file (its problems; its roadmap, if it built one)
    report: FileReport
    #: the load whose roadmap is on screen: ``report``, or the last clean load when the
    #: file has since become invalid on disk
    good: FileReport
    #: the file on disk as last read (what polling compares against)
    fingerprint: Fingerprint | None

    @property
    def shown(self) -> Roadmap | None:
        """The roadmap on screen for this file."""
        return self.good.roadmap

    @property
    def stale(self) -> bool:
        """The file changed on disk into something that does not load; an older roadmap shows."""
        return self.good is not self.report

    @property
    def errors(self) -> list[Problem]:
        """The file's own problems of severity "error" (a write is refused while there are any)."""
        return [p for p in self.report.problems if p.severity == "error"]


@dataclass(frozen=True, slots=True)
class LoadedFiles:
    """Every roadmap file on screen and the folder assembled from them."""

    #: the files and folders the app was started with
    paths: tuple[Path, ...]
    #: path -> state, in the order the loader discovers the files
    files: Mapping[str, FileState]
    folder: RoadmapFolder
    #: False when made from a folder handed to the app (its files load on first need)
    complete: bool = True
    #: whether new and deleted files are looked for under ``paths``
    discovers: bool = True


@dataclass(frozen=True, slots=True)
class FileEvent:
    """Something that happened to one file on disk, for the notice the user sees."""

    path: str
    kind: EventKind

    @property
    def name(self) -> str:
        return Path(self.path).name

    def notice(self) -> str:
        """One line for the user: what happened and what the screen shows now."""
        if self.kind == "changed":
            return _("{file} changed on disk — reloaded").format(file=self.name)
        if self.kind == "stale":
            return _(
                "{file} changed on disk and does not load — still showing the last version "
                "that did (problems in the errors panel)"
            ).format(file=self.name)
        if self.kind == "problems":
            return _(
                "{file} changed on disk — reloaded; it has problems (see the errors panel)"
            ).format(file=self.name)
        if self.kind == "added":
            return _("{file} appeared — loaded").format(file=self.name)
        return _("{file} was removed — no longer shown").format(file=self.name)


def stale_problem(path: str) -> Problem:
    """The line in the errors panel that says a file's roadmap on screen is an older one."""
    return Problem(
        path,
        0,
        0,
        _("stale: the file on disk does not load; showing the version loaded before"),
        _("fix its problems and it reloads by itself"),
        severity="warning",
    )


def _assembled(
    paths: tuple[Path, ...], states: Mapping[str, FileState], *, complete: bool, discovers: bool
) -> LoadedFiles:
    reports: list[FileReport] = []
    for path, state in states.items():
        if not state.stale:
            reports.append(state.report)
            continue
        # The old roadmap with the new problems: positions of cross-file problems are
        # found in the text that roadmap came from.
        good = state.good
        kept = FileReport(path, good.text)
        kept.roadmap = good.roadmap
        kept.item_indices, kept.kpi_indices = good.item_indices, good.kpi_indices
        kept.problems = [*state.report.problems, stale_problem(path)]
        kept.fingerprint = state.fingerprint
        reports.append(kept)
    folder = assemble(reports)
    return LoadedFiles(paths, dict(states), folder, complete=complete, discovers=discovers)


def _state(report: FileReport, before: FileState | None) -> FileState:
    """The state after loading ``report``; keeps the last clean roadmap if it no longer loads."""
    broken = any(p.severity == "error" for p in report.problems)
    kept = before is not None and before.shown is not None and (before.stale or not before.errors)
    if broken and kept:
        assert before is not None
        return FileState(report, before.good, report.fingerprint)
    return FileState(report, report, report.fingerprint)


#: Folders at least this big on disk show their first roadmaps while the rest load
#: (about 6,000 items: below it the whole folder loads in a few tenths of a second).
PROGRESSIVE_BYTES = 1_000_000
#: How much to load before the first roadmaps go on screen: more than a screenful.
FIRST_SCREEN_BYTES = 150_000


class LoadProgress(Protocol):
    """Told after each file of a big folder (see :func:`load_files`)."""

    def __call__(self, partial: RoadmapFolder | None, done: int, total: int) -> None:
        """``partial``: the first files' roadmaps (once, then None); ``done`` of ``total`` files."""


def load_files(
    paths: Sequence[str | Path],
    *,
    cache: bool = False,
    progress: LoadProgress | None = None,
    store_later: PendingStores | None = None,
) -> LoadedFiles:
    """Load every roadmap file under ``paths`` (what the app does at start).

    ``cache``: through the loader's cache of models built before (see
    :mod:`roadmap_tui.core.loadcache`); reports from it keep their text, so writes stay fast.
    ``progress``: for a folder of at least :data:`PROGRESSIVE_BYTES`, called once with
    the roadmaps of the first files (at least :data:`FIRST_SCREEN_BYTES`, in display
    order, so they are the top of the final view; without folder-wide checks, which
    need every file) and then after every further file, so the app can paint before
    the whole folder has loaded. Which call carries the partial folder depends only on
    the files' sizes, never on the clock. ``store_later``: see
    :func:`~roadmap_tui.core.loader.load_file`. A big folder's back half loads in a
    helper process on the other core (:mod:`roadmap_tui.core.loadpool`).
    """
    given = tuple(Path(p) for p in paths)
    names = discover(given)
    sizes = file_sizes(names)
    progressive = progress is not None and sum(sizes) >= PROGRESSIVE_BYTES
    with paused_gc():  # one pause over all files and the folder checks (see paused_gc)
        states: dict[str, FileState] = {}
        loaded, shown = 0, False
        reports = load_in_order(names, cache=cache, store_later=store_later, sizes=sizes)
        for done, (path, report) in enumerate(zip(names, reports, strict=True), 1):
            states[str(path)] = _state(report, None)
            if not progressive or done == len(names):
                continue
            assert progress is not None
            loaded += sizes[done - 1]
            if shown:
                progress(None, done, len(names))
            elif loaded >= FIRST_SCREEN_BYTES:
                progress(_partial(states), done, len(names))
                shown = True
        return _assembled(given, states, complete=True, discovers=True)


def _partial(states: Mapping[str, FileState]) -> RoadmapFolder:
    """The roadmaps loaded so far; their problems wait for the whole folder.

    Cross-file checks would report every dependency on a file not loaded yet as
    missing, and a half-filled errors panel would only flicker.
    """
    folder = assemble([state.report for state in states.values()])
    folder.problems.clear()
    return folder


def from_folder(
    paths: Sequence[str | Path], folder: RoadmapFolder, *, discovers: bool = False
) -> LoadedFiles:
    """A snapshot of a folder handed to the app: its roadmaps as they are, files unread.

    Its files are loaded by :func:`completed` before the first write or reload. Until
    then polling watches only the roadmaps whose fingerprints the folder carries —
    unless ``discovers`` (the folder came from ``paths``): then the first check loads
    every file under ``paths`` and watches them from there on.
    """
    states: dict[str, FileState] = {}
    for roadmap in folder.roadmaps:
        report = FileReport(roadmap.path, None)
        report.roadmap = roadmap
        report.fingerprint = roadmap.fingerprint
        states[roadmap.path] = FileState(report, report, roadmap.fingerprint)
    given = tuple(Path(p) for p in paths)
    return LoadedFiles(given, states, folder, complete=False, discovers=discovers)


def completed(files: LoadedFiles) -> LoadedFiles:
    """``files`` with every file loaded (a no-op once complete)."""
    if files.complete:
        return files
    if files.discovers:
        names = [str(p) for p in discover(files.paths)]
    else:
        problems = {p.path for p in files.folder.problems} - set(files.files)
        names = [*files.files, *sorted(problems)]
    states = {n: _state(load_file(n), None) for n in names if Path(n).is_file()}
    return _assembled(files.paths, states, complete=True, discovers=files.discovers)


def reload_paths(files: LoadedFiles, changed: Iterable[str]) -> tuple[LoadedFiles, list[FileEvent]]:
    """Load the ``changed`` files again (and look for new and deleted files)."""
    files = completed(files)
    wanted = set(changed)
    states = dict(files.files)
    events: list[FileEvent] = []
    if files.discovers:
        found = [str(p) for p in discover(files.paths)]
        for path in [p for p in states if p not in found]:
            del states[path]
            events.append(FileEvent(path, "removed"))
        wanted |= {p for p in found if p not in states}
        order = found
    else:
        order = list(states)
    for path in sorted(wanted):
        before = states.get(path)
        if before is None and path not in order:
            continue
        state = _state(load_file(path), before)
        states[path] = state
        if before is None:
            events.append(FileEvent(path, "added"))
        else:
            kind: EventKind = "stale" if state.stale else "problems" if state.errors else "changed"
            events.append(FileEvent(path, kind))
    ordered = {p: states[p] for p in order if p in states}
    new = _assembled(files.paths, ordered, complete=True, discovers=files.discovers)
    return new, events


def check(files: LoadedFiles) -> tuple[LoadedFiles, list[FileEvent]] | None:
    """What changed on disk since ``files`` was made; None when nothing did.

    A file whose bytes are the same but whose mtime moved (touched, or saved unchanged)
    gets its new fingerprint and no notice.
    """
    if files.discovers and not files.complete:
        return completed(files), []  # a folder loaded elsewhere: from now on, every file
    known = {path: state.fingerprint for path, state in files.files.items()}
    watch = FileWatch(known)
    changed = watch.changed()
    touched = {
        path: now
        for path in known
        if path not in changed and (now := watch.fingerprint(path)) != known[path]
    }
    appeared = False
    if files.discovers:
        found = [str(p) for p in discover(files.paths)]
        appeared = bool(watch.added(found)) or any(p not in found for p in known)
    if not changed and not appeared:
        if not touched:
            return None
        states = {
            path: replace(state, fingerprint=touched.get(path, state.fingerprint))
            for path, state in files.files.items()
        }
        return replace(files, files=states), []
    return reload_paths(files, changed)


def after_write(files: LoadedFiles, applied: Applied) -> LoadedFiles:
    """``files`` after the app wrote ``applied`` to one file.

    The written item is rebuilt from its edited table and the lines below it are shifted
    (:func:`~roadmap_tui.ui.patch.patched_report`), so a 10,000-item file is not loaded
    again; when that cannot be shown to be exact (the file changed meanwhile, the change
    went onto a newer version of it) the file is loaded again instead.
    """
    path = applied.path
    files = completed(files)
    state = files.files.get(path)
    report: FileReport | None = None
    if state is not None and not state.stale and not applied.reapplied:
        try:
            data, now = read_file(path)
        except OSError:
            data, now = b"", None
        if now is not None and now.sha256 == applied.fingerprint.sha256:
            report = patched_report(state.report, applied, data, now)
    if report is None:
        report = load_file(path)
    states = dict(files.files)
    states[path] = _state(report, state)
    return _assembled(files.paths, states, complete=True, discovers=files.discovers)


__all__ = [
    "FIRST_SCREEN_BYTES",
    "PROGRESSIVE_BYTES",
    "FileEvent",
    "FileState",
    "LoadProgress",
    "LoadedFiles",
    "after_write",
    "check",
    "completed",
    "from_folder",
    "load_files",
    "reload_paths",
    "stale_problem",
]
