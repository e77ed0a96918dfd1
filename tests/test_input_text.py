"""Text as read from seeds, sidecars and entity pages: decoded whatever its Unicode form, cleaned of what no reader sees."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import SEED, sample_catalog

from annotated_reader.matching.linker import Linker, alias_key
from annotated_reader.matching.mentions import LinkMode, find_mentions
from annotated_reader.reading.catalog import build_catalog
from annotated_reader.reading.seed_parser import decode_seed, parse_seed
from annotated_reader.reading.sidecar import apply_sidecar, read_sidecar
from annotated_reader.reading.text_clean import clean_line, clean_text

SOURCE = SEED.read_text(encoding="utf-8")
TITLE = "ISIS expansionism will burn Qalamoun"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"


def article_of(raw: bytes, encoding: str | None = None):
    text, warnings = decode_seed(raw, Path("seeds/x.txt"), encoding)
    assert warnings == []
    return parse_seed(text, Path("seeds/x.txt"), "x")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_seeds_with_a_byte_order_mark_decode(codec):
    bom = {"16-le": codecs.BOM_UTF16_LE, "16-be": codecs.BOM_UTF16_BE,
           "32-le": codecs.BOM_UTF32_LE, "32-be": codecs.BOM_UTF32_BE}.get(codec[4:], b"")
    assert article_of(bom + SOURCE.encode(codec)).title == TITLE


def test_the_documented_utf16_sidecar_encoding_reads_a_seed_without_a_mark(tmp_path):
    sidecar = tmp_path / "x.yml"
    sidecar.write_text("encoding: utf-16-le\n", encoding="utf-8")
    assert article_of(SOURCE.encode("utf-16-le"), read_sidecar(sidecar)["encoding"]).title == TITLE


def test_zero_width_and_bidi_controls_are_removed_from_seed_text():
    seed = SOURCE.replace("ISIS expansionism", "ISIS\u202e expan\u200bsion\u2066ism")
    assert article_of(seed.encode()).title == TITLE


def test_a_name_broken_by_a_zero_width_space_is_still_linked():
    seed = SOURCE.replace("against Hezbollah", "against Hez\u200bbollah", 1)
    assert seed != SOURCE
    article = article_of(seed.encode())
    first = next(block for block in article.annotatable_blocks() if "against Hezbollah" in block.text)
    mentions = find_mentions(article, Linker.from_catalog(sample_catalog()), LinkMode.ALL)
    assert any(m.entity_id == "hezbollah" and m.block_id == first.id for m in mentions)


def test_entity_names_and_aliases_are_cleaned_and_normalised():
    page = ("---\ntype: person\nname: \"Jose\\u0301 Hez\\u200bbollah\\u202e\"\nsummary: \"A \\u200fman.\"\n"
            "aliases: [\"Jo\\u2060se\"]\narabic: \"\\u0645\\u200c\\u0627\\u200f\"\n---\nProse.\n")
    entity = build_catalog([(Path("docs/people/x.md"), "people/x.md", page)], alias_key)["x"]
    assert (entity.name, entity.summary, entity.aliases[0].text) == ("José Hezbollah", "A man.", "Jose")
    assert entity.arabic == "\u0645\u200c\u0627"  # the non-joiner is spelling in Arabic; the mark is not


def test_sidecar_values_are_cleaned_and_one_tag_is_a_list_of_one(tmp_path):
    sidecar = tmp_path / "x.yml"
    sidecar.write_text('title: "Evil\\u202e title\\nWARNING - forged"\ntags: Qalamoun\n', encoding="utf-8")
    article = apply_sidecar(article_of(SOURCE.encode()), read_sidecar(sidecar))
    assert (article.title, article.tags) == ("Evil title WARNING - forged", ("Qalamoun",))


def test_clean_text_keeps_the_non_joiner_only_between_arabic_letters():
    assert clean_text(f"a{INVISIBLE}b") == "ab"
    assert clean_text("\u0645\u200c\u0627 a\u200cb") == "\u0645\u200c\u0627 ab"
    assert clean_text("e\u0301") == "\u00e9"
    assert clean_line(" a\n\tb\x1b  c\u0085 ") == "a b c"


def test_a_null_sidecar_value_means_the_key_is_not_given(tmp_path):
    sidecar = tmp_path / "x.yml"
    sidecar.write_text("title: null\nalias_hints: {Assad: null}\n", encoding="utf-8")
    assert read_sidecar(sidecar) == {"alias_hints": {"Assad": None}}
