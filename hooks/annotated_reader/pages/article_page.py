"""Renders an :class:`Article` and its mentions as the HTML of its page.

Seed text is escaped as it is written (:mod:`.html_text`) and never passes through
Markdown, so it cannot be read as syntax and no inline pattern has to scan it. Links to
entity pages are addresses relative to the article's page, made by the ``url`` function
the caller passes (the hook resolves them through MkDocs' files, so a missing page is an
error, not a dead link); :func:`anchor_ids` tells MkDocs which anchors the page has, so
links into it from other pages are still checked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from ..matching.mentions import NOT_COUNTED, Mention
from ..reading.article import Article, Block, Comment, Kind, Role
from ..reading.catalog import Catalog, Entity
from ..reading.dates import format_date
from ..reading.entity_types import ENTITY_TYPES
from ..writing.addresses import UrlOf, article_src_uri, listing_src_uri, page_path
from ..writing.html_text import attributes, escape_text, seed_text, tag
from ..writing.markup import mention_attributes
from ..writing.wording import plural
from .citation import bibtex, chicago
from .structured_data import article_json_ld

FIXED_ANCHORS = ("title", "cite", "cite-this-article")
COMMENTS_ANCHOR = "reader-comments"
WORDS_A_MINUTE = 200


@dataclass(frozen=True)
class Neighbours:
    """The articles published just before and just after one, by date, for the links at its end."""

    earlier: Article | None = None
    later: Article | None = None


def article_meta(article: Article) -> dict:
    """Page metadata the hook sets (escaped with every page's, where the hook hands pages to the templates)."""
    meta = {"title": article.title, "hide": ["toc"], "article": article.slug}
    if article.standfirst:
        meta["description"] = article.standfirst.text
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
    json_ld: str
    """schema.org data for the page's head."""
    entity_ids: list[str]
    """The entities the article mentions, in reading order."""


class _Writer:
    """Writes the article's parts, each block with its own mentions."""

    def __init__(self, article: Article, mentions: list[Mention], catalog: Catalog, url: UrlOf) -> None:
        self.article = article
        self.catalog = catalog
        self.url = url
        self.by_block: dict[str, list[Mention]] = {}
        for mention in mentions:
            self.by_block.setdefault(mention.block_id, []).append(mention)
        self.first: dict[str, str] = {}
        """Each entity's first mention, in reading order: where the panel's links lead."""
        for mention in mentions:
            self.first.setdefault(mention.entity_id, mention.id)
        self.counts = Counter(mention.entity_id for mention in mentions if mention.role not in NOT_COUNTED)
        self.in_comments = Counter(mention.entity_id for mention in mentions if mention.role is Role.COMMENT)
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
        if numbered:
            digits = block.id[1:]
            number = f'<a class="ar-pnum ar-ui" href="#{block.id}" title="Link to paragraph {digits}">{digits}</a> '
        return f'<{name} class="{classes}" id="{block.id}">{number}{self.text(block)}</{name}>'


    def header(self) -> str:
        """Topic label, byline, title, then date ("Date unknown" if no one knows it), source, reading time and tags, in
        the order the seed gives them; a byline or a date only the sidecar gives comes after the title. A title cut from
        the body is marked as such."""
        article = self.article
        derived = {"class_": "ar-title-from-body"} if article.title_from_body else {}
        parts = {"title": self.heading(1, article.title, "title", **derived)}
        if article.topic:
            parts["topic"] = tag("p", escape_text(article.topic), class_="ar-topic")
        if article.byline:
            parts["byline"] = self.byline()
        if article.date_text:
            facts = [tag("time", escape_text(article.date_text), datetime=str(article.date))]
        elif article.date:
            facts = [tag("time", escape_text(format_date(article.date)), class_="ar-ui", datetime=str(article.date))]
        else:
            facts = [tag("span", "Date unknown", class_="ar-ui")]
        if article.url:
            link = tag("a", escape_text(article.publication or article.url), href=article.url, rel="nofollow noopener")
            facts.append(tag("span", "Source: " + link, class_="ar-ui"))
        elif article.publication:
            facts.append(tag("span", escape_text(f"Source: {article.publication}"), class_="ar-ui"))
        facts.append(tag("span", f"{reading_minutes(article)} min read", class_="ar-ui"))
        separator = tag("span", " · ", class_="ar-ui", aria_hidden="true")
        parts["date"] = tag("p", separator.join(facts), class_="ar-meta")
        order = [part for part in article.header_order if part in parts]
        if "byline" in parts and "byline" not in order:
            order.insert(order.index("title") + 1, "byline")
        if "date" not in order:
            order.append("date")
        tags = ""
        if article.tags:
            links = ", ".join(tag("a", escape_text(name), href=self.url(listing_src_uri("tag", name))) for name in article.tags)
            tags = tag("p", f"Tags: {links}", class_="ar-meta ar-tags ar-ui")
        return "".join(parts[part] for part in order) + tags

    def byline(self) -> str:
        """As the seed writes it, the name linked to the author's articles; "By" is added as a label when the seed
        has only the name."""
        article = self.article
        name = article.byline or ""
        link = tag("a", escape_text(name), href=self.url(listing_src_uri("author", name)))
        written = article.byline_text or name
        before, found, after = written.partition(name)
        if found and written != name:
            return tag("p", escape_text(before) + link + escape_text(after), class_="ar-byline")
        if written != name:  # the sidecar's author replaces a byline that does not contain it
            return tag("p", escape_text(written) + tag("span", " — ", class_="ar-ui") + link, class_="ar-byline")
        return tag("p", tag("span", "By ", class_="ar-ui") + link, class_="ar-byline")

    def body(self) -> str:
        """The body in seed order; consecutive list items make one list (nested by depth), consecutive facts
        one description list."""
        parts: list[str] = []
        for kind, run in groupby(self.article.body, key=lambda block: block.kind):
            if kind is Kind.LIST_ITEM:
                parts.append(self.lists(list(run)))
            elif kind is Kind.FACT:
                parts.append(self.facts(list(run)))
            else:
                parts += map(self.body_block, run)
        return "".join(parts)

    def lists(self, items: list[Block]) -> str:
        """Items as lists within items: an item goes no deeper than one below the item above it."""
        parts: list[str] = []
        open_lists: list[str] = []
        """Outermost first; each has an item still open."""
        for item in items:
            name = "ol" if item.ordered else "ul"
            depth = min(item.level, len(open_lists))
            parts += [f"</li></{closed}>" for closed in reversed(open_lists[depth + 1:])]
            del open_lists[depth + 1:]
            if len(open_lists) == depth + 1 and open_lists[depth] != name:
                parts.append(f"</li></{open_lists.pop()}>")
            if len(open_lists) == depth + 1:
                parts.append("</li>")
            else:
                parts.append(f'<{name} class="ar-list">')
                open_lists.append(name)
            parts.append(self.block("li", item, "ar-list-item", numbered=True).removesuffix("</li>"))
        parts += [f"</li></{closed}>" for closed in reversed(open_lists)]
        return "".join(parts)

    def facts(self, facts: list[Block]) -> str:
        """A fact box: each term with its values in a group (``div``); a line without a term is one more value of
        the term above, and a term without any value gets an empty one (a ``dt`` needs a ``dd``)."""
        groups: list[list[Block]] = []
        for fact in facts:
            if fact.term is not None or not groups:
                groups.append([fact])
            else:
                groups[-1].append(fact)
        parts = []
        for term, *values in groups:
            values_html = (f"<dd>{self.text(term)}</dd>" if term.text else "") + "".join(
                f'<dd id="{value.id}">{self.text(value)}</dd>' for value in values)
            parts.append(f'<div class="ar-fact" id="{term.id}"><dt>{escape_text(term.term or "")}</dt>'
                         f'{values_html or "<dd></dd>"}</div>')
        return f'<dl class="ar-facts">{"".join(parts)}</dl>'

    def body_block(self, block: Block) -> str:
        match block.kind:
            case Kind.STANDFIRST:
                return self.block("p", block, "ar-standfirst")
            case Kind.CAPTION:
                return self.caption(block)
            case Kind.SUBHEADING:
                return self.heading(2, block.text, block.id, class_="ar-subheading")
            case Kind.LABEL:
                return self.block("p", block, "ar-list-label")
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

    def neighbours(self, neighbours: Neighbours) -> str:
        """Links to the articles published just before and just after, by date."""
        links = [tag("p", tag("span", label, class_="ar-label") + " " + tag(
                     "a", escape_text(other.title), href=self.url(article_src_uri(other.slug)), data_article=other.slug,
                     rel=rel), class_=f"ar-{rel}")
                 for label, rel, other in (("Earlier article", "prev", neighbours.earlier),
                                           ("Later article", "next", neighbours.later)) if other]
        return tag("nav", "".join(links), class_="ar-neighbours ar-ui", aria_label="Earlier and later articles") if links else ""

    def citation(self, page_url: str) -> str:
        """How to cite the original article, and this page's paragraphs, at ``page_url`` (absolute)."""
        cite = bibtex(self.article, page_url)
        inner = self.heading(2, "Cite this article", "cite-this-article")
        inner += tag("p", escape_text(chicago(self.article, page_url)), class_="ar-cite-chicago")
        inner += tag("pre", tag("code", escape_text(cite)), class_="ar-cite-bibtex")
        inner += tag("p", "Each numbered paragraph has its own address: follow or copy its number.")
        return tag("section", inner, class_="ar-cite ar-ui", id="cite")

    def panel(self) -> str:
        """The names the article mentions, by type, with counts, and the legend of the marks with a switch for each
        type; the template shows it beside the text, after it in reading order."""
        types = [entity_type for entity_type in ENTITY_TYPES
                 if any(self.catalog[i].type == entity_type for i in self.first)]
        parts = [tag("p", "In this article" + tag("span", plural(len(self.first), "name"), class_="ar-count"),
                     class_="ar-panel-title"), self.legend(types)]
        for entity_type in types:
            entities = sorted((self.catalog[i] for i in self.first if self.catalog[i].type == entity_type),
                              key=lambda entity: (-self.counts[entity.id], entity.name.casefold()))
            parts.append(tag("p", escape_text(ENTITY_TYPES[entity_type].plural), class_=f"ar-panel-group ar-{entity_type}"))
            parts.append(tag("ul", "".join(map(self.panel_item, entities))))
        return tag("nav", "".join(parts), class_="ar-in-this-article ar-ui ar-nolink", aria_label="In this article")

    @staticmethod
    def legend(types: list[str]) -> str:
        """What each underline means, each with a switch that shows or hides that type's marks in the text."""
        items = "".join(
            tag("li", f'<input type="checkbox" checked id="ar-show-{entity_type}" data-ar-type="{entity_type}"> '
                + tag("label", tag("span", escape_text(ENTITY_TYPES[entity_type].plural), class_=f"ar-sample ar-{entity_type}")
                      + tag("span", f" {ENTITY_TYPES[entity_type].underline} underline", class_="ar-legend-style"),
                      for_=f"ar-show-{entity_type}"))
            for entity_type in types)
        help_text = ("Coloured: an entity's first mention; later ones are quieter. On a focused name, ← and → "
                     "step through the entity's mentions.")
        inner = tag("legend", "Marks in the text") + tag("ul", items) + tag("p", help_text, class_="ar-legend-help")
        return tag("fieldset", inner, class_="ar-marks")

    def panel_item(self, entity: Entity) -> str:
        """The entity's name, linked to its first mention (the script steps on from there), and its counts."""
        count, in_comments = self.counts[entity.id], self.in_comments[entity.id]
        link = tag("a", escape_text(entity.name), href=f"#{self.first[entity.id]}", data_follow=entity.id)
        spoken = plural(count, "mention") + (f", {in_comments:,} in reader comments" if in_comments else "")
        shown = f"{count:,}" + (f" + {in_comments:,} in comments" if in_comments else "")
        return f'<li>{link} <span class="ar-count" aria-hidden="true">{shown}</span><span class="ar-sr"> {spoken}</span></li>'


def reading_minutes(article: Article) -> int:
    """Minutes to read the article's own text (captions, pull quotes and comments left out), at least one."""
    words = sum(len(block.text.split()) for block in article.body if block.kind not in (Kind.CAPTION, Kind.PULL_QUOTE))
    return max(1, round(words / WORDS_A_MINUTE))


def render_article(article: Article, mentions: list[Mention], catalog: Catalog, url: UrlOf, absolute: UrlOf = page_path,
                   neighbours: Neighbours = Neighbours()) -> ArticlePage:
    """The article (header, body in seed order, citation, reader comments, the articles before and after), its
    panel and its headings; ``absolute`` gives the site's addresses with ``site_url``, for citations and JSON-LD
    (without it, addresses from the site's root)."""
    writer = _Writer(article, mentions, catalog, url)
    entity_ids = list(writer.first)
    page_url = absolute(article_src_uri(article.slug))
    mentioned = [catalog[entity_id] for entity_id in entity_ids]
    return ArticlePage(_article(writer, page_url, neighbours), writer.panel(), writer.headings,
                       article_json_ld(article, mentioned, page_url, absolute), entity_ids)


def _article(writer: _Writer, page_url: str, neighbours: Neighbours) -> str:
    inner = writer.header() + writer.body() + writer.citation(page_url) + writer.comments() + writer.neighbours(neighbours)
    return tag("article", inner, class_="ar-article ar-nolink", data_source=writer.article.source.name)
