"""The Arabic text rules every reader of news text shares, in one place.

- `letters`: the character tables (digits, invisible marks, letter variants, diacritics);
- `normalize`: what the model sees (`normalize_article`) and the matching key (`fold`), both with
  an exact offset map back to the original text (`Normalized`);
- `clitics`: attached conjunctions, prepositions and article, stripped with the parameters each
  use states (`Clitics`);
- `endings`: inflectional endings (tanween, pronouns, construct plurals, the future prefix) read off
  a word for word lists written bare (`Endings`), and `core_words_match`, the rule for when two
  words are one word in two inflections (edges only, never the inside);
- `phrases`: a word list's phrases found in a text, clitics stripped, longest match first, with
  original offsets (`PhraseIndex` over a `FoldedText`).

The glossary, gazetteer, grounding, numbers and dates are built on it.
"""

from .clitics import PROCLITICS, Clitics
from .endings import ENDINGS, Endings, core_words_match, edge_cores
from .function_words import FUNCTION_WORDS, is_function_word
from .letters import spelling_key
from .normalize import Normalized, fold, fold_key, fold_words, normalize_article
from .phrases import FoldedText, PhraseIndex, PhraseMatch, folded_tokens, joined

__all__ = [
    "PROCLITICS",
    "Clitics",
    "ENDINGS",
    "Endings",
    "FUNCTION_WORDS",
    "FoldedText",
    "Normalized",
    "PhraseIndex",
    "PhraseMatch",
    "core_words_match",
    "edge_cores",
    "fold",
    "fold_key",
    "fold_words",
    "is_function_word",
    "folded_tokens",
    "joined",
    "normalize_article",
    "spelling_key",
]
