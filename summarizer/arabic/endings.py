"""Endings: what inflection attaches to the end of an Arabic word (and the future prefix of a verb).

Clitics (`clitics`) are read off the front of a word; inflection also changes its end. A word list
that writes its terms bare (قتيل، استقالة، قوات، مقاتلين، يعقد) meets them in text as قتيلاً (tanween
alif), استقالته (a pronoun suffix, ta marbuta written ت), قواتها, مقاتلي الحركة (a construct plural
that lost its ن) and سيعقد (the future prefix س). `Endings.readings` gives every way of reading a
folded word as such a stem; the stems are only ever compared with the known words of a list, so a
reading that is not a word does no harm, but a reading that *is* another word does, and the limits
below exist for that:

- no ending after the article: an ending (a pronoun, a construct plural) does not go with ال;
- tanween alif only when the word was written with a bare ا (يقرأ "reads" is not يقر + ا), which
  the folded word alone cannot tell (`FoldedText.bare_alif`);
- a bare ه only on stems of four letters (ه is also a folded ة: حاجة is not حاج + ه), other
  pronouns on stems of three;
- a construct plural (ي/و for ين/ون) only on stems of five letters (أدى is not أدين);
- a final hamza written on a seat before a pronoun (إجلاؤهم، أعضائها) reads back as ء;
- the future prefix (سي، ست، سن) only on words of five letters or more (سيل, ستة stay as they are).

All of these are edges of a word: inflection and clitics add letters at the edges, while Arabic
derivation changes the inside of a word (its pattern: مقتل killing / مقاتل fighter, قتلى dead /
قتال fighting). `core_words_match` states that as a comparison rule for whole words.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ARTICLE", "ENDINGS", "Endings", "INFLECTION_SUFFIXES", "PRONOUN_SUFFIXES", "VERB_PERSON_SUFFIXES",
    "VERB_PREFIXES", "core_words_match",
    "edge_cores",
]

ARTICLE = "ال"
#: Attached object/possessive pronouns (قتله، حكومتها، استقالته، قادتهم), longest first.
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")
_FUTURE = ("سي", "ست", "سن")
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


@dataclass(frozen=True)
class Endings:
    """How to read the endings off a folded word (see the module docstring); each rule can be turned off."""

    tanween: bool = True
    pronouns: bool = True
    construct: bool = True
    future: bool = True

    def suffixed(self, word: str, *, bare_alif: bool = True) -> list[str]:
        """Stems `word` reads as once an attached ending is taken off (tanween, pronoun, construct
        plural), in order, without `word` itself. `bare_alif`: the word was written ending in ا."""
        if word.startswith(ARTICLE):
            return []
        out: list[str] = []
        seen = {word}

        def add(stem: str) -> None:
            if len(stem) >= 3 and stem not in seen:
                seen.add(stem)
                out.append(stem)

        def construct(stem: str) -> None:
            if self.construct and len(stem) >= 5 and stem[-1] in "يو":
                add(stem + "ن")

        if self.tanween and bare_alif and len(word) >= 4 and word.endswith("ا"):
            add(word[:-1])
        construct(word)
        if self.pronouns:
            for suffix in PRONOUN_SUFFIXES:
                if not word.endswith(suffix):
                    continue
                stem = word[: -len(suffix)]
                if len(stem) < (4 if suffix == "ه" else 3):
                    break
                add(stem)
                if stem.endswith("ت"):
                    add(stem[:-1] + "ه")  # استقالته -> استقاله (the folded ة)
                elif stem[-1] in "وي":
                    add(stem[:-1] + "ء")  # إجلاؤهم -> اجلاء: a final hamza takes a seat (ؤ ئ) before a suffix
                construct(stem)
                break
        return out

    def readings(self, word: str, *, bare_alif: bool = True) -> list[tuple[str, bool]]:
        """Each way of reading `word` with its endings off: (stem, an ending was taken off), the word first.

        The future prefix comes off a verb first (سيعقد -> يعقد) without counting as an ending; then
        the endings of `suffixed`. A phrase of several words can only end in a word read with an
        ending, so callers need to know which readings took one off.
        """
        bases = [word]
        if self.future and len(word) >= 5 and word.startswith(_FUTURE):
            bases.append(word[1:])
        out: list[tuple[str, bool]] = []
        seen: set[str] = set()
        for base in bases:
            for stem, ending in [(base, False), *((s, True) for s in self.suffixed(base, bare_alif=bare_alif))]:
                if stem not in seen:
                    seen.add(stem)
                    out.append((stem, ending))
        return out


#: Every rule on: how a word list of bare terms is read in news text.
ENDINGS = Endings()


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
