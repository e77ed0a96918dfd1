"""Work spread over processes gives exactly what the same work in one process gives."""

from __future__ import annotations

import gc
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, site_differences

from annotated_reader.matching import parallel
from annotated_reader.matching.parallel import InBackground, WorkAhead, WorkerDied, map_batches
from annotated_reader.reading.entity_types import ENTITY_FOLDERS


def _batch_sums(context: dict, batch: list[int]) -> list[int]:
    return [context["offset"] + item for item in batch]


def _shifted(context: dict, item: int) -> tuple[int, int]:
    return item, context["offset"] + item


@pytest.fixture
def always_fork(monkeypatch):
    """Fork however few the items, and from a test process with threads of its own (the browser tests' idle
    server), so that small tests take the worker path."""
    monkeypatch.setattr(parallel, "can_fork", lambda workers, size: workers >= 1)


def unpicklable_context() -> dict:
    """A context holding a lock: a worker can only have it by inheriting it, never through pickle."""
    return {"offset": 1000, "lock": threading.Lock()}


def test_batches_in_workers_come_back_in_order_and_equal_to_one_process(always_fork):
    items = list(range(50))
    forked = map_batches(_batch_sums, unpicklable_context(), items, workers=2)
    assert len(forked) > 1  # really split into batches
    assert [value for batch in forked for value in batch] == _batch_sums({"offset": 1000}, items)
    assert map_batches(_batch_sums, unpicklable_context(), items, workers=1) == [_batch_sums({"offset": 1000}, items)]


def _batch_process(_: dict, batch: list[int]) -> int:
    return os.getpid()


def test_batches_are_worth_forking_by_their_items_not_by_their_number(monkeypatch):
    """Whether forking pays is weighed on the items (a thousand seeds), not on the eight batches they make."""
    weighed: list[int] = []
    monkeypatch.setattr(parallel, "can_fork", lambda workers, size: weighed.append(size) or workers >= 1)
    processes = map_batches(_batch_process, unpicklable_context(), list(range(1000)), workers=2)
    assert set(weighed) == {1000}
    assert len(set(processes)) == 2 and os.getpid() not in processes


def test_work_ahead_gives_every_result_in_any_order_asked(always_fork, monkeypatch):
    monkeypatch.setattr(parallel, "AHEAD", 4)
    ahead = WorkAhead(_shifted, unpicklable_context(), list(range(20)), workers=1)
    try:
        asked = [0, 1, 3, 2, 19, 4, 5, 5, 77, *range(6, 19)]  # out of order, far ahead, twice, never given
        assert [ahead.take(item) for item in asked] == [(item, 1000 + item) for item in asked]
    finally:
        ahead.close()


def test_work_ahead_without_workers_works_here():
    ahead = WorkAhead(_shifted, {"offset": 1}, list(range(5)), workers=0)
    assert [ahead.take(item) for item in (4, 0)] == [(4, 5), (0, 1)]
    ahead.close()


def _set_workers(project: Path, workers: int) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["reader"]["workers"] = workers
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_corpus_built_over_two_processes_is_byte_identical_to_one_built_in_one(tmp_path, monkeypatch):
    """The benchmark's generated project, with enough seeds that the build forks (even on one core)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import corpus

    real_entities = sum(1 for folder in ENTITY_FOLDERS for _ in (ROOT / "docs" / folder).glob("*.md"))
    monkeypatch.setattr(corpus, "CATALOG_SIZE", real_entities + 30)
    project, _ = corpus.write_corpus(ROOT, tmp_path, parallel.WORTH_FORKING + 6)
    sites = []
    for workers in (1, 2):
        _set_workers(project, workers)
        sites.append(build(project, site_name=f"site-{workers}"))
    one, two = sites
    assert one.returncode == two.returncode == 0, one.output + two.output
    assert site_differences(one.site, two.site) == []


def test_workers_setting_must_be_a_positive_whole_number(project: Path):
    _set_workers(project, 0)
    result = build(project)
    assert result.returncode != 0
    assert "extra.reader.workers: 0 is not a number of processes" in result.output and "Traceback" not in result.output


def _fails_on_three(context: dict, item: int) -> int:
    if item == 3:
        raise ValueError("item 3 is bad")
    return item


def test_an_error_in_a_worker_is_raised_where_the_result_is_taken(always_fork):
    ahead = WorkAhead(_fails_on_three, unpicklable_context(), list(range(6)), workers=2)
    try:
        assert [ahead.take(item) for item in (0, 1, 2)] == [0, 1, 2]
        with pytest.raises(ValueError, match="item 3 is bad"):
            ahead.take(3)
        assert ahead.take(5) == 5
    finally:
        ahead.close()


def test_work_in_background_gives_its_result_or_its_error(always_fork):
    lock = threading.Lock()  # inherited by the forked process, never pickled
    background = InBackground(lambda: ("done", lock.locked()), size=1, workers=1)
    assert background.result() == ("done", False)
    failing = InBackground(lambda: _fails_on_three({}, 3), size=1, workers=1)
    with pytest.raises(ValueError, match="item 3 is bad"):
        failing.result()
    assert InBackground(lambda: "here", size=1, workers=0).result() == "here"


def test_a_worker_that_dies_is_reported_rather_than_waited_for(always_fork):
    background = InBackground(lambda: os._exit(3), size=1, workers=1)
    with pytest.raises(WorkerDied, match="exited with status 3"):
        background.result()


def _dies_on_three(context: dict, item: int) -> int:
    if item == 3:
        os._exit(9)
    return item


def _dies_in_batch(context: dict, batch: list[int]) -> list[int]:
    return [_dies_on_three(context, item) for item in batch]


def test_a_dead_worker_fails_map_batches_within_seconds(always_fork):
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="exited with status 9"):
        map_batches(_dies_in_batch, unpicklable_context(), list(range(40)), workers=2)
    assert time.monotonic() - started < 10


def test_a_dead_worker_fails_work_ahead_within_seconds(always_fork):
    ahead = WorkAhead(_dies_on_three, unpicklable_context(), list(range(8)), workers=1)
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="exited with status 9"):
        for item in range(8):
            ahead.take(item)
    assert time.monotonic() - started < 10
    ahead.close()


def test_a_worker_that_ends_quietly_without_its_results_is_reported(always_fork):
    background = InBackground(lambda: os._exit(0), size=1, workers=1)
    with pytest.raises(WorkerDied, match="before handing over all of its results"):
        background.result()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collectors_state_is_restored(always_fork, enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        map_batches(_batch_sums, unpicklable_context(), list(range(20)), workers=2)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


PARENT = """
import signal, sys, time
signal.pthread_sigmask(signal.SIG_SETMASK, [])  # as from a shell, whatever the test process left blocked or ignored
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {hooks!r})
from annotated_reader.matching import parallel
parallel.WORTH_FORKING = 0
ahead = parallel.WorkAhead(lambda context, item: time.sleep(60), None, [1, 2], workers=2)
print(" ".join(str(process.pid) for process in ahead._processes), flush=True)
while True:  # short sleeps: a SIGINT the kernel hands to another thread (numpy's) does not cut a long one short
    time.sleep(0.05)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_die_with_their_parent_however_it_ends(ending):
    parent = subprocess.Popen([sys.executable, "-c", PARENT.format(hooks=str(ROOT / "hooks"))], stdout=subprocess.PIPE,
                              text=True)
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(map(_alive, workers))
        parent.send_signal(ending)
        try:
            parent.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the parent outlived {ending.name}: " + " ".join(
                line for line in Path(f"/proc/{parent.pid}/status").read_text().splitlines() if line.startswith("Sig")))
        assert _all_end(workers)
    finally:
        parent.kill()
        parent.wait()


def _all_end(pids) -> bool:
    """Whether every one of ``pids`` has ended within five seconds."""
    deadline = time.monotonic() + 5
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(map(_alive, pids))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found |= {int(child) for child in children.read_text().split()}
    return found


def test_serve_stopped_during_a_build_leaves_no_worker_behind(tmp_path, monkeypatch):
    """The first build of ``mkdocs serve`` forks workers; SIGTERM to the server while they work ends them too."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import corpus

    real_entities = sum(1 for folder in ENTITY_FOLDERS for _ in (ROOT / "docs" / folder).glob("*.md"))
    monkeypatch.setattr(corpus, "CATALOG_SIZE", real_entities + 30)
    project, _ = corpus.write_corpus(ROOT, tmp_path, parallel.WORTH_FORKING * 3)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and server.poll() is None:
            workers = {pid for pid in _children(server.pid) if _alive(pid)}
            time.sleep(0.02)
        assert workers, "the build forked no worker to test"
        server.terminate()  # at once: the workers found are at work
        server.wait(timeout=10)
        assert _all_end(workers)
    finally:
        server.kill()
        server.wait()


def _dies_early_or_takes_its_time(context: dict, item: int) -> int:
    if item == 0:
        os._exit(5)
    time.sleep(0.05)
    return item


def test_a_dead_worker_is_noticed_while_the_others_still_work(always_fork):
    ahead = WorkAhead(_dies_early_or_takes_its_time, unpicklable_context(), list(range(400)), workers=2)
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="exited with status 5"):
        for item in range(400):
            ahead.take(item)
    assert time.monotonic() - started < 5  # the other worker's share alone takes 10 s
    ahead.close()


def _unpicklable(context: dict, item: int):
    return lambda: item


def test_a_result_that_cannot_cross_back_is_reported_not_lost(always_fork):
    ahead = WorkAhead(_unpicklable, unpicklable_context(), [1, 2], workers=1)
    try:
        with pytest.raises(Exception, match="pickle"):
            ahead.take(1)
    finally:
        ahead.close()
