"""The bundled Tokorozawa DX roadmap matches its source document.

Source: /work/shared/seeds/002_9d6925af7922482b.txt, 所沢市DX推進基本方針 (2026年3月改定).
A wrong date in a municipal plan is a bug, so the dates are checked one by one
against what the document writes.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROADMAP = Path(__file__).resolve().parent.parent / "roadmaps" / "tokorozawa-dx.toml"
DOCUMENT = "002_9d6925af7922482b.txt"
D = dt.date


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    with ROADMAP.open("rb") as fh:
        return tomllib.load(fh)


def _items(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in doc["items"]}


# ───────────────────────── raw file (tomllib) ─────────────────────────


def test_first_line_is_schema_comment() -> None:
    first = ROADMAP.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../roadmap_tui/schema/roadmap.schema.json"


def test_header(doc: dict[str, Any]) -> None:
    rm = doc["roadmap"]
    assert rm["id"] == "tokorozawa-dx"
    assert rm["title"] == "所沢市DX推進基本方針（2026年3月改定）"
    assert rm["title_en"]
    assert rm["owner"] == "所沢市経営企画部デジタル戦略課"
    assert rm["source"]["document"] == DOCUMENT
    assert rm["calendar"]["fiscal_year_start_month"] == 4


def test_counts(doc: dict[str, Any]) -> None:
    assert len(doc["tracks"]) == 7
    assert len(doc["items"]) == 41
    assert len(doc["kpis"]) == 4
    per_track = Counter(item["track"] for item in doc["items"])
    assert per_track == {
        "national": 6,
        "policy": 3,
        "initiatives": 21,
        "vision": 1,
        "theme1": 3,
        "theme2": 3,
        "theme3": 4,
    }


def test_initiatives_per_fiscal_year(doc: dict[str, Any]) -> None:
    # The table 「これまでの所沢市の主なDX施策の取組」: 3, 3, 5, 5, 3 rows per 年度,
    # plus two initiatives named only in the evaluation of the DX定着期間.
    tabled = [i for i in doc["items"] if i["id"].startswith("tz-dx-fy")]
    assert Counter(i["date"] for i in tabled) == {
        "2021年度": 3,
        "2022年度": 3,
        "2023年度": 5,
        "2024年度": 5,
        "2025年度": 3,
    }
    for item in tabled:
        assert item["id"].startswith("tz-dx-fy" + item["date"][:4])
        assert item["status"] == "done"
    undated = [i for i in doc["items"] if i["id"].startswith("tz-dx-period-")]
    assert {i["title"] for i in undated} == {
        "市ホームページの多言語対応",
        "公民連携プラットフォームの設置",
    }
    for item in undated:
        assert (item["start"], item["end"], item["status"]) == ("2022年度", "2025年度", "done")
        assert "not a duration" in item["notes"]


def test_ids_prefixes_and_sources(doc: dict[str, Any]) -> None:
    ids = [item["id"] for item in doc["items"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("tz-dx-") for i in ids)
    kpi_ids = [kpi["id"] for kpi in doc["kpis"]]
    assert all(k.startswith("tz-dx-kpi-") for k in kpi_ids)
    tracks = {t["id"] for t in doc["tracks"]}
    for entry in [*doc["items"], *doc["kpis"]]:
        assert entry["source"]["document"] == DOCUMENT, entry["id"]
        assert entry["source"]["section"], entry["id"]
        assert entry["title"] and entry["title_en"], entry["id"]
    for item in doc["items"]:
        assert item["track"] in tracks
        for dep in item.get("depends_on", []):
            assert dep in ids, (item["id"], dep)
        assert "progress" not in item  # the document gives no progress figures
    for kpi in doc["kpis"]:
        for ref in kpi["related"]:
            assert ref in ids


def test_titles_as_in_document(doc: dict[str, Any]) -> None:
    items = _items(doc)
    assert items["tz-dx-vision-2040"]["title"] == "人にやさしいデジタルが暮らしに浸透したまち"
    assert items["tz-dx-goal-1-1"]["title"] == "1-1. 手続や問い合わせ、相談が簡単にできる"
    assert items["tz-dx-goal-2-3"]["title"] == (
        "2-3.地域活性化や市民生活に必要な情報を入手し活用することができる"
    )
    assert items["tz-dx-goal-3-4"]["title"] == "3-4.安全・安心な行政サービスを維持できている"
    assert items["tz-dx-fy2024-bus-location"]["title"] == (
        "市内循環バス「ところバス」の所在地が分かるロケーションシステムの導入"
    )
    assert items["tz-dx-teichaku-period"]["title"] == "DX定着期間"
    # Footnote markers (*) are not part of titles.
    assert not any("*" in item["title"] for item in doc["items"])


# Dates exactly as written in the file (the document's own forms).
RAW_DATES = {
    "tz-dx-nat-science-plan5": D(2016, 1, 22),  # 2016年1月22日閣議決定
    "tz-dx-nat-jichitai-dx-plan": "2020-12",  # 2020年12月に…策定
    "tz-dx-nat-digital-agency": "2021年",  # 2021年に設置された「デジタル庁」
    "tz-dx-nat-digiden-policy": "2022-06",  # 2022年6月には…閣議決定
    "tz-dx-nat-chiho-sosei-honbu": "2024-10",  # 2024年10月には…設置
    "tz-dx-policy-adopted": "令和4年3月",  # 基本方針を令和4年3月に策定
    "tz-dx-policy-revised": "2026-03",  # 2026年3月改定
    "tz-dx-fy2021-cashless": "2021年度",
    "tz-dx-fy2022-kakanai-madoguchi": "2022年度",
    "tz-dx-fy2023-genai": "2023年度",
    "tz-dx-fy2024-document-mgmt": "2024年度",
    "tz-dx-fy2025-gov-cloud-migration": "2025年度",
    "tz-dx-goal-1-3": "2030年",  # 2030年時点のありたい姿
    "tz-dx-vision-2040": "2040年",  # 2040年時点の所沢市のビジョン
}
RAW_SPANS = {
    "tz-dx-nat-jichitai-dx-plan-period": ("2020年度", "2025年度"),  # (2020年度～2025年度)
    "tz-dx-teichaku-period": ("2022年度", "2025年度"),  # DX定着期間(2022～2025年度)
}


def test_raw_dates(doc: dict[str, Any]) -> None:
    items = _items(doc)
    for item_id, written in RAW_DATES.items():
        assert items[item_id]["date"] == written, item_id
    for item_id, (start, end) in RAW_SPANS.items():
        assert (items[item_id]["start"], items[item_id]["end"]) == (start, end), item_id
    goals = [i for i in doc["items"] if i["id"].startswith("tz-dx-goal-")]
    assert len(goals) == 10
    assert {g["date"] for g in goals} == {"2030年"}


def test_statuses(doc: dict[str, Any]) -> None:
    items = _items(doc)
    status = {k: v["status"] for k, v in items.items()}
    assert status["tz-dx-policy-adopted"] == "done"
    assert status["tz-dx-policy-revised"] == "done"
    assert status["tz-dx-teichaku-period"] == "done"
    assert status["tz-dx-nat-jichitai-dx-plan-period"] == "in-progress"
    assert status["tz-dx-vision-2040"] == "planned"
    goals = {k: v for k, v in status.items() if k.startswith("tz-dx-goal-")}
    assert goals.pop("tz-dx-goal-1-3") == "in-progress"  # 「引き続き推進」
    assert set(goals.values()) == {"planned"}
    national = [i for i in doc["items"] if i["track"] == "national" and i["kind"] == "milestone"]
    assert {i["status"] for i in national} == {"done"}


def test_kpis(doc: dict[str, Any]) -> None:
    kpis = {k["id"]: k for k in doc["kpis"]}
    expected = {
        "tz-dx-kpi-daily-none": 51.9,  # 問7-1 いずれも実感しにくい
        "tz-dx-kpi-daily-hp-data": 27.2,  # 問7-1 市のホームページなどで…
        "tz-dx-kpi-admin-none": 51.4,  # 問7-2 いずれも実感しにくい
        "tz-dx-kpi-admin-info": 24.2,  # 問7-2 必要な行政情報を簡単に受け取れる
    }
    assert set(kpis) == set(expected)
    for kpi_id, value in expected.items():
        kpi = kpis[kpi_id]
        assert kpi["baseline"] == {"value": value, "date": "2024年度"}
        assert kpi["unit"] == "%"
        assert "target" not in kpi  # the document states no targets
        assert "actuals" not in kpi
    assert kpis["tz-dx-kpi-admin-info"]["related"] == ["tz-dx-goal-1-2", "tz-dx-vision-2040"]


# ─────────────── resolved periods (roadmap_tui.core.dates) ───────────────

# (first day, last day) of each written date, as the document means it.
PERIODS: dict[str, tuple[dt.date, dt.date]] = {
    "tz-dx-nat-science-plan5": (D(2016, 1, 22), D(2016, 1, 22)),
    "tz-dx-nat-jichitai-dx-plan": (D(2020, 12, 1), D(2020, 12, 31)),
    "tz-dx-nat-jichitai-dx-plan-period": (D(2020, 4, 1), D(2026, 3, 31)),
    "tz-dx-nat-digital-agency": (D(2021, 1, 1), D(2021, 12, 31)),
    "tz-dx-nat-digiden-policy": (D(2022, 6, 1), D(2022, 6, 30)),
    "tz-dx-nat-chiho-sosei-honbu": (D(2024, 10, 1), D(2024, 10, 31)),
    "tz-dx-policy-adopted": (D(2022, 3, 1), D(2022, 3, 31)),
    "tz-dx-teichaku-period": (D(2022, 4, 1), D(2026, 3, 31)),
    "tz-dx-policy-revised": (D(2026, 3, 1), D(2026, 3, 31)),
    "tz-dx-fy2021-telework": (D(2021, 4, 1), D(2022, 3, 31)),
    "tz-dx-fy2022-line-emoney": (D(2022, 4, 1), D(2023, 3, 31)),
    "tz-dx-fy2023-fit-gap": (D(2023, 4, 1), D(2024, 3, 31)),
    "tz-dx-fy2024-gov-cloud-network": (D(2024, 4, 1), D(2025, 3, 31)),
    "tz-dx-fy2025-financial-system": (D(2025, 4, 1), D(2026, 3, 31)),
    "tz-dx-period-ppp-platform": (D(2022, 4, 1), D(2026, 3, 31)),
    "tz-dx-goal-2-2": (D(2030, 1, 1), D(2030, 12, 31)),
    "tz-dx-vision-2040": (D(2040, 1, 1), D(2040, 12, 31)),
}


def _parse(value: Any) -> Any:
    dates = pytest.importorskip("roadmap_tui.core.dates")
    return dates.parse_period(value)


def _span(item: dict[str, Any]) -> tuple[dt.date, dt.date]:
    if "date" in item:
        period = _parse(item["date"])
        return period.start, period.end
    return _parse(item["start"]).start, _parse(item["end"]).end


def test_periods_resolve_as_the_document_means(doc: dict[str, Any]) -> None:
    items = _items(doc)
    for item_id, expected in PERIODS.items():
        assert _span(items[item_id]) == expected, item_id
    baseline = _parse("2024年度")
    assert (baseline.start, baseline.end) == (D(2024, 4, 1), D(2025, 3, 31))


def test_every_date_parses_and_spans_are_ordered(doc: dict[str, Any]) -> None:
    for item in doc["items"]:
        start, end = _span(item)
        assert start <= end, item["id"]
    # Initiatives sit inside FY2021..FY2025; the policy was adopted before the
    # DX定着期間 began and revised in its last month.
    items = _items(doc)
    for item in doc["items"]:
        if item["track"] == "initiatives":
            start, end = _span(item)
            assert D(2021, 4, 1) <= start and end <= D(2026, 3, 31), item["id"]
    assert _span(items["tz-dx-policy-adopted"])[1] < _span(items["tz-dx-teichaku-period"])[0]
    assert _span(items["tz-dx-policy-revised"])[1] == _span(items["tz-dx-teichaku-period"])[1]


# ─────────────────────── the loader (roadmap check) ───────────────────────


def test_loader_reads_it_cleanly() -> None:
    loader = pytest.importorskip("roadmap_tui.core.loader")
    pytest.importorskip("roadmap_tui.core.dates")
    folder = loader.load_paths([ROADMAP])
    assert [str(p) for p in folder.problems] == []
    assert len(folder.roadmaps) == 1
    roadmap = folder.roadmaps[0]
    assert roadmap.id == "tokorozawa-dx"
    assert roadmap.calendar.fiscal_year_start_month == 4
    assert len(roadmap.tracks) == 7
    assert len(roadmap.items) == 41
    assert len(roadmap.kpis) == 4

    by_id = folder.items_by_id
    for item_id, (first, last) in PERIODS.items():
        item = by_id[item_id]
        assert (item.start_day, item.due_day) == (first, last), item_id
    assert by_id["tz-dx-policy-adopted"].kind.value == "milestone"
    assert by_id["tz-dx-teichaku-period"].kind.value == "phase"
    assert by_id["tz-dx-fy2024-school-contact-boe"].depends_on == ("tz-dx-fy2023-school-contact",)
    assert by_id["tz-dx-goal-1-3"].status.value == "in-progress"
    assert by_id["tz-dx-goal-1-1"].source is not None
    assert by_id["tz-dx-goal-1-1"].source.section == "2030年時点のありたい姿"

    kpi = folder.kpis_by_id["tz-dx-kpi-daily-none"]
    assert kpi.baseline is not None and kpi.baseline.value == 51.9
    assert (kpi.baseline.date.start, kpi.baseline.date.end) == (D(2024, 4, 1), D(2025, 3, 31))
    assert kpi.target is None
