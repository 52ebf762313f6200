"""The ``?`` screen: every key, the filter syntax and what the marks mean."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from roadmap_tui.i18n import N_, _
from roadmap_tui.ui.actions import ACTIONS

QUERY_HELP = (
    ("words", N_('match the id, title (either language) or notes; "two words" is one phrase')),
    ("status:blocked", N_("planned, in-progress, done, blocked, cancelled; a,b means a or b")),
    ("roadmap:ayase", N_("roadmap id or title contains")),
    ("track:dx1", N_("track id, title or group contains")),
    ("owner:総務", N_("owner contains (the item's, else the track's)")),
    ("tag:kpi", N_("has the tag")),
    ("id:yk-", N_("id contains")),
    ("kind:milestone", N_("milestone or phase")),
    ("due:R8", N_("due within the period (any date form: 2026, FY2026, 令和8年度, 2026-04)")),
    ("during:2027", N_("dates overlap the period")),
    ("overdue", N_("also due-soon, blocked, late-start (or is:overdue)")),
    ("-term", N_("negates a term: -status:done, -tag:kpi, -overdue")),
)

LEGEND = (
    ("█▒", N_("phase: done part, remaining part")),
    ("▒░", N_("phase written as whole years (R8, 2026): a light band")),
    ("◆", N_("milestone")),
    ("!", N_("overdue (error colour)")),
    ("»", N_("due soon (warning colour)")),
    ("⊘", N_("blocked (by its status or an open dependency)")),
    ("›", N_("should have started (list)")),
    ("│ ▼", N_("the as-of day (today)")),
    ("╌ →+45d", N_("baseline dates and slip (with --baseline)")),
    ("◀ ▶", N_("the item's bar is outside the window (c pans to it)")),
    ("█░│", N_("KPI view: attained, still to go, where the straight line is today")),
)


def help_tables() -> list[Table]:
    """Keys, filter syntax and legend as Rich tables."""
    keys = Table(title=_("Keys"), show_header=False, box=None, padding=(0, 2, 0, 0))
    for spec in ACTIONS:
        shown = ", ".join(_key_name(k) for k in spec.keys.split(",")) or _("palette")
        keys.add_row(Text(shown, style="bold"), _(spec.help))
    keys.add_row(Text("ctrl+p", style="bold"), _("Command palette: every action by name"))
    keys.add_row(Text(_("mouse"), style="bold"),
                 _("click selects, double-click opens details, wheel scrolls"))  # fmt: skip
    query = Table(title=_("Filter (/)"), show_header=False, box=None, padding=(0, 2, 0, 0))
    for term, meaning in QUERY_HELP:
        query.add_row(Text(term, style="bold"), _(meaning))
    legend = Table(title=_("Marks"), show_header=False, box=None, padding=(0, 2, 0, 0))
    for mark, meaning in LEGEND:
        legend.add_row(Text(mark, style="bold"), _(meaning))
    return [keys, query, legend]


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "plus": "+", "equals_sign": "=",
             "minus": "-", "underscore": "_", "escape": "esc"}  # fmt: skip
    return names.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Keys, filter syntax and legend; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", N_("Close"), id="help-close")]
    """Close the help."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"), VerticalScroll(id="help-body"):
            for table in help_tables():
                yield Static(table, classes="help-table")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = _("Help")
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["LEGEND", "QUERY_HELP", "HelpScreen", "help_tables"]
