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

import yaml

from .entity_types import ENTITY_FOLDERS, ENTITY_TYPES, EntityType
from .errors import Problem
from .relations import RELATION_TYPES
from .yaml_data import load_yaml

REQUIRED_FIELDS = ("type", "name", "summary")
OPTIONAL_FIELDS = (
    "aliases", "forms", "arabic", "wikidata", "coordinates", "date", "end", "relations", "sources",
)
SUMMARY_MAX_CHARS = 200
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
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

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __iter__(self):
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)


def is_entity_page(src_uri: str) -> bool:
    """True for Markdown pages in the catalog's folders."""
    return src_uri.endswith(".md") and src_uri.split("/", 1)[0] in ENTITY_FOLDERS


def _aliases(report: _FileReport, key: str, value: object) -> tuple[Alias, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        report.add(f"{key}:", f"'{key}' must be a list", f"write one {key[:-1]} per line, each starting with '- '")
        return ()
    aliases = []
    for item in value:
        if isinstance(item, str) and item.strip():
            aliases.append(Alias(item.strip(), is_acronym(item)))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "case_sensitive"}:
            aliases.append(Alias(item["text"].strip(), bool(item.get("case_sensitive", is_acronym(item["text"])))))
        else:
            report.add(str(item), f"'{key}' has an entry that is not a name: {item!r}",
                       "write a plain string, or {text: NAME, case_sensitive: true}")
    return tuple(aliases)


def _relations(report: _FileReport, value: object) -> list[tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        report.add("relations:", "'relations' must map a relation type to a list of entity ids",
                   "write e.g. 'leader_of: [isis]'")
        return []
    pairs = []
    for kind, targets in value.items():
        if kind not in RELATION_TYPES:
            report.add(f"{kind}:", f"unknown relation type '{kind}'",
                       f"use one of: {', '.join(RELATION_TYPES)}")
            continue
        for target in targets if isinstance(targets, list) else [targets]:
            pairs.append((kind, str(target)))
    return pairs


def _coordinates(report: _FileReport, value: object) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, dict) and set(value) == {"lat", "lon"}:
        lat, lon = value["lat"], value["lon"]
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180:
            return float(lat), float(lon)
    report.add("coordinates:", "'coordinates' is not a valid {lat, lon} pair",
               "write decimal degrees, e.g. {lat: 33.967, lon: 36.667}")
    return None


def _sources(report: _FileReport, value: object) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    sources = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and set(item) == {"title", "url"} and str(item["url"]).startswith(("https://", "http://")):
            sources.append((str(item["title"]), str(item["url"])))
        else:
            report.add("sources:", f"a source is not {{title, url}} with an http(s) URL: {item!r}",
                       "write e.g. {title: 'Wikipedia: Arsal', url: 'https://en.wikipedia.org/wiki/Arsal'}")
    return tuple(sources)


def _optional_text(report: _FileReport, data: dict, key: str, pattern: re.Pattern | None, fix: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    text = str(value).strip()
    if not text or (pattern and not pattern.match(text)):
        report.add(f"{key}:", f"'{key}' has an invalid value {value!r}", fix)
        return None
    return text


def read_entity(path: Path, src_uri: str, text: str) -> tuple[Entity | None, list[tuple[str, str]], _FileReport]:
    """One entity page's data: (entity or None if unusable, its relations, its problem report)."""
    entity_id = Path(src_uri).stem
    front_matter, prose = split_front_matter(text)
    report = _FileReport(path, front_matter)
    if not _ID.match(entity_id):
        report.problems.append(Problem(path, None, f"file name '{entity_id}' is not a valid entity id",
                                       "rename the file in lowercase ASCII words joined by hyphens"))
        return None, [], report
    try:
        data = load_yaml(front_matter) if front_matter else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None
        problem = getattr(error, "problem", None) or "invalid YAML"
        report.problems.append(Problem(path, line, f"front matter is not valid YAML ({problem})",
                                       "fix the YAML syntax there (quote values that contain ':' or start with a quote)"))
        return None, [], report
    if not isinstance(data, dict):
        report.problems.append(Problem(path, 1, "has no front matter",
                                       "start the file with '---', the entity's type, name and summary, then '---'"))
        return None, [], report
    for key in data:
        if key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            report.add(f"{key}:", f"unknown field '{key}'",
                       f"remove it or use one of: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}")
    missing = [key for key in REQUIRED_FIELDS if not isinstance(data.get(key), str) or not data[key].strip()]
    for key in missing:
        report.problems.append(Problem(path, 1, f"missing field '{key}'", f"add '{key}: …' to the front matter"))
    if missing:
        return None, [], report
    if data["type"] not in ENTITY_TYPES:
        report.add("type:", f"unknown type '{data['type']}'", f"use one of: {', '.join(ENTITY_TYPES)}")
        return None, [], report
    summary = " ".join(data["summary"].split())
    if len(summary) > SUMMARY_MAX_CHARS:
        report.add("summary:", f"summary is {len(summary)} characters long",
                   f"shorten it to one sentence of at most {SUMMARY_MAX_CHARS} characters")
    entity = Entity(
        id=entity_id,
        type=data["type"],
        name=data["name"].strip(),
        summary=summary,
        src_uri=src_uri,
        aliases=_aliases(report, "aliases", data.get("aliases")),
        forms=_aliases(report, "forms", data.get("forms")),
        arabic=_optional_text(report, data, "arabic", None, "write the name in Arabic script"),
        wikidata=_optional_text(report, data, "wikidata", _WIKIDATA, "write a Wikidata id such as \"Q2429253\""),
        coordinates=_coordinates(report, data.get("coordinates")),
        date=_optional_text(report, data, "date", _PARTIAL_DATE, "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""),
        end=_optional_text(report, data, "end", _PARTIAL_DATE, "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""),
        sources=_sources(report, data.get("sources")),
        prose=prose,
    )
    return entity, _relations(report, data.get("relations")), report


def build_catalog(pages: list[tuple[Path, str, str]], alias_key) -> Catalog:
    """Validate entity pages (path, src_uri, text) into a :class:`Catalog`.

    ``alias_key`` is the linker's normalisation, so "two entities claim one alias" means
    exactly "the linker could not tell them apart".
    """
    entities: dict[str, Entity] = {}
    unusable: set[str] = set()
    """Ids of pages that failed: their own error is reported, not every relation pointing to them."""
    reports: list[_FileReport] = []
    pending: list[tuple[Entity, _FileReport, list[tuple[str, str]]]] = []
    for path, src_uri, text in sorted(pages, key=lambda page: page[1]):
        entity, relations, report = read_entity(path, src_uri, text)
        reports.append(report)
        if entity is None:
            unusable.add(Path(src_uri).stem)
            continue
        if entity.id in entities:
            report.problems.append(Problem(path, None, f"duplicate entity id '{entity.id}' (also {entities[entity.id].src_uri})",
                                           "rename one of the two files"))
            continue
        entities[entity.id] = entity
        pending.append((entity, report, relations))

    claimed: dict[str, str] = {}
    for entity, report, _ in pending:
        name = Alias(entity.name, is_acronym(entity.name))
        kept = []
        for alias in (name, *entity.aliases, *entity.forms):
            owner = claimed.setdefault(alias_key(alias), entity.id)
            if owner == entity.id:
                kept.append(alias)
            else:
                report.add(alias.text, f"name or alias '{alias.text}' is already claimed by '{owner}'",
                           "remove it from one of the two pages, or pin it per article with an alias hint in the seed's sidecar")
        entity.aliases = tuple(a for a in entity.aliases if a in kept)
        entity.forms = tuple(a for a in entity.forms if a in kept)

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
    return Catalog(dict(sorted(entities.items())), problems)
