"""One build of the site, as MkDocs runs it: every piece of state the build needs, on one object.

The hook (``reader_hook.py``) makes a :class:`ReaderBuild` when MkDocs loads the
configuration and lets it go when the build ends, so nothing of one build is seen by the
next under ``mkdocs serve``. This module is the engine's only meeting point with MkDocs:
the engine (``annotated_reader``) knows nothing of it.
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, write_file

from annotated_reader.matching.corpus import Corpus, load_corpus
from annotated_reader.matching.mentions import LinkMode
from annotated_reader.matching.parallel import InBackground, WorkAhead, WorkerDied
from annotated_reader.matching.progress import PagesWritten, Stopwatch
from annotated_reader.pages.coverage import find_candidates
from annotated_reader.pages.exports import EXPORTED_FILES, open_data
from annotated_reader.pages.kinds import Site, SitePage, WrittenPage, site_pages
from annotated_reader.pages.search import INDEX_FOLDER, SearchIndex, SearchIndexError, index_parts, merged_parts, page_document
from annotated_reader.pages.search_names import (
    NAMES_SCRIPT,
    TITLES_SCRIPT,
    NamesByLetter,
    names_script,
    titles_script,
)
from annotated_reader.reading.catalog import is_entity_page
from annotated_reader.reading.errors import Problem
from annotated_reader.reading.input_files import read_page
from annotated_reader.writing.annotate import AnnotateExtension, AnnotatorState
from annotated_reader.writing.html_text import escape_attribute
from annotated_reader.writing.page_data import CARDS_FILE_SUFFIX, cards_script, fill_placeholders
from annotated_reader.writing.sanitize import sanitize

log = get_plugin_logger("annotated_reader")

WRITTEN_META = ("ar_cards", "ar_cards_src", "ar_panel", "json_ld")
"""What the page's template reads besides its content, let go with it once the page is written."""
HEAD_META = ("title", "description")
PLACEHOLDER_HOST = "example.org"
"""The host of the site_url mkdocs.yml comes with, which a published site replaces."""
"""Page metadata that Material prints unescaped into the page and its ``<head>``."""


class ReaderSettings(base.Config):
    """``extra.reader`` in ``mkdocs.yml``."""

    link_mode = c.Choice([mode.value for mode in LinkMode], default=LinkMode.FIRST_IN_ARTICLE.value)
    """Which mentions are full links; the rest stay marked and show their card, more quietly."""
    workers = c.Optional(c.Type(int))
    """Processes for the per-article work, MkDocs' own included; unset, one per available core."""
    full_text_search = c.Type(bool, default=True)
    """Off, no Pagefind index is built and the search finds entities by their names and articles by their titles,
    as it does from ``file://``: a quicker build, for previews of a large corpus."""
    inline_cards_kb = c.Type(int, default=48)
    """Card data larger than this (KB) is a file of its own next to the page, loaded after the page, so a page
    that links hundreds of articles stays small."""


def read_settings(config: MkDocsConfig) -> ReaderSettings:
    """``extra.reader``, validated as MkDocs validates its own options; a bad value is one line."""
    settings = ReaderSettings(config_file_path=config.config_file_path)
    settings.load_dict(config.extra.get("reader") or {})
    errors, _ = settings.validate()
    if not errors and settings.inline_cards_kb < 0:
        errors = [("inline_cards_kb", f"{settings.inline_cards_kb} is not a size: use a number of KB from 0")]
    if not errors and settings.workers is not None and settings.workers < 1:
        errors = [("workers", f"{settings.workers} is not a number of processes: use a whole number from 1 "
                              "(everything in MkDocs' own process), or leave it out for one per core")]
    for key, error in errors:
        raise PluginError(f"mkdocs.yml: extra.reader.{key}: {error}")
    return settings


class ReaderBuild:
    """What one build reads, works out and writes, from ``on_config`` to ``on_post_build``."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.settings = read_settings(config)
        self.problems: list[Problem] = []
        self.annotator = AnnotatorState()
        self.annotator.mode = LinkMode(self.settings.link_mode)
        config.markdown_extensions.append(AnnotateExtension(self.annotator))
        if not config.site_url or PLACEHOLDER_HOST in config.site_url:
            # INFO, not WARNING: the project's own mkdocs.yml keeps the placeholder, and `make site` builds strictly.
            log.info(f"mkdocs.yml: site_url is '{config.site_url or ''}' — set it to where the site is published; "
                     "citations, canonical links and JSON-LD give addresses under it")
        self.corpus: Corpus | None = None
        self.site: Site | None = None
        self.pages: dict[str, SitePage] = {}
        """Every page the engine makes or completes, by address."""
        self.files: Files | None = None
        self.writer: WorkAhead | None = None
        self.search: SearchIndex | None = None
        self.names_by_letter = NamesByLetter({})
        """Over HTTP, beside the full-text index: the names the search box fetches by a letter of the query."""
        self.progress: PagesWritten | None = None
        self._written: dict[str, WrittenPage] = {}
        """What the engine wrote for a page, between the page-context events that put it on the page."""
        self.exports: InBackground | None = None
        self.coverage: InBackground | None = None
        self.root_url = functools.cache(self._root_url)
        self._quiet = _count_warnings_when_quiet() if config.strict else None

    # Reading: on_files, on_page_read_source, on_page_markdown, on_page_content

    def read(self, files: Files) -> Files:
        """Read catalog and seeds, report every problem, and add the generated pages."""
        self.files = files
        with _one_line():
            return self._read(files)

    def _read(self, files: Files) -> Files:
        project = Path(self.config.config_file_path).parent
        entity_files = [f for f in files.documentation_pages() if is_entity_page(f.src_uri)]
        texts = {f.src_uri: read_page(Path(f.abs_src_path), project) for f in entity_files}
        entity_pages = [(Path(f.abs_src_path), f.src_uri, text)
                        for f in entity_files if isinstance(text := texts[f.src_uri], str)]
        corpus = self.corpus = load_corpus(project / "seeds", entity_pages, self.annotator.mode, self.settings.workers,
                                           log.info)
        corpus.problems[:0] = [text for text in texts.values() if isinstance(text, Problem)]
        for file in entity_files:  # left out, not published as a plain page with its unchecked front matter
            if isinstance(texts[file.src_uri], Problem) or file.src_uri in corpus.catalog.left_out:
                files.remove(file)
        for problem in corpus.problems:
            self.report(problem)
        for notice in corpus.notices:
            log.info(str(notice))
        self.annotator.catalog, self.annotator.linker = corpus.catalog, corpus.linker
        self.site = Site(corpus, self.config.site_url or "")
        self.pages = site_pages(self.site)
        clock = Stopwatch()
        generated = [src_uri for src_uri, kind in self.pages.items() if kind.generated]
        for src_uri in [*generated, *EXPORTED_FILES]:  # their content is made when MkDocs reads them
            files.append(File.generated(self.config, src_uri, content=b""))
        log.info(f"generated pages: {len(generated):,} added in {clock.lap()}")
        spare = self._spare_workers()
        size = len(corpus.articles)
        absolute = self.site.absolute
        self.exports = InBackground(lambda: open_data(corpus.catalog, corpus.articles, corpus.index, absolute), size, spare)
        self.coverage = InBackground(functools.partial(find_candidates, corpus.articles, corpus.index, corpus.catalog), size,
                                     spare)  # needed by one page
        return files

    def report(self, problem: Problem) -> None:
        """A problem in the input: a warning now, and a failed build at the end if the build is strict."""
        self.problems.append(problem)
        log.warning(str(problem))

    def source_of(self, page: Page) -> str | None:
        """The Markdown of a page the engine makes, or of an entity page without its front matter."""
        kind = self.pages.get(page.file.src_uri)
        return kind.source() if kind else None

    def markdown_of(self, page: Page, markdown: str) -> str:
        """Complete the page; tell the annotator which page is rendering."""
        kind = self.pages.get(page.file.src_uri)
        self.annotator.current_entity = kind.own_entity if kind else None
        if not kind:
            return markdown
        page.meta.update(kind.meta())
        return kind.markdown(markdown)

    def content_read(self, page: Page, html: str) -> str:
        """Every page's head values escaped; the card data handed to the templates.

        An article page tells MkDocs its anchors now, so links into it are checked, and is
        written later, when its template renders: MkDocs holds every page's content between
        the two, and articles are the bulk of a corpus.
        """
        _escape_head(page)
        kind = self.pages.get(page.file.src_uri)
        if kind and (anchors := kind.anchors()) is not None:
            page.present_anchor_ids = anchors
            return html
        return sanitize(html) if kind and kind.untrusted_markdown else html

    # Writing: on_env, on_page_context, on_post_page

    def start_writing(self, env: Environment) -> None:
        """Every page has been read: fill in the data files before MkDocs copies them, start writing the
        engine's HTML for the pages, in the order MkDocs builds them, and the search index."""
        clock = Stopwatch()
        with _one_line():
            exports = self.exports.result()
        for src_uri, content in exports.items():
            self._file(src_uri).content_bytes = content
            self.site.export_sizes[src_uri] = len(content)
        log.info(f"open data: {sum(self.site.export_sizes.values()) / 2**20:.1f} MB in {len(exports)} files, "
                 f"waited {clock.lap()} for them")
        kinds, documentation_pages = self.pages, self.files.documentation_pages()
        pages = [file.src_uri for file in documentation_pages if file.src_uri in kinds and kinds[file.src_uri].ahead]
        self.writer = WorkAhead(self._write, None, pages, self._spare_workers())
        self.progress = PagesWritten(len(documentation_pages), log.info)
        env.globals["ar_search_years"] = self.site.search_years()
        env.globals["ar_search_names_only"] = not self.settings.full_text_search
        if self.settings.full_text_search:
            parts = index_parts(len(documentation_pages))
            with _one_line():
                self.search = SearchIndex(parts)  # after the workers fork: it runs a thread of its own
            self.names_by_letter = NamesByLetter.of(self.corpus.catalog)
            env.globals["ar_search_parts"] = merged_parts(parts)
            env.globals["ar_search_name_letters"] = self.names_by_letter.listed()

    def put_indexed_parts(self, page: Page) -> None:
        """Put what the engine wrote on the page, except the parts the search must not index."""
        if page.file.src_uri not in self.pages:
            return
        with _one_line():
            written = self.writer.take(page.file.src_uri)
        for name, content in written.data_files.items():
            write_file(content.encode(), str(Path(page.file.abs_dest_path).with_name(name)))
        if written.article:
            self._put_article(page, written)
        else:
            page.content = self._filled(page, page.content, written.indexed_parts)
        self._written[page.file.src_uri] = written

    def index_for_search(self, page: Page) -> None:
        """Hand the search index the page as its kind says it is searched: articles, entities and the pages
        maintainers wrote; what listings, registers and drawings show is indexed on its own pages."""
        if not self.search:
            return
        kind, written = self.pages.get(page.file.src_uri), self._written.get(page.file.src_uri)
        if written and written.search_document is not None:
            document = written.search_document
        else:
            document = kind.search_document(page.content) if kind else page_document(page.content)
        if document:
            self.search.add(page.url, document)

    def put_later_parts(self, page: Page) -> None:
        """After the search has indexed the page: the parts it must not index (mentions in context, drawings); then
        the card data of every entity and article the page names or links to (an article's is written with it)."""
        written = self._written.pop(page.file.src_uri, None)
        page.content = self._filled(page, page.content, written.parts if written else {})
        if "ar_cards" not in page.meta:
            page.meta["ar_cards"] = self.site.cards(page.content, self.root_url)
        if len(page.meta["ar_cards"]) > self.settings.inline_cards_kb * 1024:
            name = Path(page.file.dest_uri).stem + CARDS_FILE_SUFFIX
            write_file(cards_script(page.meta["ar_cards"]).encode(), str(Path(page.file.abs_dest_path).with_name(name)))
            page.meta["ar_cards"], page.meta["ar_cards_src"] = "{}", escape_attribute("./" + quote(name))

    def written(self, page: Page) -> None:
        """The corpus's pages are written now; let their HTML go rather than hold every one to the end."""
        kind = self.pages.get(page.file.src_uri)
        if kind and kind.bulk:
            page.content = None
            for written in WRITTEN_META:
                page.meta.pop(written, None)
        self.progress.page_written()

    def finish(self) -> None:
        """Write the search index, and the names and titles that answer at once (and from ``file://``); then a strict
        build fails on any problem in the input, however quiet MkDocs' log was asked to be."""
        clock = Stopwatch()
        site_dir = Path(self.config.site_dir)
        search, self.search = self.search, None
        indexed = "no full-text index (extra.reader.full_text_search is false)"
        if search:
            with _one_line():
                indexed = f"{search.write(site_dir / INDEX_FOLDER):,} pages indexed, index written in {clock.lap()}"
        names, titles = names_script(self.corpus.catalog).encode(), titles_script(self.corpus.articles).encode()
        write_file(names, str(site_dir / NAMES_SCRIPT))
        write_file(titles, str(site_dir / TITLES_SCRIPT))
        letters = {path: rows.encode() for path, rows in self.names_by_letter.files().items()}
        for path, rows in letters.items():
            write_file(rows, str(site_dir / path))
        by_letter = (f" (by letter: {len(letters):,} files, the largest {max(map(len, letters.values())) / 2**10:,.0f} KB)"
                     if letters else "")
        log.info(f"search: {indexed}; names {len(names) / 2**10:,.0f} KB{by_letter}, titles {len(titles) / 2**10:,.0f} KB")
        if self.config.strict and self.problems:
            count = len(self.problems)
            raise Abort(f"Aborted: {count} problem{'s' if count != 1 else ''} in the articles or the catalog in strict "
                        f"mode, the first: {self.problems[0]}")

    def close(self) -> None:
        """Stop the workers still going (after an error, or a page MkDocs did not write); give MkDocs' log back
        its levels."""
        for work in (self.exports, self.coverage, self.writer, self.search):
            if work:
                work.close()
        if self._quiet:
            self._quiet()
            self._quiet = None

    # Helpers

    def _root_url(self, src_uri: str) -> str:
        """The address of a docs page from the site root."""
        return self._file(src_uri).url

    def _file(self, src_uri: str) -> File:
        file = self.files.src_uris.get(src_uri)
        if file is None:
            raise PluginError(f"annotated_reader: no page '{src_uri}' — the catalog names a page that MkDocs does not have")
        return file

    def _url_from(self, file: File) -> Callable[[str], str]:
        """Addresses of docs pages from the page of ``file``, as MkDocs would write them."""
        return functools.cache(lambda src_uri: self._file(src_uri).url_relative_to(file))

    def _spare_workers(self) -> int | None:
        """Worker processes besides this one, which goes on with MkDocs' own work (None: one per spare core)."""
        workers = self.settings.workers
        return None if workers is None else workers - 1

    def _write(self, _: None, src_uri: str) -> WrittenPage:
        """What the engine writes as text for a page: run in a worker process, ahead of the page's turn."""
        return self.pages[src_uri].write(self._url_from(self._file(src_uri)), self.root_url, self.coverage.result)

    def _put_article(self, page: Page, written: WrittenPage) -> None:
        """Put the article's HTML, panel, contents and card data on the page."""
        article = written.article
        page.content, page.meta["ar_panel"] = article.html, article.panel
        title, *sections = [{"level": h.level, "id": h.id, "name": h.html, "children": []} for h in article.headings]
        page.toc = get_toc([{**title, "children": sections}])
        page.meta["ar_cards"], page.meta["json_ld"] = written.cards, article.json_ld

    def _filled(self, page: Page, html: str, parts: dict[str, str]) -> str:
        try:
            return fill_placeholders(html, parts)
        except KeyError as missing:
            raise PluginError(f"annotated_reader: {page.file.src_uri} has no placeholder for its part {missing} — "
                              "keep the page's generated Markdown as the engine writes it") from None


def _count_warnings_when_quiet() -> Callable[[], None] | None:
    """Under ``--strict -q``, let MkDocs' strict-mode counter see warnings again while the console stays quiet.

    ``-q`` raises the level of MkDocs' logger above its warnings, so the counter MkDocs adds
    for strict mode never sees them and a strict build passes whatever was wrong
    (mkdocs#4126). The logger is set back to warnings, and every other handler on it is raised
    to the level ``-q`` asked for. Returns what puts the levels back, or None if nothing changed.
    """
    logger = logging.getLogger("mkdocs")
    asked = logger.level
    if asked <= logging.WARNING:
        return None
    quieted = [(handler, handler.level) for handler in logger.handlers if not isinstance(handler, CountHandler)]
    for handler, _ in quieted:
        handler.setLevel(max(handler.level, asked))
    logger.setLevel(logging.WARNING)

    def restore() -> None:
        logger.setLevel(asked)
        for handler, level in quieted:
            handler.setLevel(level)

    return restore


@contextlib.contextmanager
def _one_line() -> Iterator[None]:
    """A worker that died, or a search indexer that fails, stops the build with one line, not a traceback."""
    try:
        yield
    except (WorkerDied, SearchIndexError) as failed:
        raise PluginError(f"annotated_reader: {failed}") from None


def _escape_head(page: Page) -> None:
    """The one place where what a page's ``<head>`` and header print is escaped: Material prints ``page.title``
    and ``page.meta.description`` as they are, and runs ``striptags`` (which unescapes) on a title from the
    first heading.

    A title comes either as text (the metadata the engine or a maintainer gives) or as HTML
    text (MkDocs takes the first heading's, entities kept): both are read as HTML and written
    escaped, so each is escaped exactly once. Done while pages are read, before any template
    renders, because each page's template prints its neighbours' titles too.
    """
    if page.title is not None and not page.is_homepage:
        page.meta["title"] = page.title
    for key in HEAD_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape_attribute(html.unescape(page.meta[key]))
