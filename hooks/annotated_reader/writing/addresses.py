"""Where every page of the site is, in one place: the engine's addresses and the links it writes to them."""

from __future__ import annotations

from collections.abc import Callable

from ..reading.catalog import Entity
from .escape import escape_markdown

UrlOf = Callable[[str], str]
"""Maps a docs path (``people/x.md``) to its address from the page being written."""


def article_src_uri(slug: str) -> str:
    """An article's page under ``docs/`` (the engine makes it; there is no such file)."""
    return f"articles/{slug}.md"


def page_path(src_uri: str) -> str:
    """Where a page is published, relative to the site root (the site uses .html addresses)."""
    return src_uri.removesuffix(".md") + ".html"


def entity_href(entity: Entity) -> str:
    """A docs-relative link that MkDocs validates and rewrites for each page."""
    return "/" + entity.src_uri


def entity_link(entity: Entity) -> str:
    """A Markdown link to the entity's page, for Markdown the engine generates (registers)."""
    return f"[{escape_markdown(entity.name)}]({entity_href(entity)})"
