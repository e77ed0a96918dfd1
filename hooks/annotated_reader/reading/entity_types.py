"""The kinds of entity, one frozen record each: everything else about a type derives from its record.

Adding a type is one record here, its folder under ``docs/``, its rules in ``reader.css``
(``.ar-<key>``: the underline of its mentions and the colour of its shape; a test checks both)
and its register in the navigation of ``mkdocs.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityType:
    """One kind of entity, as its pages, its register, its drawings and its structured data show it."""

    key: str
    """As written in front matter (``type: person``) and in CSS classes (``ar-person``)."""
    folder: str
    """Its pages' folder under ``docs/``."""
    label: str
    plural: str
    schema_type: str
    """Its schema.org type, for JSON-LD."""
    shape: str
    """Its marker in the drawings (colour-blind readers tell types apart by shape)."""
    underline: str
    """The style of its mentions' underline in the text (reader.css), which the legend names."""
    register: str
    """The address of its register, under ``registers/``."""
    register_title: str
    register_intro: str
    register_by_date: bool = False
    """Whether its register lists it by date under years (events) rather than A–Z."""
    named_apart: bool = False
    """Whether its names end where "of" begins: "Arraba Idris of Liwa Maghaweer" is a person of a group, not one
    longer name, where "Islamic State of Iraq" is one."""
    common_nouns: bool = False
    """Whether its names are words a text writes in small letters ("emir", "shariah"), listed capitalised as page
    titles: a spelling variant of one need not be capitalised."""


ENTITY_TYPES: dict[str, EntityType] = {
    kind.key: kind
    for kind in (
        EntityType("person", "people", "Person", "People", "Person", "circle", "solid",
                   "people", "People", "Every person the articles name.", named_apart=True),
        EntityType("organization", "organizations", "Organisation", "Organisations", "Organization", "square", "double",
                   "organisations", "Organisations", "Armed groups, armies, states' alliances and other bodies."),
        EntityType("place", "places", "Place", "Places", "Place", "triangle", "dashed",
                   "places", "Places", "Towns, regions and countries."),
        EntityType("event", "events", "Event", "Events", "Event", "diamond", "wavy",
                   "events", "Events", "Battles and other events the articles refer to, by date.", register_by_date=True),
        EntityType("term", "glossary", "Glossary term", "Glossary terms", "DefinedTerm", "hexagon", "dotted",
                   "glossary", "Glossary A–Z", "Terms a reader meets in the articles, defined.", common_nouns=True),
    )
}
ENTITY_FOLDERS = tuple(kind.folder for kind in ENTITY_TYPES.values())
