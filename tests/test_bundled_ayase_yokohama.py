"""The bundled Ayase and Yokohama roadmaps match their source documents.

Sources (Japanese text, in /work/shared/seeds/):

- 003_8ba53fa9941ab3fb.txt: 綾瀬市 令和3年度部局運営方針の概要 (作成日: 令和3年5月17日)
  -> roadmaps/ayase-fy2021-departments.toml
- 004_e5c75ed087b4bcbd.txt: 横浜市中期計画 (行政運営): DXの推進に向けた7つの工程表 ①〜⑦,
  the indicators of 1 (1)〜1 (4), and the AI timeline R7〜R11
  -> roadmaps/yokohama-dx-r8-r11.toml and roadmaps/yokohama-ai-phases.toml

A wrong date in a municipal plan is a bug, so dates and KPI values are checked one
by one against what the documents write.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
AYASE = ROOT / "roadmaps" / "ayase-fy2021-departments.toml"
YK_DX = ROOT / "roadmaps" / "yokohama-dx-r8-r11.toml"
YK_AI = ROOT / "roadmaps" / "yokohama-ai-phases.toml"
AYASE_DOC = "003_8ba53fa9941ab3fb.txt"
YOKOHAMA_DOC = "004_e5c75ed087b4bcbd.txt"
SEEDS = ROOT.parent / "shared" / "seeds"
SCHEMA_LINE = "#:schema ../roadmap_tui/schema/roadmap.schema.json"
AS_OF = dt.date(2026, 11, 22)
D = dt.date

# Fiscal years as the documents mean them (April–March).
R3 = (D(2021, 4, 1), D(2022, 3, 31))
R4 = (D(2022, 4, 1), D(2023, 3, 31))
R7 = (D(2025, 4, 1), D(2026, 3, 31))
R8 = (D(2026, 4, 1), D(2027, 3, 31))
R9 = (D(2027, 4, 1), D(2028, 3, 31))
R10 = (D(2028, 4, 1), D(2029, 3, 31))
R11 = (D(2029, 4, 1), D(2030, 3, 31))
R12 = (D(2030, 4, 1), D(2031, 3, 31))


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def ayase() -> dict[str, Any]:
    return _load(AYASE)


@pytest.fixture(scope="module")
def yk_dx() -> dict[str, Any]:
    return _load(YK_DX)


@pytest.fixture(scope="module")
def yk_ai() -> dict[str, Any]:
    return _load(YK_AI)


def _items(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in doc["items"]}


def _kpis(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {kpi["id"]: kpi for kpi in doc.get("kpis", [])}


def _squash(text: str) -> str:
    """Text without any whitespace: the extraction breaks lines and spaces (「D X」) at random."""
    return re.sub(r"\s+", "", text)


def _source_text(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"source document {name} is not available")
    return _squash(path.read_text(encoding="utf-8"))


def _parse(value: Any) -> Any:
    dates = pytest.importorskip("roadmap_tui.core.dates")
    return dates.parse_period(value)


def _span(item: dict[str, Any]) -> tuple[dt.date, dt.date]:
    if "date" in item:
        period = _parse(item["date"])
        return period.start, period.end
    return _parse(item["start"]).start, _parse(item["end"]).end


# ───────────────────────────── all three files ─────────────────────────────


@pytest.mark.parametrize(
    ("path", "roadmap_id", "document", "item_prefix"),
    [
        (AYASE, "ayase-fy2021", AYASE_DOC, "ay-"),
        (YK_DX, "yokohama-dx", YOKOHAMA_DOC, "yk-dx-"),
        (YK_AI, "yokohama-ai", YOKOHAMA_DOC, "yk-ai-"),
    ],
)
def test_header_ids_and_sources(
    path: Path, roadmap_id: str, document: str, item_prefix: str
) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    doc = _load(path)
    head = doc["roadmap"]
    assert head["id"] == roadmap_id
    assert head["title"] and head["title_en"] and head["owner"]
    assert head["source"]["document"] == document
    assert head["calendar"]["fiscal_year_start_month"] == 4
    track_ids = {t["id"] for t in doc["tracks"]}
    item_ids = [i["id"] for i in doc["items"]]
    assert len(item_ids) == len(set(item_ids))
    for item in doc["items"]:
        assert item["id"].startswith(item_prefix), item["id"]
        assert item["track"] in track_ids, item["id"]
        assert item["kind"] in ("phase", "milestone"), item["id"]
        assert ("date" in item) == (item["kind"] == "milestone"), item["id"]
        assert item["title"] and item["title_en"], item["id"]
        assert item["source"]["document"] == document, item["id"]
        assert item["source"]["section"], item["id"]
        assert "progress" not in item and "actual_end" not in item  # no outcomes reported
        for dep in item.get("depends_on", []):
            assert dep in item_ids, (item["id"], dep)
    for kpi in doc.get("kpis", []):
        assert kpi["id"].startswith("yk-kpi-"), kpi["id"]
        assert kpi["title"] and kpi["title_en"], kpi["id"]
        assert kpi["source"]["document"] == document, kpi["id"]
        assert kpi["source"]["section"], kpi["id"]
        for ref in kpi.get("related", []):
            assert ref in item_ids, (kpi["id"], ref)


# ───────────────────────────── Ayase (003) ─────────────────────────────

AYASE_TRACKS = {
    "mayor": ("市長室", 6 + 2),
    "kikaku": ("経営企画部", 6),
    "somu": ("総務部・選挙管理委員会事務局", 5),
    "saihen": ("総務部(公共施設・中心市街地再編担当)", 5),
    "fukushi": ("福祉部", 6),
    "shimin": ("市民環境部", 6),
    "kenko": ("健康こども部", 6),
    "sangyo": ("産業振興部", 6),
    "toshi": ("都市部", 7 + 1),
    "doboku": ("土木部", 6),
    "shobo": ("消防本部", 6),
    "kyoiku": ("教育部", 6 + 1),
    "gikai": ("議会事務局", 1 + 1),
}
FOCI = ("財務体質の強化", "スマート自治体の推進", "公共施設の適正管理")
# The dated steps the text gives, as written and as resolved.
AYASE_MILESTONES = {
    "ay-mayor-mail-system-update-r4": ("令和4年度", R4),  # 令和4年度のシステム更新に向けて
    "ay-mayor-nanbu-bosai-kyoten": ("令和3年度", R3),  # 令和3年度に新たに設置する南部防災拠点
    "ay-toshi-community-bus-survey": ("令和3年度", R3),  # 今年度実施するアンケート調査
    "ay-kyoiku-komu-shien-update-r4": ("令和4年度", R4),  # 令和4年度に更新を予定している
    "ay-gikai-tablet-r3-12": ("令和3年12月", (D(2021, 12, 1), D(2021, 12, 31))),  # 12月定例会
}
AYASE_IN_PROGRESS = {
    "ay-mayor-bosai-taisei",  # 引き続き調査、研究、必要な見直しを行う
    "ay-kikaku-paper",  # これまで…文書のデジタル化には取り組んできている
    "ay-shimin-kominkan-online",  # これまでの試験的な運用から本格運用に向けた準備
}


def test_ayase_counts(ayase: dict[str, Any]) -> None:
    assert len(ayase["tracks"]) == 13
    assert len(ayase["items"]) == 77  # 72 取り組み + 5 dated steps
    assert "kpis" not in ayase  # the document sets no indicators
    assert {t["id"]: t["title"] for t in ayase["tracks"]} == {
        k: title for k, (title, _) in AYASE_TRACKS.items()
    }
    assert Counter(i["track"] for i in ayase["items"]) == {
        k: n for k, (_, n) in AYASE_TRACKS.items()
    }
    phases = [i for i in ayase["items"] if i["kind"] == "phase"]
    assert len(phases) == 72
    assert Counter(i["tags"][0] for i in phases) == {
        "財務体質の強化": 25,
        "スマート自治体の推進": 25,
        "公共施設の適正管理": 22,
    }


def test_ayase_every_initiative_is_fy2021_with_one_focus(ayase: dict[str, Any]) -> None:
    tracks = {t["id"]: t["title"] for t in ayase["tracks"]}
    for item in ayase["items"]:
        assert len(item["tags"]) == 1 and item["tags"][0] in FOCI, item["id"]
        assert item["owner"] == tracks[item["track"]], item["id"]
        if item["kind"] == "phase":
            assert (item["start"], item["end"]) == ("令和3年度", "令和3年度"), item["id"]
            assert item["notes"].startswith("取り組みの概要: "), item["id"]


def test_ayase_titles_as_in_document(ayase: dict[str, Any]) -> None:
    text = _source_text(AYASE_DOC)
    composed = {  # milestone titles built from the document's words (quoted in their notes)
        "ay-mayor-nanbu-bosai-kyoten",
        "ay-toshi-community-bus-survey",
        "ay-kyoiku-komu-shien-update-r4",
    }
    for item in ayase["items"]:
        if item["id"] in composed:
            continue
        assert _squash(item["title"]) in text, item["id"]
    for track in ayase["tracks"]:
        assert "部局名" + _squash(track["title"]) in text, track["id"]
    items = _items(ayase)
    assert items["ay-mayor-bosai-taisei"]["title"] == "適性な防災体制の整備"  # typo kept as printed
    assert items["ay-kenko-fujohi"]["title"] == (
        "扶助費の削減（未来を担う子どもたちのため、親から子どもへの貧困の連鎖を防ぐ。）"
    )
    assert items["ay-gikai-tablet-r3-12"]["title"] == "令和3年12月定例会からのタブレット端末の導入"


def test_ayase_dates(ayase: dict[str, Any]) -> None:
    items = _items(ayase)
    for item_id, (written, _) in AYASE_MILESTONES.items():
        assert items[item_id]["kind"] == "milestone", item_id
        assert items[item_id]["date"] == written, item_id
    milestones = {i["id"] for i in ayase["items"] if i["kind"] == "milestone"}
    assert milestones == set(AYASE_MILESTONES)
    assert items["ay-mayor-mail-system-update-r4"]["depends_on"] == ["ay-mayor-mail-tagengo"]
    assert items["ay-kyoiku-komu-shien-update-r4"]["depends_on"] == ["ay-kyoiku-komu-shien"]


def test_ayase_periods_resolve(ayase: dict[str, Any]) -> None:
    items = _items(ayase)
    for item_id, (_, expected) in AYASE_MILESTONES.items():
        assert _span(items[item_id]) == expected, item_id
    for item_id in (
        "ay-mayor-bosai-taisei",
        "ay-kikaku-jichitai-dx",
        "ay-somu-chosha",
        "ay-saihen-chiiki-saihen",
        "ay-fukushi-mominoki",
        "ay-shimin-donichi-kaicho",
        "ay-kenko-sports-center",
        "ay-sangyo-jigyo-renewal",
        "ay-toshi-community-bus",
        "ay-doboku-miriyo-doro",
        "ay-shobo-shobodan-shako",
        "ay-kyoiku-komu-shien",
        "ay-gikai-tablet",
    ):
        assert _span(items[item_id]) == R3, item_id


def test_ayase_statuses_and_overdue_demo(ayase: dict[str, Any]) -> None:
    status = {i["id"]: i["status"] for i in ayase["items"]}
    assert {k for k, v in status.items() if v == "in-progress"} == AYASE_IN_PROGRESS
    assert {v for k, v in status.items() if k not in AYASE_IN_PROGRESS} == {"planned"}
    # Written 2021-05-17 with no outcomes: on 2026-11-22 every item is past due and open.
    for item in ayase["items"]:
        assert _span(item)[1] < AS_OF, item["id"]


# ───────────────────────────── Yokohama DX (004) ─────────────────────────────

YK_TRACKS = {
    "dx1": ("① オンライン手続の利用拡大", 5),
    "dx2": ("② 待たない・書かない・回らない窓口の実現", 4),
    "dx3": ("③ AIイノベーションの推進", 5),
    "dx4": ("④ DXによる内部事務のリ・デザインで時間創出", 4),
    "dx5": ("⑤ DXを推進する組織体制の整備", 5),
    "dx6": ("⑥ 庁内システム基盤の構築", 4),
    "dx7": ("⑦ デジタル官民共創体制の強化", 6),
    "ppp": ("1 (4) 公民連携で実現する社会課題解決", 1),
    "saishutsu": ("4 歳出改革の推進", 1),
}
# Each date as written in the file, and its resolved first and last day.
YK_DATES: dict[str, tuple[Any, tuple[dt.date, dt.date]]] = {
    "yk-dx-1-r8-lifeevent-online": (("R8", "R8"), R8),
    "yk-dx-1-r9-konbini": (("R9", "R9"), R9),
    "yk-dx-1-r10-mynumber": (("R10", "R10"), R10),
    "yk-dx-1-r11-lifeevent-100": ("R11", R11),
    "yk-dx-2-r10-zenku": ("R10", R10),
    "yk-dx-3-r11-shingijutsu": (("R11", "R11"), R11),
    # table ④: the R11 line's first bullet is read as the R10 cell (shifted row)
    "yk-dx-4-r9-ycan": (("R9", "R9"), R9),
    "yk-dx-4-r10-zencho-tenkai": (("R10", "R10"), R10),
    "yk-dx-4-r11-hatarakikata": ("R11", R11),
    # table ⑤: 「…研修の充実(~R11)」 spans R8〜R11
    "yk-dx-5-kenshu": (("R8", "R11"), (D(2026, 4, 1), D(2030, 3, 31))),
    "yk-dx-5-r8-hoshin": ("R8", R8),
    "yk-dx-6-r8-kokuho": (("R8", "R8"), R8),
    "yk-dx-6-std20-r12": ("R12", R12),  # R12までに20業務について標準化対応完了
    # table ⑦: the R8 line holds the column headings; every cell is read one line up
    "yk-dx-7-r8-hack-kaiin": (("R8", "R8"), R8),
    "yk-dx-7-r8-data-dashboard": (("R8", "R8"), R8),
    "yk-dx-7-r9-data-tokumei": (("R9", "R9"), R9),
    "yk-dx-7-r10-hack-matching": (("R10", "R10"), R10),
    "yk-dx-greenexpo-2027": (2027, (D(2027, 1, 1), D(2027, 12, 31))),
    # 2029（令和11）年度に実施する2030（令和12）年度予算案の編成
    "yk-dx-gensai-kikin-r11": ("令和11年度", R11),
}


def test_yokohama_dx_counts(yk_dx: dict[str, Any]) -> None:
    assert len(yk_dx["tracks"]) == 9
    assert len(yk_dx["items"]) == 35
    assert len(yk_dx["kpis"]) == 16
    assert {t["id"]: t["title"] for t in yk_dx["tracks"]} == {
        k: title for k, (title, _) in YK_TRACKS.items()
    }
    assert Counter(i["track"] for i in yk_dx["items"]) == {k: n for k, (_, n) in YK_TRACKS.items()}
    assert Counter(i["kind"] for i in yk_dx["items"]) == {"phase": 28, "milestone": 7}
    assert {i["status"] for i in yk_dx["items"]} == {"planned"}  # a plan; no progress reported


def test_yokohama_dx_titles_as_in_document(yk_dx: dict[str, Any]) -> None:
    text = _source_text(YOKOHAMA_DOC)
    for entry in [*yk_dx["tracks"], *yk_dx["items"], *yk_dx["kpis"]]:
        assert _squash(entry["title"]) in text, entry["id"]


def test_yokohama_dx_written_dates(yk_dx: dict[str, Any]) -> None:
    items = _items(yk_dx)
    for item_id, (written, _) in YK_DATES.items():
        item = items[item_id]
        if isinstance(written, tuple):
            assert (item["kind"], item["start"], item["end"]) == ("phase", *written), item_id
        else:
            assert (item["kind"], item["date"]) == ("milestone", written), item_id
    # Every 工程表 cell sits in one of R8..R11 (plus the R12 completion milestone).
    for item in yk_dx["items"]:
        if item["track"].startswith("dx") and item["id"] != "yk-dx-6-std20-r12":
            written = {item.get("date"), item.get("start"), item.get("end")} - {None}
            assert written <= {"R8", "R9", "R10", "R11"}, item["id"]
    # The reading chosen for the shifted tables is written down.
    assert "shifted" in items["yk-dx-4-r10-zencho-tenkai"]["notes"]
    for item in yk_dx["items"]:
        if item["track"] == "dx7":
            assert "Shifted row" in item["notes"] or "shifted table" in item["notes"], item["id"]
    assert items["yk-dx-2-r10-zenku"]["depends_on"] == [
        "yk-dx-2-r8-shomei-togo",
        "yk-dx-2-r9-onestop",
    ]
    assert items["yk-dx-6-std20-r12"]["depends_on"] == ["yk-dx-6-r8-kokuho", "yk-dx-6-r9-nokori10"]


def test_yokohama_dx_periods_resolve(yk_dx: dict[str, Any]) -> None:
    items = _items(yk_dx)
    for item_id, (_, expected) in YK_DATES.items():
        assert _span(items[item_id]) == expected, item_id
    assert _span(items["yk-dx-2-r8-shomei-togo"]) == (D(2026, 4, 1), D(2027, 3, 31))


# (baseline value, baseline date) or None; (target value, due, direction) or None
YK_KPIS: dict[str, tuple[Any, Any, str]] = {
    "yk-kpi-online-rate": ((59, "R7"), (70, "R11", ">="), "%"),
    "yk-kpi-moving-forms": ((7, "R7"), (0, "R11", "<="), "枚"),
    "yk-kpi-konbini-rate": ((58, "R7"), (76, "R11", ">="), "%"),
    "yk-kpi-moving-time": (None, (30, "R11", ">="), "%"),  # 現状 ー, 目標 30%減
    "yk-kpi-ai-users": ((10_600_000, "R7"), (14_500_000, "R11", ">="), "人"),
    "yk-kpi-ai-opinion": (None, (100, "R11", "="), "%"),
    "yk-kpi-support-team-areas": (None, (255, "R11", "="), "地区"),  # 全255地区
    # 278件/年 → 1,120件（4か年）
    "yk-kpi-kyodo-projects": ((278, "R7"), (1120, "R11", ">="), "件"),
    "yk-kpi-kyoso-front": ((31.3, "R7"), (40, "R11", ">="), "%"),
    "yk-kpi-circular-economy": (None, None, ""),  # 一部地域で推進 → 市域全体で推進
    "yk-kpi-dx-hours": (None, (1_000_000, "R11", ">="), "時間"),  # 100万時間超
    "yk-kpi-dx-staff-sections": (None, (90, "R11", ">="), "%"),
    "yk-kpi-cloud-rate": (None, (100, "R12", "="), "%"),  # R12までに…＝クラウド活用率
    "yk-kpi-hack-challenges": (None, None, ""),  # 倍増, no baseline in the document
    "yk-kpi-hack-proposals": (None, None, ""),  # 倍増, no baseline in the document
    "yk-kpi-opendata-rate": (None, (100, "R11", "="), "%"),
}


def test_yokohama_kpi_values(yk_dx: dict[str, Any]) -> None:
    kpis = _kpis(yk_dx)
    assert set(kpis) == set(YK_KPIS)
    for kpi_id, (baseline, target, unit) in YK_KPIS.items():
        kpi = kpis[kpi_id]
        assert kpi.get("unit", "") == unit, kpi_id
        if baseline is None:
            assert "baseline" not in kpi, kpi_id
        else:
            assert (kpi["baseline"]["value"], kpi["baseline"]["date"]) == baseline, kpi_id
        if target is None:
            assert "target" not in kpi or "value" not in kpi["target"], kpi_id
        else:
            got = kpi["target"]
            assert (got["value"], got["due"], got["direction"]) == target, kpi_id
        assert "actuals" not in kpi, kpi_id  # the plan reports no actuals
    assert kpis["yk-kpi-ai-users"]["baseline"]["note"] == "約1,060万人"
    assert kpis["yk-kpi-kyodo-projects"]["target"]["label"] == "1,120件（4か年）"
    assert kpis["yk-kpi-moving-time"]["target"]["label"] == "30%減"
    assert kpis["yk-kpi-support-team-areas"]["target"]["label"] == "全255地区"
    for kpi_id in ("yk-kpi-hack-challenges", "yk-kpi-hack-proposals"):
        assert "倍増" in kpis[kpi_id]["notes"] and "factor 2.0" in kpis[kpi_id]["notes"]
        assert kpis[kpi_id]["target"] == {"factor": 2.0, "due": "R11", "label": "倍増"}
        assert "baseline" not in kpis[kpi_id]
    assert "市域全体で推進" in kpis["yk-kpi-circular-economy"]["notes"]
    assert kpis["yk-kpi-konbini-rate"]["related"] == ["yk-dx-1-r9-konbini"]
    assert kpis["yk-kpi-circular-economy"]["related"] == ["yk-dx-greenexpo-2027"]
    assert "yk-dx-6-std20-r12" in kpis["yk-kpi-cloud-rate"]["related"]


def test_yokohama_kpi_dates_resolve(yk_dx: dict[str, Any]) -> None:
    kpis = _kpis(yk_dx)
    base = _parse(kpis["yk-kpi-online-rate"]["baseline"]["date"])
    assert (base.start, base.end) == R7
    due = _parse(kpis["yk-kpi-online-rate"]["target"]["due"])
    assert (due.start, due.end) == R11
    due = _parse(kpis["yk-kpi-cloud-rate"]["target"]["due"])
    assert due.end == D(2031, 3, 31)


# ───────────────────────────── Yokohama AI (004) ─────────────────────────────

YK_AI_STAGES = {
    "yk-ai-r7-shido": ("始動『土台づくりの年』", "R7", R7, "in-progress"),
    "yk-ai-r8-jisso-kasoku": ("実装加速期『チャレンジの年』", "R8", R8, "planned"),
    "yk-ai-r9-kakucho": ("拡張期『スケールアップの年』", "R9", R9, "planned"),
    "yk-ai-r10-teichaku": ("定着期『市民サービス定着の年』", "R10", R10, "planned"),
    "yk-ai-r11-kodoka": ("高度化期『進化の年』", "R11", R11, "planned"),
}
YK_AI_ACTIVITIES = {
    "yk-ai-r7-kangaekata": ("活用の考え方整理", "R7"),
    "yk-ai-r7-ichibu-shiko": ("一部試行", "R7"),
    "yk-ai-r8-shiko-kensho": ("活用試行・検証", "R8"),
    "yk-ai-r8-ichibu-jisso": ("一部実装", "R8"),
    "yk-ai-r9-yokotenkai": ("活用事例の横展開や情報発信", "R9"),
    "yk-ai-r10-jisso-kakudai": ("市民サービスでの実装拡大", "R10"),
    "yk-ai-r11-katsuyo-kodoka": ("各活用の高度化", "R11"),
    "yk-ai-r11-shingijutsu": ("新技術への継続的な対応", "R11"),
}


def test_yokohama_ai_stages_and_activities(yk_ai: dict[str, Any]) -> None:
    assert [t["id"] for t in yk_ai["tracks"]] == ["stages", "activities"]
    assert len(yk_ai["items"]) == 13
    assert "kpis" not in yk_ai
    items = _items(yk_ai)
    for item_id, (title, year, _, status) in YK_AI_STAGES.items():
        item = items[item_id]
        assert (item["title"], item["track"], item["kind"]) == (title, "stages", "phase")
        assert (item["start"], item["end"], item["status"]) == (year, year, status)
    for item_id, (title, year) in YK_AI_ACTIVITIES.items():
        item = items[item_id]
        assert (item["title"], item["track"], item["start"], item["end"]) == (
            title,
            "activities",
            year,
            year,
        )
        assert item["status"] == ("in-progress" if year == "R7" else "planned")
    text = _source_text(YOKOHAMA_DOC)
    for item in yk_ai["items"]:
        assert _squash(item["title"]) in text, item["id"]


def test_yokohama_ai_periods_resolve(yk_ai: dict[str, Any]) -> None:
    items = _items(yk_ai)
    for item_id, (_, _, expected, _) in YK_AI_STAGES.items():
        assert _span(items[item_id]) == expected, item_id
    stage_of_year = {year: stage_id for stage_id, (_, year, _, _) in YK_AI_STAGES.items()}
    for item_id, (_, year) in YK_AI_ACTIVITIES.items():
        assert _span(items[item_id]) == _span(items[stage_of_year[year]]), item_id


# ───────────────────────────── the loader (roadmap check) ─────────────────────────────


def test_loader_reads_them_cleanly() -> None:
    loader = pytest.importorskip("roadmap_tui.core.loader")
    pytest.importorskip("roadmap_tui.core.dates")
    folder = loader.load_paths([AYASE, YK_DX, YK_AI])
    assert [str(p) for p in folder.problems] == []
    counts = {r.id: (len(r.tracks), len(r.items), len(r.kpis)) for r in folder.roadmaps}
    assert counts == {
        "ayase-fy2021": (13, 77, 0),
        "yokohama-dx": (9, 35, 16),
        "yokohama-ai": (2, 13, 0),
    }
    by_id = folder.items_by_id
    for item_id, (_, (first, last)) in AYASE_MILESTONES.items():
        assert (by_id[item_id].start_day, by_id[item_id].due_day) == (first, last), item_id
    for item_id, (_, (first, last)) in YK_DATES.items():
        assert (by_id[item_id].start_day, by_id[item_id].due_day) == (first, last), item_id
    assert by_id["ay-gikai-tablet-r3-12"].kind.value == "milestone"
    assert by_id["ay-kikaku-paper"].status.value == "in-progress"
    assert by_id["ay-kikaku-paper"].tags == ("財務体質の強化",)
    assert by_id["yk-dx-5-kenshu"].kind.value == "phase"
    assert by_id["yk-ai-r7-shido"].due_day == D(2026, 3, 31)
    source = by_id["yk-dx-1-r8-lifeevent-online"].source
    assert source is not None and source.section == "① オンライン手続の利用拡大"

    kpis = folder.kpis_by_id
    online = kpis["yk-kpi-online-rate"]
    assert online.baseline is not None and online.baseline.value == 59
    assert (online.baseline.date.start, online.baseline.date.end) == R7
    assert online.target is not None and online.target.value == 70
    assert online.target.due.end == D(2030, 3, 31)
    assert online.target.direction.value == ">="
    forms = kpis["yk-kpi-moving-forms"]
    assert forms.target is not None and forms.target.direction.value == "<="
    assert forms.target_value == 0
    ai_users = kpis["yk-kpi-ai-users"]
    assert ai_users.baseline is not None and ai_users.baseline.value == 10_600_000
    assert ai_users.target_value == 14_500_000
    assert kpis["yk-kpi-kyoso-front"].baseline is not None
    assert kpis["yk-kpi-kyoso-front"].baseline.value == 31.3
    cloud = kpis["yk-kpi-cloud-rate"]
    assert cloud.target is not None and cloud.target.due.end == D(2031, 3, 31)
    doubling = kpis["yk-kpi-hack-challenges"]
    assert doubling.target is not None and doubling.target.factor == 2.0
    assert doubling.target.due.end == D(2030, 3, 31)
    assert doubling.baseline is None and doubling.target_value is None  # baseline unknown
    # The whole Ayase plan is overdue on the demo day; nothing in it is closed.
    ayase = folder.roadmap("ayase-fy2021")
    assert ayase is not None
    assert all(i.due_day < AS_OF and not i.status.closed for i in ayase.items)
