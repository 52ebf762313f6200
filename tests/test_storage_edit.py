"""The text editor behind status changes: byte-exact results on every layout, and undo.

Each case states the whole expected file, so any byte that moves fails the test. The
tomlkit bugs named in the tests are what tomlkit 0.15 does on the same input; these
tests prove the write path does not.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Sequence

import pytest

from roadmap_tui.core.errors import UpdateError
from roadmap_tui.core.regionedit import (
    AppendEntry,
    DeleteKey,
    EditError,
    Op,
    RegionEditor,
    SetKey,
    render_string,
    render_value,
)
from roadmap_tui.core.textedit import (
    ElementNotFound,
    append_subtable,
    delete_key,
    edit_element,
    set_value,
)

DAY = _dt.date(2026, 11, 22)
DONE: list[Op] = [
    SetKey("status", "done"),
    SetKey("actual_end", DAY, only_if_absent=True),
    AppendEntry("history", {"date": DAY, "from": "planned", "status": "done"}),
]


def edit(text: str, ops: Sequence[Op], element_id: str = "a", table: str = "items") -> str:
    """The edited text; also checks that the undo restores the original byte for byte."""
    result = edit_element(text.encode("utf-8"), table, element_id, ops)
    restored = edit_element(result.data, table, element_id, result.undo)
    assert restored.data == text.encode("utf-8")
    return result.data.decode("utf-8")


def test_a_literal_string_stays_literal_tomlkit_325() -> None:
    text = "[[items]]\nid = 'a'\nstatus = 'planned'   # as of R7\n"
    assert edit(text, [SetKey("status", "done")]) == (
        "[[items]]\nid = 'a'\nstatus = 'done'   # as of R7\n"
    )


def test_a_basic_string_stays_basic_and_is_escaped() -> None:
    text = '[[items]]\nid = "a"\nnote = "x"\n'
    assert edit(text, [SetKey("note", 'say "hi"\n')]) == (
        '[[items]]\nid = "a"\nnote = "say \\"hi\\"\\n"\n'
    )


def test_a_literal_that_cannot_hold_the_value_becomes_basic() -> None:
    assert render_value("it's", like="literal") == '"it\'s"'
    assert render_value("年度", like="literal") == "'年度'"
    assert render_string("tab\there") == '"tab\\there"'


def test_a_new_key_does_not_land_under_the_next_tables_comment_tomlkit_295() -> None:
    text = '[[items]]\nid = "a"\nstatus = "planned"\n\n# ── 工程表② ──\n[[items]]\nid = "b"\n'
    assert edit(text, [SetKey("progress", 40)]) == (
        '[[items]]\nid = "a"\nstatus = "planned"\nprogress = 40\n\n'
        "# ── 工程表② ──\n"
        '[[items]]\nid = "b"\n'
    )


def test_a_history_entry_goes_before_the_comment_that_opens_the_next_section() -> None:
    text = '[[items]]\nid = "a"\nstatus = "planned"\n\n# ── 工程表② ──\n\n[[items]]\nid = "b"\n'
    assert edit(text, DONE) == (
        '[[items]]\nid = "a"\nstatus = "done"\nactual_end = 2026-11-22\n\n'
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "done"\n\n'
        "# ── 工程表② ──\n\n"
        '[[items]]\nid = "b"\n'
    )


def test_a_comment_glued_to_the_item_stays_with_it() -> None:
    text = '[[items]]\nid = "a"\nstatus = "planned"\n# actual_end = 2027-03-31\n\n[[kpis]]\n'
    out = edit(text, [AppendEntry("history", {"date": DAY, "note": "x"})])
    assert out == (
        '[[items]]\nid = "a"\nstatus = "planned"\n# actual_end = 2027-03-31\n\n'
        '[[items.history]]\ndate = 2026-11-22\nnote = "x"\n\n[[kpis]]\n'
    )


def test_an_interrupted_array_of_tables_keeps_its_order_tomlkit_601() -> None:
    text = (
        '[[items]]\nid = "a"\nstatus = "planned"\n\n'
        '[[kpis]]\nid = "k"\n\n'
        '[[items]]\nid = "b"\nstatus = "planned"\n'
    )
    assert edit(text, [SetKey("status", "done")], "b") == (
        '[[items]]\nid = "a"\nstatus = "planned"\n\n'
        '[[kpis]]\nid = "k"\n\n'
        '[[items]]\nid = "b"\nstatus = "done"\n'
    )


def test_crlf_files_get_crlf_new_lines_tomlkit_200() -> None:
    text = '\ufeff[roadmap]\r\nid = "r"\r\n\r\n[[items]]\r\nid = "a"\r\nstatus = "planned"\r\n'
    assert edit(text, DONE) == (
        '\ufeff[roadmap]\r\nid = "r"\r\n\r\n[[items]]\r\nid = "a"\r\nstatus = "done"\r\n'
        "actual_end = 2026-11-22\r\n\r\n"
        '[[items.history]]\r\ndate = 2026-11-22\r\nfrom = "planned"\r\nstatus = "done"\r\n'
    )


def test_blank_lines_do_not_drift_tomlkit_579() -> None:
    text = (
        '[[items]]\nid = "a"\nstatus = "planned"\n\n\n\n'
        '[[items]]\nid = "b"\nstatus = "planned"\n'
        '[[items]]\nid = "c"\n'
    )
    out = edit(text, DONE)
    assert out == (
        '[[items]]\nid = "a"\nstatus = "done"\nactual_end = 2026-11-22\n\n'
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "done"\n\n\n\n'
        '[[items]]\nid = "b"\nstatus = "planned"\n'
        '[[items]]\nid = "c"\n'
    )
    assert edit(text, DONE, "b").endswith(
        'status = "done"\nactual_end = 2026-11-22\n\n[[items.history]]\n'
        'date = 2026-11-22\nfrom = "planned"\nstatus = "done"\n[[items]]\nid = "c"\n'
    )


def test_the_last_item_without_a_final_newline_keeps_it_that_way() -> None:
    text = '[[items]]\nid = "a"\nstatus = "planned"'
    assert edit(text, DONE) == (
        '[[items]]\nid = "a"\nstatus = "done"\nactual_end = 2026-11-22\n\n'
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "done"'
    )


def test_a_missing_status_goes_after_its_neighbour_and_spacing_is_copied() -> None:
    text = '[[items]]\n  id="a"\n  date="R8"\n  owner="x"\n'
    assert edit(text, [SetKey("status", "done")]) == (
        '[[items]]\n  id="a"\n  date="R8"\n  status="done"\n  owner="x"\n'
    )


def test_quoted_and_dotted_keys() -> None:
    text = (
        '[[items]]\n"id" = "a"\n"status" = "planned"\nsource.document = "d"\nsource.section = "s"\n'
    )
    assert edit(text, [SetKey("status", "done"), SetKey("actual_start", DAY)]) == (
        '[[items]]\n"id" = "a"\n"status" = "done"\n'
        'source.document = "d"\nsource.section = "s"\nactual_start = 2026-11-22\n'
    )


def test_keys_go_into_the_item_not_into_its_sub_table() -> None:
    text = (
        '[[items]]\nid = "a"\nstatus = "planned"\n\n'
        '[items.source]\ndocument = "d"\n\n'
        '[[items.history]]\ndate = 2026-04-01\nstatus = "planned"\n\n'
        '[[items]]\nid = "b"\n'
    )
    assert edit(text, DONE) == (
        '[[items]]\nid = "a"\nstatus = "done"\nactual_end = 2026-11-22\n\n'
        '[items.source]\ndocument = "d"\n\n'
        '[[items.history]]\ndate = 2026-04-01\nstatus = "planned"\n\n'
        '[[items.history]]\ndate = 2026-11-22\nfrom = "planned"\nstatus = "done"\n\n'
        '[[items]]\nid = "b"\n'
    )


def test_history_tables_without_blank_lines_get_none() -> None:
    text = '[[items]]\nid = "a"\n[[items.history]]\n  date = 2026-04-01\n[[items]]\nid = "b"\n'
    assert edit(text, [AppendEntry("history", {"date": DAY})]) == (
        '[[items]]\nid = "a"\n'
        "[[items.history]]\n  date = 2026-04-01\n[[items.history]]\n  date = 2026-11-22\n"
        '[[items]]\nid = "b"\n'
    )


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ("history = []", 'history = [{ date = 2026-11-22, note = "x" }]'),
        (
            "history = [{date = 2026-04-01}]",
            'history = [{date = 2026-04-01}, {date = 2026-11-22, note = "x"}]',
        ),
        (
            "history = [\n  { date = 2026-04-01 },\n]",
            'history = [\n  { date = 2026-04-01 },\n  { date = 2026-11-22, note = "x" },\n]',
        ),
        (
            "history = [\n  { date = 2026-04-01 }  # first\n]",
            'history = [\n  { date = 2026-04-01 },\n  { date = 2026-11-22, note = "x" }'
            "  # first\n]",
        ),
    ],
)
def test_an_inline_history_array_gets_the_entry(history: str, expected: str) -> None:
    text = f'[[items]]\nid = "a"\n{history}\n\n[[items]]\nid = "b"\n'
    out = edit(text, [AppendEntry("history", {"date": DAY, "note": "x"})])
    assert out == f'[[items]]\nid = "a"\n{expected}\n\n[[items]]\nid = "b"\n'


def test_inline_table_items() -> None:
    text = (
        "# items as inline tables\n"
        'items = [\n  { id = "a", title = "A", status = "planned" },  # first\n'
        '  { id = "b", status = "planned", history = [] },\n]\n\n'
        '[roadmap]\nid = "r"\n'
    )
    assert edit(text, DONE) == (
        "# items as inline tables\n"
        'items = [\n  { id = "a", title = "A", status = "done", actual_end = 2026-11-22, '
        'history = [{ date = 2026-11-22, from = "planned", status = "done" }] },  # first\n'
        '  { id = "b", status = "planned", history = [] },\n]\n\n'
        '[roadmap]\nid = "r"\n'
    )
    assert edit(text, DONE, "b") == (
        "# items as inline tables\n"
        'items = [\n  { id = "a", title = "A", status = "planned" },  # first\n'
        '  { id = "b", status = "done", actual_end = 2026-11-22, history = [{ date = 2026-11-22, '
        'from = "planned", status = "done" }] },\n]\n\n'
        '[roadmap]\nid = "r"\n'
    )


def test_a_fake_item_inside_a_multi_line_string_is_left_alone() -> None:
    text = (
        '[[items]]\nid = "b"\nnotes = """\n[[items]]\nid = "a"\nstatus = "planned"\n"""\n\n'
        "[[items]]\nid = 'a'\nstatus = \"planned\"\nnotes = '''x'''\n"
    )
    assert edit(text, [SetKey("status", "done")]) == (
        '[[items]]\nid = "b"\nnotes = """\n[[items]]\nid = "a"\nstatus = "planned"\n"""\n\n'
        "[[items]]\nid = 'a'\nstatus = \"done\"\nnotes = '''x'''\n"
    )


def test_ids_in_depends_on_and_comments_do_not_confuse_it() -> None:
    text = (
        '[[items]]\nid = "x"\ndepends_on = ["a"]  # id = "a"\n# id = "a"\n\n'
        '[[items]]\nid = "a"\nstatus = "planned"\n'
    )
    assert edit(text, [SetKey("status", "blocked")]).endswith('id = "a"\nstatus = "blocked"\n')


def test_a_sub_table_after_another_table_is_verified_on_the_whole_file() -> None:
    text = (
        '[[items]]\nid = "a"\nstatus = "planned"\n\n[[kpis]]\nid = "k"\n\n'
        '[items.source]\ndocument = "d"\n'
    )
    result = edit_element(text.encode(), "items", "a", [SetKey("status", "done")])
    assert result.method == "file"
    assert result.after["source"] == {"document": "d"}
    assert result.data.decode() == text.replace('"planned"', '"done"')


def test_kpi_actuals_can_be_appended_too() -> None:
    text = '[[kpis]]\nid = "k"\nunit = "%"\n\n[[kpis.actuals]]\ndate = "R7"\nvalue = 62\n'
    out = append_subtable(text, "kpis", "k", "actuals", {"date": "R8", "value": 64.5})
    assert out == text + '\n[[kpis.actuals]]\ndate = "R8"\nvalue = 64.5\n'


def test_set_value_and_delete_key() -> None:
    text = '[[items]]\nid = "a"\nprogress = 10\nowner = "x"\n'
    assert set_value(text, "items", "a", "progress", 20) == text.replace("10", "20")
    assert delete_key(text, "items", "a", "owner") == '[[items]]\nid = "a"\nprogress = 10\n'


def test_unknown_ids_and_invalid_files_are_refused() -> None:
    with pytest.raises(ElementNotFound):
        set_value('[[items]]\nid = "a"\n', "items", "nope", "status", "done")
    with pytest.raises(UpdateError, match="not valid TOML"):
        set_value('[[items]]\nid = "a"\nstatus = \n', "items", "a", "status", "done")
    with pytest.raises(UpdateError, match="appears 2 times"):
        set_value('[[items]]\nid = "a"\n[[items]]\nid = "a"\n', "items", "a", "status", "x")


def test_when_the_text_editor_fails_tomlkit_does_it_and_is_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: RegionEditor, op: Op) -> Op | None:
        raise EditError("simulated")

    monkeypatch.setattr(RegionEditor, "apply", broken)
    text = '[[items]]\nid = "a"\nstatus = "planned"\n\n[[items]]\nid = "b"\n'
    result = edit_element(text.encode(), "items", "a", [SetKey("status", "done")])
    assert result.method == "tomlkit"
    assert result.data.decode() == text.replace("planned", "done")
    # tomlkit would turn the literal into a basic string (#325): refused, not written
    with pytest.raises(UpdateError, match="literal string"):
        edit_element(text.replace('"planned"', "'planned'").encode(), "items", "a", DONE[:1])
    # tomlkit would put the new key under the next section's comment (#295): refused
    commented = text.replace("\n\n[[items]]", "\n\n# next\n[[items]]")
    with pytest.raises(UpdateError, match="under a comment"):
        edit_element(commented.encode(), "items", "a", [SetKey("progress", 5)])
    # tomlkit would reorder an interrupted array of tables (PR #601): refused
    interrupted = '[[items]]\nid = "a"\n\n[[kpis]]\nid = "k"\n\n[[items]]\nid = "b"\n'
    with pytest.raises(UpdateError, match="rewrite"):
        edit_element(interrupted.encode(), "items", "b", [SetKey("status", "done")])


def test_the_parsed_result_is_exactly_the_intended_data() -> None:
    text = '[[items]]\nid = "a"\nstatus = "planned"\nprogress = 10\n'
    result = edit_element(text.encode(), "items", "a", [*DONE, SetKey("progress", 100)])
    data = tomllib.loads(result.data.decode())
    assert data["items"][0] == {
        "id": "a",
        "status": "done",
        "progress": 100,
        "actual_end": DAY,
        "history": [{"date": DAY, "from": "planned", "status": "done"}],
    }
    assert result.before == tomllib.loads(text)["items"][0]
    assert result.after == data["items"][0]
    assert [type(op) for op in result.undo] == [type(op) for op in reversed(result.undo)][::-1]
    assert isinstance(result.undo[-1], SetKey) and result.undo[-1].raw == '"planned"'
    assert DeleteKey("actual_end") in result.undo
