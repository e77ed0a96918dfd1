"""Writing HTML as text: every value is escaped on the way in, every attribute quoted.

Article pages, the bulk of a corpus, listing entries and mentions in context are written
this way rather than as element trees: for a page of a few hundred mentions,
Python-Markdown's serializer, its tree walks and MkDocs' per-link rewriting cost several
times more than writing the strings.
"""

from __future__ import annotations

import re

_ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC_LETTERS}]+(?:[\\s\u200c\u200f]+[{_ARABIC_LETTERS}]+)*")


def script_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is Arabic script) runs, so Arabic can be marked right-to-left."""
    runs, position = [], 0
    for run in _ARABIC_RUN.finditer(text):
        if run.start() > position:
            runs.append((text[position:run.start()], False))
        runs.append((run.group(), True))
        position = run.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def escape_text(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (chained ``replace`` is several times faster than ``str.translate``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attributes(values: dict[str, str]) -> str:
    """`` name="value"`` pairs; ``class_``-style keys lose the underscore, ``aria_label`` becomes ``aria-label``."""
    return "".join(f' {key.rstrip("_").replace("_", "-") if "_" in key else key}="{escape_attribute(value)}"'
                   for key, value in values.items())


def escape_attribute(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


def tag(name: str, inner: str = "", **values: str) -> str:
    """An element around ``inner``, which is HTML already (use :func:`escape_text` or :func:`seed_text` for text)."""
    return f"<{name}{attributes(values)}>{inner}</{name}>"


def seed_text(text: str) -> str:
    """Seed text as HTML: escaped, with runs of Arabic script marked right-to-left."""
    if text.isascii():
        return escape_text(text)
    return "".join(tag("span", escape_text(piece), lang="ar", dir="rtl") if arabic else escape_text(piece)
                   for piece, arabic in script_runs(text))
