"""What the templates get besides a rendered page: its hover-card data, and its parts written apart put in place.

Card data holds only the entities and articles the page names or links to (``data-entity``,
``data-article``) and is inlined in the page, so cards work offline and a page's size does not
grow with the catalog. Articles' cards are keyed ``article:<slug>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..reading.article import Article
from ..reading.catalog import Entity
from ..reading.dates import format_date
from .addresses import article_src_uri
from .elements import placeholder_html

_DATA_ENTITY = re.compile(r'data-entity="([a-z0-9-]+)"')
_DATA_ARTICLE = re.compile(r'data-article="([^"]+)"')


def entities_in(html: str) -> list[str]:
    """Ids of the entities a rendered page marks, in first-seen order."""
    return list(dict.fromkeys(_DATA_ENTITY.findall(html)))


def articles_in(html: str) -> list[str]:
    """Slugs of the articles a rendered page links to with their cards, in first-seen order."""
    return list(dict.fromkeys(_DATA_ARTICLE.findall(html)))


def article_card(article: Article, url_for: Callable[[str], str]) -> dict:
    """An article's hover card; ``url_for`` maps a docs path to its site-root-relative URL."""
    return {
        "name": article.title,
        "type": "article",
        "typeLabel": "Article",
        "date": format_date(article.date) if article.date else "Date unknown",
        "byline": article.byline,
        "summary": article.standfirst.text if article.standfirst else "",
        "url": url_for(article_src_uri(article.slug)),
    }


def entity_card(entity: Entity, url_for: Callable[[str], str]) -> dict:
    """An entity's hover card; ``url_for`` as for :func:`article_card`."""
    return {
        "name": entity.name,
        "type": entity.type,
        "typeLabel": entity.type_label,
        "arabic": entity.arabic,
        "summary": entity.summary,
        "url": url_for(entity.src_uri),
    }


CARDS_FILE_SUFFIX = ".cards.js"
"""A page's card data as a file of its own, beside the page: ``qalamoun.html``, ``qalamoun.cards.js``."""


def cards_script(cards: str) -> str:
    """Card data (``Site.cards``) as a script of its own: a page opened from ``file://`` can load a script,
    not fetch a JSON file."""
    return f"window.arCards = {cards};\n"


def fill_placeholders(html: str, parts: dict[str, str]) -> str:
    """Put each part written as HTML text where its placeholder stands in the rendered page.

    Raises ``KeyError`` naming a part whose placeholder the page lacks, rather than leave it out.
    """
    for key, part in parts.items():
        marker = placeholder_html(key)
        if marker not in html:
            raise KeyError(key)
        html = html.replace(marker, part, 1)
    return html
