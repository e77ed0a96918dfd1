"""The structured article a seed becomes: what the parser produces and the renderer reads."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path


class Role(enum.StrEnum):
    """Where in an article a mention stands; mentions keep it so students can weigh them."""

    STANDFIRST = "standfirst"
    BODY = "body"
    CAPTION = "caption"
    PULL_QUOTE = "pull quote"
    COMMENT = "reader comment"
    HEADING = "heading"
    """In the title or a sub-heading: counted and listed, never a link."""


class Kind(enum.StrEnum):
    """What a block of the article is, which decides how it is shown."""

    STANDFIRST = "standfirst"
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    LIST_ITEM = "list item"
    QUESTION = "question"
    ANSWER = "answer"
    CAPTION = "caption"
    PULL_QUOTE = "pull quote"
    COMMENT = "comment"
    LABEL = "label"
    """The label line of a list or a fact box ("See also", "Sources:", the box's name)."""
    FACT = "fact"
    """One line of a fact box ("Leader: …"); a line without a term is one more value of the term above."""
    TITLE = "title"
    """The article's title, as a block only for finding its mentions (see :meth:`Article.annotatable_blocks`)."""


_ROLES = {
    Kind.STANDFIRST: Role.STANDFIRST,
    Kind.PARAGRAPH: Role.BODY,
    Kind.LIST_ITEM: Role.BODY,
    Kind.QUESTION: Role.BODY,
    Kind.ANSWER: Role.BODY,
    Kind.CAPTION: Role.CAPTION,
    Kind.PULL_QUOTE: Role.PULL_QUOTE,
    Kind.COMMENT: Role.COMMENT,
    Kind.FACT: Role.BODY,
    Kind.SUBHEADING: Role.HEADING,
    Kind.TITLE: Role.HEADING,
}


CITABLE = (Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.QUESTION, Kind.ANSWER)
"""Blocks numbered p1, p2 … for citing."""


@dataclass(frozen=True)
class Block:
    """One run of seed text with a stable anchor id (``p7``, ``caption-1`` …)."""

    id: str
    kind: Kind
    text: str
    line: int
    """First line of the block in the seed file (1-based), for error messages."""
    credit: str | None = None
    """A caption's photo credit, as written between the parentheses."""
    marker: str | None = None
    """A list item's bullet or number, as written (``•``, ``3.``)."""
    level: int = 0
    """A list item's depth: 0 for the outer list, 1 for a bullet under it (``**`` or indented) …"""
    term: str | None = None
    """A fact's term with its colon, as written ("Leader:"); the block's text is its value."""

    @property
    def role(self) -> Role | None:
        """The role of mentions in this block; None where names are never looked for."""
        return _ROLES.get(self.kind)

    @property
    def ordered(self) -> bool:
        return bool(self.marker) and self.marker[0].isdigit()


@dataclass(frozen=True)
class Comment:
    """A reader comment: untrusted text, kept apart from the article."""

    number: int
    author: str | None
    paragraphs: tuple[Block, ...]
    date: dt.date | None
    date_text: str | None
    """The date as the seed writes it, shown as received."""


@dataclass
class Article:
    """A parsed seed plus what its sidecar says about it."""

    source: Path
    slug: str
    title: str
    byline: str | None = None
    byline_text: str | None = None
    """The byline line as the seed writes it ("By Jane Doe", or just the name)."""
    date: dt.date | None = None
    date_text: str | None = None
    """The date line as the seed writes it, if the seed has one."""
    dateline: str | None = None
    topic: str | None = None
    """A kicker line naming the article's topic or section ("SYRIA", "Analysis", "Topic: Lebanon")."""
    header_order: tuple[str, ...] = ("title",)
    """The header's parts ("topic", "byline", "title", "date") in the order the seed gives them."""
    title_from_body: bool = False
    """The seed has no title line (a dated news-digest entry): the title was cut from the first sentence."""
    publication: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    body: list[Block] = field(default_factory=list)
    """Standfirst, captions, paragraphs, sub-headings, list items and pull quotes, in seed order."""
    comments: list[Comment] = field(default_factory=list)
    alias_hints: dict[str, str | None] = field(default_factory=dict)
    """Per-article matching hints: alias -> entity id, or None to switch the alias off."""

    def of_kind(self, *kinds: Kind) -> list[Block]:
        return [block for block in self.body if block.kind in kinds]

    @property
    def standfirst(self) -> Block | None:
        return next((block for block in self.body if block.kind is Kind.STANDFIRST), None)

    @property
    def paragraphs(self) -> list[Block]:
        """The numbered, citable blocks: paragraphs, list items, questions and answers."""
        return self.of_kind(*CITABLE)

    def annotatable_blocks(self) -> list[Block]:
        """Every block whose names are looked for, in reading order: the title (id ``title``, its anchor), the
        body's blocks, and the reader comments."""
        title = [Block("title", Kind.TITLE, self.title, 0)] if self.title else []
        blocks = [block for block in self.body if block.role is not None]
        return title + blocks + [paragraph for comment in self.comments for paragraph in comment.paragraphs]
