"""The reading experience in a real Chromium (Debian's /usr/bin/chromium, driven by Playwright).

These tests never skip: without the browser they fail and say how to install it.
Screenshots for people to look at are written to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, Build
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ARTICLE = "articles/isis-expansionism-will-burn-qalamoun.html"
ARTIFACTS = ROOT / "test-artifacts"
CARD = "#ar-card"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news in a test log."""


@pytest.fixture(scope="session")
def server(site: Build) -> Iterator[str]:
    """The built site over HTTP on localhost, as a reader's browser would get it."""
    handler = functools.partial(QuietHandler, directory=str(site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#p3 a[data-entity="abu-bakr-al-baghdadi"]')
    card = page.locator(CARD)
    expect(card).to_be_visible()
    box = card.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(800)
    expect(card).to_be_visible()
    page.mouse.move(5, 5)
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


def test_search_fetches_a_few_small_files_not_the_whole_index(page, server):
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"])
            if "/pagefind/" in request.url else None)
    page.goto(f"{server}/index.html")
    search_for(page, "Qalamoun")
    expect(page.locator("a.md-search-result__link").first).to_be_visible()
    assert 0 < sum(fetched) < 300_000


def test_in_this_article_panel_lists_the_entities_by_type(page, server):
    page.goto(f"{server}/{ARTICLE}")
    panel = page.locator(".ar-sidebar .ar-in-this-article")
    expect(panel).to_be_visible()
    groups = panel.locator(".ar-panel-group").all_text_contents()
    assert groups == ["People", "Organisations", "Places", "Events", "Glossary terms"]
    organisations = panel.locator("ul").nth(1).locator("a").all_text_contents()
    assert {"ISIS", "Nusra Front", "Jaysh al-Islam", "Free Syrian Army"} <= set(organisations)
    first = panel.locator("li").first
    expect(first).to_contain_text("Abu Bakr al-Baghdadi")
    expect(first.locator(".ar-count")).to_contain_text("12")


def test_narrow_screen_has_no_horizontal_scroll_and_shows_the_panel(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    for path in (ARTICLE, "organizations/isis.html", "registers/glossary.html", "index.html"):
        page.goto(f"{server}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto(f"{server}/{ARTICLE}")
    screenshot(page, "article-375")
    panel = page.locator(".ar-sidebar .ar-in-this-article")
    panel.scroll_into_view_if_needed()
    expect(panel).to_be_visible()
    page.hover('#p1 a[data-entity="arsal"]')
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_desktop_screenshot(page, server):
    page.goto(f"{server}/{ARTICLE}")
    screenshot(page, "article-desktop")


@pytest.mark.parametrize("path", ["index.html", ARTICLE, "organizations/isis.html", "registers/glossary.html",
                                  "explore/network.html", "explore/map.html", "places/damascus.html"])
def test_no_serious_accessibility_violations(page, server, path):
    page.goto(f"{server}/{path}")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_dark_palette_keeps_mentions_readable(page, server):
    page.goto(f"{server}/{ARTICLE}")
    # The dark palette's own colours, not a frame of the theme's colour transition towards them.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    results = Axe().run(page, options={"runOnly": ["color-contrast"]})
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []


def test_print_shows_text_header_and_source_without_cards_or_navigation(page, server):
    page.goto(f"{server}/{ARTICLE}")
    page.hover('#standfirst [data-entity="isis"]')
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".ar-sidebar", CARD, ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator(".ar-meta")).to_contain_text("NOW (Lebanon)")
    expect(page.locator("#p20")).to_be_visible()


def test_works_offline_from_file_urls(page, site):
    page.goto((site.site / ARTICLE).as_uri())
    page.hover('#standfirst [data-entity="isis"]')
    expect(page.locator(".ar-card__name")).to_have_text("ISIS")
    page.locator(".ar-card__link").click()
    page.wait_for_url(re.compile(r"organizations/isis\.html$"))
    search_for(page, "Daesh")
    link = page.locator("a.md-search-result__link").first
    expect(link).to_have_attribute("href", re.compile(r"^file://.*/organizations/isis\.html\?h=daesh$"))
    page.keyboard.press("Escape")
    search_for(page, "جبهة النصرة")
    expect(link).to_have_attribute("href", re.compile(r"organizations/nusra-front\.html"))
    page.keyboard.press("Escape")
    search_for(page, "Qalamoun", kind="article")
    expect(link).to_have_attribute("href", re.compile(r"articles/isis-expansionism-will-burn-qalamoun\.html"))


def test_without_javascript_a_mention_is_a_plain_link_with_its_summary(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{ARTICLE}")
    link = page.locator('#p1 a[data-entity="arsal"]')
    expect(link).to_have_attribute("title", re.compile(r"^Arsal \(Place\): "))
    link.click()
    page.wait_for_url(re.compile(r"places/arsal\.html$"))
    context.close()
