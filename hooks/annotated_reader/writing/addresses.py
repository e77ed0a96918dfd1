"""Where every page of the site is, in one place: the engine's addresses and the links it writes to them."""

from __future__ import annotations

from collections.abc import Callable

from slugify import slugify

from ..reading.catalog import Entity
from .escape import escape_markdown

UrlOf = Callable[[str], str]
"""Maps a docs path (``people/x.md``) to its address from the page being written."""
AbsoluteUrl = Callable[[str], str]
"""Maps a docs path (``people/x.md``) to its absolute address on the published site."""


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
    """A Markdown link to the entity's page, for Markdown the engine generates (registers, the coverage report);
    ``data-entity`` gives it the entity's hover card."""
    return f'[{escape_markdown(entity.name)}]({entity_href(entity)}){{: data-entity="{entity.id}" }}'


LISTINGS_ROOT = "browse"
"""The folder of the article listings (:mod:`.listings`), which the article's header links into."""


def listing_src_uri(kind: str, key: str) -> str:
    """The first page listing the articles of one author, source, tag or month (see :mod:`.listings`)."""
    return f"{LISTINGS_ROOT}/{kind}/{slugify(key) or 'none'}.md"
