"""The filter's small query language: ``status:blocked tag:kpi owner:総務 overdue 申請``.

Pure (no Textual): :func:`parse_query` turns the text typed after ``/`` into a
:class:`Query`, :func:`matches` tests one item. Every term must hold (AND):

- free words match the id, the Japanese or English title, or the notes (case-insensitive;
  ``"two words"`` in quotes is one phrase);
- ``field:value`` with fields ``status``, ``roadmap``, ``track``, ``owner``, ``tag``,
  ``id``, ``kind``, ``due`` and ``during``; ``field:a,b`` means a OR b;
- the flags ``overdue``, ``due-soon``, ``blocked``, ``late-start`` (also ``is:overdue`` …);
- a leading ``-`` negates a term: ``-status:done``, ``-tag:kpi``, ``-overdue``.

``due:R8`` keeps items due within that period and ``during:2027`` items whose dates
overlap it (any accepted date form). Unknown fields are reported, not guessed.
"""

from __future__ import annotations

import datetime as _dt
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

from roadmap_tui.core.dates import parse_period
from roadmap_tui.core.errors import DateError
from roadmap_tui.core.model import STATUSES, Item, Roadmap, Status, Track
from roadmap_tui.core.schedule import Flags
from roadmap_tui.core.validate import did_you_mean
from roadmap_tui.i18n import _

FIELDS = ("status", "roadmap", "track", "owner", "tag", "id", "kind", "due", "during", "is")
FLAG_WORDS = ("overdue", "due-soon", "blocked", "late-start")
_FLAG_ALIASES = {"duesoon": "due-soon", "due_soon": "due-soon", "soon": "due-soon",
                 "late": "late-start", "late_start": "late-start"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Term:
    """One condition: ``field`` ("text" for free words, "is" for flags) with OR-ed values."""

    field: str
    values: tuple[str, ...]
    negate: bool = False
    #: for due/during: the (first, last) days of each value
    periods: tuple[tuple[_dt.date, _dt.date], ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed filter: every term must hold; ``errors`` are shown under the input."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    errors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.terms


def _split(text: str) -> list[tuple[str, bool]]:
    """Words and whether each was quoted (a quoted ``"overdue"`` is text, not the flag)."""
    lexer = shlex.shlex(text, posix=False)
    lexer.whitespace_split = True
    try:
        words = list(lexer)
    except ValueError:  # an unclosed quote while typing: take the words as they are
        words = text.replace('"', " ").split()
    out = []
    for word in words:
        quoted = len(word) >= 2 and word[0] == word[-1] == '"'
        out.append((word[1:-1] if quoted else word, quoted))
    return out


def _status_values(values: tuple[str, ...], errors: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        hits = [s for s in STATUSES if value in s]
        if value in STATUSES:
            hits = [value]
        if len(hits) == 1:
            out.append(hits[0])
        else:
            errors.append(
                _("unknown status '{value}' (use {choices})").format(
                    value=value, choices=", ".join(STATUSES)
                )
            )
    return tuple(out)


def _periods(values: tuple[str, ...], errors: list[str]) -> tuple[tuple[_dt.date, _dt.date], ...]:
    out = []
    for value in values:
        try:
            p = parse_period(value)
        except DateError as exc:
            errors.append(f"{value}: {exc}")
            continue
        out.append((p.start, p.end))
    return tuple(out)


def parse_query(text: str) -> Query:
    """Parse the filter text; never raises (problems land in ``Query.errors``)."""
    terms: list[Term] = []
    errors: list[str] = []
    for word, quoted in _split(text.strip()):
        negate = not quoted and word.startswith("-") and len(word) > 1
        body = word[1:] if negate else word
        name, sep, rest = body.partition(":")
        name = name.casefold()
        if quoted or not sep:
            flag = _FLAG_ALIASES.get(name, name)
            if not quoted and flag in FLAG_WORDS:
                terms.append(Term("is", (flag,), negate))
            elif body:
                terms.append(Term("text", (body.casefold(),), negate))
            continue
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS)
            message = _("unknown field '{name}'").format(name=name)
            errors.append(message + (f" ({hint})" if hint else ""))
            continue
        values = tuple(v.strip().casefold() for v in rest.split(",") if v.strip())
        if not values:
            continue
        if name == "status":
            values = _status_values(values, errors)
        elif name == "is":
            values = tuple(_FLAG_ALIASES.get(v, v) for v in values)
            bad = [v for v in values if v not in FLAG_WORDS]
            if bad:
                errors.append(
                    _("unknown flag '{value}' (use {choices})").format(
                        value=bad[0], choices=", ".join(FLAG_WORDS)
                    )
                )
                values = tuple(v for v in values if v in FLAG_WORDS)
        elif name in ("due", "during"):
            periods = _periods(values, errors)
            if periods:
                terms.append(Term(name, values, negate, periods))
            continue
        if values:
            terms.append(Term(name, values, negate))
    return Query(text, tuple(terms), tuple(errors))


def _flag(flags: Flags, name: str) -> bool:
    if name == "overdue":
        return flags.overdue
    if name == "due-soon":
        return flags.due_soon
    if name == "blocked":
        return flags.blocked
    return flags.late_start


def _any_in(values: tuple[str, ...], *haystacks: str) -> bool:
    return any(v in h.casefold() for v in values for h in haystacks if h)


def _term_holds(
    term: Term, item: Item, flags: Flags, roadmap: Roadmap, track: Track | None, text: str
) -> bool:
    f, vs = term.field, term.values
    if f == "text":
        return vs[0] in text
    if f == "is":
        return any(_flag(flags, v) for v in vs)
    if f == "status":
        return item.status.value in vs
    if f == "tag":
        return any(t.casefold() in vs for t in item.tags)
    if f == "id":
        return _any_in(vs, item.id)
    if f == "kind":
        return any(item.kind.value.startswith(v) for v in vs)
    if f == "owner":
        return _any_in(vs, item.owner or (track.owner if track else ""))
    if f == "roadmap":
        return _any_in(vs, roadmap.id, roadmap.title, roadmap.title_en)
    if f == "track":
        if track is None:
            return _any_in(vs, item.track_id)
        return _any_in(vs, track.id, track.title, track.title_en, track.group)
    if f == "due":
        return any(a <= item.due_day <= b for a, b in term.periods)
    # during: the item's days overlap the period
    return any(item.start_day <= b and a <= item.due_day for a, b in term.periods)


def haystack(item: Item) -> str:
    """What free words search: id, both titles and the notes, case-folded."""
    return f"{item.id}\n{item.title}\n{item.title_en}\n{item.notes}".casefold()


def matches(
    query: Query,
    item: Item,
    flags: Flags,
    roadmap: Roadmap,
    track: Track | None,
    text: Callable[[Item], str] = haystack,
) -> bool:
    """Whether ``item`` passes every term of ``query``."""
    if not query.terms:
        return True
    searched = text(item) if any(t.field == "text" for t in query.terms) else ""
    for term in query.terms:
        if _term_holds(term, item, flags, roadmap, track, searched) == term.negate:
            return False
    return True


__all__ = ["FIELDS", "FLAG_WORDS", "Query", "Status", "Term", "haystack", "matches", "parse_query"]
