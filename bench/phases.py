"""Where a build's time goes, by page type: ``.venv/bin/python bench/phases.py [N]``.

Generates the benchmark's corpus of N articles (default 1,000) and builds it once, timing
MkDocs' reading (``_populate_page``) and writing (``_build_page``) of each page, summed by
the page's top folder, the ``on_files`` event, and all of the hook's events together (what
MkDocs' own process spends in the engine outside Markdown; the rest is MkDocs, Material and
Markdown). For finding what to profile next; the benchmark itself is ``bench/run.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from corpus import write_corpus  # noqa: E402

from annotated_reader.reading.entity_types import ENTITY_FOLDERS  # noqa: E402


def _kind(src_uri: str) -> str:
    folder = src_uri.split("/")[0] if "/" in src_uri else "top level"
    return "entity pages" if folder in ENTITY_FOLDERS else folder


def _timed_hook(method, seconds: Counter[str]):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            seconds["the hook's events, all pages (overlaps the lines above)"] += time.perf_counter() - started
    return timed


def timed_build(project: Path) -> None:
    os.chdir(project)
    seconds: Counter[str] = Counter()
    for name in ("_populate_page", "_build_page"):
        original = getattr(build, name)

        def timed(page, *args, _original=original, **kwargs):
            started = time.perf_counter()
            try:
                return _original(page, *args, **kwargs)
            finally:
                seconds[_kind(page.file.src_uri)] += time.perf_counter() - started

        setattr(build, name, timed)
    run_event = PluginCollection.run_event

    def timed_event(self, name, item=None, **kwargs):
        started = time.perf_counter()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            if name == "files":
                seconds["on_files (corpus and generated files)"] += time.perf_counter() - started

    PluginCollection.run_event = timed_event
    started = time.perf_counter()
    config = load_config("mkdocs.yml", site_dir="site")
    config.plugins.on_startup(command="build", dirty=False)
    for methods in config.plugins.events.values():
        for position, method in enumerate(methods):
            if getattr(method, "__module__", "").endswith("reader_hook.py"):  # MkDocs names a hook by its path
                methods[position] = _timed_hook(method, seconds)
    build.build(config)
    total = time.perf_counter() - started
    for kind, spent in seconds.most_common():
        print(f"{spent:7.2f} s  {kind}")
    print(f"{total:7.2f} s  whole build (after imports)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="phases-") as scratch:
        annotated, _ = write_corpus(ROOT, Path(scratch), int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
        timed_build(annotated)
