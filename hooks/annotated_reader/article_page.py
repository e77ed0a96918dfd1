"""Renders an :class:`Article` as the Markdown of its page.

The page's structure is Markdown; the text of each block is not. Each block is a
placeholder (:data:`FILL`) carrying ``data-ar-fill="BLOCK-ID"``, which the fill
treeprocessor (:mod:`.annotate`) replaces with the block's seed text and its mentions,
built as elements. Seed text thus never passes through Markdown at all (it cannot be read
as syntax, and no inline pattern scans it), and the mention links still pass through
MkDocs' link validation. Short seed strings placed in the structure (title, byline,
credit, names) are escaped with :func:`escape_markdown` or ``html.escape``. The wrapper
carries ``ar-nolink``: the annotator leaves the already linked page alone.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter

import yaml

from .article import Article, Block, Kind
from .catalog import ENTITY_TYPE_PLURALS, Catalog
from .escape import escape_markdown, seed_markdown
from .markup import entity_href
from .mentions import Mention
from .structured_data import article_json_ld


def article_src_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def format_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


FILL = "ARFILL"
"""The placeholder text of a block until the fill treeprocessor puts the seed text in."""


def _fill(block: Block, number: bool = False) -> str:
    """Attributes that ask the fill treeprocessor for this block's text (and paragraph number)."""
    return f'data-ar-fill="{block.id}"' + (f' data-ar-number="{block.id[1:]}"' if number else "")


def _paragraph(block: Block, classes: str, numbered: bool = False) -> str:
    return f"{FILL}\n{{: #{block.id} {classes} {_fill(block, numbered)} }}\n"


def _byline(article: Article) -> str:
    """The byline as the seed writes it; "By" is added as a label when the seed has only the name."""
    if article.byline_text and article.byline_text != article.byline:
        shown = html.escape(article.byline_text)
    else:
        shown = f'<span class="ar-ui">By </span>{html.escape(article.byline or "")}'
    return f'<p class="ar-byline">{shown}</p>'


def _header(article: Article) -> list[str]:
    """Byline, title, date and source, in the order the seed gives them."""
    lines = [_byline(article), ""] if article.byline and article.byline_before_title else []
    lines += [f"# {seed_markdown(article.title)}", ""]
    if article.byline and not article.byline_before_title:
        lines += [_byline(article), ""]
    facts = []
    if article.date_text:
        facts.append(f'<time datetime="{article.date}">{html.escape(article.date_text)}</time>')
    elif article.date:
        facts.append(f'<time class="ar-ui" datetime="{article.date}">{format_date(article.date)}</time>')
    if article.publication or article.url:
        name = html.escape(article.publication or article.url or "")
        source = f'<a href="{html.escape(article.url)}" rel="nofollow noopener">{name}</a>' if article.url else name
        facts.append(f'<span class="ar-ui">Source: {source}</span>')
    if facts:
        separator = '<span class="ar-ui" aria-hidden="true"> · </span>'
        lines += [f'<p class="ar-meta">{separator.join(facts)}</p>', ""]
    return lines


def _figure(block: Block) -> list[str]:
    """A photo caption; the fill adds its "Photo:" label and its credit around the text."""
    return [
        f'<figure class="ar-figure" id="{block.id}" markdown>',
        f'<figcaption {_fill(block)} markdown="span">{FILL}</figcaption>',
        "</figure>",
        "",
    ]


def _list(items: list[Block]) -> list[str]:
    tag = "ol" if items[0].ordered else "ul"
    lines = [f'<{tag} class="ar-list" markdown>']
    lines += [f'<li id="{block.id}" {_fill(block, number=True)} markdown="span">{FILL}</li>' for block in items]
    return [*lines, f"</{tag}>", ""]


def _pull_quote(block: Block) -> list[str]:
    return [
        '<aside class="ar-pull-quote" markdown>',
        '<p class="ar-ui ar-label">Pull quote</p>',
        "",
        _paragraph(block, ".ar-pull-quote-text"),
        "</aside>",
        "",
    ]


def _body(article: Article) -> list[str]:
    """The body in seed order; consecutive list items of one kind make one list."""
    lines: list[str] = []
    pending_list: list[Block] = []
    for block in article.body:
        if pending_list and (block.kind is not Kind.LIST_ITEM or block.ordered != pending_list[0].ordered):
            lines += _list(pending_list)
            pending_list = []
        match block.kind:
            case Kind.STANDFIRST:
                lines.append(_paragraph(block, ".ar-standfirst"))
            case Kind.CAPTION:
                lines += _figure(block)
            case Kind.LIST_ITEM:
                pending_list.append(block)
            case Kind.SUBHEADING:
                lines += [f"## {seed_markdown(block.text)} {{: #{block.id} .ar-subheading }}", ""]
            case Kind.PULL_QUOTE:
                lines += _pull_quote(block)
            case Kind.QUESTION | Kind.ANSWER:
                lines.append(_paragraph(block, f".ar-para .ar-{block.kind.value}", numbered=True))
            case _:
                lines.append(_paragraph(block, ".ar-para", numbered=True))
    if pending_list:
        lines += _list(pending_list)
    return lines


def _comments(article: Article) -> list[str]:
    if not article.comments:
        return []
    lines = [
        '<section class="ar-comments" markdown>',
        "",
        "## Reader comments {: #reader-comments .ar-ui }",
        "",
        '<p class="ar-ui ar-comments-note">Written by readers, not by the author; shown as received.</p>',
        "",
    ]
    for comment in article.comments:
        lines.append(f'<div class="ar-comment" id="comment-{comment.number}" markdown>')
        if comment.author:
            lines += [f'<p class="ar-comment-author">{html.escape(comment.author)}</p>', ""]
        lines += [_paragraph(block, ".ar-comment-text") for block in comment.paragraphs]
        if comment.date_text:
            date = f'<time datetime="{comment.date}">{html.escape(comment.date_text)}</time>'
            lines += [f'<p class="ar-comment-date">{date}</p>', ""]
        lines += ["</div>", ""]
    return [*lines, "</section>", ""]


def _in_this_article(mentions: list[Mention], catalog: Catalog) -> list[str]:
    """The panel of entities the article names, grouped by type, with counts (shown beside the text)."""
    counts = Counter(mention.entity_id for mention in mentions)
    lines = [
        '<nav class="ar-in-this-article ar-ui ar-nolink" aria-label="In this article" data-search-exclude markdown>',
        "",
        f'<p class="ar-panel-title">In this article <span class="ar-count">{len(counts)} names</span></p>',
        "",
    ]
    for entity_type, plural in ENTITY_TYPE_PLURALS.items():
        entries = sorted((catalog[i] for i in counts if catalog[i].type == entity_type),
                         key=lambda entity: (-counts[entity.id], entity.name.casefold()))
        if not entries:
            continue
        lines += [f'<p class="ar-panel-group ar-{entity_type}">{plural}</p>', ""]
        for entity in entries:
            count = counts[entity.id]
            lines.append(f"- [{escape_markdown(entity.name)}]({entity_href(entity)}) "
                         f'<span class="ar-count">{count}<span class="ar-sr"> mention{"s" if count != 1 else ""}</span></span>')
        lines.append("")
    return [*lines, "</nav>", ""]


def article_meta(article: Article, mentions: list[Mention], catalog: Catalog) -> dict:
    """Page metadata the hook adds (kept out of the Markdown: no YAML round trip for it)."""
    mentioned = [catalog[entity_id] for entity_id in dict.fromkeys(m.entity_id for m in mentions)]
    meta = {"article": article.slug, "json_ld": article_json_ld(article, mentioned)}
    if article.standfirst:
        meta["description"] = html.escape(article.standfirst.text)  # printed unescaped by Material
    return meta


def render_article(article: Article, mentions: list[Mention], catalog: Catalog) -> str:
    """The complete Markdown source (front matter included) of an article's page."""
    # Material prints the title into the page unescaped, so it is escaped here.
    meta = {"title": html.escape(article.title), "hide": ["toc"]}
    lines = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip(), "---", ""]
    lines += [f'<article class="ar-article ar-nolink" data-source="{html.escape(article.source.name)}" markdown>', ""]
    lines += _header(article)
    lines += _body(article)
    lines += _in_this_article(mentions, catalog)
    lines += _comments(article)
    lines += ["</article>", ""]
    return "\n".join(lines)


def article_fill(article: Article, mentions: list[Mention]) -> dict[str, tuple[Block, list[Mention]]]:
    """What the fill treeprocessor puts in each placeholder: block id -> (block, its mentions)."""
    fill: dict[str, tuple[Block, list[Mention]]] = {block.id: (block, []) for block in article.annotatable_blocks()}
    for mention in mentions:
        fill[mention.block_id][1].append(mention)
    return fill
