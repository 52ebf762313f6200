"""``roadmap export --format markdown``: a report to bring to a meeting.

As-of day and counts per roadmap first, then what needs attention (overdue, most
days late first; due soon; blocked), then each roadmap track by track. GitHub, GitLab
and most editors render it; pasted into a wiki or an issue it stays readable as text.
Every table cell is escaped, so a ``|`` or ``*`` in a title cannot break the table.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from roadmap_tui.core.datefmt import format_period
from roadmap_tui.core.dates import Precision
from roadmap_tui.core.model import Item, Roadmap, RoadmapFolder, Status
from roadmap_tui.core.schedule import NO_FLAGS, Flags, folder_flags
from roadmap_tui.i18n import date_style_for, flag_label, status_label, translate

OVERDUE, DUE_SOON, BLOCKED = "overdue", "due-soon", "blocked"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Attention:
    """An item that needs attention, in the first of overdue / due-soon / blocked it is."""

    category: str
    item: Item
    flags: Flags


def attention(folder: RoadmapFolder, as_of: _dt.date) -> list[Attention]:
    """Overdue items (most days late first), then due soon (soonest first), then blocked.

    Each item appears once, under the first category that applies, so the lists add up
    to the number of items that need attention.
    """
    flags = folder_flags(folder, as_of)
    rows: list[Attention] = []
    for item in folder.items:
        f = flags.get(item.id, NO_FLAGS)
        category = (
            OVERDUE if f.overdue else DUE_SOON if f.due_soon else BLOCKED if f.blocked else ""
        )
        if category:
            rows.append(Attention(category, item, f))
    order = {OVERDUE: 0, DUE_SOON: 1, BLOCKED: 2}
    rows.sort(key=lambda a: (order[a.category], a.flags.days_to_due, a.item.id))
    return rows


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks too) as one space."""
    return _SPACES.sub(" ", text).strip()


def cell(text: object) -> str:
    """``text`` safe inside a Markdown table cell: one line, specials backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", str(text)).strip())


def when(item: Item, lang: str) -> str:
    """The item's dates as written, in the language's date style (和暦 in Japanese)."""
    style = date_style_for(lang)
    start, end = format_period(item.start, style), format_period(item.end, style)
    return start if start == end else f"{start} – {end}"


def due(item: Item, lang: str) -> str:
    """The due day, with the written period when that is coarser than a day."""
    day = item.due_day.isoformat()
    if item.end.precision is Precision.DAY:
        return day
    return f"{day} ({format_period(item.end, date_style_for(lang))})"


def _table(header: list[str], rows: Iterable[list[str]], right: Iterable[int] = ()) -> list[str]:
    aligns = ["---:" if i in set(right) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _item_name(item: Item, lang: str) -> str:
    return f"{item.title_for(lang) or item.id} ({item.id})"


def _track_title(folder: RoadmapFolder, item: Item, lang: str) -> str:
    track = folder.tracks_by_key.get((item.roadmap_id, item.track_id))
    if track is None:
        return item.track_id
    return ((track.title_en or track.title) if lang == "en" else track.title) or track.id


def _counts(folder: RoadmapFolder, flags: dict[str, Flags], lang: str) -> list[str]:
    t = partial(translate, lang=lang)
    header = [t("Roadmap"), t("Items"), t("Overdue"), t("Due soon"), t("Blocked")]
    header += [t("In progress"), t("Done")]
    rows, total = [], [0] * 6

    def figures(items: list[Item]) -> list[int]:
        fl = [flags.get(i.id, NO_FLAGS) for i in items]
        return [
            len(items),
            sum(f.overdue for f in fl),
            sum(f.due_soon for f in fl),
            sum(f.blocked for f in fl),
            sum(i.status is Status.IN_PROGRESS for i in items),
            sum(i.status is Status.DONE for i in items),
        ]

    for roadmap in folder.roadmaps:
        numbers = figures(roadmap.items)
        total = [a + b for a, b in zip(total, numbers, strict=True)]
        rows.append([roadmap.title_for(lang) or roadmap.id, *map(str, numbers)])
    if len(folder.roadmaps) > 1:
        rows.append([t("Total"), *map(str, total)])
    return _table(header, rows, right=range(1, 7))


def _attention_section(folder: RoadmapFolder, rows: list[Attention], lang: str) -> list[str]:
    t = partial(translate, lang=lang)
    out: list[str] = []
    titles = {OVERDUE: t("Overdue"), DUE_SOON: t("Due soon"), BLOCKED: t("Blocked")}
    days_header = {OVERDUE: t("Days late"), DUE_SOON: t("Days left"), BLOCKED: t("Blocked by")}
    for category in (OVERDUE, DUE_SOON, BLOCKED):
        chosen = [a for a in rows if a.category == category]
        out += ["", f"## {cell(titles[category])} ({len(chosen)})", ""]
        if not chosen:
            out.append(t("None."))
            continue
        header = [t("Item"), t("Roadmap"), t("Track"), t("Due"), days_header[category]]
        header += [t("Status"), t("Owner")]
        table = []
        for a in chosen:
            if category == BLOCKED:
                figure = ", ".join(a.flags.blocked_by) or status_label("blocked", lang)
            else:
                figure = str(abs(a.flags.days_to_due))
            table.append(
                [
                    _item_name(a.item, lang),
                    a.item.roadmap_id,
                    _track_title(folder, a.item, lang),
                    due(a.item, lang),
                    figure,
                    status_label(a.item.status.value, lang),
                    a.item.owner,
                ]
            )
        out += _table(header, table, right=() if category == BLOCKED else (4,))
    return out


def _roadmap_section(
    folder: RoadmapFolder, roadmap: Roadmap, flags: dict[str, Flags], lang: str
) -> list[str]:
    t = partial(translate, lang=lang)
    out = ["", f"## {cell(roadmap.title_for(lang) or roadmap.id)}", ""]
    facts = [f"`{roadmap.path.replace('`', '')}`"] + (
        [cell(roadmap.owner)] if roadmap.owner else []
    )
    out.append(" · ".join(facts))
    by_track: dict[str, list[Item]] = {}
    for item in roadmap.items:
        by_track.setdefault(item.track_id, []).append(item)
    for track in roadmap.tracks:
        items = by_track.get(track.id)
        if not items:
            continue
        name = ((track.title_en or track.title) if lang == "en" else track.title) or track.id
        out += ["", f"### {cell(name)}", ""]
        header = [t("Item"), t("When"), t("Status"), t("Progress"), t("Flags")]
        table = []
        for item in items:
            f = flags.get(item.id, NO_FLAGS)
            table.append(
                [
                    _item_name(item, lang),
                    when(item, lang),
                    status_label(item.status.value, lang),
                    "" if item.progress is None else f"{item.progress}%",
                    ", ".join(flag_label(x, lang) for x in f.labels()),
                ]
            )
        out += _table(header, table, right=(3,))
    return out


def render(folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    """The report as Markdown text."""
    flags = folder_flags(folder, as_of)
    title = translate("Roadmap report", lang)
    as_of_text = translate("as of {date}", lang).format(date=as_of.isoformat())
    lines = [f"# {cell(title)} ({as_of_text})", ""]
    lines += _counts(folder, flags, lang)
    lines += _attention_section(folder, attention(folder, as_of), lang)
    for roadmap in folder.roadmaps:
        lines += _roadmap_section(folder, roadmap, flags, lang)
    return "\n".join(lines) + "\n"
