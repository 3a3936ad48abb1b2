"""Finding the phrases of a word list in Arabic text: folded, clitics stripped, longest match first.

A `PhraseIndex` maps phrases (tuples of folded words, `fold_words`) to values: glossary entries,
gazetteer names, or the terms of any word list loaded from a file. `scan` reads a `FoldedText`
left to right; at each word it reads the word with its attached clitics stripped every way
`Clitics` allows, takes the best phrase that starts there (by default the longest; the first
reading wins a tie) and goes on after it. A phrase of several words matches consecutive words
with nothing but spaces, underscores, hyphens or invisible marks between them in the original
(`شمال. لبنان` is not شمال لبنان). Every match knows its offsets in the original text.

A word list written bare (event triggers, news terms) needs two more things, each optional:
`endings` also reads the article, pronoun suffixes, a final alef, a construct plural and the future
prefix off the words of a phrase (`Endings`; a match then has a `cost`, the attachments read off);
an ending proper (a suffix, alef or construct plural, not the article) inside a phrase only where
the next word takes one too, as agreement (اجتماعا طارئا; وزيرا الخارجية is not وزير الخارجية), and a phrase
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
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .clitics import PROCLITICS, Clitics
from .endings import GAP, Endings, Reading, ends_with_taa, written_words
from .normalize import Normalized, fold

__all__ = ["FoldedText", "PhraseIndex", "PhraseMatch", "by_size_then_cost", "folded_tokens", "joined"]

V = TypeVar("V")
_CONJUNCTIONS = "وف"
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
        self._taa: list[bool] | None = None
        self._bare_alif: list[bool] | None = None

    def taa(self, i: int) -> bool:
        """Whether word i is written with a final ة in the original (folding makes it ه)."""
        if self._taa is None:
            self._taa = [ends_with_taa(self.original[slice(*self.norm.span_to_original(a, z))]) for a, z in self.spans]
        return self._taa[i]

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
        return self._written_as(i, at, "\u0624\u0626")

    def hamza_alif(self, i: int, at: int) -> bool:
        """Whether letter `at` of word i is written أ or آ, which folding makes ا (a hamzat qat' read
        with a or u; `term_index` tells it from the wasl alif of a lexicon form)."""
        return self._written_as(i, at, "\u0623\u0622")

    def _written_as(self, i: int, at: int, letters: str) -> bool:
        """Whether letter `at` of word i is written as one of `letters` in the original."""
        start = self.spans[i][0] + at
        if start >= self.spans[i][1]:
            return False
        a, z = self.norm.span_to_original(start, start + 1)
        return any(ch in letters for ch in self.norm.original[a:z])

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
    n: int  # words of the text it covers (a gap's words included)
    cut: int  # clitic letters stripped off the first word
    word: str  # the first word as read, clitics stripped
    value: V
    cost: int = 0  # attachments read off its words (with `endings`), and words skipped by a gap
    future: bool = False  # its first word was read without the future prefix س
    size: int = 0  # words of the phrase (a gap not counted); 0: n
    ending: bool = False  # an ending was read off its last word (`Reading.ending`)


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
        written with a final ة (see `add_written`); none given, it is unknown (`Endings.readings`)."""
        if self.endings is None and GAP not in words:
            entry: tuple[tuple[str, ...], V] = (words[1:], value)
        else:
            flags: tuple[bool | None, ...] = taa or (None,) * len(words)
            entry = (
                _Pattern(
                    GAP if word == GAP else self._keys(word, flag)
                    for word, flag in zip(words[1:], flags[1:], strict=True)
                ),
                value,
            )
        entries = self._by_head.setdefault(words[0], [])
        if entries and _entry_size(entries[-1]) > _entry_size(entry):
            bisect.insort_right(entries, entry, key=_entry_size)
        else:  # the common case (one-word phrases, or added longest first): no search
            entries.append(entry)

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

    def _keys(self, word: str, taa: bool | None) -> frozenset[str]:
        return self.endings.keys(word, taa) if self.endings is not None else frozenset((word,))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_head.values())

    def _readings(self, text: FoldedText, i: int, head: bool) -> Iterator[Reading]:
        """Each reading of word i: its proclitics, and with `endings` its endings. A reading whose
        clitics would leave a stem that begins with a seated hamza is none (`FoldedText.seated_hamza`)."""
        if self.endings is None:
            found: Iterable[Reading] = (Reading(word, cut, 0, False) for word, cut in self.clitics.readings(text.words[i]))
        else:
            found = self.endings.readings(
                text.words[i], self.clitics, head=head, taa=text.taa(i), bare_alif=text.bare_alif(i)
            )
        for reading in found:
            if not (reading.cut and text.seated_hamza(i, reading.cut)):
                yield reading

    def _word_readings(self, text: FoldedText, j: int, keys: frozenset[str]) -> Iterator[Reading]:
        """The readings of a phrase's later word j as one of `keys`, cheapest first. A conjunction
        (و، ف) read off a later word ends the phrase: شمالها وشرقها is north and east, not شمال شرق."""
        if self.endings is None:
            if text.words[j] in keys:
                yield Reading(text.words[j], 0, 0, False)
            return
        for reading in self._readings(text, j, False):
            if reading.key in keys and not (reading.cut and text.words[j][0] in _CONJUNCTIONS):
                yield reading

    def _rest(
        self, text: FoldedText, j: int, pattern: tuple[frozenset[str] | str, ...], agree: bool = False
    ) -> tuple[int, int, bool] | None:
        """(last word, cost, an ending on the last word) of a phrase's later words matched from word j,
        or None. A gap takes the fewest words that let the rest match, each counted as one attachment.

        An ending inside a phrase is agreement or nothing: a word read with an ending is followed by
        one read with an ending too (`agree`), as an adjective takes its noun's (اجتماعا طارئا، هجوما
        لاذعا), while the first term of a construct never takes one before its genitive (وزيرا
        الخارجية is two ministers, not وزير الخارجية)."""
        if not pattern:
            return None if agree else (j - 1, 0, False)
        if pattern[0] is GAP:
            if agree:
                return None
            for skip in range(self.max_gap + 1):
                found = self._rest(text, j + skip, pattern[1:])
                if found is not None:
                    return found[0], found[1] + skip, found[2]
            return None
        if j >= len(text):
            return None
        for reading in self._word_readings(text, j, pattern[0]):  # type: ignore[arg-type]
            if agree and not reading.ending:
                continue
            if len(pattern) == 1:
                return j, reading.cost, reading.ending
            found = self._rest(text, j + 1, pattern[1:], reading.ending)
            if found is not None:
                return found[0], found[1] + reading.cost, found[2]
        return None

    def matches_at(self, text: FoldedText, i: int) -> Iterator[PhraseMatch[V]]:
        """Every phrase that starts at word i: by reading of the word (`Clitics.readings` order; with
        `endings`, cheapest first), longest first. An ending inside a phrase must agree (`_rest`)."""
        words = text.words
        for word, cut, cost, future, ending in self._readings(text, i, True):
            head = self.head(word)
            if cut and len(head) < self.min_head:
                continue
            for rest, value in self._by_head.get(head, ()):
                if not rest:
                    yield PhraseMatch(i, 1, cut, word, value, cost, future, 1, ending)
                    continue
                if type(rest) is tuple:
                    n = len(rest) + 1
                    if not ending and i + n <= len(words) and tuple(words[i + 1:i + n]) == rest and text.joined(i, n):
                        yield PhraseMatch(i, n, cut, word, value, cost, future, n)
                    continue
                found = self._rest(text, i + 1, rest, ending)
                if found is not None and text.joined(i, found[0] - i + 1):
                    yield PhraseMatch(
                        i, found[0] - i + 1, cut, word, value, cost + found[1], future, rest.size + 1, found[2]
                    )

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
