"""How a mention looks in a page: its element, its attributes, its link."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..reading.catalog import Entity
from .addresses import entity_href


def hover_text(entity: Entity) -> str:
    return f"{entity.name} ({entity.type_label}): {entity.summary}"


def mention_attributes(entity: Entity, anchor: str, full_link: bool) -> dict[str, str]:
    """Attributes of a mention: its own anchor, its type, its entity, and for a full link its summary."""
    if not full_link:  # the hover card gives the summary; a title on every mention would weigh on the page
        return {"id": anchor, "class": f"ar-mention ar-{entity.type} ar-quiet", "data-entity": entity.id}
    return {"id": anchor, "class": f"ar-mention ar-{entity.type}", "data-entity": entity.id, "title": hover_text(entity)}


def mention_element(text: str, entity: Entity, anchor: str, full_link: bool) -> etree.Element:
    """A mention as an element, for text the annotator finds in a rendered page."""
    element = etree.Element("a" if full_link else "span", mention_attributes(entity, anchor, full_link))
    if full_link:
        element.set("href", entity_href(entity))
    element.text = text
    return element

