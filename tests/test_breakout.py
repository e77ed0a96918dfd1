"""Nothing from input can add an element, an attribute or a URL scheme to any page.

A corpus whose every field (seed byline, title, standfirst, caption, body, comment author; every
sidecar key; every entity field and the entity's prose) holds a breakout payload is built, and
every page of the result is parsed as a browser parses it (html5lib). The payloads announce
themselves ("pwn"), so whatever of them became markup is found.
"""

from __future__ import annotations

import json
import re

import html5lib
import pytest
import yaml
from conftest import build_here, copy_project

PAYLOAD = '"\'><x-pwn data-pwn="1"></x-pwn></title><script>pwn()</script><img src=x onerror=pwn()><svg onload=pwn()>'
SHORT = "<b onmouseover=pwn()>x</b>"
"""For fields that must stay short to be read as what they are (a comment's author)."""
BAD_URLS = ("javascript:", "data:", "vbscript:")
DATA_SCRIPTS = ("application/ld+json", "application/json")
"""Scripts that hold data, which the browser never runs: escaped payloads may be in them, as strings."""
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")

SEED = f"""By {PAYLOAD}

Headline {PAYLOAD}

January 5, 2015

A short standfirst {PAYLOAD} for the piece.

Fighters near the border {PAYLOAD} (AFP/{PAYLOAD})

The first long paragraph names ISIS and Hezbollah and says {PAYLOAD}
then [a](javascript:pwn()) and more words, so that it is a body paragraph.

A second paragraph quotes {PAYLOAD} beside the Emir of the Pwnish Front, who spoke at length about the fighting.

A sub-heading {SHORT}

The last paragraph is long enough to be a paragraph and mentions Qalamoun and Arsal and the Nusra Front once more.

• {SHORT}

A reader writes {PAYLOAD} about ISIS.

January 6, 2015
"""

SIDECAR = {  # no slug: one that is not an address is refused (test_bad_input); the address comes from the title here
    "title": f"Sidecar title {PAYLOAD}", "author": PAYLOAD, "publication": PAYLOAD,
    "tags": [PAYLOAD, "plain tag"], "alias_hints": {PAYLOAD: "isis"},
}
ENTITY = {
    "type": "organization", "name": f"Group {PAYLOAD}", "summary": f"A group {PAYLOAD}.",
    "aliases": ["Pwnish Front", f"Pwnish Army {SHORT}"], "arabic": PAYLOAD, "relations": {"rival_of": ["isis"]},
    "sources": [{"title": PAYLOAD, "url": "https://example.org/a?b=%22%3E%3Cx-pwn%3E"}],
}
PROSE = f"""Prose {PAYLOAD} with [a link](javascript:pwn()) and <a href="data:text/html,pwn">raw</a>.

<script>pwn()</script>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "seeds" / "zz-hostile.txt").write_text(SEED, encoding="utf-8")
    (project / "seeds" / "zz-hostile.yml").write_text(yaml.safe_dump(SIDECAR, allow_unicode=True), encoding="utf-8")
    entity = f"---\n{yaml.safe_dump(ENTITY, allow_unicode=True)}---\n{PROSE}"
    (project / "docs" / "organizations" / "pwnish-front.md").write_text(entity, encoding="utf-8")
    result = build_here(project, strict=False)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    return result


def _pages(site):
    for page in sorted(site.rglob("*.html")):
        yield page.relative_to(site).as_posix(), html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def test_the_hostile_corpus_reaches_every_kind_of_page(hostile_site):
    """The test is only worth something if the payloads are on the pages, as text."""
    pages = dict(_pages(hostile_site.site))
    shown = {path for path, tree in pages.items() if "pwn()" in "".join(tree.itertext())}
    kinds = {path.split("/")[0] for path in shown}
    assert {"articles", "organizations", "browse", "registers", "maintainers"} <= kinds, kinds


def test_no_page_has_an_element_attribute_or_url_from_input(hostile_site):
    found = []
    for path, tree in _pages(hostile_site.site):
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            tag = _local(element.tag)
            if tag == "x-pwn":
                found.append(f"{path}: element <x-pwn>")
            if tag == "script" and element.get("type") not in DATA_SCRIPTS and "pwn" in (element.text or ""):
                found.append(f"{path}: script {element.text[:60]!r}")
            if tag == "img" and element.get("src") == "x":
                found.append(f"{path}: <img src=x>")
            for name, value in element.attrib.items():
                name = _local(name)
                if name.startswith("on") or name == "data-pwn":
                    found.append(f"{path}: <{tag} {name}=…>")
                if name in URL_ATTRIBUTES and value.strip().lower().startswith(BAD_URLS):
                    found.append(f"{path}: <{tag} {name}={value[:40]!r}>")
    assert found == []


def test_structured_data_carries_no_script_url(hostile_site):
    found = []
    for path, tree in _pages(hostile_site.site):
        for script in tree.iter("script"):
            if script.get("type") == "application/ld+json":
                values = re.findall(r'"((?:[^"\\]|\\.)*)"', script.text or "")
                json.loads(script.text)  # still JSON
                found += [f"{path}: {value[:60]}" for value in values if value.strip().lower().startswith(BAD_URLS)]
    assert found == []


def test_titles_and_descriptions_are_text_escaped_exactly_once(hostile_site):
    """The payloads hold no entity, so one in a title's text means it was escaped twice."""
    shown = []
    for path, tree in _pages(hostile_site.site):
        head = tree.find("head")
        titles = head.findall("title")
        assert len(titles) == 1, path
        assert not [child for child in head if isinstance(child.tag, str) and _local(child.tag) in ("x-pwn", "img", "svg")]
        assert "&lt;" not in titles[0].text and "&amp;" not in titles[0].text, (path, titles[0].text)
        shown.append(titles[0].text)
    assert any(PAYLOAD in title for title in shown)
