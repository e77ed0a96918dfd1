"""One timeline of the corpus: events by their dates and articles by publication date."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from ..reading.article import Article
from ..reading.catalog import Catalog
from ..writing.addresses import article_src_uri, entity_href
from ..writing.escape import escape_markdown

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


def render_timeline(catalog: Catalog, articles: dict[str, Article]) -> str:
    entries: list[tuple[tuple[int, int, int], str]] = []
    for entity in catalog:
        if entity.type == "event" and entity.date:
            when = partial_date(entity.date) + (f" – {partial_date(entity.end)}" if entity.end else "")
            link = f'[{escape_markdown(entity.name)}]({entity_href(entity)}){{: data-entity="{entity.id}" }}'
            entries.append((_key(entity.date), f"- {when}: {link} "
                                               f'<span class="ar-count">event</span>'))
    undated = []
    for slug in sorted(articles):
        article = articles[slug]
        line = f'[{escape_markdown(article.title)}](/{article_src_uri(slug)}){{: data-article="{slug}" }}'
        if article.date:
            entries.append(((article.date.year, article.date.month, article.date.day),
                            f"- {partial_date(article.date.isoformat())}: {line} <span class=\"ar-count\">article</span>"))
        else:
            undated.append(f"- {line}")
    lines = ["# Timeline", "", "Events, by their dates, and articles, by the date they were published.", ""]
    for year, group in groupby(sorted(entries), key=lambda entry: entry[0][0]):
        lines += [f"## {year}", "", *[line for _, line in group], ""]
    if undated:
        lines += ["## Articles without a known date", "", *undated, ""]
    return "\n".join(lines)
