"""Table-driven tests of the date forms planners write (README, "Accepted date forms")."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from roadmap_tui.core.dates import (
    Period,
    Precision,
    era_year,
    fiscal_year_of,
    fiscal_year_period,
    format_fiscal,
    format_iso,
    format_period,
    format_wareki,
    parse_period,
    period_containing,
    year_label,
)
from roadmap_tui.core.errors import DateError

D, M, Y, Q = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.QUARTER
FY, FH, FQ = Precision.FISCAL_YEAR, Precision.FISCAL_HALF, Precision.FISCAL_QUARTER


def case(
    value: object, start: str, end: str, precision: Precision, fysm: int = 4, *, id: str
) -> object:
    days = date.fromisoformat(start), date.fromisoformat(end)
    return pytest.param(value, fysm, *days, precision, id=id)


ACCEPTED = [
    # --- the forms of the spec, fiscal years starting in April ---
    case("2026-04-01", "2026-04-01", "2026-04-01", D, id="iso-day"),
    case("2026-04", "2026-04-01", "2026-04-30", M, id="iso-month"),
    case("2026", "2026-01-01", "2026-12-31", Y, id="year-str"),
    case(2026, "2026-01-01", "2026-12-31", Y, id="year-int"),
    case(date(2026, 4, 1), "2026-04-01", "2026-04-01", D, id="toml-date"),
    case("FY2026", "2026-04-01", "2027-03-31", FY, id="FY"),
    case("2026年度", "2026-04-01", "2027-03-31", FY, id="nendo"),
    case("R8", "2026-04-01", "2027-03-31", FY, id="R8"),
    case("R08", "2026-04-01", "2027-03-31", FY, id="R08"),
    case("R8年度", "2026-04-01", "2027-03-31", FY, id="R8-nendo"),
    case("令和8年度", "2026-04-01", "2027-03-31", FY, id="reiwa-nendo"),
    case("令和8年", "2026-01-01", "2026-12-31", Y, id="reiwa-year"),
    case("R8年", "2026-01-01", "2026-12-31", Y, id="R8-nen-is-calendar"),
    case("令和8年4月", "2026-04-01", "2026-04-30", M, id="reiwa-month"),
    case("令和8年4月1日", "2026-04-01", "2026-04-01", D, id="reiwa-day"),
    case("R8.4", "2026-04-01", "2026-04-30", M, id="R8.4"),
    case("R8.4.1", "2026-04-01", "2026-04-01", D, id="R8.4.1"),
    case("R8/4/1", "2026-04-01", "2026-04-01", D, id="R8-slashes"),
    case("H8.4", "1996-04-01", "1996-04-30", M, id="H8.4"),
    case("H8.4.1", "1996-04-01", "1996-04-01", D, id="H8.4.1"),
    case("H8", "1996-04-01", "1997-03-31", FY, id="H8-fiscal"),
    case("平成8年4月", "1996-04-01", "1996-04-30", M, id="heisei-month"),
    case("平成8年4月1日", "1996-04-01", "1996-04-01", D, id="heisei-day"),
    case("S43", "1968-04-01", "1969-03-31", FY, id="S43-fiscal"),
    case("S43年度", "1968-04-01", "1969-03-31", FY, id="S43-nendo"),
    case("昭和43年度", "1968-04-01", "1969-03-31", FY, id="showa-nendo"),
    case("令和元年", "2019-01-01", "2019-12-31", Y, id="reiwa-gannen"),
    case("令和元年度", "2019-04-01", "2020-03-31", FY, id="reiwa-gannen-nendo"),
    case("R元", "2019-04-01", "2020-03-31", FY, id="R-gannen"),
    case("R1", "2019-04-01", "2020-03-31", FY, id="R1"),
    case("令和８年度", "2026-04-01", "2027-03-31", FY, id="fullwidth-digits"),
    case("Ｒ８", "2026-04-01", "2027-03-31", FY, id="fullwidth-letter"),
    case("令和８年４月１日", "2026-04-01", "2026-04-01", D, id="fullwidth-day"),
    case("２０２６－０４－０１", "2026-04-01", "2026-04-01", D, id="fullwidth-iso"),
    case("ｆｙ２０２６ｑ３", "2026-10-01", "2026-12-31", FQ, id="fullwidth-lower-fyq"),
    case("㋿8年度", "2026-04-01", "2027-03-31", FY, id="era-ligature"),
    case("2026\u20134", "2026-04-01", "2026-04-30", M, id="en-dash"),
    # --- halves and quarters ---
    case("R8上期", "2026-04-01", "2026-09-30", FH, id="R8-kamiki"),
    case("R8上半期", "2026-04-01", "2026-09-30", FH, id="R8-kamihanki"),
    case("R8下期", "2026-10-01", "2027-03-31", FH, id="R8-shimoki"),
    case("R8下半期", "2026-10-01", "2027-03-31", FH, id="R8-shimohanki"),
    case("R8H2", "2026-10-01", "2027-03-31", FH, id="R8H2"),
    case("FY2026H1", "2026-04-01", "2026-09-30", FH, id="FY-H1"),
    case("FY2026H2", "2026-10-01", "2027-03-31", FH, id="FY-H2"),
    case("令和8年度上期", "2026-04-01", "2026-09-30", FH, id="reiwa-nendo-kamiki"),
    case("令和8年度下半期", "2026-10-01", "2027-03-31", FH, id="reiwa-nendo-shimohanki"),
    case("2026年度上期", "2026-04-01", "2026-09-30", FH, id="nendo-kamiki"),
    case("FY2026Q1", "2026-04-01", "2026-06-30", FQ, id="FY-Q1"),
    case("FY2026Q4", "2027-01-01", "2027-03-31", FQ, id="FY-Q4-next-year"),
    case("FY2026-Q3", "2026-10-01", "2026-12-31", FQ, id="FY-dash-Q3"),
    case("R8Q3", "2026-10-01", "2026-12-31", FQ, id="R8Q3"),
    case("令和8年度第1四半期", "2026-04-01", "2026-06-30", FQ, id="reiwa-dai1shihanki"),
    case("2026年度第4四半期", "2027-01-01", "2027-03-31", FQ, id="nendo-dai4shihanki"),
    case("令和8年度Q2", "2026-07-01", "2026-09-30", FQ, id="reiwa-nendo-Q2"),
    case("2026Q1", "2026-01-01", "2026-03-31", Q, id="calendar-Q1"),
    case("2026-Q4", "2026-10-01", "2026-12-31", Q, id="calendar-dash-Q4"),
    case("令和8年第2四半期", "2026-04-01", "2026-06-30", Q, id="reiwa-calendar-quarter"),
    case("2026年第1四半期", "2026-01-01", "2026-03-31", Q, id="nen-calendar-quarter"),
    # --- other spellings ---
    case("2026/4/1", "2026-04-01", "2026-04-01", D, id="slash-day"),
    case("2026-4-1", "2026-04-01", "2026-04-01", D, id="dash-day-short"),
    case("2026.4.1", "2026-04-01", "2026-04-01", D, id="dot-day"),
    case("2026/04", "2026-04-01", "2026-04-30", M, id="slash-month"),
    case("2026年4月", "2026-04-01", "2026-04-30", M, id="nen-month"),
    case("2026年4月1日", "2026-04-01", "2026-04-01", D, id="nen-day"),
    case("2026年", "2026-01-01", "2026-12-31", Y, id="nen-year"),
    case("r8", "2026-04-01", "2027-03-31", FY, id="lower-r8"),
    case("fy2026", "2026-04-01", "2027-03-31", FY, id="lower-fy"),
    case("  R8 \n", "2026-04-01", "2027-03-31", FY, id="whitespace"),
    case("\u3000令和 8 年度\u3000", "2026-04-01", "2027-03-31", FY, id="ideographic-space"),
    # --- era first and last days ---
    case("M45.7.29", "1912-07-29", "1912-07-29", D, id="meiji-last-day"),
    case("T元.7.30", "1912-07-30", "1912-07-30", D, id="taisho-first-day"),
    case("大正15年12月24日", "1926-12-24", "1926-12-24", D, id="taisho-last-day"),
    case("昭和元年12月25日", "1926-12-25", "1926-12-25", D, id="showa-first-day"),
    case("昭和64年1月7日", "1989-01-07", "1989-01-07", D, id="showa-last-day"),
    case("S64.1.7", "1989-01-07", "1989-01-07", D, id="S64.1.7"),
    case("平成元年1月8日", "1989-01-08", "1989-01-08", D, id="heisei-first-day"),
    case("平成31年4月30日", "2019-04-30", "2019-04-30", D, id="heisei-last-day"),
    case("H31.4.30", "2019-04-30", "2019-04-30", D, id="H31.4.30"),
    case("令和元年5月1日", "2019-05-01", "2019-05-01", D, id="reiwa-first-day"),
    case("R1.5.1", "2019-05-01", "2019-05-01", D, id="R1.5.1"),
    # --- months, years and fiscal years that straddle an era change ---
    case("平成31年4月", "2019-04-01", "2019-04-30", M, id="heisei-31-april"),
    case("令和元年5月", "2019-05-01", "2019-05-31", M, id="reiwa-gannen-may"),
    case("平成31年度", "2019-04-01", "2020-03-31", FY, id="heisei-31-nendo"),
    case("平成31年", "2019-01-01", "2019-12-31", Y, id="heisei-31-year"),
    case("令和元年度上期", "2019-04-01", "2019-09-30", FH, id="reiwa-gannen-kamiki"),
    case("平成元年1月", "1989-01-01", "1989-01-31", M, id="heisei-gannen-january"),
    case("昭和64年1月", "1989-01-01", "1989-01-31", M, id="showa-64-january"),
    case("昭和64年", "1989-01-01", "1989-12-31", Y, id="showa-64-year"),
    case("平成元年度", "1989-04-01", "1990-03-31", FY, id="heisei-gannen-nendo"),
    case("昭和元年", "1926-01-01", "1926-12-31", Y, id="showa-gannen-year"),
    # --- leap days and range ends ---
    case("2024-02-29", "2024-02-29", "2024-02-29", D, id="leap-day"),
    case("2000-02-29", "2000-02-29", "2000-02-29", D, id="leap-day-400"),
    case("令和6年2月29日", "2024-02-29", "2024-02-29", D, id="leap-day-wareki"),
    case("2024-02", "2024-02-01", "2024-02-29", M, id="leap-february"),
    case("FY2023", "2023-04-01", "2024-03-31", FY, id="fy-with-leap-day"),
    case("1868", "1868-01-01", "1868-12-31", Y, id="min-year"),
    case("2200", "2200-01-01", "2200-12-31", Y, id="max-year"),
    # --- fiscal years starting in January ---
    case("FY2026", "2026-01-01", "2026-12-31", FY, 1, id="fy1-FY"),
    case("R8", "2026-01-01", "2026-12-31", FY, 1, id="fy1-R8"),
    case("令和8年度", "2026-01-01", "2026-12-31", FY, 1, id="fy1-reiwa-nendo"),
    case("FY2026H2", "2026-07-01", "2026-12-31", FH, 1, id="fy1-H2"),
    case("FY2026Q1", "2026-01-01", "2026-03-31", FQ, 1, id="fy1-Q1"),
    case("昭和64年度", "1989-01-01", "1989-12-31", FY, 1, id="fy1-showa-64-nendo"),
    case("2026", "2026-01-01", "2026-12-31", Y, 1, id="fy1-calendar-year"),
    # --- fiscal years starting in October ---
    case("FY2026", "2026-10-01", "2027-09-30", FY, 10, id="fy10-FY"),
    case("令和8年度", "2026-10-01", "2027-09-30", FY, 10, id="fy10-reiwa-nendo"),
    case("2026年度", "2026-10-01", "2027-09-30", FY, 10, id="fy10-nendo"),
    case("FY2026Q1", "2026-10-01", "2026-12-31", FQ, 10, id="fy10-Q1"),
    case("R8下期", "2027-04-01", "2027-09-30", FH, 10, id="fy10-shimoki"),
    case("2026Q1", "2026-01-01", "2026-03-31", Q, 10, id="fy10-calendar-quarter"),
    case("2026-04-01", "2026-04-01", "2026-04-01", D, 10, id="fy10-day"),
]


@pytest.mark.parametrize(("value", "fysm", "start", "end", "precision"), ACCEPTED)
def test_accepted(value: object, fysm: int, start: date, end: date, precision: Precision) -> None:
    p = parse_period(value, fiscal_year_start_month=fysm)  # type: ignore[arg-type]
    assert (p.start, p.end, p.precision) == (start, end, precision)
    assert p.fiscal_year_start_month == fysm
    for text in (format_iso(p), format_wareki(p), str(p)):
        assert parse_period(text, fiscal_year_start_month=fysm) == p, text


def err(value: object, message: str, hint: str | None = None, fysm: int = 4, *, id: str) -> object:
    return pytest.param(value, fysm, message, hint, id=id)


REIWA_APRIL = "Reiwa began on 2019-05-01; that month is 平成31年4月"
REJECTED = [
    # --- outside an era ---
    err("令和元年4月", "before Reiwa began", REIWA_APRIL, id="reiwa-gannen-april"),
    err("令和元年1月1日", "before Reiwa began", "that day is 平成31年1月1日", id="R1-jan1"),
    err("R1.4.30", "before Reiwa began", "that day is 平成31年4月30日", id="R1.4.30"),
    err("昭和64年1月8日", "after Showa ended", "Heisei began on 1989-01-08", id="showa-64-jan8"),
    err("平成31年5月", "after Heisei ended", "that month is 令和元年5月", id="heisei-31-may"),
    err("平成31年度下期", "after Heisei ended", "that half is 令和元年度下期", id="H31-shimoki"),
    err("昭和64年度", "after Showa ended", "that fiscal year is 平成元年度", id="showa-64-nendo"),
    err("S64", "after Showa ended", "平成元年度", id="S64"),
    err("平成32年", "past the end of Heisei", "2020 is 令和2年", id="heisei-32"),
    err("平成32年度", "past the end of Heisei", "2020 is 令和2年", id="heisei-32-nendo"),
    err("H32.4", "past the end of Heisei", "2020 is 令和2年", id="H32.4"),
    err("大正16年", "past the end of Taisho", "1927 is 昭和2年", id="taisho-16"),
    err("令和0年", "no year 0", "元年 is year 1: 令和元年 is 2019", id="reiwa-0"),
    err("R0", "no year 0", "元年 is year 1", id="R0"),
    err("M1.1", "before Meiji began", "Meiji began on 1868-10-23", id="before-meiji"),
    err("令和8", "年 or 年度", "令和8年 is the calendar year 2026", id="reiwa-8-alone"),
    # --- impossible months, days, halves, quarters ---
    err("2026-13", "no month 13", "months run from 1 to 12", id="month-13"),
    err("令和8年13月", "no month 13", id="wareki-month-13"),
    err("2026-00", "no month 0", id="month-0"),
    err("2026-02-30", "no day 30 in February 2026", "February 2026 has 28 days", id="feb-30"),
    err("2026-02-29", "2026 is not a leap year", "ends on the 28th", id="feb-29-not-leap"),
    err("1900-02-29", "1900 is not a leap year", id="feb-29-1900"),
    err("令和7年2月29日", "2025 is not a leap year", id="feb-29-wareki"),
    err("2026-04-31", "no day 31 in April 2026", "April 2026 has 30 days", id="april-31"),
    err("2026-04-00", "no day 0", id="day-0"),
    err("FY2026Q5", "no quarter 5", "Q1 to Q4", id="quarter-5"),
    err("2026Q0", "no quarter 0", id="calendar-quarter-0"),
    err("R8H3", "no half 3", "H1 (上期", id="half-3"),
    err("2026H1", "belong to a fiscal year", "FY2026H1", id="calendar-half"),
    err("2026上期", "belong to a fiscal year", "2026年度上期", id="calendar-kamiki"),
    # --- absurd years ---
    err("0", "year 0 is out of range", "four digits", id="year-0"),
    err("0000-01-01", "year 0 is out of range", id="iso-year-0"),
    err("1867", "year 1867 is out of range", "1868 to 2200", id="year-1867"),
    err("3000", "year 3000 is out of range", id="year-3000"),
    err("2201-01-01", "year 2201 is out of range", id="iso-2201"),
    err(0, "year 0 is out of range", id="int-0"),
    err(-5, "year -5 is out of range", id="int-negative"),
    err(30000, "out of range", id="int-30000"),
    err(10**100, "year a huge number is out of range", id="int-huge"),
    err(date(1, 1, 1), "year 1 is out of range", id="date-year-1"),
    err("R2026", "out of range", "FY2026", id="era-with-western-year"),
    err("20260401", "out of range", "2026-04-01", id="compact-day"),
    err("FY26", "year 26 is out of range", "four digits", id="two-digit-FY"),
    # --- not dates at all ---
    err("banana", "not a date: 'banana'", "FY2026", id="unknown-text"),
    err("", "empty", "2026-04-01", id="empty"),
    err("   ", "empty", id="blank"),
    err("FY2026-04", "not a date", id="FY-with-month"),
    err("2026-04/01", "not a date", id="mixed-separators"),
    err("2026-04-01T09:00", "time of day", "write a date without a time", id="string-with-time"),
    err("x" * 500, "…", id="long-text-shortened"),
    err(datetime(2026, 4, 1, 9, 30), "time of day", "write a date without a time", id="datetime"),
    err(datetime(2026, 4, 1), "time of day", "write a date without a time", id="datetime-midnight"),
    err(True, "not a date: True", id="bool"),
    err(2026.0, "not a date: 2026.0", "whole number", id="float"),
    err(None, "not a date: None", id="none"),
    err([2026], "not a date: a list", id="list"),
    # --- bad settings ---
    err("R8", "fiscal_year_start_month", fysm=0, id="fysm-0"),
    err("R8", "fiscal_year_start_month", fysm=13, id="fysm-13"),
    err(date(2026, 4, 1), "fiscal_year_start_month", fysm=13, id="fysm-13-date"),
    err("R8", "fiscal_year_start_month", fysm="4", id="fysm-str"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("value", "fysm", "message", "hint"), REJECTED)
def test_rejected(value: object, fysm: int, message: str, hint: str | None) -> None:
    with pytest.raises(DateError) as info:
        parse_period(value, fiscal_year_start_month=fysm)  # type: ignore[arg-type]
    assert message in info.value.message
    assert info.value.hint, "every date error carries a hint"
    if hint is not None:
        assert hint in info.value.hint
    if isinstance(value, str) and len(value) > 60:
        assert len(info.value.message) < 80


def test_repeated_error_is_a_fresh_exception() -> None:
    errors = []
    for _ in range(2):
        with pytest.raises(DateError) as info:
            parse_period("令和元年4月")
        errors.append(info.value)
    assert errors[0] is not errors[1]
    assert str(errors[0]) == str(errors[1])


def test_repeated_strings_share_one_period() -> None:
    assert parse_period("R8") is parse_period("R8")


def test_str_and_date_subclasses_are_plain_values() -> None:
    class TomlString(str):
        pass

    class TomlDate(date):
        pass

    assert parse_period(TomlString("R8")) == parse_period("R8")
    p = parse_period(TomlDate(2026, 4, 1))
    assert type(p.start) is date and p == parse_period("2026-04-01")


@pytest.mark.parametrize(
    ("day", "fysm", "fy"),
    [
        pytest.param(date(2027, 3, 31), 4, 2026, id="march-31"),
        pytest.param(date(2027, 4, 1), 4, 2027, id="april-1"),
        pytest.param(date(2026, 1, 1), 1, 2026, id="fy1-jan-1"),
        pytest.param(date(2025, 12, 31), 1, 2025, id="fy1-dec-31"),
        pytest.param(date(2026, 9, 30), 10, 2025, id="fy10-sep-30"),
        pytest.param(date(2026, 10, 1), 10, 2026, id="fy10-oct-1"),
    ],
)
def test_fiscal_year_of(day: date, fysm: int, fy: int) -> None:
    assert fiscal_year_of(day, fysm) == fy
    assert fiscal_year_period(fy, fysm).contains(day)


@pytest.mark.parametrize(
    ("fy", "fysm", "start", "end"),
    [
        pytest.param(2026, 4, "2026-04-01", "2027-03-31", id="april"),
        pytest.param(2026, 1, "2026-01-01", "2026-12-31", id="january"),
        pytest.param(2026, 10, "2026-10-01", "2027-09-30", id="october"),
        pytest.param(2023, 3, "2023-03-01", "2024-02-29", id="march-leap"),
    ],
)
def test_fiscal_year_period(fy: int, fysm: int, start: str, end: str) -> None:
    p = fiscal_year_period(fy, fysm)
    assert (p.start.isoformat(), p.end.isoformat(), p.precision) == (start, end, FY)
    assert p.fiscal_year_start_month == fysm


def test_fiscal_year_period_rejects_bad_month() -> None:
    with pytest.raises(DateError, match="fiscal_year_start_month"):
        fiscal_year_period(2026, 0)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 5, 1), ("令和", 8), id="reiwa-8"),
        pytest.param(date(2019, 5, 1), ("令和", 1), id="reiwa-first"),
        pytest.param(date(2019, 4, 30), ("平成", 31), id="heisei-last"),
        pytest.param(date(1989, 1, 8), ("平成", 1), id="heisei-first"),
        pytest.param(date(1989, 1, 7), ("昭和", 64), id="showa-last"),
        pytest.param(date(1926, 12, 25), ("昭和", 1), id="showa-first"),
        pytest.param(date(1926, 12, 24), ("大正", 15), id="taisho-last"),
        pytest.param(date(1912, 7, 30), ("大正", 1), id="taisho-first"),
        pytest.param(date(1868, 10, 23), ("明治", 1), id="meiji-first"),
    ],
)
def test_era_year(day: date, expected: tuple[str, int]) -> None:
    assert era_year(day) == expected


def test_era_year_before_meiji() -> None:
    with pytest.raises(DateError, match="before the Meiji era"):
        era_year(date(1868, 10, 22))


@pytest.mark.parametrize(
    ("text", "fysm", "iso", "wareki"),
    [
        pytest.param("2026-04-01", 4, "2026-04-01", "令和8年4月1日", id="day"),
        pytest.param("2026-04", 4, "2026-04", "令和8年4月", id="month"),
        pytest.param("2026", 4, "2026", "令和8年", id="year"),
        pytest.param("2026Q1", 4, "2026Q1", "令和8年第1四半期", id="quarter"),
        pytest.param("R8", 4, "FY2026", "令和8年度", id="fiscal-year"),
        pytest.param("R8上期", 4, "FY2026H1", "令和8年度上期", id="half-1"),
        pytest.param("R8下期", 4, "FY2026H2", "令和8年度下期", id="half-2"),
        pytest.param("R8Q3", 4, "FY2026Q3", "令和8年度第3四半期", id="fiscal-quarter"),
        pytest.param("2019-05-01", 4, "2019-05-01", "令和元年5月1日", id="gannen-day"),
        pytest.param("平成31年度", 4, "FY2019", "令和元年度", id="newer-era-wins"),
        pytest.param("2019", 4, "2019", "令和元年", id="gannen-year"),
        pytest.param("2019Q1", 4, "2019Q1", "平成31年第1四半期", id="quarter-before-reiwa"),
        pytest.param("1989-01", 4, "1989-01", "平成元年1月", id="month-two-eras"),
        pytest.param("1989-01-07", 4, "1989-01-07", "昭和64年1月7日", id="showa-last-day"),
        pytest.param("FY2026Q1", 10, "FY2026Q1", "令和8年度第1四半期", id="fy10-quarter"),
        pytest.param("FY2018", 6, "FY2018", "平成30年度", id="fy6-era-of-start-year"),
        pytest.param("1868-01-01", 4, "1868-01-01", "1868-01-01", id="before-meiji-falls-back"),
    ],
)
def test_format_iso_and_wareki(text: str, fysm: int, iso: str, wareki: str) -> None:
    p = parse_period(text, fiscal_year_start_month=fysm)
    assert format_iso(p) == iso == str(p) == format_period(p, "iso")
    assert format_wareki(p) == wareki == format_period(p, "wareki")


@pytest.mark.parametrize(
    ("text", "fysm", "fy", "nendo", "era", "era_kanji"),
    [
        pytest.param("2026-04-01", 4, "FY2026", "2026年度", "R8", "令和8年度", id="april-1"),
        pytest.param("2027-03-31", 4, "FY2026", "2026年度", "R8", "令和8年度", id="march-31"),
        pytest.param("2026", 4, "FY2025", "2025年度", "R7", "令和7年度", id="jan-1-in-fy-before"),
        pytest.param("2019-04-01", 4, "FY2019", "2019年度", "R1", "令和元年度", id="gannen"),
        pytest.param("1989-04-01", 4, "FY1989", "1989年度", "H1", "平成元年度", id="heisei-gannen"),
        pytest.param("2026-03-01", 1, "FY2026", "2026年度", "R8", "令和8年度", id="fy1"),
        pytest.param("2026-03-01", 10, "FY2025", "2025年度", "R7", "令和7年度", id="fy10"),
    ],
)
def test_format_fiscal(text: str, fysm: int, fy: str, nendo: str, era: str, era_kanji: str) -> None:
    p = parse_period(text, fiscal_year_start_month=fysm)
    assert format_fiscal(p) == fy == format_period(p, "fiscal")
    assert [format_fiscal(p, s) for s in ("nendo", "era", "era_kanji")] == [nendo, era, era_kanji]
    whole = fiscal_year_period(fiscal_year_of(p.start, fysm), fysm)
    for label in (fy, nendo, era, era_kanji):
        assert parse_period(label, fiscal_year_start_month=fysm) == whole


@pytest.mark.parametrize(
    ("year", "style", "fysm", "label"),
    [
        pytest.param(2026, "calendar", 4, "2026", id="calendar"),
        pytest.param(2026, "fiscal", 4, "FY2026", id="fiscal"),
        pytest.param(2026, "era", 4, "R8", id="era"),
        pytest.param(2026, "era_kanji", 4, "令和8年度", id="era-kanji"),
        pytest.param(2019, "era", 4, "R1", id="era-gannen"),
        pytest.param(2019, "era_kanji", 4, "令和元年度", id="era-kanji-gannen"),
        pytest.param(1989, "era", 4, "H1", id="era-1989"),
        pytest.param(2018, "era", 6, "H30", id="era-fy6"),
        pytest.param(2026, "nendo", 4, "2026年度", id="nendo"),
    ],
)
def test_year_label(year: int, style: str, fysm: int, label: str) -> None:
    assert year_label(year, style, fysm) == label


def test_unknown_styles_are_programming_errors() -> None:
    p = parse_period("R8")
    with pytest.raises(ValueError, match="unknown date style"):
        format_period(p, "roman")
    with pytest.raises(ValueError, match="unknown fiscal style"):
        format_fiscal(p, "x")
    with pytest.raises(ValueError, match="unknown fiscal style"):
        year_label(2026, "x")


def test_period_helpers() -> None:
    p = parse_period("R8")
    assert p.contains(date(2026, 4, 1)) and p.contains(date(2027, 3, 31))
    assert not p.contains(date(2026, 3, 31)) and not p.contains(date(2027, 4, 1))
    assert p.days == 365
    assert parse_period("2026-04-01").days == 1
    assert parse_period("FY2023").days == 366
    assert str(p) == "FY2026"
    assert Period(date(2026, 4, 1), date(2026, 4, 30), Precision.MONTH) == parse_period("2026-04")


@pytest.mark.parametrize(
    ("precision", "fysm", "iso"),
    [
        pytest.param(D, 4, "2026-11-15", id="day"),
        pytest.param(M, 4, "2026-11", id="month"),
        pytest.param(Q, 4, "2026Q4", id="quarter"),
        pytest.param(Y, 4, "2026", id="year"),
        pytest.param(FY, 4, "FY2026", id="fiscal-year"),
        pytest.param(FH, 4, "FY2026H2", id="fiscal-half"),
        pytest.param(FQ, 4, "FY2026Q3", id="fiscal-quarter"),
        pytest.param(FQ, 10, "FY2026Q1", id="fiscal-quarter-fy10"),
    ],
)
def test_period_containing(precision: Precision, fysm: int, iso: str) -> None:
    p = period_containing(date(2026, 11, 15), precision, fysm)
    assert format_iso(p) == iso and p.contains(date(2026, 11, 15))


def test_core_imports_no_ui_and_either_module_first() -> None:
    for first in ("roadmap_tui.core.datefmt", "roadmap_tui.core.dates"):
        code = (
            f"import sys, {first}\n"
            "from roadmap_tui.core.dates import parse_period, format_wareki\n"
            "assert format_wareki(parse_period('R8')) == '令和8年度'\n"
            "assert not {'textual', 'rich'} & set(sys.modules)\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
