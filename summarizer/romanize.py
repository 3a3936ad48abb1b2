"""Personal names neither list knows, spelt offline from attested spellings instead of one model call each.

`arabic-name-romanizer` (MIT code, Wikidata CC0 data; the optional `names` extra) looks a name up
whole, then unit by unit (عبد الرحمن, أبو بكر and بن علي are units), in an index of spellings
attested in Wikidata, and guesses the units nobody spelt with a small ONNX model or rules. A guess
is what a model call would be, so only attested spellings are taken here, and only for what the
romanizer is for:

* the actor may be a person (its `kind` is not an organisation's); organisations and places are translated, not
  transliterated (كتيبة أبو عمارة is the Abu Amara Brigade);
* every unit of the candidate is attested (source `dictionary`): foreign names spelt back from
  Arabic are guesses (فلاديمير بوتن came out "Vladimir Bouten");
* no title or ordinal is part of the name (the lexicon's `role` and `ordinal` terms): الملك سلمان is
  King Salman, not "Al-Malak Salman", محمد السادس is Mohammed VI, not "Mohamed Essades";
* the candidate neither adds nor drops words: at least one Latin word per unit, at most one per
  Arabic word (two for a fused عبد/أبو: عبدالفتاح is Abdel Fattah).

Anything else goes to the model (`translation`). The glossary and gazetteer are asked first.
"""

from __future__ import annotations

import threading
from typing import Any

from .arabic import FoldedText, is_function_word
from .gazetteer import is_person_title
from .spelling import spells
from .terms import TermLexicon

__all__ = ["Romanizer"]

# Lexicon categories that make a name more than a person's name.
_NOT_A_NAME = frozenset({"role", "ordinal"})
_FUSED = ("عبد", "ابو", "أبو")
# Words of a name after a title: الرئيس عبد ربه منصور هادي has four.
_NAME_WORDS = 4


class Romanizer:
    """Attested Latin spellings of Arabic personal names; `person` is None when unsure or not installed."""

    _default: Romanizer | None = None
    _default_lock = threading.Lock()

    @classmethod
    def default(cls) -> Romanizer:
        """The shared romanizer with the built-in lexicon (its index is loaded once, on first use)."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    def __init__(self, lexicon: TermLexicon | None = None) -> None:
        self.lexicon = lexicon or TermLexicon.default()
        self._engine: Any = None
        self._loaded = False
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """Whether arabic-name-romanizer is installed (the `names` extra)."""
        return self._load() is not None

    def _load(self) -> Any:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    try:
                        from arabic_name_romanizer import Transliterator
                    except ImportError:
                        self._engine = None
                    else:
                        # No ONNX model: a unit the index lacks is a guess, and guesses are refused anyway.
                        self._engine = Transliterator(auto_load_model=False)
                    self._loaded = True
        return self._engine

    def person(self, name_ar: str, country: str | None = None) -> str | None:
        """The attested Latin spelling of a person's name (`country`: ISO alpha-2 hint), or None."""
        engine = self._load()
        if engine is None or not name_ar.strip():
            return None
        if any(m.term.category in _NOT_A_NAME for m in self.lexicon.find_terms(name_ar)):
            return None
        candidates = engine.transliterate(name_ar, top_k=2, country=country)
        if not candidates:
            return None
        best = candidates[0]
        if best.source != "dictionary" or any(u.source != "dictionary" for u in best.units):
            return None
        words = name_ar.split()
        latin = best.text.split()
        fewest = len(best.units) or len(words)
        most = len(words) + sum(1 for w in words if len(w) > 4 and w.startswith(_FUSED))
        return best.text if fewest <= len(latin) <= most else None

    def spell(self, arabic: str) -> str | None:
        """A Latin spelling of a name that is not a person's (a village, a district), or None: the
        first of the romanizer's spellings, attested or by its rules, whose consonants agree with
        the Arabic (`spelling.spells`: سلطان is not "Al-Sharji", which its index also lists)."""
        engine = self._load()
        if engine is None or not arabic.strip():
            return None
        candidates = engine.transliterate(arabic, top_k=3)
        for candidate in candidates if isinstance(candidates, list) else [candidates]:
            text = getattr(candidate, "text", candidate)
            if isinstance(text, str) and spells(arabic, text):
                return text
        return None

    def surname(self, word: str, text: str) -> bool:
        """Whether `text` writes a person's name of two words or more ending in `word` (folded): a later
        mention by surname alone (وناشد فورار, after جمال فورار)."""
        if self._load() is None:
            return False
        target = FoldedText(word).words
        if len(target) != 1:
            return False
        folded = FoldedText(text)
        for k in range(1, len(folded.words)):
            if folded.words[k] == target[0] and folded.joined(k - 1, 2) and not is_function_word(folded.words[k - 1]):
                start, _ = folded.norm.original_span(*folded.spans[k - 1])
                _, end = folded.norm.original_span(*folded.spans[k])
                if self.person(text[start:end]) is not None:
                    return True
        return False

    def name_words(self, arabic: str) -> list[tuple[int, int]]:
        """Spans of `arabic` that are words of a person's name written after a title.

        After a title with the article (`gazetteer.PERSON_TITLES`), the name is the unpunctuated run
        of up to four words that follows, each without the article, not a function word, not a
        number. The name is the longest start of the run that has two words or more and ends in two
        attested together as a personal name (منصور هادي, عباس كامل, نواف سلام); its name words are
        those of its words attested one by one. Many names are also common words (هادي folds like هادئ
        "calm", كامل is "complete", سلام "peace"): inside a name they are not terms to translate.

        The romanizer attests nearly any common word as somebody's name (زيادة Ziada, بيان Bayan),
        and a title is often a sentence's subject with its object after it (أعلن الرئيس زيادة
        الرواتب): so a lone word after a title stays a word, and without the romanizer nothing is a
        name word."""
        if self._load() is None:
            return []
        text = FoldedText(arabic)
        out: list[tuple[int, int]] = []
        for i, word in enumerate(text.words):
            if not is_person_title(word):
                continue
            run: list[tuple[int, int]] = []
            for j in range(i + 1, min(i + 1 + _NAME_WORDS, len(text))):
                following = text.words[j]
                if (following.startswith("ال") or is_function_word(following) or any(c.isdigit() for c in following)
                        or not text.joined(j - 1, 2)):
                    break
                run.append(text.norm.original_span(*text.spans[j]))
            # the longest start of the run that ends in an attested pair (عباس كامل in عباس كامل رئيس)
            size = next((k for k in range(len(run), 1, -1) if self.person(arabic[run[k - 2][0]:run[k - 1][1]])), 0)
            out += [(start, end) for start, end in run[:size] if self.person(arabic[start:end]) is not None]
        return out
