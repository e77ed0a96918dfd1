"""Bad input stops the strict build with one line naming the file, the place and the fix; never a traceback.

Each case alters a copy of the project and builds it for real. In a non-strict build
(``mkdocs serve``) the same line is a warning and the rest of the site still builds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build

from annotated_reader.corpus import load_corpus
from annotated_reader.mentions import LinkMode

SEED = "seeds/000_b7d30180e4dc4172"


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def alter(project: Path) -> None:
        target = project / path
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return alter


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def alter(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return alter


CASES = {
    "empty seed": (write("seeds/empty.txt", "\n\n"), r"seeds/empty\.txt: is empty — put the article's text in it or delete it"),
    "binary seed": (write("seeds/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
                    r"seeds/photo\.txt: is a binary file, not a text article"),
    "seed without body": (write("seeds/stub.txt", "Jane Doe\n\nA title only\n"),
                          r"seeds/stub\.txt:1: has no body paragraphs — check the seed holds the article text"),
    "unknown sidecar key": (write(f"{SEED}.yml", "title: A title\ncolour: blue\n"),
                            rf"{SEED}\.yml:2: unknown key 'colour' — remove it or use one of: title, author"),
    "bad sidecar date": (write(f"{SEED}.yml", "date: 2 January\n"),
                         rf"{SEED}\.yml:1: date '2 January' is not a date — write it as YYYY-MM-DD"),
    "alias hint to a missing entity": (write(f"{SEED}.yml", "alias_hints:\n  Assad: nobody\n"),
                                       rf"{SEED}\.yml: alias hint 'Assad' names unknown entity 'nobody'"),
    "sidecar without seed": (write("seeds/orphan.yml", "title: Lost\n"), r"seeds/orphan\.yml: is a sidecar without a seed"),
    "broken front matter": (edit("docs/glossary/emir.md", "type: term", "type: [term"),
                            r"docs/glossary/emir\.md:\d+: front matter is not valid YAML \(.*\) — fix the YAML syntax there"),
    "duplicate id": (write("docs/people/isis.md", "---\ntype: person\nname: Isis Smith\nsummary: Someone.\n---\nProse.\n"),
                     r"docs/people/isis\.md: duplicate entity id 'isis' \(also organizations/isis\.md\) — rename one"),
    "alias claimed twice": (edit("docs/organizations/hezbollah.md", "aliases:\n", "aliases:\n  - Daesh\n"),
                            r"docs/organizations/(hezbollah|isis)\.md:\d+: name or alias 'Daesh' is already claimed by"),
    "relation to a missing entity": (edit("docs/organizations/isis.md", "rival_of: [nusra-front]", "rival_of: [al-qaeda]"),
                                     r"docs/organizations/isis\.md:\d+: relation 'rival_of' points to unknown entity 'al-qaeda'"),
    "unknown relation type": (edit("docs/organizations/isis.md", "rival_of:", "hates:"),
                              r"docs/organizations/isis\.md:\d+: unknown relation type 'hates' — use one of: leader_of"),
    "unknown type": (edit("docs/glossary/emir.md", "type: term", "type: title"),
                     r"docs/glossary/emir\.md:2: unknown type 'title' — use one of: person, organization, place, event, term"),
    "missing field": (edit("docs/glossary/emir.md", "type: term\n", ""),
                      r"docs/glossary/emir\.md:1: missing field 'type' — add 'type: …' to the front matter"),
    "unknown field": (edit("docs/glossary/emir.md", "type: term", "type: term\ncolour: red"),
                      r"docs/glossary/emir\.md:3: unknown field 'colour' — remove it or use one of"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_stops_the_strict_build_with_one_clear_line(project, case):
    alter, expected = CASES[case]
    alter(project)
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert len(lines) == 1, result.output
    assert re.search(expected, lines[0]), lines[0]


def test_non_strict_build_warns_and_still_builds_the_rest(project):
    write("seeds/empty.txt", "")(project)
    result = build(project, strict=False)
    assert result.returncode == 0, result.output
    assert "WARNING -  annotated_reader: seeds/empty.txt: is empty" in result.output
    assert (result.site / "articles/isis-expansionism-will-burn-qalamoun.html").exists()


def test_unused_entity_is_listed_not_refused(tmp_path):
    """Not even inside another entity's name: a place named only in an event's name ("battle of Yabrud") is used."""
    (tmp_path / "a.txt").write_text("Jane Doe\n\nA report\n\nHoms was shelled after the battle of Yabrud.\n")
    pages = [(Path(f"docs/{folder}/{i}.md"), f"{folder}/{i}.md", f"---\ntype: {kind}\nname: {name}\nsummary: S.\n---\n")
             for folder, i, kind, name in [("places", "homs", "place", "Homs"), ("places", "hama", "place", "Hama"),
                                           ("places", "yabrud", "place", "Yabrud"),
                                           ("events", "battle", "event", "Battle of Yabrud")]]
    corpus = load_corpus(tmp_path, pages, LinkMode.ALL, workers=1)
    assert [(str(notice.path), notice.message) for notice in corpus.notices] == [
        ("docs/places/hama.md", "is not mentioned by any article (unused entity)")]
