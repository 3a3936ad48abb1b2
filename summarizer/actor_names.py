"""Actor names as the sentence writes them, and the model's names that name no actor.

The events stage copies names from the sentence, and the check that they are there matches words
after clitics are stripped (`grounding.Source.find_name`), so a copied name can differ from the
sentence in its letters and still pass: الملك الأردن for ملك الأردن (the article moved onto the
wrong word of a construct), القوة الأمم المتحدة for قوة الأمم المتحدة, a stray comma. A record
keeps the sentence's own words instead (the definite article kept, a conjunction or preposition
in front dropped: والجيش -> الجيش, للحكومة -> الحكومة).

Two kinds of copied phrase are not actors and are dropped: a count with no one counted
(الملايين، عشرات: who the millions are is in the sentence's next words, not in this name), and
a report's opening verb copied with its subject (أعلنت وسائل إعلام سورية: the name is what
follows the verb). A name that is a news medium (وسائل إعلام سورية، صحيفة الوطن) is the
source of the report, not a party to the act: `is_medium` tells the caller to move it to the
record's attribution. A coordination of known actors (بريطانيا وفرنسا وإيطاليا) is one name
per actor (`coordinated`), so each is matched, translated and kept on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from .arabic import PROCLITICS, fold_words
from .grounding import Source
from .number_words import arabic_atom

__all__ = ["coordinated", "is_medium", "written_name"]

# Verbs a report opens with, both genders, perfect: a name never starts with one. Not the forms
# that are also nouns (ذكر male, طالب student, وصف description).
_REPORT_VERBS = frozenset(fold_words(
    "قال قالت أعلن أعلنت أكدت أفاد أفادت أوضح أوضحت أشار أشارت صرح صرحت أضاف أضافت نفى نفت حذرت ذكرت "
    "كشف كشفت نقلت أوردت بثت نشرت"
))
# Counts that say how many without saying who (a number word itself is `arabic_atom`).
_VAGUE_COUNTS = frozenset(fold_words("عشرات مئات آلاف ألوف ملايين بضع بضعة عدد"))
# Generic heads of a news medium's name (a known outlet is the glossary's `media`/`agency` kind).
# Not قناة: a channel, and the Suez Canal.
_MEDIA_HEADS = frozenset(fold_words("وسائل وسائط صحيفة صحف تلفزيون إذاعة"))
_AGENCY, _NEWS = fold_words("وكالة أنباء")

# A word without its clitics, with and without the article: the lists above are written bare.
_stems = partial(PROCLITICS.stems, drop_article=True)


def written_name(sentence: str, name: str) -> str | None:
    """`name` as `sentence` writes it, or None when it names no actor (module docstring).

    The sentence's words are taken where `Source.find_name` matches the name word for word; a name
    it finds only approximately keeps the model's letters (the span may not be the name's words).
    """
    words = fold_words(name)
    if words and _stems(words[0]) & _REPORT_VERBS:
        name, words = " ".join(name.split()[1:]), words[1:]
    if not words or all(w.isdecimal() or arabic_atom(w) or _stems(w) & _VAGUE_COUNTS for w in words):
        return None
    span = Source(sentence).find_name(name)
    if span is None:
        return name
    start, end = span
    # find_name's span starts at the first word's stem: put back an article the word carries
    # (الجيش matched by جيش), or the one a preposition ل merged with (للحكومة).
    if sentence[max(0, start - 2):start] == "ال":
        start -= 2
        written = sentence[start:end]
    elif sentence[max(0, start - 2):start] == "لل" and (start < 3 or not sentence[start - 3].isalpha()
                                                      or sentence[start - 3] in "وف"):
        written = "ال" + sentence[start:end]
    else:
        written = sentence[start:end]
    return written if len(fold_words(written)) == len(words) else name


# Where a coordination joins two names: a comma, or the conjunction و on the next name.
_JOINS = re.compile(r"\s*[،,]\s*(?:و(?=\S))?|\s+و(?=\S)")


def coordinated(name: str, actor: Callable[[str], bool]) -> list[str]:
    """The names a coordination joins (بريطانيا وفرنسا وإيطاليا), when every one of them is a known
    actor (`actor`); otherwise `[name]`: a word that begins with و is not always joined by it
    (وزارة الدفاع), and an unknown part may be one name (الجبهة الشعبية والديمقراطية)."""
    parts = [p for p in _JOINS.split(name) if p]
    if len(parts) > 1 and all(actor(p) for p in parts):
        return parts
    return [name]


def is_medium(name: str) -> bool:
    """Whether a name is a news medium by its generic head (وسائل إعلام، صحيفة الوطن، وكالة الأنباء)."""
    words = fold_words(name)
    if not words:
        return False
    if _stems(words[0]) & _MEDIA_HEADS:
        return True
    return len(words) >= 2 and _AGENCY in _stems(words[0]) and _NEWS in _stems(words[1])
