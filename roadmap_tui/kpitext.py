"""A KPI's figures as text in one language: what ``roadmap kpi`` prints and the KPI view shows.

The figures come from :mod:`roadmap_tui.core.kpi`; this module only words them —
numbers through :mod:`roadmap_tui.core.numfmt`, dates through
:mod:`roadmap_tui.core.datefmt` (和暦 and 年度 by default in Japanese, ISO and FY in
English), labels through :mod:`roadmap_tui.i18n` — so a view stays a thin layout of
:class:`KpiText` cells. Headless: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_tui.core.dates import Period, format_iso, format_wareki
from roadmap_tui.core.kpi import KpiReport
from roadmap_tui.core.model import KPI, Measure
from roadmap_tui.core.numfmt import format_number, format_percent, format_value
from roadmap_tui.i18n import date_style_for, direction_text, flag_label, translate

NONE = "—"


def format_date(period: Period, lang: str, dates: str | None = None) -> str:
    """A written date in ``dates`` style ("wareki" or "iso"; default by ``lang``)."""
    style = dates or date_style_for(lang)
    return format_wareki(period) if style == "wareki" else format_iso(period)


def is_approximate(measure: Measure | None) -> bool:
    """A measure whose note starts with 約 ("about"), as the source printed it (約1,060万人)."""
    return measure is not None and measure.note.lstrip().startswith(("約", "about", "approx"))


def value_text(kpi: KPI, value: float, lang: str, *, approx: bool = False) -> str:
    """A value of ``kpi`` with its unit: ``1,450万人`` / ``14.5M people``."""
    return format_value(value, kpi.unit, lang, approx=approx)


@dataclass(frozen=True, slots=True)
class KpiText:
    """Every cell of one KPI row, already in the language asked for. Empty data is ``—``."""

    id: str
    title: str
    #: baseline value with unit, e.g. ``約1,060万人``
    baseline: str
    #: baseline date, e.g. ``令和7年度`` / ``FY2025``
    baseline_date: str
    #: target with direction, e.g. ``1,450万人以上`` / ``at least 14.5M people``
    target: str
    #: due date of the target, e.g. ``令和11年度`` / ``FY2029``
    due: str
    latest: str
    latest_date: str
    latest_note: str
    #: 達成率, e.g. ``27.3%``
    attainment: str
    #: text sparkline of the known actuals (▁▂▃▄▅▆▇█)
    spark: str
    #: flag keys (``overdue``, ``off-track``, ``met``) and their labels in the language
    flag_keys: tuple[str, ...]
    flags: tuple[str, ...]


def target_text(report: KpiReport, lang: str) -> str:
    """The target as a phrase: ``70%以上``, ``at most 0 sheets``, ``基準値の2倍``.

    In Japanese a target ``label`` (the source's own wording: 100万時間超, 30%減, 倍増)
    is shown as written; English, and targets without a label, get the phrase built
    from value and direction.
    """
    kpi = report.kpi
    if kpi.target is None:
        return NONE
    if lang == "ja" and kpi.target.label:
        return kpi.target.label
    factor = kpi.target.factor
    factor_text = ""
    if factor is not None:
        factor_text = translate("{factor}× the baseline", lang).format(
            factor=format_number(factor, lang)
        )
    if report.target_value is None:
        return factor_text or NONE
    text = direction_text(
        kpi.target.direction.value, value_text(kpi, report.target_value, lang), lang
    )
    if factor_text:
        text = translate("{target} ({detail})", lang).format(target=text, detail=factor_text)
    return text


def kpi_text(report: KpiReport, lang: str, dates: str | None = None) -> KpiText:
    """The cells of ``report`` in ``lang`` with dates in ``dates`` style (default by language)."""
    kpi = report.kpi
    baseline, latest = kpi.baseline, report.latest
    flag_keys = tuple(report.flags())
    return KpiText(
        id=kpi.id,
        title=kpi.title_for(lang),
        baseline=(
            value_text(kpi, baseline.value, lang, approx=is_approximate(baseline))
            if baseline
            else NONE
        ),
        baseline_date=format_date(baseline.date, lang, dates) if baseline else NONE,
        target=target_text(report, lang),
        due=format_date(kpi.target.due, lang, dates) if kpi.target else NONE,
        latest=(
            value_text(kpi, latest.value, lang, approx=is_approximate(latest.measure))
            if latest
            else NONE
        ),
        latest_date=(
            format_date(latest.measure.date, lang, dates) if latest and latest.measure else NONE
        ),
        latest_note=latest.note if latest else "",
        attainment=(
            format_percent(report.attainment, lang) if report.attainment is not None else NONE
        ),
        spark=report.spark,
        flag_keys=flag_keys,
        flags=tuple(flag_label(key, lang) for key in flag_keys),
    )


def summary_line(report: KpiReport, lang: str, dates: str | None = None) -> str:
    """One line for an item's detail pane: title, latest → target (due), attainment, flag.

    ``オンライン利用率: 60%（令和8年9月30日） → 70%以上（令和11年度） 達成率 9.1% [進捗遅れ]``
    """
    cells = kpi_text(report, lang, dates)
    now = (
        translate("{value} ({date})", lang).format(value=cells.latest, date=cells.latest_date)
        if report.latest is not None
        else translate("no actual yet", lang)
    )
    line = f"{cells.title}: {now}"
    if report.kpi.target is not None:
        line += " → " + translate("{value} ({date})", lang).format(
            value=cells.target, date=cells.due
        )
    if report.attainment is not None:
        line += " " + translate("attainment {percent}", lang).format(percent=cells.attainment)
    return line + "".join(f" [{flag}]" for flag in cells.flags)
