"""The linker: the one place that knows how names in text are matched to entities.

Rules: curly and straight apostrophes and the hyphen variants are the same character;
case is ignored except for all-capital aliases (``IS`` never matches "is"); a match must
stand on word boundaries (no "Idris" inside "Idrissi"); among overlapping matches the
leftmost, then the longest, wins ("Free Syrian Army" is never "Free" + "Syrian Army");
a possessive ``’s`` stays outside the match because the apostrophe ends the word.

All aliases of the catalog are compiled once into one Aho–Corasick automaton, so a text
is scanned once whatever the size of the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from ..reading.catalog import Alias, Catalog, is_acronym

_SAME_CHARACTER = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}
_VARIANT = re.compile("[" + "".join(_SAME_CHARACTER) + "]")


def normalise(text: str) -> str:
    """Fold apostrophe, hyphen and space variants; the result has the same length as ``text``.

    A regular expression finds the few variants (``str.translate`` visits every character
    in Python and is many times slower on long texts).
    """
    return _VARIANT.sub(lambda match: _SAME_CHARACTER[match.group()], text)


def _lower_same_length(text: str) -> str:
    """Lower-case without changing the length (a few characters, like 'İ', lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def alias_key(alias: Alias) -> str:
    """The form under which the automaton stores an alias; two aliases with one key clash."""
    return _lower_same_length(" ".join(normalise(alias.text).split()))


@dataclass(frozen=True)
class Match:
    """A span of text that names an entity."""

    start: int
    end: int
    entity_id: str


@dataclass(frozen=True)
class _Pattern:
    entity_id: str | None
    exact: str | None
    """The alias as written, when it must match case-sensitively."""


class Linker:
    """Finds every mention of a catalog entity in a text with one compiled automaton."""

    def __init__(self, entries: Iterable[tuple[Alias, str | None]]) -> None:
        """Compile (alias, entity id) pairs; the first pair of a key wins, and None switches it off."""
        self._entries = list(entries)
        self._automaton = ahocorasick.Automaton()
        for alias, entity_id in self._entries:
            key = alias_key(alias)
            if key and key not in self._automaton:
                exact = " ".join(normalise(alias.text).split()) if alias.case_sensitive else None
                self._automaton.add_word(key, (len(key), _Pattern(entity_id, exact)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Linker:
        return cls((alias, entity.id) for entity in catalog for alias in entity.names)

    def with_hints(self, hints: dict[str, str | None]) -> Linker:
        """A linker for one article whose sidecar pins aliases to entities or switches them off."""
        if not hints:
            return self
        pinned = [(Alias(text, is_acronym(text)), entity_id) for text, entity_id in hints.items()]
        return Linker(pinned + self._entries)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping mentions in ``text``, leftmost-longest, in reading order."""
        if self._empty or not text:
            return []
        folded = normalise(text)
        lowered = _lower_same_length(folded)
        candidates: list[tuple[int, int, str]] = []
        for end_index, (length, pattern) in self._automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and lowered[start - 1].isalnum():
                continue
            if end < len(lowered) and lowered[end].isalnum():
                continue
            if pattern.exact is not None and folded[start:end] != pattern.exact:
                continue
            candidates.append((start, -end, pattern.entity_id))
        matches: list[Match] = []
        covered_to = 0
        for start, negative_end, entity_id in sorted(candidates, key=lambda c: (c[0], c[1])):
            if start >= covered_to:
                covered_to = -negative_end
                if entity_id is not None:
                    matches.append(Match(start, covered_to, entity_id))
        return matches
