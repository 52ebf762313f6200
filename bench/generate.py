"""Synthetic roadmap folders for the benchmarks: deterministic, valid, city-sized.

A folder of N items is spread over 10–50 roadmap files (one per department of an
imaginary city), with Japanese and English titles, a realistic mix of milestones and
phases, every accepted date form (TOML dates, ``R8``, ``令和8年度``, ``FY2026H1``,
``2026-04`` …), statuses that make some items overdue as of 2026-11-22, acyclic
dependencies (an item depends only on items written before it), history entries and
KPIs with actual values. The same seed always gives byte-identical files, and every
generated folder passes ``roadmap check`` with zero problems (tests/test_bench.py).

Usage: ``python -m bench.generate OUT_DIR ITEMS [--seed N] [--single-file]``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

#: Bump when the output changes, so cached folders under bench/out/ are regenerated.
GENERATOR_VERSION = 3
AS_OF_YEAR = 2026  # the benchmarks judge overdue as of 2026-11-22, like the tests

CITIES = [
    ("所沢市", "Tokorozawa"), ("横浜市", "Yokohama"), ("綾瀬市", "Ayase"),
    ("川越市", "Kawagoe"), ("相模原市", "Sagamihara"), ("船橋市", "Funabashi"),
    ("八王子市", "Hachioji"), ("藤沢市", "Fujisawa"),
]  # fmt: skip

DEPARTMENTS = [
    ("経営企画部", "Corporate Planning"), ("総務部", "General Affairs"),
    ("財務部", "Finance"), ("市民部", "Citizen Affairs"), ("福祉部", "Welfare"),
    ("こども未来部", "Children's Future"), ("健康推進部", "Health Promotion"),
    ("環境クリーン部", "Environment"), ("産業経済部", "Industry and Economy"),
    ("街づくり計画部", "Urban Planning"), ("建設部", "Construction"),
    ("上下水道局", "Water and Sewerage"), ("消防本部", "Fire Department"),
    ("教育委員会", "Board of Education"), ("デジタル推進室", "Digital Transformation Office"),
    ("危機管理室", "Crisis Management"), ("会計課", "Accounting"),
    ("議会事務局", "Assembly Secretariat"), ("選挙管理委員会", "Election Commission"),
    ("農業委員会", "Agricultural Committee"), ("文化スポーツ部", "Culture and Sports"),
    ("資産活用課", "Asset Management"), ("人事課", "Human Resources"),
    ("広報課", "Public Relations"), ("税務課", "Taxation"),
]  # fmt: skip

POLICIES = [
    ("行政手続のオンライン化", "Online administrative procedures"),
    ("窓口業務の改善", "Better counter services"),
    ("公共施設の再編", "Public facility renewal"),
    ("子育て支援の充実", "More child-rearing support"),
    ("防災力の強化", "Stronger disaster readiness"),
    ("脱炭素の推進", "Decarbonisation"),
    ("地域包括ケア", "Community-based integrated care"),
    ("学校ICT環境の整備", "School ICT environment"),
    ("道路・橋りょうの長寿命化", "Road and bridge life extension"),
    ("中心市街地の活性化", "Revitalising the city centre"),
    ("観光振興", "Tourism promotion"),
    ("業務システムの標準化", "Standardised business systems"),
    ("働き方改革", "Work-style reform"),
    ("財政健全化", "Sound public finances"),
    ("多文化共生", "Multicultural coexistence"),
]

#: 工程表 steps: (Japanese, English, kind) — what such tables really list.
STEPS = [
    ("基本方針の策定", "Basic policy drafted", "milestone"),
    ("現状調査", "Survey of the current state", "phase"),
    ("基本計画の策定", "Basic plan drafted", "phase"),
    ("パブリックコメント実施", "Public comment period", "milestone"),
    ("仕様書の作成", "Specification written", "phase"),
    ("事業者の選定", "Contractor selected", "milestone"),
    ("システム構築", "System build", "phase"),
    ("試行運用", "Trial operation", "phase"),
    ("本格運用開始", "Full operation starts", "milestone"),
    ("効果検証", "Evaluation of results", "phase"),
    ("条例改正", "Ordinance amended", "milestone"),
    ("実施設計", "Detailed design", "phase"),
    ("工事着手", "Construction starts", "milestone"),
    ("施設整備工事", "Facility construction", "phase"),
    ("供用開始", "Opened to the public", "milestone"),
    ("庁内調整", "Internal coordination", "phase"),
    ("予算要求", "Budget request", "milestone"),
    ("補助金申請", "Subsidy application", "milestone"),
    ("職員研修", "Staff training", "phase"),
    ("市民説明会", "Residents' briefing", "milestone"),
    ("データ移行", "Data migration", "phase"),
    ("ガバメントクラウド移行", "Move to the government cloud", "phase"),
    ("中間見直し", "Mid-term review", "milestone"),
    ("計画期間", "Plan period", "phase"),
]  # fmt: skip

PLACES = ["北部", "南部", "東部", "西部", "中央", "第1期", "第2期", "全庁", "モデル地区", "本庁舎"]
PLACES_EN = ["north", "south", "east", "west", "centre", "stage 1", "stage 2", "city-wide",
             "model district", "city hall"]  # fmt: skip
OWNERS = ["企画課", "情報政策課", "管財課", "道路課", "保育課", "環境政策課", "学務課", "防災課"]
AUTHORS = ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe"]
TAGS = ["dx", "kpi", "budget", "law", "facility", "citizen", "cloud"]
KPI_NAMES = [
    ("オンライン申請の利用率", "Share of applications made online", "%", 30.0, 70.0),
    ("窓口の平均待ち時間", "Average waiting time at the counter", "分", 25.0, 10.0),
    ("待機児童数", "Children waiting for daycare", "人", 120.0, 0.0),
    ("温室効果ガス排出量", "Greenhouse gas emissions", "千t-CO2", 900.0, 600.0),
    ("市民満足度", "Citizen satisfaction", "%", 55.0, 70.0),
    ("耐震化率", "Share of buildings made earthquake-proof", "%", 80.0, 95.0),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Generated:
    """What a generated folder holds (for the bench table and the tests)."""

    path: Path
    files: int
    items: int
    kpis: int
    bytes: int


def files_for(items: int) -> int:
    """How many roadmaps a folder of ``items`` items is spread over (10–50)."""
    return max(10, min(50, items // 2000))


def _era(y: int) -> tuple[str, str, int]:
    """(kanji, letter, era year) naming calendar year ``y`` (Heisei before 2019)."""
    return ("令和", "R", y - 2018) if y >= 2019 else ("平成", "H", y - 1988)


def _fiscal_form(rng: random.Random, fy: int) -> str:
    """Fiscal year ``fy`` written one of the ways planners write it."""
    kanji, letter, n = _era(fy)
    if fy == 2019:  # 令和元年度 starts in Heisei: keep it simple and unambiguous
        return rng.choice([f"FY{fy}", f"{fy}年度", "令和元年度"])
    return rng.choice(
        [f"{letter}{n}", f"{kanji}{n}年度", f"FY{fy}", f"{fy}年度", f"{letter}{n}年度"]
    )


def _value(text: str) -> str:
    return text if text[0].isdigit() and "-" in text and len(text) == 10 else f'"{text}"'


def _date_forms(rng: random.Random, fy: int, month_offset: int, fysm: int) -> tuple[str, str]:
    """A (start, end) pair around fiscal year ``fy``: same precision, end not before start."""
    roll = rng.random()
    first_month = (fysm - 1 + month_offset) % 12 + 1
    year = fy + (fysm - 1 + month_offset) // 12
    if roll < 0.30:  # fiscal years: R8 .. R10
        span = rng.choice((0, 0, 1, 2, 3))
        return _fiscal_form(rng, fy), _fiscal_form(rng, fy + span)
    if roll < 0.45:  # fiscal halves
        h = rng.choice((1, 2))
        end_fy, end_h = (fy, 2) if h == 1 else (fy + 1, 1)
        if rng.random() < 0.5:
            return f"FY{fy}H{h}", f"FY{end_fy}H{end_h}"
        _, letter, n = _era(fy)
        _, end_letter, end_n = _era(end_fy)
        half = "上下"
        return f"{letter}{n}{half[h - 1]}期", f"{end_letter}{end_n}{half[end_h - 1]}期"
    if roll < 0.55:  # fiscal quarters
        q = rng.randint(1, 4)
        return f"FY{fy}Q{q}", f"FY{fy + q // 4}Q{q % 4 + 1}"
    if roll < 0.80:  # months: 2026-04 or 令和8年4月
        months = rng.choice((1, 2, 3, 6, 9, 12))
        end_year, end_month = (
            year + (first_month - 1 + months) // 12,
            (first_month - 1 + months) % 12 + 1,
        )
        if year >= 2020 and rng.random() < 0.4:
            return f"令和{year - 2018}年{first_month}月", f"令和{end_year - 2018}年{end_month}月"
        return f"{year}-{first_month:02d}", f"{end_year}-{end_month:02d}"
    day = rng.randint(1, 28)  # days: TOML dates, R8.4.1
    days = rng.choice((14, 30, 60, 90, 180))
    end_month = first_month + days // 30
    end_year, end_month = year + (end_month - 1) // 12, (end_month - 1) % 12 + 1
    if year >= 2020 and rng.random() < 0.2:
        return f"R{year - 2018}.{first_month}.{day}", f"R{end_year - 2018}.{end_month}.{day}"
    return f"{year}-{first_month:02d}-{day:02d}", f"{end_year}-{end_month:02d}-{day:02d}"


def _milestone_form(rng: random.Random, fy: int, month_offset: int, fysm: int) -> str:
    start, _ = _date_forms(rng, fy, month_offset, fysm)
    if rng.random() < 0.05:
        return str(fy + 1)  # a calendar year as a TOML integer
    return start


def _status(rng: random.Random, end_year: int) -> str:
    """Past items mostly done (some left open: overdue as of 2026-11-22), future planned."""
    if end_year < AS_OF_YEAR:
        return rng.choices(["done", "in-progress", "planned", "cancelled", "blocked"],
                           [80, 8, 4, 5, 3])[0]  # fmt: skip
    if end_year <= AS_OF_YEAR + 1:
        return rng.choices(["in-progress", "planned", "done", "blocked"], [50, 30, 15, 5])[0]
    return rng.choices(["planned", "in-progress", "blocked", "cancelled"], [85, 10, 3, 2])[0]


def _roadmap_text(
    rng: random.Random, index: int, n_items: int, prior_ids: list[str]
) -> tuple[str, list[str], int]:
    """One roadmap file; returns (text, its item ids, its KPI count)."""
    city, city_en = CITIES[index % len(CITIES)]
    dept, dept_en = DEPARTMENTS[index % len(DEPARTMENTS)]
    rid = f"r{index:02d}"
    fysm = 1 if index % 7 == 6 else 4  # a few roadmaps plan in calendar years
    first_fy = 2016 + rng.randint(0, 6)
    lines = [
        "#:schema ../../roadmap_tui/schema/roadmap.schema.json",
        f"# 合成データ (bench/generate.py, seed-determined): {city} {dept}",
        "",
        "[roadmap]",
        f'id = "{rid}"',
        f'title = "{city} {dept} 工程表 {_fiscal_form(rng, first_fy)}〜"',
        f'title_en = "{city_en} {dept_en} roadmap"',
        f'owner = "{city} {dept}"',
        f'source = {{ document = "{rid}_plan.pdf", section = "工程表" }}',
        "",
        "[roadmap.calendar]",
        f"fiscal_year_start_month = {fysm}",
        f"due_soon_days = {rng.choice((30, 30, 60))}",
        "",
    ]
    n_tracks = max(3, min(40, n_items // 50))
    for t in range(n_tracks):
        policy, policy_en = POLICIES[(index + t) % len(POLICIES)]
        lines += [
            "[[tracks]]",
            f'id = "t{t:02d}"',
            f'title = "{policy}（{PLACES[t % len(PLACES)]}）"',
            f'title_en = "{policy_en} ({PLACES_EN[t % len(PLACES_EN)]})"',
            f'group = "{dept}"' if t % 3 else f'group = "{policy}"',
            "",
        ]
    ids: list[str] = []
    for i in range(n_items):
        ids.append(_item(rng, lines, rid, i, n_tracks, first_fy, fysm, ids, prior_ids))
    n_kpis = max(1, n_items // 200)
    for k in range(n_kpis):
        _kpi(rng, lines, rid, k, first_fy, ids)
    return "\n".join(lines) + "\n", ids, n_kpis


def _item(rng: random.Random, lines: list[str], rid: str, i: int, n_tracks: int, first_fy: int,
          fysm: int, ids: list[str], prior_ids: list[str]) -> str:  # fmt: skip
    step, step_en, kind = STEPS[rng.randrange(len(STEPS))]
    place = rng.randrange(len(PLACES))
    iid = f"{rid}-{i:05d}"
    fy = first_fy + rng.randint(0, 12)
    offset = rng.randrange(12)
    lines.append("[[items]]")
    lines.append(f'id = "{iid}"')
    lines.append(f'title = "{PLACES[place]}{step}"')
    if rng.random() < 0.35:
        lines.append(f'title_en = "{step_en} ({PLACES_EN[place]})"')
    lines.append(f'track = "t{rng.randrange(n_tracks):02d}"')
    if kind == "milestone":
        when = _milestone_form(rng, fy, offset, fysm)
        lines.append(f"date = {when if when.isdigit() else _value(when)}")
        end_year = fy
    else:
        start, end = _date_forms(rng, fy, offset, fysm)
        lines.append(f"start = {_value(start)}")
        lines.append(f"end = {_value(end)}")
        end_year = fy + 1
    status = _status(rng, end_year)
    if status != "planned" or rng.random() < 0.3:
        lines.append(f'status = "{status}"')
    if status == "in-progress":
        lines.append(f"progress = {rng.randrange(5, 100, 5)}")
    roll = rng.random()
    if roll < 0.15 and ids:  # depends on earlier items of this roadmap (acyclic)
        deps = sorted({ids[rng.randrange(max(0, len(ids) - 50), len(ids))] for _ in range(2)})
        lines.append("depends_on = [" + ", ".join(f'"{d}"' for d in deps) + "]")
    elif roll < 0.18 and prior_ids:  # or on an item of an earlier roadmap
        lines.append(f'depends_on = ["{prior_ids[rng.randrange(len(prior_ids))]}"]')
    if rng.random() < 0.1:
        lines.append(f'owner = "{OWNERS[rng.randrange(len(OWNERS))]}"')
    if rng.random() < 0.08:
        lines.append(f'tags = ["{TAGS[rng.randrange(len(TAGS))]}"]')
    if status in ("done", "in-progress", "blocked") and rng.random() < 0.12:
        year = min(max(fy, 2019), AS_OF_YEAR)
        lines += [
            "",
            "[[items.history]]",
            f"date = {year}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            'from = "planned"',
            f'status = "{status}"',
            f'note = "{rng.choice(["予算成立", "議会承認", "契約締結", "遅延: 調整中"])}"',
            f'author = "{AUTHORS[rng.randrange(len(AUTHORS))]}"',
        ]
    lines.append("")
    return iid


def _kpi(
    rng: random.Random, lines: list[str], rid: str, k: int, first_fy: int, ids: list[str]
) -> None:
    title, title_en, unit, base, goal = KPI_NAMES[k % len(KPI_NAMES)]
    direction = ">=" if goal >= base else "<="
    lines += [
        "[[kpis]]",
        f'id = "{rid}-kpi{k:03d}"',
        f'title = "{title}"',
        f'title_en = "{title_en}"',
        f'unit = "{unit}"',
        f'baseline = {{ value = {base}, date = "{_fiscal_form(rng, first_fy)}" }}',
        f'target = {{ value = {goal}, due = "FY{first_fy + 8}", direction = "{direction}" }}',
        "related = [" + ", ".join(f'"{ids[rng.randrange(len(ids))]}"' for _ in range(2)) + "]",
    ]
    for year in range(first_fy + 1, min(first_fy + 6, AS_OF_YEAR)):
        value = round(base + (goal - base) * (year - first_fy) / 8 * rng.uniform(0.6, 1.2), 1)
        lines += ["", "[[kpis.actuals]]", f'date = "{_fiscal_form(rng, year)}"', f"value = {value}"]
    lines.append("")


def generate_folder(out: Path, items: int, *, seed: int = 7, files: int | None = None) -> Generated:
    """Write a folder of ``items`` items over ``files`` roadmaps (default :func:`files_for`).

    Reuses ``out`` when it already holds exactly this folder (same version, size, seed).
    """
    n_files = files or files_for(items)
    stamp = {"version": GENERATOR_VERSION, "items": items, "seed": seed, "files": n_files}
    marker = out / ".generated.json"
    if marker.is_file():
        try:
            known = json.loads(marker.read_text(encoding="utf-8"))
        except ValueError:
            known = {}
        if {k: known.get(k) for k in stamp} == stamp:
            return Generated(out, n_files, items, known["kpis"], known["bytes"])
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.toml"):
        old.unlink()
    rng = random.Random(seed)
    prior: list[str] = []
    total_bytes = total_kpis = 0
    for f in range(n_files):
        share = items // n_files + (1 if f < items % n_files else 0)
        text, ids, n_kpis = _roadmap_text(rng, f, share, prior)
        data = text.encode("utf-8")
        (out / f"r{f:02d}.toml").write_bytes(data)
        total_bytes += len(data)
        total_kpis += n_kpis
        prior.extend(ids[:: max(1, len(ids) // 200)])  # a sample: cross-file deps stay sparse
    marker.write_text(json.dumps({**stamp, "kpis": total_kpis, "bytes": total_bytes}), "utf-8")
    return Generated(out, n_files, items, total_kpis, total_bytes)


def generate_file(path: Path, items: int, *, seed: int = 7) -> Generated:
    """One roadmap file of ``items`` items (the write benchmark's ≈1.4 MB 10,000-item file)."""
    rng = random.Random(seed)
    text, _, n_kpis = _roadmap_text(rng, 0, items, [])
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return Generated(path, 1, items, n_kpis, len(data))


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a folder (or one file) of N items."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("items", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--single-file", action="store_true", help="write one file OUT")
    args = parser.parse_args(argv)
    if args.single_file:
        made = generate_file(args.out, args.items, seed=args.seed)
    else:
        made = generate_folder(args.out, args.items, seed=args.seed)
    print(f"{made.path}: {made.files} files, {made.items} items, {made.kpis} KPIs, {made.bytes} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
