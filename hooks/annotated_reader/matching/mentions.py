"""The corpus mention index: every mention of every entity, found once when seeds are read.

Entity backlinks, register counts and "appears with" all read this one index instead of
scanning pages again.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from typing import NamedTuple

from ..reading.article import Article, Role
from .linker import Linker

NOT_COUNTED = (Role.PULL_QUOTE, Role.COMMENT)
"""Roles whose mentions are marked but not counted as the article's: a pull quote repeats a sentence the
article already has, and reader comments are the readers' words, counted apart."""


class LinkMode(enum.StrEnum):
    """Which mentions become full links; the others stay marked and hoverable, more quietly."""

    ALL = "all"
    FIRST_IN_PARAGRAPH = "first-in-paragraph"
    FIRST_IN_ARTICLE = "first-in-article"


class LinkPolicy:
    """Decides, mention by mention in reading order, whether it is a full link."""

    def __init__(self, mode: LinkMode) -> None:
        self._mode = mode
        self._seen: set[tuple[str, str]] = set()

    def is_full_link(self, entity_id: str, block_id: str) -> bool:
        scope = block_id if self._mode is LinkMode.FIRST_IN_PARAGRAPH else ""
        if self._mode is LinkMode.ALL:
            return True
        if (scope, entity_id) in self._seen:
            return False
        self._seen.add((scope, entity_id))
        return True


def mention_id(block_id: str, entity_id: str, number: int) -> str:
    """The anchor of the ``number``-th mention of an entity in a block: stable and readable."""
    return f"{block_id}-{entity_id}-{number}"


class Mention(NamedTuple):
    """One place where an article names an entity.

    A corpus has hundreds of thousands, read in worker processes and sent back: a tuple
    with no stored strings of its own is light to hold, to pickle and to build again.
    """

    number: int
    """1 for the entity's first mention in the block, 2 for the second …"""
    entity_id: str
    article_slug: str
    block_id: str
    role: Role
    start: int
    end: int
    full_link: bool

    @property
    def id(self) -> str:
        """The mention's anchor in its article's page."""
        return mention_id(self.block_id, self.entity_id, self.number)


def find_mentions(article: Article, linker: Linker, mode: LinkMode) -> list[Mention]:
    """Every mention in an article, in reading order, each block scanned once."""
    linker = linker.with_hints(article.alias_hints)
    policy = LinkPolicy(mode)
    mentions = []
    for block in article.annotatable_blocks():
        numbers: Counter[str] = Counter()
        for match in linker.find(block.text):
            numbers[match.entity_id] += 1
            mentions.append(Mention(
                number=numbers[match.entity_id],
                entity_id=match.entity_id,
                article_slug=article.slug,
                block_id=block.id,
                role=block.role,
                start=match.start,
                end=match.end,
                full_link=policy.is_full_link(match.entity_id, block.id),
            ))
    return mentions


class MentionIndex:
    """Mentions by article and by entity, with paragraph co-occurrence."""

    def __init__(self, mentions_by_article: dict[str, list[Mention]]) -> None:
        self.by_article = mentions_by_article
        self.by_entity: dict[str, list[Mention]] = defaultdict(list)
        self._counts: Counter[str] = Counter()
        self._in_comments: Counter[str] = Counter()
        paragraphs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for mentions in mentions_by_article.values():
            for mention in mentions:
                self.by_entity[mention.entity_id].append(mention)
                if mention.role is Role.COMMENT:
                    self._in_comments[mention.entity_id] += 1
                if mention.role not in NOT_COUNTED:
                    self._counts[mention.entity_id] += 1
                    paragraphs[(mention.article_slug, mention.block_id)].add(mention.entity_id)
        self._together: dict[str, Counter[str]] = defaultdict(Counter)
        for entity_ids in paragraphs.values():
            for entity_id in entity_ids:
                self._together[entity_id].update(entity_ids - {entity_id})

    def count(self, entity_id: str) -> int:
        """How often the articles themselves name the entity: pull quotes and reader comments left out."""
        return self._counts[entity_id]

    def count_in_comments(self, entity_id: str) -> int:
        """How often reader comments name the entity, counted apart from the articles."""
        return self._in_comments[entity_id]

    def together(self, entity_id: str) -> Counter[str]:
        """Other entities named in the same paragraphs of the articles, with how many paragraphs."""
        return self._together.get(entity_id, Counter())

    def appears_with(self, entity_id: str, limit: int) -> list[tuple[str, int]]:
        """The entities most often named in the same paragraphs, most often first."""
        return sorted(self.together(entity_id).items(), key=lambda item: (-item[1], item[0]))[:limit]
