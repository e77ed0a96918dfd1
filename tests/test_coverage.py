"""The coverage report finds what the catalog misses, and only that."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, MentionIndex, find_mentions
from annotated_reader.pages.coverage import NAMES_KEY, Candidate, coverage_parts, find_candidates, front_matter_stub, guess_type
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
    for entity_id in data["unused_entities"]:
        assert "No article in the corpus mentions this yet." in site.page(f"{_entity_page(site, entity_id)}").get_text()
    nav = [a.get_text(strip=True) for a in site.page("index.html").select("nav.md-nav--primary a")]
    assert "Coverage report" in nav


def _entity_page(site, entity_id: str) -> str:
    return next(str(path.relative_to(site.site)) for path in site.site.glob(f"*/{entity_id}.html"))


def test_report_tables_have_headers_and_links_say_where_they_go(site):
    page = site.page("maintainers/coverage.html")
    for table in page.select("table"):
        assert all(th.get_text(strip=True) for th in table.select("thead th"))
    for link in page.select("table tbody a[title='Where it was first seen']"):
        assert link.select_one(".ar-sr").get_text(strip=True).startswith("first use:")


def report(seed: str, *entities: tuple[str, str, str, str]) -> dict[tuple[str, str], Candidate]:
    """The coverage report's rows for one article and a small catalog of (folder, id, type, front matter rest)."""
    pages = [(Path(f"docs/{folder}/{i}.md"), f"{folder}/{i}.md", f"---\ntype: {kind}\n{rest}summary: S.\n---\n")
             for folder, i, kind, rest in entities]
    catalog = build_catalog(pages, alias_key)
    article = parse_seed(seed, Path("seeds/x.txt"), "x", standfirst=False)
    index = MentionIndex({"x": find_mentions(article, Linker.from_catalog(catalog), LinkMode.ALL)})
    return {(c.kind, c.text): c for c in find_candidates({"x": article}, index, catalog)}


def test_every_candidate_is_reported_and_counted_in_parts():
    words = [f"{first}a{second}in" for first in "BDFGJLMNPRTVZ" for second in "bdfgjlmnprtvz"]
    names = [f"{words[n % len(words)]} {words[n // len(words)]}" for n in range(250)]
    seed = "Jane Doe\n\nVillages\n\n" + "\n\n".join(f"The shelling hit {name} again." for name in names) + "\n"
    found = report(seed)
    assert {text for kind, text in found if kind == "name"} == set(names)
    parts = coverage_parts(list(found.values()), build_catalog([], alias_key), lambda src: src)
    table = BeautifulSoup(parts[NAMES_KEY], "lxml")
    assert "250 found, in 3 parts" in table.get_text()
    assert len(table.select("tbody tr")) == 250


SPELLINGS = """Jane Doe

Talks in the north

The envoy Abu Hassan al-Masri met Syrian officials. The envoy Abu Hasan al Masri then left for Islamic talks.

Shelling hit Rif Dimashq, and Talli's men said the State would answer. Abu Hassan al-Masri agreed.

The Yarmouk Martyrs Brigade and the Liwa al-Haqq joined the battle of Qusayr, Jumaah said.
"""
CATALOG = (("places", "damascus", "place", "name: Damascus\naliases: [Dimashq]\n"),
           ("people", "talli", "person", "name: Abu Malek al-Talli\naliases: [al-Talli]\n"),
           ("people", "jumaa", "person", "name: Ahmad Jumaa\naliases: [Jumaa]\n"))


def test_spellings_that_fold_alike_are_one_row():
    row = report(SPELLINGS, *CATALOG)[("name", "Abu Hassan al-Masri")]
    assert (row.count, row.variants, row.articles) == (3, ("Abu Hasan al Masri",), ("x",))
    assert row.stub.startswith("---\ntype: person\nname: \"Abu Hassan al-Masri\"")
    assert 'aliases: ["Abu Hasan al Masri"]' in row.stub


def test_generic_words_alone_are_left_out():
    names = {text for kind, text in report(SPELLINGS, *CATALOG) if kind == "name"}
    assert not names & {"Syrian", "Islamic", "State"}


def test_probable_variant_and_longer_name_are_noted():
    found = report(SPELLINGS, *CATALOG)
    assert (found[("name", "Talli")].note, found[("name", "Talli")].entity) == ("variant", "talli")
    assert (found[("name", "Rif Dimashq")].note, found[("name", "Rif Dimashq")].entity) == ("longer name", "damascus")


def test_mentions_matched_through_folding_are_listed_to_confirm():
    row = report(SPELLINGS, *CATALOG)[("variant", "Jumaah")]
    assert (row.entity, row.count, row.articles) == ("jumaa", 1, ("x",))


@pytest.mark.parametrize(("name", "kind"), [("Yarmouk Martyrs Brigade", "organization"), ("Battle of Qusayr", "event"),
                                            ("Abu Hassan al-Masri", "person"), ("Liwa al-Haqq", "organization"),
                                            ("Tal Kalakh", "place")])
def test_type_of_a_new_name_is_guessed_from_its_words(name, kind):
    assert guess_type(name) == kind


def test_stub_names_the_first_articles_and_says_how_many_there_are():
    stub = front_matter_stub("Tal Kalakh", ["Tell Kalakh"], [f"article-{n:02}" for n in range(12)])
    assert "# named in: article-00, article-01" in stub and "(the first 10 of 12)" in stub
    assert build_catalog([(Path("docs/places/t.md"), "places/t.md", stub + "\n")], alias_key).problems == []
