"""The translation catalog workflow: ``just i18n`` (= ``python -m roadmap_tui.i18n_tools``).

1. **extract**: every ``_("…")``, ``N_("…")``, ``translate("…", …)`` and
   ``ngettext("…", "…", n)`` call with literal strings in ``roadmap_tui/**/*.py`` is
   found with :mod:`ast` (exact: no regex guesses about quotes or nesting) and merged
   into ``locale/ja/LC_MESSAGES/roadmap.po``. Existing translations are kept; strings
   no longer in the code are dropped; new ones arrive with an empty ``msgstr``.
2. **compile**: the ``.po`` becomes the ``.mo`` the runtime reads with the standard
   library's :mod:`gettext`. The ``.mo`` is committed because ``pip install -e .``
   runs no build step and the package must work straight from a clone.
3. **check** (also run by ``tests/test_i18n.py``): fails while a string lacks Japanese,
   a translation changes the ``{placeholders}``, or the ``.mo`` is older than the ``.po``.

Babel (a development and test dependency only) reads and writes the catalogs; the
app itself never imports this module.
"""

from __future__ import annotations

import argparse
import ast
import datetime as _dt
import gettext
import io
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

PACKAGE: Final = Path(__file__).resolve().parent
LOCALE_DIR: Final = PACKAGE / "locale"
LANG: Final = "ja"
PO_PATH: Final = LOCALE_DIR / LANG / "LC_MESSAGES" / "roadmap.po"
MO_PATH: Final = PO_PATH.with_suffix(".mo")
FIX_COMMAND: Final = "just i18n"
#: Calls whose first argument (and second, for ngettext) is a catalog string.
SINGULAR_CALLS: Final = frozenset({"_", "N_", "translate"})
PLURAL_CALLS: Final = frozenset({"ngettext"})
#: Fixed so re-running the tool on unchanged code leaves the catalog byte-identical.
CREATED: Final = _dt.datetime(2026, 11, 22, tzinfo=_dt.UTC)
HEADER: Final = (
    "# Japanese translations of roadmap-tui (the source strings are English).\n"
    "# Update with `just i18n` (roadmap_tui/i18n_tools.py): it adds new strings with an\n"
    "# empty msgstr, keeps existing translations and recompiles roadmap.mo.\n"
    "#"
)


@dataclass(slots=True)
class Extracted:
    """A catalog string found in the code, and every file that uses it."""

    msgid: str
    plural: str | None = None
    files: set[str] = field(default_factory=set)

    @property
    def key(self) -> str | tuple[str, str]:
        return self.msgid if self.plural is None else (self.msgid, self.plural)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_source(source: str, filename: str) -> tuple[list[Extracted], list[str]]:
    """Catalog strings in one module's source, and problems (f-strings inside ``_()``)."""
    found: list[Extracted] = []
    problems: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        if name not in SINGULAR_CALLS and name not in PLURAL_CALLS:
            continue
        first = node.args[0]
        if isinstance(first, ast.JoinedStr):
            problems.append(
                f"{filename}:{node.lineno}:{node.col_offset + 1}: f-string inside {name}() cannot "
                "be translated (hint: _('… {name} …').format(name=…))"
            )
            continue
        msgid = _literal(first)
        if msgid is None:
            continue  # a variable: its text is marked elsewhere (N_)
        if name in PLURAL_CALLS:
            plural = _literal(node.args[1]) if len(node.args) > 1 else None
            if plural is None:
                continue
            found.append(Extracted(msgid, plural, {filename}))
        else:
            found.append(Extracted(msgid, None, {filename}))
    return found, problems


def extract(root: Path = PACKAGE) -> tuple[dict[str | tuple[str, str], Extracted], list[str]]:
    """Every catalog string under ``root`` (keyed by msgid) and the problems found."""
    merged: dict[str | tuple[str, str], Extracted] = {}
    problems: list[str] = []
    base = root.parent
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(base).as_posix()
        found, bad = extract_source(path.read_text(encoding="utf-8"), name)
        problems.extend(bad)
        for entry in found:
            merged.setdefault(entry.key, Extracted(entry.msgid, entry.plural)).files |= entry.files
    return merged, problems


def _template(messages: dict[str | tuple[str, str], Extracted]):  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog

    template = Catalog(locale=LANG, domain="roadmap", project="roadmap-tui", creation_date=CREATED)
    for entry in messages.values():
        template.add(entry.key, locations=[(f, 0) for f in sorted(entry.files)])
    return template


def update_po(po_path: Path = PO_PATH, root: Path = PACKAGE) -> list[str]:
    """Merge the strings of the code into the ``.po`` (translations kept); returns problems."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    messages, problems = extract(root)
    if po_path.exists():
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=LANG, domain="roadmap")
    else:
        catalog = Catalog(
            locale=LANG,
            domain="roadmap",
            project="roadmap-tui",
            creation_date=CREATED,
            header_comment=HEADER,
            last_translator="roadmap-tui developers",
            language_team="Japanese",
        )
    catalog.update(_template(messages), no_fuzzy_matching=True, update_creation_date=False)
    catalog.fuzzy = False
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False
    )
    po_path.parent.mkdir(parents=True, exist_ok=True)
    if not po_path.exists() or po_path.read_bytes() != buffer.getvalue():
        po_path.write_bytes(buffer.getvalue())
    return problems


def compile_mo(po_path: Path = PO_PATH, mo_path: Path = MO_PATH) -> None:
    """Compile the ``.po`` into the ``.mo`` the runtime reads (untranslated strings left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        catalog = read_po(f, locale=LANG, domain="roadmap")
    # Babel compiles a plural entry whose msgstr[] are empty (a non-empty tuple), and
    # gettext would then show "" instead of the English: leave such entries out.
    for message in list(catalog):
        if isinstance(message.string, tuple | list) and not all(message.string):
            del catalog[message.id]
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    if not mo_path.exists() or mo_path.read_bytes() != buffer.getvalue():
        mo_path.write_bytes(buffer.getvalue())


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _expected_mo(po_path: Path) -> dict[object, str]:
    """What gettext should find in the ``.mo`` compiled from ``po_path``."""
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        catalog = read_po(f, locale=LANG, domain="roadmap")
    expected: dict[object, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple | list):
            strings = message.string if isinstance(message.string, tuple | list) else ()
            if all(strings):
                for i, text in enumerate(strings):
                    expected[(message.id[0], i)] = text
        elif isinstance(message.string, str):
            expected[message.id] = message.string
    return expected


def check(po_path: Path = PO_PATH, mo_path: Path = MO_PATH, root: Path = PACKAGE) -> list[str]:
    """Every reason the Japanese catalog is not complete and compiled; empty when it is."""
    from babel.messages.pofile import read_po

    messages, problems = extract(root)
    if not po_path.exists():
        return [*problems, f"{po_path} does not exist"]
    with po_path.open("rb") as f:
        catalog = read_po(f, locale=LANG, domain="roadmap")
    for key, entry in sorted(messages.items(), key=lambda kv: str(kv[0])):
        where = ", ".join(sorted(entry.files))
        message = catalog.get(key)
        strings: list[str] = []
        if message is not None and not message.fuzzy:
            raw = message.string
            strings = [s or "" for s in raw] if isinstance(raw, tuple | list) else [raw or ""]
        if message is None or not strings or not all(strings):
            problems.append(f"no Japanese for {key!r} ({where})")
            continue
        wanted = _fields(entry.msgid) | _fields(entry.plural or "")
        for text in strings:
            if _fields(text) != wanted:
                problems.append(
                    f"Japanese for {key!r} has placeholders {sorted(_fields(text))}, "
                    f"the English {sorted(wanted)} ({where})"
                )
    if not mo_path.exists():
        problems.append(f"{mo_path} does not exist (it is compiled from the .po)")
    else:
        with mo_path.open("rb") as f:
            compiled = gettext.GNUTranslations(f)
        found = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
        if found != _expected_mo(po_path):
            problems.append(f"{mo_path.name} is stale: it does not match {po_path.name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``extract`` + ``compile`` (default), or ``check``; lists what still needs Japanese."""
    parser = argparse.ArgumentParser(prog="python -m roadmap_tui.i18n_tools")
    parser.add_argument("action", nargs="?", choices=["update", "check"], default="update")
    args = parser.parse_args(argv)
    if args.action == "update":
        for problem in update_po():
            print(problem, file=sys.stderr)
        compile_mo()
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problems: fill in the empty msgstr entries of {PO_PATH} "
            f"and run `{FIX_COMMAND}` again",
            file=sys.stderr,
        )
        return 1
    print(f"{PO_PATH.name}: every string has Japanese; {MO_PATH.name} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
