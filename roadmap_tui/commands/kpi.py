"""``roadmap kpi``: every KPI with attainment and flags; ``roadmap kpi-set``: record an actual.

``kpi --format json`` is a documented contract (README, "KPIs"): language-independent
figures from :mod:`roadmap_tui.core.kpi`. The text output is for people, in the
current language (:mod:`roadmap_tui.kpitext`).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from typing import Any

from roadmap_tui.cli import add_common
from roadmap_tui.commands.common import EXIT_OK, UsageError, as_of, fail, load
from roadmap_tui.core.dates import fiscal_year_of, format_iso
from roadmap_tui.core.kpi import KpiPoint, KpiReport, evaluate
from roadmap_tui.core.model import Measure, RoadmapFolder
from roadmap_tui.i18n import _, ngettext, set_lang

#: The ``kpi --format json`` contract version; fields may be added, never renamed.
SCHEMA_VERSION = 1


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """``kpi [--format text|json] [--dates …]`` or ``kpi-set KPI_ID VALUE [--date] [--note]``."""
    if name == "kpi-set":
        from roadmap_tui.commands.kpi_set import add_set_arguments

        add_set_arguments(parser)
    else:
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--dates",
            choices=["wareki", "iso"],
            help=_("date style (default: wareki in Japanese, iso in English)"),
        )
    add_common(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``kpi`` or ``kpi-set`` (told apart by ``args.command``)."""
    set_lang(args.lang)
    if getattr(args, "command", "kpi") == "kpi-set":
        from roadmap_tui.commands.kpi_set import run_set

        return run_set(args)
    try:
        day = as_of(args)
        folder = load(args)
    except UsageError as exc:
        return fail(str(exc))
    for problem in folder.problems:
        print(problem, file=sys.stderr)
    reports = [evaluate(kpi, day) for kpi in folder.kpis]
    if args.format == "json":
        sys.stdout.write(json.dumps(document(folder, reports, day), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(folder, reports, args.dates))
    return EXIT_OK


# ── json ──────────────────────────────────────────────────────────────────────


def _measure(measure: Measure) -> dict[str, Any]:
    return {
        "value": measure.value,
        "date": measure.date.end.isoformat(),
        "date_text": format_iso(measure.date),
        "note": measure.note,
    }


def _point(point: KpiPoint) -> dict[str, Any]:
    if point.measure is not None:
        return _measure(point.measure)
    return {"value": point.value, "date": point.day.isoformat(), "date_text": "", "note": ""}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def kpi_record(report: KpiReport) -> dict[str, Any]:
    """One KPI in the ``kpi --format json`` contract."""
    kpi = report.kpi
    target = kpi.target
    return {
        "id": kpi.id,
        "roadmap": kpi.roadmap_id,
        "title": kpi.title,
        "title_en": kpi.title_en,
        "unit": kpi.unit,
        "baseline": _measure(kpi.baseline) if kpi.baseline else None,
        "target": (
            {
                "value": report.target_value,
                "factor": target.factor,
                "direction": target.direction.value,
                "due": target.due.end.isoformat(),
                "due_text": format_iso(target.due),
                "due_fiscal_year": fiscal_year_of(
                    target.due.end, target.due.fiscal_year_start_month
                ),
                "label": target.label,
            }
            if target
            else None
        ),
        "latest": _point(report.latest) if report.latest else None,
        "actuals": [_point(p) for p in report.points],
        "attainment": _round(report.attainment),
        "expected": _round(report.expected),
        "met": report.met,
        "overdue": report.overdue,
        "off_track": report.off_track,
        "flags": report.flags(),
        "days_to_due": report.days_to_due,
        "sparkline": report.spark,
        "related": list(kpi.related),
        "notes": kpi.notes,
    }


def document(folder: RoadmapFolder, reports: list[KpiReport], day: _dt.date) -> dict[str, Any]:
    """The whole ``kpi --format json`` document."""
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": day.isoformat(),
        "kpis": [kpi_record(r) for r in reports],
        "problems": [p.to_json() for p in folder.problems],
    }


# ── text ──────────────────────────────────────────────────────────────────────


def render_text(folder: RoadmapFolder, reports: list[KpiReport], dates: str | None) -> str:
    """Every KPI as three lines under its roadmap's title, then a one-line summary."""
    from roadmap_tui.i18n import get_lang
    from roadmap_tui.kpitext import kpi_text

    lang = get_lang()
    by_roadmap: dict[str, list[KpiReport]] = {}
    for report in reports:
        by_roadmap.setdefault(report.kpi.roadmap_id, []).append(report)
    lines: list[str] = []
    for roadmap in folder.roadmaps:
        group = by_roadmap.get(roadmap.id)
        if not group:
            continue
        lines.append(f"{roadmap.title_for(lang)} ({roadmap.id})")
        for report in group:
            cells = kpi_text(report, lang, dates)
            flags = "".join(f" [{flag}]" for flag in cells.flags)
            lines.append(f"  {cells.id}  {cells.title}{flags}")
            plan = []
            if report.kpi.baseline is not None:
                plan.append(
                    _("baseline {value} ({date})").format(
                        value=cells.baseline, date=cells.baseline_date
                    )
                )
            if report.kpi.target is not None:
                plan.append(_("target {value} ({due})").format(value=cells.target, due=cells.due))
            else:
                plan.append(_("no target"))
            lines.append("    " + " → ".join(plan))
            if report.latest is not None:
                status = _("latest {value} ({date})").format(
                    value=cells.latest, date=cells.latest_date
                )
                status += "  " + _("attainment {percent}").format(percent=cells.attainment)
                status += "  " + cells.spark
            else:
                status = _("no actual yet")
            lines.append("    " + status)
    # Counted by the flag shown, so the summary matches the lines above it.
    overdue = sum("overdue" in r.flags() for r in reports)
    off_track = sum("off-track" in r.flags() for r in reports)
    summary = ngettext("{count} KPI", "{count} KPIs", len(reports)).format(count=len(reports))
    summary += ": " + _("{overdue} overdue, {off_track} off track").format(
        overdue=overdue, off_track=off_track
    )
    lines.append(summary)
    return "\n".join(lines) + "\n"
