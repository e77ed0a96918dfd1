"""Folding: one key for the spellings of a romanised Arabic name, with a map from the key back to the text.

Romanisations of one Arabic name differ in ways a reader does not notice: "al-Nusra" and
"al Nusra", "Jumaa" and "Jumaah", "bay'ah" and "bayah", "Talli" and "Tali", "Yabroud" and
"Yabrud", "Emeer" and "Emir", "Jaish" and "Jaysh", "Sheikh" and "Shaikh", "Iraq" and "Irak".
:func:`fold` maps them all to one form, in three steps, so that each folded character
comes from exactly one character of the text:

1. each character is normalised (curly and straight apostrophes, hyphen and space variants
   are one character) and lower-cased (:func:`normalise`, :func:`lower`);
2. substitutions that keep the length, in this order: the article ``al``/``el`` at a word's
   start followed by a hyphen or a space, and its assimilated forms ``an-``, ``ad-``,
   ``ar-``, ``as-``, ``at-``, ``az-`` (and ``e…``) with a hyphen, become ``al-``; ``ash-``
   becomes ``all-`` (``al-`` after step 3); an ``e`` next to another becomes ``i``; every ``o``
   becomes ``u`` (Arabic has no *o*: "Qalamon", "Qalamoun" and "Qalamun" are one name); an ``e``
   after ``a`` becomes ``a`` ("Daesh" and "Daash"); ``ei`` becomes ``ai``; ``ay`` not
   before a vowel becomes ``ai``;
   ``q`` becomes ``k`` except in an English-looking ``qu`` + vowel ("quite");
3. deletions: the first of two equal letters (also across a mark: "sa'ad"), an apostrophe or
   ʿayn/hamza mark between two letters (a possessive ``'s`` is kept), and a word-final ``h``
   after ``a`` or ``e``.

"alNusra" (no separator) is not folded to "al-Nusra": too many ordinary words start with
"al"; "as Assad" (a space after a sun letter) is not "al-Assad": "as", "at" and "an" are
English words. Every deleted character stands inside a word, so a span of whole words of the
folded text maps back to the exact span of the text (:class:`Folded`).

The text of a whole corpus is folded at once, so the steps are array operations (numpy)
over the text's code points rather than regular expressions, which were ten times slower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_SAME_CHARACTER = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}
_VARIANT = re.compile("[" + "".join(_SAME_CHARACTER) + "]")
MIN_FOLDED_LETTERS = 4
"""A name is matched through folding only if its folded form has at least this many letters."""


def normalise(text: str) -> str:
    """Fold apostrophe, hyphen and space variants; the result has the same length as ``text``."""
    return _VARIANT.sub(lambda match: _SAME_CHARACTER[match.group()], text)


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """For each code point of the first plane: its normalised lower case (itself where that is two characters),
    and its class (:data:`_LETTER`, :data:`_VOWEL` … bits). Code points beyond are of no class."""
    lower = np.arange(0x10000, dtype=np.uint16)
    classes = np.zeros(0x10001, dtype=np.uint8)
    for code in range(0x10000):
        character = chr(code)
        lowered = _SAME_CHARACTER.get(character, character).lower()
        if len(lowered) == 1:
            lower[code] = ord(lowered)
        classes[code] = (_LETTER * character.isalpha() | _WORD * character.isalnum() | _VOWEL * (character in "aeiou")
                         | _MARK * (character in _MARKS) | _SUN * (character in "ndrstz"))
    return lower, classes


_LETTER, _WORD, _VOWEL, _MARK, _SUN = 1, 2, 4, 8, 16
_MARKS = "'\u02be\u02bf\u02bb"
"""Apostrophe (after normalisation), ʾ (hamza), ʿ (ʿayn) and ʻ: dropped between letters."""
_LOWER, _CLASSES = _tables()
_A, _E, _H, _I, _K, _L, _O, _Q, _S, _U, _Y = (ord(c) for c in "aehiklo" "qsuy")
_HYPHEN, _SPACE = ord("-"), ord(" ")
_PAD = 4


_LOWER_MAP = {code: int(lowered) for code, lowered in enumerate(_LOWER) if lowered != code}
"""The same table as a mapping, for short texts (names), where array work costs more than it saves."""
_SHORT = 200


def lower(text: str) -> str:
    """The normalised lower case of ``text``, character by character (so of the same length)."""
    return text.translate(_LOWER_MAP) if len(text) < _SHORT else _decode(_lowered_codes(text))


def _codes(text: str) -> np.ndarray:
    """The text's code points: 16 bits each when it has none beyond the first plane (most text), else 32."""
    narrow = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(narrow) == len(text) and not ((narrow & 0xF800) == 0xD800).any():
        return narrow
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _decode(codes: np.ndarray) -> str:
    encoding = "utf-16-le" if codes.dtype == np.uint16 else "utf-32-le"
    return codes.tobytes().decode(encoding, "surrogatepass")


def _lowered_codes(text: str) -> np.ndarray:
    codes = _codes(text)
    if codes.dtype == np.uint16:
        return _LOWER[codes]
    return np.where(codes < 0x10000, _LOWER[np.minimum(codes, 0xFFFF)], codes)


class _Padded:
    """The code points, and their classes, with room on both sides; rules read them at positions.

    Substitutions change letters into letters and a space into a hyphen, so the classes are
    worked out once, before them. Each rule first finds the few positions of its first
    letter, and reads the characters around those only."""

    def __init__(self, codes: np.ndarray) -> None:
        self.n = len(codes)
        self.codes = np.zeros(self.n + 2 * _PAD, dtype=codes.dtype)
        self.codes[_PAD:_PAD + self.n] = codes
        self.classes = _CLASSES[self.codes if codes.dtype == np.uint16 else np.minimum(self.codes, 0x10000)]

    def where(self, code: int) -> np.ndarray:
        """Positions (in the padded array) of a code point."""
        return np.flatnonzero(self.codes == code)

    def is_(self, kind: int, positions: np.ndarray) -> np.ndarray:
        return (self.classes[positions] & kind) != 0


def _substitute(text: _Padded) -> None:
    """Step 2, in place."""
    c, is_ = text.codes, text.is_
    a, e = text.where(_A), text.where(_E)
    starts = np.concatenate([a, e])
    starts = starts[~is_(_WORD, starts - 1)]
    article = starts[(c[starts + 1] == _L) & ((c[starts + 2] == _HYPHEN) | (c[starts + 2] == _SPACE)) & is_(_LETTER, starts + 3)]
    sun = starts[is_(_SUN, starts + 1) & (c[starts + 2] == _HYPHEN) & is_(_LETTER, starts + 3)]
    shin = starts[(c[starts + 1] == _S) & (c[starts + 2] == _H) & (c[starts + 3] == _HYPHEN) & is_(_LETTER, starts + 4)]
    c[article], c[article + 2] = _A, _HYPHEN
    c[sun], c[sun + 1] = _A, _L
    c[shin], c[shin + 1], c[shin + 2] = _A, _L, _L
    e = e[c[e] == _E]
    double_e = e[c[e + 1] == _E]
    c[double_e], c[double_e + 1] = _I, _I
    c[text.where(_O)] = _U
    c[a[c[a + 1] == _E] + 1] = _A
    e = e[c[e] == _E]
    c[e[c[e + 1] == _I]] = _A
    a = np.concatenate([a, article, sun, shin])
    ay = a[(c[a + 1] == _Y) & ~(is_(_VOWEL, a + 2) | (is_(_MARK, a + 2) & is_(_VOWEL, a + 3)))]
    c[ay + 1] = _I
    q = text.where(_Q)
    english = (c[q + 1] == _U) & is_(_VOWEL, q + 2) & (c[q + 2] != _U)
    c[q[~english]] = _K


def _kept(text: _Padded) -> np.ndarray:
    """Step 3: whether each character stays."""
    c, is_ = text.codes, text.is_
    deleted = np.zeros(len(c), dtype=bool)
    inner = c[_PAD:-_PAD]
    doubled = np.flatnonzero(inner == c[_PAD + 1:len(c) - _PAD + 1]) + _PAD
    deleted[doubled[is_(_LETTER, doubled)]] = True
    marks = np.flatnonzero((text.classes & _MARK) != 0)
    across = marks[is_(_LETTER, marks - 1) & (c[marks + 1] == c[marks - 1])]
    deleted[across - 1] = True
    possessive = (c[marks + 1] == _S) & ~is_(_WORD, marks + 2)
    deleted[marks[is_(_LETTER, marks - 1) & is_(_LETTER, marks + 1) & ~possessive]] = True
    h = text.where(_H)
    deleted[h[((c[h - 1] == _A) | (c[h - 1] == _E)) & ~is_(_WORD, h + 1)]] = True
    return ~deleted[_PAD:-_PAD]


@dataclass(frozen=True)
class Folded:
    """Folded text with the way back: spans of the folded text to spans of the text it came from."""

    text: str
    lowered: str
    """The text it came from, normalised and lower-cased (of the same length)."""
    kept: np.ndarray | None
    """For each folded character, the offset of the character it came from; None when nothing was deleted."""

    def spans(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """Where folded spans of whole words start and end in the text, deleted letters at their edges included."""
        if self.kept is None:
            return starts, ends
        kept = np.append(self.kept, len(self.lowered))
        first, last = np.array(starts), np.array(ends)
        return np.where(first > 0, kept[first - 1] + 1, 0).tolist(), kept[last].tolist()


def fold_with_offsets(text: str) -> Folded:
    """Fold ``text`` (any text: it is normalised and lower-cased first), keeping where each character came from."""
    codes = _lowered_codes(text)
    padded = _Padded(codes)
    _substitute(padded)
    keep = _kept(padded)
    folded = padded.codes[_PAD:-_PAD]
    if keep.all():
        return Folded(_decode(folded), _decode(codes), None)
    return Folded(_decode(folded[keep]), _decode(codes), np.flatnonzero(keep))


def fold(text: str) -> str:
    """The folded form of ``text``."""
    return fold_with_offsets(text).text


def fold_lines(texts: list[str]) -> list[str]:
    """The folded forms of many short texts (names) at once: folding stops at a line's end."""
    return fold("\n".join(texts)).split("\n") if texts else []


def letters(folded: str) -> int:
    """How many letters a folded key has (spaces and hyphens not counted)."""
    return sum(character.isalpha() for character in folded)
