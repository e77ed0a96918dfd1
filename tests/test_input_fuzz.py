"""Fuzz: sidecars and entity front matter of every shape only ever give clean values or one-line problems.

Hypothesis writes YAML from the schema's own keys and from arbitrary ones, with values of
every type (wrong types, nesting, Unicode with control and invisible characters, huge
values) and hostile YAML (anchors, aliases, tags, duplicate keys, broken syntax, bytes that
are not UTF-8). It runs the engine's readers in this process. Whatever comes in, no
exception but the readers' own escapes, each problem is one line that names the file and
stays short, and whatever is accepted reaches the article page as text, never as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property import OUR_ATTRIBUTES, OUR_TAGS

from annotated_reader.matching.corpus import load_corpus
from annotated_reader.matching.linker import alias_key
from annotated_reader.matching.mentions import LinkMode
from annotated_reader.pages.article_page import render_article
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.reading.entity_types import ENTITY_TYPES
from annotated_reader.reading.errors import Problem
from annotated_reader.reading.schema import EntityFront, Sidecar

REPORT_MAX_CHARS = 340
"""Beyond the file's name: what is wrong and how to fix it, each cut to 160 characters."""
LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
UNSEEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u200d-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
HOSTILE = [
    "a: &a [x, x, x]\nb: [*a, *a, *a]\n", "x: *nowhere\n", "title: One\ntitle: Two\n", "x: !!python/object:os.system 1\n",
    "x: !!binary aGVsbG8=\n", "x: !!timestamp 2015-02-30\n", "<<: {title: x}\n", "x: [" * 40 + "]" * 40 + "\n",
    "x: " + "9" * 5000 + "\n", "\tkey: tab\n", "---\n---\n", "...\n", "? [a, b]\n: c\n", "x: 'unclosed\n",
    "%YAML 1.1\n---\nx: 1\n",
    "title: \"<script>alert(1)</script>\"\n", "title: \"\\u202eevil\\u200b\\n\\x1b[31m\"\n", "url: \"javascript:alert(1)\"\n",
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.dates(),
                    st.integers(0, 80_000).map(lambda n: "x" * n), st.sampled_from(["2015-02-30", "0001-01-01", "rot13", "the"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                      max_leaves=12)


def documents(keys: list[str]) -> st.SearchStrategy[bytes]:
    """YAML documents built on ``keys`` and arbitrary ones, sometimes with hostile YAML or stray bytes added."""
    mapping = st.one_of(st.dictionaries(st.sampled_from(keys), VALUES, max_size=6),
                        st.dictionaries(st.one_of(st.sampled_from(keys), TEXT), VALUES, max_size=8))
    dumped = mapping.map(lambda data: yaml.safe_dump(data, allow_unicode=True))
    text = st.one_of(dumped, st.tuples(dumped, st.sampled_from(HOSTILE)).map("".join), st.sampled_from(HOSTILE), TEXT)
    return st.one_of(text.map(str.encode), st.tuples(text.map(str.encode), st.binary(max_size=8)).map(b"".join))


def assert_reported_well(problems: list[Problem], path: Path) -> None:
    for problem in problems:
        line = str(problem)
        assert not LINE_BREAKS.search(line), line
        assert line.startswith(str(path)), line
        assert len(line) <= len(str(path)) + REPORT_MAX_CHARS, line


def assert_clean(value: object) -> None:
    """Every text the readers accepted is one clean line: no control, invisible or direction characters."""
    if isinstance(value, str):
        assert not UNSEEN.search(value), value
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_clean(key)
            assert_clean(item)
    elif isinstance(value, list | tuple):
        for item in value:
            assert_clean(item)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeds folder with one seed, whose sidecar each example writes."""
    folder = tmp_path_factory.mktemp("fuzz") / "seeds"
    folder.mkdir()
    (folder / "x.txt").write_bytes(SEED.read_bytes())
    return folder


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(raw=documents(list(Sidecar.model_fields)))
def test_any_sidecar_gives_clean_values_or_one_line_problems(raw, seeds):
    (seeds / "x.yml").write_bytes(raw)
    corpus = load_corpus(seeds, [], LinkMode.ALL, workers=1)
    assert_reported_well(corpus.problems, seeds)
    for article in corpus.articles.values():
        assert_clean([article.title, article.byline or "", article.publication or "", list(article.tags)])
        assert article.url is None or article.url.startswith(("https://", "http://"))
        page = render_article(article, corpus.index.by_article[article.slug], corpus.catalog, lambda src_uri: "/" + src_uri)
        for element in BeautifulSoup(page.html, "html.parser").find_all(True):
            assert element.name in OUR_TAGS and set(element.attrs) <= OUR_ATTRIBUTES, element


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(raw=documents(list(EntityFront.model_fields)), kind=st.sampled_from(list(ENTITY_TYPES)))
def test_any_front_matter_gives_a_clean_entity_or_one_line_problems(raw, kind):
    path = Path("docs/people/fuzz.md")
    text = raw.decode("utf-8", errors="replace")
    for front_matter in (text, f"type: {kind}\nname: Fuzz Name\nsummary: A summary.\n{text}"):
        catalog = build_catalog([(path, "people/fuzz.md", f"---\n{front_matter}\n---\nProse.\n")], alias_key)
        assert_reported_well(catalog.problems, path)
        for entity in catalog:
            assert_clean([entity.name, entity.summary, entity.arabic or "", entity.date or "", entity.end or "",
                          [alias.text for alias in entity.aliases + entity.forms], list(entity.sources)])
            assert all(url.startswith(("https://", "http://")) for _, url in entity.sources)
