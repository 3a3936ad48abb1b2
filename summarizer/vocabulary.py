"""Whether a word is a word of the English dictionary, not a name.

A small model asked for the English of an Arabic name it does not know invents one: زوجته، منى (his
wife, Mona) became "Fromni", بناني مشتبه به (a Lebanese suspect) "Nadir Al-Aswaf" on real news. A
word that spells none of the Arabic's words (`spelling.spells`), that no term or known name accounts
for, and that is no dictionary word can only be such an invention. The dictionary is Webster's
Second International (1934, public domain) as packaged by `english-words` (MIT); its inflections
are not listed, so a plural is looked up by its singular.
"""

from __future__ import annotations

from functools import cache

from english_words import get_english_words_set

__all__ = ["is_english_word"]


@cache
def _words() -> frozenset[str]:
    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))


def is_english_word(word: str) -> bool:
    """Whether `word` (any case; a plural or possessive too) is in the dictionary."""
    w = word.lower().removesuffix("'s").removesuffix("’s")
    stems = [w]
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    if w.endswith("es"):
        stems.append(w[:-2])
    if w.endswith("s"):
        stems.append(w[:-1])
    words = _words()
    return any(s in words for s in stems)
