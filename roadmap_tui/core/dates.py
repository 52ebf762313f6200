"""Dates as planners write them: days, months, years, 年度 fiscal years and 和暦 eras.

Every date in a roadmap is a :class:`Period` that keeps the precision it was written
with: ``R8`` is the whole fiscal year 2026-04-01..2027-03-31, ``2026-04`` one month,
``2026-04-01`` one day. :func:`parse_period` is the only way in and raises
:class:`~roadmap_tui.core.errors.DateError` (never anything else) with a hint.

Rules where the forms meet (the README table "Accepted date forms" is the contract):

- A fiscal year is named by the calendar year it starts in (``FY2026`` = ``2026年度``
  = ``R8`` = 2026-04-01..2027-03-31 when it starts in April).
- An era year names a calendar year: 令和元年 = 2019, so ``令和8年`` is the calendar
  year 2026 and ``令和8年度`` the fiscal year starting in 2026.  The period written
  must overlap the era: ``令和元年度`` (FY2019) and ``平成31年度`` (FY2019) are both
  fine, ``令和元年4月`` (before Reiwa) and ``昭和64年度`` (FY1989 starts in Heisei)
  are rejected with a hint naming the right form.
- Dates are proleptic Gregorian; Meiji is counted from 1868-10-23, and years outside
  1868..2200 are rejected as typos.

Formatting lives in :mod:`roadmap_tui.core.datefmt` and is re-exported here; every
``format_*`` output parses back to the identical :class:`Period` (``format_fiscal``
names only the fiscal year that contains the period's first day).
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Final

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]

from roadmap_tui.core.eras import ERA_BY_KEY, ERAS, Era, era_year, pick_era
from roadmap_tui.core.errors import DateError

__all__ = [
    "ERAS",
    "MAX_YEAR",
    "MIN_YEAR",
    "Era",
    "Period",
    "Precision",
    "era_year",
    "fiscal_year_of",
    "fiscal_year_period",
    "format_fiscal",
    "format_iso",
    "format_period",
    "format_wareki",
    "parse_period",
    "period_containing",
    "year_label",
]

#: Years outside this range are taken as typos (``20266``, ``R2026``, ``0``).
MIN_YEAR: Final = 1868
MAX_YEAR: Final = 2200


class Precision(StrEnum):
    """How much of the calendar a written date names."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"  # calendar quarter, Jan-Mar = Q1
    FISCAL_QUARTER = "fiscal_quarter"
    FISCAL_HALF = "fiscal_half"
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"  # calendar year


FISCAL_PRECISIONS: Final = frozenset(
    {Precision.FISCAL_YEAR, Precision.FISCAL_HALF, Precision.FISCAL_QUARTER}
)


@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive first and last day of a written date, and the precision it was written with."""

    start: date
    end: date
    precision: Precision
    fiscal_year_start_month: int = 4

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def days(self) -> int:
        """Number of days, both ends included (1 for a day)."""
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return format_iso(self)


# --- fiscal years and spans --------------------------------------------------------


def fiscal_year_of(d: date, fiscal_year_start_month: int = 4) -> int:
    """The fiscal year containing ``d``, named by the calendar year it starts in.

    2027-03-31 -> 2026 and 2027-04-01 -> 2027 when fiscal years start in April.
    """
    return d.year if d.month >= fiscal_year_start_month else d.year - 1


_ONE_DAY: Final = timedelta(days=1)


def _span(first: date, offset: int, months: int, precision: Precision, fysm: int) -> Period:
    if first.day != 1:  # not used so: every caller starts on the 1st of a month
        start: date = first + relativedelta(months=offset) if offset else first
        return Period(start, start + relativedelta(months=months, days=-1), precision, fysm)
    # Month arithmetic by hand: a tenth of relativedelta's cost, and parsing a folder's
    # few thousand distinct date texts is most of the load time of a small folder.
    index = first.year * 12 + first.month - 1 + offset
    after = index + months
    return Period(
        date(index // 12, index % 12 + 1, 1),
        date(after // 12, after % 12 + 1, 1) - _ONE_DAY,
        precision,
        fysm,
    )


def _show(value: object) -> str:
    """A short, safe rendering of any value for a message."""
    if type(value) is int and -(10**9) < value < 10**9 or type(value) in (str, bool, float):
        return f"{value!r:.40}"
    if type(value) is int:
        return "a huge number"
    return "None" if value is None else f"a {type(value).__name__}"


def _check_fysm(fysm: object) -> int:
    if type(fysm) is not int or not 1 <= fysm <= 12:
        raise DateError(
            f"fiscal_year_start_month must be a month from 1 to 12, not {_show(fysm)}",
            "4 = 年度 (April-March), 1 = calendar years",
        )
    return fysm


@lru_cache(maxsize=1024)
def fiscal_year_period(fy: int, fiscal_year_start_month: int = 4) -> Period:
    """FY ``fy``: from ``fy``-m-01 to the day before (``fy``+1)-m-01 (m = start month)."""
    m = _check_fysm(fiscal_year_start_month)
    if type(fy) is not int or not 1 <= fy <= 9998:
        raise DateError(f"fiscal year {_show(fy)} is out of range")
    return _span(date(fy, m, 1), 0, 12, Precision.FISCAL_YEAR, m)


def period_containing(d: date, precision: Precision, fiscal_year_start_month: int = 4) -> Period:
    """The period of ``precision`` that contains ``d`` (the month of a day, its FY, ...)."""
    m = fiscal_year_start_month
    if precision is Precision.DAY:
        return Period(d, d, precision, m)
    if precision is Precision.MONTH:
        return _span(date(d.year, d.month, 1), 0, 1, precision, m)
    if precision is Precision.QUARTER:
        return _span(date(d.year, (d.month - 1) // 3 * 3 + 1, 1), 0, 3, precision, m)
    if precision is Precision.YEAR:
        return Period(date(d.year, 1, 1), date(d.year, 12, 31), precision, m)
    fy_start = date(fiscal_year_of(d, m), m, 1)
    if precision is Precision.FISCAL_YEAR:
        return _span(fy_start, 0, 12, precision, m)
    months = (d.year - fy_start.year) * 12 + d.month - m
    length = 6 if precision is Precision.FISCAL_HALF else 3
    return _span(fy_start, months // length * length, length, precision, m)


# --- parsing -----------------------------------------------------------------------

_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")  # fmt: skip
_EXAMPLES: Final = "2026-04-01, 2026-04, 2026, FY2026, R8 (= 令和8年度), 令和8年4月, FY2026Q1"
_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_TIME: Final = re.compile(r"[0-9]T?[0-9]{1,2}:[0-9]{2}|[0-9]時")
_NO_TIME: Final = "write a date without a time"
_ISO_DAY: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_HEAD: Final = re.compile(
    r"(?P<fy>FY)?(?P<gy>[0-9]{1,8})|(?P<era>明治|大正|昭和|平成|令和|[MTSHR])(?P<ey>[0-9]{1,4}|元)"
)
_REST: Final = re.compile(
    r"(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?:(?P=sep)(?P<d>[0-9]{1,2}))?"  # -4, .4.1, /4/1
    r"|(?P<cal>年)(?:(?P<km>[0-9]{1,2})月(?:(?P<kd>[0-9]{1,2})日)?)?"  # 年, 年4月, 年4月1日
    r"|年第(?P<cq>[0-9]{1,2})四半期"  # calendar quarter
    r"|(?P<nendo>年度)?(?:-?H(?P<h>[0-9]{1,2})|-?Q(?P<q>[0-9]{1,2})"  # fiscal parts
    r"|(?P<half>[上下])半?期|第(?P<kq>[0-9]{1,2})四半期)?"
)


def _normalise(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(text.split()).upper()


def _not_a_date(shown: str, why: str = "", hint: str = "") -> DateError:
    return DateError(f"not a date: '{shown}'{why}", hint or f"write e.g. {_EXAMPLES}")


def _check_year(y: int, shown: str, raw: str) -> None:
    if MIN_YEAR <= y <= MAX_YEAR:
        return
    hint = f"years from {MIN_YEAR} to {MAX_YEAR} are accepted"
    if len(raw) == 8 and raw.isdigit():
        hint = f"write a day as {raw[:4]}-{raw[4:6]}-{raw[6:]}"
    elif y < 100:
        hint = "write the year with four digits, e.g. 2026 or FY2026"
    elif raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:  # R2026: a Western year
        hint = f"for the fiscal year write FY{raw}"
    raise DateError(f"'{shown}': year {y} is out of range", hint)


def _part(text: str, top: int, what: str, shown: str) -> int:
    n = int(text)
    if not 1 <= n <= top:
        hint = {
            2: "halves are H1 (上期, 上半期) and H2 (下期, 下半期)",
            4: "quarters are Q1 to Q4 (第1四半期 to 第4四半期)",
            12: "months run from 1 to 12",
        }[top]
        raise DateError(f"'{shown}' is not a date: there is no {what} {n}", hint)
    return n


def _calendar(y: int, fysm: int, shown: str, month: str, day: str, quarter: str) -> Period:
    """Year ``y``, or its month / day / quarter when given (as digit strings)."""
    if quarter:
        q = _part(quarter, 4, "quarter", shown)
        return _span(date(y, 1, 1), 3 * (q - 1), 3, Precision.QUARTER, fysm)
    if not month:
        return Period(date(y, 1, 1), date(y, 12, 31), Precision.YEAR, fysm)
    m = _part(month, 12, "month", shown)
    if not day:
        return _span(date(y, m, 1), 0, 1, Precision.MONTH, fysm)
    d, last = int(day), monthrange(y, m)[1]
    if not 1 <= d <= last:
        if m == 2 and d == 29:
            raise DateError(
                f"'{shown}' is not a day: {y} is not a leap year", f"February {y} ends on the 28th"
            )
        raise DateError(
            f"'{shown}' is not a day: there is no day {d} in {_MONTHS[m - 1]} {y}",
            f"{_MONTHS[m - 1]} {y} has {last} days",
        )
    one = date(y, m, d)
    return Period(one, one, Precision.DAY, fysm)


def _fiscal(fy: int, fysm: int, shown: str, half: str, quarter: str) -> Period:
    """Fiscal year ``fy``, or its half ("1", "2", "上", "下") / quarter when given."""
    first = date(fy, fysm, 1)
    if half:
        h = _part({"上": "1", "下": "2"}.get(half, half), 2, "half", shown)
        return _span(first, 6 * (h - 1), 6, Precision.FISCAL_HALF, fysm)
    if quarter:
        q = _part(quarter, 4, "quarter", shown)
        return _span(first, 3 * (q - 1), 3, Precision.FISCAL_QUARTER, fysm)
    return _span(first, 0, 12, Precision.FISCAL_YEAR, fysm)


def _era_year(era: Era, raw: str, shown: str) -> int:
    """The calendar year of era year ``raw`` ("8", "08", "元")."""
    n = 1 if raw == "元" else int(raw)
    if n == 0:
        raise DateError(
            f"'{shown}': an era has no year 0",
            f"元年 is year 1: {era.kanji}元年 is {era.first_year}",
        )
    y = era.first_year + n - 1
    _check_year(y, shown, raw)
    if era.end is not None and y > era.end.year:
        later = pick_era(y, date(y, 1, 1), date(y, 12, 31))
        raise DateError(
            f"'{shown}' is past the end of {era.name} (it ended on {era.end})",
            f"{y} is {later.kanji}{later.year_text(y)}年" if later else None,
        )
    return y


def _parse_text(text: str, fysm: int) -> Period:
    _check_fysm(fysm)
    shown = text.strip()
    if len(shown) > 40:
        shown = shown[:40] + "…"
    s = _normalise(text)
    iso = _ISO_DAY.fullmatch(s)
    if iso:
        _check_year(int(iso[1]), shown, iso[1])
        return _calendar(int(iso[1]), fysm, shown, iso[2], iso[3], "")
    if not s:
        raise DateError("a date is empty", f"write e.g. {_EXAMPLES}")
    head = _HEAD.match(s)
    rest = _REST.fullmatch(s, head.end()) if head else None
    if head is None or rest is None:
        timed = _TIME.search(s)
        raise _not_a_date(shown, " (a time of day)" if timed else "", _NO_TIME if timed else "")
    g = {key: value or "" for key, value in rest.groupdict().items()}
    era = ERA_BY_KEY.get(head["era"] or "")
    is_fy = head["fy"] is not None
    if era is None:
        y = int(head["gy"])
        _check_year(y, shown, head["gy"])
    else:
        y = _era_year(era, head["ey"], shown)

    if g["sep"] or g["cal"] or g["cq"]:  # 2026-04, R8.4.1, 令和8年4月, 令和8年第1四半期
        if is_fy:
            raise _not_a_date(shown)
        period = _calendar(y, fysm, shown, g["m"] or g["km"], g["d"] or g["kd"], g["cq"])
    elif era is None and not is_fy and not g["nendo"]:  # 2026, 2026Q1
        if g["h"] or g["half"] or g["kq"]:
            raise _not_a_date(
                shown,
                " (halves and 第N四半期 belong to a fiscal year)",
                f"write FY{y}H1, {y}年度上期 or {y}年度第1四半期",
            )
        period = _calendar(y, fysm, shown, "", "", g["q"])
    else:  # FY2026, 2026年度, R8, 令和8年度, R8上期, FY2026Q3 ...
        if (
            era is not None
            and len(era.kanji) == len(head["era"])
            and not any(g[k] for k in ("nendo", "h", "q", "half", "kq"))
        ):
            raise _not_a_date(
                shown,
                " (年 or 年度?)",
                f"{head['era']}{head['ey']}年 is the calendar year {y}, "
                f"{head['era']}{head['ey']}年度 the fiscal year starting in {y}",
            )
        period = _fiscal(y, fysm, shown, g["h"] or g["half"], g["q"] or g["kq"])
    if era is not None:
        _check_in_era(era, period, shown)
    return period


_UNIT: Final = {
    Precision.DAY: "day",
    Precision.MONTH: "month",
    Precision.QUARTER: "quarter",
    Precision.YEAR: "year",
    Precision.FISCAL_YEAR: "fiscal year",
    Precision.FISCAL_HALF: "half",
    Precision.FISCAL_QUARTER: "quarter",
}


def _check_in_era(era: Era, period: Period, shown: str) -> None:
    if period.end < era.start:
        message = f"'{shown}' is before {era.name} began"
        hint = f"{era.name} began on {era.start}"
    elif era.end is not None and period.start > era.end:
        message = f"'{shown}' is after {era.name} ended"
        hint = f"{era.name} ended on {era.end}"
        following = ERAS.index(era) + 1
        if following < len(ERAS):
            nxt = ERAS[following]
            hint += f" and {nxt.name} began on {nxt.start}"
    else:
        return
    right = format_wareki(period)
    if right != format_iso(period):
        hint += f"; that {_UNIT[period.precision]} is {right}"
    raise DateError(message, hint)


@lru_cache(maxsize=16384)
def _parse_text_cached(text: str, fysm: int) -> Period | DateError:
    try:
        return _parse_text(text, fysm)
    except DateError as err:  # cached too: a typo repeated 10,000 times is parsed once
        return err.with_traceback(None)  # keep no frames alive in the cache


@lru_cache(maxsize=16384)
def _day_cached(d: date, fysm: int) -> Period | DateError:
    try:
        _check_fysm(fysm)
        _check_year(d.year, d.isoformat(), str(d.year))
    except DateError as err:
        return err.with_traceback(None)
    return Period(d, d, Precision.DAY, fysm)


def _parse_other(value: object, fysm: object) -> Period | DateError:
    try:
        m = _check_fysm(fysm)
    except DateError as err:
        return err
    if isinstance(value, datetime):
        return DateError(f"'{value.isoformat()}' has a time of day", _NO_TIME)
    if isinstance(value, date):
        return _day_cached(date(value.year, value.month, value.day), m)
    if isinstance(value, str):  # a str subclass, e.g. from tomlkit
        return _parse_text_cached(str.__str__(value), m)
    if type(value) is int:
        if not MIN_YEAR <= value <= MAX_YEAR:
            return DateError(
                f"year {_show(value)} is out of range",
                f"years from {MIN_YEAR} to {MAX_YEAR} are accepted",
            )
        return _parse_text_cached(str(value), m)
    hint = "write a year as a whole number (2026)" if type(value) is float else ""
    return DateError(f"not a date: {_show(value)}", hint or f"write e.g. {_EXAMPLES}")


def parse_period(value: str | date | int, *, fiscal_year_start_month: int = 4) -> Period:
    """The :class:`Period` a date value names; raises :class:`DateError` only.

    ``value`` is a TOML date, an integer (a calendar year) or any accepted string form
    (README, "Accepted date forms"). Strings are cached: repeated values are cheap.
    """
    if type(value) is str and type(fiscal_year_start_month) is int:
        result = _parse_text_cached(value, fiscal_year_start_month)
    elif type(value) is date and type(fiscal_year_start_month) is int:
        result = _day_cached(value, fiscal_year_start_month)
    else:
        result = _parse_other(value, fiscal_year_start_month)
    if isinstance(result, Period):
        return result
    raise DateError(result.message, result.hint)


# Formatting is in its own module; it needs the names above, so it is imported last.
from roadmap_tui.core.datefmt import (  # noqa: E402
    format_fiscal,
    format_iso,
    format_period,
    format_wareki,
    year_label,
)
