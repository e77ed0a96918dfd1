"""Open data, structured data, citations and the timeline agree with the pages they describe."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import posixpath
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import ARTICLE, ROOT

from annotated_reader.matching.linker import alias_key
from annotated_reader.pages.listings import render_listings
from annotated_reader.pages.timeline import TITLES_PER_MONTH, render_timeline
from annotated_reader.reading.article import Article
from annotated_reader.reading.catalog import build_catalog

SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)["site_url"]


def test_mentions_csv_is_exactly_the_marks_on_the_article_pages(site):
    """Mentions in headings are never marked: their anchor is the heading's, whose text holds their words."""
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((site.site / "data/mentions.csv.gz").read_bytes()).decode())))
    from_csv = {(row["article"], row["anchor"], row["entity"], row["words"]) for row in rows if row["role"] != "heading"}
    from_pages = set()
    for page in (site.site / "articles").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for mark in soup.select("article.ar-article [data-entity]"):
            from_pages.add((page.stem, mark["id"], mark["data-entity"], mark.get_text()))
        for row in (row for row in rows if row["role"] == "heading" and row["article"] == page.stem):
            assert row["words"] in soup.find(id=row["anchor"]).get_text()
    assert len(rows) > len(from_csv) > 150
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
    entities = json.loads((site.site / "data/entities.json").read_text(encoding="utf-8"))["entities"]
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities) >= 50
    assert by_id["isis"]["arabic"] and "Daesh" in by_id["isis"]["aliases"] and by_id["isis"]["wikidata"] == "Q2429253"
    assert {"relation": "led by", "target": "abu-bakr-al-baghdadi"} in by_id["isis"]["relations"]
    for entity in entities:
        assert (site.site / entity["page"]).exists()
    glossary = site.page("registers/glossary.html")
    emir = next(li for li in glossary.select("li") if li.a and li.a.get_text() == "Emir")
    assert emir.select_one(".ar-count").get_text().startswith(f"{by_id['emir']['mentions']} mentions")


def test_graph_jsonld_links_only_nodes_it_has_with_absolute_addresses_and_no_is_related_to(site):
    graph = json.loads(gzip.decompress((site.site / "data/graph.jsonld.gz").read_bytes()))
    ids = {node["@id"] for node in graph["@graph"]}
    links = {ref["@id"] for node in graph["@graph"] for value in node.values() if isinstance(value, list)
             for ref in value if isinstance(ref, dict) and set(ref) == {"@id"}}
    assert len(links) > 50 and links <= ids
    assert all(node_id.startswith(SITE_URL) for node_id in ids)
    assert not [node for node in graph["@graph"] if "isRelatedTo" in node]
    assert any(node["@type"] == "NewsArticle" for node in graph["@graph"])


def test_open_data_page_states_the_licence_of_the_data_and_of_the_text(site):
    page = site.page("data/index.html")
    licence = page.find(id="licence").find_next("p").get_text()
    assert "CC BY 4.0" in licence and "remains its authors'" in licence
    terms = {code.get_text() for code in page.find(id="relations").find_next("ul").select("code")}
    graph = gzip.decompress((site.site / "data/graph.jsonld.gz").read_bytes()).decode()
    assert {term for term in terms if f'"{term}"' in graph}  # the graph's own terms are listed


def test_every_page_carries_valid_json_ld(site):
    pages = [p for p in site.site.rglob("*.html") if p.name != "404.html"]
    typed = {}
    for page in pages:
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            assert data["@context"] == "https://schema.org"
            typed[page.relative_to(site.site).as_posix()] = data
    assert typed[ARTICLE]["@type"] == "NewsArticle" and typed[ARTICLE]["url"] == f"{SITE_URL}{ARTICLE}"
    assert typed["places/homs.html"]["url"] == f"{SITE_URL}places/homs.html"
    assert {"Person", "Organization", "Place", "Event", "DefinedTerm"} <= {d["@type"] for d in typed.values()}
    assert typed["organizations/isis.html"]["sameAs"] == "https://www.wikidata.org/wiki/Q2429253"
    mentioned = {m["name"] for m in typed[ARTICLE]["mentions"]}
    assert {"ISIS", "Nusra Front", "Bay'ah"} <= mentioned


def test_article_offers_chicago_and_bibtex_citations(site):
    cite = site.page(ARTICLE).select_one("#cite")
    chicago = cite.select_one(".ar-cite-chicago").get_text()
    assert chicago.startswith("Sharrouf, Ayman. “ISIS expansionism will burn Qalamoun.” NOW (Lebanon), n.d. http://")
    assert chicago.endswith(f"Annotated edition: {SITE_URL}{ARTICLE}.")
    bibtex = cite.select_one(".ar-cite-bibtex").get_text()
    assert bibtex.startswith("@article{sharrouf-nd-isis-expansionism-will,")
    assert "author = {Sharrouf, Ayman}" in bibtex and f"{SITE_URL}{ARTICLE}\\#p1" in bibtex  # "#" escaped for BibTeX


def test_not_found_page_takes_its_styles_from_the_path_of_site_url(site):
    """Material's 404 page links its assets absolutely, under site_url's path: served there, it is styled."""
    page = site.page("404.html")
    path = "/" + SITE_URL.split("://", 1)[1].split("/", 1)[1]
    assets = [link["href"] for link in page.select('link[rel="stylesheet"]')] + [s["src"] for s in page.select("script[src]")]
    assert assets and all(asset.startswith(path) for asset in assets if "://" not in asset)
    for asset in assets:
        assert (site.site / asset.removeprefix(path)).exists(), asset


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


def test_no_page_links_to_itself_outside_its_own_anchors(site):
    """Entity pages (prose, drawings, generated sections) and register entries never link back to where they are."""
    self_links = []
    for path in site.site.rglob("*.html"):
        here = path.relative_to(site.site).as_posix()
        content = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("article.md-content__inner")
        for link in content.select("a[href]") if content else ():
            target = link["href"].split("#")[0]
            if target and "://" not in target and posixpath.normpath(posixpath.join(posixpath.dirname(here), target)) == here:
                self_links.append((here, link.get_text()))
    assert self_links == []
    for register in ("people", "organisations", "places", "events", "glossary"):
        for entry in site.page(f"registers/{register}.html").select("li[data-about]"):
            assert [a for a in entry.select("a[data-entity]") if a["data-entity"] == entry["data-about"]] == [entry.a]


def test_each_article_links_the_articles_published_just_before_and_after_it(fixture_site):
    pages = {path.name: fixture_site.page(f"articles/{path.name}") for path in (fixture_site.site / "articles").glob("*.html")}
    assert len(pages) > 3
    chain = {name: {link["rel"][0]: link["href"] for link in page.select(".ar-neighbours a[rel]")}
             for name, page in pages.items()}
    firsts = [name for name, links in chain.items() if "prev" not in links]
    assert len(firsts) == 1  # one oldest article; every other one has an earlier one
    seen, name = [], firsts[0]
    while name:
        seen.append(name)
        later = chain[name].get("next")
        assert later is None or chain[later]["prev"] == name
        name = later
    assert sorted(seen) == sorted(pages)
    dates = [pages[name].select_one(".ar-meta time") for name in seen]
    known = [time["datetime"] for time in dates if time is not None]
    assert known == sorted(known) and dates[: len(known)] == [d for d in dates if d is not None]  # undated ones last


def test_a_busy_month_on_the_timeline_links_its_listing_instead_of_every_title():
    """The timeline grows with months and events, not with articles: a month of many articles is one line."""
    busy = {f"busy-{day}": Article(source=Path(f"seeds/busy-{day}.txt"), slug=f"busy-{day}", title=f"Busy day {day}",
                                   date=dt.date(2015, 3, day)) for day in range(1, TITLES_PER_MONTH + 2)}
    quiet = {"quiet": Article(source=Path("seeds/quiet.txt"), slug="quiet", title="A quiet day", date=dt.date(2015, 4, 1))}
    undated = {f"undated-{n}": Article(source=Path(f"seeds/u{n}.txt"), slug=f"undated-{n}", title=f"Undated {n}")
               for n in range(TITLES_PER_MONTH + 1)}
    markdown = render_timeline(build_catalog([], alias_key), busy | quiet | undated)
    links = re.findall(r"\[(\d+) articles\]\(/([^)]+)\)", markdown)
    listings = render_listings([*busy.values(), *quiet.values(), *undated.values()]).markdown
    assert [count for count, _ in links] == [str(TITLES_PER_MONTH + 1)] * 2
    assert all(target in listings for _, target in links), (links, sorted(listings))
    assert "Busy day" not in markdown and "Undated" not in markdown
    assert "[A quiet day](/articles/quiet.md)" in markdown
