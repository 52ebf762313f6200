"""Every action of the app in one table: key bindings, footer, help screen and palette.

A row says which node runs the action (the app, the workspace that owns the state, or
the active view), its keys, a short footer label and a longer help text. Bindings,
the ``?`` screen and the command palette are all generated from :data:`ACTIONS`, so
nothing can be bound without also being in the palette.

``s`` (status picker) and ``u`` (undo) run on the app, which hands them to the file
keeper (:mod:`roadmap_tui.ui.writer`).
Descriptions are English source text; they are translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

Scope = Literal["app", "workspace", "view", "kpi"]


def N_(text: str) -> str:
    """Marks a string for translation where it is shown (xgettext -k N_)."""
    return text


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: where it runs, its keys and what it does."""

    id: str
    scope: Scope
    action: str
    keys: str
    description: str
    help: str
    show: bool = False
    key_display: str | None = None


ACTIONS: tuple[ActionSpec, ...] = (
    # the active view: move the cursor and the time window
    ActionSpec("cursor-down", "view", "cursor_down", "down,j", N_("Down"),
               N_("Move to the next item")),
    ActionSpec("cursor-up", "view", "cursor_up", "up,k", N_("Up"),
               N_("Move to the previous item")),
    ActionSpec("page-down", "view", "page_down", "pagedown,space", N_("Page down"),
               N_("Move one screen down")),
    ActionSpec("page-up", "view", "page_up", "pageup", N_("Page up"), N_("Move one screen up")),
    ActionSpec("first", "view", "first", "home,g", N_("First"), N_("Go to the first item")),
    ActionSpec("last", "view", "last", "end,G", N_("Last"), N_("Go to the last item")),
    ActionSpec("pan-left", "view", "pan_left", "left,h", N_("Earlier"),
               N_("Pan the timeline back in time")),
    ActionSpec("pan-right", "view", "pan_right", "right,l", N_("Later"),
               N_("Pan the timeline forward in time")),
    ActionSpec("pan-page-left", "view", "pan_page_left", "shift+left,H", N_("Page earlier"),
               N_("Pan back by one screen")),
    ActionSpec("pan-page-right", "view", "pan_page_right", "shift+right,L", N_("Page later"),
               N_("Pan forward by one screen")),
    ActionSpec("reveal", "view", "reveal", "c", N_("Show item"),
               N_("Pan the timeline to the selected item's dates")),
    ActionSpec("details", "view", "details", "enter", N_("Details"),
               N_("Open the details of the selected item"), show=True),
    # the workspace: state shared by the views
    ActionSpec("switch-view", "workspace", "switch_view", "tab,v", N_("View"),
               N_("Switch between the timeline and the list"), show=True, key_display="v"),
    ActionSpec("zoom-in", "workspace", "zoom_in", "plus,equals_sign", N_("Zoom in"),
               N_("Zoom in: fit all → fiscal year → fiscal half → quarter → month"),
               show=True, key_display="+"),
    ActionSpec("zoom-out", "workspace", "zoom_out", "minus,underscore", N_("Zoom out"),
               N_("Zoom out: month → quarter → fiscal half → fiscal year → fit all"),
               show=True, key_display="-"),
    ActionSpec("fit-all", "workspace", "fit_all", "f", N_("Fit all"),
               N_("Show the whole time range on one screen")),
    ActionSpec("today", "workspace", "today", "t", N_("Today"),
               N_("Jump to the as-of day (today)"), show=True),
    ActionSpec("axis-style", "workspace", "axis_style", "a", N_("Axis"),
               N_("Axis labels: calendar years → fiscal years → era years"), show=True),
    ActionSpec("filter", "workspace", "filter", "slash", N_("Filter"),
               N_("Filter items (status:, tag:, owner:, overdue …)"), show=True, key_display="/"),
    ActionSpec("clear-filter", "workspace", "clear_filter", "escape", N_("Clear filter"),
               N_("Show every item again")),
    ActionSpec("sort", "workspace", "sort_next", "o", N_("Sort"),
               N_("List: sort by the next column")),
    ActionSpec("sort-reverse", "workspace", "sort_reverse", "O", N_("Reverse sort"),
               N_("List: reverse the sort order")),
    ActionSpec("errors", "workspace", "toggle_errors", "e", N_("Errors"),
               N_("Show or hide the panel of load problems")),
    # status changes: written to the item's file (a minimal diff), undone the same way
    ActionSpec("status", "app", "change_status", "s", N_("Status"),
               N_("Change the selected item's status: new status, note, progress, date")),
    ActionSpec("undo", "app", "undo", "u", N_("Undo"),
               N_("Undo the last status change of this session (again: the one before)")),
    # the KPI view (K): its own screen; the cursor keys are the view's
    ActionSpec("kpi-add", "kpi", "add_actual", "a", N_("Add actual"),
               N_("KPI view: record an actual value (value, date, note) in the KPI's file"),
               show=True),
    ActionSpec("kpi-related", "kpi", "related", "enter", N_("Related items"),
               N_("KPI view: show the items the KPI is related to"), show=True),
    ActionSpec("kpi-dates", "kpi", "toggle_dates", "d", N_("Date style"),
               N_("KPI view: 和暦 and 年度 ⇄ ISO dates and FY")),
    ActionSpec("kpi-close", "kpi", "close", "escape,K", N_("Back"),
               N_("KPI view: back to the roadmaps"), show=True, key_display="esc"),
    # the app
    ActionSpec("kpi-view", "app", "kpi_view", "K", N_("KPIs"),
               N_("KPI view: every indicator's baseline → target, latest actual, attainment"),
               show=True),
    ActionSpec("switch-language", "app", "switch_language", "", N_("Switch language / 言語切替"),
               N_("日本語 ⇄ English: every label, date and title (palette only)")),
    ActionSpec("help", "app", "help", "question_mark", N_("Help"),
               N_("Keys, the filter syntax and what the marks mean"), show=True,
               key_display="?"),
    ActionSpec("theme", "app", "toggle_theme", "T", N_("Dark/light"),
               N_("Switch between the dark and the light theme")),
    ActionSpec("quit", "app", "quit", "q", N_("Quit"), N_("Leave the app"), show=True),
)  # fmt: skip


def bindings(scope: Scope) -> list[BindingType]:
    """The Textual bindings of one scope, with ids so users and tests can remap them."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            key_display=spec.key_display,
            tooltip=spec.help,
            id=spec.id,
        )
        for spec in ACTIONS
        if spec.scope == scope and spec.keys  # no keys: a palette-only command
    ]


def first_key(spec: ActionSpec) -> str:
    """The key to show for an action in help and the palette."""
    if spec.key_display:
        return spec.key_display
    key = spec.keys.split(",")[0]
    return {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-"}.get(key, key)


__all__ = ["ACTIONS", "ActionSpec", "N_", "bindings", "first_key"]
