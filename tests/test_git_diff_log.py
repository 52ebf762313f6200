"""`roadmap diff`, `roadmap log` and the baseline loader on a real git repository.

The repository is built in a temporary folder from tests/golden/sample with fixed
authors and dates (so commit ids are stable), in five commits:

c1 baseline · c2 review: dates moved, a status change, KPI changes · c3 a file renamed
· c4 an item moved to another file · c5 an item added and one removed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap_tui.cli import main
from roadmap_tui.core import gitrepo
from roadmap_tui.core.compare import compare
from roadmap_tui.core.loader import assemble, load_paths, load_text
from roadmap_tui.core.model import RoadmapFolder
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

SAMPLE = ROOT / "tests" / "golden" / "sample"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("ROADMAP_UPDATE_GOLDEN") == "1"
CITY, EVENTS = "roadmaps/city-dx.toml", "roadmaps/events.toml"


def git(repo: Path, *args: str, when: str = "2026-05-01T10:00:00+09:00") -> str:
    """Run git in ``repo`` with a fixed identity and date, away from the user's config."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Sato Hanako",
        "GIT_AUTHOR_EMAIL": "sato@example.jp",
        "GIT_COMMITTER_NAME": "Sato Hanako",
        "GIT_COMMITTER_EMAIL": "sato@example.jp",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def commit(repo: Path, message: str, tag: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    git(repo, "tag", tag, when=when)


CLOUD = """[[items]]
id = "cloud"
title = "ガバメントクラウド移行"
title_en = "Move to the government cloud"
track = "infra"
start = "R8下期"
end = "R9"
status = "blocked"
depends_on = ["net"]
"""


def build(repo: Path) -> None:
    """The five commits of the module docstring."""
    (repo / "roadmaps").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(SAMPLE / "city-dx.toml", repo / CITY)
    shutil.copy(SAMPLE / "calendar-year.toml", repo / "roadmaps" / "calendar-year.toml")
    commit(repo, "R8 baseline", "c1", "2026-04-10T09:00:00+09:00")
    city = repo / CITY
    edit(
        city,
        'start = "R8"\nend = "R9"\nstatus = "in-progress"',
        'start = "R8"\nend = "R10"\nstatus = "in-progress"',
    )
    edit(
        city,
        'start = "2026-10"\nend = "2026-12-10"\nstatus = "planned"\n',
        'start = "2026-11"\nend = "2027-01-20"\nstatus = "in-progress"\n\n'
        '[[items.history]]\ndate = 2026-11-02\nfrom = "planned"\nstatus = "in-progress"\n'
        'note = "工事開始"\n',
    )
    edit(city, "target = { value = 70,", "target = { value = 75,")
    edit(
        city,
        'date = "R7"\nvalue = 62\n',
        'date = "R7"\nvalue = 62\n\n[[kpis.actuals]]\ndate = "R8"\nvalue = 65\n',
    )
    commit(
        repo, "Q3 review: forms to R10, network works started", "c2", "2026-11-05T17:30:00+09:00"
    )
    git(repo, "mv", "roadmaps/calendar-year.toml", EVENTS)
    commit(repo, "Rename the events roadmap", "c3", "2026-11-10T12:00:00+09:00")
    edit(city, CLOUD + "\n", "")
    events = repo / EVENTS
    moved = CLOUD.replace('track = "infra"', 'track = "main"')
    events.write_text(events.read_text(encoding="utf-8") + "\n" + moved, encoding="utf-8")
    commit(repo, "Cloud move belongs to the events plan", "c4", "2026-11-12T08:15:00+09:00")
    edit(
        city,
        '[[items]]\nid = "legacy.exit"',
        '[[items]]\nid = "portal-v2"\ntitle = "ポータル第2期"\ntrack = "online"\ndate = "R10"\n\n[[items]]\nid = "legacy.exit"',
    )
    text = city.read_text(encoding="utf-8")
    start = text.index('[[items]]\nid = "legacy.exit"')
    end = text.index("[[kpis]]")
    city.write_text(text[:start] + text[end:], encoding="utf-8")
    commit(repo, "Portal phase 2 planned; legacy exit dropped", "c5", "2026-11-20T16:45:00+09:00")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("history") / "repo"
    build(repo)
    return repo


@pytest.fixture
def repo(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the built repository (tests may edit its working tree), as cwd."""
    copy = tmp_path / "repo"
    shutil.copytree(built, copy, symlinks=True)
    monkeypatch.chdir(copy)
    yield copy


def roadmap(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*args, "--lang", "en", "--as-of", "2026-11-22"])
    out, err = capsys.readouterr()
    return code, out, err


def diff_json(capsys: pytest.CaptureFixture[str], *revs: str) -> dict[str, object]:
    code, out, err = roadmap(["diff", *revs, "roadmaps", "--format", "json"], capsys)
    assert code == 0, err
    doc: dict[str, object] = json.loads(out)
    return doc


# ── diff ───────────────────────────────────────────────────────────────────────


def test_diff_dates_statuses_and_kpis(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = diff_json(capsys, "c1", "c2")
    assert doc["added"] == doc["removed"] == doc["renamed_files"] == []
    moves = {m["id"]: m for m in doc["dates_moved"]}  # type: ignore[attr-defined]
    assert moves["forms"]["old_due"] == "2028-03-31" and moves["forms"]["new_due"] == "2029-03-31"
    assert moves["forms"]["slip_days"] == 365 and moves["forms"]["start_shift_days"] == 0
    assert moves["net"]["slip_days"] == 41 and moves["net"]["start_shift_days"] == 31
    assert [m["id"] for m in doc["dates_moved"]] == ["forms", "net"]  # type: ignore[attr-defined]
    assert doc["slip_by_fiscal_year"] == [
        {
            "fiscal_year": 2026,
            "fiscal_year_start_month": 4,
            "total_days": 41,
            "items": 1,
            "later": 1,
            "earlier": 0,
        },
        {
            "fiscal_year": 2027,
            "fiscal_year_start_month": 4,
            "total_days": 365,
            "items": 1,
            "later": 1,
            "earlier": 0,
        },
    ]
    assert doc["total_slip_days"] == 406
    assert doc["status_changes"] == [
        {"id": "net", "from": "planned", "to": "in-progress", "note": "工事開始"}
    ]
    assert doc["kpi_changes"] == [
        {"id": "online-rate", "what": "target", "from": "70", "to": "75", "date": None},
        {"id": "online-rate", "what": "actual", "from": "", "to": "65", "date": "2027-03-31"},
    ]
    assert doc["from"] == {"rev": "c1", "commit": git(repo, "rev-parse", "c1").strip()}


def test_renamed_file_is_matched_by_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = diff_json(capsys, "c2", "c3")
    assert doc["renamed_files"] == [
        {"from": "roadmaps/calendar-year.toml", "to": EVENTS, "items": 2}
    ]
    assert doc["added"] == doc["removed"] == doc["changes"] == doc["dates_moved"] == []


def test_item_moved_to_another_file_is_matched_by_id(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = diff_json(capsys, "c3", "c4")
    assert doc["added"] == doc["removed"] == []
    assert doc["changes"] == [
        {"id": "cloud", "field": "roadmap", "from": "city-dx", "to": "events"},
        {"id": "cloud", "field": "track", "from": "infra", "to": "main"},
        {"id": "cloud", "field": "file", "from": CITY, "to": EVENTS},
    ]


def test_added_and_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = diff_json(capsys, "c4", "c5")
    assert [i["id"] for i in doc["added"]] == ["portal-v2"]  # type: ignore[attr-defined]
    assert [i["id"] for i in doc["removed"]] == ["legacy.exit"]  # type: ignore[attr-defined]


def test_diff_text_golden(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = roadmap(["diff", "c1", "roadmaps"], capsys)
    assert code == 0
    text = re.sub(r"\(([0-9a-f]{7})\)", "(<commit>)", out, count=1)
    golden = GOLDEN / "diff-c1-worktree-en.txt"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_diff_markdown_and_exit_code(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = roadmap(["diff", "c2", "c3", "roadmaps", "--format", "markdown"], capsys)
    assert code == 0
    assert out.startswith("## Changes from c2 (")
    assert "### Moved and renamed" in out
    assert roadmap(["diff", "c2", "c3", "roadmaps", "--exit-code"], capsys)[0] == 1
    assert roadmap(["diff", "c5", "roadmaps", "--exit-code"], capsys)[0] == 0


def test_rev2_defaults_to_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / CITY, 'date = "R10"', 'date = "R11"')  # portal-v2, not committed
    doc = diff_json(capsys, "HEAD")
    assert doc["to"] == {"rev": None, "commit": None}
    assert [(m["id"], m["slip_days"]) for m in doc["dates_moved"]] == [("portal-v2", 365)]  # type: ignore[attr-defined]
    # without PATH: ./roadmaps; a second argument that is a path is a path
    code, out, _ = roadmap(["diff", "HEAD"], capsys)
    assert code == 0 and "portal-v2" in out
    code, out, _ = roadmap(["diff", "HEAD", "c5"], capsys)
    assert code == 0 and "No changes." in out


def test_usage_errors(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = roadmap(["diff", "no-such-rev", "roadmaps"], capsys)
    assert (
        code == 2
        and err == "roadmap: unknown revision: no-such-rev (hint: git log --oneline lists them)\n"
    )
    code, _, err = roadmap(["diff", "c1", "neither"], capsys)
    assert code == 2 and "neither is neither a file or folder nor a git revision" in err


def test_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(SAMPLE, plain / "roadmaps")
    monkeypatch.chdir(plain)
    for args in (["diff", "HEAD"], ["log", "forms"]):
        code, out, err = roadmap(args, capsys)
        assert code == 2 and out == ""
        assert err.startswith("roadmap: not in a git repository: roadmaps")
    with pytest.raises(gitrepo.GitError) as exc:
        gitrepo.load_baseline("HEAD", ["roadmaps"])
    assert exc.value.reason == gitrepo.NOT_A_REPOSITORY


def test_history_is_read_without_touching_the_working_tree_or_index(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / CITY, 'date = "R10"', 'date = "R11"')
    index = repo / ".git" / "index"
    before = (git(repo, "status", "--porcelain"), index.read_bytes(), index.stat().st_mtime_ns)
    files = {p: p.read_bytes() for p in (repo / "roadmaps").iterdir()}
    roadmap(["diff", "c1", "roadmaps"], capsys)
    roadmap(["log", "cloud", "roadmaps"], capsys)
    gitrepo.load_baseline("c1", ["roadmaps"])
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before[1:]
    assert git(repo, "status", "--porcelain") == before[0]
    assert {p: p.read_bytes() for p in (repo / "roadmaps").iterdir()} == files


# ── log ────────────────────────────────────────────────────────────────────────


def log_json(capsys: pytest.CaptureFixture[str], item_id: str) -> dict[str, object]:
    code, out, err = roadmap(["log", item_id, "roadmaps", "--format", "json"], capsys)
    assert code == 0, err
    doc: dict[str, object] = json.loads(out)
    return doc


def subjects(doc: dict[str, object]) -> list[tuple[str, str]]:
    return [(c["subject"], c["file"]) for c in doc["commits"]]  # type: ignore[attr-defined]


def test_log_follows_an_item_moved_to_another_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = log_json(capsys, "cloud")
    assert subjects(doc) == [
        ("Cloud move belongs to the events plan", EVENTS),
        ("R8 baseline", CITY),
    ]
    first = doc["commits"][0]  # type: ignore[index]
    assert first["author"] == "Sato Hanako" and first["email"] == "sato@example.jp"
    assert first["date"] == "2026-11-12T08:15:00+09:00"
    assert doc["uncommitted"] is False


def test_log_follows_a_renamed_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert subjects(log_json(capsys, "expo")) == [("R8 baseline", "roadmaps/calendar-year.toml")]


def test_log_history_entries_and_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = log_json(capsys, "net")
    assert subjects(doc) == [
        ("Q3 review: forms to R10, network works started", CITY),
        ("R8 baseline", CITY),
    ]
    assert doc["history"] == [
        {
            "date": "2026-11-02",
            "from": "planned",
            "status": "in-progress",
            "progress": None,
            "note": "工事開始",
            "author": "",
        }
    ]
    # `portal` sits next to edited items but its own lines never changed
    assert subjects(log_json(capsys, "portal")) == [("R8 baseline", CITY)]


def test_log_text_and_uncommitted_edits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / CITY, 'date = "R10"', 'date = "R11"')
    code, out, _ = roadmap(["log", "portal-v2", "roadmaps"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "portal-v2  ポータル第2期",
        f"  {CITY}:{git_line(repo, 'portal-v2')}  FY2029  planned",
        "",
        "History in the file (0)",
        "  none",
        "",
        "Commits that changed the item (1)",
        "  (uncommitted changes in the working tree)",
        "  2026-11-20 16:45  "
        + git(repo, "rev-parse", "--short=7", "c5").strip()
        + "  Sato Hanako  Portal phase 2 planned; legacy exit dropped",
    ]


def git_line(repo: Path, item_id: str) -> int:
    lines = (repo / CITY).read_text(encoding="utf-8").split("\n")
    return lines.index(f'id = "{item_id}"')  # the [[items]] header is the line before


def test_log_unknown_item(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = roadmap(["log", "clowd", "roadmaps"], capsys)
    assert code == 2 and err == "roadmap: no item with id clowd (hint: did you mean 'cloud'?)\n"


def test_log_of_an_item_never_committed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        repo / EVENTS,
        '[[items]]\nid = "review"',
        '[[items]]\nid = "fresh"\ntitle = "f"\ntrack = "main"\ndate = "R9"\n\n[[items]]\nid = "review"',
    )
    doc = log_json(capsys, "fresh")
    assert doc["commits"] == [] and doc["uncommitted"] is True


# ── baseline ───────────────────────────────────────────────────────────────────


def test_load_baseline_shows_files_under_their_working_tree_paths(repo: Path) -> None:
    baseline = gitrepo.load_baseline("c1", ["roadmaps"])
    now = load_paths(["roadmaps"])
    assert not baseline.problems
    assert {r.path for r in baseline.roadmaps} == {CITY, "roadmaps/calendar-year.toml"}
    old, new = baseline.items_by_id, now.items_by_id
    assert old["forms"].due_day.isoformat() == "2028-03-31"
    assert new["forms"].due_day.isoformat() == "2029-03-31"
    assert old["forms"].location == new["forms"].location  # same file, same line
    assert "portal-v2" not in old and "legacy.exit" in old
    # default paths (./roadmaps), an absolute folder, a single file
    assert {i.id for i in gitrepo.load_baseline("c1").items} == set(old)
    assert {i.id for i in gitrepo.load_baseline("c1", [repo / "roadmaps"]).items} == set(old)
    single = gitrepo.load_baseline("c4", [EVENTS])
    assert [i.id for i in single.items] == ["expo", "review", "cloud"]
    assert gitrepo.load_baseline("c1", [EVENTS]).items == []  # not there yet


def test_load_baseline_unknown_revision(repo: Path) -> None:
    with pytest.raises(gitrepo.GitError) as exc:
        gitrepo.load_baseline("v9.9", ["roadmaps"])
    assert (exc.value.reason, exc.value.detail) == (gitrepo.UNKNOWN_REVISION, "v9.9")
    with pytest.raises(gitrepo.GitError):
        gitrepo.load_baseline("--output=x", ["roadmaps"])  # never read as an option


# ── compare (pure) ─────────────────────────────────────────────────────────────

HEAD = '[roadmap]\nid = "r"\ntitle = "t"\n{cal}\n[[tracks]]\nid = "k"\ntitle = "k"\n'


def folder(items: str, cal: str = "") -> RoadmapFolder:
    text = HEAD.format(cal=cal) + items
    report = load_text(text, "r.toml")
    assert not report.problems, report.problems
    return assemble([report])


def item(id_: str, dates: str, extra: str = "") -> str:
    return f'\n[[items]]\nid = "{id_}"\ntitle = "{id_}"\ntrack = "k"\n{dates}\n{extra}'


def test_slip_follows_the_due_day_at_its_precision() -> None:
    old = folder(item("a", 'start = "R8"\nend = "R8"') + item("b", 'date = "2026-06"'))
    new = folder(item("a", 'start = "R8"\nend = "2026-12"') + item("b", 'date = "2026-06-15"'))
    result = compare(old, new)
    assert [(m.new.id, m.slip_days) for m in result.dates] == [("b", -15), ("a", -90)]
    assert result.total_slip_days == -105
    (fy,) = result.by_fiscal_year
    assert (fy.fiscal_year, fy.total_days, fy.items, fy.earlier) == (2026, -105, 2, 2)


def test_start_moves_are_not_slips_and_calendar_years_group_by_year() -> None:
    cal = "[roadmap.calendar]\nfiscal_year_start_month = 1\n"
    old = folder(item("a", "start = 2026\nend = 2027") + item("b", 'date = "2026-03"'), cal)
    new = folder(item("a", "start = 2025\nend = 2027") + item("b", 'date = "2026-04"'), cal)
    result = compare(old, new)
    moved = {m.new.id: (m.slip_days, m.start_shift_days) for m in result.dates}
    assert moved == {"a": (0, -365), "b": (30, 31)}
    assert [
        (s.fiscal_year, s.fiscal_year_start_month, s.total_days) for s in result.by_fiscal_year
    ] == [(2026, 1, 30)]


def test_identical_folders_compare_equal() -> None:
    text = item("a", 'date = "R8"', 'status = "done"')
    assert not compare(folder(text), folder(text)).changed
