"""The KPI view (``K``): every KPI's bar, figures and flag, related items, new actuals.

A screen over the roadmap views. It reads the folder from the workspace and redraws
whenever the workspace gets a new one (after a write, a reload or a language switch).
``enter`` shows the KPI's related items in the roadmap views (one item: the cursor
goes there; several: a picker offers all of them as a filter, or one); ``a`` asks for
an actual value (:mod:`roadmap_tui.ui.kpi_entry`) that the app's file keeper writes in
a worker thread (:mod:`roadmap_tui.ui.kpi_write`: the same minimal-diff, crash-safe,
conflict-checked write as ``roadmap kpi-set``, one file reloaded, ``u`` undoes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roadmap_tui.core.dates import Period, Precision, format_wareki
from roadmap_tui.core.model import KPI, RoadmapFolder
from roadmap_tui.i18n import N_, _, date_style_for, ngettext, status_label
from roadmap_tui.kpitext import kpi_text, value_text
from roadmap_tui.ui.actions import bindings
from roadmap_tui.ui.kpi_entry import KpiActual, KpiEntryScreen
from roadmap_tui.ui.kpi_layout import KpiRow, build_rows, counts_text
from roadmap_tui.ui.kpi_table import KpiTable
from roadmap_tui.ui.language import TranslatedFooter
from roadmap_tui.ui.timeline_layout import clean

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from roadmap_tui.ui.app import RoadmapApp
    from roadmap_tui.ui.workspace import Workspace

DATE_STYLE_LABELS = {"wareki": N_("dates: 和暦 and 年度"), "iso": N_("dates: ISO and FY")}


def panel_text(row: KpiRow | None, folder: RoadmapFolder, lang: str, dates: str) -> Text:
    """The selected KPI in full under the table: plan, latest actual, path, related items."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if row is None or row.report is None:
        text.append(_("No KPIs in these roadmaps."), style="dim")
        return text
    report, kpi = row.report, row.report.kpi
    cells = kpi_text(report, lang, dates)
    text.append(f"{kpi.id}  ", style="bold")
    text.append(clean(cells.title) + "\n", style="bold")
    plan = []
    if kpi.baseline is not None:
        plan.append(_("baseline {value} ({date})").format(value=cells.baseline,
                                                          date=cells.baseline_date))  # fmt: skip
    if kpi.target is not None:
        plan.append(_("target {value} ({due})").format(value=cells.target, due=cells.due))
    else:
        plan.append(_("no target"))
    line = " → ".join(plan)
    days = report.days_to_due
    if days is not None and not report.met:
        line += "  · " + (
            ngettext("{n} day left", "{n} days left", days).format(n=days)
            if days >= 0
            else ngettext("due {n} day ago", "due {n} days ago", -days).format(n=-days)
        )
    text.append(clean(line) + "\n")
    if report.latest is not None:
        now = _("latest {value} ({date})").format(value=cells.latest, date=cells.latest_date)
        if cells.latest_note:
            now += f" {cells.latest_note}"
        now += "  · " + _("attainment {percent}").format(percent=cells.attainment)
        if report.expected is not None:
            # one decimal is plenty for a point on a straight line (60.378% -> 60.4%)
            expected = round(report.expected, 1)
            now += "  · " + _("on the straight line then: {value}").format(
                value=value_text(kpi, expected, lang)
            )
    else:
        now = _("no actual yet")
    text.append(clean(now) + "\n")
    related = [folder.items_by_id[i] for i in kpi.related if i in folder.items_by_id]
    if related:
        text.append(ngettext("{n} related item", "{n} related items", len(related))
                    .format(n=len(related)) + ": ", style="bold")  # fmt: skip
        text.append(clean(", ".join(i.title_for(lang) for i in related)))
    else:
        text.append(_("no related items"), style="dim")
    return text


class RelatedPicker(ModalScreen[tuple[str, ...] | None]):
    """Several related items: show them all (as a filter) or go to one."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="related-cancel")]
    """Escape goes back to the KPI view."""

    def __init__(self, kpi: KPI, folder: RoadmapFolder, lang: str) -> None:
        super().__init__()
        self.kpi, self.folder, self.lang = kpi, folder, lang

    def compose(self) -> ComposeResult:
        items = [self.folder.items_by_id[i] for i in self.kpi.related
                 if i in self.folder.items_by_id]  # fmt: skip
        options = [Option(_("All {n} related items (as a filter)").format(n=len(items)), id="*")]
        for item in items:
            title = clean(item.title_for(self.lang))
            label = f"{item.id}  {status_label(item.status.value)}  {title}"
            options.append(Option(label, id=item.id))
        with Vertical(id="related-box"):
            yield OptionList(*options, id="related-list")

    def on_mount(self) -> None:
        self.query_one("#related-box").border_title = _("Related items of {kpi}").format(
            kpi=self.kpi.title_for(self.lang)
        )
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen == "*":
            self.dismiss(tuple(i for i in self.kpi.related if i in self.folder.items_by_id))
        elif chosen is not None:
            self.dismiss((chosen,))

    def action_cancel(self) -> None:
        """Back to the KPI view."""
        self.dismiss(None)


class KpiScreen(Screen[tuple[str, ...] | None]):
    """The KPI view; returns the ids of items to show in the roadmap views, or None."""

    BINDINGS = bindings("kpi")
    """Add an actual, related items, date style, back (the table has the cursor keys)."""

    def __init__(self, workspace: Workspace, kpi_id: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.dates: str | None = None
        self._keep = kpi_id

    @property
    def lang(self) -> str:
        return self.workspace.lang

    @property
    def date_style(self) -> str:
        """和暦 ("wareki") or "iso": the user's choice (``d``), else the language's default."""
        return self.dates or date_style_for(self.lang)

    def compose(self) -> ComposeResult:
        yield Static(id="kpi-header")
        yield KpiTable(id="kpi-table")
        yield Static(id="kpi-panel")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.watch(self.workspace, "folder", self._folder_changed, init=False)
        self.redraw()
        self.query_one(KpiTable).focus()

    def _folder_changed(self, _folder: RoadmapFolder | None) -> None:
        self.redraw()

    def refresh_language(self) -> None:
        """Draw again in the current language (the palette's "Switch language")."""
        self.redraw()

    def redraw(self) -> None:
        """Rows, header and panel from the workspace's folder, keeping the selected KPI."""
        folder = self.workspace.folder
        table = self.query_one(KpiTable)
        selected = table.selected
        keep = selected.report.kpi.id if selected and selected.report else self._keep
        as_of = self.workspace.as_of
        rows = build_rows(folder, as_of, self.lang, self.date_style) if folder else []
        table.show(rows, self.lang, keep)
        self._show_header(rows)
        self._show_panel()

    def _show_header(self, rows: list[KpiRow]) -> None:
        as_of = self.workspace.as_of
        day = Period(as_of, as_of, Precision.DAY)
        reports = [r.report for r in rows if r.report is not None]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" " + _("KPIs") + "  ", style="bold")
        text.append(_("as of") + " ", style="dim")
        text.append(f"{as_of.isoformat()} ({format_wareki(day)})", style="bold")
        text.append("  │  ", style="dim")
        text.append(counts_text(reports))
        text.append("  │  ", style="dim")
        text.append(_(DATE_STYLE_LABELS[self.date_style]), style="dim")
        self.query_one("#kpi-header", Static).update(text)

    def _show_panel(self) -> None:
        folder = self.workspace.folder
        if folder is None:
            return
        panel = panel_text(self.query_one(KpiTable).selected, folder, self.lang, self.date_style)
        self.query_one("#kpi-panel", Static).update(panel)

    @on(KpiTable.Highlighted)
    def _highlighted(self, event: KpiTable.Highlighted) -> None:
        from roadmap_tui.ui.app import RoadmapApp

        if event.kpi_id is not None and isinstance(self.app, RoadmapApp):
            _LAST_KPI[self.app] = event.kpi_id
        self._show_panel()

    @on(KpiTable.Chosen)
    def _chosen(self) -> None:
        self.action_related()

    def _selected_kpi(self) -> KPI | None:
        row = self.query_one(KpiTable).selected
        return row.report.kpi if row is not None and row.report is not None else None

    # --- actions ---------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the roadmaps."""
        self.dismiss(None)

    def action_toggle_dates(self) -> None:
        """和暦 and 年度 ⇄ ISO and FY."""
        self.dates = "iso" if self.date_style == "wareki" else "wareki"
        self.redraw()

    def action_related(self) -> None:
        """Show the selected KPI's related items in the roadmap views."""
        kpi, folder = self._selected_kpi(), self.workspace.folder
        if kpi is None or folder is None:
            return
        ids = tuple(i for i in kpi.related if i in folder.items_by_id)
        if not ids:
            self.notify(_("{kpi} has no related items.").format(kpi=kpi.title_for(self.lang)))
        elif len(ids) == 1:
            self.dismiss(ids)
        else:
            self.app.push_screen(RelatedPicker(kpi, folder, self.lang), self._picked)

    def _picked(self, ids: tuple[str, ...] | None) -> None:
        if ids:
            self.dismiss(ids)

    def action_add_actual(self) -> None:
        """Ask for a value, date and note, then record them in the KPI's file."""
        kpi, folder = self._selected_kpi(), self.workspace.folder
        if kpi is None or folder is None:
            return
        roadmap = folder.roadmap(kpi.roadmap_id)
        fysm = roadmap.calendar.fiscal_year_start_month if roadmap else 4
        entry = KpiEntryScreen(kpi, as_of=self.workspace.as_of, lang=self.lang,
                               fiscal_year_start_month=fysm)  # fmt: skip
        self.app.push_screen(entry, self._record)

    def _record(self, actual: KpiActual | None) -> None:
        folder = self.workspace.folder
        if actual is None or folder is None:
            return
        kpi = folder.kpis_by_id.get(actual.kpi_id)
        roadmap = folder.roadmap(kpi.roadmap_id) if kpi else None
        if kpi is None or roadmap is None:
            return
        problems = [p for p in folder.problems if p.path == roadmap.path and p.severity == "error"]
        if problems:
            self.notify(_("{path} has problems; fix them first: {problem}").format(
                path=roadmap.path, problem=problems[0]), severity="error")  # fmt: skip
            return
        # the file keeper writes it in turn with status changes and undo (u takes it back)
        from roadmap_tui.ui.app import RoadmapApp
        from roadmap_tui.ui.kpi_write import actual_job

        fysm = roadmap.calendar.fiscal_year_start_month
        if isinstance(self.app, RoadmapApp):
            job = actual_job(actual, roadmap.path, kpi, self.lang, fysm, seen=roadmap.fingerprint)
            self.app.files.run_job("kpi-actual", job)


def show_items(app: RoadmapApp, ids: tuple[str, ...] | None) -> None:
    """Show items picked in the KPI view: go to one, or filter to several (``id:a,b``)."""
    if not ids:
        return
    workspace = app.workspace
    if len(ids) == 1:
        app.go_to_item(ids[0])
        return
    workspace.filter_text = "id:" + ",".join(ids)
    if workspace.view is not None and workspace.view.row_of(ids[0]) is not None:
        workspace.selected_id = ids[0]
    app.notify(_("Showing {n} related items; esc shows every item again.").format(n=len(ids)))


#: The KPI each app's view last had under the cursor: ``K`` opens there again.
_LAST_KPI: WeakKeyDictionary[RoadmapApp, str] = WeakKeyDictionary()


def open_kpi_view(app: RoadmapApp, kpi_id: str | None = None) -> tuple[KpiScreen, AwaitMount]:
    """Push the KPI view over the roadmap views (its result moves their cursor/filter).

    It opens on ``kpi_id``, else on the KPI it showed last. Returns the screen and an
    awaitable that completes once it is mounted.
    """
    screen = KpiScreen(app.workspace, kpi_id or _LAST_KPI.get(app))
    mounted = app.push_screen(screen, lambda ids: show_items(app, ids))
    return screen, mounted


async def run_kpi_action(app: RoadmapApp, action: str) -> None:
    """A palette command of the KPI view: run it there, opening the view first if needed."""
    if isinstance(app.screen, KpiScreen):
        screen = app.screen
    else:
        screen, mounted = open_kpi_view(app)
        await mounted
    await app.run_action(action, screen)


__all__ = [
    "KpiScreen",
    "RelatedPicker",
    "open_kpi_view",
    "panel_text",
    "run_kpi_action",
    "show_items",
]
