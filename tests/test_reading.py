"""What a reader and a student read: counts that count the article's own mentions, clean labels, the Events
register by date, no entry linked to itself, a complete article header, citations and data with absolute
addresses and valid schema.org properties. Each test builds the small corpus it needs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from conftest import site_extensions

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, Mention, MentionIndex, find_mentions
from annotated_reader.pages.article_page import Neighbours, render_article
from annotated_reader.pages.citation import bibtex, bibtex_key, chicago
from annotated_reader.pages.entity_page import QUOTES_PER_ARTICLE, mentions_heading, render_mentions
from annotated_reader.pages.exports import entities_json, graph_jsonld, relation_property
from annotated_reader.pages.registers import render_register
from annotated_reader.reading.article import Article, Block, Comment, Kind, Role
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.reading.entity_types import ENTITY_TYPES
from annotated_reader.writing.annotate import AnnotateExtension, AnnotatorState
from annotated_reader.writing.wording import place_label, plural

SITE = "https://reader.example.net/edition/"


def entity(uri: str, entity_type: str, name: str, summary: str, extra: str = "") -> tuple[Path, str, str]:
    text = f"---\ntype: {entity_type}\nname: {name}\nsummary: {summary}\n{extra}---\n"
    return Path("docs") / uri, uri, text


CATALOG = build_catalog([
    entity("organizations/isis.md", "organization", "ISIS", "A group; ISIS also calls itself Daesh.", "aliases: [Daesh]\n"),
    entity("places/homs.md", "place", "Homs", "A city; Homs countryside is around it.",
           "relations:\n  located_in: [syria]\n"),
    entity("places/syria.md", "place", "Syria", "A country."),
    entity("people/abu-malek.md", "person", "Abu Malek", "A commander of the Nusra Front.",
           "relations:\n  member_of: [nusra-front]\n  rival_of: [isis]\n"),
    entity("organizations/nusra-front.md", "organization", "Nusra Front", "Also Jabhat Fatah al-Sham.",
           "aliases: [Jabhat Fatah al-Sham]\n"),
    entity("events/battle-late.md", "event", "Battle of Zabadani", "Fought in 2015.", "date: \"2015-07\"\n"),
    entity("events/battle-early.md", "event", "Arsal clashes", "Fought in 2014.", "date: \"2014-08-02\"\n"),
    entity("events/battle-undated.md", "event", "Attack on Anywhere", "Date unknown."),
], alias_key)


def article(slug: str = "a", **values) -> Article:
    body = [Block("standfirst", Kind.STANDFIRST, "ISIS in Homs.", 3),
            Block("p1", Kind.PARAGRAPH, "ISIS and Abu Malek met in Homs. " * 30, 5),
            Block("pull-quote-1", Kind.PULL_QUOTE, "ISIS and Abu Malek met in Homs.", 7),
            Block("p2", Kind.PARAGRAPH, "Abu Malek left.", 9)]
    comment = Comment(1, "Reader", (Block("comment-1-1", Kind.COMMENT, "Abu Malek, again.", 11),), None, None)
    return Article(source=Path(f"seeds/{slug}.txt"), slug=slug, title="ISIS and the Nusra Front in Homs",
                   body=body, comments=[comment], **values)


def mentions(of: Article) -> list[Mention]:
    return find_mentions(of, Linker.from_catalog(CATALOG), LinkMode.FIRST_IN_ARTICLE)


def test_a_pull_quote_is_no_second_mention_and_comments_are_counted_apart():
    index = MentionIndex({"a": mentions(article())})
    marked = [m for m in index.by_entity["abu-malek"]]
    assert {m.role for m in marked} == {Role.BODY, Role.PULL_QUOTE, Role.COMMENT}
    assert index.count("abu-malek") == 30 + 1  # paragraph 1's thirty and paragraph 2's one
    assert index.count_in_comments("abu-malek") == 1
    assert mentions_heading("abu-malek", index) == "Mentions (31) · in reader comments (1)"
    assert mentions_heading("homs", index) == "Mentions (32)"  # the title names it too
    assert "pull-quote-1" not in str(index.together("abu-malek"))


def test_mentions_in_context_count_the_article_and_its_comments_apart_and_say_where_each_stands():
    piece = article()
    index = MentionIndex({"a": mentions(piece)})
    soup = BeautifulSoup(render_mentions(CATALOG["abu-malek"], index, {"a": piece}, lambda src_uri: "../" + src_uri),
                         "html.parser")
    assert soup.select_one("p strong").get_text() == "ISIS and the Nusra Front in Homs (31 · 1 in reader comments)"
    places = [where.get_text() for where in soup.select(".ar-where")]
    assert places == ["¶ 1"] * QUOTES_PER_ARTICLE  # the article's first mentions are quoted, the rest one link away
    rest = len(index.by_entity["abu-malek"]) - QUOTES_PER_ARTICLE
    assert soup.select_one("li.ar-more a").get_text() == f"{rest} more in this article"


def test_places_read_as_a_reader_says_them():
    assert [place_label(block) for block in ("p7", "standfirst", "pull-quote-1", "pull-quote-2", "caption-1",
                                             "comment-1-1", "comment-2-3")] == [
        "¶ 7", "standfirst", "pull quote", "pull quote 2", "photo caption", "comment 1, paragraph 1",
        "comment 2, paragraph 3"]


def test_counts_agree_with_their_noun():
    assert [plural(1, "article"), plural(2, "article"), plural(1, "entry", "entries"), plural(0, "entry", "entries"),
            plural(41279, "paragraph")] == ["1 article", "2 articles", "1 entry", "0 entries", "41,279 paragraphs"]


def test_the_events_register_runs_by_date_undated_last():
    page = render_register(ENTITY_TYPES["event"], CATALOG, MentionIndex({}))
    order = [name for name in ("Arsal clashes", "Battle of Zabadani", "Attack on Anywhere") if name in page]
    assert sorted(order, key=page.index) == ["Arsal clashes", "Battle of Zabadani", "Attack on Anywhere"]
    assert page.index("## 2014") < page.index("## 2015") < page.index("## Undated")
    assert "2 August 2014" in page and "July 2015" in page


def rendered(source: str) -> BeautifulSoup:
    """Markdown the engine generates, through the site's own extensions and the annotator."""
    state = AnnotatorState()
    state.catalog, state.linker = CATALOG, Linker.from_catalog(CATALOG)
    names, configs = site_extensions()
    return BeautifulSoup(markdown.markdown(source, extensions=[*names, AnnotateExtension(state)], extension_configs=configs),
                         "html.parser")


def test_a_register_entry_links_other_entities_but_never_its_own():
    for register in [ENTITY_TYPES[key] for key in ("person", "organization", "place")]:
        soup = rendered(render_register(register, CATALOG, MentionIndex({})))
        for entry in soup.select("li[data-about]"):
            own = entry["data-about"]
            assert entry.a["data-entity"] == own
            assert [a for a in entry.select("a[href]") if own in a["href"]] == [entry.a], entry
    places = rendered(render_register(ENTITY_TYPES["place"], CATALOG, MentionIndex({})))
    homs = places.select_one('li[data-about="homs"]')
    assert "Homs countryside" in homs.get_text() and not homs.select(".ar-mention")
    organisations = rendered(render_register(ENTITY_TYPES["organization"], CATALOG, MentionIndex({})))
    nusra = organisations.select_one('li[data-about="nusra-front"]')
    assert "Jabhat Fatah al-Sham" in nusra.get_text() and not nusra.select(".ar-mention")


def page_of(of: Article, neighbours: Neighbours | None = None) -> tuple[BeautifulSoup, object]:
    written = render_article(of, mentions(of), CATALOG, lambda src_uri: "../" + src_uri,
                             lambda src_uri: SITE + src_uri.removesuffix(".md") + ".html", neighbours or Neighbours())
    return BeautifulSoup(written.html + written.panel, "html.parser"), written


def test_the_header_gives_date_or_date_unknown_linked_byline_source_tags_and_reading_time():
    undated, _ = page_of(article(byline="Jane Doe", publication="NOW", tags=("Qalamoun", "ISIS")))
    meta = undated.select_one(".ar-meta").get_text()
    assert meta.startswith("Date unknown · Source: NOW") and meta.endswith("1 min read")
    assert undated.select_one(".ar-byline a")["href"] == "../browse/author/jane-doe.md"
    assert [(a.get_text(), a["href"]) for a in undated.select(".ar-tags a")] == [
        ("Qalamoun", "../browse/tag/qalamoun.md"), ("ISIS", "../browse/tag/isis.md")]
    dated, _ = page_of(article(date=dt.date(2015, 1, 2), byline="Jane Doe", byline_text="By Jane Doe, in Beirut"))
    assert dated.select_one(".ar-meta time").get_text() == "2 January 2015"
    byline = dated.select_one(".ar-byline")
    assert byline.get_text() == "By Jane Doe, in Beirut" and byline.a.get_text() == "Jane Doe"


def test_the_articles_before_and_after_close_the_article():
    earlier, later = article("b", date=dt.date(2014, 1, 1)), article("c", date=dt.date(2016, 1, 1))
    soup, _ = page_of(article(date=dt.date(2015, 1, 1)), Neighbours(earlier, later))
    links = soup.select(".ar-neighbours a")
    assert [(a["rel"], a["href"], a["data-article"]) for a in links] == [
        (["prev"], "../articles/b.md", "b"), (["next"], "../articles/c.md", "c")]
    alone, _ = page_of(article())
    assert not alone.select(".ar-neighbours")


def test_the_panels_names_lead_to_their_first_mention_and_count_comments_apart():
    soup, _ = page_of(article())
    link = soup.select_one('.ar-in-this-article a[data-follow="abu-malek"]')
    assert link["href"] == f"#{soup.select_one('[data-entity=abu-malek]')['id']}"
    assert link.find_next(class_="ar-sr").get_text() == " 31 mentions, 1 in reader comments"
    assert [s.get_text() for s in soup.select(".ar-marks .ar-sample")] == ["People", "Organisations", "Places"]
    many = article()
    many.body[1] = Block("p1", Kind.PARAGRAPH, "Abu Malek met. " * 1200, 5)
    counted = page_of(many)[0].select_one('.ar-in-this-article a[data-follow="abu-malek"]').parent
    assert counted.select_one(".ar-count").get_text() == "1,201 + 1 in comments"
    assert counted.select_one(".ar-sr").get_text() == " 1,201 mentions, 1 in reader comments"


def test_bibtex_key_is_author_year_and_the_titles_first_three_significant_words_in_order():
    piece = article(byline="Ayman Sharrouf", date=dt.date(2015, 1, 2))
    piece.title = "The Caliph's men and the war of the Qalamoun"
    assert bibtex_key(piece) == "sharrouf-2015-caliphs-men-war"
    piece.title = "ISIS expansionism will burn Qalamoun"
    assert bibtex_key(piece) == "sharrouf-2015-isis-expansionism-will"
    piece.byline, piece.date = None, None
    assert bibtex_key(piece) == "anon-nd-isis-expansionism-will"


def test_citations_and_json_ld_give_absolute_addresses_under_site_url():
    piece = article(byline="Jane Doe")
    _, written = page_of(piece)
    page_url = f"{SITE}articles/a.html"
    assert chicago(piece, page_url).endswith(f"Annotated edition: {page_url}.")
    assert f"note = {{Annotated edition: {page_url}; each paragraph is citable as {page_url}\\#p1" in bibtex(piece, page_url)
    data = json.loads(written.json_ld)
    assert data["url"] == page_url
    assert {m["url"] for m in data["mentions"]} >= {f"{SITE}organizations/isis.html", f"{SITE}places/homs.html"}


SCHEMA_PROPERTIES = {
    "Person": {"memberOf", "performerIn"},
    "Organization": {"memberOf", "member", "parentOrganization", "subOrganization", "location"},
    "Place": {"containedInPlace", "containsPlace", "geo"},
    "Event": {"location", "superEvent", "subEvent", "performer", "startDate", "endDate"},
    "DefinedTerm": set(),
    "NewsArticle": {"headline", "mentions"},
    "Dataset": {"license"},
}
THING = {"@id", "@type", "name", "description", "alternateName", "sameAs", "url"}


def test_the_graph_uses_schema_org_properties_valid_for_each_type_and_states_its_licence():
    piece = article()
    graph = json.loads(graph_jsonld({"a": piece}, CATALOG, MentionIndex({"a": mentions(piece)}),
                                    lambda src_uri: SITE + src_uri.removesuffix(".md") + ".html"))
    assert graph["@context"]["@vocab"] == "https://schema.org/"
    for node in graph["@graph"]:
        invalid = {key for key in node if key not in THING | SCHEMA_PROPERTIES[node["@type"]] and not key.startswith("reader:")}
        assert invalid == set(), node
    by_id = {node["@id"]: node for node in graph["@graph"]}
    assert by_id[f"{SITE}people/abu-malek.html"]["memberOf"] == [{"@id": f"{SITE}organizations/nusra-front.html"}]
    assert by_id[f"{SITE}people/abu-malek.html"]["reader:rival_of"] == [{"@id": f"{SITE}organizations/isis.html"}]
    assert by_id[f"{SITE}places/homs.html"]["containedInPlace"] == [{"@id": f"{SITE}places/syria.html"}]
    dataset = next(node for node in graph["@graph"] if node["@type"] == "Dataset")
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "remains its authors'" in dataset["description"]
    assert relation_property("rival of", "person", "organization") == "reader:rival_of"


def test_entities_json_states_its_licence_and_counts_comments_apart():
    piece = article()
    data = json.loads(entities_json(CATALOG, MentionIndex({"a": mentions(piece)})))
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    malek = next(e for e in data["entities"] if e["id"] == "abu-malek")
    assert (malek["mentions"], malek["mentions_in_comments"]) == (31, 1)
    assert re.search(r"articles' text .* remains its authors'", data["license_note"])
