"""The corpus: seeds and catalog read once, matched once, before any page renders; every page reads it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from ..reading.article import Article
from ..reading.catalog import Catalog, build_catalog
from ..reading.errors import InputError, Problem
from ..reading.input_files import file_bytes, seed_files
from ..reading.seed_parser import decode_seed, parse_seed, title_notice
from ..reading.sidecar import apply_sidecar, read_sidecar, sidecar_line
from .linker import Linker, alias_key
from .mentions import LinkMode, Mention, MentionIndex, find_mentions, names_within_names, unused_entities
from .parallel import map_batches
from .progress import Report, Stopwatch, silent


@dataclass
class Corpus:
    """Everything the site is made of, computed before any page renders."""

    catalog: Catalog
    linker: Linker
    articles: dict[str, Article]
    index: MentionIndex
    problems: list[Problem] = field(default_factory=list)
    """Errors: each stops a strict build."""
    notices: list[Problem] = field(default_factory=list)
    """Facts a maintainer should know that are not errors (e.g. entities no article mentions)."""


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


def _read_seed(matching: _Matching, seed: tuple[Path, Path | None]) -> _SeedReading:
    """Parse a seed with its sidecar (if it has one) and find its mentions."""
    path, sidecar_path = seed
    problems: list[Problem] = []
    try:
        sidecar = read_sidecar(sidecar_path) if sidecar_path else {}
        text, warnings = decode_seed(file_bytes(path), path, sidecar.get("encoding"))
        problems += warnings
        article = apply_sidecar(parse_seed(text, path, "", sidecar.get("standfirst")), sidecar)
    except InputError as error:
        return _SeedReading(None, [*problems, *error.problems])
    article.slug = (slugify(article.slug or article.title, max_length=80, word_boundary=True)
                    or slugify(path.stem, max_length=80) or f"article-{hashlib.sha1(path.name.encode()).hexdigest()[:10]}")
    problems += _drop_unknown_hints(article, matching.catalog)
    return _SeedReading(article, problems, find_mentions(article, matching.linker, matching.mode))


def _read_seeds(matching: _Matching, seeds: list[tuple[Path, Path | None]]) -> list[_SeedReading]:
    return [_read_seed(matching, seed) for seed in seeds]


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
            sidecar = article.source.with_suffix(".yml")
            problems.append(Problem(sidecar, sidecar_line(sidecar, "alias_hints", alias),
                                    f"alias hint '{alias}' names unknown entity '{target}'",
                                    "use the file name (without .md) of an entity page, or null to switch it off"))
            del article.alias_hints[alias]
    return problems


def load_corpus(seeds_dir: Path, entity_pages: list[tuple[Path, str, str]], mode: LinkMode,
                workers: int | None = None, report: Report = silent) -> Corpus:
    """Read the catalog, then every ``seeds/*.txt`` with its sidecar, in up to ``workers`` processes.

    A seed that cannot be read is reported and left out, as is any file in ``seeds/`` that is not a
    regular file inside the project (its parent folder). ``workers`` defaults to the available cores.
    ``report`` is told, in a line each, what the catalog and the seeds gave and how long they took.
    """
    clock = Stopwatch()
    catalog = build_catalog(entity_pages, alias_key)
    linker = Linker.from_catalog(catalog)
    names = sum(len(entity.names) for entity in catalog)
    report(f"catalog: {len(catalog):,} entities with {names:,} names read and compiled in {clock.lap()}")
    seeds, file_problems = seed_files(seeds_dir, seeds_dir.parent)
    batches = map_batches(_read_seeds, _Matching(catalog, linker, mode), seeds, workers)
    readings = [reading for batch in batches for reading in batch]
    mentions = sum(len(reading.mentions) for reading in readings)
    report(f"seeds: {len(readings):,} read and matched in {clock.lap()}, {mentions:,} mentions found")
    read_problems = file_problems + [problem for reading in readings for problem in reading.problems]
    kept, slug_problems = _distinct_slugs([reading for reading in readings if reading.article])
    articles = {reading.article.slug: reading.article for reading in kept}
    index = MentionIndex({reading.article.slug: reading.mentions for reading in kept}, names_within_names(catalog))
    unused = _unused_notice([catalog[entity_id].src_uri.removesuffix(".md") for entity_id in unused_entities(catalog, index)])
    titles = [title_notice(article) for article in articles.values() if article.title_from_body]
    return Corpus(catalog, linker, articles, index, catalog.problems + read_problems + slug_problems, titles + unused)


UNUSED_NAMED = 10
"""Unused entity pages named in the build's one line about them; the coverage report lists them all."""


def _unused_notice(pages: list[str]) -> list[Problem]:
    """One line for the entity pages no article mentions, however many (a catalog may run ahead of its articles)."""
    if not pages:
        return []
    named = ", ".join(pages[:UNUSED_NAMED]) + (f" and {len(pages) - UNUSED_NAMED:,} more" if len(pages) > UNUSED_NAMED else "")
    many = len(pages) != 1
    return [Problem(Path("docs"), None, f"{len(pages):,} entity page{'s are' if many else ' is'} not mentioned by any "
                                        f"article: {named}", "the coverage report lists them; nothing to do unless that "
                                                             "is a surprise")]
