"""A long build says where it is: a line per phase, with counts and times."""

from __future__ import annotations

import re

from annotated_reader.matching.progress import MANY_PAGES, STEPS, PagesWritten

PHASES = [
    r"catalog: \d+ entities with \d+ names read and compiled in \d+\.\d s",
    r"seeds: [\d,]+ read and matched in \d+\.\d s, [\d,]+ mentions found",
    r"generated pages: [\d,]+ added in \d+\.\d s",
    r"open data: \d+\.\d MB in 3 files, waited \d+\.\d s for them",
    r"pages: ([\d,]+) of \1 written in \d+\.\d s",
    r"search: [\d,]+ pages indexed, index written in \d+\.\d s; names [\d,]+ KB \(by letter: [\d,]+ files, the largest "
    r"[\d,]+ KB\), titles [\d,]+ KB",
]


def test_build_reports_each_phase_of_the_engine_once_in_order(site):
    lines = [line.split("annotated_reader: ", 1)[1] for line in site.output.splitlines() if "annotated_reader: " in line]
    found = [next(i for i, line in enumerate(lines) if re.fullmatch(phase, line)) for phase in PHASES]
    assert found == sorted(found)


def test_writing_many_pages_is_reported_a_few_times_on_the_way():
    lines: list[str] = []
    progress = PagesWritten(MANY_PAGES * 2, lines.append)
    for _ in range(MANY_PAGES * 2):
        progress.page_written()
    assert len(lines) == STEPS
    assert lines[0].startswith(f"pages: {MANY_PAGES * 2 // STEPS:,} of {MANY_PAGES * 2:,} written in ")


def test_writing_a_few_pages_is_reported_once():
    lines: list[str] = []
    progress = PagesWritten(10, lines.append)
    for _ in range(10):
        progress.page_written()
    assert [line.split(" in ")[0] for line in lines] == ["pages: 10 of 10 written"]
