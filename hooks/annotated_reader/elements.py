"""Building page parts as elements (the drawings), and the placeholders that parts stand in.

Text set here is escaped by the serializer, and wrapped in ``AtomicString`` so that no
later treeprocessor reads it as Markdown.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

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
