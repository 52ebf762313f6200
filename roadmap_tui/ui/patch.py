"""A file's load report after one of the app's own writes, without loading the file again.

Why not just load it: loading a 10,000-item file takes about half a second, while a
status change touches one item. The core hands back the item's table as it is after
the edit (``Applied.after``, already verified by parsing), so the item is rebuilt from
that with the loader's own builder, and every position below it moves by the number of
lines the edit added or removed. The result equals what :func:`load_file` would give
(``tests/ui/test_status_patch.py`` checks that); whenever that cannot be shown cheaply
— an item written as an inline table, a build that reports anything — this returns
None and the caller loads the file.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from roadmap_tui.core.atomic import Fingerprint
from roadmap_tui.core.build import build_roadmap
from roadmap_tui.core.loader import FileReport, decode
from roadmap_tui.core.model import Item, Location, Roadmap

if TYPE_CHECKING:  # the write path loads on the first write, not at start-up
    from roadmap_tui.core.storage import Applied

#: "No element below the edited one": nothing moves.
_NOWHERE = 1 << 62


class _Unsure(Exception):
    """The rebuilt item cannot be trusted to equal a fresh load."""


def _rebuilt(roadmap: Roadmap, old: Item, table: dict[str, Any]) -> Item:
    """The item built from its edited table by the loader's builder."""
    document = {
        "roadmap": {
            "id": roadmap.id,
            "calendar": {"fiscal_year_start_month": roadmap.calendar.fiscal_year_start_month},
        },
        "tracks": [{"id": old.track_id}],
        "items": [table],
    }

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise _Unsure

    built = build_roadmap(document, roadmap.path, refuse).roadmap
    if built is None or len(built.items) != 1 or built.items[0].id != old.id:
        raise _Unsure
    item = built.items[0]
    item.location = old.location
    return item


def _moved(location: Location | None, below: int, delta: int) -> Location | None:
    if location is None or location.line < below:
        return location
    return Location(location.path, location.line + delta, location.col)


def _item_moved(item: Item, below: int, delta: int) -> Item:
    location = item.location
    if location is None or location.line < below:
        return item
    # A shallow copy: the old folder may still be on screen, so its items stay untouched.
    copy = Item.__new__(Item)
    for name in Item.__slots__:
        setattr(copy, name, getattr(item, name))
    copy.location = Location(location.path, location.line + delta, location.col)
    return copy


def patched_report(
    report: FileReport, applied: Applied, data: bytes, fingerprint: Fingerprint
) -> FileReport | None:
    """``report`` as loading ``data`` (the file right after ``applied``) would make it, or None."""
    roadmap, old_text = report.roadmap, report.text
    if roadmap is None or old_text is None or applied.undo.table != "items":
        return None
    text, problem = decode(data, report.path)
    if problem is not None or text is None:
        return None
    item_id = applied.undo.element_id
    at = next((n for n, item in enumerate(roadmap.items) if item.id == item_id), None)
    if at is None:
        return None
    old = roadmap.items[at]
    if old.location is None:
        return None
    header = old_text.split("\n", old.location.line)[old.location.line - 1].lstrip()
    if not header.startswith("[["):
        return None  # an inline-table item: positions on its line may move sideways
    try:
        item = _rebuilt(roadmap, old, dict(applied.after))
    except _Unsure:
        return None
    delta = text.count("\n") - old_text.count("\n")
    # Everything the edit can add or remove lies between the item's header and the
    # next header, so positions from the next element on move by ``delta``.
    later = [
        loc.line
        for loc in (
            *(i.location for i in roadmap.items),
            *(k.location for k in roadmap.kpis),
            *(t.location for t in roadmap.tracks),
        )
        if loc is not None and loc.line > old.location.line
    ]
    below = min(later, default=_NOWHERE)
    items = list(roadmap.items)
    items[at] = item
    tracks, kpis = roadmap.tracks, roadmap.kpis
    problems = report.problems
    if delta:
        items = [x if n == at else _item_moved(x, below, delta) for n, x in enumerate(items)]
        tracks = [replace(t, location=_moved(t.location, below, delta)) for t in tracks]
        kpis = [replace(k, location=_moved(k.location, below, delta)) for k in kpis]
        problems = [replace(p, line=p.line + delta) if p.line >= below else p for p in problems]
    new = FileReport(report.path, text)
    new.roadmap = replace(
        roadmap, items=items, tracks=list(tracks), kpis=list(kpis), fingerprint=fingerprint
    )
    new.problems = list(problems)
    new.item_indices = list(report.item_indices)
    new.kpi_indices = list(report.kpi_indices)
    new.fingerprint = fingerprint
    return new


__all__ = ["patched_report"]
