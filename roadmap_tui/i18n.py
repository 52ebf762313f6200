"""Which language to speak, and the ``_()`` every UI and CLI string goes through.

Source strings are English; catalogs (gettext, ``roadmap_tui/locale``) translate
them. The language can change at run time (the palette's "Switch language"), so
``_()`` looks the catalog up on every call rather than binding it at import.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path

LANGS = ("ja", "en")
DOMAIN = "roadmap"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current = {"lang": ""}


def current_lang(explicit: str | None = None) -> str:
    """``explicit`` if given; ``ja`` when the locale is Japanese; otherwise ``en``."""
    if explicit in LANGS:
        return explicit
    for var in ("ROADMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def set_lang(lang: str | None) -> str:
    """Make ``lang`` (or the environment's) the language of ``_()``; returns it."""
    _current["lang"] = current_lang(lang)
    return _current["lang"]


def get_lang() -> str:
    return _current["lang"] or set_lang(None)


@cache
def _catalog(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` (English source text) in the current language."""
    return _catalog(get_lang()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(get_lang()).ngettext(singular, plural, n)
