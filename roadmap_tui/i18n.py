"""Which language to speak: ``--lang``, else the environment (LC_ALL, LC_MESSAGES, LANG)."""

from __future__ import annotations

import os

LANGS = ("ja", "en")


def current_lang(explicit: str | None = None) -> str:
    """``explicit`` if given; ``ja`` when the locale is Japanese; otherwise ``en``."""
    if explicit in LANGS:
        return explicit
    for var in ("ROADMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
