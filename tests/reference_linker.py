"""A straightforward reference for the linker: one regular-expression alternation, longest alias first.

Slow (it is the flat alternation the linker exists to avoid) but obviously right, so the
fast matcher is checked against it, in the tests and in the benchmark.
"""

from __future__ import annotations

import re

from annotated_reader.matching.linker import normalise
from annotated_reader.reading.catalog import Alias


def reference_find(text: str, entries: list[tuple[Alias, str]]) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of each mention: leftmost, then longest, on word boundaries."""
    owners: dict[str, str] = {}
    alternatives = []
    for alias, entity_id in entries:
        key = " ".join(normalise(alias.text).split())
        if key.casefold() in owners:
            continue
        owners[key.casefold()] = entity_id
        alternatives.append((key, alias.case_sensitive))
    alternatives.sort(key=lambda item: -len(item[0]))
    body = "|".join(f"(?-i:{re.escape(key)})" if exact else re.escape(key) for key, exact in alternatives)
    pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)
    return [(m.start(), m.end(), owners[m.group().casefold()]) for m in pattern.finditer(normalise(text))]
