"""The words numbers are written with, in Arabic and English, and their grammatical roles.

`numbers` reads numbers with this lexicon: Arabic number words keyed by `arabic.fold_key` (any
hamza, ta marbuta or diacritic spelling), attached clitics stripped (`arabic_atom`), English words
lower-cased, and the words around a number that make it an ordinal, a fraction or a percentage.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from .arabic import Clitics, fold_key

__all__ = [
    "AR_ORDINALS", "AR_PERCENT_AFTER_FI", "ARABIC", "Atom", "CLEAN_SCORE", "DIGIT_SUFFIXES", "EN_ORDINALS", "ENGLISH",
    "DAY_ORDINALS", "FI", "Form", "GOAL_WORDS", "PERCENT_WORDS", "Role", "arabic_atom", "arabic_ordinal",
    "arabic_word_in",
]


class Role(Enum):
    """Grammatical role of a number word; decides which words may follow it in one number."""

    UNIT = auto()  # 1-9
    TEN = auto()  # 10; also closes an Arabic teen (ثلاثة عشر)
    TEEN = auto()  # 11-19: an English word, or an Arabic unit + عشر merged into one token
    TEEN_HEAD = auto()  # Arabic أحد/إحدى/اثنا..: only valid before عشر/عشرة
    TENS = auto()  # 20-90
    HUNDREDS = auto()  # Arabic 100-900 as one word
    HUNDRED = auto()  # English "hundred": a multiplier
    DOZEN = auto()
    ARTICLE = auto()  # English "a": only before hundred/thousand/...
    SCALE = auto()  # 1e3, 1e6, 1e9, 1e12
    DIGITS = auto()
    FRACTION = auto()  # نصف، ربع، ثلث، half, quarter: a count only as a fraction of a scale word
    FRACTIONS = auto()  # أرباع، quarters: counted by a unit before them (ثلاثة أرباع, three quarters)
    GROUP = auto()  # خماسية (a five-goal win, a five-party committee): a stated value, never a mention


class Form(Enum):
    """How an Arabic scale word may be used."""

    SINGULAR = auto()  # ألف, مليون: alone = 1x, or counted by 11+
    PLURAL = auto()  # آلاف, ملايين: only counted (3-10); alone it is vague
    DUAL = auto()  # ألفان, مليونين: 2x, never counted
    AMBIGUOUS = auto()  # ألفا: dual construct (2x) or accusative singular (1x, counted)


@dataclass(frozen=True, slots=True)
class Atom:
    kind: Role
    value: int
    form: Form = Form.SINGULAR
    lang: str = "ar"  # "ar", "en" or "" for digits
    weak: bool = False  # one/two words: not a mention on their own
    denominator: int = 1  # fractions: value / denominator (ثلثا = 2/3; أرباع = 1/4, counted)


def _ar(*pairs: tuple[str, Atom]) -> dict[str, Atom]:
    # Keys are folded, so they match any hamza/ta-marbuta/diacritic spelling of the word.
    return {fold_key(word): atom for word, atom in pairs}


def _build_arabic() -> dict[str, Atom]:
    u, t = Role.UNIT, Role.TENS
    entries: list[tuple[str, Atom]] = []
    for word in ("واحد", "واحدة"):
        entries.append((word, Atom(u, 1, weak=True)))
    for word in ("اثنان", "اثنين", "اثنتان", "اثنتين"):
        entries.append((word, Atom(u, 2, weak=True)))
    for word in ("أحد", "إحدى"):
        entries.append((word, Atom(Role.TEEN_HEAD, 1)))
    for word in ("اثنا", "اثني", "اثنتا", "اثنتي"):
        entries.append((word, Atom(Role.TEEN_HEAD, 2)))
    units = {
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثمان", "ثماني", "ثمانية"),
        9: ("تسع", "تسعة"),
    }
    for value, words in units.items():
        entries += [(w, Atom(u, value)) for w in words]
    entries += [("عشر", Atom(Role.TEN, 10)), ("عشرة", Atom(Role.TEN, 10))]
    tens = {
        20: "عشر", 30: "ثلاث", 40: "أربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع",
    }
    for value, stem in tens.items():
        entries += [(stem + "ون", Atom(t, value)), (stem + "ين", Atom(t, value))]
    for word in ("مئة", "مائة"):
        entries.append((word, Atom(Role.HUNDREDS, 100)))
    for word in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"):
        entries.append((word, Atom(Role.HUNDREDS, 200)))
    # ثلاثمئة/ثلاثمائة ...; ثلثمائة is the older spelling.
    hundreds = {
        3: ("ثلاث", "ثلث"), 4: ("أربع",), 5: ("خمس",), 6: ("ست",), 7: ("سبع",), 8: ("ثمان", "ثماني"), 9: ("تسع",),
    }
    for value, stems in hundreds.items():
        atom = Atom(Role.HUNDREDS, value * 100)
        entries += [(stem + hundred, atom) for stem in stems for hundred in ("مئة", "مائة")]
    scales = {
        1000: ("ألف", "ألفا", ("ألفان", "ألفين", "ألفي"), ("آلاف",)),
        10**6: ("مليون", "مليونا", ("مليونان", "مليونين", "مليوني"), ("ملايين",)),
        10**9: ("مليار", "مليارا", ("ملياران", "مليارين", "ملياري"), ("مليارات",)),
        10**12: ("تريليون", "تريليونا", ("تريليونان", "تريليونين"), ("تريليونات",)),
    }
    for value, (singular, ambiguous, duals, plurals) in scales.items():
        entries.append((singular, Atom(Role.SCALE, value, Form.SINGULAR)))
        entries.append((ambiguous, Atom(Role.SCALE, value, Form.AMBIGUOUS)))
        entries += [(w, Atom(Role.SCALE, value, Form.DUAL)) for w in duals]
        entries += [(w, Atom(Role.SCALE, value, Form.PLURAL)) for w in plurals]
    # Levantine/older press "billion".
    entries += [("بليون", Atom(Role.SCALE, 10**9)), ("بلايين", Atom(Role.SCALE, 10**9, Form.PLURAL))]
    # Fractions: ربع مليون, مليون ونصف, ثلاثة أرباع المليون. خمس and عشر (a fifth, a tenth) are
    # spelt like five and ten, which they stay.
    fractions = {"نصف": (1, 2), "ربع": (1, 4), "ثلث": (1, 3), "ثلثا": (2, 3), "ثلثي": (2, 3)}
    entries += [(w, Atom(Role.FRACTION, n, denominator=d)) for w, (n, d) in fractions.items()]
    entries += [("أرباع", Atom(Role.FRACTIONS, 1, denominator=4)), ("أثلاث", Atom(Role.FRACTIONS, 1, denominator=3))]
    # Nouns of a number of goals or parties: فاز بخماسية (5 goals), القمة الثلاثية (3 parties),
    # علاقات ثنائية (bilateral). ثمانية is eight itself.
    groups = {2: "ثنائية", 3: "ثلاثية", 4: "رباعية", 5: "خماسية", 6: "سداسية", 7: "سباعية"}
    entries += [(w, Atom(Role.GROUP, n, weak=True)) for n, w in groups.items()]
    return _ar(*entries)


def _build_english() -> dict[str, Atom]:
    words = "one two three four five six seven eight nine".split()
    out = {w: Atom(Role.UNIT, i + 1, lang="en", weak=i < 2) for i, w in enumerate(words)}
    out["ten"] = Atom(Role.TEN, 10, lang="en")
    teens = "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    out |= {w: Atom(Role.TEEN, 11 + i, lang="en") for i, w in enumerate(teens)}
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    out |= {w: Atom(Role.TENS, 20 + 10 * i, lang="en") for i, w in enumerate(tens)}
    out["hundred"] = Atom(Role.HUNDRED, 100, lang="en")
    out["dozen"] = Atom(Role.DOZEN, 12, lang="en")
    out["a"] = Atom(Role.ARTICLE, 1, lang="en", weak=True)
    for word, value in (("thousand", 10**3), ("million", 10**6), ("mn", 10**6), ("billion", 10**9),
                        ("bn", 10**9), ("trillion", 10**12), ("tn", 10**12)):
        out[word] = Atom(Role.SCALE, value, lang="en")
    out["half"] = Atom(Role.FRACTION, 1, lang="en", denominator=2)
    out["quarter"] = Atom(Role.FRACTION, 1, lang="en", denominator=4)
    out["quarters"] = Atom(Role.FRACTIONS, 1, lang="en", denominator=4)
    out["thirds"] = Atom(Role.FRACTIONS, 1, lang="en", denominator=3)
    return out


ARABIC = _build_arabic()
ENGLISH = _build_english()

# English words that turn a preceding number word into an ordinal or a fraction.
EN_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth "
    "fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth billionth "
    "half halves thirds quarter quarters fourths fifths sixths sevenths eighths ninths tenths".split()
)
# Arabic ordinal units: a number word right after one is part of an ordinal (الثالث عشر = 13th,
# الحادي والعشرين = 21st), never a count.
AR_ORDINALS = frozenset(
    fold_key(w)
    for stem in ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
    for w in (stem, stem + "ة", "ال" + stem, "ال" + stem + "ة")
)
# Ordinals as values: الخامس من حزيران (the 5th of June), الساعة العاشرة (ten o'clock). Masculine
# and feminine, with the article; الحادي/الحادية only in 11, 21, 31.
_ORDINAL_UNITS = {
    1: ("الأول", "الأولى", "الحادي", "الحادية"), 2: ("الثاني", "الثانية"), 3: ("الثالث", "الثالثة"),
    4: ("الرابع", "الرابعة"), 5: ("الخامس", "الخامسة"), 6: ("السادس", "السادسة"), 7: ("السابع", "السابعة"),
    8: ("الثامن", "الثامنة"), 9: ("التاسع", "التاسعة"), 10: ("العاشر", "العاشرة"),
}
_ORDINAL_VALUES = {fold_key(w): n for n, words in _ORDINAL_UNITS.items() for w in words}
# A day of the month is masculine (اليوم understood): الخامس من حزيران; الخامسة agrees with a
# feminine noun (المرة الخامسة, الساعة الخامسة).
DAY_ORDINALS = frozenset(fold_key(w) for words in _ORDINAL_UNITS.values() for w in words[::2]) | {
    fold_key("العشرين"), fold_key("الثلاثين"),
}
_ONE_IN_COMPOUNDS = frozenset(fold_key(w) for w in ("الحادي", "الحادية"))
_ORDINAL_TEENS = frozenset(fold_key(w) for w in ("عشر", "عشرة"))  # الخامس عشر
_ORDINAL_AND_TENS = {fold_key("والعشرين"): 20, fold_key("والثلاثين"): 30}  # الحادي والعشرين
_ORDINAL_TENS = {fold_key("العشرين"): 20, fold_key("الثلاثين"): 30}


def arabic_ordinal(key: str, nxt: str | None) -> tuple[int, int] | None:
    """(value, words read) of the Arabic ordinal in words whose first word is `key` and the word
    after it `nxt` (folded keys), or None.

    Digit-free days and hours: الخامس 5, الخامس عشر 15, الحادي والعشرين 21, الثلاثين 30.
    """
    if key in _ORDINAL_TENS:
        return _ORDINAL_TENS[key], 1
    unit = _ORDINAL_VALUES.get(key)
    if unit is None or unit == 10 and nxt in _ORDINAL_AND_TENS:
        return None
    if unit < 10 and nxt in _ORDINAL_TEENS:
        return unit + 10, 2
    if unit < 10 and nxt in _ORDINAL_AND_TENS:
        return unit + _ORDINAL_AND_TENS[nxt], 2
    return None if key in _ONE_IN_COMPOUNDS else (unit, 1)


# "per cent" words; المئة after في is a percent sign, not a hundred.
PERCENT_WORDS = frozenset({"percent", "pct", *(fold_key(w) for w in ("بالمئة", "بالمائة"))})
AR_PERCENT_AFTER_FI = frozenset(fold_key(w) for w in ("المئة", "المائة"))
FI = "في"

# A score "clean" of goals for the other side (بخماسية نظيفة, بهدفين نظيفين) states a 0, after a
# noun of goals or a goal word.
CLEAN_SCORE = frozenset(fold_key(w) for w in ("نظيف", "نظيفة", "نظيفا", "نظيفين", "نظيفتين", "نظيفان"))
GOAL_WORDS = frozenset(fold_key(w) for w in ("هدف", "هدفا", "هدفين", "هدفان", "أهداف", "هدفاً"))

# Letters attached to digits: ordinal and decade suffixes keep the value; k/m are money shorthands.
DIGIT_SUFFIXES: dict[str, tuple[int, ...]] = {
    "st": (1,), "nd": (1,), "rd": (1,), "th": (1,), "s": (1,),
    "k": (10**3,),
    "m": (10**6, 1),  # "$5m" is 5 million, "a 5m wall" is 5 metres
}

# Clitics written attached to Arabic number words: conjunction, preposition, article, shortest
# first. Two-letter stems collide with common words once a clitic is stripped (لست "I am not",
# وست "West"), so they only take the clitics that are unambiguous for them.
_CLITICS = Clitics(
    article=True, min_stem=3, min_stem_after=dict.fromkeys(("ال", "وال", "ب", "بال"), 2), longest_first=False
)


def arabic_word_in(key: str, words: frozenset[str]) -> bool:
    """Whether a folded Arabic token is one of `words`, bare or behind the number words' clitics."""
    return any(stem in words for stem, _ in _CLITICS.readings(key))


def arabic_atom(key: str) -> tuple[str, Atom] | None:
    """Split a folded Arabic token into (prefix, number atom), trying the bare word first."""
    for stem, cut in _CLITICS.readings(key):
        if stem in ARABIC:
            return key[:cut], ARABIC[stem]
    return None
