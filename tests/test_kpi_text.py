"""The KPI cells the CLI and the KPI view share (kpitext), in both languages."""

from __future__ import annotations

import datetime as _dt

import pytest

from roadmap_tui.core.kpi import evaluate, related_kpis
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.kpitext import kpi_text, summary_line
from tests.conftest import AS_OF, ROADMAPS


@pytest.fixture(scope="module")
def folder() -> RoadmapFolder:
    return load_paths([ROADMAPS])


def test_cells_of_the_ai_users_kpi(folder: RoadmapFolder) -> None:
    report = evaluate(folder.kpis_by_id["yk-kpi-ai-users"], AS_OF)
    ja = kpi_text(report, "ja")
    assert (ja.title, ja.baseline, ja.baseline_date) == (
        "AIサービスの利用者数",
        "約1,060万人",
        "令和7年度",
    )
    assert (ja.target, ja.due, ja.latest, ja.attainment) == (
        "1,450万人以上",
        "令和11年度",
        "—",
        "—",
    )
    en = kpi_text(report, "en")
    assert (en.title, en.baseline, en.baseline_date) == (
        "Users of AI services",
        "about 10.6M people",
        "FY2025",
    )
    assert (en.target, en.due) == ("at least 14.5M people", "FY2029")
    assert kpi_text(report, "ja", "iso").due == "FY2029"


def test_factor_target_cells(folder: RoadmapFolder) -> None:
    report = evaluate(folder.kpis_by_id["yk-kpi-hack-challenges"], AS_OF)
    assert kpi_text(report, "ja").target == "倍増"  # the source's label
    assert kpi_text(report, "en").target == "2× the baseline"


def test_tokorozawa_cells(folder: RoadmapFolder) -> None:
    report = evaluate(folder.kpis_by_id["tz-plan-kpi-women-kacho"], AS_OF)
    ja = kpi_text(report, "ja")
    assert (ja.latest, ja.latest_date, ja.latest_note) == ("15%", "令和6年4月1日", "newer edition")
    assert (ja.target, ja.spark, ja.flags) == ("—", "▁█", ())


def test_detail_pane_line_and_related_kpis(folder: RoadmapFolder) -> None:
    kpis = related_kpis(folder, "yk-dx-2-r9-onestop")
    assert [k.id for k in kpis] == ["yk-kpi-moving-forms", "yk-kpi-moving-time"]
    report = evaluate(kpis[0], AS_OF)
    assert (
        summary_line(report, "ja")
        == "引越し手続に伴う申請書記入枚数: 実績なし → 0枚以下（令和11年度）"
    )
    assert (
        summary_line(report, "en")
        == "Application forms filled in when moving house: no actual yet → at most 0 sheets (FY2029)"
    )
    overdue = evaluate(kpis[0], _dt.date(2030, 4, 1))
    assert summary_line(overdue, "ja").endswith(" [期限超過]")
