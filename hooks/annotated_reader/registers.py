"""Registers: People, Organisations, Places, Events and a Glossary A–Z, like a printed edition's indexes."""

from __future__ import annotations

import re
from itertools import groupby

from .catalog import Catalog, Entity
from .entity_page import entity_link
from .escape import escape_markdown
from .mentions import MentionIndex


class Register:
    """One register page: the entities of some types, alphabetically, with mention counts."""

    def __init__(self, slug: str, title: str, types: tuple[str, ...], intro: str) -> None:
        self.slug = slug
        self.title = title
        self.types = types
        self.intro = intro

    @property
    def src_uri(self) -> str:
        return f"registers/{self.slug}.md"


REGISTERS = (
    Register("people", "People", ("person",), "Every person the articles name."),
    Register("organisations", "Organisations", ("organization",), "Armed groups, armies, states' alliances and other bodies."),
    Register("places", "Places", ("place",), "Towns, regions and countries."),
    Register("events", "Events", ("event",), "Battles and other events the articles refer to."),
    Register("glossary", "Glossary A–Z", ("term",), "Terms a reader meets in the articles, defined."),
)

_LEADING_ARTICLE = re.compile(r"^(?:al-|el-|the\s+|al\s+)", re.IGNORECASE)


def sort_key(name: str) -> str:
    """Sort as a printed index does: "al-Marra" under M, "The Caliph" under C."""
    return _LEADING_ARTICLE.sub("", name).casefold()


def _initial(entity: Entity) -> str:
    first = sort_key(entity.name)[:1].upper()
    return first if first.isalpha() else "#"


def render_register(register: Register, catalog: Catalog, index: MentionIndex) -> str:
    entities = sorted((e for e in catalog if e.type in register.types), key=lambda e: sort_key(e.name))
    lines = [f"# {register.title}", "", register.intro, ""]
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
    for register in REGISTERS:
        count = sum(1 for entity in catalog if entity.type in register.types)
        lines.append(f"- [{register.title}](/{register.src_uri}) — {count} entries")
    return "\n".join([*lines, ""])
