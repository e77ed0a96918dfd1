"""The coverage report: names and recurring phrases in the articles that no catalog entry matches.

A documented heuristic, no statistical model (none can be fetched at build time):

- a *name* is a run of capitalised words, which may be joined by ``al-``, ``bin``, ``of``
  and the like ("Abu Malek al-Talli", "Army of Islam"). A run that opens a sentence counts
  only if its first word is also capitalised somewhere mid-sentence, so "Several" or
  "Today" never do; month and day names never count;
- a *recurring phrase* is a lower-case run of two or three words, neither edge a stop
  word, that the corpus uses at least :data:`PHRASE_MIN_COUNT` times ("armed opposition").

Text already matched by the catalog is masked first, so what is left is what is missing.
Names are grouped by their folded form (:mod:`.folding`: "Jumaah" and "Jumaa" are one
row), single generic words ("Syrian", "Army", "State") are left out, and each row says
whether it is probably a variant of a catalog name, or a longer name that holds one (which
the linker then does not link: :mod:`.proper_names`); a new name comes with a front-matter
stub to paste into a new entity page. Mentions matched only through folding are listed too,
for a maintainer to confirm as aliases. Nothing is capped: the page shows every row, in
parts of :data:`PART_ROWS`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from itertools import accumulate

from ..matching.folding import fold_lines
from ..matching.linker import Linker, alias_key
from ..matching.mentions import Mention, MentionIndex, unused_entities
from ..matching.proper_names import CONNECTORS, FUNCTION_WORDS, MONTHS_AND_DAYS, SPACED_CONNECTORS
from ..reading.article import Article, Block, Role
from ..reading.catalog import Alias, Catalog
from ..reading.sentences import sentence_around, sentence_spans
from ..writing.addresses import UrlOf, article_src_uri, entity_href
from ..writing.elements import placeholder
from ..writing.escape import escape_markdown
from ..writing.html_text import escape_text, seed_text, tag

PHRASE_MIN_COUNT = 3
PART_ROWS = 100
ARTICLES_LISTED = 10
"""How many of the articles a row appears in are named, in the data and in a stub (all are counted)."""
"""Rows per part of a table on the page (the data file has every row in one list)."""
NAMES_KEY, PHRASES_KEY, VARIANTS_KEY, DATA_KEY = "coverage-names", "coverage-phrases", "coverage-variants", "coverage-data"
"""Placeholder keys of the report's tables, and of the link to its data."""
DATA_FILE = "coverage.json"
"""The report's data, written next to its page."""

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_POSSESSIVE = re.compile(r"[’']s?$")
_NEVER_NAMES = MONTHS_AND_DAYS | {"Q", "A", "I"}
GENERIC_WORDS = {
    "syrian", "syrians", "lebanese", "iraqi", "iraqis", "iranian", "russian", "american", "turkish", "saudi", "qatari",
    "kurdish", "kurds", "jordanian", "israeli", "palestinian", "egyptian", "arab", "arabs", "arabic", "western",
    "european", "british", "french", "german", "italian", "spanish", "dutch", "belgian", "canadian", "australian",
    "chinese", "indian", "pakistani", "afghan", "chechen", "sudanese", "libyan", "tunisian", "moroccan", "algerian",
    "yemeni", "emirati", "kuwaiti", "bahraini", "omani", "turkmen", "circassian", "druze", "armenian", "assyrian",
    "sunni", "sunnis", "shia", "shiite", "shiites", "alawite", "alawites",
    "christian", "christians", "muslim", "muslims", "islamic", "islamist", "islamists", "jihadist", "jihadists",
    "army", "state", "government", "regime", "opposition", "forces", "front", "brigade", "brigades", "rebels",
    "president", "minister", "ministry", "council", "group", "groups", "party", "movement", "coalition", "emir",
    "north", "south", "east", "west", "northern", "southern", "eastern", "central", "national", "international",
}
"""Single words that name no one in particular: never reported alone."""


@dataclass(frozen=True)
class Candidate:
    """Something the catalog may be missing (or a name matched only through folding), with where it was first seen."""

    text: str
    kind: str
    """"name", "phrase", or "variant" (a mention matched only through folding)."""
    count: int
    example: str
    article: str
    block: str
    article_count: int = 0
    """How many articles it appears in."""
    articles: tuple[str, ...] = ()
    """The first :data:`ARTICLES_LISTED` of them, by address."""
    variants: tuple[str, ...] = ()
    """Other spellings with the same folded form, most frequent first."""
    entity: str | None = None
    """The catalog entity it is probably a variant of, holds the name of, or (a variant) was matched to."""
    note: str = ""
    """"variant" (probably a variant of ``entity``), "longer name" (holds ``entity``'s name, so it is not linked
    there), or nothing (a new name)."""
    stub: str = ""
    """For a new name, front matter to start its entity page with."""


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
    return head in CONNECTORS and tail[:1].isupper()


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
        if run and (len(run) > 1 or run[0].lower() not in FUNCTION_WORDS):
            self.found(" ".join(run), "name", self.run_opens, position)
        run.clear()

    def phrase(self, word: str, position: int) -> None:
        recent = self.recent
        if word.islower():
            if word not in FUNCTION_WORDS:
                if recent and recent[-1] not in FUNCTION_WORDS:
                    self.found(f"{recent[-1]} {word}", "phrase", False, position)
                if len(recent) == 2 and recent[0] not in FUNCTION_WORDS:
                    self.found(f"{recent[0]} {recent[1]} {word}", "phrase", False, position)
            recent.append(word)
            if len(recent) > 2:
                del recent[0]
        else:
            recent.clear()

    def scan(self, text: str) -> None:
        """Every word of a corpus passes here (the lists are changed in place, never replaced)."""
        run, recent = self.run, self.recent
        for token in _TOKEN.finditer(text):
            kind, position = token.lastgroup, token.start()
            if kind == "word":
                word = token.group()
                if "'" in word or "’" in word:
                    word = _POSSESSIVE.sub("", word)
                first = not self.lower_seen and not run and not recent
                if (_capitalised(word) and word not in _NEVER_NAMES) or (run and word.lower() in SPACED_CONNECTORS):
                    if not run:
                        self.run_opens = not self.lower_seen
                    run.append(word)
                else:
                    if run:
                        self.close_run(position)
                    self.lower_seen = self.lower_seen or word[:1].islower()
                self.phrase(word.lower() if first else word, position)
                continue
            if run:
                self.close_run(position)
            recent.clear()
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
    articles: defaultdict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    openers: list[tuple[str, Place]] = field(default_factory=list)
    """Runs that open a sentence: names only if their first word is capitalised mid-sentence somewhere."""
    mid_sentence_words: set[str] = field(default_factory=set)


def scan_article(article: Article, mentions: list[Mention], findings: Findings) -> None:
    """Add the unmatched names and phrases of one article, its mentions masked out, to ``findings``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        spans.setdefault(mention.block_id, []).append((mention.start, mention.end))
    for block in article.annotatable_blocks():
        if block.role is Role.HEADING:  # often in title case, where every word looks like a name
            continue

        def found(text: str, kind: str, opens: bool, position: int, block_id: str = block.id) -> None:
            place = (article.slug, block_id, position)
            if opens:
                findings.openers.append((text, place))
                return
            if kind == "name":
                findings.mid_sentence_words.add(text.split()[0])
            findings.counts[(text, kind)] += 1
            findings.first_seen.setdefault((text, kind), place)
            findings.articles[(text, kind)].add(article.slug)

        _Scanner(found).scan(_masked(block, spans.get(block.id, [])))


def find_candidates(articles: dict[str, Article], index: MentionIndex, catalog: Catalog | None = None) -> list[Candidate]:
    """Unmatched names (grouped by folded form) and recurring phrases across the corpus, most frequent first,
    then the mentions matched only through folding."""
    findings = Findings()
    for slug, article in articles.items():
        scan_article(article, index.by_article.get(slug, []), findings)
    counts, first_seen = findings.counts, findings.first_seen
    for name, place in findings.openers:
        if name.split()[0] in findings.mid_sentence_words:
            counts[(name, "name")] += 1
            first_seen.setdefault((name, "name"), place)
            findings.articles[(name, "name")].add(place[0])
    names = [text for (text, kind) in counts if kind == "name" and text.lower() not in GENERIC_WORDS]
    groups: dict[str, list[str]] = defaultdict(list)
    for text, key in zip(names, fold_lines(names), strict=True):
        groups[key].append(text)
    for spellings in groups.values():
        spellings.sort(key=lambda text: (-counts[(text, "name")], text))
    notes = _notes(catalog, groups) if catalog is not None else {}
    rows = []
    for key, spellings in groups.items():
        slugs = sorted(set().union(*(findings.articles[(text, "name")] for text in spellings)))
        entity, note = notes.get(key, (None, ""))
        stub = "" if note else front_matter_stub(spellings[0], spellings[1:], slugs)
        rows.append((spellings[0], "name", sum(counts[(text, "name")] for text in spellings), spellings[1:], slugs,
                     entity, note, stub))
    rows += [(text, kind, count, [], sorted(findings.articles[(text, kind)]), None, "", "")
             for (text, kind), count in counts.items() if kind == "phrase" and count >= PHRASE_MIN_COUNT]
    rows.sort(key=lambda row: (row[1] != "name", -row[2], row[0].casefold()))
    candidates = []
    for text, kind, count, variants, slugs, entity, note, stub in rows:
        slug, block_id, position = first_seen[(text, kind)]
        block = next(block for block in articles[slug].annotatable_blocks() if block.id == block_id)
        start, end = sentence_around(sentence_spans(block.text), position, position + 1)
        candidates.append(Candidate(text, kind, count, block.text[start:end].strip(), slug, block.id, len(slugs),
                                    tuple(slugs[:ARTICLES_LISTED]), tuple(variants), entity, note, stub))
    return candidates + folded_matches(articles, index)


def _notes(catalog: Catalog, groups: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """For the names found (by folded form, most frequent spelling first) that have to do with the catalog: the
    entity, and "variant" (the folded form is, with or without ``al-``, one of its names) or "longer name" (the
    name holds one of its names). Every name is looked at in one pass of the linker."""
    names = [(entity.id, name.text) for entity in catalog for name in entity.names]
    by_key = dict(zip(fold_lines([alias_key(Alias(text, False)) for _, text in names]), (i for i, _ in names), strict=True))
    notes = {}
    for key in groups:
        if owner := next((by_key[form] for form in (key, key.removeprefix("al-"), f"al-{key}") if form in by_key), None):
            notes[key] = (owner, "variant")
    rest = [key for key in groups if key not in notes]
    lines = [groups[key][0] for key in rest]
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    for match in Linker.from_catalog(catalog).find_names("\n".join(lines)):
        key = rest[bisect_right(starts, match.start) - 1]
        notes.setdefault(key, (match.entity_id, "longer name"))
    return notes


_ORGANIZATION_CUES = {"brigade", "brigades", "army", "front", "corps", "movement", "party", "council", "forces",
                      "battalion", "battalions", "division", "committee", "observatory", "organisation", "organization",
                      "union", "group", "liwa", "jaysh", "jaish", "harakat", "hayat", "hay'at", "jabhat", "ahrar",
                      "kataib", "saraya", "ministry", "agency", "government", "coalition", "alliance"}
_EVENT_CUES = {"battle", "siege", "massacre", "offensive", "clashes", "attack", "attacks", "war", "conference",
               "agreement", "ceasefire", "truce", "uprising"}
_PERSON_CUES = {"abu", "umm", "bin", "ibn", "bint"}


def guess_type(name: str) -> str:
    """The entity type a name's words suggest: a maintainer checks it."""
    words = [word.lower().strip("'’") for word in re.findall(r"[^\W\d_][\w'’-]*", name)]
    parts = {part for word in words for part in word.split("-")}
    if parts & _EVENT_CUES:
        return "event"
    if parts & _ORGANIZATION_CUES:
        return "organization"
    if parts & _PERSON_CUES or (len(words) > 1 and any(word.startswith(("al-", "el-")) for word in words[1:])):
        return "person"
    return "place"


def front_matter_stub(name: str, variants: list[str], articles: list[str]) -> str:
    """Front matter to start a new entity page with: the name, its type guessed, its variants as aliases."""
    lines = ["---", f"type: {guess_type(name)}", f"name: {json.dumps(name, ensure_ascii=False)}",
             'summary: "TODO: one sentence in your own words"']
    if variants:
        lines.append(f"aliases: {json.dumps(variants, ensure_ascii=False)}")
    listed = ", ".join(articles[:ARTICLES_LISTED])
    more = f" (the first {ARTICLES_LISTED} of {len(articles)})" if len(articles) > ARTICLES_LISTED else ""
    lines += ["sources: []", f"# named in: {listed}{more}", "---"]
    return "\n".join(lines)


def folded_matches(articles: dict[str, Article], index: MentionIndex) -> list[Candidate]:
    """Mentions matched only through folding, one row per spelling and entity, for a maintainer to confirm."""
    seen: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    blocks: dict[tuple[str, str], Block] = {}
    for slug, mentions in index.by_article.items():
        for mention in mentions:
            if mention.variant:
                if (slug, mention.block_id) not in blocks:
                    blocks.update({(slug, b.id): b for b in articles[slug].annotatable_blocks()})
                text = " ".join(blocks[(slug, mention.block_id)].text[mention.start:mention.end].split())
                seen[(text, mention.entity_id)].append(mention)
    rows = []
    for (text, entity_id), mentions in sorted(seen.items(), key=lambda item: (-len(item[1]), item[0])):
        first = mentions[0]
        block = blocks[(first.article_slug, first.block_id)]
        start, end = sentence_around(sentence_spans(block.text), first.start, first.end)
        slugs = sorted({m.article_slug for m in mentions})
        rows.append(Candidate(text, "variant", len(mentions), block.text[start:end].strip(), first.article_slug,
                              first.block_id, len(slugs), tuple(slugs[:ARTICLES_LISTED]), (), entity_id, "variant"))
    return rows


def coverage_json(candidates: list[Candidate], catalog: Catalog, index: MentionIndex) -> str:
    return json.dumps({"candidates": [asdict(c) for c in candidates], "unused_entities": unused_entities(catalog, index)},
                      ensure_ascii=False, indent=1, sort_keys=True)


_HEADERS = {"name": "Name", "phrase": "Phrase", "variant": "Written"}


def _note(candidate: Candidate, catalog: Catalog, url: UrlOf) -> str:
    """What to do with a row: confirm a variant, look at a longer name, or start a new entity page."""
    if candidate.entity and candidate.entity in catalog.entities:
        entity = catalog[candidate.entity]
        link = tag("a", escape_text(entity.name), href=url(entity.src_uri))
        if candidate.kind == "variant":
            return f"{link}: add it as an alias to confirm"
        if candidate.note == "variant":
            return f"probably a variant of {link}"
        return f"inside a longer name: holds {link}, not linked there"
    if candidate.stub:
        stub = tag("pre", tag("code", seed_text(candidate.stub)))
        return tag("details", tag("summary", "new name: front matter to start its page") + stub)
    return ""


def _row(candidate: Candidate, catalog: Catalog, url: UrlOf) -> str:
    where = f"{url(article_src_uri(candidate.article))}#{candidate.block}"
    link = tag("a", "→" + tag("span", f" first use: {escape_text(candidate.article)}, {candidate.block}", class_="ar-sr"),
               href=where, title="Where it was first seen")
    name = tag("strong", seed_text(candidate.text))
    if candidate.variants:
        name += " " + tag("span", "also " + ", ".join(map(seed_text, candidate.variants)), class_="ar-variants")
    cells = [tag("th", name, scope="row"), tag("td", str(candidate.count), class_="ar-number"),
             tag("td", str(candidate.article_count), class_="ar-number")]
    if candidate.kind != "phrase":
        cells.append(tag("td", _note(candidate, catalog, url)))
    return tag("tr", "".join(cells) + tag("td", f"{seed_text(candidate.example)} {link}"))


def _table(candidates: list[Candidate], kind: str, catalog: Catalog, url: UrlOf) -> str:
    """Every candidate of one kind with its counts, note and first sentence, in parts of :data:`PART_ROWS` rows."""
    if not candidates:
        return tag("p", "None.")
    headers = [_HEADERS[kind], "Uses", "Articles", *(["What to do"] if kind != "phrase" else []), "First seen"]
    head = tag("thead", tag("tr", "".join(tag("th", text, scope="col", class_="ar-number") if text in ("Uses", "Articles")
                                          else tag("th", text, scope="col") for text in headers)))
    parts = [candidates[start:start + PART_ROWS] for start in range(0, len(candidates), PART_ROWS)]
    html = tag("p", f"{len(candidates)} found" + (f", in {len(parts)} parts of up to {PART_ROWS}." if len(parts) > 1 else "."))
    if len(parts) > 1:
        html += tag("p", "Parts: " + " · ".join(
            tag("a", f"{n * PART_ROWS + 1}–{n * PART_ROWS + len(part)}", href=f"#{kind}-part-{n + 1}")
            for n, part in enumerate(parts)), class_="ar-parts")
    for n, part in enumerate(parts):
        caption = tag("caption", f"{_HEADERS[kind]}s {n * PART_ROWS + 1}–{n * PART_ROWS + len(part)} of {len(candidates)}")
        rows = "".join(_row(candidate, catalog, url) for candidate in part)
        html += tag("table", caption + head + tag("tbody", rows), id=f"{kind}-part-{n + 1}")
    return html


def coverage_parts(candidates: list[Candidate], catalog: Catalog, url: UrlOf) -> dict[str, str]:
    """The report's tables and the link to its data, by placeholder key, written as text (they quote seed text)."""
    by_kind = defaultdict(list)
    for candidate in candidates:
        by_kind[candidate.kind].append(candidate)
    return {DATA_KEY: tag("p", f"The same data is in {tag('a', DATA_FILE, href=DATA_FILE)}."),
            **{key: _table(by_kind[kind], kind, catalog, url)
               for key, kind in ((NAMES_KEY, "name"), (VARIANTS_KEY, "variant"), (PHRASES_KEY, "phrase"))}}


def render_coverage(catalog: Catalog, index: MentionIndex) -> str:
    """The report's Markdown: its headings, and placeholders for the parts that need the whole corpus scanned."""
    unused = [catalog[entity_id] for entity_id in unused_entities(catalog, index)]
    lines = [
        "---", "search:", "  exclude: true", "---", "",
        "# Coverage report", "",
        "What the articles name that no catalog entry matches: candidates for new entity pages or for aliases of "
        "existing ones. How candidates are found is described in the README.", "", placeholder(DATA_KEY),
        "## Unmatched names", "",
        "Spellings that fold to one form are one row. A name that holds a catalog name is not linked there: "
        "it is probably another entity.", "", placeholder(NAMES_KEY),
        "## Matched through folding", "",
        "Spellings no catalog name lists, matched to an entity because they fold to one of its names.", "",
        placeholder(VARIANTS_KEY),
        "## Recurring phrases", "", f"Used at least {PHRASE_MIN_COUNT} times.", "", placeholder(PHRASES_KEY),
        f"## Entities no article mentions ({len(unused)})", "",
    ]
    lines += [f'- [{escape_markdown(e.name)}]({entity_href(e)}){{: data-entity="{e.id}" }}' for e in unused] or ["None."]
    return "\n".join([*lines, ""])
