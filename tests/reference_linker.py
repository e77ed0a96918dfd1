"""A straightforward reference for the linker: every run of whole words, folded and looked up, longest first.

Slow (it folds every run of up to a few words on its own, with regular expressions that
read like the rules, where the linker folds the whole text once with array operations and
scans it with one automaton) but obviously right, so the fast matcher, its folding, its
offset map and its choice between overlapping names are checked against it, in the tests
and in the benchmark. It shares with the linker only the character normalisation, the web
addresses and the longer-name test.
"""

from __future__ import annotations

import re

from annotated_reader.matching.folding import MIN_FOLDED_LETTERS, letters, normalise
from annotated_reader.matching.proper_names import names_inside_longer_names, url_spans
from annotated_reader.reading.catalog import Alias

_MARKS = "'\u02be\u02bf\u02bb"
_LETTER = r"[^\W\d_]"
_SUBSTITUTIONS = [  # in order; each keeps the length
    (re.compile(rf"(?<![^\W_])[ae](?:l[ -]|[ndrstz]-)(?={_LETTER})"), "al-"),  # al Nusra, el-Nusra, an-Nusra
    (re.compile(rf"(?<![^\W_])[ae]sh-(?={_LETTER})"), "all-"),  # ash-Sham
    (re.compile("e(?=e)|(?<=e)e"), "i"),  # every e next to another e
    (re.compile("o"), "u"),
    (re.compile("(?<=a)e"), "a"),
    (re.compile("e(?=i)"), "a"),
    (re.compile(f"(?<=a)y(?![{_MARKS}]?[aeiou])"), "i"),
    (re.compile("q(?!u[aeio])"), "k"),
]
_DELETED = re.compile(
    rf"({_LETTER})(?=[{_MARKS}]?\1)"  # the first of two equal letters, also across a mark ("sa'ad")
    rf"|(?<={_LETTER})[{_MARKS}](?={_LETTER})(?!s(?![^\W_]))"  # a mark inside a word, not a possessive 's
    r"|(?<=[ae])h(?![^\W_])"  # a word-final h after a or e
)


def lower(text: str) -> str:
    """Normalised and lower-cased character by character, so of the same length."""
    text = normalise(text)
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """The folding rules of :mod:`annotated_reader.matching.folding`, one regular expression each."""
    text = lower(text)
    for pattern, replacement in _SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    return _DELETED.sub("", text)


_WORD = re.compile(r"[^\W_]+(?:(?<=[^\W\d_])'(?=[^\W\d_])(?!s(?![^\W_]))[^\W_]+)*", re.IGNORECASE)
"""A word: letters and digits, and an apostrophe between two letters ("bay'ah"), not a possessive 's."""


def _names(entries: list[tuple[Alias, str]]) -> tuple[dict[str, dict[str, tuple[str, str | None]]], dict[str, str | None],
                                                      set[str]]:
    """Listed names by folded form and alias key, the entity each folded form means when only it matches, and
    the folded forms of names that start with a small letter."""
    exact: dict[str, dict[str, tuple[str, str | None]]] = {}
    owners: dict[str, set[str]] = {}
    lower_case = set()
    for alias, entity_id in entries:
        written = " ".join(normalise(alias.text).split())
        key = lower(written)
        exact.setdefault(fold(key), {}).setdefault(key, (entity_id, written if alias.case_sensitive else None))
        if not alias.case_sensitive and letters(fold(key)) >= MIN_FOLDED_LETTERS:
            owners.setdefault(fold(key), set()).add(entity_id)
        if alias.text[:1].islower():
            lower_case.add(fold(key))
    return exact, {folded: next(iter(ids)) if len(ids) == 1 else None for folded, ids in owners.items()}, lower_case


def reference_find(text: str, entries: list[tuple[Alias, str]]) -> list[tuple[int, int, str, bool]]:
    """(start, end, entity id, variant) of each mention: leftmost, then longest, on word boundaries."""
    exact, owners, lower_case = _names(entries)
    longest = 2 * max((len(alias.text) for alias, _ in entries), default=0) + 8
    normalised = normalise(text)
    words = [(m.start(), m.end()) for m in _WORD.finditer(normalised)]
    urls = url_spans(text)
    found, covered_to = [], 0
    for number, (start, _) in enumerate(words):
        if start < covered_to:
            continue
        best = None
        for _, end in words[number:]:
            if end - start > longest:
                break
            if urls and any(s < end and start < e for s, e in urls):
                continue
            written = normalised[start:end]
            folded = fold(written)
            names = exact.get(folded)
            if names is None:
                continue
            name = names.get(lower(written))
            if name is not None and (name[1] is None or written == name[1]):
                best = (start, end, name[0], False)
            elif owners.get(folded) and (folded in lower_case or written[0].isupper()):
                best = (start, end, owners[folded], True)
        if best:
            found.append(best)
            covered_to = best[1]
    inside = names_inside_longer_names(text, [(start, end) for start, end, _, _ in found])
    return [match for number, match in enumerate(found) if number not in inside]
