"""The one place that knows what day it is.

Everything that depends on "today" (overdue flags, the timeline's today marker,
default dates of status changes) takes an ``as_of`` date that comes from here,
so ``--as-of`` makes every flag and snapshot reproducible.
"""

from __future__ import annotations

import datetime as _dt
import os

AS_OF_ENV = "ROADMAP_AS_OF"


def system_today() -> _dt.date:
    """The wall-clock date; only :func:`resolve_as_of` may call it."""
    return _dt.date.today()


def resolve_as_of(text: str | None = None, *, fiscal_year_start_month: int = 4) -> _dt.date:
    """The as-of day: ``text`` (any accepted date form), else ``$ROADMAP_AS_OF``, else today.

    A coarse form names its first day: ``R8`` -> 2026-04-01.
    """
    text = text or os.environ.get(AS_OF_ENV) or None
    if text is None:
        return system_today()
    from roadmap_tui.core.dates import parse_period

    return parse_period(text.strip(), fiscal_year_start_month=fiscal_year_start_month).start
