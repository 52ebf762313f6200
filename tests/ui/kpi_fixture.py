"""A temp copy of the bundled roadmaps with KPI actuals, for the KPI view's tests.

As of 2026-11-22 (tests/conftest.py AS_OF) the small ``kpi-demo`` roadmap has one KPI
of every kind the view draws: overdue (7 → 0 sheets due R8上期, at 2), off track
(59 % → 70 %, behind the straight line), 倍増 with a baseline, met, ``=`` without a
baseline, and 倍増 without a baseline (unknown). The Yokohama copy gets three actuals
through the real write path (``append_actual``), one of them behind its path.
"""

from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

from roadmap_tui.commands.kpi_set import append_actual
from tests.conftest import ROADMAPS

DEMO = """\
[roadmap]
id = "kpi-demo"
title = "KPI見本（テスト用）"
title_en = "KPI samples (test)"

[[tracks]]
id = "t"
title = "窓口改革"
title_en = "Counter reform"

[[items]]
id = "demo-forms-online"
title = "申請のオンライン化"
title_en = "Forms online"
track = "t"
start = "R8"
end = "R9"
status = "in-progress"

[[items]]
id = "demo-portal"
title = "ポータル刷新"
title_en = "New portal"
track = "t"
date = "2027-01-15"
status = "planned"

[[items]]
id = "demo-no-forms"
title = "書かない窓口"
title_en = "Counters without forms"
track = "t"
start = "R8上期"
end = "R8上期"
status = "done"

[[kpis]]
id = "demo-forms"
title = "申請書記入枚数"
title_en = "Forms filled in"
unit = "枚"
baseline = { value = 7, date = "R7" }
target = { value = 0, due = "R8上期", direction = "<=" }
related = ["demo-no-forms"]

[[kpis.actuals]]
date = 2026-06-30
value = 4

[[kpis.actuals]]
date = "R8上期"
value = 2
note = "上期末"

[[kpis]]
id = "demo-online"
title = "オンライン利用率"
title_en = "Online rate"
unit = "%"
baseline = { value = 59, date = "R7" }
target = { value = 70, due = "R11", direction = ">=" }
related = ["demo-forms-online", "demo-portal"]

[[kpis.actuals]]
date = 2026-06-30
value = 59.5

[[kpis.actuals]]
date = 2026-09-30
value = 60
note = "中間"

[[kpis]]
id = "demo-double"
title = "行政からの課題提示数"
title_en = "Challenges posed"
unit = "件"
baseline = { value = 12, date = "R7" }
target = { factor = 2.0, due = "R11", label = "倍増" }

[[kpis.actuals]]
date = 2026-09-30
value = 15

[[kpis.actuals]]
date = 2026-10-31
value = 18

[[kpis]]
id = "demo-ai-users"
title = "AIサービスの利用者数"
title_en = "Users of AI services"
unit = "人"
baseline = { value = 10_600_000, date = "R7", note = "約1,060万人" }
target = { value = 14_500_000, due = "R11", direction = ">=", label = "1,450万人以上" }

[[kpis.actuals]]
date = 2026-06-30
value = 12_000_000

[[kpis.actuals]]
date = 2026-10-31
value = 14_800_000

[[kpis]]
id = "demo-districts"
title = "地域サポートチームが伴走する地区数"
title_en = "Districts with a support team"
unit = "地区"
target = { value = 255, due = "R11", direction = "=", label = "全255地区" }

[[kpis.actuals]]
date = 2026-06-30
value = 100

[[kpis.actuals]]
date = 2026-10-31
value = 180

[[kpis]]
id = "demo-proposals"
title = "企業等からの提案・連携数"
title_en = "Proposals from companies"
target = { factor = 2.0, due = "R11", label = "倍増" }
"""

#: (KPI id, date, value, note) appended to the Yokohama copy with the real writer.
YOKOHAMA_ACTUALS: tuple[tuple[str, _dt.date | str, int | float, str], ...] = (
    ("yk-kpi-online-rate", _dt.date(2026, 9, 30), 62, "中間報告"),
    ("yk-kpi-konbini-rate", _dt.date(2026, 9, 30), 58, ""),
    ("yk-kpi-ai-users", "R8上期", 11_200_000, ""),
)


def kpi_roadmaps(root: Path) -> Path:
    """``root/roadmaps``: the bundled roadmaps, the demo roadmap, Yokohama actuals."""
    folder = root / "roadmaps"
    folder.mkdir(parents=True)
    for path in sorted(ROADMAPS.glob("*.toml")):
        shutil.copyfile(path, folder / path.name)
    (folder / "kpi-demo.toml").write_text(DEMO, encoding="utf-8")
    yokohama = folder / "yokohama-dx-r8-r11.toml"
    for kpi_id, when, value, note in YOKOHAMA_ACTUALS:
        append_actual(yokohama, kpi_id, when, value, note)
    return folder


def demo_only(root: Path) -> Path:
    """``root/kpi-demo.toml`` alone (small and fast for the Pilot tests)."""
    path = root / "kpi-demo.toml"
    path.write_text(DEMO, encoding="utf-8")
    return path
