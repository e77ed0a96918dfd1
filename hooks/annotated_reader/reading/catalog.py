"""The catalog: entities read from the front matter of their Markdown pages, validated.

An entity page lives in one of :data:`ENTITY_FOLDERS` under ``docs/``; its file stem is
its id. Every problem is reported with the file, the line and the fix, and a bad part is
left out rather than guessed at, so a non-strict preview still builds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .entity_types import ENTITY_FOLDERS, ENTITY_TYPES, EntityType
from .errors import Problem
from .relations import RELATION_TYPES
from .schema import ENTITY_ID, AliasSpec, EntityFront
from .validation import validate
from .yaml_data import YamlRefused, read_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Alias:
    """A name that links to an entity; all-capital aliases (``IS``) match case-sensitively."""

    text: str
    case_sensitive: bool


@dataclass(frozen=True)
class Relation:
    """One typed edge, as read from one entity's page (``wording`` already faces that page)."""

    wording: str
    target: str


@dataclass
class Entity:
    """One person, organisation, place, event or glossary term."""

    id: str
    type: str
    name: str
    summary: str
    src_uri: str
    """The page's path under ``docs/``, e.g. ``organizations/isis.md``."""
    aliases: tuple[Alias, ...] = ()
    forms: tuple[Alias, ...] = ()
    arabic: str | None = None
    wikidata: str | None = None
    coordinates: tuple[float, float] | None = None
    date: str | None = None
    end: str | None = None
    relations: list[Relation] = field(default_factory=list)
    sources: tuple[tuple[str, str], ...] = ()
    prose: str = ""
    """The page's hand-written body, without its front matter."""

    @property
    def kind(self) -> EntityType:
        return ENTITY_TYPES[self.type]

    @property
    def type_label(self) -> str:
        return self.kind.label

    @property
    def names(self) -> tuple[Alias, ...]:
        """Everything that links here: the name itself, the aliases and the inflected forms."""
        return (Alias(self.name, is_acronym(self.name)), *self.aliases, *self.forms)


def is_acronym(text: str) -> bool:
    """All letters capital (ISIS, FSA): such names match case-sensitively unless told otherwise."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of a Markdown page; empty YAML when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(1) or "", text[match.end():]


class _FileReport:
    """Collects the problems of one entity file, each located at the line of its field."""

    def __init__(self, path: Path, front_matter: str) -> None:
        self.path = path
        self.lines = front_matter.splitlines()
        self.problems: list[Problem] = []

    def line_of(self, needle: str) -> int:
        for number, line in enumerate(self.lines, start=2):
            if needle in line:
                return number
        return 1

    def add(self, needle: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, self.line_of(needle), message, fix))


@dataclass
class Catalog:
    """All valid entities, by id, with every relation readable from both ends."""

    entities: dict[str, Entity]
    problems: list[Problem]
    left_out: list[str] = field(default_factory=list)
    """The src_uri of each entity page that could not be used: it is reported, and not published."""

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __iter__(self):
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)


def is_entity_page(src_uri: str) -> bool:
    """True for Markdown pages in the catalog's folders."""
    return src_uri.endswith(".md") and src_uri.split("/", 1)[0] in ENTITY_FOLDERS


def _alias(spec: AliasSpec) -> Alias:
    return Alias(spec.text, spec.case_sensitive if spec.case_sensitive is not None else is_acronym(spec.text))


def read_entity(path: Path, src_uri: str, text: str) -> tuple[Entity | None, list[tuple[str, str]], _FileReport]:
    """One entity page's data: (entity or None if unusable, its relations, its problem report)."""
    entity_id = Path(src_uri).stem
    front_matter, prose = split_front_matter(text)
    report = _FileReport(path, front_matter)
    if not ENTITY_ID.match(entity_id):
        report.problems.append(Problem(path, None, f"file name '{entity_id}' is not a valid entity id",
                                       "rename the file in lowercase ASCII words joined by hyphens"))
        return None, [], report
    try:
        data = read_yaml(front_matter, first_line=2)
    except YamlRefused as refused:
        report.problems.append(Problem(path, refused.line, f"front matter {refused.message}", refused.fix))
        return None, [], report
    if not isinstance(data.value, dict):
        report.problems.append(Problem(path, 1, "has no front matter",
                                       "start the file with '---', the entity's type, name and summary, then '---'"))
        return None, [], report
    front, problems = validate(EntityFront, data, path, "field")
    report.problems += problems
    if front is None:
        return None, [], report
    folder, kind = src_uri.split("/", 1)[0], ENTITY_TYPES[front.type]
    if kind.folder != folder and folder in ENTITY_FOLDERS:  # its address says one type, its register another
        held = next(other.key for other in ENTITY_TYPES.values() if other.folder == folder)
        report.add("type:", f"type '{front.type}' is not the type of the pages in docs/{folder}/ ('{held}')",
                   f"set 'type: {held}', or move the page to docs/{kind.folder}/")
    entity = Entity(
        id=entity_id,
        type=front.type,
        name=front.name,
        summary=front.summary,
        src_uri=src_uri,
        aliases=tuple(_alias(spec) for spec in front.aliases),
        forms=tuple(_alias(spec) for spec in front.forms),
        arabic=front.arabic,
        wikidata=front.wikidata,
        coordinates=(front.coordinates.lat, front.coordinates.lon) if front.coordinates else None,
        date=front.date,
        end=front.end,
        sources=tuple((source.title, source.url) for source in front.sources),
        prose=prose,
    )
    return entity, [(kind, target) for kind, targets in front.relations.items() for target in targets], report


def build_catalog(pages: list[tuple[Path, str, str]], alias_key) -> Catalog:
    """Validate entity pages (path, src_uri, text) into a :class:`Catalog`.

    ``alias_key`` is the linker's normalisation, so "two entities claim one alias" means
    exactly "the linker could not tell them apart".
    """
    entities: dict[str, Entity] = {}
    unusable: set[str] = set()
    """Ids of pages that failed: their own error is reported, not every relation pointing to them."""
    left_out: list[str] = []
    reports: list[_FileReport] = []
    pending: list[tuple[Entity, _FileReport, list[tuple[str, str]]]] = []
    for path, src_uri, text in sorted(pages, key=lambda page: page[1]):
        entity, relations, report = read_entity(path, src_uri, text)
        reports.append(report)
        if entity is None:
            unusable.add(Path(src_uri).stem)
            left_out.append(src_uri)
            continue
        if entity.id in entities:
            report.problems.append(Problem(path, None, f"duplicate entity id '{entity.id}' (also {entities[entity.id].src_uri})",
                                           "rename one of the two files"))
            left_out.append(src_uri)
            continue
        entities[entity.id] = entity
        pending.append((entity, report, relations))

    # Every entity's own name is claimed before any alias or form: a page that lists another entity's name among its
    # aliases is the one told, whichever folder comes first.
    claims = [(entity, report, Alias(entity.name, is_acronym(entity.name))) for entity, report, _ in pending]
    claims += [(entity, report, alias) for entity, report, _ in pending for alias in (*entity.aliases, *entity.forms)]
    claimed: dict[str, str] = {}
    kept: dict[str, set[Alias]] = defaultdict(set)
    for entity, report, alias in claims:
        owner = claimed.setdefault(alias_key(alias), entity.id)
        if owner == entity.id:
            kept[entity.id].add(alias)
        else:
            report.add(alias.text, f"name or alias '{alias.text}' is already claimed by '{owner}' "
                                   f"(docs/{entities[owner].src_uri})",
                       "remove it from one of the two pages, or pin it per article with an alias hint in the seed's sidecar")
    for entity, _, _ in pending:
        entity.aliases = tuple(a for a in entity.aliases if a in kept[entity.id])
        entity.forms = tuple(a for a in entity.forms if a in kept[entity.id])

    inverse: dict[str, list[Relation]] = defaultdict(list)
    for entity, report, relations in pending:
        for kind, target in relations:
            if target in unusable:
                continue
            if target not in entities or target == entity.id:
                report.add(target, f"relation '{kind}' points to unknown entity '{target}'",
                           "use the file name (without .md) of another existing entity page")
                continue
            relation_type = RELATION_TYPES[kind]
            entity.relations.append(Relation(relation_type.wording, target))
            inverse[target].append(Relation(relation_type.inverse_wording, entity.id))
    for target, relations in inverse.items():
        entities[target].relations.extend(relations)
    for entity in entities.values():
        entity.relations = sorted(set(entity.relations), key=lambda r: (r.wording, entities[r.target].name.casefold()))
    problems = [problem for report in reports for problem in report.problems]
    return Catalog(dict(sorted(entities.items())), problems, left_out)
