"""The grammar of a number: composing the atoms of `number_tokens` into one number and its values.

`read_number` reads the number that starts at a token: digits and words joined by و/and/hyphens
(ثلاثة وعشرون, two hundred and five), scale words (7 آلاف, مليون و200 ألف, 2.5 million),
fractions of a scale word (ربع مليون, مليون ونصف, half a million) and a percent sign or word.
It also decides what is read but is not a count (a weak word alone, a word ordinal or fraction),
which `summarizer.numbers` then leaves out of its mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .number_tokens import Tok, has_role, is_horizontal
from .number_words import AR_ORDINALS, AR_PERCENT_AFTER_FI, EN_ORDINALS, FI, PERCENT_WORDS, Form, Role

__all__ = ["Reading", "read_number"]

_TANWEEN_FATH = "\u064b"  # ألفاً: the accusative singular, told apart from the dual construct ألفا

_SUB_HUNDRED = frozenset({Role.UNIT, Role.TEN, Role.TEEN, Role.TENS})
_ADDITIVE = _SUB_HUNDRED | {Role.HUNDREDS, Role.DIGITS}


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


def _start(tok: Tok) -> _State | None:
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


def _joiner(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """How toks[k] (or the atom after a standalone و/and/-) attaches to a number: (joiner, index).

    Joiners: 'wa' (Arabic و, attached or not), 'and' (English), 'hyphen', 'none' (a space, or
    nothing after digits). Line breaks and punctuation end a number.
    """
    if k >= len(toks) or not is_horizontal(toks[k].gap):
        return None
    t = toks[k]
    if t.atom is not None:
        if t.prefix in ("و", "وال"):
            return "wa", k
        attached_ok = t.gap or toks[k - 1].kind == "num"
        return ("none", k) if not t.prefix and attached_ok else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.atom is None or nxt.prefix or not is_horizontal(nxt.gap):
        return None
    if t.kind == "word" and t.key == "و":
        return "wa", k + 1
    if t.kind == "word" and t.key == "and" and nxt.atom.lang == "en":
        return "and", k + 1
    if t.text == "-" and not t.gap and not nxt.gap and nxt.atom.lang == "en":
        return "hyphen", k + 1
    return None


def _step(st: _State, tok: Tok, joiner: str) -> bool:
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


def _next_word(toks: list[Tok], k: int, prefixes: tuple[str, ...] = ()) -> Tok | None:
    """toks[k] if it is the next word of a phrase: after a space on the same line, with no clitic
    other than `prefixes`."""
    if k >= len(toks):
        return None
    t = toks[k]
    ok = bool(t.gap) and is_horizontal(t.gap) and t.prefix in ("", *prefixes)
    return t if ok else None


def _fraction_start(toks: list[Tok], i: int) -> tuple[_State, int] | None:
    """A number that is a fraction of a scale word, and the index of that scale word, or None.

    ربع مليون, بنصف مليار, ثلثي مليون, ثلاثة أرباع المليون; half a million, a quarter (of a)
    million, three quarters of a million. A fraction of anything else (نصف السكان, ربع ساعة,
    three quarters of the vote) is not a count, like the fraction words on their own.
    """
    k = i
    if has_role(toks[i], Role.ARTICLE):  # a quarter of a million
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
        if plural is None or not has_role(plural, Role.FRACTIONS, lang=a.lang):
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
    if scale is None or not has_role(scale, Role.SCALE, lang=a.lang):
        return None
    atom = scale.atom
    assert atom is not None
    if atom.form not in (Form.SINGULAR, Form.AMBIGUOUS):  # نصف ملايين is not a number
        return None
    return _State(frozenset({fraction * atom.value}), None, None, Role.SCALE, atom.value, atoms=k + 2 - i), k + 1


def _fraction_after(toks: list[Tok], j: int, st: _State) -> int | None:
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
            if st.group is None or st.last_scale is not None or not has_role(scale_word, Role.SCALE, lang="en"):
                return None
            k += 1
            value = scale_word.atom.value  # type: ignore[union-attr]
            st.total = frozenset(t + g * value for t in st.total for g in st.group)
            st.group, st.word, st.last, st.last_scale = None, None, Role.SCALE, value
    else:  # Arabic: the scale word, و + fraction, the scale word again or not
        if not after_scale:
            return None
        if nxt.prefix == "و" and has_role(nxt, Role.FRACTION, lang="ar"):
            k, word = j + 1, nxt
        elif nxt.key == "و" and (word := _next_word(toks, j + 2)) is not None and has_role(word, Role.FRACTION, lang="ar"):
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
class Reading:
    """One number read from the tokens: its span, every value it may mean, and whether it is a percent."""

    start: int  # offsets in the normalised text
    end: int
    values: frozenset[Decimal]
    parts: frozenset[Decimal]  # bare digit values inside a scaled number
    percent: bool


def _percent_end(toks: list[Tok], k: int) -> int | None:
    """End offset of a percent sign or word starting at toks[k], if there is one."""
    if k >= len(toks) or not is_horizontal(toks[k].gap) or len(toks[k].gap) > 1:
        return None
    t = toks[k]
    if t.kind == "pct" or t.key in PERCENT_WORDS:
        return t.end
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and is_horizontal(nxt.gap) and (
        (t.key == FI and nxt.key in AR_PERCENT_AFTER_FI) or (t.key == "per" and nxt.key == "cent")
    ):
        return nxt.end
    return None


def read_number(toks: list[Tok], i: int) -> tuple[Reading | None, int]:
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
    horizontal = following is not None and is_horizontal(following.gap)
    skip = (
        (st.atoms == 1 and first.atom is not None and first.atom.weak)
        # twenty-first, two-thirds
        or (following is not None and following.key in EN_ORDINALS and horizontal)
        # ثلاثة أرباع السكان: three quarters, not three
        or (has_role(following, Role.FRACTIONS) and horizontal)
        # الثالث عشر, الحادي والعشرين
        or (first.atom is not None and first.atom.lang == "ar" and preceding is not None
            and preceding.key in AR_ORDINALS and is_horizontal(first.gap))
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
    return Reading(start, end, st.value(), frozenset(st.parts), percent), j + 1
