"""The seed parser on the real seed and on fixtures in the shapes scraped articles come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from annotated_reader.reading.article import Kind, Role
from annotated_reader.reading.errors import InputError
from annotated_reader.reading.seed_parser import decode_seed, parse_seed
from annotated_reader.reading.sidecar import read_sidecar

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
