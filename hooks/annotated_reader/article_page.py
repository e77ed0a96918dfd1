"""Renders an :class:`Article` and its mentions as the Markdown of its page.

Every piece of seed text passes through :func:`escape_markdown` (Markdown) or
``html.escape`` (raw HTML attributes and elements) before it is placed; mentions are
emitted as Markdown links, so MkDocs validates each of them. The wrapper carries
``ar-nolink`` because the page is already linked: the annotator leaves it alone.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter

import yaml

from .article import Article, Block
from .catalog import ENTITY_TYPE_PLURALS, Catalog
from .escape import escape_markdown
from .markup import entity_href, mention_markdown
from .mentions import Mention
from .structured_data import article_json_ld


def article_src_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def format_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _annotated(block: Block, mentions: list[Mention], catalog: Catalog) -> str:
    """The block's text as Markdown with each of its mentions marked."""
    parts, position = [], 0
    for mention in mentions:
        parts.append(escape_markdown(block.text[position:mention.start]))
        surface = block.text[mention.start:mention.end]
        parts.append(mention_markdown(surface, catalog[mention.entity_id], mention.id, mention.full_link))
        position = mention.end
    parts.append(escape_markdown(block.text[position:]))
    return "".join(part for part in parts if part)


def _paragraph(block: Block, text: str, classes: str, number: int | None = None) -> str:
    marker = ""
    if number is not None:
        marker = f'[{number}](#{block.id}){{: .ar-pnum .ar-ui title="Link to paragraph {number}" }} '
    return f"{marker}{text}\n{{: #{block.id} {classes} }}\n"


def _header(article: Article) -> list[str]:
    lines = [f"# {escape_markdown(article.title)}", ""]
    facts = []
    if article.byline:
        facts.append(f'<span class="ar-ui">By </span><span class="ar-byline">{html.escape(article.byline)}</span>')
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


def render_article(article: Article, mentions: list[Mention], catalog: Catalog) -> str:
    """The complete Markdown source (front matter included) of an article's page."""
    by_block: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_block.setdefault(mention.block_id, []).append(mention)

    def text(block: Block) -> str:
        return _annotated(block, by_block.get(block.id, []), catalog)

    mentioned = [catalog[entity_id] for entity_id in dict.fromkeys(m.entity_id for m in mentions)]
    # Material prints these values into the page unescaped, so they are escaped here.
    meta = {"title": html.escape(article.title), "article": article.slug, "hide": ["toc"],
            "json_ld": article_json_ld(article, mentioned)}
    if article.standfirst:
        meta["description"] = html.escape(article.standfirst.text)
    lines = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip(), "---", ""]
    lines += ['<article class="ar-article ar-nolink" markdown>', ""]
    lines += _header(article)
    if article.standfirst:
        lines += [_paragraph(article.standfirst, text(article.standfirst), ".ar-standfirst")]
    for caption in article.captions:
        credit = ""
        if caption.credit:
            credit = f' <span class="ar-credit">\\({escape_markdown(caption.credit)}\\)</span>'
        lines += [
            f'<figure class="ar-figure" id="{caption.block.id}" markdown>',
            f'<figcaption markdown="span"><span class="ar-ui">Photo: </span>{text(caption.block)}{credit}</figcaption>',
            "</figure>",
            "",
        ]
    for number, block in enumerate(article.paragraphs, start=1):
        lines += [_paragraph(block, text(block), ".ar-para", number)]
    for block in article.pull_quotes:
        lines += [
            '<aside class="ar-pull-quote" markdown>',
            '<p class="ar-ui ar-label">Pull quote</p>',
            "",
            _paragraph(block, text(block), ".ar-pull-quote-text"),
            "</aside>",
            "",
        ]
    lines += _in_this_article(mentions, catalog)
    if article.comments:
        lines += [
            '<section class="ar-comments" markdown>',
            "",
            "## Reader comments {: #reader-comments .ar-ui }",
            "",
            '<p class="ar-ui ar-comments-note">Written by readers, not by the author; shown as received.</p>',
            "",
        ]
        for comment in article.comments:
            meta_parts = []
            if comment.author:
                meta_parts.append(f'<span class="ar-comment-author">{html.escape(comment.author)}</span>')
            if comment.date_text:
                meta_parts.append(f'<time datetime="{comment.date}">{html.escape(comment.date_text)}</time>')
            lines += [
                f'<div class="ar-comment" id="comment-{comment.number}" markdown>',
                f'<p class="ar-comment-meta">{" ".join(meta_parts)}</p>',
                "",
            ]
            lines += [_paragraph(block, text(block), ".ar-comment-text") for block in comment.paragraphs]
            lines += ["</div>", ""]
        lines += ["</section>", ""]
    lines += ["</article>", ""]
    return "\n".join(lines)
