"""The seed parser on the real seed and on variants of the formats scraped articles come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEED

from annotated_reader.article import Role
from annotated_reader.errors import InputError
from annotated_reader.seed_parser import decode_seed, parse_seed


def parse_bytes(raw: bytes):
    text, _ = decode_seed(raw, Path("seeds/x.txt"))
    return parse_seed(text, Path("seeds/x.txt"), slug="x")


def parse_text(text: str):
    return parse_bytes(text.encode("utf-8"))


BODY = "\n\n".join([
    "Fighting resumed on Monday in the hills west of Homs, where two rebel groups clashed over a checkpoint.",
    "Residents said the road to the city had been closed since the weekend and that food was running short.",
    "A commander of one of the groups denied that his men had started the clashes, blaming outsiders.",
    "The United Nations called on all sides to let aid convoys through before the winter sets in.",
])


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
    assert len(seed_article.captions) == 1
    caption = seed_article.captions[0]
    assert caption.block.text == "A Syrian regime tank burns in Qalamoun."
    assert caption.credit == "AFP/Sam Skaine"


def test_seed_has_twenty_body_paragraphs_in_order(seed_article):
    paragraphs = seed_article.paragraphs
    assert len(paragraphs) == 20
    assert [p.id for p in paragraphs] == [f"p{n}" for n in range(1, 21)]
    assert paragraphs[0].text.startswith("Since fighting stopped August in the town of Arsal")
    assert paragraphs[-1].text.endswith("a fire that will burn everything in its path.")


def test_seed_pull_quote_kept_apart_from_the_body(seed_article):
    assert [q.text for q in seed_article.pull_quotes] == [
        "Baghdadi has sent three new Emirs to the Qalamoun and more recently a former Iraqi army commander "
        "to supervise operations."
    ]


def test_seed_reader_comment(seed_article):
    (comment,) = seed_article.comments
    assert comment.author == "Beiruti"
    assert comment.date == dt.date(2015, 1, 2)
    assert comment.paragraphs[0].text.startswith("So Assad is facilitating the supply of ISIS in Qalamoun??")
    assert comment.paragraphs[0].role is Role.COMMENT


def test_no_byline_means_the_first_line_is_the_title():
    article = parse_text(f"Fighting spreads in the north\n\n{BODY}\n")
    assert article.byline is None
    assert article.title == "Fighting spreads in the north"


def test_by_prefix_byline_after_the_title():
    article = parse_text(f"Fighting spreads in the north\n\nBy Jane Doe\n\nJanuary 5, 2015\n\n{BODY}\n")
    assert article.byline == "Jane Doe"
    assert article.date == dt.date(2015, 1, 5)


def test_several_comments_each_with_author_and_date():
    comments = (
        "  • Reader One\n\n    First comment text here.\n\n    January 2, 2015\n\n"
        "  • Another Reader\n\n    Second comment, longer.\n\n    More of it.\n\n    3 January 2015\n"
    )
    article = parse_text(f"Jane Doe\n\nFighting spreads\nin the north\n\n{BODY}\n\n{comments}")
    assert [(c.author, c.date) for c in article.comments] == [
        ("Reader One", dt.date(2015, 1, 2)),
        ("Another Reader", dt.date(2015, 1, 3)),
    ]
    assert [len(c.paragraphs) for c in article.comments] == [1, 2]
    assert article.comments[1].paragraphs[1].id == "comment-2-2"
    assert len(article.paragraphs) == 4


def test_dateline_is_recognised_and_kept_in_the_text():
    article = parse_text(f"Fighting spreads\n\nBEIRUT, Jan 2 — Clashes broke out again near the border today.\n\n{BODY}\n")
    assert article.dateline == "BEIRUT, Jan 2"
    assert article.standfirst is None
    assert article.paragraphs[0].text.startswith("BEIRUT, Jan 2 — Clashes")


def test_crlf_line_endings_and_bom_parse_like_lf():
    lf = SEED.read_bytes()
    crlf = b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")
    plain, windows = parse_bytes(lf), parse_bytes(crlf)
    assert windows.title == plain.title
    assert windows.byline == "Ayman Sharrouf"
    assert [p.text for p in windows.paragraphs] == [p.text for p in plain.paragraphs]
    assert windows.comments == plain.comments


def test_no_pull_quote_when_nothing_repeats():
    article = parse_text(f"Jane Doe\n\nFighting spreads\n\n{BODY}\n")
    assert article.pull_quotes == []
    assert article.comments == []


def test_caption_without_repetition_needs_a_credit_or_a_prefix():
    article = parse_text(f"Title here\n\nPhoto: Smoke over the hills.\n\n{BODY}\n")
    assert [c.block.text for c in article.captions] == ["Photo: Smoke over the hills."]
    assert article.captions[0].credit is None


def test_empty_seed_is_an_error_naming_the_file():
    with pytest.raises(InputError, match=r"seeds/x.txt: is empty"):
        parse_bytes(b"  \n\n")


def test_binary_seed_is_an_error():
    with pytest.raises(InputError, match="binary"):
        parse_bytes(b"\x00\x01\x02PNG")


def test_seed_without_body_is_an_error():
    with pytest.raises(InputError, match="no body paragraphs"):
        parse_text("Jane Doe\n\nOnly a title\n")


def test_control_characters_and_entities_are_undone_when_decoding():
    text, _ = decode_seed("Caf&eacute; \u0002wzxhzdk:0\u0003 it&#8217;s\r\n".encode(), Path("seeds/x.txt"))
    assert text == "Café wzxhzdk:0 it’s\n"
