"""Overdue, due-soon, late-start and blocked: pure functions of an item and ``as_of``.

Every view and command (timeline, list, ``overdue``, exports) uses these, so a
flag means the same thing everywhere. The *due day* is the last day of the
item's end at its written precision: ``R8`` is due 2027-03-31, never earlier.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roadmap_tui.core.model import Item, RoadmapFolder, Status

DEFAULT_DUE_SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class Flags:
    """What an item's dates and status say as of one day."""

    overdue: bool = False
    due_soon: bool = False
    late_start: bool = False
    blocked: bool = False
    #: open dependencies that block this item (empty when blocked only by its own status)
    blocked_by: tuple[str, ...] = ()
    #: days past the due day (overdue) or until it (negative when overdue)
    days_to_due: int = 0

    @property
    def any(self) -> bool:
        return self.overdue or self.due_soon or self.late_start or self.blocked

    def labels(self) -> list[str]:
        out = []
        if self.overdue:
            out.append("overdue")
        if self.due_soon:
            out.append("due-soon")
        if self.late_start:
            out.append("late-start")
        if self.blocked:
            out.append("blocked")
        return out


NO_FLAGS = Flags()


def is_overdue(item: Item, as_of: _dt.date) -> bool:
    """Due day before ``as_of`` and not done or cancelled."""
    return item.due_day < as_of and not item.status.closed


def is_due_soon(item: Item, as_of: _dt.date, days: int = DEFAULT_DUE_SOON_DAYS) -> bool:
    """Open and due within ``days`` days of ``as_of`` (today included)."""
    if item.status.closed:
        return False
    left = (item.due_day - as_of).days
    return 0 <= left <= days


def is_late_start(item: Item, as_of: _dt.date) -> bool:
    """Its start has passed and it is still planned."""
    return item.status is Status.PLANNED and item.start_day < as_of


def open_dependencies(item: Item, items_by_id: Mapping[str, Item]) -> tuple[str, ...]:
    """Dependencies (that exist) not yet done; cancelled ones no longer block."""
    out = []
    for dep_id in item.depends_on:
        dep = items_by_id.get(dep_id)
        if dep is not None and not dep.status.closed:
            out.append(dep_id)
    return tuple(out)


def item_flags(
    item: Item,
    as_of: _dt.date,
    items_by_id: Mapping[str, Item] | None = None,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Flags:
    """All flags of one item.

    Blocked means: marked blocked, or a dependency is not done while this item
    should already have started.
    """
    days_to_due = (item.due_day - as_of).days
    if item.status.closed:
        return Flags(days_to_due=days_to_due)
    blocked_by: tuple[str, ...] = ()
    if items_by_id is not None and item.depends_on and item.start_day <= as_of:
        blocked_by = open_dependencies(item, items_by_id)
    overdue = days_to_due < 0
    return Flags(
        overdue=overdue,
        due_soon=not overdue and days_to_due <= due_soon_days,
        late_start=item.status is Status.PLANNED and item.start_day < as_of,
        blocked=item.status is Status.BLOCKED or bool(blocked_by),
        blocked_by=blocked_by,
        days_to_due=days_to_due,
    )


def folder_flags(folder: RoadmapFolder, as_of: _dt.date) -> dict[str, Flags]:
    """Flags of every item of the folder, each with its roadmap's due-soon window."""
    out: dict[str, Flags] = {}
    by_id = folder.items_by_id
    for roadmap in folder.roadmaps:
        days = roadmap.calendar.due_soon_days
        for item in roadmap.items:
            out[item.id] = item_flags(item, as_of, by_id, days)
    return out


@dataclass(frozen=True, slots=True)
class Counts:
    """Header figures: how many items are overdue, due soon, blocked."""

    items: int = 0
    overdue: int = 0
    due_soon: int = 0
    blocked: int = 0
    late_start: int = 0


def count_flags(flags: Iterable[Flags]) -> Counts:
    items = overdue = due_soon = blocked = late = 0
    for f in flags:
        items += 1
        overdue += f.overdue
        due_soon += f.due_soon
        blocked += f.blocked
        late += f.late_start
    return Counts(items, overdue, due_soon, blocked, late)
