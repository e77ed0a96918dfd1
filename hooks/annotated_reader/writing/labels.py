"""Placing the labels of a drawing so that none hides another: positions around each point, leader lines, abbreviation.

Text is measured by estimate (the browser's font is not known at build time), with an average
character width chosen on the wide side of the system sans-serif fonts, so the boxes reserved
here are at least as large as the text a browser draws. Labels are placed one at a time, the
most important first; each takes the first free position nearest its point, then a shortened
name, and is dropped if neither fits (the drawing's table and the node's tooltip still name it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

CHAR_WIDTH = 0.62
"""Average advance of a character, in em; DejaVu Sans, the widest common fallback, averages about 0.6."""
LINE_HEIGHT = 1.25
"""A label's box height, in em: ascenders, descenders and the halo drawn around the text."""
GAP = 3.0
"""Space left between a label and its point, in drawing units."""
ELLIPSIS = "…"
ROUNDS = 4


class Box(NamedTuple):
    """An axis-aligned rectangle in drawing units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    def holds(self, point: tuple[float, float]) -> bool:
        return self.x0 <= point[0] <= self.x1 and self.y0 <= point[1] <= self.y1

    def crosses(self, start: tuple[float, float], end: tuple[float, float]) -> bool:
        """Whether the segment from ``start`` to ``end`` passes through this box (Liang–Barsky clipping)."""
        (x, y), (ex, ey) = start, end
        dx, dy = ex - x, ey - y
        low, high = 0.0, 1.0
        for p, q in ((-dx, x - self.x0), (dx, self.x1 - x), (-dy, y - self.y0), (dy, self.y1 - y)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


class Point(NamedTuple):
    """Something to label: a marker of radius ``radius`` centred on (x, y)."""

    key: str
    text: str
    x: float
    y: float
    radius: float


class Label(NamedTuple):
    """A placed label: its text, baseline start or anchor point, SVG ``text-anchor``, box, and leader line if any."""

    key: str
    text: str
    x: float
    y: float
    anchor: str
    box: Box
    leader: tuple[float, float, float, float] | None


def text_width(text: str, size: float) -> float:
    """The width reserved for ``text`` at font size ``size``."""
    return len(text) * CHAR_WIDTH * size


def marker_box(point: Point) -> Box:
    return Box(point.x - point.radius, point.y - point.radius, point.x + point.radius, point.y + point.radius)


def shortened(text: str) -> list[str]:
    """Ever shorter forms of a name, whole words first then an ellipsis: 'Free Syrian Army' → 'Free Syrian…', 'Free…'."""
    words = text.split()
    return [" ".join(words[:count]) + ELLIPSIS for count in range(len(words) - 1, 0, -1) if len(" ".join(words[:count])) >= 3]


def text_box(text: str, size: float, x: float, y: float, anchor: str) -> Box:
    """The box reserved for ``text`` drawn at font size ``size`` from the point (x, y) on its baseline, SVG-anchored."""
    width, height = text_width(text, size), LINE_HEIGHT * size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    top = y - size * 0.95
    return Box(left, top, left + width, top + height)


def _candidates(point: Point, size: float, leaders: Sequence[float]) -> Iterable[tuple[float, float, str, bool]]:
    """Baseline positions (x, y, anchor, with a leader) around the point: the eight beside it, then further out,
    the label facing away from the point first, then centred on or reaching back over the leader's end."""
    reach = point.radius + GAP
    middle = point.y + size * 0.35
    yield point.x + reach, middle, "start", False
    yield point.x - reach, middle, "end", False
    yield point.x, point.y - reach - size * 0.3, "middle", False
    yield point.x, point.y + reach + size * 0.95, "middle", False
    for dx, anchor in ((1, "start"), (-1, "end")):
        for dy in (-1, 1):
            yield point.x + dx * reach * 0.8, point.y + dy * (reach + size * 0.3) + (size * 0.7 if dy > 0 else 0), anchor, False
    for distance in leaders:
        for step in range(16):
            angle = 2 * math.pi * step / 16
            x, y = point.x + distance * math.cos(angle), point.y + distance * math.sin(angle)
            facing = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
            for anchor in (facing, *sorted({"start", "middle", "end"} - {facing})):
                yield x, y + size * 0.35, anchor, True


def _leader(point: Point, box: Box) -> tuple[float, float, float, float]:
    """A line from the marker's edge to the nearest point of the label's box."""
    tx, ty = min(max(point.x, box.x0), box.x1), min(max(point.y, box.y0), box.y1)
    length = math.hypot(tx - point.x, ty - point.y) or 1.0
    return (point.x + (tx - point.x) * point.radius / length, point.y + (ty - point.y) * point.radius / length, tx, ty)


Segment = tuple[tuple[float, float], tuple[float, float]]


def place_labels(points: Sequence[Point], size: float, bounds: Box, obstacles: Iterable[Box] = (),
                 leaders: Sequence[float] = (), lines: Iterable[Segment] = ()) -> list[Label]:
    """Labels for ``points`` (the most important first), none overlapping another, a marker or an obstacle,
    nor crossing one of ``lines``.

    ``leaders`` are the distances at which a label may sit away from its point, joined to it by a line.
    Greedy placement can box a label in with its neighbours' labels; the labels left out are then
    placed first, a few rounds at most, and the round that places the most wins.
    """
    obstacles, lines = list(obstacles), list(lines)
    order, best = list(points), []
    for _ in range(ROUNDS):
        placed = _greedy(order, size, bounds, obstacles, leaders, lines)
        if len(placed) > len(best):
            best = placed
        done = {label.key for label in placed}
        if len(done) == len(points):
            break
        order = [point for point in order if point.key not in done] + [point for point in order if point.key in done]
    return best


def _greedy(points: Sequence[Point], size: float, bounds: Box, obstacles: list[Box], leaders: Sequence[float],
            lines: list[Segment]) -> list[Label]:
    markers = [marker_box(point) for point in points]
    taken = markers + obstacles
    lines = list(lines)
    placed = []
    for point, own in zip(points, markers, strict=True):
        label = next((found for text in [point.text, *shortened(point.text)]
                      if (found := _fit(point, text, size, bounds, taken, lines, own, leaders))), None)
        if label is None:
            continue
        placed.append(label)
        taken.append(label.box)
        if label.leader:
            lines.append((label.leader[:2], label.leader[2:]))
    return placed


def _fit(point: Point, text: str, size: float, bounds: Box, taken: list[Box], lines: list[Segment], own: Box,
         leaders: Sequence[float]) -> Label | None:
    """The first free position for ``text`` around ``point``, if any."""
    for x, y, anchor, leads in _candidates(point, size, leaders):
        box = text_box(text, size, x, y, anchor)
        if not box.inside(bounds) or any(box.overlaps(other) for other in taken):
            continue
        if any(box.crosses(*line) for line in lines):
            continue
        leader = _leader(point, box) if leads else None
        # A leader may leave through markers that overlap its own, as markers of nearby places do; nothing else.
        if leader and any(other.crosses(leader[:2], leader[2:]) for other in taken
                          if other is not own and not other.holds(leader[:2])):
            continue
        return Label(point.key, text, x, y, anchor, box, leader)
    return None
