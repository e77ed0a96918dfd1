"""Turns a raw scraped article (``seeds/*.txt``) into an :class:`Article`.

Scraped news text comes in a family of shapes rather than one format: an optional
byline, a title that the scraper may have broken over lines, an optional date line and
standfirst, photo captions with a credit in parentheses (often repeated), body
paragraphs, a pull quote that repeats a body sentence, then reader comments as
bullet-marked author lines, indented text and a date. The parser reads blank-line
separated chunks and classifies each by its shape, never by its line number.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .article import Article, Block, Caption, Comment, Role
from .dates import parse_date_line
from .errors import InputError, Problem
from .sentences import sentence_spans

_BY_LINE = re.compile(r"^by\s+(?P<name>\S.{0,60})$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al-\w+|bin|ibn|de|van|von)){1,4}$")
_CREDIT = re.compile(r"^(?P<text>.*\S)\s*\((?P<credit>[^()]{2,80})\)$")
_CREDIT_WORDS = re.compile(
    r"/|\b(?:AFP|AP|Reuters|Getty|EPA|Anadolu|photo|image|courtesy|file|handout)\b|©", re.IGNORECASE
)
_CAPTION_PREFIX = re.compile(r"^(?:photo|image|picture|caption)\s*:\s*\S", re.IGNORECASE)
_COMMENT_AUTHOR = re.compile(r"^[•·▪*\-–]\s+(?P<author>\S.{0,60})$")
_COMMENTS_HEADING = re.compile(r"^(?:\d+\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?\s*:?$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^()]{1,40}\))?)\s+[—–-]{1,2}\s+\S"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"\w+")

STANDFIRST_MAX_CHARS = 320
PULL_QUOTE_MIN_WORDS = 5
PULL_QUOTE_OVERLAP = 0.8
PULL_QUOTE_SOURCE_RATIO = 1.5
"""A pull quote is lifted from a paragraph at least this much longer than itself."""


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


def decode_seed(raw: bytes, path: Path) -> tuple[str, list[Problem]]:
    """Seed bytes as clean text: BOM and CRLF removed, HTML entities and control bytes undone."""
    warnings: list[Problem] = []
    if b"\x00" in raw:
        raise InputError(Problem(path, None, "is a binary file, not a text article",
                                 "remove it from seeds/ or replace it with the article's plain text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = raw.decode("cp1252", errors="replace")
        line = raw[: error.start].count(b"\n") + 1
        warnings.append(Problem(path, line, "is not valid UTF-8; decoded as Windows-1252",
                                "re-save the seed as UTF-8 or check the decoded text"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = html.unescape(text)
    text = _CONTROL.sub("", text).replace("\u00a0", " ")
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
    return len(text) <= 60 and bool(_NAME.match(text)) and not text.endswith((".", "?", "!", ":"))


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


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def _repeats_a_sentence(candidate: str, paragraphs: list[str]) -> bool:
    """True when nearly every word of ``candidate`` stands in one sentence of a longer paragraph."""
    words = _words(candidate)
    if len(words) < PULL_QUOTE_MIN_WORDS:
        return False
    for paragraph in paragraphs:
        if len(paragraph) < PULL_QUOTE_SOURCE_RATIO * len(candidate):
            continue
        for start, end in sentence_spans(paragraph):
            if len(words & _words(paragraph[start:end])) >= PULL_QUOTE_OVERLAP * len(words):
                return True
    return False


def _comment_author(chunk: _Chunk) -> str | None:
    """The author of a comment that starts at this chunk (a bullet and a short handle), if any."""
    match = _COMMENT_AUTHOR.match(chunk.text) if chunk.single else None
    if match and len(match["author"]) <= 40 and not match["author"].endswith((".", "?", "!")):
        return match["author"]
    return None


def _split_comments(chunks: list[_Chunk]) -> tuple[list[_Chunk], list[_Chunk]]:
    """(article chunks, comment chunks): comments start at a bullet author line or a heading."""
    for index, chunk in enumerate(chunks):
        if index == 0 or not chunk.single:
            continue
        if _COMMENTS_HEADING.match(chunk.text):
            return chunks[:index], chunks[index + 1:]
        if _comment_author(chunk):
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
            paragraphs.append(Block(block_id, Role.COMMENT, chunk.text, chunk.line))
    close()
    return comments


def _is_standfirst(chunk: _Chunk, rest: list[_Chunk], is_caption) -> bool:
    """A short one-line lead that a caption follows, or that is much shorter than the paragraphs after it."""
    following = rest[rest.index(chunk) + 1:]
    if not chunk.single or len(chunk.text) > STANDFIRST_MAX_CHARS or len(following) < 2 or _DATELINE.match(chunk.text):
        return False
    if is_caption(following[0]):
        return True
    return len(chunk.text) * 2 <= statistics.median(len(other.text) for other in following)


def parse_seed(text: str, path: Path, slug: str) -> Article:
    """Parse decoded seed text into an :class:`Article` (sidecar overrides are applied later)."""
    chunks = _chunks(unicodedata.normalize("NFC", text))
    article_chunks, comment_chunks = _split_comments(chunks)
    if not article_chunks:
        raise InputError(Problem(path, None, "has no title or body",
                                 "check that the article text is above the reader comments"))
    article = Article(source=path, slug=slug, title="")
    rest = list(article_chunks)

    first = rest[0]
    if first.single and (by := _BY_LINE.match(first.text)):
        article.byline = by["name"]
        rest.pop(0)
    elif first.single and _looks_like_name(first.text) and len(rest) > 1:
        article.byline = first.text
        rest.pop(0)
    if not rest:
        raise InputError(Problem(path, first.line, "has a byline but no title or body",
                                 "add the article text below the byline"))
    article.title = rest.pop(0).text

    while rest and rest[0].single:
        line = rest[0].text
        if (by := _BY_LINE.match(line)) and not article.byline:
            article.byline = by["name"]
        elif (date := parse_date_line(line)) and not article.date:
            article.date, article.date_text = date, line
        else:
            break
        rest.pop(0)

    texts = [chunk.text for chunk in rest]
    body: list[_Chunk] = []
    seen_captions: set[str] = set()
    def caption_parts(chunk: _Chunk) -> tuple[str, str | None] | None:
        return _caption_parts(chunk, repeated=texts.count(chunk.text) > 1)

    for chunk in rest:
        parts = caption_parts(chunk)
        if parts:
            if chunk.text not in seen_captions:
                seen_captions.add(chunk.text)
                block = Block(f"caption-{len(article.captions) + 1}", Role.CAPTION, parts[0], chunk.line)
                article.captions.append(Caption(block, parts[1]))
        elif not body and article.standfirst is None and _is_standfirst(chunk, rest, caption_parts):
            article.standfirst = Block("standfirst", Role.STANDFIRST, chunk.text, chunk.line)
        elif chunk.single and _repeats_a_sentence(chunk.text, texts):
            block = Block(f"pull-quote-{len(article.pull_quotes) + 1}", Role.PULL_QUOTE, chunk.text, chunk.line)
            article.pull_quotes.append(block)
        else:
            body.append(chunk)

    if not body:
        raise InputError(Problem(path, article_chunks[0].line, "has no body paragraphs",
                                 "check the seed holds the article text, separated by blank lines"))
    if match := _DATELINE.match(body[0].text):
        article.dateline = match["dateline"]
    article.paragraphs = [Block(f"p{n}", Role.BODY, chunk.text, chunk.line) for n, chunk in enumerate(body, 1)]
    article.comments = _parse_comments(comment_chunks)
    return article
