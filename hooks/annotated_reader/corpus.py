"""The corpus: seeds and catalog read once, matched once, and every generated page derived from it."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from slugify import slugify

from .article import Article
from .article_page import AnchorIds, ArticlePage, UrlOf, article_meta, article_src_uri, render_article
from .catalog import Catalog, build_catalog, is_entity_page
from .coverage import DATA_FILE, Candidate, coverage_json, coverage_parts, find_candidates, render_coverage
from .elements import html_of, placeholder
from .entity_page import (
    MENTION_PAGES,
    mention_page_markdown,
    mention_page_src_uri,
    mention_pages,
    render_entity_page,
    render_older_mentions,
    written_parts,
)
from .errors import InputError, Problem
from .exports import (
    DATA_FILES_KEY,
    ENTITIES_FILE,
    GRAPH_FILE,
    MENTIONS_FILE,
    entities_json,
    files_list,
    graph_jsonld,
    mentions_csv,
    published,
    render_data_page,
)
from .linker import Linker, alias_key
from .listings import PLACEHOLDER_KEY, Listings, entries_html, latest, render_latest, render_listings
from .maps import build_map
from .mentions import LinkMode, Mention, MentionIndex, find_mentions
from .network import build_network
from .page_data import cards_json
from .parallel import map_batches
from .progress import Report, Stopwatch, silent
from .registers import REGISTERS, render_register, render_register_links
from .sanitize import sanitize
from .search import article_document, entity_document, page_document
from .seed_parser import decode_seed, parse_seed
from .sidecar import apply_sidecar, read_sidecar
from .structured_data import entity_json_ld
from .timeline import render_timeline

TIMELINE_PAGE = "explore/timeline.md"
NETWORK_PAGE = "explore/network.md"
MAP_PAGE = "explore/map.md"
DATA_PAGE = "data/index.md"
COVERAGE_PAGE = "maintainers/coverage.md"
EXPORTED_FILES = (ENTITIES_FILE, MENTIONS_FILE, GRAPH_FILE)
HOME = "index.md"


EXPLORE_LINKS = f"""## Explore

- [Network](/{NETWORK_PAGE}) of people, organisations, places, events and terms
- [Map](/{MAP_PAGE}) of the places the articles name
- [Timeline](/{TIMELINE_PAGE}) of events and articles
- [Open data](/{DATA_PAGE}): entities, mentions and the graph, to download
"""


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


@dataclass
class Corpus:
    """Everything the site is made of, computed before any page renders."""

    catalog: Catalog
    linker: Linker
    articles: dict[str, Article]
    index: MentionIndex
    listings: Listings
    """Every listing page, and the home page's latest articles under "index.md"."""
    problems: list[Problem] = field(default_factory=list)
    """Errors: each stops a strict build."""
    notices: list[Problem] = field(default_factory=list)
    """Facts a maintainer should know that are not errors (e.g. entities no article mentions)."""
    export_sizes: dict[str, int] = field(default_factory=dict)
    """Bytes of each open data file, for the open-data page: known once :meth:`exports` has been worked out."""

    def generated_pages(self) -> dict[str, str]:
        """src_uri -> content of every file the corpus adds: articles, registers, the coverage report …

        The data files are empty here: their content comes from :meth:`exports`."""
        pages = {article_src_uri(slug): "" for slug in self.articles}  # written by :meth:`write`
        for register in REGISTERS:
            pages[register.src_uri] = render_register(register, self.catalog, self.index)
        pages.update(self.listings.markdown)
        pages[TIMELINE_PAGE] = render_timeline(self.catalog, self.articles)
        pages[NETWORK_PAGE] = f"# Network\n\nHow the entities of the corpus connect.\n\n{placeholder('network')}"
        pages[MAP_PAGE] = f"# Map\n\nThe places the articles name.\n\n{placeholder('map')}"
        pages[DATA_PAGE] = render_data_page()
        pages[COVERAGE_PAGE] = render_coverage(self.catalog, self.index)
        for entity in self.catalog:
            count = mention_pages(entity, self.index)
            for number in range(2, count + 1):
                pages[mention_page_src_uri(entity, number)] = mention_page_markdown(entity, number, count)
        pages.update(dict.fromkeys(EXPORTED_FILES, ""))
        return pages

    def exports(self) -> dict[str, bytes]:
        """src_uri -> bytes of each open data file, as published. They read the whole corpus and no page needs them,
        so they can be worked out while MkDocs reads pages (see :class:`.parallel.InBackground`)."""
        return {
            ENTITIES_FILE: published(ENTITIES_FILE, entities_json(self.catalog, self.index)),
            MENTIONS_FILE: published(MENTIONS_FILE, mentions_csv(self.articles, self.index)),
            GRAPH_FILE: published(GRAPH_FILE, graph_jsonld(self.articles, self.catalog, self.index)),
        }

    def entity_page(self, entity_id: str) -> str:
        return render_entity_page(self.catalog[entity_id], self.catalog, self.index)

    def scan_for_coverage(self) -> list[Candidate]:
        """The coverage report's rows: the corpus's longest scan, which only the report's page needs."""
        return find_candidates(self.articles, self.index)

    def write(self, src_uri: str, url: UrlOf, site_url: UrlOf, coverage: Callable[[], list[Candidate]]) -> WrittenPage:
        """What is written for a page as HTML text, links made by ``url``, card links by ``site_url``; the coverage
        report's rows come from ``coverage`` (:meth:`scan_for_coverage`, or its result worked out elsewhere).

        Needs nothing of MkDocs' page, so it can be worked out in another process, ahead of
        the page's turn (see :class:`~.parallel.WorkAhead`).
        """
        if article := self.article_of(src_uri):
            page = render_article(article, self.index.by_article[article.slug], self.catalog, url)
            return WrittenPage(replace(page, html=sanitize(page.html)), cards_json(page.entity_ids, self.catalog, site_url))
        entity_id = Path(src_uri).stem
        if is_entity_page(src_uri) and entity_id in self.catalog.entities:
            indexed, later = written_parts(self.catalog[entity_id], self.catalog, self.index, self.articles, url)
            return WrittenPage(indexed_parts=indexed, parts=later)
        if src_uri.startswith(f"{MENTION_PAGES}/"):
            _, entity_id, number = src_uri.removesuffix(".md").split("/")
            older = render_older_mentions(self.catalog[entity_id], int(number), self.index, self.articles, url)
            return WrittenPage(parts={"mentions": sanitize(older)})
        if src_uri in self.listings.entries:
            entries = entries_html(self.listings.entries[src_uri], url, level=3 if src_uri == HOME else 2)
            return WrittenPage(parts={PLACEHOLDER_KEY: sanitize(entries)})  # article titles are seed text
        if src_uri == DATA_PAGE:
            return WrittenPage(parts={DATA_FILES_KEY: files_list(self.catalog, self.index, self.articles, self.export_sizes)})
        if src_uri == NETWORK_PAGE:
            return WrittenPage(parts={"network": html_of(build_network(self.catalog, self.index, url))})
        if src_uri == MAP_PAGE:
            return WrittenPage(parts={"map": html_of(build_map(self.catalog, self.index, url))})
        if src_uri == COVERAGE_PAGE:
            candidates = coverage()
            return WrittenPage(parts={key: sanitize(part) for key, part in coverage_parts(candidates, url).items()},
                               data_files={DATA_FILE: coverage_json(candidates, self.catalog, self.index)})
        return WrittenPage()

    def search_document(self, src_uri: str, view: str) -> str:
        """The page at ``src_uri`` as the search indexes it, from ``view``, its HTML without what search leaves out."""
        if article := self.article_of(src_uri):
            return article_document(article, view)
        entity_id = Path(src_uri).stem
        if is_entity_page(src_uri) and entity_id in self.catalog.entities:
            return entity_document(self.catalog[entity_id], view)
        return page_document(view)

    def search_years(self) -> list[str]:
        """The years search can filter by, newest first: of articles' publication and of events."""
        years = {str(article.date.year) for article in self.articles.values() if article.date}
        years |= {entity.date[:4] for entity in self.catalog if entity.type == "event" and entity.date}
        return sorted(years, reverse=True)

    def article_of(self, src_uri: str) -> Article | None:
        """The article whose page ``src_uri`` is, if it is one."""
        slug = src_uri.removeprefix("articles/").removesuffix(".md")
        return self.articles.get(slug) if src_uri == article_src_uri(slug) else None

    def article_meta(self, article: Article) -> dict:
        return article_meta(article)

    def article_anchors(self, article: Article) -> AnchorIds:
        return AnchorIds(article, self.index.by_article[article.slug])

    def entity_meta(self, entity_id: str) -> dict:
        """Page metadata for an entity page (escaped: Material prints it unescaped)."""
        entity = self.catalog[entity_id]
        return {"title": html.escape(entity.name), "description": html.escape(entity.summary),
                "json_ld": entity_json_ld(entity)}

    def home_page(self, intro: str) -> str:
        return "\n\n".join([intro.strip(), render_latest(len(self.articles)), render_register_links(self.catalog),
                            EXPLORE_LINKS])


@dataclass(frozen=True)
class _Matching:
    """What reading a seed needs besides the seed: shared by every worker, never pickled."""

    catalog: Catalog
    linker: Linker
    mode: LinkMode


@dataclass
class _SeedReading:
    """One seed read: its article (None if it cannot be read), problems and mentions."""

    article: Article | None
    problems: list[Problem]
    mentions: list[Mention] = field(default_factory=list)

    def __getstate__(self) -> tuple:
        """Sent back from a worker with its mentions as plain tuples: a tenth of the time to pickle and unpickle."""
        return self.article, self.problems, [tuple(mention) for mention in self.mentions]

    def __setstate__(self, state: tuple) -> None:
        self.article, self.problems, rows = state
        self.mentions = list(map(Mention._make, rows))


def _read_seed(matching: _Matching, path: Path) -> _SeedReading:
    """Parse a seed with its sidecar and find its mentions."""
    problems: list[Problem] = []
    try:
        sidecar = read_sidecar(path.with_suffix(".yml"))
        text, warnings = decode_seed(path.read_bytes(), path, sidecar.get("encoding"))
        problems += warnings
        article = apply_sidecar(parse_seed(text, path, "", sidecar.get("standfirst")), sidecar)
    except InputError as error:
        return _SeedReading(None, [*problems, error.problem])
    article.slug = slugify(article.slug or article.title, max_length=80, word_boundary=True) or path.stem
    problems += _drop_unknown_hints(article, matching.catalog)
    return _SeedReading(article, problems, find_mentions(article, matching.linker, matching.mode))


def _read_seeds(matching: _Matching, paths: list[Path]) -> list[_SeedReading]:
    return [_read_seed(matching, path) for path in paths]


def _orphan_sidecars(seeds_dir: Path) -> list[Problem]:
    return [Problem(orphan, None, "is a sidecar without a seed",
                    f"rename it to match a seed, or add {orphan.with_suffix('.txt').name}")
            for orphan in sorted(seeds_dir.glob("*.yml")) if not orphan.with_suffix(".txt").exists()]


def _distinct_slugs(readings: list[_SeedReading]) -> tuple[list[_SeedReading], list[Problem]]:
    """The readings whose page address is not taken by an earlier seed; two seeds with one address is an error."""
    by_slug: dict[str, Article] = {}
    kept, problems = [], []
    for reading in readings:
        article = reading.article
        if article.slug in by_slug:
            problems.append(Problem(article.source, None, f"has the same page address '{article.slug}' as "
                                    f"{by_slug[article.slug].source.name}", "set a distinct 'slug' in its sidecar .yml"))
            continue
        by_slug[article.slug] = article
        kept.append(reading)
    return kept, problems


def _drop_unknown_hints(article: Article, catalog: Catalog) -> list[Problem]:
    """Report, and leave out, sidecar alias hints that name no entity."""
    problems = []
    for alias, target in list(article.alias_hints.items()):
        if target is not None and target not in catalog.entities:
            problems.append(Problem(article.source.with_suffix(".yml"), None,
                                    f"alias hint '{alias}' names unknown entity '{target}'",
                                    "use the file name (without .md) of an entity page, or null to switch it off"))
            del article.alias_hints[alias]
    return problems


def load_corpus(seeds_dir: Path, entity_pages: list[tuple[Path, str, str]], mode: LinkMode,
                workers: int | None = None, report: Report = silent) -> Corpus:
    """Read the catalog, then every ``seeds/*.txt`` with its sidecar, in up to ``workers`` processes.

    A seed that cannot be read is reported and left out. ``workers`` defaults to the available cores.
    ``report`` is told, in a line each, what the catalog and the seeds gave and how long they took.
    """
    clock = Stopwatch()
    catalog = build_catalog(entity_pages, alias_key)
    linker = Linker.from_catalog(catalog)
    names = sum(len(entity.names) for entity in catalog)
    report(f"catalog: {len(catalog):,} entities with {names:,} names read and compiled in {clock.lap()}")
    batches = map_batches(_read_seeds, _Matching(catalog, linker, mode), sorted(seeds_dir.glob("*.txt")), workers)
    readings = [reading for batch in batches for reading in batch]
    mentions = sum(len(reading.mentions) for reading in readings)
    report(f"seeds: {len(readings):,} read and matched in {clock.lap()}, {mentions:,} mentions found")
    read_problems = [problem for reading in readings for problem in reading.problems] + _orphan_sidecars(seeds_dir)
    kept, slug_problems = _distinct_slugs([reading for reading in readings if reading.article])
    articles = {reading.article.slug: reading.article for reading in kept}
    index = MentionIndex({reading.article.slug: reading.mentions for reading in kept})
    listings = render_listings(articles.values())
    listings.entries[HOME] = latest(articles.values())
    unused = [Problem(Path("docs") / entity.src_uri, None, "is not mentioned by any article (unused entity)",
                      "nothing to do unless that is a surprise")
              for entity in catalog if not index.count(entity.id)]
    return Corpus(catalog, linker, articles, index, listings, catalog.problems + read_problems + slug_problems, unused)
