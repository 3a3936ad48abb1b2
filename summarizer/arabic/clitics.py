"""Proclitics: the conjunctions, prepositions and article written attached to an Arabic word.

وبالمدينة is و + ب + ال + مدينة. Finding a name, a number word or a date word in news text means
reading each folded word every way it splits into such prefixes and a stem. How far to go differs
by use, and each use says so with the parameters of its `Clitics`:

- whether the article ال is a clitic (and لل is ل + ال), or part of the word (glossary forms keep
  it: الحماس is not حماس); where it is not, ل + ال written لل may be read back (للبنك -> البنك);
- how many letters a stem keeps: stripping on both sides of a comparison pairs unrelated short
  words (a name بحر would match والحر), so a name's stem keeps three letters, an article word's two;
- which prefixes may leave a shorter stem (a number word: ست takes ال and ب, never و: وست is "West"),
  and which need a longer one: the comparison particle ك ("like", "as") stands before a noun of
  four letters or more, or one with ال (كوسيط، كالعادة); read before three, it took كبير (big) for
  ك + بير (a well), كمال (a name) for ك + مال (money), فكري for ف + ك + ري (irrigation);
- the order readings come in, for callers that take the first that fits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["ARTICLE", "CONJUNCTIONS", "Clitics", "PREPOSITIONS", "PROCLITICS"]

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"


def _all_prefixes(article: bool) -> tuple[str, ...]:
    """Every attached prefix: a conjunction, then a preposition, then (with `article`) ال; ل + ال is لل."""
    out: list[str] = []
    for conjunction in ("", *CONJUNCTIONS):
        for preposition in ("", *PREPOSITIONS):
            out.append(conjunction + preposition)
            if article:
                out.append(conjunction + ("لل" if preposition == "ل" else preposition + ARTICLE))
    return tuple(dict.fromkeys(p for p in out if p))


@dataclass(frozen=True)
class Clitics:
    """How to strip proclitics off a folded word (see the module docstring)."""

    article: bool = False  # ال (and the ال of لل) is a clitic too
    restore_article: bool = False  # also read لل as ل + ال, keeping ال: للبنك -> البنك
    min_stem: int = 2  # letters a stem keeps
    min_stem_after: Mapping[str, int] = field(default_factory=dict)  # prefix -> its own minimum
    longest_first: bool = True  # try the longest prefix first, else the shortest
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Only the order of lengths matters: two prefixes of one length never both fit a word.
        prefixes = sorted(_all_prefixes(self.article), key=len, reverse=self.longest_first)
        object.__setattr__(self, "_prefixes", tuple(prefixes))

    def __hash__(self) -> int:
        # Hashable like the other frozen parameters, so readings can be cached per Clitics.
        return hash((self.article, self.restore_article, self.min_stem, tuple(sorted(self.min_stem_after.items())),
                     self.longest_first))

    def min_stem_for(self, prefix: str) -> int:
        """Letters a stem keeps after `prefix` (its endings off too, `Endings.readings`)."""
        return self.min_stem_after.get(prefix, self.min_stem)

    def readings(self, word: str) -> list[tuple[str, int]]:
        """Each way of reading `word` as prefixes + stem: (stem, letters stripped), the word itself first.

        A stem read back with ال (`restore_article`) comes before the bare one; no stem twice.
        """
        out = [(word, 0)]
        seen = {word}
        for prefix in self._prefixes:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            if len(rest) < self.min_stem_for(prefix):
                continue
            stems = [rest]
            if self.restore_article and prefix.endswith("ل") and rest.startswith("ل") and len(rest) > 2:
                stems.insert(0, "ا" + rest)
            for stem in stems:
                if stem not in seen:
                    seen.add(stem)
                    out.append((stem, len(prefix)))
        return out

    def stems(self, word: str, *, drop_article: bool = False) -> set[str]:
        """The stems of `word`'s readings, the word itself among them; with `drop_article`, each also
        without a leading ال (the head noun of والجيش is جيش). Folded آلاف starts with ال too: its
        readings keep الاف."""
        out = {stem for stem, _ in self.readings(word)}
        return out | {stem.removeprefix(ARTICLE) for stem in out} if drop_article else out


#: Conjunctions and prepositions, stems of two letters or more (four after ك), لل read back as
#: ل + ال: the readings of a word in a phrase index (the glossary, the gazetteer, the news terms).
PROCLITICS = Clitics(restore_article=True, min_stem_after={p: 4 for p in ("ك", "وك", "فك")})
