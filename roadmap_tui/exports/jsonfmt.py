"""``roadmap export --format json``: the documented public contract (schema_version 1).

Stable field names; ``start``/``end`` are the resolved first and last day (ISO),
``start_text``/``end_text`` the written periods in canonical form (``FY2026``,
``2026-04``). New fields may be added; none are renamed or removed without a new ``schema_version``.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from roadmap_tui.core.model import KPI, Item, RoadmapFolder, Source
from roadmap_tui.core.schedule import Flags, folder_flags

SCHEMA_VERSION = 1


def _source(source: Source | None) -> dict[str, str] | None:
    if source is None:
        return None
    return {
        "document": source.document,
        "section": source.section,
        "edition": source.edition,
        "page": source.page,
    }


def item_record(item: Item, flags: Flags, track_title: str = "") -> dict[str, Any]:
    """One item as the JSON (and CSV) exports write it."""
    return {
        "id": item.id,
        "roadmap": item.roadmap_id,
        "track": item.track_id,
        "track_title": track_title,
        "title": item.title,
        "title_en": item.title_en,
        "kind": item.kind.value,
        "start": item.start.start.isoformat(),
        "end": item.end.end.isoformat(),
        "start_text": str(item.start),
        "end_text": str(item.end),
        "precision": item.end.precision.value,
        "status": item.status.value,
        "progress": item.progress,
        "overdue": flags.overdue,
        "due_soon": flags.due_soon,
        "late_start": flags.late_start,
        "blocked": flags.blocked,
        "days_to_due": flags.days_to_due,
        "owner": item.owner,
        "depends_on": list(item.depends_on),
        "tags": list(item.tags),
        "actual_start": item.actual_start.start.isoformat() if item.actual_start else None,
        "actual_end": item.actual_end.end.isoformat() if item.actual_end else None,
        "source": _source(item.source),
        "file": item.location.path if item.location else None,
        "line": item.location.line if item.location else None,
    }


def kpi_record(kpi: KPI) -> dict[str, Any]:
    latest = kpi.latest
    return {
        "id": kpi.id,
        "roadmap": kpi.roadmap_id,
        "title": kpi.title,
        "title_en": kpi.title_en,
        "unit": kpi.unit,
        "baseline": (
            {"value": kpi.baseline.value, "date": kpi.baseline.date.end.isoformat()}
            if kpi.baseline
            else None
        ),
        "target": (
            {
                "value": kpi.target_value,
                "factor": kpi.target.factor,
                "due": kpi.target.due.end.isoformat(),
                "direction": kpi.target.direction.value,
            }
            if kpi.target
            else None
        ),
        "actuals": [
            {"value": m.value, "date": m.date.end.isoformat(), "note": m.note} for m in kpi.actuals
        ],
        "latest": latest.value if latest else None,
        "related": list(kpi.related),
        "source": _source(kpi.source),
    }


def document(folder: RoadmapFolder, as_of: _dt.date) -> dict[str, Any]:
    flags = folder_flags(folder, as_of)
    titles = {key: t.title for key, t in folder.tracks_by_key.items()}
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "roadmaps": [
            {
                "id": r.id,
                "title": r.title,
                "title_en": r.title_en,
                "owner": r.owner,
                "file": r.path,
                "fiscal_year_start_month": r.calendar.fiscal_year_start_month,
            }
            for r in folder.roadmaps
        ],
        "items": [
            item_record(i, flags[i.id], titles.get((i.roadmap_id, i.track_id), ""))
            for r in folder.roadmaps
            for i in r.items
            if i.id in flags
        ],
        "kpis": [kpi_record(k) for r in folder.roadmaps for k in r.kpis],
        "problems": [p.to_json() for p in folder.problems],
    }


def render(folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    return json.dumps(document(folder, as_of), ensure_ascii=False, indent=2) + "\n"
