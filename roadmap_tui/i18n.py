"""Which language to speak, and the ``_()`` every UI and CLI string goes through.

Source strings are English; the Japanese catalog is the gettext catalog
``roadmap_tui/locale/ja/LC_MESSAGES/roadmap.po``, compiled to the ``.mo`` next to it
(both committed: ``pip install -e .`` runs no build step, and the runtime needs only
the standard library's :mod:`gettext`). ``just i18n`` extracts new strings into the
``.po`` and recompiles; ``tests/test_i18n.py`` fails while a string lacks Japanese.

The language can change at run time (the palette's "Switch language"), so ``_()``
looks the catalog up on every call rather than binding it at import. Strings that
must be defined before a language is chosen (module constants, ``BINDINGS``) are
marked with :func:`N_` and translated where they are shown.

The labels of statuses, flags and kinds live here too (:func:`status_label`,
:func:`flag_label`, :func:`kind_label`), so the views and the CLI name them alike.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path
from typing import Final

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
    """The language ``_()`` speaks now (chosen from the environment on first use)."""
    return _current["lang"] or set_lang(None)


@cache
def _catalog(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def reload_catalogs() -> None:
    """Forget the loaded catalogs (after ``just i18n`` recompiled them, in tests)."""
    _catalog.cache_clear()


def _(message: str) -> str:
    """``message`` (English source text) in the current language."""
    return _catalog(get_lang()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n``, in the current language."""
    return _catalog(get_lang()).ngettext(singular, plural, n)


def translate(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: the current language) without switching to it."""
    return _catalog(lang if lang in LANGS else get_lang()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (translate where shown)."""
    return message


# ── labels every view and command shares ──────────────────────────────────────

#: Item statuses (model.Status values) -> English label, translated when shown.
STATUS_LABELS: Final[dict[str, str]] = {
    "planned": N_("planned"),
    "in-progress": N_("in progress"),
    "done": N_("done"),
    "blocked": N_("blocked"),
    "cancelled": N_("cancelled"),
}

#: Item flags (schedule.Flags.labels()) and KPI flags (kpi.KpiReport.flags()).
FLAG_LABELS: Final[dict[str, str]] = {
    "overdue": N_("overdue"),
    "due-soon": N_("due soon"),
    "late-start": N_("late start"),
    "blocked": N_("blocked"),
    "off-track": N_("off track"),
    "met": N_("met"),
}

#: Item kinds (model.Kind values).
KIND_LABELS: Final[dict[str, str]] = {
    "milestone": N_("milestone"),
    "phase": N_("phase"),
}

#: KPI target directions (model.Direction values): a phrase around the formatted value.
DIRECTION_PHRASES: Final[dict[str, str]] = {
    ">=": N_("at least {value}"),
    "<=": N_("at most {value}"),
    "=": N_("exactly {value}"),
}


def _label(table: dict[str, str], key: str, lang: str | None) -> str:
    english = table.get(str(key))
    return translate(english, lang) if english is not None else str(key)


def status_label(status: str, lang: str | None = None) -> str:
    """An item status as shown: ``in-progress`` -> "in progress" / "進行中"."""
    return _label(STATUS_LABELS, status, lang)


def flag_label(flag: str, lang: str | None = None) -> str:
    """A flag as shown: ``overdue`` -> "overdue" / "期限超過", ``off-track`` -> "進捗遅れ"."""
    return _label(FLAG_LABELS, flag, lang)


def kind_label(kind: str, lang: str | None = None) -> str:
    """An item kind as shown: ``milestone`` -> "milestone" / "マイルストーン"."""
    return _label(KIND_LABELS, kind, lang)


def direction_text(direction: str, value: str, lang: str | None = None) -> str:
    """A target with its direction: (">=", "70%") -> "at least 70%" / "70%以上"."""
    phrase = DIRECTION_PHRASES.get(str(direction), "{value}")
    return translate(phrase, lang).format(value=value)


def date_style_for(lang: str | None = None) -> str:
    """The default date style of ``lang``: 和暦 ("wareki") in Japanese, "iso" in English."""
    return "wareki" if (lang if lang in LANGS else get_lang()) == "ja" else "iso"
