"""The declared shape of sidecars and entity front matter, checked by pydantic; each violation is one :class:`Problem`.

Every key has a type and a rule (``Field(description=…)`` is the fix a maintainer is told);
values are cleaned on the way in (:mod:`.text_clean`). Nothing is coerced silently: ``title:
123`` is an error, not the title "123"; the one convenience is that a single tag, source or
relation target may be written without the brackets of a list.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
from pathlib import Path
from typing import Annotated, Any, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from .errors import Problem, shown
from .relations import RELATION_TYPES
from .stop_words import STOP_WORDS
from .text_clean import clean_line
from .yaml_data import YamlData

ENTITY_TYPES = {
    "person": "Person",
    "organization": "Organisation",
    "place": "Place",
    "event": "Event",
    "term": "Glossary term",
}
SUMMARY_MAX_CHARS = 200
ALIAS_MIN_CHARS = 2
FIRST_YEAR = 1000
ENTITY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MODEL = ConfigDict(extra="forbid", strict=True, frozen=True)
_DATE_FIX = "write it as YYYY-MM-DD, a real date from the year 1000 on"
_PARTIAL_DATE_FIX = 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD", a real date from the year 1000 on'


def _refuse(message: str, fix: str, placed: bool = False) -> PydanticCustomError:
    """An error whose wording is ours, not pydantic's; unless ``placed``, the report puts the key's name before it."""
    return PydanticCustomError("reader", "{message}", {"message": message, "fix": fix, "placed": placed})


def _line(value: str) -> str:
    text = clean_line(value)
    if not text:
        raise _refuse("is empty", "write the text, or leave the key out")
    return text


def _one_or_many(value: object) -> object:
    """A single value where a list is expected stands for a list of one (``tags: Qalamoun``)."""
    return [value] if isinstance(value, str | dict) else value


def _date(value: object) -> dt.date:
    try:
        date = dt.date.fromisoformat(value) if isinstance(value, str) and len(value.strip()) == 10 else None
    except ValueError:
        date = None
    if date is None or date.year < FIRST_YEAR:
        raise _refuse(f"{shown(value)} is not a date", _DATE_FIX)
    return date


def _partial_date(value: object) -> str:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    match = _PARTIAL_DATE.match(text) if isinstance(text, str) else None
    try:
        if match:
            year, month, day = (int(part) if part else 1 for part in match.groups())
            dt.date(year, month, day)
    except ValueError:
        match = None
    if not match or int(match[1]) < FIRST_YEAR:
        raise _refuse(f"{shown(value)} is not a date", _PARTIAL_DATE_FIX)
    return text


def _http_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise _refuse(f"{shown(value)} is not an http(s) address", "write the full address, starting https:// or http://")
    return value


def _text_codec(value: str) -> str:
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise _refuse(f"{shown(value)} is unknown", "use a Python codec name such as windows-1252 or latin-1") from None
    if not info._is_text_encoding:
        raise _refuse(f"{shown(value)} is not a text encoding", "use a text codec such as windows-1252 or latin-1")
    return value


def _name(value: str) -> str:
    text = _line(value)
    if len(text) < ALIAS_MIN_CHARS:
        raise _refuse(f"{shown(text)} is shorter than {ALIAS_MIN_CHARS} characters", "write the whole name, or leave it out")
    return text


def _entity_id(value: str) -> str:
    if not ENTITY_ID.match(value):
        raise _refuse(f"{shown(value)} is not an entity id", "use the file name (without .md) of an entity page")
    return value


def _entity_type(value: str) -> str:
    if value not in ENTITY_TYPES:
        raise _refuse(f"unknown type {shown(value)}", f"use one of: {', '.join(ENTITY_TYPES)}", placed=True)
    return value


def _relation_type(value: str) -> str:
    if value not in RELATION_TYPES:
        raise _refuse(f"unknown relation type {shown(value)}", f"use one of: {', '.join(RELATION_TYPES)}", placed=True)
    return value


def _summary(value: str) -> str:
    text = _line(value)
    if len(text) > SUMMARY_MAX_CHARS:
        raise _refuse(f"summary is {len(text)} characters long",
                      f"shorten it to one sentence of at most {SUMMARY_MAX_CHARS} characters", placed=True)
    return text


def _wikidata(value: str) -> str:
    if not _WIKIDATA.match(value):
        raise _refuse(f"{shown(value)} is not a Wikidata id", 'write a Wikidata id such as "Q2429253"')
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise _refuse("is not a number", "write decimal degrees, e.g. {lat: 33.967, lon: 36.667}")
    return value


Line = Annotated[str, AfterValidator(_line)]
Name = Annotated[str, AfterValidator(_name)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
EntityId = Annotated[str, AfterValidator(_entity_id)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]


class _AliasSpec(BaseModel):
    model_config = _MODEL
    text: Name
    case_sensitive: bool | None = None

    @model_validator(mode="after")
    def _not_a_stop_word(self) -> _AliasSpec:
        """"the", "in" … would link everywhere; in capitals and matched as written ("IS"), such a word is a name."""
        capitals = self.case_sensitive if self.case_sensitive is not None else self.text.isupper()
        if self.text.casefold() in STOP_WORDS and not capitals:
            raise _refuse(f"{shown(self.text)} is a common English word", "leave it out: it would be linked everywhere")
        return self


AliasSpec = Annotated[_AliasSpec, BeforeValidator(lambda value: {"text": value} if isinstance(value, str) else value)]


class Coordinates(BaseModel):
    model_config = _MODEL
    lat: Annotated[float, Field(ge=-90, le=90), AfterValidator(_finite)]
    lon: Annotated[float, Field(ge=-180, le=180), AfterValidator(_finite)]


class Source(BaseModel):
    model_config = _MODEL
    title: Line
    url: HttpUrl


class Sidecar(BaseModel):
    """``seeds/NAME.yml``: corrections and facts for one seed."""

    model_config = _MODEL
    title: Line | None = Field(None, description="write the title as one line of text")
    author: Line | None = Field(None, description="write the byline as one line of text")
    publication: Line | None = Field(None, description="write where it was published, as one line of text")
    date: Annotated[dt.date, BeforeValidator(_date)] | None = Field(None, description=_DATE_FIX)
    url: HttpUrl | None = Field(None, description="write the original's full address, starting https://")
    tags: Annotated[list[Line], BeforeValidator(_one_or_many)] = Field((), description="write e.g. 'tags: [Qalamoun, ISIS]'")
    slug: Line | None = Field(None, description="write the page's address, e.g. 'slug: a-stable-address'")
    encoding: Annotated[str, AfterValidator(_text_codec)] | None = Field(
        None, description="use a Python codec name such as windows-1252 or latin-1")
    standfirst: bool | None = Field(None, description="write 'standfirst: true' or 'standfirst: false'")
    alias_hints: dict[Name, EntityId | None] = Field(
        {}, description="map a phrase to an entity id or null, e.g. 'alias_hints: {IS: isis, Assad: null}'")


class EntityFront(BaseModel):
    """An entity page's front matter: its data (the body is its prose)."""

    model_config = _MODEL
    type: Annotated[str, AfterValidator(_entity_type)] = Field(description=f"use one of: {', '.join(ENTITY_TYPES)}")
    name: Name = Field(description="write the entity's usual name")
    summary: Annotated[str, AfterValidator(_summary)] = Field(description="write one sentence: the hover text")
    aliases: list[AliasSpec] = Field((), description="write a list of names, e.g. 'aliases: [Daesh, IS]'")
    forms: list[AliasSpec] = Field((), description="write a list of inflected forms, e.g. 'forms: [Emirs]'")
    arabic: Line | None = Field(None, description="write the name in Arabic script")
    wikidata: Annotated[str, AfterValidator(_wikidata)] | None = Field(None, description='write a Wikidata id such as "Q2429253"')
    coordinates: Coordinates | None = Field(None, description="write decimal degrees, e.g. {lat: 33.967, lon: 36.667}")
    date: PartialDate | None = Field(None, description=_PARTIAL_DATE_FIX)
    end: PartialDate | None = Field(None, description=_PARTIAL_DATE_FIX)
    relations: dict[Annotated[str, AfterValidator(_relation_type)], Annotated[list[EntityId], BeforeValidator(_one_or_many)]] = \
        Field({}, description="map a relation type to entity ids, e.g. 'rival_of: [isis]'")
    sources: Annotated[list[Source], BeforeValidator(_one_or_many)] = Field(
        (), description="write e.g. {title: 'Wikipedia: Arsal', url: 'https://en.wikipedia.org/wiki/Arsal'}")


_REASONS = {
    "string_type": "should be text",
    "bool_type": "should be true or false",
    "list_type": "should be a list",
    "dict_type": "should be a mapping of keys to values",
    "model_type": "should be a mapping of keys to values",
    "float_type": "should be a number",
    "int_type": "should be a whole number",
    "greater_than_equal": "is out of range",
    "less_than_equal": "is out of range",
    "missing": "is missing",
}


def _place(loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    """Where in the file an error is, in words: ``tags entry 2``, ``coordinates lat``, ``alias_hints 'Assad'`` …"""
    words = [str(loc[0])]
    for depth, part in enumerate(loc[1:], start=1):
        if isinstance(part, int) and not (depth == 1 and _is_mapping(model, str(loc[0]))):
            words.append(f"entry {part + 1}")
        elif depth == 1 and _is_mapping(model, str(loc[0])):  # a key the file chose, not one the schema names
            words.append(shown(part))
        else:
            words.append(str(part))
    return " ".join(words)


def _problem(error: ErrorDetails, model: type[BaseModel], path: Path, data: YamlData, word: str) -> Problem:
    loc = error["loc"]
    field = model.model_fields.get(str(loc[0])) if loc else None
    fix = field.description if field else f"use keys from: {', '.join(model.model_fields)}"
    line = data.line_of(loc) or 1
    bad_key = bool(loc) and loc[-1] == "[key]"
    where = loc[:-2] if bad_key else loc
    if error["type"] == "reader":  # our own wording, which quotes a bad key itself
        context = error.get("ctx", {})
        message = context["message"] if context["placed"] or not where else f"{_place(where, model)} {context['message']}"
        return Problem(path, line, message, context["fix"])
    if error["type"] == "extra_forbidden" and len(loc) == 1:
        return Problem(path, line, f"unknown {word} {shown(loc[0])}", f"remove it or use one of: {', '.join(model.model_fields)}")
    if error["type"] == "extra_forbidden":
        return Problem(path, line, f"{_place(loc[:-1], model)} has an unknown key {shown(loc[-1])}", fix)
    if error["type"] == "missing" and len(loc) == 1:
        return Problem(path, 1, f"missing {word} '{loc[0]}'", f"add '{loc[0]}: …' to the front matter")
    reason = _REASONS.get(error["type"]) or error["msg"][:1].lower() + error["msg"][1:]
    value = "" if error["type"] == "missing" else f", not {shown(error['input'])}"
    subject = f"{_place(where, model)} key {shown(loc[-2])}" if bad_key and where else _place(loc, model)
    return Problem(path, line, f"{subject} {reason}{value}", fix)


def validate(model: type[BaseModel], data: YamlData, path: Path, word: str) -> tuple[BaseModel | None, list[Problem]]:
    """``data`` as a ``model`` with one problem per violation; ``word`` names a key in them ("key", "field").

    A bad optional part (a key, or one entry of a list or mapping) is left out of the model,
    not the whole: the model is None only when a required key is missing or bad."""
    value: dict[str, Any] = dict(data.value)
    problems: list[Problem] = []
    while True:
        try:
            return model.model_validate(value), problems
        except ValidationError as error:
            details = error.errors(include_url=False)
        problems += [_problem(detail, model, path, data, word) for detail in details]
        if any(model.model_fields.get(str(d["loc"][0])) and model.model_fields[str(d["loc"][0])].is_required()
               for d in details if d["loc"]):
            return None, problems
        before = dict(value)
        _prune(value, [detail["loc"] for detail in details], model)
        if value == before:  # nothing left to leave out: never loop
            return None, problems


def _prune(value: dict[str, Any], locs: list[tuple[int | str, ...]], model: type[BaseModel]) -> None:
    """Leave out each key at ``loc[0]``, or only its entry ``loc[1]`` where it is a list or a mapping of entries."""
    bad: dict[str, set] = {}
    for loc in locs:
        key, part = str(loc[0]), value.get(str(loc[0]))
        entries = isinstance(part, list) or (isinstance(part, dict) and _is_mapping(model, key))
        bad.setdefault(key, set()).add(loc[1] if len(loc) > 1 and entries else None)
    for key, entries in bad.items():
        part = value.get(key)
        if None in entries:
            value.pop(key, None)
        elif isinstance(part, list):
            value[key] = [item for number, item in enumerate(part) if number not in entries]
        else:
            value[key] = {k: v for k, v in part.items() if k not in entries}


def _is_mapping(model: type[BaseModel], key: str) -> bool:
    """True for a field that maps keys to entries (``relations``), not one with a fixed shape (``coordinates``)."""
    field = model.model_fields.get(key)
    return field is not None and get_origin(field.annotation) is dict
