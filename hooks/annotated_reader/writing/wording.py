"""How counts and places in an article read on a page: "1 article", "2 articles", "comment 1, paragraph 2"."""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^(caption|pull-quote)-(\d+)$")
_COMMENT = re.compile(r"^comment-(\d+)-(\d+)$")
_LABELS = {"caption": "photo caption", "pull-quote": "pull quote"}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """"1 article", "2 articles", "41,279 paragraphs" ("1 entry", "3 entries" with ``nouns`` given)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def place_label(block_id: str) -> str:
    """Where a block stands, for a reader: "¶ 7", "standfirst", "pull quote", "comment 1, paragraph 2".

    The first caption or pull quote goes without its number; only a second one needs it.
    """
    if block_id[:1] == "p" and block_id[1:].isdigit():
        return f"¶ {block_id[1:]}"
    if match := _COMMENT.match(block_id):
        return f"comment {match[1]}, paragraph {match[2]}"
    if match := _NUMBERED.match(block_id):
        label = _LABELS[match[1]]
        return label if match[2] == "1" else f"{label} {match[2]}"
    return block_id.replace("-", " ")
