"""``roadmap kpi-set KPI_ID VALUE [--date DATE] [--note TEXT]``: record an actual KPI value.

Appends one ``[[kpis.actuals]]`` entry to the KPI's file through
:mod:`roadmap_tui.core.storage` — the same minimal-diff, crash-safe, conflict-checked
writer as status changes — so the change reads as a few added lines in ``git diff``.
Exit codes as ``set-status``: 0 written; 1 refused (unknown KPI, a file with problems,
a conflict with an edit made on disk meanwhile); 2 a bad command line (a value that is
not a number, a date that is not a date or has not begun). Nothing is written unless 0.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import difflib
from pathlib import Path

from roadmap_tui.commands.common import EXIT_OK, EXIT_PROBLEMS, UsageError, as_of, fail, load
from roadmap_tui.core.atomic import Fingerprint
from roadmap_tui.core.dates import Precision, parse_period
from roadmap_tui.core.errors import ConflictError, DateError, UpdateError
from roadmap_tui.core.model import KPI, RoadmapFolder
from roadmap_tui.core.numfmt import parse_number
from roadmap_tui.core.regionedit import AppendEntry, TomlValue
from roadmap_tui.core.storage import Applied, Change, apply_change
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
    close = difflib.get_close_matches(kpi_id, list(folder.kpis_by_id), n=1, cutoff=0.6)
    if close:
        raise UsageError(
            _("unknown KPI '{id}' (hint: did you mean '{close}'?)").format(
                id=kpi_id, close=close[0]
            )
        )
    if not folder.kpis_by_id:
        raise UsageError(
            _("unknown KPI '{id}' (hint: these roadmaps have no KPIs)").format(id=kpi_id)
        )
    raise UsageError(_("unknown KPI '{id}'").format(id=kpi_id))


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
        value = parse_value(args.value)
        folder = load(args)
    except UsageError as exc:
        return fail(str(exc))
    try:
        kpi = find_kpi(folder, args.kpi_id)
    except UsageError as exc:  # refused like an unknown item in set-status: exit 1
        return fail(str(exc), EXIT_PROBLEMS)
    try:
        when = parse_date(args.date, kpi, folder, day)
    except UsageError as exc:
        return fail(str(exc))
    roadmap = folder.roadmap(kpi.roadmap_id)
    if roadmap is None:  # a KPI always comes from a loaded roadmap; be plain if not
        return fail(_("unknown KPI '{id}'").format(id=kpi.id))
    # The write path trusts a clean load; a file with problems is fixed first.
    problems = [p for p in folder.problems if p.path == roadmap.path and p.severity == "error"]
    if problems:
        return fail(
            _("{path} has problems; fix them first (roadmap check): {problem}").format(
                path=roadmap.path, problem=problems[0]
            ),
            EXIT_PROBLEMS,
        )
    try:
        append_actual(
            roadmap.path,
            kpi.id,
            when,
            value,
            args.note,
            loaded=roadmap.fingerprint,
        )
    except ConflictError as exc:
        return fail(
            _("{path} changed on disk since it was read; nothing was written ({detail})").format(
                path=roadmap.path, detail=exc
            ),
            EXIT_PROBLEMS,
        )
    except UpdateError as exc:
        return fail(str(exc), EXIT_PROBLEMS)
    lang = get_lang()
    fysm = roadmap.calendar.fiscal_year_start_month
    shown = format_date(parse_period(when, fiscal_year_start_month=fysm), lang)
    print(
        _("{id}: recorded {value} ({date}) in {path}").format(
            id=kpi.id, value=value_text(kpi, float(value), lang), date=shown, path=roadmap.path
        )
    )
    return EXIT_OK


def append_actual(
    path: str | Path,
    kpi_id: str,
    when: _dt.date | str,
    value: int | float,
    note: str = "",
    *,
    loaded: Fingerprint | None = None,
) -> Applied:
    """Append ``[[kpis.actuals]]`` (date, value, note) to KPI ``kpi_id`` in ``path``.

    The storage write path: only the new lines are added, the write is atomic, and a
    file changed on disk since ``loaded`` gets the entry only if the KPI is still there
    (else :class:`~roadmap_tui.core.errors.ConflictError`). Without ``loaded`` the file
    is loaded and checked first. Returns what was applied (with its undo).
    """
    entry: dict[str, TomlValue] = {"date": when, "value": value}
    if note:
        entry["note"] = note
    change = Change("kpis", kpi_id, (AppendEntry("actuals", entry),))
    return apply_change(path, change, loaded=loaded)
