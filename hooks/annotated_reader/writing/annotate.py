"""The Markdown extension: links names in hand-written pages.

Its treeprocessor (priority 6) runs after inline patterns and ``attr_list`` and before
``toc`` and MkDocs' anchor collection and link rewriting, so MkDocs validates every link
it adds. It walks pages like ``markdown.extensions.abbr`` does, touching text and tails
only, never inside headings, links, code, ``abbr`` or anything marked ``ar-nolink``, and
links what the linker finds. A page never links to itself: neither the entity whose page is
rendering nor, inside an element marked ``data-about`` (a register entry), the entity it is
about. Articles, drawings and mentions in context are written as
text apart from Markdown (see :mod:`.html_text` and :mod:`.parallel`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..matching.linker import Linker, Match
from ..matching.mentions import LinkMode, LinkPolicy
from ..reading.catalog import Catalog
from .markup import mention_element

SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "kbd", "samp"}
BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "figcaption", "blockquote"}
NO_LINK_CLASS = "ar-nolink"


class AnnotatorState:
    """What the treeprocessors need for the page being rendered; the hook fills it in per page."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.linker: Linker | None = None
        self.mode = LinkMode.FIRST_IN_ARTICLE
        self.current_entity: str | None = None
        """The entity whose own page is rendering: a page never links to itself."""


class AnnotateTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: AnnotatorState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.linker is None or self.state.catalog is None:
            return
        self._policy = LinkPolicy(self.state.mode)
        self._numbers: Counter[str] = Counter()
        texts: list[tuple[etree.Element, etree.Element | None, str, str, str | None]] = []
        self._walk(root, texts)
        found = self.state.linker.find_in_blocks([text for _, _, text, _, _ in texts])  # one pass for the whole page
        for (parent, child, text, block, about), matches in zip(texts, found, strict=True):
            if child is None:
                parent.text = self._link_into(parent, text, 0, block, matches, about)
            else:
                child.tail = self._link_into(parent, text, list(parent).index(child) + 1, block, matches, about)

    def _skipped(self, element: etree.Element) -> bool:
        return element.tag in SKIPPED_TAGS or NO_LINK_CLASS in (element.get("class") or "").split()

    def _walk(self, parent: etree.Element, texts: list, block: str = "page", about: str | None = None) -> None:
        """Collect, in reading order, each text to link: (parent, the child it is the tail of or None, text, block,
        the entity the text is about, which it never links: a register entry's own entity)."""
        if self._skipped(parent):
            return
        if parent.tag in BLOCK_TAGS:
            block = str(id(parent))
        about = parent.get("data-about") or about
        if parent.text and not isinstance(parent.text, AtomicString):
            texts.append((parent, None, parent.text, block, about))
        for child in parent:
            self._walk(child, texts, block, about)
            if child.tail and not isinstance(child.tail, AtomicString):
                texts.append((parent, child, child.tail, block, about))

    def _link_into(self, parent: etree.Element, text: str, position: int, block: str, found: list[Match],
                   about: str | None) -> str:
        """Insert mention elements for ``found`` in ``text`` at ``position`` of ``parent``; return the text before them."""
        itself = (self.state.current_entity, about)
        matches = [m for m in found if m.entity_id not in itself]
        if not matches:
            return text
        ends = [match.start for match in matches[1:]] + [len(text)]
        for offset, (match, tail_end) in enumerate(zip(matches, ends, strict=True)):
            entity = self.state.catalog[match.entity_id]
            self._numbers[entity.id] += 1
            anchor = f"m-{entity.id}-{self._numbers[entity.id]}"
            element = mention_element(text[match.start:match.end], entity, anchor,
                                      self._policy.is_full_link(entity.id, block))
            element.tail = text[match.end:tail_end]
            parent.insert(position + offset, element)
        return text[:matches[0].start]


class AnnotateExtension(Extension):
    """Registers the annotator; one instance lives for the whole build, its state set per page."""

    def __init__(self, state: AnnotatorState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(AnnotateTreeprocessor(md, self.state), "annotated_reader", 6)
