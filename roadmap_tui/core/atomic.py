"""Writing roadmap files so that a crash never leaves a torn file, and noticing edits on disk.

A write goes to a hidden temporary file in the same folder (``.name.toml.PID-XXXX.tmp``:
hidden and not ``*.toml``, so the loader never picks it up), is flushed and fsynced, gets
the old file's permission bits (and owner and group where allowed), replaces the file
with :func:`os.replace` (atomic on POSIX and Windows) and then the folder is fsynced so
the rename itself survives a power cut. A symlinked roadmap keeps its link: the link's
target is what gets replaced.

A :class:`Fingerprint` (mtime, size, sha256) remembers what was loaded, so a writer can
tell that someone else (an editor, ``git pull``) changed the file since, and
:class:`FileWatch` lets the app poll for such changes cheaply.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[^.]+\.tmp$")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file held when it was read: modification time (ns), size and content hash.

    Equal hashes mean equal content; mtime and size only make polling cheap.
    """

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> Fingerprint:
        """The fingerprint of ``data`` read from a file whose stat was taken before reading."""
        return cls(status.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())

    def same_stat(self, status: os.stat_result) -> bool:
        """Whether a stat still looks like this fingerprint (cheap; no read)."""
        return status.st_mtime_ns == self.mtime_ns and status.st_size == self.size

    def describe(self) -> str:
        """A short, human-readable summary, for messages."""
        return f"{self.size} bytes, sha256 {self.sha256[:12]}"


def read_file(path: str | Path) -> tuple[bytes, Fingerprint]:
    """The bytes of ``path`` and their fingerprint.

    The stat is taken before reading: if the file changes while it is read, the next
    poll sees a newer mtime and compares hashes instead of missing the change.
    """
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        data = handle.read()
    return data, Fingerprint.of(data, status)


def fingerprint_file(path: str | Path) -> Fingerprint:
    """The fingerprint of the file as it is on disk now."""
    return read_file(path)[1]


def write_atomically(
    path: str | Path, data: bytes, *, check: Callable[[], None] | None = None
) -> Fingerprint:
    """Replace the file at ``path`` with ``data`` so that it is always either old or new.

    ``check`` runs after the new content is safely on disk and right before the
    replace; it may raise (for example when the file changed meanwhile) and then
    nothing is replaced. Returns the fingerprint of what was written.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    mode = stat.S_IMODE(old.st_mode) if old is not None else 0o644
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=_TEMP_SUFFIX, dir=directory
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _keep_owner_and_mode(handle.fileno(), temp, old, mode)
            status = os.fstat(handle.fileno())
        if check is not None:
            check()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(directory)
    remove_stale_temp_files(directory, target.name)
    # The rename keeps the temp file's inode, so its stat is the new file's stat.
    return Fingerprint.of(data, status)


def _keep_owner_and_mode(fd: int, temp: Path, old: os.stat_result | None, mode: int) -> None:
    # The group (and, for root, the owner) of a shared roadmap folder must survive the
    # write; changing them is allowed only in some cases, so failing is fine.
    if old is not None and hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows
        os.chmod(temp, mode)


def _fsync_directory(directory: Path) -> None:
    # Not every platform can open a directory (Windows); the rename is still atomic.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale_temp_files(directory: str | Path, name: str | None = None) -> list[Path]:
    """Delete temp files left by writers that were killed mid-write; returns what was removed.

    A temp file is stale when the process named in it is gone; ``name`` limits the
    clean-up to one roadmap file's temp files.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or (name is not None and match.group("name") != name):
            continue
        if match.group("pid") == str(os.getpid()) or _alive(int(match.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


class FileWatch:
    """Which roadmap files changed on disk since they were loaded or last written here.

    The app remembers each file's fingerprint after loading it (and after each of its
    own writes, with :meth:`remember`) and polls :meth:`changed` on a timer. A poll
    only stats the files; a file is read and hashed only when its mtime or size
    moved, so touching a file or rewriting the same bytes is not a change.
    """

    def __init__(self, known: Mapping[str, Fingerprint | None] | None = None) -> None:
        self._known: dict[str, Fingerprint | None] = dict(known or {})

    def remember(self, path: str | Path, fingerprint: Fingerprint | None) -> None:
        """Record ``fingerprint`` as the expected state of ``path`` (None: unreadable)."""
        self._known[str(path)] = fingerprint

    def forget(self, path: str | Path) -> None:
        """Stop watching ``path``."""
        self._known.pop(str(path), None)

    def fingerprint(self, path: str | Path) -> Fingerprint | None:
        """The fingerprint remembered for ``path``."""
        return self._known.get(str(path))

    @property
    def paths(self) -> list[str]:
        """The watched paths, in the order they were remembered."""
        return list(self._known)

    def changed(self) -> list[str]:
        """Paths whose content differs from what was remembered (or that vanished or appeared)."""
        out: list[str] = []
        for path, known in self._known.items():
            try:
                status = os.stat(path)
            except OSError:
                if known is not None:
                    out.append(path)
                continue
            if known is not None and known.same_stat(status):
                continue
            try:
                _data, now = read_file(path)
            except OSError:
                if known is not None:
                    out.append(path)
                continue
            if known is not None and now.sha256 == known.sha256:
                self._known[path] = now  # touched, same bytes
                continue
            out.append(path)
        return out

    def added(self, discovered: Iterable[str | Path]) -> list[str]:
        """Of ``discovered`` (e.g. a fresh ``discover()``), the paths not watched yet."""
        return [str(p) for p in discovered if str(p) not in self._known]
