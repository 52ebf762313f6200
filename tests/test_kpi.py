"""KPI figures (core.kpi) on the real Yokohama and Tokorozawa KPIs: attainment, off-track, overdue."""

from __future__ import annotations

import copy
import datetime as _dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from roadmap_tui.core.dates import parse_period
from roadmap_tui.core.kpi import (
    SPARK_BARS,
    attainment,
    evaluate,
    expected_at,
    is_met,
    known_actuals,
    sparkline,
)
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import KPI, Direction, Measure, RoadmapFolder, Target
from tests.conftest import AS_OF, ROADMAPS

R8_END = _dt.date(2027, 3, 31)
R9_END = _dt.date(2028, 3, 31)
AFTER_R11 = _dt.date(2030, 4, 1)  # the day after the R11 targets are due


@pytest.fixture(scope="module")
def folder() -> RoadmapFolder:
    return load_paths([ROADMAPS])


def kpi_with(folder: RoadmapFolder, kpi_id: str, *actuals: tuple[str, float]) -> KPI:
    """A copy of a bundled KPI with extra actuals (date text, value)."""
    kpi = copy.deepcopy(folder.kpis_by_id[kpi_id])
    for when, value in actuals:
        kpi.actuals.append(Measure(value, parse_period(when)))
    return kpi


# ── ">=": 行政手続のオンライン利用率 59% (R7) → 70% (R11) ────────────────────────


def test_online_rate_attainment_is_progress_from_baseline(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-online-rate", ("R8", 62))
    report = evaluate(kpi, AFTER_R11 - _dt.timedelta(days=1))
    assert report.target_value == 70
    assert report.attainment == pytest.approx((62 - 59) / (70 - 59) * 100)  # 27.3 %
    assert report.latest is not None and report.latest.day == R8_END
    assert report.met is False


def test_online_rate_linear_path_decides_off_track(folder: RoadmapFolder) -> None:
    # The line runs from 59 on 2026-03-31 to 70 on 2030-03-31: 61.75 on 2027-03-31.
    on_path = expected_at(folder.kpis_by_id["yk-kpi-online-rate"], R8_END)
    assert on_path == pytest.approx(59 + 11 * 365 / 1461)
    assert not evaluate(kpi_with(folder, "yk-kpi-online-rate", ("R8", 62)), R8_END).off_track
    behind = evaluate(kpi_with(folder, "yk-kpi-online-rate", ("R8", 61)), R8_END)
    assert behind.off_track and behind.flags() == ["off-track"]


def test_online_rate_overdue_only_after_due_and_not_met(folder: RoadmapFolder) -> None:
    short = kpi_with(folder, "yk-kpi-online-rate", ("R11", 68))
    assert not evaluate(short, _dt.date(2030, 3, 31)).overdue  # due day itself: not yet
    assert evaluate(short, AFTER_R11).overdue
    reached = kpi_with(folder, "yk-kpi-online-rate", ("R11", 70))
    late = evaluate(reached, AFTER_R11)
    assert late.met and not late.overdue and not late.off_track
    assert late.attainment == pytest.approx(100.0)
    assert late.flags() == ["met"]


def test_no_actual_is_not_met_once_due(folder: RoadmapFolder) -> None:
    kpi = folder.kpis_by_id["yk-kpi-online-rate"]
    assert not evaluate(kpi, AS_OF).overdue
    after = evaluate(kpi, AFTER_R11)
    assert after.overdue and after.met is None and after.attainment is None
    assert not after.off_track  # nothing to compare with the path


# ── "<=": 引越し手続に伴う申請書記入枚数 7枚 → 0枚 ──────────────────────────────────


def test_moving_forms_lower_is_better(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-moving-forms", ("R9", 3))
    report = evaluate(kpi, R9_END)
    assert report.target_value == 0
    assert report.attainment == pytest.approx((3 - 7) / (0 - 7) * 100)  # 57.1 %
    # Path on 2028-03-31: 7 − 7 × 731/1461 = 3.50: three sheets is ahead of it.
    assert report.expected == pytest.approx(7 - 7 * 731 / 1461)
    assert not report.off_track
    assert evaluate(kpi_with(folder, "yk-kpi-moving-forms", ("R9", 4)), R9_END).off_track


def test_moving_forms_met_at_zero_and_overdue_above(folder: RoadmapFolder) -> None:
    done = evaluate(kpi_with(folder, "yk-kpi-moving-forms", ("R10", 0)), AFTER_R11)
    assert done.met and done.attainment == pytest.approx(100.0) and not done.overdue
    left = evaluate(kpi_with(folder, "yk-kpi-moving-forms", ("R11", 1)), AFTER_R11)
    assert left.met is False and left.overdue


# ── large counts: AIサービスの利用者数 約1,060万人 → 1,450万人以上 ─────────────────────


def test_ai_users_in_millions(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-ai-users", ("R8", 12_000_000))
    report = evaluate(kpi, R8_END)
    assert report.attainment == pytest.approx(1_400_000 / 3_900_000 * 100)  # 35.9 %
    assert report.expected == pytest.approx(10_600_000 + 3_900_000 * 365 / 1461)
    assert not report.off_track
    assert evaluate(kpi_with(folder, "yk-kpi-ai-users", ("R8", 11_000_000)), R8_END).off_track


# ── 倍増 (factor) targets ──────────────────────────────────────────────────────


def test_factor_target_without_baseline_is_unknown(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-hack-challenges", ("R8", 40))
    assert kpi.target is not None and kpi.target.factor == 2.0
    report = evaluate(kpi, R8_END)
    assert report.target_value is None
    assert report.attainment is None and report.met is None and report.expected is None
    assert not report.off_track and not report.overdue
    # Once due, an unknown target counts as not shown to be met.
    assert evaluate(kpi, AFTER_R11).overdue


def test_factor_target_doubles_a_recorded_baseline(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-hack-challenges", ("R9", 30))
    kpi.baseline = Measure(20, parse_period("R7"))
    report = evaluate(kpi, R9_END)
    assert report.target_value == 40
    assert report.attainment == pytest.approx(50.0)
    # Path on 2028-03-31: 20 + 20 × 731/1461 = 30.007: 30 is (just) behind.
    assert report.off_track


# ── "=" targets and KPIs without a baseline or target ───────────────────────────


def test_exact_target_without_baseline(folder: RoadmapFolder) -> None:
    kpi = folder.kpis_by_id["yk-kpi-support-team-areas"]  # 全255地区
    assert kpi.target is not None and kpi.target.direction is Direction.EQUAL
    assert attainment(kpi, 102) == pytest.approx(40.0)
    assert is_met(kpi, 255) is True and is_met(kpi, 254) is False and is_met(kpi, 256) is False


def test_exact_target_takes_the_side_of_the_target(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-cloud-rate", ("R9", 50))  # = 100%, due R12
    kpi.baseline = Measure(45, parse_period("R7"))
    report = evaluate(kpi, R9_END)
    assert report.expected is not None and report.expected > 50  # rising path
    assert report.off_track


def test_at_most_target_without_baseline() -> None:
    kpi = KPI("k", "k", "r", baseline=None)
    kpi.target = Target(due=parse_period("R11"), direction=Direction.AT_MOST, value=5)
    assert attainment(kpi, 10) == pytest.approx(50.0)
    assert attainment(kpi, 4) == pytest.approx(100.0)
    kpi.target.value = 0
    assert attainment(kpi, 3) is None


def test_tokorozawa_actuals_without_target(folder: RoadmapFolder) -> None:
    kpi = folder.kpis_by_id["tz-plan-kpi-women-city-council"]  # 23.3% → 30.3%
    report = evaluate(kpi, AS_OF)
    assert report.latest is not None
    assert (report.latest.value, report.latest.day) == (30.3, _dt.date(2024, 4, 1))
    assert report.attainment is None and report.met is None
    assert not report.overdue and not report.off_track and report.due_day is None
    assert report.spark == SPARK_BARS[0] + SPARK_BARS[-1]


def test_tokorozawa_baseline_only(folder: RoadmapFolder) -> None:
    report = evaluate(folder.kpis_by_id["tz-dx-kpi-daily-hp-data"], AS_OF)
    assert report.latest is None and report.spark == "" and report.flags() == []


def test_actuals_not_yet_known_on_as_of_are_ignored(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-online-rate", ("2026-10-01", 60), ("2027-01-15", 65))
    assert [p.value for p in known_actuals(kpi, AS_OF)] == [60]
    assert evaluate(kpi, AS_OF).latest is not None
    assert evaluate(kpi, _dt.date(2027, 1, 15)).points[-1].value == 65


# ── sparkline ─────────────────────────────────────────────────────────────────


def test_sparkline_scales_between_min_and_max() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert sparkline([]) == ""
    # Scaled with baseline 59 and target 70: 62 sits low, 70 at the top.
    assert sparkline([62, 70], lo=59, hi=70) == "▃█"


def test_report_sparkline_includes_baseline_and_target_in_scale(folder: RoadmapFolder) -> None:
    kpi = kpi_with(folder, "yk-kpi-online-rate", ("R8", 62), ("R9", 65), ("R10", 70))
    assert evaluate(kpi, AFTER_R11).spark == "▃▅█"


def test_fraction_is_clamped_for_bars(folder: RoadmapFolder) -> None:
    worse = evaluate(kpi_with(folder, "yk-kpi-online-rate", ("R8", 50)), R8_END)
    assert worse.attainment is not None and worse.attainment < 0 and worse.fraction == 0.0
    beyond = evaluate(kpi_with(folder, "yk-kpi-online-rate", ("R8", 80)), R8_END)
    assert beyond.fraction == 1.0 and beyond.met


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.sampled_from(list(Direction)),
)
def test_attainment_is_0_at_baseline_and_100_at_target(
    baseline: float, target: float, direction: Direction
) -> None:
    assume(abs(target - baseline) > 1e-3 * max(1.0, abs(target)))
    kpi = KPI("k", "k", "r", baseline=Measure(baseline, parse_period("R7")))
    kpi.target = Target(due=parse_period("R11"), direction=direction, value=target)
    assert attainment(kpi, baseline) == pytest.approx(0.0, abs=1e-6)
    assert attainment(kpi, target) == pytest.approx(100.0)
    assert is_met(kpi, target) is True
    # The path starts at the baseline and ends at the target.
    assert expected_at(kpi, _dt.date(2026, 3, 31)) == baseline
    assert expected_at(kpi, _dt.date(2030, 3, 31)) == target
