"""Property: any seed text, however hostile, comes out as exactly its own text and only our markup.

Seeds are generated from arbitrary Unicode mixed with Markdown syntax, HTML, entity names
and Arabic; each goes through the real pipeline (decode, parse, match, render) and the
page, and its view for search, must show every line of the seed, in order, and contain no
element, attribute or URL that the project's renderers did not emit. The writer's output
is checked before sanitizing: escaping alone must hold; the sanitizer is a second wall.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import ROOT, assert_page_shows_seed, sample_catalog
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reader.matching.linker import Linker
from annotated_reader.matching.mentions import LinkMode, find_mentions
from annotated_reader.pages.article_page import anchor_ids, render_article
from annotated_reader.reading.errors import InputError
from annotated_reader.reading.seed_parser import decode_seed, parse_seed

OUR_TAGS = {"article", "p", "h1", "h2", "a", "span", "figure", "figcaption", "aside", "section", "div", "time", "pre", "code",
            "nav", "ul", "ol", "li", "dl", "dt", "dd", "fieldset", "legend", "input", "label"}
OUR_ATTRIBUTES = {"class", "id", "href", "title", "data-entity", "data-source", "datetime", "lang", "dir", "aria-label",
                  "data-search-exclude", "aria-hidden", "rel", "data-article", "data-follow",
                  "type", "checked", "data-ar-type", "for"}  # the panel's legend and its switches
SNIPPETS = [
    "[click](javascript:alert(1))", "<script>alert(1)</script>", '{: onclick="alert(1)" }', '--8<-- "mkdocs.yml"',
    "**bold**", "_em_", "`code`", "# not a heading", "1. one", "- item", "> quote", "&amp;", "&lt;b&gt;", "&#8217;",
    "<img src=x onerror=alert(1)>", "\\", "| a | b |", ":smile:", "!!! note", "[^1]: x", "*[ISIS]: x",
    "<http://example.org>", "https://example.org", "ISIS", "Free Syrian Army", "al-Baghdadi’s", "pledged allegiance",
    "Nusra", "الدولة الإسلامية", "(AFP/Someone)", "• Reader", "January 2, 2015", "BEIRUT, Jan 2 —", "Q: why?",
    "See also", "Sources:", "Leader:", "* Founded:", "** nested", "   - indented", "2014: the fall of Yabrud", "SYRIA",
]
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
LINE = st.lists(st.one_of(TEXT, st.sampled_from(SNIPPETS)), min_size=1, max_size=6).map(" ".join)
SHAPED = st.tuples(st.sampled_from(["Leader: ", "* Founded: ", "** ", "  - ", "    - ", "1. ", "Q: "]), LINE).map("".join)
"""Lines in the shapes of fact boxes and nested lists."""
CHUNKS = st.lists(st.lists(st.one_of(LINE, SHAPED), min_size=1, max_size=4), min_size=2, max_size=8)


def seed_from(first: str, chunks: list[list[str]]) -> str:
    """Each line ends in its own token, so that every line can be found on the page without ambiguity."""
    counter = iter(range(1000))
    lines = ["\n".join(f"{line} zq{next(counter):03d}qz" for line in chunk) for chunk in chunks]
    return "\n\n".join([first, *lines, "###"]) + "\n"


FIRST = st.sampled_from(["A title line", "19 August 2017", "ANALYSIS"])
"""A title, a digest's date (the title is then cut from the body) or a topic label."""
SEED = st.builds(seed_from, FIRST, CHUNKS)


def render(seed: str) -> tuple[str, BeautifulSoup, BeautifulSoup, set[str]]:
    text, _ = decode_seed(seed.encode("utf-8"), ROOT / "seeds" / "generated.txt")
    article = parse_seed(text, ROOT / "seeds" / "generated.txt", "generated")
    mentions = find_mentions(article, Linker.from_catalog(sample_catalog()), LinkMode.FIRST_IN_ARTICLE)
    page = render_article(article, mentions, sample_catalog(), lambda src_uri: "/" + src_uri)
    extras = BeautifulSoup(page.panel, "html.parser")
    return text, BeautifulSoup(page.html, "html.parser"), extras, anchor_ids(article, mentions)


@settings(max_examples=300, deadline=None)
@given(seed=SEED)
def test_any_seed_shows_its_text_and_nothing_else(seed):
    try:
        text, page, extras, anchors = render(seed)
    except InputError:
        return  # a seed with no body is refused with a clear message, tested elsewhere
    for element in [*page.find_all(True), *extras.find_all(True)]:
        assert element.name in OUR_TAGS, element.name
        assert set(element.attrs) <= OUR_ATTRIBUTES, element.attrs
        href = element.get("href", "")
        ours = ("#", "/people/", "/organizations/", "/places/", "/events/", "/glossary/", "/browse/")
        assert href.startswith(ours) or not href, href
    assert {element["id"] for element in page.find_all(id=True)} == anchors  # what MkDocs is told the page has
    assert_page_shows_seed(page.select_one("article"), text)
