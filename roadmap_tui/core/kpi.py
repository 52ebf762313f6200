"""How a KPI stands as of one day: attainment (達成率), latest actual, overdue, off-track.

Pure functions of a :class:`~roadmap_tui.core.model.KPI` and ``as_of``, so the
``roadmap kpi`` command, the JSON output and the app's KPI view agree on every
figure. The rules (README, "KPIs"):

- A measure (baseline or actual) stands at the **last day** of its date: an actual
  written ``R7`` is the value at the end of FY2025, ``令和6年4月1日`` that day.
  Actuals whose date starts after ``as_of`` are not known yet and are ignored, so
  ``--as-of`` reproduces what the view said on any day.
- The **target value** is ``target.value``, or ``baseline × factor`` for a relative
  target (倍増 = factor 2). A factor target without a baseline has no value: its
  attainment and off-track flag are unknown (``None`` / ``False``).
- **Attainment** is how far the latest actual has moved from the baseline toward the
  target, in percent: ``(actual − baseline) / (target − baseline) × 100``. It works
  for every direction (59 → 70 with 62 is 27.3 %; 7 → 0 sheets with 3 is 57.1 %) and
  is not clamped: below 0 means worse than the baseline, above 100 beyond the target.
  Without a baseline it is ``actual / target`` for ``>=`` and ``=``, and
  ``target / actual`` for ``<=`` (both positive), else unknown.
- **Met** by direction: ``>=`` actual ≥ target, ``<=`` actual ≤ target, ``=`` equal.
- **Overdue**: the target's due day (last day of ``target.due``) is before ``as_of``
  and the latest actual does not meet it — no actual, or an unknown target value,
  counts as not met: the file does not show it was reached.
- **Off-track**: the latest actual is behind the straight line from the baseline
  (value, day) to the target (value, due day) at the actual's own day; "behind" by
  direction (``=`` takes the side of the target from the baseline). Needs a
  baseline, a target value and an actual; a met target is never off-track.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from roadmap_tui.core.model import KPI, Direction, Measure, RoadmapFolder

__all__ = [
    "KpiPoint",
    "KpiReport",
    "attainment",
    "evaluate",
    "evaluate_folder",
    "expected_at",
    "is_met",
    "known_actuals",
    "related_kpis",
    "sparkline",
]

#: Eight levels; a text sparkline of dated actuals.
SPARK_BARS: Final = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class KpiPoint:
    """One dated value: a measure at the last day of its written date."""

    day: _dt.date
    value: float
    note: str = ""
    #: the measure as written (its Period keeps the precision for display)
    measure: Measure | None = None


def _tolerance(target: float) -> float:
    # Values come from TOML floats (31.3); equality must survive binary rounding.
    return 1e-9 * max(1.0, abs(target))


def _rising(kpi: KPI, target: float) -> bool:
    """Whether a higher value is better: ``>=``; for ``=`` the side the target lies on."""
    assert kpi.target is not None
    direction = kpi.target.direction
    if direction is Direction.AT_LEAST:
        return True
    if direction is Direction.AT_MOST:
        return False
    return kpi.baseline is None or target >= kpi.baseline.value


def is_met(kpi: KPI, value: float | None) -> bool | None:
    """Whether ``value`` meets the target by its direction; ``None`` when it cannot be told."""
    target = kpi.target_value
    if kpi.target is None or target is None or value is None:
        return None
    direction = kpi.target.direction
    if direction is Direction.AT_LEAST:
        return value >= target - _tolerance(target)
    if direction is Direction.AT_MOST:
        return value <= target + _tolerance(target)
    return abs(value - target) <= _tolerance(target)


def attainment(kpi: KPI, value: float | None) -> float | None:
    """達成率 of ``value`` in percent (module docstring has the rule); ``None`` when unknown."""
    target = kpi.target_value
    if kpi.target is None or target is None or value is None:
        return None
    baseline = kpi.baseline.value if kpi.baseline is not None else None
    if baseline is not None and abs(target - baseline) > _tolerance(target):
        return (value - baseline) / (target - baseline) * 100.0
    if is_met(kpi, value):
        return 100.0
    if kpi.target.direction is Direction.AT_MOST:
        return target / value * 100.0 if target > 0 and value > 0 else None
    return value / target * 100.0 if target != 0 else None


def expected_at(kpi: KPI, day: _dt.date) -> float | None:
    """The value the straight line from baseline to target gives for ``day``.

    Before the baseline's day it is the baseline, after the due day the target.
    ``None`` without a baseline or a target value.
    """
    target = kpi.target_value
    if kpi.baseline is None or kpi.target is None or target is None:
        return None
    start, due = kpi.baseline.date.end, kpi.target.due.end
    base = kpi.baseline.value
    if day <= start or due <= start:
        return base if day <= start else target
    if day >= due:
        return target
    return base + (target - base) * (day - start).days / (due - start).days


def known_actuals(kpi: KPI, as_of: _dt.date) -> list[KpiPoint]:
    """Actuals known on ``as_of`` (their date has begun), oldest first, each at its last day."""
    points = [
        KpiPoint(m.date.end, m.value, m.note, m) for m in kpi.actuals if m.date.start <= as_of
    ]
    points.sort(key=lambda p: p.day)
    return points


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None) -> str:
    """``values`` as ``▁▂▃▄▅▆▇█``, scaled between ``lo`` and ``hi`` (default: their min and max).

    A flat series (or a single value with no range) is drawn at mid height.
    """
    if not values:
        return ""
    low = min(values) if lo is None else min(lo, *values)
    high = max(values) if hi is None else max(hi, *values)
    if high - low <= _tolerance(high):
        return SPARK_BARS[3] * len(values)
    top = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[round((v - low) / (high - low) * top)] for v in values)


@dataclass(frozen=True, slots=True)
class KpiReport:
    """Every figure the KPI view and ``roadmap kpi`` show for one KPI as of one day."""

    kpi: KPI
    as_of: _dt.date
    #: the target as a number (``baseline × factor`` for 倍増); None when unknown
    target_value: float | None
    #: last day of ``target.due``; None without a target
    due_day: _dt.date | None
    #: actuals known on ``as_of``, oldest first
    points: tuple[KpiPoint, ...] = ()
    #: 達成率 of the latest actual in percent (not clamped); None when unknown
    attainment: float | None = None
    #: the linear path's value at the latest actual's day; None without a path
    expected: float | None = None
    #: whether the latest actual meets the target; None when it cannot be told
    met: bool | None = None
    overdue: bool = False
    off_track: bool = False
    #: days from ``as_of`` to the due day (negative once it has passed)
    days_to_due: int | None = None
    spark: str = field(default="")

    @property
    def latest(self) -> KpiPoint | None:
        """The most recent known actual."""
        return self.points[-1] if self.points else None

    @property
    def fraction(self) -> float | None:
        """Attainment as 0..1 for a bar (clamped); None when unknown."""
        if self.attainment is None:
            return None
        return min(1.0, max(0.0, self.attainment / 100.0))

    def flags(self) -> list[str]:
        """The flag to show: ``overdue``, else ``off-track``, else ``met`` (or none).

        Past the due day the path has reached the target, so an overdue KPI is also
        off-track; showing both would say one thing twice.
        """
        if self.overdue:
            return ["overdue"]
        if self.off_track:
            return ["off-track"]
        return ["met"] if self.met else []


def evaluate(kpi: KPI, as_of: _dt.date) -> KpiReport:
    """The :class:`KpiReport` of ``kpi`` as of ``as_of``."""
    points = known_actuals(kpi, as_of)
    latest = points[-1] if points else None
    value = latest.value if latest else None
    target = kpi.target_value
    due_day = kpi.target.due.end if kpi.target is not None else None
    met = is_met(kpi, value)
    expected = expected_at(kpi, latest.day) if latest is not None else None
    off_track = False
    if expected is not None and value is not None and target is not None and not met:
        slack = _tolerance(expected)
        off_track = value < expected - slack if _rising(kpi, target) else value > expected + slack
    scale = [v for v in (kpi.baseline.value if kpi.baseline else None, target) if v is not None]
    return KpiReport(
        kpi=kpi,
        as_of=as_of,
        target_value=target,
        due_day=due_day,
        points=tuple(points),
        attainment=attainment(kpi, value),
        expected=expected,
        met=met,
        overdue=due_day is not None and due_day < as_of and met is not True,
        off_track=off_track,
        days_to_due=(due_day - as_of).days if due_day is not None else None,
        spark=sparkline(
            [p.value for p in points],
            lo=min(scale) if scale else None,
            hi=max(scale) if scale else None,
        ),
    )


def evaluate_folder(
    folder: RoadmapFolder, as_of: _dt.date, kpis: Iterable[KPI] | None = None
) -> list[KpiReport]:
    """Reports of ``kpis`` (default: every KPI of the folder, in file order)."""
    return [evaluate(kpi, as_of) for kpi in (folder.kpis if kpis is None else kpis)]


def related_kpis(folder: RoadmapFolder, item_id: str) -> list[KPI]:
    """The KPIs that name ``item_id`` in their ``related`` list (for an item's detail pane)."""
    return [kpi for kpi in folder.kpis if item_id in kpi.related]
