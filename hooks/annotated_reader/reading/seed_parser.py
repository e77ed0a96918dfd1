"""Turns a raw scraped article (``seeds/*.txt``) into an :class:`Article`.

Scraped news text comes in a family of shapes rather than one format: an optional
byline ("Jane Doe" or "By Jane Doe"), a title the scraper may have broken over lines, an
optional date line, a standfirst, photo captions with a credit in parentheses (often
repeated), body paragraphs with sub-headings, lists or Q&A, a pull quote that repeats a
body sentence, then reader comments as a bullet and the reader's name, the comment and
a date. The parser reads blank-line separated chunks and classifies each by its shape,
never by its line number; a sidecar can overrule it where the shape is ambiguous.
"""

from __future__ import annotations

import codecs
import html
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .article import Article, Block, Comment, Kind
from .dates import parse_date_line
from .errors import InputError, Problem
from .sentences import sentence_spans
from .text_clean import clean_text

_BY_LINE = re.compile(r"^by\s+(?P<name>\S.{0,60})$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al-\w+|bin|ibn|de|van|von)){1,4}$")
_CREDIT = re.compile(r"^(?P<text>.*\S)\s*\((?P<credit>[^()]{2,80})\)$")
_CREDIT_WORDS = re.compile(
    r"/|\b(?:AFP|AP|Reuters|Getty|EPA|Anadolu|photo|image|courtesy|file|handout)\b|©", re.IGNORECASE
)
_CAPTION_PREFIX = re.compile(r"^(?:photo|image|picture|caption)\s*:\s*\S", re.IGNORECASE)
_BULLET = re.compile(r"^(?P<marker>[•·▪◦*\-–])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<marker>\d{1,3}[.)])\s+(?P<text>\S.*)$")
_COMMENTS_HEADING = re.compile(r"^(?:\d+\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?\s*:?$", re.IGNORECASE)
_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s+\S")
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s+\S")
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^()]{1,40}\))?)\s+[—–-]{1,2}\s+\S"
)
_TERMINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", "…")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w+")

STANDFIRST_MAX_CHARS = 320
SUBHEADING_MAX_CHARS = 80
PULL_QUOTE_MIN_WORDS = 5
PULL_QUOTE_OVERLAP = 0.8
PULL_QUOTE_SOURCE_RATIO = 1.5
"""A pull quote is lifted from a paragraph at least this much longer than itself."""
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
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = " ".join(line.split())
        if stripped:
            if not lines:
                start = number
            lines.append(stripped)
        elif lines:
            chunks.append(_Chunk(tuple(lines), start))
            lines = []
    if lines:
        chunks.append(_Chunk(tuple(lines), start))
    return chunks


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


def _list_items(chunk: _Chunk) -> list[tuple[str, str]] | None:
    """(marker, text) per item when every item of the chunk starts with a bullet or a number."""
    items: list[tuple[str, str]] = []
    for line in chunk.lines:
        match = _BULLET.match(line) or _NUMBERED.match(line)
        if match:
            items.append((match["marker"], match["text"]))
        elif items:
            items[-1] = (items[-1][0], f"{items[-1][1]} {line}")
        else:
            return None
    return items


def _is_subheading(chunk: _Chunk, following: list[_Chunk]) -> bool:
    text = chunk.text
    return (
        chunk.single
        and bool(following)
        and len(text) <= SUBHEADING_MAX_CHARS
        and text[:1].isupper()
        and not text.endswith(_TERMINAL_PUNCTUATION)
    )


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
    sentence = match["text"].endswith(".") and len(match["text"].split()) > 3
    return None if sentence else match["text"]


def _split_comments(chunks: list[_Chunk]) -> tuple[list[_Chunk], list[_Chunk]]:
    """(article chunks, comment chunks): comments start at a heading, or a bullet and a name with a date after."""
    for index, chunk in enumerate(chunks):
        if index == 0 or not chunk.single:
            continue
        if _COMMENTS_HEADING.match(chunk.text):
            return chunks[:index], chunks[index + 1:]
        if _comment_author(chunk):
            ahead = chunks[index + 1:index + 1 + COMMENT_DATE_WITHIN]
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

    def add(self, kind: Kind, prefix: str, chunk: _Chunk, text: str, **extra: str | None) -> None:
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
        elif items := _list_items(chunk):
            for marker, text in items:
                body.add(Kind.LIST_ITEM, "p", chunk, text, marker=marker)
        elif _QUESTION.match(chunk.text):
            body.add(Kind.QUESTION, "p", chunk, chunk.text)
        elif _ANSWER.match(chunk.text):
            body.add(Kind.ANSWER, "p", chunk, chunk.text)
        elif started and chunk.single and sentences.repeats_a_sentence(chunk.text):
            body.add(Kind.PULL_QUOTE, "pull-quote-", chunk, chunk.text)
        elif started and _is_subheading(chunk, following):
            body.add(Kind.SUBHEADING, "section-", chunk, chunk.text)
        else:
            body.add(Kind.PARAGRAPH, "p", chunk, chunk.text)
    return body.blocks


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

    first = rest[0]
    if first.single and len(rest) > 1 and ((by := _BY_LINE.match(first.text)) or _looks_like_name(first.text)):
        article.byline = by["name"] if by else first.text
        article.byline_text, article.byline_before_title = first.text, True
        rest.pop(0)
    if not rest:
        raise InputError(Problem(path, first.line, "has a byline but no title or body",
                                 "add the article text below the byline"))
    article.title = rest.pop(0).text

    while rest and rest[0].single:
        line = rest[0].text
        if (by := _BY_LINE.match(line)) and not article.byline:
            article.byline, article.byline_text = by["name"], line
        elif (date := parse_date_line(line)) and not article.date:
            article.date, article.date_text = date, line
        else:
            break
        rest.pop(0)

    article.body = _parse_body(rest, standfirst)
    if not article.paragraphs:
        raise InputError(Problem(path, article_chunks[0].line, "has no body paragraphs",
                                 "check the seed holds the article text, separated by blank lines"))
    if match := _DATELINE.match(article.paragraphs[0].text):
        article.dateline = match["dateline"]
    article.comments = _parse_comments(comment_chunks)
    return article
