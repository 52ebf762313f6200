"""The command palette (ctrl+p): every action of :data:`ACTIONS` by name, and items by id.

Commands are generated from the same table as the key bindings, so an action cannot
have a key without a palette entry. Typing an item id or title also offers "Go to …".
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from roadmap_tui.i18n import _
from roadmap_tui.ui.actions import ACTIONS, ActionSpec, first_key

if TYPE_CHECKING:
    from roadmap_tui.ui.app import RoadmapApp

#: At most this many items are offered for "Go to" (the folder may hold 100,000).
MAX_ITEM_HITS = 20


class RoadmapCommands(Provider):
    """Actions of the app, and a jump to any item."""

    @property
    def roadmap_app(self) -> RoadmapApp:
        from roadmap_tui.ui.app import RoadmapApp

        assert isinstance(self.app, RoadmapApp)
        return self.app

    def _title(self, spec: ActionSpec) -> str:
        key = first_key(spec)  # "" for a palette-only command
        return f"{_(spec.description)}  [{key}]" if key else _(spec.description)

    async def discover(self) -> Hits:
        for spec in ACTIONS:
            yield DiscoveryHit(
                escape(self._title(spec)),
                partial(self.roadmap_app.run_spec, spec),
                help=_(spec.help),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for spec in ACTIONS:
            title = self._title(spec)
            score = max(matcher.match(title), matcher.match(_(spec.help)) * 0.8)
            if score > 0:
                # escaped: the palette reads titles as markup, and "[/]", "[s]" are tags
                yield Hit(score, matcher.highlight(escape(title)),
                          partial(self.roadmap_app.run_spec, spec), text=title,
                          help=_(spec.help))  # fmt: skip
        async for hit in self._items(query):
            yield hit

    async def _items(self, query: str) -> Hits:
        workspace = self.roadmap_app.workspace
        view = workspace.view
        needle = query.strip().casefold()
        if view is None or len(needle) < 2:
            return
        found = 0
        for item in view.items:
            title = item.title_for(view.lang)
            if needle in item.id.casefold() or needle in title.casefold():
                label = _("Go to {id}  {title}").format(id=item.id, title=title)
                yield Hit(0.5, escape(label), partial(self.roadmap_app.go_to_item, item.id),
                          text=label)  # fmt: skip
                found += 1
                if found >= MAX_ITEM_HITS:
                    return


__all__ = ["RoadmapCommands"]
