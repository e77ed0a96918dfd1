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


def _name_runs(sentence: str) -> list[tuple[str, bool]]:
    """(name, whether it opens the sentence) for each run of capitalised words; a masked mention ends a run."""
    runs: list[tuple[str, bool]] = []
    for number, segment in enumerate(sentence.split(_MASK)):
        runs += [(name, opens and number == 0) for name, opens in _segment_name_runs(segment)]
    return [(name, opens) for name, opens in runs if name.lower() not in _STOP_WORDS]


def _segment_name_runs(sentence: str) -> list[tuple[str, bool]]:
    """Runs in a stretch of text; a run "opens" the sentence when no lower-case word comes before it."""
    words = [_POSSESSIVE.sub("", word) for word in _WORD.findall(sentence)]
    runs: list[tuple[str, bool]] = []
    run: list[str] = []
    lower_seen = False

    def close() -> None:
        while run and not _capitalised(run[-1]):
            run.pop()
        if run:
            runs.append((" ".join(run), not lower_seen))
        run.clear()

    for word in words:
        if (_capitalised(word) and word not in _NEVER_NAMES) or (run and word.lower() in _CONNECTORS):
            run.append(word)
        else:
            close()
            lower_seen = lower_seen or word[:1].islower()
    close()
    return runs


def _phrases(sentence: str) -> list[str]:
    """Lower-case word runs; the sentence's first word counts in lower case too."""
    found = []
    for number, segment in enumerate(sentence.split(_MASK)):
        words = _WORD.findall(segment)
        if number == 0 and words:
            words[0] = words[0].lower()
        for length in PHRASE_LENGTHS:
            for i in range(len(words) - length + 1):
                gram = words[i:i + length]
                if all(w.islower() for w in gram) and gram[0] not in _STOP_WORDS and gram[-1] not in _STOP_WORDS:
                    found.append(" ".join(gram))
    return found


def find_candidates(articles: dict[str, Article], index: MentionIndex) -> list[Candidate]:
    """Unmatched names and recurring phrases, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], tuple[str, str, str]] = {}
    openers: list[tuple[str, str, str, str]] = []
    mid_sentence_words: set[str] = set()

    def seen(key: tuple[str, str], sentence: str, slug: str, block_id: str) -> None:
        counts[key] += 1
        examples.setdefault(key, (sentence, slug, block_id))

    for slug, article in articles.items():
        spans: dict[str, list[tuple[int, int]]] = {}
        for mention in index.by_article.get(slug, []):
            spans.setdefault(mention.block_id, []).append((mention.start, mention.end))
        for block in article.annotatable_blocks():
            masked = _masked(block, spans.get(block.id, []))
            for start, end in sentence_spans(masked):
                sentence, original = masked[start:end], block.text[start:end].strip()
                for name, opens in _name_runs(sentence):
                    if opens:
                        openers.append((name, original, slug, block.id))
                    else:
                        mid_sentence_words.add(name.split()[0])
                        seen((name, "name"), original, slug, block.id)
                for phrase in _phrases(sentence):
                    seen((phrase, "phrase"), original, slug, block.id)
    for name, sentence, slug, block_id in openers:
        if name.split()[0] in mid_sentence_words:
            seen((name, "name"), sentence, slug, block_id)
    candidates = [
        Candidate(text, kind, count, *examples[(text, kind)])
        for (text, kind), count in counts.items()
        if kind == "name" or count >= PHRASE_MIN_COUNT
    ]
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
