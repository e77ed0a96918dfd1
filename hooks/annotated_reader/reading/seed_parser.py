"""Turns a raw scraped article (``seeds/*.txt``) into an :class:`Article`.

Scraped news text comes in a family of shapes rather than one format: an optional
topic label and byline ("Jane Doe" or "By Jane Doe"), a title the scraper may have broken
over lines (or none: a news-digest entry opens with its date), an optional date line, a
standfirst, photo captions with a credit in parentheses (often repeated), body paragraphs
with sub-headings, lists (labelled, nested), fact boxes of ``Key: value`` lines or Q&A, a
pull quote that repeats a body sentence, an end mark, then reader comments as a bullet and
the reader's name, the comment and a date. The parser reads blank-line separated chunks and
classifies each by its shape, never by its line number; a sidecar can overrule it where the
shape is ambiguous.
"""

from __future__ import annotations

import codecs
import copy
import html
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .article import CITABLE, Article, Block, Comment, Kind
from .dates import parse_date_line
from .errors import InputError, Problem
from .sentences import sentence_spans
from .text_clean import clean_text

_BY_LINE = re.compile(r"^(?:(?:interview|interviewed|reporting|reported|words|text)\s+)?by\s+(?P<name>\S.{0,60})$",
                      re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al-\w+|bin|ibn|de|van|von)){1,4}$")
_CREDIT = re.compile(r"^(?P<text>.*\S)\s*\((?P<credit>[^()]{2,80})\)$")
_CREDIT_WORDS = re.compile(
    r"/|\b(?:AFP|AP|Reuters|Getty|EPA|Anadolu|photo|image|courtesy|file|handout)\b|©", re.IGNORECASE
)
_CAPTION_PREFIX = re.compile(r"^(?:photo|image|picture|caption)\s*:\s*\S", re.IGNORECASE)
_BULLET = re.compile(r"^(?P<marker>\*{1,3}|[•·▪◦\-–])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<marker>\d{1,3}[.)])\s+(?P<text>\S.*)$")
_COMMENTS_HEADING = re.compile(r"^(?:\d+\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?\s*:?$", re.IGNORECASE)
_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s+\S")
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s+\S")
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^()]{1,40}\))?)\s+[—–-]{1,2}\s+\S"
)
_LABEL = re.compile(
    r"^(?:see also|related(?: articles| stories| coverage| links)?|sources?|references|further reading|read more"
    r"|external links|notes|key facts|fact ?box|at a glance)\s*:?$|^[A-Z][\w'’()/ -]{0,30}:$",
    re.IGNORECASE,
)
"""A list's or fact box's label line: a known label, or up to a few words ending in a colon."""
_FACT = re.compile(r"^(?:(?:\*{1,3}|[•·▪◦\-–])\s+)?(?P<term>[A-Z][\w'’()/ -]{0,30}:)(?:\s+(?P<value>\S.*))?$")
"""A fact box line, "Leader: Abu Mohammad al-Julani", perhaps after a bullet."""
_TOPIC_PREFIX = re.compile(r"^(?:topic|section|category|filed under|kicker)\s*:\s*\S.{0,40}$", re.IGNORECASE)
_SECTION_WORDS = frozenset({
    "news", "analysis", "opinion", "comment", "features", "feature", "world", "middle", "east", "region", "regional",
    "politics", "breaking", "exclusive", "interview", "report", "briefing", "editorial", "investigation", "explainer",
    "update", "latest", "focus",
})
"""Words that news sites name their sections with ("Middle East", "Analysis")."""
END_MARK = re.compile(r"^(?:#{3,}|#(?: #){2}|-30-|\*{3}|-?ends?-?|—|–|-{2,3}|xxx)$", re.IGNORECASE)
"""A line that only marks the end of the text ("###", "-30-", "ENDS"); dropped, the one text never shown."""
_DIGEST_TITLE_MAX_CHARS = 90
_CLAUSE_BOUNDARY = re.compile(r"[,;:]\s|\s[—–-]{1,2}\s|—")
_TERMINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", "…")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w+")
_CAPITALISABLE = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over",
                          "the", "to", "under", "vs", "with"})

STANDFIRST_MAX_CHARS = 320
FACT_VALUE_MAX_CHARS = 100
"""A fact box's values are short; longer "Name: words" lines are a transcript or prose."""
TOPIC_MAX_WORDS = 4
TERM_MAX_WORDS = 4
TITLE_MAX_LINES = 3
HEADER_MAX_LINES = 3
"""A chunk of at most this many lines may be header lines together: topic, byline and date."""
TITLE_MAX_CHARS = 200
SUBHEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 8
"""A short unpunctuated line of up to this many words is a heading even if it repeats a sentence."""
PULL_QUOTE_MIN_WORDS = 5
PULL_QUOTE_OVERLAP = 0.8
PULL_QUOTE_SOURCE_RATIO = 1.5
"""A pull quote is lifted from a paragraph at least this much longer than itself."""
COMMENT_HANDLE_MAX_WORDS = 3
"""A reader's handle ("Beiruti", "Maya R.") is a few words; a longer bullet is a list item."""
COMMENT_DATE_WITHIN = 4
"""A bullet and a name start the comments only if a date line follows within this many chunks."""
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte order marks, UTF-32's first: its little-endian mark begins with UTF-16's."""


@dataclass(frozen=True)
class _Chunk:
    """A run of non-blank lines: the unit the parser classifies."""

    lines: tuple[str, ...]
    line: int
    indents: tuple[int, ...] = ()
    """Each line's indentation in columns (a tab is four), which nests bullets."""

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


def decode_seed(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, list[Problem]]:
    """Seed bytes as clean text (:func:`.text_clean.clean_text`): BOM and CRLF removed, HTML entities and control bytes undone.

    A UTF-16 or UTF-32 byte order mark is trusted; other text that is not UTF-8 is read as
    Windows-1252 (or Latin-1 where that fails) with a warning, unless the sidecar names the encoding.
    """
    warnings: list[Problem] = []
    encoding = encoding or next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding:
        try:
            text = raw.decode(encoding, errors="replace").removeprefix("\ufeff")
        except UnicodeError:
            raise InputError(Problem(path, None, f"cannot be read as {encoding}",
                                     "name the seed's real encoding in its sidecar, e.g. 'encoding: windows-1252'")) from None
    elif b"\x00" in raw:
        raise InputError(Problem(path, None, "is a binary file, not a text article",
                                 "remove it from seeds/ or replace it with the article's plain text"))
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            try:
                text, encoding = raw.decode("windows-1252"), "windows-1252"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "latin-1"
            warnings.append(Problem(path, line, f"is not UTF-8; read as {encoding}",
                                    f"check the page, then add 'encoding: {encoding}' to its sidecar .yml (or re-save as UTF-8)"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = html.unescape(text)
    text = clean_text(_CONTROL.sub("", text).replace("\u00a0", " "))
    if not text.strip():
        raise InputError(Problem(path, None, "is empty", "put the article's text in it or delete it"))
    return text, warnings


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    lines: list[str] = []
    indents: list[int] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = " ".join(line.split())
        if stripped:
            if not lines:
                start = number
            lines.append(stripped)
            expanded = line.expandtabs(4)
            indents.append(len(expanded) - len(expanded.lstrip()))
        elif lines:
            chunks.append(_Chunk(tuple(lines), start, tuple(indents)))
            lines, indents = [], []
    if lines:
        chunks.append(_Chunk(tuple(lines), start, tuple(indents)))
    return [chunk for chunk in chunks if not (chunk.single and END_MARK.match(chunk.text))]


def _looks_like_name(text: str) -> bool:
    return len(text) <= 60 and bool(_NAME.match(text)) and not text.endswith(_TERMINAL_PUNCTUATION)


def _caption_parts(chunk: _Chunk, repeated: bool) -> tuple[str, str | None] | None:
    """(caption text, credit) if the chunk reads as a photo caption."""
    if not chunk.single:
        return None
    match = _CREDIT.match(chunk.text)
    if match and _CREDIT_WORDS.search(match["credit"]):
        return match["text"], match["credit"]
    if _CAPTION_PREFIX.match(chunk.text) or (repeated and len(chunk.text) <= STANDFIRST_MAX_CHARS):
        return chunk.text, None
    return None


def _list_items(lines: tuple[str, ...], indents: tuple[int, ...]) -> list[tuple[str, str, int]] | None:
    """(marker, text, depth) per item when every item starts with a bullet or a number.

    Depth comes from a repeated star (``**``) or from indentation deeper than the item above.
    """
    items: list[tuple[str, str, int]] = []
    open_indents: list[int] = []
    for line, indent in zip(lines, indents, strict=True):
        match = _BULLET.match(line) or _NUMBERED.match(line)
        if match:
            while open_indents and open_indents[-1] > indent:
                open_indents.pop()
            if not open_indents or open_indents[-1] < indent:
                open_indents.append(indent)
            marker = match["marker"]
            depth = len(marker) - 1 if marker.startswith("*") else len(open_indents) - 1
            items.append((marker, match["text"], depth))
        elif items:
            items[-1] = (items[-1][0], f"{items[-1][1]} {line}", items[-1][2])
        else:
            return None
    return items


def _labelled_list(chunk: _Chunk) -> tuple[str, list[tuple[str, str, int]]] | None:
    """(label, items) for a chunk that opens with a label line ("See also", "Sources:") over list lines."""
    if chunk.single or not _LABEL.match(chunk.lines[0]):
        return None
    items = _list_items(chunk.lines[1:], chunk.indents[1:])
    return (chunk.lines[0], items) if items else None


def _fact_line(line: str) -> tuple[str, str] | None:
    """(term, value) of a fact box line; the term is a few words, the value short."""
    match = _FACT.match(line)
    if not match or len(match["term"].split()) > TERM_MAX_WORDS or len(match["value"] or "") > FACT_VALUE_MAX_CHARS:
        return None
    return match["term"], match["value"] or ""


def _fact_box(chunk: _Chunk) -> tuple[str | None, list[tuple[str | None, str]]] | None:
    """(box name, (term, value) per line) when the chunk's lines are ``Key: value`` pairs.

    A line without a term (a ``**`` bullet, or a plain line under a term with no value) is one
    more value of the term above; a first line without a term names the box.
    """
    lines = chunk.lines
    name = None
    first = _fact_line(lines[0])
    if len(lines) > 2 and (not first or (first[1] == "" and _fact_line(lines[1]))):
        name, lines = lines[0], lines[1:]
    facts: list[tuple[str | None, str]] = []
    for line in lines:
        if fact := _fact_line(line):
            facts.append(fact)
        elif facts and (bullet := _BULLET.match(line)):
            facts.append((None, bullet["text"]))
        elif facts and (facts[-1][0] is None or facts[-1][1] == "") and len(line) <= FACT_VALUE_MAX_CHARS:
            facts.append((None, line))
        else:
            return None
    return (name, facts) if sum(term is not None for term, _ in facts) >= 2 else None


def is_topic_label(text: str) -> bool:
    """A kicker naming a section or topic: "Topic: Syria", a few words in capitals, or section words ("Middle East")."""
    words = text.split()
    if _TOPIC_PREFIX.match(text):
        return True
    if not words or len(words) > TOPIC_MAX_WORDS or text.endswith(_TERMINAL_PUNCTUATION):
        return False
    return (text.isupper() and any(c.isalpha() for c in text)) or all(w.casefold() in _SECTION_WORDS for w in words)


def title_from_sentence(text: str) -> str:
    """A title cut from a paragraph: its first sentence without a leading dateline, cut at the first
    clause boundary past a few words if it is long, else at a word boundary (not after a small word such as
    "of") with an ellipsis."""
    if dateline := _DATELINE.match(text):
        text = text[dateline.end() - 1:]
    sentences = (text[start:end].rstrip(" .!?") for start, end in sentence_spans(text))
    sentence = next((cut for cut in sentences if any(c.isalnum() for c in cut)), text.strip())  # not "!" alone
    if len(sentence) <= _DIGEST_TITLE_MAX_CHARS:
        return sentence
    for boundary in _CLAUSE_BOUNDARY.finditer(sentence, 30, _DIGEST_TITLE_MAX_CHARS + 1):
        return sentence[:boundary.start()].rstrip()
    words = sentence[:_DIGEST_TITLE_MAX_CHARS + 1].split()[:-1] or [sentence[:_DIGEST_TITLE_MAX_CHARS]]
    while len(words) > 1 and words[-1].casefold() in _SMALL_WORDS:
        words.pop()  # "… of Arsal on" reads better as "… of Arsal"
    return " ".join(words).rstrip(" ,;:") + "…"


def _title_source(article: Article) -> Block:
    """The block a digest entry's title is cut from: its first block of prose."""
    return next(block for block in article.body if block.kind in (Kind.STANDFIRST, *CITABLE))


def title_notice(article: Article) -> Problem:
    """What the build says, at INFO level, about a title the parser cut from the body."""
    return Problem(article.source, _title_source(article).line,
                   f"has no title line; the title was cut from its first sentence: '{article.title}'",
                   f"to choose one, add 'title: …' to {article.source.with_suffix('.yml').name}")


def _is_subheading(chunk: _Chunk, following: list[_Chunk]) -> bool:
    """A short line with no closing punctuation, opening with a capital or a digit ("2014: the fall of Yabrud")."""
    text = chunk.text
    return (
        chunk.single
        and bool(following)
        and len(text) <= SUBHEADING_MAX_CHARS
        and (text[:1].isupper() or text[:1].isdigit())
        and not text.endswith(_TERMINAL_PUNCTUATION)
    )


def _heading_case(text: str) -> bool:
    """Capitalised like a heading: a few words, or every word that is not a small word capitalised."""
    words = _CAPITALISABLE.findall(text)
    return len(words) <= HEADING_MAX_WORDS or all(w[0].isupper() for w in words if w.casefold() not in _SMALL_WORDS)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


class _SentenceIndex:
    """The word sets of every sentence of the article's longer chunks, computed once per article."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._sentences: dict[str, list[set[str]]] = {}

    def _of(self, text: str) -> list[set[str]]:
        if text not in self._sentences:
            self._sentences[text] = [_words(text[start:end]) for start, end in sentence_spans(text)]
        return self._sentences[text]

    def repeats_a_sentence(self, candidate: str) -> bool:
        """True when nearly every word of ``candidate`` stands in one sentence of a longer paragraph."""
        if len(candidate) > STANDFIRST_MAX_CHARS:
            return False
        words = _words(candidate)
        if len(words) < PULL_QUOTE_MIN_WORDS:
            return False
        needed = PULL_QUOTE_OVERLAP * len(words)
        return any(
            len(words & sentence) >= needed
            for text in self._texts if len(text) >= PULL_QUOTE_SOURCE_RATIO * len(candidate)
            for sentence in self._of(text)
        )


def _comment_author(chunk: _Chunk) -> str | None:
    """The reader's name if the chunk is a bullet and a short handle (how comments start)."""
    match = _BULLET.match(chunk.text) if chunk.single else None
    if not match or len(match["text"]) > 40 or match["text"].endswith(("?", "!")):
        return None
    return match["text"] if len(match["text"].split()) <= COMMENT_HANDLE_MAX_WORDS else None


def _split_comments(chunks: list[_Chunk]) -> tuple[list[_Chunk], list[_Chunk]]:
    """(article chunks, comment chunks): comments start at a heading, or a bullet and a name with a date after."""
    for index, chunk in enumerate(chunks):
        if index == 0 or not chunk.single:
            continue
        if _COMMENTS_HEADING.match(chunk.text):
            return chunks[:index], chunks[index + 1:]
        if _comment_author(chunk):
            ahead = chunks[index + 2:index + 1 + COMMENT_DATE_WITHIN]  # the comment's text comes first
            if any(other.single and parse_date_line(other.text) for other in ahead):
                return chunks[:index], chunks[index:]
    return chunks, []


def _parse_comments(chunks: list[_Chunk]) -> list[Comment]:
    comments: list[Comment] = []
    author: str | None = None
    date, date_text = None, None
    paragraphs: list[Block] = []

    def close() -> None:
        if author is not None or paragraphs:
            number = len(comments) + 1
            comments.append(Comment(number, author, tuple(paragraphs), date, date_text))

    for chunk in chunks:
        if handle := _comment_author(chunk):
            close()
            author, date, date_text, paragraphs = handle, None, None, []
        elif chunk.single and (parsed := parse_date_line(chunk.text)):
            date, date_text = parsed, chunk.text
        else:
            block_id = f"comment-{len(comments) + 1}-{len(paragraphs) + 1}"
            paragraphs.append(Block(block_id, Kind.COMMENT, chunk.text, chunk.line))
    close()
    return comments


def _is_standfirst(chunk: _Chunk, following: list[_Chunk], is_caption: Callable[[_Chunk], object]) -> bool:
    """A short one-line lead that a caption follows, or that is much shorter than the paragraphs after it."""
    if not chunk.single or len(chunk.text) > STANDFIRST_MAX_CHARS or len(following) < 2 or _DATELINE.match(chunk.text):
        return False
    if is_caption(following[0]):
        return True
    return len(chunk.text) * 2 <= statistics.median(len(other.text) for other in following)


class _BodyBuilder:
    """Numbers blocks as they are classified: p1, p2 … for citable text, caption-1, section-1 …"""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._counts: dict[str, int] = {}

    def add(self, kind: Kind, prefix: str, chunk: _Chunk, text: str, **extra: str | int | None) -> None:
        self._counts[prefix] = self._counts.get(prefix, 0) + 1
        number = self._counts[prefix]
        block_id = "standfirst" if kind is Kind.STANDFIRST else f"{prefix}{number}"
        self.blocks.append(Block(block_id, kind, text, chunk.line, **extra))


def _parse_body(rest: list[_Chunk], standfirst: bool | None) -> list[Block]:
    texts = [chunk.text for chunk in rest]

    def caption_parts(chunk: _Chunk) -> tuple[str, str | None] | None:
        return _caption_parts(chunk, repeated=texts.count(chunk.text) > 1)

    sentences = _SentenceIndex(texts)
    body = _BodyBuilder()
    seen_captions: set[str] = set()
    for index, chunk in enumerate(rest):
        following = rest[index + 1:]
        started = any(block.kind is not Kind.CAPTION for block in body.blocks)
        if parts := caption_parts(chunk):
            if chunk.text not in seen_captions:
                seen_captions.add(chunk.text)
                body.add(Kind.CAPTION, "caption-", chunk, parts[0], credit=parts[1])
        elif not started and (standfirst or (standfirst is None and _is_standfirst(chunk, following, caption_parts))):
            body.add(Kind.STANDFIRST, "", chunk, chunk.text)
        elif _QUESTION.match(chunk.text):
            body.add(Kind.QUESTION, "p", chunk, chunk.text)
        elif _ANSWER.match(chunk.text):
            body.add(Kind.ANSWER, "p", chunk, chunk.text)
        elif box := _fact_box(chunk):
            if box[0]:
                body.add(Kind.LABEL, "label-", chunk, box[0])
            for term, value in box[1]:
                body.add(Kind.FACT, "fact-", chunk, value, term=term)
        elif items := _list_items(chunk.lines, chunk.indents):
            for marker, text, depth in items:
                body.add(Kind.LIST_ITEM, "p", chunk, text, marker=marker, level=depth)
        elif labelled := _labelled_list(chunk):
            body.add(Kind.LABEL, "label-", chunk, labelled[0])
            for marker, text, depth in labelled[1]:
                body.add(Kind.LIST_ITEM, "p", chunk, text, marker=marker, level=depth)
        elif chunk.single and _LABEL.match(chunk.text) and following and _list_items(following[0].lines, following[0].indents):
            body.add(Kind.LABEL, "label-", chunk, chunk.text)
        elif started and _is_subheading(chunk, following) and _heading_case(chunk.text):
            body.add(Kind.SUBHEADING, "section-", chunk, chunk.text)
        elif started and chunk.single and sentences.repeats_a_sentence(chunk.text):
            body.add(Kind.PULL_QUOTE, "pull-quote-", chunk, chunk.text)
        elif started and _is_subheading(chunk, following):
            body.add(Kind.SUBHEADING, "section-", chunk, chunk.text)
        else:
            body.add(Kind.PARAGRAPH, "p", chunk, chunk.text)
    return body.blocks


def _header_line(article: Article, line: str, header: list[str], names: bool) -> bool:
    """Take ``line`` as the article's topic label, byline or date line if it reads as one not yet seen;
    a bare name is a byline only where ``names`` (before the title: after it, it reads as a standfirst)."""
    if "topic" not in header and is_topic_label(line) and not _BY_LINE.match(line):
        article.topic = line
        part = "topic"
    elif "byline" not in header and ((by := _BY_LINE.match(line)) or (names and _looks_like_name(line))):
        article.byline, article.byline_text = (by["name"] if by else line), line
        part = "byline"
    elif "date" not in header and (date := parse_date_line(line)):
        article.date, article.date_text = date, line
        part = "date"
    else:
        return False
    header.append(part)
    return True


def _header_chunk(article: Article, chunk: _Chunk, header: list[str], names: bool) -> bool:
    """Take ``chunk`` as header lines: one line (:func:`_header_line`), or a few lines that each read as one
    unmistakably, as when a byline and a date line stand together ("By Rana Khoury" over "March 3, 2016")."""
    if chunk.single:
        return _header_line(article, chunk.text, header, names)
    trial, tried = copy.copy(article), list(header)
    if len(chunk.lines) > HEADER_MAX_LINES or not all(
            _plainly_header(line) and _header_line(trial, line, tried, names=False) for line in chunk.lines):
        return False
    for line in chunk.lines:
        _header_line(article, line, header, names=False)
    return True


def _plainly_header(line: str) -> bool:
    """A line that may stand with others as a header line: "By" and a name, a date line, or a topic with its
    prefix or in section words ("Topic: Syria", "Middle East"). Not a bare name or a line in capitals, which a
    headline, or a verse, over its date can be too."""
    if by := _BY_LINE.match(line):
        return _looks_like_name(by["name"]) and not by["name"].isupper()
    return bool(parse_date_line(line) or _TOPIC_PREFIX.match(line)) or (is_topic_label(line) and not line.isupper())


def _title_shaped(chunk: _Chunk) -> bool:
    """Short enough to be a title (perhaps broken over lines), and not a fact box: a name above it is then a byline."""
    return len(chunk.lines) <= TITLE_MAX_LINES and len(chunk.text) <= TITLE_MAX_CHARS and not _fact_box(chunk)


def _reads_as_title(rest: list[_Chunk]) -> bool:
    """After an opening date line: a short unpunctuated line with text after it is a title; else there is none."""
    first = rest[0]
    return (len(rest) > 1 and first.single and len(first.text) <= _DIGEST_TITLE_MAX_CHARS
            and not first.text.endswith(_TERMINAL_PUNCTUATION))


def parse_seed(text: str, path: Path, slug: str, standfirst: bool | None = None) -> Article:
    """Parse decoded seed text into an :class:`Article`.

    ``standfirst`` overrules the guess: True takes the first chunk after the title as the
    standfirst, False takes it as the first paragraph.
    """
    chunks = _chunks(text)
    article_chunks, comment_chunks = _split_comments(chunks)
    if not article_chunks:
        raise InputError(Problem(path, None, "has no title or body",
                                 "check that the article text is above the reader comments"))
    article = Article(source=path, slug=slug, title="")
    rest = list(article_chunks)
    header: list[str] = []

    while len(rest) > 1 and _header_chunk(article, rest[0], header,
                                          names="date" not in header and _title_shaped(rest[1])):
        rest.pop(0)
    if "date" in header and not _reads_as_title(rest):
        article.title_from_body = True
        header.insert(0, "title")
    else:
        article.title = rest.pop(0).text
        header.append("title")
    while rest and _header_chunk(article, rest[0], header, names=False):
        rest.pop(0)
    article.header_order = tuple(header)

    article.body = _parse_body(rest, standfirst)
    if not article.paragraphs:
        raise InputError(Problem(path, article_chunks[0].line, "has no body paragraphs",
                                 "check the seed holds the article text, separated by blank lines"))
    if match := _DATELINE.match(article.paragraphs[0].text):
        article.dateline = match["dateline"]
    if article.title_from_body:
        article.title = title_from_sentence(_title_source(article).text)
    article.comments = _parse_comments(comment_chunks)
    return article
