"""Every type of entity has what the site shows it with: its CSS, its register in the navigation, its folder."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

from annotated_reader.pages.registers import register_src_uri
from annotated_reader.reading.entity_types import ENTITY_TYPES

CSS = (ROOT / "docs" / "assets" / "reader.css").read_text(encoding="utf-8")
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)


def nav_pages(nav: list) -> set[str]:
    pages = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages |= nav_pages(value) if isinstance(value, list) else {value}
    return pages


@pytest.mark.parametrize("kind", ENTITY_TYPES.values(), ids=list(ENTITY_TYPES))
def test_every_type_has_its_mention_underline_and_its_shape_colour(kind):
    underline = rf"\.ar-{kind.key}\s*\{{[^}}]*text-decoration-style:\s*{kind.underline}"
    assert re.search(underline, CSS), f"no {kind.underline} underline for .ar-{kind.key}"
    assert re.search(rf"\.ar-svg \.ar-{kind.key}\s*\{{[^}}]*fill", CSS), f"no drawing colour for .ar-{kind.key}"


@pytest.mark.parametrize("kind", ENTITY_TYPES.values(), ids=list(ENTITY_TYPES))
def test_every_type_has_its_register_in_the_navigation_and_its_folder_out_of_it(kind):
    assert register_src_uri(kind) in nav_pages(CONFIG["nav"])
    assert f"/{kind.folder}/" in CONFIG["not_in_nav"].split()


def test_type_keys_folders_and_registers_are_distinct():
    for field in ("key", "folder", "register", "label", "plural"):
        values = [getattr(kind, field) for kind in ENTITY_TYPES.values()]
        assert len(set(values)) == len(values), field
