"""Bad input gives one line naming the file, the place and the fix; never a traceback, a hang or a runaway.

Each case alters a copy of the seeds and entity pages and reads it with the engine's own
readers (``load_corpus``, as the hook does): every problem must come out as exactly one
line that matches. Two real builds check what MkDocs makes of it: a strict build stops on
such a line, and a non-strict build (``mkdocs serve``) warns, leaves the bad file out and
builds everything else.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SAMPLE, build
from conftest import SEED as SEED_PATH

from annotated_reader.matching.corpus import load_corpus
from annotated_reader.matching.mentions import LinkMode
from annotated_reader.reading.entity_types import ENTITY_FOLDERS
from annotated_reader.reading.errors import InputError, Problem
from annotated_reader.reading.input_files import file_bytes
from annotated_reader.reading.yaml_data import YamlRefused, read_yaml

SEED = "seeds/000_b7d30180e4dc4172"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdef", "bcdefg", strict=True))
"""About 300 bytes that PyYAML would expand to 9 ** 7 strings."""
FRONT_MATTER_BOMB = ALIAS_BOMB.replace("a:", "sources:", 1)


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


def make(path: str, how: Callable[[Path, Path], None]) -> Callable[[Path], None]:
    """A file system oddity at ``path``: ``how(target, project)`` makes it."""
    return lambda project: how(project / path, project)


def link_outside(target: Path, project: Path) -> None:
    outside = project.parent / "outside.txt"
    outside.write_bytes(SEED_PATH.read_bytes())  # an article-shaped file, which would be published if followed
    target.symlink_to(outside)


def new_place(front_matter: str) -> Callable[[Path], None]:
    """A new entity page whose front matter ends with ``front_matter``, from its line 5 on."""
    return write("docs/places/new-town.md", f"---\ntype: place\nname: New Town\nsummary: A town.\n{front_matter}\n---\nProse.\n")


CASES = {
    # seeds
    "empty seed": (write("seeds/empty.txt", "\n\n"), r"seeds/empty\.txt: is empty — put the article's text in it or delete it"),
    "binary seed": (write("seeds/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
                    r"seeds/photo\.txt: is a binary file, not a text article"),
    "seed without body": (write("seeds/stub.txt", "Jane Doe\n\nA title only\n"),
                          r"seeds/stub\.txt:1: has no body paragraphs — check the seed holds the article text"),
    "file name forging a log line": (write("seeds/x\nWARNING - forged.txt", ""), r"^seeds/x\\nWARNING - forged\.txt: is empty"),
    # the file system
    "file name not UTF-8": (make("seeds", lambda t, _: (t / os.fsdecode(b"x\xff.txt")).write_bytes(SEED_PATH.read_bytes())),
                            r"^seeds/x\\udcff\.txt: has a file name that is not UTF-8 — rename it"),
    "directory named like a seed": (make("seeds/x.txt", lambda t, _: t.mkdir()),
                                    r"seeds/x\.txt: is a directory, not a file — remove"),
    "directory named like a sidecar": (make("seeds/x.yml", lambda t, _: t.mkdir()), r"seeds/x\.yml: is a directory, not a file"),
    "FIFO named like a seed": (make("seeds/x.txt", lambda t, _: os.mkfifo(t)), r"seeds/x\.txt: is a FIFO, not a file"),
    "FIFO as a sidecar": (make(f"{SEED}.yml", lambda t, _: (t.unlink(), os.mkfifo(t))), rf"{SEED}\.yml: is a FIFO, not a file"),
    "broken symlink": (make("seeds/x.txt", lambda t, p: t.symlink_to(p / "nowhere.txt")),
                       r"seeds/x\.txt: is a broken symlink or cannot be opened — point it at an existing file, or remove it"),
    "symlink leaving the project": (make("seeds/x.txt", link_outside),
                                    r"seeds/x\.txt: is a symlink to a file outside the project — copy the file into the project"),
    # sidecars
    "unknown sidecar key": (write(f"{SEED}.yml", "title: A title\ncolour: blue\n"),
                            rf"{SEED}\.yml:2: unknown key 'colour' — remove it or use one of: title, author"),
    "bad sidecar date": (write(f"{SEED}.yml", "date: 2 January\n"),
                         rf"{SEED}\.yml:1: date '2 January' is not a date — write it as YYYY-MM-DD"),
    "day that does not exist": (write(f"{SEED}.yml", "date: 2015-02-30\n"), r"\.yml:1: date '2015-02-30' is not a date — write"),
    "month that does not exist": (write(f"{SEED}.yml", "date: 2015-13-45\n"), r"\.yml:1: date '2015-13-45' is not a date"),
    "year one": (write(f"{SEED}.yml", "date: 0001-01-01\n"), r"\.yml:1: date '0001-01-01' is not a date — .*year 1000"),
    "title a number": (write(f"{SEED}.yml", "title: 123\n"), r"\.yml:1: title should be text, not 123 — write the title"),
    "slug not an address": (write(f"{SEED}.yml", "slug: ../../Etc Page\n"),
                            r"\.yml:1: slug '\.\./\.\./Etc Page' is not a page address — use small letters, digits and "
                            r"hyphens, e.g\. 'slug: etc-page'"),
    "slug a list": (write(f"{SEED}.yml", "slug: [a, b]\n"), r"\.yml:1: slug should be text, not \['a', 'b'\]"),
    "tags a number": (write(f"{SEED}.yml", "tags: 5\n"), r"\.yml:1: tags should be a list, not 5 — write e\.g\. 'tags: \["),
    "tag a mapping": (write(f"{SEED}.yml", "tags: [{a: 1}]\n"), r"\.yml:1: tags entry 1 should be text, not \{'a': 1\}"),
    "author a number": (write(f"{SEED}.yml", "author: 42\n"), r"\.yml:1: author should be text, not 42"),
    "publication a mapping": (write(f"{SEED}.yml", "publication: {a: 1}\n"), r"\.yml:1: publication should be text"),
    "url a number": (write(f"{SEED}.yml", "url: 5\n"), r"\.yml:1: url should be text, not 5"),
    "javascript url": (write(f"{SEED}.yml", "url: 'javascript:alert(1)'\n"),
                       r"\.yml:1: url 'javascript:alert\(1\)' is not an http\(s\) address — write the full address"),
    "rot13 encoding": (write(f"{SEED}.yml", "encoding: rot13\n"), r"\.yml:1: encoding 'rot13' is not a text encoding"),
    "unknown encoding": (write(f"{SEED}.yml", "encoding: klingon\n"), r"\.yml:1: encoding 'klingon' is unknown — use a Python"),
    "standfirst not a boolean": (write(f"{SEED}.yml", "standfirst: maybe\n"), r"\.yml:1: standfirst should be true or false"),
    "alias hint key a number": (write(f"{SEED}.yml", "alias_hints: {5: isis}\n"), r"\.yml:1: alias_hints key 5 should be text"),
    "alias given as a mapping with an unknown key": (new_place("aliases: [{text: Daesh, colour: red}]"),
                                                     r"new-town\.md:5: aliases entry 1 has an unknown key 'colour' — write"),
    "coordinates without a longitude": (new_place("coordinates: {lat: 1}"), r"new-town\.md:5: coordinates lon is missing"),
    "alias hints a list": (write(f"{SEED}.yml", "alias_hints: [Assad]\n"),
                           r"\.yml:1: alias_hints should be a mapping of keys to values, not \['Assad'\] — map a phrase"),
    "alias hint to a missing entity": (write(f"{SEED}.yml", "alias_hints:\n  Assad: nobody\n"),
                                       rf"{SEED}\.yml:2: alias hint 'Assad' names unknown entity 'nobody'"),
    "quote left open in a sidecar": (write(f"{SEED}.yml", 'title: "Unclosed\nauthor: Jane Doe\n'),
                                     r"\.yml:1: is not valid YAML \(found unexpected end of stream while scanning a quoted"),
    "sidecar not UTF-8": (write(f"{SEED}.yml", b"title: caf\xe9\n"), rf"{SEED}\.yml:1: is not UTF-8 \(byte 0xe9\) — save it"),
    "duplicate sidecar key": (write(f"{SEED}.yml", "title: One\ntitle: Two\n"),
                              r"\.yml:2: key 'title' appears twice — keep one of the two"),
    "alias bomb in a sidecar": (write(f"{SEED}.yml", ALIAS_BOMB),
                                r"\.yml:1: uses a YAML anchor \(&name\) or alias \(\*name\) — write the value out in full"),
    "huge sidecar": (write(f"{SEED}.yml", "#" * 300_000), r"\.yml: is 300,000 bytes long — a sidecar holds a few short keys"),
    "sidecar a list": (write(f"{SEED}.yml", "- title\n"), r"\.yml:1: must be a mapping of keys to values — use keys from: title"),
    "sidecar without seed": (write("seeds/orphan.yml", "title: Lost\n"), r"seeds/orphan\.yml: is a sidecar without a seed"),
    # entity pages
    "broken front matter": (edit("docs/glossary/emir.md", "type: term", "type: [term"),
                            r"docs/glossary/emir\.md:\d+: front matter is not valid YAML \(.*\) — fix the YAML syntax there"),
    "type not its folder's": (write("docs/people/new-person.md", "---\ntype: place\nname: New Person\nsummary: S.\n---\n"),
                              r"docs/people/new-person\.md:2: type 'place' is not the type of the pages in docs/people/ "
                              r"\('person'\) — set 'type: person', or move the page to docs/places/"),
    "duplicate id": (write("docs/people/isis.md", "---\ntype: person\nname: Isis Smith\nsummary: Someone.\n---\nProse.\n"),
                     r"docs/people/isis\.md: duplicate entity id 'isis' \(also organizations/isis\.md\) — rename one"),
    "alias claimed twice": (edit("docs/organizations/hezbollah.md", "aliases:\n", "aliases:\n  - Daesh\n"),
                            r"docs/organizations/(hezbollah|isis)\.md:\d+: name or alias 'Daesh' is already claimed by"),
    "relation to a missing entity": (edit("docs/organizations/isis.md", "rival_of: [nusra-front]", "rival_of: [nobody]"),
                                     r"docs/organizations/isis\.md:\d+: relation 'rival_of' points to unknown entity 'nobody'"),
    "unknown relation type": (edit("docs/organizations/isis.md", "rival_of:", "hates:"),
                              r"docs/organizations/isis\.md:\d+: unknown relation type 'hates' — use one of: leader_of"),
    "unknown type": (edit("docs/glossary/emir.md", "type: term", "type: title"),
                     r"docs/glossary/emir\.md:2: unknown type 'title' — use one of: person, organization, place, event, term"),
    "missing field": (edit("docs/glossary/emir.md", "type: term\n", ""),
                      r"docs/glossary/emir\.md:1: missing field 'type' — add 'type: …' to the front matter"),
    "unknown field": (edit("docs/glossary/emir.md", "type: term", "type: term\ncolour: red"),
                      r"docs/glossary/emir\.md:3: unknown field 'colour' — remove it or use one of"),
    "name a number": (edit("docs/glossary/emir.md", "name: Emir", "name: 7"), r"emir\.md:3: name should be text, not 7"),
    "duplicate front matter key": (edit("docs/glossary/emir.md", "type: term", "type: term\ntype: person"),
                                   r"emir\.md:3: front matter key 'type' appears twice — keep one of the two"),
    "unquoted impossible date": (new_place("end: 2014-02-30"), r"new-town\.md:5: end '2014-02-30' is not a date — write"),
    "boolean coordinates": (new_place("coordinates: {lat: true, lon: 1}"),
                            r"new-town\.md:5: coordinates lat should be a number, not True — write decimal degrees"),
    "stop word as an alias": (new_place("aliases: [the]"), r"new-town\.md:5: aliases entry 1 'the' is a common English word"),
    "one-letter alias": (new_place("forms: [A]"), r"new-town\.md:5: forms entry 1 text 'A' is shorter than 2 characters"),
    "empty alias": (new_place("aliases: ['']"), r"new-town\.md:5: aliases entry 1 .*is empty"),
    "source with a javascript url": (new_place("sources: [{title: x, url: 'javascript:x'}]"),
                                     r"new-town\.md:5: sources entry 1 url 'javascript:x' is not an http\(s\) address"),
    "alias bomb in front matter": (new_place(FRONT_MATTER_BOMB), r"new-town\.md:5: front matter uses a YAML anchor"),
}


def corpus_problems(project: Path) -> list[str]:
    """What ``load_corpus`` reports for the project, as the hook would log it, one string per problem."""
    docs = project / "docs"
    pages = [(path, path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
             for folder in ENTITY_FOLDERS for path in sorted((docs / folder).glob("*.md"))]
    with no_hang():
        corpus = load_corpus(project / "seeds", pages, LinkMode.FIRST_IN_ARTICLE, workers=1)
    return [str(problem) for problem in corpus.problems]


@contextmanager
def no_hang(seconds: int = 20) -> Iterator[None]:
    """Fail, rather than wait for ever, if something opens a FIFO."""
    def give_up(*_):
        raise TimeoutError("the readers hung")
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of what the engine reads (the sample corpus's seeds and entity pages), the working directory while the
    test runs: the cases alter files the sample has, however the project's own content grows."""
    shutil.copytree(SAMPLE / "seeds", tmp_path / "seeds")
    for folder in ENTITY_FOLDERS:
        shutil.copytree(SAMPLE / "docs" / folder, tmp_path / "docs" / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_gives_exactly_one_clear_line(inputs, case):
    alter, expected = CASES[case]
    alter(inputs)
    (line,) = corpus_problems(inputs)
    assert re.search(expected, line), line
    assert "\n" not in line and len(line) < 300


def test_the_sample_corpus_reads_without_problems(inputs):
    assert corpus_problems(inputs) == []


def test_a_seed_whose_sidecar_cannot_be_read_is_left_out_and_the_rest_read(inputs):
    write(f"{SEED}.yml", "date: 2015-02-30\n")(inputs)
    (inputs / "seeds" / "other.txt").write_bytes(SEED_PATH.read_bytes().replace(b"burn Qalamoun", b"burn Arsal"))
    corpus = load_corpus(inputs / "seeds", [], LinkMode.FIRST_IN_ARTICLE, workers=1)
    assert [article.source.name for article in corpus.articles.values()] == ["other.txt"]


def test_a_long_value_is_cut_short_in_the_report(inputs):
    write(f"{SEED}.yml", f"title: [{'x' * 10_000}]\n")(inputs)
    (line,) = corpus_problems(inputs)
    assert line.startswith(f"{SEED}.yml:1: title should be text, not ['xxx") and len(line) < 200


def test_a_file_the_system_will_not_give_is_one_line_not_a_traceback(tmp_path):
    with pytest.raises(InputError, match=r"cannot be read \(Is a directory\) — check its permissions"):
        file_bytes(tmp_path)  # as PermissionError would be, for a reader that is not root


def test_control_characters_never_reach_the_log():
    problem = Problem(Path("seeds/a\rb\x1b[31m.txt"), 3, "title 'x\u2028y\u202e' is odd", "fix\nit")
    assert str(problem) == "seeds/a\\rb\\x1b[31m.txt:3: title 'x\\u2028y\\u202e' is odd — fix\\nit"


def test_an_alias_bomb_costs_neither_time_nor_memory():
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlRefused):
        read_yaml(ALIAS_BOMB)
    elapsed, (_, peak) = time.perf_counter() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(ALIAS_BOMB) < 400 and elapsed < 0.5 and peak < 2_000_000


def test_yaml_too_long_or_too_deep_is_refused_in_one_line():
    with pytest.raises(YamlRefused, match="characters of YAML"):
        read_yaml("a: " + "x" * 100_000)
    with pytest.raises(YamlRefused, match="nested too deeply"):
        read_yaml("a: " + "[" * 50 + "]" * 50)


def test_strict_build_stops_on_a_bad_sidecar_with_one_line(project):
    write(f"{SEED}.yml", "tags: 5\n")(project)
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert f"{SEED}.yml:1: tags should be a list, not 5" in line


def test_non_strict_build_warns_leaves_bad_files_out_and_builds_the_rest(project):
    write("seeds/empty.txt", "")(project)
    make("seeds/fifo.txt", lambda t, _: os.mkfifo(t))(project)
    write(f"{SEED}.yml", "title: [broken\n")(project)
    outsider = project.parent / "outsider.md"
    outsider.write_text("---\ntype: person\nname: Out Sider\nsummary: Lives elsewhere.\n---\nProse.\n", encoding="utf-8")
    (project / "docs/people/outsider.md").symlink_to(outsider)
    os.mkfifo(project / "docs/glossary/fifo.md")
    write("docs/glossary/latin.md", b"---\ntype: term\nname: Caf\xe9\nsummary: Not UTF-8.\n---\n")(project)
    write("docs/people/bomb.md", f"---\ntype: person\nname: Bo Mb\nsummary: Bad.\n{FRONT_MATTER_BOMB}---\nx\n")(project)
    (project / "seeds" / "other.txt").write_bytes(SEED_PATH.read_bytes().replace(b"burn Qalamoun", b"burn Arsal"))
    result = build(project, strict=False)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    for expected in ("seeds/empty.txt: is empty", "seeds/fifo.txt: is a FIFO", f"{SEED}.yml:1: is not valid YAML",
                     "docs/people/outsider.md: is a symlink to a file outside the project",
                     "docs/glossary/fifo.md: is a FIFO", "docs/people/bomb.md:5: front matter uses",
                     "docs/glossary/latin.md:3: is not UTF-8 (byte 0xe9)"):
        assert sum(expected in line for line in warnings) == 1, (expected, warnings)
    assert (result.site / "articles/isis-expansionism-will-burn-arsal.html").exists()
    assert not (result.site / "articles/isis-expansionism-will-burn-qalamoun.html").exists()
    assert not any((result.site / page).exists() for page in ("people/outsider.html", "people/bomb.html", "glossary/latin.html"))
    assert (result.site / "people/abu-bakr-al-baghdadi.html").exists()


def test_unused_entity_is_listed_not_refused(tmp_path):
    """Not even inside another entity's name: a place named only in an event's name ("battle of Yabrud") is used."""
    (tmp_path / "a.txt").write_text("Jane Doe\n\nA report\n\nHoms was shelled after the battle of Yabrud.\n")
    pages = [(Path(f"docs/{folder}/{i}.md"), f"{folder}/{i}.md", f"---\ntype: {kind}\nname: {name}\nsummary: S.\n---\n")
             for folder, i, kind, name in [("places", "homs", "place", "Homs"), ("places", "hama", "place", "Hama"),
                                           ("places", "yabrud", "place", "Yabrud"),
                                           ("events", "battle", "event", "Battle of Yabrud")]]
    corpus = load_corpus(tmp_path, pages, LinkMode.ALL, workers=1)
    assert [(str(notice.path), notice.message) for notice in corpus.notices] == [
        ("docs", "1 entity page is not mentioned by any article: places/hama")]


def test_a_seed_whose_title_gives_no_address_takes_one_from_its_file_name_as_a_slug(inputs):
    """A file name is input too: "javascript:alert(1)#x" must not become an address, even in part."""
    (inputs / "seeds" / "javascript:alert(1)#x.txt").write_bytes(SEED_PATH.read_bytes())
    (inputs / "seeds" / "javascript:alert(1)#x.yml").write_text('title: "—"\n', encoding="utf-8")
    (inputs / "seeds" / "—.txt").write_bytes(SEED_PATH.read_bytes())
    (inputs / "seeds" / "—.yml").write_text('title: "—"\n', encoding="utf-8")
    corpus = load_corpus(inputs / "seeds", [], LinkMode.FIRST_IN_ARTICLE, workers=1)
    slugs = {article.source.name: article.slug for article in corpus.articles.values()}
    assert slugs["javascript:alert(1)#x.txt"] == "javascript-alert-1-x"
    assert re.fullmatch(r"article-[0-9a-f]{10}", slugs["—.txt"])
