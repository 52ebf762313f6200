"""The Japanese era table (和暦): which era a day or a year belongs to.

Our own table rather than a library (japanera's Meiji start is off and its API
returns lists); :mod:`roadmap_tui.core.dates` parses and
:mod:`roadmap_tui.core.datefmt` writes era forms with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from roadmap_tui.core.errors import DateError

__all__ = ["ERAS", "ERA_BY_KEY", "Era", "era_year", "pick_era"]


@dataclass(frozen=True, slots=True)
class Era:
    """A Japanese era: 元年 (year 1) is the calendar year of ``start``."""

    kanji: str
    letter: str
    name: str
    start: date
    end: date | None  # last day; None while the era lasts

    @property
    def first_year(self) -> int:
        return self.start.year

    def number(self, year: int) -> int:
        return year - self.start.year + 1

    def year_text(self, year: int) -> str:
        """``令和`` + this for the calendar year ``year``: "元" for year 1."""
        n = year - self.start.year + 1
        return "元" if n == 1 else str(n)


ERAS: Final[tuple[Era, ...]] = (
    Era("明治", "M", "Meiji", date(1868, 10, 23), date(1912, 7, 29)),
    Era("大正", "T", "Taisho", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", "Showa", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", "Heisei", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", "Reiwa", date(2019, 5, 1), None),
)
ERA_BY_KEY: Final = {key: era for era in ERAS for key in (era.kanji, era.letter)}


def era_year(d: date) -> tuple[str, int]:
    """The era and era year of a day: 2026-05-01 -> ("令和", 8), 2019-04-30 -> ("平成", 31)."""
    for era in reversed(ERAS):
        if era.start <= d:
            return era.kanji, era.number(d.year)
    raise DateError(f"{d.isoformat()} is before the Meiji era", "eras start on 1868-10-23")


def pick_era(name_year: int, start: date, end: date) -> Era | None:
    """The newest era in which ``name_year`` has a number and that overlaps start..end."""
    for era in reversed(ERAS):
        if (era.start.year <= name_year and era.start <= end) and (
            era.end is None or (name_year <= era.end.year and start <= era.end)
        ):
            return era
    return None
