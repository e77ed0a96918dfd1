"""Writing HTML as text: every value is escaped on the way in, every attribute quoted.

Article pages, the bulk of a corpus, are written this way rather than as element trees:
for a page of a few hundred mentions, Python-Markdown's serializer, its tree walks and
MkDocs' per-link rewriting cost several times more than writing the strings.
"""

from __future__ import annotations

from .elements import script_runs


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
