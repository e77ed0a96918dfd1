"""The seed parser on the real seed and on fixtures in the shapes scraped articles come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SEED, sample_catalog

from annotated_reader.matching.corpus import load_corpus
from annotated_reader.matching.linker import Linker
from annotated_reader.matching.mentions import LinkMode, find_mentions
from annotated_reader.pages.article_page import render_article
from annotated_reader.reading.article import Kind, Role
from annotated_reader.reading.errors import InputError
from annotated_reader.reading.seed_parser import decode_seed, parse_seed, title_from_sentence
from annotated_reader.reading.sidecar import apply_sidecar, read_sidecar

FIXTURES = ROOT / "tests" / "fixtures" / "seeds"


def parse_bytes(raw: bytes, path: Path = Path("seeds/x.txt"), encoding: str | None = None, **options):
    text, _ = decode_seed(raw, path, encoding)
    return parse_seed(text, path, slug="x", **options)


def parse_text(text: str, **options):
    return parse_bytes(text.encode("utf-8"), **options)


def fixture(name: str):
    path = FIXTURES / name
    sidecar = read_sidecar(path.with_suffix(".yml"))
    return parse_bytes(path.read_bytes(), path, sidecar.get("encoding"))


def texts(article, *kinds: Kind) -> list[str]:
    return [block.text for block in article.of_kind(*kinds)]


@pytest.fixture(scope="module")
def seed_article():
    return parse_bytes(SEED.read_bytes())


def test_seed_byline_and_title_joined_across_lines(seed_article):
    assert seed_article.byline == "Ayman Sharrouf"
    assert seed_article.title == "ISIS expansionism will burn Qalamoun"


def test_seed_standfirst(seed_article):
    assert seed_article.standfirst.text == "After sustaining heavy losses in Iraq, it seems that ISIS now wants to take Qalamoun."
    assert seed_article.standfirst.role is Role.STANDFIRST


def test_seed_caption_shown_once_with_its_credit(seed_article):
    (caption,) = seed_article.of_kind(Kind.CAPTION)
    assert caption.text == "A Syrian regime tank burns in Qalamoun."
    assert caption.credit == "AFP/Sam Skaine"


def test_seed_has_twenty_body_paragraphs_in_order(seed_article):
    paragraphs = seed_article.paragraphs
    assert [p.id for p in paragraphs] == [f"p{n}" for n in range(1, 21)]
    assert paragraphs[0].text.startswith("Since fighting stopped August in the town of Arsal")
    assert paragraphs[-1].text.endswith("a fire that will burn everything in its path.")


def test_seed_pull_quote_kept_apart_from_the_body(seed_article):
    assert texts(seed_article, Kind.PULL_QUOTE) == [
        "Baghdadi has sent three new Emirs to the Qalamoun and more recently a former Iraqi army commander "
        "to supervise operations."
    ]
    assert seed_article.body[-1].kind is Kind.PULL_QUOTE


def test_seed_reader_comment(seed_article):
    (comment,) = seed_article.comments
    assert comment.author == "Beiruti"
    assert comment.date == dt.date(2015, 1, 2)
    assert comment.paragraphs[0].text.startswith("So Assad is facilitating the supply of ISIS in Qalamoun??")
    assert comment.paragraphs[0].role is Role.COMMENT


def test_by_prefix_date_line_dateline_subheadings_and_uncredited_caption():
    article = fixture("by-prefix-dateline.txt")
    assert (article.byline, article.date, article.date_text) == ("Jane Doe", dt.date(2015, 3, 3), "Published: March 3, 2015")
    assert article.dateline == "BEIRUT, March 3"
    assert article.standfirst is None
    assert texts(article, Kind.SUBHEADING) == ["A difficult winter", "What comes next"]
    (caption,) = article.of_kind(Kind.CAPTION)
    assert (caption.text, caption.credit) == ("Photo: Smoke rises over the Barada Valley.", None)
    assert len(article.paragraphs) == 5
    assert not article.of_kind(Kind.PULL_QUOTE)


def test_title_over_three_lines_lists_pull_quote_and_one_comment():
    article = fixture("no-byline-long-title.txt")
    assert article.byline is None
    assert article.title == "What the fighting in Qalamoun means for the border towns"
    items = article.of_kind(Kind.LIST_ITEM)
    assert [(item.marker, item.ordered) for item in items] == [
        ("1.", True), ("2.", True), ("3.", True), ("•", False), ("•", False)]
    assert items[0].text == "Fuel for the generators that run the clinic."
    assert texts(article, Kind.PULL_QUOTE) == ["The town could not carry the weight of the war alone."]
    assert [(c.author, c.date) for c in article.comments] == [("Karim", dt.date(2015, 3, 5))]


def test_question_and_answer_interview():
    article = fixture("interview-qa.txt")
    kinds = [block.kind for block in article.paragraphs]
    assert kinds == [Kind.PARAGRAPH] + [Kind.QUESTION, Kind.ANSWER] * 3
    assert article.paragraphs[1].text.startswith("Q: How many fighters")
    assert article.paragraphs[-1].role is Role.BODY


def test_crlf_bom_entities_nbsp_and_arabic():
    article = fixture("crlf-bom-entities.txt")
    assert article.byline == "Rami Khoury"
    assert article.title == "Market day in Aleppo’s old city"
    assert article.standfirst.text == "Traders say business is slow & prices are high."
    (caption,) = article.of_kind(Kind.CAPTION)
    assert caption.credit == "Reuters/File"
    assert "known in Arabic as السوق, was" in article.paragraphs[0].text
    assert "reopened since then" in article.paragraphs[0].text


def test_repeated_caption_kept_once_and_many_comments():
    article = fixture("repeated-caption-comments.txt")
    assert len(article.of_kind(Kind.CAPTION)) == 1
    assert [(c.author, c.date) for c in article.comments] == [
        ("Hadi", dt.date(2015, 1, 10)), ("Maya R.", dt.date(2015, 1, 11)), ("anonymous", dt.date(2015, 1, 12))]
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize(("name", "expected"), [
    ("windows-1252.txt", "Winter “siege” tightens around the camps"),
    ("latin-1.txt", "Notes from a réfugié camp"),
])
def test_single_byte_encodings_named_in_the_sidecar(name, expected):
    assert fixture(name).title == expected


def test_undeclared_windows_1252_is_read_with_a_warning_naming_the_file():
    path = FIXTURES / "windows-1252.txt"
    text, warnings = decode_seed(path.read_bytes(), path)
    assert "“siege”" in text
    (warning,) = warnings
    assert str(warning).endswith("windows-1252.txt:3: is not UTF-8; read as windows-1252 — check the page, then add "
                                 "'encoding: windows-1252' to its sidecar .yml (or re-save as UTF-8)")


def test_crlf_line_endings_and_bom_parse_like_lf():
    lf = SEED.read_bytes()
    crlf = b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")
    plain, windows = parse_bytes(lf), parse_bytes(crlf)
    assert windows.title == plain.title
    assert [p.text for p in windows.paragraphs] == [p.text for p in plain.paragraphs]
    assert windows.comments == plain.comments


def test_sidecar_can_overrule_the_standfirst_guess():
    body = "Short lead.\n\nA longer first paragraph with enough words in it.\n\nAnother paragraph here.\n"
    assert parse_text(f"Title\n\n{body}", standfirst=True).standfirst.text == "Short lead."
    assert parse_text(f"Title\n\n{body}", standfirst=False).standfirst is None


def test_a_body_list_of_short_bullets_is_not_taken_for_comments():
    article = parse_text("Title here\n\nThe groups named were:\n\n• Ahrar al-Sham\n\n• Jaysh al-Islam\n\nThat was all.\n")
    assert article.comments == []
    assert texts(article, Kind.LIST_ITEM) == ["Ahrar al-Sham", "Jaysh al-Islam"]


def test_control_characters_and_entities_are_undone_when_decoding():
    text, _ = decode_seed("Caf&eacute; \u0002wzxhzdk:0\u0003 it&#8217;s\r\n".encode(), Path("seeds/x.txt"))
    assert text == "Café wzxhzdk:0 it’s\n"


def test_empty_seed_is_an_error_naming_the_file():
    with pytest.raises(InputError, match=r"seeds/x.txt: is empty"):
        parse_bytes(b"  \n\n")


def test_binary_seed_is_an_error():
    with pytest.raises(InputError, match="binary"):
        parse_bytes(b"\x00\x01\x02PNG")


def test_seed_without_body_is_an_error():
    with pytest.raises(InputError, match="no body paragraphs"):
        parse_text("Jane Doe\n\nOnly a title\n")


def test_a_label_line_over_list_lines_becomes_a_label_and_a_list():
    article = fixture("labelled-lists.txt")
    assert texts(article, Kind.LABEL) == ["Key facts:", "Related:", "Sources:", "See also"]
    sources = [item for item in article.of_kind(Kind.LIST_ITEM) if item.ordered]
    assert [item.text for item in sources] == ["Interviews with residents, March 2015.", "Statements by the local council.",
                                               "Reports from aid groups working in the area."]
    assert texts(article, Kind.LIST_ITEM)[-2:] == ["Barada Valley", "Zabadani"]
    assert not [block for block in article.of_kind(Kind.PARAGRAPH) if block.text.startswith(("Key facts", "Sources"))]


def test_double_stars_and_deeper_indents_nest_list_items():
    items = fixture("labelled-lists.txt").of_kind(Kind.LIST_ITEM)
    depths = {item.text: item.level for item in items}
    assert depths["Ain al-Fijeh spring lies at its upper end."] == 0
    assert depths["Its pumping station was damaged twice."] == 1
    assert depths["Bloudan and Zabadani sit on the slopes above it."] == 0
    assert (depths["Residents describe the water cuts"], depths["in the old city of Damascus"]) == (0, 1)
    assert depths["A council member on the truce talks"] == 0


def test_a_label_alone_above_a_list_is_a_label_not_a_heading():
    article = parse_text("Title here\n\nA first paragraph that says enough to be the body of the text.\n\n"
                         "Sources:\n\n1. A resident\n2. The council\n")
    assert texts(article, Kind.LABEL) == ["Sources:"]
    assert texts(article, Kind.LIST_ITEM) == ["A resident", "The council"]


def test_a_fact_box_keeps_one_term_or_value_per_line_without_asterisks():
    article = fixture("fact-box.txt")
    assert article.title == "Jaysh al-Islam"
    assert article.byline is None, "a name above a fact box is the title, not a byline"
    assert texts(article, Kind.LABEL) == ["Jaysh al-Islam"]
    facts = [(block.term, block.text) for block in article.of_kind(Kind.FACT)]
    assert facts == [
        ("Founded:", "2013"), ("Area of operations:", "Eastern Ghouta, Qalamoun"), ("Leaders:", ""),
        (None, "Zahran Alloush (until 2015)"), (None, "Essam al-Buwaydhani"), ("Part of:", "the Islamic Front"),
        ("Opponents:", "the Syrian Army, ISIS"),
    ]
    assert all(block.role is Role.BODY for block in article.of_kind(Kind.FACT))
    assert len(article.paragraphs) == 3


def test_bulleted_fact_lines_are_a_fact_box_and_speaker_turns_are_not():
    box = parse_text("Title here\n\n* Born: 1971\n* Died: 2015\n\nA paragraph about the man and what he did in the war.\n")
    assert [(block.term, block.text) for block in box.of_kind(Kind.FACT)] == [("Born:", "1971"), ("Died:", "2015")]
    turns = ("Title here\n\nHassan: We went down to the river at night because the road was watched from the ridge above "
             "and nobody could pass there.\nSalim: By morning the shelling had started again and we could not go back to "
             "the houses we had left.\n")
    assert not parse_text(turns).of_kind(Kind.FACT)


@pytest.mark.parametrize("heading", ["1982 Hama massacre", "2013", "2014: the fall of Yabrud"])
def test_headings_may_open_with_a_year_or_a_digit(heading):
    assert heading in texts(fixture("year-headings.txt"), Kind.SUBHEADING)


def test_heading_shape_wins_over_a_repeated_sentence_and_a_punctuated_repeat_stays_a_pull_quote():
    article = fixture("year-headings.txt")
    assert "The rebels who left scattered into the hills" in texts(article, Kind.SUBHEADING)
    assert texts(article, Kind.PULL_QUOTE) == ["The fall of Yabrud changed who held the border for the rest of the war."]


@pytest.mark.parametrize("date_line", ["19 August 2017", "August 19, 2017", "2017-08-19"])
def test_a_digest_entry_opening_with_a_date_takes_it_as_its_date_and_its_title_from_the_first_sentence(date_line):
    article = parse_text(f"{date_line}\n\nRebels left the last villages of the Qalamoun on Saturday. Buses took them north.\n\n"
                         "A second paragraph with more of the story in it.\n")
    assert article.date == dt.date(2017, 8, 19)
    assert (article.title, article.title_from_body) == ("Rebels left the last villages of the Qalamoun on Saturday", True)
    assert article.paragraphs[0].text.startswith("Rebels left")


def test_digest_fixture_keeps_its_dateline_out_of_the_title_and_its_topic_out_of_the_standfirst():
    article = fixture("digest-entry.txt")
    assert article.date == dt.date(2017, 8, 19)
    assert article.topic == "SYRIA"
    assert article.standfirst is None
    assert article.title.startswith("The Lebanese Army launched a ground and air offensive")
    assert article.header_order == ("title", "date", "topic")


def test_a_short_line_after_an_opening_date_is_the_title():
    article = parse_text("2017-08-19\n\nRebels leave the Qalamoun\n\nBuses took the last fighters north on Saturday.\n")
    assert (article.title, article.title_from_body, article.date) == ("Rebels leave the Qalamoun", False, dt.date(2017, 8, 19))


def test_a_long_first_sentence_is_cut_at_a_clause_boundary_or_a_word_boundary():
    clause = ("Lebanese troops pushed into the hills east of Arsal before dawn on Saturday, officers said, "
              "in the largest operation the army has mounted on the border since the war in Syria began.")
    assert title_from_sentence(clause) == "Lebanese troops pushed into the hills east of Arsal before dawn on Saturday"
    words = ("Lebanese troops backed by artillery and helicopters pushed into the hills east of Arsal before dawn on "
             "Saturday in the largest operation the army has mounted.")
    title = title_from_sentence(words)
    assert title.endswith("…") and len(title) <= 91 and words.startswith(title.removesuffix("…"))


def test_the_build_is_told_once_where_a_title_was_cut_from_the_body(tmp_path):
    (tmp_path / "entry.txt").write_text("19 August 2017\n\nRebels left the Qalamoun on Saturday.\n\nMore text here.\n")
    (tmp_path / "named.txt").write_text("19 August 2017\n\nRebels left Arsal on Sunday.\n\nMore text here.\n")
    (tmp_path / "named.yml").write_text("title: Rebels leave Arsal\n")
    corpus = load_corpus(tmp_path, [], LinkMode.FIRST_IN_ARTICLE, workers=1)
    (notice,) = [str(notice) for notice in corpus.notices if "title" in str(notice)]
    assert notice.endswith("entry.txt:3: has no title line; the title was cut from its first sentence: "
                           "'Rebels left the Qalamoun on Saturday' — to choose one, add 'title: …' to entry.yml")
    assert corpus.problems == []


@pytest.mark.parametrize("first", ["SYRIA", "Analysis", "Middle East", "Topic: Lebanon"])
def test_a_topic_label_before_the_title_is_not_the_byline_or_the_title(first):
    article = parse_text(f"{first}\n\nThe truce in Arsal\n\nResidents say the calm is fragile and depends on the hills.\n")
    assert (article.topic, article.title, article.byline) == (first, "The truce in Arsal", None)


def test_a_topic_label_after_the_title_is_not_the_standfirst():
    article = fixture("topic-kicker.txt")
    assert (article.topic, article.title, article.byline) == ("Middle East", "The truce that held in Arsal", "Lina Saad")
    after = parse_text("The truce in Arsal\n\nANALYSIS\n\nShort lead.\n\nA longer first paragraph with enough words in it "
                       "to be the body of the article.\n\nAnother paragraph of the body.\n")
    assert (after.topic, after.standfirst.text) == ("ANALYSIS", "Short lead.")


@pytest.mark.parametrize("mark", ["###", "# # #", "-30-", "***", "ENDS", "—"])
def test_an_end_mark_is_dropped(mark):
    article = parse_text(f"Title here\n\nThe only paragraph of the story.\n\n{mark}\n")
    assert [block.text for block in article.body] == ["The only paragraph of the story."]


def render_fixture(name: str) -> BeautifulSoup:
    article = fixture(name)
    catalog = sample_catalog()
    mentions = find_mentions(article, Linker.from_catalog(catalog), LinkMode.FIRST_IN_ARTICLE)
    return BeautifulSoup(render_article(article, mentions, catalog, lambda src_uri: "/" + src_uri).html, "html.parser")


def test_labelled_and_nested_lists_render_as_nested_list_elements():
    page = render_fixture("labelled-lists.txt")
    assert [label.get_text() for label in page.select("p.ar-list-label")] == ["Key facts:", "Related:", "Sources:", "See also"]
    (nested,) = page.select("ul.ar-list > li#p4 > ul.ar-list")
    assert [item["id"] for item in nested.select(":scope > li")] == ["p5", "p6"]
    assert page.select_one("ul.ar-list > li#p8 > ul.ar-list > li#p10")
    assert [item["id"] for item in page.select("ol.ar-list > li")] == ["p12", "p13", "p14"]
    assert "*" not in page.get_text()


def test_a_fact_box_renders_as_a_description_list_with_its_line_structure():
    page = render_fixture("fact-box.txt")
    (box,) = page.select("dl.ar-facts")
    groups = [(group.dt.get_text(), [value.get_text() for value in group.select("dd")]) for group in box.select("div.ar-fact")]
    assert groups == [("Founded:", ["2013"]), ("Area of operations:", ["Eastern Ghouta, Qalamoun"]),
                      ("Leaders:", ["Zahran Alloush (until 2015)", "Essam al-Buwaydhani"]),
                      ("Part of:", ["the Islamic Front"]), ("Opponents:", ["the Syrian Army, ISIS"])]
    assert box.select_one("#fact-7 a[data-entity], #fact-7 span[data-entity]"), "names in values are marked"
    assert "*" not in box.get_text()


def test_topic_label_and_a_title_cut_from_the_body_render_in_the_seeds_order():
    page = render_fixture("digest-entry.txt")
    header = [element.name + "." + " ".join(element.get("class", [])) for element in page.article.find_all(recursive=False)][:3]
    assert header == ["h1.ar-title-from-body", "p.ar-meta", "p.ar-topic"]
    assert page.select_one("p.ar-meta time")["datetime"] == "2017-08-19"
    kicker = render_fixture("topic-kicker.txt").article.find_all(recursive=False)
    assert [element.name for element in kicker[:3]] == ["p", "h1", "p"]
    assert kicker[0].get_text() == "Middle East"


def test_a_byline_in_capitals_is_a_byline_not_a_topic_label():
    article = parse_text("BY JANE DOE\n\nThe truce in Arsal\n\nResidents say the calm is fragile and depends on the hills.\n")
    assert (article.byline, article.topic) == ("JANE DOE", None)


def test_a_title_cut_at_a_word_boundary_does_not_end_on_a_small_word():
    sentence = ("Buses carrying fighters and their families left the outskirts of the border town of Arsal on Wednesday "
                "for the north.")
    title = title_from_sentence(sentence)
    assert title == "Buses carrying fighters and their families left the outskirts of the border town of Arsal…"


def test_bullets_in_a_dated_digest_are_list_items_not_reader_comments():
    article = parse_text("3 May 2015\n\nRebels and Hezbollah fought for the hills above Flita through the night.\n\n"
                         "• Shelling reached Arsal's outskirts\n\n• Two roads closed near Yabrud\n\n4 May 2015\n\n"
                         "The army said the border crossing would stay closed for a second day.\n")
    assert article.comments == []
    assert texts(article, Kind.LIST_ITEM) == ["Shelling reached Arsal's outskirts", "Two roads closed near Yabrud"]
    assert texts(article, Kind.SUBHEADING) == ["4 May 2015"]


@pytest.mark.parametrize("line", ["By Nadia Farah", "Interview by Nadia Farah", "Reporting by Nadia Farah"])
def test_a_by_line_after_the_title_is_the_byline_as_written(line):
    article = parse_text(f"The border decided everything\n\n{line}\n\nQ: Who held the hills?\n\nA: Nobody held all of them.\n")
    assert (article.byline, article.byline_text, article.standfirst) == ("Nadia Farah", line, None)


def test_a_byline_only_the_sidecar_gives_follows_the_title_and_a_topic_keeps_its_place():
    article = apply_sidecar(parse_text("SYRIA\n\nThe truce in Arsal\n\nResidents say the calm is fragile.\n"),
                            {"author": "Lina Saad", "date": dt.date(2015, 1, 2)})
    html = render_article(article, [], sample_catalog(), lambda src_uri: "/" + src_uri).html
    parts = BeautifulSoup(html, "html.parser").article.find_all(recursive=False)
    assert [(part.name, part.get("class")) for part in parts[:4]] == [
        ("p", ["ar-topic"]), ("h1", None), ("p", ["ar-byline"]), ("p", ["ar-meta"])]


@pytest.mark.parametrize("header", ["By Rana Khoury\nMarch 3, 2016", "March 3, 2016\nBy Rana Khoury"])
def test_a_byline_and_a_date_line_together_after_the_title_are_both_read(header):
    article = parse_text(f"Field clinic reopens outside Arsal\n\n{header}\n\nBEIRUT, March 3 — The clinic opened.\n\n"
                         "It serves the camps.\n")
    assert (article.byline, article.date, article.title) == ("Rana Khoury", dt.date(2016, 3, 3),
                                                              "Field clinic reopens outside Arsal")
    assert article.paragraphs[0].text.startswith("BEIRUT, March 3")


def test_a_first_paragraph_of_two_lines_is_not_taken_for_header_lines():
    article = parse_text("Field clinic reopens outside Arsal\n\nBy Rana Khoury\n\n"
                         "The clinic opened on Tuesday\nand serves the camps.\n\nMore text.\n")
    assert article.paragraphs[0].text == "The clinic opened on Tuesday and serves the camps."


@pytest.mark.parametrize("text", [
    "EXCLUSIVE\nInside Raqqa\n\nThe fighters left at dawn.\n\nThey did not come back, residents said.\n",
    "Assad Visits Moscow\nMarch 3, 2016\n\nThe president flew in on Tuesday.\n\nHe met ministers.\n",
    "March 3, 2016\nAssad Visits Moscow\n\nThe president flew in on Tuesday.\n\nHe met ministers.\n",
    "A title\n\nBY THE RIVER\nAT NIGHT\n\nThe verse goes on.\n",
    "A title\n\nBy noon on Tuesday\nMarch 3, 2016\n\nThe shelling had stopped.\n",
])
def test_lines_together_that_could_be_a_headline_or_verse_are_not_taken_for_header_lines(text):
    """A bare name or a line in capitals over a date is as likely a headline (or a verse): only lines that are
    plainly header lines are taken together."""
    article = parse_text(text)
    assert article.byline is None
    assert text.split("\n\n")[1].split("\n")[0] in " ".join(block.text for block in article.body) + article.title


def test_a_title_cut_from_a_paragraph_that_opens_with_punctuation_is_never_empty():
    article = parse_text("19 August 2017\n\n! Shelling resumed\nnear Arsal.\n\nMore text.\n")
    assert article.title == "Shelling resumed near Arsal"
