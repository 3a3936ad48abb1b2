"""The Arabic text rules every reader of news text shares, in one place.

- `letters`: the character tables (digits, invisible marks, letter variants, diacritics);
- `normalize`: what the model sees (`normalize_article`) and the matching key (`fold`), both with
  an exact offset map back to the original text (`Normalized`);
- `clitics`: attached conjunctions, prepositions and article, stripped with the parameters each
  use states (`Clitics`);
- `phrases`: a word list's phrases found in a text, clitics stripped, longest match first, with
  original offsets (`PhraseIndex` over a `FoldedText`).

The glossary, gazetteer, grounding, numbers and dates are built on it.
"""

from .clitics import PROCLITICS, Clitics
from .letters import spelling_key
from .normalize import Normalized, fold, fold_key, fold_words, normalize_article
from .phrases import FoldedText, PhraseIndex, PhraseMatch, folded_tokens, joined

__all__ = [
    "PROCLITICS",
    "Clitics",
    "FoldedText",
    "Normalized",
    "PhraseIndex",
    "PhraseMatch",
    "fold",
    "fold_key",
    "fold_words",
    "folded_tokens",
    "joined",
    "normalize_article",
    "spelling_key",
]
