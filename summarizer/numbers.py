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
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from .arabic import Normalized, fold_key, normalize_article, spelling_key
from .date_words import MONTH_UNITS, MONTHS, TWO_WORD_MONTHS, day_ordinal, is_in, lookup
from .number_words import (
    AR_ORDINALS,
    AR_PERCENT_AFTER_FI,
    CLEAN_SCORE,
    DIGIT_SUFFIXES,
    EN_ORDINALS,
    ENGLISH,
    FI,
    GOAL_WORDS,
    PERCENT_WORDS,
    Atom,
    Form,
    Role,
    arabic_atom,
    arabic_ordinal,
    arabic_word_in,
)

__all__ = ["NumberMention", "find_numbers", "values_in", "same_number"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number as written: its text, offsets into the scanned text and its possible values."""

    text: str
    start: int
    end: int
    values: frozenset[float]
    percent: bool = False  # read with a percent sign or word: 5%, 4 في المئة, 2.5 per cent


def same_number(a: float, b: float) -> bool:
    """Whether two values are the same number, up to a relative tolerance of 1e-6."""
    return math.isclose(a, b, rel_tol=1e-6)


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
    if agency:  # rewritten from 5ر2: the separator is certainly a decimal point
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
_LATIN = regex.compile(r"\p{Latin}")
_TANWEEN_FATH = "\u064b"


@dataclass(slots=True)
class _Tok:
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


def _digits(start: int, s: str, gap: str, values: frozenset[Decimal]) -> _Tok:
    return _Tok("num", start, start + len(s), s, gap, atom=Atom(Role.DIGITS, 0, lang=""), values=values, bare=values)


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


_HOUR = fold_key("الساعة")
_FROM = fold_key("من")
_CLOCK = regex.compile(r"([0-9]{1,2})[.,\u060c]([0-9]{2})")


def _clock_time(before: list[_Tok], digits: str) -> bool:
    """Whether `digits` after «الساعة» is a time of day (الساعة 15.30, الساعة 00،14): hours and
    minutes, two numbers, as 23:47 is, not the decimal 15.3."""
    clock = _CLOCK.fullmatch(digits)
    return (
        clock is not None and int(clock.group(1)) <= 24 and int(clock.group(2)) <= 59
        and bool(before) and before[-1].key == _HOUR
    )


def _raw_tokens(norm: Normalized) -> list[_Tok]:
    """Tokens of the normalised text with number atoms attached (before merging)."""
    text = norm.text
    out: list[_Tok] = []
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
        tok = _Tok(kind, m.start(), m.end(), m.group(), gap)
        if kind == "word":
            if _LATIN.match(m.group()):
                tok.key = m.group().lower()
                tok.atom = ENGLISH.get(tok.key)
            else:
                tok.key = fold_key(m.group())
                percent = tok.key in PERCENT_WORDS or (
                    tok.key in AR_PERCENT_AFTER_FI and out and out[-1].key == FI and _is_horizontal(gap)
                )
                found = None if percent else arabic_atom(tok.key)
                if found:
                    tok.prefix, tok.atom = found
                    tok.start = _stem_start(m.group(), m.start(), tok.prefix)
        out.append(tok)
    return out


def _merge(toks: list[_Tok]) -> list[_Tok]:
    """Join tokens that are one number word in all but spelling.

    Arabic teens (ثلاثة عشر, إحدى عشرة) and split hundreds (ثلاث مئة) become one atom, and a
    suffix attached to digits (2nd, 1990s, 50k, 1.2bn, $5m) joins the digits.
    """
    out: list[_Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        a, p = tok.atom, prev.atom if prev else None
        spaced = bool(tok.gap) and _is_horizontal(tok.gap)
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


# --- parser ---------------------------------------------------------------------------------

_SUB_HUNDRED = frozenset({Role.UNIT, Role.TEN, Role.TEEN, Role.TENS})
_ADDITIVE = _SUB_HUNDRED | {Role.HUNDREDS, Role.DIGITS}


def _is_horizontal(gap: str) -> bool:
    return "\n" not in gap and not gap.strip()


@dataclass(slots=True)
class _State:
    """A number being read: completed scaled groups plus the group under construction."""

    total: frozenset[Decimal]
    group: frozenset[Decimal] | None
    word: int | None  # the group's value when written in words; digits take no word addends
    last: Role
    last_scale: int | None = None
    atoms: int = 1
    parts: set[Decimal] = field(default_factory=set)  # bare digit values, for values_in

    def value(self) -> frozenset[Decimal]:
        group = self.group or frozenset({Decimal(0)})
        return frozenset(t + g for t in self.total for g in group)


def _start(tok: _Tok) -> _State | None:
    """State after the first atom of a number, or None if the token cannot start one."""
    a = tok.atom
    if a is None or a.kind in (Role.HUNDRED, Role.DOZEN, Role.FRACTION, Role.FRACTIONS, Role.GROUP):
        return None
    zero = frozenset({Decimal(0)})
    if a.kind is Role.DIGITS:
        return _State(zero, tok.values, None, Role.DIGITS, parts=set(tok.bare))
    if a.kind is not Role.SCALE:
        return _State(zero, frozenset({Decimal(a.value)}), a.value, a.kind)
    # A scale word on its own: Arabic writes "a thousand" as plain ألف; English needs "a"/a count.
    if a.lang != "ar" or a.form is Form.PLURAL:
        return None
    counts = {Form.SINGULAR: (1,), Form.DUAL: (2,), Form.AMBIGUOUS: (1, 2)}[a.form]
    if a.form is Form.AMBIGUOUS and _TANWEEN_FATH in tok.text:
        counts = (1,)  # ألفاً: accusative singular, not the dual construct ألفا
    return _State(frozenset(Decimal(c * a.value) for c in counts), None, None, Role.SCALE, last_scale=a.value)


def _joiner(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    """How toks[k] (or the atom after a standalone و/and/-) attaches to a number: (joiner, index).

    Joiners: 'wa' (Arabic و, attached or not), 'and' (English), 'hyphen', 'none' (a space, or
    nothing after digits). Line breaks and punctuation end a number.
    """
    if k >= len(toks) or not _is_horizontal(toks[k].gap):
        return None
    t = toks[k]
    if t.atom is not None:
        if t.prefix in ("و", "وال"):
            return "wa", k
        attached_ok = t.gap or toks[k - 1].kind == "num"
        return ("none", k) if not t.prefix and attached_ok else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.atom is None or nxt.prefix or not _is_horizontal(nxt.gap):
        return None
    if t.kind == "word" and t.key == "و":
        return "wa", k + 1
    if t.kind == "word" and t.key == "and" and nxt.atom.lang == "en":
        return "and", k + 1
    if t.text == "-" and not t.gap and not nxt.gap and nxt.atom.lang == "en":
        return "hyphen", k + 1
    return None


def _step(st: _State, tok: _Tok, joiner: str) -> bool:
    """Extend the number by one atom if the grammar allows it; False leaves `st` untouched."""
    a = tok.atom
    if a is None:
        return False
    if a.kind is Role.SCALE:
        hyphen = joiner == "hyphen" and a.lang == "en"  # a four-billion-dollar dam
        if joiner != "none" and not hyphen or st.group is None or a.form is Form.DUAL:
            return False
        if st.last_scale is not None and a.value >= st.last_scale:
            return False
        st.total = frozenset(t + g * a.value for t in st.total for g in st.group)
        st.group, st.word, st.last, st.last_scale = None, None, Role.SCALE, a.value
        return True
    if a.kind in (Role.HUNDRED, Role.DOZEN):  # English multipliers: a hundred, five hundred, two dozen
        if joiner != "none" or st.group is None or st.last in (Role.HUNDRED, Role.DOZEN, Role.HUNDREDS):
            return False
        if st.word is not None and st.word >= 100:
            return False
        st.group = frozenset(g * a.value for g in st.group)
        st.word = st.word * a.value if st.word is not None else None
        st.last = a.kind
        return True
    if a.kind not in _ADDITIVE:
        return False
    values = tok.values if a.kind is Role.DIGITS else frozenset({Decimal(a.value)})
    if st.group is None:
        # After a scale word: ألف ومئتان, مليون و200 ألف, two thousand five hundred. English
        # writes digits whole, so "2.5 million and 17" is two numbers.
        if st.last_scale is None or max(values) >= st.last_scale:
            return False
        if not (joiner == "wa" and a.lang != "en" or joiner in ("and", "none") and a.lang == "en"):
            return False
        st.group, st.word, st.last = values, None if a.kind is Role.DIGITS else a.value, a.kind
        st.parts |= tok.bare
        return True
    if st.word is None or a.kind is Role.DIGITS:
        return False
    r = st.word % 100
    if a.kind in _SUB_HUNDRED and r == 0 and st.word >= 100:
        # مئة وخمسون, one hundred and twenty, one hundred twenty
        ok = joiner == "wa" and a.lang == "ar" or joiner in ("and", "none") and a.lang == "en"
    elif a.kind is Role.TENS and st.last is Role.UNIT and 1 <= r <= 9:
        ok = joiner == "wa" and a.lang == "ar"  # the unit comes first: ثلاثة وعشرون
    elif a.kind is Role.UNIT and st.last is Role.TENS:
        ok = joiner in ("hyphen", "none") and a.lang == "en"  # twenty-three
    else:
        ok = False
    if ok:
        st.word += a.value
        st.group, st.last = frozenset({Decimal(st.word)}), a.kind
    return ok


# --- fractions of scale words ----------------------------------------------------------------


def _next_word(toks: list[_Tok], k: int, prefixes: tuple[str, ...] = ()) -> _Tok | None:
    """toks[k] if it is the next word of a phrase: after a space on the same line, with no clitic
    other than `prefixes`."""
    if k >= len(toks):
        return None
    t = toks[k]
    ok = bool(t.gap) and _is_horizontal(t.gap) and t.prefix in ("", *prefixes)
    return t if ok else None


def _is(tok: _Tok | None, *kinds: Role, lang: str | None = None) -> bool:
    return tok is not None and tok.atom is not None and tok.atom.kind in kinds and lang in (None, tok.atom.lang)


def _fraction_start(toks: list[_Tok], i: int) -> tuple[_State, int] | None:
    """A number that is a fraction of a scale word, and the index of that scale word, or None.

    ربع مليون, بنصف مليار, ثلثي مليون, ثلاثة أرباع المليون; half a million, a quarter (of a)
    million, three quarters of a million. A fraction of anything else (نصف السكان, ربع ساعة,
    three quarters of the vote) is not a count, like the fraction words on their own.
    """
    k = i
    if _is(toks[i], Role.ARTICLE):  # a quarter of a million
        k += 1
        if _next_word(toks, k) is None:
            return None
    a = toks[k].atom
    if a is None:
        return None
    if a.kind is Role.UNIT:  # ثلاثة أرباع, three quarters, three-quarters
        hyphen = a.lang == "en" and k + 2 < len(toks) and toks[k + 1].text == "-" and not toks[k + 1].gap
        k += 2 if hyphen else 1
        plural = (toks[k] if not toks[k].gap else None) if hyphen else _next_word(toks, k)
        if plural is None or not _is(plural, Role.FRACTIONS, lang=a.lang):
            return None
        denominator = plural.atom.denominator  # type: ignore[union-attr]
        if a.value >= denominator:
            return None
        fraction = Decimal(a.value) / denominator
    elif a.kind is Role.FRACTION:
        fraction = Decimal(a.value) / a.denominator
    else:
        return None
    if a.lang == "en":  # half a million, a quarter of a million
        for glue in ("of", "a"):
            word = _next_word(toks, k + 1)
            if word is not None and word.key == glue:
                k += 1
    scale = _next_word(toks, k + 1, ("ال",))
    if scale is None or not _is(scale, Role.SCALE, lang=a.lang):
        return None
    atom = scale.atom
    assert atom is not None
    if atom.form not in (Form.SINGULAR, Form.AMBIGUOUS):  # نصف ملايين is not a number
        return None
    return _State(frozenset({fraction * atom.value}), None, None, Role.SCALE, atom.value, atoms=k + 2 - i), k + 1


def _fraction_after(toks: list[_Tok], j: int, st: _State) -> int | None:
    """Extend the number that ends at toks[j] by a fraction of its scale; the new end index, or None.

    مليون ونصف, مليون ونصف مليون, مليونان ونصف المليون, 5 ملايين وربع; a million and a half;
    two and a half million. ونصف before another definite noun is "half the ..." (ألف ونصف السكان).
    """
    nxt = _next_word(toks, j + 1, ("و",))
    if nxt is None:
        return None
    after_scale = st.last is Role.SCALE and st.group is None and st.last_scale is not None
    if nxt.key == "and":  # English: ... and a half
        article, half = _next_word(toks, j + 2), _next_word(toks, j + 3)
        if article is None or article.key != "a" or half is None or half.key != "half":
            return None
        k, fraction = j + 3, Decimal(1) / 2
        if not after_scale:  # two and a half million
            scale_word = _next_word(toks, k + 1)
            if st.group is None or st.last_scale is not None or not _is(scale_word, Role.SCALE, lang="en"):
                return None
            k += 1
            value = scale_word.atom.value  # type: ignore[union-attr]
            st.total = frozenset(t + g * value for t in st.total for g in st.group)
            st.group, st.word, st.last, st.last_scale = None, None, Role.SCALE, value
    else:  # Arabic: the scale word, و + fraction, the scale word again or not
        if not after_scale:
            return None
        if nxt.prefix == "و" and _is(nxt, Role.FRACTION, lang="ar"):
            k, word = j + 1, nxt
        elif nxt.key == "و" and (word := _next_word(toks, j + 2)) is not None and _is(word, Role.FRACTION, lang="ar"):
            k = j + 2
        else:
            return None
        atom = word.atom
        assert atom is not None
        fraction = Decimal(atom.value) / atom.denominator
        again = _next_word(toks, k + 1, ("ال",))
        if again is not None and again.atom is not None and again.atom.kind is Role.SCALE:
            if again.atom.value != st.last_scale:  # ألف ونصف مليون: not one number
                return None
            k += 1
        elif again is not None and again.atom is None and again.key.startswith("ال"):
            return None
    scale = st.last_scale
    assert scale is not None
    st.total = frozenset(t + fraction * scale for t in st.total)
    st.parts = {p + fraction for p in st.parts}  # 5 ملايين ونصف: a quantity may record 5.5 million
    st.atoms += k - j
    return k


@dataclass(frozen=True, slots=True)
class _Reading:
    start: int  # offsets in the normalised text
    end: int
    values: frozenset[Decimal]
    parts: frozenset[Decimal]  # bare digit values inside a scaled number
    percent: bool


def _percent_end(toks: list[_Tok], k: int) -> int | None:
    """End offset of a percent sign or word starting at toks[k], if there is one."""
    if k >= len(toks) or not _is_horizontal(toks[k].gap) or len(toks[k].gap) > 1:
        return None
    t = toks[k]
    if t.kind == "pct" or t.key in PERCENT_WORDS:
        return t.end
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and _is_horizontal(nxt.gap) and (
        (t.key == FI and nxt.key in AR_PERCENT_AFTER_FI) or (t.key == "per" and nxt.key == "cent")
    ):
        return nxt.end
    return None


def _read(toks: list[_Tok], i: int) -> tuple[_Reading | None, int]:
    """Read the number starting at toks[i]: (reading or None, index of the next token to try)."""
    first = toks[i]
    if (fraction := _fraction_start(toks, i)) is not None:
        st, j = fraction  # j: index of the last token in the number
    elif (started := _start(first)) is not None:
        st, j = started, i
    else:
        return None, i + 1
    while (nxt := _joiner(toks, j + 1)) is not None and _step(st, toks[nxt[1]], nxt[0]):
        j = nxt[1]
        st.atoms += 1
    if (end := _fraction_after(toks, j, st)) is not None:
        j = end
    following = toks[j + 1] if j + 1 < len(toks) else None
    if following is not None and following.text == "-" and not following.gap and j + 2 < len(toks):
        following = toks[j + 2]
    preceding = toks[i - 1] if i > 0 else None
    horizontal = following is not None and _is_horizontal(following.gap)
    skip = (
        (st.atoms == 1 and first.atom is not None and first.atom.weak)
        # twenty-first, two-thirds
        or (following is not None and following.key in EN_ORDINALS and horizontal)
        # ثلاثة أرباع السكان: three quarters, not three
        or (_is(following, Role.FRACTIONS) and horizontal)
        # الثالث عشر, الحادي والعشرين
        or (first.atom is not None and first.atom.lang == "ar" and preceding is not None
            and preceding.key in AR_ORDINALS and _is_horizontal(first.gap))
    )
    if skip:
        return None, j + 1
    start, end, percent = first.start, toks[j].end, True
    if (pct := _percent_end(toks, j + 1)) is not None:
        end = pct
    elif (preceding is not None and preceding.kind == "pct" and not first.gap and first.kind == "num"
          and (preceding.gap or i == 1)):
        start = preceding.start  # %5, as typed in right-to-left text; not the % of 5%5
    else:
        percent = False
    return _Reading(start, end, st.value(), frozenset(st.parts), percent), j + 1


@dataclass(slots=True)
class _Scan:
    """A text's number mentions (with the bare digit values inside each), its tokens, and the
    indices of the tokens the mentions are made of."""

    mentions: list[tuple[NumberMention, frozenset[Decimal]]]
    toks: list[_Tok]
    covered: set[int]


def _scan(text: str) -> _Scan:
    norm = normalize_article(text)
    toks = _merge(_raw_tokens(norm))
    scan = _Scan([], toks, set())
    i, last_end = 0, 0
    while i < len(toks):
        first = i
        reading, i = _read(toks, i)
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


def _month_word(tok: _Tok | None) -> bool:
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
        prev = toks[i - 1] if i > 0 and tok.gap and _is_horizontal(tok.gap) else None
        a = tok.atom
        if tok.key == _HOUR and i + 1 < len(keys):
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
              and prev is not None and prev.kind == "word" and prev.atom is None and not _LATIN.match(prev.text)):
            yield a.value
        elif a is None and tok.key in CLEAN_SCORE and prev is not None and (
            _is(prev, Role.GROUP) or arabic_word_in(prev.key, GOAL_WORDS)
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
