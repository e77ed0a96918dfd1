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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..matching.mentions import Mention, MentionIndex
from ..reading.article import Article, Block
from ..reading.catalog import Catalog
from ..reading.sentences import sentence_around, sentence_spans
from ..reading.stop_words import STOP_WORDS
from ..writing.addresses import UrlOf, article_src_uri, entity_href
from ..writing.elements import placeholder
from ..writing.escape import escape_markdown
from ..writing.html_text import seed_text, tag
from ..writing.wording import place_label

PHRASE_MIN_COUNT = 3
PHRASE_LENGTHS = (2, 3)
REPORT_LIMIT = 200
NAMES_KEY, PHRASES_KEY, DATA_KEY = "coverage-names", "coverage-phrases", "coverage-data"
"""Placeholder keys of the report's tables, and of the link to its data."""
DATA_FILE = "coverage.json"
"""The report's data, written next to its page."""

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_POSSESSIVE = re.compile(r"[’']s?$")
_CONNECTORS = {"al", "el", "bin", "ibn", "bint", "abu", "of", "the", "de", "du", "van", "von"}
_NEVER_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Q", "A", "I",
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
    if word[:1].isupper():
        return True
    head, _, tail = word.partition("-")
    return head in _CONNECTORS and tail[:1].isupper()


_TOKEN = re.compile(rf"(?P<word>[^\W\d_][\w’'-]*)|(?P<end>[.!?…]+[\"”’)]*(?=\s|$))|(?P<mask>{_MASK}+)|(?P<other>[,;:()\"“”—–])")


class _Scanner:
    """One pass over a block's tokens, counting names and phrases.

    State that a token changes: the run of capitalised words, whether a lower-case word has
    been seen in the sentence (a run before any opens the sentence), and the last two
    lower-case words for phrases.
    """

    def __init__(self, found: Callable[[str, str, bool, int], None]) -> None:
        self.found = found
        self.run: list[str] = []
        self.run_opens = True
        self.lower_seen = False
        self.recent: list[str] = []

    def close_run(self, position: int) -> None:
        run = self.run
        while run and not _capitalised(run[-1]):
            run.pop()
        if run and (len(run) > 1 or run[0].lower() not in STOP_WORDS):
            self.found(" ".join(run), "name", self.run_opens, position)
        run.clear()

    def phrase(self, word: str, position: int) -> None:
        recent = self.recent
        if word.islower():
            if word not in STOP_WORDS:
                if recent and recent[-1] not in STOP_WORDS:
                    self.found(f"{recent[-1]} {word}", "phrase", False, position)
                if len(recent) == 2 and recent[0] not in STOP_WORDS:
                    self.found(f"{recent[0]} {recent[1]} {word}", "phrase", False, position)
            recent.append(word)
            if len(recent) > 2:
                del recent[0]
        else:
            recent.clear()

    def scan(self, text: str) -> None:
        for token in _TOKEN.finditer(text):
            kind, position = token.lastgroup, token.start()
            if kind == "word":
                word = _POSSESSIVE.sub("", token.group())
                first = not self.lower_seen and not self.run and not self.recent
                if (_capitalised(word) and word not in _NEVER_NAMES) or (self.run and word.lower() in _CONNECTORS):
                    if not self.run:
                        self.run_opens = not self.lower_seen
                    self.run.append(word)
                else:
                    self.close_run(position)
                    self.lower_seen = self.lower_seen or word[:1].islower()
                self.phrase(word.lower() if first else word, position)
                continue
            self.close_run(position)
            self.recent.clear()
            if kind == "end":
                self.lower_seen = False
            elif kind == "mask":
                self.lower_seen = True


Place = tuple[str, str, int]
"""Where something was seen: article slug, block id, offset in the block."""


@dataclass
class Findings:
    """What scanning the articles found, in article order; read by :func:`find_candidates`."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    first_seen: dict[tuple[str, str], Place] = field(default_factory=dict)
    openers: list[tuple[str, Place]] = field(default_factory=list)
    """Runs that open a sentence: names only if their first word is capitalised mid-sentence somewhere."""
    mid_sentence_words: set[str] = field(default_factory=set)


def scan_article(article: Article, mentions: list[Mention], findings: Findings) -> None:
    """Add the unmatched names and phrases of one article, its mentions masked out, to ``findings``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        spans.setdefault(mention.block_id, []).append((mention.start, mention.end))
    for block in article.annotatable_blocks():

        def found(text: str, kind: str, opens: bool, position: int, block_id: str = block.id) -> None:
            place = (article.slug, block_id, position)
            if opens:
                findings.openers.append((text, place))
                return
            if kind == "name":
                findings.mid_sentence_words.add(text.split()[0])
            findings.counts[(text, kind)] += 1
            findings.first_seen.setdefault((text, kind), place)

        _Scanner(found).scan(_masked(block, spans.get(block.id, [])))


def find_candidates(articles: dict[str, Article], index: MentionIndex) -> list[Candidate]:
    """Unmatched names and recurring phrases across the corpus, most frequent first."""
    findings = Findings()
    for slug, article in articles.items():
        scan_article(article, index.by_article.get(slug, []), findings)
    counts, first_seen = findings.counts, findings.first_seen
    for name, place in findings.openers:
        if name.split()[0] in findings.mid_sentence_words:
            counts[(name, "name")] += 1
            first_seen.setdefault((name, "name"), place)
    reported = sorted(((text, kind) for (text, kind), count in counts.items() if kind == "name" or count >= PHRASE_MIN_COUNT),
                      key=lambda key: (key[1] != "name", -counts[key], key[0].casefold()))[:REPORT_LIMIT]
    candidates = []
    for text, kind in reported:
        slug, block_id, position = first_seen[(text, kind)]
        block = next(block for block in articles[slug].annotatable_blocks() if block.id == block_id)
        start, end = sentence_around(sentence_spans(block.text), position, position + 1)
        candidates.append(Candidate(text, kind, counts[(text, kind)], block.text[start:end].strip(), slug, block.id))
    return candidates


def coverage_json(candidates: list[Candidate], catalog: Catalog, index: MentionIndex) -> str:
    unused = [entity.id for entity in catalog if not index.count(entity.id)]
    return json.dumps({"candidates": [asdict(c) for c in candidates], "unused_entities": unused},
                      ensure_ascii=False, indent=1, sort_keys=True)


def _table(candidates: list[Candidate], url: UrlOf, kind: str) -> str:
    """Candidates with their count and the sentence they were first seen in, linked to its paragraph."""
    if not candidates:
        return tag("p", "None.")
    head = tag("thead", tag("tr", tag("th", kind) + tag("th", "Count", class_="ar-number") + tag("th", "First seen")))
    rows = []
    for c in candidates:
        link = tag("a", "→", href=f"{url(article_src_uri(c.article))}#{c.block}",
                   aria_label=f"In its article, {place_label(c.block)}")
        rows.append(tag("tr", tag("td", tag("strong", seed_text(c.text))) + tag("td", str(c.count), class_="ar-number")
                        + tag("td", f"{seed_text(c.example)} {link}")))
    return tag("p", f"{len(candidates)} found.") + tag("table", head + tag("tbody", "".join(rows)))


def coverage_parts(candidates: list[Candidate], url: UrlOf) -> dict[str, str]:
    """The report's two tables and the link to its data, by placeholder key, written as text (they quote seed text)."""
    return {DATA_KEY: tag("p", f"The same data is in {tag('a', DATA_FILE, href=DATA_FILE)}."),
            NAMES_KEY: _table([c for c in candidates if c.kind == "name"], url, "Name"),
            PHRASES_KEY: _table([c for c in candidates if c.kind == "phrase"], url, "Phrase")}


def render_coverage(catalog: Catalog, index: MentionIndex) -> str:
    """The report's Markdown: its headings, and placeholders for the parts that need the whole corpus scanned."""
    unused = [entity for entity in catalog if not index.count(entity.id)]
    lines = [
        "---", "search:", "  exclude: true", "---", "",
        "# Coverage report", "",
        "What the articles name that no catalog entry matches: candidates for new entity pages or for aliases of "
        "existing ones. How candidates are found is described in the README.", "", placeholder(DATA_KEY),
        "## Unmatched names", "", placeholder(NAMES_KEY),
        "## Recurring phrases", "", f"Used at least {PHRASE_MIN_COUNT} times.", "", placeholder(PHRASES_KEY),
        f"## Entities no article mentions ({len(unused)})", "",
    ]
    lines += [f'- [{escape_markdown(e.name)}]({entity_href(e)}){{: data-entity="{e.id}" }}' for e in unused] or ["None."]
    return "\n".join([*lines, ""])
