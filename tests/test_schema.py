"""The shipped JSON Schema: our fast validator agrees with the reference implementation."""

from __future__ import annotations

import datetime as _dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from roadmap_tui.core.validate import load_schema, validate
from tests.conftest import ROADMAPS

BUNDLED = sorted(ROADMAPS.glob("*.toml"))


def _as_json(value: Any) -> Any:
    """TOML values as taplo hands them to a JSON Schema validator (dates as strings)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_schema_file_is_the_one_the_roadmaps_point_at() -> None:
    for path in BUNDLED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "#:schema ../roadmap_tui/schema/roadmap.schema.json", path.name
        target = (path.parent / first.split(" ", 1)[1]).resolve()
        assert json.loads(target.read_text(encoding="utf-8")) == load_schema()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_roadmaps_pass_both_validators(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert validate(data) == []
    jsonschema.validate(_as_json(data), load_schema())


BROKEN: list[dict[str, Any]] = [
    {},
    {"roadmap": {"id": "x"}},
    {"roadmap": {"id": "x", "title": "t", "colour": "red"}},
    {"roadmap": {"id": "x", "title": "t", "calendar": {"fiscal_year_start_month": 13}}},
    {"roadmap": {"id": "x y", "title": "t"}},
    {"roadmap": {"id": "x", "title": "t"}, "items": [{"id": "a", "title": "t"}]},
    {
        "roadmap": {"id": "x", "title": "t"},
        "items": [{"id": "a", "title": "t", "track": "k", "progress": 101}],
    },
    {
        "roadmap": {"id": "x", "title": "t"},
        "items": [{"id": "a", "title": "t", "track": "k", "status": "late"}],
    },
    {
        "roadmap": {"id": "x", "title": "t"},
        "items": [{"id": "a", "title": "t", "track": "k", "tags": "one"}],
    },
    {
        "roadmap": {"id": "x", "title": "t"},
        "items": [{"id": "a", "title": "t", "track": "k", "progress": True}],
    },
    {
        "roadmap": {"id": "x", "title": "t"},
        "kpis": [{"id": "k", "title": "t", "target": {"value": 1}}],
    },
    {
        "roadmap": {"id": "x", "title": "t"},
        "kpis": [{"id": "k", "title": "t", "baseline": {"value": "1", "date": "R8"}}],
    },
    {"roadmap": {"id": "x", "title": "t", "source": {"section": "s"}}},
    {"roadmap": {"id": "x", "title": "t"}, "tracks": [{"id": "a", "title": "t", "lane": 1}]},
]


@pytest.mark.parametrize("document", BROKEN, ids=range(len(BROKEN)))
def test_both_validators_reject_the_same_documents(document: dict[str, Any]) -> None:
    ours = validate(document)
    reference = list(jsonschema.Draft202012Validator(load_schema()).iter_errors(document))
    assert ours, "our validator accepted it"
    assert reference, "jsonschema accepted it"
