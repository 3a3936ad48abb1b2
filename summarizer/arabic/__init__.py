"""The Arabic text rules every reader of news text shares, in one place.

- `letters`: the character tables (digits, invisible marks, letter variants, diacritics);
- `normalize`: what the model sees (`normalize_article`) and the matching key (`fold`), both with
  an exact offset map back to the original text (`Normalized`);
- `clitics`: attached conjunctions, prepositions and article, stripped with the parameters each
  use states (`Clitics`);
- `endings`: the article, pronoun suffixes, final alef and future prefix read off a word
  (`Endings`), for word lists of verbs and verbal nouns;
- `phrases`: a word list's phrases found in a text, clitics (and optionally endings) stripped,
  longest match first, gaps allowed, with original offsets (`PhraseIndex` over a `FoldedText`).

The glossary, gazetteer, grounding, numbers, dates and event triggers are built on it.
"""

from .clitics import PROCLITICS, Clitics
from .endings import ENDINGS, GAP, Endings, Reading, ends_with_taa, written_words
from .letters import spelling_key
from .normalize import Normalized, fold, fold_key, fold_words, normalize_article
from .phrases import FoldedText, PhraseIndex, PhraseMatch, by_size_then_cost, folded_tokens, joined

__all__ = [
    "ENDINGS",
    "GAP",
    "PROCLITICS",
    "Clitics",
    "Endings",
    "FoldedText",
    "Normalized",
    "PhraseIndex",
    "PhraseMatch",
    "Reading",
    "by_size_then_cost",
    "ends_with_taa",
    "fold",
    "fold_key",
    "fold_words",
    "folded_tokens",
    "joined",
    "normalize_article",
    "spelling_key",
    "written_words",
]
