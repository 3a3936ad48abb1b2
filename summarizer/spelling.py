"""Whether a Latin spelling can be a transliteration of an Arabic word: their consonants agree.

A transliteration keeps the consonants and chooses the vowels: عين زارة is Ain Zara, بوفاريك is
Boufarik. A translation that invents (سجن عين زارة as "Sana'a", الدندر as "Nile") or a dictionary
entry for another name (سلطان as "Al-Sharji") does not. `spells` compares the consonant skeletons
of the two words: each Arabic consonant stands for the Latin letters it is written with in news
English (ق: q, k, g; ج: j, g, dj; ش: sh, ch; خ: kh, h …), the long vowels, alef, hamza, ayn and ta
marbuta are vowels, and the Latin vowels (with w and y, which write و and ي as often as o, u, i,
e) are left out; the article (ال, Al-/El-/as- …) is optional. The skeletons agree when at most one
consonant in four (one in a shorter word) differs: an edit distance where agreeing letters cost
nothing.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["spells"]

# Arabic consonant -> the Latin consonant classes it is written with.
_ARABIC: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "ب": "b", "ت": "t", "ث": "t s", "ج": "j g", "ح": "h", "خ": "k h", "د": "d", "ذ": "d z", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z d", "غ": "g", "ف": "f",
    "ق": "k g", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "b", "چ": "s j", "ڤ": "f", "گ": "g",
}.items()}
# Latin letters and digraphs -> consonant class (vowels, w and y carry none).
_DIGRAPHS = {"sh": "s", "ch": "s", "kh": "k", "th": "t", "dh": "d", "gh": "g", "dj": "j", "zh": "j", "ph": "f", "ts": "t"}
_LATIN = {"b": "b", "p": "b", "t": "t", "j": "j", "g": "g", "h": "h", "d": "d", "r": "r", "z": "z", "s": "s",
          "f": "f", "v": "f", "q": "k", "k": "k", "c": "k", "l": "l", "m": "m", "n": "n", "x": "k"}
_ARTICLE = re.compile(r"^(?:al|el|a[strdznl]|e[strdznl])[-\s']", re.IGNORECASE)


def spells(arabic: str, latin: str) -> bool:
    """Whether `latin` can transliterate `arabic` (module docstring); word by word, the same number of words."""
    ar_words, latin_words = arabic.split(), _articles_joined(latin.split())
    if len(latin_words) > len(ar_words):
        ar_words = [part for word in ar_words for part in _unfused(word)]
    if not ar_words or len(ar_words) != len(latin_words):
        return False
    return all(_word_spells(a, b) for a, b in zip(ar_words, latin_words, strict=True))


def _unfused(word: str) -> list[str]:
    """A name written fused with عبد or أبو as its two words (عبدالفتاح: عبد الفتاح, Abdel Fattah)."""
    for head in ("عبد", "أبو", "ابو"):
        if word.startswith(head) and len(word) > len(head) + 2:
            return [head, word[len(head):]]
    return [word]


def _articles_joined(words: list[str]) -> list[str]:
    """Latin words with a separate article joined to the next (Ghout Al Shaal -> Ghout Al-Shaal)."""
    out: list[str] = []
    for word in words:
        if out and _ARTICLE.match(out[-1] + "-") and out[-1].lower() in _ARTICLE_WORDS:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out


_ARTICLE_WORDS = frozenset("al el as ash at ad az ath an ar".split())


def _word_spells(arabic: str, latin: str) -> bool:
    if arabic.startswith("ال") and len(arabic) > 3:
        arabic = arabic[2:]
        latin = _ARTICLE.sub("", latin)
    ar = [_ARABIC[c] for c in arabic if c in _ARABIC]
    la = _latin_skeleton(latin)
    if not ar or not la:
        return False
    return _distance(ar, la) <= max(1, len(ar) // 4)


def _latin_skeleton(word: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isascii() and c.isalpha())
    out: list[str] = []
    at = 0
    while at < len(plain):
        if plain[at:at + 2] in _DIGRAPHS:
            letter, at = _DIGRAPHS[plain[at:at + 2]], at + 2
        else:
            letter, at = _LATIN.get(plain[at], ""), at + 1
        if letter and not (out and out[-1] == letter):  # a doubled letter writes one consonant (shadda)
            out.append(letter)
    return out


def _distance(arabic: list[frozenset[str]], latin: list[str]) -> int:
    """Edit distance where an Arabic consonant and a Latin letter of one of its classes agree; an
    Arabic ه or ح may go unwritten (Taha, Mohamed, but Mahmoud, Saleh)."""
    previous = list(range(len(latin) + 1))
    for i, classes in enumerate(arabic, start=1):
        current = [i] + [0] * len(latin)
        drop = 0 if classes == {"h"} else 1
        for j, letter in enumerate(latin, start=1):
            current[j] = min(
                previous[j] + drop,  # an Arabic consonant unwritten
                current[j - 1] + 1,  # a Latin consonant too many
                previous[j - 1] + (0 if letter in classes else 1),
            )
        previous = current
    return previous[-1]
