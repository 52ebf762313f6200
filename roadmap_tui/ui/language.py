"""Switching the language while the app runs, and a footer that speaks the current one.

Key bindings are built once, when their class is defined, with English source text
(marked ``N_`` in :mod:`roadmap_tui.ui.actions`); :class:`TranslatedFooter` translates
each label every time it draws, so the footer follows :func:`switch_language`
without rebuilding any binding. Everything else the screen shows is drawn from
``_()`` calls made while drawing, so a switch only has to set the language and ask
each part to draw again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.app import ComposeResult
from textual.widgets import Footer, Input

from roadmap_tui.i18n import LANGS, N_, _, set_lang
from roadmap_tui.ui.timeline_layout import AxisStyle

if TYPE_CHECKING:
    from roadmap_tui.ui.app import RoadmapApp

#: Textual's own footer label of the command palette key, for the catalog.
PALETTE_LABEL: Final = N_("palette")
FILTER_PLACEHOLDER: Final = N_("status:blocked tag:kpi owner:… overdue  words")


def default_axis(lang: str) -> AxisStyle:
    """The axis a language starts with: era years (令和8年度) in Japanese, FY2026 in English."""
    return AxisStyle.ERA if lang == "ja" else AxisStyle.FISCAL


def other_language(lang: str) -> str:
    """The language the palette's "Switch language" goes to from ``lang``."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)] if lang in LANGS else "ja"


class TranslatedFooter(Footer):
    """Textual's footer with every key label in the current language."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # FooterKey is not public API: recognise it by its description attribute
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget


def switch_language(app: RoadmapApp, lang: str) -> None:
    """Make ``lang`` the language of every label, date and title on every open screen.

    The timeline axis follows the language's default (era years ⇄ FY) unless the user
    picked another style with ``a``.
    """
    old = app.lang
    set_lang(lang)
    app.lang = lang
    workspace = app.workspace
    workspace.lang = lang
    if workspace.axis_style == default_axis(old):
        workspace.axis_style = default_axis(lang)
    for field in workspace.query("#filter-input").results(Input):
        field.placeholder = _(FILTER_PLACEHOLDER)
    if workspace.folder is not None:
        # rebuilds the rows (titles by language), header, list and errors panel
        workspace.folder = workspace.folder
    for screen in app.screen_stack:
        refresh = getattr(screen, "refresh_language", None)
        if callable(refresh):
            refresh()
        # the footer recomposes itself (in its own context) when told bindings changed
        screen.refresh_bindings()


__all__ = ["TranslatedFooter", "default_axis", "other_language", "switch_language"]
