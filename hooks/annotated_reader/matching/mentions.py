"""The corpus mention index: every mention of every entity, found once when seeds are read.

Entity backlinks, register counts and "appears with" all read this one index instead of
scanning pages again.
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import NamedTuple

from ..reading.article import Article, Role
from ..reading.catalog import Alias, Catalog
from .linker import Linker, Match, alias_key

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
    variant: bool = False
    """Matched only through folding: its words are not a listed name (see :mod:`.linker`)."""

    @property
    def id(self) -> str:
        """The mention's anchor in its article's page; in a heading, which is never marked, the heading's."""
        if self.role is Role.HEADING:
            return self.block_id
        return mention_id(self.block_id, self.entity_id, self.number)


_DEFINED_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})\)")
"""An acronym defined right after a name: "the Lebanese Armed Forces (LAF)"."""


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are initials of the name's words, the first word's first ("LAF" for the
    Lebanese Armed Forces, "HTS" for Hay'at Tahrir al-Sham), so that "DAMASCUS (AFP)" defines nothing."""
    initials = iter(word[0].upper() for word in re.split(r"[\s-]+", name) if word)
    return next(initials, "") == acronym[0] and all(letter in initials for letter in acronym[1:])


class _Acronyms:
    """Acronyms an article defines after a name it mentions, linked to that name's entity for the rest of it.

    Only an acronym that is no listed name (one the catalog knows keeps its own entity), and whose letters are
    the name's initials."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self.defined: dict[str, str] = {}
        self.pattern: re.Pattern | None = None

    def add(self, text: str, matches: list[Match]) -> list[Match]:
        """``matches`` found in ``text``, with the acronyms defined before each place."""
        since: dict[str, int] = {}
        for match in matches:
            found = _DEFINED_ACRONYM.match(text, match.end)
            if (found and found[1] not in self.defined and not self.linker.knows(found[1])
                    and _abbreviates(found[1], text[match.start:match.end])):
                self.defined[found[1]] = match.entity_id
                since[found[1]] = found.start(1)
                self.pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, self.defined))})(?!\w)")
        if self.pattern is None:
            return matches
        taken = [(match.start, match.end) for match in matches]
        extra = [Match(found.start(), found.end(), self.defined[found.group()]) for found in self.pattern.finditer(text)
                 if found.start() >= since.get(found.group(), 0)
                 and not any(start < found.end() and found.start() < end for start, end in taken)]
        return sorted(matches + extra, key=lambda match: match.start) if extra else matches


def find_mentions(article: Article, linker: Linker, mode: LinkMode) -> list[Mention]:
    """Every mention in an article, in reading order, each block scanned once.

    Mentions in the title and sub-headings are counted but are never links, so they do not
    take the place of the first link of an entity."""
    linker = linker.with_hints(article.alias_hints)
    acronyms = _Acronyms(linker)
    policy = LinkPolicy(mode)
    mentions = []
    blocks = article.annotatable_blocks()
    for block, matches in zip(blocks, linker.find_in_blocks([block.text for block in blocks]), strict=True):
        numbers: Counter[str] = Counter()
        heading = block.role is Role.HEADING
        for match in acronyms.add(block.text, matches):
            numbers[match.entity_id] += 1
            mentions.append(Mention(
                number=numbers[match.entity_id],
                entity_id=match.entity_id,
                article_slug=article.slug,
                block_id=block.id,
                role=block.role,
                start=match.start,
                end=match.end,
                full_link=not heading and policy.is_full_link(match.entity_id, block.id),
                variant=match.variant,
            ))
    return mentions


_NAME_WORD = re.compile(r"[^\W_][\w'’]*")


def names_within_names(catalog: Catalog) -> dict[str, list[str]]:
    """For each place, the entities one of whose names holds one of its names as whole words ("Battle of
    Yabrud" holds "Yabrud", "Anti-Lebanon" holds "Lebanon"), worked out from the catalog once. Only places:
    other names are made of words that are names too ("Free Syrian Army" is not named after the army)."""
    owners = {alias_key(name): (entity.id, name) for entity in catalog for name in entity.names}
    within: dict[str, set[str]] = defaultdict(set)
    for entity in catalog:
        for name in entity.names:
            words = list(_NAME_WORD.finditer(name.text))
            for first, last in combinations(range(len(words) + 1), 2):
                if (first, last) == (0, len(words)):
                    continue
                part = name.text[words[first].start():words[last - 1].end()]
                owner, listed = owners.get(alias_key(Alias(part, False)), (None, None))
                if owner and owner != entity.id and catalog[owner].type == "place" and (
                        not listed.case_sensitive or part == listed.text):
                    within[owner].add(entity.id)
    return {entity_id: sorted(others) for entity_id, others in sorted(within.items())}


class MentionIndex:
    """Mentions by article and by entity, with paragraph co-occurrence, and which names hold others."""

    def __init__(self, mentions_by_article: dict[str, list[Mention]], named_in: dict[str, list[str]] | None = None) -> None:
        self.by_article = mentions_by_article
        self.named_in = named_in or {}
        """Entity id -> the entities whose names hold one of its names (see :func:`names_within_names`)."""
        self.by_entity: dict[str, list[Mention]] = defaultdict(list)
        self._counts: Counter[str] = Counter()
        self._in_comments: Counter[str] = Counter()
        self._articles: Counter[str] = Counter()
        paragraphs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for mentions in mentions_by_article.values():
            self._articles.update({mention.entity_id for mention in mentions})
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

    def articles_naming(self, entity_id: str) -> int:
        """How many articles name the entity anywhere (pull quotes and reader comments too)."""
        return self._articles[entity_id]

    def count_in_comments(self, entity_id: str) -> int:
        """How often reader comments name the entity, counted apart from the articles."""
        return self._in_comments[entity_id]

    def together(self, entity_id: str) -> Counter[str]:
        """Other entities named in the same paragraphs of the articles, with how many paragraphs."""
        return self._together.get(entity_id, Counter())

    def appears_with(self, entity_id: str, limit: int) -> list[tuple[str, int]]:
        """The entities most often named in the same paragraphs, most often first."""
        return sorted(self.together(entity_id).items(), key=lambda item: (-item[1], item[0]))[:limit]


def unused_entities(catalog: Catalog, index: MentionIndex) -> list[str]:
    """Entities no article mentions, not even inside another entity's name ("battle of Yabrud" names Yabrud)."""
    return [entity.id for entity in catalog
            if not index.count(entity.id) and not any(index.count(other) for other in index.named_in.get(entity.id, ()))]
