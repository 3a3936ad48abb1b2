"""English words as the news-term checks read them: whole words, case-insensitive, apostrophes
dropped and a possessive 's left out, other punctuation a word gap (`cease-fire` = `cease fire`), accents stripped.
The signs that stand for a word in news English (`SIGNS`: 5% is five percent, $2 two dollars) are words too.

Used both to check a lexicon file's English forms (`term_rows`) and to find them in a
translation (`term_index`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SIGNS", "english_words"]

#: Signs written for a word: a lexicon row may list one as an English form (percent: %).
SIGNS = "%$€£"
# A word, its inner apostrophes kept (Ma'rib) and a possessive 's left out of it: "Hadi's" is the
# name Hadi, not a word "hadis" no name or form matches; or a sign.
_EN_TOKEN = re.compile(r"([^\W_]+(?:['’‘](?!s\b)[^\W_]+)*|[" + re.escape(SIGNS) + r"])(?:['’‘]s\b)?")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´"), None)


def _norm_en(token: str) -> str:
    token = unicodedata.normalize("NFKD", token.translate(_APOSTROPHES))
    return "".join(c for c in token if not unicodedata.combining(c)).lower()


def english_words(text: str) -> list[str]:
    """The normalised words of an English text or form (lower-case, apostrophes dropped)."""
    return list(_english_words(text))


@lru_cache(maxsize=65536)
def _english_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (_norm_en(m.group(1)) for m in _EN_TOKEN.finditer(text)) if w)


def _word_readings(text: str) -> list[tuple[str, str]]:
    """The words of `_english_tokens`, one for one, each read with its possessive 's off and as
    written ("ra" and "ras" for Ra's)."""
    return [(w, _norm_en(m.group(0))) for m in _EN_TOKEN.finditer(text) if (w := _norm_en(m.group(1)))]


def _english_tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _EN_TOKEN.finditer(text):
        w = _norm_en(m.group(1))
        if w:
            out.append((m.start(1), m.end(1), w))
    return out
