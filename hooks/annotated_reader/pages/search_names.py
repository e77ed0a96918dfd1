"""The search's names and titles: what answers at once over HTTP, and the whole search from ``file://``.

Over HTTP the search box fetches the names of one letter of the query (a file per letter,
listed on the box) beside Pagefind, and shows the entities whose names the query begins
before Pagefind has scored a page: a query fetches a small share of the catalog, however
large it grows. From ``file://``, where Pagefind cannot load, and on a site built without
its full-text index, the box reads every name and every article's title from two scripts
(a page opened from disk can load a script but cannot fetch a file).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from ..reading.article import Article
from ..reading.catalog import Catalog
from ..reading.dates import format_date
from ..writing.addresses import article_src_uri, page_path

NAMES_SCRIPT = "search/names.js"
TITLES_SCRIPT = "search/titles.js"
LETTERS_FOLDER = "search/names"
"""The names by letter: ``<letter's code>.json``, one per letter that begins a word of a name."""
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670]")
_APOSTROPHES = re.compile("[’'‘`ʼ]")
_BETWEEN_WORDS = re.compile(r"[\W_]+")


def folded_words(text: str) -> list[str]:
    """The words of ``text`` as the search box folds a query (``normalise`` and ``wordsOf`` in search.js):
    decomposed, without accents and Arabic short vowels, in lower case, apostrophes dropped, split at anything but
    letters and digits. The two must agree: a name is filed under the letter the box will ask for."""
    text = _APOSTROPHES.sub("", _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower())
    return [word for word in _BETWEEN_WORDS.split(text) if word]


def name_rows(catalog: Catalog) -> list[list]:
    """Every entity's address (from the site's root), name, type, type label, summary, other names (aliases,
    inflected forms, Arabic name) and year."""
    return [[page_path(entity.src_uri), entity.name, entity.type, entity.type_label, entity.summary,
             [alias.text for alias in (*entity.aliases, *entity.forms)] + ([entity.arabic] if entity.arabic else []),
             entity.date[:4] if entity.date else ""] for entity in catalog]


def names_script(catalog: Catalog) -> str:
    """Every entity's row (:func:`name_rows`), as a script."""
    return _script("arNames", name_rows(catalog))


@dataclass(frozen=True)
class NamesByLetter:
    """The rows of :func:`name_rows` by the code of the first letter of each word of each of an entity's names
    (:func:`letter_code`). The box finds an entity when every word of the query begins a word of one of its names,
    so the names of any one word's letter hold every entity the query can find: the box fetches the letter with the
    fewest."""

    rows: dict[str, list[list]]

    @classmethod
    def of(cls, catalog: Catalog) -> NamesByLetter:
        letters: dict[str, list[list]] = {}
        for row in name_rows(catalog):
            for letter in sorted({word[0] for name in (row[1], *row[5]) for word in folded_words(name)}):
                letters.setdefault(letter_code(letter), []).append(row)
        return cls(dict(sorted(letters.items())))

    def listed(self) -> str:
        """Each letter's code and how many entities it holds, as the search box lists them (``61:120 62:30``)."""
        return " ".join(f"{code}:{len(rows)}" for code, rows in self.rows.items())

    def files(self) -> dict[str, str]:
        """Each letter's file (its path from the site's root) and its JSON."""
        return {f"{LETTERS_FOLDER}/{code}.json": _json(rows) for code, rows in self.rows.items()}


def letter_code(letter: str) -> str:
    """A folded letter as the box names its file: the code point in hexadecimal (``q`` is ``71``)."""
    return f"{ord(letter):x}"


def titles_script(articles: dict[str, Article]) -> str:
    """Every article's address, title, date and year, in the rows of :func:`name_rows`: with the names, the search
    that finds entities by any of their names and articles by title, not by their text."""
    rows = [[page_path(article_src_uri(slug)), article.title, "article", format_date(article.date) if article.date else "",
             "", [], str(article.date.year) if article.date else ""] for slug, article in sorted(articles.items())]
    return _script("arTitles", rows)


def _json(rows: list[list]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _script(name: str, rows: list[list]) -> str:
    return f"window.{name} = {_json(rows)};\n"
