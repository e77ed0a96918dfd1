"""Shared fixtures: the real site, built once per session, and a builder for altered copies."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"
PROJECT_PARTS = ("docs", "seeds", "hooks", "overrides", "mkdocs.yml")
SEED = ROOT / "seeds" / "000_b7d30180e4dc4172.txt"
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


def build(project: Path, strict: bool = True, site_name: str = "site", epoch: str = "1420156800") -> Build:
    """Build with a fixed SOURCE_DATE_EPOCH (2 January 2015), so dates never come from the clock."""
    site = project / site_name
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real project, built strictly once for every test that reads the built HTML."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with every seed fixture (and its sidecar) dropped into seeds/, built strictly."""
    project = copy_project(tmp_path_factory.mktemp("fixtures"))
    for path in FIXTURE_SEEDS.iterdir():
        shutil.copy2(path, project / "seeds" / path.name)
    result = build(project)
    assert result.returncode == 0, result.output
    return result


MARKER = re.compile(r"^\s*(?:[•·▪◦*\-–]|\d{1,3}[.)])\s+(?=\S)")


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_page_shows_seed(body: Tag, seed_text: str) -> None:
    """Nothing lost, nothing injected: apart from interface labels (``.ar-ui``), the article shows
    every non-blank line of the seed, in order; a line seen before (a repeated caption) may be
    shown once. List and comment bullets are formatting, not text."""
    for chrome in body.select(".ar-ui, .headerlink"):
        chrome.decompose()
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
            assert line in seen, f"missing or out of order: {raw_line!r}"
            continue
        shown, position = shown[:found] + shown[found + len(line):], found
        seen.add(line)
    assert shown == "", f"shown but not in the seed: {shown[:200]!r}"


_SEARCH_FILTERS = re.compile(r"pagefind/(filter/.*|pagefind\.en_.*\.pf_meta|pagefind-entry\.json)$")
"""Pagefind writes a filter's values in the order of a Rust hash map, which changes from run to run: the same
entries in another order, so those files (and the metadata and entry files that name them) get other names."""


def site_differences(one: Path, two: Path) -> list[str]:
    """Files of two built sites that differ, or that one has and the other not; Pagefind's filter files are
    compared by their entries (see :data:`_SEARCH_FILTERS`)."""
    files = [{path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()} for root in (one, two)]
    def same(name: str) -> bool:
        return name in files[0] and name in files[1] and files[0][name].read_bytes() == files[1][name].read_bytes()

    differ = sorted(name for name in files[0].keys() | files[1].keys() if not _SEARCH_FILTERS.match(name) and not same(name))
    filters = [sorted(bytes(sorted(gzip.decompress(path.read_bytes()))) for name, path in tree.items()
                      if name.startswith("pagefind/filter/")) for tree in files]
    return differ + (["pagefind/filter/*"] if filters[0] != filters[1] else [])
