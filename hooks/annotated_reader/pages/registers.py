"""Registers: People, Organisations, Places, Events and a Glossary A–Z, like a printed edition's indexes.

Each entry links to its entity's page and carries ``data-about``, so the annotator never links the
entity's own names in its summary back to it.
"""

from __future__ import annotations

import re
from itertools import groupby

from ..matching.mentions import MentionIndex
from ..reading.catalog import Catalog, Entity
from ..reading.entity_types import ENTITY_TYPES, EntityType
from ..writing.addresses import entity_link
from ..writing.escape import escape_markdown
from ..writing.wording import plural
from .timeline import partial_date


def register_src_uri(kind: EntityType) -> str:
    """The register of one type of entity: its entities alphabetically (or by date), with mention counts."""
    return f"registers/{kind.register}.md"


_LEADING_ARTICLE = re.compile(r"^(?:al-|el-|the\s+|al\s+)", re.IGNORECASE)


def sort_key(name: str) -> str:
    """Sort as a printed index does: "al-Marra" under M, "The Caliph" under C."""
    return _LEADING_ARTICLE.sub("", name).casefold()


def _initial(entity: Entity) -> str:
    first = sort_key(entity.name)[:1].upper()
    return first if first.isalpha() else "#"


def _year(entity: Entity) -> str:
    return entity.date[:4] if entity.date else "Undated"


def _by_date(entity: Entity) -> tuple[bool, str, str]:
    """Dated first, earliest first ("2014" < "2014-02" < "2014-02-10" as text), then undated by name."""
    return entity.date is None, entity.date or "", sort_key(entity.name)


def _entry(entity: Entity, index: MentionIndex, by_date: bool) -> list[str]:
    """The entity's link, its dates (by date), its counts and its summary."""
    counts = plural(index.count(entity.id), "mention")
    if in_comments := index.count_in_comments(entity.id):
        counts += f" · {in_comments:,} in reader comments"
    when = ""
    if by_date and entity.date:
        when = " " + escape_markdown(partial_date(entity.date) + (f" – {partial_date(entity.end)}" if entity.end else ""))
    return [f"- {entity_link(entity)}{when} <span class=\"ar-count\">{counts}</span>  ",
            f"  {escape_markdown(entity.summary)}", f"  {{: data-about=\"{entity.id}\" }}"]


def render_register(kind: EntityType, catalog: Catalog, index: MentionIndex) -> str:
    """Alphabetically under letters, or by date under years (events), each entry with its counts and summary."""
    heading_of, order = (_year, _by_date) if kind.register_by_date else (_initial, lambda e: sort_key(e.name))
    entities = sorted((e for e in catalog if e.type == kind.key), key=order)
    lines = [f"# {kind.register_title}", "", kind.register_intro, ""]
    if not entities:
        return "\n".join([*lines, "Nothing here yet.", ""])
    headings = list(dict.fromkeys(map(heading_of, entities)))
    anchor = {heading: f"{'year' if kind.register_by_date else 'letter'}-{heading.lower()}" for heading in headings}
    lines += [" · ".join(f"[{heading}](#{anchor[heading]})" for heading in headings), "{: .ar-letters }", ""]
    for heading, group in groupby(entities, key=heading_of):
        lines += [f"## {heading} {{: #{anchor[heading]} }}", ""]
        for entity in group:
            lines += _entry(entity, index, kind.register_by_date)
        lines.append("")
    return "\n".join(lines)


def render_register_links(catalog: Catalog) -> str:
    lines = ["## Registers", ""]
    for kind in ENTITY_TYPES.values():
        count = sum(1 for entity in catalog if entity.type == kind.key)
        lines.append(f"- [{kind.register_title}](/{register_src_uri(kind)}) — {plural(count, 'entry', 'entries')}")
    return "\n".join([*lines, ""])
