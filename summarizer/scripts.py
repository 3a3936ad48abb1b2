"""Which script a text is written in, judged by its letters only."""

from __future__ import annotations

import regex

__all__ = ["script_ratios", "is_arabic", "is_latin", "arabic_words"]

_LETTER = regex.compile(r"\p{L}")
# Script_Extensions rather than Script: tatweel and a few letters shared with other scripts are
# Arabic in use, and Arabic-Indic digits and punctuation are not letters so never counted.
_ARABIC = regex.compile(r"[\p{L}&&\p{scx=Arabic}]", regex.V1)
_LATIN = regex.compile(r"[\p{L}&&\p{scx=Latin}]", regex.V1)


def script_ratios(text: str) -> tuple[float, float]:
    """Shares of Arabic-script and Latin-script letters among all letters.

    Digits, punctuation, marks and spaces are ignored; (0.0, 0.0) when there are no letters.
    """
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0, 0.0
    return len(_ARABIC.findall(text)) / letters, len(_LATIN.findall(text)) / letters


def is_arabic(text: str, threshold: float = 0.8) -> bool:
    """Whether at least `threshold` of the letters are Arabic script (False without letters)."""
    arabic, _ = script_ratios(text)
    return arabic > 0 and arabic >= threshold


def is_latin(text: str, threshold: float = 0.9) -> bool:
    """Whether at least `threshold` of the letters are Latin script (False without letters)."""
    _, latin = script_ratios(text)
    return latin > 0 and latin >= threshold


_ARABIC_WORD = regex.compile(r"[\p{L}&&\p{scx=Arabic}]+", regex.V1)


def arabic_words(text: str) -> list[str]:
    """The runs of Arabic letters in `text`, once each: in an English text, words left untranslated."""
    return list(dict.fromkeys(_ARABIC_WORD.findall(text)))
