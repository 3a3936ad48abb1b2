"""The words of a date expression: tokens, and reading a day, a month name and a year from them.

Shared by `date_spans` (finding an expression in a sentence) and `dates` (resolving it to a date).
Tokens are `spelling_key` folded; the lexicon they are looked up in is `date_words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .arabic import spelling_key
from .date_words import GHAD_BEFORE, MONTHS, TWO_WORD_MONTHS, WEEKDAYS, candidates, day_ordinal, is_in, lookup

__all__ = [
    "DAY_OF", "YEAR_MAX", "YEAR_MIN", "at", "day_ending_at", "day_number", "find_month", "ghad_is_tomorrow",
    "month_at", "month_pairs", "tokens", "year_number",
]

# A four-digit number outside these years is a Hijri year (1439) or a quantity, not a year.
YEAR_MIN, YEAR_MAX = 1900, 2100
DAY_OF = {"من", "of"}  # 24 من آذار, the 10th of last month: between a day and its month

# Digits and letters are separate tokens even when typed together (حزيران/يونيو2017); 24th and
# 2018م stay whole.
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th|م)?(?![^\W_])|\d+|[^\W\d]+")
_ORDINAL_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR_TOKEN = re.compile(r"^(\d{4})م?$")  # "2018م" (ميلادي)
_WORD = re.compile(r"[^\W\d_]+")
_PAIR_GAP = re.compile(r"\s*/\s*")


def tokens(norm: str) -> list[str]:
    """The words and numbers of a date expression already folded by `spelling_key`."""
    return _TOKEN.findall(norm)


def at(toks: Sequence[str], i: int) -> str | None:
    """toks[i], or None off either end: the rules look at neighbours without bounds checks."""
    return toks[i] if 0 <= i < len(toks) else None


def day_ending_at(toks: Sequence[str], j: int) -> tuple[int, int] | None:
    """(day, index of its first word) of a day of the month that ends at toks[j]: 24, 24th, or an
    ordinal in words (الخامس, الخامس عشر, الحادي والعشرين; not الأسبوع الأول)."""
    day = day_number(at(toks, j))
    if day is not None:
        return day, j
    for i in (j - 1, j):
        if i >= 0 and (ordinal := day_ordinal(toks, i)) is not None and i + ordinal[1] == j + 1:
            return ordinal[0], i
    return None


def day_number(tok: str | None) -> int | None:
    """The day of the month written in digits (24, 24th), or None."""
    if tok is None:
        return None
    m = _ORDINAL_DAY.match(tok)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def year_number(tok: str | None) -> int | None:
    """The year written in digits (2018, 2018م) within `YEAR_MIN`..`YEAR_MAX`, or None."""
    if tok is None:
        return None
    m = _YEAR_TOKEN.match(tok)
    if m and YEAR_MIN <= int(m.group(1)) <= YEAR_MAX:
        return int(m.group(1))
    return None


def find_month(toks: Sequence[str]) -> tuple[int, int, int] | None:
    """(month, start, end) of the first month name; end skips a combined form like آذار/مارس."""
    for i in range(len(toks)):
        month, end = month_at(toks, i)
        if month is None:
            continue
        while end < len(toks):  # آذار/مارس, March (آذار)
            nxt, nxt_end = month_at(toks, end)
            if nxt != month:
                break
            end = nxt_end
        return month, i, end
    return None


def month_at(toks: Sequence[str], i: int) -> tuple[int | None, int]:
    """(month or None, index after it) of a month name starting at toks[i]: one word (آذار,
    March) or two (كانون الثاني)."""
    tok = toks[i]
    for cand in candidates(tok):
        if cand in TWO_WORD_MONTHS:
            second = at(toks, i + 1)
            if second is not None and second in TWO_WORD_MONTHS[cand]:
                return TWO_WORD_MONTHS[cand][second], i + 2
            return None, i + 1
    month = lookup(tok, MONTHS)
    if isinstance(month, int):
        return month, i + 1
    return None, i + 1


def ghad_is_tomorrow(prev: str | None, nxt: str | None) -> bool:
    """غد without its alif is tomorrow after يوم/بعد, before a weekday, or on its own; not in غد أفضل."""
    return is_in(prev, GHAD_BEFORE) or nxt is None or isinstance(lookup(nxt, WEEKDAYS), int)


def month_pairs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of the second name of each month named in both calendars' names (مارس/آذار,
    أكتوبر/ تشرين الأول), slash included, for a translation prompt to name the month once.

    Shown مارس/آذار 2016 and مايو/ آيار, the 1.5B model wrote "March/April 2016" and "May/April"
    (news 025, 013): two months, one of them wrong.
    """
    words = list(_WORD.finditer(text))
    toks = [spelling_key(w.group()) for w in words]
    pairs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        month, end = month_at(toks, i)
        if month is not None and end < len(toks):
            after = words[end - 1].end()
            second, second_end = month_at(toks, end)
            if second == month and _PAIR_GAP.fullmatch(text[after:words[end].start()]):
                stop = words[second_end - 1].end()
                pairs.append((after, stop, " " if text[stop:stop + 1].isdigit() else ""))
                end = second_end
        i = end if month is not None else i + 1
    return pairs
