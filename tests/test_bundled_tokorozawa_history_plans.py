"""The bundled Tokorozawa history and plans roadmaps match their source documents.

Sources: two editions of 所沢市の概要, chapter 「5 経営企画部」:
  older  /work/shared/seeds/000_f941d2d755abdc45.txt (as of 令和5年4月1日; 沿革 to 令和4年12月)
  newer  /work/shared/seeds/001_e879cc21881c2818.txt (as of 令和6年4月1日; 沿革 to 令和6年1月)

A wrong date in a municipal plan is a bug, so dates are checked one by one, both as
written (the file must read like the source) and as resolved periods.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROADMAPS = Path(__file__).resolve().parent.parent / "roadmaps"
IT = ROADMAPS / "tokorozawa-it-history.toml"
PLANS = ROADMAPS / "tokorozawa-plans.toml"
OLDER = "000_f941d2d755abdc45.txt"
NEWER = "001_e879cc21881c2818.txt"
SCHEMA_LINE = "#:schema ../roadmap_tui/schema/roadmap.schema.json"
D = dt.date


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def it_doc() -> dict[str, Any]:
    return _load(IT)


@pytest.fixture(scope="module")
def plans_doc() -> dict[str, Any]:
    return _load(PLANS)


def _items(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in doc["items"]}


# ───────────────────────── both files ─────────────────────────


@pytest.mark.parametrize("path", [IT, PLANS], ids=["it-history", "plans"])
def test_first_line_is_schema_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


@pytest.mark.parametrize(
    ("path", "prefix"), [(IT, "tz-it-"), (PLANS, "tz-plan-")], ids=["it-history", "plans"]
)
def test_ids_and_sources(path: Path, prefix: str) -> None:
    doc = _load(path)
    ids = [item["id"] for item in doc["items"]] + [k["id"] for k in doc.get("kpis", [])]
    assert len(ids) == len(set(ids))
    for item_id in ids:
        assert item_id.startswith(prefix)
        assert item_id == item_id.lower()
        assert all(c.isascii() and (c.isalnum() or c == "-") for c in item_id)
    track_ids = {t["id"] for t in doc["tracks"]}
    for item in doc["items"]:
        assert item["track"] in track_ids
        src = item["source"]
        assert src["edition"] in ("older", "newer", "both"), item["id"]
        assert src["section"], item["id"]
        # an older-only entry points at the older document, everything else at the newer
        expected = OLDER if src["edition"] == "older" else NEWER
        assert src["document"] == expected, item["id"]
        assert item["title"] and item["title_en"], item["id"]


@pytest.mark.parametrize("path", [IT, PLANS], ids=["it-history", "plans"])
def test_done_items_carry_their_actual_dates(path: Path) -> None:
    for item in _load(path)["items"]:
        if item["status"] != "done":
            assert "actual_end" not in item, item["id"]
            continue
        if item["kind"] == "milestone":
            assert item["actual_end"] == item["date"], item["id"]
        else:
            assert item["actual_start"] == item["start"], item["id"]
            assert item["actual_end"] == item["end"], item["id"]


@pytest.mark.parametrize("path", [IT, PLANS], ids=["it-history", "plans"])
def test_no_progress_numbers(path: Path) -> None:
    # Neither edition gives a progress percentage for any entry.
    assert all("progress" not in item for item in _load(path)["items"])


# ───────────────────────── tokorozawa-it-history ─────────────────────────


def test_it_header(it_doc: dict[str, Any]) -> None:
    rm = it_doc["roadmap"]
    assert rm["id"] == "tokorozawa-it-history"
    assert rm["title"] == "所沢市 情報化施策・情報システム整備の沿革"
    assert rm["title_en"]
    assert rm["owner"] == "所沢市 経営企画部"
    assert rm["source"]["document"] == NEWER
    assert rm["calendar"]["fiscal_year_start_month"] == 4


def test_it_counts(it_doc: dict[str, Any]) -> None:
    assert len(it_doc["tracks"]) == 6
    assert len(it_doc["items"]) == 44
    assert len(it_doc.get("kpis", [])) == 0
    assert Counter(i["track"] for i in it_doc["items"]) == {
        "tz-it-plan": 11,
        "tz-it-host": 3,
        "tz-it-net": 8,
        "tz-it-office": 10,
        "tz-it-service": 5,
        "tz-it-security": 7,
    }
    assert Counter(i["kind"] for i in it_doc["items"]) == {"milestone": 43, "phase": 1}


def test_it_editions(it_doc: dict[str, Any]) -> None:
    by_edition: dict[str, set[str]] = {"older": set(), "newer": set(), "both": set()}
    for item in it_doc["items"]:
        by_edition[item["source"]["edition"]].add(item["id"])
    # 沿革 entries 令和5年2月 … 令和6年1月 are only in the newer edition; the newer
    # edition's prose names the セキュリティ監査基本方針 instead of the audits from H28年度.
    assert by_edition["newer"] == {
        "tz-it-r5-security-audit-policy",
        "tz-it-r5-mynaportal",
        "tz-it-r5-jutaku-chizu",
        "tz-it-r5-gyomu-kaizen-platform",
        "tz-it-r6-generative-ai",
    }
    assert by_edition["older"] == {"tz-it-h28-security-audits"}
    assert len(by_edition["both"]) == 38


IT_DATES = [
    # id, key, as written, first day, last day
    ("tz-it-s43-batch", "date", "昭和43年度", D(1968, 4, 1), D(1969, 3, 31)),
    ("tz-it-s61-own-computer", "date", "昭和61年7月", D(1986, 7, 1), D(1986, 7, 31)),
    ("tz-it-h7-gyosei-johoka-plan", "date", "平成7年5月", D(1995, 5, 1), D(1995, 5, 31)),
    ("tz-it-h8-homepage", "date", "平成8年4月", D(1996, 4, 1), D(1996, 4, 30)),
    ("tz-it-h8-zencho-network", "date", "平成8年9月", D(1996, 9, 1), D(1996, 9, 30)),
    ("tz-it-h14-denshi-shiyakusho-kochiku", "date", "平成14年度", D(2002, 4, 1), D(2003, 3, 31)),
    ("tz-it-h14-lgwan", "date", "平成14年10月", D(2002, 10, 1), D(2002, 10, 31)),
    ("tz-it-h15-action-plan-1", "date", "平成15年3月", D(2003, 3, 1), D(2003, 3, 31)),
    ("tz-it-h18-action-plan-2", "date", "平成18年3月", D(2006, 3, 1), D(2006, 3, 31)),
    ("tz-it-h21-action-plan-3", "date", "平成21年3月", D(2009, 3, 1), D(2009, 3, 31)),
    ("tz-it-h24-action-plan-4", "date", "平成24年3月", D(2012, 3, 1), D(2012, 3, 31)),
    ("tz-it-h19-kikan-update-plan", "date", "平成19年度", D(2007, 4, 1), D(2008, 3, 31)),
    ("tz-it-h20-denshi-shiyakusho-suishin", "date", "平成20年度", D(2008, 4, 1), D(2009, 3, 31)),
    ("tz-it-h26-ict-kihon-hoshin", "date", "平成26年度", D(2014, 4, 1), D(2015, 3, 31)),
    ("tz-it-ict-action-plan-2019-2021", "start", "2019年度", D(2019, 4, 1), D(2020, 3, 31)),
    ("tz-it-ict-action-plan-2019-2021", "end", "2021年度", D(2021, 4, 1), D(2022, 3, 31)),
    ("tz-it-r2-soumu-dx-plan", "date", "令和2年12月", D(2020, 12, 1), D(2020, 12, 31)),
    ("tz-it-r4-dx-kihon-hoshin", "date", "令和4年3月", D(2022, 3, 1), D(2022, 3, 31)),
    ("tz-it-h28-security-audit-plan", "date", "平成28年1月", D(2016, 1, 1), D(2016, 1, 31)),
    ("tz-it-h28-security-audits", "date", "平成28年度", D(2016, 4, 1), D(2017, 3, 31)),
    ("tz-it-h29-security-hardening", "date", "平成29年6月", D(2017, 6, 1), D(2017, 6, 30)),
    ("tz-it-r3-remote-access", "date", "令和3年2月", D(2021, 2, 1), D(2021, 2, 28)),
    ("tz-it-r3-web-meeting-pc", "date", "令和3年2月", D(2021, 2, 1), D(2021, 2, 28)),
    ("tz-it-r3-ai-ocr", "date", "令和3年6月", D(2021, 6, 1), D(2021, 6, 30)),
    ("tz-it-r4-virtual-browser", "date", "令和4年12月", D(2022, 12, 1), D(2022, 12, 31)),
    ("tz-it-r5-security-audit-policy", "date", "令和5年2月", D(2023, 2, 1), D(2023, 2, 28)),
    ("tz-it-r5-mynaportal", "date", "令和5年3月", D(2023, 3, 1), D(2023, 3, 31)),
    ("tz-it-r6-generative-ai", "date", "令和6年1月", D(2024, 1, 1), D(2024, 1, 31)),
]


@pytest.mark.parametrize(("item_id", "key", "written", "first", "last"), IT_DATES)
def test_it_dates_as_written(
    it_doc: dict[str, Any], item_id: str, key: str, written: str, first: D, last: D
) -> None:
    assert _items(it_doc)[item_id][key] == written


def test_it_titles(it_doc: dict[str, Any]) -> None:
    items = _items(it_doc)
    assert items["tz-it-h8-zencho-network"]["title"] == "全庁情報通信ネットワーク構築"
    assert items["tz-it-h7-gyosei-johoka-plan"]["title"] == "行政情報化基本計画策定"
    assert (
        items["tz-it-ict-action-plan-2019-2021"]["title"]
        == "所沢市ICT推進アクションプラン2019-2021"
    )
    assert items["tz-it-r4-dx-kihon-hoshin"]["title"] == "所沢市DX推進基本方針策定"
    assert items["tz-it-h14-lgwan"]["title"] == "総合行政ネットワーク（LGWAN）に接続"
    assert items["tz-it-r6-generative-ai"]["title"] == "文章生成 AI の運用開始"


def test_it_statuses(it_doc: dict[str, Any]) -> None:
    statuses = {i["id"]: i["status"] for i in it_doc["items"]}
    # Only the action plan 2019-2021 lacks a recorded outcome: left planned.
    assert statuses.pop("tz-it-ict-action-plan-2019-2021") == "planned"
    assert set(statuses.values()) == {"done"}


def test_it_plan_lineage(it_doc: dict[str, Any]) -> None:
    deps = {i["id"]: i.get("depends_on", []) for i in it_doc["items"]}
    assert deps["tz-it-h8-zencho-network"] == ["tz-it-h7-gyosei-johoka-plan"]
    assert deps["tz-it-h18-action-plan-2"] == ["tz-it-h15-action-plan-1"]
    assert deps["tz-it-h21-action-plan-3"] == ["tz-it-h18-action-plan-2"]
    assert deps["tz-it-h24-action-plan-4"] == ["tz-it-h21-action-plan-3"]
    assert deps["tz-it-h26-ict-kihon-hoshin"] == [
        "tz-it-h24-action-plan-4",
        "tz-it-h20-denshi-shiyakusho-suishin",
    ]
    assert deps["tz-it-ict-action-plan-2019-2021"] == ["tz-it-h26-ict-kihon-hoshin"]
    assert deps["tz-it-r4-dx-kihon-hoshin"] == ["tz-it-r2-soumu-dx-plan"]
    assert deps["tz-it-h28-security-audits"] == ["tz-it-h28-security-audit-plan"]
    assert _items(it_doc)["tz-it-r2-soumu-dx-plan"]["owner"] == "総務省"


# ───────────────────────── tokorozawa-plans ─────────────────────────


def test_plans_header(plans_doc: dict[str, Any]) -> None:
    rm = plans_doc["roadmap"]
    assert rm["id"] == "tokorozawa-plans"
    assert rm["title"].startswith("所沢市 総合計画")
    assert rm["title_en"]
    assert rm["owner"] == "所沢市 経営企画部"
    assert rm["source"]["document"] == NEWER
    assert rm["calendar"]["fiscal_year_start_month"] == 4


def test_plans_counts(plans_doc: dict[str, Any]) -> None:
    assert len(plans_doc["tracks"]) == 9
    assert len(plans_doc["items"]) == 33
    assert len(plans_doc["kpis"]) == 4
    assert Counter(i["track"] for i in plans_doc["items"]) == {
        "tz-plan-sogo": 4,
        "tz-plan-leading": 5,
        "tz-plan-gender": 4,
        "tz-plan-cjf": 8,
        "tz-plan-decatur": 2,
        "tz-plan-changzhou": 4,
        "tz-plan-anyang": 3,
        "tz-plan-intl-committee": 1,
        "tz-plan-koiki": 2,
    }


def test_plans_editions(plans_doc: dict[str, Any]) -> None:
    newer = {i["id"] for i in plans_doc["items"] if i["source"]["edition"] == "newer"}
    older = {i["id"] for i in plans_doc["items"] if i["source"]["edition"] == "older"}
    # Only the newer edition gives the periods of the 基本計画 and the 実施計画's 4年計画.
    assert newer == {
        "tz-plan-6th-zenki-kihon-keikaku",
        "tz-plan-6th-koki-kihon-keikaku",
        "tz-plan-6th-jisshi-keikaku",
    }
    assert older == set()


PLAN_DATES = [
    ("tz-plan-6th-kihon-koso", "start", "令和元年度", D(2019, 4, 1), D(2020, 3, 31)),
    ("tz-plan-6th-kihon-koso", "end", "令和10年度", D(2028, 4, 1), D(2029, 3, 31)),
    ("tz-plan-6th-zenki-kihon-keikaku", "end", "令和6年度", D(2024, 4, 1), D(2025, 3, 31)),
    ("tz-plan-6th-koki-kihon-keikaku", "start", "令和7年度", D(2025, 4, 1), D(2026, 3, 31)),
    ("tz-plan-6th-koki-kihon-keikaku", "end", "令和10年度", D(2028, 4, 1), D(2029, 3, 31)),
    ("tz-plan-lp3-kenko-choju", "end", "令和6年度", D(2024, 4, 1), D(2025, 3, 31)),
    ("tz-plan-gender-4th-plan", "start", "令和元年度", D(2019, 4, 1), D(2020, 3, 31)),
    ("tz-plan-gender-4th-plan", "end", "令和10年度", D(2028, 4, 1), D(2029, 3, 31)),
    (
        "tz-plan-gender-ordinance-promulgated",
        "date",
        "平成16年9月24日",
        D(2004, 9, 24),
        D(2004, 9, 24),
    ),
    ("tz-plan-gender-ordinance-effective", "date", "平成17年1月1日", D(2005, 1, 1), D(2005, 1, 1)),
    ("tz-plan-gender-center-flat", "date", "平成7年4月", D(1995, 4, 1), D(1995, 4, 30)),
    ("tz-plan-cjf-2014-05-basic-agreement", "date", "2014-05", D(2014, 5, 1), D(2014, 5, 31)),
    ("tz-plan-cjf-2015-06-announcement", "date", "2015-06", D(2015, 6, 1), D(2015, 6, 30)),
    ("tz-plan-cjf-2016-06-promotion-agreement", "date", "2016-06", D(2016, 6, 1), D(2016, 6, 30)),
    ("tz-plan-cjf-2020-11-sakura-town-open", "date", "2020-11", D(2020, 11, 1), D(2020, 11, 30)),
    ("tz-plan-cjf-2021-05-yot-toko-open", "date", "2021-05", D(2021, 5, 1), D(2021, 5, 31)),
    ("tz-plan-sister-city-decatur", "date", D(1966, 5, 6), D(1966, 5, 6), D(1966, 5, 6)),
    ("tz-plan-sister-city-changzhou", "date", D(1992, 4, 20), D(1992, 4, 20), D(1992, 4, 20)),
    ("tz-plan-sister-city-anyang", "date", D(1998, 4, 17), D(1998, 4, 17), D(1998, 4, 17)),
    ("tz-plan-intl-friendship-committee", "date", 1966, D(1966, 1, 1), D(1966, 12, 31)),
    ("tz-plan-changzhou-exchange", "start", "1985-10", D(1985, 10, 1), D(1985, 10, 31)),
    ("tz-plan-seibu-council-founded", "date", "昭和63年", D(1988, 1, 1), D(1988, 12, 31)),
    ("tz-plan-seibu-council-hidaka", "date", "平成31年", D(2019, 1, 1), D(2019, 12, 31)),
]


@pytest.mark.parametrize(("item_id", "key", "written", "first", "last"), PLAN_DATES)
def test_plan_dates_as_written(
    plans_doc: dict[str, Any], item_id: str, key: str, written: object, first: D, last: D
) -> None:
    assert _items(plans_doc)[item_id][key] == written


def test_leading_projects(plans_doc: dict[str, Any]) -> None:
    lps = [i for i in plans_doc["items"] if i["track"] == "tz-plan-leading"]
    assert [i["title"] for i in lps] == [
        "絆を紡ぐまちづくり",
        "子どもが大切にされるまちづくり",
        "元気でいきいき“健幸（けんこう）長寿のまち”の実現",
        "人と自然が共生するまち“エコタウン所沢”の実現",
        "所沢ブランドの推進とまちの活性化",
    ]
    for lp in lps:  # each spans the 前期基本計画
        assert (lp["start"], lp["end"], lp["status"]) == ("令和元年度", "令和6年度", "in-progress")


def test_plan_statuses(plans_doc: dict[str, Any]) -> None:
    statuses = {i["id"]: i["status"] for i in plans_doc["items"]}
    assert statuses["tz-plan-6th-kihon-koso"] == "in-progress"
    assert statuses["tz-plan-6th-zenki-kihon-keikaku"] == "in-progress"
    assert statuses["tz-plan-6th-koki-kihon-keikaku"] == "planned"
    assert statuses["tz-plan-6th-jisshi-keikaku"] == "in-progress"
    assert statuses["tz-plan-gender-4th-plan"] == "in-progress"
    # Everything else is a recorded event (done); these plan periods run on.
    open_ids = {k for k, v in statuses.items() if v != "done"}
    assert open_ids == {
        "tz-plan-6th-kihon-koso",
        "tz-plan-6th-zenki-kihon-keikaku",
        "tz-plan-6th-koki-kihon-keikaku",
        "tz-plan-6th-jisshi-keikaku",
        "tz-plan-lp1-kizuna",
        "tz-plan-lp2-kodomo",
        "tz-plan-lp3-kenko-choju",
        "tz-plan-lp4-eco-town",
        "tz-plan-lp5-tokorozawa-brand",
        "tz-plan-gender-4th-plan",
    }


def test_sister_cities(plans_doc: dict[str, Any]) -> None:
    items = _items(plans_doc)
    assert "ディケイター" in items["tz-plan-sister-city-decatur"]["title"]
    assert "常州" in items["tz-plan-sister-city-changzhou"]["title"]
    assert "安養" in items["tz-plan-sister-city-anyang"]["title"]
    assert items["tz-plan-changzhou-exchange"]["end"] == D(1992, 4, 20)
    assert items["tz-plan-anyang-exchange"]["end"] == D(1998, 4, 17)


def test_gender_kpis(plans_doc: dict[str, Any]) -> None:
    kpis = {k["id"]: k for k in plans_doc["kpis"]}
    values = {kid: [(a["date"], a["value"]) for a in k["actuals"]] for kid, k in kpis.items()}
    assert values == {
        "tz-plan-kpi-women-city-council": [("令和5年4月1日", 23.3), ("令和6年4月1日", 30.3)],
        "tz-plan-kpi-women-shingikai": [("令和5年4月1日", 27.9), ("令和6年4月1日", 28.9)],
        "tz-plan-kpi-women-kacho": [("令和5年4月1日", 13), ("令和6年4月1日", 15)],
        "tz-plan-kpi-women-staff": [("令和5年4月1日", 32.0), ("令和6年4月1日", 33.0)],
    }
    for kpi in kpis.values():
        assert "target" not in kpi  # the source gives none
        assert kpi["related"] == ["tz-plan-gender-4th-plan"]


# ───────────────────────── through the loader ─────────────────────────


@pytest.fixture(scope="module")
def folder():  # type: ignore[no-untyped-def]
    loader = pytest.importorskip("roadmap_tui.core.loader")
    return loader.load_paths([IT, PLANS])


def test_loads_without_problems(folder) -> None:  # type: ignore[no-untyped-def]
    assert [str(p) for p in folder.problems] == []
    assert {r.id: (len(r.tracks), len(r.items), len(r.kpis)) for r in folder.roadmaps} == {
        "tokorozawa-it-history": (6, 44, 0),
        "tokorozawa-plans": (9, 33, 4),
    }


@pytest.mark.parametrize(("item_id", "key", "written", "first", "last"), IT_DATES + PLAN_DATES)
def test_dates_resolve(  # type: ignore[no-untyped-def]
    folder, item_id: str, key: str, written: object, first: D, last: D
) -> None:
    item = next(i for i in folder.items if i.id == item_id)
    period = item.end if key == "end" else item.start
    assert (period.start, period.end) == (first, last)


def test_parse_period_examples() -> None:
    dates = pytest.importorskip("roadmap_tui.core.dates")
    p = dates.parse_period
    assert p("平成8年9月").start == D(1996, 9, 1)  # 全庁情報通信ネットワーク構築
    assert p("昭和43年度").start == D(1968, 4, 1)
    assert p("令和元年度").start == p("2019年度").start == D(2019, 4, 1)
    assert p("令和10年度").end == D(2029, 3, 31)


def test_overdue_at_the_documents_dates(folder) -> None:  # type: ignore[no-untyped-def]
    schedule = pytest.importorskip("roadmap_tui.core.schedule")
    # At the newer edition's date (令和6年4月1日) only the action plan 2019-2021,
    # whose outcome neither edition records, is overdue.
    overdue = {i.id for i in folder.items if schedule.is_overdue(i, D(2024, 4, 1))}
    assert overdue == {"tz-it-ict-action-plan-2019-2021"}
    # Once the 前期基本計画 has ended (令和6年度) without a recorded outcome, it and
    # its five リーディングプロジェクト are flagged too.
    later = {i.id for i in folder.items if schedule.is_overdue(i, D(2025, 4, 1))}
    assert later == {
        "tz-it-ict-action-plan-2019-2021",
        "tz-plan-6th-zenki-kihon-keikaku",
        "tz-plan-lp1-kizuna",
        "tz-plan-lp2-kodomo",
        "tz-plan-lp3-kenko-choju",
        "tz-plan-lp4-eco-town",
        "tz-plan-lp5-tokorozawa-brand",
    }
