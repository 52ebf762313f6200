"""Properties of date parsing and formatting, checked with hypothesis."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core.dates import (
    ERAS,
    Era,
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

FAST = settings(max_examples=300, deadline=None)

days = st.dates(min_value=date(1927, 1, 1), max_value=date(2100, 12, 31))
start_months = st.integers(min_value=1, max_value=12)
precisions = st.sampled_from(list(Precision))

#: Pieces of the accepted forms, so that random text reaches deep into the parser.
PIECES = [
    *"0123456789", "0", "1", "12", "2026", "1989", "2019", "31", "64", "元",
    "年", "月", "日", "年度", "上期", "下半期", "第", "四半期", "Q", "H", "FY", "fy",
    "R", "H", "S", "T", "M", "令和", "平成", "昭和", "大正", "明治", "㋿", "-", "/", ".",
    " ", "\u3000", "２", "Ｒ", "－", "T09:00", "時",
]  # fmt: skip
date_like_text = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


era_days = st.builds(
    lambda era, n, m, d, sep: (era, n, m, d, sep),
    st.sampled_from(ERAS),
    st.integers(min_value=0, max_value=66),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
    st.sampled_from(["kanji", "letter"]),
)


def check_period(p: Period, fysm: int) -> None:
    assert isinstance(p, Period) and isinstance(p.precision, Precision)
    assert p.start <= p.end
    assert p.contains(p.start) and p.contains(p.end)
    assert not p.contains(p.start - timedelta(days=1))
    assert not p.contains(p.end + timedelta(days=1))
    assert p.days == (p.end - p.start).days + 1
    assert p.fiscal_year_start_month == fysm


@FAST
@given(day=days, precision=precisions, fysm=start_months)
def test_format_parses_back_to_the_same_period(day: date, precision: Precision, fysm: int) -> None:
    p = period_containing(day, precision, fysm)
    check_period(p, fysm)
    assert p.contains(day) and p.precision is precision
    # 1927..2100 all lie in Showa, Heisei or Reiwa, so every wareki form is valid here.
    for text in (format_iso(p), format_wareki(p), format_period(p, "iso"), str(p)):
        assert parse_period(text, fiscal_year_start_month=fysm) == p, text
    assert parse_period(format_period(p, "wareki"), fiscal_year_start_month=fysm) == p
    whole = fiscal_year_period(fiscal_year_of(p.start, fysm), fysm)
    assert whole.contains(p.start)
    for style in ("FY", "nendo", "era", "era_kanji"):
        text = format_fiscal(p, style)
        assert parse_period(text, fiscal_year_start_month=fysm) == whole, text


@FAST
@given(year=st.integers(min_value=1927, max_value=2100), fysm=start_months)
def test_year_labels_name_the_fiscal_year(year: int, fysm: int) -> None:
    whole = fiscal_year_period(year, fysm)
    for style in ("fiscal", "nendo", "era", "era_kanji"):
        assert parse_period(year_label(year, style, fysm), fiscal_year_start_month=fysm) == whole
    assert parse_period(year_label(year, "calendar", fysm)).precision is Precision.YEAR


@FAST
@given(day=st.dates(), fysm=start_months)
def test_a_date_is_its_own_day(day: date, fysm: int) -> None:
    try:
        p = parse_period(day, fiscal_year_start_month=fysm)
    except DateError:
        assert not 1868 <= day.year <= 2200
        return
    check_period(p, fysm)
    assert p.start == p.end == day and p.precision is Precision.DAY
    assert fiscal_year_period(fiscal_year_of(day, fysm), fysm).contains(day)


def parse_or_error(value: object, fysm: object = 4) -> Period | None:
    """Parse, allowing only DateError; check the period when there is one."""
    try:
        p = parse_period(value, fiscal_year_start_month=fysm)  # type: ignore[arg-type]
    except DateError as err:
        assert err.message and err.hint
        return None
    check_period(p, fysm)  # type: ignore[arg-type]
    return p


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=30), fysm=start_months)
def test_any_text_is_a_period_or_a_date_error(text: str, fysm: int) -> None:
    parse_or_error(text, fysm)


@settings(max_examples=1000, deadline=None)
@given(text=date_like_text, fysm=start_months)
def test_date_like_text_is_a_period_or_a_date_error(text: str, fysm: int) -> None:
    p = parse_or_error(text, fysm)
    if p is not None:  # whatever was accepted is written back canonically
        assert parse_period(format_iso(p), fiscal_year_start_month=fysm) == p


@FAST
@given(
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.datetimes(),
        st.times(),
        st.binary(max_size=8),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    ),
    fysm=st.one_of(start_months, st.integers(), st.none(), st.text(max_size=2)),
)
def test_any_value_is_a_period_or_a_date_error(value: object, fysm: object) -> None:
    p = parse_or_error(value, fysm)
    if isinstance(value, datetime | time | bytes | float | list | dict) or value is None:
        assert p is None


@FAST
@given(moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)))
def test_a_datetime_asks_for_a_date_without_time(moment: datetime) -> None:
    try:
        parse_period(moment)
    except DateError as err:
        assert err.hint == "write a date without a time"
    else:
        raise AssertionError("a datetime was accepted")


@settings(max_examples=600, deadline=None)
@given(parts=era_days)
def test_an_era_day_is_accepted_exactly_when_it_lies_in_that_era_year(
    parts: tuple[Era, int, int, int, str],
) -> None:
    era, n, m, d, style = parts
    year = "元" if n == 1 and style == "kanji" else str(n)
    text = f"{era.kanji}{year}年{m}月{d}日" if style == "kanji" else f"{era.letter}{year}.{m}.{d}"
    try:
        day: date | None = date(era.start.year + n - 1, m, d)
    except ValueError:
        day = None
    try:
        expected = day is not None and day >= ERAS[0].start and era_year(day) == (era.kanji, n)
    except DateError:
        expected = False
    try:
        p = parse_period(text)
    except DateError:
        assert not expected, text
    else:
        assert expected and (p.start, p.end, p.precision) == (day, day, Precision.DAY), text
