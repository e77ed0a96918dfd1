"""Where a long build is: one line per phase of the engine's work, with its counts and its time."""

from __future__ import annotations

import time
from collections.abc import Callable

Report = Callable[[str], None]
"""Takes one line: the hook passes its logger's ``info``."""
STEPS = 4
"""How many lines report the writing of pages, when there are :data:`MANY_PAGES` or more."""
MANY_PAGES = 1000


def silent(_: str) -> None:
    """A report that says nothing: for callers that do not want progress lines (tests, tools)."""


class Stopwatch:
    """Seconds since it was started, or since the last :meth:`lap`."""

    def __init__(self) -> None:
        self._started = self._last = time.perf_counter()

    def lap(self) -> str:
        now = time.perf_counter()
        elapsed, self._last = now - self._last, now
        return f"{elapsed:.1f} s"

    def total(self) -> str:
        return f"{time.perf_counter() - self._started:.1f} s"


class PagesWritten:
    """Counts pages as they are written and reports a few times on the way: a build of 10,000 articles writes
    pages for a minute."""

    def __init__(self, total: int, report: Report) -> None:
        self._total, self._report, self._written = total, report, 0
        self._clock = Stopwatch()
        steps = STEPS if total >= MANY_PAGES else 1
        self._marks = {round(total * step / steps) for step in range(1, steps + 1)}

    def page_written(self) -> None:
        self._written += 1
        if self._written in self._marks:
            self._report(f"pages: {self._written:,} of {self._total:,} written in {self._clock.total()}")
