"""The project's own seeds and catalog, built as they are: properties that hold for any content a maintainer adds."""

from __future__ import annotations

import csv
import gzip
import io
import json

from bs4 import BeautifulSoup
from conftest import ROOT

from annotated_reader.reading.entity_types import ENTITY_FOLDERS


def test_every_seed_has_its_article_page(real_site):
    sources = {}
    for page in (real_site.site / "articles").glob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article.ar-article")
        sources[article["data-source"]] = page
    assert set(sources) == {seed.name for seed in (ROOT / "seeds").glob("*.txt")}


def test_every_entity_file_has_its_page_and_its_register_entry(real_site):
    entities = json.loads((real_site.site / "data/entities.json").read_text(encoding="utf-8"))["entities"]
    files = {path.stem for folder in ENTITY_FOLDERS for path in (ROOT / "docs" / folder).glob("*.md")}
    assert {entity["id"] for entity in entities} == files
    registers = "".join(path.read_text(encoding="utf-8") for path in (real_site.site / "registers").glob("*.html"))
    for entity in entities:
        assert (real_site.site / entity["page"]).exists()
        assert f'href="../{entity["page"]}"' in registers, entity["id"]


def test_mention_counts_agree_with_the_marks_on_the_article_pages(real_site):
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((real_site.site / "data/mentions.csv.gz").read_bytes()).decode())))
    marks = set()
    for page in (real_site.site / "articles").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        marks |= {(page.stem, mark["id"], mark["data-entity"]) for mark in soup.select("article.ar-article [data-entity]")}
    shown = {(row["article"], row["anchor"], row["entity"]) for row in rows if row["role"] != "heading"}
    assert shown == marks  # names in the title and headings are counted, never marked
    entities = json.loads((real_site.site / "data/entities.json").read_text(encoding="utf-8"))["entities"]
    for entity in entities:
        own = [row for row in rows if row["entity"] == entity["id"]]
        assert entity["mentions"] == sum(row["role"] not in ("pull quote", "reader comment") for row in own), entity["id"]
        assert entity["mentions_in_comments"] == sum(row["role"] == "reader comment" for row in own), entity["id"]
