"""Loading a big folder on two cores: a helper process loads the back of the folder.

Why: parsing is pure Python work under one GIL, so threads cannot share it; a
100,000-item folder (16 MB) takes ~3.4 s to load on one core. A helper process (this
module run with ``python -m``) loads the files at the back of the folder while the
caller loads those at the front, then hands its reports over pickled — unpickling
costs about a sixth of loading — so the whole folder is in after ~60 % of the time.
The caller's own files come first, in display order, so a caller that paints the
first files early (the app) is never kept waiting by the helper.

Any trouble with the helper (it cannot start, dies, or sends something unreadable)
only means the caller loads those files itself: the result is the same either way,
which the tests check file by file.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui.core.loader import FileReport, PendingStores, load_file, paused_gc

if TYPE_CHECKING:  # imported when a helper starts: small folders and commands skip them
    import subprocess

#: Below this many bytes a helper's start (~0.15 s: an interpreter and the core's
#: imports) costs more than it saves.
HELPER_MIN_BYTES = 4_000_000
#: The caller's share of the bytes: it also unpickles the helper's share, and the
#: helper also pickles it and starts later.
CALLER_SHARE = 0.58
_RECORD_FIELDS = 7
_DONE = b"roadmap-tui loadpool: done\n"


def file_sizes(paths: Sequence[Path]) -> list[int]:
    """Each file's size on disk (0 if it cannot be read: loading reports that)."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes


def helper_split(sizes: Sequence[int]) -> int:
    """How many files (from the front) the caller loads; ``len(sizes)``: no helper."""
    total = sum(sizes)
    if total < HELPER_MIN_BYTES or len(sizes) < 2 or (os.cpu_count() or 1) < 2:
        return len(sizes)
    running = 0
    for index, size in enumerate(sizes):
        running += size
        if running >= total * CALLER_SHARE:
            return min(index + 1, len(sizes) - 1)
    return len(sizes) - 1


def _helper_argv() -> list[str]:
    return [sys.executable, "-m", "roadmap_tui.core.loadpool"]


class Helper:
    """The helper process for ``paths``: started at once, collected by :meth:`reports`.

    It writes to an unnamed temporary file, not a pipe: a pipe holds 64 KB, and the
    thread that would drain it gets the GIL only every few milliseconds while the
    caller loads, which stalled the helper for most of its run.
    """

    def __init__(self, paths: Sequence[Path], cache: bool) -> None:
        import subprocess
        import tempfile

        self.paths = [str(p) for p in paths]
        self._process: subprocess.Popen[bytes] | None = None
        # closed by reports() or close(), whichever comes first
        self._output = tempfile.TemporaryFile()  # noqa: SIM115
        package_root = str(Path(__file__).resolve().parent.parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([package_root, *filter(None, [env.get("PYTHONPATH")])])
        try:
            self._process = subprocess.Popen(
                _helper_argv(),
                stdin=subprocess.PIPE,
                stdout=self._output,
                stderr=subprocess.PIPE,
                env=env,
            )
            assert self._process.stdin is not None
            self._process.stdin.write(pickle.dumps((self.paths, cache), protocol=5))
            self._process.stdin.close()
        except OSError:
            self._stop()  # no helper: the caller loads these files itself

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None

    def close(self) -> None:
        """Stop the helper and drop what it wrote (a load given up half way)."""
        self._stop()
        self._output.close()

    def reports(self) -> list[FileReport | None]:
        """One report per path, in order; None where the helper did not deliver one."""
        out: list[FileReport | None] = [None] * len(self.paths)
        process = self._process
        if process is None:
            self._output.close()
            return out
        import threading

        assert process.stderr is not None
        # "done" once every record is written (it then writes its cache entries); EOF if
        # it died. readline() releases the GIL while it waits.
        while process.stderr.readline() not in (_DONE, b""):
            pass
        if process.poll() is None:
            threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends
        with self._output as stream:
            stream.seek(0)
            try:
                for index in range(len(self.paths)):
                    record = pickle.load(stream)
                    if not isinstance(record, tuple) or len(record) != _RECORD_FIELDS:
                        break
                    name, text, fingerprint, roadmap, problems, items, kpis = record
                    if name != self.paths[index]:
                        break
                    report = FileReport(name, text)
                    report.fingerprint, report.roadmap = fingerprint, roadmap
                    report.problems, report.item_indices, report.kpi_indices = problems, items, kpis
                    out[index] = report
            except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
                    ImportError, IndexError):  # fmt: skip
                pass  # a truncated or foreign stream: the caller loads the rest itself
        return out


def load_in_order(
    paths: Sequence[Path],
    *,
    cache: bool = False,
    store_later: PendingStores | None = None,
    sizes: Sequence[int] | None = None,
) -> Iterator[FileReport]:
    """``load_file`` of every path, in order, the back of a big folder in a helper process.

    ``cache`` and ``store_later``: as for :func:`~roadmap_tui.core.loader.load_file`
    (the helper writes its own cache entries after it has sent its reports).
    ``sizes``: :func:`file_sizes` of ``paths``, when the caller has them already.
    """
    split = helper_split(file_sizes(paths) if sizes is None else sizes)
    helper = Helper(paths[split:], cache) if split < len(paths) else None
    try:
        for path in paths[:split]:
            yield load_file(path, cache=cache, store_later=store_later)
    except BaseException:  # given up half way (GeneratorExit included): stop the helper
        if helper is not None:
            helper.close()
        raise
    if helper is None:
        return
    with paused_gc():  # the unpickled models are long-lived, like loaded ones
        reports = helper.reports()
    for path, report in zip(paths[split:], reports, strict=True):
        if report is None:
            report = load_file(path, cache=cache, store_later=store_later)
        yield report


def _helper_main() -> int:
    """The helper: read (paths, cache) from stdin, write one pickled record per file."""
    from roadmap_tui.core import loadcache

    paths, cache = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    pending: PendingStores = []
    pickler = pickle.Pickler(out, protocol=5)
    pickler.dispatch_table = loadcache._reducers()
    with paused_gc():
        for path in paths:
            report = load_file(path, cache=cache, store_later=pending)
            pickler.dump((report.path, report.text, report.fingerprint, report.roadmap,
                          report.problems, report.item_indices, report.kpi_indices))  # fmt: skip
            pickler.clear_memo()
        out.flush()
        out.close()
        sys.stderr.buffer.write(_DONE)
        sys.stderr.buffer.flush()
        loadcache.store_all(pending)
    return 0


__all__ = [
    "CALLER_SHARE",
    "HELPER_MIN_BYTES",
    "Helper",
    "file_sizes",
    "helper_split",
    "load_in_order",
]

if __name__ == "__main__":
    sys.exit(_helper_main())
