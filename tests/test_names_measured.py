"""The names the engine links on the hand-marked test corpus (tests/corpus), against the targets.

The targets are precision ≥ 0.995 and recall ≥ 0.99, and both are held to them.
``.venv/bin/python bench/names.py`` prints the whole report, every miss and wrong link.
"""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from names import CORPUS, MarkError, measure, report

PRECISION_TARGET = 0.995
RECALL_TARGET = 0.99


@pytest.fixture(scope="module")
def measured():
    return measure()


def test_linked_names_on_the_hand_marked_corpus_meet_the_targets(measured):
    assert measured.precision >= PRECISION_TARGET and measured.recall >= RECALL_TARGET, report(measured)


def test_the_corpus_has_at_least_six_articles_each_with_its_marks():
    seeds = sorted(CORPUS.glob("*.txt"))
    assert len(seeds) >= 6
    for seed in seeds:
        marks = yaml.safe_load((CORPUS / "expected" / f"{seed.stem}.yml").read_text(encoding="utf-8"))
        assert sum(map(len, marks.values())) >= 5, seed.name


def test_a_mark_that_is_not_in_its_chunk_is_reported_with_its_file_and_line(tmp_path):
    (tmp_path / "expected").mkdir()
    (tmp_path / "a.txt").write_text("A title\n\nArsal lies on the border.\n\nMore text about the town.\n", encoding="utf-8")
    (tmp_path / "expected" / "scope.yml").write_text("- arsal\n", encoding="utf-8")
    (tmp_path / "expected" / "a.yml").write_text("3: [[Ersal, arsal]]\n", encoding="utf-8")
    with pytest.raises(MarkError, match=r"a.yml: line 3: 'Ersal' is not in that chunk"):
        measure(tmp_path)


def test_links_are_scored_against_marks_by_entity_and_place(tmp_path):
    """Against a catalog of its own, so that the catalog's growth cannot change the score."""
    for folder, entity_id, name in (("places", "arsal", "Arsal"), ("places", "lebanon", "Lebanon"),
                                    ("organizations", "hezbollah", "Hezbollah")):
        page = tmp_path / "docs" / folder / f"{entity_id}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntype: {folder.removesuffix('s')}\nname: {name}\n"
                        f"summary: About {name}.\n---\n", encoding="utf-8")
    (tmp_path / "expected").mkdir()
    seed = "A title\n\nArsal lies near Lebanon's border, and the Lebanon range rises above it.\n\nMore about Hezbollah.\n"
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "expected" / "scope.yml").write_text("- arsal\n- lebanon\n", encoding="utf-8")
    (tmp_path / "expected" / "a.yml").write_text("3: [[Arsal, arsal], [Lebanon, lebanon]]\n", encoding="utf-8")
    result = measure(tmp_path, tmp_path / "docs")
    assert [(mark.text, mark.entity_id) for mark in result.right] == [("Arsal", "arsal"), ("Lebanon", "lebanon")]
    assert [(mark.text, marked) for mark, marked in result.wrong] == [("Lebanon", None)]  # the second, not marked
    assert [mark.entity_id for mark in result.unscored] == ["hezbollah"]
    assert (result.precision, result.recall) == (2 / 3, 1.0)
