"""Finding headers without parsing: the fast scan agrees with a full lex, or says it cannot."""

from __future__ import annotations

import datetime as _dt

import pytest

from roadmap_tui.core.regionedit import SetKey
from roadmap_tui.core.textedit import edit_element
from roadmap_tui.core.tomllex import LexError, lex_sections, lex_value, parse_key
from roadmap_tui.core.tomlscan import Ambiguous, FastScan, exact_headers, multiline_strings
from tests.conftest import ROADMAPS


@pytest.mark.parametrize("path", sorted(ROADMAPS.glob("*.toml")), ids=lambda p: p.name)
def test_the_fast_scan_finds_exactly_the_headers_of_the_bundled_roadmaps(path: object) -> None:
    data = path.read_bytes()  # type: ignore[attr-defined]
    fast = list(FastScan(data).headers_from(0))
    assert fast == exact_headers(data)
    assert len(fast) == data.count(b"\n[")  # the bundled files indent no header


@pytest.mark.parametrize(
    ("text", "strings"),
    [
        ('a = 1 # """ not a string\nb = 2\n', []),
        ("a = 'x \"\"\" y'\nb = \"'''\"\n", []),
        ('a = """x\n[[items]]\n"""\n', ['"""x\n[[items]]\n"""']),
        ('a = """x""""\n', ['"""x""""']),
        ("a = '''it's \"\"\" ok'''\n", ["'''it's \"\"\" ok'''"]),
        ("a = [\"\"\"p\"\"\", '''q''']\n", ['"""p"""', "'''q'''"]),
        ('a = """ \\""" still in\n"""\n', ['""" \\""" still in\n"""']),
    ],
)
def test_multi_line_strings_are_found_only_where_they_are(text: str, strings: list[str]) -> None:
    data = text.encode()
    spans = multiline_strings(data)
    assert spans is not None
    assert [data[a:b].decode() for a, b in spans] == strings


def test_a_header_like_line_inside_an_array_sends_the_scan_to_the_full_lex() -> None:
    text = 'x = [\n["items"]\n]\n\n[[items]]\nid = "a"\nstatus = "planned"\n'
    with pytest.raises(Ambiguous):
        list(FastScan(text.encode()).headers_from(0))
    headers = exact_headers(text.encode())
    assert headers is not None and [h.key for h in headers] == [("items",)]
    result = edit_element(text.encode(), "items", "a", [SetKey("status", "done")])
    assert result.data.decode() == text.replace("planned", "done")


def test_keys() -> None:
    assert parse_key("a.\"b.c\".'d'") == ("a", "b.c", "d")
    assert parse_key(" items . history ") == ("items", "history")
    assert parse_key('"\\u00e9\\t"') == ("é\t",)
    with pytest.raises(ValueError):
        parse_key("a..b")


def test_the_lexer_knows_where_values_end() -> None:
    text = (
        "t = 1979-05-27 07:32:00Z # c\n"
        'n = [[1, 2], [{a = "]"}]]  # ]\n'
        "m = [\n  \"x\",  # a comment ]\n  'y',\n]\n"
        "s = '''a\n''b'''''\n"
    )
    root = lex_sections(text)[0]
    values = {p.key[0]: text[p.value.start : p.value.end] for p in root.keyvals}
    assert values == {
        "t": "1979-05-27 07:32:00Z",
        "n": '[[1, 2], [{a = "]"}]]',
        "m": "[\n  \"x\",  # a comment ]\n  'y',\n]",
        "s": "'''a\n''b'''''",
    }
    table = lex_value('{ a = 1, "b c" = { d = [] } }', 0)
    assert [p.key for p in table.pairs] == [("a",), ("b c",)]
    with pytest.raises(LexError):
        lex_sections("a = [1, 2\n")


def test_a_date_value_is_written_as_a_toml_date() -> None:
    text = '[[items]]\nid = "a"\n'
    out = edit_element(text.encode(), "items", "a", [SetKey("actual_end", _dt.date(2026, 4, 1))])
    assert out.data.decode().endswith("actual_end = 2026-04-01\n")
