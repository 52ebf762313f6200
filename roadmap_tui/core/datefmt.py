"""Writing a :class:`~roadmap_tui.core.dates.Period` back as text.

Import these from :mod:`roadmap_tui.core.dates` (they are re-exported there).
``format_iso`` and ``format_wareki`` are lossless: their output parses back, with the
period's ``fiscal_year_start_month``, to the identical period. ``format_fiscal`` and
``year_label`` name a whole fiscal year (for axis labels and columns).

This module and :mod:`dates` import each other; each takes the other's names at its
end, so either may be imported first.
"""

from __future__ import annotations

from typing import Final

from roadmap_tui.core.eras import pick_era

__all__ = ["format_fiscal", "format_iso", "format_period", "format_wareki", "year_label"]

_HALF: Final = ("上期", "下期")


def _fiscal_index(p: Period, months: int) -> tuple[int, int]:
    """The fiscal year of ``p.start`` and which ``months``-long part of it ``p`` starts."""
    m = p.fiscal_year_start_month
    fy = fiscal_year_of(p.start, m)
    return fy, ((p.start.year - fy) * 12 + p.start.month - m) // months + 1


def format_iso(p: Period) -> str:
    """Canonical text: 2026-04-01, 2026-04, 2026, 2026Q1, FY2026, FY2026H1, FY2026Q3."""
    s, prec = p.start, p.precision
    if prec is Precision.DAY:
        return s.isoformat()
    if prec is Precision.MONTH:
        return f"{s.year:04d}-{s.month:02d}"
    if prec is Precision.YEAR:
        return str(s.year)
    if prec is Precision.QUARTER:
        return f"{s.year}Q{(s.month - 1) // 3 + 1}"
    if prec is Precision.FISCAL_YEAR:
        return f"FY{fiscal_year_of(s, p.fiscal_year_start_month)}"
    if prec is Precision.FISCAL_HALF:
        return "FY{}H{}".format(*_fiscal_index(p, 6))
    return "FY{}Q{}".format(*_fiscal_index(p, 3))


def format_wareki(p: Period) -> str:
    """和暦: 令和8年4月1日, 令和8年4月, 令和8年, 令和8年第1四半期, 令和8年度, 令和8年度上期,
    令和8年度第1四半期; 元年 for year 1.

    Where two eras could name the period (1989-01, FY2019) the newer one is used:
    平成元年1月, 令和元年度. Days before Meiji (1868-10-23) fall back to :func:`format_iso`.
    """
    s, prec = p.start, p.precision
    fiscal = prec in FISCAL_PRECISIONS
    name_year = fiscal_year_of(s, p.fiscal_year_start_month) if fiscal else s.year
    era = pick_era(name_year, s, p.end)
    if era is None:
        return format_iso(p)
    y = era.kanji + era.year_text(name_year)
    if prec is Precision.DAY:
        return f"{y}年{s.month}月{s.day}日"
    if prec is Precision.MONTH:
        return f"{y}年{s.month}月"
    if prec is Precision.YEAR:
        return f"{y}年"
    if prec is Precision.QUARTER:
        return f"{y}年第{(s.month - 1) // 3 + 1}四半期"
    if prec is Precision.FISCAL_YEAR:
        return f"{y}年度"
    if prec is Precision.FISCAL_HALF:
        return f"{y}年度{_HALF[_fiscal_index(p, 6)[1] - 1]}"
    return f"{y}年度第{_fiscal_index(p, 3)[1]}四半期"


def _fiscal_label(fy: int, style: str, fysm: int) -> str:
    if style == "FY":
        return f"FY{fy}"
    if style == "nendo":
        return f"{fy}年度"
    if style in ("era", "era_kanji"):
        whole = fiscal_year_period(fy, fysm)
        era = pick_era(fy, whole.start, whole.end)
        if era is None:
            return f"FY{fy}"
        if style == "era":
            return f"{era.letter}{era.number(fy)}"
        return f"{era.kanji}{era.year_text(fy)}年度"
    raise ValueError(f"unknown fiscal style {style!r}: use 'FY', 'nendo', 'era' or 'era_kanji'")


def format_fiscal(p: Period, style: str = "FY") -> str:
    """The fiscal year containing ``p.start``: "FY" -> FY2026, "nendo" -> 2026年度,
    "era" -> R8 (R1 for 元年), "era_kanji" -> 令和8年度."""
    m = p.fiscal_year_start_month
    return _fiscal_label(fiscal_year_of(p.start, m), style, m)


def format_period(p: Period, style: str) -> str:
    """One entry point for views: "iso", "wareki" or "fiscal" (= ``format_fiscal(p)``)."""
    if style == "iso":
        return format_iso(p)
    if style == "wareki":
        return format_wareki(p)
    if style == "fiscal":
        return format_fiscal(p)
    raise ValueError(f"unknown date style {style!r}: use 'iso', 'wareki' or 'fiscal'")


def year_label(year: int, style: str, fiscal_year_start_month: int = 4) -> str:
    """An axis label for ``year``: "calendar" -> 2026, "fiscal" -> FY2026, "nendo" -> 2026年度,
    "era" -> R8, "era_kanji" -> 令和8年度 (the era forms name fiscal year ``year``)."""
    if style == "calendar":
        return str(year)
    if style == "fiscal":
        return f"FY{year}"
    return _fiscal_label(year, style, fiscal_year_start_month)


# dates imports this module at its end; take its names last so either may come first.
from roadmap_tui.core.dates import (  # noqa: E402
    FISCAL_PRECISIONS,
    Period,
    Precision,
    fiscal_year_of,
    fiscal_year_period,
)
