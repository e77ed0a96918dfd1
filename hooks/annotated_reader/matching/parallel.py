"""Per-article work spread over the machine's cores, by one mechanism: forked workers ahead of need.

MkDocs builds on one core. Reading, matching and scanning one article needs nothing from
another, and neither does writing one page's HTML, so the corpus does both in forked
worker processes. They inherit the function and its context (the catalog, the linker,
MkDocs' files) rather than receive them pickled, and send back only their results,
through a bounded queue that this process reads itself when it takes a result: no helper
thread here competes with MkDocs for the interpreter.

Every use (:class:`WorkAhead`, :func:`map_batches`, :func:`in_background`) has the same
guarantees: a worker that dies fails the work within about a second with one line
(:class:`WorkerDied`); workers die with this process, however it ends (Linux's parent-death
signal), and are stopped when the work is closed; the garbage collector's state is
restored. Workers are forked only where forking is safe and pays: on Linux, from a process
without other threads (``mkdocs serve`` rebuilds in a thread of its own, so its rebuilds run
here), with more than one core and enough items. Elsewhere the same function runs in this
process, with the same results.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

WORTH_FORKING = 64
"""Fewer items than this run in this process: starting workers would cost more than it saves."""
BATCHES_PER_WORKER = 4
"""More batches than workers, so that batches of unequal cost even out."""
AHEAD = 32
"""How many results :class:`WorkAhead`'s workers may have ready and not yet taken: enough to keep them
busy, few enough that finished pages do not pile up in memory when they are faster than MkDocs."""
POLL_SECONDS = 1.0
"""How often a wait for a result checks that the workers are still alive."""
_PR_SET_PDEATHSIG = 1


class WorkerDied(Exception):
    """A worker process ended without handing over the results it was given to work out."""


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container with a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork(workers: int, size: int) -> bool:
    """Whether forking ``workers`` for ``size`` items is safe here and pays.

    Safe means no other Python thread, which could hold a lock (the log's, the import
    system's) that the forked worker would inherit locked. Threads that C libraries start
    for themselves (OpenBLAS, which numpy loads, starts one) handle a fork themselves.
    """
    return (workers >= 1 and size >= WORTH_FORKING and sys.platform == "linux"
            and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while results arrive that are all kept (a collection then is wasted); the
    collector's state is restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the process that forked it ends, however it ends (SIGKILL included)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was in place
        os._exit(1)


class _Failed:
    """An item's function raised in a worker, or its result could not cross back: the error is raised here."""

    def __init__(self, error: BaseException) -> None:
        try:
            pickle.loads(pickle.dumps(error))
            self.error = error
        except Exception:
            self.error = RuntimeError("".join(traceback.format_exception(error)))


def _packed(result: Any) -> bytes:
    """The result as it crosses back, pickled here so that one that cannot be is reported, not lost."""
    try:
        return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        return pickle.dumps(_Failed(error), pickle.HIGHEST_PROTOCOL)


def _work_through(function: Callable[[Any, Hashable], Any], context: Any, items: list[Hashable],
                  results: multiprocessing.Queue, parent: int) -> None:
    """A worker's loop: each result is put in ``results``, a bounded queue (a full one makes it wait)."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build's process, and so, with it, the workers
    gc.disable()  # a short-lived worker: what it makes is sent back, or dropped at exit
    for item in items:
        try:
            result = function(context, item)
        except Exception as error:  # raised in the process that takes the result
            result = _Failed(error)
        results.put((item, _packed(result)))


class WorkAhead:
    """``function(context, item)`` for each of ``items``, worked out by worker processes ahead of need.

    This process asks for the results with :meth:`take`, in about the order of ``items``,
    while it does other work; the workers stay at most ``room`` results ahead of it. An item
    the workers were not given is worked out here. ``workers`` defaults to the available cores
    but one, the one this process goes on with; 0 works everything out here. Whether forking
    pays is weighed on ``size`` items (by default, ``items``).
    """

    def __init__(self, function: Callable[[Any, Hashable], Any], context: Any, items: Sequence[Hashable],
                 workers: int | None = None, room: int = AHEAD, size: int | None = None) -> None:
        self._function, self._context = function, context
        self._ready: dict[Hashable, Any] = {}
        self._processes: list[multiprocessing.process.BaseProcess] = []
        workers = min(available_cores() - 1 if workers is None else workers, len(items))
        self._expected = set(items) if can_fork(workers, len(items) if size is None else size) else set()
        if not self._expected:
            return
        forking = multiprocessing.get_context("fork")
        self._results = forking.Queue(maxsize=room)
        shares = [list(items[first::workers]) for first in range(workers)]
        self._processes = [forking.Process(target=_work_through, daemon=True,
                                           args=(function, context, share, self._results, os.getpid()))
                           for share in shares]
        gc.freeze()  # what this process holds is left alone by the workers' collectors: neither traversed nor copied
        try:
            for process in self._processes:
                process.start()
        except BaseException:
            self.close()
            raise
        finally:
            gc.unfreeze()

    def take(self, item: Hashable) -> Any:
        """The result for ``item``: from the workers if they were given it, else worked out here."""
        if item not in self._expected:
            return self._function(self._context, item)
        while item not in self._ready:
            done, packed = self._receive()
            self._ready[done] = packed
        self._expected.discard(item)
        result = pickle.loads(self._ready.pop(item))
        if isinstance(result, _Failed):
            raise result.error
        return result

    def _receive(self) -> tuple[Hashable, bytes]:
        """The next (item, packed result); :class:`WorkerDied` as soon as a worker has died, instead of waiting for
        the others, or for ever. Workers that all ended well but owe results are given one more wait."""
        owing_once_more = True
        while True:
            ended = [process.exitcode for process in self._processes if process.exitcode is not None]
            failed = next((code for code in ended if code != 0), None)
            if failed is not None:
                self._died(f"was killed by signal {-failed}" if failed < 0 else f"exited with status {failed}")
            try:
                return self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if len(ended) == len(self._processes):
                    if not owing_once_more:
                        self._died("ended before handing over all of its results")
                    owing_once_more = False

    def _died(self, how: str) -> None:
        self.close()
        raise WorkerDied(f"a worker process {how} — rerun the build; if it recurs, set extra.reader.workers: 1 "
                         "in mkdocs.yml")

    def close(self) -> None:
        """Stop the workers (results not taken are dropped)."""
        for process in self._processes:
            process.kill()
            process.join(timeout=5)
        if self._processes:
            self._results.close()
        self._processes.clear()
        self._expected = set()


def map_batches(function: Callable[[Any, list[Any]], Any], context: Any, items: Sequence[Any],
                workers: int | None = None) -> list[Any]:
    """``function(context, batch)`` for consecutive batches of ``items``, results in order, over the cores.

    Each batch can sum up its items (one result per batch) so that less crosses back between
    processes; the results must be picklable. ``workers`` defaults to the available cores,
    this process included; with one, the whole of ``items`` is one batch, worked out here.
    """
    workers = min(workers or available_cores(), len(items))
    if workers < 2 or not can_fork(workers, len(items)):
        return [function(context, list(items))]
    size = -(-len(items) // (workers * BATCHES_PER_WORKER))
    batches = [list(items[start:start + size]) for start in range(0, len(items), size)]
    ahead = WorkAhead(lambda shared, number: function(shared, batches[number]), context, range(len(batches)),
                      workers, room=len(batches), size=len(items))
    try:
        with collector_paused():
            return [ahead.take(number) for number in range(len(batches))]
    finally:
        ahead.close()


class InBackground:
    """``function()`` worked out by a forked process while this one goes on; :meth:`result` waits for it.

    For work on ``size`` items that nothing needs for a while. With fewer than
    :data:`WORTH_FORKING` items, ``workers`` 0, or where forking is not safe, it is worked out
    here, when its result is asked for.
    """

    def __init__(self, function: Callable[[], Any], size: int, workers: int | None = None) -> None:
        workers = min(1, available_cores() - 1 if workers is None else workers)
        self._owner = os.getpid()
        self._work = WorkAhead(lambda _context, _item: function(), None, [None], workers, room=1, size=size)

    def result(self) -> Any:
        """The result, waited for; only the process that started the work can wait for it."""
        if os.getpid() != self._owner:
            raise RuntimeError("work in the background was waited for by another process than the one that started it")
        return self._work.take(None)

    def close(self) -> None:
        self._work.close()
