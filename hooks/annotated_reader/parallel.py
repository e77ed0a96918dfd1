"""Per-article work spread over the machine's cores.

MkDocs builds on one core. Reading, matching and scanning one article needs nothing from
another, and neither does writing one page's HTML, so the corpus does both in forked
worker processes: they inherit the catalog, the linker and MkDocs' files rather than
receive them pickled, and send back only their results. Where ``fork`` is missing, or one
core or a handful of items would not pay for the workers, the same function runs in this
process, with the same results.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import traceback
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

WORTH_FORKING = 64
"""Fewer items than this run in this process: starting workers would cost more than it saves."""
BATCHES_PER_WORKER = 4
"""More batches than workers, so that a worker that finishes early takes another."""
AHEAD = 32
"""How many results :class:`WorkAhead`'s workers may have ready and not yet taken: enough to keep them
busy, few enough that finished pages do not pile up in memory when they are faster than MkDocs."""

_job: tuple[Callable[[Any, Any], Any], Any] | None = None
"""The function and its shared context, set before the workers fork so that they inherit both."""


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container with a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run(item: Any) -> Any:
    function, context = _job
    return function(context, item)


def _can_fork(workers: int, size: int) -> bool:
    """Whether forking ``workers`` for ``size`` items is possible and pays."""
    return workers >= 1 and size >= WORTH_FORKING and "fork" in multiprocessing.get_all_start_methods()


def _stop(workers: list[multiprocessing.Process]) -> None:
    for worker in workers:
        worker.terminate()
        worker.join()
    workers.clear()


@contextlib.contextmanager
def _inherited(function: Callable[[Any, Any], Any], context: Any) -> Iterator[None]:
    """Workers forked in this block inherit ``function`` and ``context``; this process lets them go after.

    What this process holds is frozen while they fork: their garbage collector then leaves it
    alone, neither traversing it nor writing to it (which would copy its memory pages).
    """
    global _job
    _job = (function, context)
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        _job = None


def map_batches(function: Callable[[Any, list[Any]], Any], context: Any, items: Sequence[Any],
                workers: int | None = None) -> list[Any]:
    """``function(context, batch)`` for consecutive batches of ``items``, results in order, over the cores.

    Each batch can sum up its items (one result per batch) so that less crosses back between
    processes. The workers inherit ``function`` and ``context``, which are never pickled; the
    results must be picklable. ``workers`` defaults to the available cores. With one worker
    the whole of ``items`` is one batch, in this process.
    """
    workers = min(workers or available_cores(), len(items))
    if workers < 2 or not _can_fork(workers, len(items)):
        return [function(context, list(items))]
    size = -(-len(items) // (workers * BATCHES_PER_WORKER))
    batches = [list(items[start:start + size]) for start in range(0, len(items), size)]
    with _inherited(function, context):  # short-lived workers: what they make is sent back, or dropped at exit
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=gc.disable)
    gc.disable()  # the results are kept, every object of them: a collection while they arrive is wasted
    try:
        with pool:
            return pool.map(_run, batches, chunksize=1)
    finally:
        gc.enable()


class _Failed:
    """An item's function raised in a worker: the error crosses back to be raised here."""

    def __init__(self, error: BaseException) -> None:
        try:
            pickle.dumps(error)
            self.error = error
        except Exception:
            self.error = RuntimeError("".join(traceback.format_exception(error)))


def _unwrapped(result: Any) -> Any:
    if isinstance(result, _Failed):
        raise result.error
    return result


def _work_through(items: list[Hashable], results: multiprocessing.Queue) -> None:
    """A worker's loop: each result is put in ``results``, a bounded queue (a full one makes it wait)."""
    function, context = _job
    for item in items:
        try:
            result = function(context, item)
        except Exception as error:  # raised in the process that waits for it
            result = _Failed(error)
        results.put((item, result))


def _start(function: Callable[[Any, Hashable], Any], context: Any, shares: list[list[Hashable]],
           room: int) -> tuple[multiprocessing.Queue, list[multiprocessing.Process]]:
    """Fork one worker per share of items; their results come back through a queue with ``room`` places."""
    forking = multiprocessing.get_context("fork")
    results = forking.Queue(maxsize=room)
    workers = [forking.Process(target=_work_through, args=(share, results), daemon=True) for share in shares]
    with _inherited(function, context):
        for worker in workers:
            worker.start()
    return results, workers


def _receive(results: multiprocessing.Queue, workers: list[multiprocessing.Process]) -> tuple[Hashable, Any]:
    """The next (item, result) from ``workers``; an error if one of them died instead of waiting for ever."""
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            if any(worker.exitcode not in (None, 0) for worker in workers):
                raise RuntimeError("a worker process stopped unexpectedly") from None


class WorkAhead:
    """``function(context, item)`` for each of ``items``, worked out by worker processes ahead of need.

    This process asks for the results with :meth:`take`, in about the order of ``items``,
    while it does other work. The workers stay at most :data:`AHEAD` results ahead of it, so
    finished results do not pile up in memory. They hand results over through a queue that
    this process reads itself when it takes one: no helper thread here competes with its
    own work for the interpreter. An item the workers were not given is worked out here.
    ``workers`` defaults to the available cores but one, the one this process goes on with.
    """

    def __init__(self, function: Callable[[Any, Hashable], Any], context: Any, items: Sequence[Hashable],
                 workers: int | None = None) -> None:
        self._function, self._context = function, context
        self._ready: dict[Hashable, Any] = {}
        self._workers: list[multiprocessing.Process] = []
        workers = min(available_cores() - 1 if workers is None else workers, len(items))
        self._expected = set(items) if _can_fork(workers, len(items)) else set()
        if not self._expected:
            return
        shares = [list(items[first::workers]) for first in range(workers)]
        self._results, self._workers = _start(function, context, shares, AHEAD)

    def take(self, item: Hashable) -> Any:
        """The result for ``item``: from the workers if they were given it, else worked out here."""
        if item in self._expected:
            while item not in self._ready:
                done, result = _receive(self._results, self._workers)
                self._ready[done] = result
            self._expected.discard(item)
            return _unwrapped(self._ready.pop(item))
        return self._function(self._context, item)

    def close(self) -> None:
        """Stop the workers (results not taken are dropped)."""
        _stop(self._workers)
        self._expected = set()


class InBackground:
    """``function()`` worked out by a forked process while this one goes on; :meth:`result` waits for it.

    For work on ``size`` items that nothing needs for a while. With fewer than
    :data:`WORTH_FORKING` items, ``workers`` 0, or no ``fork``, it is worked out here, when
    its result is asked for.
    """

    def __init__(self, function: Callable[[], Any], size: int, workers: int | None = None) -> None:
        self._function = function
        self._workers: list[multiprocessing.Process] = []
        workers = available_cores() - 1 if workers is None else workers
        if not _can_fork(workers, size):
            return
        self._results, self._workers = _start(lambda _context, _item: function(), None, [[None]], 1)

    def result(self) -> Any:
        if not self._workers:
            return self._function()
        _, result = _receive(self._results, self._workers)
        _stop(self._workers)  # it has finished: this only reaps it
        return _unwrapped(result)

    def close(self) -> None:
        """Stop the work if it is still going (after an error elsewhere)."""
        _stop(self._workers)
