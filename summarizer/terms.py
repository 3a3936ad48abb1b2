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
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .arabic import ENDINGS, PROCLITICS, FoldedText, PhraseIndex, PhraseMatch, fold_words
from .errors import ConfigurationError

__all__ = [
    "CATEGORIES",
    "CHECKS",
    "EnglishHit",
    "Term",
    "TermLexicon",
    "TermMatch",
    "english_words",
]

#: Allowed values of the `check` column.
CHECKS = frozenset({"both", "ar"})

#: Allowed values of the `category` column.
CATEGORIES = frozenset(
    {
        # closed classes
        "weekday", "month", "month_hijri", "ordinal", "direction", "election_kind",
        # open vocabulary
        "time", "election", "politics", "diplomacy", "law", "security", "violence", "military",
        "weapon", "transport", "disaster", "weather", "environment", "health", "economy",
        "energy", "agriculture", "infrastructure", "society", "education", "religion", "media",
        "sport", "people", "role", "unit", "geography", "reporting", "other",
    }
)

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_fold_form = lru_cache(maxsize=65536)(fold_words)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[a-z0-9]")


# --- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One concept of the lexicon."""

    id: str
    category: str
    #: Arabic forms as written in the data, weak ones without their `?`.
    arabic: tuple[str, ...]
    #: The weak Arabic forms (a subset of `arabic`).
    weak_arabic: frozenset[str]
    #: Accepted English forms, lower-case, canonical first, weak ones without their `?`.
    english: tuple[str, ...]
    #: The weak English forms (accepted, never checked in reverse).
    weak_english: frozenset[str]
    check: str
    source: str = ""
    line: int = 0

    @property
    def canonical(self) -> str:
        """The English rendering given to the model as a hint."""
        return self.english[0]


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


def _split_forms(col: str) -> list[tuple[str, bool]]:
    out = []
    for raw in col.split("|"):
        raw = raw.strip()
        weak = raw.startswith("?")
        out.append((raw[1:].strip() if weak else raw, weak))
    return out


def _parse(text: str, source: str) -> list[Term]:
    """Rows of a lexicon file; a malformed row raises ConfigurationError naming FILE:LINE."""
    rows: list[Term] = []
    ids: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue

        def bad(why: str, line_no: int = line_no) -> ConfigurationError:
            return ConfigurationError(f"{source}:{line_no}: {why}")

        if len(row) != 5:
            raise bad(f"expected 5 tab-separated columns (id, category, arabic, english, check), got {len(row)}")
        term_id, category, arabic_col, english_col, check = (c.strip() for c in row)
        if not _ID.match(term_id):
            raise bad(f"id {term_id!r} must be lower-case ASCII letters, digits and _")
        if term_id in ids:
            raise bad(f"id {term_id!r} already used on line {ids[term_id]}")
        ids[term_id] = line_no
        if category not in CATEGORIES:
            raise bad(f"unknown category {category!r} (one of {', '.join(sorted(CATEGORIES))})")
        if check not in CHECKS:
            raise bad(f"check must be 'both' or 'ar', got {check!r}")
        arabic, weak_ar = [], set()
        for form, weak in _split_forms(arabic_col):
            if not form:
                raise bad("empty Arabic form")
            if not _ARABIC_LETTER.search(form) or re.search(r"[A-Za-z]", form):
                raise bad(f"Arabic form {form!r} must be in Arabic script")
            if not _fold_form(form):
                raise bad(f"Arabic form {form!r} folds to nothing")
            if form not in arabic:
                arabic.append(form)
                if weak:
                    weak_ar.add(form)
            elif not weak:
                weak_ar.discard(form)  # written both ways: the plain form wins
        english, weak_en = [], set()
        for i, (form, weak) in enumerate(_split_forms(english_col)):
            if not form:
                raise bad("empty English form")
            if _ARABIC_LETTER.search(form) or form != form.lower() or not _LATIN.search(form):
                raise bad(f"English form {form!r} must be lower-case Latin script")
            if i == 0 and weak:
                raise bad("the first English form is the canonical rendering and cannot be weak")
            if not english_words(form):
                raise bad(f"English form {form!r} has no word")
            if form not in english:
                english.append(form)
                if weak:
                    weak_en.add(form)
            elif not weak:
                weak_en.discard(form)
        rows.append(
            Term(
                term_id, category, tuple(arabic), frozenset(weak_ar), tuple(english),
                frozenset(weak_en), check, source, line_no,
            )
        )
    return rows


# --- Arabic matching -------------------------------------------------------------------------

_ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
    term: Term
    written: str
    weak: bool


def _form_keys(written: str) -> list[tuple[str, ...]]:
    """Folded word sequences a written form matches: ال optional on each word written without it."""
    words = written.split()
    folded = _fold_form(written)
    if len(words) != len(folded):  # punctuation inside a form: match it as folded, no variants
        return [folded]
    options: list[list[str]] = []
    for w, f in zip(words, folded, strict=True):
        if w.startswith(_ARTICLE) or not _ARABIC_LETTER.match(w):
            options.append([f])
        else:
            options.append([f, _ARTICLE + f])
    keys: list[tuple[str, ...]] = [()]
    for opts in options:
        keys = [k + (o,) for k in keys for o in opts]
    return keys


def _phrase_index(terms: Sequence[Term]) -> PhraseIndex[_Form]:
    """The Arabic forms of the rows as one phrase index (`arabic.PhraseIndex` with `Endings`).

    A key written in the data beats a generated ال variant of another row's form; two rows of one
    file writing the same form is an error; a later file (a user file) takes a key over.
    """
    by_key: dict[tuple[str, ...], tuple[_Form, bool]] = {}
    for term in terms:
        for written in term.arabic:
            weak = written in term.weak_arabic
            for n, key in enumerate(_form_keys(written)):
                explicit = n == 0
                prev = by_key.get(key)
                if prev is not None:
                    old, old_explicit = prev
                    if old.term.id == term.id or old.term.source == term.source:
                        if old_explicit and explicit and old.term.id != term.id:
                            raise ConfigurationError(
                                f"{term.source}:{term.line}: Arabic form {written!r} already belongs to "
                                f"{old.term.id!r} (line {old.term.line})"
                            )
                        if old_explicit and not explicit:
                            continue
                by_key[key] = (_Form(key, term, written, weak), explicit)
    index: PhraseIndex[_Form] = PhraseIndex(PROCLITICS, endings=ENDINGS)
    for key, (form, _) in by_key.items():
        index.add(key, form)
    return index


def _scan(index: PhraseIndex[_Form], text: str) -> tuple[list[tuple[int, int, _Form]], set[str]]:
    """(longest-first matches as (start, end, form), ids of every term present anywhere).

    Matches go left to right, the longest form winning at each word (weak forms included, so that
    a weak phrase shadows the words inside it); the set counts every form at every word, weak and
    overlapped ones too.
    """
    folded = FoldedText(text)
    present: set[str] = set()
    best_at: list[PhraseMatch[_Form] | None] = []
    for i in range(len(folded)):
        best: PhraseMatch[_Form] | None = None
        for match in index.matches_at(folded, i):
            present.add(match.value.term.id)
            if best is None or match.n > best.n:
                best = match
        best_at.append(best)
    out: list[tuple[int, int, _Form]] = []
    i = 0
    while i < len(folded):
        hit = best_at[i]
        if hit is None:
            i += 1
            continue
        out.append((*folded.original_span(hit), hit.value))
        i += hit.n
    return out, present


# --- English matching ------------------------------------------------------------------------

_EN_TOKEN = re.compile(r"[^\W_]+(?:['’‘][^\W_]+)*")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´"), None)


def _norm_en(token: str) -> str:
    token = unicodedata.normalize("NFKD", token.translate(_APOSTROPHES))
    return "".join(c for c in token if not unicodedata.combining(c)).lower()


def english_words(text: str) -> list[str]:
    """The normalised words of an English text or form (lower-case, apostrophes dropped)."""
    return list(_english_words(text))


@lru_cache(maxsize=65536)
def _english_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (_norm_en(m.group()) for m in _EN_TOKEN.finditer(text)) if w)


def _english_tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _EN_TOKEN.finditer(text):
        w = _norm_en(m.group())
        if w:
            out.append((m.start(), m.end(), w))
    return out


def _plurals(word: str) -> list[str]:
    out = [word + "s", word + "es"]
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        out.append(word[:-1] + "ies")
    return out


class _EnglishIndex:
    def __init__(self, terms: Sequence[Term]) -> None:
        explicit: dict[tuple[str, ...], set[str]] = {}
        generated: dict[tuple[str, ...], set[str]] = {}
        singular: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.checked: set[tuple[str, ...]] = set()
        for term in terms:
            for form in term.english:
                key = _english_words(form)
                explicit.setdefault(key, set()).add(term.id)
                if term.check == "both" and form not in term.weak_english:
                    self.checked.add(key)
                for plural in _plurals(key[-1]):
                    pkey = key[:-1] + (plural,)
                    generated.setdefault(pkey, set()).add(term.id)
                    singular.setdefault(pkey, key)
        #: key -> ids of the rows listing it (as written or as a regular plural).
        self.owners: dict[tuple[str, ...], frozenset[str]] = {}
        #: key -> the written form it stands for (a generated plural: its singular).
        self.base: dict[tuple[str, ...], tuple[str, ...]] = {}
        for key, ids in generated.items():
            if key not in explicit:
                self.owners[key] = frozenset(ids)
                self.base[key] = singular[key]
        for key, ids in explicit.items():
            # a written form that is also another row's regular plural ("homes": home, homes) is owned
            # by both rows; it is checked in reverse as the form it is written as
            self.owners[key] = frozenset(ids | generated.get(key, set()))
            self.base[key] = key
        self.max_len = max((len(k) for k in self.owners), default=1)

    def occurrences(self, text: str) -> list[tuple[int, int, tuple[str, ...], list[tuple[int, int, str]]]]:
        """Every occurrence of every form: (first token, token count, key, tokens)."""
        toks = _english_tokens(text)
        words = [t[2] for t in toks]
        out = []
        for i in range(len(words)):
            for n in range(min(self.max_len, len(words) - i), 0, -1):
                key = tuple(words[i : i + n])
                if key in self.owners:
                    out.append((i, n, key, toks))
        return out


# --- the lexicon -----------------------------------------------------------------------------

def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


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
    hundred hundreds thousand thousands million millions billion billions trillion dozen dozens
    """
)


class TermLexicon:
    """The news-term lexicon: Arabic terms, their English, and the checks. Immutable once built."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        merged: dict[str, Term] = {}
        for term in terms:
            merged.pop(term.id, None)  # a user row with a built-in id replaces that row
            merged[term.id] = term
        self._terms = tuple(merged.values())
        self._by_id = {t.id: t for t in self._terms}
        self._arabic = _phrase_index(self._terms)
        self._english = _EnglishIndex(self._terms)

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> TermLexicon:
        """The built-in lexicon (unless `builtin=False`) extended by user files, in order.

        A user row with a built-in id replaces that row; a user row whose Arabic form is already
        known takes that form over. A malformed row raises ConfigurationError naming the file and
        line.
        """
        terms: list[Term] = []
        if builtin:
            terms.extend(_builtin_terms())
        for path in paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigurationError(f"cannot read term lexicon file {path}: {exc}") from exc
            terms.extend(_parse(text, str(path)))
        return cls(terms)

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
        matches, _ = _scan(self._arabic, arabic)
        out = []
        for start, end, form in matches:
            if form.weak or any(start < z and a < end for a, z in skip):
                continue
            out.append(TermMatch(start, end, arabic[start:end], form.term))
        return out

    def present(self, arabic: str) -> set[str]:
        """Ids of every term any of whose forms (weak ones and those inside longer terms
        included) occurs in `arabic`: what the reverse check accepts as support."""
        return _scan(self._arabic, arabic)[1]

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
        self, english: str, present: set[str], names_en: Iterable[str]
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
        the name checks cover, such as "Popular Mobilization Forces") are not checked.
        """
        present = self.present(arabic)
        occ, supported, names = self._english_hits(english, present, names_en)
        out: list[EnglishHit] = []
        seen: set[tuple[str, ...]] = set()
        for i, n, key, toks in occ:
            base = self._english.base[key]
            if base not in self._english.checked or key in seen:
                continue
            if self._english.owners[key] & present:
                continue
            if any(a <= i and i + n <= z for a, z in supported):
                continue
            if any(a <= i and i + n <= z for a, z in names):
                continue
            seen.add(key)
            start, end = toks[i][0], toks[i + n - 1][1]
            out.append(
                EnglishHit(start, end, english[start:end], " ".join(key), tuple(sorted(self._english.owners[key])))
            )
        return out

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


def _name_ranges(english: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Token ranges of the translation occupied by the given English names."""
    words = [t[2] for t in _english_tokens(english)]
    out = []
    for name in names:
        key = english_words(name)
        n = len(key)
        if not n:
            continue
        for i in range(len(words) - n + 1):
            if words[i : i + n] == key:
                out.append((i, i + n))
    return out


def _read_builtin() -> str:
    return resources.files("summarizer").joinpath("data/terms.tsv").read_text(encoding="utf-8")


def _builtin_terms() -> list[Term]:
    return _parse(_read_builtin(), "summarizer/data/terms.tsv")


@lru_cache(maxsize=1)
def _default() -> TermLexicon:
    return TermLexicon(_builtin_terms())
