"""KPI numbers as planners write them: 1,450万人 in Japanese, 14.5M people in English.

Written by hand (not Babel's number formatting) because the rules are the source
documents' own, not a locale's: Japanese plans count large numbers in 万 (10⁴) and 億
(10⁸) — 約1,060万人, 100万時間超 — and that is what a planner reading them expects to
see again; the runtime must also need nothing beyond the standard library.

The rules (README, "KPIs"):

- Below one million a number is written in full with thousands separators in both
  languages: ``7``, ``278``, ``1,120``, ``31.3``, ``510,000``. Decimals are kept up to
  ``max_decimals`` (3) and trailing zeros dropped: ``32.0`` -> ``32``.
- From one million on (``compact=True``, the default) Japanese uses 万/億 and English
  M/B, both to the nearest thousand: ``1,060万`` / ``10.6M``, ``123.5万`` / ``1.235M``,
  ``1億2,000万`` / ``120M``, ``2.5B``. ``compact=False`` writes every digit.
- Percentages keep one decimal at most: ``27.3%``, ``100%``.
- ``approx`` prefixes 約 (ja) or ``about`` (en), for values the source gives as 約.
- Units follow the number: no space in Japanese (``1,450万人``, ``7枚``) nor for ``%``;
  in English a space and, for the common Japanese counters, the English word
  (``14.5M people``, ``7 sheets``); other units are kept as written.

Everything takes ``lang`` ("ja" or "en") explicitly: the core never reads the
current language.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Final

__all__ = [
    "format_number",
    "format_percent",
    "format_value",
    "parse_number",
    "unit_for",
]

MAN: Final = 10_000
OKU: Final = 100_000_000
#: From here on, numbers are written with 万/億 (ja) or M/B (en) when compact.
COMPACT_FROM: Final = 1_000_000

#: Japanese counters (助数詞) and their English words: (singular, plural).
#: 件 has no good English word in a KPI label ("1,120 projects", "30 cases"): dropped.
_COUNTERS_EN: Final[dict[str, tuple[str, str]]] = {
    "人": ("person", "people"),
    "名": ("person", "people"),
    "枚": ("sheet", "sheets"),
    "時間": ("hour", "hours"),
    "件": ("", ""),
    "地区": ("district", "districts"),
    "回": ("time", "times"),
    "日": ("day", "days"),
    "年": ("year", "years"),
    "か所": ("site", "sites"),
    "箇所": ("site", "sites"),
    "ヶ所": ("site", "sites"),
    "校": ("school", "schools"),
    "業務": ("operation", "operations"),
    "円": ("yen", "yen"),
}


def _plain(value: float, max_decimals: int) -> str:
    """``value`` with thousands separators and at most ``max_decimals`` decimals, zeros trimmed."""
    text = f"{value:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _japanese_units(value: float) -> str:
    """|value| >= 1,000,000 in 万/億, to the nearest thousand below 1億, nearest 万 above."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= OKU:
        man_total = round(value / MAN)
        oku, man = divmod(man_total, MAN)
        text = f"{oku:,}億" + (f"{man:,}万" if man else "")
        return sign + text
    return sign + _plain(value / MAN, 1) + "万"


def _english_units(value: float) -> str:
    """|value| >= 1,000,000 as M or B, to the nearest thousand (or million for B)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1_000_000_000:
        return sign + _plain(value / 1_000_000_000, 3) + "B"
    return sign + _plain(value / 1_000_000, 3) + "M"


def format_number(
    value: float,
    lang: str,
    *,
    compact: bool = True,
    approx: bool = False,
    max_decimals: int = 3,
) -> str:
    """``value`` for a planner reading ``lang``: ``1,060万`` / ``10.6M``, ``31.3``, ``1,120``."""
    if math.isnan(value) or math.isinf(value):
        return "—"
    if compact and abs(value) >= COMPACT_FROM:
        text = _japanese_units(value) if lang == "ja" else _english_units(value)
    else:
        text = _plain(value, max_decimals)
    if approx:
        text = ("約" + text) if lang == "ja" else ("about " + text)
    return text


def format_percent(value: float, lang: str = "en", *, decimals: int = 1) -> str:
    """A percentage such as an attainment: ``27.3%``, ``100%``, ``-12.5%`` (both languages)."""
    return format_number(value, lang, compact=False, max_decimals=decimals) + "%"


def unit_for(unit: str, lang: str, value: float | None = None) -> str:
    """The unit as shown in ``lang``: Japanese counters become English words in ``en``."""
    if lang == "ja" or unit not in _COUNTERS_EN:
        return unit
    singular, plural = _COUNTERS_EN[unit]
    return singular if value is not None and abs(value) == 1 else plural


def format_value(
    value: float, unit: str, lang: str, *, compact: bool = True, approx: bool = False
) -> str:
    """A KPI value with its unit: ``1,450万人``, ``59%``, ``14.5M people``, ``7 sheets``."""
    number = format_number(value, lang, compact=compact, approx=approx)
    shown = unit_for(unit, lang, value)
    if not shown:
        return number
    if lang == "ja" or shown == "%":
        return number + shown
    return f"{number} {shown}"


_NUMBER: Final = re.compile(
    r"""^(?:(?P<oku>\d+(?:\.\d+)?)億)?
         (?:(?P<man>\d+(?:\.\d+)?)万)?
         (?P<rest>\d+(?:\.\d+)?)?
         (?P<scale>[kKmMbB])?$""",
    re.VERBOSE,
)
_SCALES: Final = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}


def parse_number(text: str) -> int | float:
    """A value as a planner types it: ``62``, ``31.3``, ``1,450万``, ``約1,060万``, ``1億2000万``,
    ``14.5M``, ``６２`` (full width), ``62%``. Integral input without a decimal point is an
    ``int`` so it is written back as typed. Raises :class:`ValueError` otherwise."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.removeprefix("約").removeprefix("about").strip()
    cleaned = cleaned.removesuffix("%").replace(",", "").replace("_", "").replace(" ", "")
    sign = 1
    if cleaned[:1] in ("-", "−", "+"):
        sign = -1 if cleaned[0] != "+" else 1
        cleaned = cleaned[1:]
    match = _NUMBER.match(cleaned)
    if not cleaned or match is None or not any(match.group("oku", "man", "rest")):
        raise ValueError(f"not a number: {text!r}")
    parts = match.groupdict()
    if parts["scale"] and (parts["oku"] or parts["man"]):
        raise ValueError(f"not a number: {text!r}")
    # Decimal, not float: 1.001M must be 1,001,000, not 1,000,999.9999999999.
    total = Decimal(0)
    for key, factor in (("oku", OKU), ("man", MAN), ("rest", 1)):
        if parts[key]:
            total += Decimal(parts[key]) * factor
    if parts["scale"]:
        total *= _SCALES[parts["scale"].lower()]
    scaled = bool(parts["scale"] or parts["oku"] or parts["man"])
    if total == total.to_integral_value() and (scaled or "." not in cleaned):
        return sign * int(total)
    return sign * float(total)
