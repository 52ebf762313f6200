"""The filter bar (``/``): type a query, see how many items match, enter to keep it.

The query language is in :mod:`roadmap_tui.ui.query`; this is only the input.
Each change is sent to the workspace, which filters (in a worker for big folders).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from roadmap_tui.i18n import N_, _
from roadmap_tui.ui.state import FolderView


class FilterBar(Horizontal):
    """``/`` + an input + the match count (or what is wrong with the query)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="filter-cancel")]
    """Escape puts back the filter that was there before ``/``."""

    view: reactive[FolderView | None] = reactive(None)
    """The rows for the current query (bound from the workspace): gives the count."""

    class Changed(Message):
        """The query text changed (``final``: enter or escape was pressed)."""

        def __init__(self, text: str, final: bool) -> None:
            super().__init__()
            self.text = text
            self.final = final

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._before = ""

    def compose(self) -> ComposeResult:
        yield Label("/", id="filter-slash")
        yield Input(placeholder=_("status:blocked tag:kpi owner:… overdue  words"),
                    id="filter-input")  # fmt: skip
        yield Static(id="filter-count")

    def open(self, text: str) -> None:
        """Show the bar with ``text`` and focus the input."""
        self._before = text
        self.display = True
        field = self.query_one(Input)
        field.value = text
        field.cursor_position = len(text)
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, final=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, final=True))

    def action_cancel(self) -> None:
        self.query_one(Input).value = self._before
        self.post_message(self.Changed(self._before, final=True))

    def watch_view(self, view: FolderView | None) -> None:
        count = self.query_one("#filter-count", Static)
        if view is None:
            count.update("")
            return
        text = Text(_("{m} of {n}").format(m=view.matched, n=view.total), style="bold")
        if view.query.errors:
            error = self.app.theme_variables.get("error", "red")
            text = Text(view.query.errors[0], style=f"bold {error}")
        count.update(text)


__all__ = ["FilterBar"]
