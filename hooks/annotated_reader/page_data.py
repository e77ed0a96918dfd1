"""What the templates add around a rendered page: its hover-card data and its "in this article" panel.

Card data holds only the entities the page mentions and is inlined in the page, so cards
work offline and a page's size does not grow with the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .catalog import Catalog
from .escape import script_json

_DATA_ENTITY = re.compile(r'data-entity="([a-z0-9-]+)"')
_MENTION = re.compile(r'<(a|span) class="ar-mention[^"]*"[^>]*>([^<]*)</\1>')
_NUMBER = re.compile(r'<a class="ar-pnum[^"]*"[^>]*>[^<]*</a> ?')
_PANEL = re.compile(r'<nav\b[^>]*\bar-in-this-article\b.*?</nav>', re.DOTALL)


def entities_in(html: str) -> list[str]:
    """Ids of the entities a rendered page marks, in first-seen order."""
    return list(dict.fromkeys(_DATA_ENTITY.findall(html)))


def cards_json(entity_ids: list[str], catalog: Catalog, url_for: Callable[[str], str]) -> str:
    """JSON for the page's cards; ``url_for`` maps a docs path to its site-root-relative URL."""
    cards = {}
    for entity_id in entity_ids:
        if entity_id not in catalog.entities:
            continue
        entity = catalog[entity_id]
        cards[entity_id] = {
            "name": entity.name,
            "type": entity.type,
            "typeLabel": entity.type_label,
            "arabic": entity.arabic,
            "summary": entity.summary,
            "url": url_for(entity.src_uri),
        }
    return script_json(cards)


def take_panel(html: str) -> tuple[str, str | None]:
    """(the page without its "in this article" panel, the panel): rendered and link-checked with the
    page, the panel is shown once, beside the text, by the template."""
    match = _PANEL.search(html)
    if not match:
        return html, None
    return html[:match.start()] + html[match.end():], match.group(0)


def search_view(html: str) -> str:
    """The page as the search indexer needs it: the same text without the mention and paragraph-number
    markup, which would only cost the indexer time (an article carries hundreds of mentions)."""
    return _NUMBER.sub("", _MENTION.sub(r"\2", html))
