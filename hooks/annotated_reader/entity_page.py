"""Completes an entity's hand-written page: facts, relations both ways, mentions in context.

Mentions in context quote seed text, so they are written as HTML text (:func:`render_mentions`),
never through Markdown, and put in place of a placeholder when the page is written; they
are kept out of the search index (``data-search-exclude``) and out of the annotator's
reach (``ar-nolink``).
"""

from __future__ import annotations

import html
from itertools import groupby

from .article import Article, Block
from .article_page import UrlOf, article_src_uri
from .catalog import Catalog, Entity
from .dates import format_date
from .elements import html_of, placeholder
from .escape import escape_markdown
from .html_text import escape_text, seed_text, tag
from .listings import newest_first
from .maps import build_locator
from .markup import entity_href
from .mentions import Mention, MentionIndex
from .network import build_neighbourhood
from .sanitize import sanitize
from .sentences import sentence_around, sentence_spans

APPEARS_WITH_LIMIT = 12
CONTEXT_ARTICLES = 20
"""How many articles (the newest) have every mention quoted in context; older ones are listed."""


def entity_link(entity: Entity) -> str:
    return f"[{escape_markdown(entity.name)}]({entity_href(entity)})"


def _facts(entity: Entity) -> list[str]:
    lines = ['<div class="ar-entity-facts ar-nolink" markdown>', ""]
    lines.append(f'<p class="ar-entity-type ar-{entity.type}">{html.escape(entity.type_label)}</p>')
    lines.append("")
    if entity.arabic:
        lines += [f'<p class="ar-arabic"><span class="ar-ui">In Arabic: </span>'
                  f'<span lang="ar" dir="rtl">{html.escape(entity.arabic)}</span></p>', ""]
    names = [alias.text for alias in entity.aliases]
    if names:
        lines += [f"**Other names:** {' · '.join(escape_markdown(name) for name in names)}", "{: .ar-aliases }", ""]
    lines += [f"{escape_markdown(entity.summary)}", "{: .ar-summary }", ""]
    details = []
    if entity.date:
        details.append(f"**Date:** {escape_markdown(entity.date)}" + (f" – {escape_markdown(entity.end)}" if entity.end else ""))
    if entity.coordinates:
        lat, lon = entity.coordinates
        details.append(f"**Coordinates:** {lat:.4f}, {lon:.4f}")
    if entity.wikidata:
        details.append(f"**Wikidata:** [{entity.wikidata}](https://www.wikidata.org/wiki/{entity.wikidata})")
    if details:
        lines += [" · ".join(details), ""]
    lines += ["</div>", ""]
    return lines


def _relations(entity: Entity, catalog: Catalog) -> list[str]:
    if not entity.relations:
        return []
    lines = ["## Relations", ""]
    for wording, relations in groupby(entity.relations, key=lambda relation: relation.wording):
        targets = ", ".join(entity_link(catalog[relation.target]) for relation in relations)
        lines.append(f"- {wording.capitalize()}: {targets}")
    return [*lines, ""]


def _where(mention: Mention) -> str:
    block_id = mention.block_id
    return f"¶ {block_id[1:]}" if block_id[:1] == "p" and block_id[1:].isdigit() else block_id.replace("-", " ")


def _quote(block: Block, mention: Mention, spans: list[tuple[int, int]], href: str) -> str:
    """The sentence around a mention, the mention itself the link to its anchor."""
    start, end = sentence_around(spans, mention.start, mention.end)
    text = block.text
    backlink = tag("a", seed_text(text[mention.start:mention.end]), class_="ar-backlink", href=href)
    return tag("q", seed_text(text[start:mention.start]) + backlink + seed_text(text[mention.end:end]), class_="ar-context")


def _quoted(article: Article, group: list[Mention], article_url: str) -> str:
    """Each mention quoted in its sentence, with where it stands and its role."""
    blocks = {block.id: block for block in article.annotatable_blocks()}
    spans: dict[str, list[tuple[int, int]]] = {}
    items = []
    for mention in group:
        block = blocks[mention.block_id]
        if block.id not in spans:
            spans[block.id] = sentence_spans(block.text)
        where = tag("span", escape_text(f"{_where(mention)} · {mention.role.value}"), class_="ar-where")
        items.append(tag("li", f"{where} {_quote(block, mention, spans[block.id], f'{article_url}#{mention.id}')}"))
    return tag("ul", "".join(items))


def render_mentions(entity: Entity, index: MentionIndex, articles: dict[str, Article], url: UrlOf) -> str:
    """Mentions grouped by article, newest first: the newest articles quoted, older ones listed.

    Written as HTML text, like the articles they quote, and put in the page after the search
    has indexed it: they are kept out of the index anyway (``data-search-exclude``).
    """
    by_article: dict[str, list[Mention]] = {}
    for mention in index.by_entity.get(entity.id, []):
        by_article.setdefault(mention.article_slug, []).append(mention)
    ordered = newest_first(articles[slug] for slug in by_article)
    parts = []
    for article in ordered[:CONTEXT_ARTICLES]:
        group, article_url = by_article[article.slug], url(article_src_uri(article.slug))
        title = tag("strong", tag("a", escape_text(article.title), href=article_url) + f" ({len(group)})")
        parts += [tag("p", title), _quoted(article, group, article_url)]
    older = ordered[CONTEXT_ARTICLES:]
    if older:
        parts.append(tag("p", f"Older articles ({len(older)}), each linked to its first mention:"))
        items = []
        for article in older:
            group = by_article[article.slug]
            date = f" · {format_date(article.date)}" if article.date else ""
            link = tag("a", escape_text(article.title), href=f"{url(article_src_uri(article.slug))}#{group[0].id}")
            items.append(tag("li", f"{link}{escape_text(date)} ({len(group)})"))
        parts.append(tag("ul", "".join(items)))
    return f'<div class="ar-backlinks ar-nolink" data-search-exclude="">{"".join(parts)}</div>'


def _mentions(entity: Entity, index: MentionIndex) -> list[str]:
    count = index.count(entity.id)
    lines = [f"## Mentions ({count}) {{: #mentions }}", ""]
    return [*lines, placeholder("mentions") if count else "No article in the corpus mentions this yet.", ""]


def _together(entity: Entity, index: MentionIndex, catalog: Catalog) -> list[tuple[Entity, int]]:
    return [(catalog[other], count) for other, count in index.appears_with(entity.id, APPEARS_WITH_LIMIT)
            if other in catalog.entities]


def _has_connections(entity: Entity, index: MentionIndex, catalog: Catalog) -> bool:
    return bool(entity.relations or _together(entity, index, catalog))


def _appears_with(entity: Entity, index: MentionIndex, catalog: Catalog) -> list[str]:
    if not _has_connections(entity, index, catalog):
        return []
    together = _together(entity, index, catalog)
    lines = ["## Connections", "", placeholder("neighbourhood"), ""]
    if not together:
        return lines
    lines += ["## Appears with", "", "Named in the same paragraphs, most often first.", ""]
    lines += [f"- {entity_link(other)} — {count} paragraph{'s' if count != 1 else ''}" for other, count in together]
    return [*lines, ""]


def _sources(entity: Entity) -> list[str]:
    if not entity.sources:
        return []
    lines = ["## Sources", ""]
    lines += [f"- [{escape_markdown(title)}](<{url}>)" for title, url in entity.sources]
    return [*lines, ""]


def written_parts(entity: Entity, catalog: Catalog, index: MentionIndex, articles: dict[str, Article],
                  url: UrlOf) -> dict[str, str]:
    """The parts of the page written apart, by placeholder key: exactly those :func:`render_entity_page` leaves
    a placeholder for. Mentions in context quote seed text, and are sanitized; the drawings hold catalog data."""
    parts = {}
    if index.count(entity.id):
        parts["mentions"] = sanitize(render_mentions(entity, index, articles, url))
    if _has_connections(entity, index, catalog):
        parts["neighbourhood"] = html_of(build_neighbourhood(entity, catalog, index, url))
    if entity.coordinates:
        parts["locator"] = html_of(build_locator(entity))
    return parts


def render_entity_page(entity: Entity, catalog: Catalog, index: MentionIndex) -> str:
    """The Markdown of an entity page: its hand-written prose inside the generated sections."""
    lines = [f"# {escape_markdown(entity.name)}", ""]
    lines += _facts(entity)
    lines += [entity.prose.strip(), ""]
    if entity.coordinates:
        lines += ["## Location", "", placeholder("locator"), ""]
    lines += _relations(entity, catalog)
    lines += _mentions(entity, index)
    lines += _appears_with(entity, index, catalog)
    lines += _sources(entity)
    return "\n".join(lines)
