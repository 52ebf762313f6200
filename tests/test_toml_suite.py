"""The TOML 1.0 compliance suite (read from ../shared/toml-test, never copied)."""

from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path
from typing import Any

import pytest

from roadmap_tui.core.loader import decode, load_file, parse_toml
from tests.conftest import TOML_TEST

pytestmark = pytest.mark.skipif(not TOML_TEST.is_dir(), reason="../shared/toml-test not present")


def _cases(kind: str) -> list[Path]:
    listing = TOML_TEST / "files-toml-1.0.0"
    if not listing.is_file():
        return []
    names = [
        n for n in listing.read_text().split() if n.startswith(f"{kind}/") and n.endswith(".toml")
    ]
    return [TOML_TEST / n for n in names]


INVALID = _cases("invalid")
VALID = _cases("valid")


def test_suite_is_complete() -> None:
    assert len(INVALID) == 499
    assert len(VALID) == 210


@pytest.mark.parametrize("case", INVALID, ids=lambda p: str(p.relative_to(TOML_TEST)))
def test_invalid_case_is_rejected_with_a_located_line(case: Path) -> None:
    report = load_file(case)
    assert report.roadmap is None
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.line >= 1 and problem.col >= 1
    text = str(problem)
    assert text.startswith(f"{case}:{problem.line}:{problem.col}: ")
    assert "\n" not in text
    assert problem.message.startswith(("TOML syntax", "invalid UTF-8", "TOML value"))


def _untag(value: Any) -> Any:
    """toml-test's tagged JSON -> Python values as tomllib returns them."""
    if isinstance(value, list):
        return [_untag(v) for v in value]
    if isinstance(value, dict) and set(value) == {"type", "value"}:
        kind, raw = value["type"], value["value"]
        if kind == "string":
            return raw
        if kind == "integer":
            return int(raw)
        if kind == "float":
            return float(raw.replace("inf", "inf"))
        if kind == "bool":
            return raw == "true"
        if kind == "date-local":
            return _dt.date.fromisoformat(raw)
        if kind == "time-local":
            return _dt.time.fromisoformat(raw)
        if kind in ("datetime-local", "datetime"):
            return _dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T"))
        raise AssertionError(kind)
    if isinstance(value, dict):
        return {k: _untag(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.parametrize("case", VALID, ids=lambda p: str(p.relative_to(TOML_TEST)))
def test_valid_case_parses_to_the_expected_values(case: Path) -> None:
    text, problem = decode(case.read_bytes(), str(case))
    assert problem is None and text is not None
    data, problem = parse_toml(text, str(case))
    assert problem is None, str(problem)
    expected = _untag(json.loads(case.with_suffix(".json").read_text(encoding="utf-8")))
    assert _same(data, expected)
