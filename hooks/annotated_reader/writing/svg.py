"""Static SVG drawing shared by the network and the maps: entity types told apart by shape and colour.

Drawings are shown at their own size (``width`` and ``height`` equal the viewBox), so one unit is one
CSS pixel and :data:`FONT_SIZE` is the size a reader sees; a drawing wider than the page scrolls in
its frame (``drawings.js`` adds zoom and pan where JavaScript runs).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree

from ..reading.catalog import Entity
from ..reading.entity_types import EntityType
from .addresses import UrlOf
from .elements import element
from .labels import Label

FONT_SIZE = 12
"""Labels' size in CSS pixels; reader.css sets the same."""
POLYGON_REACH = 1.25
"""How far a polygon marker's corners reach, as a multiple of its size."""


def svg(parent: etree.Element, width: int, height: int, title: str, **attributes: str) -> etree.Element:
    """An accessible drawing: a named group (its nodes are links, so not role img), its own title, and
    (via aria-describedby) its table alternative."""
    drawing = element(parent, "svg", xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}",
                      width=str(width), height=str(height), role="group", aria_label=title, class_="ar-svg",
                      **attributes)
    element(drawing, "title", title)
    return drawing


def _points(x: float, y: float, size: float, corners: int, turn: float) -> str:
    return " ".join(f"{x + size * math.cos(turn + 2 * math.pi * k / corners):.1f},"
                    f"{y + size * math.sin(turn + 2 * math.pi * k / corners):.1f}" for k in range(corners))


def marker(parent: etree.Element, kind: EntityType, x: float, y: float, size: float) -> etree.Element:
    """The type's shape centred on (x, y); its colour comes from the type's CSS class."""
    shape = kind.shape
    css = f"ar-node ar-{kind.key}"
    if shape == "circle":
        return element(parent, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{size:.1f}", class_=css)
    if shape == "square":
        return element(parent, "rect", x=f"{x - size:.1f}", y=f"{y - size:.1f}", width=f"{2 * size:.1f}",
                       height=f"{2 * size:.1f}", class_=css)
    corners, turn = {"triangle": (3, -math.pi / 2), "diamond": (4, 0.0), "hexagon": (6, 0.0)}[shape]
    return element(parent, "polygon", points=_points(x, y, size * POLYGON_REACH, corners, turn), class_=css)


def reach(size: float) -> float:
    """The radius of the circle that holds a marker of this size, whatever its shape."""
    return size * POLYGON_REACH


def label_text(parent: etree.Element, label: Label, css: str = "ar-node-label") -> None:
    """A placed label, with its leader line when it sits away from its point."""
    if label.leader:
        x1, y1, x2, y2 = label.leader
        element(parent, "line", x1=f"{x1:.1f}", y1=f"{y1:.1f}", x2=f"{x2:.1f}", y2=f"{y2:.1f}", class_="ar-leader")
    attributes = {"text_anchor": label.anchor} if label.anchor != "start" else {}
    element(parent, "text", label.text, x=f"{label.x:.1f}", y=f"{label.y:.1f}", class_=css, **attributes)


def node_link(parent: etree.Element, entity: Entity, url: UrlOf, x: float, y: float, size: float,
              label: Label | None = None, linked: bool = True) -> etree.Element:
    """A node that is a link to the entity's page (its address made by ``url``), with its placed label if it has one;
    on the entity's own page (``linked`` false) the same node without the link, as a page never links to itself.

    ``data-node`` lets drawings.js light up the node's neighbours.
    """
    link = (element(parent, "a", href=url(entity.src_uri), class_="ar-node-link", data_node=entity.id,
                    data_entity=entity.id) if linked
            else element(parent, "g", class_="ar-node-link", data_node=entity.id))
    element(link, "title", f"{entity.name} ({entity.type_label})")
    marker(link, entity.kind, x, y, size)
    if label:
        label_text(link, label)
    return link
