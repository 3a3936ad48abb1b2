"""Endings: the article, pronoun suffixes, a final alef and the future prefix on an Arabic word.

A word list of verbs and verbal nouns is written in their plain forms (قصف، مظاهرة، هجوم), but news
writes them with attachments a proclitic reader (`Clitics`) does not strip: the article (القصف),
a pronoun suffix (قصفها، اعتقلوه، مظاهرتهم), the accusative or dual alef (شن هجوما، اتفقا), and the
future prefix س before an imperfect verb (سيعقد). `Endings` reads a folded word every way these
attachments allow, each reading with a cost (how many attachments it read off), so a phrase
index can prefer the reading that needs the fewest.

Folding writes ة as ه, which is also the pronoun "him"; a word written with ة never loses its last
letter as a pronoun (وزارة is not و + زار + ه). Whether a word was written with ة is a fact of the
original text (`FoldedText.taa`) or of the written form (`written_words`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .clitics import PROCLITICS, Clitics
from .normalize import fold_key, fold_words

__all__ = ["ENDINGS", "GAP", "Endings", "Reading", "ends_with_taa", "written_words"]

#: In a phrase of a word list, `…` stands for a few words of the same clause (`PhraseIndex.max_gap`):
#: the subject of a verb in verb-subject-object order (أطلقت … سراح matches أطلقت السلطات سراح).
GAP = "…"


def ends_with_taa(word: str) -> bool:
    """Whether a word as written ends with ة (diacritics and tatweel aside)."""
    for ch in reversed(word):
        if ch == "\u0640" or unicodedata.category(ch) == "Mn":
            continue
        return ch == "ة"
    return False


_PLAIN = re.compile(r"^[\u0621-\u063A\u0641-\u065F\u0670 0-9-]+$")


@cache
def written_words(form: str) -> tuple[tuple[str, bool], ...]:
    """The folded words of a written form (no gap), each with whether it was written with a final ة.

    The same words as `fold_words`; a form of plain Arabic letters, marks, spaces, ASCII digits and
    hyphens is folded character by character, about 50 times faster than the full `fold`.
    """
    out: list[tuple[str, bool]] = []
    for word in form.split():
        parts = fold_key(word).split() if _PLAIN.match(word) else list(fold_words(word))
        out.extend((part, j == len(parts) - 1 and ends_with_taa(word)) for j, part in enumerate(parts))
    return tuple(out)


class Reading(NamedTuple):
    """One way of reading a text word: the key looked up, proclitic letters cut at its start, the
    attachments read off (`cost`), and whether the future prefix س was one of them."""

    key: str
    cut: int
    cost: int
    future: bool


@dataclass(frozen=True)
class Endings:
    """Which attachments to read off a folded word, beyond its proclitics (module docstring)."""

    suffixes: tuple[str, ...] = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")  # longest first
    article: bool = True  # ال
    alef: bool = True  # final accusative or dual alef
    future: bool = True  # س before ي/ت/ن, only on a phrase's first word
    min_left: int = 3  # letters left after removing a suffix
    imperfect: str = "يتن"

    def readings(self, word: str, clitics: Clitics = PROCLITICS, *, head: bool, taa: bool = False) -> tuple[Reading, ...]:
        """Each reading of a folded text word, cheapest first (then the fewest letters cut), one per key.

        The word itself (cost 0); after proclitics (`clitics`, cost 1); then without ال, or
        without a pronoun suffix (cost 2; مظاهرتهم -> مظاهرة, اعتقلوه -> اعتقلوا; never the ه of a
        word written with ة, `taa`), or without a final alef (هجوما -> هجوم). Only a phrase's first
        word (`head`) may drop the future prefix (سيعقد -> يعقد).
        """
        return _readings(self, clitics, word, head, taa)

    def keys(self, word: str, taa: bool = False) -> frozenset[str]:
        """What a later word of a written phrase matches: itself, and itself without a suffix or final
        alef. A word written bare (نار) also matches the text's النار, since the text side reads ال
        off; written with ال it requires the article."""
        return _keys(self, word, taa)


@lru_cache(maxsize=131072)
def _readings(endings: Endings, clitics: Clitics, word: str, head: bool, taa: bool) -> tuple[Reading, ...]:
    found: dict[str, tuple[int, int, bool]] = {}

    def add(key: str, cut: int, cost: int, future: bool) -> None:
        if len(key) < 2:
            return
        old = found.get(key)
        if old is None or (cost, cut) < (old[1], old[0]):
            found[key] = (cut, cost, future)

    for variant, cut in clitics.readings(word):
        base = 1 if cut else 0
        stems = [(variant, base, False)]
        if endings.future and head and len(variant) >= 4 and variant[0] == "س" and variant[1] in endings.imperfect:
            stems.append((variant[1:], base + 1, True))
        for stem, cost, future in stems:
            add(stem, cut, cost, future)
            if endings.article and stem.startswith("ال") and len(stem) >= 4:
                add(stem[2:], cut, cost + 1, future)
                continue  # a word with the article takes no pronoun suffix
            for suffix in endings.suffixes:
                if taa and suffix == "ه":
                    continue
                if stem.endswith(suffix) and len(stem) - len(suffix) >= endings.min_left:
                    bare = stem[: -len(suffix)]
                    add(bare, cut, cost + 2, future)
                    if bare.endswith("ت"):
                        add(bare[:-1] + "ه", cut, cost + 2, future)  # ة before a suffix: مظاهرتهم
                    if bare.endswith("و"):
                        add(bare + "ا", cut, cost + 2, future)  # فعلوا + ه -> فعلوه
            if endings.alef and stem.endswith("ا") and len(stem) >= 4:
                add(stem[:-1], cut, cost + 1, future)
    return tuple(
        Reading(key, cut, cost, future)
        for key, (cut, cost, future) in sorted(found.items(), key=lambda kv: (kv[1][1], kv[1][0]))
    )


@lru_cache(maxsize=65536)
def _keys(endings: Endings, word: str, taa: bool) -> frozenset[str]:
    keys = {word}
    for r in _readings(endings, PROCLITICS, word, False, taa):
        if r.cut == 0 and not (word.startswith("ال") and not r.key.startswith("ال")):
            keys.add(r.key)
    return frozenset(keys)


#: The endings of event verbs and verbal nouns (the trigger lexicon, its status cues).
ENDINGS = Endings()
