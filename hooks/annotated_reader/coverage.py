"""The coverage report: names and recurring phrases in the articles that no catalog entry matches.

A documented heuristic, no statistical model (none can be fetched at build time):

- a *name* is a run of capitalised words, which may be joined by ``al-``, ``bin``, ``of``
  and the like ("Abu Malek al-Talli", "Army of Islam"). A run that opens a sentence counts
  only if its first word is also capitalised somewhere mid-sentence, so "Several" or
  "Today" never do; month and day names never count;
- a *recurring phrase* is a lower-case run of two or three words, neither edge a stop
  word, that the corpus uses at least :data:`PHRASE_MIN_COUNT` times ("armed opposition").

Text already matched by the catalog is masked first, so what is left is what is missing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass

from .article import Article, Block
from .article_page import article_src_uri
from .catalog import Catalog
from .escape import escape_markdown
from .markup import entity_href
from .mentions import MentionIndex
from .sentences import sentence_spans

PHRASE_MIN_COUNT = 3
PHRASE_LENGTHS = (2, 3)
REPORT_LIMIT = 200

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_POSSESSIVE = re.compile(r"[’']s?$")
_CONNECTORS = {"al", "el", "bin", "ibn", "bint", "abu", "of", "the", "de", "du", "van", "von"}
_NEVER_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Q", "A", "I",
}
_STOP_WORDS = {
    "a", "about", "after", "against", "all", "also", "an", "and", "another", "any", "are", "around", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "during", "each", "even", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "him", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just", "many", "may",
    "more", "most", "much", "must", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "out", "over", "own", "said", "same", "says", "several", "she", "should", "since", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "two", "three", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
}


@dataclass(frozen=True)
class Candidate:
    """Something the catalog may be missing, with where it was first seen."""

    text: str
    kind: str
    count: int
    example: str
    article: str
    block: str


_MASK = "\x00"


def _masked(block: Block, spans: list[tuple[int, int]]) -> str:
    """The block's text with matched mentions masked out (same length, so sentence offsets hold)."""
    text = block.text
    for start, end in spans:
        text = text[:start] + _MASK * (end - start) + text[end:]
    return text


def _capitalised(word: str) -> bool:
    """A name word: "Talli", or "al-Talli" (a connector joined to a capitalised word)."""
    head, _, tail = word.partition("-")
    return word[:1].isupper() or (head.lower() in _CONNECTORS and tail[:1].isupper())


def _name_runs(words: list[str], first_segment: bool) -> list[tuple[str, bool]]:
    """(name, whether it opens the sentence) for each run of capitalised words in one unmasked stretch.

    A run opens the sentence when it is in the sentence's first stretch and no lower-case
    word comes before it.
    """
    runs: list[tuple[str, bool]] = []
    run: list[str] = []
    lower_seen = not first_segment

    def close() -> None:
        while run and not _capitalised(run[-1]):
            run.pop()
        if run and (len(run) > 1 or run[0].lower() not in _STOP_WORDS):
            runs.append((" ".join(run), not lower_seen))
        run.clear()

    for raw in words:
        word = _POSSESSIVE.sub("", raw)
        if (_capitalised(word) and word not in _NEVER_NAMES) or (run and word.lower() in _CONNECTORS):
            run.append(word)
        else:
            close()
            lower_seen = lower_seen or word[:1].islower()
    close()
    return runs


def _phrases(words: list[str]) -> list[str]:
    """Runs of PHRASE_LENGTHS lower-case words whose first and last are not stop words."""
    lower = [w.islower() for w in words]
    content = [is_lower and w not in _STOP_WORDS for w, is_lower in zip(words, lower, strict=True)]
    found = [f"{words[i]} {words[i + 1]}" for i in range(len(words) - 1) if content[i] and content[i + 1]]
    found += [f"{words[i]} {words[i + 1]} {words[i + 2]}" for i in range(len(words) - 2)
              if content[i] and lower[i + 1] and content[i + 2]]
    return found


def find_candidates(articles: dict[str, Article], index: MentionIndex) -> list[Candidate]:
    """Unmatched names and recurring phrases, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], tuple[Block, str, int, int]] = {}
    openers: list[tuple[str, tuple[Block, str, int, int]]] = []
    mid_sentence_words: set[str] = set()

    def seen(key: tuple[str, str], where: tuple[Block, str, int, int]) -> None:
        counts[key] += 1
        if key not in first_seen:
            first_seen[key] = where

    for slug, article in articles.items():
        spans: dict[str, list[tuple[int, int]]] = {}
        for mention in index.by_article.get(slug, []):
            spans.setdefault(mention.block_id, []).append((mention.start, mention.end))
        for block in article.annotatable_blocks():
            masked = _masked(block, spans.get(block.id, []))
            for start, end in sentence_spans(masked):
                where = (block, slug, start, end)
                for number, segment in enumerate(masked[start:end].split(_MASK)):
                    words = _WORD.findall(segment)
                    for name, opens in _name_runs(words, number == 0):
                        if opens:
                            openers.append((name, where))
                        else:
                            mid_sentence_words.add(name.split()[0])
                            seen((name, "name"), where)
                    if number == 0 and words:
                        words[0] = words[0].lower()
                    for phrase in _phrases(words):
                        seen((phrase, "phrase"), where)
    for name, where in openers:
        if name.split()[0] in mid_sentence_words:
            seen((name, "name"), where)
    candidates = []
    for (text, kind), count in counts.items():
        if kind == "name" or count >= PHRASE_MIN_COUNT:
            block, slug, start, end = first_seen[(text, kind)]
            candidates.append(Candidate(text, kind, count, block.text[start:end].strip(), slug, block.id))
    return sorted(candidates, key=lambda c: (c.kind != "name", -c.count, c.text.casefold()))[:REPORT_LIMIT]


def coverage_json(candidates: list[Candidate], catalog: Catalog, index: MentionIndex) -> str:
    unused = [entity.id for entity in catalog if not index.count(entity.id)]
    return json.dumps({"candidates": [asdict(c) for c in candidates], "unused_entities": unused},
                      ensure_ascii=False, indent=1, sort_keys=True)


def _table(candidates: list[Candidate]) -> list[str]:
    lines = ["| | Count | First seen |", "| --- | ---: | --- |"]
    for candidate in candidates:
        href = f"/{article_src_uri(candidate.article)}#{candidate.block}"
        lines.append(f"| **{escape_markdown(candidate.text)}** | {candidate.count} | "
                     f"{escape_markdown(candidate.example)} [→]({href}) |")
    return [*lines, ""]


def render_coverage(candidates: list[Candidate], catalog: Catalog, index: MentionIndex) -> str:
    names = [c for c in candidates if c.kind == "name"]
    phrases = [c for c in candidates if c.kind == "phrase"]
    unused = [entity for entity in catalog if not index.count(entity.id)]
    lines = [
        "---", "search:", "  exclude: true", "---", "",
        "# Coverage report", "",
        "What the articles name that no catalog entry matches: candidates for new entity pages or for aliases of "
        "existing ones. The same data is in [coverage.json](coverage.json). How candidates are found is described in "
        "the README.", "",
        f"## Unmatched names ({len(names)})", "",
    ]
    lines += _table(names) if names else ["None.", ""]
    lines += [f"## Recurring phrases ({len(phrases)})", "", f"Used at least {PHRASE_MIN_COUNT} times.", ""]
    lines += _table(phrases) if phrases else ["None.", ""]
    lines += [f"## Entities no article mentions ({len(unused)})", ""]
    lines += [f"- [{escape_markdown(e.name)}]({entity_href(e)})" for e in unused] or ["None."]
    return "\n".join([*lines, ""])
