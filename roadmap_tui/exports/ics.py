"""``roadmap export --format ics``: one all-day VEVENT per item (RFC 5545, via icalendar).

Calendars update an event they already hold when an import brings the same ``UID``,
so the UID is the item id (``<id>@roadmap-tui``: ids are unique in a folder and never
change with dates or titles), and ``DTSTAMP`` is the as-of day, which grows from one
export to the next. A phase runs from its first day to its due day, a milestone sits
on its due day; ``DTEND`` is the day after (RFC 5545 all-day ends are exclusive).
Events are ``TRANSPARENT`` so a multi-year phase never shows anyone as busy;
cancelled items are ``STATUS:CANCELLED``.
"""

from __future__ import annotations

import datetime as _dt

from icalendar import Calendar, Event

from roadmap_tui.core.datefmt import format_period
from roadmap_tui.core.model import Item, Kind, Roadmap, RoadmapFolder, Status
from roadmap_tui.core.schedule import NO_FLAGS, Flags, folder_flags
from roadmap_tui.i18n import date_style_for, flag_label, kind_label, status_label, translate

PRODID = "-//roadmap-tui//roadmap export//EN"
UID_DOMAIN = "roadmap-tui"

#: What SUMMARY starts with, so a calendar grid shows where each item stands.
MARKERS = {
    Status.PLANNED: "○",
    Status.IN_PROGRESS: "▶",
    Status.DONE: "✓",
    Status.BLOCKED: "⛔",
    Status.CANCELLED: "✕",
}
OVERDUE_MARKER = "⚠"
_EVENT_STATUS = {
    Status.PLANNED: "TENTATIVE",
    Status.BLOCKED: "TENTATIVE",
    Status.IN_PROGRESS: "CONFIRMED",
    Status.DONE: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}


def uid(item: Item) -> str:
    """The stable UID of an item's event."""
    return f"{item.id}@{UID_DOMAIN}"


def summary(item: Item, flags: Flags, lang: str) -> str:
    """Status marker (⚠ when overdue) and the title."""
    marker = OVERDUE_MARKER if flags.overdue else MARKERS[item.status]
    return f"{marker} {item.title_for(lang) or item.id}"


def description(item: Item, flags: Flags, roadmap: Roadmap, lang: str) -> str:
    """Where the item belongs, its state, its dates as written, owner, source and notes."""
    track = next((t for t in roadmap.tracks if t.id == item.track_id), None)
    track_title = ""
    if track is not None:
        track_title = (track.title_en or track.title) if lang == "en" else track.title
    state = status_label(item.status.value, lang)
    if item.progress is not None:
        state += f" {item.progress}%"
    labels = [flag_label(f, lang) for f in flags.labels()]
    if labels:
        state += " (" + ", ".join(labels) + ")"
    style = date_style_for(lang)
    when = format_period(item.start, style)
    if item.kind is Kind.PHASE and item.end != item.start:
        when += " – " + format_period(item.end, style)
    lines = [
        f"{roadmap.title_for(lang)} › {track_title or item.track_id}",
        f"{translate('Status', lang)}: {state}",
        f"{translate('Dates', lang)}: {when} ({kind_label(item.kind.value, lang)})",
    ]
    if item.owner:
        lines.append(f"{translate('Owner', lang)}: {item.owner}")
    if item.source is not None:
        lines.append(f"{translate('Source', lang)}: {item.source}")
    if item.location is not None:
        lines.append(f"{translate('File', lang)}: {item.location.path}:{item.location.line}")
    if item.notes:
        lines += ["", item.notes]
    lines += ["", f"id: {item.id}"]
    return "\n".join(lines)


def event(item: Item, flags: Flags, roadmap: Roadmap, as_of: _dt.date, lang: str) -> Event:
    """The VEVENT of one item."""
    first = item.due_day if item.kind is Kind.MILESTONE else item.start_day
    ev = Event()
    ev.add("uid", uid(item))
    ev.add("dtstamp", _dt.datetime.combine(as_of, _dt.time(), _dt.UTC))
    ev.add("dtstart", first)
    ev.add("dtend", item.due_day + _dt.timedelta(days=1))
    ev.add("summary", summary(item, flags, lang))
    ev.add("description", description(item, flags, roadmap, lang))
    if item.tags:
        ev.add("categories", list(item.tags))
    ev.add("status", _EVENT_STATUS[item.status])
    ev.add("transp", "TRANSPARENT")
    return ev


def render(folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    """The folder as one iCalendar text (CRLF line ends, folded at 75 octets)."""
    flags = folder_flags(folder, as_of)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    name = folder.roadmaps[0].title_for(lang) if len(folder.roadmaps) == 1 else ""
    cal.add("x-wr-calname", name or translate("Roadmaps", lang))
    for roadmap in folder.roadmaps:
        for item in roadmap.items:
            cal.add_component(event(item, flags.get(item.id, NO_FLAGS), roadmap, as_of, lang))
    text: str = cal.to_ical().decode("utf-8")
    return text
