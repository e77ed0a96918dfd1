"""Renders an :class:`Article` and its mentions as its page.

The page's Markdown is one placeholder; :func:`build_article` makes the whole article as
an element tree, which the extension (:mod:`.annotate`) puts in the placeholder's place.
Seed text is only ever set as element text: it never passes through Markdown, so it
cannot be read as syntax, the serializer escapes it for HTML, and no inline pattern has
to scan it. The mention links are ``/people/x.md``-style paths in the tree before MkDocs'
link rewriting, so MkDocs still validates every one of them and every anchor.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterable

import yaml
from markdown.util import AtomicString

from .article import Article, Block, Comment, Kind
from .catalog import ENTITY_TYPE_PLURALS, Catalog
from .citation import bibtex, chicago
from .dates import format_date
from .elements import append_text, detached, element, placeholder
from .markup import entity_href, mention_element
from .mentions import Mention
from .structured_data import article_json_ld


def article_src_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def page_path(src_uri: str) -> str:
    """Where a page is published, relative to the site root (the site uses .html addresses)."""
    return src_uri.removesuffix(".md") + ".html"


def render_article(article: Article) -> str:
    """The Markdown source of an article's page: its title for MkDocs, and the placeholder."""
    # Material prints the title into the page unescaped, so it is escaped here.
    meta = {"title": html.escape(article.title), "hide": ["toc"]}
    front_matter = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip()
    return f"---\n{front_matter}\n---\n\n{placeholder('article')}"


def article_meta(article: Article, mentions: list[Mention], catalog: Catalog) -> dict:
    """Page metadata the hook adds (kept out of the Markdown: no YAML round trip for it)."""
    mentioned = [catalog[entity_id] for entity_id in dict.fromkeys(m.entity_id for m in mentions)]
    meta = {"article": article.slug, "json_ld": article_json_ld(article, mentioned)}
    if article.standfirst:
        meta["description"] = html.escape(article.standfirst.text)  # printed unescaped by Material
    return meta


def _text_with_mentions(parent: etree.Element, block: Block, mentions: list[Mention], catalog: Catalog) -> None:
    position = 0
    for mention in mentions:
        append_text(parent, block.text[position:mention.start])
        parent.append(mention_element(block.text[mention.start:mention.end], catalog[mention.entity_id],
                                      mention.id, mention.full_link))
        position = mention.end
    append_text(parent, block.text[position:])


class _Builder:
    """Builds the article's elements, each block with its own mentions."""

    def __init__(self, article: Article, mentions: list[Mention], catalog: Catalog) -> None:
        self.article = article
        self.catalog = catalog
        self.by_block: dict[str, list[Mention]] = {}
        for mention in mentions:
            self.by_block.setdefault(mention.block_id, []).append(mention)
        self.counts = Counter(mention.entity_id for mention in mentions)

    def text(self, parent: etree.Element, block: Block) -> None:
        _text_with_mentions(parent, block, self.by_block.get(block.id, []), self.catalog)

    def block(self, parent: etree.Element, tag: str, block: Block, classes: str, numbered: bool = False) -> etree.Element:
        node = element(parent, tag, id=block.id, class_=classes)
        if numbered:
            number = block.id[1:]
            element(node, "a", number, class_="ar-pnum ar-ui", href=f"#{block.id}",
                    title=f"Link to paragraph {number}").tail = " "
        self.text(node, block)
        return node

    def header(self, root: etree.Element) -> None:
        """Byline, title, date and source, in the order the seed gives them."""
        article = self.article
        if article.byline and article.byline_before_title:
            self.byline(root)
        element(root, "h1", article.title, id="title")
        if article.byline and not article.byline_before_title:
            self.byline(root)
        facts: list[etree.Element] = []
        if article.date_text:
            facts.append(detached("time", article.date_text, datetime=str(article.date)))
        elif article.date:
            facts.append(detached("time", format_date(article.date), class_="ar-ui", datetime=str(article.date)))
        if article.url:
            source = detached("span", "Source: ", class_="ar-ui")
            element(source, "a", article.publication or article.url, href=article.url, rel="nofollow noopener")
            facts.append(source)
        elif article.publication:
            facts.append(detached("span", f"Source: {article.publication}", class_="ar-ui"))
        if facts:
            meta = element(root, "p", class_="ar-meta")
            for number, fact in enumerate(facts):
                if number:
                    meta.append(detached("span", " · ", class_="ar-ui", aria_hidden="true"))
                meta.append(fact)

    def byline(self, root: etree.Element) -> None:
        """As the seed writes it; "By" is added as a label when the seed has only the name."""
        article = self.article
        line = element(root, "p", class_="ar-byline")
        if article.byline_text and article.byline_text != article.byline:
            line.text = AtomicString(article.byline_text)
        else:
            element(line, "span", "By ", class_="ar-ui").tail = AtomicString(article.byline or "")

    def body(self, root: etree.Element) -> None:
        """The body in seed order; consecutive list items of one kind make one list."""
        current_list: etree.Element | None = None
        for block in self.article.body:
            if block.kind is not Kind.LIST_ITEM:
                current_list = None
            match block.kind:
                case Kind.STANDFIRST:
                    self.block(root, "p", block, "ar-standfirst")
                case Kind.CAPTION:
                    self.caption(root, block)
                case Kind.LIST_ITEM:
                    tag = "ol" if block.ordered else "ul"
                    if current_list is None or current_list.tag != tag:
                        current_list = element(root, tag, class_="ar-list")
                    self.block(current_list, "li", block, "ar-list-item", numbered=True)
                case Kind.SUBHEADING:
                    element(root, "h2", block.text, id=block.id, class_="ar-subheading")
                case Kind.PULL_QUOTE:
                    aside = element(root, "aside", class_="ar-pull-quote")
                    element(aside, "p", "Pull quote", class_="ar-ui ar-label")
                    self.block(aside, "p", block, "ar-pull-quote-text")
                case Kind.QUESTION | Kind.ANSWER:
                    self.block(root, "p", block, f"ar-para ar-{block.kind.value}", numbered=True)
                case _:
                    self.block(root, "p", block, "ar-para", numbered=True)

    def caption(self, root: etree.Element, block: Block) -> None:
        figure = element(root, "figure", class_="ar-figure", id=block.id)
        caption = element(figure, "figcaption")
        element(caption, "span", "Photo: ", class_="ar-ui")
        self.text(caption, block)
        if block.credit:
            append_text(caption, " ")
            element(caption, "span", f"({block.credit})", class_="ar-credit")

    def comments(self, root: etree.Element) -> None:
        if not self.article.comments:
            return
        section = element(root, "section", class_="ar-comments")
        element(section, "h2", "Reader comments", id="reader-comments", class_="ar-ui")
        element(section, "p", "Written by readers, not by the author; shown as received.", class_="ar-ui ar-comments-note")
        for comment in self.article.comments:
            self.comment(section, comment)

    def comment(self, section: etree.Element, comment: Comment) -> None:
        box = element(section, "div", class_="ar-comment", id=f"comment-{comment.number}")
        if comment.author:
            element(box, "p", comment.author, class_="ar-comment-author")
        for paragraph in comment.paragraphs:
            self.block(box, "p", paragraph, "ar-comment-text")
        if comment.date_text:
            element(element(box, "p", class_="ar-comment-date"), "time", comment.date_text, datetime=str(comment.date))

    def citation(self, root: etree.Element) -> None:
        """How to cite the original article, and this page's paragraphs."""
        section = element(root, "section", class_="ar-cite ar-ui", id="cite")
        element(section, "h2", "Cite this article", id="cite-this-article")
        element(section, "p", chicago(self.article), class_="ar-cite-chicago")
        code = element(element(section, "pre", class_="ar-cite-bibtex"), "code")
        code.text = AtomicString(bibtex(self.article, page_path(article_src_uri(self.article.slug))))
        element(section, "p", "Each numbered paragraph has its own address: follow or copy its number.")

    def panel(self, root: etree.Element) -> None:
        """The names the article mentions, by type, with counts; the template shows it beside the text."""
        nav = element(root, "nav", class_="ar-in-this-article ar-ui ar-nolink", aria_label="In this article")
        title = element(nav, "p", "In this article", class_="ar-panel-title")
        element(title, "span", f"{len(self.counts)} names", class_="ar-count")
        for entity_type, plural in ENTITY_TYPE_PLURALS.items():
            entities = sorted((self.catalog[i] for i in self.counts if self.catalog[i].type == entity_type),
                              key=lambda entity: (-self.counts[entity.id], entity.name.casefold()))
            if entities:
                element(nav, "p", plural, class_=f"ar-panel-group ar-{entity_type}")
                self.panel_list(nav, entities)

    def panel_list(self, nav: etree.Element, entities: Iterable) -> None:
        items = element(nav, "ul")
        for entity in entities:
            item = element(items, "li")
            element(item, "a", entity.name, href=entity_href(entity)).tail = " "
            count = self.counts[entity.id]
            number = element(item, "span", str(count), class_="ar-count")
            element(number, "span", f" mention{'s' if count != 1 else ''}", class_="ar-sr")


def build_article(article: Article, mentions: list[Mention], catalog: Catalog) -> etree.Element:
    """The whole article as elements: header, body in seed order, the panel, reader comments."""
    builder = _Builder(article, mentions, catalog)
    root = etree.Element("article", {"class": "ar-article ar-nolink", "data-source": article.source.name})
    builder.header(root)
    builder.body(root)
    builder.citation(root)
    builder.panel(root)
    builder.comments(root)
    return root
