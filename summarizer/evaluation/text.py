"""Arabic-aware text metrics: a tokenizer, chrF, ROUGE, and name matching in both languages.

Why a tokenizer of our own: rouge_score's default tokenizer lower-cases, then replaces every
character outside [a-z0-9] with a space, so an Arabic text has no tokens at all and every
Arabic ROUGE score is silently 0.0. Ours keeps letters of every script.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from ..arabic import fold_key, normalize_article
from ..grounding import Source
from ..models import Bilingual

__all__ = [
    "ArabicAwareTokenizer",
    "tokenize",
    "chrf",
    "rouge",
    "arabic_name_in",
    "english_name_in",
    "same_name",
]

# A number keeps its separators (7,000 and 2.5 are one token each); a word is a run of letters
# and marks of any script.
_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}]+")


def tokenize(text: str) -> list[str]:
    """Tokens for ROUGE, in Arabic or English.

    The text is normalised as articles are (NFKC, tatweel and invisible controls removed,
    Arabic-Indic digits and separators to ASCII, agency decimals `5ر2` -> `2.5`), then each token
    is folded: Arabic diacritics removed, alef/hamza seats, alef maqsura and ta marbuta unified,
    Latin lower-cased. Numbers keep their separators. No stemming: attached clitics (و، ال، ب) stay part of the word.
    """
    out = []
    for match in _TOKEN.finditer(normalize_article(text).text):
        token = match.group()
        if not token[0].isdigit():
            token = fold_key(token)
        if token:
            out.append(token)
    return out


class ArabicAwareTokenizer:
    """The rouge_score tokenizer interface (`tokenize(text) -> list[str]`) over `tokenize`."""

    def tokenize(self, text: str) -> list[str]:
        return tokenize(text)


@lru_cache(maxsize=1)
def _rouge_scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=ArabicAwareTokenizer())


def rouge(output: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F-measures of `output` against `reference`, in [0, 1]."""
    scores = _rouge_scorer().score(reference, output)  # rouge_score takes (target, prediction)
    return {name: score.fmeasure for name, score in scores.items()}


@lru_cache(maxsize=1)
def _chrf():  # type: ignore[no-untyped-def]
    from sacrebleu.metrics import CHRF

    return CHRF()


def chrf(output: str, reference: str) -> float:
    """sacrebleu's sentence chrF (character 6-grams, beta 2) on the raw texts, scaled to [0, 1]."""
    return _chrf().sentence_score(output, [reference]).score / 100.0


# --- names ----------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _source(text: str) -> Source:
    return Source(text)


def arabic_name_in(name: str, text: str) -> bool:
    """Whether an Arabic name occurs in `text`, the way grounding finds names in an article.

    Folded comparison (diacritics, hamza seats, ta marbuta, hashtags as words), attached
    clitics (و ف ب ل ك ال لل) stripped on either side, multiword names on consecutive tokens,
    and approximate matching for names of 6+ letters (see `Source.find_name`).
    """
    return bool(name.strip()) and _source(text).has_name(name)


# Spelling noise that never changes which name it is: apostrophes and ayn/hamza signs vanish
# (Ma'rib = Marib), the Arabic article and English "the" are optional (al-Farouq = Farouq, the
# Fifth Force = Fifth Force).
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼʿʾ´"), None)
_OPTIONAL_WORDS = frozenset({"the", "al", "el"})


_POSSESSIVE = regex.compile(r"['’]s\b")


def _en_tokens(text: str) -> list[str]:
    """Latin tokens: accents stripped, case folded, possessive 's and apostrophes removed,
    optional words dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _POSSESSIVE.sub("", plain).translate(_APOSTROPHES)
    return [t for t in regex.findall(r"[\p{L}\p{N}]+", plain) if t not in _OPTIONAL_WORDS]


def english_name_in(name: str, text: str) -> bool:
    """Whether an English name occurs in `text`: its tokens, consecutive, case-insensitive.

    Only spelling noise is ignored: accents, apostrophes, possessive 's, hyphens and the optional
    words "the", "al" and "el" (Al-Farouq Battalion = al Farouq battalion = Farouq Battalion).
    Nothing approximate: a letter or a word more or less is another name (Eastern/Western Ghouta,
    Idlib/adlib, Iran/iron, Interior/Inferior, "Health Ministry in Gaza"/"... in Egypt").
    Transliteration variants count only where the glossary or gazetteer declares them for the same
    actor or place (see `faithfulness.entity_recall`).
    """
    words, hay = _en_tokens(name), _en_tokens(text)
    n = len(words)
    return bool(n) and any(hay[i : i + n] == words for i in range(len(hay) - n + 1))


def same_name(a: Bilingual, b: Bilingual) -> bool:
    """Whether two bilingual names refer to the same actor or place.

    Either Arabic name contains the other (Arabic-aware, `arabic_name_in`: "الفاروق" and
    "كتيبة الفاروق" match), or either English name contains the other (`english_name_in`).
    """
    return (
        arabic_name_in(a.ar, b.ar)
        or arabic_name_in(b.ar, a.ar)
        or english_name_in(a.en, b.en)
        or english_name_in(b.en, a.en)
    )
