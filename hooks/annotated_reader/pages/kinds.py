"""The pages the engine makes or completes, one kind each: its address, its Markdown, what is written for it.

Each kind knows its address under ``docs/`` (``src_uri``), the Markdown MkDocs renders for
it, the metadata its template reads, and what the engine writes for it as HTML text
(:meth:`SitePage.write`), which MkDocs puts in place of the Markdown's placeholders. The
build finds a page's kind by its address and asks it. Adding an explore page is one
:class:`ExploreSitePage` class here, listed in :data:`EXPLORE_PAGES`, and a line in the
navigation of ``mkdocs.yml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from ..matching.mentions import Mention, MentionIndex
from ..reading.article import Article
from ..reading.catalog import Catalog, Entity
from ..reading.entity_types import ENTITY_TYPES, EntityType
from ..writing.addresses import UrlOf, article_src_uri, page_path
from ..writing.elements import html_of, placeholder
from ..writing.escape import script_json
from ..writing.page_data import article_card, articles_in, entities_in, entity_card
from ..writing.sanitize import sanitize
from .article_page import AnchorIds, ArticlePage, Neighbours, article_meta, render_article
from .coverage import DATA_FILE, Candidate, coverage_json, coverage_parts, render_coverage
from .entity_page import (
    by_article,
    mention_page_markdown,
    mention_page_src_uri,
    mention_pages,
    render_entity_page,
    render_older_mentions,
    written_parts,
)
from .exports import DATA_FILES_KEY, files_list, render_data_page
from .listings import PLACEHOLDER_KEY, Listings, entries_html, latest, render_latest, render_listings
from .maps import build_map
from .network import build_network
from .registers import register_src_uri, render_register, render_register_links
from .search import article_document, entity_document, page_document
from .structured_data import entity_json_ld
from .timeline import render_timeline

if TYPE_CHECKING:
    from ..matching.corpus import Corpus

CoverageRows = Callable[[], list[Candidate]]
"""The coverage scan's result, worked out in the background while pages are read."""


class Site:
    """What every page of one build reads besides the corpus: where the site is published, the articles in date order."""

    def __init__(self, corpus: Corpus, site_url: str) -> None:
        self.corpus = corpus
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        order = sorted(corpus.articles.values(), key=lambda a: (a.date is None, a.date or dt.date.min, a.title.casefold()))
        self._by_date = order
        self._places = {article.slug: number for number, article in enumerate(order)}
        self.export_sizes: dict[str, int] = {}
        """Bytes of each open data file, once made: the open-data page lists them."""
        self._cards: dict[str, dict] = {}
        """Hover cards made so far, by key (see :meth:`cards`)."""
        self._grouped: tuple[str, list[tuple[Article, list[Mention]]]] | None = None
        """The entity last asked about, with its mentions grouped (see :meth:`mentions_by_article`)."""

    def absolute(self, src_uri: str) -> str:
        """The published address of a docs page, for what is read away from the site (citations, JSON-LD)."""
        return self.site_url + page_path(src_uri)

    def neighbours(self, slug: str) -> Neighbours:
        """The articles published just before and just after one (undated ones last, by title)."""
        order, number = self._by_date, self._places[slug]
        return Neighbours(order[number - 1] if number else None, order[number + 1] if number + 1 < len(order) else None)

    def search_years(self) -> list[str]:
        """The years search can filter by, newest first: of articles' publication and of events."""
        years = {str(article.date.year) for article in self.corpus.articles.values() if article.date}
        years |= {entity.date[:4] for entity in self.corpus.catalog if entity.type == "event" and entity.date}
        return sorted(years, reverse=True)

    def cards(self, html: str, site_url: UrlOf) -> str:
        """Card data for a page's HTML: the entities and articles its links and mentions name, as JSON keyed by
        entity id and by ``article:<slug>``.

        A card is the same on every page, its address made by ``site_url`` from the site's root
        (the build's one such function), so each is made once a build: an entity page links to
        hundreds of articles, each linked from many.
        """
        articles, entities = self.corpus.articles, self.corpus.catalog.entities
        cards = {}
        for slug in articles_in(html):
            if slug in articles:
                key = f"article:{slug}"
                cards[key] = self._card(key, functools.partial(article_card, articles[slug], site_url))
        for entity_id in entities_in(html):
            if entity_id in entities:
                cards[entity_id] = self._card(entity_id, functools.partial(entity_card, entities[entity_id], site_url))
        return script_json(cards)

    def _card(self, key: str, make: Callable[[], dict]) -> dict:
        """The card under ``key``, made by ``make`` the first time it is asked for."""
        card = self._cards.get(key)
        if card is None:
            card = self._cards[key] = make()
        return card

    def mentions_by_article(self, entity: Entity) -> list[tuple[Article, list[Mention]]]:
        """The entity's mentions grouped by article, newest first (:func:`.entity_page.by_article`), kept for the
        entity last asked about: its pages of older mentions are written one after another, and grouping all of a
        much-named entity's mentions for each was most of their work. (Several workers writing ahead are dealt
        pages in turn, so each groups an entity's mentions once for the pages it is dealt.)"""
        if self._grouped is None or self._grouped[0] != entity.id:
            self._grouped = (entity.id, by_article(entity, self.corpus.index, self.corpus.articles))
        return self._grouped[1]


@dataclass(frozen=True)
class WrittenPage:
    """A page's HTML written as text, made apart from MkDocs' page; whatever quotes seed text is sanitized."""

    article: ArticlePage | None = None
    """The article, if the page is one."""
    cards: str = "{}"
    """The article's hover-card data (other pages' is read from their HTML)."""
    indexed_parts: dict[str, str] = field(default_factory=dict)
    """Parts of other pages, by placeholder key, that the search indexes: an entity's facts, relations …"""
    parts: dict[str, str] = field(default_factory=dict)
    """Parts put in after the search has indexed the page: mentions in context, drawings, listing entries."""
    data_files: dict[str, str] = field(default_factory=dict)
    """Files written next to the page, by name: the coverage report's data."""
    search_document: str | None = None
    """The page as the search indexes it, when the engine wrote the page whole (an article), so the work of
    making it is done where the page was written."""


class SitePage:
    """A page the engine makes (``generated``) or completes (a maintainer's file)."""

    generated: ClassVar[bool] = True
    """Whether the engine adds the page; if not, it completes a page of ``docs/``."""
    ahead: ClassVar[bool] = True
    """Whether a worker may write it ahead of its turn (it needs nothing only this process has)."""
    bulk: ClassVar[bool] = False
    """One of the corpus's many pages (articles, entities), whose HTML is let go as soon as it is written."""
    own_entity: str | None = None
    """The entity the page is about: a page never links to itself."""
    untrusted_markdown: ClassVar[bool] = False
    """Whether its Markdown comes from a file the engine does not trust (entity pages): its HTML is sanitized."""

    def __init__(self, site: Site, src_uri: str) -> None:
        self.site = site
        self.corpus = site.corpus
        self.src_uri = src_uri

    def source(self) -> str | None:
        """The Markdown MkDocs reads for the page, front matter included (None: its file's)."""
        return None

    def markdown(self, read: str) -> str:
        """The Markdown MkDocs renders, given what it read without the front matter."""
        return read

    def meta(self) -> dict:
        """Metadata the page's template reads (escaped with every page's, where the hook hands pages over)."""
        return {}

    def anchors(self) -> AnchorIds | None:
        """The anchors of a page written after MkDocs checks links, so that links into it are checked too."""
        return None

    def search_document(self, html: str) -> str | None:
        """The page as the search indexes it, from its ``html``; None leaves it out (what it lists or draws is
        indexed on pages of its own), unless what :meth:`write` wrote carries its document (an article's)."""
        return None

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        """What is written for the page as HTML text; links made by ``url``, card links by ``site_url``.

        Needs nothing of MkDocs' page, so it can be worked out in another process, ahead of
        the page's turn (see :class:`~.parallel.WorkAhead`).
        """
        return WrittenPage()


class ArticleSitePage(SitePage):
    """An article: written whole as HTML text, never through Markdown."""

    bulk = True

    def __init__(self, site: Site, article: Article) -> None:
        super().__init__(site, article_src_uri(article.slug))
        self.article = article

    def source(self) -> str:
        return ""  # written when its page is: see :meth:`write`

    def meta(self) -> dict:
        return article_meta(self.article)

    def anchors(self) -> AnchorIds:
        return AnchorIds(self.article, self.corpus.index.by_article[self.article.slug])

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        corpus, article, site = self.corpus, self.article, self.site
        page = render_article(article, corpus.index.by_article[article.slug], corpus.catalog, url, site.absolute,
                              site.neighbours(article.slug))
        html = sanitize(page.html)
        return WrittenPage(replace(page, html=html), site.cards(page.html, site_url),
                           search_document=article_document(article, html))


class EntitySitePage(SitePage):
    """An entity's page: the maintainer's prose, completed with the catalog's facts and every mention."""

    generated = False
    bulk = True
    untrusted_markdown = True

    def __init__(self, site: Site, entity: Entity) -> None:
        super().__init__(site, entity.src_uri)
        self.entity = entity
        self.own_entity = entity.id

    def source(self) -> str:
        return render_entity_page(self.entity, self.corpus.catalog, self.corpus.index)  # front matter read already

    def search_document(self, html: str) -> str:
        return entity_document(self.entity, html)

    def meta(self) -> dict:
        entity = self.entity
        return {"title": entity.name, "description": entity.summary,
                "json_ld": entity_json_ld(entity, self.site.absolute)}

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        corpus = self.corpus
        indexed, later = written_parts(self.entity, corpus.catalog, corpus.index, corpus.articles, url)
        return WrittenPage(indexed_parts=indexed, parts=later)


class RegisterSitePage(SitePage):
    """The register of one type of entity."""

    def __init__(self, site: Site, kind: EntityType) -> None:
        super().__init__(site, register_src_uri(kind))
        self.kind = kind

    def source(self) -> str:
        return render_register(self.kind, self.corpus.catalog, self.corpus.index)


class BrowseSitePage(SitePage):
    """An index of the listings: months, authors, sources or tags, with their counts."""

    def __init__(self, site: Site, src_uri: str, listings: Listings) -> None:
        super().__init__(site, src_uri)
        self.listings = listings

    def source(self) -> str:
        return self.listings.markdown[self.src_uri]


class ListingSitePage(BrowseSitePage):
    """A page of articles, newest first, by month, author, source or tag; entries quote seed text."""

    level = 2
    """The entries' heading level."""

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        entries = entries_html(self.listings.entries[self.src_uri], url, level=self.level)
        return WrittenPage(parts={PLACEHOLDER_KEY: sanitize(entries)})  # article titles are seed text


class HomeSitePage(ListingSitePage):
    """The maintainers' home page, followed by the latest articles and the ways into the corpus."""

    generated = False
    level = 3

    def source(self) -> None:
        return None  # the maintainers' own file

    def markdown(self, read: str) -> str:
        corpus = self.corpus
        return "\n\n".join([read.strip(), render_latest(len(corpus.articles)), render_register_links(corpus.catalog),
                            explore_links()])

    def search_document(self, html: str) -> str:
        return page_document(html)


class MentionsSitePage(SitePage):
    """A further page of the older articles that name one entity, which keeps the entity's own page small."""

    def __init__(self, site: Site, entity: Entity, number: int) -> None:
        super().__init__(site, mention_page_src_uri(entity, number))
        self.entity, self.number = entity, number

    def source(self) -> str:
        return mention_page_markdown(self.entity, self.number, mention_pages(self.entity, self.corpus.index))

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        corpus = self.corpus
        older = render_older_mentions(self.entity, self.number, self.site.mentions_by_article(self.entity), corpus.index,
                                      url)
        return WrittenPage(parts={"mentions": sanitize(older)})


class ExploreSitePage(SitePage):
    """A page of the Explore section: the home page lists it by its title, with what it is ``about``."""

    src_uri: ClassVar[str]
    title: ClassVar[str]
    about: ClassVar[str]
    """What follows the title in the home page's list (" of …" or ": …")."""


class TimelineSitePage(ExploreSitePage):
    src_uri = "explore/timeline.md"
    title = "Timeline"
    about = " of events and articles"

    def source(self) -> str:
        return render_timeline(self.corpus.catalog, self.corpus.articles)


class DrawingSitePage(ExploreSitePage):
    """An explore page that is one drawing of the whole corpus, with its table."""

    intro: ClassVar[str]
    drawing: ClassVar[Callable[[Catalog, MentionIndex, UrlOf], etree.Element]]

    def source(self) -> str:
        return f"# {self.title}\n\n{self.intro}\n\n{placeholder('drawing')}"

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        return WrittenPage(parts={"drawing": html_of(type(self).drawing(self.corpus.catalog, self.corpus.index, url))})


class NetworkSitePage(DrawingSitePage):
    src_uri = "explore/network.md"
    title = "Network"
    about = " of people, organisations, places, events and terms"
    intro = "How the entities of the corpus connect."
    drawing = staticmethod(build_network)


class MapSitePage(DrawingSitePage):
    src_uri = "explore/map.md"
    title = "Map"
    about = " of the places the articles name"
    intro = "The places the articles name."
    drawing = staticmethod(build_map)


class DataSitePage(ExploreSitePage):
    src_uri = "data/index.md"
    title = "Open data"
    about = ": entities, mentions and the graph, to download"

    ahead = False  # its list gives the open data files' sizes, known in MkDocs' process once they are made

    def source(self) -> str:
        return render_data_page()

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        corpus = self.corpus
        return WrittenPage(parts={DATA_FILES_KEY: files_list(corpus.catalog, corpus.index, corpus.articles,
                                                             self.site.export_sizes)})


class CoverageSitePage(SitePage):
    """The maintainers' report of names no catalog entry matches; its rows come from a scan in the background."""

    src_uri = "maintainers/coverage.md"
    ahead = False  # the scan's result is waited for in MkDocs' process, which started it, not in a worker

    def source(self) -> str:
        return render_coverage(self.corpus.catalog, self.corpus.index)

    def write(self, url: UrlOf, site_url: UrlOf, coverage: CoverageRows) -> WrittenPage:
        candidates, catalog = coverage(), self.corpus.catalog
        return WrittenPage(parts={key: sanitize(part) for key, part in coverage_parts(candidates, catalog, url).items()},
                           data_files={DATA_FILE: coverage_json(candidates, catalog, self.corpus.index)})


EXPLORE_PAGES: tuple[type[ExploreSitePage], ...] = (
    NetworkSitePage, MapSitePage, TimelineSitePage, DataSitePage)
"""The explore pages, in the order the home page lists them."""
HOME = "index.md"


def explore_links() -> str:
    lines = [f"- [{page.title}](/{page.src_uri}){page.about}" for page in EXPLORE_PAGES]
    return "\n".join(["## Explore", "", *lines, ""])


def site_pages(site: Site) -> dict[str, SitePage]:
    """Every page the engine makes or completes, by address."""
    corpus = site.corpus
    listings = render_listings(corpus.articles.values())
    listings.entries[HOME] = latest(corpus.articles.values())
    pages: list[SitePage] = [ArticleSitePage(site, article) for article in corpus.articles.values()]
    pages += [EntitySitePage(site, entity) for entity in corpus.catalog]
    pages += [MentionsSitePage(site, entity, number) for entity in corpus.catalog
              for number in range(2, mention_pages(entity, corpus.index) + 1)]
    pages += [RegisterSitePage(site, kind) for kind in ENTITY_TYPES.values()]
    pages += [(ListingSitePage if src_uri in listings.entries else BrowseSitePage)(site, src_uri, listings)
              for src_uri in listings.markdown]
    pages += [HomeSitePage(site, HOME, listings), CoverageSitePage(site, CoverageSitePage.src_uri)]
    pages += [kind(site, kind.src_uri) for kind in EXPLORE_PAGES]
    return {page.src_uri: page for page in pages}
