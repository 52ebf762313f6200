"""Messages between the views, the workspace and the background workers.

Workers never touch widgets: they post one of these, and a handler changes state.
"""

from __future__ import annotations

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
    """

    def __init__(self, folder: RoadmapFolder, files: LoadedFiles | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.files = files


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
