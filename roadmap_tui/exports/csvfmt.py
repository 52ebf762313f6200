"""``roadmap export --format csv``: one row per item, the JSON export's item fields.

Columns are the keys of :func:`~roadmap_tui.exports.jsonfmt.item_record` in that
order, with ``source`` spread over ``source_document`` … ``source_page`` and lists
(``depends_on``, ``tags``) joined by ``"; "``. Booleans are ``true``/``false`` and a
missing value is an empty cell, as in JSON. Rows end in CRLF (RFC 4180).

Two things for spreadsheets: ``--bom`` (on the export command) starts the file with a
UTF-8 byte-order mark, without which Excel in a Japanese locale reads UTF-8 as
Shift_JIS; and a text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or CR gets
a leading ``'`` so that a spreadsheet shows it instead of running it as a formula
(OWASP "CSV injection"). Numbers and dates are never changed.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from typing import Any

from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.core.schedule import NO_FLAGS, folder_flags
from roadmap_tui.exports.jsonfmt import item_record

SOURCE_FIELDS = ("source_document", "source_section", "source_edition", "source_page")
LIST_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns() -> list[str]:
    """The header row: the JSON item fields, ``source`` spread over four columns."""
    from roadmap_tui.core.dates import Period, Precision
    from roadmap_tui.core.model import Item, Kind

    day = _dt.date(2000, 1, 1)
    sample = Item("x", "", "", "", Kind.MILESTONE, *(Period(day, day, Precision.DAY),) * 2)
    names: list[str] = []
    for key in item_record(sample, NO_FLAGS):
        names.extend(SOURCE_FIELDS if key == "source" else (key,))
    return names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(record: dict[str, Any]) -> list[str]:
    cells: list[str] = []
    for key, value in record.items():
        if key == "source":
            source = value or {}
            cells.extend(_cell(source.get(k.removeprefix("source_"))) for k in SOURCE_FIELDS)
        else:
            cells.append(_cell(value))
    return cells


def render(folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    """The items as CSV text (no BOM; see the module docstring); ``lang`` is not used:
    both titles are columns."""
    flags = folder_flags(folder, as_of)
    # the same track title as the JSON export (both titles of each item are columns)
    titles = {key: t.title for key, t in folder.tracks_by_key.items()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns())
    for roadmap in folder.roadmaps:
        for item in roadmap.items:
            track_title = titles.get((item.roadmap_id, item.track_id), "")
            writer.writerow(_row(item_record(item, flags.get(item.id, NO_FLAGS), track_title)))
    return out.getvalue()
