"""The app: :func:`create_app` is the one way to build it (the CLI and every test use it).

Loading runs in a worker that posts :class:`FolderLoaded`; :meth:`RoadmapApp.reload`
swaps the folder (keeping the selected item), which is also how a file watcher or a
status change will refresh the screen.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Footer

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.i18n import set_lang
from roadmap_tui.ui.actions import ActionSpec, bindings
from roadmap_tui.ui.help import HelpScreen
from roadmap_tui.ui.messages import FolderLoaded
from roadmap_tui.ui.palette import RoadmapCommands
from roadmap_tui.ui.themes import DARK, LIGHT, STATUS_DEFAULTS, THEME_NAMES, THEMES
from roadmap_tui.ui.timeline_layout import AxisStyle
from roadmap_tui.ui.workspace import Workspace


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
    ) -> None:
        super().__init__()
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
        yield Footer()

    def on_mount(self) -> None:
        if self._initial_folder is not None:
            self.reload(self._initial_folder)
        else:
            self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        from roadmap_tui.core.loader import load_paths

        self.post_message(FolderLoaded(load_paths(self.paths)))

    def on_folder_loaded(self, message: FolderLoaded) -> None:
        self.reload(message.folder)

    @property
    def workspace(self) -> Workspace:
        return self.query_one(Workspace)

    @property
    def folder(self) -> RoadmapFolder | None:
        return self.workspace.folder

    def reload(self, folder: RoadmapFolder) -> None:
        """Show ``folder`` instead of the current one, keeping the selected item."""
        self.workspace.folder = folder

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


def create_app(
    paths: Sequence[Path],
    as_of: _dt.date,
    *,
    lang: str = "en",
    theme: str = "dark",
    baseline: RoadmapFolder | None = None,
    folder: RoadmapFolder | None = None,
) -> RoadmapApp:
    """The app for ``paths`` as of ``as_of``; ``folder`` skips loading (tests, reload).

    ``baseline`` is the folder at a baseline revision: ghost bars, slip markers and a
    slip column are drawn against it.
    """
    set_lang(lang)
    return RoadmapApp(paths, as_of, lang=lang, theme=theme, baseline=baseline, folder=folder)


__all__ = ["RoadmapApp", "create_app"]
