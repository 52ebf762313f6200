"""Checks that span files: unique ids, dependencies that exist, no cycles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from roadmap_tui.core.errors import Problem
from roadmap_tui.core.model import RoadmapFolder
from roadmap_tui.core.validate import did_you_mean

if TYPE_CHECKING:
    from roadmap_tui.core.loader import FileReport
    from roadmap_tui.core.tomlpos import KeyPath


def _where(report: FileReport | None, keypath: KeyPath) -> tuple[int, int]:
    if report is None or report.text is None:
        return (1, 1)
    return report.index.locate(keypath)


def check_folder(folder: RoadmapFolder, reports: Mapping[str, FileReport]) -> None:
    """Fill the folder's indexes and add a problem for everything that does not fit together."""
    problems = folder.problems

    def add(path: str, keypath: KeyPath, message: str, hint: str | None = None) -> None:
        line, col = _where(reports.get(path), keypath)
        problems.append(Problem(path, line, col, message, hint))

    seen_roadmaps: dict[str, str] = {}
    for roadmap in list(folder.roadmaps):
        first = seen_roadmaps.get(roadmap.id)
        if first is not None:
            add(
                roadmap.path,
                ("roadmap", "id"),
                f"duplicate roadmap id '{roadmap.id}' (first in {first})",
                "give each roadmap file its own id",
            )
        else:
            seen_roadmaps[roadmap.id] = roadmap.path

    # Per item only its file and array index are kept; key paths are built for problems.
    where_item: dict[str, tuple[str, int]] = {}
    kpi_refs: list[tuple[str, KeyPath, tuple[str, ...]]] = []
    by_id = folder.items_by_id
    setdefault = by_id.setdefault
    for roadmap in folder.roadmaps:
        report = reports.get(roadmap.path)
        items = roadmap.items
        indices = report.item_indices if report else []
        if len(indices) < len(items):
            indices = [*indices, *range(len(indices), len(items))]
        path = roadmap.path
        for item, index in zip(items, indices, strict=False):  # padded above
            first_item = setdefault(item.id, item)
            if first_item is not item:
                where = first_item.location or roadmap.path
                add(
                    path,
                    ("items", index, "id"),
                    f"duplicate item id '{item.id}' (first at {where})",
                    "ids must be unique across the whole folder",
                )
                continue
            if item.depends_on:  # only items with dependencies can be reported below
                where_item[item.id] = (path, index)
        for track in roadmap.tracks:
            folder.tracks_by_key[(roadmap.id, track.id)] = track
        kpi_indices = report.kpi_indices if report else []
        for k, kpi in enumerate(roadmap.kpis):
            kpath: KeyPath = ("kpis", kpi_indices[k] if k < len(kpi_indices) else k)
            if kpi.id in folder.kpis_by_id:
                add(roadmap.path, kpath + ("id",), f"duplicate KPI id '{kpi.id}'")
                continue
            folder.kpis_by_id[kpi.id] = kpi
            kpi_refs.append((roadmap.path, kpath, kpi.related))

    ids: list[str] = []

    def suggest(word: str) -> str | None:
        if not ids:  # the id list is built only when a reference is broken
            ids.extend(by_id)
        return did_you_mean(word, ids)

    for path, kpath, related in kpi_refs:
        for j, ref in enumerate(related):
            if ref not in by_id:
                add(
                    path,
                    kpath + ("related", j),
                    f"related item '{ref}' does not exist",
                    suggest(ref),
                )
    # Only items with dependencies matter below: most items have none.
    graph = {i.id: i.depends_on for i in by_id.values() if i.depends_on}
    for item_id, deps in graph.items():
        for j, dep in enumerate(deps):
            if dep not in by_id:
                path, index = where_item[item_id]
                add(
                    path,
                    ("items", index, "depends_on", j),
                    f"depends_on names '{dep}', which does not exist",
                    suggest(dep),
                )
            elif dep == item_id:
                path, index = where_item[item_id]
                add(path, ("items", index, "depends_on", j), f"'{item_id}' depends on itself")
    # An item without dependencies cannot be on a cycle, so the graph leaves it out.
    for cycle in find_cycles(graph):
        path, index = where_item[cycle[0]]
        add(
            path,
            ("items", index, "depends_on"),
            "dependency cycle: " + " -> ".join([*cycle, cycle[0]]),
            "an item cannot (indirectly) depend on itself",
        )


def find_cycles(graph: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Each dependency cycle once (iterative: folders have 100,000 items)."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = dict.fromkeys(graph, WHITE)
    cycles: list[list[str]] = []
    for root in graph:
        if color[root] != WHITE:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        color[root] = GREY
        while stack:
            node, i = stack[-1]
            deps = graph.get(node, ())
            if i < len(deps):
                stack[-1] = (node, i + 1)
                nxt = deps[i]
                if nxt not in color or nxt == node:
                    continue
                if color[nxt] == GREY:
                    cycles.append(path[path.index(nxt) :])
                elif color[nxt] == WHITE:
                    color[nxt] = GREY
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                color[node] = BLACK
                stack.pop()
                path.pop()
    return cycles
