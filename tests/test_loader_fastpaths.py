"""The loader's fast paths give exactly what the slow, general paths give."""

from __future__ import annotations

import gc
import threading
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core import validate as validate_module
from roadmap_tui.core.loader import load_text, paused_gc
from roadmap_tui.core.tomlpos import index_positions

HEAD = """\
[roadmap]
id = "city"
title = "市の計画"

[[tracks]]
id = "dx"
title = "DX"
"""

ITEM = """
[[items]]
id = "{id}"
title = "申請"
track = "dx"
date = "R8"
"""


def _lines(text: str) -> list[tuple[int, int]]:
    report = load_text(text, "r.toml")
    assert report.problems == [] and report.roadmap is not None
    return [(i.location.line, i.location.col) for i in report.roadmap.items if i.location]


def _scanner_lines(text: str, count: int) -> list[tuple[int, int]]:
    index = index_positions(text)
    return [index.locate(("items", n)) for n in range(count)]


def test_indented_headers_get_their_column() -> None:
    text = HEAD + ITEM.format(id="a") + ITEM.format(id="b").replace("[[items]]", "  [[items]]")
    assert _lines(text) == [(9, 1), (15, 3)] == _scanner_lines(text, 2)


def test_a_header_inside_a_multiline_string_does_not_shift_the_lines() -> None:
    text = (
        HEAD
        + ITEM.format(id="a")
        + 'notes = """\n[[items]]\nnot a header"""\n'
        + ITEM.format(id="b")
    )
    assert _lines(text) == _scanner_lines(text, 2) == [(9, 1), (18, 1)]


def test_spaced_headers_and_inline_items_fall_back_to_the_scanner() -> None:
    spaced = HEAD + ITEM.format(id="a").replace("[[items]]", "[[ items ]]") + ITEM.format(id="b")
    assert _lines(spaced) == _scanner_lines(spaced, 2)
    inline = 'items = [{ id = "a", title = "x", track = "dx", date = "R8" }]\n' + HEAD
    assert _lines(inline) == _scanner_lines(inline, 1) == [(1, 10)]


def test_paused_gc_nests_restores_and_respects_a_disabled_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_paused_gc_across_threads_turns_back_on_after_the_last() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other)
    worker.start()
    inside.wait(5)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other load is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()


def _full_only_validator() -> Any:
    """The validator with every fast path off: what the fast paths must agree with."""
    compiler = validate_module._Compiler(validate_module.load_schema())
    compiler.spec = lambda node: (frozenset(), None)  # type: ignore[method-assign]
    return compiler.compile(validate_module.load_schema())


_FULL = _full_only_validator()
_VALUES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["planned", "done", "phase", "milestone", "R8", "a-b.c", "-x", "x" * 201]),
    st.integers(-5, 200),
    st.booleans(),
    st.floats(allow_nan=False, width=32),
    st.dates(),
    st.lists(st.sampled_from(["a", "b", "-bad", ""]), max_size=3),
    st.dictionaries(st.sampled_from(["document", "section", "page", "x"]), st.text(max_size=3)),
)
_KEYS = st.sampled_from(
    ["id", "title", "track", "kind", "date", "start", "end", "status", "progress", "tags",
     "depends_on", "source", "history", "notes", "titel", "owner"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(_KEYS, _VALUES, max_size=7), max_size=4))
def test_fast_validation_finds_exactly_what_the_full_check_finds(items: list[Any]) -> None:
    document = {"roadmap": {"id": "r", "title": "t"}, "items": items}
    expected: list[Any] = []
    _FULL(document, (), expected)
    assert validate_module.validate(document) == expected
