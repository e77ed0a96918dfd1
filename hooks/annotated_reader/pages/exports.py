"""Open data: the catalog, every mention and the whole graph as files, made from the one mention index.

The JSON files state their licence (:data:`.structured_data.DATA_LICENCE`); the open data page states it for all.
The files that grow with the corpus (mentions and graph: 97 MB of CSV at 10,000 articles) are
published gzip-compressed; the open-data page lists every file with its size.
"""

from __future__ import annotations

import csv
import gzip
import io
import json

from ..matching.mentions import MentionIndex
from ..reading.article import Article
from ..reading.catalog import Catalog
from ..reading.entity_types import ENTITY_TYPES
from ..reading.relations import RELATION_TYPES
from ..writing.addresses import AbsoluteUrl, article_src_uri, page_path
from ..writing.elements import placeholder
from ..writing.escape import escape_markdown
from ..writing.html_text import escape_text, tag
from ..writing.wording import plural
from .structured_data import DATA_LICENCE, LICENCE_NOTE, entity_node

ENTITIES_FILE = "data/entities.json"
MENTIONS_FILE = "data/mentions.csv.gz"
GRAPH_FILE = "data/graph.jsonld.gz"
DATA_FILES_KEY = "data-files"
"""The placeholder of the open-data page's list of files, written once their sizes are known."""
DATA_PAGE_SRC = "data/index.md"
MENTION_COLUMNS = ("article", "paragraph", "anchor", "entity", "words", "start", "end", "role")
RELATIONS_VOCABULARY = "reader"
"""The graph's prefix for relations schema.org has no property for ("reader:rival_of")."""
_SCHEMA_RELATIONS = {
    # (wording from the subject's page, subject type, target type) -> a schema.org property valid for both.
    ("member of", "person", "organization"): "memberOf",
    ("member of", "organization", "organization"): "memberOf",
    ("has member", "organization", "person"): "member",
    ("has member", "organization", "organization"): "member",
    ("part of", "organization", "organization"): "parentOrganization",
    ("includes", "organization", "organization"): "subOrganization",
    ("part of", "place", "place"): "containedInPlace",
    ("located in", "place", "place"): "containedInPlace",
    ("includes", "place", "place"): "containsPlace",
    ("contains", "place", "place"): "containsPlace",
    ("located in", "organization", "place"): "location",
    ("located in", "event", "place"): "location",
    ("part of", "event", "event"): "superEvent",
    ("includes", "event", "event"): "subEvent",
    ("took part in", "person", "event"): "performerIn",
    ("involved", "event", "person"): "performer",
    ("involved", "event", "organization"): "performer",
}


EXPORTED_FILES = (ENTITIES_FILE, MENTIONS_FILE, GRAPH_FILE)


def open_data(catalog: Catalog, articles: dict[str, Article], index: MentionIndex,
              absolute: AbsoluteUrl) -> dict[str, bytes]:
    """src_uri -> bytes of each open data file, as published. They read the whole corpus and no page needs them,
    so they can be worked out while MkDocs reads pages (see :class:`.parallel.InBackground`)."""
    return {
        ENTITIES_FILE: published(ENTITIES_FILE, entities_json(catalog, index)),
        MENTIONS_FILE: published(MENTIONS_FILE, mentions_csv(articles, index)),
        GRAPH_FILE: published(GRAPH_FILE, graph_jsonld(articles, catalog, index, absolute)),
    }


def published(src_uri: str, text: str) -> bytes:
    """A data file's bytes as published: gzip-compressed if its name says so, with no timestamp, so two builds agree."""
    data = text.encode()
    return gzip.compress(data, compresslevel=6, mtime=0) if src_uri.endswith(".gz") else data


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{max(1, round(count / 1024))} KB"


def files_list(catalog: Catalog, index: MentionIndex, articles: dict[str, Article], sizes: dict[str, int]) -> str:
    """The open-data page's list of files, each with what it holds and its size (``sizes``: bytes by file)."""
    total = sum(len(mentions) for mentions in index.by_article.values())
    described = {
        ENTITIES_FILE: f"the {plural(len(catalog), 'entity', 'entities')}: ids, names, aliases, types, Arabic names, "
                       "summaries, relations, coordinates, dates, Wikidata ids and mention counts (in the articles' own "
                       "text, and apart, in reader comments).",
        MENTIONS_FILE: f"all {plural(total, 'mention')} in {plural(len(articles), 'article')}, as CSV compressed with "
                       "gzip: article, paragraph, the anchor of the mention on the article page, entity, the words "
                       "matched, their character offsets in the paragraph's text, and the mention's role (body, caption, "
                       "pull quote, reader comment, heading).",
        GRAPH_FILE: "a JSON-LD graph of entities and articles, linked by relations and mentions, compressed with gzip. "
                    "Relations use schema.org properties where one fits both types (memberOf, containedInPlace, "
                    "parentOrganization, performerIn …), and otherwise the site's own terms (reader:rival_of).",
    }
    items = []
    for src_uri, what in described.items():
        name = src_uri.rsplit("/", 1)[-1]
        link = tag("a", escape_text(name), href=name, download="")
        items.append(tag("li", f"{link} ({_size(sizes[src_uri])}): {escape_text(what)}"))
    return tag("ul", "".join(items), class_="ar-data-files")


def entities_json(catalog: Catalog, index: MentionIndex) -> str:
    """The catalog with counts: ``mentions`` in the articles' own text, ``mentions_in_comments`` in reader comments."""
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
            "mentions_in_comments": index.count_in_comments(entity.id),
            "page": page_path(entity.src_uri),
        }
        for entity in catalog
    ]
    data = {"license": DATA_LICENCE, "license_note": LICENCE_NOTE, "entities": entities}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


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


def relation_property(wording: str, subject: str, target: str) -> str:
    """The schema.org property for a relation where one fits both types, else the project's own term."""
    return _SCHEMA_RELATIONS.get((wording, subject, target)) or f"{RELATIONS_VOCABULARY}:{wording.replace(' ', '_')}"


def _own_terms() -> list[str]:
    """Every relation wording, both ways, as a term of the site's vocabulary."""
    wordings = {w for relation in RELATION_TYPES.values() for w in (relation.wording, relation.inverse_wording)}
    return sorted(wording.replace(" ", "_") for wording in wordings)


def graph_jsonld(articles: dict[str, Article], catalog: Catalog, index: MentionIndex, absolute: AbsoluteUrl) -> str:
    """Entities and articles as schema.org nodes, identified by their pages' addresses and linked by their relations
    (schema.org properties valid for the types where one fits) and mentions; and the data set itself, with its
    licence."""
    nodes: list[dict] = [{"@id": absolute(GRAPH_FILE), "@type": "Dataset", "name": "Annotated reader: entities, "
                          "relations and mentions", "license": DATA_LICENCE, "description": LICENCE_NOTE}]
    for entity in catalog:
        node = {"@id": absolute(entity.src_uri), **entity_node(entity)}
        for relation in entity.relations:
            name = relation_property(relation.wording, entity.type, catalog[relation.target].type)
            node.setdefault(name, []).append({"@id": absolute(catalog[relation.target].src_uri)})
        nodes.append(node)
    for slug in sorted(articles):
        article = articles[slug]
        mentioned = dict.fromkeys(m.entity_id for m in index.by_article.get(slug, []))
        nodes.append({
            "@id": absolute(article_src_uri(slug)),
            "@type": "NewsArticle",
            "headline": article.title,
            "mentions": [{"@id": absolute(catalog[entity_id].src_uri)} for entity_id in mentioned],
        })
    context = {"@vocab": "https://schema.org/", RELATIONS_VOCABULARY: absolute(DATA_PAGE_SRC) + "#relation-"}
    graph = {"@context": context, "@graph": nodes}
    return json.dumps(graph, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_data_page() -> str:
    """The open-data page's Markdown; its list of files is written once their sizes are known (:func:`files_list`)."""
    types = ", ".join(sorted({kind.schema_type for kind in ENTITY_TYPES.values()}))
    return "\n".join([
        "# Open data",
        "",
        "Everything the site knows, as files to download and reuse. They are made at every build from the same "
        "index the pages are made from, so they always agree with the pages. Files ending in `.gz` are compressed: "
        "`gunzip` opens them, and so do most tools that read CSV or JSON.",
        "",
        placeholder(DATA_FILES_KEY),
        "## Licence {: #licence }",
        "",
        escape_markdown(LICENCE_NOTE) + f" Licence: [CC BY 4.0]({DATA_LICENCE}).",
        "",
        "## Relations in the graph {: #relations }",
        "",
        "The site's own terms, for relations schema.org has no property for:",
        "",
        *[f"- `{RELATIONS_VOCABULARY}:{term}`{{: #relation-{term} }}" for term in _own_terms()],
        "",
        f"Every page also carries schema.org JSON-LD: NewsArticle with `mentions` for articles; {types} for entities, "
        "with `sameAs` pointing to Wikidata where the entity has a Wikidata id.",
        "",
    ])
