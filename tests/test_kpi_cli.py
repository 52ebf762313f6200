"""``roadmap kpi``: text in both languages and the JSON contract."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from roadmap_tui import i18n
from roadmap_tui.cli import main
from tests.conftest import ROADMAPS

AS_OF = ["--as-of", "2026-11-22"]

CITY = """\
[roadmap]
id = "city"
title = "市DX計画"
title_en = "City DX plan"

[[tracks]]
id = "t1"
title = "手続"

[[items]]
id = "online-forms"
title = "オンライン申請の拡充"
track = "t1"
start = "R8"
end = "R11"

# the rate of procedures done online
[[kpis]]
id = "online-rate"
title = "オンライン利用率"
title_en = "Online rate"
unit = "%"
baseline = { value = 59, date = "R7" }
target = { value = 70, due = "R11", direction = ">=" }
related = ["online-forms"]

[[kpis.actuals]]
date = 2026-09-30
value = 60
note = "中間"

[[kpis]]
id = "forms"
title = "申請書記入枚数"
title_en = "Forms filled in"
unit = "枚"
baseline = { value = 7, date = "R7" }
target = { value = 0, due = "R8上期", direction = "<=" }

[[kpis.actuals]]
date = "R8上期"
value = 2

[[kpis]]
id = "users"
title = "利用者数"
unit = "人"
baseline = { value = 10_600_000, date = "R7", note = "約1,060万人" }
target = { value = 14_500_000, due = "R11", direction = ">=" }

[[kpis.actuals]]
date = "R7"
value = 10_600_000

[[kpis.actuals]]
date = 2026-10-31
value = 12_000_000
"""


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def city(write: Callable[[str, str], Path]) -> Path:
    return write("city.toml", CITY)


def test_text_in_japanese(run: Run, city: Path) -> None:
    code, out, err = run("kpi", *AS_OF, "--lang", "ja", str(city))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "市DX計画 (city)",
        "  online-rate  オンライン利用率 [進捗遅れ]",
        "    基準値 59%（令和7年度） → 目標 70%以上（令和11年度）",
        "    実績 60%（令和8年9月30日）  達成率 9.1%  ▂",
        "  forms  申請書記入枚数 [期限超過]",
        "    基準値 7枚（令和7年度） → 目標 0枚以下（令和8年度上期）",
        "    実績 2枚（令和8年度上期）  達成率 71.4%  ▃",
        "  users  利用者数",
        "    基準値 約1,060万人（令和7年度） → 目標 1,450万人以上（令和11年度）",
        "    実績 1,200万人（令和8年10月31日）  達成率 35.9%  ▁▄",
        "KPI 3件: 期限超過 1件、進捗遅れ 1件",
    ]


def test_text_in_english(run: Run, city: Path) -> None:
    code, out, _ = run("kpi", *AS_OF, "--lang", "en", str(city))
    assert code == 0
    assert out.splitlines() == [
        "City DX plan (city)",
        "  online-rate  Online rate [off track]",
        "    baseline 59% (FY2025) → target at least 70% (FY2029)",
        "    latest 60% (2026-09-30)  attainment 9.1%  ▂",
        "  forms  Forms filled in [overdue]",
        "    baseline 7 sheets (FY2025) → target at most 0 sheets (FY2026H1)",
        "    latest 2 sheets (FY2026H1)  attainment 71.4%  ▃",
        "  users  利用者数",
        "    baseline about 10.6M people (FY2025) → target at least 14.5M people (FY2029)",
        "    latest 12M people (2026-10-31)  attainment 35.9%  ▁▄",
        "3 KPIs: 1 overdue, 1 off track",
    ]


def test_dates_style_is_switchable(run: Run, city: Path) -> None:
    _, out, _ = run("kpi", *AS_OF, "--lang", "ja", "--dates", "iso", str(city))
    assert "    基準値 59%（FY2025） → 目標 70%以上（FY2029）" in out.splitlines()
    _, out, _ = run("kpi", *AS_OF, "--lang", "en", "--dates", "wareki", str(city))
    assert "    latest 60% (令和8年9月30日)  attainment 9.1%  ▂" in out.splitlines()


def test_as_of_reproduces_an_earlier_day(run: Run, city: Path) -> None:
    _, out, _ = run("kpi", "--as-of", "2026-09-01", "--lang", "en", str(city))
    lines = out.splitlines()
    assert "  forms  Forms filled in [off track]" in lines  # not yet due on 2026-09-01
    assert "    latest 10.6M people (FY2025)  attainment 0%  ▁" in lines


def test_json_contract(run: Run, city: Path) -> None:
    code, out, _ = run("kpi", *AS_OF, "--format", "json", str(city))
    assert code == 0
    doc: dict[str, Any] = json.loads(out)
    assert doc["schema_version"] == 1 and doc["as_of"] == "2026-11-22" and doc["problems"] == []
    rate, forms, users = doc["kpis"]
    assert rate == {
        "id": "online-rate",
        "roadmap": "city",
        "title": "オンライン利用率",
        "title_en": "Online rate",
        "unit": "%",
        "baseline": {"value": 59, "date": "2026-03-31", "date_text": "FY2025", "note": ""},
        "target": {
            "value": 70,
            "factor": None,
            "direction": ">=",
            "due": "2030-03-31",
            "due_text": "FY2029",
            "due_fiscal_year": 2029,
            "label": "",
        },
        "latest": {"value": 60, "date": "2026-09-30", "date_text": "2026-09-30", "note": "中間"},
        "actuals": [{"value": 60, "date": "2026-09-30", "date_text": "2026-09-30", "note": "中間"}],
        "attainment": 9.09,
        "expected": 60.38,
        "met": False,
        "overdue": False,
        "off_track": True,
        "flags": ["off-track"],
        "days_to_due": 1225,
        "sparkline": "▂",
        "related": ["online-forms"],
        "notes": "",
    }
    assert (forms["overdue"], forms["off_track"], forms["flags"]) == (True, True, ["overdue"])
    assert forms["days_to_due"] == -53
    assert [a["value"] for a in users["actuals"]] == [10_600_000, 12_000_000]


def test_json_is_the_same_in_both_languages(run: Run, city: Path) -> None:
    _, ja, _ = run("kpi", *AS_OF, "--format", "json", "--lang", "ja", str(city))
    _, en, _ = run("kpi", *AS_OF, "--format", "json", "--lang", "en", str(city))
    assert ja == en


def test_bundled_yokohama_in_both_languages(run: Run) -> None:
    path = str(ROADMAPS / "yokohama-dx-r8-r11.toml")
    _, ja, _ = run("kpi", *AS_OF, "--lang", "ja", path)
    assert "  yk-kpi-ai-users  AIサービスの利用者数" in ja
    assert "    基準値 約1,060万人（令和7年度） → 目標 1,450万人以上（令和11年度）" in ja
    assert "    基準値 59%（令和7年度） → 目標 70%以上（令和11年度）" in ja
    assert "    基準値 7枚（令和7年度） → 目標 0枚以下（令和11年度）" in ja
    assert "    目標 100万時間超（令和11年度）" in ja
    assert "    目標 倍増（令和11年度）" in ja
    assert "    基準値 31.3%（令和7年度） → 目標 40%以上（令和11年度）" in ja
    assert ja.splitlines()[-1] == "KPI 16件: 期限超過 0件、進捗遅れ 0件"
    _, en, _ = run("kpi", *AS_OF, "--lang", "en", path)
    assert "    baseline about 10.6M people (FY2025) → target at least 14.5M people (FY2029)" in en
    assert "    baseline 7 sheets (FY2025) → target at most 0 sheets (FY2029)" in en
    assert "    target at least 1M hours (FY2029)" in en
    assert "    target 2× the baseline (FY2029)" in en
    assert en.splitlines()[-1] == "16 KPIs: 0 overdue, 0 off track"


def test_bundled_tokorozawa_actuals(run: Run) -> None:
    path = str(ROADMAPS / "tokorozawa-plans.toml")
    _, ja, _ = run("kpi", *AS_OF, "--lang", "ja", path)
    assert "  tz-plan-kpi-women-city-council  所沢市議会 女性比率" in ja
    assert "    実績 30.3%（令和6年4月1日）  達成率 —  ▁█" in ja
    _, en, _ = run("kpi", *AS_OF, "--lang", "en", path)
    assert "  tz-plan-kpi-women-city-council  Share of women in the city council" in en
    assert "    latest 30.3% (2024-04-01)  attainment —  ▁█" in en


def test_bad_as_of_is_one_line(run: Run, city: Path) -> None:
    code, out, err = run("kpi", "--as-of", "令和0年", str(city))
    assert code == 2 and out == ""
    assert err.startswith("roadmap: --as-of: ") and err.count("\n") == 1


def test_kpi_command_does_not_import_textual(city: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from roadmap_tui.cli import main\n"
        f"main(['kpi', '--as-of', '2026-11-22', {str(city)!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "sys.stderr.write('LOADED:' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.stderr.rsplit("LOADED:", 1)[-1].strip() == ""
