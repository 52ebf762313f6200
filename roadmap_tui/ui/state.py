"""What the views show, computed once per folder and once per filter (pure, no Textual).

:class:`FolderIndex` is built when a folder (or the as-of day, or the baseline) changes:
flags of every item, header counts, the date range. :class:`FolderView` is built when
the filter changes: the rows of the timeline (roadmap, group and track headers, items)
and the matching items in display order. Views only slice these, so the cost of a
frame never depends on how many items the folder holds.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from dataclasses import dataclass, field
from enum import IntEnum

from roadmap_tui.core.model import Item, Roadmap, RoadmapFolder, Track
from roadmap_tui.core.schedule import NO_FLAGS, Counts, Flags, count_flags, folder_flags
from roadmap_tui.ui.query import Query, haystack, matches

_generations = itertools.count(1)


def next_generation() -> int:
    """A number never handed out before: caches key on it."""
    return next(_generations)


class RowKind(IntEnum):
    """What a timeline row shows."""

    ROADMAP = 0
    GROUP = 1
    TRACK = 2
    ITEM = 3


class Row:
    """One timeline row: a header (roadmap, track group, track) or an item.

    A plain slotted class rather than a frozen dataclass: 100,000 of these are built
    per filter, and a frozen dataclass's ``__init__`` costs three times as much.
    """

    __slots__ = ("item", "kind", "label", "lane", "roadmap", "track")

    def __init__(
        self,
        kind: RowKind,
        roadmap: Roadmap,
        label: str,
        item: Item | None = None,
        track: Track | None = None,
        lane: int = 0,
    ) -> None:
        self.kind = kind
        self.roadmap = roadmap
        self.label = label
        self.item = item
        self.track = track
        #: index of the track in display order: alternate swimlanes are shaded
        self.lane = lane


def track_title(track: Track, lang: str) -> str:
    """The track's title in ``lang``, falling back to the other language."""
    if lang == "en":
        return track.title_en or track.title
    return track.title or track.title_en


class FolderIndex:
    """Per folder, as-of day and baseline: flags, counts, date range, search text."""

    __slots__ = ("folder", "as_of", "baseline", "flags", "counts", "first_day", "last_day",
                 "generation", "_text")  # fmt: skip

    def __init__(
        self, folder: RoadmapFolder, as_of: _dt.date, baseline: RoadmapFolder | None = None
    ) -> None:
        self.folder = folder
        self.as_of = as_of
        self.baseline: dict[str, Item] = dict(baseline.items_by_id) if baseline else {}
        self.flags: dict[str, Flags] = folder_flags(folder, as_of)
        self.counts: Counts = count_flags(self.flags.values())
        first, last = as_of, as_of
        for roadmap in folder.roadmaps:
            for item in roadmap.items:
                first = min(first, item.start_day)
                last = max(last, item.due_day)
        self.first_day, self.last_day = first, last
        self.generation = next_generation()
        self._text: dict[str, str] = {}

    @property
    def has_baseline(self) -> bool:
        return bool(self.baseline)

    def flags_of(self, item: Item) -> Flags:
        return self.flags.get(item.id, NO_FLAGS)

    def text(self, item: Item) -> str:
        """The case-folded text free words search (built on first use, then kept)."""
        found = self._text.get(item.id)
        if found is None:
            found = self._text[item.id] = haystack(item)
        return found

    def slip(self, item: Item) -> int | None:
        """Days the due day moved since the baseline (positive = later), or None."""
        base = self.baseline.get(item.id)
        if base is None:
            return None
        return (item.due_day - base.due_day).days

    def track(self, item: Item) -> Track | None:
        return self.folder.tracks_by_key.get((item.roadmap_id, item.track_id))


@dataclass(slots=True, eq=False)
class FolderView:
    """The rows and matching items for one filter; ``generation`` keys every cache."""

    index: FolderIndex
    query: Query
    lang: str
    rows: list[Row] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item_row: dict[str, int] = field(default_factory=dict)
    generation: int = 0

    @property
    def folder(self) -> RoadmapFolder:
        return self.index.folder

    @property
    def matched(self) -> int:
        return len(self.items)

    @property
    def total(self) -> int:
        return self.index.counts.items

    def row_of(self, item_id: str | None) -> int | None:
        return None if item_id is None else self.item_row.get(item_id)


def build_view(index: FolderIndex, query: Query, lang: str) -> FolderView:
    """Rows grouped by roadmap, then track group, then track, items in file order.

    With a filter, headers without any matching item are left out.
    """
    view = FolderView(index, query, lang, generation=next_generation())
    rows, items, item_row = view.rows, view.items, view.item_row
    filtering = not query.empty
    lane = 0
    for roadmap in index.folder.roadmaps:
        by_track: dict[str, list[Item]] = {t.id: [] for t in roadmap.tracks}
        for item in roadmap.items:
            by_track.setdefault(item.track_id, []).append(item)
        header_at = len(rows)
        rows.append(Row(RowKind.ROADMAP, roadmap, roadmap.title_for(lang)))
        any_shown = False
        group = ""
        tracks = {t.id: t for t in roadmap.tracks}
        for track_id, track_items in by_track.items():
            track = tracks.get(track_id)
            shown = [
                i for i in track_items
                if not filtering
                or matches(query, i, index.flags_of(i), roadmap, track, index.text)
            ]  # fmt: skip
            if filtering and not shown:
                continue
            any_shown = True
            if track is not None and track.group and track.group != group:
                rows.append(Row(RowKind.GROUP, roadmap, track.group, track=track, lane=lane))
            group = track.group if track is not None else ""
            label = track_title(track, lang) if track is not None else track_id
            rows.append(Row(RowKind.TRACK, roadmap, label, track=track, lane=lane))
            for item in shown:
                item_row[item.id] = len(rows)
                rows.append(Row(RowKind.ITEM, roadmap, item.title_for(lang), item, track, lane))
                items.append(item)
            lane += 1
        if filtering and not any_shown:
            del rows[header_at:]
    return view


__all__ = [
    "FolderIndex",
    "FolderView",
    "Row",
    "RowKind",
    "build_view",
    "next_generation",
    "track_title",
]
