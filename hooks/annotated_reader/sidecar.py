"""Sidecars: ``seeds/NAME.yml`` beside ``seeds/NAME.txt`` corrects or completes what the parser read.

Seeds stay byte for byte as received; every correction lives here instead.
"""

from __future__ import annotations

import codecs
from dataclasses import replace
from pathlib import Path

import yaml

from .article import Article
from .dates import parse_iso_date
from .errors import InputError, Problem
from .yaml_data import load_yaml

SIDECAR_KEYS = {
    "title": "the article's title, if the parser got it wrong",
    "author": "the byline",
    "publication": "where the article was published",
    "date": "publication date, YYYY-MM-DD",
    "url": "address of the original article",
    "tags": "a list of topic tags",
    "slug": "the page's address under articles/",
    "alias_hints": "alias -> entity id (pin) or null (do not link) for this article only",
    "encoding": "the seed's text encoding when it is not UTF-8 (windows-1252, latin-1 …)",
    "standfirst": "true: the first chunk after the title is the standfirst; false: it is the first paragraph",
}


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def read_sidecar(path: Path) -> dict:
    """The sidecar's data, checked for unknown keys and bad values; {} when there is none."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(Problem(path, mark.line + 1 if mark else None, "is not valid YAML",
                                 "fix the YAML syntax there")) from None
    if not isinstance(data, dict):
        raise InputError(Problem(path, 1, "must be a mapping of keys to values", f"use keys from: {', '.join(SIDECAR_KEYS)}"))
    for key in data:
        if key not in SIDECAR_KEYS:
            raise InputError(Problem(path, _line_of(text, str(key)), f"unknown key '{key}'",
                                     f"remove it or use one of: {', '.join(SIDECAR_KEYS)}"))
    if "date" in data and parse_iso_date(data["date"]) is None:
        raise InputError(Problem(path, _line_of(text, "date"), f"date {data['date']!r} is not a date",
                                 "write it as YYYY-MM-DD"))
    if "encoding" in data:
        try:
            codecs.lookup(str(data["encoding"]))
        except LookupError:
            raise InputError(Problem(path, _line_of(text, "encoding"), f"unknown encoding {data['encoding']!r}",
                                     "use a Python codec name such as windows-1252 or latin-1")) from None
    if "standfirst" in data and not isinstance(data["standfirst"], bool):
        raise InputError(Problem(path, _line_of(text, "standfirst"), "standfirst must be true or false",
                                 "write 'standfirst: true' or 'standfirst: false'"))
    hints = data.get("alias_hints") or {}
    if not isinstance(hints, dict) or not all(isinstance(v, (str, type(None))) for v in hints.values()):
        raise InputError(Problem(path, _line_of(text, "alias_hints"), "alias_hints must map aliases to entity ids or null",
                                 "write e.g. 'alias_hints: {\"IS\": isis, \"Assad\": null}'"))
    return data


def apply_sidecar(article: Article, data: dict) -> Article:
    """The article with the sidecar's values in place of what the parser found."""
    if not data:
        return article
    return replace(
        article,
        title=data.get("title", article.title),
        title_from_body=article.title_from_body and "title" not in data,
        byline=data.get("author", article.byline),
        byline_text=None if "author" in data else article.byline_text,
        publication=data.get("publication", article.publication),
        date=parse_iso_date(data["date"]) if "date" in data else article.date,
        date_text=None if "date" in data else article.date_text,
        url=data.get("url", article.url),
        tags=tuple(data.get("tags") or ()),
        slug=data.get("slug", article.slug),
        alias_hints=dict(data.get("alias_hints") or {}),
    )
