"""Paginated listings: newest first and grouped, no page longer than PAGE_SIZE articles."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import site_extensions

from annotated_reader.pages.listings import PAGE_SIZE, entries_html, latest, render_latest, render_listings
from annotated_reader.reading.article import Article
from annotated_reader.writing.pager import AROUND, PAGER_LABELS, pager_items


def corpus(count: int) -> list[Article]:
    return [
        Article(source=Path(f"seeds/{n}.txt"), slug=f"a{n}", title=f"Article {n}",
                byline=["Jane Doe", "Omar Saleh"][n % 2], publication="NOW (Lebanon)" if n % 3 else None,
                date=dt.date(2014, 1, 1) + dt.timedelta(days=5 * n) if n % 10 else None, tags=("Qalamoun",) if n % 4 == 0 else ())
        for n in range(count)
    ]


def titles(articles: list[Article]) -> list[str]:
    return [article.title for article in articles]


def test_all_articles_paginated_newest_first_undated_last():
    listings = render_listings(corpus(120))
    pages = [listings.entries[f"browse/{name}.md"] for name in ("index", "index-page-2", "index-page-3")]
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 20]
    assert titles(pages[0])[0] == "Article 119"
    assert titles(pages[2])[-1] == "Article 90"  # undated ones last, by title
    pager = ('Pages: **1**{: aria-current="page" } · [2](/browse/index-page-2.md) · [3](/browse/index-page-3.md) · '
             "[Next](/browse/index-page-2.md)")
    assert listings.markdown["browse/index.md"].count(pager) == 2  # above the list and below it
    names, settings = site_extensions()
    html = markdown.markdown(listings.markdown["browse/index.md"], extensions=names, extension_configs=settings)
    pagers = BeautifulSoup(html, "html.parser").select("nav.ar-pager")
    assert [nav["aria-label"] for nav in pagers] == list(PAGER_LABELS)  # two landmarks, two names
    assert all(nav.select_one('strong[aria-current="page"]').get_text() == "1" for nav in pagers)


@pytest.mark.parametrize("count", [1, 2, 7, 8, 200])
def test_a_pager_links_next_previous_first_last_and_the_pages_near_however_many_there_are(count):
    for number in range(1, count + 1):
        items = pager_items(number, count)
        pages = [item.page for item in items if item.text.isdigit()]
        assert pages == sorted(set(pages)) and {1, count, number} <= set(pages) and len(items) <= 2 * AROUND + 7
        assert set(range(max(1, number - AROUND), min(count, number + AROUND) + 1)) <= set(pages)
        assert [item.page for item in items if item.text == "Previous"] == ([number - 1] if number > 1 else [])
        assert [item.page for item in items if item.text == "Next"] == ([number + 1] if number < count else [])
        gaps = [before for before, after in itertools.pairwise(pages) if after - before > 1]
        assert sum(item.page is None for item in items) == len(gaps), "a gap shown wherever pages are left out"


def test_groups_by_month_author_source_and_tag():
    listings = render_listings(corpus(30))
    pages = listings.markdown
    months = pages["browse/months.md"]
    assert months.index("[May 2014](/browse/month/2014-05.md)") < months.index("[January 2014]") < months.index("[Undated]")
    assert "- [Jane Doe](/browse/author/jane-doe.md) (15)" in pages["browse/authors.md"]
    assert "- [NOW (Lebanon)](/browse/source/now-lebanon.md) (20)" in pages["browse/sources.md"]
    assert len(listings.entries["browse/tag/qalamoun.md"]) == 8
    assert all(page.startswith("---\nsearch:\n  exclude: true\n---") for page in pages.values())


def test_no_listing_page_grows_past_one_page_of_articles():
    listings = render_listings(corpus(400))
    assert max(len(page) for page in listings.entries.values()) == PAGE_SIZE
    assert set(listings.entries) < set(listings.markdown)


def test_home_shows_only_the_latest_and_links_the_rest():
    assert titles(latest(corpus(400))) == [f"Article {n}" for n in (399, 398, 397, 396, 395, 394, 393, 392, 391, 389)]
    assert "[All 400 articles, newest first](/browse/index.md)" in render_latest(400)


def test_entries_escape_what_the_seed_and_sidecar_say():
    article = Article(source=Path("seeds/x.txt"), slug="x", title="<b>Bold</b> & co", byline="<i>x</i>")
    html = entries_html([article], lambda src_uri: "../" + src_uri)
    assert "<b>" not in html and "<i>" not in html
    assert '<h2><a href="../articles/x.md" data-article="x">&lt;b&gt;Bold&lt;/b&gt; &amp; co</a></h2>' in html


def test_listings_are_built_and_reachable(site):
    home = site.page("index.html")
    assert home.find("a", string="The article")["href"] == "browse/index.html"
    listing = site.page("browse/index.html")
    assert listing.find("a", string="ISIS expansionism will burn Qalamoun")
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")]
    assert {"Newest first", "By month", "By author", "By source", "By tag"} <= set(nav)
