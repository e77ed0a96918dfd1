"""Paginated article listings: newest first, and by month, author, source and tag.

A large corpus is browsed from these pages and from entity pages, never from the
navigation, so no page grows with the corpus: each listing page holds at most
:data:`PAGE_SIZE` articles. Listings are kept out of the search index (they repeat what
the articles say). A page's Markdown holds its heading, a placeholder and its pager; the
entries, which quote seed text, are written as HTML text (:func:`entries_html`) when the
page is written.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..reading.article import Article
from ..reading.dates import format_date
from ..writing.addresses import LISTINGS_ROOT, UrlOf, article_src_uri, listing_src_uri
from ..writing.elements import placeholder
from ..writing.escape import escape_markdown
from ..writing.html_text import escape_text, tag
from ..writing.pager import PAGER_LABELS, pager_line

PAGE_SIZE = 50
ROOT = LISTINGS_ROOT
UNDATED = "undated"
_FRONT_MATTER = ["---", "search:", "  exclude: true", "---", ""]


def month_of(article: Article) -> str:
    """The month an article is listed under: ``2015-01``, or :data:`UNDATED`."""
    return f"{article.date:%Y-%m}" if article.date else UNDATED


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, -(a.date.toordinal() if a.date else 0), a.title.casefold()))


PLACEHOLDER_KEY = "listing"


@dataclass
class Listings:
    markdown: dict[str, str] = field(default_factory=dict)
    """src_uri -> Markdown of every listing page."""
    entries: dict[str, list[Article]] = field(default_factory=dict)
    """src_uri -> the articles a page lists, in order."""


def entries_html(articles: Iterable[Article], url: UrlOf, level: int = 2) -> str:
    """Articles in a list: title link (a heading of ``level``), byline, source and date, standfirst."""
    parts = []
    for article in articles:
        link = tag("a", escape_text(article.title), href=url(article_src_uri(article.slug)), data_article=article.slug)
        parts.append(tag(f"h{level}", link))
        facts = [part for part in (article.byline, article.publication) if part]
        if article.date:
            facts.append(format_date(article.date))
        if facts:
            parts.append(tag("p", escape_text(" · ".join(facts)), class_="ar-meta"))
        if article.standfirst:
            parts.append(tag("p", escape_text(article.standfirst.text)))
    return tag("div", "".join(parts), class_="ar-listing")


def _page_uri(base: str, number: int) -> str:
    return f"{base}.md" if number == 1 else f"{base}-page-{number}.md"


def _paginate(listings: Listings, base: str, title: str, articles: list[Article]) -> None:
    """``base``.md, ``base``-page-2.md …, each with a pager."""
    count = max(1, -(-len(articles) // PAGE_SIZE))
    for number in range(1, count + 1):
        src_uri = _page_uri(base, number)
        listings.entries[src_uri] = articles[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
        heading = title if count == 1 else f"{title} ({number} of {count})"
        above, below = ([_pager(base, number, count, label), ""] for label in PAGER_LABELS) if count > 1 else ([], [])
        lines = [*_FRONT_MATTER, f"# {escape_markdown(heading)}", "", *above, placeholder(PLACEHOLDER_KEY), "", *below]
        listings.markdown[src_uri] = "\n".join(lines)


def _pager(base: str, number: int, count: int, label: str) -> str:
    """Links to the pages near page ``number`` (:func:`.pager_line`), in Markdown, this one in bold."""
    line = pager_line(number, count, lambda page, text: f"[{text}](/{_page_uri(base, page)})",
                      lambda text: f'**{text}**{{: aria-current="page" }}')
    return f'<nav class="ar-pager" aria-label="{label}" markdown>\n{line}\n</nav>'


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


def _grouped(listings: Listings, kind: str, title: str, intro: str, articles: list[Article],
             keys: Callable[[Article], Iterable[str]]) -> None:
    """An index page of groups with counts, and a paginated listing per group."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for key in keys(article):
            groups[key].append(article)
    lines = [*_FRONT_MATTER, f"# {title}", "", intro, ""]
    for key in _group_order(kind, groups):
        base = listing_src_uri(kind, key).removesuffix(".md")
        label = _label(kind, key)
        lines.append(f"- [{escape_markdown(label)}](/{base}.md) ({len(groups[key])})")
        _paginate(listings, base, f"{title}: {label}", groups[key])
    if not groups:
        lines.append("None yet.")
    listings.markdown[f"{ROOT}/{kind}s.md"] = "\n".join([*lines, ""])


def render_listings(articles: Iterable[Article]) -> Listings:
    """Every listing page: its Markdown, and the articles it lists."""
    ordered = newest_first(articles)
    listings = Listings()
    _paginate(listings, f"{ROOT}/index", "All articles, newest first", ordered)
    _grouped(listings, "month", "By month", "Months with articles, latest first.", ordered,
             lambda a: [month_of(a)])
    _grouped(listings, "author", "By author", "Everyone with a byline in the corpus.", ordered,
             lambda a: [a.byline] if a.byline else [])
    _grouped(listings, "source", "By source", "Where the articles were published.", ordered,
             lambda a: [a.publication] if a.publication else [])
    _grouped(listings, "tag", "By tag", "Topics that sidecars give the articles.", ordered, lambda a: a.tags)
    return listings


HOME_LATEST = 10


def latest(articles: Iterable[Article]) -> list[Article]:
    """The articles the home page lists."""
    return newest_first(articles)[:HOME_LATEST]


def render_latest(count: int) -> str:
    """The home page's list (its placeholder; see :func:`latest`) and the ways to browse all ``count`` articles."""
    lines = ["## Latest articles", "", placeholder(PLACEHOLDER_KEY)]
    everything = "The article" if count == 1 else f"All {count:,} articles, newest first"
    lines += [f"[{everything}](/{ROOT}/index.md) · [by month](/{ROOT}/months.md) · "
              f"[by author](/{ROOT}/authors.md) · [by source](/{ROOT}/sources.md) · [by tag](/{ROOT}/tags.md)", ""]
    return "\n".join(lines)
