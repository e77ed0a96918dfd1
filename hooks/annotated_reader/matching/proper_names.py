"""Where a name stands in its text: inside a longer proper name, inside a URL, at a sentence's start.

"Lebanon" in "Anti-Lebanon", "Dimashq" in "Rif Dimashq", "Islamic State" and "Iraq" in
"Islamic State of Iraq", "Hama" in "Hama Governorate" and "al-Baghdadi" in "Abu Omar
al-Baghdadi" are parts of other names: :func:`inside_longer_name` tells the linker not to
link them. A name is longer when a capitalised word is joined to it by a space or a
hyphen, possibly across connectors ("of", "al-", "bin" …). Not longer: a capitalised word
that opens a sentence and is written in lower case everywhere else ("Yesterday Hezbollah"),
a function word or a title ("In Damascus", "President Assad", "Hezbollah Secretary-General"),
a possessive ("Nusra's Emir"), another name written right next to it ("Lebanon-Syria",
"Emir Abu Malek": two names, both linked), and any word in a heading written in title case.
"""

from __future__ import annotations

import re

from ..reading.stop_words import STOP_WORDS

CONNECTORS = {"al", "el", "an", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "bint", "abu", "of", "the", "de",
              "du", "van", "von"}
"""Words that join the parts of one name ("Abu Malek al-Talli", "Islamic State of Iraq")."""
_HYPHENATED_ONLY = {"an", "ad", "ar", "as", "ash", "at", "az"}
"""The article as assimilated ("ash-Sham") joins a name only with a hyphen: "as", "at" and "an" are English words."""
SPACED_CONNECTORS = CONNECTORS - _HYPHENATED_ONLY
"""Connectors that join the parts of a name across a space ("Abu Malek al Talli", "Army of Islam")."""
MONTHS_AND_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
FUNCTION_WORDS = STOP_WORDS | {
    "i", "according", "meanwhile", "however", "yesterday", "today", "tomorrow", "last", "next", "former", "late",
}
"""Lower-case words that stop the words around them from being one name, even when capitalised."""
TITLES = {
    "president", "emir", "amir", "caliph", "sheikh", "shaykh", "imam", "mufti", "sayyed", "sayyid", "king", "prince",
    "minister", "general", "colonel", "commander", "chief", "leader", "spokesman", "spokesperson", "secretary",
    "deputy", "brigadier", "lieutenant", "major", "captain", "mr", "mrs", "ms", "dr", "judge", "governor",
}
"""Titles before or after a name are not part of it ("President Assad", "ISIS Emir")."""
_NOT_NAME_PARTS = FUNCTION_WORDS | TITLES | {word.lower() for word in MONTHS_AND_DAYS}
_WORD_AFTER = re.compile(r"([ -])([^\W\d_][\w'’]*)")
_SENTENCE_END = ".!?…:;\"“‘(—–["
_CAPITALISED = re.compile(r"(?<=[^\s.!?…:;\"“‘(—–\[]) ([^\W\d_a-z][\w'’]*)")
_LOOK_BACK = 40
_NEARBY = 2000
_HEADING_CHARS = 200


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence, of a line or of the text."""
    before = text[max(0, start - 5):start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END or before[-1] == "\n"


def _connects(word: str, separator: str) -> bool:
    """Whether ``word`` followed by ``separator`` joins the parts of a name."""
    lowered = word.lower()
    return lowered in CONNECTORS and (separator == "-" or lowered not in _HYPHENATED_ONLY)


def _title_cased(text: str) -> bool:
    """A short text most of whose words are capitalised: a heading such as "ISIS Expansionism Will Burn Qalamoun"."""
    if len(text) > _HEADING_CHARS:
        return False
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", text) if word.lower() not in CONNECTORS]
    return len(words) > 2 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


class _Context:
    """One text and its other names, asked about each name in turn."""

    def __init__(self, text: str, starts: set[int], ends: set[int], apart_ends: set[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends
        self.apart_ends = apart_ends
        """Where the names of entities named apart end: "of" after them joins them to no other name."""

    def capitalised_mid_sentence(self, word: str, position: int) -> bool:
        """Whether the text writes ``word`` capitalised other than at a sentence's start, within
        :data:`_NEARBY` characters of ``position`` (a paragraph, or the part of a long text around it)."""
        start = max(0, position - _NEARBY)
        return word in set(_CAPITALISED.findall(self.text, start, position + _NEARBY))

    def _name_part(self, word: str, start: int, joined: bool, other_name: bool) -> bool:
        """Whether ``word`` makes the name next to it longer; ``other_name`` if it is part of another name found."""
        if not word[0].isupper() or word.lower() in _NOT_NAME_PARTS or word[-1] in "'’" or word[-2:] in ("'s", "’s"):
            return False
        if other_name and not joined:
            return False
        return not opens_sentence(self.text, start) or self.capitalised_mid_sentence(word, start)

    def extends_left(self, start: int) -> bool:
        position, joined = start, False
        text = self.text
        while True:
            if position < 2 or text[position - 1] not in " -" or not text[position - 2].isalnum():
                return False
            space = max(text.rfind(" ", max(0, position - _LOOK_BACK), position - 1), 0)
            before = text[space:position - 1]
            if text[space + (text[space] == " ")].islower() and "-" not in before and before.strip() not in CONNECTORS:
                return False  # the common case, a lower-case word: no regular expression needed
            word_start = position - 1
            while word_start > max(0, position - _LOOK_BACK) and (text[word_start - 1].isalnum() or text[word_start - 1] in "'’"):
                word_start -= 1
            word = text[word_start:position - 1]
            if not word[:1].isalpha():
                return False
            if _connects(word, text[position - 1]):
                if word.lower() == "of" and word_start - 1 in self.apart_ends:
                    return False  # "Arraba Idris of Liwa Maghaweer": a person of a group
                position, joined = word_start, True
                continue
            return self._name_part(word, word_start, joined, word_start + len(word) in self.ends)

    def extends_right(self, end: int) -> bool:
        position, joined = end, False
        while found := _WORD_AFTER.match(self.text, position):
            word = found.group(2)
            if word.lower() == "of" and end in self.apart_ends:
                return False
            if _connects(word, self.text[found.end():found.end() + 1]):
                position, joined = found.end(), True
                continue
            return self._name_part(word, found.start(2), joined, found.start(2) in self.starts)
        return False


def names_inside_longer_names(text: str, spans: list[tuple[int, int]], apart: set[int] = frozenset()) -> set[int]:
    """The indexes of the ``spans`` (names found in ``text``) that are part of a longer proper name; the names of
    the spans ``apart`` (people's) end where "of" begins."""
    if not spans or _title_cased(text):
        return set()
    context = _Context(text, {start for start, _ in spans}, {end for _, end in spans},
                       {spans[number][1] for number in apart})
    inside = set()
    for number, (start, end) in enumerate(spans):
        if _alone(text, start, end) or text[start:end].lower() in TITLES:
            continue
        if context.extends_left(start) or context.extends_right(end):
            inside.add(number)
    return inside


def _alone(text: str, start: int, end: int) -> bool:
    """The common case, told without a regular expression: punctuation or a lower-case word that is no
    connector on both sides."""
    after = text[end:end + 2]
    if len(after) == 2 and after[0] in " -" and after[1].isalpha():
        if not after[1].islower():
            return False
        space = text.find(" ", end + 1, end + 8)
        if text[end + 1:space if space > 0 else end + 8] in CONNECTORS or "-" in text[end + 1:end + 6]:
            return False
    if start < 2 or text[start - 1] not in " -" or not text[start - 2].isalpha():
        return True
    space = text.rfind(" ", max(0, start - _LOOK_BACK), start - 1) + 1
    word = text[space:start - 1]
    return word[:1].islower() and "-" not in word and word not in CONNECTORS


_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|gov|edu|int|mil|info|io|sy|lb|iq|uk)\b|\.[a-z]{2,6}/")
_URL_REST = re.compile(r"\S*")
_URL_OPENING = re.compile(r"[^\s(<\"“'‘]*$")
_URL_TRAILING = ".,;:!?)\"”’'"


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web address in ``text``: http(s)://…, www.…, or a bare domain.tld or domain.tld/path."""
    spans: list[tuple[int, int]] = []
    for hint in _URL_HINT.finditer(text):
        if spans and hint.start() < spans[-1][1]:
            continue
        window = max(0, hint.start() - 200)
        start = _URL_OPENING.search(text, window, hint.start()).start()
        end = _URL_REST.match(text, hint.end()).end()
        while end > hint.end() and text[end - 1] in _URL_TRAILING:
            end -= 1
        spans.append((start, end))
    return spans
