"""Finding the date expression in a sentence of an article (`find_date`).

Only the span is found here; `dates.resolve_date` turns the expression into a date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .arabic import spelling_key
from .date_tokens import DAY_OF, day_ending_at, day_number, ghad_is_tomorrow, month_at, year_number
from .date_words import (
    CURRENT_POST,
    DATE_WORDS,
    FIRST,
    FUTURE_POST,
    GHAD,
    MONTH_UNITS,
    NOT_TODAY_AFTER,
    PAST_POST,
    TODAY,
    TOMORROW,
    TWO_WORD_MONTHS,
    TWO_WORD_SECONDS,
    WEEK_UNITS,
    WEEKDAYS,
    YEAR_UNITS,
    YESTERDAY,
    candidates,
    day_ordinal,
    is_in,
    lookup,
)

__all__ = ["find_date"]

_PERIOD_UNITS = WEEK_UNITS | MONTH_UNITS | YEAR_UNITS
_RELATIVE_POSTS = PAST_POST | CURRENT_POST | FUTURE_POST

# The sentence is raw article text, not folded yet: a word keeps its marks (غداً) so that its offsets
# cover all of it; digits and letters typed together are still two words, as in `date_tokens`.
_WORD = re.compile(r"\d+(?:st|nd|rd|th|م)?(?![^\W_])|\d+|(?:[^\W\d]|[\u064b-\u065f\u0670])+")
# Words of one expression: a space, the slash of آذار/مارس, nothing between letters and digits
# (يونيو2017), or a parenthesis: اليوم (الأربعاء), 8 يناير (كانون الثاني) الجاري.
_JOIN = re.compile(r"^(?:[ \t/]{0,3}|[ \t]{0,2}[()][ \t]{0,2})$")
_CLOSE = re.compile(r"[ \t]{0,2}\)")
_OPEN_BEFORE = re.compile(r"\([ \t]{0,2}$")


def find_date(text: str) -> tuple[int, int] | None:
    """Offsets of the first date expression in `text` (a sentence of the article), or None.

    An expression is a run of adjacent date words around a weekday or a relative day (اليوم،
    أمس، أول من أمس، غداً، يوم غد), or else around a month name with its day (24 من آذار,
    الخامس من حزيران) or year (أكتوبر عام 2011), or else a week, month or year told relative to
    publication (الأسبوع الماضي، الشهر المقبل). Words in parentheses belong to it (اليوم
    (الأربعاء), يناير (كانون الثاني) الجاري) when the parenthesis closes within or right after it.
    A bare number or year alone is not taken: in a news sentence it is far more often a quantity
    than a date.
    """
    words = [(m.start(), m.end(), spelling_key(m.group())) for m in _WORD.finditer(text)]

    keys = [w[2] for w in words]

    def tok(i: int) -> str | None:
        return keys[i] if 0 <= i < len(words) else None

    def is_day(i: int) -> bool:
        word = words[i][2]
        return (
            isinstance(lookup(word, WEEKDAYS), int) or is_in(word, YESTERDAY | TODAY | TOMORROW)
            or (word == GHAD and ghad_is_tomorrow(tok(i - 1), tok(i + 1)))
        )

    def is_month(i: int) -> bool:
        word = words[i][2]
        return month_at([word], 0)[0] is not None or any(c in TWO_WORD_MONTHS for c in candidates(word))

    def belongs(i: int, month: bool) -> bool:
        word = words[i][2]
        if is_day(i) or is_month(i) or is_in(word, DATE_WORDS) or (word == "بعد" and tok(i + 1) == GHAD):
            return True
        if word == "من" and tok(i - 1) == FIRST and is_in(tok(i + 1), YESTERDAY):  # أول من أمس
            return True
        if not month:
            return False
        if word in DAY_OF:  # 24 من آذار, الخامس من حزيران
            return i + 1 < len(words) and is_month(i + 1) and day_ending_at(keys, i - 1) is not None
        return (
            day_number(word) is not None or year_number(word) is not None or word in TWO_WORD_SECONDS
            or in_day_before_month(i)
            or (is_in(word, YEAR_UNITS) and year_number(tok(i + 1)) is not None)  # أكتوبر عام 2011
        )

    def in_day_before_month(i: int) -> bool:
        """Whether word i is (part of) an ordinal day before a month: الخامس (عشر) (من) حزيران."""
        for k in (i - 1, i):
            ordinal = day_ordinal(keys, k) if k >= 0 else None
            if ordinal is not None and k + ordinal[1] > i:
                after = k + ordinal[1] + (tok(k + ordinal[1]) in DAY_OF)
                return after < len(words) and is_month(after)
        return False

    def joins(i: int, j: int, month: bool) -> bool:
        """Whether word j (next to word i) continues i's date expression."""
        if not 0 <= j < len(words):
            return False
        a, z = sorted((i, j))
        gap = text[words[a][1]:words[z][0]]
        return bool(_JOIN.match(gap)) and belongs(j, month)

    def is_period(i: int) -> bool:
        """A week, month or year told relative to publication: الأسبوع الماضي، الشهر المقبل، العام الجاري."""
        return is_in(words[i][2], _PERIOD_UNITS) and is_in(tok(i + 1), _RELATIVE_POSTS)

    for trigger, month in ((is_day, False), (is_month, True), (is_period, False)):
        hit = next((i for i in range(len(words)) if trigger(i) and not _not_a_date(words, i)), None)
        if hit is None:
            continue
        first = last = hit
        while joins(first, first - 1, month):
            first -= 1
        while joins(last, last + 1, month):
            last += 1
        return _balanced(text, words, first, last, hit)
    return None


def _balanced(
    text: str, words: Sequence[tuple[int, int, str]], first: int, last: int, hit: int
) -> tuple[int, int]:
    """Offsets of words[first..last] with their parentheses matched: a closing one right after the
    span or an opening one right before it joins it; else the span stops at the unmatched one, on
    the side of the word that triggered it (`hit`): امس (اول مرة منذ سنوات) keeps امس, and in
    «...الأحد) الماضي» the weekday stays and الماضي, outside its parenthesis, goes."""
    start, end = words[first][0], words[last][1]
    depth = text.count("(", start, end) - text.count(")", start, end)
    if depth > 0 and (close := _CLOSE.match(text, end)):
        return start, close.end()
    if depth < 0 and (opening := _OPEN_BEFORE.search(text, 0, start)):
        return opening.start(), end
    if depth == 0:
        return start, end
    mark = "(" if depth > 0 else ")"
    gaps = [g for g in range(first + 1, last + 1) if mark in text[words[g - 1][1]:words[g][0]]]
    cut = gaps[-1] if depth > 0 else gaps[0]  # the word right after the unmatched parenthesis
    return (words[cut][0], end) if hit >= cut else (start, words[cut - 1][1])


def _not_a_date(words: Sequence[tuple[int, int, str]], i: int) -> bool:
    """اليوم التالي / اليوم نفسه: "the next day", "the same day", not today."""
    return is_in(words[i][2], TODAY) and i + 1 < len(words) and is_in(words[i + 1][2], NOT_TODAY_AFTER)
