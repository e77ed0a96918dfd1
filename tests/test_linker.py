"""Matching rules: each behaviour the linker and the mention finder promise, on the smallest text that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, MentionIndex, find_mentions, names_within_names
from annotated_reader.matching.proper_names import names_inside_longer_names, url_spans
from annotated_reader.pages.article_page import render_article
from annotated_reader.pages.entity_page import written_parts
from annotated_reader.reading.catalog import Alias, build_catalog
from annotated_reader.reading.seed_parser import parse_seed


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


@pytest.mark.parametrize(("listed", "written"), [
    ("al-Nusra Front", "al Nusra Front"), ("al-Nusra Front", "el-Nusra Front"), ("Ahmad Jumaa", "Ahmad Jumaah"),
    ("Hama", "Hamah"), ("bay'ah", "bayah"), ("Abu Malek al-Talli", "Abu Malek al-Tali"), ("Bashar al-Assad", "Bashar al-Asad"),
    ("Yabrud", "Yabroud"), ("Jaysh al-Islam", "Jaish al-Islam"), ("Qalamoun", "Kalamoun"), ("Ahrar al-Sham", "Ahrar ash-Sham"),
    ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham"), ("Sheikh Maqsoud", "Shaykh Maqsoud"), ("Ameer", "Amir"),
    ("Qalamoun", "Qalamon"), ("Homs", "Hums"), ("Daesh", "Daash"),
])
def test_spelling_variant_matches_through_folding_and_is_marked(listed, written):
    matches = linker((listed, "x")).find(f"Reports named {written} again.")
    assert [(m.entity_id, f"Reports named {written} again."[m.start:m.end], m.variant) for m in matches] == [
        ("x", written, True)]


def test_listed_name_in_other_case_is_not_a_variant():
    assert [m.variant for m in linker(("Syrian Army", "army")).find("the syrian army")] == [False]


@pytest.mark.parametrize("text", ["This is it", "Is it?", "the Isis river", "ISIS’s"])
def test_case_sensitive_names_never_match_through_folding(text):
    found_ = found(linker(("IS", "isis"), ("ISIS", "isis")), text)
    assert all(words.isupper() for words, _ in found_)


def test_a_variant_of_a_capitalised_name_must_be_capitalised():
    assert found(linker(("Daesh", "isis"), ("bay'ah", "bayah")), "a dash to the border; Dash fighters; their bayaa") == [
        ("Dash", "isis"), ("bayaa", "bayah")]


def test_a_variant_of_a_glossary_term_needs_no_capital():
    """Terms are listed capitalised, as page titles, and written in small letters in the text."""
    catalog = build_catalog([(Path("docs/glossary/sharia.md"), "glossary/sharia.md",
                              "---\ntype: term\nname: Sharia\nsummary: Islamic law.\n---\n")], alias_key)
    assert found(Linker.from_catalog(catalog), "under shariah law, as Shariah courts") == [
        ("shariah", "sharia"), ("Shariah", "sharia")]
    assert found(linker(("Sharia", "sharia")), "under shariah law") == []


def test_short_names_do_not_match_through_folding():
    assert found(linker(("Ali", "ali"), ("Eid", "eid")), "Alli and Aid met Ali") == [("Ali", "ali")]


def test_a_folded_form_two_entities_share_matches_only_as_written():
    shared = linker(("Hamad", "hamad"), ("Hammad", "hammad"))
    assert found(shared, "Hamad, Hammad and Hamaad") == [("Hamad", "hamad"), ("Hammad", "hammad")]


def test_sun_letter_article_needs_a_hyphen():
    assert found(linker(("al-Assad", "assad")), "as Assad said, as-Assad did") == [("as-Assad", "assad")]


def test_possessive_after_a_folded_name_stays_outside():
    assert found(linker(("Jumaa", "jumaa")), "Jumaah’s arrest") == [("Jumaah", "jumaa")]


LONGER = linker(("Lebanon", "lebanon"), ("Damascus", "damascus"), ("Dimashq", "damascus"), ("Islamic State", "isis"),
                ("Iraq", "iraq"), ("Hama", "hama"), ("al-Baghdadi", "baghdadi"), ("Hezbollah", "hezbollah"),
                ("Syrian Army", "army"), ("Emir", "emir"), ("Abu Malek", "talli"), ("Syria", "syria"),
                ("Bashar al-Assad", "assad"), ("Assad", "assad"))


@pytest.mark.parametrize("text", [
    "fighters in the Anti-Lebanon mountains", "the Rif Dimashq countryside", "the Islamic State of Iraq grew",
    "shelling in Hama Governorate", "the commander Abu Omar al-Baghdadi spoke",
])
def test_name_inside_a_longer_proper_name_is_not_linked(text):
    assert found(LONGER, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("the Syrian Army's positions", [("Syrian Army", "army")]),
    ("the Damascus countryside", [("Damascus", "damascus")]),
    ("In Damascus, they met.", [("Damascus", "damascus")]),
    ("Yesterday Hezbollah said so.", [("Hezbollah", "hezbollah")]),
    ("President Bashar al-Assad spoke", [("Bashar al-Assad", "assad")]),
    ("the Emir Abu Malek refused", [("Emir", "emir"), ("Abu Malek", "talli")]),
    ("on the Lebanon-Syria border", [("Lebanon", "lebanon"), ("Syria", "syria")]),
    ("ISIS Expansionism Will Burn Damascus", [("Damascus", "damascus")]),
])
def test_good_links_next_to_capitalised_words_stay(text, expected):
    assert found(LONGER, text) == expected


def test_sentence_opening_word_written_capitalised_elsewhere_is_part_of_the_name():
    text = "Rif Dimashq is large. Shelling hit Rif Dimashq."
    assert found(LONGER, text) == []


@pytest.mark.parametrize("text", [
    "see http://example.org/lebanon/damascus.html today", "at www.hama-news.com/Hama now",
    "read syriahr.com/en/Damascus-report first", "mail news.damascus.sy about it",
])
def test_nothing_is_matched_inside_a_web_address(text):
    assert found(LONGER, text) == []


def article(text: str):
    return parse_seed(text, Path("seeds/x.txt"), "x", standfirst=False)


def mentions_of(text: str, *entries):
    parsed = article(text)
    blocks = {block.id: block.text for block in parsed.annotatable_blocks()}
    return [(blocks[m.block_id][m.start:m.end], m.entity_id, m.role.value, m.full_link)
            for m in find_mentions(parsed, linker(*entries), LinkMode.FIRST_IN_ARTICLE)]


ACRONYM_SEED = """Army briefs the press

The LAF said nothing before the statement.

The Lebanese Armed Forces (LAF) said that the LAF had closed the road.

Later the LAF reopened it, and the LAFS unit stayed.
"""


def test_acronym_defined_after_a_name_links_for_the_rest_of_the_article():
    found_ = [(words, entity) for words, entity, _, _ in mentions_of(ACRONYM_SEED, ("Lebanese Armed Forces", "laf"))]
    assert found_ == [("Lebanese Armed Forces", "laf"), ("LAF", "laf"), ("LAF", "laf"), ("LAF", "laf")]


def test_only_initials_of_the_name_define_an_acronym():
    seed = """Shelling resumes

DAMASCUS (AFP) — Hay'at Tahrir al-Sham (HTS) said the AFP report was wrong; HTS denied it.
"""
    found_ = [(words, entity) for words, entity, _, _ in
              mentions_of(seed, ("Damascus", "damascus"), ("Hay'at Tahrir al-Sham", "hts"))]
    assert found_ == [("DAMASCUS", "damascus"), ("Hay'at Tahrir al-Sham", "hts"), ("HTS", "hts"), ("HTS", "hts")]


def test_acronym_the_catalog_knows_keeps_its_own_entity():
    found_ = mentions_of(ACRONYM_SEED, ("Lebanese Armed Forces", "laf"), ("LAF", "other"))
    assert [entity for words, entity, _, _ in found_ if words == "LAF"] == ["other"] * 4


HEADING_SEED = """Jane Doe

Hezbollah digs in near Yabrud

Hezbollah fighters held the hills above the town for a week, residents said on Monday.

Battle lines

The town of Yabrud changed hands twice in the battle of Yabrud, which ended in March.
"""


def test_names_in_the_title_and_sub_headings_are_mentions_but_not_links():
    found_ = mentions_of(HEADING_SEED, ("Hezbollah", "hezbollah"), ("Yabrud", "yabrud"), ("battle of Yabrud", "battle"))
    assert found_[:2] == [("Hezbollah", "hezbollah", "heading", False), ("Yabrud", "yabrud", "heading", False)]
    assert ("Hezbollah", "hezbollah", "body", True) in found_
    assert ("battle of Yabrud", "battle", "body", True) in found_


def test_heading_mentions_point_at_the_heading_anchor():
    mentions = find_mentions(article(HEADING_SEED), linker(("Hezbollah", "hezbollah")), LinkMode.ALL)
    assert mentions[0].id == "title"


def test_place_inside_an_event_name_is_named_in_that_event():
    pages = [(Path(f"docs/{folder}/{i}.md"), f"{folder}/{i}.md", f"---\ntype: {kind}\nname: {name}\nsummary: S.\n---\n")
             for folder, i, kind, name in [("places", "yabrud", "place", "Yabrud"),
                                           ("events", "battle", "event", "Battle of Yabrud"),
                                           ("organizations", "army", "organization", "Syrian Army"),
                                           ("organizations", "fsa", "organization", "Free Syrian Army")]]
    assert names_within_names(build_catalog(pages, alias_key)) == {"yabrud": ["battle"]}


PRECISION_CATALOG = (
    ("Nusra Front", "nusra"), ("al-Nusra Front", "nusra"), ("Jabhat al-Nusra", "nusra"), ("Ahmad Jumaa", "jumaa"),
    ("Jumaa", "jumaa"), ("Abu Malek al-Talli", "talli"), ("al-Talli", "talli"), ("Bashar al-Assad", "assad"),
    ("Assad", "assad"), ("Yabrud", "yabrud"), ("Qalamoun", "qalamoun"), ("Hama", "hama"), ("Jaysh al-Islam", "jaysh"),
    ("ISIS", "isis"), ("IS", "isis"), ("bay'ah", "bayah"), ("Emir", "emir"), ("Homs", "homs"), ("Lebanon", "lebanon"),
    ("Hay'at Tahrir al-Sham", "hts"), ("Iraq", "iraq"), ("Idris", "idris"),
)
PRECISION_TEXT = (
    "Fighters of Jabhat al Nusra and of the el-Nusra Front met in Yabroud, where Ahmad Jumaah had been held. "
    "His men, loyal to Abu Malek al-Tali, gave bayah to the Emeer as Assad's army shelled Hamah and Kalamoun. "
    "It is said IS and ISIS fighters left for Irak; this is what Jaish al-Islam and Hayat Tahrir al-Sham feared. "
    "At Homs the talks, as Assad wished, stalled; the hamlet of Alma, a hammam and Idrissi's shop were shelled, "
    "and Anti-Lebanon villagers fled to www.lebanon-news.com/homs and to Lebanon."
)
PRECISION_EXPECTED = {
    ("Jabhat al Nusra", "nusra"), ("el-Nusra Front", "nusra"), ("Yabroud", "yabrud"), ("Ahmad Jumaah", "jumaa"),
    ("Abu Malek al-Tali", "talli"), ("bayah", "bayah"), ("Emeer", "emir"), ("Assad", "assad"), ("Hamah", "hama"),
    ("Kalamoun", "qalamoun"), ("IS", "isis"), ("ISIS", "isis"), ("Irak", "iraq"), ("Jaish al-Islam", "jaysh"),
    ("Hayat Tahrir al-Sham", "hts"), ("Homs", "homs"), ("Assad", "assad"), ("Lebanon", "lebanon"),
}
"""Marked by hand: every catalogued name the text writes, as written, and nothing else (not "is", "Alma",
"hammam", "Idrissi", the Lebanon of "Anti-Lebanon" or anything in the web address)."""


def precision_and_recall(matches: list[tuple[str, str]]) -> tuple[float, float]:
    found_ = list(matches)
    correct = sum(1 for match in found_ if match in PRECISION_EXPECTED)
    return correct / len(found_), len(set(found_) & PRECISION_EXPECTED) / len(PRECISION_EXPECTED)


def test_folding_adds_no_wrong_link_on_a_hand_marked_text():
    matches = LINKER_FOR_PRECISION.find(PRECISION_TEXT)
    with_folding = [(PRECISION_TEXT[m.start:m.end], m.entity_id) for m in matches]
    as_written = [(PRECISION_TEXT[m.start:m.end], m.entity_id) for m in matches if not m.variant]
    assert precision_and_recall(with_folding) == (1.0, 1.0)
    assert precision_and_recall(as_written)[1] < 0.5


LINKER_FOR_PRECISION = linker(*PRECISION_CATALOG)


def test_variant_is_marked_in_the_article_and_listed_on_the_entity_page():
    pages = [(Path("docs/people/jumaa.md"), "people/jumaa.md", "---\ntype: person\nname: Ahmad Jumaa\nsummary: S.\n---\n"),
             (Path("docs/places/yabrud.md"), "places/yabrud.md", "---\ntype: place\nname: Yabrud\nsummary: S.\n---\n"),
             (Path("docs/events/battle.md"), "events/battle.md",
              "---\ntype: event\nname: Battle of Yabrud\nsummary: S.\n---\n")]
    catalog = build_catalog(pages, alias_key)
    parsed = article("Jane Doe\n\nA report\n\nAhmad Jumaah and Ahmad Jumaa fought in the Battle of Yabrud.\n")
    index = MentionIndex({"x": find_mentions(parsed, Linker.from_catalog(catalog), LinkMode.ALL)},
                         names_within_names(catalog))
    page = BeautifulSoup(render_article(parsed, index.by_article["x"], catalog, lambda src: src).html, "lxml")
    assert [(m.get_text(), m.has_attr("data-variant")) for m in page.select("[data-entity=jumaa]")] == [
        ("Ahmad Jumaah", True), ("Ahmad Jumaa", False)]
    facts, _ = written_parts(catalog["jumaa"], catalog, index, {"x": parsed}, lambda src: src)
    assert "Also written: Ahmad Jumaah (1)" in BeautifulSoup(facts["facts"], "lxml").get_text()
    facts, _ = written_parts(catalog["yabrud"], catalog, index, {"x": parsed}, lambda src: src)
    assert "Also named in: Battle of Yabrud (1)" in BeautifulSoup(facts["facts"], "lxml").get_text()


@pytest.mark.parametrize("built", ["site", "fixture_site"])
def test_no_built_mention_is_inside_a_longer_name_or_a_web_address(built, request):
    site = request.getfixturevalue(built)
    for path in site.site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for block in page.select("p, li, figcaption, td"):
            if not block.select_one("[data-entity]") or block.select_one("p, li, ul, ol, table"):
                continue
            for number in block.select(".ar-pnum"):
                number.decompose()
            text, spans = block.get_text(), []
            offset = 0
            for piece in block.descendants:
                if isinstance(piece, str):
                    if piece.parent.has_attr("data-entity"):
                        spans.append((offset, offset + len(piece)))
                    offset += len(piece)
            assert not names_inside_longer_names(text, spans), f"{path.name}: {text[:80]}"
            assert not any(s < end and start < e for s, e in url_spans(text) for start, end in spans), path.name


def test_blocks_found_together_are_found_as_one_by_one():
    blocks = ["Battle lines", "Rif Dimashq was shelled; Hezbollah held Hama.", "", "Damascus Governorate", "IS left Hamah."]
    assert LONGER.find_in_blocks(blocks) == [LONGER.find(block) for block in blocks]


def test_a_persons_name_ends_where_of_begins_but_other_names_go_on():
    """ "Arraba Idris of Liwa Maghaweer" is a person of a group; "Islamic State of Iraq" is one longer name."""
    pairs = [(Alias(text, False), entity_id) for text, entity_id in (
        ("Arraba Idris", "idris"), ("Liwa Maghaweer", "maghaweer"), ("Islamic State", "isis"), ("Iraq", "iraq"))]
    apart = Linker(pairs, frozenset({"idris"}))
    assert found(apart, "Others, like Arraba Idris of Liwa Maghaweer, were released.") == [
        ("Arraba Idris", "idris"), ("Liwa Maghaweer", "maghaweer")]
    assert found(apart, "the Islamic State of Iraq announced") == []
    assert found(Linker(pairs), "Others, like Arraba Idris of Liwa Maghaweer, were released.") == []
