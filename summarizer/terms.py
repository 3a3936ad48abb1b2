"""A bilingual Arabic→English lexicon of news terms, and the checks it makes possible.

The data is `summarizer/data/terms.tsv` (format in docs/glossary.md, "News-term lexicon"); user
files given with `TermLexicon.load(path, ...)` extend it. One row is one concept: its Arabic
forms, its accepted English forms (the first is the canonical rendering, used as a hint) and a
check direction:

* `both`: an Arabic form in the source requires one of the row's English forms in the
  translation, and one of its English forms in a translation requires, in the Arabic, an Arabic
  form of some row that lists that English form (`helicopters` with no مروحية is an error);
* `ar`: only the first direction (words whose English is too common or too many-to-one, "said").

A form written with a leading `?` is *weak*. A weak Arabic form (an ambiguous word: آب August /
أب father, صفر Safar / zero, مسيرة drone / march) is never reported, hinted or required, but its
presence supports the row's English forms in the reverse check. A weak English form is accepted
for the Arabic→English check and supports nothing by itself: it is never checked in reverse.

Arabic matching is the project's one phrase scanner (`arabic.PhraseIndex`, as `Glossary.find`):
folded text (diacritics, hamza seats, ى/ي, ة/ه), attached proclitics stripped (و ف ب ل ك, لل), and
inflectional endings read off (`arabic.Endings`: tanween alif, pronoun suffixes, construct
plurals, future س). On top of that the data is written without the article: a form matches with
or without ال unless it is written with it (`الأحد` Sunday never matches أحد "one").

English matching is by whole words, case-insensitive, apostrophes dropped and other punctuation a
word gap (`cease-fire` = `cease fire`); a regular plural (-s, -es, -y → -ies) of the last word of
a form is accepted too. Irregular forms are listed in the data.

Rows are read by `term_rows`, forms found in text by `term_index` (English words:
`english_tokens`); this module is the lexicon and its checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from .english_tokens import _english_tokens, english_words
from .errors import ConfigurationError
from .term_index import _EnglishIndex, _name_ranges, _phrase_index, _scan
from .term_rows import CATEGORIES, CHECKS, Term, _builtin_opposites, _builtin_terms, _parse

__all__ = [
    "CATEGORIES",
    "CHECKS",
    "EnglishHit",
    "Term",
    "TermLexicon",
    "TermMatch",
    "english_words",
]


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A term found in an Arabic text: offsets into the text as given."""

    start: int
    end: int
    text: str
    term: Term


@dataclass(frozen=True, slots=True)
class EnglishHit:
    """An English form found in a translation: offsets into the translation as given."""

    start: int
    end: int
    text: str
    #: The lexicon form it matched (normalised: lower-case, apostrophes dropped).
    form: str
    #: Ids of every row that lists the form.
    term_ids: tuple[str, ...]


# --- the lexicon -----------------------------------------------------------------------------

def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Not "hundreds", "thousands", "millions", "dozens": vague counts are lexicon terms (مئات is not آلاف).
_STOPWORDS = _word_set(
    """
    a about above across after again against ago all almost along already also although always am
    among an and another any anyone anything are around as at away back be became because become
    been before being below between beyond both but by can cannot could did do does doing done down
    during each either else enough even ever every few for from further had has have having he her
    here hers herself him himself his how however i if in including inside instead into is it its
    itself just last least less like many may me might more most much must my near nearly neither
    never next no nor not now of off often on once one only onto or other others our ours out over
    own per rather same several shall she should since so some such than that the their theirs them
    themselves then there these they this those though through throughout thus till to together too
    toward towards under until up upon us very via was we well were what whatever when where
    whereas whether which while who whom whose why will with within without would yet you your
    mr mrs ms dr st al el
    zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion billions trillion dozen
    """
)


class TermLexicon:
    """The news-term lexicon: Arabic terms, their English, and the checks. Immutable once built."""

    def __init__(self, terms: Iterable[Term] = (), opposites: Iterable[tuple[str, str]] = ()) -> None:
        merged: dict[str, Term] = {}
        for term in terms:
            merged.pop(term.id, None)  # a user row with a built-in id replaces that row
            merged[term.id] = term
        self._terms = tuple(merged.values())
        self._by_id = {t.id: t for t in self._terms}
        self._arabic = _phrase_index(self._terms)
        # A translation's checks read its one Arabic again and again (the terms it lacks, those its
        # English lacks support for, the words no check covered, each repair): 16 scans of the same
        # text per validation, three quarters of its time, before this cache.
        self._scan = lru_cache(maxsize=1024)(partial(_scan, self._arabic))
        self._english = _EnglishIndex(self._terms)
        #: row id -> the rows that say its opposite (`opposite_in_english`)
        self._opposites: dict[str, set[str]] = {}
        for a, b in opposites:
            for term_id in (a, b):
                if term_id not in self._by_id:
                    raise ConfigurationError(f"opposites: no lexicon row {term_id!r}")
            self._opposites.setdefault(a, set()).add(b)
            self._opposites.setdefault(b, set()).add(a)

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> TermLexicon:
        """The built-in lexicon (unless `builtin=False`) extended by user files, in order.

        A user row with a built-in id replaces that row; a user row whose Arabic form is already
        known takes that form over. A malformed row raises ConfigurationError naming the file and
        line.
        """
        terms: list[Term] = []
        opposites: list[tuple[str, str]] = []
        if builtin:
            terms.extend(_builtin_terms())
            opposites.extend(_builtin_opposites())
        for path in paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigurationError(f"cannot read term lexicon file {path}: {exc}") from exc
            terms.extend(_parse(text, str(path)))
        return cls(terms, opposites)

    @classmethod
    def default(cls) -> TermLexicon:
        """The built-in lexicon (cached)."""
        return _default()

    # --- data ---------------------------------------------------------------------------------

    @property
    def terms(self) -> tuple[Term, ...]:
        return self._terms

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    # --- Arabic -------------------------------------------------------------------------------

    def find_terms(self, arabic: str, *, skip: Iterable[tuple[int, int]] = ()) -> list[TermMatch]:
        """Terms of an Arabic text, left to right, longest match first, with offsets into `arabic`.

        A span starts after attached conjunctions and prepositions. Weak forms are not reported.
        `skip`: spans of `arabic` (known names found by the glossary or gazetteer) whose terms
        are not reported (حزب in حزب الله).
        """
        skip = list(skip)
        matches, _ = self._scan(arabic)
        out = []
        for start, end, form in matches:
            if form.weak or any(start < z and a < end for a, z in skip):
                continue
            out.append(TermMatch(start, end, arabic[start:end], form.term))
        return out

    def present(self, arabic: str) -> frozenset[str]:
        """Ids of every term any of whose forms (weak ones and those inside longer terms
        included) occurs in `arabic`: what the reverse check accepts as support."""
        return self._scan(arabic)[1]

    def hints(
        self, arabic: str, *, skip: Iterable[tuple[int, int]] = (), limit: int | None = None
    ) -> list[tuple[str, str]]:
        """(Arabic term as written, canonical English) for a translation prompt, one per term,
        in order of first occurrence."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for m in self.find_terms(arabic, skip=skip):
            if m.term.id in seen:
                continue
            seen.add(m.term.id)
            out.append((m.text, m.term.canonical))
            if limit is not None and len(out) >= limit:
                break
        return out

    # --- English ------------------------------------------------------------------------------

    def accepts(self, term: Term, english: str) -> bool:
        """Whether `english` contains one of the term's accepted English forms."""
        return any(term.id in self._english.owners[key] for _, _, key, _ in self._english.occurrences(english))

    def english_terms(self, english: str) -> list[EnglishHit]:
        """Every English form of any row in a text, longest first at each word, with the rows listing it."""
        out = []
        for i, n, key, toks in self._english.occurrences(english):
            start, end = toks[i][0], toks[i + n - 1][1]
            out.append(EnglishHit(start, end, english[start:end], " ".join(key), tuple(sorted(self._english.owners[key]))))
        return out

    def missing_in_english(
        self, arabic: str, english: str, *, skip: Iterable[tuple[int, int]] = ()
    ) -> list[TermMatch]:
        """Terms of the Arabic (first occurrence of each) none of whose English forms the
        translation contains."""
        found: set[str] = set()
        for _, _, key, _ in self._english.occurrences(english):
            found |= self._english.owners[key]
        out: list[TermMatch] = []
        seen: set[str] = set()
        for m in self.find_terms(arabic, skip=skip):
            if m.term.id in seen:
                continue
            seen.add(m.term.id)
            if m.term.id not in found:
                out.append(m)
        return out

    def _english_hits(
        self, english: str, present: frozenset[str], names_en: Iterable[str]
    ) -> tuple[list[tuple[int, int, tuple[str, ...], list[tuple[int, int, str]]]], list[tuple[int, int]], list[tuple[int, int]]]:
        """(occurrences, token ranges of supported occurrences, token ranges of names)."""
        occ = self._english.occurrences(english)
        name_ranges = _name_ranges(english, names_en)
        supported: list[tuple[int, int]] = []
        for i, n, key, _ in occ:
            if self._english.owners[key] & present:
                supported.append((i, i + n))
        return occ, supported, name_ranges

    def unsupported_in_english(
        self, arabic: str, english: str, *, names_en: Iterable[str] = ()
    ) -> list[EnglishHit]:
        """English forms of `both` rows in the translation that no Arabic form supports: no row
        listing the form has a form in the Arabic. One hit per form, at its first occurrence.

        An occurrence inside a longer supported one is supported (`minister` in `prime minister`
        when the Arabic says رئيس الوزراء); occurrences inside `names_en` (English names that
        the name checks cover, such as "Popular Mobilization Forces") are not checked, nor is a
        person's title written right before a name ("President Hadi's government" for حكومة هادي,
        "President Sisi said" for وقال السيسي: translators name a head of state so).
        """
        return self.english_flags(arabic, english, names_en=names_en)[0]

    def opposite_in_english(
        self, arabic: str, english: str, *, names_en: Iterable[str] = ()
    ) -> list[EnglishHit]:
        """English forms, of rows checked either way, that say the opposite of the Arabic: a (non-weak)
        form of a row whose opposite (`summarizer/data/opposites.tsv`) the Arabic has, where no row
        listing the form has a form in the Arabic ("prices fell" for ارتفعت الأسعار). One hit per form,
        at its first occurrence; occurrences inside a supported one or inside `names_en` are not read."""
        return self.english_flags(arabic, english, names_en=names_en)[1]

    def english_flags(
        self, arabic: str, english: str, *, names_en: Iterable[str] = ()
    ) -> tuple[list[EnglishHit], list[EnglishHit]]:
        """(`unsupported_in_english`, `opposite_in_english`) from one reading of the Arabic and the English."""
        present = self.present(arabic)
        against = {o for t in present for o in self._opposites.get(t, ())}
        # a row's weak forms are too loose to say its opposite ("fall": autumn, a government's fall)
        saying = {
            tuple(english_words(f)) for t in against for f in self._by_id[t].english if f not in self._by_id[t].weak_english
        }
        occ, supported, names = self._english_hits(english, present, names_en)
        unsupported: list[EnglishHit] = []
        opposite: list[EnglishHit] = []
        seen_unsupported: set[tuple[str, ...]] = set()
        seen_opposite: set[tuple[str, ...]] = set()
        for i, n, key, toks in occ:
            owners = self._english.owners[key]
            if owners & present or any(a <= i and i + n <= z for a, z in (*supported, *names)):
                continue
            base = self._english.base[key]
            start, end = toks[i][0], toks[i + n - 1][1]
            hit = EnglishHit(start, end, english[start:end], " ".join(key), tuple(sorted(owners)))
            if base in self._english.checked and key not in seen_unsupported and not (
                english[start].isupper() and self._is_role(key)
                and (any(a == i + n for a, _ in names) or (i + n < len(toks) and english[toks[i + n][0]].isupper()))
            ):
                seen_unsupported.add(key)
                unsupported.append(hit)
            if base in saying and key not in seen_opposite:
                seen_opposite.add(key)
                opposite.append(hit)
        return unsupported, opposite

    def _is_role(self, key: tuple[str, ...]) -> bool:
        """Whether an English form belongs to a row of people's roles and titles (president, king)."""
        return any((term := self.get(owner)) is not None and term.category == "role" for owner in self._english.owners[key])

    def unverified_words(
        self, arabic: str, english: str, *, names_en: Iterable[str] = ()
    ) -> list[str]:
        """Content words of the translation that no check covers, as written, once each.

        Covered: stopwords and number words (the number check's business), digits, words of an
        English form whose row has a form in the Arabic, and words of `names_en` (names the name
        checks verified).
        """
        present = self.present(arabic)
        _, supported, names = self._english_hits(english, present, names_en)
        toks = _english_tokens(english)
        covered = [False] * len(toks)
        for a, z in [*supported, *names]:
            for k in range(a, z):
                covered[k] = True
        out: list[str] = []
        seen: set[str] = set()
        for k, (s, e, w) in enumerate(toks):
            if covered[k] or w in _STOPWORDS or len(w) < 3 or not re.search(r"[a-z]", w):
                continue
            if w not in seen:
                seen.add(w)
                out.append(english[s:e])
        return out


@lru_cache(maxsize=1)
def _default() -> TermLexicon:
    return TermLexicon(_builtin_terms(), _builtin_opposites())
