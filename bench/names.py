"""Precision and recall of the names the engine links, measured against a hand-marked test corpus.

Each seed ``tests/corpus/NAME.txt`` (with its sidecar) has its marks in
``tests/corpus/expected/NAME.yml``: for each chunk of the seed, keyed by the seed line the
chunk starts on, the mentions a careful reader would link to a catalogued entity, in reading
order, each as ``[words, entity id]``. Seeds never change, so line numbers stay put.

The corpus is read the way the build reads ``seeds/`` (:func:`~annotated_reader.corpus.load_corpus`:
catalog from ``docs/``, parser, sidecars, linker), in this process, without MkDocs. A mention the
engine finds is right when an expected mention of the same entity overlaps it in the same chunk;
names in titles, headings and labels are not scored. Only the entities listed in
``tests/corpus/expected/scope.yml`` (the catalog the marks were made against) are scored: mentions
of entities added to the catalog later are listed apart until someone marks them and adds them there.

Run: ``.venv/bin/python bench/names.py``
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks")]

from annotated_reader.matching.corpus import load_corpus  # noqa: E402
from annotated_reader.matching.mentions import LinkMode  # noqa: E402
from annotated_reader.reading.article import Article, Kind, Role  # noqa: E402
from annotated_reader.reading.entity_types import ENTITY_FOLDERS  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
UNSCORED_KINDS = (Kind.SUBHEADING, Kind.LABEL)


@dataclass(frozen=True)
class Mark:
    """A mention in one chunk of a seed: its words, where they stand in the chunk's text, and its entity."""

    seed: str
    line: int
    text: str
    start: int
    end: int
    entity_id: str

    def __str__(self) -> str:
        return f"{self.seed}:{self.line}: '{self.text}' → {self.entity_id}"


@dataclass
class Measure:
    """What was found against what was marked."""

    right: list[Mark] = field(default_factory=list)
    wrong: list[tuple[Mark, str | None]] = field(default_factory=list)
    """Links to a scored entity that no mark supports, with the entity marked there if any."""
    missed: list[Mark] = field(default_factory=list)
    unscored: list[Mark] = field(default_factory=list)
    """Links to entities outside the marked scope."""

    @property
    def precision(self) -> float:
        found = len(self.right) + len(self.wrong)
        return len(self.right) / found if found else 1.0

    @property
    def recall(self) -> float:
        marked = len(self.right) + len(self.missed)
        return len(self.right) / marked if marked else 1.0


class MarkError(ValueError):
    """A mark that does not fit its seed: a typo to fix in the marks file."""


def _chunk_texts(article: Article) -> dict[int, tuple[str, dict[str, int]]]:
    """For each chunk (by its first seed line): its scored blocks' text joined, and where each block starts in it."""
    chunks: dict[int, tuple[str, dict[str, int]]] = {}
    for block in article.annotatable_blocks():
        if block.kind in UNSCORED_KINDS:
            continue
        text, offsets = chunks.get(block.line, ("", {}))
        if text:
            text += "\n"
        offsets[block.id] = len(text)
        chunks[block.line] = (text + block.text, offsets)
    return chunks


def _marks(path: Path, seed: str, chunks: dict[int, tuple[str, dict[str, int]]], scope: set[str]) -> list[Mark]:
    """The marks of one seed, each located in its chunk, left to right."""
    if not path.exists():
        raise MarkError(f"{path}: missing — write the mentions of {seed} there (see {CORPUS / 'expected'})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    marks = []
    for line, pairs in data.items():
        if line not in chunks:
            raise MarkError(f"{path}: line {line} does not start a scored chunk of {seed}")
        text, position = chunks[line][0], 0
        for words, entity_id in pairs:
            if entity_id not in scope:
                raise MarkError(f"{path}: line {line}: '{entity_id}' is not in scope.yml")
            found = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)").search(text, position)
            if not found:
                raise MarkError(f"{path}: line {line}: '{words}' is not in that chunk after the previous mark")
            marks.append(Mark(seed, line, words, found.start(), found.end(), entity_id))
            position = found.end()
    return marks


def measure(corpus: Path = CORPUS, docs: Path = ROOT / "docs") -> Measure:
    """Read the corpus as the build does and compare its links with the marks."""
    expected = corpus / "expected"
    if not (expected / "scope.yml").exists():
        raise MarkError(f"{expected / 'scope.yml'}: missing — list there the entity ids the marks were made against")
    scope = set(yaml.safe_load((expected / "scope.yml").read_text(encoding="utf-8")))
    pages = [(path, path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
             for folder in ENTITY_FOLDERS for path in sorted((docs / folder).glob("*.md"))]
    read = load_corpus(corpus, pages, LinkMode.ALL, workers=1)
    if read.problems:
        raise MarkError("\n".join(map(str, read.problems)))
    result = Measure()
    for article in sorted(read.articles.values(), key=lambda article: article.source.name):
        seed = article.source.name
        chunks = _chunk_texts(article)
        lines = {block.id: block.line for block in article.annotatable_blocks()}
        open_marks = _marks(expected / f"{article.source.stem}.yml", seed, chunks, scope)
        for mention in read.index.by_article[article.slug]:
            if mention.role is Role.HEADING:  # a title or heading names it; it is counted, never a link
                continue
            line = lines.get(mention.block_id)
            if line not in chunks or mention.block_id not in chunks[line][1]:
                continue
            text = chunks[line][0]
            start = chunks[line][1][mention.block_id] + mention.start
            end = start + mention.end - mention.start
            found = Mark(seed, line, text[start:end], start, end, mention.entity_id)
            overlapping = [mark for mark in open_marks if mark.line == line and mark.start < end and start < mark.end]
            if mention.entity_id not in scope:
                result.unscored.append(found)
            elif same := next((mark for mark in overlapping if mark.entity_id == mention.entity_id), None):
                open_marks.remove(same)
                result.right.append(found)
            else:
                result.wrong.append((found, overlapping[0].entity_id if overlapping else None))
        result.missed += open_marks
    return result


def report(result: Measure) -> str:
    lines = [
        f"precision {result.precision:.4f} ({len(result.right)}/{len(result.right) + len(result.wrong)} links right)",
        f"recall    {result.recall:.4f} ({len(result.right)}/{len(result.right) + len(result.missed)} marked names linked)",
        "", f"missed ({len(result.missed)}):", *(f"  {mark}" for mark in result.missed),
        "", f"wrong links ({len(result.wrong)}):",
        *(f"  {mark}" + (f" (marked: {marked})" if marked else " (nothing marked there)") for mark, marked in result.wrong),
        "", f"links to entities outside scope.yml, not scored ({len(result.unscored)}):",
        *(f"  {mark}" for mark in result.unscored),
    ]
    return "\n".join(lines)


def main() -> int:
    try:
        print(report(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)))
    except MarkError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
