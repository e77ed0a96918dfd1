"""Shared fixtures: the sample corpus's site and the real content's, each built once per session, and builders.

Tests that check what particular pages say build the sample corpus (``tests/fixtures/sample``:
the first article and the catalog it was annotated with, frozen), so they hold however the
project's own ``seeds/`` and ``docs/`` grow; tests on the real content assert properties only.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import settings
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from annotated_reader.matching.linker import alias_key
from annotated_reader.reading.catalog import Catalog, build_catalog
from annotated_reader.reading.entity_types import ENTITY_FOLDERS
from annotated_reader.reading.seed_parser import END_MARK

ROOT = Path(__file__).resolve().parent.parent
settings.register_profile("repeatable", derandomize=True, database=None)
"""``make test``: generated-input tests draw the same examples every run; ``make fuzz`` draws new ones."""
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"
PROJECT_PARTS = ("docs", "seeds", "hooks", "overrides", "mkdocs.yml")
SEED = SAMPLE / "seeds" / "000_b7d30180e4dc4172.txt"
ARTICLE = "articles/isis-expansionism-will-burn-qalamoun.html"


def site_extensions() -> tuple[list[str], dict]:
    """The Markdown extensions mkdocs.yml configures, with their settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        names.append(name)
        if isinstance(item, dict):
            settings[name] = item[name] or {}
    return names, settings


@dataclass
class Build:
    """The outcome of one ``mkdocs build --strict`` of a project folder."""

    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "lxml")


def copy_project(target: Path) -> Path:
    """A copy of the project's sources that a test may alter."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@functools.cache
def sample_catalog() -> Catalog:
    """The sample corpus's catalog, read as the build reads it."""
    docs = SAMPLE / "docs"
    return build_catalog([(path, path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
                          for folder in ENTITY_FOLDERS for path in sorted((docs / folder).glob("*.md"))], alias_key)


def sample_project(target: Path) -> Path:
    """The project's code, pages and configuration with the sample corpus's seeds and catalog."""
    copy_project(target)
    for part in ("seeds", *(f"docs/{folder}" for folder in ENTITY_FOLDERS)):
        shutil.rmtree(target / part, ignore_errors=True)
        shutil.copytree(SAMPLE / part, target / part)
    return target


def build(project: Path, strict: bool = True, site_name: str = "site", epoch: str = "1420156800") -> Build:
    """Build with a fixed SOURCE_DATE_EPOCH (2 January 2015), so dates never come from the clock."""
    site = project / site_name
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    return Build(result.returncode, result.stdout + result.stderr, site)


class _LogLines(logging.Handler):
    """MkDocs' log as its command line prints it: ``WARNING -  message``."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_here(project: Path, strict: bool = True, site_name: str = "site", epoch: str = "1420156800") -> Build:
    """Build in this process, as ``mkdocs build`` and ``mkdocs serve`` do (``load_config`` and ``build``), the log
    read as the command line prints it: several builds in one process, and no interpreter started per build."""
    site = project / site_name
    lines = _LogLines()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(lines)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        with contextlib.chdir(project), _environment(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch):
            config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(site))
            mkdocs_build.build(config)
    except MkDocsException as error:
        returncode = 1
        lines.lines.append(str(error))
    finally:
        logger.removeHandler(lines)
        logger.setLevel(level)
    return Build(returncode, "\n".join(lines.lines), site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample corpus, built strictly once for every test that reads what its pages say."""
    project = sample_project(tmp_path_factory.mktemp("sample"))
    result = build_here(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's own seeds and catalog, built strictly, for tests of properties that any content keeps."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = build_here(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project that a test may alter."""
    return sample_project(tmp_path)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample project with every seed fixture (and its sidecar) dropped into seeds/, built strictly."""
    project = sample_project(tmp_path_factory.mktemp("fixtures"))
    for path in FIXTURE_SEEDS.iterdir():
        shutil.copy2(path, project / "seeds" / path.name)
    result = build_here(project)
    assert result.returncode == 0, result.output
    return result


MARKER = re.compile(r"^\s*(?:\*{1,3}|[•·▪◦\-–]|\d{1,3}[.)])\s+(?=\S)")


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_page_shows_seed(body: Tag, seed_text: str) -> None:
    """Nothing lost, nothing injected: apart from interface labels (``.ar-ui``), the article shows
    every non-blank line of the seed, in order; a line seen before (a repeated caption) may be
    shown once. List and comment bullets are formatting, not text. Two exceptions, both explicit:
    a line that is only an end mark ("###", "-30-") is dropped, and a title cut from the first
    sentence (a seed with no title line) repeats seed text that is shown where the seed has it."""
    for chrome in body.select(".ar-ui, .headerlink"):
        chrome.decompose()
    for title in body.select(".ar-title-from-body"):
        cut = no_space(title.get_text()).removesuffix("…")
        title.decompose()
        assert cut and cut in no_space(body.get_text()), f"a title cut from the body is not in the body: {cut!r}"
    shown = no_space(body.get_text())
    position, seen = 0, set()
    for raw_line in seed_text.splitlines():
        line = no_space(raw_line)
        if not line:
            continue
        found = shown.find(line, position)
        if found < 0:
            line = no_space(MARKER.sub("", raw_line))
            found = shown.find(line, position)
        if found < 0:
            assert line in seen or END_MARK.match(" ".join(raw_line.split())), f"missing or out of order: {raw_line!r}"
            continue
        shown, position = shown[:found] + shown[found + len(line):], found
        seen.add(line)
    assert shown == "", f"shown but not in the seed: {shown[:200]!r}"


def index_pages(folder: Path) -> dict[str, dict]:
    """Every page of a built search index (``folder``, all of its parts), by address: its text, filters, metadata
    and anchors."""
    pages = {}
    for path in folder.rglob("fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data
    return pages


_SEARCH_FILTERS = re.compile(r"pagefind/(part-\d+/)?(filter/.*|pagefind\.en_.*\.pf_meta|pagefind-entry\.json)$")
"""Pagefind writes a filter's values in the order of a Rust hash map, which changes from run to run: the same
entries in another order, so those files (and the metadata and entry files that name them) get other names."""


def site_differences(one: Path, two: Path) -> list[str]:
    """Files of two built sites that differ, or that one has and the other not; Pagefind's filter files are
    compared by their entries (see :data:`_SEARCH_FILTERS`)."""
    files = [{path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()} for root in (one, two)]
    def same(name: str) -> bool:
        return name in files[0] and name in files[1] and files[0][name].read_bytes() == files[1][name].read_bytes()

    differ = sorted(name for name in files[0].keys() | files[1].keys() if not _SEARCH_FILTERS.match(name) and not same(name))
    filters = [sorted((name.rpartition("filter/")[0], bytes(sorted(gzip.decompress(path.read_bytes()))))
                      for name, path in tree.items() if "/filter/" in name and _SEARCH_FILTERS.match(name))
               for tree in files]
    return differ + (["pagefind/filter/*"] if filters[0] != filters[1] else [])
