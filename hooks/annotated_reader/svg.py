"""Static SVG drawing shared by the network and the maps: entity types told apart by shape and colour."""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree

from .article_page import UrlOf
from .catalog import Entity
from .elements import element

SHAPES = {"person": "circle", "organization": "square", "place": "triangle", "event": "diamond", "term": "hexagon"}
"""Shape per entity type (the colour comes from the type's CSS class)."""


def svg(parent: etree.Element, width: int, height: int, title: str, **attributes: str) -> etree.Element:
    """An accessible drawing: a named group (its nodes are links, so not role img), its own title, and
    (via aria-describedby) its table alternative."""
    drawing = element(parent, "svg", xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}",
                      role="group", aria_label=title, class_="ar-svg", **attributes)
    element(drawing, "title", title)
    return drawing


def _points(x: float, y: float, size: float, corners: int, turn: float) -> str:
    return " ".join(f"{x + size * math.cos(turn + 2 * math.pi * k / corners):.1f},"
                    f"{y + size * math.sin(turn + 2 * math.pi * k / corners):.1f}" for k in range(corners))


def marker(parent: etree.Element, entity_type: str, x: float, y: float, size: float) -> etree.Element:
    """The type's shape centred on (x, y)."""
    shape = SHAPES[entity_type]
    css = f"ar-node ar-{entity_type}"
    if shape == "circle":
        return element(parent, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{size:.1f}", class_=css)
    if shape == "square":
        return element(parent, "rect", x=f"{x - size:.1f}", y=f"{y - size:.1f}", width=f"{2 * size:.1f}",
                       height=f"{2 * size:.1f}", class_=css)
    corners, turn = {"triangle": (3, -math.pi / 2), "diamond": (4, 0.0), "hexagon": (6, 0.0)}[shape]
    return element(parent, "polygon", points=_points(x, y, size * 1.25, corners, turn), class_=css)


def node_link(parent: etree.Element, entity: Entity, url: UrlOf, x: float, y: float, size: float,
              label: bool = True, linked: bool = True) -> etree.Element:
    """A node that is a link to the entity's page (its address made by ``url``), with its name; on the entity's
    own page (``linked`` false) the same node without the link, as a page never links to itself."""
    link = (element(parent, "a", href=url(entity.src_uri), class_="ar-node-link", data_entity=entity.id) if linked
            else element(parent, "g"))
    element(link, "title", f"{entity.name} ({entity.type_label})")
    marker(link, entity.type, x, y, size)
    if label:
        element(link, "text", entity.name, x=f"{x + size + 3:.1f}", y=f"{y + 4:.1f}", class_="ar-node-label")
    return link
