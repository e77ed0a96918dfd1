"""Checking YAML data against a :mod:`.schema` model: one :class:`Problem` per violation, at its line, in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, shown
from .schema import OWN_ERROR
from .yaml_data import YamlData

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
    if error["type"] == OWN_ERROR:  # our own wording, which quotes a bad key itself
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
