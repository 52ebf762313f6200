"""Number formatting (core.numfmt): 万/億 in Japanese, M/B in English, percentages, parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_tui.core.numfmt import (
    format_number,
    format_percent,
    format_value,
    parse_number,
    unit_for,
)


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (7, "7", "7"),
        (278, "278", "278"),
        (1120, "1,120", "1,120"),
        (31.3, "31.3", "31.3"),
        (32.0, "32", "32"),
        (510_000, "510,000", "510,000"),
        (1_000_000, "100万", "1M"),
        (10_600_000, "1,060万", "10.6M"),
        (14_500_000, "1,450万", "14.5M"),
        (1_234_567, "123.5万", "1.235M"),
        (120_000_000, "1億2,000万", "120M"),
        (123_456_789, "1億2,346万", "123.457M"),
        (2_500_000_000, "25億", "2.5B"),
        (-1_500_000, "-150万", "-1.5M"),
        (0, "0", "0"),
    ],
)
def test_format_number(value: float, ja: str, en: str) -> None:
    assert format_number(value, "ja") == ja
    assert format_number(value, "en") == en


def test_not_compact_writes_every_digit() -> None:
    assert format_number(14_500_000, "ja", compact=False) == "14,500,000"
    assert format_number(14_500_000, "en", compact=False) == "14,500,000"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "approx", "expected"),
    [
        (14_500_000, "人", "ja", False, "1,450万人"),
        (10_600_000, "人", "ja", True, "約1,060万人"),
        (1_000_000, "時間", "ja", False, "100万時間"),
        (31.3, "%", "ja", False, "31.3%"),
        (7, "枚", "ja", False, "7枚"),
        (1120, "件", "ja", False, "1,120件"),
        (14_500_000, "人", "en", False, "14.5M people"),
        (10_600_000, "人", "en", True, "about 10.6M people"),
        (1_000_000, "時間", "en", False, "1M hours"),
        (31.3, "%", "en", False, "31.3%"),
        (1, "枚", "en", False, "1 sheet"),
        (0, "枚", "en", False, "0 sheets"),
        (1120, "件", "en", False, "1,120"),
        (255, "地区", "en", False, "255 districts"),
        (3, "棟", "en", False, "3 棟"),  # unknown counter: kept as written
        (42, "", "en", False, "42"),
    ],
)
def test_format_value(value: float, unit: str, lang: str, approx: bool, expected: str) -> None:
    assert format_value(value, unit, lang, approx=approx) == expected


def test_source_wording_round_trips() -> None:
    # 100万時間超 (the Yokohama target label) is the value followed by 超.
    assert format_value(1_000_000, "時間", "ja") + "超" == "100万時間超"
    assert parse_number("約1,060万") == 10_600_000


def test_format_percent() -> None:
    assert format_percent(27.272727) == "27.3%"
    assert format_percent(100.0) == "100%"
    assert format_percent(-12.5, "ja") == "-12.5%"
    assert format_percent(31.3, "ja") == "31.3%"


def test_unit_for() -> None:
    assert unit_for("人", "ja") == "人"
    assert unit_for("人", "en", 1) == "person"
    assert unit_for("人", "en", 2) == "people"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("62", 62),
        ("31.3", 31.3),
        ("62.0", 62.0),
        ("1,450万", 14_500_000),
        ("約1,060万", 10_600_000),
        ("1億2000万", 120_000_000),
        ("1.5万", 15_000),
        ("14.5M", 14_500_000),
        ("６２", 62),
        ("62%", 62),
        ("-3", -3),
        (" 1,120 ", 1120),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize("text", ["", "abc", "万", "1e5", "1,2,3x", "1万M"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["ja", "en"]))
def test_full_digits_parse_back(n: int, lang: str) -> None:
    assert parse_number(format_number(n, lang, compact=False)) == n


@given(st.integers(min_value=1_000, max_value=99_999))
def test_japanese_units_parse_back_to_the_thousand(thousands: int) -> None:
    # 1,000,000 .. 99,999,000: 万 with one decimal keeps every thousand.
    n = thousands * 1_000
    assert parse_number(format_number(n, "ja")) == n
    assert parse_number(format_number(n, "en")) == n
