"""Per-article work spread over the machine's cores.

MkDocs builds on one core. Reading, matching and scanning one article needs nothing from
another, and neither does writing one page's HTML, so the corpus does both in forked
worker processes: they inherit the catalog, the linker and MkDocs' files rather than
receive them pickled, and send back only their results. Where ``fork`` is missing, or one
core or a handful of items would not pay for the workers, the same function runs in this
process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

WORTH_FORKING = 64
"""Fewer items than this run in this process: starting workers would cost more than it saves."""
BATCHES_PER_WORKER = 4
"""More batches than workers, so that a worker that finishes early takes another."""
AHEAD = 32
"""How many items :class:`WorkAhead` has in hand or in the works: enough to keep a worker busy, few
enough that finished pages do not pile up in memory when the workers are faster than MkDocs."""

_job: tuple[Callable[[Any, Any], Any], Any] | None = None
"""The function and its shared context, set before the workers fork so that they inherit both."""


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container with a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run(item: Any) -> Any:
    function, context = _job
    return function(context, item)


def _can_fork(workers: int, items: Sequence[Any]) -> bool:
    return workers >= 1 and len(items) >= WORTH_FORKING and "fork" in multiprocessing.get_all_start_methods()


def _fork_pool(function: Callable[[Any, Any], Any], context: Any, workers: int) -> Pool:
    """Workers that inherit ``function`` and ``context`` (they fork now, while both are set)."""
    global _job
    _job = (function, context)
    try:
        return multiprocessing.get_context("fork").Pool(workers)
    finally:
        _job = None


def map_batches(function: Callable[[Any, list[Any]], Any], context: Any, items: Sequence[Any],
                workers: int | None = None) -> list[Any]:
    """``function(context, batch)`` for consecutive batches of ``items``, results in order, over the cores.

    Each batch can sum up its items (one result per batch) so that less crosses back between
    processes. ``function`` must be a module-level function and its results picklable;
    ``context`` is never pickled. ``workers`` defaults to the available cores. With one
    worker the whole of ``items`` is one batch, in this process.
    """
    workers = min(workers or available_cores(), len(items))
    if workers < 2 or not _can_fork(workers, items):
        return [function(context, list(items))]
    size = -(-len(items) // (workers * BATCHES_PER_WORKER))
    batches = [list(items[start:start + size]) for start in range(0, len(items), size)]
    with _fork_pool(function, context, workers) as pool:
        return pool.map(_run, batches, chunksize=1)


class WorkAhead:
    """``function(context, item)`` for each of ``items``, worked out by worker processes ahead of need.

    This process asks for the results with :meth:`take`, in about the order of ``items``,
    while it does other work; the workers keep up to :data:`AHEAD` items ahead. An item
    asked for that the workers were not given is worked out here. ``workers`` defaults to
    the available cores but one, the one this process goes on with.
    """

    def __init__(self, function: Callable[[Any, Hashable], Any], context: Any, items: Sequence[Hashable],
                 workers: int | None = None) -> None:
        self._function, self._context = function, context
        workers = min(available_cores() - 1 if workers is None else workers, len(items))
        self._pool = _fork_pool(function, context, workers) if _can_fork(workers, items) else None
        self._queued = deque(items if self._pool else ())
        self._expected = set(self._queued)
        self._pending: deque[tuple[Hashable, AsyncResult]] = deque()
        self._ready: dict[Hashable, Any] = {}
        self._refill()

    def _refill(self) -> None:
        while self._queued and len(self._pending) + len(self._ready) < AHEAD:
            item = self._queued.popleft()
            self._pending.append((item, self._pool.apply_async(_run, (item,))))

    def take(self, item: Hashable) -> Any:
        """The result for ``item``: from the workers if they have it or will soon, else worked out here."""
        if item in self._expected:
            while item not in self._ready and self._pending:
                done, result = self._pending.popleft()
                self._ready[done] = result.get()
                self._refill()
            self._expected.discard(item)
        if item in self._ready:
            result = self._ready.pop(item)
            self._refill()
            return result
        if item in self._queued:  # asked for far out of order: not worth waiting for
            self._queued.remove(item)
        return self._function(self._context, item)

    def close(self) -> None:
        """Stop the workers (results not taken are dropped)."""
        if self._pool:
            self._pool.terminate()
            self._pool = None
