"""The panel of load problems: one ``path:line:col: message`` line per problem.

It shows while the folder has problems (every other file still loads and shows);
``e`` hides and shows it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from roadmap_tui.core.errors import Problem
from roadmap_tui.i18n import _, ngettext


def problems_text(problems: list[Problem]) -> Text:
    """The problems, one per line, path:line:col in bold."""
    text = Text(no_wrap=False)
    for n, problem in enumerate(problems):
        if n:
            text.append("\n")
        # line 0 is about the whole file (unreadable, stale): no position to show
        where = f"{problem.path}:{problem.line}:{problem.col}" if problem.line else problem.path
        text.append(f"{where}: ", style="bold")
        text.append(problem.message)
        if problem.hint:
            text.append(f" (hint: {problem.hint})", style="italic")
    return text


class ErrorsPanel(VerticalScroll):
    """Problems found while loading; hidden when there are none."""

    problems: reactive[list[Problem]] = reactive(list, always_update=True)
    """The folder's problems (bound from the workspace)."""

    def compose(self) -> ComposeResult:
        yield Static(id="errors-text")

    def watch_problems(self, problems: list[Problem]) -> None:
        files = len({p.path for p in problems})
        self.border_title = (
            ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
            + " "
            + ngettext("in {files} file", "in {files} files", files).format(files=files)
            + " — "
            + _("e hides")
        )
        self.query_one("#errors-text", Static).update(problems_text(problems))


__all__ = ["ErrorsPanel", "problems_text"]
