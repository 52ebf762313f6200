"""``roadmap kpi-set KPI_ID VALUE [--date DATE] [--note TEXT]``: record an actual KPI value.

Appends one ``[[kpis.actuals]]`` entry to the KPI's file through
:mod:`roadmap_tui.core.storage` — the same minimal-diff, crash-safe, conflict-checked
writer as status changes — so the change reads as a few added lines in ``git diff``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import difflib

from roadmap_tui.commands.common import EXIT_OK, UsageError, as_of, fail, load
from roadmap_tui.core.dates import Precision, parse_period
from roadmap_tui.core.errors import DateError, UpdateError
from roadmap_tui.core.model import KPI, RoadmapFolder
from roadmap_tui.core.numfmt import parse_number
from roadmap_tui.i18n import _, get_lang
from roadmap_tui.kpitext import format_date, value_text


def add_set_arguments(parser: argparse.ArgumentParser) -> None:
    """The positional KPI id and value, ``--date`` and ``--note``."""
    parser.add_argument(
        "kpi_id", metavar="KPI_ID", help=_("the KPI's id (`roadmap kpi` lists them)")
    )
    parser.add_argument(
        "value", metavar="VALUE", help=_("the measured value: 62, 31.3, 1,450万 or 14.5M")
    )
    parser.add_argument(
        "--date",
        metavar="DATE",
        help=_(
            "when it was measured (any date form: 2026-11-22, R8, 令和8年9月; default: as-of day)"
        ),
    )
    parser.add_argument("--note", metavar="TEXT", default="", help=_("a note kept with the value"))


def find_kpi(folder: RoadmapFolder, kpi_id: str) -> KPI:
    """The KPI called ``kpi_id``; :class:`UsageError` with a did-you-mean otherwise."""
    kpi = folder.kpis_by_id.get(kpi_id)
    if kpi is not None:
        return kpi
    message = _("unknown KPI '{id}'").format(id=kpi_id)
    close = difflib.get_close_matches(kpi_id, list(folder.kpis_by_id), n=1, cutoff=0.6)
    if close:
        message += " (" + _("hint: did you mean '{id}'?").format(id=close[0]) + ")"
    elif not folder.kpis_by_id:
        message += " (" + _("hint: these roadmaps have no KPIs") + ")"
    raise UsageError(message)


def parse_value(text: str) -> int | float:
    """VALUE as typed (separators, 万/億, full-width digits); :class:`UsageError` otherwise."""
    try:
        return parse_number(text)
    except ValueError:
        raise UsageError(
            _("VALUE '{value}' is not a number (hint: write 62, 31.3 or 1,450万)").format(
                value=text
            )
        ) from None


def parse_date(text: str | None, kpi: KPI, folder: RoadmapFolder, day: _dt.date) -> _dt.date | str:
    """What to write as ``date``: a TOML date for a day, else the form as written (``R8``).

    Default: the as-of day. A date that has not begun by the as-of day is refused.
    """
    if text is None:
        return day
    roadmap = folder.roadmap(kpi.roadmap_id)
    fysm = roadmap.calendar.fiscal_year_start_month if roadmap else 4
    try:
        period = parse_period(text.strip(), fiscal_year_start_month=fysm)
    except DateError as exc:
        raise UsageError(f"--date: {exc}") from None
    if period.start > day:
        raise UsageError(
            _("--date {date} is after the as-of day {as_of}").format(
                date=text.strip(), as_of=day.isoformat()
            )
        )
    return period.start if period.precision is Precision.DAY else text.strip()


def run_set(args: argparse.Namespace) -> int:
    """Validate everything, then append the actual; nothing is written on any error."""
    try:
        day = as_of(args)
        folder = load(args)
        kpi = find_kpi(folder, args.kpi_id)
        value = parse_value(args.value)
        when = parse_date(args.date, kpi, folder, day)
    except UsageError as exc:
        return fail(str(exc))
    try:
        path = append_actual(folder, kpi, when, value, args.note)
    except UpdateError as exc:
        return fail(str(exc), 1)
    lang = get_lang()
    shown_date = format_date(
        parse_period(when) if isinstance(when, _dt.date) else parse_period(when), lang
    )
    print(
        _("{id}: recorded {value} ({date}) in {path}").format(
            id=kpi.id, value=value_text(kpi, float(value), lang), date=shown_date, path=path
        )
    )
    return EXIT_OK


def append_actual(
    folder: RoadmapFolder, kpi: KPI, when: _dt.date | str, value: int | float, note: str
) -> str:
    """Append ``[[kpis.actuals]]`` to the KPI's file; returns the file's path."""
    raise UpdateError(_("recording KPI values is not available yet"))
