"""Escaped seed text renders to itself and nothing else, under the site's own Markdown extensions."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import site_extensions

from annotated_reader.writing.escape import escape_markdown

HOSTILE = [
    "[click](javascript:alert(1))",
    "Plain text {: onclick=\"alert(1)\" }",
    '--8<-- "mkdocs.yml"',
    "<script>alert(1)</script> & <b>bold</b>",
    "**strong** _em_ `code` ~~del~~ ==mark== ^^ins^^",
    "# Not a heading",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "!!! note \"not an admonition\"",
    "| not | a | table |",
    "*[HTML]: not an abbreviation",
    "[^1]: not a footnote",
    "[ref]: https://example.org not a reference",
    "&amp; &#8217; &lt;tag&gt; stay as written",
    "backslash \\ and \\* and \\\\",
    ":smile: and <http://example.org> and https://example.org",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_to_itself_as_one_paragraph(text):
    names, settings = site_extensions()
    html = markdown.markdown(escape_markdown(text), extensions=names, extension_configs=settings)
    soup = BeautifulSoup(html, "html.parser")
    elements = [element.name for element in soup.find_all(True)]
    assert elements == ["p"], html
    assert soup.get_text() == text, html
