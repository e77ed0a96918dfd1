"""The annotator links names in hand-written prose, and nowhere it must not."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import site_extensions

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.writing.annotate import AnnotateExtension, AnnotatorState
from annotated_reader.writing.elements import placeholder, placeholder_html
from annotated_reader.writing.page_data import fill_placeholders


def page(uri: str, name: str, aliases: str = "[]") -> tuple[Path, str, str]:
    text = f"---\ntype: organization\nname: {name}\nsummary: About {name}.\naliases: {aliases}\n---\n"
    return Path("docs") / uri, uri, text


def render(source: str, mode: LinkMode = LinkMode.FIRST_IN_ARTICLE, current: str | None = None) -> BeautifulSoup:
    catalog = build_catalog([page("organizations/isis.md", "ISIS", "[Daesh]"),
                             page("places/homs.md", "Homs")], alias_key)
    state = AnnotatorState()
    state.catalog, state.linker, state.mode, state.current_entity = catalog, Linker.from_catalog(catalog), mode, current
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html", AnnotateExtension(state)])
    return BeautifulSoup(html, "html.parser")


def test_first_mention_is_a_link_later_ones_quiet_marks():
    soup = render("ISIS took Homs. Daesh then left Homs.")
    marks = [(m.name, m.get_text(), m.get("id")) for m in soup.select(".ar-mention")]
    assert marks == [("a", "ISIS", "m-isis-1"), ("a", "Homs", "m-homs-1"),
                     ("span", "Daesh", "m-isis-2"), ("span", "Homs", "m-homs-2")]
    assert soup.select_one("a.ar-mention")["href"] == "/organizations/isis.md"
    assert soup.get_text() == "ISIS took Homs. Daesh then left Homs."


def test_link_every_mention_when_asked():
    soup = render("ISIS and ISIS", mode=LinkMode.ALL)
    assert [m.name for m in soup.select(".ar-mention")] == ["a", "a"]


def test_first_in_paragraph_restarts_each_paragraph():
    soup = render("ISIS and ISIS.\n\nISIS again.", mode=LinkMode.FIRST_IN_PARAGRAPH)
    assert [m.name for m in soup.select(".ar-mention")] == ["a", "span", "a"]


def test_never_inside_headings_links_code_or_attributes():
    source = '# ISIS heading\n\n[ISIS link](https://example.org) `ISIS code` <abbr title="ISIS">X</abbr>\n\n    ISIS block'
    soup = render(source)
    assert soup.select(".ar-mention") == []
    assert soup.find("abbr")["title"] == "ISIS"


def test_never_inside_nolink_blocks():
    soup = render('<div class="ar-nolink" markdown>\n\nISIS here.\n\n</div>\n\nISIS there.')
    (mention,) = soup.select(".ar-mention")
    assert mention.parent.name == "p" and mention.parent.parent.name == "[document]"


def test_a_page_never_links_to_itself():
    soup = render("ISIS took Homs.", current="isis")
    assert [m.get_text() for m in soup.select(".ar-mention")] == ["Homs"]


def test_mentions_inside_emphasis_and_tails():
    soup = render("*ISIS* took **the city** of Homs.")
    assert [m.get_text() for m in soup.select(".ar-mention")] == ["ISIS", "Homs"]
    assert soup.get_text() == "ISIS took the city of Homs."


def test_parts_written_as_text_fill_their_placeholder_through_the_sites_markdown():
    source = f"# Page\n\n{placeholder('mentions')}\nAfter.\n"
    names, configs = site_extensions()
    html = markdown.markdown(source, extensions=[*names, AnnotateExtension(AnnotatorState())], extension_configs=configs)
    filled = fill_placeholders(html, {"mentions": '<div class="part">written</div>'})
    assert placeholder_html("mentions") in html
    assert '<div class="part">written</div>' in filled and placeholder_html("mentions") not in filled
    with pytest.raises(KeyError, match="map"):
        fill_placeholders(html, {"map": "<div></div>"})
