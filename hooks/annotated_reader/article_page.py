"""Renders an :class:`Article` and its mentions as the HTML of its page.

Seed text is escaped as it is written (:mod:`.html_text`) and never passes through
Markdown, so it cannot be read as syntax and no inline pattern has to scan it. Links to
entity pages are addresses relative to the article's page, made by the ``url`` function
the caller passes (the hook resolves them through MkDocs' files, so a missing page is an
error, not a dead link); :func:`anchor_ids` tells MkDocs which anchors the page has, so
links into it from other pages are still checked.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .article import Article, Block, Comment, Kind
from .catalog import ENTITY_TYPE_PLURALS, Catalog, Entity
from .citation import bibtex, chicago
from .dates import format_date
from .html_text import attributes, escape_attribute, escape_text, seed_text, tag
from .markup import mention_attributes
from .mentions import Mention
from .structured_data import article_json_ld

UrlOf = Callable[[str], str]
"""Maps a docs path (``people/x.md``) to its address from the page being written."""

FIXED_ANCHORS = ("title", "cite", "cite-this-article")
COMMENTS_ANCHOR = "reader-comments"


def article_src_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def page_path(src_uri: str) -> str:
    """Where a page is published, relative to the site root (the site uses .html addresses)."""
    return src_uri.removesuffix(".md") + ".html"


def article_meta(article: Article) -> dict:
    """Page metadata the hook sets; Material prints title and description unescaped, so they are escaped here."""
    meta = {"title": html.escape(article.title), "hide": ["toc"], "article": article.slug}
    if article.standfirst:
        meta["description"] = html.escape(article.standfirst.text)
    return meta


class AnchorIds:
    """The anchors of an article's page, for MkDocs to check links into it against.

    Worked out when MkDocs asks, which it does only for the few pages other pages link into
    by anchor: a set per article would hold an id for every mention of the corpus.
    """

    def __init__(self, article: Article, mentions: list[Mention]) -> None:
        self.article, self.mentions = article, mentions

    def __contains__(self, anchor: object) -> bool:
        return anchor in anchor_ids(self.article, self.mentions)


def anchor_ids(article: Article, mentions: list[Mention]) -> set[str]:
    """Every id the article's page has: its blocks, comments, mentions and fixed sections."""
    ids = {*FIXED_ANCHORS, *(block.id for block in article.body), *(mention.id for mention in mentions)}
    for comment in article.comments:
        ids |= {f"comment-{comment.number}", *(paragraph.id for paragraph in comment.paragraphs)}
    return ids | ({COMMENTS_ANCHOR} if article.comments else set())


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    html: str


@dataclass(frozen=True)
class ArticlePage:
    html: str
    panel: str
    """The "in this article" panel, which the template shows beside the text."""
    headings: list[Heading]
    """For the page's table of contents (and the skip link), in page order."""
    search_html: str
    """The same text without mention and paragraph-number markup, which would only slow the search indexer."""
    json_ld: str
    """schema.org data for the page's head."""
    entity_ids: list[str]
    """The entities the article mentions, in reading order."""


class _Writer:
    """Writes the article's parts, each block with its own mentions."""

    def __init__(self, article: Article, mentions: list[Mention], catalog: Catalog, url: UrlOf,
                 numbered: bool = True) -> None:
        self.article = article
        self.numbered = numbered
        self.catalog = catalog
        self.url = url
        self.by_block: dict[str, list[Mention]] = {}
        for mention in mentions:
            self.by_block.setdefault(mention.block_id, []).append(mention)
        self.counts = Counter(mention.entity_id for mention in mentions)
        self.headings: list[Heading] = []
        self.openings: dict[tuple[str, bool], str] = {}

    def heading(self, level: int, text: str, anchor: str, **values: str) -> str:
        """A heading with its permalink, as the site's ``toc`` extension writes them on other pages."""
        self.headings.append(Heading(level, anchor, escape_text(text)))
        permalink = tag("a", "¶", class_="headerlink", href=f"#{anchor}", title="Permanent link")
        return tag(f"h{level}", escape_text(text) + permalink, id=anchor, **values)

    def text(self, block: Block) -> str:
        parts, position, text = [], 0, block.text
        for mention in self.by_block.get(block.id, ()):
            parts += [seed_text(text[position:mention.start]), self.mention(text[mention.start:mention.end], mention)]
            position = mention.end
        parts.append(seed_text(text[position:]))
        return "".join(parts)

    def mention(self, text: str, mention: Mention) -> str:
        """A mention element; what an entity's mentions share is escaped once per page (ids are slugs)."""
        key = (mention.entity_id, mention.full_link, mention.variant)
        opening = self.openings.get(key)
        if opening is None:
            entity = self.catalog[mention.entity_id]
            values = {**mention_attributes(entity, "", mention.full_link)}
            del values["id"]
            if mention.full_link:
                values["href"] = self.url(entity.src_uri)
            if mention.variant:  # matched only through folding: a maintainer may confirm it as an alias
                values["data-variant"] = ""
            opening = self.openings[key] = f"<{'a' if mention.full_link else 'span'}{attributes(values)}"
        return f'{opening} id="{mention.id}">{seed_text(text)}</{"a" if mention.full_link else "span"}>'

    def block(self, name: str, block: Block, classes: str, numbered: bool = False) -> str:
        """A block with its paragraph number; written directly, as this runs for every block (classes and
        block ids are the renderer's and the parser's own, never seed text)."""
        number = ""
        if numbered and self.numbered:
            digits = block.id[1:]
            number = f'<a class="ar-pnum ar-ui" href="#{block.id}" title="Link to paragraph {digits}">{digits}</a> '
        return f'<{name} class="{classes}" id="{block.id}">{number}{self.text(block)}</{name}>'


    def header(self) -> str:
        """Byline, title, date and source, in the order the seed gives them."""
        article = self.article
        byline = self.byline() if article.byline else ""
        parts = [byline if article.byline_before_title else "", self.heading(1, article.title, "title"),
                 "" if article.byline_before_title else byline]
        facts = []
        if article.date_text:
            facts.append(tag("time", escape_text(article.date_text), datetime=str(article.date)))
        elif article.date:
            facts.append(tag("time", escape_text(format_date(article.date)), class_="ar-ui", datetime=str(article.date)))
        if article.url:
            link = tag("a", escape_text(article.publication or article.url), href=article.url, rel="nofollow noopener")
            facts.append(tag("span", "Source: " + link, class_="ar-ui"))
        elif article.publication:
            facts.append(tag("span", escape_text(f"Source: {article.publication}"), class_="ar-ui"))
        if facts:
            separator = tag("span", " · ", class_="ar-ui", aria_hidden="true")
            parts.append(tag("p", separator.join(facts), class_="ar-meta"))
        return "".join(parts)

    def byline(self) -> str:
        """As the seed writes it; "By" is added as a label when the seed has only the name."""
        article = self.article
        if article.byline_text and article.byline_text != article.byline:
            return tag("p", escape_text(article.byline_text), class_="ar-byline")
        return tag("p", tag("span", "By ", class_="ar-ui") + escape_text(article.byline or ""), class_="ar-byline")

    def body(self) -> str:
        """The body in seed order; consecutive list items of one kind make one list."""
        parts: list[str] = []
        open_list: str | None = None
        for block in self.article.body:
            list_tag = ("ol" if block.ordered else "ul") if block.kind is Kind.LIST_ITEM else None
            if open_list and open_list != list_tag:
                parts.append(f"</{open_list}>")
                open_list = None
            if list_tag and not open_list:
                parts.append(f'<{list_tag} class="ar-list">')
                open_list = list_tag
            parts.append(self.body_block(block))
        if open_list:
            parts.append(f"</{open_list}>")
        return "".join(parts)

    def body_block(self, block: Block) -> str:
        match block.kind:
            case Kind.STANDFIRST:
                return self.block("p", block, "ar-standfirst")
            case Kind.CAPTION:
                return self.caption(block)
            case Kind.LIST_ITEM:
                return self.block("li", block, "ar-list-item", numbered=True)
            case Kind.SUBHEADING:
                return self.heading(2, block.text, block.id, class_="ar-subheading")
            case Kind.PULL_QUOTE:
                label = tag("p", "Pull quote", class_="ar-ui ar-label")
                return tag("aside", label + self.block("p", block, "ar-pull-quote-text"), class_="ar-pull-quote")
            case Kind.QUESTION | Kind.ANSWER:
                return self.block("p", block, f"ar-para ar-{block.kind.value}", numbered=True)
            case _:
                return self.block("p", block, "ar-para", numbered=True)

    def caption(self, block: Block) -> str:
        inner = tag("span", "Photo: ", class_="ar-ui") + self.text(block)
        if block.credit:
            inner += " " + tag("span", escape_text(f"({block.credit})"), class_="ar-credit")
        return tag("figure", tag("figcaption", inner), class_="ar-figure", id=block.id)

    def comments(self) -> str:
        if not self.article.comments:
            return ""
        inner = self.heading(2, "Reader comments", COMMENTS_ANCHOR, class_="ar-ui")
        inner += tag("p", "Written by readers, not by the author; shown as received.", class_="ar-ui ar-comments-note")
        return tag("section", inner + "".join(map(self.comment, self.article.comments)), class_="ar-comments")

    def comment(self, comment: Comment) -> str:
        inner = tag("p", escape_text(comment.author), class_="ar-comment-author") if comment.author else ""
        inner += "".join(self.block("p", paragraph, "ar-comment-text") for paragraph in comment.paragraphs)
        if comment.date_text:
            date = tag("time", escape_text(comment.date_text), datetime=str(comment.date))
            inner += tag("p", date, class_="ar-comment-date")
        return tag("div", inner, class_="ar-comment", id=f"comment-{comment.number}")

    def citation(self) -> str:
        """How to cite the original article, and this page's paragraphs."""
        cite = bibtex(self.article, page_path(article_src_uri(self.article.slug)))
        inner = self.heading(2, "Cite this article", "cite-this-article")
        inner += tag("p", escape_text(chicago(self.article)), class_="ar-cite-chicago")
        inner += tag("pre", tag("code", escape_text(cite)), class_="ar-cite-bibtex")
        inner += tag("p", "Each numbered paragraph has its own address: follow or copy its number.")
        return tag("section", inner, class_="ar-cite ar-ui", id="cite")

    def panel(self) -> str:
        """The names the article mentions, by type, with counts; the template shows it beside the text."""
        parts = [tag("p", "In this article" + tag("span", f"{len(self.counts)} names", class_="ar-count"),
                     class_="ar-panel-title")]
        for entity_type, plural in ENTITY_TYPE_PLURALS.items():
            entities = sorted((self.catalog[i] for i in self.counts if self.catalog[i].type == entity_type),
                              key=lambda entity: (-self.counts[entity.id], entity.name.casefold()))
            if entities:
                parts.append(tag("p", escape_text(plural), class_=f"ar-panel-group ar-{entity_type}"))
                parts.append(tag("ul", "".join(map(self.panel_item, entities))))
        return tag("nav", "".join(parts), class_="ar-in-this-article ar-ui ar-nolink", aria_label="In this article")

    def panel_item(self, entity: Entity) -> str:
        count = self.counts[entity.id]
        link = f'<a href="{escape_attribute(self.url(entity.src_uri))}">{escape_text(entity.name)}</a>'
        return (f'<li>{link} <span class="ar-count">{count}<span class="ar-sr"> mention{"s" if count != 1 else ""}'
                '</span></span></li>')


def render_article(article: Article, mentions: list[Mention], catalog: Catalog, url: UrlOf) -> ArticlePage:
    """The article (header, body in seed order, citation, reader comments), its panel and its headings."""
    writer = _Writer(article, mentions, catalog, url)
    search = _Writer(article, [], catalog, url, numbered=False)
    entity_ids = list(writer.counts)
    return ArticlePage(_article(writer), writer.panel(), writer.headings, _article(search),
                       article_json_ld(article, [catalog[entity_id] for entity_id in entity_ids]), entity_ids)


def _article(writer: _Writer) -> str:
    inner = writer.header() + writer.body() + writer.citation() + writer.comments()
    return tag("article", inner, class_="ar-article ar-nolink", data_source=writer.article.source.name)
