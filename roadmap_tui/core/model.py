"""The roadmap model: what the loader builds and every view and command reads.

Plain, slotted dataclasses: a 100,000-item folder must fit in a few hundred MB.
Dates are :class:`~roadmap_tui.core.dates.Period` values that keep the precision the
planner wrote (``R8`` is a whole fiscal year, ``2026-04-01`` one day).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_tui.core.atomic import Fingerprint
    from roadmap_tui.core.dates import Period
    from roadmap_tui.core.errors import Problem


class Status(StrEnum):
    """Where a milestone or phase stands.

    ``done`` and ``cancelled`` are closed: a closed item is never overdue.
    """

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"

    @property
    def closed(self) -> bool:
        return self in (Status.DONE, Status.CANCELLED)


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

#: Which status changes make sense; the picker offers only these. Reopening a
#: closed item is allowed on purpose (a "done" recorded by mistake must be fixable).
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.PLANNED: (Status.IN_PROGRESS, Status.DONE, Status.BLOCKED, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.DONE, Status.BLOCKED, Status.PLANNED, Status.CANCELLED),
    Status.BLOCKED: (Status.IN_PROGRESS, Status.PLANNED, Status.DONE, Status.CANCELLED),
    Status.DONE: (Status.IN_PROGRESS,),
    Status.CANCELLED: (Status.PLANNED,),
}


class Kind(StrEnum):
    """A milestone happens on one date (or within one period); a phase spans start..end."""

    MILESTONE = "milestone"
    PHASE = "phase"


class Direction(StrEnum):
    """How a KPI's actual is compared with its target."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "="


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry comes from: document, section and (when there are two) edition."""

    document: str
    section: str = ""
    edition: str = ""
    page: str = ""

    def __str__(self) -> str:
        parts = [self.document]
        if self.section:
            parts.append(self.section)
        if self.edition:
            parts.append(f"({self.edition})")
        if self.page:
            parts.append(f"p.{self.page}")
        return " › ".join(parts[:2]) + (" " + " ".join(parts[2:]) if len(parts) > 2 else "")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is written: file path and 1-based line/column of its key or header."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(slots=True)
class HistoryEntry:
    """One dated line of an item's story, appended by every status change."""

    date: Period
    status: Status | None = None
    from_status: Status | None = None
    note: str = ""
    author: str = ""
    progress: int | None = None


@dataclass(slots=True)
class Track:
    """A swimlane of a roadmap (a department, a workstream, a 工程表)."""

    id: str
    title: str
    roadmap_id: str
    title_en: str = ""
    group: str = ""
    owner: str = ""
    location: Location | None = None


@dataclass(slots=True)
class Item:
    """A milestone or a phase.

    ``start`` and ``end`` are the periods as written; for a milestone both are its
    ``date``. The *due day* is ``end.end`` (the last day at the written precision):
    ``R8`` is due 2027-03-31, never earlier.
    """

    id: str
    title: str
    roadmap_id: str
    track_id: str
    kind: Kind
    start: Period
    end: Period
    status: Status = Status.PLANNED
    title_en: str = ""
    progress: int | None = None
    owner: str = ""
    depends_on: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    source: Source | None = None
    actual_start: Period | None = None
    actual_end: Period | None = None
    history: list[HistoryEntry] = field(default_factory=list)
    location: Location | None = None

    @property
    def start_day(self) -> _dt.date:
        return self.start.start

    @property
    def due_day(self) -> _dt.date:
        return self.end.end

    def title_for(self, lang: str) -> str:
        """The title in ``lang`` ("ja" or "en"), falling back to the other."""
        if lang == "en":
            return self.title_en or self.title
        return self.title or self.title_en


@dataclass(slots=True)
class Measure:
    """A KPI value at a date (a baseline or an actual)."""

    value: float
    date: Period
    note: str = ""


@dataclass(slots=True)
class Target:
    """What a KPI should reach by ``due``.

    Either ``value`` is given, or ``factor`` (e.g. 2.0 for 倍増) relative to the baseline.
    """

    due: Period
    direction: Direction = Direction.AT_LEAST
    value: float | None = None
    factor: float | None = None
    label: str = ""


@dataclass(slots=True)
class KPI:
    """An indicator with a baseline, a target and dated actual values."""

    id: str
    title: str
    roadmap_id: str
    unit: str = ""
    title_en: str = ""
    baseline: Measure | None = None
    target: Target | None = None
    actuals: list[Measure] = field(default_factory=list)
    related: tuple[str, ...] = ()
    notes: str = ""
    source: Source | None = None
    location: Location | None = None

    def title_for(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title
        return self.title or self.title_en

    @property
    def target_value(self) -> float | None:
        """The target as a number, resolving a ``factor`` against the baseline."""
        if self.target is None:
            return None
        if self.target.value is not None:
            return self.target.value
        if self.target.factor is not None and self.baseline is not None:
            return self.baseline.value * self.target.factor
        return None

    @property
    def latest(self) -> Measure | None:
        if not self.actuals:
            return None
        return max(self.actuals, key=lambda m: m.date.end)


@dataclass(slots=True)
class Calendar:
    """Per-roadmap calendar settings."""

    fiscal_year_start_month: int = 4
    due_soon_days: int = 30


@dataclass(slots=True)
class Roadmap:
    """One roadmap file: settings, tracks, items and KPIs."""

    id: str
    title: str
    path: str
    title_en: str = ""
    owner: str = ""
    source: Source | None = None
    calendar: Calendar = field(default_factory=Calendar)
    tracks: list[Track] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    notes: str = ""
    #: the file's mtime, size and sha256 when it was loaded (a write checks it still holds)
    fingerprint: Fingerprint | None = None

    def title_for(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title
        return self.title or self.title_en


@dataclass(slots=True)
class RoadmapFolder:
    """Everything loaded from a set of paths, and every problem found on the way.

    A broken file contributes problems but never stops the other files.
    """

    roadmaps: list[Roadmap] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    items_by_id: dict[str, Item] = field(default_factory=dict)
    kpis_by_id: dict[str, KPI] = field(default_factory=dict)
    tracks_by_key: dict[tuple[str, str], Track] = field(default_factory=dict)

    @property
    def items(self) -> list[Item]:
        return [item for roadmap in self.roadmaps for item in roadmap.items]

    @property
    def kpis(self) -> list[KPI]:
        return [kpi for roadmap in self.roadmaps for kpi in roadmap.kpis]

    def roadmap(self, roadmap_id: str) -> Roadmap | None:
        return next((r for r in self.roadmaps if r.id == roadmap_id), None)
