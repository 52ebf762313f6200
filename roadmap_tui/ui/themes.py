"""The two themes (``--theme dark|light``) and the status colours every theme must have.

Status colours are theme variables (``$status-done`` …) so the timeline, the list and
the detail pane agree, and a user theme can change them. Overdue uses ``$error`` and
due-soon ``$warning``. Themes without these variables (Textual's own, picked in the
palette) get :data:`STATUS_DEFAULTS`.
"""

from __future__ import annotations

from typing import Final

from textual.theme import Theme

DARK: Final = "roadmap-dark"
LIGHT: Final = "roadmap-light"
THEME_NAMES: Final = {"dark": DARK, "light": LIGHT}

STATUS_DEFAULTS: Final = {
    "status-planned": "#8ea4c8",
    "status-in-progress": "#3fa9f5",
    "status-done": "#4ebf71",
    "status-blocked": "#c678dd",
    "status-cancelled": "#7c7f8a",
    "today-marker": "#f0c674",
    "grid-line": "#3a3f4b",
    "lane-shade": "#ffffff 4%",
}

ROADMAP_DARK: Final = Theme(
    name=DARK,
    primary="#3fa9f5",
    secondary="#0f6fb3",
    accent="#f0c674",
    warning="#f5a524",
    error="#f0506e",
    success="#4ebf71",
    foreground="#e2e4e9",
    background="#16181d",
    surface="#1e2128",
    panel="#272b34",
    dark=True,
    variables=dict(STATUS_DEFAULTS),
)

ROADMAP_LIGHT: Final = Theme(
    name=LIGHT,
    primary="#0b5fa5",
    secondary="#3d7fc1",
    accent="#8a5a00",
    warning="#b35c00",
    error="#c4162a",
    success="#1e7b3c",
    foreground="#1c1f24",
    background="#f7f7f5",
    surface="#ececea",
    panel="#dcdcd8",
    dark=False,
    variables={
        "status-planned": "#52648a",
        "status-in-progress": "#0b5fa5",
        "status-done": "#1e7b3c",
        "status-blocked": "#8a2fa8",
        "status-cancelled": "#777a82",
        "today-marker": "#a86b00",
        "grid-line": "#c9cbd0",
        "lane-shade": "#000000 4%",
    },
)

THEMES: Final = (ROADMAP_DARK, ROADMAP_LIGHT)

__all__ = ["DARK", "LIGHT", "STATUS_DEFAULTS", "THEMES", "THEME_NAMES"]
