"""``roadmap export --format mermaid``: a Mermaid ``gantt`` chart that GitHub renders.

One ``section`` per track (``roadmap-id › track`` when the folder has several
roadmaps); a phase is ``title :tags, id, first day, last day`` under
``inclusiveEndDates`` (so the dates read as in the roadmap file); a milestone is
``title :milestone, tags, id, due day, 0d``. Tags: ``done`` for done (and cancelled,
greyed, with a marker), ``active`` for in progress, ``crit`` for overdue as of the
export's as-of day.

Escaping, from Mermaid's gantt grammar (``gantt.jison``): a task text ends at ``:``,
``#`` starts a comment, ``;`` ends a statement and a line starting with ``%`` (or
whose second character is ``%``) is a comment; a task text that starts with a
keyword (``title``, ``section``, ``click``, ``call``, ``href``, ``dateFormat``, …,
case-insensitive) or with a date is read as that statement. Mermaid replaces entity
codes (``#58;`` = ``:``) before it parses and shows the character after, so these
characters become entity codes, a keyword's first letter too; line breaks become
spaces. The chart then shows the planner's exact text.
"""

from __future__ import annotations

import datetime as _dt
import re
from unicodedata import east_asian_width

from roadmap_tui.core.model import Item, Kind, RoadmapFolder, Status
from roadmap_tui.core.schedule import NO_FLAGS, Flags, folder_flags
from roadmap_tui.i18n import flag_label, status_label, translate

#: Words that start a statement in Mermaid's gantt lexer (matched case-insensitively).
KEYWORDS = (
    "gantt",
    "dateformat",
    "inclusiveenddates",
    "topaxis",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "weekend",
    "title",
    "accdescription",
    "acctitle",
    "accdescr",
    "section",
    "click",
    "href",
    "call",
    "displaymode",
)
TAGS = ("active", "done", "crit", "milestone")
DEFAULT_LEFT_PADDING = 75
_SPECIAL = {"#": "#35;", ";": "#59;", ":": "#58;", "%": "#37;"}
_SPACES = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029]+")
_DATE_START = re.compile(r"\d{4}-\d\d-\d\d")


def escape(text: str) -> str:
    """``text`` as a safe Mermaid gantt task, section or chart title (see the module doc)."""
    flat = _SPACES.sub(" ", text).strip()
    escaped = "".join(_SPECIAL.get(c, c) for c in flat)
    lowered = flat.lower()
    if flat and (lowered.startswith(KEYWORDS) or _DATE_START.match(flat)):
        escaped = f"#{ord(flat[0])};" + escaped[1:]
    return escaped


def left_padding(labels: list[str]) -> int:
    """Room for the longest section label, in pixels (Mermaid's default, 75, cuts most
    labels off and draws them over the bars): about 11 px per wide (CJK) character and
    5 px per other character at Mermaid's 11 px section font, capped at 400."""
    widest = max(
        (sum(11 if east_asian_width(c) in "WF" else 5 for c in label) for label in labels),
        default=0,
    )
    return max(DEFAULT_LEFT_PADDING, min(400, widest + 20))


def task_id(item_id: str, taken: set[str]) -> str:
    """The item id as a Mermaid task id: ids that read as a tag (``done``) get ``_``
    appended, until unique."""
    name = item_id
    while name in TAGS or name in taken:
        name += "_"
    taken.add(name)
    return name


def _title(item: Item, lang: str) -> str:
    title = item.title_for(lang) or item.id
    if item.status is Status.CANCELLED:
        return f"[{status_label('cancelled', lang)}] {title}"
    if item.status is Status.BLOCKED:
        return f"[{flag_label('blocked', lang)}] {title}"
    return title


def _tags(item: Item, flags: Flags) -> list[str]:
    tags = []
    if item.status in (Status.DONE, Status.CANCELLED):
        tags.append("done")
    elif item.status is Status.IN_PROGRESS:
        tags.append("active")
    if flags.overdue:
        tags.append("crit")
    return tags


def task_line(item: Item, flags: Flags, lang: str, taken: set[str]) -> str:
    """One task: a phase from its first to its last day, a milestone on its due day."""
    ident = task_id(item.id, taken)
    tags = _tags(item, flags)
    if item.kind is Kind.MILESTONE:
        data = ["milestone", *tags, ident, item.due_day.isoformat(), "0d"]
    else:
        data = [*tags, ident, item.start_day.isoformat(), item.due_day.isoformat()]
    return f"    {escape(_title(item, lang)) or escape(item.id)} :{', '.join(data)}"


def render(folder: RoadmapFolder, as_of: _dt.date, lang: str = "ja") -> str:
    """The folder as one Mermaid gantt chart (``.mmd`` text; wrap it in a ```` ```mermaid ````
    block for GitHub)."""
    flags = folder_flags(folder, as_of)
    several = len(folder.roadmaps) > 1
    if several or not folder.roadmaps:
        heading = translate("Roadmaps", lang)
    else:
        heading = folder.roadmaps[0].title_for(lang)
    as_of_text = translate("as of {date}", lang).format(date=as_of.isoformat())
    lines = [
        "",  # the init directive, once the section labels are known
        "gantt",
        f"    title {escape(f'{heading} ({as_of_text})')}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    inclusiveEndDates",
    ]
    taken: set[str] = set()
    labels: list[str] = []
    for roadmap in folder.roadmaps:
        by_track: dict[str, list[Item]] = {}
        for item in roadmap.items:
            by_track.setdefault(item.track_id, []).append(item)
        lines.append(f"    %% {_SPACES.sub(' ', roadmap.title_for(lang))} ({roadmap.path})")
        for track in roadmap.tracks:
            items = by_track.get(track.id)
            if not items:
                continue
            name = (track.title_en or track.title) if lang == "en" else track.title
            name = name or track.id
            label = f"{roadmap.id} › {name}" if several else name
            labels.append(_SPACES.sub(" ", label))
            lines.append(f"    section {escape(label)}")
            lines.extend(task_line(i, flags.get(i.id, NO_FLAGS), lang, taken) for i in items)
    padding = left_padding(labels)
    lines[0] = '%%{init: {"gantt": {"leftPadding": ' + str(padding) + "}}}%%"
    if padding == DEFAULT_LEFT_PADDING:
        del lines[0]
    return "\n".join(lines) + "\n"
