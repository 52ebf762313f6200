"""Translations: every _() string has Japanese, the .mo matches the .po, the language switches."""

from __future__ import annotations

import gettext
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap_tui import i18n
from roadmap_tui.i18n import (
    _,
    date_style_for,
    direction_text,
    flag_label,
    get_lang,
    kind_label,
    ngettext,
    set_lang,
    status_label,
    translate,
)
from roadmap_tui.i18n_tools import (
    FIX_COMMAND,
    MO_PATH,
    PO_PATH,
    check,
    compile_mo,
    extract_source,
    update_po,
)


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    """Tests here switch the language; give the next test the language it had."""
    before = dict(i18n._current)
    yield
    i18n._current.update(before)


def test_every_string_has_japanese_and_the_mo_is_compiled() -> None:
    problems = check()
    assert not problems, (
        f"{len(problems)} translation problems:\n  "
        + "\n  ".join(problems)
        + f"\nRun `{FIX_COMMAND}`, fill in the empty msgstr entries of {PO_PATH.name}, "
        f"and run `{FIX_COMMAND}` again."
    )


def test_runtime_reads_the_committed_mo_with_stdlib_gettext() -> None:
    with MO_PATH.open("rb") as f:
        catalog = gettext.GNUTranslations(f)
    assert catalog.gettext("overdue") == "期限超過"
    assert catalog.info()["language"] == "ja"


def test_switching_language_at_run_time() -> None:
    set_lang("ja")
    assert get_lang() == "ja"
    assert _("overdue") == "期限超過"
    assert _("a string nobody translated") == "a string nobody translated"
    set_lang("en")
    assert _("overdue") == "overdue"
    assert translate("overdue", "ja") == "期限超過"  # without switching
    assert get_lang() == "en"


def test_plural_forms() -> None:
    set_lang("ja")
    assert ngettext("{count} KPI", "{count} KPIs", 1).format(count=1) == "KPI 1件"
    assert ngettext("{count} KPI", "{count} KPIs", 27).format(count=27) == "KPI 27件"
    set_lang("en")
    assert ngettext("{count} KPI", "{count} KPIs", 1).format(count=1) == "1 KPI"
    assert ngettext("{count} KPI", "{count} KPIs", 2).format(count=2) == "2 KPIs"


@pytest.mark.parametrize(
    ("status", "ja", "en"),
    [
        ("planned", "予定", "planned"),
        ("in-progress", "進行中", "in progress"),
        ("done", "完了", "done"),
        ("blocked", "停止中", "blocked"),
        ("cancelled", "中止", "cancelled"),
    ],
)
def test_status_labels(status: str, ja: str, en: str) -> None:
    assert status_label(status, "ja") == ja
    assert status_label(status, "en") == en


def test_flag_kind_and_direction_labels() -> None:
    assert [flag_label(f, "ja") for f in ("overdue", "due-soon", "late-start", "off-track")] == [
        "期限超過",
        "期限間近",
        "着手遅れ",
        "進捗遅れ",
    ]
    assert flag_label("due-soon", "en") == "due soon"
    assert flag_label("something-new", "ja") == "something-new"
    assert kind_label("milestone", "ja") == "マイルストーン"
    assert direction_text(">=", "70%", "ja") == "70%以上"
    assert direction_text("<=", "0枚", "ja") == "0枚以下"
    assert direction_text(">=", "70%", "en") == "at least 70%"
    assert date_style_for("ja") == "wareki" and date_style_for("en") == "iso"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
        ({"ROADMAP_LANG": "ja", "LANG": "C"}, "ja"),
        ({}, "en"),
    ],
)
def test_language_from_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str
) -> None:
    for var in ("ROADMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert set_lang(None) == lang
    assert set_lang("ja") == "ja"  # --lang wins


# ── the extraction and compile tool ────────────────────────────────────────────


def test_extract_finds_literal_calls_only() -> None:
    source = textwrap.dedent(
        """
        from roadmap_tui.i18n import _, N_, ngettext, translate
        A = N_("marked")
        def f(n, label, lang):
            _("plain {x}").format(x=1)
            ngettext("{n} item", "{n} items", n)
            translate("in a language", lang)
            _(label)
            self.app._("method style")
        """
    )
    found, problems = extract_source(source, "m.py")
    assert sorted(str(e.key) for e in found) == sorted(
        [
            "marked",
            "plain {x}",
            str(("{n} item", "{n} items")),
            "in a language",
            "method style",
        ]
    )
    assert problems == []


def test_extract_reports_f_strings() -> None:
    found, problems = extract_source('x = 1\n_(f"bad {x}")\n', "m.py")
    assert found == []
    assert problems and problems[0].startswith("m.py:2:1: f-string inside _()")


def _package(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "pkg"
    root.mkdir(exist_ok=True)
    (root / "mod.py").write_text(body, encoding="utf-8")
    return root


def test_update_keeps_translations_and_check_names_the_missing(tmp_path: Path) -> None:
    po, mo = tmp_path / "roadmap.po", tmp_path / "roadmap.mo"
    root = _package(tmp_path, '_("overdue")\n')
    update_po(po, root)
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgid "overdue"\nmsgstr ""', 'msgid "overdue"\nmsgstr "期限超過"'),
        encoding="utf-8",
    )
    compile_mo(po, mo)
    assert check(po, mo, root) == []

    _package(tmp_path, '_("overdue")\n_("due soon {days}")\n')
    assert check(po, mo, root) == ["no Japanese for 'due soon {days}' (pkg/mod.py)"]
    update_po(po, root)
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "期限超過"' in text and 'msgid "due soon {days}"' in text
    po.write_text(
        text.replace(
            'msgid "due soon {days}"\nmsgstr ""', 'msgid "due soon {days}"\nmsgstr "間近"'
        ),
        encoding="utf-8",
    )
    problems = check(po, mo, root)
    assert any("placeholders []" in p for p in problems)  # {days} lost in translation
    assert any("stale" in p for p in problems)  # .po edited, .mo not recompiled
    compile_mo(po, mo)
    assert [p for p in check(po, mo, root) if "stale" in p] == []


def test_update_twice_changes_nothing(tmp_path: Path) -> None:
    po = tmp_path / "roadmap.po"
    root = _package(tmp_path, '_("b")\n_("a")\nngettext("{n} x", "{n} xs", 2)\n')
    update_po(po, root)
    first = po.read_bytes()
    update_po(po, root)
    assert po.read_bytes() == first


def test_untranslated_plural_is_left_out_of_the_mo(tmp_path: Path) -> None:
    po, mo = tmp_path / "roadmap.po", tmp_path / "roadmap.mo"
    root = _package(tmp_path, 'ngettext("{n} KPI", "{n} KPIs", 2)\n')
    update_po(po, root)
    compile_mo(po, mo)
    with mo.open("rb") as f:
        catalog = gettext.GNUTranslations(f)
    # An empty translation would show "" in the UI; the English must come through.
    assert catalog.ngettext("{n} KPI", "{n} KPIs", 2) == "{n} KPIs"
