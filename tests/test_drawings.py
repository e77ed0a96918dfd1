"""The network, the map and the per-entity drawings: every node and dot a link to a page that exists, and every
label legible (12 px at the drawing's own size) and clear of every other label and marker."""

from __future__ import annotations

import random
import re

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reader.matching.mentions import Mention, MentionIndex
from annotated_reader.pages.maps import BOX, INSET, LOCATOR_FONT_SIZE, build_locator, build_map
from annotated_reader.pages.network import (
    MARKER_RADII,
    MIN_DISTANCE,
    NEIGHBOURS_LIMIT,
    NETWORK_LIMIT,
    build_neighbourhood,
    build_network,
)
from annotated_reader.reading.article import Role
from annotated_reader.reading.catalog import Catalog, Entity
from annotated_reader.writing.elements import html_of
from annotated_reader.writing.labels import Box, Point, place_labels, text_box
from annotated_reader.writing.svg import FONT_SIZE, reach

TYPES = ("person", "organization", "place", "event", "term")
"""Entity types; the drawings' browser checks are in test_browser.py, beside the browser they share."""


def svg_links(page) -> list[str]:
    return [a["href"] for a in page.select("svg a[href]")]


def url(src_uri: str) -> str:
    return "../" + src_uri.replace(".md", ".html")


def entity(number: int, kind: str = "", name: str = "", coordinates: tuple[float, float] | None = None) -> Entity:
    kind = kind or TYPES[number % len(TYPES)]
    name = name or f"Entity number {number} of the invented corpus"[: 8 + number % 30]
    return Entity(id=f"e{number:03}", type=kind, name=name, summary="Invented.", src_uri=f"x/e{number:03}.md",
                  coordinates=coordinates)


def corpus(entities: list[Entity], paragraphs: list[list[str]]) -> tuple[Catalog, MentionIndex]:
    """A catalog and the mentions of one article whose paragraphs name the given entity ids."""
    mentions = [Mention(1, entity_id, "invented", f"p{block}", Role.BODY, 0, 1, True)
                for block, names in enumerate(paragraphs) for entity_id in names]
    return Catalog({e.id: e for e in entities}, []), MentionIndex({"invented": mentions})


def tied_corpus(size: int, alone: int = 0) -> tuple[Catalog, MentionIndex]:
    """``size`` entities named together at random (seeded), and ``alone`` more named only on their own."""
    entities = [entity(number) for number in range(size + alone)]
    pick = random.Random(7)
    paragraphs = [pick.sample([e.id for e in entities[:size]], pick.randint(2, 4)) for _ in range(size * 3)]
    paragraphs += [[e.id] for e in entities[size:]]
    return corpus(entities, paragraphs)


def drawing_of(built) -> Tag:
    return BeautifulSoup(html_of(built), "lxml").select_one("svg")


def text_boxes(drawing: Tag, css: str = "text", size: float = FONT_SIZE) -> list[tuple[str, Box]]:
    return [(text.get_text(), text_box(text.get_text(), size, float(text["x"]), float(text["y"]),
                                       text.get("text-anchor", "start"))) for text in drawing.select(css)]


def marker_boxes(drawing: Tag) -> list[Box]:
    boxes = []
    for shape in drawing.select(".ar-node") if drawing.name == "svg" else [drawing]:
        if shape.name == "circle":
            x, y, r = (float(shape[key]) for key in ("cx", "cy", "r"))
            boxes.append(Box(x - r, y - r, x + r, y + r))
        elif shape.name == "rect":
            x, y, w, h = (float(shape[key]) for key in ("x", "y", "width", "height"))
            boxes.append(Box(x, y, x + w, y + h))
        else:
            corners = [tuple(map(float, pair.split(","))) for pair in shape["points"].split()]
            boxes.append(Box(min(x for x, _ in corners), min(y for _, y in corners),
                             max(x for x, _ in corners), max(y for _, y in corners)))
    return boxes


def centre_y(shape: Tag) -> float:
    (box,) = marker_boxes(shape)
    return (box.y0 + box.y1) / 2


def assert_legible(drawing: Tag, css: str = "text", size: float = FONT_SIZE) -> list[str]:
    """No label overlaps another label or any marker, and every label lies inside the drawing; the labels' texts."""
    labels = text_boxes(drawing, css, size)
    for number, (text, box) in enumerate(labels):
        for other, other_box in labels[number + 1:]:
            assert not box.overlaps(other_box), (text, other)
        for marker in marker_boxes(drawing):
            assert not box.overlaps(marker), text
    _, _, width, height = map(float, drawing["viewbox"].split())
    assert drawing["width"] == f"{width:g}" and drawing["height"] == f"{height:g}", "shown at its own size"
    for text, box in labels:
        assert box.inside(Box(0, 0, width, height)), text
    return [text for text, _ in labels]


# Label placement.

@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(40, 160), st.floats(40, 160), st.floats(2, 9), st.text("abcdef ghij", min_size=1,
                                                                                              max_size=24)),
                min_size=1, max_size=25))
def test_placed_labels_never_overlap_each_other_nor_any_marker_even_in_a_crowd(crowd):
    points = [Point(str(number), text, x, y, radius) for number, (x, y, radius, text) in enumerate(crowd)]
    bounds = Box(0, 0, 200, 200)
    labels = place_labels(points, 12, bounds, leaders=(20.0, 40.0))
    for number, label in enumerate(labels):
        assert label.box.inside(bounds)
        assert not any(label.box.overlaps(other.box) for other in labels[number + 1:])
        assert not any(label.box.overlaps(Box(p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius)) for p in points)


def test_a_name_too_long_for_its_room_is_shortened_and_one_with_no_room_left_out():
    bounds = Box(0, 0, 130, 30)
    (label,) = place_labels([Point("a", "Ahmad al-Abdo Martyrs Brigades", 8, 15, 4)], 12, bounds)
    assert label.text == "Ahmad al-Abdo…" and label.box.inside(bounds)
    assert place_labels([Point("b", "Nusra", 8, 15, 4)], 12, Box(0, 0, 20, 30)) == []


def test_a_point_under_other_markers_is_named_on_a_leader_line_clear_of_them():
    covering = Box(70, 70, 130, 130)
    (label,) = place_labels([Point("hidden", "Hidden", 100, 100, 5)], 12, Box(0, 0, 300, 300), [covering], leaders=(30.0, 50.0))
    assert label.leader is not None and not label.box.overlaps(covering)
    x1, y1, x2, y2 = label.leader
    assert (x1 - 100) ** 2 + (y1 - 100) ** 2 == pytest.approx(25), "from the marker's edge"
    assert label.box.x0 <= x2 <= label.box.x1 and label.box.y0 <= y2 <= label.box.y1, "to the label"


# The corpus-wide network.

def test_network_shows_the_most_connected_entities_up_to_its_limit_and_the_tables_list_every_one():
    """The drawn entities with their connections (the drawing's text alternative); the others with their mentions."""
    catalog, index = tied_corpus(NETWORK_LIMIT + 30)
    page = BeautifulSoup(html_of(build_network(catalog, index, url)), "lxml")
    nodes = page.select("svg a.ar-node-link")
    assert len(nodes) == NETWORK_LIMIT
    drawn = page.select("#connections-table tbody tr")
    assert {row.th.a["data-entity"] for row in drawn} == {node["data-node"] for node in nodes}
    assert all(len(row.select("td")) == 3 for row in drawn)
    rest = page.select("table.ar-connections:not(#connections-table table) tbody tr")
    assert len(rest) == 30 and all(len(row.select("td")) == 2 for row in rest)
    assert_legible(page.select_one("svg"), "text.ar-node-label")


def test_network_labels_are_placed_clear_of_each_other_and_most_names_fit():
    catalog, index = tied_corpus(NETWORK_LIMIT)
    drawing = drawing_of(build_network(catalog, index, url))
    named = assert_legible(drawing, "text.ar-node-label")
    assert len(named) >= 0.8 * NETWORK_LIMIT


def test_markers_keep_their_size_and_room_however_often_an_entity_is_named():
    """In a large corpus one place is named a hundred thousand times: its marker is the largest, as large as in a
    small corpus, and no marker covers another or a label."""
    entities = [entity(number) for number in range(NETWORK_LIMIT)]
    pick = random.Random(7)
    paragraphs = [pick.sample([e.id for e in entities], 3) for _ in range(NETWORK_LIMIT * 3)]
    drawing = drawing_of(build_network(*corpus(entities, paragraphs + [["e000"]] * 100_000), url))
    markers = {link["data-node"]: marker_boxes(link.select_one(".ar-node"))[0] for link in drawing.select("a.ar-node-link")}
    sizes = {node: box.x1 - box.x0 for node, box in markers.items()}
    assert max(sizes, key=sizes.get) == "e000" and sizes["e000"] == pytest.approx(2 * MARKER_RADII[1])  # a circle
    assert 2 * reach(MARKER_RADII[1]) < MIN_DISTANCE
    boxes = list(markers.values())
    assert not any(box.overlaps(other) for number, box in enumerate(boxes) for other in boxes[number + 1:])
    assert len(assert_legible(drawing, "text.ar-node-label")) >= 0.8 * NETWORK_LIMIT


def test_entities_without_ties_are_set_apart_in_a_row_below_the_layout():
    catalog, index = tied_corpus(20, alone=3)
    drawing = drawing_of(build_network(catalog, index, url))
    positions = {}
    for link in drawing.select("a.ar-node-link"):
        positions[link["data-node"]] = centre_y(link.select_one(".ar-node"))
    alone = {"e020", "e021", "e022"}
    note = drawing.select_one("text.ar-drawing-note")
    assert note and note.get_text().startswith("Not tied")
    tied = [y for node, y in positions.items() if node not in alone]
    assert min(positions[node] for node in alone) > float(note["y"]) > max(tied)
    assert not {end for line in drawing.select("line.ar-edge") for end in line["data-ends"].split()} & alone
    assert_legible(drawing, "text.ar-node-label")


def test_a_network_of_untied_entities_is_rows_under_their_note():
    catalog, index = tied_corpus(0, alone=12)
    drawing = drawing_of(build_network(catalog, index, url))
    note = drawing.select_one("text.ar-drawing-note")
    assert min(centre_y(shape) for shape in drawing.select(".ar-node")) > float(note["y"])
    assert len(assert_legible(drawing, "text.ar-node-label")) == 12


def test_network_is_drawn_the_same_every_time():
    catalog, index = tied_corpus(40, alone=2)
    assert html_of(build_network(catalog, index, url)) == html_of(build_network(catalog, index, url))


def test_every_edge_joins_two_drawn_nodes_so_that_neighbours_can_be_lit():
    catalog, index = tied_corpus(30)
    drawing = drawing_of(build_network(catalog, index, url))
    nodes = {link["data-node"] for link in drawing.select("a.ar-node-link")}
    for line in drawing.select("line.ar-edge"):
        a, b = line["data-ends"].split()
        assert a in nodes and b in nodes and a != b


def test_network_draws_entities_as_links_by_type_with_a_table_alternative(site):
    page = site.page("explore/network.html")
    drawing = page.select_one("figure svg[role=group]")
    assert drawing.title.get_text().startswith("Network of the")
    links = svg_links(page)
    assert 40 <= len(links) <= NETWORK_LIMIT and "../organizations/isis.html" in links
    for href in links:
        assert (site.site / "explore" / href).resolve().exists(), href
    assert {"circle", "rect", "polygon"} <= {node.name for node in drawing.select(".ar-node")}
    assert drawing.select("line.ar-edge")
    assert drawing["aria-describedby"] == "connections-table"
    rows = page.select("#connections-table tbody tr")
    assert len(rows) >= len(links)
    isis = next(row for row in rows if row.th.get_text() == "ISIS")
    assert "Abu Bakr al-Baghdadi" in isis.get_text()
    named = assert_legible(drawing, "text.ar-node-label")
    assert len(named) >= 0.8 * len(links)


# Neighbourhoods.

def test_a_neighbourhood_names_its_entity_and_neighbours_clear_of_each_other():
    catalog, index = tied_corpus(30)
    drawing = drawing_of(build_neighbourhood(catalog["e000"], catalog, index, url))
    assert catalog["e000"].name in assert_legible(drawing, "text.ar-node-label")
    assert len(drawing.select("a.ar-node-link")) == NEIGHBOURS_LIMIT  # the entity's own node is no link to its page
    assert drawing.select_one('g.ar-node-link[data-node="e000"]')


def test_every_entity_pages_neighbourhood_is_legible(site):
    pages = [path for folder in ("people", "organizations", "places", "events", "glossary")
             for path in sorted((site.site / folder).glob("*.html"))]
    checked = 0
    for path in pages:
        drawing = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("figure.ar-neighbourhood svg")
        if drawing:
            assert_legible(drawing, "text.ar-node-label")
            checked += 1
    assert checked >= 20


# Maps.

def crowded_places(centre: tuple[float, float], count: int, spread: float, first: int = 0) -> list[Entity]:
    pick = random.Random(count)
    lat, lon = centre
    return [entity(first + number, "place", f"Qarya {chr(65 + first + number)}-Kabir",
                   (lat + pick.uniform(-spread, spread), lon + pick.uniform(-spread, spread))) for number in range(count)]


def test_map_names_every_place_of_a_crowded_cluster_without_overlap():
    inside = crowded_places(((INSET[1] + INSET[3]) / 2, (INSET[0] + INSET[2]) / 2), 6, 0.2)
    elsewhere = crowded_places((33.3, 44.4), 6, 0.15, first=10)
    catalog, index = corpus(inside + elsewhere, [[place.id] for place in inside + elsewhere])
    drawing = drawing_of(build_map(catalog, index, url))
    links = drawing.select("a.ar-node-link")
    assert len(links) == len(inside) + len(elsewhere), "one link per place"
    assert_legible(drawing, "text.ar-node-label")
    for link in links:
        name = catalog[link["data-node"]].name
        shown = link.select_one("text.ar-node-label").get_text()
        assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), name
    assert drawing.select_one(".ar-inset text").get_text().startswith("Enlarged")


def test_map_inset_moves_to_a_corner_where_it_hides_no_place():
    inside = crowded_places(((INSET[1] + INSET[3]) / 2, (INSET[0] + INSET[2]) / 2), 3, 0.2)
    south_east = [entity(20, "place", "Far south-east", (BOX[1] + 0.5, BOX[2] - 0.8))]
    catalog, index = corpus(inside + south_east, [[place.id] for place in inside + south_east])
    drawing = drawing_of(build_map(catalog, index, url))
    frame = drawing.select_one("rect.ar-inset-frame")
    x, y, width, height = (float(frame[key]) for key in ("x", "y", "width", "height"))
    for marker in marker_boxes(drawing):
        assert marker.inside(Box(x, y, x + width, y + height)) or not marker.overlaps(Box(x, y, x + width, y + height))
    assert "Far south-east" in assert_legible(drawing, "text.ar-node-label")


def test_map_without_crowd_has_no_inset():
    far = [entity(1, "place", "Baghdad", (33.3, 44.4)), entity(2, "place", "Aleppo", (36.2, 37.1))]
    catalog, index = corpus(far, [[e.id for e in far]])
    page = BeautifulSoup(html_of(build_map(catalog, index, url)), "lxml")
    drawing = page.select_one("svg")
    assert not drawing.select(".ar-inset") and sorted(assert_legible(drawing, "text.ar-node-label")) == ["Aleppo", "Baghdad"]
    assert "inset" not in page.figcaption.get_text()


def test_map_draws_outlines_and_every_placed_entity_as_a_named_link(site):
    page = site.page("explore/map.html")
    drawing = page.select_one("figure svg[role=group]")
    assert len(drawing.select("path.ar-country")) >= 8
    assert "SYRIA" in [t.get_text() for t in drawing.select("text.ar-country-label")]
    links = svg_links(page)
    assert "../places/damascus.html" in links and "../places/arsal.html" in links
    for href in links:
        assert (site.site / "explore" / href).resolve().exists(), href
    table = [row.th.get_text() for row in page.select("#places-table tbody tr")]
    assert len(table) == len(links)
    assert sorted(assert_legible(drawing, "text.ar-node-label")) == sorted(table)
    (unplaced,) = [p for p in page.select("p") if p.get_text().startswith("Not on the map")]
    assert unplaced.find("a")


def test_locator_names_the_place_and_reference_cities_clear_of_each_other():
    for lat, lon in ((33.51, 36.29), (34.0, 36.8), (36.2, 37.1), (BOX[1] + 0.2, BOX[0] + 0.2), (BOX[3] - 0.2, BOX[2] - 0.2)):
        place = entity(1, "place", "Somewhere al-Gharbiyya", (lat, lon))
        drawing = drawing_of(build_locator(place))
        named = assert_legible(drawing, "text", LOCATOR_FONT_SIZE)
        assert drawing.select_one("text.ar-here-label").get_text().startswith("Somewhere")
        assert len(named) >= 3, named


def test_entity_pages_show_their_neighbourhood_and_places_a_labelled_locator_map(site):
    isis = site.page("organizations/isis.html")
    neighbourhood = isis.select_one("figure.ar-neighbourhood svg")
    assert "../people/abu-bakr-al-baghdadi.html" in [a["href"] for a in neighbourhood.select("a")]
    damascus = site.page("places/damascus.html")
    locator = damascus.select_one("figure.ar-locator")
    assert locator.select("path.ar-country") and locator.select_one("circle.ar-here")
    assert locator.select_one("text.ar-here-label").get_text() == "Damascus"
    assert "Damascus" not in [t.get_text() for t in locator.select("text.ar-city-label")]
    assert locator.figcaption.get_text().startswith("Damascus: 33.5")


def test_drawings_are_reachable_from_home(site):
    hrefs = {a["href"] for a in site.page("index.html").select("article a[href]")}
    assert {"explore/network.html", "explore/map.html", "explore/timeline.html", "data/index.html"} <= hrefs
    assert site.page(ARTICLE)


def test_drawing_script_is_loaded_on_every_page(site):
    scripts = [script.get("src", "") for script in site.page("explore/network.html").select("script")]
    assert any(re.search(r"assets/drawings\.js$", src) for src in scripts)
