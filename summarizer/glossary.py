"""A reviewed glossary of news actors and sources that recur in Arabic news.

The data is `summarizer/data/glossary.tsv` (format in docs/glossary.md); user files given with
`Glossary.load(path, ...)` extend it, and a user row whose Arabic form is already known replaces
the built-in entry for that form.

Matching is Arabic-aware (`summarizer.arabic`): the glossary forms are a phrase index, both
they and the article are folded (hamza seats, alef variants, ta marbuta, diacritics, tatweel,
hashtags), and an article word may carry attached conjunctions and prepositions (و ف ب ل ك, وب,
ول, لل = ل + ال). The article (ال) itself is part of a form: `الحماس` is not `حماس`.

A form written with a leading `?` in the data is *weak*: a common word as well as a name
(العربية "Arab"/Al Arabiya, الحدث "the event"/Al Hadath, بترا Petra/the Jordanian agency).
`find` reports a weak form only in brackets or quotes, after a cue word (قناة، وكالة، حركة ...),
or after مع / عن / attached ل; `lookup` accepts it (a name given on its own is meant as a name).

This module also holds English-name matching (`accepts_english`), which the gazetteer shares.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .arabic import PROCLITICS, FoldedText, PhraseIndex, PhraseMatch, fold_words
from .errors import ConfigurationError

__all__ = ["GlossaryEntry", "Glossary", "KINDS", "accepts_english"]

#: Allowed values of the `kind` column.
KINDS = frozenset(
    {"agency", "media", "armed_group", "party", "international_body", "government", "ngo", "other"}
)

# --- English names ---------------------------------------------------------------------------

_DELETE = dict.fromkeys(map(ord, "'’‘ʿʾ`´."), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouy]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{0,5}$")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b|(?<=s)['’](?!\w)")
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "adh", "an", "ed", "er", "es", "et"})


def _ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words: accents and apostrophes dropped, other punctuation a gap."""
    text = unicodedata.normalize("NFKD", text.translate(_DELETE))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return [w for w in _NON_WORD.split(text) if w]


def _skeleton(word: str) -> str:
    """A transliteration-tolerant key: vowels merged, doubled letters and a final h after a vowel dropped."""
    w = _VOWELS.sub("a", word)
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 2 and w.endswith("ah"):
        w = w[:-1]
    return w


def _name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(exact words, skeleton words) of an English name, the leading Arabic article dropped."""
    words = _ascii_words(name)
    if not words:
        return None
    skel = [w for w in words]
    if len(skel) > 1 and skel[0] in _ARTICLES:
        skel = skel[1:]
    return tuple(words), tuple(_skeleton(w) for w in skel)


def _contains(seq: list[str], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return n > 0 and any(tuple(seq[i:i + n]) == sub for i in range(len(seq) - n + 1))


def accepts_english(names: Iterable[str], english_text: str) -> bool:
    """Whether `english_text` mentions one of `names`.

    Case- and punctuation-insensitive whole-word match (`Ma'rib` = `Marib`, `Al-Qassam` =
    `al Qassam`); short all-capital acronyms (UN, IS, AP) must appear in capitals. Names of 4+
    letters also match in a transliteration-tolerant form (vowels merged, doubled letters and a
    final -h dropped, a leading al-/el- ignored), so `Umm Ruwaba` accepts `Um Rawaba`. A name in
    the possessive is a mention ("Sudan's", "the UN's", "the Houthis'").
    """
    # Read as written and with the possessives off: dropping the apostrophe alone made "Sudan's"
    # the word "sudans" (a translation refused for leaving out Sudan, news 018), while "Ra's al-Ayn"
    # is a name written with its apostrophe.
    names = tuple(names)
    without = _POSSESSIVE.sub("", english_text)
    return any(_mentions(names, text) for text in dict.fromkeys((english_text, without)))


def _mentions(names: tuple[str, ...], english_text: str) -> bool:
    words = _ascii_words(english_text)
    skeletons: list[str] | None = None
    caps = re.findall(r"[A-Za-z0-9]+", english_text.translate(_DELETE))
    for name in names:
        if _ACRONYM.match(name.translate(_DELETE)):
            if name.translate(_DELETE) in caps:
                return True
            continue
        keys = _name_keys(name)
        if keys is None:
            continue
        exact, skel = keys
        if _contains(words, exact):
            return True
        if sum(map(len, exact)) >= 4:
            if skeletons is None:
                skeletons = [_skeleton(w) for w in words if w not in _ARTICLES]
            if _contains(skeletons, skel):
                return True
    return False


# --- glossary --------------------------------------------------------------------------------

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# A weak form counts after one of these words, or right after مع / عن, or with ل attached.
_CUES = frozenset(
    fold_words(
        "قناة قنوات وكالة وكالتي صحيفة موقع شبكة تلفزيون إذاعة حركة جماعة تنظيم حزب فصيل منظمة مراسل"
    )
)
_PREPOSITIONS = frozenset(fold_words("مع عن"))
_OPEN = "\"'«“‘(["
_CLOSE = "\"'»”’)]"


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One actor or source: its Arabic forms, English name and accepted English variants."""

    arabic: tuple[str, ...]
    english: str
    variants: tuple[str, ...]
    kind: str
    country: str | None

    def english_names(self) -> tuple[str, ...]:
        """The canonical English name followed by the accepted variants."""
        return (self.english, *self.variants)


@dataclass(frozen=True, slots=True)
class _Form:
    entry: GlossaryEntry
    weak: bool


def _parse(text: str, source: str) -> list[tuple[int, GlossaryEntry, frozenset[str]]]:
    """Rows of a glossary file: (line number, entry, weak folded forms)."""
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue

        def bad(why: str) -> ConfigurationError:
            return ConfigurationError(f"{source}:{line_no}: {why}")

        if len(row) < 4 or len(row) > 5:
            raise bad(f"expected 4 or 5 tab-separated columns (arabic, english, variants, kind[, country]), got {len(row)}")
        arabic_col, english, variants_col, kind = (c.strip() for c in row[:4])
        country = row[4].strip() if len(row) == 5 else ""
        forms, weak = [], set()
        for raw in arabic_col.split("|"):
            raw = raw.strip()
            is_weak = raw.startswith("?")
            form = raw[1:].strip() if is_weak else raw
            if not form:
                raise bad("empty Arabic form")
            if not _ARABIC_LETTER.search(form):
                raise bad(f"Arabic form {form!r} has no Arabic letter")
            forms.append(form)
            if is_weak:
                weak.add(" ".join(fold_words(form)))
        if not english or not _LATIN_LETTER.search(english) or _ARABIC_LETTER.search(english):
            raise bad(f"English name {english!r} must be in Latin script")
        variants = tuple(v.strip() for v in variants_col.split("|") if v.strip())
        for v in variants:
            if not _LATIN_LETTER.search(v) or _ARABIC_LETTER.search(v):
                raise bad(f"English variant {v!r} must be in Latin script")
        if kind not in KINDS:
            raise bad(f"unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
        if country and not _COUNTRY.match(country):
            raise bad(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
        entry = GlossaryEntry(tuple(forms), english, variants, kind, country or None)
        rows.append((line_no, entry, frozenset(weak)))
    return rows


class Glossary:
    """Arabic-aware lookup of known actors and sources. Immutable once built."""

    def __init__(self, rows: Iterable[tuple[str, int, GlossaryEntry, frozenset[str]]] = ()) -> None:
        # folded form -> (entry, weak); a later row overrides an earlier one for the same form.
        by_form: dict[str, tuple[GlossaryEntry, bool]] = {}
        origin: dict[str, tuple[str, int]] = {}
        for source, line_no, entry, weak in rows:
            seen_here: set[str] = set()
            for form in entry.arabic:
                key = " ".join(fold_words(form))
                if not key:
                    raise ConfigurationError(f"{source}:{line_no}: Arabic form {form!r} folds to nothing")
                if key in seen_here:
                    continue
                seen_here.add(key)
                prev = origin.get(key)
                if prev is not None and prev[0] == source and by_form[key][0] != entry:
                    raise ConfigurationError(
                        f"{source}:{line_no}: Arabic form {form!r} already belongs to "
                        f"{by_form[key][0].english!r} (line {prev[1]})"
                    )
                by_form[key] = (entry, key in weak)
                origin[key] = (source, line_no)
        self._by_form = by_form
        self._index: PhraseIndex[_Form] = PhraseIndex(PROCLITICS)
        for key, (entry, weak) in by_form.items():
            self._index.add(tuple(key.split(" ")), _Form(entry, weak))
        seen: dict[int, GlossaryEntry] = {}
        for entry, _ in by_form.values():
            seen.setdefault(id(entry), entry)
        self._entries = tuple(seen.values())

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> Glossary:
        """The built-in glossary (unless `builtin=False`) extended by user files, in order.

        A user row whose Arabic form is already known takes that form over; a malformed row raises
        ConfigurationError naming the file and line.
        """
        rows: list[tuple[str, int, GlossaryEntry, frozenset[str]]] = []
        if builtin:
            rows.extend(_builtin_rows())
        for path in paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigurationError(f"cannot read glossary file {path}: {exc}") from exc
            rows.extend((str(path), n, e, w) for n, e, w in _parse(text, str(path)))
        return cls(rows)

    @classmethod
    def default(cls) -> Glossary:
        """The built-in glossary (cached)."""
        return _default()

    # --- queries ------------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        """Every entry, once."""
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> list[tuple[int, int, GlossaryEntry]]:
        """Mentions of glossary entries in `text`: (start, end, entry), offsets into `text`.

        Left to right, the longest form wins at each position (`arabic.PhraseIndex`); a span starts
        after any attached conjunction or preposition (for `لل` it starts at the second ل).
        """
        folded = FoldedText(text)

        def counts(match: PhraseMatch[_Form]) -> bool:
            return not match.value.weak or self._weak_ok(folded, match)

        return [
            (*folded.original_span(match), match.value.entry) for match in self._index.scan(folded, accept=counts)
        ]

    @staticmethod
    def _weak_ok(text: FoldedText, match: PhraseMatch[_Form]) -> bool:
        """Whether a weak form is meant as the name here: quoted, after ل, a cue word, مع or عن."""
        start, end = text.original_span(match)
        before = text.original[:start].rstrip()
        after = text.original[end:].lstrip()
        if before and after and before[-1] in _OPEN and after[0] in _CLOSE:
            return True
        words, i = text.words, match.first
        if match.cut and words[i][:match.cut].endswith("ل"):
            return True
        if i > 0:
            prev = {v for v, _ in PROCLITICS.readings(words[i - 1])}
            if prev & _CUES or words[i - 1] in _PREPOSITIONS:
                return True
        return False

    def lookup(self, name_ar: str) -> GlossaryEntry | None:
        """The entry a name (as copied from an article) refers to, or None.

        The whole name must be a known form, after folding, stripping attached clitics and a
        leading cue word (`وكالة "سانا"` is سانا). A name with a parenthesised part
        (`منظمة الأمم المتحدة للطفولة (يونيسف)`) is found when either part is known and the
        parts do not name different entries.
        """
        parts = [p for p in re.split(r"[()\[\]]", name_ar) if p.strip()]
        if len(parts) > 1:
            found = {self._lookup_one(p) for p in parts} - {None}
            whole = self._lookup_one(name_ar)
            if whole is not None:
                return whole
            return found.pop() if len(found) == 1 else None
        return self._lookup_one(name_ar)

    def _lookup_one(self, name: str) -> GlossaryEntry | None:
        words = list(fold_words(name))
        if not words:
            return None
        for drop_cue in (False, True):
            if drop_cue:
                if len(words) < 2 or not ({v for v, _ in PROCLITICS.readings(words[0])} & _CUES):
                    break
                words = words[1:]
            for variant, _ in PROCLITICS.readings(words[0]):
                hit = self._by_form.get(" ".join([variant, *words[1:]]))
                if hit is not None:
                    return hit[0]
        return None

    def accepts(self, entry_or_place: Any, english_text: str) -> bool:
        """Whether `english_text` mentions the entry's (or place's) English name or a variant.

        Takes a GlossaryEntry, or any object with `name_en` (and optionally `names_en`), such as a
        gazetteer Place. See `accepts_english` for the matching rules.
        """
        if isinstance(entry_or_place, GlossaryEntry):
            names: tuple[str, ...] = entry_or_place.english_names()
        else:
            names = (entry_or_place.name_en, *getattr(entry_or_place, "names_en", ()))
        return accepts_english(names, english_text)


def _read_builtin() -> str:
    return resources.files("summarizer").joinpath("data/glossary.tsv").read_text(encoding="utf-8")


def _builtin_rows() -> list[tuple[str, int, GlossaryEntry, frozenset[str]]]:
    source = "summarizer/data/glossary.tsv"
    return [(source, n, e, w) for n, e, w in _parse(_read_builtin(), source)]


@lru_cache(maxsize=1)
def _default() -> Glossary:
    return Glossary(_builtin_rows())


def iter_forms(glossary: Glossary) -> Iterator[tuple[str, GlossaryEntry]]:
    """(folded form, entry) pairs of a glossary, for checks and tools."""
    for key, (entry, _) in glossary._by_form.items():
        yield key, entry
