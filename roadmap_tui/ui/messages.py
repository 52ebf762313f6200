"""Messages between the views, the workspace and the background workers.

Workers never touch widgets: they post one of these, and a handler changes state.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.message import Message

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.state import FolderView

if TYPE_CHECKING:
    from roadmap_tui.ui.watch import LoadedFiles


class ItemHighlighted(Message):
    """A view moved its cursor to an item (or to none)."""

    def __init__(self, item_id: str | None) -> None:
        super().__init__()
        self.item_id = item_id


class OpenDetails(Message):
    """A view asks for the detail pane of an item."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class FolderLoaded(Message):
    """The loader worker finished: here is the folder (with its problems).

    ``files``: the per-file loads it was assembled from, when the sender has them (the
    app's own load does); the file keeper then needs no second load to write or watch.
    ``loading``: set while a big folder is still loading — ``folder`` then holds only
    the first files' roadmaps, ``loading`` is (files loaded, files in all), and the
    worker waits for ``painted`` before it goes on, so the first screen is drawn with
    the whole processor rather than fighting the loader for it.
    """

    def __init__(
        self,
        folder: RoadmapFolder,
        files: LoadedFiles | None = None,
        *,
        loading: tuple[int, int] | None = None,
        painted: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.files = files
        self.loading = loading
        self.painted = painted


class LoadingProgress(Message):
    """More files of a big folder have loaded (``done`` of ``total``); the header says so."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ViewReady(Message):
    """The filter worker built the rows for a query."""

    def __init__(self, view: FolderView) -> None:
        super().__init__()
        self.view = view


class SortRequested(Message):
    """The list's header was clicked: sort by this column."""

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column
