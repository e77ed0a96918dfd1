"""Two builds of the same sources give byte-identical sites; dates come from SOURCE_DATE_EPOCH, not the clock."""

from __future__ import annotations

import gzip
import re

from conftest import build


def tree(root) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def search_filters(files: dict[str, bytes]) -> list[bytes]:
    """Pagefind's filter files, decompressed, as sorted bytes: Pagefind writes a filter's values in the order of a
    Rust hash map, which changes from run to run, so the same entries come in another order (and the files, and
    the search metadata that names them, get other names)."""
    return sorted(bytes(sorted(gzip.decompress(data))) for name, data in files.items()
                  if name.startswith("pagefind/filter/"))


def test_two_builds_are_byte_identical(project):
    first, second = build(project, site_name="first"), build(project, site_name="second")
    assert first.returncode == second.returncode == 0, first.output + second.output
    one, two = tree(first.site), tree(second.site)
    ordered = re.compile(r"pagefind/(filter/.*|pagefind\.en_.*\.pf_meta|pagefind-entry\.json)$")
    assert {name for name in one if not ordered.match(name)} == {name for name in two if not ordered.match(name)}
    assert [name for name in one if not ordered.match(name) and one[name] != two[name]] == []
    assert search_filters(one) == search_filters(two)


def test_dates_come_from_source_date_epoch(project):
    result = build(project, epoch="86400")
    assert result.returncode == 0, result.output
    assert "<lastmod>1970-01-02</lastmod>" in (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((result.site / "sitemap.xml.gz").read_bytes()).decode().count("<lastmod>1970-01-02</lastmod>")
