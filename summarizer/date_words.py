"""The words of date expressions in Arabic and English news, and how a word is looked up in them.

Every list is written in natural spelling and keyed by `arabic.spelling_key` once at import; a
word of a text is looked up with its attached conjunction and preposition stripped (`candidates`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .arabic import Clitics, spelling_key
from .number_words import DAY_ORDINALS, arabic_ordinal

# Attached conjunctions and prepositions, shortest first; ل + ال written لل is read back (للسبت).
# Never down to a stem under three letters: "باب" is not ب + آب.
_CLITICS = Clitics(restore_article=True, min_stem=3, longest_first=False)


def _keys(table: dict[str, int]) -> dict[str, int]:
    return {spelling_key(k): v for k, v in table.items()}


# Python's weekday(): Monday = 0 ... Sunday = 6. Arabic weekdays always carry ال in news text;
# bare forms are not accepted because "أحد" (one), "اثنين" (two), "خميس", "جمعة" (names) are words.
WEEKDAYS = _keys(
    {
        "الأحد": 6,
        "الاثنين": 0,
        "الإثنين": 0,
        "الاتنين": 0,
        "الثلاثاء": 1,
        "الثلاثا": 1,
        "الأربعاء": 2,
        "الاربعا": 2,
        "الخميس": 3,
        "الجمعة": 4,
        "السبت": 5,
        "monday": 0,
        "mon": 0,
        "tuesday": 1,
        "tue": 1,
        "tues": 1,
        "wednesday": 2,
        "wed": 2,
        "thursday": 3,
        "thu": 3,
        "thur": 3,
        "thurs": 3,
        "friday": 4,
        "fri": 4,
        "saturday": 5,
        "sat": 5,
        "sunday": 6,
        "sun": 6,
    }
)

MONTHS = _keys(
    {
        # Levantine / Iraqi (single word; كانون and تشرين are handled as two-word names)
        "شباط": 2,
        "آذار": 3,
        "نيسان": 4,
        "أيار": 5,
        "حزيران": 6,
        "تموز": 7,
        "آب": 8,
        "أيلول": 9,
        # Egyptian / Gulf
        "يناير": 1,
        "فبراير": 2,
        "مارس": 3,
        "أبريل": 4,
        "إبريل": 4,
        "ابريل": 4,
        "مايو": 5,
        "يونيو": 6,
        "يونيه": 6,
        "يوليو": 7,
        "يوليه": 7,
        "أغسطس": 8,
        "اغسطس": 8,
        "سبتمبر": 9,
        "أكتوبر": 10,
        "اكتوبر": 10,
        "نوفمبر": 11,
        "ديسمبر": 12,
        # Maghrebi (Algeria / Tunisia, Morocco)
        "جانفي": 1,
        "فيفري": 2,
        "أفريل": 4,
        "ماي": 5,
        "جوان": 6,
        "جويلية": 7,
        "أوت": 8,
        "يوليوز": 7,
        "غشت": 8,
        "شتنبر": 9,
        "نونبر": 11,
        "دجنبر": 12,
        # English
        "january": 1,
        "jan": 1,
        "february": 2,
        "feb": 2,
        "march": 3,
        "mar": 3,
        "april": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun": 6,
        "july": 7,
        "jul": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sep": 9,
        "sept": 9,
        "october": 10,
        "oct": 10,
        "november": 11,
        "nov": 11,
        "december": 12,
        "dec": 12,
    }
)
# كانون الثاني = January, كانون الأول = December, تشرين الأول = October, تشرين الثاني = November.
TWO_WORD_MONTHS = {
    "كانون": {"الثاني": 1, "ثاني": 1, "الاول": 12, "اول": 12},
    "تشرين": {"الاول": 10, "اول": 10, "الثاني": 11, "ثاني": 11},
}

PAST_POST = set(
    map(spelling_key, ["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة"])
)
CURRENT_POST = set(map(spelling_key, ["الجاري", "الجارية", "الحالي", "الحالية"]))
FUTURE_POST = set(map(spelling_key, ["المقبل", "المقبلة", "القادم", "القادمة"]))
PAST_PRE = {"last", "past", "previous"}
CURRENT_PRE = set(map(spelling_key, ["this", "current", "هذا", "هذه"]))
FUTURE_PRE = {"next", "coming"}

WEEK_UNITS = set(map(spelling_key, ["الأسبوع", "أسبوع", "week"]))
MONTH_UNITS = set(map(spelling_key, ["الشهر", "شهر", "month"]))
YEAR_UNITS = set(map(spelling_key, ["العام", "عام", "السنة", "سنة", "year"]))

YESTERDAY = set(map(spelling_key, ["أمس", "الأمس", "البارحة", "yesterday"]))
TODAY = set(map(spelling_key, ["اليوم", "today", "tonight"]))
TONIGHT_AR = spelling_key("الليلة")
TOMORROW = set(map(spelling_key, ["غدا", "غداً", "الغد", "tomorrow"]))
# غد without its alif is tomorrow in يوم غد, بعد غد, غد السبت; alone it is also "the future"
# (غد أفضل, a better tomorrow), so it needs one of those neighbours.
GHAD = spelling_key("غد")
GHAD_BEFORE = set(map(spelling_key, ["يوم", "بعد"]))
FIRST = spelling_key("أول")
FIRST_DEF = spelling_key("الأول")
FROM = {"من", "of", "the", "on"}
# "اليوم التالي" (the next day), "اليوم نفسه" (the same day), "اليوم الثالث" (the third day: of
# the protests, or of June in اليوم الثالث من حزيران) refer to some other day, not publication.
NOT_TODAY_AFTER = set(map(spelling_key, ["التالي", "السابق", "الأخير", "نفسه", "ذاته", "ذاتها", "نفسها"])) | DAY_ORDINALS
AGO_PRE = set(map(spelling_key, ["قبل", "منذ"]))
DAYS_WORDS = set(map(spelling_key, ["أيام", "ايام", "يوما", "يوماً", "days"]))
TWO_DAYS = set(map(spelling_key, ["يومين", "يومان"]))
NUMBER_WORDS = _keys(
    {
        "ثلاثة": 3,
        "أربعة": 4,
        "خمسة": 5,
        "ستة": 6,
        "سبعة": 7,
        "ثمانية": 8,
        "تسعة": 9,
        "عشرة": 10,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    }
)

# Words that belong to a date expression around a day or month name: times of day, "day",
# relative words and the week/month/year modifiers ("مساء الأحد", "أمس الأربعاء", "السبت الماضي").
TIME_OF_DAY = set(map(spelling_key, ["يوم", "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "عصر", "ضحى", "منتصف"]))
DATE_WORDS = (
    TIME_OF_DAY | YESTERDAY | TODAY | TOMORROW | PAST_POST | CURRENT_POST | FUTURE_POST
    | {FIRST, FIRST_DEF, TONIGHT_AR, GHAD}
)

# Future tense right before a date expression (ستنطلق الجمعة, سيعقد الاجتماع الأحد, سوف يعقد):
# the imperfect with the prefix س (سيـ، ستـ، سنـ; سأ is too close to ساعة/ساحة/سابق), or a particle
# that puts the verb after it in the future (سوف، لن، will).
FUTURE_PARTICLES = set(map(spelling_key, ["سوف", "لن", "will", "shall"]))
FUTURE_SHORT_VERBS = set(map(spelling_key, ["سيتم", "ستتم", "سيصل", "ستصل"]))  # stems of two letters
# Words of five letters or more that look like س + imperfect but are nouns, names or past verbs.
NOT_FUTURE = set(
    map(
        spelling_key,
        [
            "سيطر", "سيطرت", "سيطروا", "سيطرة", "سيرت", "سيروا", "سيادة", "سيادي", "سيادية", "سيناء",
            "سيناريو", "سيناريوهات", "سيدات", "سيرة", "سينما", "سنوات", "سنوية", "سنويا", "سنتيمتر",
            "سيدني", "ستوكهولم", "سنغافورة", "سيراليون", "سيبيريا", "ستراسبورغ", "سنجار",
        ],
    )
)
NOT_FUTURE_STEMS = tuple(map(spelling_key, ["سيار", "سياس"]))  # سيارة، سيارات؛ سياسة، سياسي، سياسيين
# A verb is never right after a preposition: في سيدني، بعد سيطرة.
PREPOSITIONS = set(
    map(spelling_key, ["في", "من", "إلى", "على", "عن", "بعد", "قبل", "منذ", "حتى", "مع", "خلال", "عند", "لدى"])
)

TWO_WORD_SECONDS = {second for seconds in TWO_WORD_MONTHS.values() for second in seconds}


def candidates(tok: str) -> list[str]:
    """The token and what is left after stripping attached conjunction/preposition prefixes."""
    return [stem for stem, _ in _CLITICS.readings(tok)]


def lookup(tok: str, table: dict[str, int] | set[str]) -> int | str | None:
    """The value (dict) or the entry (set) of the first reading of `tok` that `table` holds."""
    for cand in candidates(tok):
        if cand in table:
            return table[cand] if isinstance(table, dict) else cand
    return None


def is_in(tok: str | None, words: set[str]) -> bool:
    """Whether some reading of `tok` is one of `words`."""
    return tok is not None and lookup(tok, words) is not None


# Definite words a day ordinal may follow: a weekday (الأحد الخامس من حزيران), اليوم, الموافق.
# After any other definite word the ordinal is that noun's adjective (الأسبوع الأول من آذار, the
# first week; النصف الثاني من مارس; الجزء الثاني من مارس), not a day.
_DAY_ORDINAL_AFTER = set(map(spelling_key, ["اليوم", "يوم", "الموافق"]))


def day_ordinal(keys: Sequence[str], i: int) -> tuple[int, int] | None:
    """(day, words read) of a day of the month written as an ordinal at keys[i] (spelling keys):
    الخامس, والخامس عشر, الحادي والعشرين, الثلاثين; masculine, as اليوم is understood (الخامسة
    agrees with a feminine noun: المرة الخامسة). None for an ordinal counting the noun before it.
    """
    stem = lookup(keys[i], DAY_ORDINALS)
    if not isinstance(stem, str) or (i > 0 and (_counted_noun(keys[i - 1]) or _ordinal_ends_at(keys, i))):
        return None
    found = arabic_ordinal(stem, keys[i + 1] if i + 1 < len(keys) else None)
    return found if found is not None and found[0] <= 31 else None


def _ordinal_ends_at(keys: Sequence[str], i: int) -> bool:
    """Whether keys[i] is the second word of an ordinal: the والعشرين of الحادي والعشرين."""
    stem = lookup(keys[i - 1], DAY_ORDINALS)
    found = arabic_ordinal(stem, keys[i]) if isinstance(stem, str) else None
    return found is not None and found[1] == 2


def _counted_noun(word: str) -> bool:
    """Whether an ordinal right after `word` is its adjective: `word` is definite and no weekday,
    no preposition (إلى الخامس من حزيران), no day ordinal, not اليوم or الموافق."""
    definite = any(c.startswith("ال") and len(c) > 3 for c in candidates(word))
    return (
        definite and not is_in(word, PREPOSITIONS | _DAY_ORDINAL_AFTER | DAY_ORDINALS)  # الرابع والخامس
        and not isinstance(lookup(word, WEEKDAYS), int)
    )
