"""CSV, Mermaid, iCalendar and Markdown exports: golden files, and each parsed back.

Golden files live in tests/golden/ and are rewritten only on an intended change:
``ROADMAP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_exports.py`` (then read
the diff). The input is tests/golden/sample/, whose titles hold the characters that
break each format.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import re
from pathlib import Path

import icalendar
import pytest

from roadmap_tui.cli import main
from roadmap_tui.core.loader import load_paths
from roadmap_tui.core.model import Kind, RoadmapFolder, Status
from roadmap_tui.core.schedule import folder_flags
from roadmap_tui.exports import csvfmt, ics, markdown, mermaid, render
from roadmap_tui.exports.jsonfmt import document
from tests.conftest import AS_OF, ROADMAPS, ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("ROADMAP_UPDATE_GOLDEN") == "1"


@pytest.fixture
def sample(monkeypatch: pytest.MonkeyPatch) -> RoadmapFolder:
    """The golden sample, loaded from tests/golden so paths read ``sample/…``."""
    monkeypatch.chdir(GOLDEN)
    folder = load_paths(["sample"])
    assert not folder.problems
    return folder


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file (see module docstring)"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("csv", "export-en.csv"),
        ("mermaid", "export-en.mmd"),
        ("ics", "export-en.ics"),
        ("markdown", "export-en.md"),
    ],
)
def test_export_matches_golden(sample: RoadmapFolder, fmt: str, name: str) -> None:
    check_golden(name, render(fmt, sample, AS_OF, "en"))


# ── Mermaid: every line is one of the forms of Mermaid's gantt grammar ──────────

_DAY = r"\d{4}-\d\d-\d\d"
#: One strict pattern per line kind, mirroring the lexer of Mermaid's gantt.jison:
#: title/axisFormat end at '#' or ';'; section text also at ':'; task text at ':'.
LINE_FORMS = {
    "init": re.compile(r'%%\{init: \{"gantt": \{"leftPadding": \d+\}\}\}%%'),
    "gantt": re.compile(r"gantt"),
    "title": re.compile(r"    title [^#;\n]+"),
    "dateFormat": re.compile(r"    dateFormat YYYY-MM-DD"),
    "axisFormat": re.compile(r"    axisFormat %Y-%m"),
    "inclusiveEndDates": re.compile(r"    inclusiveEndDates"),
    "comment": re.compile(r"    %% (?!\{)[^\n]*"),
    "section": re.compile(r"    section [^#:;\n%]+"),
    "task": re.compile(
        r"    (?P<text>[^#:;\n%\s][^#:;\n%]*) "
        r":(?P<tags>(?:(?:active|done|crit|milestone), )*)"
        rf"(?P<id>[A-Za-z0-9._-]+), (?P<start>{_DAY}), (?P<end>{_DAY}|0d)"
    ),
}
_ENTITY = re.compile(r"#(\d+);")
#: Mermaid's encodeEntities, which runs before the gantt lexer (JavaScript's \w is ASCII).
_ENTITY_CODE = re.compile(r"#([A-Za-z0-9_]+);")
_PLACEHOLDER = re.compile(r"ﬂ°°(\d+)¶ß")


def encode_entities(line: str) -> str:
    """The line as Mermaid's lexer sees it: entity codes replaced by placeholders."""

    def code(m: re.Match[str]) -> str:
        inner = m.group(1)
        return ("ﬂ°°" if inner.isdigit() else "ﬂ°") + inner + "¶ß"

    return _ENTITY_CODE.sub(code, line)


def decode(text: str) -> str:
    """What Mermaid shows for a lexed text (placeholders back into characters)."""
    return _PLACEHOLDER.sub(lambda m: chr(int(m.group(1))), text)


def classify(line: str) -> tuple[str, re.Match[str]]:
    lexed = encode_entities(line)
    for kind, pattern in LINE_FORMS.items():
        match = pattern.fullmatch(lexed)
        if match:
            return kind, match
    raise AssertionError(f"not a Mermaid gantt line form: {line!r} (lexed: {lexed!r})")


def check_mermaid(text: str, folder: RoadmapFolder, lang: str) -> None:
    lines = text.splitlines()
    kinds = [classify(line)[0] for line in lines]
    assert kinds[:6] == ["init", "gantt", "title", "dateFormat", "axisFormat", "inclusiveEndDates"]
    flags = folder_flags(folder, AS_OF)
    items = {i.id: i for i in folder.items}
    seen: list[str] = []
    for line in lines:
        kind, match = classify(line)
        if kind != "task":
            continue
        text_part = match["text"]
        lowered = decode(text_part).lower()
        assert not text_part.lower().startswith(mermaid.KEYWORDS), line
        assert not re.match(_DAY, text_part), line
        seen.append(match["id"])
        item = items[match["id"].rstrip("_")]
        tags = match["tags"].split(", ")[:-1]
        assert ("milestone" in tags) == (item.kind is Kind.MILESTONE)
        assert ("crit" in tags) == flags[item.id].overdue
        assert ("active" in tags) == (item.status is Status.IN_PROGRESS)
        assert ("done" in tags) == item.status.closed
        if item.kind is Kind.MILESTONE:
            assert (match["start"], match["end"]) == (item.due_day.isoformat(), "0d")
        else:
            assert match["start"] == item.start_day.isoformat()
            assert match["end"] == item.due_day.isoformat()
        title = " ".join((item.title_for(lang) or item.id).split()).lower()
        assert lowered.endswith(title), (lowered, title)  # lossless, after a status marker
    assert len(seen) == len(set(seen)) == len(folder.items)


def test_mermaid_sample_lines_follow_the_grammar(sample: RoadmapFolder) -> None:
    for lang in ("en", "ja"):
        check_mermaid(mermaid.render(sample, AS_OF, lang), sample, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mermaid_bundled_roadmaps_follow_the_grammar(lang: str) -> None:
    folder = load_paths([ROADMAPS])
    check_mermaid(mermaid.render(folder, AS_OF, lang), folder, lang)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Phase 1: design", "Phase 1#58; design"),
        ("#2; 50%", "#35;2#59; 50#37;"),
        ("Title page", "#84;itle page"),
        ("click here", "#99;lick here"),
        ("CALL centre", "#67;ALL centre"),
        ("2026-04-01 launch", "#50;026-04-01 launch"),
        ("line one\nline two\r\n", "line one line two"),
        ("申請ポータル", "申請ポータル"),
        ("Titles", "#84;itles"),  # the lexer matches the keyword's letters, not a word
    ],
)
def test_mermaid_escape(raw: str, shown: str) -> None:
    assert mermaid.escape(raw) == shown
    assert decode(encode_entities(mermaid.escape(raw))) == " ".join(raw.split())


def test_mermaid_task_ids_never_read_as_tags() -> None:
    taken: set[str] = set()
    assert [mermaid.task_id(i, taken) for i in ("done", "done_", "crit", "a")] == [
        "done_",
        "done__",
        "crit_",
        "a",
    ]


# ── iCalendar ──────────────────────────────────────────────────────────────────


def test_ics_parses_back_with_stable_uids(sample: RoadmapFolder) -> None:
    first = icalendar.Calendar.from_ical(ics.render(sample, AS_OF, "en"))
    later = icalendar.Calendar.from_ical(ics.render(sample, _dt.date(2027, 1, 5), "ja"))
    events = list(first.walk("VEVENT"))
    assert len(events) == len(sample.items)
    uids = [str(e["UID"]) for e in events]
    assert uids == [f"{i.id}@roadmap-tui" for r in sample.roadmaps for i in r.items]
    assert [str(e["UID"]) for e in later.walk("VEVENT")] == uids
    stamps = [
        (e.decoded("DTSTAMP"), f.decoded("DTSTAMP"))
        for e, f in zip(events, later.walk("VEVENT"), strict=True)
    ]
    assert all(a < b for a, b in stamps)  # a later export supersedes the earlier one
    by_uid = {str(e["UID"]): e for e in events}
    for item in sample.items:
        event = by_uid[f"{item.id}@roadmap-tui"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is _dt.date and type(end) is _dt.date  # all-day
        assert end == item.due_day + _dt.timedelta(days=1)  # exclusive end
        first_day = item.due_day if item.kind is Kind.MILESTONE else item.start_day
        assert start == first_day
        assert str(event["TRANSP"]) == "TRANSPARENT"
    forms = by_uid["forms@roadmap-tui"]
    assert str(forms["SUMMARY"]) == "▶ click here: 50% fewer paper forms | phase 1"
    assert [str(c) for c in forms["CATEGORIES"].cats] == ["online", "kpi"]
    description = str(forms["DESCRIPTION"])
    assert (
        "plan.pdf › 工程表①" in description and "Line one.\nLine two, with a comma;" in description
    )
    assert str(by_uid["done@roadmap-tui"]["SUMMARY"]).startswith("⚠ ")
    assert str(by_uid["legacy.exit@roadmap-tui"]["STATUS"]) == "CANCELLED"


def test_ics_of_the_bundled_roadmaps_parses() -> None:
    folder = load_paths([ROADMAPS])
    cal = icalendar.Calendar.from_ical(ics.render(folder, AS_OF, "ja"))
    assert len(list(cal.walk("VEVENT"))) == len(folder.items)


# ── CSV ────────────────────────────────────────────────────────────────────────


def _as_cells(record: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in record.items():
        if key == "source":
            source = value if isinstance(value, dict) else {}
            for name in csvfmt.SOURCE_FIELDS:
                out[name] = str(source.get(name.removeprefix("source_"), "") or "")
        elif value is None:
            out[key] = ""
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list):
            out[key] = "; ".join(map(str, value))
        else:
            out[key] = str(value)
    return out


def test_csv_parses_back_to_the_json_item_fields(sample: RoadmapFolder) -> None:
    text = csvfmt.render(sample, AS_OF, "en")
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [_as_cells(r) for r in document(sample, AS_OF)["items"]]
    assert len(rows) == len(expected) == len(sample.items)
    for row, record in zip(rows, expected, strict=True):
        for key, value in record.items():
            shown = row[key]
            if shown.startswith("'") and value[:1] in "=+-@":
                shown = shown[1:]  # the formula guard, and nothing else, differs
            assert shown == value, (record["id"], key)
    done = next(r for r in rows if r["id"] == "done")
    assert done["title"].startswith("'=SUM")
    assert done["days_to_due"] == "-236"  # numbers are never guarded


def test_export_bom_for_excel(tmp_path: Path, sample: RoadmapFolder) -> None:
    out = tmp_path / "items.csv"
    args = ["export", "--format", "csv", "--bom", "--as-of", "2026-11-22", "-o", str(out)]
    assert main([*args, "sample"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,roadmap,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0]["id"] == "expo"


# ── Markdown ───────────────────────────────────────────────────────────────────

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_tables_stay_tables_and_overdue_comes_first(sample: RoadmapFolder) -> None:
    text = markdown.render(sample, AS_OF, "en")
    lines = text.splitlines()
    assert lines[0] == "# Roadmap report (as of 2026-11-22)"
    width = 0
    for line in lines:
        if line.startswith("|"):
            cells = len(_UNESCAPED_PIPE.findall(line))
            if line.startswith("| ---") or line.startswith("| ---:"):
                assert cells == width
            width = cells
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[:3] == ["## Overdue (1)", "## Due soon (2)", "## Blocked (1)"]
    assert "50% fewer paper forms \\| phase 1" in text
    assert headings[3:] == ["## Events", "## City DX roadmap FY2026–FY2027"]


def test_markdown_japanese_uses_wareki_dates(sample: RoadmapFolder) -> None:
    text = markdown.render(sample, AS_OF, "ja")
    assert "令和8年度 – 令和9年度" in text  # forms: R8..R9
    assert "2026-03-31" in text  # due days stay ISO


def test_attention_order_is_shared_with_overdue(sample: RoadmapFolder) -> None:
    rows = markdown.attention(sample, AS_OF)
    assert [(a.category, a.item.id) for a in rows] == [
        ("overdue", "done"),
        ("due-soon", "review"),
        ("due-soon", "net"),
        ("blocked", "cloud"),
    ]


def test_every_format_renders_the_bundled_roadmaps_in_both_languages() -> None:
    folder = load_paths([ROADMAPS])
    for fmt in ("csv", "mermaid", "ics", "markdown"):
        for lang in ("ja", "en"):
            assert render(fmt, folder, AS_OF, lang).strip()
    assert json.loads(render("json", folder, AS_OF))["items"]
