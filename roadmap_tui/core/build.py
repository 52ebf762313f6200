"""Turn one parsed, schema-checked TOML document into a :class:`Roadmap`.

The builder is lenient on purpose: the schema has already reported wrong types
and unknown keys, so here an entry that cannot be built is skipped (its problem
is already on the list) and everything else still shows. What the schema cannot
say is checked here: date forms, kinds, end before start, tracks that exist.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from roadmap_tui.core.dates import Period, parse_period
from roadmap_tui.core.errors import DateError
from roadmap_tui.core.model import (
    KPI,
    Calendar,
    Direction,
    HistoryEntry,
    Item,
    Kind,
    Measure,
    Roadmap,
    Source,
    Status,
    Target,
    Track,
)
from roadmap_tui.core.tomlpos import KeyPath
from roadmap_tui.core.validate import did_you_mean


class Report(Protocol):
    """Where the builder sends a problem: at a key path's value, or at the key itself."""

    def __call__(
        self, keypath: KeyPath, message: str, hint: str | None, *, at_key: bool = False
    ) -> None: ...


_STATUS = {s.value: s for s in Status}
_DIRECTION = {d.value: d for d in Direction}
_KIND = {k.value: k for k in Kind}
_ABSENT: Any = object()
#: date values that may be looked up in the period cache (bool and datetime may not)
_CACHEABLE = frozenset({str, int, _dt.date})
#: The order :meth:`_Builder.item` passes Item's fields in; checked once at import so
#: a reordered model fails loudly instead of filling the wrong fields.
_ITEM_FIELDS = ("id", "title", "roadmap_id", "track_id", "kind", "start", "end", "status",
                "title_en", "progress", "owner", "depends_on", "tags", "notes", "source",
                "actual_start", "actual_end")  # fmt: skip
if tuple(f.name for f in fields(Item))[: len(_ITEM_FIELDS)] != _ITEM_FIELDS:
    raise ImportError("roadmap_tui.core.build: Item's fields changed order; update item()")


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _source(value: Any) -> Source | None:
    if isinstance(value, str):
        return Source(value)
    if isinstance(value, dict) and isinstance(value.get("document"), str):
        page = value.get("page", "")
        return Source(
            value["document"], _str(value.get("section")), _str(value.get("edition")), str(page)
        )
    return None


#: date value -> period, per fiscal-year start month, shared by every file of a load:
#: a folder repeats a few thousand date values, and a dict lookup is a fraction of a
#: call to parse_period. Bounded: cleared when it grows past _PERIODS_MAX values.
_PERIODS: dict[int, dict[str | int | _dt.date, Period]] = {}
_PERIODS_MAX = 200_000


def _periods_for(fy_month: int) -> dict[str | int | _dt.date, Period]:
    known = _PERIODS.setdefault(fy_month, {})
    if len(known) > _PERIODS_MAX:
        known.clear()
    return known


class _Builder:
    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.fy_month = 4
        #: date value -> period for this file's fiscal-year start (set before any item)
        self.periods: dict[str | int | _dt.date, Period] = {}
        self.track_set: frozenset[str] = frozenset()

    def period(self, value: Any, at: KeyPath, key: str) -> Period | None:
        """The period ``value`` names; a bad date is reported at ``at + (key,)``.

        Looked up in :data:`_PERIODS` first (see there), then parsed.
        """
        if value is None:
            return None
        kind = type(value)
        if kind is str or kind is int or kind is _dt.date:  # bool and datetime excluded
            known = self.periods.get(value)
            if known is not None:
                return known
        elif isinstance(value, bool) or not isinstance(value, str | int | _dt.date):
            return None  # the schema has reported the type
        try:
            period = parse_period(value, fiscal_year_start_month=self.fy_month)
        except DateError as exc:
            self.report(at + (key,), exc.message, exc.hint)
            return None
        if kind is str or kind is int or kind is _dt.date:
            self.periods[value] = period
        return period

    def roadmap(self, doc: dict[str, Any]) -> Built:
        head = doc.get("roadmap")
        if not isinstance(head, dict) or not isinstance(head.get("id"), str):
            return Built(None)
        calendar = Calendar()
        settings = head.get("calendar")
        if isinstance(settings, dict):
            month = settings.get("fiscal_year_start_month")
            if type(month) is int and 1 <= month <= 12:
                calendar.fiscal_year_start_month = month
            soon = settings.get("due_soon_days")
            if type(soon) is int and soon >= 0:
                calendar.due_soon_days = soon
        self.fy_month = calendar.fiscal_year_start_month
        self.periods = _periods_for(self.fy_month)
        roadmap = Roadmap(
            id=head["id"],
            title=_str(head.get("title")),
            path=self.path,
            title_en=_str(head.get("title_en")),
            owner=_str(head.get("owner")),
            source=_source(head.get("source")),
            calendar=calendar,
            notes=_str(head.get("notes")),
        )
        for i, raw in enumerate(_list(doc.get("tracks"))):
            track = self.track(raw, roadmap.id, ("tracks", i))
            if track is None:
                continue
            if any(t.id == track.id for t in roadmap.tracks):
                self.report(("tracks", i, "id"), f"duplicate track id '{track.id}'", None)
                continue
            roadmap.tracks.append(track)
        track_ids = [t.id for t in roadmap.tracks]
        self.track_set = frozenset(track_ids)
        built = Built(roadmap)
        for i, raw in enumerate(_list(doc.get("items"))):
            item = self.item(raw, roadmap.id, track_ids, ("items", i))
            if item is not None:
                roadmap.items.append(item)
                built.item_indices.append(i)
        for i, raw in enumerate(_list(doc.get("kpis"))):
            kpi = self.kpi(raw, roadmap.id, ("kpis", i))
            if kpi is not None:
                roadmap.kpis.append(kpi)
                built.kpi_indices.append(i)
        return built

    def track(self, raw: Any, roadmap_id: str, at: KeyPath) -> Track | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            return None
        return Track(
            id=raw["id"],
            title=_str(raw.get("title")),
            roadmap_id=roadmap_id,
            title_en=_str(raw.get("title_en")),
            group=_str(raw.get("group")),
            owner=_str(raw.get("owner")),
        )

    def item(self, raw: Any, roadmap_id: str, track_ids: list[str], at: KeyPath) -> Item | None:
        # Runs once per item (100,000 times for a big folder): each key is read once.
        if not isinstance(raw, dict):
            return None
        get = raw.get
        track = get("track")
        if not isinstance(get("id"), str) or not isinstance(track, str):
            return None
        if track not in self.track_set:
            hint = did_you_mean(track, track_ids) or (
                "define it in a [[tracks]] table" if not track_ids else None
            )
            self.report(at + ("track",), f"unknown track '{track}'", hint)
            return None
        kind_text = get("kind")
        when, first, last = get("date", _ABSENT), get("start", _ABSENT), get("end", _ABSENT)
        has_date = when is not _ABSENT
        has_span = first is not _ABSENT or last is not _ABSENT
        if kind_text is None:
            kind = Kind.MILESTONE if has_date and not has_span else Kind.PHASE
        elif kind_text in _KIND:
            kind = _KIND[kind_text]
        else:
            return None  # schema reported it
        periods = self.periods
        if kind is Kind.MILESTONE:
            if has_span:
                key = "start" if first is not _ABSENT else "end"
                self.report(
                    at + (key,),
                    f"a milestone has 'date', not '{key}'",
                    'use kind = "phase" for a span',
                    at_key=True,
                )
                return None
            if not has_date:
                self.report(at, f"milestone '{raw['id']}' has no 'date'", None)
                return None
            start = periods.get(when) if type(when) in _CACHEABLE else None
            if start is None:
                start = self.period(when, at, "date")
            end = start
        else:
            if has_date:
                self.report(
                    at + ("date",),
                    "a phase has 'start' and 'end', not 'date'",
                    'use kind = "milestone" for one date',
                    at_key=True,
                )
                return None
            if not has_span:
                self.report(at, f"phase '{raw['id']}' has no 'start' or 'end'", None)
                return None
            start = periods.get(first) if type(first) in _CACHEABLE else None
            if start is None and first is not _ABSENT:
                start = self.period(first, at, "start")
            end = periods.get(last) if type(last) in _CACHEABLE else None
            if end is None and last is not _ABSENT:
                end = self.period(last, at, "end")
            if first is _ABSENT:
                start = end
            if last is _ABSENT:
                end = start
            if start is not None and end is not None and end.end < start.start:
                self.report(
                    at + ("end",),
                    f"end {end} is before start {start}",
                    "swap them, or fix the year",
                )
                return None
        if start is None or end is None:
            return None
        status_text = get("status", "planned")
        status = _STATUS.get(status_text) if isinstance(status_text, str) else None
        if status is None:
            return None  # schema reported it
        title, title_en, owner, notes = get("title"), get("title_en"), get("owner"), get("notes")
        progress, depends, tags = get("progress"), get("depends_on"), get("tags")
        began, ended = get("actual_start"), get("actual_end")
        # Positional, in the order _ITEM_FIELDS pins: a third of the cost of keywords.
        item = Item(
            raw["id"],
            title if isinstance(title, str) else "",
            roadmap_id,
            track,
            kind,
            start,
            end,
            status,
            title_en if isinstance(title_en, str) else "",
            progress if type(progress) is int and 0 <= progress <= 100 else None,
            owner if isinstance(owner, str) else "",
            _strs(depends) if depends else (),
            _strs(tags) if tags else (),
            notes if isinstance(notes, str) else "",
            _source(raw["source"]) if "source" in raw else None,
            None if began is None else self.period(began, at, "actual_start"),
            None if ended is None else self.period(ended, at, "actual_end"),
        )
        history = get("history")
        if history:
            for j, entry in enumerate(_list(history)):
                built = self.history(entry, at + ("history", j))
                if built is not None:
                    item.history.append(built)
        return item

    def history(self, raw: Any, at: KeyPath) -> HistoryEntry | None:
        if not isinstance(raw, dict):
            return None
        date = self.period(raw.get("date"), at, "date")
        if date is None:
            return None
        progress = raw.get("progress")
        return HistoryEntry(
            date=date,
            status=_STATUS.get(raw.get("status", "")),
            from_status=_STATUS.get(raw.get("from", "")),
            note=_str(raw.get("note")),
            author=_str(raw.get("author")),
            progress=progress if type(progress) is int else None,
        )

    def measure(self, raw: Any, at: KeyPath) -> Measure | None:
        if not isinstance(raw, dict):
            return None
        value = raw.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        date = self.period(raw.get("date"), at, "date")
        if date is None:
            return None
        return Measure(float(value), date, _str(raw.get("note")))

    def kpi(self, raw: Any, roadmap_id: str, at: KeyPath) -> KPI | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            return None
        kpi = KPI(
            id=raw["id"],
            title=_str(raw.get("title")),
            roadmap_id=roadmap_id,
            unit=_str(raw.get("unit")),
            title_en=_str(raw.get("title_en")),
            related=_strs(raw.get("related")),
            notes=_str(raw.get("notes")),
            source=_source(raw.get("source")),
        )
        if "baseline" in raw:
            kpi.baseline = self.measure(raw["baseline"], at + ("baseline",))
        target = raw.get("target")
        if isinstance(target, dict):
            due = self.period(target.get("due"), at + ("target",), "due")
            value, factor = target.get("value"), target.get("factor")
            if value is None and factor is None:
                self.report(at + ("target",), "a target needs 'value' or 'factor'", None)
            elif value is not None and factor is not None:
                self.report(at + ("target", "factor"), "give 'value' or 'factor', not both", None)
            elif due is not None:
                kpi.target = Target(
                    due=due,
                    direction=_DIRECTION.get(target.get("direction", ">="), Direction.AT_LEAST),
                    value=float(value) if isinstance(value, int | float) else None,
                    factor=float(factor) if isinstance(factor, int | float) else None,
                    label=_str(target.get("label")),
                )
        for j, entry in enumerate(_list(raw.get("actuals"))):
            measure = self.measure(entry, at + ("actuals", j))
            if measure is not None:
                kpi.actuals.append(measure)
        return kpi


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(slots=True)
class Built:
    """A built roadmap and, for each built item and KPI, its index in the file's array."""

    roadmap: Roadmap | None
    item_indices: list[int] = field(default_factory=list)
    kpi_indices: list[int] = field(default_factory=list)


def build_roadmap(document: dict[str, Any], path: str, report: Report) -> Built:
    """Build the roadmap of ``document``, reporting what the schema cannot see."""
    return _Builder(path, report).roadmap(document)
