"""The benchmark: the annotated build against a plain MkDocs build of the same texts, at 10, 100 and 1,000 articles.

Run with ``make bench``. Prints a table and writes ``bench/results.json``. Every figure is
measured in this run, on this machine, and the targets are ratios between the two builds.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from corpus import write_corpus  # noqa: E402
from reference_linker import reference_find  # noqa: E402

from annotated_reader.matching.linker import Linker  # noqa: E402
from annotated_reader.reading.catalog import Alias  # noqa: E402

SIZES = (10, 100, 1000)
MATCHER_ALIASES = 5000
TARGETS = {
    "build time ratio at 1000 (annotated / plain)": ("time_ratio_1000", 1.25),
    "time at 1000 / time at 100": ("scaling_1000_100", 11.0),
    "article 0 page size at 1000 / at 10": ("article_growth", 1.10),
    "search index ratio at 1000 (annotated / plain)": ("search_ratio_1000", 1.3),
    "peak memory ratio at 1000 (annotated / plain)": ("memory_ratio_1000", 2.0),
}


def build(project: Path) -> dict:
    """Build one site in a child process; wall time and the child's peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1420156800"}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        sys.exit(f"build failed in {project}: {process.stderr.read().decode()[-2000:]}")
    site = project / "site"
    articles = sorted((site / "articles").glob("*.html"), key=lambda p: p.stat().st_size)
    first = next(p for p in articles if 'data-source="a00000.txt"' in p.read_text(encoding="utf-8")) \
        if (project / "seeds").exists() else site / "articles" / "a00000.html"
    return {
        "seconds": round(seconds, 2),
        "peak_memory_mb": round(usage.ru_maxrss / 1024, 1),
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 2),
        "largest_article_kb": round(articles[-1].stat().st_size / 1024, 1),
        "article_0_kb": round(first.stat().st_size / 1024, 1),
        "search_index_mb": round((site / "search" / "search_index.json").stat().st_size / 2**20, 3),
    }


def matcher_throughput(text: str) -> dict:
    """MB/s of the linker with MATCHER_ALIASES aliases, and agreement with the reference on a sample."""
    rng = random.Random(5000)
    syllables = ["kaf", "nab", "hal", "dar", "sal", "mah", "tir", "zub", "qar", "rim", "jab", "shar", "mir", "wad"]
    entries = [(Alias(name, False), f"e{n}") for n, name in enumerate(
        dict.fromkeys(" ".join(rng.choice(syllables).capitalize() + rng.choice(syllables) for _ in range(rng.randint(1, 3)))
                      for _ in range(MATCHER_ALIASES * 2)))][:MATCHER_ALIASES]
    words = text.split()
    for n in range(0, len(words), 40):  # sprinkle the aliases through the text
        words.insert(n, rng.choice(entries)[0].text)
    text = " ".join(words)
    linker = Linker(entries)
    started = time.perf_counter()
    found = linker.find(text)
    seconds = time.perf_counter() - started
    sample = text[:300_000]
    agree = [(m.start, m.end, m.entity_id, m.variant) for m in linker.find(sample)] == reference_find(sample, entries)
    return {"aliases": len(entries), "text_mb": round(len(text.encode()) / 2**20, 2), "mentions": len(found),
            "mb_per_second": round(len(text.encode()) / 2**20 / seconds, 1), "agrees_with_reference": agree}


def main() -> None:
    results: dict = {"sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for size in SIZES:
            annotated, plain = write_corpus(ROOT, Path(scratch) / str(size), size)
            results["sizes"][size] = {"annotated": build(annotated), "plain": build(plain)}
            row = results["sizes"][size]
            print(f"N={size:>5}: annotated {row['annotated']['seconds']:>6.2f} s, plain {row['plain']['seconds']:>6.2f} s",
                  flush=True)
        corpus_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((annotated / "seeds").glob("*.txt")))
    results["matcher"] = matcher_throughput(corpus_text)
    big, mid, small = (results["sizes"][n] for n in (1000, 100, 10))
    results["ratios"] = {
        "time_ratio_1000": round(big["annotated"]["seconds"] / big["plain"]["seconds"], 3),
        "scaling_1000_100": round(big["annotated"]["seconds"] / mid["annotated"]["seconds"], 2),
        "article_growth": round(big["annotated"]["article_0_kb"] / small["annotated"]["article_0_kb"], 3),
        "search_ratio_1000": round(big["annotated"]["search_index_mb"] / big["plain"]["search_index_mb"], 3),
        "memory_ratio_1000": round(big["annotated"]["peak_memory_mb"] / big["plain"]["peak_memory_mb"], 3),
    }
    report(results)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def report(results: dict) -> None:
    columns = ["seconds", "peak_memory_mb", "site_mb", "largest_article_kb", "article_0_kb", "search_index_mb"]
    print(f"\n{'N':>6} {'build':>10} " + " ".join(f"{c:>18}" for c in columns))
    for size, row in results["sizes"].items():
        for kind in ("annotated", "plain"):
            print(f"{size:>6} {kind:>10} " + " ".join(f"{row[kind][c]:>18}" for c in columns))
    matcher = results["matcher"]
    print(f"\nmatcher: {matcher['mb_per_second']} MB/s over {matcher['text_mb']} MB with {matcher['aliases']} aliases "
          f"({matcher['mentions']} mentions); agrees with the reference: {matcher['agrees_with_reference']}")
    print("\ntargets:")
    failed = []
    for label, (key, limit) in TARGETS.items():
        value = results["ratios"][key]
        ok = value <= limit
        failed += [] if ok else [label]
        print(f"  {'ok ' if ok else 'MISS'} {label}: {value} (target ≤ {limit})")
    matcher_ok = matcher["mb_per_second"] >= 10 and matcher["agrees_with_reference"]
    print(f"  {'ok ' if matcher_ok else 'MISS'} matcher ≥ 10 MB/s and equal to the reference")
    results["targets_met"] = not failed and matcher_ok


if __name__ == "__main__":
    main()
