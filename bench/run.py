"""The benchmark: the annotated build against a plain Material build of the same texts.

Run with ``make bench`` (N = 1,000) or ``bench/run.py 1000 10000``. For each size it builds
both sites and measures build time, peak memory, site size and the largest HTML page; then,
in Chromium throttled like a mid-range phone (CPU 4× slower, 1.6 Mbps, 150 ms latency), the
time from the last key of a first query to its first result, and the bytes that query
fetched. The plain site searches with Material's own plugin, which fetches its whole index
before the first result: its search transfer is that index (not timed: at 1.6 Mbps a 10 MB
index takes about a minute). The annotated project is also built without its full-text index
(``extra.reader.full_text_search: false``), to show what the index costs. Prints a table and
writes ``bench/results.json``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from corpus import write_corpus  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from reference_linker import reference_find  # noqa: E402

from annotated_reader.matching.linker import Linker  # noqa: E402
from annotated_reader.reading.catalog import Alias  # noqa: E402

DEFAULT_SIZES = (1000,)
CHROMIUM = "/usr/bin/chromium"
PHONE = {"cpu_slowdown": 4, "bytes_per_second": 1_600_000 // 8, "latency_ms": 150}
QUERY = "Qalamoun"
"""Named in most generated articles and the name of a real entity: the first result is its page."""
TYPING_MS = 150
MATCHER_ALIASES = 5000
TARGETS = {
    "build time, annotated / plain": ("time_ratio", 1.5),
    "peak memory, annotated / plain": ("memory_ratio", 1.5),
    "largest HTML page, KB": ("largest_page_kb", 300),
    "first search result after the last key, s": ("first_result_s", 1.0),
    "first search transfer, KB": ("search_transfer_kb", 300),
}


def _tree_memory(root: int) -> dict[int, tuple[str, int]]:
    """Command name and resident KB of ``root`` and each of its descendants now, by process id (from /proc)."""
    parents, names, rss = {}, {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
            pid = int(stat.parent.name)
            parents[pid], names[pid] = int(fields[1].split()[1]), fields[0].split("(", 1)[1]
            rss[pid] = int(fields[1].split()[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    tree, found = {root}, True
    while found:
        found = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= found
    return {pid: (names[pid], rss[pid]) for pid in tree & rss.keys()}


def _watch_memory(pid: int, peaks: dict[str, int], done: threading.Event) -> None:
    """Peak resident memory of the build's processes every 0.2 s: by command, all of its processes together and
    its largest one (forked workers share pages with their parent, so their sum overstates), and of all."""
    while not done.wait(0.2):
        now = {}
        for name, kb in _tree_memory(pid).values():
            now[name] = now.get(name, 0) + kb
            now[f"{name}, largest"] = max(now.get(f"{name}, largest", 0), kb)
            now["all processes"] = now.get("all processes", 0) + kb
        for name, kb in now.items():
            peaks[name] = max(peaks.get(name, 0), kb)


def build(project: Path, config: str = "mkdocs.yml", site_name: str = "site") -> dict:
    """Build one site in a child process; wall time, peak memory (the largest process's, and the sum of all the
    build's processes sampled every 0.2 s, by command), sizes."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1420156800"}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site_name],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[str, int] = {}
    done = threading.Event()
    watcher = threading.Thread(target=_watch_memory, args=(process.pid, peaks, done), daemon=True)
    watcher.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if status:
        sys.exit(f"build failed in {project}: {process.stderr.read().decode()[-2000:]}")
    site = project / site_name
    largest = max(site.rglob("*.html"), key=lambda path: path.stat().st_size)
    return {
        "seconds": round(seconds, 1),
        "peak_memory_mb": round(usage.ru_maxrss / 1024, 1),
        "peak_memory_by_process_mb": {name: round(kb / 1024, 1) for name, kb in sorted(peaks.items())},
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1),
        "pages": sum(1 for _ in site.rglob("*.html")),
        "largest_page_kb": round(largest.stat().st_size / 1024, 1),
        "largest_pages": {path.relative_to(site).as_posix(): round(path.stat().st_size / 1024, 1) for path in
                          sorted(site.rglob("*.html"), key=lambda path: -path.stat().st_size)[:5]},
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news in a benchmark."""

    def handle(self) -> None:
        """A browser closed once the result is shown drops the fetches still under way: not news either."""
        with contextlib.suppress(ConnectionError):
            super().handle()


_WATCH_FOR_RESULT = """(query) => {
  const shows = (records, selector) => records.some((record) => record.type === "attributes"
    ? record.target.matches(selector)
    : [...record.addedNodes].some((node) => node instanceof Element && (node.matches(selector) || node.querySelector(selector))));
  const shown = (selector) => new Promise((resolve) => new MutationObserver((records, observer) => {
    if (shows(records, selector)) {
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));  // painted in this frame
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] }));
  const found = `[href*="h=${query}"]`;
  window.arResultShown = shown(`a.md-search-result__link[href*="places/qalamoun.html"]${found}`);
  window.arArticleShown = shown(`a.md-search-result__link[href*="/articles/"]${found}`);
}"""
"""Resolve, in the page, at the frame that first shows, for the whole query, the entity's result and then an
article's (a full-text result): put in the list, or brought up to date in place (a name shown for the words typed
before is, with the new words in its address). The time is the page's own (the same clock as this process's), not
when a poll from here would next see it, which under a 4× slower CPU is up to half a second later."""


def first_search(site: Path) -> dict:
    """On an article page of the throttled phone: press "/", type :data:`QUERY` key by key; the time from the last
    key to the first result linking to the entity's page, and to the first article's (the full text searched), and
    the bytes fetched from the "/" until then (and half a second more, for the first results' fragments)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    article = next((site / "articles").glob("*.html")).relative_to(site).as_posix()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 412, "height": 915}).new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu_slowdown"]})
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": PHONE["latency_ms"],
                "downloadThroughput": PHONE["bytes_per_second"], "uploadThroughput": PHONE["bytes_per_second"]})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{article}", wait_until="load", timeout=120_000)
            fetched: dict[str, int] = {}
            cdp.on("Network.loadingFinished", lambda event: fetched.__setitem__(event["requestId"],
                                                                                 int(event["encodedDataLength"])))
            page.keyboard.press("/")
            page.keyboard.type(QUERY[:-1], delay=TYPING_MS)
            page.wait_for_timeout(TYPING_MS)
            page.evaluate(_WATCH_FOR_RESULT, QUERY.lower())
            last_key = time.time() * 1000
            page.keyboard.press(QUERY[-1])
            shown = page.evaluate("window.arResultShown", None)
            article = page.evaluate("window.arArticleShown", None)
            page.wait_for_timeout(500)  # the rest of the first results' fragments
            browser.close()
    finally:
        server.shutdown()
    return {"first_result_s": round((shown - last_key) / 1000, 2),
            "first_article_s": round((article - last_key) / 1000, 2),
            "search_transfer_kb": round(sum(fetched.values()) / 1024, 1), "search_requests": len(fetched)}


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


NAMES_ONLY = "names-only"
"""The annotated build without its full-text index (``extra.reader.full_text_search: false``): what the index costs."""


def measure(size: int, scratch: Path) -> dict:
    annotated, plain = write_corpus(ROOT, scratch / str(size), size)
    (annotated / "names-only.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  reader:\n    full_text_search: false\n",
                                              encoding="utf-8")
    row = {"annotated": build(annotated), NAMES_ONLY: build(annotated, "names-only.yml", "site-names-only"),
           "plain": build(plain)}
    row["annotated"].update(first_search(annotated / "site"))
    index = plain / "site" / "search" / "search_index.json"
    row["plain"]["search_transfer_kb"] = round(index.stat().st_size / 1024, 1)
    row["ratios"] = {
        "time_ratio": round(row["annotated"]["seconds"] / row["plain"]["seconds"], 2),
        "memory_ratio": round(row["annotated"]["peak_memory_mb"] / row["plain"]["peak_memory_mb"], 2),
        "largest_page_kb": row["annotated"]["largest_page_kb"],
        "first_result_s": row["annotated"]["first_result_s"],
        "first_article_s": row["annotated"]["first_article_s"],
        "search_transfer_kb": row["annotated"]["search_transfer_kb"],
        "names_only_time_ratio": round(row[NAMES_ONLY]["seconds"] / row["plain"]["seconds"], 2),
        "names_only_memory_ratio": round(row[NAMES_ONLY]["peak_memory_mb"] / row["plain"]["peak_memory_mb"], 2),
    }
    return row


def main(sizes: list[int]) -> None:
    results: dict = {"phone": PHONE, "query": QUERY, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for size in sizes:
            started = f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start, {time.strftime('%Y-%m-%d')}"
            results["sizes"][str(size)] = row = {"machine": started, **measure(size, Path(scratch))}
            print(f"N={size:>6}: annotated {row['annotated']['seconds']:>6.1f} s, plain {row['plain']['seconds']:>6.1f} s",
                  flush=True)
        seeds = sorted((Path(scratch) / str(sizes[0]) / "annotated" / "seeds").glob("*.txt"))[:1000]
        results["matcher"] = matcher_throughput("\n".join(path.read_text(encoding="utf-8") for path in seeds))
    path = ROOT / "bench" / "results.json"
    _add_earlier_sizes(results, path)
    report(results)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _add_earlier_sizes(results: dict, path: Path) -> None:
    """The sizes this run did not measure, from the last run that did (each says when and on what load it was
    measured), so that the table, the targets and ``results.json`` cover every size."""
    earlier = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if (earlier.get("phone"), earlier.get("query")) == (PHONE, QUERY):
        results["sizes"] = {**earlier.get("sizes", {}), **results["sizes"]}
    results["sizes"] = dict(sorted(results["sizes"].items(), key=lambda item: int(item[0])))


def report(results: dict) -> None:
    columns = ["seconds", "peak_memory_mb", "site_mb", "pages", "largest_page_kb", "search_transfer_kb", "first_result_s",
               "first_article_s"]
    print(f"\n{'N':>6} {'build':>10} " + " ".join(f"{c:>18}" for c in columns))
    for size, row in results["sizes"].items():
        print(f"{size:>6} measured on {row['machine']}")
        for kind in ("annotated", NAMES_ONLY, "plain"):
            if kind in row:
                print(f"{size:>6} {kind:>10} " + " ".join(f"{row[kind].get(c, '—')!s:>18}" for c in columns))
    matcher = results["matcher"]
    print(f"\nmatcher: {matcher['mb_per_second']} MB/s over {matcher['text_mb']} MB with {matcher['aliases']} aliases "
          f"({matcher['mentions']} mentions); agrees with the reference: {matcher['agrees_with_reference']}")
    print("\ntargets:")
    met = matcher["mb_per_second"] >= 10 and matcher["agrees_with_reference"]
    for size, row in results["sizes"].items():
        for label, (key, limit) in TARGETS.items():
            value = row["ratios"][key]
            met &= value <= limit
            print(f"  N={size}: {'ok ' if value <= limit else 'MISS'} {label}: {value} (target ≤ {limit})")
        if "names_only_time_ratio" in row["ratios"]:
            print(f"  N={size}: without the full-text index: build {row['ratios']['names_only_time_ratio']}, "
                  f"peak memory {row['ratios']['names_only_memory_ratio']} (not a target: what the index costs)")
    results["targets_met"] = met


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or list(DEFAULT_SIZES))
