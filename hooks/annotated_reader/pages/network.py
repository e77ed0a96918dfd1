"""The network of entities: typed relations and co-occurrence in the same paragraph, drawn as static SVG.

The corpus-wide drawing shows the :data:`NETWORK_LIMIT` most connected entities, as many as
stay legible, each joined to its strongest ties; the table under it is the drawing's text
alternative (every drawn entity with its strongest connections), and a second one lists the
entities not drawn, with their mentions, their connections being on their own pages: a short
row each, so the page grows slowly with the catalog. The layout is networkx's spring layout with
a fixed seed, spread so that no two markers touch, so every build draws the same picture;
entities with no tie to the others are set apart in a row below rather than pushed to the
corners. Labels are placed by :mod:`.labels`. Each entity page gets a small drawing of its
own neighbourhood.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree
from collections import Counter
from typing import NamedTuple

import networkx as nx

from ..matching.mentions import MentionIndex
from ..reading.catalog import Catalog, Entity
from ..writing.addresses import UrlOf
from ..writing.elements import detached, element
from ..writing.labels import Box, Label, Point, marker_box, place_labels, text_box, text_width
from ..writing.svg import FONT_SIZE, label_text, node_link, reach, svg

NETWORK_LIMIT = 50
"""Most nodes the corpus-wide drawing shows; a table lists the rest."""
NEIGHBOURS_LIMIT = 12
TIES_DRAWN = 4
"""A line is drawn when it is among the strongest ties of one of its ends: the drawing's backbone."""
RELATION_WEIGHT = 3
WIDTH, LAYOUT_HEIGHT, MARGIN = 680, 620, 24
MIN_DISTANCE = 30.0
"""Markers are pushed apart until their centres are at least this far apart."""
MARKER_RADII = (4.0, 11.5)
"""The least and the most mentioned entity's marker size: two of the largest, whatever their shapes (their
:func:`.svg.reach`), do not touch when :data:`MIN_DISTANCE` apart."""
ROW_SPACING = 26
LAYOUT_SEED = 2015


def connections(entity: Entity, index: MentionIndex) -> Counter[str]:
    """Weighted neighbours: each typed relation counts RELATION_WEIGHT, each shared paragraph one."""
    weights: Counter[str] = Counter(index.together(entity.id))
    for relation in entity.relations:
        weights[relation.target] += RELATION_WEIGHT
    return weights


def strongest(entity: Entity, catalog: Catalog, index: MentionIndex) -> list[tuple[Entity, int]]:
    """The NEIGHBOURS_LIMIT strongest connections, ties broken by id so that every build agrees."""
    ranked = sorted(connections(entity, index).items(), key=lambda item: (-item[1], item[0]))
    return [(catalog[other], weight) for other, weight in ranked if other in catalog.entities][:NEIGHBOURS_LIMIT]


def network_graph(catalog: Catalog, index: MentionIndex, limit: int = NETWORK_LIMIT) -> nx.Graph:
    """The ``limit`` most connected entities (by the weight of their ties, then mentions) and every tie among them."""
    ties = {entity.id: connections(entity, index) for entity in catalog if index.count(entity.id) or entity.relations}
    ranked = sorted(ties, key=lambda node: (-sum(ties[node].values()), -index.count(node), node))[:limit]
    graph = nx.Graph()
    graph.add_nodes_from(ranked)
    for node in ranked:
        for other, weight in ties[node].items():
            if other in graph and node < other:
                graph.add_edge(node, other, weight=weight)
    return graph


def backbone(graph: nx.Graph) -> nx.Graph:
    """The same nodes, with only the ties that are among the TIES_DRAWN strongest of either end."""
    kept = nx.Graph()
    kept.add_nodes_from(graph)
    for node in graph:
        ranked = sorted(graph[node].items(), key=lambda item: (-item[1]["weight"], item[0]))[:TIES_DRAWN]
        kept.add_edges_from((node, other, data) for other, data in ranked)
    return kept


def _scaled(positions: dict, box: Box) -> dict[str, tuple[float, float]]:
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {node: (box.x0 + (x - min(xs)) / span_x * (box.x1 - box.x0), box.y0 + (y - min(ys)) / span_y * (box.y1 - box.y0))
            for node, (x, y) in positions.items()}


def _spread(places: dict[str, tuple[float, float]], box: Box, distance: float) -> dict[str, tuple[float, float]]:
    """Push markers closer than ``distance`` apart (each pair half the shortfall, in sorted order), kept inside ``box``."""
    moved = {node: list(place) for node, place in sorted(places.items())}
    nodes = list(moved)
    for _ in range(60):
        crowded = False
        for number, a in enumerate(nodes):
            for b in nodes[number + 1:]:
                (ax, ay), (bx, by) = moved[a], moved[b]
                gap = math.hypot(bx - ax, by - ay)
                if gap >= distance:
                    continue
                crowded = True
                ux, uy = ((bx - ax) / gap, (by - ay) / gap) if gap else (1.0, 0.0)
                push = (distance - gap) / 2
                moved[a] = [min(max(ax - ux * push, box.x0), box.x1), min(max(ay - uy * push, box.y0), box.y1)]
                moved[b] = [min(max(bx + ux * push, box.x0), box.x1), min(max(by + uy * push, box.y0), box.y1)]
        if not crowded:
            break
    return {node: (x, y) for node, (x, y) in moved.items()}


def _apart(nodes: list[str], catalog: Catalog, top: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Places in rows from ``top`` for the nodes set apart, each slot as wide as its name; and the rows' bottom."""
    places, x, y = {}, float(MARGIN + 8), top
    for node in nodes:
        slot = 22 + text_width(catalog[node].name, FONT_SIZE)
        if x + slot > WIDTH - MARGIN and x > MARGIN + 8:
            x, y = float(MARGIN + 8), y + ROW_SPACING
        places[node] = (x, y)
        x += slot + 14
    return places, y + ROW_SPACING / 2


def _sizes(counts: dict[str, int]) -> dict[str, float]:
    """Marker radii, each marker's area growing with its entity's mentions, relative to the most mentioned one drawn:
    at any size of corpus the largest marker is :data:`MARKER_RADII`'s largest, and no two markers touch."""
    most = max(counts.values(), default=0) or 1
    smallest, largest = MARKER_RADII
    return {node: smallest + (largest - smallest) * math.sqrt(count / most) for node, count in counts.items()}


class Layout(NamedTuple):
    """Where the network's nodes go: the layout's nodes and, in rows below it, the nodes set apart."""

    places: dict[str, tuple[float, float]]
    apart: list[str]
    """Nodes with no tie in the drawing, in name order."""
    rows_top: float
    """Where the rows of nodes set apart begin."""
    height: int


def network_layout(graph: nx.Graph, catalog: Catalog) -> Layout:
    """Spring layout of the tied nodes, spread so that no two markers touch; the rest in rows below."""
    connected = sorted(node for node in graph if graph.degree(node))
    apart = sorted((node for node in graph if not graph.degree(node)), key=lambda node: catalog[node].name.casefold())
    area = Box(MARGIN, MARGIN, WIDTH - MARGIN, LAYOUT_HEIGHT - MARGIN)
    positions = nx.spring_layout(graph.subgraph(connected), seed=LAYOUT_SEED, iterations=200,
                                 k=2.2 / math.sqrt(len(connected))) if connected else {}
    places = _spread(_scaled({node: (float(x), float(y)) for node, (x, y) in positions.items()}, area), area, MIN_DISTANCE)
    rows_top = (LAYOUT_HEIGHT if connected else MARGIN) + ROW_SPACING
    if not apart:
        return Layout(places, apart, rows_top, LAYOUT_HEIGHT)
    row_places, bottom = _apart(apart, catalog, rows_top)
    return Layout({**places, **row_places}, apart, rows_top, math.ceil(bottom + MARGIN))


def _edges(drawing: etree.Element, ties: list[tuple[str, str, int]], places: dict[str, tuple[float, float]]) -> None:
    """Lines between nodes, thicker for stronger ties; ``data-ends`` names both ends, for drawings.js."""
    edges = element(drawing, "g", class_="ar-edges")
    for a, b, weight in ties:
        (x1, y1), (x2, y2) = places[a], places[b]
        element(edges, "line", x1=f"{x1:.1f}", y1=f"{y1:.1f}", x2=f"{x2:.1f}", y2=f"{y2:.1f}", class_="ar-edge",
                stroke_width=f"{min(6.0, 0.6 + math.log1p(weight)):.1f}", data_ends=f"{a} {b}")


def _labels(order: list[str], catalog: Catalog, places: dict[str, tuple[float, float]], sizes: dict[str, float],
            bounds: Box, obstacles: list[Box]) -> dict[str, Label]:
    """Labels for the nodes in ``order``, most important first."""
    points = [Point(node, catalog[node].name, *places[node], reach(sizes[node])) for node in order]
    return {label.key: label for label in place_labels(points, FONT_SIZE, bounds, obstacles)}


def _table(parent: etree.Element, entities: list[Entity], catalog: Catalog, index: MentionIndex, url: UrlOf,
           caption: str, connections: bool = True) -> None:
    table = element(parent, "table", class_="ar-connections")
    element(table, "caption", caption)
    head = element(element(table, "thead"), "tr")
    for label in ("Entity", "Type", "Mentions", *(["Connected to (weight)"] if connections else [])):
        element(head, "th", label, scope="col")
    body = element(table, "tbody")
    for entity in entities:
        row = element(body, "tr")
        element(element(row, "th", scope="row"), "a", entity.name, href=url(entity.src_uri), data_entity=entity.id)
        element(row, "td", entity.type_label)
        element(row, "td", f"{index.count(entity.id):,}")
        if not connections:
            continue
        cell = element(row, "td")
        neighbours = strongest(entity, catalog, index)
        for number, (other, weight) in enumerate(neighbours):
            link = element(cell, "a", other.name, href=url(other.src_uri), data_entity=other.id)
            link.tail = f" ({weight})" + (", " if number < len(neighbours) - 1 else "")


def build_network(catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """The corpus-wide drawing, the table of the drawn entities' connections (its text alternative) and the table
    of the entities not drawn; links made by ``url``."""
    graph = network_graph(catalog, index)
    places, apart, rows_top, height = network_layout(graph, catalog)
    sizes = _sizes({node: index.count(node) for node in graph})
    strength = dict(graph.degree(weight="weight"))
    order = sorted(graph, key=lambda node: (-strength[node], node))
    note = None
    if apart:
        note_text, note_y = "Not tied to the entities above:" if len(apart) < len(graph) else "Not tied:", rows_top - 24
        note = Label("", note_text, MARGIN, note_y, "start", text_box(note_text, FONT_SIZE, MARGIN, note_y, "start"), None)
    labels = _labels(order, catalog, places, sizes, Box(2, 2, WIDTH - 2, height - 2), [note.box] if note else [])
    root = detached("div", class_="ar-network ar-nolink", data_search_exclude="")
    figure = element(root, "figure", class_="ar-figure-svg ar-zoomable")
    frame = element(figure, "div", class_="ar-drawing")
    drawing = svg(frame, WIDTH, height, f"Network of the {len(graph)} most connected entities",
                  aria_describedby="connections-table")
    _edges(drawing, sorted(backbone(graph).edges(data="weight")), places)
    if note:
        label_text(drawing, note, "ar-drawing-note")
    nodes = element(drawing, "g", class_="ar-nodes")
    for node in sorted(graph):
        node_link(nodes, catalog[node], url, *places[node], sizes[node], labels.get(node))
    element(figure, "figcaption", "Lines join each entity to its strongest ties: a typed relation or being named in the same "
                                  "paragraphs; thicker lines, stronger ties. Shapes: person ●, organisation ■, place ▲, "
                                  "event ◆, term ⬢. Names that do not fit are shortened (…) or left to the tooltip; the "
                                  "table below lists the drawn entities and their connections.")
    by_name = sorted((e for e in catalog if index.count(e.id) or e.relations), key=lambda e: e.name.casefold())
    table_holder = element(root, "div", id="connections-table")
    _table(table_holder, [e for e in by_name if e.id in graph], catalog, index, url,
           "The entities drawn and their strongest connections")
    rest = [e for e in by_name if e.id not in graph]
    if rest:
        _table(root, rest, catalog, index, url, "The entities not drawn, each page listing its connections",
               connections=False)
    return root


NEIGHBOURHOOD_WIDTH, NEIGHBOURHOOD_HEIGHT = 600, 380
NEIGHBOURHOOD_RADII = (150.0, 140.0)


def build_neighbourhood(entity: Entity, catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """A small radial drawing of one entity and its strongest connections; links made by ``url``."""
    neighbours = [(other.id, weight) for other, weight in strongest(entity, catalog, index)]
    width, height = NEIGHBOURHOOD_WIDTH, NEIGHBOURHOOD_HEIGHT
    cx, cy = width / 2, height / 2
    rx, ry = NEIGHBOURHOOD_RADII
    root = detached("figure", class_="ar-figure-svg ar-neighbourhood ar-nolink", data_search_exclude="")
    frame = element(root, "div", class_="ar-drawing")
    drawing = svg(frame, width, height, f"{entity.name} and its strongest connections")
    places = {other: (cx + rx * math.cos(2 * math.pi * k / len(neighbours)),
                      cy + ry * math.sin(2 * math.pi * k / len(neighbours))) for k, (other, _) in enumerate(neighbours)}
    places[entity.id] = (cx, cy)
    sizes = {other: 6.0 for other in places} | {entity.id: 9.0}
    _edges(drawing, [(entity.id, other, weight) for other, weight in neighbours], places)
    bounds = Box(2, 2, width - 2, height - 2)
    points = {node: Point(node, catalog[node].name, *places[node], reach(sizes[node])) for node in places}
    around = [points[other] for other, _ in neighbours]
    centre = place_labels([points[entity.id]], FONT_SIZE, bounds, obstacles=[marker_box(point) for point in around])
    spokes = [((cx, cy), (point.x, point.y)) for point in around]
    rest = place_labels(around, FONT_SIZE, bounds, obstacles=[marker_box(points[entity.id]), *(label.box for label in centre)],
                        lines=spokes)
    labels = {label.key: label for label in [*centre, *rest]}
    nodes = element(drawing, "g", class_="ar-nodes")
    for node in places:
        node_link(nodes, catalog[node], url, *places[node], sizes[node], labels.get(node), linked=node != entity.id)
    element(root, "figcaption", "The same connections are listed under Relations and Appears with.")
    return root
