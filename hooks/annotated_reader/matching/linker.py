"""The linker: the one place that knows how names in text are matched to entities.

Rules: curly and straight apostrophes and the hyphen variants are the same character;
case is ignored except for all-capital aliases (``IS`` never matches "is"); a match must
stand on word boundaries (no "Idris" inside "Idrissi"); among overlapping matches the
leftmost, then the longest, wins ("Free Syrian Army" is never "Free" + "Syrian Army");
a possessive ``’s`` stays outside the match because the apostrophe ends the word.

Spelling variants of romanised Arabic names match too ("Jumaah" for "Jumaa", "al Nusra"
for "al-Nusra"): names and text are compared in their folded form (:mod:`.folding`). A
match whose text is not itself a listed name is marked as a variant, so that a maintainer
can confirm it. Only names of at least four folded letters that are not case-sensitive
and belong to one entity match through folding, and a variant of a capitalised name must be
capitalised too. Nothing inside a web address matches, and
:meth:`Linker.find` leaves out names that are part of a longer proper name (:mod:`.proper_names`).

All aliases of the catalog are compiled once into one Aho–Corasick automaton over their
folded forms, so a text is scanned once whatever the size of the catalog.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

import ahocorasick

from ..reading.catalog import Alias, Catalog, is_acronym
from .folding import MIN_FOLDED_LETTERS, fold_lines, fold_with_offsets, letters, lower, normalise
from .proper_names import names_inside_longer_names, url_spans


def alias_key(alias: Alias) -> str:
    """The form under which a name is listed; two names with one key clash."""
    return lower(" ".join(normalise(alias.text).split()))


@dataclass(frozen=True)
class Match:
    """A span of text that names an entity; ``variant`` when only its folded form is a listed name."""

    start: int
    end: int
    entity_id: str
    variant: bool = False


_SHARED = object()
"""The owner of a folded key two entities (or an entity and a switched-off alias) share: matched only as written."""


@dataclass
class _Pattern:
    """Everything the automaton knows under one folded key."""

    exact: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Listed names with this folded form, by alias key: (entity id or None, the alias as written when it
    must match case-sensitively)."""
    folded_owner: str | None = None
    """The entity a name matched only through folding belongs to; None if no name may be (too short,
    case-sensitive, or claimed by two entities)."""
    lower_case: bool = False
    """Whether a listed name under this key starts with a small letter ("bay'ah", "al-Nusra") or is a common
    noun's: else a variant must start with a capital, as "Dash" may be "Daesh" but "dash" is a word."""


class Linker:
    """Finds every mention of a catalog entity in a text with one compiled automaton over folded names."""

    def __init__(self, entries: Iterable[tuple[Alias, str | None]], apart: frozenset[str] = frozenset(),
                 common: frozenset[str] = frozenset()) -> None:
        """Compile (alias, entity id) pairs; the first pair of a key wins, and None switches it off. The names of
        the entities ``apart`` end where "of" begins (see :attr:`.EntityType.named_apart`); those of the entities
        ``common`` are common nouns, whose variants need no capital (:attr:`.EntityType.common_nouns`)."""
        self._entries = list(entries)
        self._apart, self._common = apart, common
        patterns: dict[str, _Pattern] = {}
        owners: dict[str, object] = {}
        keys = [alias_key(alias) for alias, _ in self._entries]
        for (alias, entity_id), key, folded in zip(self._entries, keys, fold_lines(keys), strict=True):
            if not key:
                continue
            pattern = patterns.setdefault(folded, _Pattern())
            pattern.lower_case |= alias.text[:1].islower() or entity_id in common
            if key not in pattern.exact:
                exact = " ".join(normalise(alias.text).split()) if alias.case_sensitive else None
                pattern.exact[key] = (entity_id, exact)
            if alias.case_sensitive or letters(folded) < MIN_FOLDED_LETTERS:
                continue
            owner = owners.setdefault(folded, entity_id)
            owners[folded] = owner if owner == entity_id else _SHARED
        self.keys = frozenset(key for pattern in patterns.values() for key in pattern.exact)
        """Every listed name, as :func:`alias_key` writes it."""
        self._automaton = ahocorasick.Automaton()
        for folded, pattern in patterns.items():
            owner = owners.get(folded)
            pattern.folded_owner = owner if isinstance(owner, str) else None
            self._automaton.add_word(folded, (len(folded), pattern))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Linker:
        return cls(((alias, entity.id) for entity in catalog for alias in entity.names),
                   frozenset(entity.id for entity in catalog if entity.kind.named_apart),
                   frozenset(entity.id for entity in catalog if entity.kind.common_nouns))

    def with_hints(self, hints: dict[str, str | None]) -> Linker:
        """A linker for one article whose sidecar pins aliases to entities or switches them off."""
        if not hints:
            return self
        pinned = [(Alias(text, is_acronym(text)), entity_id) for text, entity_id in hints.items()]
        return Linker(pinned + self._entries, self._apart, self._common)

    def knows(self, text: str) -> bool:
        """Whether ``text`` is a listed name (of any entity, or switched off)."""
        return alias_key(Alias(text, False)) in self.keys

    def find(self, text: str) -> list[Match]:
        """Mentions in ``text``, leftmost-longest, in reading order; none inside a longer proper name or a URL."""
        matches = self.find_names(text)
        apart = {number for number, match in enumerate(matches) if match.entity_id in self._apart}
        inside = names_inside_longer_names(text, [(match.start, match.end) for match in matches], apart)
        return [match for number, match in enumerate(matches) if number not in inside] if inside else matches

    def find_in_blocks(self, texts: list[str]) -> list[list[Match]]:
        """:meth:`find` for each of several texts (an article's blocks), in one pass: folding is array work, whose
        cost is mostly per call, so an article is folded once rather than block by block."""
        starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
        found: list[list[Match]] = [[] for _ in texts]
        for match in self.find("\n".join(texts)):
            number = bisect_right(starts, match.start) - 1
            offset = starts[number]
            found[number].append(Match(match.start - offset, match.end - offset, match.entity_id, match.variant))
        return found

    def find_names(self, text: str) -> list[Match]:
        """Non-overlapping listed names in ``text``, leftmost-longest, in reading order; none inside a URL."""
        if self._empty or not text:
            return []
        folded = fold_with_offsets(text)
        folded_text = folded.text
        hits: list[tuple[int, int, _Pattern]] = []
        for end_index, (length, pattern) in self._automaton.iter(folded_text):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and folded_text[start - 1].isalnum():
                continue
            if end < len(folded_text) and folded_text[end].isalnum():
                continue
            hits.append((start, end, pattern))
        if not hits:
            return []
        starts, ends = folded.spans([hit[0] for hit in hits], [hit[1] for hit in hits])
        candidates = sorted(zip(starts, ends, (hit[2] for hit in hits), strict=True), key=lambda c: (c[0], -c[1]))
        urls = url_spans(text)
        matches: list[Match] = []
        covered_to = 0
        for start, end, pattern in candidates:
            if start < covered_to or (urls and any(s < end and start < e for s, e in urls)):
                continue
            entry = pattern.exact.get(folded.lowered[start:end])
            if entry is not None and (entry[1] is None or normalise(text[start:end]) == entry[1]):
                entity_id, variant = entry[0], False
            elif pattern.folded_owner is not None and (pattern.lower_case or text[start].isupper()):
                entity_id, variant = pattern.folded_owner, True
            else:
                continue
            covered_to = end
            if entity_id is not None:
                matches.append(Match(start, end, entity_id, variant))
        return matches
