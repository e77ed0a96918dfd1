"""A build leaves nothing behind for the next, and a strict build fails on any problem of the input however it is run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURE_SEEDS, build, build_here, site_differences


def test_a_second_build_in_one_process_equals_a_fresh_process(project):
    """As under ``mkdocs serve``: the second build sees an entity renamed and a seed removed, and nothing of the first."""
    shutil.copy2(FIXTURE_SEEDS / "by-prefix-dateline.txt", project / "seeds")
    first = build_here(project, site_name="first")
    assert first.returncode == 0, first.output
    assert any(path.read_text(encoding="utf-8").count('data-source="by-prefix-dateline.txt"')
               for path in (first.site / "articles").glob("*.html"))

    (project / "seeds" / "by-prefix-dateline.txt").unlink()
    emir = project / "docs" / "glossary" / "emir.md"
    emir.write_text(emir.read_text(encoding="utf-8").replace("name: Emir\n", "name: Emir (commander)\n"), encoding="utf-8")
    second = build_here(project, site_name="second")
    fresh = build(project, site_name="fresh")
    assert second.returncode == fresh.returncode == 0, second.output + fresh.output
    assert "Emir (commander)" in (second.site / "glossary" / "emir.html").read_text(encoding="utf-8")
    hooks = [module for module in list(sys.modules.values())
             if (getattr(module, "__file__", None) or "").endswith("reader_hook.py")]
    assert hooks and all(hook._build is None for hook in hooks)  # the hook lets each build go when it ends
    assert site_differences(second.site, fresh.site) == []


def _strict_build(project, verbosity: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", verbosity, "-d", "site"], cwd=project,
                          capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("verbosity", ["-q", "-v"])
def test_strict_fails_on_a_bad_seed_whatever_the_verbosity(project, verbosity):
    """``-q`` raises MkDocs' log level above its strict-mode counter; the hook counts its own problems."""
    (project / "seeds" / "empty.txt").write_text("\n", encoding="utf-8")
    result = _strict_build(project, verbosity)
    assert result.returncode != 0
    assert "seeds/empty.txt: is empty" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_strict_and_quiet_fails_on_a_broken_link_in_an_entity_page(project):
    """A warning of MkDocs' own (a link to a missing page in maintainers' prose) fails a quiet strict build too."""
    emir = project / "docs" / "glossary" / "emir.md"
    emir.write_text(emir.read_text(encoding="utf-8") + "\nSee [a missing page](../nowhere.md).\n", encoding="utf-8")
    result = _strict_build(project, "-q")
    assert result.returncode != 0
    assert "WARNING" not in result.stdout + result.stderr  # still quiet
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(("binary", "why"), [("no-pagefind", "No such file or directory"),
                                              ("mkdocs.yml", "Permission denied")])
def test_a_search_indexer_that_cannot_start_stops_the_build_with_one_line(project, binary, why):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PAGEFIND_BINARY_PATH": str(project / binary)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project,
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode != 0
    assert f"search index: Pagefind cannot start ({why}: {project / binary})" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(("key", "value", "said"), [
    ("inline_cards_kb", -1, "extra.reader.inline_cards_kb: -1 is not a size"),
    ("full_text_search", "no", "extra.reader.full_text_search: Expected type: <class 'bool'>"),
])
def test_a_bad_setting_stops_the_build_with_one_line(project, key, value, said):
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["reader"][key] = value
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_here(project)
    assert result.returncode != 0
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and said in errors[0]  # the one line MkDocs stops with
