"""schema.org JSON-LD for article and entity pages, so search engines and tools read what a page is about.

Addresses are absolute, made from the site's ``site_url``: JSON-LD is read away from the page.
"""

from __future__ import annotations

from ..reading.article import Article
from ..reading.catalog import Entity
from ..writing.addresses import AbsoluteUrl
from ..writing.escape import script_json

DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
"""The project's own data (entity pages, annotations, exports) is offered under CC BY 4.0."""
LICENCE_NOTE = ("The entity data, annotations and open data files are offered under the Creative Commons Attribution "
                "4.0 licence (CC BY 4.0). The articles' text is republished for study and remains its authors' and "
                "publishers'; it is not covered by that licence.")


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


def _reference(entity: Entity, absolute: AbsoluteUrl) -> dict:
    """A mentioned entity, briefly: its full description is on its own page."""
    node = {"@type": entity.kind.schema_type, "name": entity.name, "url": absolute(entity.src_uri)}
    if entity.wikidata:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    return node


def _script(data: dict) -> str:
    return script_json({"@context": "https://schema.org", **data})


def entity_json_ld(entity: Entity, absolute: AbsoluteUrl) -> str:
    return _script({**entity_node(entity), "url": absolute(entity.src_uri)})


def article_json_ld(article: Article, mentioned: list[Entity], page_url: str, absolute: AbsoluteUrl) -> str:
    data: dict = {"@type": "NewsArticle", "headline": article.title, "url": page_url}
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
    data["mentions"] = [_reference(entity, absolute) for entity in mentioned]
    return _script(data)
