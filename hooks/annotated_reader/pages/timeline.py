"""One timeline of the corpus: events by their dates and articles by publication date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import groupby

from ..reading.article import Article
from ..reading.catalog import Catalog
from ..writing.addresses import article_src_uri, entity_href, listing_src_uri
from ..writing.escape import escape_markdown
from .listings import UNDATED, month_of

_MONTHS = [dt.date(2000, month, 1).strftime("%B") for month in range(1, 13)]


def partial_date(value: str) -> str:
    """"2014" -> "2014", "2014-02" -> "February 2014", "2014-02-10" -> "10 February 2014"."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _key(value: str) -> tuple[int, int, int]:
    parts = [int(part) for part in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


TITLES_PER_MONTH = 5
"""A month with more articles than this shows their count and a link to the month's listing, so that the
timeline grows with the months and the events, not with the articles."""


def _article_line(article: Article, slug: str) -> str:
    return f'[{escape_markdown(article.title)}](/{article_src_uri(slug)}){{: data-article="{slug}" }}'


def _counted(slugs: list[str], month: str) -> str:
    """A month's articles as their number, linked to the month's listing page."""
    return f"[{len(slugs)} articles](/{listing_src_uri('month', month)})"


def render_timeline(catalog: Catalog, articles: dict[str, Article]) -> str:
    """Events by their dates and, month by month, the articles: their titles while a month has a few, else their
    number, linked to the month's listing page (:mod:`.listings`)."""
    entries: list[tuple[tuple[int, int, int], str]] = []
    for entity in catalog:
        if entity.type == "event" and entity.date:
            when = partial_date(entity.date) + (f" – {partial_date(entity.end)}" if entity.end else "")
            link = f'[{escape_markdown(entity.name)}]({entity_href(entity)}){{: data-entity="{entity.id}" }}'
            entries.append((_key(entity.date), f"- {when}: {link} "
                                               f'<span class="ar-count">event</span>'))
    by_month: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(articles):
        by_month[month_of(articles[slug])].append(slug)
    undated = by_month.pop(UNDATED, [])
    for month, slugs in by_month.items():
        if len(slugs) > TITLES_PER_MONTH:
            entries.append((_key(month), f"- {partial_date(month)}: {_counted(slugs, month)}"))  # "23 articles" names the kind
        else:
            entries += [(_key(articles[slug].date.isoformat()), f"- {partial_date(articles[slug].date.isoformat())}: "
                         f'{_article_line(articles[slug], slug)} <span class="ar-count">article</span>') for slug in slugs]
    lines = ["# Timeline", "", "Events, by their dates, and articles, by the date they were published.", ""]
    for year, group in groupby(sorted(entries), key=lambda entry: entry[0][0]):
        lines += [f"## {year}", "", *[line for _, line in group], ""]
    if undated:
        listed = ([_counted(undated, UNDATED)] if len(undated) > TITLES_PER_MONTH
                  else [f"- {_article_line(articles[slug], slug)}" for slug in undated])
        lines += ["## Articles without a known date", "", *listed, ""]
    return "\n".join(lines)
