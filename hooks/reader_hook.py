"""The MkDocs hook: maps MkDocs events onto the ``annotated_reader`` engine and holds no logic.

MkDocs puts this file's folder on ``sys.path`` only while it loads the file, so the engine
is imported here at the top, never inside a function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from annotated_reader.annotate import AnnotateExtension, AnnotatorState
from annotated_reader.catalog import is_entity_page
from annotated_reader.corpus import COVERAGE_PAGE, HOME, Corpus, WrittenPage, load_corpus
from annotated_reader.mentions import LinkMode
from annotated_reader.page_data import cards_json, entities_in, fill_placeholders, search_view
from annotated_reader.parallel import InBackground, WorkAhead
from annotated_reader.progress import PagesWritten, Stopwatch
from annotated_reader.search import INDEX_FOLDER, OFFLINE_INDEX, SearchIndex, offline_index

log = get_plugin_logger("annotated_reader")
_state = AnnotatorState()
_corpus: Corpus | None = None
_files: Files | None = None
_writer: WorkAhead | None = None
_exports: InBackground | None = None
_coverage: InBackground | None = None
_search: SearchIndex | None = None
_progress: PagesWritten | None = None
_workers: int | None = None
"""``extra.reader.workers``: processes for the per-article work, this one included; unset, one per core."""
WRITTEN_META = ("ar_cards", "ar_panel", "json_ld")
"""What the page's template reads besides its content, let go with it once the page is written."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the annotator once; read the link mode and the number of workers from ``extra.reader``."""
    global _workers
    settings = config.extra.get("reader", {})
    _workers = settings.get("workers")
    if _workers is not None and (not isinstance(_workers, int) or isinstance(_workers, bool) or _workers < 1):
        raise PluginError(f"mkdocs.yml: extra.reader.workers '{_workers}' is not a number of processes — "
                          "use a whole number from 1 (everything in MkDocs' own process), or leave it out for one per core")
    mode = settings.get("link_mode", LinkMode.FIRST_IN_ARTICLE.value)
    try:
        _state.mode = LinkMode(mode)
    except ValueError:
        choices = ", ".join(m.value for m in LinkMode)
        raise PluginError(f"mkdocs.yml: extra.reader.link_mode '{mode}' is unknown — use one of: {choices}") from None
    if not any(isinstance(ext, AnnotateExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(AnnotateExtension(_state))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read catalog and seeds, report every problem, and add the generated pages."""
    global _corpus, _files, _exports, _coverage
    _files = files
    entity_pages = [(Path(f.abs_src_path), f.src_uri, f.content_string)
                    for f in files.documentation_pages() if is_entity_page(f.src_uri)]
    seeds = Path(config.config_file_path).parent / "seeds"
    _corpus = load_corpus(seeds, entity_pages, _state.mode, _workers, log.info)
    for problem in _corpus.problems:
        log.warning(str(problem))
    for notice in _corpus.notices:
        log.info(str(notice))
    _state.catalog, _state.linker = _corpus.catalog, _corpus.linker
    clock = Stopwatch()
    generated = _corpus.generated_pages()
    for src_uri, markdown in generated.items():
        # Held as UTF-8 until written: a str with any non-Latin-1 character takes 2–4 bytes a character.
        files.append(File.generated(config, src_uri, content=markdown.encode()))
    log.info(f"generated pages: {len(generated):,} added in {clock.lap()}")
    _exports = InBackground(_corpus.exports, len(_corpus.articles), _spare_workers())  # needed when MkDocs copies files
    _coverage = InBackground(_corpus.scan_for_coverage, len(_corpus.articles), _spare_workers())  # needed by one page
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Entity pages: the catalog has read the front matter already; MkDocs gets the prose alone."""
    entity_id = Path(page.file.src_uri).stem if is_entity_page(page.file.src_uri) else None
    return _corpus.catalog[entity_id].prose if entity_id in _corpus.catalog.entities else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Complete entity pages and the home page; tell the treeprocessors which page is rendering."""
    src_uri = page.file.src_uri
    entity_id = Path(src_uri).stem if is_entity_page(src_uri) else None
    article = _corpus.article_of(src_uri)
    _state.current_entity = entity_id
    if article:
        page.meta.update(_corpus.article_meta(article))
        return ""  # the article is written as HTML when its page is: see _before_search_indexing
    if entity_id in _corpus.catalog.entities:
        page.meta.update(_corpus.entity_meta(entity_id))
        return _corpus.entity_page(entity_id)
    if src_uri == HOME:
        return _corpus.home_page(markdown)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the templates the page's card data.

    An article page tells MkDocs its anchors now, so links into it are checked, and is
    written later, when its template renders: MkDocs holds every page's content between
    the two, and articles are the bulk of a corpus. The parts of pages that quote seed
    text are written then too, and sanitized (see :func:`_write_article` and
    :func:`_after_search_indexing`); the rest is the maintainers' own Markdown.
    """
    if article := _corpus.article_of(page.file.src_uri):
        page.present_anchor_ids = _corpus.article_anchors(article)
        return ""
    page.meta["ar_cards"] = cards_json(entities_in(html), _corpus.catalog, _site_url)
    return html


@functools.cache
def _site_url(src_uri: str) -> str:
    """The address of a docs page from the site root."""
    return _file(src_uri).url


def _file(src_uri: str) -> File:
    file = _files.src_uris.get(src_uri)
    if file is None:
        raise PluginError(f"annotated_reader: no page '{src_uri}' — the catalog names a page that MkDocs does not have")
    return file


def _url_from(file: File) -> Callable[[str], str]:
    """Addresses of docs pages from the page of ``file``, as MkDocs would write them."""
    return functools.cache(lambda src_uri: _file(src_uri).url_relative_to(file))


def _spare_workers() -> int | None:
    """Worker processes besides this one, which goes on with MkDocs' own work (None: one per spare core)."""
    return None if _workers is None else _workers - 1


def _write(_: None, src_uri: str) -> WrittenPage:
    """What the engine writes as text for a page: run in a worker process, ahead of the page's turn."""
    return _corpus.write(src_uri, _url_from(_file(src_uri)), _site_url, _coverage.result)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page has been read: fill in the data files before MkDocs copies them, and start writing the
    engine's HTML for the pages, in the order MkDocs builds them."""
    global _writer, _search, _progress
    clock = Stopwatch()
    for src_uri, content in _exports.result().items():
        _file(src_uri).content_bytes = content
        _corpus.export_sizes[src_uri] = len(content)  # before the workers fork: the open-data page lists them
    log.info(f"open data: {sum(_corpus.export_sizes.values()) / 2**20:.1f} MB in {len(_corpus.export_sizes)} files, "
             f"waited {clock.lap()} for them")
    # The coverage report is written here, at its turn, with the result of its scan in the background.
    pages = [file.src_uri for file in files.documentation_pages() if file.src_uri != COVERAGE_PAGE]
    _writer = WorkAhead(_write, None, pages, _spare_workers())
    _search = SearchIndex()
    _progress = PagesWritten(len(pages) + 1, log.info)
    env.globals["ar_search_years"] = _corpus.search_years()
    return env


def _put_article(page: Page, written: WrittenPage) -> str:
    """Put the article's HTML, panel, contents and card data on the page; return the view for search."""
    article = written.article
    page.content, page.meta["ar_panel"] = article.html, article.panel
    title, *sections = [{"level": h.level, "id": h.id, "name": h.html, "children": []} for h in article.headings]
    page.toc = get_toc([{**title, "children": sections}])
    page.meta["ar_cards"], page.meta["json_ld"] = written.cards, article.json_ld
    return article.search_html  # the same writer's escaping, the same text


@event_priority(100)
def _before_search_indexing(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Put what the engine wrote on the page. Material's search indexes ``page.content`` in this event:
    hand it a lighter view, without the parts that go in after (mentions in context, drawings)."""
    written = _writer.take(page.file.src_uri)
    for name, content in written.data_files.items():
        write_file(content.encode(), str(Path(page.file.abs_dest_path).with_name(name)))
    if written.article:
        view = _put_article(page, written)
    else:
        page.content = _filled(page, page.content, written.indexed_parts)
        view = search_view(page.content)
    page.meta["_ar_content"], page.meta["_ar_parts"], page.content = page.content, written.parts, view
    return context


def _index_for_search(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Hand the search index the page's view: articles and the pages maintainers wrote; listings are left out,
    as everything they list is indexed on its own page."""
    if page.meta.get("article") or not page.file.generated_by:
        _search.add(page.url, _corpus.search_document(page.file.src_uri, page.content))
    return context


@event_priority(-100)
def _after_search_indexing(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Put the full content back, with the rest of the parts, before the page's template renders it."""
    page.content = _filled(page, page.meta.pop("_ar_content"), page.meta.pop("_ar_parts"))
    return context


def _filled(page: Page, html: str, parts: dict[str, str]) -> str:
    try:
        return fill_placeholders(html, parts)
    except KeyError as missing:
        raise PluginError(f"annotated_reader: {page.file.src_uri} has no placeholder for its part {missing} — "
                          "keep the page's generated Markdown as the engine writes it") from None


on_page_context = CombinedEvent(_before_search_indexing, _index_for_search, _after_search_indexing)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The corpus's pages are written now; let their HTML go rather than hold every one to the end."""
    if page.meta.get("article") or is_entity_page(page.file.src_uri):
        page.content = None
        for written in WRITTEN_META:
            page.meta.pop(written, None)
    _progress.page_written()
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index, and the small one that search from ``file://`` reads."""
    clock = Stopwatch()
    try:
        pages = _search.write(Path(config.site_dir) / INDEX_FOLDER)
    finally:
        _stop_workers()
    offline = offline_index(_corpus.catalog, _corpus.articles).encode()
    write_file(offline, str(Path(config.site_dir) / OFFLINE_INDEX))
    log.info(f"search: {pages:,} pages indexed, index written in {clock.lap()}; offline index {len(offline) / 2**10:,.0f} KB")


def on_build_error(error: Exception) -> None:
    _stop_workers()


def _stop_workers() -> None:
    """Workers still going (after an error, or a page MkDocs did not write) are stopped, not left to the exit."""
    for work in (_exports, _coverage, _writer, _search):
        if work:
            work.close()
