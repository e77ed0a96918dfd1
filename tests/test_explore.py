"""Open data, structured data, citations and the timeline agree with the pages they describe."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re

from bs4 import BeautifulSoup
from conftest import ARTICLE


def test_mentions_csv_is_exactly_the_marks_on_the_article_pages(site):
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((site.site / "data/mentions.csv.gz").read_bytes()).decode())))
    from_csv = {(row["article"], row["anchor"], row["entity"], row["words"]) for row in rows}
    from_pages = set()
    for page in (site.site / "articles").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for mark in soup.select("article.ar-article [data-entity]"):
            from_pages.add((page.stem, mark["id"], mark["data-entity"], mark.get_text()))
    assert len(rows) == len(from_csv) > 150
    assert from_csv == from_pages


def test_open_data_page_lists_every_file_with_its_size(site):
    files = site.page("data/index.html").select("ul.ar-data-files > li")
    listed = {item.a["href"]: item.get_text() for item in files}
    assert set(listed) == {"entities.json", "mentions.csv.gz", "graph.jsonld.gz"}
    for name, text in listed.items():
        size = (site.site / "data" / name).stat().st_size
        shown = re.search(r"\((\d+(?:\.\d)?) (KB|MB)\)", text)
        assert shown, text
        assert abs(float(shown[1]) * (1024 if shown[2] == "KB" else 2**20) - size) <= (512 if shown[2] == "KB" else 2**19 / 10)


def test_entities_json_agrees_with_the_catalog_and_the_registers(site):
    entities = json.loads((site.site / "data/entities.json").read_text(encoding="utf-8"))
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities) >= 50
    assert by_id["isis"]["arabic"] and "Daesh" in by_id["isis"]["aliases"] and by_id["isis"]["wikidata"] == "Q2429253"
    assert {"relation": "led by", "target": "abu-bakr-al-baghdadi"} in by_id["isis"]["relations"]
    for entity in entities:
        assert (site.site / entity["page"]).exists()
    glossary = site.page("registers/glossary.html")
    emir = next(li for li in glossary.select("li") if li.a and li.a.get_text() == "Emir")
    assert emir.select_one(".ar-count").get_text() == f"{by_id['emir']['mentions']} mentions"


def test_graph_jsonld_links_only_nodes_it_has(site):
    graph = json.loads(gzip.decompress((site.site / "data/graph.jsonld.gz").read_bytes()))
    ids = {node["@id"] for node in graph["@graph"]}
    links = {ref["@id"] for node in graph["@graph"] for key in ("mentions", "isRelatedTo") for ref in node.get(key, [])}
    assert links <= ids
    assert any(node["@type"] == "NewsArticle" for node in graph["@graph"])


def test_every_page_carries_valid_json_ld(site):
    pages = [p for p in site.site.rglob("*.html") if p.name != "404.html"]
    typed = {}
    for page in pages:
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            assert data["@context"] == "https://schema.org"
            typed[page.relative_to(site.site).as_posix()] = data
    assert typed[ARTICLE]["@type"] == "NewsArticle"
    assert {"Person", "Organization", "Place", "Event", "DefinedTerm"} <= {d["@type"] for d in typed.values()}
    assert typed["organizations/isis.html"]["sameAs"] == "https://www.wikidata.org/wiki/Q2429253"
    mentioned = {m["name"] for m in typed[ARTICLE]["mentions"]}
    assert {"ISIS", "Nusra Front", "Bay'ah"} <= mentioned


def test_article_offers_chicago_and_bibtex_citations(site):
    cite = site.page(ARTICLE).select_one("#cite")
    chicago = cite.select_one(".ar-cite-chicago").get_text()
    assert chicago.startswith("Sharrouf, Ayman. “ISIS expansionism will burn Qalamoun.” NOW (Lebanon), n.d. http://")
    bibtex = cite.select_one(".ar-cite-bibtex").get_text()
    assert bibtex.startswith("@article{sharrouf-nd-isis-expansionism")
    assert "author = {Sharrouf, Ayman}" in bibtex and f"{ARTICLE}\\#p1" in bibtex  # "#" escaped for BibTeX


def test_timeline_lists_events_by_date_and_undated_articles(site):
    timeline = site.page("explore/timeline.html")
    text = timeline.select_one("article.md-content__inner").get_text(" ")
    assert text.index("February 2014 – 16 March 2014") < text.index("2 August 2014 – 7 August 2014")
    assert timeline.find("a", string="Battle of Yabrud")["href"] == "../events/battle-of-yabrud.html"
    assert timeline.find("a", string="ISIS expansionism will burn Qalamoun")


def test_explore_pages_are_reachable_from_the_home_page(site):
    home = site.page("index.html")
    hrefs = {a["href"] for a in home.select("article a[href]")}
    assert {"explore/timeline.html", "data/index.html"} <= hrefs
