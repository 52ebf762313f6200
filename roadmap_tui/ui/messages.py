"""Messages between the views, the workspace and the background workers.

Workers never touch widgets: they post one of these, and a handler changes state.
"""

from __future__ import annotations

from textual.message import Message

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.ui.state import FolderView


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
    """The loader worker finished: here is the folder (with its problems)."""

    def __init__(self, folder: RoadmapFolder) -> None:
        super().__init__()
        self.folder = folder


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
