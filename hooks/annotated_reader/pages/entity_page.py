"""Completes an entity's hand-written page: facts, relations both ways, mentions in context, and the pages of
older mentions that keep it small however often the corpus names the entity.

Mentions in context quote seed text, so they are written as HTML text (:func:`render_mentions`),
never through Markdown, and put in place of a placeholder when the page is written; they
are kept out of the search index (``data-search-exclude``) and out of the annotator's
reach (``ar-nolink``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby

from ..matching.mentions import NOT_COUNTED, Mention, MentionIndex
from ..reading.article import Article, Block, Role
from ..reading.catalog import Catalog, Entity
from ..reading.dates import format_date
from ..reading.sentences import sentence_around, sentence_spans
from ..writing.addresses import UrlOf, article_src_uri
from ..writing.elements import html_of, placeholder
from ..writing.escape import escape_markdown
from ..writing.html_text import escape_text, seed_text, tag
from ..writing.pager import PAGER_LABELS, pager_line
from ..writing.sanitize import sanitize
from ..writing.wording import place_label, plural
from .listings import newest_first
from .maps import build_locator
from .network import build_neighbourhood

APPEARS_WITH_LIMIT = 12
CONTEXT_ARTICLES = 20
"""How many articles (the newest) have their mentions quoted in context; older ones are listed."""
QUOTES_PER_ARTICLE = 5
"""Mentions quoted for one article; the rest are one link away, in the article."""
LISTED_PER_PAGE = 500
"""Older articles listed on a page (about 80 KB of HTML): the entity's page lists the first ones, further pages the rest."""
MENTION_PAGES = "mentions"
"""The folder of the pages of older mentions: mentions/<entity id>/<page number>.md."""


def _link(entity: Entity, url: UrlOf) -> str:
    return tag("a", escape_text(entity.name), href=url(entity.src_uri), data_entity=entity.id)


def article_link(article: Article, inner: str, href: str) -> str:
    """A link to an article's page (or a place in it), which shows the article's card on hover."""
    return tag("a", inner, href=href, data_article=article.slug)


def _facts(entity: Entity) -> str:
    """Type, Arabic name, other names, summary, dates, coordinates and Wikidata id."""
    parts = [tag("p", escape_text(entity.type_label), class_=f"ar-entity-type ar-{entity.type}")]
    if entity.arabic:
        parts.append(tag("p", tag("span", "In Arabic: ", class_="ar-ui") + tag("span", escape_text(entity.arabic), lang="ar",
                                                                             dir="rtl"), class_="ar-arabic"))
    if entity.aliases:
        names = " · ".join(escape_text(alias.text) for alias in entity.aliases)
        parts.append(tag("p", f"{tag('strong', 'Other names:')} {names}", class_="ar-aliases"))
    parts.append(tag("p", escape_text(entity.summary), class_="ar-summary"))
    details = []
    if entity.date:
        until = f" – {escape_text(entity.end)}" if entity.end else ""
        details.append(f"{tag('strong', 'Date:')} {escape_text(entity.date)}{until}")
    if entity.coordinates:
        lat, lon = entity.coordinates
        details.append(f"{tag('strong', 'Coordinates:')} {lat:.4f}, {lon:.4f}")
    if entity.wikidata:
        wikidata = tag("a", escape_text(entity.wikidata), href=f"https://www.wikidata.org/wiki/{entity.wikidata}")
        details.append(f"{tag('strong', 'Wikidata:')} {wikidata}")
    if details:
        parts.append(tag("p", " · ".join(details)))
    return tag("div", "".join(parts), class_="ar-entity-facts ar-nolink")


def variants_seen(entity: Entity, index: MentionIndex, articles: dict[str, Article]) -> Counter[str]:
    """The spellings of the entity's mentions matched only through folding, with how often each was seen."""
    seen: Counter[str] = Counter()
    for mention in index.by_entity.get(entity.id, ()):
        if mention.variant:
            block = next(b for b in articles[mention.article_slug].annotatable_blocks() if b.id == mention.block_id)
            seen[" ".join(block.text[mention.start:mention.end].split())] += 1
    return seen


def _also(entity: Entity, catalog: Catalog, index: MentionIndex, articles: dict[str, Article], url: UrlOf) -> str:
    """"Also written" (spellings the articles use that no name lists) and "Also named in" (entities named after it)."""
    lines = []
    if seen := variants_seen(entity, index, articles):
        most_first = sorted(seen.items(), key=lambda spelling: (-spelling[1], spelling[0]))
        written = " · ".join(f"{seed_text(text)} ({count:,})" for text, count in most_first)
        lines.append(tag("p", f"{tag('strong', 'Also written:')} {written}", class_="ar-variants"))
    if named_in := index.named_in.get(entity.id):
        links = ", ".join(f"{_link(catalog[other], url)} ({index.count(other):,})" for other in named_in)
        lines.append(tag("p", f"{tag('strong', 'Also named in:')} {links}", class_="ar-named-in"))
    return tag("div", "".join(lines), class_="ar-entity-also ar-nolink") if lines else ""


def _relations(entity: Entity, catalog: Catalog, url: UrlOf) -> str:
    items = []
    for wording, relations in groupby(entity.relations, key=lambda relation: relation.wording):
        targets = ", ".join(_link(catalog[relation.target], url) for relation in relations)
        items.append(tag("li", f"{escape_text(wording.capitalize())}: {targets}"))
    return tag("ul", "".join(items))


def _appears_with(together: list[tuple[Entity, int]], url: UrlOf) -> str:
    items = "".join(tag("li", f"{_link(other, url)} — {plural(count, 'paragraph')}") for other, count in together)
    return tag("p", "Named in the same paragraphs, most often first.") + tag("ul", items)


def _sources(entity: Entity) -> str:
    return tag("ul", "".join(tag("li", tag("a", escape_text(title), href=url)) for title, url in entity.sources))


def _quote(block: Block, sentence: list[int], mentions: list[Mention], article_url: str) -> str:
    """Sentences of ``block`` (start, end) with the mentions they hold, in order, each the link to its anchor."""
    (start, end), text, parts = sentence, block.text, []
    for mention in mentions:
        parts.append(seed_text(text[start:mention.start]))
        parts.append(tag("a", seed_text(text[mention.start:mention.end]), class_="ar-backlink",
                         href=f"{article_url}#{mention.id}", data_article=mention.article_slug))
        start = mention.end
    return tag("q", "".join(parts) + seed_text(text[start:end]), class_="ar-context")


def _quoted(article: Article, group: list[Mention], article_url: str) -> str:
    """The article's first mentions quoted in their sentences (a sentence naming the entity twice, once), with where
    each stands and its role; a link to the rest."""
    blocks = {block.id: block for block in article.annotatable_blocks()}
    spans: dict[str, list[tuple[int, int]]] = {}
    quotes: list[tuple[str, list[int], list[Mention]]] = []  # block, its sentences quoted (start, end), mentions
    for mention in group[:QUOTES_PER_ARTICLE]:  # in the article's order
        if mention.block_id not in spans:
            spans[mention.block_id] = sentence_spans(blocks[mention.block_id].text)
        start, end = sentence_around(spans[mention.block_id], mention.start, mention.end)
        last = quotes[-1] if quotes else None
        if last and last[0] == mention.block_id and start < last[1][1]:  # the same sentences, or overlapping ones
            last[1][1] = max(last[1][1], end)
            last[2].append(mention)
        else:
            quotes.append((mention.block_id, [start, end], [mention]))
    items = []
    for block_id, sentence, mentions in quotes:
        where = tag("span", escape_text(place_label(block_id)), class_="ar-where")
        items.append(tag("li", f"{where} {_quote(blocks[block_id], sentence, mentions, article_url)}"))
    rest = group[QUOTES_PER_ARTICLE:]
    if rest:
        more = tag("a", f"{len(rest)} more in this article", href=f"{article_url}#{rest[0].id}")
        items.append(tag("li", f"… and {more}", class_="ar-more"))
    return tag("ul", "".join(items))


def by_article(entity: Entity, index: MentionIndex, articles: dict[str, Article]) -> list[tuple[Article, list[Mention]]]:
    """The entity's mentions grouped by article, newest article first: the whole of a much-named entity's
    mentions go through it, so its pages of older mentions share one (see ``Site.mentions_by_article``)."""
    groups: dict[str, list[Mention]] = {}
    for mention in index.by_entity.get(entity.id, []):
        groups.setdefault(mention.article_slug, []).append(mention)
    return [(article, groups[article.slug]) for article in newest_first(articles[slug] for slug in groups)]


def mention_pages(entity: Entity, index: MentionIndex) -> int:
    """How many pages the entity's mentions take: its own page, then pages of older articles."""
    articles = index.articles_naming(entity.id)
    return 1 + max(0, -(-(articles - CONTEXT_ARTICLES - LISTED_PER_PAGE) // LISTED_PER_PAGE))


def mention_page_src_uri(entity: Entity, number: int) -> str:
    """Page ``number`` (2, 3 …) of the older articles that mention the entity; page 1 is the entity's own page."""
    return f"{MENTION_PAGES}/{entity.id}/{number}.md"


def mention_page_markdown(entity: Entity, number: int, pages: int) -> str:
    name = escape_markdown(entity.name)
    return (f"# {name}: older mentions, page {number} of {pages}\n\n"
            f"Older articles that name [{name}](/{entity.src_uri}), newest first, each linked to its first mention.\n\n"
            f"{placeholder('mentions')}")


def _listed(groups: list[tuple[Article, list[Mention]]], url: UrlOf) -> str:
    items = []
    for article, group in groups:
        date = f" · {format_date(article.date)}" if article.date else ""
        link = article_link(article, escape_text(article.title), f"{url(article_src_uri(article.slug))}#{group[0].id}")
        items.append(tag("li", f"{link}{escape_text(date)} ({_counted(group)})"))
    return tag("ul", "".join(items))


def _pager(entity: Entity, number: int, pages: int, url: UrlOf, label: str) -> str:
    """Links to the pages of the entity's mentions near this one (:func:`.pager_line`), this one in bold."""
    def link(page: int, text: str) -> str:
        return tag("a", text, href=f"{url(entity.src_uri)}#mentions" if page == 1 else url(mention_page_src_uri(entity, page)))

    line = pager_line(number, pages, link, lambda text: tag("strong", text, aria_current="page"))
    return tag("nav", line, class_="ar-pager", aria_label=f"{label} of mentions")


def _backlinks(parts: list[str]) -> str:
    return f'<div class="ar-backlinks ar-nolink" data-search-exclude="">{"".join(parts)}</div>'


def render_mentions(entity: Entity, index: MentionIndex, articles: dict[str, Article], url: UrlOf) -> str:
    """Mentions grouped by article, newest first: the newest articles quoted, the next ones listed, the rest on
    further pages (:func:`render_older_mentions`), so that no page grows with the corpus.

    Written as HTML text, like the articles they quote, and put in the page after the search
    has indexed it: they are kept out of the index anyway (``data-search-exclude``).
    """
    groups = by_article(entity, index, articles)
    count = index.count(entity.id)
    parts = [tag("p", f"Named {plural(count, 'time')} in {plural(len(groups), 'article')}, newest first.")]
    for article, group in groups[:CONTEXT_ARTICLES]:
        article_url = url(article_src_uri(article.slug))
        title = tag("strong", article_link(article, escape_text(article.title), article_url) + f" ({_counted(group)})")
        parts += [tag("p", title), _quoted(article, group, article_url)]
    older = groups[CONTEXT_ARTICLES:]
    if older:
        parts.append(tag("p", f"Older articles ({len(older):,}), each linked to its first mention:"))
        parts.append(_listed(older[:LISTED_PER_PAGE], url))
        pages = mention_pages(entity, index)
        if pages > 1:
            parts.append(_pager(entity, 1, pages, url, PAGER_LABELS[0]))
    return _backlinks(parts)


def render_older_mentions(entity: Entity, number: int, groups: list[tuple[Article, list[Mention]]], index: MentionIndex,
                          url: UrlOf) -> str:
    """Page ``number`` of the older articles that mention the entity (``groups``: its :func:`by_article`): a list,
    and the pages' links."""
    start = CONTEXT_ARTICLES + (number - 1) * LISTED_PER_PAGE
    listed = _listed(groups[start:start + LISTED_PER_PAGE], url)
    pages = mention_pages(entity, index)
    above, below = (_pager(entity, number, pages, url, label) for label in PAGER_LABELS)
    return _backlinks([above, listed, below])


def _counted(group: list[Mention]) -> str:
    """An article's mentions as counted (:data:`.mentions.NOT_COUNTED`), reader comments apart."""
    own = sum(mention.role not in NOT_COUNTED for mention in group)
    in_comments = sum(mention.role is Role.COMMENT for mention in group)
    return f"{own} · {in_comments} in reader comments" if in_comments else str(own)


def mentions_heading(entity_id: str, index: MentionIndex) -> str:
    """"Mentions (5)", and "· in reader comments (1)" when readers name the entity too."""
    in_comments = index.count_in_comments(entity_id)
    return f"Mentions ({index.count(entity_id):,})" + (f" · in reader comments ({in_comments:,})" if in_comments else "")


def _together(entity: Entity, index: MentionIndex, catalog: Catalog) -> list[tuple[Entity, int]]:
    return [(catalog[other], count) for other, count in index.appears_with(entity.id, APPEARS_WITH_LIMIT)
            if other in catalog.entities]


def _sections(entity: Entity, together: list[tuple[Entity, int]], index: MentionIndex) -> list[tuple[str, str, bool]]:
    """(heading, placeholder key, indexed) for each generated section the page has, in page order.

    One list for both the page's Markdown and its parts, so that they cannot drift apart.
    An indexed part is in place before the search indexes the page; the others (mentions in
    context, drawings) after.
    """
    sections = [("", "facts", True)]
    if entity.coordinates:
        sections.append(("Location", "locator", False))
    if entity.relations:
        sections.append(("Relations", "relations", True))
    sections.append((f"{mentions_heading(entity.id, index)} {{: #mentions }}", "mentions", False))
    if entity.relations or together:
        sections.append(("Connections", "neighbourhood", False))
    if together:
        sections.append(("Appears with", "appears-with", False))
    if entity.sources:
        sections.append(("Sources", "sources", True))
    return sections


def written_parts(entity: Entity, catalog: Catalog, index: MentionIndex, articles: dict[str, Article],
                  url: UrlOf) -> tuple[dict[str, str], dict[str, str]]:
    """The page's generated sections as HTML text, by placeholder key: (indexed, not indexed).

    Mentions in context quote seed text, and are sanitized; the rest holds catalog data.
    """
    together = _together(entity, index, catalog)
    writers: dict[str, Callable[[], str]] = {
        "facts": lambda: _facts(entity) + sanitize(_also(entity, catalog, index, articles, url)),
        "locator": lambda: html_of(build_locator(entity)),
        "relations": lambda: _relations(entity, catalog, url),
        "mentions": lambda: (sanitize(render_mentions(entity, index, articles, url)) if index.by_entity.get(entity.id)
                             else tag("p", "No article in the corpus mentions this yet.")),
        "neighbourhood": lambda: html_of(build_neighbourhood(entity, catalog, index, url)),
        "appears-with": lambda: _appears_with(together, url),
        "sources": lambda: _sources(entity),
    }
    indexed, later = {}, {}
    for _, key, is_indexed in _sections(entity, together, index):
        (indexed if is_indexed else later)[key] = writers[key]()
    return indexed, later


def render_entity_page(entity: Entity, catalog: Catalog, index: MentionIndex) -> str:
    """The Markdown of an entity page: the hand-written prose, and headings and placeholders for the generated
    sections (see :func:`written_parts`), so that Markdown only reads what maintainers wrote."""
    lines = [f"# {escape_markdown(entity.name)}", ""]
    for heading, key, _ in _sections(entity, _together(entity, index, catalog), index):
        lines += [f"## {heading}", ""] if heading else []
        lines += [placeholder(key), ""]
        if key == "facts":
            lines += [entity.prose.strip(), ""]
    return "\n".join(lines)
