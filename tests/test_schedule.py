"""Overdue semantics: pure functions of the item and the as-of day."""

from __future__ import annotations

import datetime as _dt

import pytest

from roadmap_tui.core.dates import parse_period
from roadmap_tui.core.model import Item, Kind, Status
from roadmap_tui.core.schedule import count_flags, item_flags

D = _dt.date


def item(
    end: str, status: Status = Status.PLANNED, start: str | None = None, deps: tuple[str, ...] = ()
) -> Item:
    return Item(
        id="i",
        title="t",
        roadmap_id="r",
        track_id="k",
        kind=Kind.PHASE,
        start=parse_period(start or end),
        end=parse_period(end),
        status=status,
        depends_on=deps,
    )


@pytest.mark.parametrize(
    ("end", "status", "as_of", "overdue", "due_soon"),
    [
        ("R8", Status.PLANNED, D(2027, 3, 31), False, True),  # due on its last day, not before
        ("R8", Status.PLANNED, D(2027, 4, 1), True, False),
        ("R8", Status.IN_PROGRESS, D(2026, 11, 22), False, False),  # 129 days left
        ("R8", Status.DONE, D(2030, 1, 1), False, False),
        ("R8", Status.CANCELLED, D(2030, 1, 1), False, False),
        ("R8", Status.BLOCKED, D(2027, 4, 1), True, False),
        ("2026-12-01", Status.PLANNED, D(2026, 11, 22), False, True),
        ("2026-12-22", Status.PLANNED, D(2026, 11, 22), False, True),  # exactly 30 days
        ("2026-12-23", Status.PLANNED, D(2026, 11, 22), False, False),
        ("2026-11", Status.PLANNED, D(2026, 11, 22), False, True),  # month: due Nov 30
        ("令和3年度", Status.PLANNED, D(2026, 11, 22), True, False),
        ("R8上期", Status.PLANNED, D(2026, 10, 1), True, False),  # first half ends Sep 30
        ("FY2026Q3", Status.PLANNED, D(2026, 12, 31), False, True),
    ],
)
def test_overdue_and_due_soon(
    end: str, status: Status, as_of: _dt.date, overdue: bool, due_soon: bool
) -> None:
    flags = item_flags(item(end, status), as_of)
    assert (flags.overdue, flags.due_soon) == (overdue, due_soon)


def test_r8_is_due_on_the_last_day_of_the_fiscal_year() -> None:
    assert item("R8").due_day == D(2027, 3, 31)


def test_late_start_is_a_passed_start_still_planned() -> None:
    late = item("R9", start="R8")
    assert item_flags(late, D(2026, 4, 2)).late_start
    assert not item_flags(late, D(2026, 4, 1)).late_start
    late.status = Status.IN_PROGRESS
    assert not item_flags(late, D(2026, 4, 2)).late_start


def test_blocked_by_an_open_dependency_once_it_should_have_started() -> None:
    dep = item("R7")
    dep.id = "dep"
    later = item("R9", start="R8", deps=("dep",))
    by_id = {"dep": dep, "i": later}
    assert not item_flags(later, D(2026, 3, 31), by_id).blocked  # not started yet
    flags = item_flags(later, D(2026, 4, 1), by_id)
    assert flags.blocked and flags.blocked_by == ("dep",)
    dep.status = Status.DONE
    assert not item_flags(later, D(2026, 4, 1), by_id).blocked
    dep.status = Status.CANCELLED  # a cancelled dependency no longer blocks
    assert not item_flags(later, D(2026, 4, 1), by_id).blocked


def test_marked_blocked_is_blocked() -> None:
    assert item_flags(item("R9", Status.BLOCKED), D(2026, 1, 1)).blocked


def test_counts() -> None:
    flags = [
        item_flags(item("R3"), D(2026, 11, 22)),
        item_flags(item("2026-12-01"), D(2026, 11, 22)),
        item_flags(item("R9", Status.BLOCKED), D(2026, 11, 22)),
    ]
    counts = count_flags(flags)
    assert (counts.items, counts.overdue, counts.due_soon, counts.blocked) == (3, 1, 1, 1)
