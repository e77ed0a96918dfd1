"""An entity's mentions at any corpus size: grouped by article, newest first, paginated, every page small."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup

from annotated_reader.matching.corpus import Corpus
from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, MentionIndex, find_mentions
from annotated_reader.pages import kinds
from annotated_reader.pages.entity_page import (
    CONTEXT_ARTICLES,
    LISTED_PER_PAGE,
    QUOTES_PER_ARTICLE,
    by_article,
    mention_page_src_uri,
    mention_pages,
    render_mentions,
    render_older_mentions,
)
from annotated_reader.pages.kinds import Site, site_pages
from annotated_reader.reading.article import Article, Block, Kind
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.writing.sanitize import sanitize

PLACE = """---
type: place
name: Qalamoun
summary: A mountain region.
---
Prose.
"""
SENTENCE = "Fighters moved through Qalamoun at night. "
PAGE_LIMIT = 300 * 1024
CHROME = 80 * 1024
"""What Material's header, navigation and footer add to a page, generously."""


def corpus(count: int, per_article: int = 7):
    """``count`` articles, one a day from 1 January 2010, each naming the place ``per_article`` times."""
    catalog = build_catalog([(Path("docs/places/qalamoun.md"), "places/qalamoun.md", PLACE)], alias_key)
    linker = Linker.from_catalog(catalog)
    articles = {}
    for n in range(count):
        block = Block(id="p1", kind=Kind.PARAGRAPH, text=SENTENCE * per_article, line=1)
        articles[f"a{n}"] = Article(source=Path(f"seeds/a{n}.txt"), slug=f"a{n}", title=f"Story {n}",
                                    date=dt.date(2010, 1, 1) + dt.timedelta(days=n), body=[block])
    index = MentionIndex({slug: find_mentions(article, linker, LinkMode.ALL) for slug, article in articles.items()})
    return catalog["qalamoun"], index, articles


def url(src_uri: str) -> str:
    return "../" + src_uri.removesuffix(".md") + ".html"


def titles(html: str, selector: str) -> list[str]:
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select(selector)]


def test_a_sentence_naming_the_entity_twice_is_quoted_once_with_both_names_linked():
    entity, index, articles = corpus(1, per_article=1)
    twice = "From Qalamoun to Arsal and back to Qalamoun. "
    articles["a0"].body[0] = Block(id="p1", kind=Kind.PARAGRAPH, text=twice + SENTENCE, line=1)
    linker = Linker.from_catalog(build_catalog([(Path("docs/places/qalamoun.md"), "places/qalamoun.md", PLACE)], alias_key))
    index = MentionIndex({"a0": find_mentions(articles["a0"], linker, LinkMode.ALL)})
    quotes = BeautifulSoup(render_mentions(entity, index, articles, url), "html.parser").select("q.ar-context")
    assert [quote.get_text() for quote in quotes] == [twice.strip(), SENTENCE.strip()]
    assert [[link["href"] for link in quote.select("a.ar-backlink")] for quote in quotes] == [
        ["../articles/a0.html#p1-qalamoun-1", "../articles/a0.html#p1-qalamoun-2"], ["../articles/a0.html#p1-qalamoun-3"]]


def test_newest_articles_quoted_first_with_a_few_quotes_each_and_counts_over_all_mentions():
    entity, index, articles = corpus(CONTEXT_ARTICLES + 30)
    html = render_mentions(entity, index, articles, url)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.p.get_text() == f"Named {7 * (CONTEXT_ARTICLES + 30)} times in {CONTEXT_ARTICLES + 30} articles, newest first."
    quoted = titles(html, "p > strong > a")
    assert quoted == [f"Story {n}" for n in range(CONTEXT_ARTICLES + 29, 29, -1)]
    first = soup.select("ul")[0]
    assert len(first.select("q.ar-context")) == QUOTES_PER_ARTICLE
    assert first.select_one("li.ar-more a").get_text() == f"{7 - QUOTES_PER_ARTICLE} more in this article"
    listed = titles(html, "ul:not(:has(q)) > li > a")
    assert listed == [f"Story {n}" for n in range(29, -1, -1)]
    assert not soup.select(".ar-pager") and mention_pages(entity, index) == 1


def test_older_articles_go_on_further_pages_each_linked_from_every_page():
    count = CONTEXT_ARTICLES + 2 * LISTED_PER_PAGE + 7
    entity, index, articles = corpus(count, per_article=1)
    assert mention_pages(entity, index) == 3
    first = render_mentions(entity, index, articles, url)
    groups = by_article(entity, index, articles)
    third = render_older_mentions(entity, 3, groups, index, url)
    assert titles(third, "ul > li > a") == [f"Story {n}" for n in range(6, -1, -1)]
    every = {title for page in (first, render_older_mentions(entity, 2, groups, index, url), third)
             for title in titles(page, "ul > li > a, p > strong > a")}
    assert every == {f"Story {n}" for n in range(count)}
    pager = BeautifulSoup(third, "html.parser").select_one("nav.ar-pager")
    assert [(a.get_text(), a["href"]) for a in pager.select("a")] == [
        ("Previous", url(mention_page_src_uri(entity, 2))), ("1", "../places/qalamoun.html#mentions"),
        ("2", url(mention_page_src_uri(entity, 2)))]
    assert pager.strong.get_text() == "3" and pager.strong["aria-current"] == "page"
    assert re.search(r'href="\.\./articles/a0\.html#p1-qalamoun-1"', third)


def test_no_page_of_mentions_grows_past_the_page_limit_however_often_an_entity_is_named():
    entity, index, articles = corpus(CONTEXT_ARTICLES + LISTED_PER_PAGE * 2 + 1, per_article=40)
    pages = [render_mentions(entity, index, articles, url)]
    groups = by_article(entity, index, articles)
    pages += [render_older_mentions(entity, n, groups, index, url) for n in range(2, mention_pages(entity, index) + 1)]
    assert len(pages) == 3
    assert max(len(page.encode()) for page in pages) + CHROME < PAGE_LIMIT


def test_the_pages_of_older_mentions_group_each_entitys_mentions_once_and_never_show_another_entitys(monkeypatch):
    """Grouping a much-named entity's mentions is most of the work of each of its pages: done once for all of an
    entity's pages written one after another, and done again for a page of another entity."""
    arsal = PLACE.replace("Qalamoun", "Arsal").replace("A mountain region.", "A town.")
    catalog = build_catalog([(Path("docs/places/qalamoun.md"), "places/qalamoun.md", PLACE),
                             (Path("docs/places/arsal.md"), "places/arsal.md", arsal)], alias_key)
    linker = Linker.from_catalog(catalog)
    articles = {}
    for n in range(CONTEXT_ARTICLES + 2 * LISTED_PER_PAGE + 7):
        text = "Refugees reached Arsal and Qalamoun. " if n % 3 else "Fighters moved through Qalamoun at night. "
        articles[f"a{n}"] = Article(source=Path(f"seeds/a{n}.txt"), slug=f"a{n}", title=f"Story {n}",
                                    date=dt.date(2010, 1, 1) + dt.timedelta(days=n),
                                    body=[Block(id="p1", kind=Kind.PARAGRAPH, text=text * 3, line=1)])
    index = MentionIndex({slug: find_mentions(article, linker, LinkMode.ALL) for slug, article in articles.items()})
    qalamoun, arsal = catalog["qalamoun"], catalog["arsal"]
    assert mention_pages(qalamoun, index) == 3 and mention_pages(arsal, index) == 2
    grouped = []
    monkeypatch.setattr(kinds, "by_article", lambda entity, *rest: grouped.append(entity.id) or by_article(entity, *rest))
    pages = site_pages(Site(Corpus(catalog, linker, articles, index), ""))

    def written(entity, number):
        return pages[mention_page_src_uri(entity, number)].write(url, url, list).parts["mentions"]

    def expected(entity, number):
        return sanitize(render_older_mentions(entity, number, by_article(entity, index, articles), index, url))

    assert [written(qalamoun, 2), written(qalamoun, 3), written(arsal, 2)] == [
        expected(qalamoun, 2), expected(qalamoun, 3), expected(arsal, 2)]
    assert grouped == ["qalamoun", "arsal"]
    assert written(qalamoun, 2) == expected(qalamoun, 2)  # after another entity's page
    assert grouped == ["qalamoun", "arsal", "qalamoun"]
