"""The network of entities: typed relations and co-occurrence in the same paragraph, drawn as static SVG.

The layout is networkx's spring layout with a fixed seed, so every build draws the same
picture. The corpus-wide drawing shows the :data:`NETWORK_LIMIT` most mentioned entities
(a drawing of hundreds of nodes helps no one); the table under it lists every connection
of every entity and is the drawing's text alternative. Each entity page gets a small
drawing of its own neighbourhood.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree
from collections import Counter

import networkx as nx

from .article_page import UrlOf
from .catalog import Catalog, Entity
from .elements import detached, element
from .mentions import MentionIndex
from .svg import node_link, svg

NETWORK_LIMIT = 120
NEIGHBOURS_LIMIT = 12
RELATION_WEIGHT = 3
WIDTH, HEIGHT, MARGIN = 960, 720, 70
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
    ranked = sorted((e for e in catalog if index.count(e.id) or e.relations),
                    key=lambda e: (-index.count(e.id), -len(e.relations), e.id))[:limit]
    graph = nx.Graph()
    graph.add_nodes_from(entity.id for entity in ranked)
    for entity in ranked:
        for other, weight in connections(entity, index).items():
            if other in graph and entity.id < other:
                graph.add_edge(entity.id, other, weight=weight)
    return graph


def _scaled(positions: dict, width: int, height: int, margin: int) -> dict[str, tuple[float, float]]:
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {node: (margin + (x - min(xs)) / span_x * (width - 2 * margin),
                   margin + (y - min(ys)) / span_y * (height - 2 * margin)) for node, (x, y) in positions.items()}


def _edges(drawing: etree.Element, graph: nx.Graph, places: dict[str, tuple[float, float]]) -> None:
    edges = element(drawing, "g", class_="ar-edges")
    for a, b, data in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = places[a], places[b]
        element(edges, "line", x1=f"{x1:.1f}", y1=f"{y1:.1f}", x2=f"{x2:.1f}", y2=f"{y2:.1f}",
                class_="ar-edge", stroke_width=f"{min(6.0, 0.6 + math.log1p(data['weight'])):.1f}")


def _table(parent: etree.Element, entities: list[Entity], catalog: Catalog, index: MentionIndex, url: UrlOf,
           caption: str) -> None:
    table = element(parent, "table", class_="ar-connections")
    element(table, "caption", caption)
    head = element(element(table, "thead"), "tr")
    for label in ("Entity", "Type", "Mentions", "Connected to (weight)"):
        element(head, "th", label, scope="col")
    body = element(table, "tbody")
    for entity in entities:
        row = element(body, "tr")
        element(element(row, "th", scope="row"), "a", entity.name, href=url(entity.src_uri), data_entity=entity.id)
        element(row, "td", entity.type_label)
        element(row, "td", str(index.count(entity.id)))
        cell = element(row, "td")
        neighbours = strongest(entity, catalog, index)
        for number, (other, weight) in enumerate(neighbours):
            link = element(cell, "a", other.name, href=url(other.src_uri), data_entity=other.id)
            link.tail = f" ({weight})" + (", " if number < len(neighbours) - 1 else "")


def build_network(catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """The corpus-wide drawing and, as its text alternative, the table of every entity's connections; links made by ``url``."""
    graph = network_graph(catalog, index)
    positions = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight", iterations=100) if len(graph) else {}
    places = _scaled({node: (float(x), float(y)) for node, (x, y) in positions.items()}, WIDTH, HEIGHT, MARGIN)
    root = detached("div", class_="ar-network ar-nolink", data_search_exclude="")
    figure = element(root, "figure", class_="ar-figure-svg")
    drawing = svg(figure, WIDTH, HEIGHT, f"Network of the {len(graph)} most mentioned entities",
                  aria_describedby="connections-table")
    _edges(drawing, graph, places)
    nodes = element(drawing, "g", class_="ar-nodes")
    for node in sorted(graph):
        x, y = places[node]
        node_link(nodes, catalog[node], url, x, y, 4 + 2 * math.sqrt(index.count(node)) ** 0.8)
    element(figure, "figcaption", "Lines join entities with a typed relation or named in the same paragraphs; "
                                  "thicker lines, stronger ties. Shapes: person ●, organisation ■, place ▲, event ◆, "
                                  "term ⬢. The table below lists the same connections.")
    entities = sorted((e for e in catalog if index.count(e.id) or e.relations), key=lambda e: e.name.casefold())
    table_holder = element(root, "div", id="connections-table")
    _table(table_holder, entities, catalog, index, url, "Every entity and its strongest connections")
    return root


def build_neighbourhood(entity: Entity, catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """A small radial drawing of one entity and its strongest connections; links made by ``url``."""
    neighbours = [(other.id, weight) for other, weight in strongest(entity, catalog, index)]
    width, height = 560, 360
    cx, cy = width / 2, height / 2
    root = detached("figure", class_="ar-figure-svg ar-neighbourhood ar-nolink", data_search_exclude="")
    drawing = svg(root, width, height, f"{entity.name} and its strongest connections")
    places = {other: (cx + 140 * math.cos(2 * math.pi * k / len(neighbours)),
                      cy + 130 * math.sin(2 * math.pi * k / len(neighbours))) for k, (other, _) in enumerate(neighbours)}
    edges = element(drawing, "g", class_="ar-edges")
    for other, weight in neighbours:
        x, y = places[other]
        element(edges, "line", x1=f"{cx:.1f}", y1=f"{cy:.1f}", x2=f"{x:.1f}", y2=f"{y:.1f}", class_="ar-edge",
                stroke_width=f"{min(6.0, 0.6 + math.log1p(weight)):.1f}")
    nodes = element(drawing, "g", class_="ar-nodes")
    node_link(nodes, entity, url, cx, cy, 9, linked=False)
    for other, _ in neighbours:
        node_link(nodes, catalog[other], url, *places[other], 6)
    element(root, "figcaption", "The same connections are listed under Relations and Appears with.")
    return root
