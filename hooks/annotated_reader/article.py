"""The structured article a seed becomes: what the parser produces and the renderer reads."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path


class Role(enum.StrEnum):
    """Where in an article a piece of text stands; mentions keep it so students can weigh them."""

    STANDFIRST = "standfirst"
    BODY = "body"
    CAPTION = "caption"
    PULL_QUOTE = "pull quote"
    COMMENT = "reader comment"


@dataclass(frozen=True)
class Block:
    """One annotatable run of seed text with a stable anchor id (``p7``, ``caption-1`` …)."""

    id: str
    role: Role
    text: str
    line: int
    """First line of the block in the seed file (1-based), for error messages."""


@dataclass(frozen=True)
class Caption:
    """A photo caption and its credit; a caption repeated in the seed is kept once."""

    block: Block
    credit: str | None


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
    date: dt.date | None = None
    date_text: str | None = None
    """The date line as the seed writes it, if the seed has one."""
    dateline: str | None = None
    publication: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    standfirst: Block | None = None
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[Block] = field(default_factory=list)
    pull_quotes: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    alias_hints: dict[str, str | None] = field(default_factory=dict)
    """Per-article matching hints: alias -> entity id, or None to switch the alias off."""

    def blocks(self) -> list[Block]:
        """Every annotatable block in reading order (the order the page shows them)."""
        blocks = [self.standfirst] if self.standfirst else []
        blocks += [caption.block for caption in self.captions]
        blocks += self.paragraphs
        blocks += self.pull_quotes
        for comment in self.comments:
            blocks += comment.paragraphs
        return blocks
