"""The status picker (``s``): new status, note, progress and date for the selected item.

A :class:`StatusPicker` is a ``ModalScreen[StatusChange | None]``: it offers only the
transitions :data:`~roadmap_tui.core.model.TRANSITIONS` allows from the item's status
(plus "keep the status" to record progress alone), checks progress and date as they
are typed (the date with the same parser and the same messages as the roadmap files),
and returns the change for the core to write — or None on escape. It writes nothing.
"""

from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from roadmap_tui.core.dates import Period, Precision, format_fiscal, format_wareki, parse_period
from roadmap_tui.core.errors import DateError
from roadmap_tui.core.model import TRANSITIONS, Item
from roadmap_tui.core.storage import StatusChange, TomlValue
from roadmap_tui.i18n import _, status_label
from roadmap_tui.ui.timeline_layout import clean


def progress_value(text: str) -> int | None:
    """The percent typed (``40``, ``40%``, full-width ``４０``), None when empty.

    Raises ValueError with the message to show when it is not a whole number 0..100.
    """
    shown = text.strip()
    digits = shown.removesuffix("%").removesuffix("％").strip()
    if not digits:
        return None
    try:
        value = int(digits)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise ValueError(
            _("progress is a whole number from 0 to 100, not '{text}'").format(text=shown)
        )
    return value


def history_date(text: str, fiscal_start: int) -> TomlValue:
    """The date for the history entry: a day as a TOML date, a coarser form as written.

    Raises :class:`~roadmap_tui.core.errors.DateError` (its message says what is wrong).
    """
    shown = text.strip()
    period = parse_period(shown, fiscal_year_start_month=fiscal_start)
    return period.start if period.precision is Precision.DAY else shown


def meaning(period: Period) -> str:
    """What a typed date means, next to the field: 令和8年11月22日 · FY2026, with the days
    of a longer period (R8 → 令和8年度 · FY2026 · 2026-04-01 – 2027-03-31)."""
    names = [format_wareki(period), format_fiscal(period)]
    shown = " · ".join(n for k, n in enumerate(names) if n not in names[:k])
    if period.days > 1:
        shown += f" · {period.start.isoformat()} – {period.end.isoformat()}"
    return shown


class ProgressValidator(Validator):
    """Inline check of the progress field (see :func:`progress_value`)."""

    def validate(self, value: str) -> ValidationResult:
        try:
            progress_value(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class DateValidator(Validator):
    """Inline check of the date field: any accepted date form, in the roadmap's fiscal year."""

    def __init__(self, fiscal_start: int) -> None:
        super().__init__()
        self.fiscal_start = fiscal_start

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure(_("a date is needed (any accepted form: 2026-11-22, R8, FY2026)"))
        try:
            history_date(value, self.fiscal_start)
        except DateError as exc:
            return self.failure(str(exc))
        return self.success()


class StatusPicker(ModalScreen[StatusChange | None]):
    """New status (allowed transitions only), note, progress and date for one item."""

    DEFAULT_CSS = """
    StatusPicker { align: center middle; background: $background 60%; }
    #status-box {
        width: 80; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; border-title-color: $primary;
        background: $surface; padding: 0 1; overflow-y: auto;
    }
    #status-item { height: auto; margin: 0 0 1 0; }
    #status-options { height: auto; max-height: 7; }
    .status-row { height: auto; margin: 1 0 0 0; }
    .status-label { width: 11; text-style: bold; }
    #status-box Input { border: none; height: 1; padding: 0 1; background: $panel; }
    #status-box Input:focus { background: $primary 30%; }
    #status-box Input.-invalid { background: $error 30%; }
    #status-note { width: 1fr; }
    #status-progress { width: 9; }
    #status-date { width: 20; }
    .status-msg { width: 1fr; height: auto; padding: 0 0 0 1; color: $text-muted; }
    .status-msg.-error { color: $error; text-style: bold; }
    #status-hint { height: 1; color: $text-muted; margin: 1 0 0 0; }
    """

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="status-cancel")]
    """Escape closes without writing; enter (in the list or any field) applies."""

    def __init__(
        self, item: Item, *, as_of: _dt.date, fiscal_start: int, lang: str, file_name: str
    ) -> None:
        super().__init__()
        self.item = item
        self.as_of = as_of
        self.fiscal_start = fiscal_start
        self.lang = lang
        self.file_name = file_name

    @property
    def choices(self) -> list[str]:
        """The statuses offered, in order: the allowed transitions, then keeping the status."""
        return [s.value for s in TRANSITIONS[self.item.status]] + [self.item.status.value]

    def _options(self) -> list[Option]:
        current = self.item.status.value
        options = [Option(status_label(s), id=s) for s in self.choices if s != current]
        keep = _("keep {status} (record progress only)").format(status=status_label(current))
        options.append(Option(Text(keep, style="italic"), id=current))
        return options

    def _about(self) -> Text:
        item = self.item
        text = Text()
        text.append(clean(item.title_for(self.lang)), style="bold")
        text.append(f"\n{item.id}  ·  {self.file_name}\n", style="dim")
        text.append(_("now") + " ", style="dim")
        text.append(status_label(item.status.value), style="bold")
        if item.progress is not None:
            text.append(f"  ·  {item.progress}%")
        text.append("  ·  ")
        text.append(_("due {day}").format(day=item.due_day.isoformat()), style="dim")
        return text

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box"):
            yield Static(self._about(), id="status-item")
            yield OptionList(*self._options(), id="status-options")
            with Horizontal(classes="status-row"):
                yield Label(_("Note"), classes="status-label")
                yield Input(placeholder=_("why (optional, goes into the history)"),
                            id="status-note")  # fmt: skip
            with Horizontal(classes="status-row"):
                yield Label(_("Progress"), classes="status-label")
                now = "" if self.item.progress is None else f"{self.item.progress}"
                yield Input(placeholder=now or "0–100", id="status-progress",
                            validators=[ProgressValidator()], valid_empty=True)  # fmt: skip
                yield Static(_("% (optional)"), id="status-progress-msg", classes="status-msg")
            with Horizontal(classes="status-row"):
                yield Label(_("Date"), classes="status-label")
                yield Input(self.as_of.isoformat(), id="status-date",
                            validators=[DateValidator(self.fiscal_start)])  # fmt: skip
                yield Static(id="status-date-msg", classes="status-msg")
            yield Static(_("enter apply · esc cancel · tab next field"), id="status-hint")

    def on_mount(self) -> None:
        self.query_one("#status-box").border_title = _("Change status")
        self._show_date(self.as_of.isoformat())
        self.query_one(OptionList).focus()

    # --- inline checks ---------------------------------------------------------------

    def _message(self, widget_id: str, text: str | Text, error: bool) -> None:
        message = self.query_one(widget_id, Static)
        message.update(text)
        message.set_class(error, "-error")

    def _show_date(self, value: str) -> str | None:
        """Show what the date means, or why it is not one; returns the error."""
        try:
            period = parse_period(value.strip(), fiscal_year_start_month=self.fiscal_start)
        except DateError as exc:
            self._message("#status-date-msg", str(exc), error=True)
            return str(exc)
        self._message("#status-date-msg", meaning(period), error=False)
        return None

    def _show_progress(self, value: str) -> str | None:
        try:
            progress_value(value)
        except ValueError as exc:
            self._message("#status-progress-msg", str(exc), error=True)
            return str(exc)
        self._message("#status-progress-msg", _("% (optional)"), error=False)
        return None

    @on(Input.Changed, "#status-date")
    def _date_changed(self, event: Input.Changed) -> None:
        self._show_date(event.value)

    @on(Input.Changed, "#status-progress")
    def _progress_changed(self, event: Input.Changed) -> None:
        self._show_progress(event.value)

    # --- applying --------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._apply()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply()

    def change(self) -> StatusChange | str:
        """The change the fields describe, or the id of the first field that is wrong."""
        option = self.query_one(OptionList).highlighted_option
        status = option.id if option is not None and option.id else self.choices[0]
        progress_text = self.query_one("#status-progress", Input).value
        date_text = self.query_one("#status-date", Input).value
        if self._show_progress(progress_text) is not None:
            return "#status-progress"
        if self._show_date(date_text) is not None:
            return "#status-date"
        progress = progress_value(progress_text)
        current = self.item.status.value
        if status == current and progress in (None, self.item.progress):
            self._message(
                "#status-progress-msg",
                _("to keep the status, give a new progress"),
                error=True,
            )
            return "#status-progress"
        note = self.query_one("#status-note", Input).value.strip()
        date = history_date(date_text, self.fiscal_start)
        return StatusChange(
            self.item.id, status, date, note=note, progress=progress, expected_from=current
        )

    def _apply(self) -> None:
        change = self.change()
        if isinstance(change, str):
            self.query_one(change).focus()
            return
        self.dismiss(change)

    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)


__all__ = [
    "DateValidator",
    "ProgressValidator",
    "StatusPicker",
    "history_date",
    "meaning",
    "progress_value",
]
