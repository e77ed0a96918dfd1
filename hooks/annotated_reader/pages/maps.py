"""Maps of places, drawn at build time as static SVG on country outlines stored with the project.

The outlines are Natural Earth's 1:50m countries (public domain), cut to the region and
lightly simplified (``data/region.json``), so nothing is fetched when a map is viewed.
The projection is equirectangular, scaled by the cosine of the region's middle latitude.
Place names are placed by :mod:`.labels`: beside their dot where there is room, further out
on a leader line in a crowded area such as the Qalamoun, and country names only where no
place name needs the room.
"""

from __future__ import annotations

import functools
import json
import math
import xml.etree.ElementTree as etree
from pathlib import Path

from ..matching.mentions import MentionIndex
from ..reading.catalog import Catalog, Entity
from ..writing.addresses import UrlOf
from ..writing.elements import detached, element
from ..writing.labels import Box, Label, Point, marker_box, place_labels, text_box
from ..writing.svg import FONT_SIZE, label_text, marker, node_link, reach, svg

REGION = Path(__file__).parent.parent / "data" / "region.json"
BOX = (33.0, 29.0, 49.0, 38.5)
"""Longitude and latitude limits of the drawings: the Levant and Iraq."""
LABELLED = {"Syria", "Lebanon", "Iraq", "Jordan", "Turkey", "Iran", "Saudi Arabia", "Israel", "Egypt", "Qatar", "Kuwait"}
MAP_WIDTH = 680
"""The map is shown at this size: one unit, one CSS pixel."""
LEADERS = (26.0, 40.0, 56.0, 72.0, 90.0, 110.0)
"""Distances at which a place name may sit from its dot, on a leader line."""
COUNTRY_FONT_SIZE, COUNTRY_CHAR_WIDTH = 12, 0.85
"""Country names are capitals spaced out (reader.css), so wider per character than place names."""
INSET = (35.7, 33.35, 37.0, 34.35)
"""Longitude and latitude limits of the enlarged inset: Damascus, the Qalamoun and the Lebanese border, where
places lie too close together to name on the whole map."""
INSET_WIDTH = 210
LOCATOR_WIDTH, LOCATOR_FONT_SIZE = 480, 17
"""The locator shrinks with the page down to 340 px wide (reader.css), where its 17-unit labels are 12 CSS px."""
REFERENCE_CITIES = (("Damascus", 33.513, 36.292), ("Beirut", 33.894, 35.503), ("Amman", 31.956, 35.945),
                    ("Aleppo", 36.202, 37.134), ("Baghdad", 33.315, 44.366))
"""Capitals and large cities that locator maps name to give a reader bearings: name, latitude, longitude."""


@functools.cache
def _region() -> dict:
    return json.loads(REGION.read_text(encoding="utf-8"))


class _Projection:
    """Equirectangular, squeezed by the cosine of the region's middle latitude; draws ``box`` (longitude and latitude
    limits) ``width`` units wide with its top left corner at ``origin``."""

    def __init__(self, width: float, box: tuple[float, float, float, float] = BOX, origin: tuple[float, float] = (0, 0)) -> None:
        self.lon_min, self.lat_min, self.lon_max, self.lat_max = box
        self.origin = origin
        self.squeeze = math.cos(math.radians((BOX[1] + BOX[3]) / 2))
        self.scale = width / ((self.lon_max - self.lon_min) * self.squeeze)
        self.width, self.height = width, round((self.lat_max - self.lat_min) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.origin[0] + (lon - self.lon_min) * self.squeeze * self.scale,
                self.origin[1] + (self.lat_max - lat) * self.scale)

    def shows(self, lon: float, lat: float) -> bool:
        return self.lon_min <= lon <= self.lon_max and self.lat_min <= lat <= self.lat_max

    @property
    def frame(self) -> Box:
        return Box(self.origin[0], self.origin[1], self.origin[0] + self.width, self.origin[1] + self.height)


def _outlines(drawing: etree.Element, project: _Projection, **attributes: str) -> None:
    """The country outlines that reach into the projection's box."""
    countries = element(drawing, "g", class_="ar-countries", **attributes)
    for country in _region()["countries"]:
        rings = [ring for ring in country["rings"]
                 if min(lon for lon, _ in ring) <= project.lon_max and max(lon for lon, _ in ring) >= project.lon_min
                 and min(lat for _, lat in ring) <= project.lat_max and max(lat for _, lat in ring) >= project.lat_min]
        if rings:
            path = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*point) for point in ring)) + " Z"
                            for ring in rings)
            element(element(countries, "path", d=path, class_="ar-country"), "title", country["name"])


def _country_labels(drawing: etree.Element, project: _Projection, taken: list[Box]) -> None:
    """Names of the main countries at the middle of their outline's bounds, where they hide no marker or place name."""
    for country in _region()["countries"]:
        if country["name"] not in LABELLED:
            continue
        ring = max(country["rings"], key=len)
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        x, y = project((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
        half = len(country["name"]) * COUNTRY_CHAR_WIDTH * COUNTRY_FONT_SIZE / 2
        box = Box(x - half, y - COUNTRY_FONT_SIZE, x + half, y + COUNTRY_FONT_SIZE * 0.3)
        if box.inside(Box(0, 0, project.width, project.height)) and not any(box.overlaps(other) for other in taken):
            element(drawing, "text", country["name"].upper(), x=f"{x:.1f}", y=f"{y:.1f}", class_="ar-country-label",
                    text_anchor="middle")
            taken.append(box)


def _placed(catalog: Catalog) -> list[Entity]:
    return sorted((e for e in catalog if e.type == "place" and e.coordinates), key=lambda e: e.name.casefold())


def build_map(catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """Every place with coordinates, its dot sized by its mentions; a table says the same in words. Links made by ``url``."""
    project = _Projection(MAP_WIDTH)
    root = detached("div", class_="ar-map ar-nolink", data_search_exclude="")
    figure = element(root, "figure", class_="ar-figure-svg ar-zoomable")
    frame = element(figure, "div", class_="ar-drawing")
    drawing = svg(frame, project.width, project.height, "Map of the places the articles name",
                  aria_describedby="places-table")
    _outlines(drawing, project)
    places = sorted(_placed(catalog), key=lambda e: (-index.count(e.id), e.name.casefold()))
    sizes = {place.id: _dot_size(index.count(place.id)) for place in places}
    enlarging = _Projection(INSET_WIDTH, INSET)
    enlarged = [place for place in places if enlarging.shows(place.coordinates[1], place.coordinates[0])]
    points = [_point(place, project, sizes) for place in places if place not in enlarged]
    inset = _inset_projection(project, points)
    hidden = [_point(place, project, sizes) for place in enlarged]
    taken = [marker_box(point) for point in hidden] + ([inset.frame] if enlarged else [])
    labels = place_labels(points, FONT_SIZE, Box(2, 2, project.width - 2, project.height - 2), taken, LEADERS)
    _country_labels(drawing, project, [marker_box(point) for point in points] + taken + [label.box for label in labels])
    if enlarged:
        _inset_area(drawing, project, hidden, sizes, catalog)
        points += [_point(place, inset, sizes) for place in enlarged]
        labels += _inset(drawing, inset, points[-len(enlarged):], project.scale)
    dots = element(drawing, "g", class_="ar-nodes")
    by_place = {label.key: label for label in labels}
    for point in points:
        node_link(dots, catalog[point.key], url, point.x, point.y, sizes[point.key], by_place.get(point.key))
    inset_note = " Places around Damascus and the Qalamoun are named in the enlarged inset." if enlarged else ""
    element(figure, "figcaption", f"Markers are sized by how often the articles name a place.{inset_note} "
                                  "Outlines: Natural Earth.")
    holder = element(root, "div", id="places-table")
    table = element(holder, "table", class_="ar-connections")
    element(table, "caption", "Places on the map")
    head = element(element(table, "thead"), "tr")
    for label in ("Place", "Latitude", "Longitude", "Mentions"):
        element(head, "th", label, scope="col")
    body = element(table, "tbody")
    for place in _placed(catalog):
        row = element(body, "tr")
        element(element(row, "th", scope="row"), "a", place.name, href=url(place.src_uri), data_entity=place.id)
        element(row, "td", f"{place.coordinates[0]:.3f}")
        element(row, "td", f"{place.coordinates[1]:.3f}")
        element(row, "td", f"{index.count(place.id):,}")
    unplaced = sorted((e for e in catalog if e.type == "place" and not e.coordinates), key=lambda e: e.name.casefold())
    if unplaced:
        note = element(root, "p", "Not on the map, for want of verified coordinates: ")
        for number, place in enumerate(unplaced):
            link = element(note, "a", place.name, href=url(place.src_uri), data_entity=place.id)
            link.tail = ", " if number < len(unplaced) - 1 else "."
    return root


def _point(place: Entity, project: _Projection, sizes: dict[str, float]) -> Point:
    return Point(place.id, place.name, *project(place.coordinates[1], place.coordinates[0]), reach(sizes[place.id]))


def _inset_projection(project: _Projection, points: list[Point]) -> _Projection:
    """The inset in the first corner of the map (bottom right, top right, bottom left, top left) that hides no marker."""
    size = _Projection(INSET_WIDTH, INSET)
    corners = [(project.width - size.width - 4, project.height - size.height - 4), (project.width - size.width - 4, 4),
               (4, project.height - size.height - 4), (4, 4)]
    insets = [_Projection(INSET_WIDTH, INSET, corner) for corner in corners]
    return next((inset for inset in insets if not any(inset.frame.overlaps(marker_box(point)) for point in points)), insets[0])


def _inset_area(drawing: etree.Element, project: _Projection, hidden: list[Point], sizes: dict[str, float],
                catalog: Catalog) -> None:
    """On the whole map, the enlarged area's outline and its places as plain markers: the inset's are the links."""
    x0, y0 = project(INSET[0], INSET[3])
    x1, y1 = project(INSET[2], INSET[1])
    area = element(drawing, "g", class_="ar-inset-area", aria_hidden="true")
    element(area, "rect", x=f"{x0:.1f}", y=f"{y0:.1f}", width=f"{x1 - x0:.1f}", height=f"{y1 - y0:.1f}")
    for point in hidden:
        marker(area, catalog[point.key].kind, point.x, point.y, sizes[point.key])


def _inset(drawing: etree.Element, inset: _Projection, points: list[Point], scale: float) -> list[Label]:
    """The enlarged inset's frame, outlines and title; the labels of its places."""
    frame = inset.frame
    group = element(drawing, "g", class_="ar-inset")
    clip = element(element(group, "defs"), "clipPath", id="ar-inset-clip")
    attributes = {"x": f"{frame.x0:.1f}", "y": f"{frame.y0:.1f}", "width": f"{inset.width:.1f}", "height": f"{inset.height:.1f}"}
    element(clip, "rect", **attributes)
    element(group, "rect", class_="ar-inset-frame", **attributes)
    _outlines(group, inset, clip_path="url(#ar-inset-clip)")
    text, x, y = f"Enlarged ×{inset.scale / scale:.0f}", frame.x0 + 5, frame.y0 + 15
    title = Label("", text, x, y, "start", text_box(text, FONT_SIZE, x, y, "start"), None)
    label_text(group, title, "ar-drawing-note")
    inner = Box(frame.x0 + 2, frame.y0 + 2, frame.x1 - 2, frame.y1 - 2)
    return place_labels(points, FONT_SIZE, inner, [title.box], LEADERS)


def _dot_size(count: int) -> float:
    return min(9.0, 4.5 + math.sqrt(count))


def build_locator(place: Entity) -> etree.Element:
    """A small map of the region with this place marked and named, and a few reference cities for bearings."""
    project = _Projection(LOCATOR_WIDTH)
    root = detached("figure", class_="ar-figure-svg ar-locator ar-nolink", data_search_exclude="")
    frame = element(root, "div", class_="ar-drawing")
    drawing = svg(frame, project.width, project.height, f"Where {place.name} is")
    _outlines(drawing, project)
    lat, lon = place.coordinates
    here = Point(place.id, place.name, *project(lon, lat), 7.0)
    cities = [Point(name, name, *project(city_lon, city_lat), 3.0) for name, city_lat, city_lon in REFERENCE_CITIES]
    cities = [city for city in cities if city.key != place.name and math.hypot(city.x - here.x, city.y - here.y) > 14]
    bounds = Box(2, 2, project.width - 2, project.height - 2)
    labels = {label.key: label for label in place_labels([here, *cities], LOCATOR_FONT_SIZE, bounds, leaders=LEADERS[:3])}
    for city in cities:
        element(drawing, "circle", cx=f"{city.x:.1f}", cy=f"{city.y:.1f}", r=f"{city.radius:.1f}", class_="ar-city")
        if city.key in labels:
            label_text(drawing, labels[city.key], "ar-city-label")
    element(drawing, "circle", cx=f"{here.x:.1f}", cy=f"{here.y:.1f}", r=f"{here.radius - 1:.1f}", class_="ar-here")
    if place.id in labels:
        label_text(drawing, labels[place.id], "ar-here-label")
    element(root, "figcaption", f"{place.name}: {lat:.3f}° N, {lon:.3f}° E")
    return root
