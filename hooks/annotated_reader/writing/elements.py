"""Building the drawings as elements, and the placeholders that parts written apart stand in.

Text set here is escaped by the serializer (:func:`html_of`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.serializers import to_html_string

PLACEHOLDER_ATTRIBUTE = "data-ar-part"
"""Marks the empty element a part written apart replaces; its value says which part."""


def placeholder_html(key: str) -> str:
    """The placeholder of the part ``key``, as the rendered page has it."""
    return f'<div {PLACEHOLDER_ATTRIBUTE}="{key}"></div>'


def placeholder(key: str) -> str:
    """Markdown for the place of the part ``key``, which is written apart and put in when the page is.

    A block of raw HTML: Markdown passes it through as it is, without parsing it.
    """
    return placeholder_html(key) + "\n"


def detached(tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    """An element; ``class_`` and ``aria_hidden`` style keywords become ``class`` and ``aria-hidden``."""
    element = etree.Element(tag, {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()})
    if text is not None:
        element.text = text
    return element


def element(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    """A new last child of ``parent``."""
    child = detached(tag, text, **attributes)
    parent.append(child)
    return child


def html_of(built: etree.Element) -> str:
    """A built part as HTML, serialized as Python-Markdown serializes the pages it renders."""
    return to_html_string(built)
