"""The top line: roadmaps shown, the as-of day and the counts that need attention.

No clock: the app judges by the as-of day, and snapshots must not change by the minute.
"""

from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from roadmap_tui.core.dates import Period, Precision, format_wareki
from roadmap_tui.i18n import _
from roadmap_tui.ui.state import FolderView


def header_text(
    view: FolderView | None,
    as_of: _dt.date,
    colors: dict[str, str],
    loading: tuple[int, int] | None = None,
) -> Text:
    """``as of 2026-11-22 (令和8年11月22日) · ! 88 overdue …``.

    ``loading``: (files loaded, files in all) while a big folder is still loading; the
    counts are then those of the files loaded so far, and the header says so first.
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    day = Period(as_of, as_of, Precision.DAY)
    text.append(" " + _("as of") + " ", style="dim")
    text.append(f"{as_of.isoformat()} ({format_wareki(day)})", style="bold")
    if view is None:
        text.append("  " + _("Loading roadmaps…"))
        return text
    if loading is not None:
        done, total = loading
        text.append("  ")
        text.append(
            _("loading: {done} of {total} files so far").format(done=done, total=total),
            style=f"bold reverse {colors.get('warning', 'yellow')}",
        )
    counts = view.index.counts
    text.append("  ")
    text.append(
        f"! {counts.overdue} " + _("overdue"),
        style=f"bold {colors.get('error', 'red')}" if counts.overdue else "dim",
    )
    text.append("  ")
    text.append(
        f"» {counts.due_soon} " + _("due soon"),
        style=f"bold {colors.get('warning', 'yellow')}" if counts.due_soon else "dim",
    )
    text.append("  ")
    text.append(f"⊘ {counts.blocked} " + _("blocked"),
                style=f"bold {colors.get('status-blocked', 'magenta')}" if counts.blocked
                else "dim")  # fmt: skip
    text.append("  │  ", style="dim")
    if view.query.empty:
        text.append(_("{n} items").format(n=view.total))
    else:
        text.append(_("{m} of {n} items match").format(m=view.matched, n=view.total),
                    style="bold")  # fmt: skip
    roadmaps = view.folder.roadmaps
    text.append("  │  ", style="dim")
    if len(roadmaps) == 1:
        text.append(roadmaps[0].title_for(view.lang))
    else:
        names = ", ".join(r.id for r in roadmaps)
        text.append(_("{n} roadmaps: {names}").format(n=len(roadmaps), names=names))
    return text


class HeaderBar(Static):
    """One line at the top with the figures a planner looks at first."""

    view: reactive[FolderView | None] = reactive(None)
    """The current rows and counts (bound from the workspace)."""
    as_of: reactive[_dt.date] = reactive(_dt.date(2000, 1, 1))
    """The as-of day (bound from the workspace)."""
    load_progress: reactive[tuple[int, int] | None] = reactive(None)
    """(files loaded, files in all) while a big folder loads (bound from the workspace)."""

    def _show(self) -> None:
        colors = dict(self.app.theme_variables)
        self.update(header_text(self.view, self.as_of, colors, self.load_progress))

    def watch_load_progress(self) -> None:
        self._show()

    def watch_view(self) -> None:
        self._show()

    def watch_as_of(self) -> None:
        self._show()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show())


__all__ = ["HeaderBar", "header_text"]
