"""Load roadmap files into a :class:`RoadmapFolder`, collecting located problems.

Reading uses tomllib (fast); positions are looked up only for problems, by the
scanner in :mod:`roadmap_tui.core.tomlpos`. One broken file never stops the
others: its problems are collected and every other file still loads.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tomllib as toml
else:
    try:
        # tomli is the code base of tomllib; its compiled (mypyc) wheels parse about
        # twice as fast. Pinned below 2.3: 2.3 accepts a BOM inside a document and 2.4+
        # reads TOML 1.1; the project speaks TOML 1.0 (checked with the toml-test suite).
        import tomli as toml
    except ImportError:  # a platform without the wheel: the same parser, uncompiled
        import tomllib as toml

from roadmap_tui.core.atomic import Fingerprint, read_file
from roadmap_tui.core.build import build_roadmap
from roadmap_tui.core.errors import Problem
from roadmap_tui.core.model import Roadmap, RoadmapFolder
from roadmap_tui.core.tomlpos import PositionIndex, index_positions
from roadmap_tui.core.validate import did_you_mean, validate

BOM = b"\xef\xbb\xbf"
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_LONG_INT = re.compile(r"[0-9_]{4000,}")


_gc_lock = threading.Lock()
_gc_pausers = [0, False]  # loads running now; whether the collector was on before the first


@contextmanager
def paused_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector off while roadmaps load.

    Why: loading builds about a million small objects that all stay alive; with the
    collector on, every few thousand allocations it rescans the growing heap, which
    cost a tenth to a third of the load time of a 100,000-item folder. Nothing made
    while loading is cyclic garbage. Loads may overlap (a UI worker and a command):
    the collector comes back on when the last one ends, and only if it was on before.
    """
    with _gc_lock:
        if _gc_pausers[0] == 0:
            _gc_pausers[1] = gc.isenabled()
            gc.disable()
        _gc_pausers[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers[0] -= 1
            if _gc_pausers[0] == 0 and _gc_pausers[1]:
                gc.enable()


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The roadmap files named by ``paths``: files as given, folders searched for ``*.toml``.

    Hidden folders (``.git``, ``.venv``) are skipped; the order is stable (sorted).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*.toml")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a roadmap file; a leading BOM is accepted (and kept on write)."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return None, Problem(
            path,
            line,
            col,
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8",
        )


def parse_toml(text: str, path: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """Parse TOML 1.0 (tomli/tomllib) with every failure turned into one located problem."""
    try:
        return toml.loads(text), None
    except toml.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POS.search(message)
        if match:
            line, col = int(match.group(1)), int(match.group(2))
            message = message[: match.start()].strip()
        elif "end of document" in message:
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
            message = message.replace("(at end of document)", "").strip()
        else:
            line, col = 1, 1
        return None, Problem(path, line, col, f"TOML syntax: {message[:1].lower()}{message[1:]}")
    except RecursionError:
        return None, Problem(path, 1, 1, "TOML syntax: arrays or tables nested too deeply")
    except ValueError as exc:  # e.g. Python's limit on integer digits
        match = _LONG_INT.search(text)
        line, col = (1, 1)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        return None, Problem(path, line, col, f"TOML value out of range: {exc}")


class FileReport:
    """What loading one file produced: the roadmap (if any) and its problems."""

    __slots__ = (
        "path", "roadmap", "problems", "text", "item_indices", "kpi_indices", "_index",
        "fingerprint",
    )  # fmt: skip

    def __init__(self, path: str, text: str | None) -> None:
        self.path = path
        self.text = text
        #: what was read (mtime, size, sha256): a write checks the file still holds it
        self.fingerprint: Fingerprint | None = None
        self.roadmap: Roadmap | None = None
        self.problems: list[Problem] = []
        self.item_indices: list[int] = []
        self.kpi_indices: list[int] = []
        self._index: PositionIndex | None = None

    @property
    def index(self) -> PositionIndex:
        if self._index is None:
            self._index = index_positions(self.text or "")
        return self._index

    def problem(
        self,
        keypath: tuple[str | int, ...],
        message: str,
        hint: str | None = None,
        *,
        at_key: bool = False,
    ) -> None:
        """Record a problem at ``keypath``: at its value (a wrong value), or at the key
        itself with ``at_key`` (an unknown or misplaced key)."""
        line, col = self.index.locate(keypath, value=not at_key)
        self.problems.append(Problem(self.path, line, col, message, hint))


def load_text(text: str, path: str) -> FileReport:
    """Parse, validate and build one roadmap from its text."""
    report = FileReport(path, text)
    document, syntax = parse_toml(text, path)
    if syntax is not None or document is None:
        report.problems.append(syntax or Problem(path, 1, 1, "empty document"))
        return report
    for finding in validate(document):
        report.problem(finding.path, finding.message, finding.hint, at_key=finding.at_key)
    built = build_roadmap(document, path, report.problem)
    report.roadmap = built.roadmap
    report.item_indices = built.item_indices
    report.kpi_indices = built.kpi_indices
    if report.roadmap is not None:
        written = document.get("items")
        _attach_item_lines(
            report, built.item_indices, len(written) if isinstance(written, list) else -1
        )
    return report


def _item_headers(text: str) -> tuple[list[int], list[int]]:
    """Line and column of each ``[[items]]`` header (it may be indented), in text order.

    Why str.find rather than a regex: the header is a fixed string, and a C-level
    search over a 16 MB folder is several times faster than a MULTILINE pattern tried
    at every line start. A spaced ``[[ items ]]`` is not found: the count then
    differs from the document's and the caller falls back to the full scanner.
    """
    lines: list[int] = []
    cols: list[int] = []
    find, rfind, count = text.find, text.rfind, text.count
    line, last = 1, 0
    at = find("[[items]]")
    while at >= 0:
        start = at if at == 0 or text[at - 1] == "\n" else rfind("\n", 0, at) + 1
        if start == at or not text[start:at].strip(" \t"):
            line += count("\n", last, start)
            last = start
            lines.append(line)
            cols.append(at - start + 1)
        at = find("[[items]]", at + 9)
    return lines, cols


def _attach_item_lines(report: FileReport, item_indices: list[int], written: int = -1) -> None:
    """Give every item its header line (for annotations, logs and the editor).

    ``written`` is the length of the document's ``items`` array: the quick header
    search is trusted only when it finds exactly that many headers (a ``[[items]]``
    line inside a multi-line string, or items written as inline tables, make the
    counts differ; then the full position scanner answers).
    """
    from roadmap_tui.core.model import Location

    assert report.roadmap is not None and report.text is not None
    items = report.roadmap.items
    lines, cols = _item_headers(report.text)
    found = len(lines)
    if (
        found
        and found == (written if written >= 0 else found)
        and found > max(item_indices, default=-1)
    ):
        path = report.path
        for item, index in zip(items, item_indices, strict=True):
            item.location = Location(path, lines[index], cols[index])
        return
    for item, index in zip(items, item_indices, strict=True):
        line, col = report.index.locate(("items", index))
        item.location = Location(report.path, line, col)


#: (report, fingerprint) pairs whose load-cache entries are still to be written
PendingStores = list[tuple[FileReport, Fingerprint]]


def load_file(
    path: str | Path, *, cache: bool = False, store_later: PendingStores | None = None
) -> FileReport:
    """Read, parse, validate and build one file (see :func:`load_text`).

    ``cache``: reuse the model built last time for exactly these bytes, from the user's
    cache folder (see :mod:`roadmap_tui.core.loadcache`; the app's start-up only).
    ``store_later``: collect new cache entries here instead of writing them now (the
    app writes them after the folder is on screen: ~1 s at 100,000 items).
    """
    with paused_gc():
        return _load_file(path, cache, store_later)


def _load_file(
    path: str | Path, cache: bool = False, store_later: PendingStores | None = None
) -> FileReport:
    name = str(path)
    try:
        data, fingerprint = read_file(path)
    except OSError as exc:
        report = FileReport(name, None)
        report.problems.append(Problem(name, 0, 0, f"cannot read file: {exc.strerror or exc}"))
        return report
    text, problem = decode(data, name)
    if problem is not None or text is None:
        report = FileReport(name, None)
        report.problems.append(problem or Problem(name, 0, 0, "cannot decode file"))
    elif cache:
        from roadmap_tui.core import loadcache

        cached = loadcache.lookup(name, fingerprint, text)
        if cached is None:
            report = load_text(text, name)
            if store_later is None:
                loadcache.store(report, fingerprint)
            else:
                store_later.append((report, fingerprint))
        else:
            report = cached
    else:
        report = load_text(text, name)
    report.fingerprint = fingerprint
    if report.roadmap is not None:
        report.roadmap.fingerprint = fingerprint
    return report


def load_paths(paths: Sequence[str | Path], *, cache: bool = False) -> RoadmapFolder:
    """Load every roadmap under ``paths`` and check the folder as a whole.

    ``cache``: see :func:`load_file`; the folder-wide checks always run.
    """
    from roadmap_tui.core.loadpool import load_in_order  # it imports this module

    with paused_gc():
        return assemble(list(load_in_order(discover(paths), cache=cache)))


def assemble(reports: Sequence[FileReport]) -> RoadmapFolder:
    """Put loaded files together and run the checks that span files."""
    from roadmap_tui.core.crosscheck import check_folder

    with paused_gc():
        return _assemble(reports, check_folder)


def _assemble(reports: Sequence[FileReport], check_folder: Any) -> RoadmapFolder:
    folder = RoadmapFolder()
    for report in reports:
        folder.problems.extend(report.problems)
        if report.roadmap is not None:
            folder.roadmaps.append(report.roadmap)
    by_path = {r.path: r for r in reports}
    check_folder(folder, by_path)
    folder.problems.sort(key=lambda p: (p.path, p.line, p.col))
    return folder


__all__ = [
    "FileReport",
    "PendingStores",
    "assemble",
    "decode",
    "did_you_mean",
    "discover",
    "load_file",
    "load_paths",
    "load_text",
    "parse_toml",
    "paused_gc",
]


def bundled_roadmaps() -> Path:
    """The roadmaps shipped inside the package (so a fresh install shows something real)."""
    return Path(__file__).resolve().parent.parent / "bundled"


def default_paths(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """``paths`` if given; else ``./roadmaps`` when it exists; else the bundled roadmaps."""
    if paths:
        return [Path(p) for p in paths]
    local = Path("roadmaps")
    return [local] if local.is_dir() else [bundled_roadmaps()]
