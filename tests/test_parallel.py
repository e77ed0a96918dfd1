"""Work spread over processes gives exactly what the same work in one process gives."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, site_differences

from annotated_reader import parallel
from annotated_reader.catalog import ENTITY_FOLDERS
from annotated_reader.parallel import InBackground, WorkAhead, map_batches


def _batch_sums(context: dict, batch: list[int]) -> list[int]:
    return [context["offset"] + item for item in batch]


def _shifted(context: dict, item: int) -> tuple[int, int]:
    return item, context["offset"] + item


@pytest.fixture
def always_fork(monkeypatch):
    """Fork however few the items, so small tests take the worker path."""
    monkeypatch.setattr(parallel, "WORTH_FORKING", 0)


def unpicklable_context() -> dict:
    """A context holding a lock: a worker can only have it by inheriting it, never through pickle."""
    return {"offset": 1000, "lock": threading.Lock()}


def test_batches_in_workers_come_back_in_order_and_equal_to_one_process(always_fork):
    items = list(range(50))
    forked = map_batches(_batch_sums, unpicklable_context(), items, workers=2)
    assert len(forked) > 1  # really split into batches
    assert [value for batch in forked for value in batch] == _batch_sums({"offset": 1000}, items)
    assert map_batches(_batch_sums, unpicklable_context(), items, workers=1) == [_batch_sums({"offset": 1000}, items)]


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
    assert "extra.reader.workers '0'" in result.output and "Traceback" not in result.output


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
    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        background.result()
