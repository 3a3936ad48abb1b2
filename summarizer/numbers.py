"""Reading cardinal numbers written in Arabic or English, in digits or in words.

`find_numbers` reports each number mention with every value it could plausibly mean, with offsets
into the text it was given. It is built for grounding checks: a number in a summary is grounded if
one of its values is one of the source's values, so ambiguity is kept (both readings of
`411.026`) rather than guessed away.

What is deliberately not a mention:

* Word forms of one and two (English "one", "two", "a"; Arabic واحد, اثنان/اثنين/اثنتين):
  "one of the", "a", "في آن واحد" (at once) and "يوم الاثنين" (Monday) are far more common than
  the numbers, and Arabic states "two" by the dual of the noun, which is not a number word.
  They still count inside compounds ("twenty-one", "one hundred", "واحد وعشرون"), and `values_in`
  (what a text states) reads Arabic one and two after the word they count (شخص واحد).
* Word ordinals and fractions (first, twenty-first, two-thirds, الأولى, الخامس, الثالث عشر,
  الحادي والعشرين, نصف السكان, ثلاثة أرباع): they are not counts. Digit ordinals ("2nd") keep
  their value, and a fraction of a scale word is a number: ربع مليون = 250,000, مليون ونصف
  [مليون] = 1,500,000, ثلاثة أرباع المليون, half a million, two and a half million.
* Nouns of a number (خماسية "a five-goal win, a five-party committee", ثنائية "bilateral"):
  they name a score or a group, and a mention would ask every translation for the digit;
  `values_in` reads them as stated values (and the 0 of بخماسية نظيفة).
* Vague plurals (عشرات, مئات, آلاف and ملايين on their own, dozens, thousands): no exact value.

Digits inside identifiers are read as numbers (`COVID-19` -> 19, `A320` -> 320): it keeps the
tokeniser simple, and a summary repeating the identifier then grounds on the same value. Signs are
ignored: values are magnitudes.

This module is the public face (mentions, stated values); `number_tokens` splits a text into digit
strings and number-word atoms, and `number_parser` composes atoms into one number and decides what
is not a count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .arabic import fold_key, normalize_article, spelling_key
from .date_words import MONTH_UNITS, MONTHS, TWO_WORD_MONTHS, day_ordinal, is_in, lookup
from .number_parser import read_number
from .number_tokens import HOUR, LATIN, Tok, has_role, is_horizontal, tokens
from .number_words import CLEAN_SCORE, GOAL_WORDS, Role, arabic_ordinal, arabic_word_in

__all__ = ["NumberMention", "digit_rewrites", "find_numbers", "in_digits", "values_in", "same_number"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number as written: its text, offsets into the scanned text and its possible values."""

    text: str
    start: int
    end: int
    values: frozenset[float]
    percent: bool = False  # read with a percent sign or word: 5%, 4 في المئة, 2.5 per cent

    @property
    def digits(self) -> str | None:
        """The mention in ASCII digits, as a translation writes it (12, 78,000, 2.5 million, 4%), or
        None when it has more than one reading (411.026)."""
        if len(self.values) != 1:
            return None
        return in_digits(next(iter(self.values)), self.percent, grouped=not _DIGITS_ONLY.fullmatch(self.text))


def same_number(a: float, b: float) -> bool:
    """Whether two values are the same number, up to a relative tolerance of 1e-6."""
    return math.isclose(a, b, rel_tol=1e-6)


_FROM = fold_key("من")  # الخامس من حزيران: the preposition between a day ordinal and its month
# Digits alone, in any script (٢٠١٦): a year or an identifier, written back without a thousands separator.
_DIGITS_ONLY = re.compile(r"\d+")
_ASCII_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


@dataclass(slots=True)
class _Scan:
    """A text's number mentions (with the bare digit values inside each), its tokens, and the
    indices of the tokens the mentions are made of."""

    mentions: list[tuple[NumberMention, frozenset[Decimal]]]
    toks: list[Tok]
    covered: set[int]


def _scan(text: str) -> _Scan:
    norm = normalize_article(text)
    toks = tokens(norm)
    scan = _Scan([], toks, set())
    i, last_end = 0, 0
    while i < len(toks):
        first = i
        reading, i = read_number(toks, i)
        if reading is None:
            continue
        start, end = norm.span_to_original(reading.start, reading.end)
        if start < last_end:  # one source character read as two numbers (0.¼ -> 0.1⁄4): keep the first
            continue
        last_end = end
        values = frozenset(float(v) for v in reading.values)
        scan.mentions.append((NumberMention(text[start:end], start, end, values, reading.percent), reading.parts))
        scan.covered.update(range(first, i))
    return scan


def _month_word(tok: Tok | None) -> bool:
    """Whether `tok` names a month (حزيران, يونيو, كانون, June) or is the word month (الشهر)."""
    if tok is None:
        return False
    key = spelling_key(tok.text)
    return isinstance(lookup(key, MONTHS), int) or key in TWO_WORD_MONTHS or is_in(key, MONTH_UNITS)


def _stated_words(scan: _Scan) -> Iterator[int]:
    """Values that words outside the mentions state, for `values_in`.

    Arabic one and two after the word they count (شخص واحد, مدافعين اثنين; not الواحد, not
    الاثنين "Monday"), nouns of a number of goals or parties (بخماسية 5, القمة الثلاثية 3),
    the 0 of a clean score (بخماسية نظيفة, بهدفين نظيفين), and the ordinals that are a day of the
    month or an hour (الخامس من حزيران 5, الساعة العاشرة 10), which a summary writes in digits.
    """
    toks = scan.toks
    keys = [t.key for t in toks]
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i > 0 and tok.gap and is_horizontal(tok.gap) else None
        a = tok.atom
        if tok.key == HOUR and i + 1 < len(keys):
            hour = arabic_ordinal(keys[i + 1], keys[i + 2] if i + 2 < len(keys) else None)
            if hour is not None and hour[0] <= 12:
                yield hour[0]
        elif tok.kind == "word" and (day := day_ordinal(keys, i)) is not None:
            after = i + day[1]
            if after + 1 < len(toks) and keys[after] == _FROM and _month_word(toks[after + 1]):
                yield day[0]
        if i in scan.covered:
            continue
        if a is not None and a.kind is Role.GROUP:
            yield a.value
        elif (a is not None and a.weak and a.lang == "ar" and a.kind is Role.UNIT and not tok.prefix
              and prev is not None and prev.kind == "word" and prev.atom is None and not LATIN.match(prev.text)):
            yield a.value
        elif a is None and tok.key in CLEAN_SCORE and prev is not None and (
            has_role(prev, Role.GROUP) or arabic_word_in(prev.key, GOAL_WORDS)
        ):
            yield 0


def find_numbers(text: str) -> list[NumberMention]:
    """Find the cardinal numbers in Arabic or English `text`, in digits or words.

    Offsets are into `text` as given (it is normalised internally). Each mention carries every
    value it could mean: `411.026` gives {411.026, 411026}, `7 آلاف` gives {7000}.
    """
    return [mention for mention, _ in _scan(text).mentions]


def values_in(text: str) -> set[float]:
    """Every value stated in `text`, plus the bare digits of scaled numbers.

    `7 آلاف` contributes 7000 and 7, so a quantity recorded as value 7 with unit "thousand people"
    still grounds. Words that state a number without being a mention count too (`_stated_words`:
    شخص واحد 1, بخماسية نظيفة 5 and 0), so a summary's "1 injured" or "5-0" grounds on them. They
    are not mentions (`find_numbers`) because a mention is a number every summary and translation
    of the text must carry: in في آن واحد, من جانب واحد, دفعة واحدة the one is "at once",
    "unilaterally", "in one go", and "a 5-0 rout" or "bilateral talks" must not be re-asked for
    a digit.
    """
    scan = _scan(text)
    out: set[float] = set()
    for mention, parts in scan.mentions:
        out |= mention.values
        out |= {float(p) for p in parts}
    out |= {float(v) for v in _stated_words(scan)}
    return out


def in_digits(value: float, percent: bool = False, grouped: bool = True) -> str:
    """`value` as English news writes it in digits: 12, 78,000 (`grouped`), 2.5, 1.5 million,
    2 billion, 4%."""
    number = Decimal(repr(value))
    for scale, word in _SCALES:
        if number >= scale and (number / scale) == round(number / scale, 2):
            return f"{_plain(number / scale)} {word}"
    text = f"{int(number):,}" if grouped and number == int(number) else _plain(number)
    return text + ("%" if percent else "")


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 2.50 -> 2.5, 2E+1 -> 20."""
    return format(number.normalize(), "f")


def digit_rewrites(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for each number `text` writes other than in ASCII digits, for a
    translation prompt: إثنا عشر -> 12, ملياري -> 2 billion, 5ر2 مليون -> 2.5 million,
    4 في المئة -> 4%, ٢٠١٦ -> 2016.

    Shown the words, the 1.5B model wrote "Ten" for إثنا عشر and "10,000" for عشرون (news 015,
    012); a number in digits is copied. A mention with two readings (411.026) is left as written,
    and so is a definite number word (مجموعة العشرين, the G20: a name, not a count).
    """
    return [
        (m.start, m.end, m.digits)
        for m in find_numbers(text)
        if m.digits is not None and not _ASCII_NUMBER.fullmatch(m.text) and not text[:m.start].endswith("ال")
    ]
