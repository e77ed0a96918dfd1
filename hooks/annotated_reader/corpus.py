"""The corpus: seeds and catalog read once, matched once, and every generated page derived from it."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from .article import Article
from .article_page import AnchorIds, ArticlePage, UrlOf, article_meta, article_src_uri, render_article
from .catalog import Catalog, build_catalog, is_entity_page
from .coverage import coverage_json, find_candidates, render_coverage
from .elements import placeholder
from .entity_page import render_entity_page, render_mentions
from .errors import InputError, Problem
from .exports import ENTITIES_FILE, GRAPH_FILE, MENTIONS_FILE, entities_json, graph_jsonld, mentions_csv, render_data_page
from .linker import Linker, alias_key
from .listings import PLACEHOLDER_KEY, Listings, entries_html, latest, render_latest, render_listings
from .maps import build_locator, build_map
from .mentions import LinkMode, MentionIndex, find_mentions
from .network import build_neighbourhood, build_network
from .registers import REGISTERS, render_register, render_register_links
from .seed_parser import decode_seed, parse_seed
from .sidecar import apply_sidecar, read_sidecar
from .structured_data import entity_json_ld
from .timeline import render_timeline

TIMELINE_PAGE = "explore/timeline.md"
NETWORK_PAGE = "explore/network.md"
MAP_PAGE = "explore/map.md"
DATA_PAGE = "data/index.md"
COVERAGE_PAGE = "maintainers/coverage.md"
COVERAGE_DATA = "maintainers/coverage.json"
HOME = "index.md"


EXPLORE_LINKS = f"""## Explore

- [Network](/{NETWORK_PAGE}) of people, organisations, places, events and terms
- [Map](/{MAP_PAGE}) of the places the articles name
- [Timeline](/{TIMELINE_PAGE}) of events and articles
- [Open data](/{DATA_PAGE}): entities, mentions and the graph, to download
"""


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

    def generated_pages(self) -> dict[str, str]:
        """src_uri -> content of every file the corpus adds: articles, registers, the coverage report."""
        pages = {article_src_uri(slug): "" for slug in self.articles}  # written by :meth:`article_page`
        for register in REGISTERS:
            pages[register.src_uri] = render_register(register, self.catalog, self.index)
        pages.update(self.listings.markdown)
        pages[TIMELINE_PAGE] = render_timeline(self.catalog, self.articles)
        pages[NETWORK_PAGE] = f"# Network\n\nHow the entities of the corpus connect.\n\n{placeholder('network')}"
        pages[MAP_PAGE] = f"# Map\n\nThe places the articles name.\n\n{placeholder('map')}"
        pages[DATA_PAGE] = render_data_page(self.catalog, self.index, self.articles)
        pages[ENTITIES_FILE] = entities_json(self.catalog, self.index)
        pages[MENTIONS_FILE] = mentions_csv(self.articles, self.index)
        pages[GRAPH_FILE] = graph_jsonld(self.articles, self.catalog, self.index)
        candidates = find_candidates(self.articles, self.index)
        pages[COVERAGE_PAGE] = render_coverage(candidates, self.catalog, self.index)
        pages[COVERAGE_DATA] = coverage_json(candidates, self.catalog, self.index)
        return pages

    def entity_page(self, entity_id: str) -> str:
        return render_entity_page(self.catalog[entity_id], self.catalog, self.index)

    def builders(self, src_uri: str) -> dict[str, Callable[[], etree.Element]]:
        """The parts of a page that are built as elements, by placeholder key."""
        entity_id = Path(src_uri).stem
        if is_entity_page(src_uri) and entity_id in self.catalog.entities:
            entity = self.catalog[entity_id]
            return {"neighbourhood": lambda: build_neighbourhood(entity, self.catalog, self.index),
                    "locator": lambda: build_locator(entity)}
        if src_uri == NETWORK_PAGE:
            return {"network": lambda: build_network(self.catalog, self.index)}
        if src_uri == MAP_PAGE:
            return {"map": lambda: build_map(self.catalog, self.index)}
        return {}

    def written_parts(self, src_uri: str, url: UrlOf) -> dict[str, str]:
        """The parts of a page written as HTML text, by placeholder key, links made by ``url``."""
        entity_id = Path(src_uri).stem
        if is_entity_page(src_uri) and entity_id in self.catalog.entities and self.index.count(entity_id):
            return {"mentions": render_mentions(self.catalog[entity_id], self.index, self.articles, url)}
        if src_uri in self.listings.entries:
            return {PLACEHOLDER_KEY: entries_html(self.listings.entries[src_uri], url, level=3 if src_uri == HOME else 2)}
        return {}

    def article_of(self, src_uri: str) -> Article | None:
        """The article whose page ``src_uri`` is, if it is one."""
        slug = src_uri.removeprefix("articles/").removesuffix(".md")
        return self.articles.get(slug) if src_uri == article_src_uri(slug) else None

    def article_meta(self, article: Article) -> dict:
        return article_meta(article)

    def article_anchors(self, article: Article) -> AnchorIds:
        return AnchorIds(article, self.index.by_article[article.slug])

    def article_page(self, article: Article, url: UrlOf) -> ArticlePage:
        """The article's HTML, panel and headings, links made by ``url``."""
        return render_article(article, self.index.by_article[article.slug], self.catalog, url)

    def entity_meta(self, entity_id: str) -> dict:
        """Page metadata for an entity page (escaped: Material prints it unescaped)."""
        entity = self.catalog[entity_id]
        return {"title": html.escape(entity.name), "description": html.escape(entity.summary),
                "search": {"boost": 3}, "json_ld": entity_json_ld(entity)}

    def home_page(self, intro: str) -> str:
        return "\n\n".join([intro.strip(), render_latest(len(self.articles)), render_register_links(self.catalog),
                            EXPLORE_LINKS])


def read_articles(seeds_dir: Path) -> tuple[list[Article], list[Problem]]:
    """Parse every ``seeds/*.txt`` with its sidecar; a bad seed is reported and left out."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        try:
            sidecar = read_sidecar(path.with_suffix(".yml"))
            text, warnings = decode_seed(path.read_bytes(), path, sidecar.get("encoding"))
            problems += warnings
            article = apply_sidecar(parse_seed(text, path, "", sidecar.get("standfirst")), sidecar)
        except InputError as error:
            problems.append(error.problem)
            continue
        articles.append(article)
    for orphan in sorted(seeds_dir.glob("*.yml")):
        if not orphan.with_suffix(".txt").exists():
            problems.append(Problem(orphan, None, "is a sidecar without a seed",
                                    f"rename it to match a seed, or add {orphan.with_suffix('.txt').name}"))
    return articles, problems


def _assign_slugs(articles: list[Article]) -> tuple[dict[str, Article], list[Problem]]:
    """Slugs from titles unless a sidecar pins one; two articles with one slug is an error."""
    by_slug: dict[str, Article] = {}
    problems = []
    for article in articles:
        article.slug = slugify(article.slug or article.title, max_length=80, word_boundary=True) or article.source.stem
        if article.slug in by_slug:
            problems.append(Problem(article.source, None, f"has the same page address '{article.slug}' as "
                                    f"{by_slug[article.slug].source.name}", "set a distinct 'slug' in its sidecar .yml"))
            continue
        by_slug[article.slug] = article
    return by_slug, problems


def _drop_unknown_hints(articles: dict[str, Article], catalog: Catalog) -> list[Problem]:
    """Report, and leave out, sidecar alias hints that name no entity."""
    problems = []
    for article in articles.values():
        for alias, target in list(article.alias_hints.items()):
            if target is not None and target not in catalog.entities:
                problems.append(Problem(article.source.with_suffix(".yml"), None,
                                        f"alias hint '{alias}' names unknown entity '{target}'",
                                        "use the file name (without .md) of an entity page, or null to switch it off"))
                del article.alias_hints[alias]
    return problems


def load_corpus(seeds_dir: Path, entity_pages: list[tuple[Path, str, str]], mode: LinkMode) -> Corpus:
    """Read the catalog and the seeds, and find every mention with one compiled linker."""
    catalog = build_catalog(entity_pages, alias_key)
    linker = Linker.from_catalog(catalog)
    parsed, problems = read_articles(seeds_dir)
    articles, slug_problems = _assign_slugs(parsed)
    hint_problems = _drop_unknown_hints(articles, catalog)
    index = MentionIndex({slug: find_mentions(article, linker, mode) for slug, article in articles.items()})
    listings = render_listings(articles.values())
    listings.entries[HOME] = latest(articles.values())
    unused = [Problem(Path("docs") / entity.src_uri, None, "is not mentioned by any article (unused entity)",
                      "nothing to do unless that is a surprise")
              for entity in catalog if not index.count(entity.id)]
    return Corpus(catalog, linker, articles, index, listings, catalog.problems + problems + slug_problems + hint_problems, unused)
