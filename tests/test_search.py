"""The search index: what each page gives Pagefind, what Pagefind keeps of it, and the offline index."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import index_pages

from annotated_reader.matching.linker import alias_key
from annotated_reader.pages.search import (
    SearchIndex,
    SearchIndexError,
    article_document,
    entity_document,
    part_folder,
)
from annotated_reader.pages.search_names import (
    LETTERS_FOLDER,
    NAMES_SCRIPT,
    TITLES_SCRIPT,
    NamesByLetter,
    folded_words,
    letter_code,
    name_rows,
    names_script,
    titles_script,
)
from annotated_reader.reading.article import Article
from annotated_reader.reading.catalog import build_catalog

HOSTILE = """---
type: organization
name: "Brigade <script>alert(1)</script>"
summary: "A group whose summary tries <img src=x onerror=alert(1)>."
aliases: ["Liwa <b>X</b>", "Kata'ib"]
arabic: "لواء"
date: "2014"
---
Prose.
"""
EVENT = """---
type: event
name: Battle of Somewhere
summary: A battle.
date: "2015-03"
---
Prose.
"""


def entities():
    catalog = build_catalog([(Path("docs/organizations/brigade.md"), "organizations/brigade.md", HOSTILE),
                             (Path("docs/events/battle.md"), "events/battle.md", EVENT)], alias_key)
    assert not catalog.problems, catalog.problems
    return catalog


def article(date: dt.date | None = dt.date(2015, 1, 2)) -> Article:
    return Article(source=Path("seeds/a.txt"), slug="a-story", title="A story, with: commas & <tags>", date=date)


def test_entity_document_weights_every_name_and_adds_no_element_from_input():
    catalog = entities()
    document = BeautifulSoup(entity_document(catalog["brigade"], "<h1>Brigade</h1><p>Text.</p>"), "html.parser")
    weighted = document.select_one('[data-pagefind-weight="10"]')
    assert {"Brigade <script>alert(1)</script>", "Liwa <b>X</b>", "Kata'ib", "لواء"} <= {
        part.strip() for part in weighted.get_text(" · ").split(" · ")}
    assert not document.select("script, img, b")
    assert document.select_one("main")["data-pagefind-filter"] == "kind:organization"
    assert document.select_one('[data-pagefind-meta="type:Organisation"]')
    assert document.select_one('[data-pagefind-meta="summary"]').get_text().startswith("A group whose summary")


def test_article_document_has_year_filter_and_date_only_when_dated():
    dated = BeautifulSoup(article_document(article(), "<h1>A story</h1>"), "html.parser")
    assert dated.select_one('[data-pagefind-filter="year:2015"]')
    assert dated.select_one('[data-pagefind-meta="date:2 January 2015"]')
    undated = article_document(article(None), "<h1>A story</h1>")
    assert "year:" not in undated and "date:" not in undated


def test_pagefind_keeps_filters_metadata_and_paragraph_anchors_but_not_interface_text(tmp_path):
    index = SearchIndex()
    view = ('<h1 id="title">A story<a class="headerlink" href="#title">¶</a></h1><p class="ar-ui">Photo:</p>'
            '<p id="p1">The first paragraph.</p><p id="p2">Nusra in the second.</p>'
            '<div data-search-exclude=""><q>quoted elsewhere</q></div>')
    index.add("articles/a-story.html", article_document(article(), view))
    index.add("organizations/brigade.html", entity_document(entities()["brigade"], "<h1>Brigade</h1>"))
    assert index.write(tmp_path / "pagefind") == 2
    pages = index_pages(tmp_path / "pagefind")
    story = pages["articles/a-story.html"]
    assert story["meta"] == {"title": "A story", "date": "2 January 2015"}
    assert story["filters"] == {"kind": ["article"], "year": ["2015"]}
    assert [(anchor["id"], anchor["text"]) for anchor in story["anchors"] if anchor["element"] == "p"] == [
        ("p1", "The first paragraph."), ("p2", "Nusra in the second.")]
    assert "Photo" not in story["content"] and "¶" not in story["content"] and "quoted" not in story["content"]
    brigade = pages["organizations/brigade.html"]
    assert brigade["meta"]["type"] == "Organisation" and brigade["filters"]["year"] == ["2014"]
    assert (tmp_path / "pagefind" / "pagefind.js").exists()


def test_the_index_is_built_in_parts_that_share_one_copy_of_pagefinds_scripts(tmp_path):
    index = SearchIndex(parts=3)
    for page in range(7):
        index.add(f"articles/a{page}.html", article_document(article(), f"<h1>Story {page}</h1><p>Nusra {page}</p>"))
    assert index.write(tmp_path / "pagefind") == 7
    folders = [tmp_path / "pagefind" / part_folder(number) for number in range(3)]
    assert [len(list((folder / "fragment").iterdir())) for folder in folders] == [3, 2, 2]  # page by page in turn
    assert sorted(index_pages(tmp_path / "pagefind")) == sorted(f"articles/a{page}.html" for page in range(7))
    for folder in folders:
        assert (folder / "pagefind-entry.json").is_file() and list(folder.glob("*.pf_meta"))
    assert (folders[0] / "pagefind.js").is_file() and (folders[0] / "wasm.en.pagefind").is_file()
    for folder in folders[1:]:
        assert not list(folder.glob("*.js")) and not list(folder.glob("wasm.*")), folder


def test_a_part_whose_service_dies_fails_the_index_and_stops_the_others(tmp_path):
    index = SearchIndex(parts=2)
    for page in range(4):
        index.add(f"articles/a{page}.html", article_document(article(), f"<h1>Story {page}</h1><p>Nusra</p>"))
    services = [part.service._backend for part in index._parts]
    services[1].kill()
    with pytest.raises(SearchIndexError, match="stopped answering"):
        index.write(tmp_path / "pagefind")
    assert all(service.returncode is not None for service in services)
    assert not index._thread.is_alive()


@pytest.mark.parametrize("parts", [1, 2])
def test_an_index_closed_without_writing_stops_every_service_and_may_be_closed_again(parts):
    index = SearchIndex(parts)
    index.add("a.html", article_document(article(), "<h1>A</h1>"))
    services = [part.service._backend for part in index._parts]
    index.close()
    index.close()
    assert all(service.returncode is not None for service in services)
    assert not index._thread.is_alive()


def test_names_and_titles_are_scripts_of_names_types_summaries_and_titles():
    def rows(script: str, name: str) -> dict[str, list]:
        prefix = f"window.{name} = "
        assert script.startswith(prefix)
        return {row[0]: row for row in json.loads(script.removeprefix(prefix).rstrip(";\n"))}

    assert NAMES_SCRIPT.endswith(".js") and TITLES_SCRIPT.endswith(".js")
    names = rows(names_script(entities()), "arNames")
    brigade = names["organizations/brigade.html"]
    assert brigade[1:5] == ["Brigade <script>alert(1)</script>", "organization", "Organisation",
                            "A group whose summary tries <img src=x onerror=alert(1)>."]
    assert brigade[5] == ["Liwa <b>X</b>", "Kata'ib", "لواء"]
    assert names["events/battle.html"][6] == "2015"
    titles = rows(titles_script({"a-story": article()}), "arTitles")
    assert list(titles) == ["articles/a-story.html"]
    assert titles["articles/a-story.html"][1:4] == ["A story, with: commas & <tags>", "article", "2 January 2015"]


def test_names_are_filed_under_every_letter_that_begins_a_word_of_one_of_them():
    catalog = entities()
    by_letter = NamesByLetter.of(catalog)
    files = {Path(path).stem: json.loads(rows) for path, rows in by_letter.files().items()}
    assert by_letter.listed() == " ".join(f"{code}:{len(rows)}" for code, rows in files.items())
    assert all(path.startswith(f"{LETTERS_FOLDER}/") for path in by_letter.files())
    brigade = next(row for row in name_rows(catalog) if row[1].startswith("Brigade"))
    # "Brigade <script>alert(1)</script>", "Liwa <b>X</b>", "Kata'ib", "لواء": b, s, a, 1, l, x, k and the Arabic lam
    expected = {letter_code(letter) for letter in "bsa1lxk"} | {letter_code("ل")}
    assert {code for code, rows in files.items() if brigade in rows} == expected
    for code, rows in files.items():  # and under no other letter
        for row in rows:
            assert code in {letter_code(word[0]) for name in (row[1], *row[5]) for word in folded_words(name)}
    assert letter_code("q") == "71" and letter_code("ل") == "644"


def test_names_are_folded_as_the_search_box_folds_a_query():
    assert folded_words("Jabhat al-Nuṣrah’s") == ["jabhat", "al", "nusrahs"]
    assert folded_words("Ḥayʼat Taḥrīr al-Shām") == ["hayat", "tahrir", "al", "sham"]
    assert folded_words("جَبْهَة النُّصْرَة") == ["جبهة", "النصرة"]
    assert folded_words("ISIS_2 / Da'esh…") == ["isis", "2", "daesh"]


def test_an_index_larger_than_one_read_of_the_service_is_written_whole(tmp_path):
    """The index comes from the service in one reply, longer than its stream reader takes at once (2 MiB); every
    file is written whole: Pagefind's scripts and each compressed file."""
    words = [f"w{number:x}q{number * 7919 % 104729:x}" for number in range(60_000)]
    index = SearchIndex()
    for page in range(200):
        text = " ".join(words[(page * 1_000 + step * 37) % len(words)] for step in range(1_600))
        index.add(f"articles/a{page}.html", article_document(article(), f"<h1>Story {page}</h1><p>{text}</p>"))
    assert index.write(tmp_path / "pagefind") == 200
    files = [path for path in (tmp_path / "pagefind").rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in files) > 2**21
    assert len(index_pages(tmp_path / "pagefind")) == 200
    for path in files:
        if path.suffix.startswith(".pf_"):
            assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "wasm.unknown.pagefind"):
        assert (tmp_path / "pagefind" / name).stat().st_size > 0
    assert (tmp_path / "pagefind" / "pagefind.js").read_text(encoding="utf-8").rstrip().endswith(";")


def test_an_indexer_that_stops_answering_fails_at_once(monkeypatch):
    """A service that exits (here a program that is not Pagefind) fails the index with a reason, never a hang."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("true"))
    errors: list[str] = []

    def start() -> None:
        try:
            SearchIndex()
        except SearchIndexError as error:
            errors.append(str(error))

    starting = threading.Thread(target=start, daemon=True)
    starting.start()
    starting.join(timeout=30)
    assert not starting.is_alive(), "the index waited for a service that had exited"
    assert errors and "stopped answering" in errors[0], errors
