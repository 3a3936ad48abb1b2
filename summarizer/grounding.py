"""Finding quotes, numbers and names of generated output in the source article.

Every offset returned points into the article exactly as the user gave it, so evidence can be
highlighted in the original text whatever normalisation was needed to find it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import cached_property

from rapidfuzz import fuzz

from .arabic import Clitics, FoldedText, Normalized, edge_cores, fold, is_function_word, normalize_article
from .models import Evidence
from .number_words import arabic_atom
from .numbers import find_numbers, same_number, values_in

__all__ = ["Source"]

_FUZZY_SCORE = 90.0
_FUZZY_MIN_WORDS = 3
_FUZZY_TRIM = 3  # tokens a fuzzy window may lose at either edge
_FUZZY_NAME_MIN_CHARS = 6
_EVIDENCE_MAX = 600  # Evidence.text max_length
# A sentence ends at . ! ? ؟ … (one or more, possibly closing quotes) before whitespace, or at a line break.
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"»”')]*(?=\s)|\n+")
_QUOTED = re.compile(r'"([^"\n]{1,200})"')

# Names and words are compared as stems, with conjunctions, prepositions and the article stripped,
# alone or stacked (وال, بال, لل = ل + ال), longest first. Article tokens may be cut down to two
# letters (بقم -> قم), but a name token must keep three, or stripping on both sides pairs
# unrelated short words (a name بحر would match والحر).
_ARTICLE_CLITICS = Clitics(article=True, min_stem=2)
_NAME_CLITICS = Clitics(article=True, min_stem=3)
# Conjunctions and prepositions only (no article): what may be attached to a function word (وهو، بها).
_CONJUNCTIONS = Clitics(min_stem=2)


def _stems(token: str, clitics: Clitics) -> dict[str, int]:
    """Each way of reading `token` as clitics + stem: stem -> length of the clitics stripped."""
    return dict(clitics.readings(token))


def content_words(text: str) -> list[str]:
    """The folded words of `text` that state something: not function words (with or without attached
    conjunctions and prepositions: وهو، بها), not numbers or number words, not single letters."""
    out = []
    for word in fold(text).text.split():
        if len(word) < 2 or any(c.isdigit() for c in word) or arabic_atom(word) is not None:
            continue
        if any(is_function_word(stem) for stem, _ in _CONJUNCTIONS.readings(word)):
            continue
        out.append(word)
    return out


class Source:
    """An article prepared once for grounding checks.

    Holds the folded text (with its map back to the original), the set of values the article
    states, and an index from folded token stems to token positions for name lookups.
    """

    def __init__(self, original: str, *, dateline: int = 0) -> None:
        """`dateline`: where a leading wire dateline ends (`dateline.dateline_end`); it belongs to no
        sentence, so no point, headline, evidence or event is made of it."""
        self.original = original
        words = FoldedText(original)
        self._folded: Normalized = words.norm
        self._values: frozenset[float] = frozenset(values_in(original))
        self._tokens = words.spans  # token spans in the folded text
        self._token_stems = [_stems(word, _ARTICLE_CLITICS) for word in words.words]
        self._starts = [a for a, _ in self._tokens]
        self._stem_index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for k, stems in enumerate(self._token_stems):
            for stem, cut in stems.items():
                self._stem_index[stem].append((k, cut))

        self.normalized: Normalized = normalize_article(original)
        self.sentences: list[tuple[int, int]] = self._after(self._split_sentences(), dateline)

    # --- sentences ----------------------------------------------------------------------------

    def _split_sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in the original text, found on the normalised text (where `.,` is `.`)."""
        text, spans, start = self.normalized.text, [], 0
        for match in _SENTENCE_END.finditer(text):
            end = match.end() if text[match.start()] != "\n" else match.start()
            if text[start:end].strip():
                spans.append(self._trimmed(start, end))
            start = match.end()
        if text[start:].strip():
            spans.append(self._trimmed(start, len(text)))
        return spans

    def _after(self, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
        """The sentence spans cut to start at `offset` or later (the dateline's end), blanks skipped."""
        out = []
        for start, end in spans:
            start = max(start, offset)
            while start < end and self.original[start].isspace():
                start += 1
            if start < end:
                out.append((start, end))
        return out

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        text = self.normalized.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return self.normalized.span_to_original(start, end)

    def sentence_texts(self) -> list[str]:
        """The article's sentences as the model sees them (normalised), numbered from 1 in prompts.

        Straight double quotes become « »: a model copying a quoted name into a JSON string
        otherwise ends the string at the quote mark.
        """
        return [
            _QUOTED.sub(r"«\1»", normalize_article(self.original[a:z]).text).replace('"', "”")
            for a, z in self.sentences
        ]

    @cached_property
    def _sentence_words(self) -> list[tuple[set[str], set[str]]]:
        """Per sentence: the stems of its words (clitics off every way) and their cores (`edge_cores`)."""
        out = []
        for a, z in self.sentences:
            stems = {stem for word in fold(self.original[a:z]).text.split() for stem in _stems(word, _ARTICLE_CLITICS)}
            out.append((stems, set().union(*(edge_cores(s) for s in stems))))
        return out

    def _words_found(self, text: str, numbers: list[int] | None) -> list[tuple[str, bool]]:
        """The content words of `text`, each with whether the given sentences have it (see `support`)."""
        chosen = [n for n in (range(1, len(self.sentences) + 1) if numbers is None else numbers)
                  if 1 <= n <= len(self.sentences)]
        stems: set[str] = set().union(*(self._sentence_words[n - 1][0] for n in chosen))
        cores: set[str] = set().union(*(self._sentence_words[n - 1][1] for n in chosen))
        out = []
        for word in content_words(text):
            readings = _stems(word, _ARTICLE_CLITICS)
            found = bool(stems.intersection(readings)) or any(cores & edge_cores(r) for r in readings)
            out.append((word, found))
        return out

    def support(self, text: str, numbers: list[int] | None = None) -> float:
        """Share of the content words of `text` found in the given sentences (1-based; default: all).

        Content words are the words that are not function words (`arabic.FUNCTION_WORDS`), numbers
        (the number check's business) or single letters. A word is found when, attached clitics
        stripped from both (و ف ب ل ك, ال, لل), it is a word of the sentences, or (long words only)
        the same word in another inflection: the two differ only at their edges
        (`arabic.core_words_match`: انسحاب/انسحابات, قصف/يقصف), never inside (مقتل killing is not
        مقاتل fighter, قتلى dead not قتال fighting, هدنة truce not هدم demolition).
        """
        found = self._words_found(text, numbers)
        return sum(ok for _, ok in found) / len(found) if found else 0.0

    def unsupported_words(self, text: str, numbers: list[int] | None = None) -> list[str]:
        """The content words of `text` the given sentences (1-based; default: all) do not have, once each."""
        return list(dict.fromkeys(word for word, ok in self._words_found(text, numbers) if not ok))

    def best_sentence(self, text: str) -> tuple[int, float]:
        """The sentence that best supports `text` (1-based), and the support of it with its neighbours.

        Code, not the model, picks the evidence: a small model restates sentences well but cites
        their numbers badly. On a tie the earlier sentence wins.
        """
        if not self.sentences:
            return 0, 0.0
        best = max(range(1, len(self.sentences) + 1), key=lambda n: self.support(text, [n]))
        return best, self.support(text, [best - 1, best, best + 1])

    def sentence_evidence(self, number: int) -> Evidence:
        """Evidence for sentence `number` (1-based), with its offsets in the original text."""
        start, end = self.sentences[number - 1]
        return Evidence(text=self.original[start:end], start=start, end=end, match="exact")

    # --- quotes -------------------------------------------------------------------------------

    def locate(self, quote: str) -> Evidence:
        """Find `quote` in the article: exact, after normalisation, approximately, or not at all.

        'exact': verbatim (first occurrence). 'normalized': the folded quote occurs in the folded
        article. 'fuzzy': a quote of 3+ words aligns with the folded article at a partial-ratio
        score of 90 or more; the span is the run of whole words around the alignment that best
        matches the quote. Offsets are into the original,
        trimmed of surrounding whitespace. A quote with no letters or digits (empty, blank, a lone
        '.') is not_found: it cannot support anything. Evidence.text is the quote, cut to the
        schema's 600 characters if longer.
        """
        text = quote[:_EVIDENCE_MAX]
        key = fold(quote).text
        if not key:  # empty, blank or punctuation only: nothing that could support a claim
            return Evidence(text=text, match="not_found")
        at = self.original.find(quote)
        if at >= 0:
            return Evidence(text=text, start=at, end=at + len(quote), match="exact")
        folded = self._folded.text
        at = folded.find(key)
        if at >= 0:
            start, end = self._folded.original_span(at, at + len(key))
            return Evidence(text=text, start=start, end=end, match="normalized")
        if len(key.split()) >= _FUZZY_MIN_WORDS and (span := self._fuzzy(key)) is not None:
            start, end = self._folded.original_span(*span)
            return Evidence(text=text, start=start, end=end, match="fuzzy")
        return Evidence(text=text, match="not_found")

    def _fuzzy(self, key: str) -> tuple[int, int] | None:
        """Folded span of whole tokens that `key` approximately matches, or None."""
        folded = self._folded.text
        if len(key) > len(folded):
            return None
        found = fuzz.partial_ratio_alignment(key, folded, score_cutoff=_FUZZY_SCORE)
        if found is None:
            return None
        # The alignment window has the quote's length, so it starts or ends inside words and
        # takes in neighbours when the quote dropped letters. Take the tokens it touches and
        # keep the run of them that best matches the quote as a whole.
        first = bisect_right(self._starts, found.dest_start) - 1
        last = bisect_left(self._starts, found.dest_end) - 1
        first, last = max(first, 0), max(last, first)
        spans = [
            (self._tokens[i][0], self._tokens[j][1])
            for i in range(first, min(first + _FUZZY_TRIM, last) + 1)
            for j in range(last, max(last - _FUZZY_TRIM, i) - 1, -1)
        ]
        # max() keeps the first best, and the widest spans come first.
        return max(spans, key=lambda span: fuzz.ratio(key, folded[span[0]:span[1]]))

    # --- numbers ------------------------------------------------------------------------------

    def states_value(self, value: float) -> bool:
        """Whether the article states `value` (in digits or words, scaled or not)."""
        return any(same_number(value, v) for v in self._values)

    def ungrounded_numbers(self, text: str) -> list[str]:
        """The number mentions of `text` none of whose possible values the article states."""
        return [m.text for m in find_numbers(text) if not any(self.states_value(v) for v in m.values)]

    # --- names --------------------------------------------------------------------------------

    def find_name(self, name: str) -> tuple[int, int] | None:
        """Original offsets of the best occurrence of `name`, or None.

        Token match on folded text, where a name token and an article token match when they share
        a stem once attached clitics (و ف ب ل ك, ال, وال, بال, لل ...) are stripped from either;
        a multiword name must match consecutive tokens. The best occurrence strips the fewest
        letters, then comes first. The span covers the stems, not the clitics in front. Names of
        6+ letters that are not found that way may match approximately (partial ratio >= 90).
        """
        words = fold(name).text.split()
        if not words:
            return None
        best: tuple[int, int, int, int] | None = None  # (letters stripped, first token, start, end)
        name_stems = [_stems(w, _NAME_CLITICS) for w in words]
        for stem, name_cut in name_stems[0].items():
            for k, cut in self._stem_index.get(stem, ()):
                if k + len(words) > len(self._tokens):
                    continue
                stripped = name_cut + cut
                for offset, stems in enumerate(name_stems[1:], start=1):
                    extra = self._token_match(stems, k + offset)
                    if extra is None:
                        break
                    stripped += extra
                else:
                    candidate = (stripped, k, self._tokens[k][0] + cut, self._tokens[k + len(words) - 1][1])
                    if best is None or candidate[:2] < best[:2]:
                        best = candidate
        if best is not None:
            return self._folded.original_span(best[2], best[3])
        key = " ".join(words)
        if len(key.replace(" ", "")) >= _FUZZY_NAME_MIN_CHARS and (span := self._fuzzy(key)) is not None:
            return self._folded.original_span(*span)
        return None

    def _token_match(self, name_stems: dict[str, int], k: int) -> int | None:
        """Fewest letters stripped to match article token k with a name token, or None."""
        token_stems = self._token_stems[k]
        cuts = [cut + token_stems[s] for s, cut in name_stems.items() if s in token_stems]
        return min(cuts) if cuts else None

    def has_name(self, name: str) -> bool:
        """Whether the article names `name` (see `find_name`)."""
        return self.find_name(name) is not None
