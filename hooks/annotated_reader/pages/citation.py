"""How to cite an article: Chicago (notes and bibliography) and BibTeX, from what the seed and sidecar say.

Both give the annotated edition's absolute address (``page_url``, made from the site's ``site_url``), so a
citation copied out of the page still leads back to it.
"""

from __future__ import annotations

import re

from slugify import slugify

from ..reading.article import Article
from ..reading.dates import format_date

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
_INSIGNIFICANT = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
                            "as"])
"""Words a citation key skips, as reference managers do: articles, prepositions and conjunctions."""
KEY_WORDS = 3


def _inverted(name: str) -> str:
    """"Ayman Sharrouf" -> "Sharrouf, Ayman" (the last word taken as the family name)."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def chicago(article: Article, page_url: str) -> str:
    parts = [f"{_inverted(article.byline)}." if article.byline else "", f"“{article.title.rstrip('.')}.”"]
    where = [article.publication] if article.publication else []
    where.append(format_date(article.date) if article.date else "n.d.")
    parts.append(", ".join(where).removesuffix(".") + ".")
    if article.url:
        parts.append(article.url + ".")
    parts.append(f"Annotated edition: {page_url}.")
    return " ".join(part for part in parts if part)


def bibtex_key(article: Article) -> str:
    """author-year-words: the family name, the year ("nd" if unknown) and the title's first three significant
    words, taken in order, so the key reads like the title and stays the same across builds."""
    author = slugify(article.byline.split()[-1]) if article.byline else "anon"
    title = slugify(article.title, replacements=[("'", ""), ("’", "")])  # "Caliph's" is one word
    words = [word for word in title.split("-") if word not in _INSIGNIFICANT][:KEY_WORDS]
    return f"{author}-{article.date.year if article.date else 'nd'}-{'-'.join(words) or article.slug}"


def bibtex(article: Article, page_url: str) -> str:
    def field(value: str) -> str:
        return _BIBTEX_SPECIAL.sub(r"\\\1", value)

    fields = []
    if article.byline:
        fields.append(("author", _inverted(article.byline)))
    fields.append(("title", article.title))
    if article.publication:
        fields.append(("journal", article.publication))
    if article.date:
        fields += [("year", str(article.date.year)), ("month", f"{article.date:%b}".lower())]
    if article.url:
        fields.append(("url", article.url))
    fields.append(("note", f"Annotated edition: {page_url}; each paragraph is citable as {page_url}#p1, #p2 …"))
    body = ",\n".join(f"  {name} = {{{field(value)}}}" for name, value in fields)
    return f"@article{{{bibtex_key(article)},\n{body}\n}}"
