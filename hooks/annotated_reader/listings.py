"""Paginated article listings: newest first, and by month, author, source and tag.

A large corpus is browsed from these pages and from entity pages, never from the
navigation, so no page grows with the corpus: each listing page holds at most
:data:`PAGE_SIZE` articles. Listings are kept out of the search index (they repeat what
the articles say).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Callable, Iterable

from slugify import slugify

from .article import Article
from .article_page import article_src_uri
from .dates import format_date
from .escape import escape_markdown

PAGE_SIZE = 50
ROOT = "browse"
UNDATED = "undated"
_FRONT_MATTER = ["---", "search:", "  exclude: true", "---", ""]


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, -(a.date.toordinal() if a.date else 0), a.title.casefold()))


def article_entry(article: Article, level: int = 2) -> list[str]:
    """One article in a list: title link (a heading of ``level``), byline, date and source, standfirst."""
    lines = [f"{'#' * level} [{escape_markdown(article.title)}](/{article_src_uri(article.slug)})", ""]
    facts = [html.escape(part) for part in (article.byline, article.publication) if part]
    if article.date:
        facts.append(format_date(article.date))
    if facts:
        lines += [f'<p class="ar-meta">{" · ".join(facts)}</p>', ""]
    if article.standfirst:
        lines += [escape_markdown(article.standfirst.text), ""]
    return lines


def _page_uri(base: str, number: int) -> str:
    return f"{base}.md" if number == 1 else f"{base}-page-{number}.md"


def _paginate(base: str, title: str, articles: list[Article]) -> dict[str, str]:
    """``base``.md, ``base``-page-2.md …, each with a pager."""
    pages = {}
    count = max(1, -(-len(articles) // PAGE_SIZE))
    for number in range(1, count + 1):
        chunk = articles[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
        heading = title if count == 1 else f"{title} ({number} of {count})"
        lines = [*_FRONT_MATTER, f"# {escape_markdown(heading)}", ""]
        for article in chunk:
            lines += article_entry(article)
        if count > 1:
            links = [f"**{n}**" if n == number else f"[{n}](/{_page_uri(base, n)})" for n in range(1, count + 1)]
            lines += ["Pages: " + " · ".join(links), "{: .ar-pager }", ""]
        pages[_page_uri(base, number)] = "\n".join(lines)
    return pages


def _group_order(kind: str, groups: Iterable[str]) -> list[str]:
    """Months latest first (undated last); other groups alphabetically."""
    keys = sorted(groups, key=str.casefold)
    if kind != "month":
        return keys
    return sorted((k for k in keys if k != UNDATED), reverse=True) + [k for k in keys if k == UNDATED]


def _label(kind: str, key: str) -> str:
    if key == UNDATED:
        return "Undated"
    if kind == "month":
        return f"{dt.date.fromisoformat(key + '-01'):%B %Y}"
    return key


def _grouped(kind: str, title: str, intro: str, articles: list[Article],
             keys: Callable[[Article], Iterable[str]]) -> dict[str, str]:
    """An index page of groups with counts, and a paginated listing per group."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for key in keys(article):
            groups[key].append(article)
    pages: dict[str, str] = {}
    lines = [*_FRONT_MATTER, f"# {title}", "", intro, ""]
    for key in _group_order(kind, groups):
        base = f"{ROOT}/{kind}/{slugify(key) or 'none'}"
        label = _label(kind, key)
        lines.append(f"- [{escape_markdown(label)}](/{base}.md) ({len(groups[key])})")
        pages.update(_paginate(base, f"{title}: {label}", groups[key]))
    if not groups:
        lines.append("None yet.")
    pages[f"{ROOT}/{kind}s.md"] = "\n".join([*lines, ""])
    return pages


def render_listings(articles: Iterable[Article]) -> dict[str, str]:
    """src_uri -> Markdown of every listing page."""
    ordered = newest_first(articles)
    pages = _paginate(f"{ROOT}/index", "All articles, newest first", ordered)
    pages.update(_grouped("month", "By month", "Months with articles, latest first.", ordered,
                          lambda a: [f"{a.date:%Y-%m}" if a.date else UNDATED]))
    pages.update(_grouped("author", "By author", "Everyone with a byline in the corpus.", ordered,
                          lambda a: [a.byline] if a.byline else []))
    pages.update(_grouped("source", "By source", "Where the articles were published.", ordered,
                          lambda a: [a.publication] if a.publication else []))
    pages.update(_grouped("tag", "By tag", "Topics that sidecars give the articles.", ordered, lambda a: a.tags))
    return pages


HOME_LATEST = 10


def render_latest(articles: Iterable[Article]) -> str:
    """The home page's list: the latest articles and the ways to browse the rest."""
    ordered = newest_first(articles)
    lines = ["## Latest articles", ""]
    for article in ordered[:HOME_LATEST]:
        lines += article_entry(article, level=3)
    lines += [f"[All {len(ordered)} articles, newest first](/{ROOT}/index.md) · [by month](/{ROOT}/months.md) · "
              f"[by author](/{ROOT}/authors.md) · [by source](/{ROOT}/sources.md) · [by tag](/{ROOT}/tags.md)", ""]
    return "\n".join(lines)
