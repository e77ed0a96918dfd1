"""schema.org JSON-LD for article and entity pages, so search engines and tools read what a page is about."""

from __future__ import annotations

from ..reading.article import Article
from ..reading.catalog import Entity
from ..writing.escape import script_json


def entity_node(entity: Entity) -> dict:
    node = {"@type": entity.kind.schema_type, "name": entity.name, "description": entity.summary}
    names = [alias.text for alias in entity.aliases] + ([entity.arabic] if entity.arabic else [])
    if names:
        node["alternateName"] = names
    if entity.wikidata:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    if entity.coordinates and entity.type == "place":
        node["geo"] = {"@type": "GeoCoordinates", "latitude": entity.coordinates[0], "longitude": entity.coordinates[1]}
    if entity.date and entity.type == "event":
        node["startDate"] = entity.date
        if entity.end:
            node["endDate"] = entity.end
    return node


def _reference(entity: Entity) -> dict:
    """A mentioned entity, briefly: its full description is on its own page."""
    node = {"@type": entity.kind.schema_type, "name": entity.name}
    if entity.wikidata:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    return node


def _script(data: dict) -> str:
    return script_json({"@context": "https://schema.org", **data})


def entity_json_ld(entity: Entity) -> str:
    return _script(entity_node(entity))


def article_json_ld(article: Article, mentioned: list[Entity]) -> str:
    data: dict = {"@type": "NewsArticle", "headline": article.title}
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.date:
        data["datePublished"] = article.date.isoformat()
    if article.publication:
        data["publisher"] = {"@type": "Organization", "name": article.publication}
    if article.url:
        data["isBasedOn"] = article.url
    if article.standfirst:
        data["description"] = article.standfirst.text
    data["mentions"] = [_reference(entity) for entity in mentioned]
    return _script(data)
