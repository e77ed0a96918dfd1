"""The links between the pages of a long list: a few, however many pages there are.

A listing of ten thousand articles has two hundred pages; linking every one made a wall of
small links that a keyboard had to tab through. A pager links the previous and the next page,
the first and the last, and the pages near the current one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import NamedTuple

AROUND = 2
"""Pages linked on each side of the current one."""
GAP = "…"
PAGER_LABELS = ("Pages", "Pages, after the list")
"""The names of a pager above a list and of one below it: two landmarks on a page need two names."""


class PagerItem(NamedTuple):
    text: str
    page: int | None
    """The page it stands for; None for a gap, where pages are left out."""


def pager_items(number: int, count: int) -> list[PagerItem]:
    """What the pager of page ``number`` (from 1) of ``count`` shows, in order: Previous, the first page, the pages
    near ``number``, the last page, Next; a gap where pages are left out. Page ``number`` itself is the item that
    stands for it and is not Previous or Next (which stand for the pages beside it), to be shown unlinked."""
    shown = sorted({1, count, *range(max(1, number - AROUND), min(count, number + AROUND) + 1)})
    items = [PagerItem("Previous", number - 1)] if number > 1 else []
    for before, page in itertools.pairwise([0, *shown]):
        if page - before > 1:
            items.append(PagerItem(GAP, None))
        items.append(PagerItem(str(page), page))
    if number < count:
        items.append(PagerItem("Next", number + 1))
    return items


def pager_line(number: int, count: int, link: Callable[[int, str], str], current: Callable[[str], str]) -> str:
    """The pager of page ``number`` as one line, "Pages: Previous · 1 · … · Next" (:func:`pager_items`): each other
    page as ``link`` makes it from its number and text, this one as ``current`` makes it, a gap as it is."""
    def shown(item: PagerItem) -> str:
        if item.page is None:
            return item.text
        return current(item.text) if item.page == number else link(item.page, item.text)

    return "Pages: " + " · ".join(map(shown, pager_items(number, count)))
