"""A second wall behind escaping: pages that carry seed text keep only the markup we emit."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a", "article", "aside", "blockquote", "br", "code", "div", "em", "figcaption", "figure",
    "dd", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "mark", "nav", "ol", "p", "section",
    "pre", "q", "span", "strong", "time", "ul",
}
ALLOWED_ATTRIBUTES = {"class", "datetime", "dir", "href", "id", "lang", "rel", "title", "role", "scope"}
SVG_TAGS = {"svg", "g", "circle", "rect", "polygon", "line", "path", "text", "title", "table", "caption", "thead",
            "tbody", "tr", "th", "td"}
"""The drawings (network, maps) and their table alternatives."""
SVG_ATTRIBUTES = {"viewBox", "viewbox", "xmlns", "cx", "cy", "r", "x", "y", "width", "height", "points", "x1", "y1",
                  "x2", "y2", "d", "stroke-width", "text-anchor"}


def sanitize(html: str) -> str:
    """Drop every element, attribute and URL scheme that the project's own renderers never emit."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | SVG_TAGS,
        attributes={"*": ALLOWED_ATTRIBUTES | SVG_ATTRIBUTES},
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
