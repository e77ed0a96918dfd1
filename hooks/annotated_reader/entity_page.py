"""Completes an entity's hand-written page: facts, relations both ways, mentions in context.

Backlink contexts are seed text: they are escaped, kept out of the search index
(``data-search-exclude``) and out of the annotator's reach (``ar-nolink``).
"""

from __future__ import annotations

import html
from itertools import groupby

from .article import Article, Block
from .article_page import article_src_uri, format_date
from .catalog import Catalog, Entity
from .escape import escape_markdown, seed_markdown
from .listings import newest_first
from .markup import entity_href
from .mentions import Mention, MentionIndex
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


def _mention_href(mention: Mention) -> str:
    return f"/{article_src_uri(mention.article_slug)}#{mention.id}"


def _context(block: Block, mention: Mention, spans: list[tuple[int, int]]) -> str:
    """The sentence around a mention, the mention itself the link to its anchor."""
    start, end = sentence_around(spans, mention.start, mention.end)
    return (
        seed_markdown(block.text[start:mention.start])
        + f"[{seed_markdown(block.text[mention.start:mention.end])}]({_mention_href(mention)}){{: .ar-backlink }}"
        + seed_markdown(block.text[mention.end:end])
    )


def _quoted(article: Article, group: list[Mention]) -> list[str]:
    """Each mention quoted in its sentence, with where it stands and its role."""
    blocks = {block.id: block for block in article.annotatable_blocks()}
    spans: dict[str, list[tuple[int, int]]] = {}
    lines = []
    for mention in group:
        block = blocks[mention.block_id]
        if block.id not in spans:
            spans[block.id] = sentence_spans(block.text)
        lines.append(f'- <span class="ar-where">{html.escape(_where(mention))} · {html.escape(mention.role.value)}</span> '
                     f'<q class="ar-context">{_context(block, mention, spans[block.id])}</q>')
    return lines


def _mentions(entity: Entity, index: MentionIndex, articles: dict[str, Article]) -> list[str]:
    """Mentions grouped by article, newest first: the newest articles quoted, older ones listed."""
    mentions = index.by_entity.get(entity.id, [])
    lines = [f"## Mentions ({len(mentions)}) {{: #mentions }}", ""]
    if not mentions:
        return [*lines, "No article in the corpus mentions this yet.", ""]
    by_article: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_slug, []).append(mention)
    ordered = newest_first(articles[slug] for slug in by_article)
    lines += ['<div class="ar-backlinks ar-nolink" data-search-exclude markdown>', ""]
    for article in ordered[:CONTEXT_ARTICLES]:
        group = by_article[article.slug]
        lines += [f"**[{escape_markdown(article.title)}](/{article_src_uri(article.slug)})** ({len(group)})", ""]
        lines += [*_quoted(article, group), ""]
    older = ordered[CONTEXT_ARTICLES:]
    if older:
        lines += [f"Older articles ({len(older)}), each linked to its first mention:", ""]
        for article in older:
            group = by_article[article.slug]
            date = f" · {format_date(article.date)}" if article.date else ""
            lines.append(f"- [{escape_markdown(article.title)}]({_mention_href(group[0])}){date} ({len(group)})")
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


def render_entity_page(entity: Entity, catalog: Catalog, index: MentionIndex, articles: dict[str, Article]) -> str:
    """The Markdown of an entity page: its hand-written prose inside the generated sections."""
    lines = [f"# {escape_markdown(entity.name)}", ""]
    lines += _facts(entity)
    lines += [entity.prose.strip(), ""]
    lines += _relations(entity, catalog)
    lines += _mentions(entity, index, articles)
    lines += _appears_with(entity, index, catalog)
    lines += _sources(entity)
    return "\n".join(lines)
