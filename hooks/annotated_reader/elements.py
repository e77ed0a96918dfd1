"""Building page parts as elements: seed text goes in as text, never through Markdown.

Everything set here is escaped by the serializer, and wrapped in ``AtomicString`` so that
no later treeprocessor reads it as Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

_ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC_LETTERS}]+(?:[\\s\u200c\u200f]+[{_ARABIC_LETTERS}]+)*")


def script_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is Arabic script) runs, so Arabic can be marked right-to-left."""
    runs, position = [], 0
    for run in _ARABIC_RUN.finditer(text):
        if run.start() > position:
            runs.append((text[position:run.start()], False))
        runs.append((run.group(), True))
        position = run.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


PLACEHOLDER_ATTRIBUTE = "data-ar-build"
"""Marks the paragraph a built part replaces; its value says which part."""


def placeholder(key: str) -> str:
    """Markdown for a paragraph that the extension replaces with the built part ``key``, or that a part
    written as text replaces when the page is written (see :func:`placeholder_html`)."""
    return f"PLACEHOLDER\n{{: {PLACEHOLDER_ATTRIBUTE}=\"{key}\" }}\n"


def placeholder_html(key: str) -> str:
    """The placeholder ``key`` as the rendered page has it, when no treeprocessor built its part."""
    return f'<p {PLACEHOLDER_ATTRIBUTE}="{key}">PLACEHOLDER</p>'


def detached(tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    """An element; ``class_`` and ``aria_hidden`` style keywords become ``class`` and ``aria-hidden``."""
    element = etree.Element(tag, {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()})
    if text is not None:
        element.text = AtomicString(text)
    return element


def element(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    """A new last child of ``parent``."""
    child = detached(tag, text, **attributes)
    parent.append(child)
    return child


def append_text(parent: etree.Element, text: str) -> None:
    """Seed text after the parent's last child, as text, with runs of Arabic script marked right-to-left."""
    for piece, arabic in script_runs(text):
        if arabic:
            element(parent, "span", piece, lang="ar", dir="rtl")
        elif len(parent):
            parent[-1].tail = AtomicString((parent[-1].tail or "") + piece)
        else:
            parent.text = AtomicString((parent.text or "") + piece)


