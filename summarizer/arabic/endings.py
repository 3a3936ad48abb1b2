"""Endings: the article, pronoun suffixes, a final alef, a construct plural and the future prefix on an Arabic word.

A word list writes its terms in their plain forms (قصف، مظاهرة، قتيل، استقالة، مقاتلين، يعقد), but
news writes them with attachments a proclitic reader (`Clitics`) does not strip: the article
(القصف), a pronoun suffix (قصفها، اعتقلوه، استقالته، مظاهرتهم), the accusative (tanween) or dual
alef (شن هجوما، قتيلاً، اتفقا), a construct plural that lost its ن (مقاتلي الحركة) and the future
prefix س before an imperfect verb (سيعقد). `Endings` reads a folded word every way these
attachments allow, each reading with a cost (how many attachments it read off), so a phrase index
can prefer the reading that needs the fewest. The readings are only ever compared with the known
words of a list, so a reading that is not a word does no harm, but a reading that *is* another
word does, and the limits below exist for that:

- no ending after the article: a pronoun or a construct plural does not go with ال;
- folding writes ة as ه, which is also the pronoun "him": a word written with ة never loses its
  last letter as a pronoun (وزارة is not و + زار + ه); where the original is unknown, a bare ه
  comes off stems of four letters only (حاجة is not حاج + ه). Whether a word was written with ة
  is a fact of the original text (`FoldedText.taa`) or of the written form (`written_words`);
- a final alef only when the word was written with a bare ا (يقرأ "reads" is not يقر + ا), which
  the folded word alone cannot tell (`FoldedText.bare_alif`);
- a construct plural (ي/و for ين/ون) only on stems of five letters (أدى is not أدين);
- a final hamza written on a seat before a pronoun (إجلاؤهم، أعضائها) reads back as ء;
- the future prefix (سي، ست، سن) only on words of five letters or more (سيل, ستة stay as they are).

All of these are edges of a word: inflection and clitics add letters at the edges, while Arabic
derivation changes the inside of a word (its pattern: مقتل killing / مقاتل fighter, قتلى dead /
قتال fighting). `core_words_match` states that as a comparison rule for whole words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .clitics import PROCLITICS, Clitics
from .normalize import fold_key, fold_words

__all__ = [
    "ENDINGS", "GAP", "INFLECTION_SUFFIXES", "VERB_PERSON_SUFFIXES", "VERB_PREFIXES", "Endings", "Reading",
    "core_words_match", "edge_cores", "ends_with_taa", "written_words",
]

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
    attachments read off (`cost`), whether the future prefix س was one of them, and whether an
    ending was (`ending`: a pronoun suffix, final alef or construct plural; not the article, not س)."""

    key: str
    cut: int
    cost: int
    future: bool
    ending: bool = False


@dataclass(frozen=True)
class Endings:
    """Which attachments to read off a folded word, beyond its proclitics (module docstring)."""

    suffixes: tuple[str, ...] = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")  # longest first
    article: bool = True  # ال
    alef: bool = True  # final accusative (tanween) or dual alef
    construct: bool = True  # a construct plural's lost ن (مقاتلي -> مقاتلين)
    future: bool = True  # س before ي/ت/ن, only on a phrase's first word
    min_left: int = 3  # letters left after removing a suffix
    min_future: int = 5  # letters of a word that may start with the future prefix
    min_construct: int = 5  # letters of a stem that may be a construct plural
    imperfect: str = "يتن"

    def readings(
        self, word: str, clitics: Clitics = PROCLITICS, *, head: bool, taa: bool | None = None, bare_alif: bool = True,
    ) -> tuple[Reading, ...]:
        """Each reading of a folded text word, cheapest first (then the fewest letters cut), one per key.

        The word itself (cost 0); after proclitics (`clitics`, cost 1); then without ال, or
        without a pronoun suffix (cost 2; مظاهرتهم -> مظاهرة, اعتقلوه -> اعتقلوا, إجلاؤهم -> إجلاء;
        never the ه of a word written with ة, `taa`; `taa` None: unknown, a bare ه only off four
        letters), or without a final alef written bare (`bare_alif`; هجوما -> هجوم), or as a
        construct plural (مقاتلي -> مقاتلين). Only a phrase's first word (`head`) may drop the
        future prefix (سيعقد -> يعقد).
        """
        return _readings(self, clitics, word, head, taa, bare_alif)

    def keys(self, word: str, taa: bool | None = None) -> frozenset[str]:
        """What the last word of a written phrase matches: itself, and itself without a suffix or final
        alef. A word written bare (نار) also matches the text's النار, since the text side reads ال
        off; written with ال it requires the article."""
        return _keys(self, word, taa)


@lru_cache(maxsize=131072)
def _readings(
    endings: Endings, clitics: Clitics, word: str, head: bool, taa: bool | None, bare_alif: bool,
) -> tuple[Reading, ...]:
    found: dict[str, tuple[int, int, bool, bool]] = {}

    floor = 2

    def add(key: str, cut: int, cost: int, future: bool, ending: bool) -> None:
        if len(key) < floor:
            return
        old = found.get(key)
        if old is None or (cost, cut) < (old[1], old[0]):
            found[key] = (cut, cost, future, ending)

    def construct(stem: str, cut: int, cost: int, future: bool) -> None:
        if endings.construct and len(stem) >= endings.min_construct and stem[-1] in "يو":
            add(stem + "ن", cut, cost + 1, future, True)

    for variant, cut in clitics.readings(word):
        base = 1 if cut else 0
        floor = clitics.min_stem_for(word[:cut]) if cut else 2  # كبيرا is not ك + بير + ا
        stems = [(variant, base, False)]
        if (endings.future and head and len(variant) >= endings.min_future and variant[0] == "س"
                and variant[1] in endings.imperfect):
            stems.append((variant[1:], base + 1, True))
        for stem, cost, future in stems:
            add(stem, cut, cost, future, False)
            if endings.article and stem.startswith("ال") and len(stem) >= 4:
                add(stem[2:], cut, cost + 1, future, False)
                continue  # a word with the article takes no ending
            construct(stem, cut, cost, future)
            for suffix in endings.suffixes:
                if suffix == "ه" and (taa or (taa is None and len(stem) - 1 < 4)):
                    continue
                if stem.endswith(suffix) and len(stem) - len(suffix) >= endings.min_left:
                    bare = stem[: -len(suffix)]
                    add(bare, cut, cost + 2, future, True)
                    if bare.endswith("ت"):
                        add(bare[:-1] + "ه", cut, cost + 2, future, True)  # ة before a suffix: مظاهرتهم
                    elif bare[-1] in "وي":
                        # a final hamza takes a seat (ؤ ئ) before a suffix: إجلاؤهم -> اجلاء
                        add(bare[:-1] + "ء", cut, cost + 2, future, True)
                    if bare.endswith("و"):
                        add(bare + "ا", cut, cost + 2, future, True)  # فعلوا + ه -> فعلوه
                    construct(bare, cut, cost + 2, future)
                    break  # one pronoun: the longest that fits
            if endings.alef and bare_alif and stem.endswith("ا") and len(stem) >= 4:
                add(stem[:-1], cut, cost + 1, future, True)
    return tuple(
        Reading(key, cut, cost, future, ending)
        for key, (cut, cost, future, ending) in sorted(found.items(), key=lambda kv: (kv[1][1], kv[1][0]))
    )


@lru_cache(maxsize=65536)
def _keys(endings: Endings, word: str, taa: bool | None) -> frozenset[str]:
    keys = {word}
    for r in _readings(endings, PROCLITICS, word, False, taa, True):
        if r.cut == 0 and not (word.startswith("ال") and not r.key.startswith("ال")):
            keys.add(r.key)
    return frozenset(keys)


#: Every rule on: how a word list of bare terms (event triggers, news terms) is read in news text.
ENDINGS = Endings()


#: Inflectional endings of nouns, adjectives and verbs, as folded (ة is ه): plural and dual
#: (ات، ون، ين، ان), feminine (ه), verb persons (وا، ت، نا، تم، ن), nisba and construct (ي، و),
#: tanween alif (ا), pronouns. Longest first.
INFLECTION_SUFFIXES = (
    "تهما", "اتهم", "اتها", "تهم", "تها", "هما", "كما",
    "ات", "ون", "ين", "ان", "وا", "نا", "تم", "هم", "ها", "كم", "ته", "يه",
    "ه", "ت", "ي", "و", "ا", "ن", "ك",
)
#: Imperfect verb prefixes (يقتل، تقصف، نعلن، أعلن folded اعلن) and the future سـ before them.
VERB_PREFIXES = ("سي", "ست", "سن", "ي", "ت", "ن", "ا")



#: Verb person affixes: what conjugation adds to the edges of a three-letter root (يقرر، قررت، قرر).
VERB_PERSON_SUFFIXES = ("وا", "نا", "تم", "تا", "ت")


def edge_cores(word: str, min_core: int = 4) -> set[str]:
    """The cores of a folded, clitic-free word: itself, and what is left once inflection is taken off its
    edges: one suffix (`INFLECTION_SUFFIXES`) and/or one verb prefix (`VERB_PREFIXES`) leaving `min_core`
    letters or more; or, for a word of `min_core` letters or more, a three-letter root left by verb
    person affixes only (يقرر، قررت -> قرر), since noun endings on three letters make other words
    (مدني civilian is not مدن cities, سوري Syrian not سور wall)."""
    cores = {word}
    for suffix in INFLECTION_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_core:
            cores.add(word[: -len(suffix)])
    for core in list(cores):
        for prefix in VERB_PREFIXES:
            if core.startswith(prefix) and len(core) - len(prefix) >= min_core:
                cores.add(core[len(prefix):])
    if len(word) >= min_core:
        verb = [word] + [word[: -len(s)] for s in VERB_PERSON_SUFFIXES if word.endswith(s)]
        for v in verb:
            for prefix in ("", *VERB_PREFIXES):
                if v.startswith(prefix) and len(v) - len(prefix) == 3 and (prefix or v != word):
                    cores.add(v[len(prefix):])
    return cores


def core_words_match(a: str, b: str, *, min_core: int = 4) -> bool:
    """Whether two folded, clitic-free words are the same word in different inflections.

    Identical words match. Otherwise the longer must have `min_core` letters or more and the two must
    share a core once inflection is taken off their **edges** only (`edge_cores`): a suffix (plural,
    dual, feminine, person, pronoun, tanween) and an imperfect or future prefix (انسحاب / انسحابات,
    مدني / مدنيين), or, on a three-letter root, the affixes of a verb's person (يقرر / قررت, يقصف /
    قصف). Letters that differ inside a word are never forgiven: Arabic makes other words by changing
    a word's inside (مقتل killing / مقاتل fighter, قتلى dead / قتال fighting, هدنة truce / هدم
    demolition), so two words one inner letter apart are two words.
    """
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3 or max(len(a), len(b)) < min_core:
        return False
    return bool(edge_cores(a, min_core) & edge_cores(b, min_core))
