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
