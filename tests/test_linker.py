"""Matching rules: each behaviour the linker promises, on the smallest text that shows it."""

from __future__ import annotations

import pytest

from annotated_reader.matching.linker import Linker
from annotated_reader.reading.catalog import Alias


def linker(*entries: tuple[str, str] | tuple[str, str, bool]) -> Linker:
    pairs = []
    for entry in entries:
        text, entity_id, *case = entry
        pairs.append((Alias(text, case[0] if case else text.isupper()), entity_id))
    return Linker(pairs)


def found(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.entity_id) for m in linker.find(text)]


def test_leftmost_longest_keeps_free_syrian_army_whole():
    fsa = linker(("Free Syrian Army", "fsa"), ("Syrian Army", "syrian-army"), ("Syria", "syria"))
    assert found(fsa, "battalions of the Free Syrian Army fought the Syrian Army") == [
        ("Free Syrian Army", "fsa"), ("Syrian Army", "syrian-army")]


def test_al_nusra_front_is_one_mention():
    nusra = linker(("Nusra", "nusra"), ("al-Nusra Front", "nusra"), ("Nusra Front", "nusra"))
    assert found(nusra, "most notably the Al-Nusra Front—on the other") == [("Al-Nusra Front", "nusra")]


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_possessive_stays_outside_link(apostrophe):
    assert found(linker(("Baghdadi", "baghdadi")), f"At Baghdadi{apostrophe}s orders") == [("Baghdadi", "baghdadi")]


@pytest.mark.parametrize("text", ["bay'ah", "bay’ah", "bay‘ah", "bayʼah"])
def test_curly_and_straight_apostrophes_are_the_same(text):
    assert found(linker(("bay'ah", "bayah")), f"they gave {text} to him") == [(text, "bayah")]


@pytest.mark.parametrize("hyphen", ["-", "‐", "‑", "–", "−"])
def test_hyphen_variants_are_the_same(hyphen):
    assert found(linker(("al-Talli", "talli")), f"asked al{hyphen}Talli to") == [(f"al{hyphen}Talli", "talli")]


def test_all_capital_alias_is_case_sensitive():
    isis = linker(("IS", "isis"), ("ISIS", "isis"))
    assert found(isis, "This is what IS wants; isis is not ISIS") == [("IS", "isis"), ("ISIS", "isis")]


def test_other_aliases_ignore_case():
    assert found(linker(("Syrian Army", "army")), "the Syrian army and the SYRIAN ARMY") == [
        ("Syrian army", "army"), ("SYRIAN ARMY", "army")]


def test_word_boundaries_no_idris_inside_idrissi():
    idris = linker(("Idris", "idris"))
    assert found(idris, "Idrissi met Idris, not Idrisid") == [("Idris", "idris")]


def test_listed_inflections_link_to_the_term():
    terms = linker(("Emir", "emir"), ("Emirs", "emir"), ("pledged allegiance", "bayah"),
                   ("pledges of allegiance", "bayah"))
    assert found(terms, "three new Emirs; he pledged allegiance; pledges of allegiance") == [
        ("Emirs", "emir"), ("pledged allegiance", "bayah"), ("pledges of allegiance", "bayah")]


def test_unlisted_plural_is_not_guessed():
    assert found(linker(("Emir", "emir")), "three Emirs") == []


def test_hint_switches_an_alias_off_for_one_article():
    base = linker(("Assad", "assad"), ("Homs", "homs"))
    assert found(base.with_hints({"Assad": None}), "Assad left Homs") == [("Homs", "homs")]
    assert found(base, "Assad left Homs") == [("Assad", "assad"), ("Homs", "homs")]


def test_hint_pins_a_new_alias_to_an_entity():
    base = linker(("Abu Malek al-Talli", "talli"))
    assert found(base.with_hints({"Abu Malek": "talli"}), "Abu Malek refused") == [("Abu Malek", "talli")]


def test_offsets_survive_characters_that_lower_to_two():
    text = "İstanbul and Homs"
    assert found(linker(("Homs", "homs")), text) == [("Homs", "homs")]


def test_empty_catalog_finds_nothing():
    assert Linker([]).find("Anything at all") == []
