"""The Arabic text rules every reader of news text shares, in one place.

- `letters`: the character tables (digits, invisible marks, letter variants, diacritics);
- `normalize`: what the model sees (`normalize_article`) and the matching key (`fold`), both with
  an exact offset map back to the original text (`Normalized`);
- `clitics`: attached conjunctions, prepositions and article, stripped with the parameters each
  use states (`Clitics`);
- `endings`: the article, pronoun suffixes, final alef, construct plurals and future prefix read
  off a word (`Endings`), for word lists written bare (event triggers, news terms), and
  `core_words_match`, the rule for when two words are one word in two inflections (edges only,
  never the inside);
- `function_words`: the closed classes that carry no fact (`is_function_word`);
- `phrases`: a word list's phrases found in a text, clitics (and optionally endings) stripped,
  longest match first, gaps allowed, with original offsets (`PhraseIndex` over a `FoldedText`).

The glossary, gazetteer, grounding, numbers, dates and event triggers are built on it.
"""

from .clitics import PROCLITICS, Clitics
from .endings import ENDINGS, GAP, Endings, Reading, core_words_match, edge_cores, ends_with_taa, written_words
from .function_words import FUNCTION_WORDS, is_function_word, is_written_function_word
from .letters import spelling_key
from .normalize import Normalized, fold, fold_key, fold_words, normalize_article
from .phrases import FoldedText, PhraseIndex, PhraseMatch, by_size_then_cost, folded_tokens, joined

__all__ = [
    "ENDINGS",
    "GAP",
    "PROCLITICS",
    "Clitics",
    "Endings",
    "FUNCTION_WORDS",
    "FoldedText",
    "Normalized",
    "PhraseIndex",
    "PhraseMatch",
    "Reading",
    "by_size_then_cost",
    "core_words_match",
    "edge_cores",
    "ends_with_taa",
    "fold",
    "fold_key",
    "fold_words",
    "is_function_word",
    "is_written_function_word",
    "folded_tokens",
    "joined",
    "normalize_article",
    "spelling_key",
    "written_words",
]
