"""What each part of the engine's parallel work saves MkDocs' process: ``.venv/bin/python bench/parallel_gain.py [N ...]``.

For the benchmark's corpus of N articles (default 1,000 and 10,000), times in this process
each part that the build hands to workers: reading and matching the seeds (in one process
and over the cores), the open data files and the coverage scan (worked out in the
background), and writing every page's HTML (worked out ahead of MkDocs). A part can save at
most what it costs in one process; the reading's saving is measured directly. A part that
cannot save half a second at either size is not worth its workers.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from corpus import write_corpus  # noqa: E402

from annotated_reader.matching.corpus import load_corpus  # noqa: E402
from annotated_reader.matching.mentions import LinkMode  # noqa: E402
from annotated_reader.matching.parallel import available_cores  # noqa: E402
from annotated_reader.pages.coverage import find_candidates  # noqa: E402
from annotated_reader.pages.exports import open_data  # noqa: E402
from annotated_reader.pages.kinds import Site, site_pages  # noqa: E402
from annotated_reader.reading.catalog import is_entity_page  # noqa: E402


def _timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def measure(project: Path) -> dict[str, float]:
    docs = project / "docs"
    pages = [(path, path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
             for path in sorted(docs.rglob("*.md")) if is_entity_page(path.relative_to(docs).as_posix())]
    seeds = project / "seeds"
    one, corpus = _timed(lambda: load_corpus(seeds, pages, LinkMode.FIRST_IN_ARTICLE, workers=1))
    spread, _ = _timed(lambda: load_corpus(seeds, pages, LinkMode.FIRST_IN_ARTICLE, workers=None))
    site = Site(corpus, "https://example.org/")
    exports, _ = _timed(lambda: open_data(corpus.catalog, corpus.articles, corpus.index, site.absolute))
    coverage, rows = _timed(lambda: find_candidates(corpus.articles, corpus.index, corpus.catalog))
    writing, _ = _timed(lambda: [page.write(lambda src_uri: "/" + src_uri, lambda src_uri: src_uri, lambda: rows)
                                 for page in site_pages(site).values() if page.ahead])
    return {"reading, one process": one, f"reading, {available_cores()} cores": spread,
            "reading: saved": one - spread, "open data files (background)": exports,
            "coverage scan (background)": coverage, "writing pages' HTML (ahead)": writing}


if __name__ == "__main__":
    for count in map(int, sys.argv[1:] or ["1000", "10000"]):
        with tempfile.TemporaryDirectory(prefix="gain-") as scratch:
            annotated, _ = write_corpus(ROOT, Path(scratch), count)
            print(f"N = {count:,}")
            for part, seconds in measure(annotated).items():
                print(f"  {seconds:7.2f} s  {part}")
