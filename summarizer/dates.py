"""Resolve date expressions copied from Arabic (or English) news into `EventDate` records.

The language model copies a date expression from the article ("السبت", "ليل السبت", "أمس",
"15 آذار 2018", "March 24, 2018", ...); code, not the model, turns it into a date, anchored on the
article's publication date.

Rules (see `resolve_date`):

* Without a publication date only self-contained expressions resolve: a full date
  (day + month + year, ISO ``2018-03-24``, ``24/3/2018``) with precision ``day``, a month with its
  year (``آذار 2018``) with ``month``, a year alone (``2018``) with ``year``. Everything relative
  (weekdays, أمس, الأسبوع الماضي, day + month without a year, ...) stays ``iso=None``/``unknown``.
* A weekday is the most recent such day on or before publication (news says "السبت" on Saturday
  itself or about a recent Saturday); with الماضي / "last" it is strictly before (7 days earlier
  when publication falls on that weekday); with المقبل / "next" strictly after; after a future
  verb (ستنطلق الجمعة, سيعقد الاجتماع الأحد, سوف يعقد, لن يعقد, "will meet") on or after
  publication. The verb is read in the text or in `before` (the words preceding the expression
  in its sentence), only as the last word or the one before it: see `_future_verb` for what is
  not read.
* أمس / yesterday = published - 1, أول أمس = - 2, اليوم / today = published, غداً / يوم غد /
  غد السبت = + 1, بعد غد = + 2. A relative day with a weekday (اليوم الأحد, اليوم (الخميس),
  أمس السبت) takes that weekday nearest (within 3 days) to the relative day: the article names
  the day, and a publication stamp a day or two off (time zones, late publication) must not move
  the date a week.
* الأسبوع الماضي = Monday of the previous ISO week (``week``), الشهر الماضي = first of the previous
  month (``month``), العام الماضي = 1 January of the previous year (``year``); الحالي / الجاري /
  هذا for the current one. A day of such a month (24 من الشهر الحالي, 10 من الشهر الماضي) is
  that day (``day``).
* A day of the month is digits (24, 24th) or a masculine ordinal in words (الخامس من حزيران,
  والخامس عشر, الحادي والعشرين). An ordinal right after a definite noun is that noun's adjective,
  not a day (الأسبوع الأول من آذار, النصف الثاني من مارس: the month), except after a weekday,
  اليوم or الموافق (الأحد الموافق الخامس من آذار); اليوم with an ordinal (اليوم الثالث من
  الاحتجاجات) is not today. Digits typed against a word are apart (حزيران/يونيو2017, 14اذار).
* A day + month without a year takes the most recent such date on or before publication (the
  soonest after with المقبل, on or after with a future verb); with الحالي / الجاري it is in the
  publication year (24 حزيران/يونيو الحالي, even when the day is still to come). A month alone is
  the first of the most recent such month (``month``), or of the publication year with الحالي.
* Time-of-day words (ليل, مساء, صباح, فجر, ظهر, "night", ...) never change the day.
* Anything else: ``iso=None``, ``precision='unknown'``. `resolve_date` never raises.

Finding the expression in a sentence is `date_spans.find_date` (re-exported here); reading its
words (day numbers, month names, years) is `date_tokens`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from .arabic import spelling_key
from .date_spans import find_date
from .date_tokens import (
    DAY_OF,
    YEAR_MAX,
    YEAR_MIN,
    at,
    day_ending_at,
    day_number,
    find_month,
    ghad_is_tomorrow,
    tokens,
    year_number,
)
from .date_words import (
    AGO_PRE,
    CURRENT_POST,
    CURRENT_PRE,
    DAYS_WORDS,
    FIRST,
    FIRST_DEF,
    FROM,
    FUTURE_PARTICLES,
    FUTURE_POST,
    FUTURE_PRE,
    FUTURE_SHORT_VERBS,
    GHAD,
    MONTH_UNITS,
    NOT_FUTURE,
    NOT_FUTURE_STEMS,
    NOT_TODAY_AFTER,
    NUMBER_WORDS,
    PAST_POST,
    PAST_PRE,
    PREPOSITIONS,
    TIME_OF_DAY,
    TODAY,
    TOMORROW,
    TONIGHT_AR,
    TWO_DAYS,
    WEEK_UNITS,
    WEEKDAYS,
    YEAR_UNITS,
    YESTERDAY,
    is_in,
    lookup,
)
from .models import EventDate

# find_date lives in date_spans; it is re-exported so callers keep one module for dates.
__all__ = ["find_date", "period", "resolve_date"]

_TEXT_MAX = 120  # EventDate.text's max_length

_Result = tuple[dt.date | None, str]
_UNKNOWN: _Result = (None, "unknown")

_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_YM = re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})(?![\d/.-])")

# --------------------------------------------------------------------------------------------
# Modifiers


def _modifier(toks: Sequence[str], start: int, end: int) -> str | None:
    """'past', 'current' or 'future' from the word after toks[start:end] or before it."""
    after, before = at(toks, end), at(toks, start - 1)
    if is_in(after, PAST_POST) or before in PAST_PRE:
        return "past"
    if is_in(after, FUTURE_POST) or before in FUTURE_PRE:
        return "future"
    if is_in(after, CURRENT_POST) or is_in(before, CURRENT_PRE):
        return "current"
    return None


# --------------------------------------------------------------------------------------------
# Date arithmetic


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _shift_month(year: int, month: int, by: int) -> dt.date:
    idx = year * 12 + (month - 1) + by
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not YEAR_MIN <= year <= YEAR_MAX:  # a Hijri year (1439) or a stray number
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Stages: each returns None when it does not apply, or a result (possibly unknown) that stands.


def _numeric(norm: str) -> _Result | None:
    m = _ISO.search(norm)
    if m:
        y, mo, d = map(int, m.groups())
        date = _valid(y, mo, d)
        return (date, "day") if date else _UNKNOWN
    m = _DMY.search(norm)
    if m:
        d, mo, y = map(int, m.groups())
        if mo > 12 >= d:  # 3/24/2018: month first
            d, mo = mo, d
        date = _valid(y, mo, d)
        return (date, "day") if date else _UNKNOWN
    m = _YM.search(norm)
    if m:
        y, mo = map(int, m.groups())
        date = _valid(y, mo, 1)
        return (date, "month") if date else _UNKNOWN
    return None


def _month_expr(toks: Sequence[str], pub: dt.date | None, lead: Sequence[str] = ()) -> _Result | None:
    found = find_month(toks)
    if found is None:
        return None
    month, start, end = found
    # Day: before the month ("24 آذار", "24 من آذار", "24th of March") or after it ("March 24").
    before = start - 1
    if at(toks, before) in FROM:
        before -= 1
    day, first = day_ending_at(toks, before) or (None, start)  # first: where the expression begins
    if day is None:
        after = end + 1 if at(toks, end) in FROM else end
        day = day_number(at(toks, after))
    years = [y for y in map(year_number, toks[end:]) if y is not None]
    years = years or [y for y in map(year_number, toks[:start]) if y is not None]
    year = years[0] if years else None
    mod = _modifier(toks, start, end)
    if mod is None and _future_verb([*lead, *toks[:first]]):
        mod = "soon"  # ستبدأ في 24 حزيران: the next such date, publication day included
    if mod == "current" and pub is not None:
        year = pub.year  # 24 حزيران الحالي: this year's, even when the day is still to come

    if year is not None:
        if day is None:
            return dt.date(year, month, 1), "month"
        date = _valid(year, month, day)
        return (date, "day") if date else _UNKNOWN
    if pub is None:
        return _UNKNOWN
    if day is not None:
        # Most recent such date on or before publication (strictly before with الماضي), or the
        # soonest after it with المقبل (on or after with a future verb); a loop so that 29 شباط
        # finds a leap year.
        if mod in ("future", "soon"):
            for y in range(pub.year, pub.year + 9):
                date = _valid(y, month, day)
                if date and (date > pub if mod == "future" else date >= pub):
                    return date, "day"
            return _UNKNOWN
        for y in range(pub.year, pub.year - 9, -1):
            date = _valid(y, month, day)
            if date and (date < pub if mod == "past" else date <= pub):
                return date, "day"
        return _UNKNOWN
    if mod == "future":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "soon":
        year = pub.year if month >= pub.month else pub.year + 1
    elif mod == "past":
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return dt.date(year, month, 1), "month"


def _unit_index(toks: Sequence[str], units: set[str]) -> tuple[int, str | None] | None:
    """Index and modifier of the first unit word (الأسبوع, الشهر, العام) that has a modifier."""
    for i, tok in enumerate(toks):
        if is_in(tok, units):
            mod = _modifier(toks, i, i + 1)
            if mod is not None:
                return i, mod
    return None


def _weekday_expr(toks: Sequence[str], pub: dt.date | None, lead: Sequence[str] = ()) -> _Result | None:
    found = next(((i, wd) for i, tok in enumerate(toks) if isinstance(wd := lookup(tok, WEEKDAYS), int)), None)
    if found is None:
        return None
    i, wd = found
    if pub is None:
        return _UNKNOWN
    # "الجمعة من الأسبوع الماضي", "Friday last week": that weekday of the named week.
    week = _unit_index(toks, WEEK_UNITS)
    if week is not None:
        offset = {"past": -7, "current": 0, "future": 7}[week[1]]
        return _monday(pub) + dt.timedelta(days=offset + wd), "day"
    mod = _modifier(toks, i, i + 1)
    # "اليوم الأحد", "أمس السبت": the relative word fixes the week, the weekday the day. Taking the
    # named weekday nearest (within 3 days) to the relative day absorbs a publication date that is
    # a day off (time zones, late publication) instead of jumping back a whole week.
    delta = _relative_day(toks) if mod is None else None
    if delta is not None:
        anchor = pub + dt.timedelta(days=delta)
        return anchor + dt.timedelta(days=(wd - anchor.weekday() + 3) % 7 - 3), "day"
    # "السبت قبل الماضي": Saturday before last.
    if at(toks, i + 1) == "قبل" and is_in(at(toks, i + 2), PAST_POST):
        back = (pub.weekday() - wd) % 7 or 7
        return pub - dt.timedelta(days=back + 7), "day"
    if mod == "future":
        ahead = (wd - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=ahead), "day"
    if mod is None and _future_verb([*lead, *toks[:i]]):  # ستنطلق الجمعة: the coming one, today included
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7), "day"
    back = (pub.weekday() - wd) % 7
    if mod == "past" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back), "day"


_CLAUSE_END = re.compile(r"[.,،؛;:!?؟()\[\]\"«»\n]")
_BETWEEN = TIME_OF_DAY | {"في", "on", "at"}  # words between a verb and its date: ستنطلق يوم الجمعة


def _lead(before: str) -> list[str]:
    """The words of the clause that `before` (the text right before a date expression) ends with."""
    return tokens(_CLAUSE_END.split(spelling_key(before))[-1])


def _future_verb(lead: Sequence[str]) -> bool:
    """Whether the words right before a date expression put it in the future.

    The last word, or the one before it (a verb and its subject: سيعقد الاجتماع الأحد), is a
    future verb: the imperfect with س (ستنطلق، سيعقد، وسيزور), or any verb after سوف, لن or
    "will". A verb further back, a present tense (تبدأ السعودية الاثنين: today, or scheduled),
    and من المقرر أن are not read: a wrong "future" moves a past event a week on.
    """
    words = list(lead)
    while words and (words[-1] in _BETWEEN or is_in(words[-1], TIME_OF_DAY)):
        words.pop()
    return any(_is_future_verb(words, k) for k in range(max(len(words) - 2, 0), len(words)))


def _is_future_verb(words: Sequence[str], k: int) -> bool:
    prev = at(words, k - 1)
    if prev in FUTURE_PARTICLES:  # سوف يعقد, لن يعقد, will meet
        return True
    if prev in PREPOSITIONS:  # في سيدني, بعد سيطرة: a noun
        return False
    word = words[k]
    if word[:1] in ("و", "ف") and len(word) > 5:  # وستنطلق, فسيكون
        word = word[1:]
    if word in FUTURE_SHORT_VERBS:
        return True
    return (
        len(word) >= 5 and word[0] == "س" and word[1] in "يتن"
        and word not in NOT_FUTURE and not word.startswith(NOT_FUTURE_STEMS)
    )


def _relative_day(toks: Sequence[str]) -> int | None:
    """Days from publication for أمس, اليوم, أول أمس, غداً, قبل يومين, "3 days ago", ..."""
    for i, tok in enumerate(toks):
        prev, nxt = at(toks, i - 1), at(toks, i + 1)
        if is_in(tok, YESTERDAY):
            # أول أمس, أول من أمس, أمس الأول, day before yesterday
            if prev == FIRST or (prev == "من" and at(toks, i - 2) == FIRST):
                return -2
            if nxt == FIRST_DEF or prev == "before":
                return -2
            return -1
        if is_in(tok, TOMORROW):
            if prev == "بعد" or prev == "after":  # بعد غد, day after tomorrow
                return 2
            return 1
        if tok == GHAD:  # بعد غد, يوم غد, غد السبت; not غد أفضل (a better tomorrow)
            if prev == "بعد":
                return 2
            if ghad_is_tomorrow(prev, nxt):
                return 1
        if is_in(tok, TODAY):
            if is_in(nxt, NOT_TODAY_AFTER):
                return None
            return 0
        if tok == TONIGHT_AR:  # الليلة (tonight), الليلة الماضية (last night)
            return -1 if is_in(nxt, PAST_POST) or is_in(nxt, YESTERDAY) else 0
        if tok in ("night", "morning", "evening", "afternoon") and prev in ("last", "this"):
            return -1 if prev == "last" else 0
        # قبل يومين, منذ 3 أيام, قبل ثلاثة أيام, 3 days ago
        if is_in(tok, TWO_DAYS) and is_in(prev, AGO_PRE):
            return -2
        if is_in(tok, DAYS_WORDS):
            count = _count(prev)
            if count is not None and (is_in(at(toks, i - 2), AGO_PRE) or nxt == "ago"):
                return -count
    return None


def _count(tok: str | None) -> int | None:
    if tok is None:
        return None
    if tok.isdigit() and 1 <= int(tok) <= 31:
        return int(tok)
    return NUMBER_WORDS.get(tok)


def _unit_expr(toks: Sequence[str], pub: dt.date | None) -> _Result | None:
    offsets = {"past": -1, "current": 0, "future": 1}
    week = _unit_index(toks, WEEK_UNITS)
    if week is not None:
        return (_monday(pub) + dt.timedelta(weeks=offsets[week[1]]), "week") if pub else _UNKNOWN
    month = _unit_index(toks, MONTH_UNITS)
    if month is not None:
        if pub is None:
            return _UNKNOWN
        first = _shift_month(pub.year, pub.month, offsets[month[1]])
        day = _day_of(toks, month[0])
        if day is None:
            return first, "month"
        date = _valid(first.year, first.month, day)
        return (date, "day") if date else _UNKNOWN
    year = _unit_index(toks, YEAR_UNITS)
    if year is not None:
        return (dt.date(pub.year + offsets[year[1]], 1, 1), "year") if pub else _UNKNOWN
    return None


def _day_of(toks: Sequence[str], i: int) -> int | None:
    """The day number before the month word toks[i]: 24 من الشهر الحالي, 10 من هذا الشهر, the 10th
    of last month. من is required: "قتل 20 الشهر الماضي" counts 20 dead."""
    j = i - 1
    if at(toks, j) in CURRENT_PRE | PAST_PRE | FUTURE_PRE:
        j -= 1
    if at(toks, j) not in DAY_OF:
        return None
    day = day_ending_at(toks, j - 1)
    return day[0] if day else None


def _resolve(text: str, pub: dt.date | None, before: str = "") -> _Result:
    norm = spelling_key(text)
    result = _numeric(norm)
    if result is not None:
        return result
    toks = tokens(norm)
    lead = _lead(before)
    for stage in (_month_expr, _weekday_expr):
        result = stage(toks, pub, lead)
        if result is not None:
            return result
    delta = _relative_day(toks)
    if delta is not None:
        return (pub + dt.timedelta(days=delta), "day") if pub else _UNKNOWN
    result = _unit_expr(toks, pub)
    if result is not None:
        return result
    for tok in toks:
        year = year_number(tok)
        if year is not None:
            return dt.date(year, 1, 1), "year"
    return _UNKNOWN


def _coerce_published(published: object) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str) and published.strip():
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None
    return None


def period(date: EventDate) -> tuple[dt.date, dt.date] | None:
    """The first and last day a resolved date may be (a week's Monday to Sunday, a month's first to
    last day, a year's), or None when it is not resolved."""
    if date.iso is None:
        return None
    first = date.iso
    if date.precision == "week":
        return first, first + dt.timedelta(days=6)
    if date.precision == "month":
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if date.precision == "year":
        return first, first.replace(month=12, day=31)
    return first, first


def resolve_date(text: str | None, published: dt.date | None, *, before: str = "") -> EventDate:
    """Resolve a date expression as written in an article, anchored on its publication date.

    `text` is kept as given (cut to the model's 120 characters if longer). `published` may also be
    a `datetime` (its date is used) or an ISO string. `before` is the article text right before
    the expression, if the caller has it (the sentence up to the span `find_date` returned): a
    future verb at the end of it (ستنطلق الجمعة, سيعقد الاجتماع الأحد) makes a weekday or a day
    and month the coming one; only its last clause is read. Never raises: anything that cannot be
    resolved gives ``iso=None`` and ``precision='unknown'``.
    """
    shown = text[:_TEXT_MAX] if isinstance(text, str) else None
    iso: dt.date | None
    try:
        pub = _coerce_published(published)
        iso, precision = _resolve(text, pub, before if isinstance(before, str) else "") if isinstance(text, str) else _UNKNOWN
    except Exception:  # a parser fed model output: never let it break the pipeline
        iso, precision = _UNKNOWN
    if iso is None:
        precision = "unknown"
    return EventDate(text=shown, iso=iso, precision=precision)
