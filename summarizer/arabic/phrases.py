"""Finding the phrases of a word list in Arabic text: folded, clitics stripped, longest match first.

A `PhraseIndex` maps phrases (tuples of folded words, `fold_words`) to values: glossary entries,
gazetteer names, or the terms of any word list loaded from a file. `scan` reads a `FoldedText`
left to right; at each word it reads the word with its attached clitics stripped every way
`Clitics` allows, takes the best phrase that starts there (by default the longest; the first
reading wins a tie) and goes on after it. A phrase of several words matches consecutive words
with nothing but spaces, underscores, hyphens or invisible marks between them in the original
(`شمال. لبنان` is not شمال لبنان). Every match knows its offsets in the original text.

A word list of verbs and verbal nouns (event triggers) needs two more things, each optional:
`endings` also reads the article, pronoun suffixes, a final alef and the future prefix off every
word of a phrase (`Endings`; a match then has a `cost`, the attachments read off), and a phrase
may hold a gap, `…` (`GAP`), standing for up to `max_gap` words of the original between its words
(`أطلقت … سراح` matches أطلقت السلطات الإيرانية سراح). Add such phrases as written (`add_written`):
whether a word is written with ة matters to the endings.

    index = PhraseIndex()
    index.add(fold_words("وقف إطلاق النار"), "ceasefire")   # a row of a word list
    text = FoldedText("أعلن الطرفان وقفَ إطلاق النار")
    for match in index.scan(text):
        start, end = text.original_span(match)              # text.original[start:end] == "وقفَ إطلاق النار"
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .clitics import PROCLITICS, Clitics
from .endings import GAP, Endings, ends_with_taa, written_words
from .normalize import Normalized, fold

__all__ = ["FoldedText", "PhraseIndex", "PhraseMatch", "by_size_then_cost", "folded_tokens", "joined"]

V = TypeVar("V")
# A match's rank: comparable values, higher is better; None rules the match out.
Rank = Callable[["PhraseMatch[V]"], Any]

# What may stand between the words of one phrase in the original text.
_GAP = re.compile(r"[\s_\-\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]*")


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
        self._taa: list[bool] | None = None

    def taa(self, i: int) -> bool:
        """Whether word i is written with a final ة in the original (folding makes it ه)."""
        if self._taa is None:
            self._taa = [ends_with_taa(self.original[slice(*self.norm.span_to_original(a, z))]) for a, z in self.spans]
        return self._taa[i]

    def __len__(self) -> int:
        return len(self.words)

    def joined(self, i: int, n: int) -> bool:
        """Whether words i..i+n-1 are one phrase in the original (see `joined`)."""
        if n == 1:
            return True
        if (i, n) not in self._joined:
            self._joined[(i, n)] = joined(self.norm, self.spans, i, n)
        return self._joined[(i, n)]

    def original_span(self, match: PhraseMatch[object]) -> tuple[int, int]:
        """Offsets in the original of a match: its words, without the clitics stripped off the first."""
        first, last = self.spans[match.first], self.spans[match.first + match.n - 1]
        return self.norm.original_span(first[0] + match.cut, last[1])


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[V]):
    """A phrase found at word `first` of a text."""

    first: int  # index of the first word
    n: int  # words of the text it covers (a gap's words included)
    cut: int  # clitic letters stripped off the first word
    word: str  # the first word as read, clitics stripped
    value: V
    cost: int = 0  # attachments read off its words (with `endings`), and words skipped by a gap
    future: bool = False  # its first word was read without the future prefix س
    size: int = 0  # words of the phrase (a gap not counted); 0: n


def by_size_then_cost(match: PhraseMatch[object]) -> tuple[int, int]:
    """Rank for `PhraseIndex.best_at`: the phrase with the most words, then the fewest attachments."""
    return match.size or match.n, -match.cost


class _Pattern(tuple):
    """The later words of a phrase read with endings or with a gap: each a set of keys, or GAP."""

    __slots__ = ()

    @property
    def size(self) -> int:
        return sum(part is not GAP for part in self)


def _entry_size(entry: tuple[tuple[object, ...], object]) -> int:
    rest = entry[0]
    return -(rest.size if isinstance(rest, _Pattern) else len(rest))


def _same(word: str) -> str:
    return word


def _longest(match: PhraseMatch[object]) -> int:
    return match.n


class PhraseIndex(Generic[V]):
    """Phrases of folded words -> values, found in text longest first (see the module docstring).

    `head` turns a reading of a text word into the key its phrases are stored under (the
    gazetteer's makes ال optional); a reading with clitics stripped must leave a head of
    `min_head` letters. A phrase is added with its first word as `head` reads it.
    """

    # Class defaults: an index pickled before these options existed (the gazetteer's) reads as without them.
    endings: Endings | None = None
    max_gap: int = 3

    def __init__(
        self,
        clitics: Clitics = PROCLITICS,
        *,
        head: Callable[[str], str] = _same,
        min_head: int = 0,
        endings: Endings | None = None,
        max_gap: int = 3,
    ) -> None:
        self.clitics = clitics
        self.head = head
        self.min_head = min_head
        self.endings = endings
        self.max_gap = max_gap
        self._by_head: dict[str, list[tuple[tuple[str, ...], V]]] = {}

    def add(self, words: tuple[str, ...], value: V, taa: tuple[bool, ...] = ()) -> None:
        """Add a phrase of folded words (`GAP` may stand between two); among phrases with one head,
        those with more words are tried first, then in the order added. `taa`: which words were
        written with a final ة (see `add_written`)."""
        if self.endings is None and GAP not in words:
            entry: tuple[tuple[str, ...], V] = (words[1:], value)
        else:
            flags = taa or (False,) * len(words)
            entry = (
                _Pattern(
                    GAP if word == GAP else self._keys(word, flag)
                    for word, flag in zip(words[1:], flags[1:], strict=True)
                ),
                value,
            )
        entries = self._by_head.setdefault(words[0], [])
        bisect.insort_right(entries, entry, key=_entry_size)

    def add_written(self, form: str, value: V) -> None:
        """Add a phrase as written (folded here, `GAP` allowed between words)."""
        words: list[str] = []
        taa: list[bool] = []
        for j, part in enumerate(form.split(GAP)):
            if j:
                words.append(GAP)
                taa.append(False)
            for word, flag in written_words(part):
                words.append(word)
                taa.append(flag)
        self.add(tuple(words), value, tuple(taa))

    def _keys(self, word: str, taa: bool) -> frozenset[str]:
        return self.endings.keys(word, taa) if self.endings is not None else frozenset((word,))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_head.values())

    def _readings(self, text: FoldedText, i: int, head: bool) -> Iterator[tuple[str, int, int, bool]]:
        """(key, cut, cost, future) of each reading of word i: its proclitics, and with `endings` its endings."""
        if self.endings is None:
            for word, cut in self.clitics.readings(text.words[i]):
                yield word, cut, 0, False
        else:
            yield from self.endings.readings(text.words[i], self.clitics, head=head, taa=text.taa(i))

    def _cost_at(self, text: FoldedText, j: int, keys: frozenset[str]) -> int | None:
        """The fewest attachments with which word j reads as one of `keys`, or None."""
        if self.endings is None:
            return 0 if text.words[j] in keys else None
        for key, _cut, cost, _future in self._readings(text, j, False):
            if key in keys:
                return cost  # readings come cheapest first
        return None

    def _rest(self, text: FoldedText, j: int, pattern: tuple[frozenset[str] | str, ...]) -> tuple[int, int] | None:
        """(last word, cost) of a phrase's later words matched from word j, or None. A gap takes the
        fewest words that let the rest match, each counted as one attachment."""
        if not pattern:
            return j - 1, 0
        if pattern[0] is GAP:
            for skip in range(self.max_gap + 1):
                found = self._rest(text, j + skip, pattern[1:])
                if found is not None:
                    return found[0], found[1] + skip
            return None
        if j >= len(text):
            return None
        cost = self._cost_at(text, j, pattern[0])  # type: ignore[arg-type]
        if cost is None:
            return None
        found = self._rest(text, j + 1, pattern[1:])
        return None if found is None else (found[0], found[1] + cost)

    def matches_at(self, text: FoldedText, i: int) -> Iterator[PhraseMatch[V]]:
        """Every phrase that starts at word i: by reading of the word (`Clitics.readings` order; with
        `endings`, cheapest first), longest first."""
        words = text.words
        for word, cut, cost, future in self._readings(text, i, True):
            head = self.head(word)
            if cut and len(head) < self.min_head:
                continue
            for rest, value in self._by_head.get(head, ()):
                if type(rest) is tuple:
                    n = len(rest) + 1
                    if i + n <= len(words) and tuple(words[i + 1:i + n]) == rest and text.joined(i, n):
                        yield PhraseMatch(i, n, cut, word, value, cost, future, n)
                    continue
                found = self._rest(text, i + 1, rest)
                if found is not None and text.joined(i, found[0] - i + 1):
                    yield PhraseMatch(i, found[0] - i + 1, cut, word, value, cost + found[1], future, rest.size + 1)

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
