"""Runs inside a measured child process: start an app headless, time its frames, print JSON.

``python -m bench.ui_probe bare|roadmap PATH SPAWN_TIME [--keys K,K,…] [--presses N]``

How a frame is seen: :meth:`textual.app.App._display` is the one place a finished screen
update goes to the terminal. The probe wraps it: after Textual's own work it also encodes
the update into the escape sequences a real terminal would be sent (headless mode skips
that step), then takes the time. Both apps are measured through this same hook.

- *first paint*: the first frame of the bare app (a ``Static``); for the roadmap app the
  first frame in which the workspace has its view (the items are on screen), so loading,
  the row models and the first render all count. ``SPAWN_TIME`` is the parent's
  ``time.monotonic()`` just before it spawned this process (CLOCK_MONOTONIC is
  system-wide), so the figure runs from process start, imports included.
- *whole paint*: the first frame that shows the whole folder (a big folder shows its
  first files' roadmaps while the rest load; the same as the first paint otherwise).
  Key presses start only after it, so they are timed at the folder's full size.
- *key → frame*: a key event is handed to the driver as a terminal would, and the time
  runs until the next frame has been encoded. Textual paces refreshes to its frame rate
  (a refresh waits for the next 1/60 s tick); the parent sets ``TEXTUAL_FPS=1000`` so the
  figure is the work of handling the key and drawing, not the wait for the tick.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (120, 36)
_ALTERNATE = {"zoom": ("minus", "plus"), "right": ("right", "left"),
              "pagedown": ("pagedown", "pageup")}  # fmt: skip


def _shows_items(app: Any) -> bool:
    """Whether the roadmap app has its view (items on screen), read defensively."""
    try:
        workspace = app.query_one("#workspace")
    except Exception:  # noqa: BLE001 - any UI shape: fall back to the folder
        return getattr(app, "folder", None) is not None
    return getattr(workspace, "view", None) is not None


def _shows_everything(app: Any) -> bool:
    """Whether the view on screen is the whole folder's (a big folder paints its first
    files' roadmaps first and says "loading" until the rest are in)."""
    try:
        workspace = app.query_one("#workspace")
    except Exception:  # noqa: BLE001 - any UI shape: the first paint is the whole paint
        return _shows_items(app)
    view = getattr(workspace, "view", None)
    if view is None or getattr(workspace, "load_progress", None) is not None:
        return False
    index = getattr(view, "index", None)
    return getattr(index, "folder", None) is getattr(workspace, "folder", None)


def main() -> int:
    """Run one probe and print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("app", choices=["bare", "roadmap"])
    parser.add_argument("path")
    parser.add_argument("spawn", type=float)
    parser.add_argument("--keys", default="")
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--cache", help="load through the load cache kept in this folder")
    args = parser.parse_args()
    if args.cache:
        # The app may not pass cache=True yet: make every load use the cache. Patched
        # before the app's modules are imported, so their own imports bind these.
        import functools
        import os

        from roadmap_tui.core import loader

        os.environ["ROADMAP_CACHE_DIR"] = args.cache
        real_load_file = loader.load_file

        def load_file_cached(path: Any, *, cache: bool = False, **options: Any) -> Any:
            return real_load_file(path, cache=True, **options)

        loader.load_paths = functools.partial(loader.load_paths, cache=True)
        loader.load_file = load_file_cached

    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    result: dict[str, Any] = {}
    frames: list[float] = []
    frame_ready = asyncio.Event()
    original = App._display

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        if hasattr(renderable, "render_segments"):
            renderable.render_segments(self.console)  # what a terminal would be sent
        now = time.monotonic()
        frames.append(now)
        if "first_frame" not in result:
            result["first_frame"] = now - args.spawn
        if "first_paint" not in result and (args.app == "bare" or _shows_items(self)):
            result["first_paint"] = now - args.spawn
            result["rss_at_paint"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        if "whole_paint" not in result and (args.app == "bare" or _shows_everything(self)):
            result["whole_paint"] = now - args.spawn
        frame_ready.set()

    App._display = display  # type: ignore[method-assign]

    if args.app == "bare":

        class Bare(App[int]):
            def compose(self) -> ComposeResult:
                yield Static("roadmap")

        app: App[Any] = Bare()
    else:
        import datetime as _dt

        from roadmap_tui.ui.app import create_app

        app = create_app([Path(args.path)], _dt.date(2026, 11, 22), lang="en")

    keys = [k for k in args.keys.split(",") if k]

    async def pilot(_: Any) -> None:
        deadline = time.monotonic() + 300
        while "whole_paint" not in result:
            if time.monotonic() > deadline:  # a broken app must fail the run, not hang it
                app.exit(1)
                return
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.2)  # let the first screen settle
        latencies: dict[str, list[float]] = {}
        for key in keys:
            times: list[float] = []
            for n in range(args.presses):
                # alternate directions so every press changes the screen (no end is reached)
                name = _ALTERNATE.get(key, (key, key))[n % 2]
                char = {"minus": "-", "plus": "+"}.get(name)
                frame_ready.clear()
                event = events.Key(name, char)
                event.set_sender(app)
                start = time.monotonic()
                assert app._driver is not None
                app._driver.send_message(event)
                try:
                    await asyncio.wait_for(frame_ready.wait(), timeout=1)
                except TimeoutError:
                    continue  # the key changed nothing on screen: no frame to time
                times.append(frames[-1] - start)
                await asyncio.sleep(0.02)
            latencies[key] = times
        result["keys"] = {
            k: {"median": statistics.median(v), "max": max(v), "n": len(v)} if v else None
            for k, v in latencies.items()
        }
        app.exit(0)

    app.run(headless=True, size=SIZE, auto_pilot=pilot)
    if "whole_paint" not in result:
        print("the app never showed the whole folder", file=sys.stderr)
        return 1
    result["rss_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # the load's helper process (core.loadpool), reaped long before the keys were pressed
    result["rss_helper"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
