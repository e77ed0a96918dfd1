"""The built site, parsed with a real HTML parser: every promise of the foundation, checked end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import ARTICLE, FIXTURE_SEEDS, SEED, Build, assert_page_shows_seed, build, index_pages, no_space

from annotated_reader.reading.seed_parser import decode_seed
from annotated_reader.reading.sidecar import read_sidecar

# Every entity the seed names, as (entity id, page folder). Yabrud is named only inside
# "the battle of Yabrud", which is the event's mention, so it is checked separately.
SEED_ENTITIES = [
    ("abu-bakr-al-baghdadi", "people"), ("abu-malek-al-talli", "people"), ("ahmad-jumaa", "people"),
    ("arraba-idris", "people"), ("bashar-al-assad", "people"),
    ("isis", "organizations"), ("nusra-front", "organizations"), ("free-syrian-army", "organizations"),
    ("hezbollah", "organizations"), ("syrian-army", "organizations"), ("lebanese-army", "organizations"),
    ("jaysh-al-islam", "organizations"), ("al-rahman-corps", "organizations"), ("ahrar-al-sham", "organizations"),
    ("jaysh-usud-al-sharqiyyah", "organizations"), ("ahmad-al-abdo-martyrs-brigades", "organizations"),
    ("liwa-maghaweer", "organizations"), ("yarmouk-martyrs-brigade", "organizations"),
    ("iraqi-army", "organizations"), ("gulf-states", "organizations"),
    ("qalamoun", "places"), ("arsal", "places"), ("ain-al-fijeh", "places"), ("barada-valley", "places"),
    ("bloudan", "places"), ("zabadani", "places"), ("assal-al-ward", "places"), ("al-marra", "places"),
    ("flita", "places"), ("homs", "places"), ("raqqa", "places"), ("deir-ezzor", "places"), ("bir-qasab", "places"),
    ("daraa", "places"), ("damascus", "places"), ("eastern-ghouta", "places"), ("mahassa", "places"),
    ("aleppo", "places"), ("baghdad", "places"), ("iraq", "places"), ("syria", "places"), ("lebanon", "places"),
    ("qatar", "places"),
    ("arsal-clashes", "events"), ("battle-of-yabrud", "events"),
    ("emir", "glossary"), ("bayah", "glossary"), ("caliph", "glossary"), ("management-of-savagery", "glossary"),
    ("takfir", "glossary"),
]


@pytest.fixture(scope="module")
def article(site: Build) -> BeautifulSoup:
    return site.page(ARTICLE)


def mentions_of(article: BeautifulSoup, entity_id: str) -> list:
    return article.select(f'article.ar-article [data-entity="{entity_id}"]')


def test_article_header_byline_and_standfirst(article):
    body = article.select_one("article.ar-article")
    assert body.h1.get_text().rstrip("¶") == "ISIS expansionism will burn Qalamoun"
    assert body.select_one(".ar-byline").get_text() == "By Ayman Sharrouf"
    assert body.select_one("#standfirst").get_text() == (
        "After sustaining heavy losses in Iraq, it seems that ISIS now wants to take Qalamoun.")


def test_article_header_shows_the_source_from_the_sidecar(article):
    source = article.select_one(".ar-meta a[href^='http']")
    assert source.get_text() == "NOW (Lebanon)"
    assert source["href"].endswith("564609-isis-expansionism-will-burn-qalamoun")


def test_caption_shown_once_with_credit(article):
    (figure,) = article.select("figure.ar-figure")
    assert figure.select_one(".ar-credit").get_text() == "(AFP/Sam Skaine)"
    assert "A Syrian regime tank burns in Qalamoun." in figure.figcaption.get_text()


def test_twenty_numbered_paragraphs_with_citable_anchors(article):
    paragraphs = article.select("p.ar-para")
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, 21)]
    assert [p.select_one("a.ar-pnum")["href"] for p in paragraphs] == [f"#p{n}" for n in range(1, 21)]


def test_pull_quote_is_an_aside(article):
    (aside,) = article.select("aside.ar-pull-quote")
    assert aside.select_one("#pull-quote-1").get_text().startswith("Baghdadi has sent three new Emirs to the Qalamoun")


def test_reader_comments_are_marked_and_apart(article):
    section = article.select_one("section.ar-comments")
    assert section.h2.get_text().rstrip("¶") == "Reader comments"
    (comment,) = section.select(".ar-comment")
    assert comment.select_one(".ar-comment-author").get_text() == "Beiruti"
    assert comment.time["datetime"] == "2015-01-02"
    assert comment.select_one("#comment-1-1").get_text().startswith("So Assad is facilitating")
    assert not article.select("p.ar-para .ar-comment, section.ar-comments p.ar-para")


def test_visible_text_is_the_seed_text(article):
    assert_page_shows_seed(article.select_one("article.ar-article"), SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", sorted(FIXTURE_SEEDS.glob("*.txt")), ids=lambda path: path.stem)
def test_every_fixture_becomes_a_page_that_shows_all_its_text(fixture_site, seed):
    text, _ = decode_seed(seed.read_bytes(), seed, read_sidecar(seed.with_suffix(".yml")).get("encoding"))
    pages = [page for page in (fixture_site.site / "articles").glob("*.html")
             if f'data-source="{seed.name}"' in page.read_text(encoding="utf-8")]
    assert len(pages) == 1
    assert_page_shows_seed(BeautifulSoup(pages[0].read_text(encoding="utf-8"), "lxml").select_one("article.ar-article"), text)


@pytest.mark.parametrize(("entity_id", "folder"), SEED_ENTITIES)
def test_every_entity_in_the_seed_is_marked_and_linked(article, entity_id, folder):
    marks = mentions_of(article, entity_id)
    assert marks, f"{entity_id} is not marked in the article"
    links = [mark for mark in marks if mark.name == "a"]
    assert len(links) == 1, "first-in-article: exactly one full link per entity"
    assert links[0]["href"] == f"../{folder}/{entity_id}.html"
    assert re.match(r"^.+ \((Person|Organisation|Place|Event|Glossary term)\): .+", links[0]["title"])
    assert not [mark for mark in marks if mark.name == "span" and mark.has_attr("title")]
    for mark in marks:
        assert mark["id"].endswith(tuple(f"-{entity_id}-{n}" for n in range(1, 50)))


def test_yabrud_is_named_only_through_the_battle(article):
    assert not mentions_of(article, "yabrud")
    assert [m.get_text() for m in mentions_of(article, "battle-of-yabrud")] == ["battle of Yabrud"] * 2


@pytest.mark.parametrize("words", ["pledges of allegiance", "pledge allegiance", "pledged allegiance"])
def test_pledges_of_allegiance_link_to_bayah(article, words):
    assert words in [m.get_text() for m in mentions_of(article, "bayah")]


def test_free_syrian_army_is_never_the_syrian_army(article):
    assert [m.get_text() for m in mentions_of(article, "free-syrian-army")][:1] == ["Free Syrian Army"]
    assert "Free Syrian Army" not in [m.get_text() for m in mentions_of(article, "syrian-army")]
    assert "Al-Nusra Front" in [m.get_text() for m in mentions_of(article, "nusra-front")]


def test_possessive_stays_outside_the_mention(article):
    p17 = article.select_one("#p17")
    first = p17.select_one(".ar-mention")
    assert first.get_text() == "Baghdadi" and first.next_sibling.startswith("’s orders")


def test_mentions_carry_roles_in_every_part(article):
    assert article.select("#standfirst .ar-mention")
    assert article.select("figure .ar-mention")
    assert article.select("#pull-quote-1 .ar-mention")
    assert article.select("#comment-1-1 .ar-mention")
    assert not article.select("h1 .ar-mention, .ar-byline .ar-mention, .ar-credit .ar-mention")


@pytest.mark.parametrize("entity", ["organizations/jaysh-al-islam", "glossary/emir", "glossary/bayah"])
def test_entity_backlinks_land_on_the_mention_they_quote(site, article, entity):
    page = site.page(f"{entity}.html")
    backlinks = page.select(".ar-backlinks a.ar-backlink")
    assert backlinks
    counted = json.loads((site.site / "data/entities.json").read_text(encoding="utf-8"))["entities"]
    mentions = next(row["mentions"] for row in counted if row["id"] == entity.split("/")[1])
    assert page.select_one("h2#mentions").get_text().startswith(f"Mentions ({mentions})")
    # An article's first mentions are quoted; a link leads to the next one in the article, which has the rest.
    for link in page.select(".ar-backlinks li.ar-more a"):
        assert article.find(id=link["href"].partition("#")[2])["data-entity"] == entity.split("/")[1]
    for backlink in backlinks:
        target, _, anchor = backlink["href"].partition("#")
        assert target == f"../{ARTICLE}"
        landing = article.find(id=anchor)
        assert landing is not None, anchor
        assert landing.get_text() == backlink.get_text()
        assert landing["data-entity"] == entity.split("/")[1]
        quoted = no_space(backlink.find_parent("q", class_="ar-context").get_text())
        block = landing.find_parent(id=True)
        assert quoted in no_space(block.get_text()), quoted


def test_backlinks_say_where_each_mention_stands(site):
    page = site.page("people/bashar-al-assad.html")
    places = [where.get_text() for where in page.select(".ar-where")]
    assert "comment 1, paragraph 1" in places and any(re.fullmatch(r"¶ \d+", place) for place in places)


def test_entity_page_facts_and_relations_both_ways(site):
    isis = site.page("organizations/isis.html")
    assert isis.select_one(".ar-entity-type").get_text() == "Organisation"
    arabic = isis.select_one('.ar-arabic [lang="ar"]')
    assert arabic["dir"] == "rtl" and arabic.get_text().strip()
    assert "Daesh" in isis.select_one(".ar-aliases").get_text()
    relations = isis.find(id="relations").find_next("ul").get_text()
    assert "Led by: Abu Bakr al-Baghdadi" in relations
    baghdadi = site.page("people/abu-bakr-al-baghdadi.html")
    assert "Leader of: ISIS" in baghdadi.find(id="relations").find_next("ul").get_text()
    assert isis.find(id="appears-with") and isis.find(id="sources")


def test_entity_prose_links_other_entities_but_never_itself(site):
    page = site.page("glossary/bayah.html")
    prose_links = page.select("article.md-content__inner > p a.ar-mention")
    assert {a["data-entity"] for a in prose_links} >= {"isis", "abu-bakr-al-baghdadi"}
    assert not page.select('[data-entity="bayah"]')


def test_registers_list_entries_with_mention_counts(site, article):
    glossary = site.page("registers/glossary.html")
    entry = next(li for li in glossary.select("li") if li.a and li.a.get_text() == "Emir")
    count = len(article.select('article.ar-article [data-entity="emir"]:not(#pull-quote-1 *, .ar-comment *)'))
    assert entry.select_one(".ar-count").get_text() == f"{count} mentions"
    assert "Qalamoun" in [a.get_text() for a in site.page("registers/places.html").select("li a")]


def test_home_lists_the_article_and_the_registers(site):
    home = site.page("index.html")
    link = home.find("a", string="ISIS expansionism will burn Qalamoun")
    assert link["href"] == ARTICLE
    assert "Ayman Sharrouf" in link.find_parent("h3").find_next("p").get_text()
    assert {a.get_text() for a in home.select("article li a")} >= {"People", "Organisations", "Places", "Glossary A–Z"}


def test_navigation_lists_sections_not_articles_or_entities(site, article):
    nav_links = [a["href"] for a in article.select("nav.md-nav--primary a[href]")]
    assert nav_links
    first_segments = {href.replace("../", "").split("/")[0] for href in nav_links}
    assert not first_segments & {"articles", "people", "organizations", "places", "events", "glossary"}


def index_words(text: str) -> set[str]:
    """Words as Pagefind splits them: at spaces and punctuation, lower-cased."""
    return {word for word in re.split(r"[^\w]+", text.lower()) if word}


@pytest.mark.parametrize(("query", "location"), [
    ("Daesh", "organizations/isis.html"),
    ("Jabhat al-Nusra", "organizations/nusra-front.html"),
    ("جبهة النصرة", "organizations/nusra-front.html"),
    ("bayah", "glossary/bayah.html"),
    ("Ersal", "places/arsal.html"),
    ("Yabroud", "places/yabrud.html"),
])
def test_search_finds_entity_pages_by_any_name(site, query, location):
    page = index_pages(site.site / "pagefind")[location]
    assert index_words(query) <= index_words(page["content"])


def test_search_index_knows_each_page_kind_year_and_entity_summary(site):
    pages = index_pages(site.site / "pagefind")
    article = pages[ARTICLE]
    assert article["filters"]["kind"] == ["article"]
    assert article["meta"]["title"] == "ISIS expansionism will burn Qalamoun"
    isis = pages["organizations/isis.html"]
    assert isis["filters"]["kind"] == ["organization"]
    assert isis["meta"]["type"] == "Organisation" and isis["meta"]["summary"].startswith("Salafi jihadist group")
    assert {page["filters"]["kind"][0] for page in pages.values()} <= {"article", "person", "organization", "place",
                                                                         "event", "term", "page"}


def test_search_index_holds_articles_paragraph_by_paragraph(site):
    anchors = index_pages(site.site / "pagefind")[ARTICLE]["anchors"]
    paragraphs = [anchor for anchor in anchors if re.fullmatch(r"p\d+", anchor["id"])]
    assert len(paragraphs) > 10
    assert [anchor["location"] for anchor in paragraphs] == sorted(anchor["location"] for anchor in paragraphs)


def test_search_index_leaves_out_listings_and_quoted_mentions(site):
    pages = index_pages(site.site / "pagefind")
    assert not [url for url in pages if url.startswith(("browse/", "registers/", "explore/", "maintainers/"))]
    isis = pages["organizations/isis.html"]
    quoted = BeautifulSoup((site.site / "organizations/isis.html").read_text(encoding="utf-8"), "lxml").select_one("q.ar-context")
    assert quoted.get_text() not in isis["content"]


def internal_links(site_dir: Path):
    for page in sorted(site_dir.rglob("*.html")):
        if page.name == "404.html":  # served at any depth, so its links are absolute by design
            continue
        url = page.relative_to(site_dir).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.select("a[href], link[href]"):
            href = element["href"]
            if urlparse(href).scheme or href.startswith("//"):
                continue
            yield url, href


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}
    broken = []
    for url, href in internal_links(site.site):
        resolved = urlparse(urljoin(f"https://site.test/{url}", href))
        target = site.site / unquote(resolved.path).lstrip("/")
        if target.is_dir() or resolved.path.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{url} -> {href}")
            continue
        if resolved.fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = {tag["id"] for tag in BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").select("[id]")}
            if unquote(resolved.fragment) not in ids[target]:
                broken.append(f"{url} -> {href} (no such anchor)")
    assert broken == []


def test_broken_entity_file_stops_the_strict_build_with_file_and_problem(project):
    emir = project / "docs/glossary/emir.md"
    emir.write_text(emir.read_text(encoding="utf-8").replace("type: term", "type: [term"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert re.search(r"docs/glossary/emir\.md:\d+: front matter is not valid YAML", result.output), result.output
    assert "Traceback" not in result.output


def test_alias_claimed_twice_stops_the_strict_build(project):
    hezbollah = project / "docs/organizations/hezbollah.md"
    hezbollah.write_text(hezbollah.read_text(encoding="utf-8").replace("aliases:\n", "aliases:\n  - Daesh\n", 1),
                         encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    claimed = r"docs/organizations/(hezbollah|isis)\.md:\d+: name or alias 'Daesh' is already claimed by '(isis|hezbollah)'"
    assert re.search(claimed, result.output), result.output


def test_unknown_sidecar_key_stops_the_strict_build(project):
    (project / "seeds/000_b7d30180e4dc4172.yml").write_text("title: A title\ncolour: blue\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "seeds/000_b7d30180e4dc4172.yml:2: unknown key 'colour'" in result.output


def test_hostile_seed_cannot_inject_markup(project):
    title = "</title><img src=x onerror=alert(0)> headline"
    hostile = (
        f"Mallory Evil\n\n{title}\n\n"
        "A \"standfirst\"><script>alert(5)</script> that is short.\n\n"
        "[click me](javascript:alert(1)) and ISIS {: onclick=\"alert(2)\" } in Homs, said the long first paragraph.\n\n"
        '--8<-- "mkdocs.yml" was written here by someone who wanted the site configuration shown.\n\n'
        "<img src=x onerror=alert(3)> **bold** <a href=\"javascript:alert(4)\">x</a> &lt;b&gt; and more words here.\n\n"
        "  • <b>Troll</b>\n\n    <iframe src=\"https://evil.test\"></iframe> Qalamoun!\n\n    January 3, 2015\n"
    )
    (project / "seeds/zzz_hostile.txt").write_text(hostile, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    pages = (result.site / "articles").rglob("*.html")
    (page,) = [p for p in pages if 'data-source="zzz_hostile.txt"' in p.read_text(encoding="utf-8")]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.title.get_text().startswith(title)
    assert not soup.select("img, iframe, [onclick], [onerror]")
    assert not [a for a in soup.select("a[href]") if "javascript" in a["href"]]
    assert not [s for s in soup.select("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"]
    body = soup.select_one("article.ar-article")
    tags = {tag.name for tag in body.find_all(True)}
    assert tags <= {"article", "h1", "a", "p", "span", "section", "h2", "div", "time", "nav", "ul", "li", "pre", "code"}, tags
    text = body.get_text()
    assert "[click me](javascript:alert(1))" in text and '--8<-- "mkdocs.yml"' in text and "<iframe" in text
    assert "<script>alert(5)</script>" in text
    assert "site_name" not in text
    assert body.select_one('[data-entity="isis"]') is not None


def test_arabic_script_inside_english_text_is_marked_right_to_left(fixture_site):
    pages = (fixture_site.site / "articles").glob("*.html")
    (page,) = [p for p in pages if 'data-source="crlf-bom-entities.txt"' in p.read_text(encoding="utf-8")]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    arabic = soup.select_one('#p1 span[lang="ar"]')
    assert (arabic.get_text(), arabic["dir"]) == ("السوق", "rtl")


def test_sidecar_alias_hints_switch_off_and_pin_names_for_one_article(project):
    sidecar = project / "seeds/000_b7d30180e4dc4172.yml"
    hints = 'alias_hints:\n  Assad: null\n  "field commanders": free-syrian-army\n'
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + hints, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page(ARTICLE)
    assert not page.select('[data-entity="bashar-al-assad"]')
    pinned = [m.get_text() for m in page.select('[data-entity="free-syrian-army"]')]
    assert "field commanders" in pinned
