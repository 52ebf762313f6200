"""The detail pane of one item: every field, dates three ways, history, links.

:func:`detail_text` builds the text (a pure function of the item and the folder
index); :class:`DetailScreen` shows it and returns the id of a dependency, a
dependent or nothing, so the caller can move the cursor there.
"""

from __future__ import annotations

import datetime as _dt
import os

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roadmap_tui.core.dates import Period, Precision, format_fiscal, format_iso, format_wareki
from roadmap_tui.core.kpi import evaluate, related_kpis
from roadmap_tui.core.model import Item
from roadmap_tui.i18n import N_, _, kind_label, status_label
from roadmap_tui.kpitext import summary_line
from roadmap_tui.ui.state import FolderIndex, track_title
from roadmap_tui.ui.timeline_layout import clean, is_coarse

#: Colours used when the caller passes none (tests); the app passes its theme's.
DEFAULT_COLORS = {
    "error": "red",
    "warning": "yellow",
    "status-blocked": "magenta",
    "status-done": "green",
    "status-in-progress": "blue",
    "status-planned": "default",
    "status-cancelled": "bright_black",
}


def day_text(day: _dt.date, fysm: int) -> str:
    """One day three ways: 2027-03-31 · 令和9年3月31日 · FY2026."""
    p = Period(day, day, Precision.DAY, fysm)
    return f"{day.isoformat()} · {format_wareki(p)} · {format_fiscal(p)}"


def period_text(p: Period) -> str:
    """A written period three ways, with its days: FY2026 · 令和8年度 (2026-04-01 – 2027-03-31)."""
    days = p.start.isoformat() if p.days == 1 else f"{p.start.isoformat()} – {p.end.isoformat()}"
    names = [format_iso(p), format_wareki(p), format_fiscal(p)]
    shown = [n for k, n in enumerate(names) if n not in names[:k]]
    return " · ".join(shown) + f"  ({days})"


def shown_path(path: str) -> str:
    """A path relative to the working folder when it is inside it (shorter, and stable)."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    except ValueError:  # another drive on Windows
        return path


def _field(text: Text, label: str, value: str | Text, style: str = "") -> None:
    # padded in cells, not characters: 種類 is two characters but four cells
    text.append(label + " " * max(1, 14 - cell_len(label)), style="bold")
    if isinstance(value, Text):
        text.append_text(value)
    else:
        text.append(clean(value), style=style)
    text.append("\n")


def _flags_text(item: Item, index: FolderIndex, colors: dict[str, str]) -> Text:
    flags = index.flags_of(item)
    out = Text()
    parts: list[tuple[str, str]] = []
    if flags.overdue:
        late = _("overdue by {n} days").format(n=-flags.days_to_due)
        parts.append((late, f"bold {colors['error']}"))
    elif flags.due_soon:
        soon = _("due in {n} days").format(n=flags.days_to_due)
        parts.append((soon, f"bold {colors['warning']}"))
    if flags.blocked:
        by = ", ".join(flags.blocked_by)
        why = _("blocked by {ids}").format(ids=by) if by else _("blocked")
        parts.append((why, f"bold {colors['status-blocked']}"))
    if flags.late_start:
        parts.append((_("should have started"), colors["warning"]))
    if not parts:
        parts.append((_("none"), "dim"))
    for n, (words, style) in enumerate(parts):
        if n:
            out.append(" · ")
        out.append(words, style=style)
    return out


def _status_line(item: Item, index: FolderIndex, colors: dict[str, str]) -> Text:
    out = Text(status_label(item.status.value),
               style=f"bold {colors['status-' + item.status.value]}")  # fmt: skip
    if index.flags_of(item).overdue:
        out.append(" !", style=f"bold {colors['error']}")
    return out


def detail_text(
    item: Item, index: FolderIndex, lang: str, colors: dict[str, str] | None = None
) -> Text:
    """Every field of ``item``, for the detail pane (``colors``: theme colour by name)."""
    colors = {**DEFAULT_COLORS, **(colors or {})}
    folder = index.folder
    roadmap = folder.roadmap(item.roadmap_id)
    track = index.track(item)
    fysm = roadmap.calendar.fiscal_year_start_month if roadmap else 4
    text = Text()
    text.append(clean(item.title_for(lang)) + "\n", style="bold underline")
    other = item.title_en if lang != "en" else item.title
    if other and other != item.title_for(lang):
        text.append(clean(other) + "\n", style="italic")
    text.append("\n")
    _field(text, _("ID"), item.id)
    _field(text, _("Kind"), kind_label(item.kind.value))
    _field(text, _("Roadmap"), roadmap.title_for(lang) if roadmap else item.roadmap_id)
    track_name = track_title(track, lang) if track else item.track_id
    if track is not None and track.group:
        track_name = f"{track.group} › {track_name}"
    _field(text, _("Track"), track_name)
    _field(text, _("Status"), _status_line(item, index, colors))
    _field(text, _("Progress"), "—" if item.progress is None else f"{item.progress}%")
    _field(text, _("Flags"), _flags_text(item, index, colors))
    text.append("\n")
    if item.start == item.end:
        _field(text, _("Date"), period_text(item.start))
    else:
        _field(text, _("Start"), period_text(item.start))
        _field(text, _("End"), period_text(item.end))
    _field(text, _("Due"), day_text(item.due_day, fysm))
    if is_coarse(item):
        _field(text, "", _("(written as whole years: drawn as a light band)"), "dim")
    if item.actual_start is not None:
        _field(text, _("Started"), period_text(item.actual_start))
    if item.actual_end is not None:
        _field(text, _("Finished"), period_text(item.actual_end))
    base = index.baseline.get(item.id)
    if base is not None:
        slip = index.slip(item) or 0
        _field(text, _("Baseline due"),
               f"{day_text(base.due_day, fysm)}  ({_('slip')} {slip:+d} {_('days')})")  # fmt: skip
    text.append("\n")
    if item.owner or (track and track.owner):
        _field(text, _("Owner"), item.owner or (track.owner if track else ""))
    if item.tags:
        _field(text, _("Tags"), ", ".join(item.tags))
    if item.notes:
        _field(text, _("Notes"), item.notes)
    _links(text, item, index, lang)
    _kpis(text, item, index, lang)
    _history(text, item)
    text.append("\n")
    if item.source is not None:
        _field(text, _("Source"), str(item.source))
    if item.location is not None:
        _field(text, _("File"), shown_path(str(item.location)))
    return text


def _links(text: Text, item: Item, index: FolderIndex, lang: str) -> None:
    by_id = index.folder.items_by_id
    if item.depends_on:
        text.append("\n" + _("Depends on") + "\n", style="bold")
        for dep_id in item.depends_on:
            dep = by_id.get(dep_id)
            if dep is None:
                text.append(f"  {dep_id}  ({_('missing')})\n")
                continue
            text.append(f"  {dep.id}  ")
            text.append(status_label(dep.status.value), style="bold")
            text.append(f"  {clean(dep.title_for(lang))}\n")


def _kpis(text: Text, item: Item, index: FolderIndex, lang: str) -> None:
    related = related_kpis(index.folder, item.id)
    if not related:
        return
    text.append("\n" + _("Related KPIs") + "\n", style="bold")
    for kpi in related:
        # the same figures and words as the KPI view and `roadmap kpi`
        text.append(f"  {clean(summary_line(evaluate(kpi, index.as_of), lang))}\n")


def _history(text: Text, item: Item) -> None:
    if not item.history:
        return
    text.append("\n" + _("History") + "\n", style="bold")
    for entry in item.history:
        change = ""
        if entry.status is not None:
            before = f"{status_label(entry.from_status.value)} → " if entry.from_status else ""
            change = before + status_label(entry.status.value)
        if entry.progress is not None:
            change += f" {entry.progress}%"
        line = f"  {format_iso(entry.date)}  {change.strip()}"
        if entry.note:
            line += f"  {clean(entry.note)}"
        if entry.author:
            line += f"  ({clean(entry.author)})"
        text.append(line + "\n")


class DetailScreen(ModalScreen[str | None]):
    """The details of one item; returns the id of a linked item to go to, or None."""

    BINDINGS = [
        Binding("escape,q", "close", N_("Close"), id="detail-close"),
    ]
    """Escape or q closes; enter on a linked item goes there."""

    def __init__(self, item: Item, index: FolderIndex, lang: str) -> None:
        super().__init__()
        self.item = item
        self.index = index
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box"):
            with VerticalScroll(id="detail-body"):
                colors = {k: v for k, v in self.app.theme_variables.items() if k in DEFAULT_COLORS}
                text = detail_text(self.item, self.index, self.lang, colors)
                yield Static(text, id="detail-text")
            links = self._link_options()
            if links:
                yield OptionList(*links, id="detail-links")
            yield Static(_("esc close · ↑↓ scroll · enter go to the linked item"),
                         id="detail-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#detail-box").border_title = _("Details")
        body = self.query_one("#detail-body")
        body.focus()

    def _link_options(self) -> list[Option]:
        by_id = self.index.folder.items_by_id
        options = []
        for dep_id in self.item.depends_on:
            if dep_id in by_id:
                title = clean(by_id[dep_id].title_for(self.lang))
                options.append(Option(f"← {dep_id}  {title}", id=dep_id))
        for other in self.index.folder.items:
            if self.item.id in other.depends_on:
                title = clean(other.title_for(self.lang))
                options.append(Option(f"→ {other.id}  {title}", id=other.id))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["DetailScreen", "day_text", "detail_text", "period_text"]
