"""Maps of places, drawn at build time as static SVG on country outlines stored with the project.

The outlines are Natural Earth's 1:50m countries (public domain), cut to the region and
lightly simplified (``data/region.json``), so nothing is fetched when a map is viewed.
The projection is equirectangular, scaled by the cosine of the region's middle latitude.
"""

from __future__ import annotations

import functools
import json
import math
import xml.etree.ElementTree as etree
from pathlib import Path

from .article_page import UrlOf
from .catalog import Catalog, Entity
from .elements import detached, element
from .mentions import MentionIndex
from .svg import node_link, svg

REGION = Path(__file__).parent / "data" / "region.json"
BOX = (33.0, 29.0, 49.0, 38.5)
"""Longitude and latitude limits of the drawings: the Levant and Iraq."""
LABELLED = {"Syria", "Lebanon", "Iraq", "Jordan", "Turkey", "Iran", "Saudi Arabia", "Israel", "Egypt", "Qatar", "Kuwait"}


@functools.cache
def _region() -> dict:
    return json.loads(REGION.read_text(encoding="utf-8"))


class _Projection:
    def __init__(self, width: int) -> None:
        self.lon_min, self.lat_min, self.lon_max, self.lat_max = BOX
        self.squeeze = math.cos(math.radians((self.lat_min + self.lat_max) / 2))
        self.scale = width / ((self.lon_max - self.lon_min) * self.squeeze)
        self.width, self.height = width, round((self.lat_max - self.lat_min) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon_min) * self.squeeze * self.scale, (self.lat_max - lat) * self.scale


def _outlines(drawing: etree.Element, project: _Projection, labels: bool) -> None:
    countries = element(drawing, "g", class_="ar-countries")
    for country in _region()["countries"]:
        path = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*point) for point in ring)) + " Z"
                        for ring in country["rings"])
        element(element(countries, "path", d=path, class_="ar-country"), "title", country["name"])
    if labels:
        for country in _region()["countries"]:
            if country["name"] in LABELLED:
                ring = max(country["rings"], key=len)
                lons, lats = [p[0] for p in ring], [p[1] for p in ring]
                x, y = project((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
                if 0 < x < project.width and 0 < y < project.height:
                    element(countries, "text", country["name"].upper(), x=f"{x:.1f}", y=f"{y:.1f}",
                            class_="ar-country-label", text_anchor="middle")


def _placed(catalog: Catalog) -> list[Entity]:
    return sorted((e for e in catalog if e.type == "place" and e.coordinates), key=lambda e: e.name.casefold())


def build_map(catalog: Catalog, index: MentionIndex, url: UrlOf) -> etree.Element:
    """Every place with coordinates, its dot sized by its mentions; a table says the same in words. Links made by ``url``."""
    project = _Projection(960)
    root = detached("div", class_="ar-map ar-nolink", data_search_exclude="")
    figure = element(root, "figure", class_="ar-figure-svg")
    drawing = svg(figure, project.width, project.height, "Map of the places the articles name",
                  aria_describedby="places-table")
    _outlines(drawing, project, labels=True)
    dots = element(drawing, "g", class_="ar-nodes")
    for place in sorted(_placed(catalog), key=lambda e: -index.count(e.id)):
        lat, lon = place.coordinates
        node_link(dots, place, url, *project(lon, lat), 3 + 1.6 * math.sqrt(index.count(place.id)))
    element(figure, "figcaption", "Dots are sized by how often the articles name a place. Outlines: Natural Earth.")
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
        element(row, "td", str(index.count(place.id)))
    unplaced = sorted((e for e in catalog if e.type == "place" and not e.coordinates), key=lambda e: e.name.casefold())
    if unplaced:
        note = element(root, "p", "Not on the map, for want of verified coordinates: ")
        for number, place in enumerate(unplaced):
            link = element(note, "a", place.name, href=url(place.src_uri), data_entity=place.id)
            link.tail = ", " if number < len(unplaced) - 1 else "."
    return root


def build_locator(place: Entity) -> etree.Element:
    """A small map of the region with this place marked."""
    project = _Projection(480)
    root = detached("figure", class_="ar-figure-svg ar-locator ar-nolink", data_search_exclude="")
    drawing = svg(root, project.width, project.height, f"Where {place.name} is")
    _outlines(drawing, project, labels=False)
    lat, lon = place.coordinates
    x, y = project(lon, lat)
    element(drawing, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="6", class_="ar-here")
    element(root, "figcaption", f"{place.name}: {lat:.3f}° N, {lon:.3f}° E")
    return root
