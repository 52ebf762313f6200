"""What changed between two versions of a folder of roadmaps: pure, matched by id.

Items and KPIs are matched by id across the whole folder, so an item moved to another
file or roadmap, or a renamed file, is a change of place, not a removal plus an
addition. *Slip* is the new due day minus the old one, in days (positive = later);
the due day is the last day of the end as written (``R8`` -> 2027-03-31), the same
day every overdue flag uses. Slips are totalled per fiscal year of the *old* due day
(what the reviewed plan promised), in that roadmap's fiscal calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from roadmap_tui.core.dates import fiscal_year_of
from roadmap_tui.core.model import KPI, Item, Measure, RoadmapFolder


@dataclass(frozen=True, slots=True)
class DateMove:
    """An item whose start or due day moved."""

    old: Item
    new: Item

    @property
    def slip_days(self) -> int:
        """New due day minus old due day (positive: later)."""
        return (self.new.due_day - self.old.due_day).days

    @property
    def start_shift_days(self) -> int:
        """New start day minus old start day."""
        return (self.new.start_day - self.old.start_day).days

    @property
    def fiscal_year(self) -> int:
        """The fiscal year of the old due day, in the old roadmap's calendar."""
        return fiscal_year_of(self.old.due_day, self.old.end.fiscal_year_start_month)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An item whose status changed; ``note`` is the newest history note added with it."""

    old: Item
    new: Item
    note: str = ""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """Another field of an item changed: ``field`` is the TOML key (``file`` for a move)."""

    old: Item
    new: Item
    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class KpiChange:
    """A KPI's target, baseline or actual changed; ``when`` dates an actual (ISO day)."""

    kpi: KPI
    what: str  # "title" | "unit" | "target" | "target_due" | "baseline" | "actual"
    before: str
    after: str
    when: str = ""


@dataclass(frozen=True, slots=True)
class FiscalYearSlip:
    """The slips of the items due in one fiscal year (of the old plan)."""

    fiscal_year: int
    fiscal_year_start_month: int
    total_days: int
    items: int
    later: int
    earlier: int


@dataclass(frozen=True, slots=True)
class FileRename:
    """A roadmap file that moved as a whole (every item went to the same new path)."""

    before: str
    after: str
    items: int


@dataclass(slots=True)
class Comparison:
    """Everything that changed from ``old`` to ``new``; lists in a stable order."""

    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    dates: list[DateMove] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    renamed_files: list[FileRename] = field(default_factory=list)
    kpis_added: list[KPI] = field(default_factory=list)
    kpis_removed: list[KPI] = field(default_factory=list)
    kpi_changes: list[KpiChange] = field(default_factory=list)
    by_fiscal_year: list[FiscalYearSlip] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when anything at all differs."""
        return any(
            (
                self.added,
                self.removed,
                self.dates,
                self.statuses,
                self.fields,
                self.renamed_files,
                self.kpis_added,
                self.kpis_removed,
                self.kpi_changes,
            )
        )

    @property
    def total_slip_days(self) -> int:
        """The sum of every slip (positive: the plan got later overall)."""
        return sum(m.slip_days for m in self.dates)


def number(value: float | None) -> str:
    """A KPI value as written: 59.0 -> "59", 62.5 -> "62.5", None -> ""."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _path(item: Item) -> str:
    return item.location.path if item.location else ""


def _fields(item: Item) -> dict[str, str]:
    return {
        "title": item.title,
        "title_en": item.title_en,
        "kind": item.kind.value,
        "roadmap": item.roadmap_id,
        "track": item.track_id,
        "file": _path(item),
        "owner": item.owner,
        "progress": "" if item.progress is None else str(item.progress),
        "depends_on": ", ".join(item.depends_on),
        "actual_start": item.actual_start.start.isoformat() if item.actual_start else "",
        "actual_end": item.actual_end.end.isoformat() if item.actual_end else "",
    }


def _renames(old: RoadmapFolder, new: RoadmapFolder) -> list[FileRename]:
    new_paths = {r.path for r in new.roadmaps}
    new_items = {i.id: i for i in new.items}
    renames = []
    for roadmap in old.roadmaps:
        if roadmap.path in new_paths:
            continue
        targets = {_path(new_items[i.id]) for i in roadmap.items if i.id in new_items}
        matched = sum(1 for i in roadmap.items if i.id in new_items)
        if len(targets) == 1 and matched:
            renames.append(FileRename(roadmap.path, targets.pop(), matched))
    return renames


def _kpi_changes(old: KPI, new: KPI) -> list[KpiChange]:
    out: list[KpiChange] = []
    for what, before, after in (
        ("title", old.title, new.title),
        ("unit", old.unit, new.unit),
        ("target", number(old.target_value), number(new.target_value)),
        (
            "target_due",
            old.target.due.end.isoformat() if old.target else "",
            new.target.due.end.isoformat() if new.target else "",
        ),
        (
            "baseline",
            number(old.baseline.value) if old.baseline else "",
            number(new.baseline.value) if new.baseline else "",
        ),
    ):
        if before != after:
            out.append(KpiChange(new, what, before, after))
    before_actuals = _actuals(old.actuals)
    after_actuals = _actuals(new.actuals)
    for day in sorted(before_actuals.keys() | after_actuals.keys()):
        was, now = before_actuals.get(day, ""), after_actuals.get(day, "")
        if was != now:
            out.append(KpiChange(new, "actual", was, now, day))
    return out


def _actuals(measures: Iterable[Measure]) -> dict[str, str]:
    return {m.date.end.isoformat(): number(m.value) for m in measures}


def _fiscal_totals(moves: list[DateMove]) -> list[FiscalYearSlip]:
    groups: dict[tuple[int, int], list[int]] = {}
    for move in moves:
        if move.slip_days:
            key = (move.fiscal_year, move.old.end.fiscal_year_start_month)
            groups.setdefault(key, []).append(move.slip_days)
    return [
        FiscalYearSlip(fy, month, sum(s), len(s), sum(d > 0 for d in s), sum(d < 0 for d in s))
        for (fy, month), s in sorted(groups.items())
    ]


def compare(old: RoadmapFolder, new: RoadmapFolder) -> Comparison:
    """What changed from ``old`` (e.g. a git revision) to ``new`` (e.g. the working tree)."""
    result = Comparison()
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    result.renamed_files = _renames(old, new)
    renamed = {(r.before, r.after) for r in result.renamed_files}
    for item in new.items:
        before = old_items.get(item.id)
        if before is None:
            result.added.append(item)
            continue
        if before.start_day != item.start_day or before.due_day != item.due_day:
            result.dates.append(DateMove(before, item))
        if before.status is not item.status:
            fresh = item.history[len(before.history) :]
            note = next((h.note for h in reversed(fresh) if h.note), "")
            result.statuses.append(StatusChange(before, item, note))
        was, now = _fields(before), _fields(item)
        for key, value in now.items():
            if was[key] == value or (key == "file" and (was[key], value) in renamed):
                continue
            result.fields.append(FieldChange(before, item, key, was[key], value))
    result.removed = [i for i in old.items if i.id not in new_items]
    result.dates.sort(key=lambda m: (-m.slip_days, -abs(m.start_shift_days), m.new.id))
    result.by_fiscal_year = _fiscal_totals(result.dates)
    old_kpis = {k.id: k for k in old.kpis}
    new_kpis = {k.id: k for k in new.kpis}
    for kpi in new.kpis:
        if kpi.id in old_kpis:
            result.kpi_changes.extend(_kpi_changes(old_kpis[kpi.id], kpi))
        else:
            result.kpis_added.append(kpi)
    result.kpis_removed = [k for k in old.kpis if k.id not in new_kpis]
    return result
