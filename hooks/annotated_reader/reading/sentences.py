"""Sentence spans, so a mention can be quoted in the sentence it stands in."""

from __future__ import annotations

import sentencex


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in ``text``, trailing spaces trimmed."""
    spans = []
    for boundary in sentencex.get_sentence_boundaries("en", text):
        start, end = boundary["start_index"], boundary["end_index"]
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text))]


def sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The smallest run of sentences that holds the span [start, end)."""
    first = next((s for s, e in spans if s <= start < e), spans[0][0])
    last = next((e for s, e in spans if s < end <= e), spans[-1][1])
    return first, max(last, end)
