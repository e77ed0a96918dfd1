"""Text as it is matched and shown: NFC-normalised, without invisible format characters.

Scraped text and hand-typed names carry zero-width characters and bidirectional controls
that no reader sees but that break matching (``Hez\\u200bbollah`` would not link) or turn
a title around on screen (U+202E). All are removed, with one exception: a zero-width
non-joiner (U+200C) between two Arabic-script letters is kept, because there it is
spelling (it stops two letters joining), not noise. Seed files themselves are never changed.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_INVISIBLE = re.compile(
    rf"(?<=[{_ARABIC}])\u200c(?=[{_ARABIC}])|([\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff])"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _keep_arabic_zwnj(match: re.Match) -> str:
    return "" if match[1] else match[0]


def clean_text(text: str) -> str:
    """``text`` NFC-normalised, with zero-width and bidi control characters removed (see the module)."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub(_keep_arabic_zwnj, text))


def clean_line(text: str) -> str:
    """One line of text (a name, a title, a tag): cleaned, control characters gone, white space collapsed."""
    return " ".join(_CONTROL.sub(" ", clean_text(text)).split())
