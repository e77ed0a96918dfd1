"""The MkDocs hook: forwards each MkDocs event to the build in progress and holds no logic.

MkDocs loads a hook once per process, so anything kept here would outlive a build under
``mkdocs serve``. The hook therefore keeps only the build in progress, made afresh in
``on_config`` and let go when the build ends or fails (:class:`reader_build.ReaderBuild`).

MkDocs puts this file's folder on ``sys.path`` only while it loads the file, so the engine
is imported here at the top, never inside a function.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from reader_build import ReaderBuild

_build: ReaderBuild | None = None
"""The build in progress, if any."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _end(None)  # a build that stopped without telling MkDocs' events (rare) is closed here
    _build = ReaderBuild(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _build.read(files)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return _build.source_of(page)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.markdown_of(page, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.content_read(page, html)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _build.start_writing(env)
    return env


@event_priority(100)
def _before_search_indexing(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    _build.put_indexed_parts(page)
    return context


def _index_for_search(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    _build.index_for_search(page)
    return context


@event_priority(-100)
def _after_search_indexing(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    _build.put_later_parts(page)
    return context


on_page_context = CombinedEvent(_before_search_indexing, _index_for_search, _after_search_indexing)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _build.written(page)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    try:
        if _build is not None:
            _build.finish()
    finally:
        _end(None)


def on_build_error(error: Exception) -> None:
    _end(error)


def _end(error: Exception | None) -> None:
    """Let the build in progress go, its workers stopped."""
    global _build
    if _build is not None:
        _build.close()
    _build = None
