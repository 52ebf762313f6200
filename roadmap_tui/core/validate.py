"""Apply the shipped JSON Schema to parsed TOML, fast, with did-you-mean hints.

Why not the ``jsonschema`` library: ``roadmap check`` must keep up with tomllib
itself (a 100,000-item folder), report the key path of every problem so it can be
located at ``line:col``, and suggest the key the planner meant. So the schema is
compiled once into closures for the subset of JSON Schema it uses (type, enum,
properties, required, additionalProperties, items, minimum/maximum,
exclusiveMinimum, pattern, maxLength, anyOf, $ref). The test suite checks that
the real ``jsonschema`` validator agrees on the bundled roadmaps.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from roadmap_tui.core.tomlpos import KeyPath


class Finding(NamedTuple):
    """One place where a document breaks the schema."""

    path: KeyPath
    message: str
    hint: str | None
    #: the key itself is wrong (unknown, missing): point at the key, not at its value
    at_key: bool = False


SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
Check = Callable[[Any, KeyPath, list[Finding]], None]
#: a quick test that never builds key paths: truthy means the full check finds nothing
Accept = Callable[[Any], object]
#: (the exact Python types that can pass, a further test or None)
Spec = tuple[frozenset[type], Accept | None]
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str, _dt.date),  # a TOML date stands where the schema says string
    "integer": (int,),  # exact types: bool is not an integer in TOML
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}

_TOML_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    list: "an array",
    dict: "a table",
    _dt.date: "a date",
    _dt.datetime: "a date-time",
    _dt.time: "a time",
}


def describe(value: object) -> str:
    """What a TOML value is, in words: "a string", "a table" …"""
    return _TOML_TYPE_NAMES.get(type(value), type(value).__name__)


def _is_type(value: object, name: str) -> bool:
    # bool is an int in Python but not in TOML or JSON Schema.
    if name == "string":
        # A TOML date stands where the schema says string (as taplo sees it).
        return isinstance(value, str) or type(value) is _dt.date
    if name == "integer":
        return type(value) is int
    if name == "number":
        return type(value) in (int, float)
    if name == "boolean":
        return type(value) is bool
    if name == "array":
        return type(value) is list
    if name == "object":
        return type(value) is dict
    return False


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true/false",
    "array": "an array",
    "object": "a table",
}


def _name(path: KeyPath) -> str:
    """``"owner: "`` or ``"tags[2]: "``: which value a message is about, read without
    the editor (CI logs, the errors panel)."""
    index = ""
    while path and isinstance(path[-1], int):
        index = f"[{path[-1]}]" + index
        path = path[:-1]
    return f"{path[-1]}{index}: " if path else ""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    # Short ids ("dx" for "dz") differ by one letter in half their length.
    cutoff = 0.5 if len(word) <= 4 else 0.6
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else None


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}
        self.specs: dict[str, Spec] = {}

    def ref(self, pointer: str) -> Check:
        if pointer not in self.refs:
            # Placeholder so recursive refs terminate; filled in below.
            holder: list[Check] = []
            self.refs[pointer] = lambda v, p, out: holder[0](v, p, out)
            node: Any = self.root
            for part in pointer.lstrip("#/").split("/"):
                node = node[part]
            holder.append(self.compile(node))
        return self.refs[pointer]

    def types_of(self, node: dict[str, Any]) -> list[str] | None:
        while "$ref" in node:
            target: Any = self.root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        types = node.get("type")
        if types is None:
            return None
        return [types] if isinstance(types, str) else list(types)

    def compile(self, node: dict[str, Any]) -> Check:  # noqa: C901 - one branch per keyword
        if "$ref" in node:
            return self.ref(node["$ref"])
        checks: list[Check] = []
        if "anyOf" in node:
            options = [self.compile(o) for o in node["anyOf"]]
            option_types = [self.types_of(o) for o in node["anyOf"]]

            def any_of(v: Any, p: KeyPath, out: list[Finding]) -> None:
                best: list[Finding] | None = None
                # Judge a value by the option of its own type: a table with a typo
                # gets "unknown key", not "expected a string".
                same_type = [
                    opt
                    for opt, types in zip(options, option_types, strict=True)
                    if types is None or any(_is_type(v, t) for t in types)
                ]
                for option in same_type or options:
                    found: list[Finding] = []
                    option(v, p, found)
                    if not found:
                        return
                    if best is None or len(found) < len(best):
                        best = found
                out.extend(best or [])

            return any_of
        types = node.get("type")
        if types is not None:
            names = [types] if isinstance(types, str) else list(types)
            words = " or ".join(_TYPE_WORDS[n] for n in names)

            def type_check(v: Any, p: KeyPath, out: list[Finding]) -> bool:
                if any(_is_type(v, n) for n in names):
                    return True
                out.append(Finding(p, f"{_name(p)}expected {words}, found {describe(v)}", None))
                return False
        else:
            type_check = None  # type: ignore[assignment]
        if "enum" in node:
            allowed = tuple(node["enum"])
            listing = ", ".join(str(a) for a in allowed)

            def enum(v: Any, p: KeyPath, out: list[Finding]) -> None:
                if v not in allowed:
                    hint = (
                        did_you_mean(str(v), [str(a) for a in allowed])
                        if isinstance(v, str)
                        else None
                    )
                    out.append(Finding(p, f"{_name(p)}'{v}' is not one of: {listing}", hint))

            checks.append(enum)
        lo, hi, xlo = node.get("minimum"), node.get("maximum"), node.get("exclusiveMinimum")
        if lo is not None or hi is not None or xlo is not None:

            def bounds(v: Any, p: KeyPath, out: list[Finding]) -> None:
                if not isinstance(v, int | float) or isinstance(v, bool):
                    return
                if lo is not None and v < lo or hi is not None and v > hi:
                    rng = f"{lo if lo is not None else '…'}..{hi if hi is not None else '…'}"
                    out.append(Finding(p, f"{_name(p)}{v} is out of range {rng}", None))
                elif xlo is not None and v <= xlo:
                    out.append(Finding(p, f"{_name(p)}{v} must be greater than {xlo}", None))

            checks.append(bounds)
        if "pattern" in node or "maxLength" in node:
            rx = re.compile(node["pattern"]) if "pattern" in node else None
            maxlen = node.get("maxLength")

            def string(v: Any, p: KeyPath, out: list[Finding]) -> None:
                if not isinstance(v, str):
                    return
                if maxlen is not None and len(v) > maxlen:
                    out.append(Finding(p, f"{_name(p)}longer than {maxlen} characters", None))
                elif rx is not None and not rx.search(v):
                    out.append(
                        Finding(
                            p,
                            f"{_name(p)}'{v}' is not a valid id",
                            "use letters, digits, '.', '_' and '-'",
                        )
                    )

            checks.append(string)
        if "items" in node:
            each = self.compile(node["items"])
            each_types, each_ok = self.spec(node["items"])

            def items(v: Any, p: KeyPath, out: list[Finding]) -> None:
                if type(v) is list:
                    for i, element in enumerate(v):
                        if type(element) in each_types and (each_ok is None or each_ok(element)):
                            continue  # clean: no key path built, no closures run
                        each(element, p + (i,), out)

            checks.append(items)
        if "properties" in node or "required" in node:
            props = {k: self.compile(s) for k, s in node.get("properties", {}).items()}
            specs = {k: self.spec(s) for k, s in node.get("properties", {}).items()}
            known = tuple(props)
            required = tuple(node.get("required", ()))
            closed = node.get("additionalProperties", True) is False

            def obj(v: Any, p: KeyPath, out: list[Finding]) -> None:
                if type(v) is not dict:
                    return
                for key in required:
                    if key not in v:
                        out.append(Finding(p, f"missing required key '{key}'", None, at_key=True))
                for key, value in v.items():
                    spec = specs.get(key)
                    if (
                        spec is not None
                        and type(value) in spec[0]
                        and (spec[1] is None or spec[1](value))
                    ):
                        continue  # clean: no key path built
                    check = props.get(key)
                    if check is not None:
                        check(value, p + (key,), out)
                    elif closed:
                        out.append(
                            Finding(
                                p + (key,), f"unknown key '{key}'", did_you_mean(key, known), True
                            )
                        )

            checks.append(obj)

        def run(v: Any, p: KeyPath, out: list[Finding]) -> None:
            if type_check is not None and not type_check(v, p, out):
                return
            for check in checks:
                check(v, p, out)

        return run

    def spec(self, node: dict[str, Any]) -> Spec:  # noqa: C901 - one branch per keyword
        """The fast path of ``node``: a value of one of the types that passes the test is
        certainly clean. Anything else goes through the full check, which says why."""
        if "$ref" in node:
            pointer = node["$ref"]
            if pointer not in self.specs:
                self.specs[pointer] = (frozenset(), None)  # a recursive ref: always full check
                target: Any = self.root
                for part in pointer.lstrip("#/").split("/"):
                    target = target[part]
                self.specs[pointer] = self.spec(target)
            return self.specs[pointer]
        if "anyOf" in node:
            options = [self.spec(o) for o in node["anyOf"]]

            def any_ok(v: Any) -> bool:
                return any(type(v) in t and (ok is None or ok(v)) for t, ok in options)

            return frozenset().union(*(t for t, _ in options)), any_ok
        names = node.get("type")
        if names is None:
            return frozenset(), None
        names = [names] if isinstance(names, str) else names
        types = frozenset(t for name in names for t in _PY_TYPES[name])
        tests: list[Accept] = []
        if "enum" in node:
            if all(isinstance(a, str | int | float | bool) for a in node["enum"]):
                tests.append(frozenset(node["enum"]).__contains__)  # a C call, no frame
            else:
                allowed = tuple(node["enum"])
                tests.append(lambda v: v in allowed)
        lo, hi, xlo = node.get("minimum"), node.get("maximum"), node.get("exclusiveMinimum")
        if lo is not None or hi is not None or xlo is not None:
            tests.append(
                lambda v: (
                    type(v) not in (int, float)
                    or (lo is None or v >= lo)
                    and (hi is None or v <= hi)
                    and (xlo is None or v > xlo)
                )
            )
        if "pattern" in node or "maxLength" in node:
            # Only a str takes the fast path (a TOML date here goes the full way).
            types = types & {str}
            pattern, most = node.get("pattern", ""), node.get("maxLength")
            if most is not None and re.fullmatch(r"\^[^|]*\$", pattern):
                # An anchored id pattern and its length limit as one regex: a C call
                # per key instead of a Python function (ids are checked 100,000 times).
                both = re.compile(rf"^(?=[\s\S]{{0,{most}}}\Z)(?:{pattern[1:-1]})$")
                tests.append(both.match)
            else:
                search, limit = re.compile(pattern).search, 2**63 if most is None else most
                tests.append(lambda v: len(v) <= limit and search(v) is not None)
        if "items" in node:
            each_types, each_ok = self.spec(node["items"])

            def items_ok(v: Any) -> bool:
                if type(v) is list:
                    for element in v:
                        if type(element) not in each_types:
                            return False
                        if each_ok is not None and not each_ok(element):
                            return False
                return True

            tests.append(items_ok)
        if "properties" in node or "required" in node:
            specs = {k: self.spec(s) for k, s in node.get("properties", {}).items()}
            required = tuple(node.get("required", ()))
            closed = node.get("additionalProperties", True) is False

            def obj_ok(v: Any) -> bool:
                if type(v) is not dict:
                    return True
                for key in required:
                    if key not in v:
                        return False
                for key, value in v.items():
                    spec = specs.get(key)
                    if spec is None:
                        if closed:
                            return False
                        continue
                    types, test = spec
                    if type(value) not in types or test is not None and not test(value):
                        return False
                return True

            tests.append(obj_ok)
        if not tests:
            return types, None
        if len(tests) == 1:
            return types, tests[0]
        return types, lambda v: all(test(v) for test in tests)


def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package.

    Read by path next to this package (as the loader finds the bundled roadmaps):
    importlib.resources costs more to import than ``roadmap check`` spends on a file.
    """
    text = (SCHEMA_DIR / "roadmap.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Check:
    schema = load_schema()
    return _Compiler(schema).compile(schema)


def validate(document: dict[str, Any]) -> list[Finding]:
    """Every place where ``document`` breaks the schema, in document order."""
    out: list[Finding] = []
    _validator()(document, (), out)
    return out
