"""Numbers kept with the party the article gives them to.

A point restated from a sentence that names several parties can hand one party's number to another:
'«نداء تونس» حصل على 2135 مقعدا' (news 026), where the article gives the 2,135 seats to Ennahda and
1,595 to Nidaa Tounes. Every word is the article's, so the support checks pass it.

The check: for each number of a text that has a party named before it there, the article, in a
sentence that states the number, must name that party before it, or name no party before it at
all (the text may have put the party first: قتل 5 أشخاص في هجوم شنه X → X قتل 5 أشخاص). A party
is a body of the built-in glossary (not a place) or a name the text quotes that the article
quotes too: Arabic news quotes party and group names (حزب "نداء تونس"), and a phrase quoted in
one and not the other is no name to compare (scare quotes: بـ"حقوق تاريخية").

On the recorded news outputs and gold (414 headlines and points) it flags 026's point above and
one headline of 011 that gave the army's 32 refugees to the Lebanese Forces party, and no gold text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from .arabic import fold_key, normalize_article
from .glossary import Glossary
from .grounding import Source
from .numbers import NumberMention, find_numbers

__all__ = ["attribution_problems"]

# A quoted name: straight, curly or angle quotes (the model sees the article's "" as «»), a few words.
_QUOTED = re.compile(r'["«“]([^"»”\n]{2,40})["»”]')
_QUOTED_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Party:
    start: int
    end: int
    text: str
    key: str  # the glossary entry's English, or the folded quoted name
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class _Article:
    parties: list[_Party]
    numbers: list[NumberMention]
    quoted: frozenset[str]


_ARTICLES: WeakKeyDictionary[Source, _Article] = WeakKeyDictionary()


def _parties(text: str, quoted_ok: frozenset[str] | None) -> list[_Party]:
    """Glossary bodies and quoted names of `text` (with `quoted_ok`, only the quoted names in it)."""
    out = [_Party(s, e, text[s:e], entry.english) for s, e, entry in Glossary.default().find(text)]
    for m in _QUOTED.finditer(text):
        key = fold_key(normalize_article(m.group(1)).text).strip()
        if len(key.split()) <= _QUOTED_WORDS and (quoted_ok is None or key in quoted_ok):
            out.append(_Party(m.start(), m.end(), m.group(1), key, quoted=True))
    return out


def _article(source: Source) -> _Article:
    if source not in _ARTICLES:
        parties = _parties(source.original, None)
        quoted = frozenset(p.key for p in parties if p.quoted)
        _ARTICLES[source] = _Article(parties, find_numbers(source.original), quoted)
    return _ARTICLES[source]


def _sentence_start(source: Source, offset: int) -> int:
    """Where the sentence holding `offset` of the article starts (the article's start if none does)."""
    return next((a for a, z in source.sentences if a <= offset < z), 0)


def attribution_problems(text: str, where: str, source: Source | None) -> list[str]:
    """Re-ask instructions for numbers `text` gives to another party than the article does."""
    if source is None:
        return []
    article = _article(source)
    parties = _parties(text, article.quoted)
    problems = []
    for number in find_numbers(text):
        before = [p for p in parties if p.end <= number.start]
        if not before:
            continue
        party = max(before, key=lambda p: p.end)  # the nearest party named before the number
        stated = [n for n in article.numbers if n.values & number.values]
        owners: list[str] = []
        for n in stated:
            first = _sentence_start(source, n.start)
            named = [p for p in article.parties if first <= p.start and p.end <= n.start]
            if not named or any(p.key == party.key for p in named):
                break
            owners.append(max(named, key=lambda p: p.end).text)
        else:
            if owners:
                problems.append(
                    f"{where} gives {number.text} to {party.text}, but the article gives "
                    f"{number.text} to {owners[0]}; keep each number with the party the article gives it to"
                )
    return problems
