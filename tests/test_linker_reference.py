"""The fast matcher finds exactly what the straightforward reference finds (a small, fast version of the benchmark's check).

The random text writes names as listed, in other cases, and in the spelling variants folding
allows (a doubled or single letter, a final h, an apostrophe inside a word, "al " for "al-",
"ou" for "u"), beside filler words, possessives, hyphens and web addresses.
"""

from __future__ import annotations

import random

from reference_linker import reference_find

from annotated_reader.matching.linker import Linker
from annotated_reader.reading.catalog import Alias

SYLLABLES = ["ka", "fr", "na", "bu", "dar", "sal", "ma", "hir", "tal", "zu", "qa", "rim", "jab", "sha", "mir", "wad"]
FILLER = ["the", "groups", "in", "and", "said", "of", "a", "fighters", "near", "—", "’s", "-", "s", ",", ".", "Al-", "IS",
          "Yesterday", "Rif", "President", "www.qa.org/jab", "(", ")"]


def variant(name: str, rng: random.Random) -> str:
    """One spelling of ``name`` that folds like it."""
    position = rng.randrange(len(name))
    match rng.randrange(5):
        case 0:
            return name.replace("al-", "al ")
        case 1:
            return name[:position] + name[position] * 2 + name[position + 1:] if name[position].isalpha() else name
        case 2:
            return name.replace("a ", "ah ") + ("h" if name.endswith("a") else "")
        case 3:
            inside = position and name[position - 1].isalpha() and name[position].isalpha()
            return name[:position] + "’" + name[position:] if inside and name[position] != "s" else name
        case _:
            return name.replace("u", "ou")


def aliases(count: int, rng: random.Random) -> list[tuple[Alias, str]]:
    entries = []
    for n in range(count):
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
        text = " ".join(word.capitalize() if rng.random() < 0.7 else word for word in words)
        if rng.random() < 0.1:
            text = text.upper()
        if rng.random() < 0.1:
            text = f"al-{text}"
        entries.append((Alias(text, text.isupper()), f"e{n}"))
    return entries


def text_from(entries: list[tuple[Alias, str]], rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        if rng.random() < 0.3:
            name = rng.choice(entries)[0].text
            name = {0: name, 1: name.lower(), 2: name.upper(), 3: name.replace("-", "‐")}.get(rng.randrange(6))
            name = name or variant(rng.choice(entries)[0].text, rng)
            parts.append(name)
        else:
            parts.append(rng.choice(FILLER + SYLLABLES))
    return " ".join(parts).replace(" ’s", "’s").replace(" - ", "-")


def test_matcher_agrees_with_the_reference_on_random_text():
    for seed in range(10):
        rng = random.Random(seed)
        entries = aliases(300, rng)
        text = text_from(entries, rng, 2500)
        fast = [(m.start, m.end, m.entity_id, m.variant) for m in Linker(entries).find(text)]
        assert fast == reference_find(text, entries), f"seed {seed}"
