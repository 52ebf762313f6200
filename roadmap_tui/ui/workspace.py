"""The workspace: the one container that owns the app's state and binds it into the views.

Folder, as-of day, baseline, filter, zoom, axis style, selection, sort and view mode
are reactives here; the header, the timeline, the list, the filter bar and the
errors panel receive them with ``data_bind`` and report changes back with messages.
Filtering a big folder runs in a worker that posts :class:`ViewReady`, so typing
never freezes the screen.
"""

from __future__ import annotations

import datetime as _dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Static

from roadmap_tui.core.loader import paused_gc
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.i18n import _
from roadmap_tui.ui.actions import bindings
from roadmap_tui.ui.detail import DetailScreen
from roadmap_tui.ui.errors_panel import ErrorsPanel
from roadmap_tui.ui.filter import FilterBar
from roadmap_tui.ui.header import HeaderBar
from roadmap_tui.ui.list_view import SORT_KEYS, ItemTable
from roadmap_tui.ui.messages import ItemHighlighted, OpenDetails, SortRequested, ViewReady
from roadmap_tui.ui.query import Query, parse_query
from roadmap_tui.ui.state import FolderIndex, FolderView, build_view
from roadmap_tui.ui.timeline import Timeline
from roadmap_tui.ui.timeline_layout import AxisStyle, Zoom

#: From this many items on, filtering runs in a worker and waits for enter.
BIG_FOLDER = 20_000


class Workspace(Vertical):
    """Header, timeline or list, filter bar and errors panel, around shared state."""

    BINDINGS = bindings("workspace")
    """View switch, zoom, today, axis style, filter, sort and errors panel."""

    folder: reactive[RoadmapFolder | None] = reactive(None, always_update=True)
    """The loaded roadmaps (swapped whole by :meth:`RoadmapApp.reload`)."""
    baseline: reactive[RoadmapFolder | None] = reactive(None)
    """The roadmaps at a baseline revision: ghost bars and slip (``--baseline``)."""
    as_of: reactive[_dt.date] = reactive(_dt.date(2000, 1, 1))
    """The day flags and the today marker are judged by."""
    filter_text: reactive[str] = reactive("")
    """The filter text (see :mod:`roadmap_tui.ui.query`)."""
    view: reactive[FolderView | None] = reactive(None)
    """Rows and matching items for the folder and the filter (derived)."""
    zoom: reactive[Zoom] = reactive(Zoom.YEAR)
    """Time per screen in the timeline."""
    axis_style: reactive[AxisStyle] = reactive(AxisStyle.FISCAL)
    """Calendar, fiscal or era years on the axis."""
    selected_id: reactive[str | None] = reactive(None)
    """The item under the cursor, shared by both views."""
    mode: reactive[str] = reactive("timeline")
    """Which view shows: "timeline" or "list"."""
    sort_column: reactive[str | None] = reactive(None)
    """The list's sort column (None: roadmap and track order)."""
    sort_reverse: reactive[bool] = reactive(False)
    """The list's sort direction."""
    show_errors: reactive[bool] = reactive(True)
    """Whether the errors panel shows (when there are problems)."""
    load_progress: reactive[tuple[int, int] | None] = reactive(None)
    """(files loaded, files in all) while a big folder is still loading, else None."""

    def __init__(
        self,
        *,
        as_of: _dt.date,
        lang: str,
        baseline: RoadmapFolder | None = None,
        axis_style: AxisStyle = AxisStyle.FISCAL,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._index: FolderIndex | None = None
        #: what ``load_progress`` becomes once the rows of the current folder show
        self._folder_progress: tuple[int, int] | None = None
        self.set_reactive(Workspace.as_of, as_of)
        self.set_reactive(Workspace.baseline, baseline)
        self.set_reactive(Workspace.axis_style, axis_style)

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header").data_bind(
            Workspace.view, Workspace.as_of, Workspace.load_progress
        )
        yield Static(_("Loading roadmaps…"), id="loading")
        with ContentSwitcher(initial="timeline", id="views"):
            yield Timeline(id="timeline").data_bind(
                Workspace.view, Workspace.zoom, Workspace.axis_style, Workspace.selected_id
            )
            yield ItemTable(id="list").data_bind(
                Workspace.view, Workspace.selected_id, Workspace.sort_column,
                Workspace.sort_reverse,
            )  # fmt: skip
        filter_bar = FilterBar(id="filter").data_bind(Workspace.view)
        filter_bar.display = False
        yield filter_bar
        errors = ErrorsPanel(id="errors")
        errors.display = False
        yield errors

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def item_table(self) -> ItemTable:
        return self.query_one(ItemTable)

    @property
    def active_view(self) -> Timeline | ItemTable:
        return self.timeline if self.mode == "timeline" else self.item_table

    @property
    def index(self) -> FolderIndex | None:
        return self._index

    # --- deriving the view -----------------------------------------------------------

    def watch_folder(self, folder: RoadmapFolder | None) -> None:
        if folder is None:
            return
        loading = self.query_one("#loading", Static)
        loading.display = not folder.roadmaps
        loading.update(_("No roadmaps to show."))
        self.query_one("#views").display = bool(folder.roadmaps)
        errors = self.query_one(ErrorsPanel)
        errors.problems = list(folder.problems)
        errors.display = bool(folder.problems) and self.show_errors
        self._rebuild(new_index=True)
        if self.view is not None and not self.active_view.has_focus:
            self.active_view.focus()

    def show_folder(self, folder: RoadmapFolder, loading: tuple[int, int] | None = None) -> None:
        """Show ``folder``; ``loading``: (files in, files in all) while it holds only the
        first files of a big folder. The header keeps saying "loading" until the rows of
        the whole folder are on screen (a 100,000-item view takes a moment to build)."""
        if loading is None and self.load_progress is not None:
            total = self.load_progress[1]
            self.load_progress = (total, total)
        self._folder_progress = loading
        self.folder = folder

    def loading_progressed(self, done: int, total: int) -> None:
        """More files of the big folder being loaded are in."""
        if self._folder_progress is not None:
            self._folder_progress = (done, total)
            if self.load_progress is not None:
                self.load_progress = self._folder_progress

    def watch_as_of(self) -> None:
        self._rebuild(new_index=True)

    def watch_baseline(self) -> None:
        self._rebuild(new_index=True)

    def watch_filter_text(self) -> None:
        self._rebuild(new_index=False)

    def _rebuild(self, *, new_index: bool) -> None:
        folder = self.folder
        if folder is None:
            return
        query = parse_query(self.filter_text)
        size = sum(len(r.items) for r in folder.roadmaps)
        index = None if new_index else self._index
        if size >= BIG_FOLDER:
            self._build_in_worker(folder, index, query)
            return
        if index is None:
            index = FolderIndex(folder, self.as_of, self.baseline)
        self._index = index
        self._show(build_view(index, query, self.lang))

    def _show(self, view: FolderView) -> None:
        """Keep the selected item if the new rows have it, else select the first item."""
        if view.row_of(self.selected_id) is None:
            self.selected_id = view.items[0].id if view.items else None
        self.view = view
        if view.index.folder is self.folder:
            self.load_progress = self._folder_progress

    def _build_in_worker(
        self, folder: RoadmapFolder, index: FolderIndex | None, query: Query
    ) -> None:
        """Build the rows in a thread; :class:`ViewReady` brings them back.

        ``run_worker`` with a closure rather than ``@work``: the decorator puts the
        ``repr`` of its arguments in the worker's description, and the repr of a
        100,000-item folder takes seconds.
        """
        as_of, baseline, lang = self.as_of, self.baseline, self.lang

        def build() -> None:
            # flags and rows are ~a million long-lived objects: no collector rescans
            with paused_gc():
                built = index if index is not None else FolderIndex(folder, as_of, baseline)
                view = build_view(built, query, lang)
            self.post_message(ViewReady(view))

        self.run_worker(build, thread=True, exclusive=True, group="view", description="filter")

    def on_view_ready(self, message: ViewReady) -> None:
        if message.view.index.folder is not self.folder:
            return  # built for a folder that has since been replaced
        self._index = message.view.index
        self._show(message.view)

    # --- messages from the views -----------------------------------------------------

    def on_item_highlighted(self, message: ItemHighlighted) -> None:
        self.selected_id = message.item_id

    def on_open_details(self, message: OpenDetails) -> None:
        if self._index is None:
            return
        item = self._index.folder.items_by_id.get(message.item_id)
        if item is None:
            return
        self.app.push_screen(DetailScreen(item, self._index, self.lang), self._go_to)

    def _go_to(self, item_id: str | None) -> None:
        if item_id is None or self.view is None:
            return
        if self.view.row_of(item_id) is None:
            self.notify(_("{id} is hidden by the filter").format(id=item_id), severity="warning")
            return
        self.selected_id = item_id

    def on_sort_requested(self, message: SortRequested) -> None:
        if message.column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = message.column, False

    def on_filter_bar_changed(self, message: FilterBar.Changed) -> None:
        folder = self.folder
        big = folder is not None and sum(len(r.items) for r in folder.roadmaps) >= BIG_FOLDER
        if message.final or not big:
            self.filter_text = message.text
        if message.final:
            self.query_one(FilterBar).display = False
            self.active_view.focus()

    # --- actions ---------------------------------------------------------------------

    def watch_mode(self, mode: str) -> None:
        self.query_one(ContentSwitcher).current = mode
        self.active_view.focus()

    def action_switch_view(self) -> None:
        """Timeline ⇄ list."""
        self.mode = "list" if self.mode == "timeline" else "timeline"

    def action_zoom_in(self) -> None:
        self.zoom = Zoom(max(Zoom.MONTH, self.zoom - 1))

    def action_zoom_out(self) -> None:
        self.zoom = Zoom(min(Zoom.FIT, self.zoom + 1))

    def action_fit_all(self) -> None:
        self.zoom = Zoom.FIT

    def action_today(self) -> None:
        """Timeline: pan to the as-of day. List: the open item due next."""
        if self.mode == "timeline":
            self.timeline.scroll_to_day(self.as_of)
            return
        upcoming = [
            i for i in self.item_table.order
            if i.due_day >= self.as_of and not i.status.closed
        ]  # fmt: skip
        if upcoming:
            self.selected_id = min(upcoming, key=lambda i: i.due_day).id

    def action_axis_style(self) -> None:
        self.axis_style = self.axis_style.next()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open(self.filter_text)

    def action_clear_filter(self) -> None:
        if self.filter_text:
            self.filter_text = ""

    def action_sort_next(self) -> None:
        """Sort the list by the next column (switches to the list)."""
        keys = [k for k in SORT_KEYS if k != "slip" or (self._index and self._index.has_baseline)]
        order: list[str | None] = [None, *keys]
        self.sort_column = order[(order.index(self.sort_column) + 1) % len(order)]
        self.mode = "list"

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.mode = "list"

    def action_toggle_errors(self) -> None:
        self.show_errors = not self.show_errors
        problems = bool(self.folder and self.folder.problems)
        self.query_one(ErrorsPanel).display = self.show_errors and problems
        if not problems:
            self.notify(_("No load problems."), timeout=2)


__all__ = ["BIG_FOLDER", "Workspace"]
