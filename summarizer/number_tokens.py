"""Tokens of a text for reading numbers: digit strings with their values, words with their atoms.

This is the lexical half of `summarizer.numbers`: it decides what one digit string is worth
(separators, vulgar fractions, the agency decimal ر, clock times, suffixes such as 1.2bn) and which
words are number atoms (`number_words`), merging the Arabic ones written as two words (ثلاثة
عشر, ثلاث مئة). Composing atoms into numbers is `number_parser`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .arabic import Normalized, fold_key
from .number_words import (
    AR_PERCENT_AFTER_FI,
    DIGIT_SUFFIXES,
    ENGLISH,
    FI,
    PERCENT_WORDS,
    Atom,
    Role,
    arabic_atom,
)

__all__ = ["HOUR", "LATIN", "Tok", "has_role", "is_horizontal", "tokens"]

# --- digits ---------------------------------------------------------------------------------


_SEPARATOR = r"[.,\u060c]"  # dot, comma, Arabic comma


def _digit_values(s: str, agency: bool) -> frozenset[Decimal] | None:
    """Values of a digit string with '.'/',' separators; None if it is not one number.

    Commas group thousands (English, and the Arabic ٬ normalised to ','); a lone comma before a
    group that is not three digits is a decimal comma (Maghrebi/European usage) or a stray
    separator, so both readings are kept. A dot is a decimal point, but Arabic agencies also group
    thousands with it, so a lone dot before exactly three digits keeps both readings (411.026).
    The Arabic comma ، typed between digits with no space (5،5 بالمئة, Jordan and Syria) reads
    like the dot: the Arabic decimal separator ٫ is not on the keyboard, while a list of numbers
    puts a space after its commas (3، 4، 5 never reaches here).
    Several separators of one kind can only be grouping; mixed separators are grouping then
    decimal (1,234.5 or 1.234,5). Anything else (12.03.2018, 1.2.3, 1،2،3) is several numbers.
    """
    if agency and s.count(".") == 1 and s.replace(".", "").isdigit():
        # rewritten from 5ر2: the one separator is certainly a decimal point (a token with other
        # separators beside it, 0،0ر0, is read by the rules below)
        return frozenset({Decimal(s)})
    groups = regex.split(_SEPARATOR, s)
    seps = regex.findall(_SEPARATOR, s)
    if not seps:
        return frozenset({Decimal(s)})
    grouping_ok = 1 <= len(groups[0]) <= 3 and not (groups[0].startswith("0") and len(groups[0]) > 1)
    if len(seps) == 1:
        whole, frac = groups
        decimal = Decimal(f"{whole}.{frac}")
        grouped = Decimal(whole + frac)
        three = len(frac) == 3 and grouping_ok and int(whole) > 0
        if seps[0] == ",":
            return frozenset({grouped}) if three else frozenset({decimal, grouped})
        return frozenset({decimal, grouped}) if three else frozenset({decimal})
    head, last = seps[:-1], seps[-1]
    body_ok = grouping_ok and all(len(g) == 3 for g in groups[1:-1])
    if len(set(seps)) == 1:
        return frozenset({Decimal("".join(groups))}) if body_ok and len(groups[-1]) == 3 else None
    if len(set(head)) == 1 and head[0] != last and body_ok:
        return frozenset({Decimal("".join(groups[:-1]) + "." + groups[-1])})
    return None


# --- tokens ---------------------------------------------------------------------------------

# ASCII digits only: normalize_article has turned Arabic-Indic and Persian digits into them, and
# a digit of another script (or one newer than Python's Unicode tables) is no number to Decimal.
_TOKEN = regex.compile(
    r"(?P<frac>[0-9]+\u2044[0-9]+)"  # vulgar fractions as NFKC writes them: ½ -> 1⁄2
    r"|(?P<num>[0-9]+(?:[.,\u060c][0-9]+)*)"
    r"|(?P<word>[\p{L}\p{M}]+)"
    r"|(?P<pct>[%٪])"
    r"|(?P<nl>\n)"
    r"|(?P<other>\S)"
)
LATIN = regex.compile(r"\p{Latin}")  # a Latin word is looked up in English, lower-cased


@dataclass(slots=True)
class Tok:
    kind: str  # num, word, pct, nl, other
    start: int  # offsets in the normalised text; for words, after any clitic prefix
    end: int
    text: str
    gap: str  # the text between the previous token and this one ('' when attached)
    key: str = ""  # folded (Arabic) or lower-cased (Latin) word
    prefix: str = ""  # folded Arabic clitic in front of the number word
    atom: Atom | None = None
    values: frozenset[Decimal] = frozenset()  # digits: possible values, suffix applied
    bare: frozenset[Decimal] = frozenset()  # digits: values before any suffix multiplier


def _stem_start(token: str, start: int, prefix: str) -> int:
    """Offset where the stem of `token` begins once the folded `prefix` letters are skipped."""
    seen = 0
    for k, ch in enumerate(token):
        folded = fold_key(ch)
        if seen == len(prefix) and folded:  # marks on the last prefix letter stay with it
            return start + k
        seen += len(folded)
    return start + len(token)


def _digits(start: int, s: str, gap: str, values: frozenset[Decimal]) -> Tok:
    return Tok("num", start, start + len(s), s, gap, atom=Atom(Role.DIGITS, 0, lang=""), values=values, bare=values)


def _fraction(norm: Normalized, start: int, end: int) -> Decimal | None:
    """Value of a vulgar fraction as NFKC spells it (½ -> 1⁄2), with any whole part before it.

    NFKC glues the whole part to the numerator (5½ -> 51⁄2); the numerator digits that came from
    the fraction character itself share its source offset, which tells them apart.
    """
    text = norm.text[start:end]
    slash = start + text.index("\u2044")
    numerator_start = slash
    while numerator_start > start and norm.index[numerator_start - 1] == norm.index[slash]:
        numerator_start -= 1
    if numerator_start == slash:  # ¹⁄₂ or 1⁄2 typed out: all of it is the fraction
        numerator_start = start
    denominator = Decimal(norm.text[slash + 1:end])
    if not denominator:
        return None
    whole = Decimal(norm.text[start:numerator_start] or 0)
    return whole + Decimal(norm.text[numerator_start:slash]) / denominator


def _token_values(norm: Normalized, m: regex.Match[str]) -> frozenset[Decimal] | None:
    """Values of a digit token, or None if it is several numbers (12.03.2018)."""
    if m.lastgroup == "frac":
        value = _fraction(norm, m.start(), m.end())
        return None if value is None else frozenset({value})
    source = norm.original[slice(*norm.span_to_original(m.start(), m.end()))]
    return _digit_values(m.group(), agency="ر" in source)


HOUR = fold_key("الساعة")  # الساعة 15.30 is a time; `values_in` reads الساعة العاشرة as 10
_CLOCK = regex.compile(r"([0-9]{1,2})[.,\u060c]([0-9]{2})")


def _clock_time(before: list[Tok], digits: str) -> bool:
    """Whether `digits` after «الساعة» is a time of day (الساعة 15.30, الساعة 00،14): hours and
    minutes, two numbers, as 23:47 is, not the decimal 15.3."""
    clock = _CLOCK.fullmatch(digits)
    return (
        clock is not None and int(clock.group(1)) <= 24 and int(clock.group(2)) <= 59
        and bool(before) and before[-1].key == HOUR
    )


def _raw_tokens(norm: Normalized) -> list[Tok]:
    """Tokens of the normalised text with number atoms attached (before merging)."""
    text = norm.text
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        gap = text[prev_end:m.start()]
        prev_end = m.end()
        if kind in ("num", "frac"):
            values = None if _clock_time(out, m.group()) else _token_values(norm, m)
            if values is None:  # each run of digits on its own
                for part in regex.finditer(r"[0-9]+", m.group()):
                    sep = gap if part.start() == 0 else m.group()[part.start() - 1]
                    value = frozenset({Decimal(part.group())})
                    out.append(_digits(m.start() + part.start(), part.group(), sep, value))
            else:
                out.append(_digits(m.start(), m.group(), gap, values))
            continue
        tok = Tok(kind, m.start(), m.end(), m.group(), gap)
        if kind == "word":
            if LATIN.match(m.group()):
                tok.key = m.group().lower()
                tok.atom = ENGLISH.get(tok.key)
            else:
                tok.key = fold_key(m.group())
                percent = tok.key in PERCENT_WORDS or (
                    tok.key in AR_PERCENT_AFTER_FI and out and out[-1].key == FI and is_horizontal(gap)
                )
                found = None if percent else arabic_atom(tok.key)
                if found:
                    tok.prefix, tok.atom = found
                    tok.start = _stem_start(m.group(), m.start(), tok.prefix)
        out.append(tok)
    return out


def tokens(norm: Normalized) -> list[Tok]:
    """The tokens of normalised text, each number word or digit string carrying its atom."""
    return _merge(_raw_tokens(norm))


def _merge(toks: list[Tok]) -> list[Tok]:
    """Join tokens that are one number word in all but spelling.

    Arabic teens (ثلاثة عشر, إحدى عشرة) and split hundreds (ثلاث مئة) become one atom, and a
    suffix attached to digits (2nd, 1990s, 50k, 1.2bn, $5m) joins the digits.
    """
    out: list[Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        a, p = tok.atom, prev.atom if prev else None
        spaced = bool(tok.gap) and is_horizontal(tok.gap)
        if prev and p and a and p.lang == a.lang == "ar" and not tok.prefix and spaced:
            merged: Atom | None = None
            if a.kind is Role.TEN and p.kind in (Role.UNIT, Role.TEEN_HEAD):
                merged = Atom(Role.TEEN, p.value + 10)
            elif a.kind is Role.HUNDREDS and a.value == 100 and p.kind is Role.UNIT and p.value >= 3:
                merged = Atom(Role.HUNDREDS, p.value * 100)
            if merged:
                prev.atom, prev.end, prev.text = merged, tok.end, prev.text + tok.gap + tok.text
                continue
        if prev and prev.kind == "num" and tok.kind == "word" and tok.gap == "" and tok.key in DIGIT_SUFFIXES:
            prev.values = frozenset(v * k for v in prev.values for k in DIGIT_SUFFIXES[tok.key])
            prev.end, prev.text = tok.end, prev.text + tok.text
            continue
        out.append(tok)
    for tok in out:
        if tok.atom is not None and tok.atom.kind is Role.TEEN_HEAD:  # أحد without عشر: "someone", Sunday
            tok.atom = None
    return out


def is_horizontal(gap: str) -> bool:
    """Whether `gap` (the text between two tokens) is spaces only, within one line: a number and
    a phrase continue across it, not across a line break or punctuation."""
    return "\n" not in gap and not gap.strip()


def has_role(tok: Tok | None, *kinds: Role, lang: str | None = None) -> bool:
    """Whether `tok` is a number atom of one of `kinds` (and of language `lang`, if given)."""
    return tok is not None and tok.atom is not None and tok.atom.kind in kinds and lang in (None, tok.atom.lang)
