"""Arabic function words: the closed classes that carry no fact of their own.

A restatement is checked word by word against its sentence (`grounding.Source`); the words checked
are the *content* words, so this list is the closed classes only: prepositions and conjunctions
written apart, particles, pronouns, demonstratives, relatives, auxiliaries, quantifiers and
sentence adverbs. Everything else (nouns, verbs, adjectives, names) is content, however common.
Kept folded (`fold_words`), so a spelling variant of a listed word is listed too.
"""

from __future__ import annotations

from .normalize import fold_words

__all__ = ["FUNCTION_WORDS", "is_function_word", "is_written_function_word"]

_WORDS = (
    # prepositions and conjunctions written apart
    "في من إلى الى على عن مع بين حتى منذ مذ خلال عند لدى نحو حول ضد دون بعد قبل فوق تحت أمام خلف "
    "وراء عبر ضمن إثر اثر جراء عقب لدى بدون سوى غير إزاء تجاه قرب لـ ثم أو أم بل لكن لكنه لكنها "
    "ولكن إما "
    # particles
    "أن إن أنه إنه أنها إنها أنهم إنهم أنهما لأن لان كي لكي لن لم لا ما قد لقد سوف هل إذا إذ لو "
    "كما مثل إلا ألا أما أي أيا حيث بينما فيما عندما كلما لما ليس ليست لست ليسوا "
    # pronouns, attached forms written apart
    "هو هي هم هن هما نحن أنا أنت أنتم إياه إياها إياهم "
    # demonstratives and relatives
    "هذا هذه هذان هاتان هذين هاتين ذلك تلك ذاك هؤلاء أولئك هنا هناك هنالك الذي التي الذين اللذان "
    "اللتان اللذين اللتين اللواتي اللاتي اللائي "
    # auxiliaries and copulas
    "كان كانت كانوا يكون تكون يكونون تم يتم تمت وتم أصبح أصبحت بات باتت ظل ظلت لا يزال لا تزال "
    "ما زال مازال مازالت زال "
    # quantifiers and sentence adverbs
    "كل كافة جميع بعض عدة أيضا أيضاً كذلك فقط جدا جداً حاليا حالياً نفسه نفسها ذاته ذاتها "
    "أكثر أقل مما ممن عما عمن فيه فيها فيهم منه منها منهم عليه عليها عليهم إليه إليها له لها لهم "
    "به بها بهم عنه عنها عنهم معه معها "
    # the article written apart (a typing slip: ال محافظة)
    "ال"
)
FUNCTION_WORDS: frozenset[str] = frozenset(fold_words(_WORDS))
# As written, hamza kept: folding makes فإن (fa-inna) فان, which is also how Van, a Turkish province, is written.
_WRITTEN: frozenset[str] = frozenset(_WORDS.split())


def is_function_word(folded: str) -> bool:
    """Whether a folded word (clitics as written) is a function word."""
    return folded in FUNCTION_WORDS


def is_written_function_word(word: str) -> bool:
    """Whether a word as written (hamza and all), alone or after a one-letter conjunction or preposition
    (فإن، وأن، بأن), is a function word."""
    return word in _WRITTEN or (len(word) > 2 and word[0] in "وفبلك" and word[1:] in _WRITTEN)
