"""A cache of loaded roadmap files, so the app opens a big folder it has seen before fast.

Why: ``tomllib`` alone takes about 4 s for a 100,000-item folder (16 MB) on a 2-core
machine, so no amount of work after parsing can paint such a folder in 2 s. The app
therefore keeps, per file, the model it built last time (pickled) in the user's cache
folder, and uses it only when it is certainly the same:

- the entry is keyed by the file's path, its size, mtime and content hash (SHA-256 of
  the bytes just read, the same fingerprint the write path keeps), and by a hash of the
  loader's own code and of Python's version, so an edited file, a file changed back to
  an older content under the same mtime, or an upgraded roadmap-tui never sees a stale
  model; any doubt (a missing, truncated or foreign entry) means a normal load;
- the folder-wide checks (ids, dependencies, cycles) always run on the loaded files.

``roadmap check`` and the other commands never use it: they always read and validate
the real files. The folder is ``$ROADMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/roadmap-tui``,
else ``~/.cache/roadmap-tui``; ``ROADMAP_CACHE_DIR=off`` turns the cache off. It is safe to
delete at any time. Entries are written to a temporary file and renamed into place
(mode 0600 in a 0700 folder: pickles are only ever read from the user's own folder).
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import operator
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_tui.core.atomic import Fingerprint
    from roadmap_tui.core.loader import FileReport

CACHE_ENV = "ROADMAP_CACHE_DIR"
_FORMAT = b"roadmap-tui load cache 1\n"


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() in ("off", "0", "no", "false"):
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "roadmap-tui"


@cache
def code_stamp() -> str:
    """A hash of everything that shapes a loaded file: the core's code, the schema, Python."""
    digest = hashlib.sha256(sys.version.encode())
    core = Path(__file__).resolve().parent
    for source in sorted(core.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    schema = core.parent / "schema" / "roadmap.schema.json"
    if schema.is_file():
        digest.update(schema.read_bytes())
    return digest.hexdigest()


@cache
def _reducers() -> dict[type, Any]:
    """Pickle frozen dataclasses as a call with their fields (positional).

    Why: a frozen slotted dataclass unpickles through ``dataclasses``' Python-level
    ``__setstate__``, which looks up ``fields()`` on every object — 100,000 item
    locations took 0.4 s to restore; calling the class takes a fifth of that.
    """
    table: dict[type, Any] = dict(copyreg.dispatch_table)
    for name, module in list(sys.modules.items()):
        if not name.startswith("roadmap_tui.core.") or module is None:
            continue
        for value in vars(module).values():
            params = getattr(value, "__dataclass_params__", None)
            if isinstance(value, type) and params is not None and params.frozen:
                names = [f.name for f in dataclasses.fields(value) if f.init]
                if len(names) == len(dataclasses.fields(value)):
                    table[value] = _as_call(value, operator.attrgetter(*names), len(names))
    return table


def _as_call(cls: type, get: Any, count: int) -> Any:
    if count == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


def _entry_path(folder: Path, name: str) -> Path:
    key = hashlib.sha256(f"{os.path.abspath(name)}\0{name}".encode()).hexdigest()[:40]
    return folder / f"{key}.pickle"


def _header(name: str, fingerprint: Fingerprint) -> tuple[str, str, int, int, str]:
    return (code_stamp(), name, fingerprint.size, fingerprint.mtime_ns, fingerprint.sha256)


def lookup(name: str, fingerprint: Fingerprint, text: str) -> FileReport | None:
    """The report cached for this exact content of ``name``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(_entry_path(folder, name), "rb") as handle:
            if handle.read(len(_FORMAT)) != _FORMAT:
                return None
            header = pickle.load(handle)
            same_content = header[:3] == _header(name, fingerprint)[:3]
            if not same_content or header[4] != fingerprint.sha256:
                return None  # mtime alone may differ (a touch, a checkout): the hash decides
            roadmap, problems, item_indices, kpi_indices = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, IndexError,
            AttributeError, ImportError):  # fmt: skip
        return None  # absent, truncated, or written by other code: load normally
    from roadmap_tui.core.loader import FileReport

    report = FileReport(name, text)
    report.roadmap, report.problems = roadmap, problems
    report.item_indices, report.kpi_indices = item_indices, kpi_indices
    return report


def store(report: FileReport, fingerprint: Fingerprint) -> None:
    """Remember ``report`` for this content of its file (best effort: errors are ignored)."""
    folder = cache_dir()
    if folder is None:
        return
    payload: Any = (report.roadmap, report.problems, report.item_indices, report.kpi_indices)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_FORMAT)
                pickle.dump(_header(report.path, fingerprint), out, protocol=5)
                pickler = pickle.Pickler(out, protocol=5)
                pickler.dispatch_table = _reducers()
                pickler.dump(payload)
            os.replace(temp, _entry_path(folder, report.path))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return  # a read-only or full disk must never stop the app


def store_all(pending: Iterable[tuple[FileReport, Fingerprint]]) -> None:
    """Write the entries collected with ``load_file(..., store_later=...)``."""
    for report, fingerprint in pending:
        store(report, fingerprint)
