"""Arabic letters and marks: the character tables every matching rule folds by.

`normalize.normalize_article` and `normalize.fold` (with offsets) are built from these tables, and
so is `spelling_key`, the light offset-free key of the date reader.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "COMMON_VARIANTS",
    "DIGITS",
    "INVISIBLE",
    "LETTER_VARIANTS",
    "TATWEEL",
    "is_arabic_mark",
    "spelling_key",
]

TATWEEL = "\u0640"
ZWNJ, ZWJ = "\u200c", "\u200d"  # only shape the letters around them
LRM, RLM = "\u200e", "\u200f"
DECIMAL_SEPARATOR = "\u066b"  # ٫
THOUSANDS_SEPARATOR = "\u066c"  # ٬

# Invisible format characters that scraped Arabic text is full of: bidi marks/embeddings/isolates,
# the Arabic letter mark, zero-width space, BOM, soft hyphen and word joiner. They carry no text.
INVISIBLE = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\ufeff\u00ad\u2060"
)

#: Arabic-Indic and extended (Persian/Urdu) digits -> ASCII.
DIGITS: dict[str, str] = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

# Hamza seats and alef variants are written inconsistently in news (أ/إ/ا are routinely
# interchanged), and ى/ي and ة/ه are confused at word ends.
#: The variants every outlet mixes: alef with hamza or madda, alef maksura, ta marbuta.
COMMON_VARIANTS: dict[str, str] = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}

# Persian/Urdu keyboards produce look-alike letters, and foreign-sound letters (ڤ گ پ چ ژ) are
# folded to the Arabic letters used for the same names in most outlets.
#: Every letter variant folded for matching: the common ones, the rarer alef forms, hamza on ya
#: and waw seats, look-alike letters, and the zero-width joiners.
LETTER_VARIANTS: dict[str, str] = {
    **COMMON_VARIANTS,
    "ٲ": "ا", "ٳ": "ا",
    "ی": "ي", "ې": "ي", "ئ": "ي",
    "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ۀ": "ه",
    "ؤ": "و",
    "ک": "ك", "گ": "ك",
    "ڤ": "ف", "پ": "ب", "چ": "ج", "ژ": "ز",
    ZWNJ: "", ZWJ: "",
}

# Quranic annotation signs and other combining marks of the Arabic blocks: diacritics for matching.
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))


def is_arabic_mark(ch: str) -> bool:
    """Whether `ch` is a combining mark (diacritic) of the Arabic blocks."""
    cp = ord(ch)
    return unicodedata.category(ch) == "Mn" and any(lo <= cp <= hi for lo, hi in _ARABIC_BLOCKS)


_SPELLING = str.maketrans({
    **DIGITS,
    **COMMON_VARIANTS,
    **dict.fromkeys((TATWEEL, ZWNJ, ZWJ, RLM, LRM)),
    DECIMAL_SEPARATOR: ".",
})
# The harakat, superscript alef and Quranic annotation signs (with a few non-combining signs of that range).
_SPELLING_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def spelling_key(text: str) -> str:
    """A light matching key without offsets: digits ASCII, the common letter variants folded, tatweel,
    joiners, direction marks and diacritics dropped, Latin lower-cased; punctuation stays.

    For word lists whose entries never carry the rarer variants `LETTER_VARIANTS` folds (the date
    reader's), and text whose separators matter (`24/3/2018`).
    """
    return _SPELLING_MARKS.sub("", text.translate(_SPELLING)).lower()
