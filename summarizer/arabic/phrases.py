"""Finding the phrases of a word list in Arabic text: folded, clitics stripped, longest match first.

A `PhraseIndex` maps phrases (tuples of folded words, `fold_words`) to values: glossary entries,
gazetteer names, or the terms of any word list loaded from a file. `scan` reads a `FoldedText`
left to right; at each word it reads the word with its attached clitics stripped every way
`Clitics` allows, takes the best phrase that starts there (by default the longest; the first
reading wins a tie) and goes on after it. A phrase of several words matches consecutive words
with nothing but spaces, underscores, hyphens or invisible marks between them in the original
(`شمال. لبنان` is not شمال لبنان). Every match knows its offsets in the original text.

    index = PhraseIndex()
    index.add(fold_words("وقف إطلاق النار"), "ceasefire")   # a row of a word list
    text = FoldedText("أعلن الطرفان وقفَ إطلاق النار")
    for match in index.scan(text):
        start, end = text.original_span(match)              # text.original[start:end] == "وقفَ إطلاق النار"
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .clitics import PROCLITICS, Clitics
from .endings import Endings
from .normalize import Normalized, fold

__all__ = ["FoldedText", "PhraseIndex", "PhraseMatch", "folded_tokens", "joined"]

V = TypeVar("V")
# A match's rank: comparable values, higher is better; None rules the match out.
Rank = Callable[["PhraseMatch[V]"], Any]

# What may stand between the words of one phrase in the original text (a hashtag's # too: محافظة #إدلب).
_GAP = re.compile(r"[\s_\-#\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]*")


def folded_tokens(folded: str) -> list[tuple[int, int]]:
    """Token spans of a folded text (`fold` leaves single spaces between tokens)."""
    spans, pos = [], 0
    for word in folded.split(" "):
        if word:
            spans.append((pos, pos + len(word)))
        pos += len(word) + 1
    return spans


def joined(norm: Normalized, spans: list[tuple[int, int]], i: int, n: int) -> bool:
    """Whether folded tokens i..i+n-1 are one phrase in the original: only spaces, underscores,
    hyphens or invisible marks between them (no punctuation: `شمال. لبنان` is not شمال لبنان)."""
    for k in range(i, i + n - 1):
        gap = norm.original[norm.span_to_original(*spans[k])[1]:norm.span_to_original(*spans[k + 1])[0]]
        if "\n" in gap or not _GAP.fullmatch(gap):
            return False
    return True


class FoldedText:
    """A text folded for matching (`fold`), as words that keep their offsets in the original."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.norm: Normalized = fold(text)
        self.spans = folded_tokens(self.norm.text)
        self.words = [self.norm.text[a:z] for a, z in self.spans]
        self._joined: dict[tuple[int, int], bool] = {}
        self._bare_alif: list[bool] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def joined(self, i: int, n: int) -> bool:
        """Whether words i..i+n-1 are one phrase in the original (see `joined`)."""
        if n == 1:
            return True
        if (i, n) not in self._joined:
            self._joined[(i, n)] = joined(self.norm, self.spans, i, n)
        return self._joined[(i, n)]

    def bare_alif(self, i: int) -> bool:
        """Whether word i is written ending in a bare ا (not أ/إ/آ), diacritics aside: the only
        ending that folding hides (`Endings`: tanween alif)."""
        if self._bare_alif is None:
            self._bare_alif = [_ends_in_bare_alif(self.norm, a, z) for a, z in self.spans]
        return self._bare_alif[i]

    def seated_hamza(self, i: int, at: int) -> bool:
        """Whether letter `at` of word i is written ؤ or ئ, which folding makes و and ي: a hamza on
        a seat never begins an Arabic word, so a clitic reading that leaves a stem beginning there is
        no reading (فؤاد is not ف + واد "valley", بئر not ب + ير)."""
        start = self.spans[i][0] + at
        a, z = self.norm.span_to_original(start, start + 1)
        return any(ch in "\u0624\u0626" for ch in self.norm.original[a:z])

    def original_span(self, match: PhraseMatch[object]) -> tuple[int, int]:
        """Offsets in the original of a match: its words, without the clitics stripped off the first."""
        first, last = self.spans[match.first], self.spans[match.first + match.n - 1]
        return self.norm.original_span(first[0] + match.cut, last[1])


def _ends_in_bare_alif(norm: Normalized, start: int, end: int) -> bool:
    a, z = norm.span_to_original(start, end)
    for ch in reversed(norm.original[a:z]):
        if unicodedata.category(ch) == "Mn" or ch == "\u0640":
            continue
        return ch == "\u0627"
    return False


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[V]):
    """A phrase found at word `first` of a text."""

    first: int  # index of the first word
    n: int  # words
    cut: int  # clitic letters stripped off the first word
    word: str  # the first word as read, clitics stripped
    value: V
    ending: bool = False  # an ending was read off the last word (`Endings`)


def _same(word: str) -> str:
    return word


def _longest(match: PhraseMatch[object]) -> int:
    return match.n


class PhraseIndex(Generic[V]):
    """Phrases of folded words -> values, found in text longest first (see the module docstring).

    `head` turns a reading of a text word into the key its phrases are stored under (the
    gazetteer's makes ال optional); a reading with clitics stripped must leave a head of
    `min_head` letters. A phrase is added with its first word as `head` reads it.

    With `endings`, a word is also read with its inflectional endings off (`Endings`: قتيلاً,
    استقالته, مقاتلي, سيعقد), for word lists written bare; a word read with an ending is the last
    word of its phrase (a one-word phrase, or the last word of a longer one).
    """

    # A class default too: indexes pickled before endings existed (the gazetteer's cache) read as none.
    endings: Endings | None = None

    def __init__(
        self,
        clitics: Clitics = PROCLITICS,
        *,
        head: Callable[[str], str] = _same,
        min_head: int = 0,
        endings: Endings | None = None,
    ) -> None:
        self.clitics = clitics
        self.head = head
        self.min_head = min_head
        self.endings = endings
        self._by_head: dict[str, list[tuple[tuple[str, ...], V]]] = {}

    def add(self, words: tuple[str, ...], value: V) -> None:
        """Add a phrase; among phrases with one head, longer ones are tried first, then in the order added."""
        entries = self._by_head.setdefault(words[0], [])
        if entries and len(entries[-1][0]) < len(words) - 1:
            bisect.insort_right(entries, (words[1:], value), key=lambda entry: -len(entry[0]))
        else:  # the common case (one-word phrases, or added longest first): no search
            entries.append((words[1:], value))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_head.values())

    def items(self) -> Iterator[tuple[tuple[str, ...], V]]:
        """Every (phrase, value), by head in the order heads were first added, longest first."""
        for head, entries in self._by_head.items():
            for rest, value in entries:
                yield (head, *rest), value

    def _readings(self, text: FoldedText, i: int, word: str) -> list[tuple[str, bool]]:
        if self.endings is None:
            return [(word, False)]
        return self.endings.readings(word, bare_alif=text.bare_alif(i))

    def _last_matches(self, text: FoldedText, k: int, want: str) -> bool | None:
        """Whether text word k is `want`: True as written, False with an ending off, None not at all."""
        have = text.words[k]
        if have == want:
            return True
        if self.endings is not None and want in self.endings.suffixed(have, bare_alif=text.bare_alif(k)):
            return False
        return None

    def matches_at(self, text: FoldedText, i: int) -> Iterator[PhraseMatch[V]]:
        """Every phrase that starts at word i: by reading of the word (`Clitics.readings` order, then
        `Endings.readings`), longest first."""
        words = text.words
        for word, cut in self.clitics.readings(words[i]):
            if cut and text.seated_hamza(i, cut):
                continue
            for stem, ending in self._readings(text, i, word):
                head = self.head(stem)
                if cut and len(head) < self.min_head:
                    continue
                for rest, value in self._by_head.get(head, ()):
                    n = len(rest) + 1
                    if i + n > len(words):
                        continue
                    if n == 1:
                        yield PhraseMatch(i, 1, cut, word, value, ending)
                        continue
                    if ending or tuple(words[i + 1:i + n - 1]) != rest[:-1]:
                        continue
                    last = self._last_matches(text, i + n - 1, rest[-1])
                    if last is not None and text.joined(i, n):
                        yield PhraseMatch(i, n, cut, word, value, not last)

    def best_at(
        self, text: FoldedText, i: int, rank: Rank[V] = _longest
    ) -> PhraseMatch[V] | None:
        """The match at word i that `rank` puts highest (None from `rank` rules a match out); the first on a tie."""
        best: PhraseMatch[V] | None = None
        best_rank: Any = None
        for match in self.matches_at(text, i):
            score = rank(match)
            if score is not None and (best is None or score > best_rank):
                best, best_rank = match, score
        return best

    def scan(
        self,
        text: FoldedText,
        rank: Rank[V] = _longest,
        accept: Callable[[PhraseMatch[V]], bool] | None = None,
    ) -> Iterator[PhraseMatch[V]]:
        """The best match at each word, left to right, each after the last; one `accept` refuses is skipped
        (the scan goes on at the next word)."""
        i = 0
        while i < len(text):
            match = self.best_at(text, i, rank)
            if match is None or (accept is not None and not accept(match)):
                i += 1
                continue
            yield match
            i += match.n
