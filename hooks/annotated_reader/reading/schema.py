"""The declared shape of sidecars and entity front matter: pydantic models, one rule per key.

Every key has a type and a rule (``Field(description=…)`` is the fix a maintainer is told;
:mod:`.validation` turns violations into reports); values are cleaned on the way in
(:mod:`.text_clean`). Nothing is coerced silently: ``title:
123`` is an error, not the title "123"; the one convenience is that a single tag, source or
relation target may be written without the brackets of a list.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from slugify import slugify

from .entity_types import ENTITY_TYPES
from .errors import shown
from .relations import RELATION_TYPES
from .stop_words import STOP_WORDS
from .text_clean import clean_line

OWN_ERROR = "reader"
"""The type of the errors worded here (see :mod:`.validation`)."""
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
    return PydanticCustomError(OWN_ERROR, "{message}", {"message": message, "fix": fix, "placed": placed})


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


def _slug(value: str) -> str:
    """An article's address is written as an entity id is: it is used as given, never rewritten."""
    if not ENTITY_ID.match(value):
        example = slugify(value, max_length=80, word_boundary=True) or "a-stable-address"
        raise _refuse(f"{shown(value)} is not a page address", f"use small letters, digits and hyphens, e.g. 'slug: {example}'")
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
Slug = Annotated[str, AfterValidator(_slug)]
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
    slug: Slug | None = Field(None, description="write the page's address, e.g. 'slug: a-stable-address'")
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
