"""The reading experience in a real Chromium (Debian's /usr/bin/chromium, driven by Playwright).

These tests never skip: without the browser they fail and say how to install it.
Screenshots for people to look at are written to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from conftest import ARTICLE, ROOT, Build, build_here, sample_catalog, sample_project
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from annotated_reader.pages import search, search_names

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
CARD = "#ar-card"
OPENED = 250
"""Milliseconds on the page's clock after which a card the pointer rests on is open (reader.js waits 200)."""
FULL_TEXT_PAUSE = 300
"""Milliseconds after the last key at which search.js searches the full text (names are shown sooner)."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news in a test log."""


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on localhost, as a reader's browser would get a site; its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site: Build) -> Iterator[str]:
    """The built site over HTTP."""
    with serving(site.site) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium) or 'apt-get install chromium'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def search_for(page: Page, query: str, kind: str = "") -> None:
    """Focus the search box with "/" and type, key by key, as a reader does; optionally filter by kind."""
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    if kind:
        page.select_option('.ar-search select[name="kind"]', kind)
        page.locator(".md-search__input").focus()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", query, timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"matching"))


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_card_opens_on_hover_shows_the_entity_and_closes_on_escape(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#standfirst [data-entity="isis"]')
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".ar-card__name")).to_have_text("ISIS")
    expect(card.locator(".ar-card__type")).to_have_text("Organisation")
    expect(card.locator('.ar-card__arabic[lang="ar"][dir="rtl"]')).to_have_text(re.compile(r"\S"))
    expect(card.locator(".ar-card__link")).to_have_attribute("href", re.compile(r"organizations/isis\.html$"))
    screenshot(page, "hover-card")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


def test_card_opens_on_keyboard_focus_and_tab_reaches_its_link(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.focus('#p1 a[data-entity="arsal"]')
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".ar-card__name")).to_have_text("Arsal")
    expect(page.locator('#p1 a[data-entity="arsal"]')).to_have_attribute("aria-describedby", "ar-card-summary")
    page.keyboard.press("Tab")
    expect(page.locator(".ar-card__link")).to_be_focused()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(page.locator('#p1 a[data-entity="arsal"]')).to_be_focused()


def test_card_stays_open_while_the_pointer_moves_onto_it(page, server):
    """On the page's own clock: the way to the card may cross another name, which must not take over."""
    page.clock.install(time=0)
    page.goto(f"{server}/{ARTICLE}")
    page.clock.pause_at(1000)
    page.hover('#p3 a[data-entity="abu-bakr-al-baghdadi"]')
    page.clock.run_for(OPENED)
    card = page.locator(CARD)
    expect(card).to_be_visible()
    box = card.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.clock.run_for(1000)
    expect(card).to_be_visible()
    expect(card.locator(".ar-card__name")).to_have_text("Abu Bakr al-Baghdadi")
    page.mouse.move(5, 5)
    page.clock.run_for(1000)
    expect(card).to_be_hidden()


def test_card_is_placed_off_the_line_being_read(page, server):
    page.goto(f"{server}/{ARTICLE}")
    mention = page.locator('#p2 a[data-entity="lebanese-army"]')
    mention.hover()
    expect(page.locator(CARD)).to_be_visible()
    line, card = mention.bounding_box(), page.locator(CARD).bounding_box()
    assert card["y"] >= line["y"] + line["height"] or card["y"] + card["height"] <= line["y"]


def test_a_second_mention_never_shows_a_stale_card(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#standfirst [data-entity="isis"]')
    expect(page.locator(".ar-card__name")).to_have_text("ISIS")
    page.hover('#standfirst [data-entity="iraq"]')
    expect(page.locator(".ar-card__name")).to_have_text("Iraq")
    page.hover('#p5 [data-entity="management-of-savagery"] >> nth=0')
    expect(page.locator(".ar-card__name")).to_have_text("Management of savagery")


def test_a_name_pointed_at_just_after_a_scroll_opens_its_card(page, server):
    """Text scrolled under a still pointer leaves the open card's name, whose card then closes; that closing must
    not cancel the card of the name the pointer reaches next."""
    page.clock.install(time=0)
    page.goto(f"{server}/{ARTICLE}")
    page.clock.pause_at(1000)
    page.hover('#standfirst [data-entity="iraq"]')
    page.clock.run_for(OPENED)
    expect(page.locator(".ar-card__name")).to_have_text("Iraq")
    target = page.locator('#p5 [data-entity="management-of-savagery"] >> nth=0')
    page.evaluate("""() => document.addEventListener("pointerout", () => { window.left = true; }, {once: true})""")
    target.scroll_into_view_if_needed()
    page.wait_for_function("() => window.left")
    page.clock.run_for(150)
    target.hover()
    page.clock.run_for(OPENED)
    expect(page.locator(CARD)).to_be_visible()
    expect(page.locator(".ar-card__name")).to_have_text("Management of savagery")


def test_quiet_mentions_show_cards_too(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#p3 span.ar-quiet[data-entity="isis"] >> nth=0')
    expect(page.locator(".ar-card__name")).to_have_text("ISIS")


def test_first_tap_opens_the_card_on_touch_screens(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    page.tap('#p1 a[data-entity="arsal"]')
    expect(page.locator(CARD)).to_be_visible()
    assert page.url.endswith(ARTICLE)
    page.tap(".ar-card__link")
    page.wait_for_url(re.compile(r"places/arsal\.html$"))
    context.close()


def test_backlink_lands_on_its_mention_scrolled_into_view_and_highlighted(page, server):
    page.goto(f"{server}/glossary/bayah.html")
    backlink = page.locator("a.ar-backlink").nth(3)
    anchor = backlink.get_attribute("href").split("#")[1]
    words = backlink.text_content()
    backlink.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    assert target.text_content() == words


@pytest.mark.parametrize(("query", "expected"), [
    ("Daesh", "organizations/isis.html"),
    ("pledge of allegiance", "glossary/bayah.html"),
    ("Jabhat al-Nusra", "organizations/nusra-front.html"),
    ("جبهة النصرة", "organizations/nusra-front.html"),
])
def test_search_box_finds_entity_pages_by_alias_and_arabic_name(page, server, query, expected):
    page.goto(f"{server}/index.html")
    search_for(page, query)
    first = page.locator(".md-search-result__item").first
    expect(first.locator("a.md-search-result__link")).to_have_attribute("href", re.compile(f"{re.escape(expected)}\\?h="))
    expect(first.locator(".ar-search-kind")).to_have_text(re.compile(r"Organisation|Glossary term"))
    expect(first.locator(".ar-search-alias")).to_have_text(f"Also named {query}")  # why it was found
    expect(first.locator(".ar-search-alias mark").first).to_be_visible()


def test_search_ranks_an_article_that_names_an_entity_right_after_its_page(page, server):
    page.goto(f"{server}/index.html")
    search_for(page, "Nusra")
    links = page.locator("a.md-search-result__link")
    expect(links.nth(0)).to_have_attribute("href", re.compile(r"organizations/nusra-front\.html"))
    expect(links.nth(1)).to_have_attribute("href", re.compile(r"articles/.*\.html\?h=nusra#p\d+$"))
    expect(links.nth(1).locator("mark").first).to_have_text(re.compile("nusra", re.I))


def test_search_filter_by_kind_keeps_only_that_kind_and_links_to_the_paragraph(page, server):
    page.goto(f"{server}/people/abu-malek-al-talli.html")
    search_for(page, "Nusra", kind="article")
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    link = page.locator("a.md-search-result__link").first
    expect(link).to_have_attribute("href", re.compile(r"^/articles/isis-expansionism-will-burn-qalamoun\.html\?h=nusra#p\d+$"))


def test_search_by_keyboard_opens_a_result_with_the_words_highlighted(page, server):
    page.goto(f"{server}/index.html")
    search_for(page, "Qalamoun", kind="article")
    page.keyboard.press("ArrowDown")
    expect(page.locator("a.md-search-result__link").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"articles/isis-expansionism-will-burn-qalamoun\.html\?h=qalamoun"))
    marks = page.locator(".md-content mark[data-md-highlight]")
    expect(marks.first).to_have_text(re.compile("^Qalamoun", re.I))
    assert marks.count() > 5


def test_the_highlight_marks_words_spelt_with_apostrophes_and_not_the_short_words_beside_longer_ones(page, server):
    """The words come folded ("bayah" for "bay'ah"); "al" of "al-Nusra" would mark every "al-" on the page."""
    page.goto(f"{server}/glossary/bayah.html?h=bayah")
    expect(page.locator(".md-content h1 mark[data-md-highlight]")).to_have_text("Bay'ah")
    page.goto(f"{server}/organizations/nusra-front.html?h=al%20nusra")
    marks = page.locator(".md-content mark[data-md-highlight]").all_text_contents()
    assert marks and all(mark.lower().startswith("nusra") for mark in marks), marks


def test_words_joined_by_a_hyphen_are_searched_apart(page, server):
    page.goto(f"{server}/index.html")
    search_for(page, "al Nusra")
    apart = page.locator(".md-search-result__meta").text_content()
    page.keyboard.press("Escape")
    search_for(page, "al-Nusra")
    expect(page.locator(".md-search-result__meta")).to_have_text(apart)
    assert int(apart.split()[0]) > 5


def test_enter_opens_what_the_words_in_the_box_find_not_what_the_list_showed_for_earlier_ones(page, server):
    page.goto(f"{server}/index.html")
    page.keyboard.press("/")
    page.keyboard.type("Da")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Da", timeout=10_000)
    assert "damascus" in page.locator("a.md-search-result__link").first.get_attribute("href")
    page.keyboard.type("esh")  # and Enter at once, before the list has caught up
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/organizations/isis\.html\?h=daesh$"))


def test_typing_on_leaves_the_results_in_place_until_the_new_ones_take_their_places(page, server):
    """From "Qalam" to "Qalamo": the name stays where it is, brought up to date, and the list never shrinks to it alone
    (it did at each key, for as long as the full text took), then holds the new words' results."""
    page.goto(f"{server}/index.html")
    search_for(page, "Qalam")
    links = page.locator("a.md-search-result__link")
    before = links.count()
    page.evaluate("""() => {
      const list = document.querySelector(".md-search-result__list");
      window.arFewest = Infinity;
      new MutationObserver(() => {
        window.arFewest = Math.min(window.arFewest, list.querySelectorAll("a.md-search-result__link").length);
      }).observe(list, { childList: true, subtree: true });
    }""")
    page.keyboard.type("o")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Qalamo", timeout=10_000)
    after = links.count()
    assert before >= 5 and page.evaluate("window.arFewest") >= min(before, after)
    expect(links.first).to_have_attribute("href", re.compile(r"/places/qalamoun\.html\?h=qalamo$"))
    hrefs = links.evaluate_all("links => links.map((link) => link.href)")
    assert all(href.endswith("h=qalamo") or "h=qalamo#" in href for href in hrefs), hrefs


def test_a_reader_on_an_earlier_result_stays_in_the_list_when_the_new_results_take_its_place(page, server):
    page.goto(f"{server}/index.html")
    search_for(page, "Qalam")
    page.keyboard.type("o")
    for _ in range(3):  # onto the third result, still one of "Qalam"'s
        page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Qalamo", timeout=10_000)
    assert page.evaluate("document.activeElement.matches('a.md-search-result__link[href*=\"h=qalamo\"]')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('a.md-search-result__link')")


def test_no_page_is_listed_twice_while_the_results_of_new_words_take_the_places_of_the_earlier(page, server):
    """After "Abu", " M": the names of "Abu M" go at the top, over a list where one of them is still further down."""
    page.goto(f"{server}/index.html")
    search_for(page, "Abu")
    page.evaluate("""() => {
      const list = document.querySelector(".md-search-result__list");
      window.arTwice = [];
      new MutationObserver(() => {
        const paths = [...list.querySelectorAll("a.md-search-result__link")].map((link) => link.pathname);
        window.arTwice.push(...paths.filter((path, index) => paths.indexOf(path) !== index));
      }).observe(list, { childList: true, subtree: true });
    }""")
    page.keyboard.type(" M")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Abu M", timeout=10_000)
    assert page.evaluate("window.arTwice") == []


def test_show_more_by_keyboard_moves_the_focus_to_the_first_result_it_adds(page, server):
    page.goto(f"{server}/index.html")
    search_for(page, "Qalamoun")
    more = page.locator("button.ar-search-more")
    assert more.bounding_box()["height"] >= 40  # a target a finger can tap
    more.focus()
    page.keyboard.press("Enter")
    links = page.locator("a.md-search-result__link")
    expect(links.nth(5)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(6)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_search_fetches_a_few_small_files_not_the_whole_index(page, server):
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"])
            if "/pagefind/" in request.url else None)
    page.goto(f"{server}/index.html")
    search_for(page, "Qalamoun")
    expect(page.locator("a.md-search-result__link").first).to_be_visible()
    assert 0 < sum(fetched) < 300_000


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample site with its index in two parts, as a large site's is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SPLIT_FROM", 0)
        built = build_here(sample_project(tmp_path_factory.mktemp("split")))
    assert built.returncode == 0, built.output
    return built


def test_an_index_built_in_parts_is_searched_as_one(page, server, split_site):
    """A query counts the pages of both parts, as the site in one part does, fetches an index chunk from each,
    and links results to their pages, those of the second part too (here the five best are all in it)."""
    page.goto(f"{server}/index.html")
    search_for(page, "Qalamoun")
    in_one_part = page.locator(".md-search-result__meta").text_content()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    with serving(split_site.site) as address:
        page.goto(f"{address}/index.html")
        expect(page.locator("[data-ar-search]")).to_have_attribute("data-index-parts", "part-1")
        search_for(page, "Qalamoun")
        expect(page.locator(".md-search-result__meta")).to_have_text(in_one_part)
        links = page.locator("a.md-search-result__link").evaluate_all("links => links.map(link => link.href)")
    for part in ("/pagefind/", "/pagefind/part-1/"):
        assert any(url.startswith(f"{address}{part}index/") for url in fetched), part
    assert any(url.startswith(f"{address}/pagefind/part-1/fragment/") for url in fetched)
    assert links
    for link in links:
        assert (split_site.site / link.removeprefix(f"{address}/").partition("?")[0]).is_file(), link


def test_an_index_in_parts_whose_first_part_cannot_load_says_search_is_unavailable(page, split_site):
    """Pagefind merges a part only once the first part's WebAssembly is in; without it, no wait for ever."""
    page.route("**/pagefind/wasm.*", lambda route: route.fulfill(status=404))
    with serving(split_site.site) as address:
        page.goto(f"{address}/index.html")
        expect(page.locator("[data-ar-search]")).to_have_attribute("data-index-parts", "part-1")
        page.keyboard.press("/")
        page.keyboard.type("Qalamoun")
        expect(page.locator(".md-search-result__meta")).to_have_text("Search is not available here", timeout=10_000)


def test_in_this_article_panel_lists_the_entities_by_type(page, server):
    page.goto(f"{server}/{ARTICLE}")
    panel = page.locator(".ar-sidebar .ar-in-this-article")
    expect(panel).to_be_visible()
    groups = panel.locator(".ar-panel-group").all_text_contents()
    assert groups == ["People", "Organisations", "Places", "Events", "Glossary terms"]
    organisations = panel.locator(".ar-panel-group + ul").nth(1).locator("a").all_text_contents()
    assert {"ISIS", "Nusra Front", "Jaysh al-Islam", "Free Syrian Army"} <= set(organisations)
    first = panel.locator(".ar-panel-group + ul li").first
    expect(first).to_contain_text("Abu Bakr al-Baghdadi")
    # The pull quote repeats paragraph 13 and is not counted; the reader comment is counted apart.
    expect(first.locator(".ar-sr")).to_have_text(" 10 mentions, 1 in reader comments")


def test_text_comes_before_the_panel_and_tab_reaches_the_first_mention_within_ten_presses(page, server):
    """Counted from page load with the skip link used: Tab focuses "Skip to content", Enter moves to the title."""
    page.goto(f"{server}/{ARTICLE}")
    assert page.evaluate("document.querySelector('.ar-article').compareDocumentPosition("
                         "document.querySelector('.ar-sidebar')) & Node.DOCUMENT_POSITION_FOLLOWING")
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    presses = 0
    on_a_mention = "document.activeElement.matches('.ar-article .ar-mention')"
    while presses < 10 and not page.evaluate(on_a_mention):
        page.keyboard.press("Tab")
        presses += 1
    assert page.evaluate(on_a_mention), f"{presses} Tab presses after the skip link did not reach a mention"
    expect(page.locator(CARD)).to_be_visible()


def test_every_mention_opens_its_card_by_keyboard(page, server):
    """Tab stops at each entity's first mention only; from there → visits every other mention of it, each with
    its card, and wraps round; ← goes back."""
    page.goto(f"{server}/{ARTICLE}")
    by_entity = page.evaluate("""() => {
        const all = {};
        for (const m of document.querySelectorAll('.ar-article .ar-mention')) (all[m.dataset.entity] ||= []).push(m.id);
        return all;
    }""")
    assert sum(map(len, by_entity.values())) > 150
    tab_stops = page.evaluate("[...document.querySelectorAll('.ar-article .ar-mention')].filter(m => m.tabIndex >= 0)"
                              ".map(m => m.id)")
    assert sorted(tab_stops) == sorted(ids[0] for ids in by_entity.values())
    visited = set()
    for entity, ids in by_entity.items():
        page.focus(f"#{ids[0]}")
        for number, expected in enumerate([*ids[1:], ids[0]], start=2):
            page.keyboard.press("ArrowRight")
            state = page.evaluate("[document.activeElement.id, document.querySelector('#ar-card').hidden, "
                                  "document.querySelector('#ar-card').dataset.entity, "
                                  "document.querySelector('.ar-card__position')?.textContent]")
            position = f"{(number - 1) % len(ids) + 1} of {len(ids)}"
            assert state == [expected, False, entity, position]
            visited.add(expected)
        page.keyboard.press("ArrowLeft")
        assert page.evaluate("document.activeElement.id") == ids[-1]
        page.keyboard.press("Escape")
    assert visited == {mention for ids in by_entity.values() for mention in ids}


def test_quiet_mentions_in_hand_written_pages_are_reached_by_keyboard_too(page, server):
    page.goto(f"{server}/registers/glossary.html")
    marks = page.locator('.md-content .ar-mention[data-entity="isis"]')
    count = marks.count()
    assert count > 1 and marks.first.evaluate("el => el.tagName") == "A"
    marks.first.focus()
    page.keyboard.press("ArrowRight")
    expect(marks.nth(1)).to_be_focused()
    expect(page.locator(".ar-card__position")).to_have_text(f"2 of {count}")
    expect(page.locator(".ar-card__name")).to_have_text("ISIS")


def test_following_a_name_highlights_every_mention_and_says_where_you_are(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.focus('.ar-in-this-article a[data-follow="abu-bakr-al-baghdadi"]')
    expect(page.locator(CARD)).to_be_visible()  # the panel's names preview too
    page.keyboard.press("Enter")
    expect(page.locator(".ar-article .ar-followed")).to_have_count(12)
    first = page.locator('.ar-article [data-entity="abu-bakr-al-baghdadi"]').first
    expect(first).to_be_focused()
    expect(first).to_be_in_viewport()
    assert page.url.endswith(ARTICLE)  # the entity page is one more click away, on the card
    expect(page.locator(".ar-card__link")).to_have_attribute("href", re.compile(r"people/abu-bakr-al-baghdadi\.html$"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#ar-status")).to_have_text("Abu Bakr al-Baghdadi: 3 of 12")
    expect(page.locator("#ar-status")).to_have_attribute("aria-live", "polite")
    expect(page.locator(".ar-card__position")).to_have_text("3 of 12")
    page.keyboard.press("Escape")
    expect(page.locator(".ar-followed")).to_have_count(0)


def test_stepping_through_a_name_on_a_375px_touch_screen(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    page.locator('.ar-in-this-article a[data-follow="arraba-idris"]').tap()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(page.locator(".ar-card__position")).to_have_text("1 of 6")
    for number in range(2, 7):
        page.locator(".ar-card__next").tap()
        expect(page.locator(".ar-card__position")).to_have_text(f"{number} of 6")
        current = page.locator(".ar-article .ar-mention--open")
        expect(current).to_be_in_viewport()
        expect(current).to_have_attribute("data-entity", "arraba-idris")
    page.locator(".ar-card__prev").tap()
    expect(page.locator("#ar-status")).to_have_text("Arraba Idris: 5 of 6")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "follow-375")
    context.close()


def test_marks_of_a_type_can_be_hidden_for_a_clean_reading_view_and_shown_again(page, server):
    page.clock.install(time=0)
    page.goto(f"{server}/{ARTICLE}")
    page.clock.pause_at(1000)
    no_transitions = "*, *::before, *::after { transition: none !important; }"  # the end colour, not a frame towards it
    page.add_style_tag(content=no_transitions)
    person = page.locator('#p3 a[data-entity="abu-bakr-al-baghdadi"]')
    quiet = page.locator('#p4 span[data-entity="abu-bakr-al-baghdadi"]')
    text_colour = page.locator("#p3").evaluate("el => getComputedStyle(el).color")
    page.locator('label[for="ar-show-person"]').click()
    assert person.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert person.evaluate("el => getComputedStyle(el).color") == text_colour
    assert person.evaluate("el => el.tabIndex") == -1
    quiet.hover()
    page.clock.run_for(1000)
    expect(page.locator(CARD)).to_have_count(0)
    organisation = page.locator('.ar-article .ar-organization').first
    assert organisation.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    page.reload()  # the choice is remembered
    page.add_style_tag(content=no_transitions)
    assert person.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    page.locator("#ar-show-person").focus()
    page.keyboard.press("Space")
    assert person.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    assert person.evaluate("el => el.tabIndex") == 0
    quiet.hover()
    page.clock.run_for(OPENED)
    expect(page.locator(".ar-card__name")).to_have_text("Abu Bakr al-Baghdadi")


def test_the_legend_says_what_each_underline_means(page, server):
    page.goto(f"{server}/{ARTICLE}")
    legend = page.locator(".ar-marks")
    expect(legend.locator("legend")).to_have_text("Marks in the text")
    styles = {label.locator(".ar-sample").text_content(): label.locator(".ar-sample").evaluate(
        "el => getComputedStyle(el).textDecorationStyle") for label in legend.locator("label").all()}
    assert styles == {"People": "solid", "Organisations": "double", "Places": "dashed", "Events": "wavy",
                      "Glossary terms": "dotted"}
    for entity_type, style in (("person", "solid"), ("place", "dashed")):
        assert page.locator(f".ar-article .ar-{entity_type}").first.evaluate(
            "el => getComputedStyle(el).textDecorationStyle") == style


ARTICLE_TITLE = "ISIS expansionism will burn Qalamoun"


@pytest.mark.parametrize(("path", "link", "name"), [
    ("registers/glossary.html", 'article a[data-entity="emir"]', "Emir"),
    ("organizations/isis.html", "#appears-with ~ ul a[data-entity]", None),
    ("organizations/isis.html", "a.ar-backlink", ARTICLE_TITLE),
    ("browse/index.html", "article a[data-article]", ARTICLE_TITLE),
    (ARTICLE, '.ar-in-this-article a[data-follow="isis"]', "ISIS"),
    ("explore/network.html", "table a[data-entity]", None),
    ("explore/map.html", "table a[data-entity]", None),
    ("organizations/isis.html", ".ar-neighbourhood svg a[data-entity]", "*"),
])
def test_every_link_to_an_entity_or_article_shows_the_same_card(page, server, path, link, name):
    page.goto(f"{server}/{path}")
    target = page.locator(link).first
    target.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".ar-card__name")).to_have_text(re.compile(r"\S") if name == "*" else name or target.text_content())
    expect(card.locator(".ar-card__summary")).to_have_text(re.compile(r"\S"))
    if name == ARTICLE_TITLE:
        expect(card.locator(".ar-card__type")).to_have_text("Article")
        expect(card.locator(".ar-card__date")).to_contain_text("Date unknown")


def test_narrow_screen_has_no_horizontal_scroll_and_shows_the_panel(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    for path in (ARTICLE, "organizations/isis.html", "registers/glossary.html", "index.html", "maintainers/coverage.html",
                 "registers/events.html", "data/index.html"):
        page.goto(f"{server}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto(f"{server}/{ARTICLE}")
    panel = page.locator(".ar-sidebar .ar-in-this-article")
    panel.scroll_into_view_if_needed()
    expect(panel).to_be_visible()
    page.hover('#p1 a[data-entity="arsal"]')
    expect(page.locator(CARD)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_at_both_widths_in_both_palettes(browser, server, width, scheme):
    """For people to look at (test-artifacts/): the article with an open card and a followed name."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    screenshot(page, f"article-{width}-{scheme}")
    page.focus('#p3 a[data-entity="abu-bakr-al-baghdadi"]')
    page.keyboard.press("ArrowRight")
    expect(page.locator(".ar-card__position")).to_have_text("2 of 12")
    screenshot(page, f"follow-{width}-{scheme}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


PAGE_KINDS = {
    "home": "index.html",
    "article": ARTICLE,
    "person": "people/abu-bakr-al-baghdadi.html",
    "organisation": "organizations/isis.html",
    "place": "places/damascus.html",
    "event": "events/battle-of-yabrud.html",
    "term": "glossary/emir.html",
    **{f"register {name}": f"registers/{name}.html" for name in ("people", "organisations", "places", "events", "glossary")},
    "listing": "browse/index.html",
    "listing index": "browse/authors.html",
    "network": "explore/network.html",
    "map": "explore/map.html",
    "timeline": "explore/timeline.html",
    "coverage report": "maintainers/coverage.html",
    "open data": "data/index.html",
}


def serious_violations(page: Page) -> list[tuple[str, str, list[str]]]:
    results = Axe().run(page)
    return [(v["id"], v["impact"], [node["target"][0] for node in v["nodes"]][:3]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violations_in_either_palette(page, server, kind):
    page.goto(f"{server}/{PAGE_KINDS[kind]}")
    assert serious_violations(page) == [], "light"
    # The dark palette's own colours, not a frame of the theme's colour transition towards them.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert serious_violations(page) == [], "dark"


def test_the_open_search_and_its_results_have_no_serious_accessibility_violation_in_either_palette(page, server):
    """Results found by a name, by an alias (with its "Also named" line) and in article text, words marked."""
    page.goto(f"{server}/{ARTICLE}")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for query in ("Daesh", "Nusra"):
        search_for(page, query)  # "/" selects what was typed before, so the query replaces it
        for palette in ("default", "slate"):
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{palette}')")
            assert serious_violations(page) == [], (query, palette)
        page.keyboard.press("Escape")


def test_print_shows_text_header_source_and_paragraph_numbers_without_cards_or_navigation(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#standfirst [data-entity="isis"]')
    expect(page.locator(CARD)).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".ar-sidebar", CARD, ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator(".ar-meta").first).to_contain_text("NOW (Lebanon)")
    expect(page.locator("#p20")).to_be_visible()
    number = page.locator("#p20 .ar-pnum")
    expect(number).to_be_visible()
    assert number.evaluate("el => getComputedStyle(el, '::before').content + el.textContent + "
                           "getComputedStyle(el, '::after').content") == '"["20"]"'
    page.pdf(path=str(ARTIFACTS / "article-print.pdf"))


def test_works_offline_from_file_urls(page, site):
    page.goto((site.site / ARTICLE).as_uri())
    page.hover('#standfirst [data-entity="isis"]')
    expect(page.locator(".ar-card__name")).to_have_text("ISIS")
    page.locator(".ar-card__link").click()
    page.wait_for_url(re.compile(r"organizations/isis\.html$"))
    search_for(page, "جبهة النصرة")
    link = page.locator("a.md-search-result__link").first
    expect(link).to_have_attribute("href", re.compile(r"^file://.*/organizations/nusra-front\.html"))
    page.keyboard.press("Escape")
    searches_names_and_titles_only(page, "opened from a file")


def searches_names_and_titles_only(page: Page, why: str) -> None:
    """The search from disk, or without the full-text index: an alias, an article's title, and a word only in an
    article's text, which it says it cannot find, and ``why``."""
    search_for(page, "Daesh")
    link = page.locator("a.md-search-result__link").first
    expect(link).to_have_attribute("href", re.compile(r"/organizations/isis\.html\?h=daesh$"))
    page.keyboard.press("Escape")
    search_for(page, "Qalamoun", kind="article")
    expect(link).to_have_attribute("href", re.compile(r"articles/isis-expansionism-will-burn-qalamoun\.html"))
    page.keyboard.press("Escape")
    search_for(page, "spotlight")  # in the article's text only
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(rf"^No matching names or titles \({why}, .*not the text\)$"))


def test_a_site_built_without_its_full_text_index_searches_names_and_titles_over_http(page, tmp_path_factory):
    """``extra.reader.full_text_search: false`` (a quicker build, for previews) writes no Pagefind index; over HTTP
    the search box then works as it does from disk, and never asks for the index."""
    project = sample_project(tmp_path_factory.mktemp("names-only"))
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["reader"]["full_text_search"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = build_here(project)
    assert built.returncode == 0, built.output
    assert "search: no full-text index (extra.reader.full_text_search is false); names" in built.output
    assert not (built.site / search.INDEX_FOLDER).exists() and (built.site / search_names.TITLES_SCRIPT).is_file()
    assert not (built.site / search_names.LETTERS_FOLDER).exists()
    asked_for_index = []
    page.on("request", lambda request: asked_for_index.append(request.url) if "/pagefind/" in request.url else None)
    with serving(built.site) as address:
        page.goto(f"{address}/{ARTICLE}")
        searches_names_and_titles_only(page, "this site has no full-text index")
        link = page.locator("a.md-search-result__link").first
        page.select_option('.ar-search select[name="kind"]', "")  # everything again, after the articles
        page.fill(".md-search__input", "Daesh")
        expect(link).to_have_attribute("href", re.compile(r"/organizations/isis\.html"))
        page.fill(".md-search__input", "?")  # punctuation alone names nothing
        expect(page.locator("a.md-search-result__link")).to_have_count(0)
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^No matching names or titles"))
    assert asked_for_index == []


def test_without_javascript_a_mention_is_a_plain_link_with_its_summary(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    link = page.locator('#p1 a[data-entity="arsal"]')
    expect(link).to_have_attribute("title", re.compile(r"^Arsal \(Place\): "))
    link.click()
    page.wait_for_url(re.compile(r"places/arsal\.html$"))
    context.close()


# Drawings: the network, the map, neighbourhoods and locators as drawn (their engine tests are in test_drawings.py).

DRAWING_PAGES = ("explore/network.html", "explore/map.html", "places/qalamoun.html", "organizations/isis.html")
LABELS_AS_DRAWN = """() => Array.from(document.querySelectorAll("figure.ar-figure-svg svg")).map((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("text")).map((text) => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, size: parseFloat(getComputedStyle(text).fontSize) * scale,
            box: [box.left, box.top, box.right, box.bottom]};
  });
})"""


def dark(page: Page) -> None:
    """The dark palette's own colours, not a frame of the theme's transition towards them."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


@pytest.mark.parametrize("width", [1280, 375])
def test_labels_as_drawn_are_at_least_12_px_and_never_overlap(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    for path in DRAWING_PAGES:
        page.goto(f"{server}/{path}")
        drawings = page.evaluate(LABELS_AS_DRAWN)
        assert drawings, path
        for labels in drawings:
            assert labels, path
            for number, label in enumerate(labels):
                assert label["size"] >= 11.99, (path, label)
                for other in labels[number + 1:]:
                    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = label["box"], other["box"]
                    overlap = (min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0))
                    assert min(overlap) <= 1, (path, label["text"], other["text"])
        for scheme in ("light", "dark"):
            if scheme == "dark":
                dark(page)
            for number, figure in enumerate(page.locator("figure.ar-figure-svg").all()):
                figure.scroll_into_view_if_needed()
                figure.screenshot(path=str(ARTIFACTS / f"drawing-{path.replace('/', '-')[:-5]}-{number}-{width}-{scheme}.png"))
    context.close()


def test_zoom_buttons_and_ctrl_wheel_zoom_the_network_and_dragging_pans_it(page, server):
    page.goto(f"{server}/explore/network.html")
    figure = page.locator("figure.ar-zoomable")
    drawing = figure.locator("svg")
    frame = figure.locator(".ar-drawing")
    natural = drawing.bounding_box()["width"]
    page.get_by_role("button", name="Zoom in").click()
    expect(figure).to_have_attribute("data-scale", "1.40")
    assert drawing.bounding_box()["width"] == pytest.approx(natural * 1.4, rel=0.01)
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = frame.evaluate("f => [f.scrollLeft, f.scrollTop]")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 80, box["y"] + box["height"] / 2 - 60, steps=5)
    page.mouse.up()
    page.wait_for_function("([f, x, y]) => f.scrollLeft > x && f.scrollTop > y", arg=[frame.element_handle(), *before])
    assert page.url.endswith("explore/network.html"), "a drag is not a click on a node"
    page.get_by_role("button", name="Reset zoom").click()
    expect(figure).to_have_attribute("data-scale", "1.00")
    assert drawing.bounding_box()["width"] == pytest.approx(natural, rel=0.01)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)  # a mouse wheel's notch: one step
    expect(figure).to_have_attribute("data-scale", "1.40")
    for _ in range(5):  # a trackpad pinch: many small turns, each zooming a little
        page.mouse.wheel(0, -4)
    page.keyboard.up("Control")
    expect(figure).to_have_attribute("data-scale", f"{1.4 * 1.4 ** (5 * 4 / 100):.2f}")
    page.get_by_role("button", name="Reset zoom").click()
    expect(figure).to_have_attribute("data-scale", "1.00")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    scrolled = page.evaluate("() => window.scrollY")
    page.mouse.wheel(0, 200)
    page.wait_for_function("before => window.scrollY > before", arg=scrolled)
    expect(figure).to_have_attribute("data-scale", "1.00")
    assert drawing.bounding_box()["width"] == pytest.approx(natural, rel=0.01), "a plain wheel scrolls the page"


def test_pointing_at_or_focusing_a_node_lights_its_neighbours_and_fades_the_rest(page, server):
    page.goto(f"{server}/explore/network.html")
    drawing = page.locator("figure.ar-zoomable svg")
    ends = drawing.locator(".ar-edge").evaluate_all("lines => lines.map(line => line.dataset.ends.split(' '))")
    nodes = drawing.locator(".ar-node-link").evaluate_all("links => links.map(link => link.dataset.node)")
    node = max(nodes, key=lambda n: sum(n in pair for pair in ends))
    neighbours = {end for pair in ends if node in pair for end in pair} - {node}
    stranger = next(n for n in nodes if n not in neighbours and n != node)
    opacity = "el => getComputedStyle(el).opacity"
    for act in ("hover", "focus"):
        target = drawing.locator(f'.ar-node-link[data-node="{node}"]')
        target.locator(".ar-node").hover() if act == "hover" else target.focus()
        expect(drawing).to_have_class(re.compile(r"\bar-dimmed\b"))
        lit = set(drawing.locator(".ar-node-link.ar-lit").evaluate_all("links => links.map(link => link.dataset.node)"))
        assert lit == neighbours | {node}, act
        assert drawing.locator(f'.ar-node-link[data-node="{stranger}"]').evaluate(opacity) == "0.15"
        assert drawing.locator(f'.ar-node-link[data-node="{node}"]').evaluate(opacity) == "1"
        if act == "hover":
            page.mouse.move(2, 2)
        else:
            page.keyboard.press("Shift+Tab")
            page.locator("body").click(position={"x": 2, "y": 2})
        expect(drawing).not_to_have_class(re.compile(r"\bar-dimmed\b"))


def test_without_javascript_drawings_are_static_svg_at_their_own_size(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/explore/network.html")
    assert page.locator(".ar-zoom").count() == 0
    drawing = page.locator("figure svg.ar-svg")
    assert drawing.bounding_box()["width"] == pytest.approx(float(drawing.get_attribute("width")))
    href = drawing.locator("a.ar-node-link").first.get_attribute("href")
    drawing.locator("a.ar-node-link").first.locator(".ar-node").click()  # the marker: a placed label may stand apart
    page.wait_for_url(re.compile(re.escape(href.removeprefix("..")) + "$"))
    context.close()


@pytest.mark.parametrize("path", ["explore/network.html", "explore/map.html", "places/qalamoun.html"])
def test_drawing_pages_have_no_serious_accessibility_violation_in_the_dark_palette(page, server, path):
    """The light palette is scanned by test_no_serious_accessibility_violations."""
    page.goto(f"{server}/{path}")
    dark(page)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def rgb(css: str) -> tuple[float, float, float]:
    return tuple(float(part) / 255 for part in re.findall(r"[\d.]+", css)[:3])


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(colour: tuple[float, ...]) -> float:
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, deep = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (deep + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_markers_stand_out_at_least_3_to_1_from_page_and_land_in_either_palette(page, server, scheme):
    page.goto(f"{server}/explore/map.html")
    if scheme == "dark":
        dark(page)
    land = rgb(page.locator(".ar-country").first.evaluate("el => getComputedStyle(el).fill"))
    ground = rgb(page.locator("body").evaluate("el => getComputedStyle(el).backgroundColor"))
    for kind in ("person", "organization", "place", "event", "term"):
        fill = page.evaluate(f"""() => {{
            const svg = document.querySelector("svg.ar-svg");
            const probe = document.createElementNS("http://www.w3.org/2000/svg", "circle");
            probe.setAttribute("class", "ar-node ar-{kind}");
            svg.appendChild(probe);
            const fill = getComputedStyle(probe).fill;
            probe.remove();
            return fill;
        }}""")
        assert contrast(rgb(fill), land) >= 3 and contrast(rgb(fill), ground) >= 3, (kind, fill)
    here = page.locator("svg .ar-node.ar-place").first.evaluate("el => getComputedStyle(el).fill")
    assert contrast(rgb(here), land) >= 3


def test_search_closes_when_focus_leaves_it(page, server):
    """Tab past the search's last control, or any focus outside it, closes it, as a click outside does."""
    page.goto(f"{server}/{ARTICLE}")
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked")
    page.locator("#p1 a.ar-pnum").focus()
    assert not page.evaluate("document.getElementById('__search').checked")


def test_escape_from_a_result_closes_the_search_and_enter_then_opens_nothing(page, server):
    page.goto(f"{server}/{ARTICLE}")
    search_for(page, "Nusra")
    page.keyboard.press("ArrowDown")
    expect(page.locator("a.md-search-result__link").first).to_be_focused()
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate("document.querySelector('[data-ar-search]').contains(document.activeElement)")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == f"{server}/{ARTICLE}"


def test_escape_gives_the_focus_back_to_the_name_the_reader_searched_from(page, server):
    page.goto(f"{server}/{ARTICLE}")
    name = page.locator('#standfirst a[data-entity="isis"]')
    name.focus()
    search_for(page, "Nusra")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    expect(name).to_be_focused()


def test_search_on_a_phone_holds_the_page_still_and_gives_it_back_where_it_was(browser, server):
    """A tap on the header's search icon opens the box ready to type, as Material's does. The open search's backdrop
    grows past a phone's screen; the page behind is held, so it cannot be panned."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    page.evaluate("scrollTo(0, 900)")
    page.wait_for_function("scrollY === 900")  # a smooth scroll takes a moment
    page.locator("label.md-header__button[for=__search]").first.tap()
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("Nusra")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Nusra", timeout=10_000)
    assert page.evaluate("[document.documentElement.scrollWidth, document.body.dataset.mdScrolllock]") == [375, ""]
    page.keyboard.press("Escape")
    page.wait_for_function("scrollY === 900")
    page.wait_for_function("document.documentElement.scrollWidth === 375")  # once the backdrop has shrunk back
    assert page.evaluate("document.body.dataset.mdScrolllock") is None
    context.close()


def test_search_opened_on_a_phone_as_the_page_loads_holds_the_page_still(browser, server):
    """Material, starting up, let go of a page whose search was opened in its first tenth of a second: the page
    widened behind the backdrop, zoomed out, and the results were cut off."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{server}/index.html")
        page.keyboard.press("/")
        page.keyboard.type("Qalamoun", delay=60)
        expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Qalamoun", timeout=10_000)
        assert page.evaluate("[document.documentElement.scrollWidth, document.body.dataset.mdScrolllock]") == [375, ""]
    context.close()


def test_cards_in_a_file_of_their_own_open_from_disk(page, tmp_path_factory):
    """Card data larger than ``extra.reader.inline_cards_kb`` is loaded after the page, as a script; here every
    page's (the limit at 0), opened from ``file://``, where a page can load a script but not fetch a file."""
    project = sample_project(tmp_path_factory.mktemp("cards"))
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["reader"]["inline_cards_kb"] = 0
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = build_here(project)
    assert built.returncode == 0, built.output
    article = built.site / ARTICLE
    inline = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser").select_one("#ar-cards")
    assert inline.get_text() == "{}" and (article.parent / inline["data-src"]).is_file()
    page.goto(article.as_uri())
    page.hover('#standfirst [data-entity="isis"]')
    expect(page.locator(CARD).locator(".ar-card__name")).to_have_text("ISIS")


class _Held:
    """Requests for a pattern held back while ``holding``, as a slow line would hold them; the rest go through."""

    def __init__(self, page: Page, pattern: str) -> None:
        self.routes: list[Route] = []
        self.holding = True
        self.pattern = pattern
        page.route(pattern, lambda route: self.routes.append(route) if self.holding else route.continue_())

    def release(self, page: Page) -> list[Route]:
        """Stops holding once a request has been held (within 10 s) and gives back those held."""
        for _ in range(200):
            if self.routes:
                break
            page.wait_for_timeout(50)
        if not self.routes:  # say what the page did instead, for whoever meets this
            seen = page.evaluate("""() => ({focused: document.activeElement?.outerHTML.slice(0, 80),
              open: document.getElementById("__search")?.checked,
              fetched: performance.getEntriesByType("resource").map((entry) => entry.name).slice(-12)})""")
            pytest.fail(f"no request for {self.pattern} was held within 10 s: {seen}")
        self.holding = False
        return self.routes


def test_entities_the_query_names_show_at_once_then_the_full_text_results_without_them_twice(page, server):
    """The names answer before Pagefind has scored a page (here it cannot: its index chunks are held back), with the
    entity's type; once Pagefind answers, its results follow and the entity is not listed again. The reader paused
    after "Qala", so the search for it, held too, is still running when "Qalamoun" is typed: "Qalamoun" is searched
    again once it ends, and that must leave the names shown, and the reader's place among them, as they are."""
    page.goto(f"{server}/index.html")
    chunks = _Held(page, "**/pagefind/index/**")
    page.keyboard.press("/")
    page.keyboard.type("Qala")
    expect(page.locator(".md-search-result__meta")).to_have_text("1 name found; searching the full text…")
    expect(page.locator(".md-search-result__list")).to_have_attribute("aria-busy", "true")  # "Qala" is searched
    links = page.locator("a.md-search-result__link")
    shown_for_qala = links.first.element_handle()
    page.keyboard.type("moun")
    # "Qalamoun"'s names, the same page, bring the one shown up to date in place: the list does not shrink and grow
    page.wait_for_function("link => link.isConnected && link.href.endsWith('?h=qalamoun')", arg=shown_for_qala)
    page.wait_for_timeout(FULL_TEXT_PAUSE + 200)  # and its full-text search, after the pause, waits for "Qala"'s
    expect(links.first).to_have_attribute("href", re.compile(r"/places/qalamoun\.html\?h=qalamoun$"))
    expect(links.first.locator(".ar-search-kind")).to_have_text("Place")
    expect(page.locator(".md-search-result__meta")).to_have_text("1 name found; searching the full text…")
    page.keyboard.press("ArrowDown")
    expect(links.first).to_be_focused()
    for route in chunks.release(page):
        route.continue_()
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Qalamoun", timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents"))
    expect(links.first).to_be_focused()  # the reader's place in the list is kept when the full results come
    paths = [href.split("?")[0] for href in links.evaluate_all("links => links.map((link) => link.pathname)")]
    assert paths.count("/places/qalamoun.html") == 1, paths
    assert paths[0] == "/places/qalamoun.html" and any(path.startswith("/articles/") for path in paths), paths


def test_a_query_fetches_the_names_of_the_letter_with_the_fewest(page, server):
    """"al-Nusra": the names of "a" while only "al" is typed; then those of "n", fewer, which hold every name with a
    word beginning "al" and one beginning "n". The entity shows from them before Pagefind answers (held back here)."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[1])
            if "/search/names/" in request.url else None)
    page.goto(f"{server}/index.html")
    _Held(page, "**/pagefind/index/**")
    page.keyboard.press("/")
    page.keyboard.type("al-")
    page.wait_for_function("() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/61.json'))")
    page.keyboard.type("Nusra")
    expect(page.locator("a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"organizations/nusra-front\.html"))
    listed = dict(pair.split(":") for pair in page.locator("[data-ar-search]").get_attribute("data-name-letters").split())
    assert int(listed["6e"]) < int(listed["61"])
    assert fetched == ["61.json", "6e.json"]
    assert "78" not in listed  # no name has a word beginning with x: nothing to fetch, no name shown
    page.fill(".md-search__input", "")
    page.keyboard.type("xq")
    expect(page.locator(".md-search-result__meta")).to_have_text("Searching…")
    assert fetched == ["61.json", "6e.json"]


def test_the_search_box_folds_a_query_as_the_build_files_names_by_letter(page):
    """search.js asks for the names of a letter that begins a word of the query as it folds it; the build files a
    name under the first letters of its words as :func:`folded_words` folds them, by :func:`letter_code`. The two
    must agree on every name of the sample catalog and on the hard cases (accents, apostrophes, Arabic vowel marks,
    letters that fold to others, letters outside the BMP)."""
    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    functions = [re.search(rf"\n  function {name}\(.*?\n  }}\n", script, re.S)
                 for name in ("normalise", "wordsOf", "letterCode")]
    assert all(functions), "search.js no longer has the functions normalise(text), wordsOf(query), letterCode(word)"
    names = [name for entity in sample_catalog() for name in (entity.name, *(alias.text for alias in entity.aliases),
                                                                   *(form.text for form in entity.forms), entity.arabic) if name]
    names += ["Ḥayʼat Taḥrīr al-Shām", "jabhat al-nuṣrah’s", "جَبْهَة النُّصْرَة", "ISIS_2 / Da'esh…", "𝐐alamoun", "ǅemal İnan",
              "𐐀rak 𠀋 stan"]
    defined = "".join(function.group(0) for function in functions)
    folded = page.evaluate(f"(texts) => {{ {defined} return texts.map((text) => wordsOf(text).map((word) => "
                           "[word, letterCode(word)])); }", names)
    assert dict(zip(names, folded, strict=True)) == {
        name: [[word, search_names.letter_code(word[0])] for word in search_names.folded_words(name)] for name in names}
    assert ["𐐨rak", "10428"] in folded[-1]  # the Deseret capital, lower-cased, outside the BMP


def test_enter_before_any_result_opens_the_first_once_it_comes(page, server):
    page.route("**/search/names/*.json", lambda route: route.fulfill(status=404))  # no names: nothing shown at once
    page.goto(f"{server}/index.html")
    page.keyboard.press("/")
    page.keyboard.type("Nusra")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/organizations/nusra-front\.html\?h=nusra$"))


def test_the_same_words_typed_again_are_not_searched_again(page, server):
    """A space after the last word leaves the query as it was: the results stay as they are."""
    page.goto(f"{server}/index.html")
    search_for(page, "Nusra")
    first = page.locator("a.md-search-result__link").first.element_handle()
    page.keyboard.type(" ")
    page.wait_for_timeout(FULL_TEXT_PAUSE + 200)
    assert first.evaluate("link => link.isConnected")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Nusra")


def test_without_the_names_file_the_full_text_results_come_all_the_same(page, server):
    page.route("**/search/names/*.json", lambda route: route.fulfill(status=404))
    page.goto(f"{server}/index.html")
    search_for(page, "Nusra")
    expect(page.locator("a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"organizations/nusra-front\.html"))
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents"))


def test_a_failed_fetch_of_a_superseded_search_leaves_the_newer_results_alone(page, server):
    page.goto(f"{server}/index.html")
    fragments = _Held(page, "**/pagefind/fragment/**")
    page.keyboard.press("/")
    page.keyboard.type("Nusra")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("matching"))
    superseded = fragments.release(page)
    page.select_option('.ar-search select[name="kind"]', "article")
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Nusra", timeout=10_000)
    for route in superseded:
        route.abort()
    page.wait_for_timeout(300)
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")


def test_a_query_typed_over_while_the_engine_loads_is_dropped_for_the_newest(page, server):
    page.goto(f"{server}/index.html")
    engine = _Held(page, "**/pagefind/pagefind.js")
    page.keyboard.press("/")
    page.keyboard.type("Nus")
    page.wait_for_timeout(300)
    page.keyboard.type("ra")
    page.select_option('.ar-search select[name="kind"]', "article")
    for route in engine.release(page):
        route.continue_()
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", "Nusra", timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    expect(page.locator(".md-search-result__item")).to_have_count(1)
