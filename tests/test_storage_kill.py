"""A writer killed at any moment (SIGKILL) leaves the file either old or new, never torn."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from roadmap_tui.core.atomic import remove_stale_temp_files, write_atomically
from roadmap_tui.core.loader import discover
from tests.conftest import ROOT

KILLS = 200

#: rewrites the file with A and B in turns, as fast as it can, until it is killed
WRITER = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from roadmap_tui.core.atomic import write_atomically
path, a, b = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
print("ready", flush=True)
turn = 0
while True:
    write_atomically(path, a if turn % 2 else b)
    turn += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_writer_never_leaves_a_torn_file(tmp_path: Path) -> None:
    # Big enough that a kill often lands inside a write or an fsync.
    a = b"".join(b'[[items]]\nid = "a%06d"\nstatus = "planned"\n\n' % i for i in range(6000))
    b = a.replace(b"planned", b"done   ")
    assert len(a) == len(b)  # same size: a torn file could not be told apart by its size
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "a").write_bytes(a)
    (sources / "b").write_bytes(b)
    folder = tmp_path / "roadmaps"
    folder.mkdir()
    target = folder / "r.toml"
    target.write_bytes(a)
    rng = random.Random(20261122)
    seen = {a: 0, b: 0}
    mid_write = 0  # kills that left a temp file: the writer was inside a write
    deadline = time.monotonic() + 60
    for _kill in range(KILLS):
        writer = subprocess.Popen(
            [
                sys.executable,
                "-S",
                "-c",
                WRITER,
                str(target),
                str(sources / "a"),
                str(sources / "b"),
            ],
            stdout=subprocess.PIPE,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.012))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        content = target.read_bytes()
        assert content in seen, f"torn file after kill {_kill}: {len(content)} bytes"
        seen[content] += 1
        mid_write += any(p.name.startswith(".r.toml.") for p in folder.iterdir())
        if time.monotonic() > deadline:
            break
    assert seen[a] + seen[b] >= 50
    print(f"{seen[a] + seen[b]} kills, {mid_write} inside a write, contents {list(seen.values())}")
    assert mid_write > 0
    # Temp files of killed writers are never taken for roadmaps and go on the next write.
    assert discover([folder]) == [target]
    write_atomically(target, a)
    remove_stale_temp_files(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["r.toml"]
