"""Two builds of the same sources give byte-identical sites; dates come from SOURCE_DATE_EPOCH, not the clock."""

from __future__ import annotations

import gzip

from conftest import build, build_here, site_differences

from annotated_reader.pages import search


def test_two_builds_are_byte_identical(project):
    first, second = build(project, site_name="first"), build(project, site_name="second")
    assert first.returncode == second.returncode == 0, first.output + second.output
    assert site_differences(first.site, second.site) == []


def test_two_builds_with_the_index_in_parts_are_alike(project, monkeypatch):
    monkeypatch.setattr(search, "SPLIT_FROM", 0)
    first, second = build_here(project, site_name="first"), build_here(project, site_name="second")
    assert first.returncode == second.returncode == 0, first.output + second.output
    assert (first.site / "pagefind" / search.part_folder(1) / "pagefind-entry.json").is_file()
    assert site_differences(first.site, second.site) == []


def test_dates_come_from_source_date_epoch(project):
    result = build(project, epoch="86400")
    assert result.returncode == 0, result.output
    assert "<lastmod>1970-01-02</lastmod>" in (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((result.site / "sitemap.xml.gz").read_bytes()).decode().count("<lastmod>1970-01-02</lastmod>")
