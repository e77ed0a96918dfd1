"""Escaping untrusted text so Markdown and HTML read it as text and nothing else.

Generated pages are Markdown read with ``pymdownx.escapeall``, under which a backslash
escapes any character. Every ASCII punctuation character of seed text is therefore
backslash-escaped, which defeats every block and inline syntax at once (emphasis, links,
``{: attr_list }``, ``--8<--`` snippets, admonitions, tables, raw HTML): ``escapeall``
turns ``\\<`` into ``&lt;`` itself. Line breaks are folded to spaces, because each escaped
text is one block or one inline run.
"""

from __future__ import annotations

import json
import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_WHITESPACE = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown source that renders to exactly ``text``."""
    return _PUNCTUATION.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def script_json(data: object) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element: no '<' survives to end it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


_ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC_LETTERS}]+(?:[\\s\u200c\u200f]+[{_ARABIC_LETTERS}]+)*")


def seed_markdown(text: str) -> str:
    """Seed text as escaped Markdown, with runs of Arabic script marked as right-to-left Arabic."""
    parts, position = [], 0
    for run in _ARABIC_RUN.finditer(text):
        parts.append(escape_markdown(text[position:run.start()]))
        parts.append(f'<span lang="ar" dir="rtl">{escape_markdown(run.group())}</span>')
        position = run.end()
    parts.append(escape_markdown(text[position:]))
    return "".join(parts)
