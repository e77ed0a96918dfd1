"""Registers: People, Organisations, Places, Events and a Glossary A–Z, like a printed edition's indexes."""

from __future__ import annotations

import re
from itertools import groupby

from ..matching.mentions import MentionIndex
from ..reading.catalog import Catalog, Entity
from ..reading.entity_types import ENTITY_TYPES, EntityType
from ..writing.addresses import entity_link
from ..writing.escape import escape_markdown


def register_src_uri(kind: EntityType) -> str:
    """The register of one type of entity: its entities alphabetically, with mention counts."""
    return f"registers/{kind.register}.md"

_LEADING_ARTICLE = re.compile(r"^(?:al-|el-|the\s+|al\s+)", re.IGNORECASE)


def sort_key(name: str) -> str:
    """Sort as a printed index does: "al-Marra" under M, "The Caliph" under C."""
    return _LEADING_ARTICLE.sub("", name).casefold()


def _initial(entity: Entity) -> str:
    first = sort_key(entity.name)[:1].upper()
    return first if first.isalpha() else "#"


def render_register(kind: EntityType, catalog: Catalog, index: MentionIndex) -> str:
    entities = sorted((e for e in catalog if e.type == kind.key), key=lambda e: sort_key(e.name))
    lines = [f"# {kind.register_title}", "", kind.register_intro, ""]
    if not entities:
        return "\n".join([*lines, "Nothing here yet.", ""])
    letters = sorted({_initial(entity) for entity in entities})
    lines += [" · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters), "{: .ar-letters }", ""]
    for letter, group in groupby(entities, key=_initial):
        lines += [f"## {letter} {{: #letter-{letter.lower()} }}", ""]
        for entity in group:
            count = index.count(entity.id)
            mentions = f"{count} mention{'s' if count != 1 else ''}"
            lines.append(f"- {entity_link(entity)} <span class=\"ar-count\">{mentions}</span>  ")
            lines.append(f"  {escape_markdown(entity.summary)}")
        lines.append("")
    return "\n".join(lines)


def render_register_links(catalog: Catalog) -> str:
    lines = ["## Registers", ""]
    for kind in ENTITY_TYPES.values():
        count = sum(1 for entity in catalog if entity.type == kind.key)
        lines.append(f"- [{kind.register_title}](/{register_src_uri(kind)}) — {count} entries")
    return "\n".join([*lines, ""])
