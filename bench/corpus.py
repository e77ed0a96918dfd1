"""Deterministic synthetic corpora for the benchmark.

Articles are recombined from the paragraphs of the real seeds and the test fixtures, with
titles, bylines, dates, captions, pull quotes, comments and sidecars. The catalog is the
real one plus generated entities, up to :data:`CATALOG_SIZE`, whose names the generated
text uses, so links are about as dense as in the real article. Article ``k`` is the same
whatever the corpus size, so one article's page can be compared across sizes.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from annotated_reader.reading.article import Kind
from annotated_reader.reading.entity_types import ENTITY_FOLDERS, ENTITY_TYPES
from annotated_reader.reading.seed_parser import decode_seed, parse_seed
from annotated_reader.reading.sidecar import read_sidecar

CATALOG_SIZE = 500
SYLLABLES = ["kaf", "nab", "hal", "dar", "sal", "mah", "tir", "zub", "qar", "rim", "jab", "shar", "mir", "wad", "bir",
             "ras", "dum", "yab", "tar", "sur", "hus", "kam", "lat", "fur", "ghaz", "bal", "nuj", "sam", "dil", "har"]
NAME_SHAPES = {
    "person": "Abu {A} al-{B}",
    "organization": "Liwa {A} {B}",
    "place": "Kafr {A}{b}",
    "event": "Battle of {A}{b}",
    "term": "{a}{b}iyya",
}
"""How an invented entity of each type is named."""
AUTHORS = ["Jane Doe", "Omar Saleh", "Leila Nasser", "Rami Khoury", "Sara Haddad", "Nadia Fares", "Karim Aoun",
           "Hadi Mansour", "Maya Rizk", "Ziad Halabi", "Lina Abboud", "Fadi Karam"]
SOURCES = ["NOW (Lebanon)", "The Daily Star", "Al-Akhbar English", "Syria Direct", "Enab Baladi"]
TAGS = ["Qalamoun", "ISIS", "Nusra Front", "Arsal", "Refugees", "Hezbollah", "Damascus", "Aid", "Border", "Talks"]
WORDS = ["Fighting", "Talks", "Pressure", "Shelling", "Aid", "Winter", "Silence", "Fear", "Return", "Siege"]


def _generated_entities(count: int) -> list[tuple[str, str, str]]:
    """(id, type, name) for ``count`` invented entities with distinct names."""
    rng = random.Random(2015)
    types = list(NAME_SHAPES)
    names: set[str] = set()
    entities = []
    while len(entities) < count:
        entity_type = types[len(entities) % len(types)]
        a, b = rng.choice(SYLLABLES), rng.choice(SYLLABLES)
        name = NAME_SHAPES[entity_type].format(a=a, b=b, A=a.capitalize(), B=b.capitalize())
        if name.casefold() in names:
            continue
        names.add(name.casefold())
        entities.append((f"gen-{len(entities):04d}", entity_type, name))
    return entities


def _paragraph_pool(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(paragraphs, standfirsts, captions) from the seeds and fixtures, parsed by the engine."""
    paragraphs, standfirsts, captions = [], [], []
    for path in sorted([*(root / "seeds").glob("*.txt"), *(root / "tests/fixtures/seeds").glob("*.txt")]):
        text, _ = decode_seed(path.read_bytes(), path, read_sidecar(path.with_suffix(".yml")).get("encoding"))
        article = parse_seed(text, path, "x")
        paragraphs += [b.text for b in article.paragraphs if len(b.text) > 120]
        standfirsts += [b.text for b in article.of_kind(Kind.STANDFIRST)]
        captions += [f"{b.text} ({b.credit or 'AFP'})" for b in article.of_kind(Kind.CAPTION)]
    return paragraphs, standfirsts, captions


def _article(k: int, pool: tuple[list[str], list[str], list[str]], entities: list[tuple[str, str, str]]) -> tuple[str, dict]:
    """Seed text and sidecar of article ``k``: the same for every corpus size."""
    paragraphs, standfirsts, captions = pool
    rng = random.Random(k)
    date = dt.date(2013, 1, 1) + dt.timedelta(days=(k * 37) % 1400)
    body = []
    for j, paragraph in enumerate(rng.sample(paragraphs, rng.randint(10, 16))):
        _, _, name = entities[(k * 13 + j) % len(entities)]
        body.append(f"{paragraph} Local sources also mentioned {name} in this connection.")
    place = entities[(k * 5) % len(entities)][2]
    title = f"{rng.choice(WORDS)} {rng.choice(['returns to', 'grows in', 'spreads near', 'ends in'])} {place} ({k})"
    quote = body[2].split(". ")[0] + "."
    lines = [AUTHORS[k % len(AUTHORS)], title, f"{date:%B} {date.day}, {date.year}", rng.choice(standfirsts),
             rng.choice(captions), *body, quote]
    for n in range(rng.randint(0, 3)):
        comment_date = date + dt.timedelta(days=n + 1)
        lines += [f"  • Reader{k}x{n}", f"    A reader's view on {place}, number {n}.",
                  f"    {comment_date:%B} {comment_date.day}, {comment_date.year}"]
    sidecar = {"publication": SOURCES[k % len(SOURCES)], "tags": rng.sample(TAGS, 2),
               "url": f"https://example.org/articles/{k}"}
    return "\n\n".join(lines) + "\n", sidecar


def _entity_page(entity_type: str, name: str) -> str:
    front = {"type": entity_type, "name": name, "summary": f"An invented {entity_type} that the benchmark corpus names."}
    return f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n{name} exists only to measure how the build scales.\n"


def write_corpus(root: Path, target: Path, count: int) -> tuple[Path, Path]:
    """Write the annotated project and the plain baseline for ``count`` articles; return both folders."""
    annotated, plain = target / "annotated", target / "plain"
    for folder in (annotated, plain):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(root / "docs", annotated / "docs")
    shutil.copytree(root / "hooks", annotated / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "overrides", annotated / "overrides")
    shutil.copy2(root / "mkdocs.yml", annotated / "mkdocs.yml")
    (annotated / "seeds").mkdir()
    real = sum(1 for folder in ENTITY_FOLDERS for _ in (root / "docs" / folder).glob("*.md"))
    entities = _generated_entities(CATALOG_SIZE - real)
    for entity_id, entity_type, name in entities:
        (annotated / "docs" / ENTITY_TYPES[entity_type].folder / f"{entity_id}.md").write_text(_entity_page(entity_type, name))
    pool = _paragraph_pool(root)
    shutil.copytree(annotated / "docs", plain / "docs")
    # The site's own search box is a partial; the plain site keeps Material's.
    shutil.copytree(root / "overrides", plain / "overrides", ignore=shutil.ignore_patterns("partials"))
    (plain / "docs" / "articles").mkdir()
    for k in range(count):
        seed, sidecar = _article(k, pool, entities)
        (annotated / "seeds" / f"a{k:05d}.txt").write_text(seed, encoding="utf-8")
        (annotated / "seeds" / f"a{k:05d}.yml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
        (plain / "docs" / "articles" / f"a{k:05d}.md").write_text(_plain_markdown(seed), encoding="utf-8")
    _plain_config(root, plain)
    return annotated, plain


def _plain_markdown(seed: str) -> str:
    """The same article as a plain Markdown page: title as heading, the rest as paragraphs."""
    chunks = [" ".join(chunk.split()) for chunk in seed.split("\n\n")]
    return "\n\n".join([chunks[0], f"# {chunks[1]}", *chunks[2:]]) + "\n"


def _nav_pages(nav: list) -> list[str]:
    pages = []
    for item in nav:
        for value in item.values():
            pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def _plain_config(root: Path, plain: Path) -> None:
    """The project's mkdocs.yml without the hook: same theme, extensions and navigation, Material's search.

    Pages the navigation names that only the hook generates (registers, listings) get a
    one-line stand-in, so both sites draw the same navigation on every page.
    """
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config.pop("watch")
    config["strict"] = False
    # A plain Material site searches with Material's own plugins, as this site did before it had its own search.
    config["plugins"] = ["search", "offline"]
    config["theme"]["features"].append("search.highlight")
    config["extra_javascript"] = [script for script in config["extra_javascript"] if script != "assets/search.js"]
    config["extra_css"] = [sheet for sheet in config["extra_css"] if sheet != "assets/search.css"]
    for page in _nav_pages(config["nav"]):
        path = plain / "docs" / page
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {Path(page).stem.capitalize()}\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
