"""Exporters: the folder as json, csv, mermaid, ics or markdown. Headless (no Textual).

Each module named in :data:`FORMATS` defines ``render(folder, as_of, lang) -> str``.
"""

from __future__ import annotations

import datetime as _dt
import importlib

from roadmap_tui.core.model import RoadmapFolder

FORMATS: dict[str, str] = {
    "json": "roadmap_tui.exports.jsonfmt",
    "csv": "roadmap_tui.exports.csvfmt",
    "mermaid": "roadmap_tui.exports.mermaid",
    "ics": "roadmap_tui.exports.ics",
    "markdown": "roadmap_tui.exports.markdown",
}


def render(fmt: str, folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    module = importlib.import_module(FORMATS[fmt])
    text: str = module.render(folder, as_of, lang)
    return text
