"""Detecting degenerate repetition in generated text (decoding loops)."""

from __future__ import annotations

import math
from collections import Counter

import regex
from rapidfuzz import fuzz

from .arabic import fold
from .grounding import Source
from .numbers import same_number, values_in

__all__ = ["repeated_ngram", "duplicate_pairs", "NEAR_DUPLICATE"]

# Arabic never writes a letter three times in a row (it uses shadda) and English words rarely do,
# so six identical letters are a loop ("ههههههه"), while digit runs (1000000) are legitimate.
_LETTER_RUN = regex.compile(r"(\p{L})\1{5,}")
_LONG_UNIT = 20  # the brief's "20+ character substring"
_MIN_REPEATS = 4
_MAX_UNIT = 200
# Shorter units (a word, "لا ", "ha") loop too; they must repeat long enough to cover as many
# characters as one long unit repeated would, so ordinary phrasing ("very very") is left alone.
_SHORT_UNITS = [
    regex.compile(rf"(.{{{length}}})\1{{{max(_MIN_REPEATS, math.ceil(_LONG_UNIT / length)) - 1},}}", regex.S)
    for length in range(2, _LONG_UNIT)
]
_LONG = regex.compile(rf"(.{{{_LONG_UNIT},{_MAX_UNIT}}}?)\1{{{_MIN_REPEATS - 1},}}", regex.S)
_HAS_LETTER = regex.compile(r"\p{L}")


def _char_loop(text: str) -> str | None:
    """The repeated unit of a character-level loop in `text`, or None."""
    if m := _LETTER_RUN.search(text):
        return m.group(1)
    patterns = list(_SHORT_UNITS)
    # The long-unit regex backtracks over every unit length at every position; it can only match
    # if some 20-character window occurs four times, which is cheap to rule out first.
    windows = Counter(text[i:i + _LONG_UNIT] for i in range(len(text) - _LONG_UNIT + 1))
    if windows and max(windows.values()) >= _MIN_REPEATS:
        patterns.append(_LONG)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if _HAS_LETTER.search(unit := m.group(1)):
                return unit.strip()
    return None


def repeated_ngram(text: str, n: int = 4, max_repeats: int = 3) -> str | None:
    """Return the repeated piece if `text` loops, else None.

    A loop is a word n-gram occurring more than `max_repeats` times anywhere (compared after
    Arabic-aware folding, so diacritics and punctuation do not hide it), a letter written six or
    more times in a row, or a unit of text repeated back to back: four or more times when it is 20+
    characters long, or often enough to span 20 characters when shorter. The n-gram is returned in
    folded form; a character loop returns its repeating unit.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    folded = fold(text).text
    if (unit := _char_loop(folded)) is not None:
        return unit
    words = folded.split()
    grams = [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    counts = Counter(grams)
    return next((g for g in grams if counts[g] > max_repeats), None)


# Character similarity (rapidfuzz ratio, 0-100) of two folded texts above which they restate one
# another: a restatement changes a word or two of a sentence, two facts change more.
NEAR_DUPLICATE = 85


def _values_within(va: list[float], vb: list[float]) -> bool:
    """Whether every value of `va` is one of `vb` (`same_number`)."""
    return all(any(same_number(x, y) for y in vb) for x in va)


def duplicate_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j) of texts where j says again what i says: j is the one to drop.

    Near-identical wording (folded, `NEAR_DUPLICATE`) is not enough: two points about one event
    that state different numbers (a count of buses, a count of people) are two facts, however
    alike their words. Near-identical texts with the same numbers are duplicates (j the later one);
    so is a text that says nothing another does not: every content word a word of the other
    (`Source.support`: clitics off, the same word in another inflection) and every number one of its
    (j the contained one: "الملك أمر الحكومة بتجميد تلك الزيادات" beside the point that names the
    increases; on the recorded news runs this flags 5 such points, all fragments or restatements of
    another point, and none of the 175 points of the news gold).
    """
    keys = [fold(t).text for t in texts]
    values = [values_in(t) for t in texts]
    sources = [Source(t) for t in texts]

    def contained(a: int, b: int) -> bool:
        return sources[b].support(texts[a]) == 1.0 and _values_within(values[a], values[b])

    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            same_values = _values_within(values[i], values[j]) and _values_within(values[j], values[i])
            if fuzz.ratio(keys[i], keys[j]) >= NEAR_DUPLICATE and same_values or contained(j, i):
                pairs.append((i, j))
            elif contained(i, j):
                pairs.append((j, i))
    return pairs
