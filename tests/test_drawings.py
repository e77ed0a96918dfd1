"""The network, the map and the per-entity drawings: every node and dot a link to a page that exists."""

from __future__ import annotations

from conftest import ARTICLE


def svg_links(page) -> list[str]:
    return [a["href"] for a in page.select("svg a[href]")]


def test_network_draws_entities_as_links_by_type_with_a_table_alternative(site):
    page = site.page("explore/network.html")
    drawing = page.select_one("figure svg[role=group]")
    assert drawing.title.get_text().startswith("Network of the")
    links = svg_links(page)
    assert len(links) >= 40 and "../organizations/isis.html" in links
    for href in links:
        assert (site.site / "explore" / href).resolve().exists(), href
    assert {"circle", "rect", "polygon"} <= {node.name for node in drawing.select(".ar-node")}
    assert drawing.select("line.ar-edge")
    assert drawing["aria-describedby"] == "connections-table"
    rows = page.select("#connections-table tbody tr")
    assert len(rows) >= len(links)
    isis = next(row for row in rows if row.th.get_text() == "ISIS")
    assert "Abu Bakr al-Baghdadi" in isis.get_text()


def test_map_draws_outlines_and_every_placed_entity_as_a_link(site):
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
    (unplaced,) = [p for p in page.select("p") if p.get_text().startswith("Not on the map")]
    assert unplaced.find("a")


def test_entity_pages_show_their_neighbourhood_and_places_a_locator_map(site):
    isis = site.page("organizations/isis.html")
    neighbourhood = isis.select_one("figure.ar-neighbourhood svg")
    assert "../people/abu-bakr-al-baghdadi.html" in [a["href"] for a in neighbourhood.select("a")]
    damascus = site.page("places/damascus.html")
    locator = damascus.select_one("figure.ar-locator")
    assert locator.select("path.ar-country") and locator.select_one("circle.ar-here")
    assert locator.figcaption.get_text().startswith("Damascus: 33.5")


def test_drawings_are_reachable_from_home(site):
    hrefs = {a["href"] for a in site.page("index.html").select("article a[href]")}
    assert {"explore/network.html", "explore/map.html", "explore/timeline.html", "data/index.html"} <= hrefs
    assert site.page(ARTICLE)
