"""Sidecars: ``seeds/NAME.yml`` beside ``seeds/NAME.txt`` corrects or completes what the parser read.

Seeds stay byte for byte as received; every correction lives here instead. The keys and
their rules are declared in :class:`.schema.Sidecar`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .article import Article
from .errors import InputError, Problem
from .input_files import file_bytes, utf8_text
from .schema import Sidecar
from .validation import validate
from .yaml_data import YAML_MAX_CHARS, YamlRefused, read_yaml


def read_sidecar(path: Path) -> dict:
    """The sidecar's values, checked against :class:`.schema.Sidecar`; {} when there is none.

    Raises :class:`InputError` with one problem per violation. The caller has made sure the
    path, if it exists, is a regular file inside the project (:mod:`.input_files`)."""
    if not path.exists():
        return {}
    if path.stat().st_size > YAML_MAX_CHARS * 4:  # up to 4 bytes a character in UTF-8: never read a huge file whole
        raise InputError(Problem(path, None, f"is {path.stat().st_size:,} bytes long", "a sidecar holds a few short keys"))
    try:
        data = read_yaml(utf8_text(file_bytes(path), path))
    except YamlRefused as refused:
        raise InputError(Problem(path, refused.line, refused.message, refused.fix)) from None
    if data.value is None:
        return {}
    if not isinstance(data.value, dict):
        raise InputError(Problem(path, 1, "must be a mapping of keys to values",
                                 f"use keys from: {', '.join(Sidecar.model_fields)}"))
    sidecar, problems = validate(Sidecar, data, path, "key")
    if problems:
        raise InputError(*problems)
    return {key: value for key, value in sidecar.model_dump(exclude_unset=True).items() if value is not None}  # null: not given


def sidecar_line(path: Path, *keys: str) -> int | None:
    """The line of ``keys`` (``"alias_hints", "IS"``) in a sidecar read already, for a problem found later, once
    the catalog is known."""
    try:
        return read_yaml(utf8_text(file_bytes(path), path)).line_of(keys)
    except (InputError, YamlRefused):  # it was read once: it changed since
        return None


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
        date=data.get("date", article.date),
        date_text=None if "date" in data else article.date_text,
        url=data.get("url", article.url),
        tags=tuple(data.get("tags", ())),
        slug=data.get("slug", article.slug),
        alias_hints=dict(data.get("alias_hints", {})),
    )
