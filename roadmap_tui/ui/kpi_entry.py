"""Recording an actual KPI value from the KPI view: the ``a`` dialog and its checks.

:func:`check_entry` is the whole validation, a pure function (tested without a
screen): the value is read by :func:`roadmap_tui.core.numfmt.parse_number` (``62``,
``1,450万``, ``62%``, full-width digits), the date by
:func:`roadmap_tui.core.dates.parse_period` (any accepted form; a day is written as a
TOML date, a coarser form such as ``R8`` as typed — the same rule as ``roadmap
kpi-set``), and a date that has not begun on the as-of day is refused.
:class:`KpiEntryScreen` shows the problems under the fields as the user types and
returns a :class:`KpiActual` (or None when cancelled); the KPI view writes it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from roadmap_tui.core.dates import Period, Precision, format_iso, format_wareki, parse_period
from roadmap_tui.core.errors import DateError
from roadmap_tui.core.model import KPI
from roadmap_tui.core.numfmt import parse_number
from roadmap_tui.i18n import N_, _, date_style_for, translate
from roadmap_tui.kpitext import format_date, value_text


@dataclass(frozen=True, slots=True)
class KpiActual:
    """An actual value to append to a KPI's ``[[kpis.actuals]]``."""

    kpi_id: str
    value: int | float
    #: a day (written as a TOML date) or a coarser date as typed (``"R8"``)
    when: _dt.date | str
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntryCheck:
    """What the dialog's fields say: the actual when all is well, else the problems."""

    actual: KpiActual | None
    value_error: str = ""
    date_error: str = ""
    #: ``62% (令和8年11月22日)``: what will be recorded, in the language shown
    preview: str = ""


def default_date(as_of: _dt.date, lang: str) -> str:
    """The as-of day as the date field starts: ``令和8年11月22日`` / ``2026-11-22``."""
    day = Period(as_of, as_of, Precision.DAY)
    return format_wareki(day) if date_style_for(lang) == "wareki" else format_iso(day)


def check_entry(
    kpi: KPI,
    value: str,
    date: str,
    note: str,
    *,
    as_of: _dt.date,
    lang: str,
    fiscal_year_start_month: int = 4,
) -> EntryCheck:
    """Validate the dialog's fields (see the module docstring)."""
    value_error = date_error = ""
    number: int | float | None = None
    if not value.strip():
        value_error = _("Enter the measured value (62, 31.3, 1,450万 or 62%).")
    else:
        try:
            number = parse_number(value)
        except ValueError:
            value_error = _("'{value}' is not a number: write 62, 31.3, 1,450万 or 62%.").format(
                value=value.strip()
            )
    period: Period | None = None
    text = date.strip()
    try:
        period = parse_period(text, fiscal_year_start_month=fiscal_year_start_month)
    except DateError:
        date_error = _("'{date}' is not a date: write 2026-11-22, R8 or 令和8年9月.").format(
            date=text
        )
    if period is not None and period.start > as_of:
        date_error = _("{date} has not begun on the as-of day {as_of}.").format(
            date=text, as_of=as_of.isoformat()
        )
        period = None
    if number is None or period is None:
        return EntryCheck(None, value_error, date_error)
    when: _dt.date | str = period.start if period.precision is Precision.DAY else text
    preview = translate("{value} ({date})", lang).format(
        value=value_text(kpi, float(number), lang), date=format_date(period, lang)
    )
    if kpi.unit == "%" and not 0 <= number <= 100:
        # allowed (a rate can pass 100), but 1,200万 typed into a share is a slip
        preview += "  " + translate("(outside 0–100%: check the value)", lang)
    return EntryCheck(KpiActual(kpi.id, number, when, note.strip()), preview=preview)


class KpiEntryScreen(ModalScreen[KpiActual | None]):
    """Value, date and note of a new actual; checked as you type, enter records."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="kpi-entry-cancel")]
    """Escape closes the dialog without recording anything."""

    def __init__(
        self, kpi: KPI, *, as_of: _dt.date, lang: str, fiscal_year_start_month: int = 4
    ) -> None:
        super().__init__()
        self.kpi = kpi
        self.as_of = as_of
        self.lang = lang
        self.fysm = fiscal_year_start_month

    def compose(self) -> ComposeResult:
        with Vertical(id="kpi-entry-box"):
            yield Static(self._about(), id="kpi-entry-about")
            with Horizontal(classes="kpi-entry-row"):
                yield Label(_("Value"), classes="kpi-entry-label")
                yield Input(placeholder=_("62, 31.3, 1,450万 or 62%"), id="kpi-entry-value",
                            compact=True)  # fmt: skip
            yield Static("", id="kpi-entry-value-error", classes="kpi-entry-error")
            with Horizontal(classes="kpi-entry-row"):
                yield Label(_("Date"), classes="kpi-entry-label")
                hint = _("2026-11-22, R8, 令和8年9月 …")
                yield Input(default_date(self.as_of, self.lang), id="kpi-entry-date",
                            placeholder=hint, compact=True)  # fmt: skip
            yield Static("", id="kpi-entry-date-error", classes="kpi-entry-error")
            with Horizontal(classes="kpi-entry-row"):
                yield Label(_("Note"), classes="kpi-entry-label")
                yield Input(placeholder=_("optional"), id="kpi-entry-note", compact=True)
            yield Static("", id="kpi-entry-preview")
            with Horizontal(id="kpi-entry-buttons"):
                yield Static(_("enter records · esc cancels · tab next field"),
                             id="kpi-entry-hint")  # fmt: skip
                yield Button(_("Record"), variant="primary", id="kpi-entry-ok", compact=True)
                yield Button(_("Cancel"), id="kpi-entry-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#kpi-entry-box").border_title = _("Add an actual value")
        self._show(self._check(), submitted=False)
        self.query_one("#kpi-entry-value", Input).focus()

    def _about(self) -> str:
        kpi = self.kpi
        lines = [kpi.title_for(self.lang)]
        if kpi.latest is not None:
            latest = kpi.latest
            lines.append(
                _("latest {value} ({date})").format(
                    value=value_text(kpi, latest.value, self.lang),
                    date=format_date(latest.date, self.lang),
                )
            )
        return "\n".join(lines)

    def _check(self) -> EntryCheck:
        return check_entry(
            self.kpi,
            self.query_one("#kpi-entry-value", Input).value,
            self.query_one("#kpi-entry-date", Input).value,
            self.query_one("#kpi-entry-note", Input).value,
            as_of=self.as_of,
            lang=self.lang,
            fiscal_year_start_month=self.fysm,
        )

    def _show(self, result: EntryCheck, *, submitted: bool) -> None:
        value = self.query_one("#kpi-entry-value", Input).value
        # While the value is still empty, say nothing about it until enter.
        quiet = not value.strip() and not submitted
        preview = _("Records {what}").format(what=result.preview) if result.actual else ""
        for name, text in (
            ("#kpi-entry-value-error", "" if quiet else result.value_error),
            ("#kpi-entry-date-error", result.date_error),
            ("#kpi-entry-preview", preview),
        ):
            line = self.query_one(name, Static)
            line.update(text)
            line.display = bool(text)  # an empty line would push the buttons off a small screen

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(self._check(), submitted=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    @on(Button.Pressed, "#kpi-entry-ok")
    def _ok(self) -> None:
        self._submit()

    @on(Button.Pressed, "#kpi-entry-cancel")
    def _cancel_button(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        result = self._check()
        self._show(result, submitted=True)
        if result.actual is not None:
            self.dismiss(result.actual)

    def action_cancel(self) -> None:
        """Close without recording."""
        self.dismiss(None)


__all__ = ["EntryCheck", "KpiActual", "KpiEntryScreen", "check_entry", "default_date"]
