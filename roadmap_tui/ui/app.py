"""The app: :func:`create_app` is the one way to build it (the CLI and every test use it).

Loading runs in a worker that posts :class:`FolderLoaded`; :meth:`RoadmapApp.reload`
swaps the folder (keeping the selected item), which is also how a file watcher or a
status change will refresh the screen.
"""

from __future__ import annotations

import datetime as _dt
import gc
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.i18n import set_lang
from roadmap_tui.ui.actions import ActionSpec, bindings
from roadmap_tui.ui.help import HelpScreen
from roadmap_tui.ui.language import TranslatedFooter
from roadmap_tui.ui.messages import FolderLoaded, LoadingProgress
from roadmap_tui.ui.palette import RoadmapCommands
from roadmap_tui.ui.themes import DARK, LIGHT, STATUS_DEFAULTS, THEME_NAMES, THEMES
from roadmap_tui.ui.timeline_layout import AxisStyle
from roadmap_tui.ui.workspace import Workspace
from roadmap_tui.ui.writer import WATCH_INTERVAL, RoadmapFiles

if TYPE_CHECKING:
    from roadmap_tui.core.loader import PendingStores
    from roadmap_tui.ui.watch import LoadedFiles

#: Seconds the loader waits for the first roadmaps of a big folder to be painted.
FIRST_PAINT_WAIT = 2.0
#: Seconds between "loading 12 of 50 files" updates in the header.
PROGRESS_TICK = 0.25


class _LoadCancelled(Exception):
    """The app quit while a big folder was loading."""


class RoadmapApp(App[int]):
    """Roadmaps on a time axis, a list, details, a filter; built by :func:`create_app`."""

    CSS_PATH = "styles.tcss"
    TITLE = "roadmap"
    COMMANDS = App.COMMANDS | {RoadmapCommands}

    BINDINGS = bindings("app")
    """Help, theme and quit; the rest belongs to the workspace and the views."""

    def __init__(
        self,
        paths: Sequence[Path],
        as_of: _dt.date,
        *,
        lang: str = "en",
        theme: str = "dark",
        baseline: RoadmapFolder | None = None,
        folder: RoadmapFolder | None = None,
        watch_interval: float | None = None,
    ) -> None:
        super().__init__()
        if watch_interval is None:
            watch_interval = WATCH_INTERVAL if folder is None else 0
        self.watch_interval = watch_interval
        self.paths = list(paths)
        self.as_of = as_of
        self.lang = lang
        self._initial_folder = folder
        self._baseline = baseline
        for t in THEMES:
            self.register_theme(t)
        self.theme = THEME_NAMES.get(theme, DARK)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Status colours for themes that do not define them (Textual's own)."""
        return {**super().get_theme_variable_defaults(), **STATUS_DEFAULTS}

    def compose(self) -> ComposeResult:
        axis = AxisStyle.ERA if self.lang == "ja" else AxisStyle.FISCAL
        yield Workspace(
            as_of=self.as_of, lang=self.lang, baseline=self._baseline, axis_style=axis,
            id="workspace",
        )  # fmt: skip
        yield TranslatedFooter()
        yield RoadmapFiles(watch_interval=self.watch_interval, id="files")

    def on_mount(self) -> None:
        if self._initial_folder is not None:
            self.reload(self._initial_folder)
        else:
            self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        from textual.worker import get_current_worker

        from roadmap_tui.ui.watch import load_files

        worker = get_current_worker()
        last_tick = 0.0

        def progress(partial: RoadmapFolder | None, done: int, total: int) -> None:
            nonlocal last_tick
            if worker.is_cancelled:  # the app is quitting: stop (and stop the helper)
                raise _LoadCancelled
            if partial is not None:
                painted = threading.Event()
                self.post_message(FolderLoaded(partial, loading=(done, total), painted=painted))
                # A time-out only so that a screen that never paints cannot stall the load.
                painted.wait(timeout=FIRST_PAINT_WAIT)
                return
            now = time.monotonic()
            if now - last_tick >= PROGRESS_TICK:
                last_tick = now
                self.post_message(LoadingProgress(done, total))

        # The load cache (core.loadcache) is validated by size, mtime and content hash, so
        # a start after the first one restores the models instead of parsing again.
        pending: PendingStores = []
        try:
            files = load_files(self.paths, cache=True, progress=progress, store_later=pending)
        except _LoadCancelled:
            return
        self.post_message(FolderLoaded(files.folder, files))
        # new cache entries are written once the folder is on its way to the screen
        from roadmap_tui.core.loadcache import store_all

        store_all(pending)

    def on_folder_loaded(self, message: FolderLoaded) -> None:
        gc.unfreeze()  # the previous model may be garbage now
        self.reload(message.folder, files=message.files, loading=message.loading)
        # The loaded model is long-lived: keep the cyclic collector from rescanning it
        # on every key press (it cost up to ~100 ms a press at 10k items, see bench/).
        gc.freeze()
        if message.painted is not None:
            self.call_after_refresh(message.painted.set)

    def on_loading_progress(self, message: LoadingProgress) -> None:
        self.workspace.loading_progressed(message.done, message.total)

    @property
    def workspace(self) -> Workspace:
        # the first screen's: other screens (KPI view, details) may be on top of it
        return self.screen_stack[0].query_one(Workspace)

    @property
    def folder(self) -> RoadmapFolder | None:
        return self.workspace.folder

    @property
    def files(self) -> RoadmapFiles:
        """The keeper of the files on screen: status changes, undo, changes on disk."""
        return self.screen_stack[0].query_one(RoadmapFiles)

    def reload(
        self,
        folder: RoadmapFolder,
        *,
        files: LoadedFiles | None = None,
        loading: tuple[int, int] | None = None,
    ) -> None:
        """Show ``folder`` instead of the current one, keeping the selected item.

        ``files``: the per-file loads behind ``folder`` (see :mod:`roadmap_tui.ui.watch`).
        ``loading``: (files in, files in all) while ``folder`` is the first part of a big
        folder still loading.
        """
        self.workspace.show_folder(folder, loading)
        if files is not None:
            self.files.adopt(files)

    def set_baseline(self, baseline: RoadmapFolder | None) -> None:
        """Draw ghost bars and slip against ``baseline`` (None removes them)."""
        self.workspace.baseline = baseline

    def go_to_item(self, item_id: str) -> None:
        """Move the cursor to an item (clearing the filter if it hides the item)."""
        workspace = self.workspace
        if workspace.view is not None and workspace.view.row_of(item_id) is None:
            workspace.filter_text = ""
        workspace.selected_id = item_id

    async def run_spec(self, spec: ActionSpec) -> None:
        """Run a palette command on the node its action belongs to."""
        if spec.scope == "kpi":
            from roadmap_tui.ui.kpi_view import run_kpi_action

            await run_kpi_action(self, spec.action)
            return
        workspace = self.workspace
        target = {"app": self, "workspace": workspace, "view": workspace.active_view}[spec.scope]
        await self.run_action(spec.action, target)

    def action_help(self) -> None:
        """Keys, filter syntax and legend."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        """Dark ⇄ light."""
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_change_status(self) -> None:
        """The status picker for the selected item (s); the change is written to its file."""
        if self.screen is self.screen_stack[0]:
            self.files.pick_status()

    def action_undo(self) -> None:
        """Take back the last status change of this session (u)."""
        self.files.undo()

    def action_kpi_view(self) -> None:
        """The KPI view (K): bars, attainment, flags; related items; new actual values."""
        from roadmap_tui.ui.kpi_view import KpiScreen, open_kpi_view

        if not isinstance(self.screen, KpiScreen):
            open_kpi_view(self)

    def action_switch_language(self) -> None:
        """日本語 ⇄ English, at run time (the palette's "Switch language / 言語切替")."""
        from roadmap_tui.ui.language import other_language, switch_language

        switch_language(self, other_language(self.lang))


def create_app(
    paths: Sequence[Path],
    as_of: _dt.date,
    *,
    lang: str = "en",
    theme: str = "dark",
    baseline: RoadmapFolder | None = None,
    folder: RoadmapFolder | None = None,
    watch_interval: float | None = None,
) -> RoadmapApp:
    """The app for ``paths`` as of ``as_of``; ``folder`` skips loading (tests, reload).

    ``baseline`` is the folder at a baseline revision: ghost bars, slip markers and a
    slip column are drawn against it. ``watch_interval``: seconds between checks for
    files changed on disk — by default 1.5 when the app loads ``paths`` itself and never
    when ``folder`` is given; 0 never (``app.files.check_now()`` checks at once).
    """
    set_lang(lang)
    return RoadmapApp(paths, as_of, lang=lang, theme=theme, baseline=baseline, folder=folder,
                      watch_interval=watch_interval)  # fmt: skip


__all__ = ["RoadmapApp", "create_app"]
