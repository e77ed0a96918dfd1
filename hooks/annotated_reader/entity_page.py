"""Completes an entity's hand-written page: facts, relations both ways, mentions in context.

Backlink contexts are seed text: they are escaped, kept out of the search index
(``data-search-exclude``) and out of the annotator's reach (``ar-nolink``).
"""

from __future__ import annotations

import html
from itertools import groupby

from .article import Article, Block
from .article_page import article_src_uri
from .catalog import Catalog, Entity
from .escape import escape_markdown
from .markup import entity_href
from .mentions import Mention, MentionIndex
from .sentences import sentence_around, sentence_spans

APPEARS_WITH_LIMIT = 12


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


def _context(block: Block, mention: Mention, spans: list[tuple[int, int]]) -> str:
    """The sentence around a mention, the mention itself the link to its anchor."""
    start, end = sentence_around(spans, mention.start, mention.end)
    href = f"/{article_src_uri(mention.article_slug)}#{mention.id}"
    return (
        escape_markdown(block.text[start:mention.start])
        + f"[{escape_markdown(block.text[mention.start:mention.end])}]({href}){{: .ar-backlink }}"
        + escape_markdown(block.text[mention.end:end])
    )


def _mentions(entity: Entity, index: MentionIndex, articles: dict[str, Article]) -> list[str]:
    mentions = index.by_entity.get(entity.id, [])
    lines = [f"## Mentions ({len(mentions)}) {{: #mentions }}", ""]
    if not mentions:
        return [*lines, "No article in the corpus mentions this yet.", ""]
    lines += ['<div class="ar-backlinks ar-nolink" data-search-exclude markdown>', ""]
    for slug, group in groupby(mentions, key=lambda mention: mention.article_slug):
        article = articles[slug]
        blocks = {block.id: block for block in article.annotatable_blocks()}
        spans: dict[str, list[tuple[int, int]]] = {}
        group = list(group)
        lines += [f"**[{escape_markdown(article.title)}](/{article_src_uri(slug)})** ({len(group)})", ""]
        for mention in group:
            block = blocks[mention.block_id]
            if block.id not in spans:
                spans[block.id] = sentence_spans(block.text)
            where = f"¶ {block.id[1:]}" if block.id.startswith("p") and block.id[1:].isdigit() else block.id.replace("-", " ")
            lines.append(f'- <span class="ar-where">{html.escape(where)} · {html.escape(mention.role.value)}</span> '
                         f'<q class="ar-context">{_context(block, mention, spans[block.id])}</q>')
        lines.append("")
    return [*lines, "</div>", ""]


def _appears_with(entity: Entity, index: MentionIndex, catalog: Catalog) -> list[str]:
    together = [(catalog[other], count) for other, count in index.appears_with(entity.id, APPEARS_WITH_LIMIT)
                if other in catalog.entities]
    if not together:
        return []
    lines = ["## Appears with", "", "Named in the same paragraphs, most often first.", ""]
    lines += [f"- {entity_link(other)} — {count} paragraph{'s' if count != 1 else ''}" for other, count in together]
    return [*lines, ""]


def _sources(entity: Entity) -> list[str]:
    if not entity.sources:
        return []
    lines = ["## Sources", ""]
    lines += [f"- [{escape_markdown(title)}](<{url}>)" for title, url in entity.sources]
    return [*lines, ""]


def render_entity_page(entity: Entity, prose: str, catalog: Catalog, index: MentionIndex,
                       articles: dict[str, Article]) -> str:
    """The Markdown of an entity page: its hand-written prose inside the generated sections."""
    lines = [f"# {escape_markdown(entity.name)}", ""]
    lines += _facts(entity)
    lines += [prose.strip(), ""]
    lines += _relations(entity, catalog)
    lines += _mentions(entity, index, articles)
    lines += _appears_with(entity, index, catalog)
    lines += _sources(entity)
    return "\n".join(lines)
