"""The site's search: a chunked Pagefind index fed each page as it is written.

A query on the chunked index fetches only the index chunks and page fragments it needs, so
its cost does not grow with the corpus. Each page is sent to a Pagefind service (a separate
process, so its work runs beside MkDocs') as a small document made for the search: the
text, with the names of an entity weighted up and the kind, year and summary as filters and
metadata. Browsers cannot load that index from ``file://`` (it needs ``fetch`` and ES
modules): there the search reads the names and titles of :mod:`search_names`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService
from pagefind.service.types import InternalRequestPayload, InternalResponsePayload

from ..reading.article import Article
from ..reading.catalog import Entity
from ..reading.dates import format_date
from ..writing.html_text import escape_attribute, escape_text, tag

T = TypeVar("T")
LANGUAGE = "en"
INDEX_FOLDER = "pagefind"
NAME_WEIGHT = "10"
"""Pagefind's highest weight, for an entity's names: a page titled with a name outranks one that uses it."""
PARTS = 2
"""Parts a large index is built in, each by a Pagefind service of its own: built side by side, and each holding
its share, they halve the indexer's memory and the wait for the index at the end on two cores. A first query
then waits for one more part to load (two round trips), and fetches one index chunk more per part."""
SPLIT_FROM = 3000
"""Pages from which the index is built in parts: about where one service would need a gigabyte (about 0.3 MB for
each article's page). Each part ranks its pages by its own word counts; on a few hundred pages these differ from
part to part enough to reorder results, on thousands they agree."""
PART_FILES = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", "pagefind-entry.json")
"""A part's own files; Pagefind's scripts and its WebAssembly come from the first part."""
WAITING = 2048
"""Pages that may wait for the indexer (about 30 MB of documents) before :meth:`SearchIndex.add` waits too: the
indexer falls behind MkDocs on two cores, and MkDocs should not wait for it before the end."""
_MENTION = re.compile(r'<(a|span) [^>]*\bclass="ar-mention[^"]*"[^>]*>([^<]*)</\1>')
LEFT_OUT = (".headerlink", ".ar-pnum", ".ar-ui", ".ar-pull-quote", "[data-search-exclude]")
"""Interface text, pull quotes (which repeat a sentence of the article) and anything the pages mark as not for search."""


def _document(body: str, *, kind: str, year: str | None = None, meta: dict[str, str] | None = None) -> str:
    """A page for the indexer: ``body`` (HTML, escaped already) with its kind, year and metadata.

    The page's title is its first heading. Pagefind reads one filter or metadata value from an
    attribute (and would split a value at a comma), so each sits on an element of its own,
    around the body; the values are the engine's words (kinds, years, type labels, dates).
    The kind is ``article``, an entity type, or ``page`` (home, about).
    """
    for key, value in [("year", year), *(meta or {}).items()]:
        if value:
            role = "filter" if key == "year" else "meta"
            body = f'<div data-pagefind-{role}="{escape_attribute(f"{key}:{value}")}">{body}</div>'
    main = f'<main data-pagefind-body data-pagefind-filter="kind:{escape_attribute(kind)}">{body}</main>'
    return f'<!doctype html><html lang="{LANGUAGE}"><head><title></title></head><body>{main}</body></html>'


def article_document(article: Article, view: str) -> str:
    """An article as indexed: its text, block by block with the blocks' ids, so a result can link to its paragraph.

    The mentions' own elements are left out (their words stay): Pagefind would take each
    mention's id as a place to link to, and cut the paragraph into pieces at each one.
    """
    date = format_date(article.date) if article.date else None
    view = _MENTION.sub(r"\2", view)
    return _document(view, kind="article", year=str(article.date.year) if article.date else None, meta={"date": date})


def entity_document(entity: Entity, view: str) -> str:
    """An entity as indexed: its names (aliases and Arabic name too) weighted up, its type and summary as metadata
    (the summary is in the page's text already: its copy here is left out of the text)."""
    names = " · ".join(escape_text(name) for name in (entity.name, *(alias.text for alias in (*entity.aliases, *entity.forms))))
    if entity.arabic:
        names += " " + tag("span", escape_text(entity.arabic), lang="ar")
    summary = tag("p", escape_text(entity.summary), data_pagefind_meta="summary", data_pagefind_ignore="")
    head = tag("p", names, data_pagefind_weight=NAME_WEIGHT) + summary
    title, _, rest = view.partition("</h1>")
    return _document(f"{title}</h1>{head}{rest}" if rest else head + view, kind=entity.type,
                     year=entity.date[:4] if entity.date else None, meta={"type": entity.type_label})


def page_document(view: str) -> str:
    """Any other page the maintainers wrote (home, about), as indexed."""
    return _document(view, kind="page")


class SearchIndexError(Exception):
    """The indexer cannot start, refused a page, or stopped answering."""


def _stopped(reason: Exception) -> SearchIndexError:
    return SearchIndexError(f"search index: the Pagefind service stopped answering ({str(reason) or type(reason).__name__})")


class _Service(PagefindService):
    """Pagefind's service, its replies read as they come.

    The library's own reader sleeps 0.1 s before each reply it reads, which holds a build to
    ten pages a second; this reader is the same loop without the sleep.
    """

    _broken: SearchIndexError | None = None

    async def _reply(self) -> bytes:
        """The next reply, whatever its size (the index's files come in one)."""
        parts = []
        while True:
            try:
                parts.append(await self._backend.stdout.readuntil(b","))
                return b"".join(parts)[:-1]
            except asyncio.LimitOverrunError as longer:
                parts.append(await self._backend.stdout.readexactly(longer.consumed))

    async def _wait_for_responses(self) -> None:
        """Each reply handed to its request. If the service stops answering (it died, or a reply cannot be read),
        the requests waiting, and any later one, fail rather than wait for ever."""
        try:
            while True:
                reply = json.loads(base64.b64decode(await self._reply()))
                waiting = self._responses.pop(reply.get("message_id"), None)
                if waiting is None or waiting.done():
                    continue
                payload = reply["payload"]
                if payload["type"] == "Error":
                    waiting.set_exception(SearchIndexError(f"search index: {payload['message']}"))
                else:
                    waiting.set_result(payload)
        except Exception as error:
            self._broken = _stopped(error)
        finally:  # also when the service is stopped: nothing waits for a reply that cannot come
            ended = self._broken or SearchIndexError("search index: the Pagefind service was stopped")
            for waiting in self._responses.values():
                if not waiting.done():
                    waiting.set_exception(ended)
                    waiting.exception()  # marked as seen: a request whose sending failed never waits for it
            self._responses.clear()

    async def send(self, payload: InternalRequestPayload) -> InternalResponsePayload:
        if self._broken:
            raise self._broken
        try:
            return await super().send(payload)
        except ConnectionError as lost:
            raise self._broken or _stopped(lost) from None

    async def finish(self) -> None:
        """End the service by closing its input, once every reply is in (the library's ``close`` sends a request
        of its own first)."""
        self._backend.stdin.close()
        await self._backend.wait()
        self._poll_task.cancel()

    async def stop(self) -> None:
        """End the service at once, its pending replies dropped (after an error, or a build that stopped): the
        library's ``close`` first waits for them, and fails if one of them was cancelled."""
        self._poll_task.cancel()
        with contextlib.suppress(ProcessLookupError):
            self._backend.terminate()
        await self._backend.wait()


class _Part:
    """One part of the index: its Pagefind service, and the pages waiting to be handed to it, in order. Its
    coroutines run in the index's event loop."""

    def __init__(self, room: threading.Semaphore) -> None:
        self.room = room
        """Shared by the parts: a slot is given back for each page handed over (or dropped after an error)."""
        self.service: _Service | None = None
        self.index: PagefindIndex | None = None
        self.sending: asyncio.Task | None = None
        self.queue: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()

    async def start(self) -> None:
        self.service = await _Service().launch()
        config: IndexConfig = {"force_language": LANGUAGE, "exclude_selectors": list(LEFT_OUT)}
        self.index = await self.service.create_index(config)
        self.sending = asyncio.get_running_loop().create_task(self._send())

    async def _send(self) -> None:
        """Hand the pages over in order; after an error, take the rest without sending them (so that
        :meth:`SearchIndex.add` never waits for ever), and raise it at the end."""
        error: Exception | None = None
        while (page := await self.queue.get()) is not None:
            try:
                if error is None:
                    await self.index.add_html_file(url=page[0], content=page[1])
            except Exception as failed:
                error = failed
            finally:
                self.room.release()
        if error:
            raise error

    async def write(self, folder: Path, with_scripts: bool) -> None:
        """Take the part's files from its service and write them here: the service's own writing can leave a file
        short, as it exits on the end of its input without waiting for the writes it has started. Pagefind's
        scripts go with the first part only: the browser loads them once."""
        await self.sending
        files = await self.index.get_files()
        await self.service.finish()
        self.service = None
        for file in files:
            if with_scripts or file["path"].endswith(PART_FILES):
                path = folder / file["path"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(file["content"])


class SearchIndex:
    """Pages sent to Pagefind as MkDocs writes them; the index written when the build ends.

    The index is in ``parts`` parts, page by page in turn, each built by a Pagefind service
    of its own: the parts are built side by side at the end (Pagefind builds on one core), and
    each service holds only its share of the index. The browser merges them into one search.
    Pagefind's Python API is asynchronous: its event loop runs in a thread of its own, where a
    task per part hands the pages over one at a time, in the order they came (Pagefind numbers
    pages as they arrive, so the same order gives the same index; only the order of a filter's
    entries in its file is Pagefind's own). :meth:`add` returns at once unless :data:`WAITING`
    pages are already waiting, which bounds the memory they hold if the indexer falls behind.
    """

    def __init__(self, parts: int = 1) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="search-index", daemon=True)
        self._thread.start()
        self._room = threading.Semaphore(WAITING)
        self._parts = [_Part(self._room) for _ in range(parts)]
        self._pages = 0
        try:
            for part in self._parts:
                self._run(part.start()).result()
        except BaseException as failed:
            self.close()
            if isinstance(failed, OSError):
                why = f"{failed.strerror}: {failed.filename}" if failed.filename else str(failed)
                raise SearchIndexError(f"search index: Pagefind cannot start ({why}); install the project's pinned "
                                       "requirements (make site does) or set PAGEFIND_BINARY_PATH") from None
            raise

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``coroutine`` in the index's thread; its result, or its error, comes through the future."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def add(self, url: str, document: str) -> None:
        """Index ``document`` as the page at ``url`` (relative to the site's root)."""
        self._room.acquire()
        part = self._parts[self._pages % len(self._parts)]
        self._pages += 1
        self._loop.call_soon_threadsafe(part.queue.put_nowait, (url, document))

    def write(self, folder: Path) -> int:
        """Write the index into ``folder`` (its other parts in folders inside it, named by :func:`part_folder`); the
        number of pages indexed. Raises the error of a page, if any."""
        try:
            for part in self._parts:
                self._loop.call_soon_threadsafe(part.queue.put_nowait, None)
            self._run(self._written(folder)).result()
            return self._pages
        finally:
            self.close()

    async def _written(self, folder: Path) -> None:
        """Every part written, side by side; if one fails, the others are stopped and its error is raised."""
        try:
            async with asyncio.TaskGroup() as parts:
                for number, part in enumerate(self._parts):
                    parts.create_task(part.write(folder / part_folder(number), with_scripts=number == 0))
        except BaseExceptionGroup as failed:
            raise failed.exceptions[0] from None

    def close(self) -> None:
        """Stop the services and the thread (also after an error, when the index is not written); once."""
        if self._loop.is_closed():
            return
        for part in self._parts:
            if part.sending:
                self._loop.call_soon_threadsafe(part.sending.cancel)
            if part.service:
                self._run(part.service.stop()).result()
                part.service = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


def part_folder(number: int) -> str:
    """Where part ``number`` of the index is, in the index's folder (the first part is the folder itself)."""
    return f"part-{number}" if number else ""


def index_parts(pages: int) -> int:
    """How many parts the index of ``pages`` pages is built in."""
    return PARTS if pages >= SPLIT_FROM else 1


def merged_parts(parts: int) -> str:
    """The folders of the parts the browser merges into the first, as the search box lists them for its script."""
    return " ".join(part_folder(number) for number in range(1, parts))
