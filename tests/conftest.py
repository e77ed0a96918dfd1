"""Shared fixtures: the real site, built once per session, and a builder for altered copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "seeds", "hooks", "overrides", "mkdocs.yml")
SEED = ROOT / "seeds" / "000_b7d30180e4dc4172.txt"
ARTICLE = "articles/isis-expansionism-will-burn-qalamoun.html"


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


def build(project: Path, strict: bool = True) -> Build:
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
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
