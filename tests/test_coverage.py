"""The coverage report finds what the catalog misses, and only that."""

from __future__ import annotations

import json
from pathlib import Path

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, MentionIndex, find_mentions
from annotated_reader.pages.coverage import find_candidates
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.reading.seed_parser import parse_seed

SEED = """Jane Doe

Talks stall again

Several officials met in Beirut on Monday with envoys from the Nusra Front, and the talks broke down.

Armed opposition groups said the armed opposition would not accept terms. The armed opposition has said so before.

Today the officials left Beirut, and one of them, Walid Haddad, said new talks were planned.
"""


def candidates():
    entity = (Path("docs/organizations/nusra-front.md"), "organizations/nusra-front.md",
              "---\ntype: organization\nname: Nusra Front\nsummary: A group.\n---\n")
    catalog = build_catalog([entity], alias_key)
    article = parse_seed(SEED, Path("seeds/x.txt"), "x", standfirst=False)
    index = MentionIndex({"x": find_mentions(article, Linker.from_catalog(catalog), LinkMode.ALL)})
    return {(c.kind, c.text): c for c in find_candidates({"x": article}, index)}


def test_unmatched_names_are_found_with_counts_and_an_example():
    found = candidates()
    beirut = found[("name", "Beirut")]
    assert beirut.count == 2
    assert beirut.example.startswith("Several officials met in Beirut")
    assert (beirut.article, beirut.block) == ("x", "p1")
    assert ("name", "Walid Haddad") in found


def test_matched_names_and_sentence_openers_are_not_candidates():
    names = {text for kind, text in candidates() if kind == "name"}
    assert not names & {"Nusra Front", "Nusra", "Several", "Today", "Monday", "Armed"}


def test_recurring_phrases_need_three_uses():
    found = candidates()
    assert found[("phrase", "armed opposition")].count == 3
    assert ("phrase", "new talks") not in found


def test_report_page_and_json_agree(site):
    page = site.page("maintainers/coverage.html")
    data = json.loads((site.site / "maintainers/coverage.json").read_text(encoding="utf-8"))
    rows = [row.find("strong").get_text() for row in page.select("table tbody tr")]
    assert rows == [c["text"] for c in data["candidates"]]
    entities = json.loads((site.site / "data/entities.json").read_text(encoding="utf-8"))["entities"]
    unused = [entity for entity in entities if entity["mentions"] == 0]
    assert data["unused_entities"] == sorted(entity["id"] for entity in unused)
    assert all(page.find("a", string=entity["name"]) for entity in unused)
    nav = [a.get_text(strip=True) for a in site.page("index.html").select("nav.md-nav--primary a")]
    assert "Coverage report" in nav
