"""Catalog validation: each defect is reported with its file, line and fix, and the bad part left out."""

from __future__ import annotations

from pathlib import Path

from annotated_reader.matching.linker import alias_key
from annotated_reader.reading.catalog import build_catalog

GOOD = """---
type: organization
name: Nusra Front
summary: Al-Qaeda's Syrian affiliate.
aliases:
  - Jabhat al-Nusra
relations:
  rival_of: [isis]
---
Prose.
"""
ISIS = """---
type: organization
name: ISIS
summary: A jihadist group.
aliases: [Daesh]
---
Prose.
"""


def catalog(**pages: str):
    entries = [(Path(f"docs/{uri}"), uri, text) for uri, text in pages.items()]
    return build_catalog(entries, alias_key)


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_valid_pages_give_entities_and_inverse_relations():
    result = catalog(**{"organizations/nusra-front.md": GOOD, "organizations/isis.md": ISIS})
    assert messages(result) == []
    assert [(r.wording, r.target) for r in result["isis"].relations] == [("rival of", "nusra-front")]
    assert [a.text for a in result["nusra-front"].aliases] == ["Jabhat al-Nusra"]


def test_unknown_field_names_file_line_and_fix():
    result = catalog(**{"organizations/isis.md": ISIS.replace("aliases:", "colour: red\naliases:")})
    (message,) = messages(result)
    assert message.startswith("docs/organizations/isis.md:5: unknown field 'colour'")
    assert "use one of: type, name, summary" in message


def test_missing_field_leaves_the_entity_out():
    result = catalog(**{"organizations/isis.md": ISIS.replace("summary: A jihadist group.\n", "")})
    assert "isis" not in result.entities
    assert messages(result) == ["docs/organizations/isis.md:1: missing field 'summary' — add 'summary: …' to the front matter"]


def test_unknown_type():
    result = catalog(**{"organizations/isis.md": ISIS.replace("type: organization", "type: militia")})
    (message,) = messages(result)
    assert message.startswith("docs/organizations/isis.md:2: unknown type 'militia' — use one of: person, organization")


def test_alias_claimed_by_two_entities():
    other = ISIS.replace("name: ISIS", "name: Islamic State").replace("[Daesh]", "[DAESH]")
    result = catalog(**{"organizations/isis.md": ISIS, "organizations/islamic-state.md": other})
    (message,) = messages(result)
    assert message.startswith("docs/organizations/islamic-state.md:5: name or alias 'DAESH' is already claimed by 'isis' "
                              "(docs/organizations/isis.md)")


def test_an_alias_that_is_another_entitys_name_is_reported_on_the_aliass_page_whatever_the_folders_order():
    arsal = "---\ntype: place\nname: Arsal\nsummary: A town.\n---\n"
    salam = "---\ntype: person\nname: Tammam Salam\nsummary: A politician.\naliases: [Salam, ARSAL]\n---\n"
    result = catalog(**{"places/arsal.md": arsal, "people/tammam-salam.md": salam})  # people/ is read first
    (message,) = messages(result)
    assert message.startswith("docs/people/tammam-salam.md:5: name or alias 'ARSAL' is already claimed by 'arsal' "
                              "(docs/places/arsal.md)")
    assert [a.text for a in result["tammam-salam"].aliases] == ["Salam"]


def test_a_type_that_is_not_its_folders_is_reported_at_the_type():
    result = catalog(**{"people/tammam-salam.md": "---\nname: Tammam Salam\ntype: place\nsummary: A politician.\n---\n"})
    (message,) = messages(result)
    assert message == ("docs/people/tammam-salam.md:3: type 'place' is not the type of the pages in docs/people/ "
                       "('person') — set 'type: person', or move the page to docs/places/")


def test_duplicate_id_across_folders():
    result = catalog(**{"organizations/isis.md": ISIS, "people/isis.md": ISIS.replace("[Daesh]", "[]")})
    assert any("duplicate entity id 'isis'" in m for m in messages(result))


def test_relation_to_missing_entity():
    result = catalog(**{"organizations/nusra-front.md": GOOD})
    (message,) = messages(result)
    assert message.startswith("docs/organizations/nusra-front.md:8: relation 'rival_of' points to unknown entity 'isis'")
    assert result["nusra-front"].relations == []


def test_unknown_relation_type():
    result = catalog(**{"organizations/nusra-front.md": GOOD.replace("rival_of", "hates"),
                        "organizations/isis.md": ISIS})
    (message,) = messages(result)
    assert "unknown relation type 'hates' — use one of: leader_of" in message


def test_broken_yaml_reports_its_line():
    broken = ISIS.replace("summary: A jihadist group.", "summary: [unclosed")
    result = catalog(**{"organizations/isis.md": broken})
    (message,) = messages(result)
    assert message.startswith("docs/organizations/isis.md:") and "front matter is not valid YAML" in message


def test_invalid_wikidata_and_coordinates():
    bad = ISIS.replace("aliases: [Daesh]", 'aliases: [Daesh]\nwikidata: "2429253"\ncoordinates: {lat: 95, lon: 0}')
    result = catalog(**{"organizations/isis.md": bad})
    assert len(messages(result)) == 2
    assert result["isis"].wikidata is None and result["isis"].coordinates is None


def test_bad_file_name_is_not_an_id():
    result = catalog(**{"organizations/Islamic State.md": ISIS})
    assert "is not a valid entity id" in messages(result)[0]
