"""Open data: the catalog, every mention and the whole graph as files, made from the one mention index.

The files that grow with the corpus (mentions and graph: 97 MB of CSV at 10,000 articles) are
published gzip-compressed; the open-data page lists every file with its size.
"""

from __future__ import annotations

import csv
import gzip
import io
import json

from .article import Article
from .article_page import article_src_uri, page_path
from .catalog import Catalog
from .elements import placeholder
from .html_text import escape_text, tag
from .mentions import MentionIndex
from .structured_data import SCHEMA_TYPES, entity_node

ENTITIES_FILE = "data/entities.json"
MENTIONS_FILE = "data/mentions.csv.gz"
GRAPH_FILE = "data/graph.jsonld.gz"
DATA_FILES_KEY = "data-files"
MENTION_COLUMNS = ("article", "paragraph", "anchor", "entity", "words", "start", "end", "role")


def entities_json(catalog: Catalog, index: MentionIndex) -> str:
    entities = [
        {
            "id": entity.id,
            "type": entity.type,
            "name": entity.name,
            "aliases": [alias.text for alias in entity.aliases],
            "arabic": entity.arabic,
            "summary": entity.summary,
            "wikidata": entity.wikidata,
            "coordinates": list(entity.coordinates) if entity.coordinates else None,
            "date": entity.date,
            "end": entity.end,
            "relations": [{"relation": relation.wording, "target": relation.target} for relation in entity.relations],
            "mentions": index.count(entity.id),
            "page": page_path(entity.src_uri),
        }
        for entity in catalog
    ]
    return json.dumps(entities, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def mentions_csv(articles: dict[str, Article], index: MentionIndex) -> str:
    """One row per mention; start and end are character offsets in the paragraph's text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MENTION_COLUMNS)
    for slug in sorted(index.by_article):
        blocks = {block.id: block for block in articles[slug].annotatable_blocks()}
        for mention in index.by_article[slug]:
            words = blocks[mention.block_id].text[mention.start:mention.end]
            writer.writerow((slug, mention.block_id, mention.id, mention.entity_id, words, mention.start, mention.end,
                             mention.role.value))
    return out.getvalue()


def graph_jsonld(articles: dict[str, Article], catalog: Catalog, index: MentionIndex) -> str:
    """Entities and articles as schema.org nodes, linked by their relations and mentions."""
    nodes = []
    for entity in catalog:
        node = {"@id": f"#{entity.id}", **entity_node(entity)}
        if entity.relations:
            node["isRelatedTo"] = [{"@id": f"#{relation.target}"} for relation in entity.relations]
        nodes.append(node)
    for slug in sorted(articles):
        article = articles[slug]
        mentioned = dict.fromkeys(m.entity_id for m in index.by_article.get(slug, []))
        nodes.append({
            "@id": f"#article-{slug}",
            "@type": "NewsArticle",
            "headline": article.title,
            "url": page_path(article_src_uri(slug)),
            "mentions": [{"@id": f"#{entity_id}"} for entity_id in mentioned],
        })
    graph = {"@context": "https://schema.org", "@graph": nodes}
    return json.dumps(graph, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def published(src_uri: str, text: str) -> bytes:
    """A data file's bytes as published: gzip-compressed if its name says so, with no timestamp, so two builds agree."""
    data = text.encode()
    return gzip.compress(data, compresslevel=6, mtime=0) if src_uri.endswith(".gz") else data


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{max(1, round(count / 1024))} KB"


def files_list(catalog: Catalog, index: MentionIndex, articles: dict[str, Article], sizes: dict[str, int]) -> str:
    """The open-data page's list of files, each with what it holds and its size (``sizes``: bytes by file)."""
    total = sum(len(mentions) for mentions in index.by_article.values())
    plural = "s" if len(articles) != 1 else ""
    described = {
        ENTITIES_FILE: f"the {len(catalog)} entities: ids, names, aliases, types, Arabic names, summaries, relations, "
                       "coordinates, dates, Wikidata ids and mention counts.",
        MENTIONS_FILE: f"all {total} mentions in the {len(articles)} article{plural}, as CSV compressed with gzip: article, "
                       "paragraph, the anchor of the mention on the article page, entity, the words matched, their "
                       "character offsets in the paragraph's text, and the mention's role (body, caption, pull quote, "
                       "reader comment).",
        GRAPH_FILE: "a JSON-LD graph of entities and articles, linked by relations and mentions, compressed with gzip.",
    }
    items = []
    for src_uri, what in described.items():
        name = src_uri.rsplit("/", 1)[-1]
        link = tag("a", escape_text(name), href=name, download="")
        items.append(tag("li", f"{link} ({_size(sizes[src_uri])}): {escape_text(what)}"))
    return tag("ul", "".join(items), class_="ar-data-files")


def render_data_page() -> str:
    types = ", ".join(sorted(set(SCHEMA_TYPES.values())))
    return "\n".join([
        "# Open data",
        "",
        "Everything the site knows, as files to download and reuse. They are made at every build from the same "
        "index the pages are made from, so they always agree with the pages. Files ending in `.gz` are compressed: "
        "`gunzip` opens them, and so do most tools that read CSV or JSON.",
        "",
        placeholder(DATA_FILES_KEY),
        f"Every page also carries schema.org JSON-LD: NewsArticle with `mentions` for articles; {types} for entities, "
        "with `sameAs` pointing to Wikidata where the entity has a Wikidata id.",
        "",
    ])
