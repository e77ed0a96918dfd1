"""Escaping untrusted text so Markdown and HTML read it as text and nothing else.

Generated pages are Markdown read with ``pymdownx.escapeall``, under which a backslash
escapes any character (``\\<`` becomes ``&lt;``). Seed text is escaped where Markdown or
an enabled extension could read syntax: everywhere for the characters that open inline
syntax or HTML (``\\ ` * _ [ ] { } < > & | ~ ^ = : $ @ #``), and at the start of the text
for those that open a block (``# - + > !`` and "1." list numbers). Common punctuation
elsewhere stays as it is, which keeps pages fast to render. Line breaks fold to spaces,
because each escaped text is one block or one inline run. The tests render hostile text
through the site's own extension list, so an extension that adds syntax is caught.
"""

from __future__ import annotations

import json
import re

_INLINE = re.compile(r"([\\`*_\[\]{}<>&|~^=:$@#])")
_BLOCK_START = re.compile(r"^(\s*)([#\-+>!]|\d+(?=[.)]))")
_WHITESPACE = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown source that renders to exactly ``text``."""
    escaped = _INLINE.sub(r"\\\1", _WHITESPACE.sub(" ", text))
    return _BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    opener = match.group(2)
    if opener.isdigit():  # "1." would open a list: escape the dot after the number instead
        return f"{match.group(1)}{opener}\\"
    return f"{match.group(1)}\\{opener}"


def script_json(data: object) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element: no '<' survives to end it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
